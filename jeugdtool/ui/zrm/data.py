"""Everything the ZRM page shows, read through the services in one go (no Qt here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import assessments
from jeugdtool.zrm import library
from jeugdtool.zrm import reading
from jeugdtool.zrm.compare import HeatRow
from jeugdtool.zrm.compare import latest_per_person
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.zrm.domain_form import PlanItem

PLAN_LABEL_LENGTH = 70


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= PLAN_LABEL_LENGTH else line[: PLAN_LABEL_LENGTH - 1] + "…"


@dataclass(frozen=True)
class ZrmData:
    case: CaseDetail
    matrices: tuple[Matrix, ...]
    #: The case's assessments, oldest first.
    assessments: tuple[AssessmentDTO, ...]
    #: Who the page lists: those who may be assessed, and anyone who already was.
    persons: tuple[PersonDTO, ...]
    #: Household members left out because the ZRM is for adults here.
    hidden_young: int
    plan_items: tuple[PlanItem, ...]
    allow_youth: bool
    #: Why nothing may change although the case is open (the database may only be read);
    #: None when the case's status alone decides.
    locked_note: str | None = None

    @property
    def open(self) -> bool:
        """Whether assessments may be started and changed here."""
        return self.case.household.status == CaseStatus.OPEN and self.locked_note is None

    def matrix(self, matrix_id: str) -> Matrix | None:
        return next((m for m in self.matrices if m.id == matrix_id), None)

    def of_person(self, person_id: int | None) -> list[AssessmentDTO]:
        """The person's assessments, newest first."""
        mine = [a for a in self.assessments if a.person_id == person_id]
        return sorted(mine, key=lambda a: (a.assessed_on, a.id), reverse=True)

    def assessment(self, assessment_id: int | None) -> AssessmentDTO | None:
        return next((a for a in self.assessments if a.id == assessment_id), None)

    def person(self, person_id: int | None) -> PersonDTO | None:
        return next((p for p in self.persons if p.id == person_id), None)

    def heat_rows(self) -> tuple[HeatRow, ...]:
        people = [(p.id, p.full_name) for p in self.persons]
        return latest_per_person(people, self.assessments)


def _plan_items(
    goals: list[tuple[str, str]], agreements: list[tuple[str, int, str]]
) -> tuple[PlanItem, ...]:
    """The case's safety goals (newest mapping moment) and the agreements of its current plan."""
    items = [
        PlanItem(lineage, _("Safety goal {n}: {text}").format(n=n, text=_short(text)))
        for n, (lineage, text) in enumerate(goals, 1)
    ]
    items += [
        PlanItem(lineage, _("Agreement {n}: {text}").format(n=position, text=_short(what)))
        for lineage, position, what in agreements
    ]
    return tuple(items)


def _persons(
    case: CaseDetail, found: tuple[AssessmentDTO, ...], allow_youth: bool
) -> tuple[PersonDTO, ...]:
    """Those who may be assessed, and anyone who already was."""
    assessed = {a.person_id for a in found}
    today = dt.date.today()
    return tuple(
        p
        for p in case.persons
        if p.id in assessed or assessments.eligible(p.role.value, p.birth_date, today, allow_youth)
    )


def _locked(found: tuple[AssessmentDTO, ...], locked_note: str | None) -> tuple[AssessmentDTO, ...]:
    if locked_note is not None:  # every view asks the assessment whether it can change
        found = tuple(replace(a, editable=False) for a in found)
    return found


def load(
    uow: UnitOfWork,
    case_id: int,
    allow_youth: bool,
    locked_note: str | None = None,
    *,
    case: CaseDetail | None = None,
) -> ZrmData:
    """Raises NotFound when the case is gone. `locked_note`: nothing may change, and why.
    `case`: the case as just read by the caller (the workspace has it), else read here."""
    if case is None:
        case = queries.get_case(uow, case_id)
    open_case = case.household.status == CaseStatus.OPEN
    names = {p.id: p.full_name for p in case.persons}
    # One unit of work (one transaction: on PostgreSQL each is a round trip more), and the
    # case as just read: whether it is open and who its persons are are not read again.
    with uow:
        found = reading.case_assessments_in(uow, case_id, open_case, names=names)
        matrices = tuple(library.matrices_in(uow).values())
        goals, agreements = reading.plan_link_targets_in(uow, case_id)
    found = _locked(found, locked_note)
    persons = _persons(case, found, allow_youth)
    return ZrmData(
        case=case,
        matrices=matrices,
        assessments=found,
        persons=persons,
        hidden_young=len(case.persons) - len(persons),
        plan_items=_plan_items(goals, agreements),
        allow_youth=allow_youth,
        locked_note=locked_note,
    )


def with_assessments(uow: UnitOfWork, data: ZrmData) -> ZrmData:
    """`data` with the case's assessments read again: all a change of assessments or of their
    domains alters (the case, its plan's goals and agreements and the matrices stay).
    Raises NotFound when the case is gone."""
    case_id = data.case.household.id
    # The domains not changed since (all but the one just typed) are kept as they were.
    known = {d.id: d for a in data.assessments for d in a.domains if d.id is not None}
    names = {p.id: p.full_name for p in data.case.persons}  # as the page read them
    found = reading.list_assessments(uow, case_id, known=known, names=names)
    found = _locked(found, data.locked_note)
    persons = _persons(data.case, found, data.allow_youth)
    return replace(
        data,
        assessments=found,
        persons=persons,
        hidden_young=len(data.case.persons) - len(persons),
    )
