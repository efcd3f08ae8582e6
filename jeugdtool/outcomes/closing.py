"""Services for how a case ends and starts again: the structured closing, the family's
experience (outcomes/experiences.py) and new starts (outcomes/new_starts.py), whose services
this module also offers.

Closing records, besides the date and the consultant's words, how far the goals were reached
(per safety goal, when there are any), whether help is still needed and whether the help ended
as planned or early (and by whom). `close_case` does that in one transaction with the case's
own status, closing date and reason, so a case is never closed without its closing row (nor the
other way round). Reopening keeps the closing (with `reopened_on`) and records a new start of
kind "reopened"; a new case for the same child is a new start recorded when the consultant
confirms a match from `same_child_candidates`.

`undo_close` and `undo_reopen` exist for the window's undo only: undo of closing removes the
closing (no new start: nothing started again), undo of reopening closes the case again as it
was. Both refuse (ConflictError) when someone changed things since.

In team mode every query here is filtered by the database's row-level security: a user sees,
and can match against, only closings of cases they may read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import fields
from typing import Any
from typing import cast

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import InvalidInput
from jeugdtool.framework.goals import tracks_in
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing_rules as rules
from jeugdtool.outcomes import closure
from jeugdtool.outcomes.closing_rules import ClosingInput
from jeugdtool.outcomes.dto import ClosingDTO
from jeugdtool.outcomes.dto import ClosingForm
from jeugdtool.outcomes.dto import GoalChoice
from jeugdtool.outcomes.dto import GoalOutcomeDTO
from jeugdtool.outcomes.dto import MemberChoice
from jeugdtool.outcomes.dto import NewStartDTO
from jeugdtool.outcomes.dto import Reopened
from jeugdtool.outcomes.experiences import add_experience
from jeugdtool.outcomes.experiences import experience_dto
from jeugdtool.outcomes.experiences import remove_experience
from jeugdtool.outcomes.experiences import restore_experience
from jeugdtool.outcomes.experiences import update_experience
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import NewStart
from jeugdtool.outcomes.new_starts import add_new_start
from jeugdtool.outcomes.new_starts import new_start_dto
from jeugdtool.outcomes.new_starts import new_starts
from jeugdtool.outcomes.new_starts import record_new_start
from jeugdtool.outcomes.new_starts import remove_new_start
from jeugdtool.outcomes.new_starts import restore_new_start
from jeugdtool.outcomes.new_starts import same_child_candidates
from jeugdtool.outcomes.reading import current_goals
from jeugdtool.outcomes.reading import person_label
from jeugdtool.outcomes.vocab import NewStartKind
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import comparable
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.guards import ensure_unreferenced
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

#: The experience and new-start services live in their own modules; they are part of the
#: closing's one set of services (the contract names them here too).
__all__ = [
    "ClosingInput",
    "add_experience",
    "close_case",
    "closing_form",
    "closings",
    "new_starts",
    "record_new_start",
    "redo_close",
    "remove_experience",
    "remove_new_start",
    "reopen_case",
    "restore_experience",
    "restore_new_start",
    "same_child_candidates",
    "undo_close",
    "undo_reopen",
    "update_closing",
    "update_experience",
]

#: The fields of a closing a correction may change (`ClosingInput`'s).
CLOSING_FIELDS = tuple(f.name for f in fields(ClosingInput))


# ---- reading ---------------------------------------------------------------------------------


def _closing_rows(uow: UnitOfWork, case_id: int) -> list[CaseClosing]:
    """The case's closings, oldest first."""
    query = (
        select(CaseClosing)
        .where(CaseClosing.household_id == case_id)
        .order_by(CaseClosing.closed_on, CaseClosing.id)
    )
    return list(uow.session.scalars(query))


def _latest_closing(uow: UnitOfWork, case_id: int) -> CaseClosing | None:
    rows = _closing_rows(uow, case_id)
    return rows[-1] if rows else None


def _closing_dtos(uow: UnitOfWork, rows: Sequence[CaseClosing]) -> list[ClosingDTO]:
    ids = [row.id for row in rows]
    goals = children_of(
        uow.session, ClosingGoalOutcome.closing_id, ids, ClosingGoalOutcome.position
    )
    experiences = children_of(uow.session, ClientExperience.closing_id, ids, ClientExperience.id)
    return [
        as_dto(
            ClosingDTO,
            row,
            goal_outcomes=tuple(
                GoalOutcomeDTO(g.goal_lineage, g.goal_text, g.outcome) for g in goals[row.id]
            ),
            experiences=tuple(experience_dto(e) for e in experiences[row.id]),
        )
        for row in rows
    ]


def _closing_dto(uow: UnitOfWork, row: CaseClosing) -> ClosingDTO:
    return _closing_dtos(uow, [row])[0]


def closing_form(uow: UnitOfWork, case_id: int) -> ClosingForm:
    """What the closing dialog asks about: the current safety goals, each with the outcome
    proposed from its latest judgement (closure.propose), the members who can give their
    experience, whom the network calls after closure (from the plan's safety network), today
    and the earliest closing date allowed."""
    today = dt.date.today()
    with uow:
        case = get(uow, Household, case_id)
        people = uow.session.scalars(
            select(Person).where(Person.household_id == case_id).order_by(Person.position)
        )
        latest = _latest_closing(uow, case_id)
        earliest = max(case.opened_on, (latest and latest.reopened_on) or case.opened_on)
        proposed = {t.lineage: closure.propose(t) for t in tracks_in(uow, case_id, today)}
        return ClosingForm(
            case_id=case_id,
            goals=tuple(
                _goal_choice(lineage, text, proposed.get(lineage))
                for lineage, text in current_goals(uow, case_id)
            ),
            members=tuple(MemberChoice(p.id, person_label(p)) for p in people),
            today=today,
            earliest=earliest,
            whom_to_call=closure.network_call_lines(uow, case_id),
        )


def _goal_choice(lineage: str, text: str, proposed: closure.ProposedGoal | None) -> GoalChoice:
    if proposed is None:
        return GoalChoice(lineage, text)
    outcome = proposed.outcome.value if proposed.outcome is not None else None
    return GoalChoice(lineage, text, outcome, proposed.why)


def closings(uow: UnitOfWork, case_id: int) -> list[ClosingDTO]:
    """Every closing of the case, oldest first (a reopened case has more than one)."""
    with uow:
        get(uow, Household, case_id)
        return _closing_dtos(uow, _closing_rows(uow, case_id))


# ---- closing and undoing it -----------------------------------------------------------------


def _value(choice: Any) -> str | None:
    """An enum member as the text stored (None stays None)."""
    return None if choice is None else str(choice.value if hasattr(choice, "value") else choice)


def _closing_columns(clean: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "closed_on": clean["closed_on"],
        "reason": clean["reason"],
        "goals_outcome": _value(clean["goals_outcome"]),
        "further_help": _value(clean["further_help"]),
        "further_help_detail": clean["further_help_detail"],
        "ended_as": _value(clean["ended_as"]),
        "ended_early_by": _value(clean["ended_early_by"]),
        "network_keeps": clean["network_keeps"],
        "whom_to_call": clean["whom_to_call"],
    }


def close_case(uow: UnitOfWork, case_id: int, data: ClosingInput) -> Outcome[ClosingDTO]:
    """Close an open case with its closing (see `closing_rules` for what is required), in one
    transaction: the case's status, closing date and reason, and the closing with an outcome
    per current safety goal. Nothing is saved when anything is wrong."""
    with uow:
        case = get(uow, Household, case_id)
        if case.status != CaseStatus.OPEN:
            raise InvalidInput.at("status", _("This case is already closed."))
        goals = current_goals(uow, case_id)
        latest = _latest_closing(uow, case_id)
        clean = rules.check_input(
            data,
            goals=goals,
            opened_on=case.opened_on,
            today=dt.date.today(),
            reopened_on=latest.reopened_on if latest else None,
        )
        row = CaseClosing(household_id=case_id, **_closing_columns(clean))
        uow.session.add(row)
        uow.flush()
        for position, (lineage, text, outcome) in enumerate(clean["goal_outcomes"], 1):
            uow.session.add(
                ClosingGoalOutcome(
                    household_id=case_id,
                    closing_id=row.id,
                    position=position,
                    goal_lineage=lineage,
                    goal_text=text,
                    outcome=_value(outcome),
                )
            )
        _mark_closed(case, row)
        return committed(uow, lambda: _closing_dto(uow, row))


def _mark_closed(case: Household, closing: CaseClosing, status: str = CaseStatus.CLOSED) -> None:
    """The case's own lifecycle columns as the closing says."""
    apply(
        case,
        {"status": str(status), "closed_on": closing.closed_on, "close_reason": closing.reason},
    )
    v.check_closing(case.status, case.opened_on, case.closed_on)


def _mark_open(case: Household) -> None:
    apply(case, {"status": CaseStatus.OPEN.value, "closed_on": None, "close_reason": None})


def _is_current(case: Household, closing: CaseClosing, latest: CaseClosing | None) -> bool:
    """The closing the case is closed by now (not reopened since, and the newest)."""
    return (
        case.status != CaseStatus.OPEN
        and closing.reopened_on is None
        and latest is not None
        and latest.id == closing.id
    )


def undo_close(
    uow: UnitOfWork, closing_id: int, *, expected: ClosingDTO | None = None
) -> Outcome[Snapshot]:
    """Undo of `close_case`: the case open again and the closing gone (no new start: nothing
    started again). The snapshot is what `redo_close` puts back.

    ConflictError, and nothing changes, when the closing is no longer as `expected` (corrected,
    or experiences added meanwhile), the case was reopened or archived since, or another case
    recorded a new start after this closing."""
    with uow:
        row = get(uow, CaseClosing, closing_id)
        case = get(uow, Household, row.household_id)
        ensure_as_seen(_closing_dto(uow, row), expected)
        if case.status != CaseStatus.CLOSED or not _is_current(
            case, row, _latest_closing(uow, case.id)
        ):
            raise conflict_error()
        ensure_unreferenced(
            uow,
            CaseClosing.__tablename__,
            row.id,
            skip=(ClosingGoalOutcome.__tablename__, ClientExperience.__tablename__),
        )
        taken = snapshot.remove(uow, row)
        _mark_open(case)
        return Outcome(taken, uow.commit())


def redo_close(uow: UnitOfWork, taken: Snapshot) -> Outcome[ClosingDTO]:
    """Redo of closing after `undo_close`: the closing back with its ids, the case closed by
    it again; ConflictError when the case was closed meanwhile by someone else."""
    if taken.root[0] != CaseClosing.__tablename__:
        raise ValueError("not a snapshot of a closing")  # a programming error
    with uow:
        case = get(uow, Household, taken.values["household_id"])
        if case.status != CaseStatus.OPEN:
            raise conflict_error()
        row = cast(CaseClosing, snapshot.put_back(uow, taken))
        _mark_closed(case, row)
        return committed(uow, lambda: _closing_dto(uow, row))


# ---- reopening and undoing it ---------------------------------------------------------------


def _closing_to_reopen(uow: UnitOfWork, case: Household) -> CaseClosing:
    """The closing the case is closed by; a case closed another way (an older program, a case
    file) gets it now, as migration 0010 gave one to every case closed before it."""
    latest = _latest_closing(uow, case.id)
    if latest is not None and latest.reopened_on is None:
        return latest
    row = CaseClosing(
        household_id=case.id,
        closed_on=case.closed_on or dt.date.today(),
        reason=case.close_reason or "",
        further_help_detail="",
    )
    uow.session.add(row)
    uow.flush()
    return row


def reopen_case(uow: UnitOfWork, case_id: int, *, on: dt.date | None = None) -> Outcome[Reopened]:
    """Open a closed or archived case again on `on` (default today), in one transaction: the
    closing stays, with `reopened_on`; a new start of kind "reopened" records that help
    started again. `undo_reopen` takes it back."""
    with uow:
        case = get(uow, Household, case_id)
        if case.status == CaseStatus.OPEN:
            raise InvalidInput.at("status", _("This case is already open."))
        previous = case.status
        closing = _closing_to_reopen(uow, case)
        day = rules.reopen_date(on, closed_on=closing.closed_on, today=dt.date.today())
        closing.reopened_on = day
        _mark_open(case)
        start = add_new_start(uow, case_id, day, NewStartKind.REOPENED, None, closing.id)
        return committed(uow, lambda: Reopened(new_start_dto(uow, start), closing.id, previous))


def undo_reopen(
    uow: UnitOfWork,
    new_start_id: int,
    *,
    expected: NewStartDTO | None = None,
    status: CaseStatus | str = CaseStatus.CLOSED,
) -> Outcome[ClosingDTO]:
    """Undo of `reopen_case`: the new start gone, the closing no longer reopened, the case
    `status` again (`Reopened.previous_status`: closed or archived) with that closing's date
    and reason. ConflictError when the new start changed, or the case was closed again since."""
    wanted = CaseStatus(status)
    if wanted is CaseStatus.OPEN:
        raise ValueError("a reopening is undone to closed or archived")  # a programming error
    with uow:
        start = get(uow, NewStart, new_start_id)
        if start.kind != NewStartKind.REOPENED:
            raise ValueError("not the new start of a reopening")  # a programming error
        ensure_as_seen(new_start_dto(uow, start), expected)
        case = get(uow, Household, start.household_id)
        closing = uow.session.get(CaseClosing, start.previous_closing_id or 0)
        latest = _latest_closing(uow, case.id)
        if (
            case.status != CaseStatus.OPEN
            or closing is None
            or closing.reopened_on != start.started_on
            or latest is None
            or latest.id != closing.id
        ):
            raise conflict_error()
        uow.session.delete(start)
        closing.reopened_on = None
        _mark_closed(case, closing, wanted)
        return committed(uow, lambda: _closing_dto(uow, closing))


# ---- corrections ----------------------------------------------------------------------------


def _plain(field: str, value: Any) -> Any:
    """A closing field as plain data, however given (DTOs, tuples, enums)."""
    if field == "goal_outcomes":
        return tuple(_goal_answer(g) for g in value or ())
    return comparable(value)


def _goal_answer(goal: Any) -> tuple[str, str, Any]:
    if isinstance(goal, GoalOutcomeDTO):
        return (goal.lineage, goal.text, goal.outcome)
    lineage, text, outcome = goal
    return (lineage, text, _value(outcome) if outcome not in (None, "") else None)


def _other_closings_bound(
    uow: UnitOfWork, row: CaseClosing
) -> tuple[dt.date | None, dt.date | None]:
    """The days a closing's date must lie between: the reopening before it, its own."""
    rows = _closing_rows(uow, row.household_id)
    earlier = [r for r in rows if r.id != row.id and (r.closed_on, r.id) < (row.closed_on, row.id)]
    return (earlier[-1].reopened_on if earlier else None), row.reopened_on


def update_closing(
    uow: UnitOfWork, closing_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[ClosingDTO]:
    """Correct a closing (`changes`: `ClosingInput` fields; `goal_outcomes` for the goals it
    already asks about). A closing recorded before outcomes were (migration 0010) may be filled
    in bit by bit: only what it had or what is changed is required. `expected`: the values
    the caller believes are current, in DTO terms; a difference raises ConflictError."""
    unknown = set(changes) - set(CLOSING_FIELDS)
    if unknown:
        raise KeyError(f"unknown fields {sorted(unknown)!r}")  # a programming error
    with uow:
        row = get(uow, CaseClosing, closing_id)
        case = get(uow, Household, row.household_id)
        current = _closing_dto(uow, row)
        for field, value in (expected or {}).items():
            if _plain(field, getattr(current, field)) != _plain(field, value):
                raise conflict_error()
        clean = _clean_correction(uow, row, case, current, changes)
        columns = _closing_columns(clean)
        apply(row, {k: x for k, x in columns.items() if getattr(row, k) != x})
        _correct_goals(uow, row, clean["goal_outcomes"])
        if _is_current(case, row, _latest_closing(uow, case.id)):
            _mark_closed(case, row, case.status)
        return committed(uow, lambda: _closing_dto(uow, row))


def _clean_correction(
    uow: UnitOfWork, row: CaseClosing, case: Household, current: ClosingDTO, changes: Changes
) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(current, name) for name in CLOSING_FIELDS}
    values["goal_outcomes"] = _plain("goal_outcomes", current.goal_outcomes)
    values.update(changes)
    values["goal_outcomes"] = _plain("goal_outcomes", values["goal_outcomes"])
    required = {f for f in rules.REQUIRED if getattr(current, f) not in (None, "")}
    required |= set(changes) & rules.REQUIRED
    after, until = _other_closings_bound(uow, row)
    clean = rules.clean_closing(
        values,
        goals=[(g.lineage, g.text) for g in current.goal_outcomes],
        opened_on=case.opened_on,
        today=dt.date.today(),
        reopened_on=after,
        required=required | {"closed_on"},
    )
    if until is not None and clean["closed_on"] > until:
        raise InvalidInput.at(
            "closed_on",
            _(
                "The closing date {closed} lies after the day the case was reopened "
                "({reopened}). Choose a date on or before it."
            ).format(
                closed=v.format_date_nl(clean["closed_on"]),
                reopened=v.format_date_nl(until),
            ),
        )
    return clean


def _correct_goals(
    uow: UnitOfWork, row: CaseClosing, answers: Sequence[tuple[str, str, Any]]
) -> None:
    outcome_of = {lineage: _value(outcome) for lineage, _text, outcome in answers}
    goals = children_of(uow.session, ClosingGoalOutcome.closing_id, [row.id])[row.id]
    for goal in goals:
        if outcome_of.get(goal.goal_lineage) not in (None, goal.outcome):
            goal.outcome = outcome_of[goal.goal_lineage]
