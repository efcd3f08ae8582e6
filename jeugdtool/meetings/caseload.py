"""The caseload: per consultant their open cases, plans, reviews and follow-ups; and the plan
columns of the case list.

It reads the safety plan (framework) and the meetings' follow-ups, so it lives at the top of the
core. Reading is a fixed handful of flat queries whatever the number of cases; the counts are
pure functions over the rows read (`consultant_loads`), tested without a database.

- A case's **plan state** is that of its newest version (as `plans.current_plan` takes it: a
  draft when one is being written), and whether any version was ever finalised.
- The **next review** and whether it is **overdue** come from `plan_reviews.reviews_due`: the
  newest finalised version's next review date, overdue when it passed without a review since.
- The plan's **review** (toetsing: submitted, returned, approved, re-review overdue) comes from
  `plan_approval.statuses_in`, in two more queries (`PlanColumns.approval`).
- The dossier's **reminders** join the case list's marker and count on the caseload: meldcode
  steps open past the organisation's term, verwijsindex signals expiring or expired.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import TeamMember
from jeugdtool.cases.queries import of_cases
from jeugdtool.cases.queries import wanted_cases
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.dossier.dto import MeldcodeReminder
from jeugdtool.dossier.dto import VerwijsindexReminder
from jeugdtool.dossier.meldcode import meldcode_reminders
from jeugdtool.dossier.verwijsindex import verwijsindex_reminders
from jeugdtool.folding import fold
from jeugdtool.framework import plan_approval
from jeugdtool.framework import plan_reviews
from jeugdtool.framework.plan_approval_dto import NO_PLAN_STATUS
from jeugdtool.framework.plan_approval_dto import PlanStatusDTO
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings.models import FollowUp
from jeugdtool.store.uow import UnitOfWork


@dataclass(frozen=True)
class PlanState:
    """Where a case's safety plan stands."""

    #: The status of the newest version (None: no plan yet).
    newest: PlanStatus | None = None
    #: A version was finalised (the plan in force), also when a newer draft is being written.
    has_final: bool = False

    @property
    def label(self) -> str:
        if self.newest is None:
            return _("No plan")
        if self.newest is PlanStatus.DRAFT and self.has_final:
            return _("Finalised, new draft")
        return self.newest.label

    @property
    def order(self) -> int:
        """For sorting: no plan, draft, finalised with a new draft, finalised."""
        if self.newest is None:
            return 0
        if self.newest is PlanStatus.DRAFT:
            return 2 if self.has_final else 1
        return 3


NO_PLAN = PlanState()


def review_held(next_review: dt.date | None, overdue: bool, today: dt.date) -> bool:
    """The review date passed and a review was held since: the plan names no later date yet
    (shown apart from a date still to come and from an overdue one)."""
    return next_review is not None and next_review < today and not overdue


def review_held_note() -> str:
    """What a passed review date that was kept says (a tooltip)."""
    return _("A review was held on or after this date; the plan names no later review date yet.")


@dataclass(frozen=True)
class PlanColumns:
    """The case list's plan columns of one case."""

    plan: PlanState = NO_PLAN
    #: The next review date of the plan in force (None: none set, or no finalised plan).
    next_review: dt.date | None = None
    review_overdue: bool = False
    #: Why the plan needs attention (overdue review, agreements past their date); "": nothing.
    alert: str = ""
    #: The plan's review (toetsing): its state (draft, submitted, returned, approved, review
    #: overdue …), who approved it when, its re-review date, the due day of a submission.
    approval: PlanStatusDTO = NO_PLAN_STATUS


def plan_states(
    uow: UnitOfWork, case_id: int | None = None, case_ids: Collection[int] | None = None
) -> dict[int, PlanState]:
    """Every case with a plan (or only `case_id`, or those of `case_ids`) → its state, in one
    query."""
    is_final = (PlanVersion.status == PlanStatus.FINAL.value).cast(PlanVersion.number.type)
    newest_stmt = select(
        PlanVersion.household_id,
        func.max(PlanVersion.number).label("number"),
        func.max(is_final).label("finals"),
    )
    newest_stmt = newest_stmt.where(
        *of_cases(PlanVersion.household_id, wanted_cases(case_id, case_ids))
    )
    newest = newest_stmt.group_by(PlanVersion.household_id).subquery()
    rows = uow.session.execute(
        select(newest.c.household_id, PlanVersion.status, newest.c.finals).join(
            PlanVersion,
            (PlanVersion.household_id == newest.c.household_id)
            & (PlanVersion.number == newest.c.number),
        )
    )
    statuses = {s.value: s for s in PlanStatus}
    return {
        case: PlanState(statuses.get(status, PlanStatus.DRAFT), bool(finals))
        for case, status, finals in rows
    }


def meldcode_alert(reminder: MeldcodeReminder) -> str:
    """A meldcode reminder as the case list's marker says it."""
    return ngettext(
        "Meldcode step {step} open for {n} day",
        "Meldcode step {step} open for {n} days",
        reminder.days_open,
    ).format(step=reminder.step, n=reminder.days_open)


def verwijsindex_alert(reminder: VerwijsindexReminder) -> str:
    """A verwijsindex reminder as the case list's marker says it (no child's name: the marker
    shows in lists others may see over a shoulder)."""
    if reminder.expired:
        text = _("Verwijsindex signal expired on {date}: extend or withdraw it")
    else:
        text = _("Verwijsindex signal expires on {date}: extend or withdraw it")
    return text.format(date=format_date_nl(reminder.expires_on))


def dossier_alerts(
    uow: UnitOfWork,
    today: dt.date | None = None,
    case_id: int | None = None,
    case_ids: Collection[int] | None = None,
) -> dict[int, list[str]]:
    """Per open case (or only `case_id`, or those of `case_ids`) the dossier's reminders, as
    the marker says them."""
    alerts: defaultdict[int, list[str]] = defaultdict(list)
    wanted = wanted_cases(case_id, case_ids)
    for reminder in meldcode_reminders(uow, today=today, case_ids=wanted):
        alerts[reminder.household_id].append(meldcode_alert(reminder))
    for signal in verwijsindex_reminders(uow, today=today, case_ids=wanted):
        alerts[signal.household_id].append(verwijsindex_alert(signal))
    return alerts


def list_columns(
    uow: UnitOfWork,
    today: dt.date | None = None,
    case_id: int | None = None,
    *,
    case_ids: Collection[int] | None = None,
) -> dict[int, PlanColumns]:
    """Per case with a plan or a dossier reminder — of every case, or only `case_id` (the case
    overview), or only those of `case_ids` (the rows the case list has loaded, or those a
    change touched) — its plan state, next review, and the attention marker (the plan's and
    the dossier's)."""
    if case_ids is not None and not case_ids:
        return {}
    wanted = wanted_cases(case_id, case_ids)
    return _columns(uow, today, wanted, plan_reviews.reviews_due(uow, today, case_ids=wanted))


def _columns(
    uow: UnitOfWork,
    today: dt.date | None,
    wanted: list[int] | None,
    due: dict[int, plan_reviews.ReviewDue],
) -> dict[int, PlanColumns]:
    """`list_columns` of the `wanted` cases, their reviews (`plan_reviews.reviews_due`) read."""
    day = today or dt.date.today()
    with uow:
        states = plan_states(uow, case_ids=wanted)
        approvals = plan_approval.statuses_in(uow, wanted, day)
    out: dict[int, PlanColumns] = {}
    for case, state in states.items():
        review = due.get(case)
        approval = approvals.get(case, NO_PLAN_STATUS)
        if review is None:
            out[case] = PlanColumns(state, approval=approval)
        else:
            out[case] = PlanColumns(state, review.on, review.overdue, review.alert, approval)
    for case, texts in dossier_alerts(uow, today, case_ids=wanted).items():
        columns = out.get(case, PlanColumns())
        out[case] = replace(columns, alert="; ".join(filter(None, (columns.alert, *texts))))
    return out


def case_columns(uow: UnitOfWork, case_id: int, today: dt.date | None = None) -> PlanColumns:
    """The plan columns of one case, by the case list's rule (no plan: `PlanColumns()`)."""
    return list_columns(uow, today, case_id).get(case_id, PlanColumns())


def case_plan(
    uow: UnitOfWork, case_id: int, today: dt.date | None = None
) -> tuple[PlanColumns, plan_reviews.PlanAlerts]:
    """`case_columns` and `plan_reviews.case_alerts` of one case, what needs attention in its
    plan read once (the case overview shows both)."""
    day = today or dt.date.today()
    review, alerts = plan_reviews.case_review(uow, case_id, day)
    due = {} if review is None else {case_id: review}
    return _columns(uow, day, [case_id], due).get(case_id, PlanColumns()), alerts


def review_countdown(next_review: dt.date | None, overdue: bool, today: dt.date) -> str:
    """How far off the next review is: "3 days overdue", "today", "in 5 days"; "" when there is
    no date, or it passed and a review was held since (`review_held`)."""
    if next_review is None or review_held(next_review, overdue, today):
        return ""
    days = (next_review - today).days
    if overdue:
        late = max(1, -days)
        return ngettext("{n} day overdue", "{n} days overdue", late).format(n=late)
    if days == 0:
        return _("today")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


# ---- the caseload ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadCase:
    """An open case as the caseload shows it."""

    id: int
    case_number: str
    name: str
    manager_id: int | None
    manager: str
    team_id: int | None
    plan: PlanState
    next_review: dt.date | None
    review_overdue: bool
    open_follow_ups: int
    #: The dossier's reminders: meldcode steps open past the term, verwijsindex signals
    #: expiring or expired.
    dossier_reminders: int = 0
    #: The plan's review (toetsing), as `PlanColumns.approval`.
    approval: PlanStatusDTO = NO_PLAN_STATUS


@dataclass(frozen=True)
class ConsultantLoad:
    """One consultant's share of the caseload (person None: the cases without a manager)."""

    person_id: int | None
    name: str
    open_cases: int = 0
    without_final_plan: int = 0
    overdue_reviews: int = 0
    #: The soonest review still to come (today or later) among their cases.
    next_review: dt.date | None = None
    open_follow_ups: int = 0
    #: The dossier's reminders on their cases (LoadCase.dossier_reminders).
    dossier_reminders: int = 0


@dataclass(frozen=True)
class Caseload:
    cases: tuple[LoadCase, ...]
    people: tuple[ConsultantLoad, ...]

    def cases_of(self, person_id: int | None) -> tuple[LoadCase, ...]:
        return tuple(c for c in self.cases if c.manager_id == person_id)


def consultant_loads(
    cases: Iterable[LoadCase], people: Sequence[tuple[int, str]], today: dt.date
) -> list[ConsultantLoad]:
    """Per person (every one of `people`, also those without cases, in that order; then any
    other case manager, then "no case manager" when some case has none): their counts."""
    by_manager: dict[int | None, list[LoadCase]] = defaultdict(list)
    names: dict[int | None, str] = dict(people)
    for case in cases:
        by_manager[case.manager_id].append(case)
        names.setdefault(case.manager_id, case.manager)
    listed = {pid for pid, _name in people}
    others = [m for m in by_manager if m is not None and m not in listed]
    order: list[int | None] = [pid for pid, _name in people]
    order += sorted(others, key=lambda m: fold(names[m]))
    if None in by_manager:
        order.append(None)
    no_manager = _("(no case manager)")
    return [_load(p, names.get(p) or no_manager, by_manager.get(p, []), today) for p in order]


def _load(
    person_id: int | None, name: str, cases: Sequence[LoadCase], today: dt.date
) -> ConsultantLoad:
    upcoming = [c.next_review for c in cases if c.next_review and c.next_review >= today]
    return ConsultantLoad(
        person_id=person_id,
        name=name,
        open_cases=len(cases),
        without_final_plan=sum(1 for c in cases if not c.plan.has_final),
        overdue_reviews=sum(1 for c in cases if c.review_overdue),
        next_review=min(upcoming, default=None),
        open_follow_ups=sum(c.open_follow_ups for c in cases),
        dossier_reminders=sum(c.dossier_reminders for c in cases),
    )


def _open_cases(uow: UnitOfWork, team_ids: Collection[int] | None) -> list[tuple]:
    stmt = (
        select(
            Household.id,
            Household.case_number,
            Household.name,
            Household.case_manager_id,
            Consultant.name,
            Household.team_id,
        )
        .outerjoin(Consultant, Consultant.id == Household.case_manager_id)
        .where(Household.status == CaseStatus.OPEN.value)
        .order_by(Household.case_number)
    )
    if team_ids is not None:
        stmt = stmt.where(Household.team_id.in_(list(team_ids)))
    return list(uow.session.execute(stmt))


def _people(uow: UnitOfWork, team_ids: Collection[int] | None) -> list[tuple[int, str]]:
    """The active members of the teams (every active person in single-user mode), by name."""
    stmt = select(Consultant.id, Consultant.name).where(Consultant.active.is_(True))
    if team_ids is not None:
        members = select(TeamMember.person_id).where(TeamMember.team_id.in_(list(team_ids)))
        stmt = stmt.where(Consultant.id.in_(members))
    rows = [(pid, name) for pid, name in uow.session.execute(stmt)]
    return sorted(rows, key=lambda r: fold(r[1]))


def _open_follow_ups(uow: UnitOfWork) -> dict[int, int]:
    rows = uow.session.execute(
        select(FollowUp.household_id, func.count())
        .where(FollowUp.done.is_(False))
        .group_by(FollowUp.household_id)
    )
    return {case: count for case, count in rows}


def caseload(
    uow: UnitOfWork, team_ids: Collection[int] | None = None, today: dt.date | None = None
) -> Caseload:
    """The open cases of the teams (`None`: every case the reader sees, as in single-user
    mode) and, per consultant of those teams, their counts."""
    today = today or dt.date.today()
    with uow:
        rows = _open_cases(uow, team_ids)
        people = _people(uow, team_ids)
        states = plan_states(uow)
        approvals = plan_approval.statuses_in(uow, None, today)
        follow_ups = _open_follow_ups(uow)
    due = plan_reviews.reviews_due(uow, today)
    reminders = dossier_alerts(uow, today)
    cases = []
    for case_id, number, name, manager_id, manager, team_id in rows:
        review = due.get(case_id)
        cases.append(
            LoadCase(
                id=case_id,
                case_number=number,
                name=name,
                manager_id=manager_id,
                manager=manager or "",
                team_id=team_id,
                plan=states.get(case_id, NO_PLAN),
                next_review=review.on if review is not None else None,
                review_overdue=review is not None and review.overdue,
                open_follow_ups=follow_ups.get(case_id, 0),
                dossier_reminders=len(reminders.get(case_id, ())),
                approval=approvals.get(case_id, NO_PLAN_STATUS),
            )
        )
    return Caseload(tuple(cases), tuple(consultant_loads(cases, people, today)))
