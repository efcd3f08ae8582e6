"""Services of safety goals tracked to closure: judgements (met / partly / not met, seen since)
and each goal's clock (`goal_tracks`).

A judgement is given at a plan review (`plan_reviews.add_review(..., judgements=)`, removed
with the review), in a network meeting (dossier/network_meetings) or on its own. The rules
(what a judgement holds, the period, when a goal has held) are `goal_rules`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any
from typing import cast

from sqlalchemy import column
from sqlalchemy import select
from sqlalchemy import table

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.framework import goal_rules
from jeugdtool.framework._common import expected_columns
from jeugdtool.framework._common import is_statement_of_case
from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework._common import open_row
from jeugdtool.framework._common import remove_unchanged
from jeugdtool.framework.goal_dto import GoalTrack
from jeugdtool.framework.goal_dto import JudgementDTO
from jeugdtool.framework.goal_dto import JudgementInput
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import GoalJudgement
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.rows import rows_of
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

__all__ = [
    "GoalTrack",
    "JudgementDTO",
    "JudgementInput",
    "goal_tracks",
    "judge_goal",
    "judgements_of",
    "remove_judgement",
    "restore_judgement",
    "update_judgement",
]

#: The fields `update_judgement` changes.
JUDGEMENT_FIELDS = ("judgement", "judged_on", "seen_since", "note", "judged_by")

#: The network meetings' table (dossier/network_models, an upper layer), read by name as
#: GoalJudgement's own foreign key names it.
_MEETINGS = table("network_meetings", column("id"), column("household_id"))


def _at_review_message() -> str:
    return _("A judgement given at a review has the review's date; change that.")


def judgement_dto(row: GoalJudgement) -> JudgementDTO:
    return as_dto(JudgementDTO, row, judgement=Judgement(row.judgement))


# ---- checks inside a unit of work ---------------------------------------------------------------


def check_goal(uow: UnitOfWork, case_id: int, lineage: str, field: str = "goal_lineage") -> None:
    """InvalidInput unless `lineage` is a safety goal of the case (on any mapping moment)."""
    if not is_statement_of_case(uow, case_id, lineage, StatementType.SAFETY_GOAL):
        raise InvalidInput(Problem(field, _("Choose a safety goal of this case.")))


def check_meeting(uow: UnitOfWork, case_id: int, meeting_id: int | None) -> None:
    if meeting_id is None:
        return
    owner = uow.session.scalar(select(_MEETINGS.c.household_id).where(_MEETINGS.c.id == meeting_id))
    if owner != case_id:
        raise InvalidInput(
            Problem("network_meeting_id", _("Choose a network meeting of this case."))
        )


def _check_review(uow: UnitOfWork, case_id: int, review_id: int | None) -> PlanReview | None:
    if review_id is None:
        return None
    review = uow.session.get(PlanReview, review_id)
    if review is None or review.household_id != case_id:
        raise InvalidInput(Problem("review_id", _("Choose a review of this case's plan.")))
    return review


def _previous(
    uow: UnitOfWork, case_id: int, lineage: str, before: dt.date, *, skip: int | None = None
) -> GoalJudgement | None:
    """The goal's latest judgement on or before `before` (not `skip`)."""
    query = select(GoalJudgement).where(
        GoalJudgement.household_id == case_id,
        GoalJudgement.goal_lineage == lineage,
        GoalJudgement.judged_on <= before,
    )
    if skip is not None:
        query = query.where(GoalJudgement.id != skip)
    order = (GoalJudgement.judged_on.desc(), GoalJudgement.id.desc())
    return uow.session.scalar(query.order_by(*order).limit(1))


def _check_once_per_review(
    uow: UnitOfWork, review_id: int | None, lineage: str, field: str, skip: int | None = None
) -> None:
    if review_id is None:
        return
    query = select(GoalJudgement.id).where(
        GoalJudgement.review_id == review_id, GoalJudgement.goal_lineage == lineage
    )
    if skip is not None:
        query = query.where(GoalJudgement.id != skip)
    if uow.session.scalar(query.limit(1)) is not None:
        raise InvalidInput(
            Problem(field, _("Each safety goal is judged once per review; it already is."))
        )


def new_judgement(
    uow: UnitOfWork,
    case_id: int,
    given: JudgementInput,
    *,
    judged_on: dt.date | str | None,
    review_id: int | None = None,
    network_meeting_id: int | None = None,
    prefix: str = "",
) -> GoalJudgement:
    """Inside an open unit of work: a judgement checked and added (not committed) — what
    `judge_goal` and a review with judgements share."""
    check_goal(uow, case_id, given.goal_lineage, prefix + "goal_lineage")
    fields = {
        "judgement": given.judgement,
        "judged_on": judged_on,
        "seen_since": given.seen_since,
        "note": given.note,
        "judged_by": given.judged_by,
    }
    previous = _previous(uow, case_id, given.goal_lineage, _day_or_today(judged_on))
    clean = goal_rules.check_judgement(
        fields, today=dt.date.today(), previous=previous, prefix=prefix
    )
    _check_once_per_review(uow, review_id, given.goal_lineage, prefix + "goal_lineage")
    row = GoalJudgement(
        household_id=case_id,
        goal_lineage=given.goal_lineage,
        review_id=review_id,
        network_meeting_id=network_meeting_id,
        **clean,
    )
    uow.session.add(row)
    return row


def _day_or_today(value: Any) -> dt.date:
    """The day a judgement is given as far as it can be read (the rules say what is wrong)."""
    if isinstance(value, dt.date):
        return value
    try:
        return v.parse_date_nl(value) or dt.date.today()
    except InvalidInput:
        return dt.date.today()


# ---- changing judgements ------------------------------------------------------------------------


def judge_goal(
    uow: UnitOfWork,
    case_id: int,
    goal_lineage: str,
    judgement: Judgement | str,
    *,
    on: dt.date | str | None = None,
    seen_since: dt.date | str | None = None,
    note: str = "",
    by: str = "",
    review_id: int | None = None,
    network_meeting_id: int | None = None,
) -> Outcome[JudgementDTO]:
    """Judge a safety goal of an open case on `on` (default today): met, partly met or not
    met, and since when the change has been seen (see `goal_rules.check_judgement`)."""
    with uow:
        ensure_open(uow, case_id)
        review = _check_review(uow, case_id, review_id)
        if review is not None:
            # As `update_judgement`: a judgement given at a review has the review's date.
            if on is not None and _day_or_today(on) != review.held_on:
                raise InvalidInput(Problem("judged_on", _at_review_message()))
            on = review.held_on
        check_meeting(uow, case_id, network_meeting_id)
        given = JudgementInput(goal_lineage, judgement, seen_since, note, by)
        row = new_judgement(
            uow,
            case_id,
            given,
            judged_on=on or dt.date.today(),
            review_id=review_id,
            network_meeting_id=network_meeting_id,
        )
        return committed(uow, lambda: judgement_dto(row))


def update_judgement(
    uow: UnitOfWork, judgement_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[JudgementDTO]:
    """Correct a judgement (`JUDGEMENT_FIELDS`); the rules apply to the result as a whole.
    A judgement given at a review keeps the review's date. `expected` (undo/redo): the values
    the caller believes are current, in DTO terms; else ConflictError."""
    unknown = set(changes) - set(JUDGEMENT_FIELDS)
    if unknown:
        raise KeyError(f"unknown fields {sorted(unknown)!r}")  # a programming error
    with uow:
        row = open_row(uow, GoalJudgement, judgement_id)
        if row.review_id is not None and "judged_on" in changes:
            review = get(uow, PlanReview, row.review_id)
            if changes["judged_on"] != review.held_on:
                raise InvalidInput(Problem("judged_on", _at_review_message()))
        now = {name: getattr(row, name) for name in JUDGEMENT_FIELDS}
        merged = {**now, **changes}
        if "seen_since" not in changes and "judgement" in changes:
            merged["seen_since"] = (
                None if merged["judgement"] == Judgement.NOT_MET else now["seen_since"]
            )
        previous = _previous(uow, row.household_id, row.goal_lineage, row.judged_on, skip=row.id)
        clean = goal_rules.check_judgement(merged, today=dt.date.today(), previous=previous)
        apply(row, clean, expected=expected_columns(expected))
        return committed(uow, lambda: judgement_dto(row))


def remove_judgement(
    uow: UnitOfWork, judgement_id: int, *, expected: JudgementDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a judgement; `restore_judgement` puts it back. `expected`: the judgement as the
    caller last saw it (ConflictError when it changed since)."""
    with uow:
        row = open_row(uow, GoalJudgement, judgement_id)
        return remove_unchanged(uow, row, judgement_dto(row), expected)


def restore_judgement(uow: UnitOfWork, taken: Snapshot) -> Outcome[JudgementDTO]:
    """Put a removed judgement back with its id (undo of `remove_judgement`), checked as a new
    one is: the case open, the goal still the case's, its review and meeting still there and
    the goal not judged again at that review meanwhile."""
    values = taken.values
    with uow:
        case_id = values["household_id"]
        ensure_open(uow, case_id)
        check_goal(uow, case_id, values["goal_lineage"])
        _check_review(uow, case_id, values["review_id"])
        check_meeting(uow, case_id, values["network_meeting_id"])
        _check_once_per_review(uow, values["review_id"], values["goal_lineage"], "goal_lineage")
        row = cast(GoalJudgement, snapshot.put_back(uow, taken))
        return committed(uow, lambda: judgement_dto(row))


# ---- reading ------------------------------------------------------------------------------------


def judgements_of(uow: UnitOfWork, case_id: int) -> list[JudgementDTO]:
    """Every judgement of the case, oldest first."""
    with uow:
        return [judgement_dto(r) for r in _judgement_rows(uow, case_id)]


def _judgement_rows(uow: UnitOfWork, case_id: int) -> list[GoalJudgement]:
    """Inside an open unit of work: every judgement of the case (which must exist), oldest
    first."""
    get(uow, Household, case_id)
    order = (GoalJudgement.judged_on, GoalJudgement.id)
    return rows_of(uow.session, GoalJudgement.household_id, case_id, *order)


def _goals(uow: UnitOfWork, case_id: int) -> list[Statement]:
    moment_id = latest_moment_id(uow, case_id)
    if moment_id is None:
        return []
    return in_order(
        uow,
        Statement,
        Statement.moment_id == moment_id,
        Statement.type == StatementType.SAFETY_GOAL.value,
    )


def tracks_in(uow: UnitOfWork, case_id: int, today: dt.date) -> list[GoalTrack]:
    """Inside an open unit of work: `goal_tracks`."""
    history: dict[str, list[JudgementDTO]] = {}
    for found in _judgement_rows(uow, case_id):
        history.setdefault(found.goal_lineage, []).append(judgement_dto(found))
    tracks = []
    for goal in _goals(uow, case_id):
        judged = tuple(history.get(goal.lineage, ()))
        latest = judged[-1] if judged else None
        unit = PeriodUnit(goal.sustained_unit) if goal.sustained_unit else None
        amount = goal.sustained_amount if unit is not None else None
        track = GoalTrack(
            lineage=goal.lineage,
            text=goal.text or goal.carers_will,
            amount=amount,
            unit=unit,
            seen_since=latest.seen_since if latest is not None else None,
            latest=latest,
            held_until=goal_rules.held_until(latest, amount, unit),
            held=False,
            history=judged,
        )
        tracks.append(replace(track, held=goal_rules.goal_held(track, today)))
    return tracks


def goal_tracks(uow: UnitOfWork, case_id: int, today: dt.date | None = None) -> list[GoalTrack]:
    """The safety goals of the case's newest mapping moment, in order, each with its
    judgements and clock: since when the change is seen, the day it has held for its period,
    and whether it has by `today`."""
    with uow:
        return tracks_in(uow, case_id, today or dt.date.today())


def reviewed_judgements(
    uow: UnitOfWork, review_ids: Sequence[int]
) -> dict[int, list[GoalJudgement]]:
    """Inside an open unit of work: the judgements given at each review, in order."""
    found: dict[int, list[GoalJudgement]] = {i: [] for i in review_ids}
    if review_ids:
        for row in uow.session.scalars(
            select(GoalJudgement)
            .where(GoalJudgement.review_id.in_(review_ids))
            .order_by(GoalJudgement.id)
        ):
            found[cast(int, row.review_id)].append(row)
    return found
