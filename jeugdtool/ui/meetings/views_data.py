"""What presentation mode shows of one case, read through the services in one go (no Qt here),
and the name mask that 'hide names' puts over all of it."""

from __future__ import annotations

from dataclasses import dataclass

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.framework import child_voice
from jeugdtool.framework import moments
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.child_voice_dto import StoryDTO
from jeugdtool.framework.child_voice_dto import ThreeHousesDTO
from jeugdtool.framework.dto import MomentDetail
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import ReviewDTO
from jeugdtool.framework.plan_dto import ReviewResultDTO
from jeugdtool.framework.relations import member_relation
from jeugdtool.framework.relations import person_relation
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.meetings.names import NameMask
from jeugdtool.meetings.names import Person
from jeugdtool.meetings.names import mask_for
from jeugdtool.outcomes import help as help_deployed
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.dto import HelpWarning
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import assessments
from jeugdtool.zrm import library
from jeugdtool.zrm.compare import HeatRow
from jeugdtool.zrm.compare import latest_per_person
from jeugdtool.zrm.definitions import Matrix


@dataclass(frozen=True)
class CaseData:
    """One agenda case as the big screen shows it."""

    case: CaseDetail
    moment: MomentDetail | None
    #: Danger statements, safety goals and bottom lines (and harm) of the newest moment.
    statements: tuple[StatementDTO, ...]
    history: ScoreHistory
    plan: PlanDetail | None
    #: Per agreement lineage: how it was kept at the last review that looked at it.
    kept: dict[str, ReviewResultDTO]
    last_review: ReviewDTO | None
    #: The newest ZRM assessment per household member (empty: no ZRM yet).
    zrm_rows: tuple[HeatRow, ...]
    matrices: tuple[Matrix, ...]
    #: The help deployed and its warnings (the reflection on the cheapest adequate help).
    help: tuple[HelpItemDTO, ...] = ()
    help_warnings: tuple[HelpWarning, ...] = ()
    #: The children's Three Houses (newest first per child) and their stories.
    three_houses: tuple[ThreeHousesDTO, ...] = ()
    stories: tuple[StoryDTO, ...] = ()

    @property
    def has_zrm(self) -> bool:
        return any(row.latest is not None for row in self.zrm_rows)


def load_case(uow: UnitOfWork, case_id: int) -> CaseData:
    """Raises NotFound when the case is gone."""
    case = queries.get_case(uow, case_id)
    moment = moments.latest_moment(uow, case_id)
    found = statements.list_statements(uow, moment.moment.id) if moment is not None else ()
    reviews = plan_reviews.list_reviews(uow, case_id)
    zrm = assessments.list_assessments(uow, case_id)
    assessed = {a.person_id for a in zrm}
    people = [(p.id, p.full_name) for p in case.persons if p.id in assessed]
    return CaseData(
        case=case,
        moment=moment,
        statements=tuple(found),
        history=scale.score_history(uow, case_id),
        plan=plans.current_plan(uow, case_id),
        kept=plan_reviews.last_results(uow, case_id),
        last_review=reviews[0] if reviews else None,
        zrm_rows=latest_per_person(people, zrm) if zrm else (),
        matrices=library.matrices(uow) if zrm else (),
        help=tuple(help_deployed.list_help(uow, case_id)),
        help_warnings=tuple(help_deployed.help_warnings(uow, case_id)),
        three_houses=child_voice.list_three_houses(uow, case_id),
        stories=child_voice.list_stories(uow, case_id),
    )


def name_mask(case: CaseDetail, meeting: MeetingDetail, *, enabled: bool) -> NameMask:
    """Household members (their role), network members (their relation) and the invited
    partners (their organisation). A role may name someone too ("mentor van Daan"), so the
    roles are masked before they become labels."""
    people = [Person(p.full_name, person_relation(p)) for p in case.persons]
    people += [Person(n.name, member_relation(n)) for n in case.network]
    people += [Person(p.name, p.organisation) for p in meeting.participants if p.kind == "partner"]
    return mask_for(people, enabled=enabled)
