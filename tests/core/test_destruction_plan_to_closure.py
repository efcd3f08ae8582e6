"""Destroying a case takes issue 18's rows with it — the plan's reviews with their comments,
goal judgements, network meetings with who attended, the children a statement is about — and
the destruction report names each in words, not counted in with "other rows"."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from jeugdtool.cases import consultants
from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.destruction import Ground
from jeugdtool.cases.staff import single_user
from jeugdtool.dossier.network_models import NetworkMeeting
from jeugdtool.dossier.network_models import NetworkMeetingAttendee
from jeugdtool.framework import moments
from jeugdtool.framework import plan_approval
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.models import StatementChild
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.plan_models import GoalJudgement
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.models import Base
from jeugdtool.store import team_sql
from jeugdtool.store.uow import UnitOfWork

DAY = dt.date(2026, 6, 1)
NEW_TABLES = (
    "plan_approvals",
    "plan_approval_comments",
    "goal_judgements",
    "network_meetings",
    "network_meeting_attendees",
    "statement_children",
)


def _fill(uow: UnitOfWork, case_id: int) -> None:
    """A row in each new table: through the services where they exist, else as rows."""
    child = members.add_person(
        uow, case_id, {"first_name": "Noa", "last_name": "Weg", "role": "child"}
    ).value
    moment = moments.start_moment(uow, case_id, author="A. de Boer", held_on=DAY).value
    danger = statements.add_statement(
        uow, moment.id, StatementType.DANGER, {"text": "Noa is niet veilig thuis"}
    ).value
    draft = plans.start_draft(uow, case_id).value
    plans.add_agreement(uow, draft.id, {"what": "Oma haalt Noa op"})
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="Toets", today=DAY)
    boer = single_user(consultants.add_consultant(uow, "A. de Boer").value)
    waiting = plan_approval.submit(uow, draft.id, by=boer, today=DAY).value
    comment = CommentInput("plan", "", "", "Wie let er op?")
    plan_approval.decide(
        uow, waiting.id, approve=False, by=boer, decided_by="R. Visser", comments=[comment]
    )
    with uow:
        owned = {"household_id": case_id}
        meeting = NetworkMeeting(**owned, held_on=DAY, place="Buurthuis")
        uow.session.add(meeting)
        uow.session.flush()
        uow.session.add_all(
            [
                NetworkMeetingAttendee(
                    **owned, meeting_id=meeting.id, source_kind="other", source_label="Oma"
                ),
                GoalJudgement(**owned, goal_lineage="g1", judged_on=DAY, judgement="met"),
            ]
        )
        named = select(StatementChild.id).where(StatementChild.statement_id == danger.id)
        if uow.session.scalar(named) is None:  # not named by the statement's service already
            uow.session.add(StatementChild(**owned, statement_id=danger.id, person_id=child.id))
        uow.commit()


def test_destruction_names_every_part_of_the_plan_to_closure(uow: UnitOfWork) -> None:
    case = households.create_case(
        uow, name="Gezin Weg", case_number="2026-0066", opened_on=DAY
    ).value
    _fill(uow, case.id)
    households.close_case(uow, case.id, "Hulp afgerond", dt.date(2026, 11, 20))
    done = destruction.destroy_case(
        uow, "2026-0066", "Bewaartermijn verstreken", Ground.RETENTION, by=""
    )
    lines = dict(destruction.summary(done))
    for table in NEW_TABLES:
        assert done.removed.get(table), table
        assert lines[_(destruction.PART_LABELS[table])] == done.removed[table], table
    assert set(NEW_TABLES) <= set(team_sql.case_tables(Base.metadata))
