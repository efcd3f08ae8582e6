"""Review moments of the safety plan, follow-ups into the next draft, and what needs attention.

A review (evaluatiemoment) looks back at a FINALISED version: for each agreement, was it kept,
partly kept or not kept, who said so, and what follows from it. Reviews are rows of their own;
they never change the version they look at (what partners signed stays as it was). A follow-up
can become a new agreement in the next draft (`carry_follow_ups`).

Alerts (`case_alerts`, `cases_with_alerts`) look at the newest finalised version of an open case:
- the review is overdue: its next review date has passed and no review was held on or after it;
- an agreement is past its date: its deadline or review date has passed, its status is not kept
  or lapsed, and no review looked at it (by lineage) on or after that date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import cast

from sqlalchemy import and_
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Household
from jeugdtool.cases.queries import of_cases
from jeugdtool.cases.queries import wanted_cases
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.framework import goal_rules
from jeugdtool.framework import goals
from jeugdtool.framework import plan_rules
from jeugdtool.framework import plans
from jeugdtool.framework._common import columns_of_source
from jeugdtool.framework._common import next_position
from jeugdtool.framework._common import open_row
from jeugdtool.framework._common import save_fields
from jeugdtool.framework._common import source_of
from jeugdtool.framework.goal_dto import JudgementInput
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import ReviewDTO
from jeugdtool.framework.plan_dto import ReviewResultDTO
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import AgreementParty
from jeugdtool.framework.plan_models import GoalJudgement
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.plan_models import ReviewResult
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

MAX_TEXT = plan_rules.MAX_TEXT
MAX_NAME = plan_rules.MAX_NAME
#: Agreements in these states need no attention any more.
_SETTLED = (AgreementStatus.KEPT.value, AgreementStatus.LAPSED.value)


class PlanNotFinalised(JeugdtoolError):
    """A review looks back at what was finalised; a draft is not reviewed."""


@dataclass(frozen=True)
class ResultInput:
    """How one agreement (by lineage) was kept, as reported at a review."""

    agreement_lineage: str
    kept: Kept | str
    note: str = ""
    reported_by: str = ""
    #: A follow-up to carry into the next draft as a new agreement (empty: none).
    follow_up: str = ""


@dataclass(frozen=True)
class PlanAlerts:
    """What needs attention in a case's newest finalised plan (nothing when there is none)."""

    review_overdue: bool = False
    #: The next review date of the newest finalised version (overdue or not); None: none set.
    review_due_on: dt.date | None = None
    #: Agreements of that version past their deadline or review date, not kept or lapsed, and
    #: not looked at in a review since.
    agreements_past_date: tuple[AgreementDTO, ...] = ()
    #: The newest finalised version the alerts are about.
    plan_version_id: int | None = None

    def __bool__(self) -> bool:
        return self.review_overdue or bool(self.agreements_past_date)


# ---- conversions ----------------------------------------------------------------------------


def result_dto(row: ReviewResult) -> ReviewResultDTO:
    return as_dto(ReviewResultDTO, row, kept=Kept(row.kept))


def _review_dto(
    row: PlanReview,
    results: Sequence[ReviewResult],
    judgements: Sequence[GoalJudgement] = (),
) -> ReviewDTO:
    return as_dto(
        ReviewDTO,
        row,
        results=tuple(result_dto(r) for r in results),
        judgements=tuple(goals.judgement_dto(j) for j in judgements),
    )


def _loaded_review(uow: UnitOfWork, row: PlanReview) -> ReviewDTO:
    """Inside an open unit of work: the review's DTO with its results and the goals judged at
    it as they are now."""
    return _review_dto(
        row,
        _results(uow, [row.id])[row.id],
        goals.reviewed_judgements(uow, [row.id])[row.id],
    )


def loaded_reviews(uow: UnitOfWork, rows: Sequence[PlanReview]) -> list[ReviewDTO]:
    """Inside an open unit of work: reviews with their results and judgements (two queries)."""
    ids = [r.id for r in rows]
    results, judged = _results(uow, ids), goals.reviewed_judgements(uow, ids)
    return [_review_dto(r, results[r.id], judged[r.id]) for r in rows]


def _results(uow: UnitOfWork, review_ids: Sequence[int]) -> dict[int, list[ReviewResult]]:
    return children_of(uow.session, ReviewResult.review_id, review_ids, ReviewResult.id)


# ---- validation -----------------------------------------------------------------------------


def _clean_held_on(value: Any, finalised_on: dt.date | None) -> dt.date:
    return plan_rules.review_held_on(value, finalised_on, dt.date.today())


def _result_fields(result: ResultInput) -> dict[str, Any]:
    return {
        "kept": result.kept,
        "note": result.note,
        "reported_by": result.reported_by,
        "follow_up": result.follow_up,
    }


def _final_version(uow: UnitOfWork, version_id: int) -> PlanVersion:
    """The version, if it can be reviewed (finalised, of an open case)."""
    row = open_row(uow, PlanVersion, version_id)
    if row.status != PlanStatus.FINAL:
        raise PlanNotFinalised(
            _(
                "Version {number} of the plan is still a draft. A review looks back at a "
                "finalised plan: finalise this version first, or review the last finalised one."
            ).format(number=row.number)
        )
    return row


def _lineages(uow: UnitOfWork, version_id: int) -> set[str]:
    return set(
        uow.session.scalars(
            select(Agreement.lineage).where(Agreement.plan_version_id == version_id)
        )
    )


def _check_lineage(
    lineage: str, known: set[str], taken: set[str], field: str, number: int
) -> Problem | None:
    if lineage not in known:
        return Problem(
            field,
            _("This agreement is not part of version {number} of the plan.").format(number=number),
        )
    if lineage in taken:
        return Problem(
            field, _("Each agreement is reviewed once per review; it is already in this review.")
        )
    return None


# ---- reviews --------------------------------------------------------------------------------


def _clean_review(
    uow: UnitOfWork,
    plan: PlanVersion,
    held_on: dt.date | str | None,
    note: str,
    results: Sequence[ResultInput],
) -> tuple[dt.date, str, list[dict[str, Any]]]:
    """A review's date, note and results as columns; every problem at once (InvalidInput)."""
    known, taken = _lineages(uow, plan.id), set()
    cleaned: list[dict[str, Any]] = []
    with collect() as problems:
        clean_held = problems.check(_clean_held_on, held_on, plan.finalised_on)
        clean_note = problems.check(plan_rules.review_note, "note", note)
        for index, result in enumerate(results):
            prefix = f"results[{index}]."
            lineage = result.agreement_lineage
            found = _check_lineage(lineage, known, taken, prefix + "agreement_lineage", plan.number)
            if found is not None:
                problems.add(found)
            taken.add(lineage)
            with problems.catching():
                clean = plan_rules.review_result(_result_fields(result), prefix)
                cleaned.append({"agreement_lineage": lineage, **clean})
    assert clean_held is not None and clean_note is not None
    return clean_held, clean_note, cleaned


def add_review(
    uow: UnitOfWork,
    version_id: int,
    held_on: dt.date | str | None,
    note: str,
    results: Sequence[ResultInput],
    judgements: Sequence[JudgementInput] = (),
    network_meeting_id: int | None = None,
) -> Outcome[ReviewDTO]:
    """Record a review of a finalised version: per agreement kept / partly / not kept, and
    per safety goal met / partly / not met with since when (`judgements`, given on the
    review's date and removed with it); held in a network meeting of the case, or not.

    Not every agreement or goal needs a result.
    """
    with uow:
        plan = _final_version(uow, version_id)
        clean_held, clean_note, cleaned = _clean_review(uow, plan, held_on, note, results)
        goals.check_meeting(uow, plan.household_id, network_meeting_id)
        review = PlanReview(
            household_id=plan.household_id,
            plan_version_id=version_id,
            held_on=clean_held,
            note=clean_note,
            network_meeting_id=network_meeting_id,
        )
        uow.session.add(review)
        uow.flush()
        for clean in cleaned:
            uow.session.add(
                ReviewResult(review_id=review.id, household_id=plan.household_id, **clean)
            )
        _judge_at(uow, review, judgements)
        return committed(uow, lambda: _loaded_review(uow, review))


def _judge_at(uow: UnitOfWork, review: PlanReview, judgements: Sequence[JudgementInput]) -> None:
    """The goals judged at `review` (its date, its meeting); every problem at once."""
    with collect() as problems:
        for index, given in enumerate(judgements):
            with problems.catching():
                goals.new_judgement(
                    uow,
                    review.household_id,
                    given,
                    judged_on=review.held_on,
                    review_id=review.id,
                    network_meeting_id=review.network_meeting_id,
                    prefix=f"judgements[{index}].",
                )
                uow.flush()


def update_review(
    uow: UnitOfWork, review_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[ReviewDTO]:
    """Correct a review's date (`held_on`) or its note."""
    with uow:
        review = open_row(uow, PlanReview, review_id)
        plan = get(uow, PlanVersion, review.plan_version_id)
        clean = plan_rules.clean_fields(
            changes,
            {
                "held_on": lambda _f, x: _clean_held_on(x, plan.finalised_on),
                "note": plan_rules.review_note,
            },
        )
        apply(review, clean, expected=expected)
        _keep_judgements_in_step(uow, review)
        return committed(uow, lambda: _loaded_review(uow, review))


def _keep_judgements_in_step(uow: UnitOfWork, review: PlanReview) -> None:
    """The goals judged at a review carry its date; "seen since" may not lie after it."""
    judged = goals.reviewed_judgements(uow, [review.id])[review.id]
    with collect() as problems:
        for index, row in enumerate(judged):
            if row.judged_on == review.held_on:
                continue
            fields = {name: getattr(row, name) for name in goals.JUDGEMENT_FIELDS}
            fields["judged_on"] = review.held_on
            with problems.catching():
                clean = goal_rules.check_judgement(
                    fields, today=dt.date.today(), prefix=f"judgements[{index}]."
                )
                apply(row, clean)


def update_review_result(
    uow: UnitOfWork, result_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[ReviewResultDTO]:
    """Change how an agreement was kept, the note, who reported it or the follow-up
    (`expected` in DTO terms: the values the caller believes are current)."""
    clean = plan_rules.review_result(changes)
    return save_fields(
        uow, lambda: open_row(uow, ReviewResult, result_id), clean, expected, result_dto
    )


def remove_review(
    uow: UnitOfWork, review_id: int, *, expected: ReviewDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a review with its results; `restore_review` puts it back (same ids).
    `expected`: the review with its results as the caller last saw it (undo/redo); when
    someone else changed it since, ConflictError."""
    with uow:
        review = open_row(uow, PlanReview, review_id)
        results = _results(uow, [review.id])[review.id]
        judged = goals.reviewed_judgements(uow, [review.id])[review.id]
        ensure_as_seen(_review_dto(review, results, judged), expected)
        # The results one by one (not by the database's cascade), so the audit trail names each.
        taken = snapshot.remove(uow, review, *results, *judged)
        return Outcome(taken, uow.commit())


def restore_review(uow: UnitOfWork, taken: Snapshot) -> Outcome[ReviewDTO]:
    """Put a removed review back with its results and ids (undo of `remove_review`), checked
    as `add_review` checks a new one: the case open, the version finalised, the results
    about its agreements."""
    values = taken.values
    results = [
        ResultInput(r["agreement_lineage"], r["kept"], r["note"], r["reported_by"], r["follow_up"])
        for r in taken.of(ReviewResult)
    ]
    with uow:
        plan = _final_version(uow, values["plan_version_id"])
        _clean_review(uow, plan, values["held_on"], values["note"], results)
        goals.check_meeting(uow, plan.household_id, values.get("network_meeting_id"))
        for judged in taken.of(GoalJudgement):
            goals.check_goal(uow, plan.household_id, judged["goal_lineage"])
        review = cast(PlanReview, snapshot.put_back(uow, taken))
        return committed(uow, lambda: _loaded_review(uow, review))


# ---- reading --------------------------------------------------------------------------------


def list_reviews(uow: UnitOfWork, case_id: int) -> tuple[ReviewDTO, ...]:
    """The case's reviews, of every version, newest first."""
    with uow:
        rows = list(
            uow.session.scalars(
                select(PlanReview)
                .where(PlanReview.household_id == case_id)
                .order_by(PlanReview.held_on.desc(), PlanReview.id.desc())
            )
        )
        return tuple(loaded_reviews(uow, rows))


def last_results(uow: UnitOfWork, case_id: int) -> dict[str, ReviewResultDTO]:
    """Per agreement lineage: how it was kept at the last review that looked at it.

    An agreement the very last review skipped keeps the result of the review before.
    """
    with uow:
        rows = uow.session.scalars(
            select(ReviewResult)
            .join(PlanReview, PlanReview.id == ReviewResult.review_id)
            .where(PlanReview.household_id == case_id)
            .order_by(PlanReview.held_on, PlanReview.id, ReviewResult.id)
        )
        return {row.agreement_lineage: result_dto(row) for row in rows}


# ---- follow-ups -----------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _newest_whats(uow: UnitOfWork, case_id: int) -> set[str]:
    """What the agreements of the case's newest version (a draft copies it) say."""
    newest = plans.newest_version_id(uow, case_id)
    return {
        _key(what)
        for what in uow.session.scalars(
            select(Agreement.what).where(Agreement.plan_version_id == newest)
        )
    }


def _follow_ups(uow: UnitOfWork, review_id: int) -> tuple[PlanReview, list[ReviewResult]]:
    review = open_row(uow, PlanReview, review_id)
    found = [r for r in _results(uow, [review.id])[review.id] if r.follow_up.strip()]
    if not found:
        raise InvalidInput(
            Problem("follow_up", _("This review has no follow-ups to carry into the plan."))
        )
    known = _newest_whats(uow, review.household_id)
    new = [r for r in found if _key(r.follow_up) not in known]
    if not new:
        raise InvalidInput(
            Problem(
                "follow_up",
                _("The follow-ups of this review are already agreements in the newest plan."),
            )
        )
    return review, new


def carry_follow_ups(uow: UnitOfWork, review_id: int) -> Outcome[list[AgreementDTO]]:
    """Make each follow-up of a review a new agreement (proposed, naming the same people as the
    agreement it follows up, serving the same statements, with the result's mark for special
    categories) in the case's draft; a draft is started
    when there is none. A follow-up that already is an agreement there is not added twice."""
    with uow:
        review, _found = _follow_ups(uow, review_id)
        case_id = review.household_id
    draft = plans.start_draft(uow, case_id)
    with uow:
        plan = plans.editable_version(uow, draft.value.id)
        review, found = _follow_ups(uow, review_id)
        originals = {
            a.lineage: a
            for a in uow.session.scalars(
                select(Agreement).where(Agreement.plan_version_id == review.plan_version_id)
            )
        }
        parties = plans.parties_of(uow, [a.id for a in originals.values()])
        position = next_position(uow, Agreement.position, Agreement.plan_version_id == plan.id)
        created: list[Agreement] = []
        for result in found:
            original = originals.get(result.agreement_lineage)
            row = Agreement(
                plan_version_id=plan.id,
                household_id=plan.household_id,
                position=position,
                what=result.follow_up.strip(),
                status=AgreementStatus.PROPOSED.value,
                serves=original.serves if original is not None else (),
                # A follow-up marked as a special category stays marked as an agreement.
                special_category=result.special_category,
            )
            uow.session.add(row)
            uow.flush()
            for party in parties.get(original.id, []) if original is not None else []:
                who = columns_of_source(source_of(party))
                uow.session.add(
                    AgreementParty(agreement_id=row.id, household_id=plan.household_id, **who)
                )
            created.append(row)
            position += 1
        uow.flush()
        named = plans.parties_of(uow, [a.id for a in created])
        dtos = [plans.agreement_dto(a, named[a.id]) for a in created]
        return Outcome(dtos, draft.changes | uow.commit())


# ---- alerts ---------------------------------------------------------------------------------


@dataclass
class _Found:
    version_id: int
    review_due_on: dt.date | None
    review_overdue: bool = False
    agreement_ids: list[int] | None = None


def _newest_finals(case_ids: Collection[int] | None) -> Any:
    """(version id, case id, next review) of the newest finalised version of each open case
    (or of those of `case_ids`)."""
    newest = select(PlanVersion.household_id, func.max(PlanVersion.number).label("number")).where(
        PlanVersion.status == PlanStatus.FINAL.value,
        *of_cases(PlanVersion.household_id, case_ids),
    )
    newest_sq = newest.group_by(PlanVersion.household_id).subquery()
    return (
        select(PlanVersion.id, PlanVersion.household_id, PlanVersion.next_review_on)
        .join(
            newest_sq,
            and_(
                PlanVersion.household_id == newest_sq.c.household_id,
                PlanVersion.number == newest_sq.c.number,
            ),
        )
        .join(Household, Household.id == PlanVersion.household_id)
        .where(Household.status == CaseStatus.OPEN.value)
    )


def _alerts(
    uow: UnitOfWork, today: dt.date, case_ids: Collection[int] | None = None
) -> dict[int, _Found]:
    """Per open case with a finalised plan (or those of `case_ids`), what needs attention — in
    four queries, whatever the number of cases."""
    finals = _newest_finals(case_ids).subquery()
    found = {
        case: _Found(version_id, next_review)
        for version_id, case, next_review in uow.session.execute(select(finals))
    }
    if not found:
        return {}
    # The last review per case, and per agreement lineage.
    reviewed = select(PlanReview.household_id, func.max(PlanReview.held_on)).where(
        PlanReview.household_id.in_(select(finals.c.household_id))
    )
    last_review = dict(uow.session.execute(reviewed.group_by(PlanReview.household_id)).all())
    for case, item in found.items():
        due, last = item.review_due_on, last_review.get(case)
        item.review_overdue = plan_rules.review_overdue(due, last, today)
    is_late = (
        Agreement.plan_version_id.in_(select(finals.c.id)),
        Agreement.status.not_in(_SETTLED),
        or_(Agreement.due_on < today, Agreement.review_on < today),
    )
    candidates = uow.session.execute(
        select(
            Agreement.id,
            Agreement.household_id,
            Agreement.lineage,
            Agreement.due_on,
            Agreement.review_on,
        )
        .where(*is_late)
        .order_by(Agreement.household_id, Agreement.position, Agreement.id)
    ).all()
    looked_at: dict[tuple[int, str], dt.date] = {}
    if candidates:
        lineage_reviews = (
            select(
                ReviewResult.household_id,
                ReviewResult.agreement_lineage,
                func.max(PlanReview.held_on),
            )
            .join(PlanReview, PlanReview.id == ReviewResult.review_id)
            .where(ReviewResult.agreement_lineage.in_(select(Agreement.lineage).where(*is_late)))
            .group_by(ReviewResult.household_id, ReviewResult.agreement_lineage)
        )
        if case_ids is not None:  # a page of the case list: not every review in the database
            cases = sorted({case for _, case, *_rest in candidates})
            lineage_reviews = lineage_reviews.where(ReviewResult.household_id.in_(cases))
        looked_at = {(c, lin): day for c, lin, day in uow.session.execute(lineage_reviews)}
    flagged: dict[int, list[int]] = defaultdict(list)
    for agreement_id, case, lineage, due_on, review_on in candidates:
        passed = max(d for d in (due_on, review_on) if d is not None and d < today)
        last = looked_at.get((case, lineage))
        if last is None or last < passed:
            flagged[case].append(agreement_id)
    for case, item in found.items():
        item.agreement_ids = flagged.get(case, [])
    return found


def case_alerts(uow: UnitOfWork, case_id: int, today: dt.date | None = None) -> PlanAlerts:
    """What needs attention in the case's newest finalised plan (for the case overview)."""
    today = today or dt.date.today()
    with uow:
        return _case_alerts(uow, _alerts(uow, today, [case_id]).get(case_id))


def case_review(
    uow: UnitOfWork, case_id: int, today: dt.date | None = None
) -> tuple[ReviewDue | None, PlanAlerts]:
    """One case's review column (as `reviews_due` gives it; None: no finalised plan) and its
    alerts (`case_alerts`), from one read of what needs attention (the case overview)."""
    today = today or dt.date.today()
    with uow:
        item = _alerts(uow, today, [case_id]).get(case_id)
        alerts = _case_alerts(uow, item)
    if item is None:
        return None, alerts
    late = len(item.agreement_ids or [])
    return ReviewDue(item.review_due_on, item.review_overdue, late), alerts


def _case_alerts(uow: UnitOfWork, item: _Found | None) -> PlanAlerts:
    """`case_alerts` of what `_alerts` found for the case (None: nothing, no finalised plan)."""
    if item is None:
        return PlanAlerts()
    ids = item.agreement_ids or []
    rows = (
        list(
            uow.session.scalars(
                select(Agreement)
                .where(Agreement.id.in_(ids))
                .order_by(Agreement.position, Agreement.id)
            )
        )
        if ids
        else []
    )
    parties = plans.parties_of(uow, [r.id for r in rows])
    return PlanAlerts(
        review_overdue=item.review_overdue,
        review_due_on=item.review_due_on,
        agreements_past_date=tuple(plans.agreement_dto(r, parties[r.id]) for r in rows),
        plan_version_id=item.version_id,
    )


def alert_reason(review_overdue_since: dt.date | None, late_agreements: int) -> str:
    """The short text for a case-list marker, e.g. "Review overdue (due 01-12-2026); 2
    agreements past their date"."""
    parts: list[str] = []
    if review_overdue_since is not None:
        parts.append(
            _("Review overdue (due {date})").format(date=v.format_date_nl(review_overdue_since))
        )
    if late_agreements:
        parts.append(
            ngettext(
                "{n} agreement past its date", "{n} agreements past their date", late_agreements
            ).format(n=late_agreements)
        )
    return "; ".join(parts)


def cases_with_alerts(uow: UnitOfWork, today: dt.date | None = None) -> dict[int, str]:
    """Every open case whose plan needs attention → a short reason (for the case list).

    A fixed handful of queries for all cases together, however many there are.
    """
    today = today or dt.date.today()
    with uow:
        found = _alerts(uow, today)
    out: dict[int, str] = {}
    for case in sorted(found):
        item = found[case]
        late = len(item.agreement_ids or [])
        if item.review_overdue or late:
            out[case] = alert_reason(item.review_due_on if item.review_overdue else None, late)
    return out


@dataclass(frozen=True)
class ReviewDue:
    """The next review of a case's newest finalised plan, for lists of many cases."""

    #: The next review date (None: none set).
    on: dt.date | None
    overdue: bool
    #: Agreements past their date and not looked at in a review since.
    late_agreements: int

    @property
    def alert(self) -> str:
        """The case list's marker text ("" when nothing needs attention)."""
        return alert_reason(self.on if self.overdue else None, self.late_agreements)


def reviews_due(
    uow: UnitOfWork,
    today: dt.date | None = None,
    case_id: int | None = None,
    *,
    case_ids: Collection[int] | None = None,
) -> dict[int, ReviewDue]:
    """Per open case with a finalised plan (or only `case_id`, or those of `case_ids`): its
    next review, whether that is overdue and how many agreements are past their date (the case
    list's and the caseload's columns), in the same fixed handful of queries as
    `cases_with_alerts`, however many cases are asked for."""
    today = today or dt.date.today()
    with uow:
        found = _alerts(uow, today, wanted_cases(case_id, case_ids))
    return {
        case: ReviewDue(item.review_due_on, item.review_overdue, len(item.agreement_ids or []))
        for case, item in found.items()
    }
