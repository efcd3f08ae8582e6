"""Services for a plan's review (toetsing): submit a finalised version, decide (approve, or
return with comments per agreement, statement or part), withdraw, undo each step; a case's plan
status (one case, or every case of the case list in a fixed number of queries), the reviewer's
queue and the overdue reviews.

The rules (schedule, who may decide, what a decision needs, the state) are in
`plan_approval_rules`; here they meet the database. In team mode the database's own policies
check again who decides and who withdraws (store/team_sql.py); this service says it first, in
words. Every step is undoable: `reopen_decision` undoes `decide` and `withdraw` (the submission
waits again, the comments go; `comment_inputs` gives what redo passes to `decide` again),
`remove_submission` + `restore_submission` undo and redo `submit`. Each undo step takes
`expected` (the ApprovalDTO the caller last saw) and refuses with ConflictError when someone
changed it since.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any
from typing import cast

from sqlalchemy import select

from jeugdtool.cases import staff
from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import StaffRoleGrant
from jeugdtool.cases.staff import StaffMember
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.framework import plan_approval_rules as rules
from jeugdtool.framework import plan_policy
from jeugdtool.framework.plan_approval_dto import ApprovalDTO
from jeugdtool.framework.plan_approval_dto import CommentDTO
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.plan_approval_dto import PlanStatusDTO
from jeugdtool.framework.plan_approval_dto import QueueItem
from jeugdtool.framework.plan_models import PlanApproval
from jeugdtool.framework.plan_models import PlanApprovalComment
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.i18n import _
from jeugdtool.store import org_settings
from jeugdtool.store import snapshot
from jeugdtool.store.base import Base
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

#: The lock under which a case's submissions are checked and made (one waiting at a time).
SUBMIT_LOCK = "plan-approval"
#: Not compared when undo checks a submission is as the caller saw it: it depends on the day.
_BY_DAY = ("overdue",)


# ---- conversions --------------------------------------------------------------------------------


def _comment_dto(row: PlanApprovalComment) -> CommentDTO:
    return as_dto(CommentDTO, row, target_kind=CommentTarget(row.target_kind))


def _comments(uow: UnitOfWork, ids: Collection[int]) -> dict[int, list[PlanApprovalComment]]:
    return children_in_order(uow.session, PlanApprovalComment.approval_id, list(ids))


def _dto(
    row: PlanApproval,
    number: int,
    comments: Sequence[PlanApprovalComment],
    today: dt.date,
    current: bool,
) -> ApprovalDTO:
    return as_dto(
        ApprovalDTO,
        row,
        version_number=number,
        state=ApprovalState(row.state),
        comments=tuple(_comment_dto(c) for c in comments),
        overdue=rules.is_overdue(row, today, current=current),
    )


def comment_inputs(approval: ApprovalDTO) -> tuple[CommentInput, ...]:
    """The comments of a decision as `decide` takes them (redo after `reopen_decision`)."""
    return tuple(
        CommentInput(c.target_kind, c.target_key, c.target_label, c.text) for c in approval.comments
    )


# ---- what a case's plan has -----------------------------------------------------------------


def _case_data(
    uow: UnitOfWork, case_ids: Collection[int] | None
) -> tuple[dict[int, list[Any]], dict[int, list[Any]], set[int]]:
    """Per case: its plan versions (id, number, status) and its submissions that were not
    withdrawn (light rows), and which of the cases are closed or archived — two queries,
    whatever the number of cases."""
    ids = None if case_ids is None else list(case_ids)
    versions_q = select(
        PlanVersion.id,
        PlanVersion.household_id,
        PlanVersion.number,
        PlanVersion.status,
        Household.status,
    ).join(Household, Household.id == PlanVersion.household_id)
    approvals_q = select(
        PlanApproval.id,
        PlanApproval.household_id,
        PlanApproval.plan_version_id,
        PlanApproval.state,
        PlanApproval.submitted_on,
        PlanApproval.due_on,
        PlanApproval.decided_on,
        PlanApproval.decided_by,
        PlanApproval.re_review_on,
    ).where(PlanApproval.state != ApprovalState.WITHDRAWN.value)
    if ids is not None:
        versions_q = versions_q.where(PlanVersion.household_id.in_(ids))
        approvals_q = approvals_q.where(PlanApproval.household_id.in_(ids))
    versions: dict[int, list[Any]] = defaultdict(list)
    closed: set[int] = set()
    for vid, case, number, status, case_status in uow.session.execute(versions_q):
        versions[case].append((vid, number, status))
        if case_status != CaseStatus.OPEN:
            closed.add(case)
    approvals: dict[int, list[Any]] = defaultdict(list)
    if versions:
        for row in uow.session.execute(approvals_q):
            approvals[row.household_id].append(row)
    return versions, approvals, closed


def _in_force(versions: Iterable[tuple[int, int, Any]]) -> int | None:
    finals = [(number, vid) for vid, number, status in versions if status == PlanStatus.FINAL]
    return max(finals)[1] if finals else None


def _current_ids(versions: dict[int, list[Any]], approvals: dict[int, list[Any]]) -> set[int]:
    """The ids of the current submissions (`rules.current_approval`) of the plans in force."""
    out: set[int] = set()
    for case, own_versions in versions.items():
        in_force = _in_force(own_versions)
        own = [a for a in approvals.get(case, []) if a.plan_version_id == in_force]
        current = rules.current_approval(own)
        if current is not None:
            out.add(current.id)
    return out


def _is_current(uow: UnitOfWork, row: PlanApproval) -> bool:
    versions, approvals, _closed = _case_data(uow, [row.household_id])
    return row.id in _current_ids(versions, approvals)


def _loaded(uow: UnitOfWork, row: PlanApproval, today: dt.date) -> ApprovalDTO:
    """Inside an open unit of work: the submission's DTO as it is now."""
    number = get(uow, PlanVersion, row.plan_version_id).number
    comments = _comments(uow, [row.id])[row.id]
    return _dto(row, number, comments, today, _is_current(uow, row))


def statuses_in(
    uow: UnitOfWork, case_ids: Collection[int] | None, today: dt.date
) -> dict[int, PlanStatusDTO]:
    """Inside an open unit of work: `plan_statuses`."""
    versions, approvals, closed = _case_data(uow, case_ids)
    wanted = versions.keys() if case_ids is None else case_ids
    return {
        case: rules.status_of(
            versions.get(case, []), approvals.get(case, []), today, closed=case in closed
        )
        for case in wanted
    }


def status_in(uow: UnitOfWork, case_id: int, today: dt.date | None = None) -> PlanStatusDTO:
    """Inside an open unit of work: `plan_status`."""
    return statuses_in(uow, [case_id], today or dt.date.today())[case_id]


def plan_status(uow: UnitOfWork, case_id: int, today: dt.date | None = None) -> PlanStatusDTO:
    """Where the case's plan stands in its review (`PlanStatusDTO`)."""
    with uow:
        return status_in(uow, case_id, today)


def plan_statuses(
    uow: UnitOfWork, case_ids: Collection[int] | None = None, today: dt.date | None = None
) -> dict[int, PlanStatusDTO]:
    """Per case of `case_ids` (None: every case with a plan the reader sees) its plan status,
    in two queries whatever the number of cases (the case list's column)."""
    today = today or dt.date.today()
    if case_ids is not None and not case_ids:
        return {}
    with uow:
        return statuses_in(uow, case_ids, today)


# ---- guards -------------------------------------------------------------------------------------


def _open_approval(uow: UnitOfWork, approval_id: int) -> PlanApproval:
    """The submission of an open case, locked until the action ends (PostgreSQL: FOR UPDATE),
    so two reviewers cannot both decide on it."""
    row = uow.session.get(PlanApproval, approval_id, with_for_update=True) or get(
        uow, PlanApproval, approval_id
    )
    ensure_open(uow, row.household_id)
    return row


def _pending(uow: UnitOfWork, case_id: int, *, besides: int | None = None) -> PlanApproval | None:
    """The case's submission waiting for a decision (there is at most one)."""
    query = select(PlanApproval).where(
        PlanApproval.household_id == case_id,
        PlanApproval.state == ApprovalState.SUBMITTED.value,
    )
    if besides is not None:
        query = query.where(PlanApproval.id != besides)
    return uow.session.scalars(query.limit(1)).first()


def _pending_problem(uow: UnitOfWork, waiting: PlanApproval) -> InvalidInput:
    number = get(uow, PlanVersion, waiting.plan_version_id).number
    return InvalidInput(
        Problem(
            "plan_version_id",
            _(
                "Version {number} of the plan was submitted on {date} and is still waiting for "
                "review. Wait for the decision, or withdraw that submission first."
            ).format(number=number, date=v.format_date_nl(waiting.submitted_on)),
        )
    )


def _final_in_force(uow: UnitOfWork, version_id: int) -> PlanVersion:
    """The version, if it is finalised and the plan in force (the newest finalised)."""
    plan = uow.session.get(PlanVersion, version_id, with_for_update=True) or get(
        uow, PlanVersion, version_id
    )
    ensure_open(uow, plan.household_id)
    if plan.status != PlanStatus.FINAL:
        raise InvalidInput(
            Problem(
                "plan_version_id",
                _(
                    "Version {number} of the plan is a draft. Only a finalised plan is submitted "
                    "for review: finalise it first."
                ).format(number=plan.number),
            )
        )
    newest = uow.session.scalar(
        select(PlanVersion.number)
        .where(
            PlanVersion.household_id == plan.household_id,
            PlanVersion.status == PlanStatus.FINAL.value,
        )
        .order_by(PlanVersion.number.desc())
        .limit(1)
    )
    if newest != plan.number:
        raise InvalidInput(
            Problem(
                "plan_version_id",
                _(
                    "Version {number} is no longer the plan in force; submit version {newest}."
                ).format(number=plan.number, newest=newest),
            )
        )
    return plan


def reviewer_choices(uow: UnitOfWork, by: StaffMember) -> list[StaffMember]:
    """The colleagues `by` can ask by id to review a plan (`rules.may_be_asked`), by name."""
    return sorted(
        (p for p in staff.list_staff(uow) if rules.may_be_asked(p, by)),
        key=lambda p: p.name.casefold(),
    )


def _reviewer_named(uow: UnitOfWork, reviewer_id: int, by: StaffMember) -> str:
    person = uow.session.get(Consultant, reviewer_id)
    if person is None or not person.active:
        raise InvalidInput(Problem("reviewer_id", _("Choose an active colleague as the reviewer.")))
    if person.id == by.id:
        raise InvalidInput(
            Problem(
                "reviewer_id",
                _("A colleague reviews your plan, not you yourself: choose someone else."),
            )
        )
    if by.team_mode:
        roles = set(
            uow.session.scalars(
                select(StaffRoleGrant.role).where(StaffRoleGrant.person_id == person.id)
            )
        )
        if StaffRole.REVIEWER.value not in roles:
            raise InvalidInput(
                Problem(
                    "reviewer_id",
                    _(
                        "{name} is not a reviewer (werkbegeleider or gedragsdeskundige); "
                        "choose a reviewer, or leave it to any reviewer of the team."
                    ).format(name=person.name),
                )
            )
    return person.name


# ---- submitting ---------------------------------------------------------------------------------


def submit(
    uow: UnitOfWork,
    version_id: int,
    *,
    by: StaffMember,
    reviewer_id: int | None = None,
    reviewer: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> Outcome[ApprovalDTO]:
    """Submit the plan in force (a finalised version) for review, due the organisation's
    number of working days later. `reviewer_id` (a colleague; in team mode one with the
    reviewer role) or the name `reviewer` asks a particular reviewer; neither: any reviewer.
    Refused while a submission of the case waits for a decision."""
    today = today or dt.date.today()
    clean_note, name = rules.clean_submission(note, reviewer)
    with uow:
        plan = _final_in_force(uow, version_id)
        uow.serialize(SUBMIT_LOCK)
        waiting = _pending(uow, plan.household_id)
        if waiting is not None:
            raise _pending_problem(uow, waiting)
        own = uow.session.scalars(
            select(PlanApproval).where(PlanApproval.plan_version_id == plan.id)
        )
        problem = rules.submit_problem(own, plan.number)
        if problem is not None:
            raise InvalidInput(problem)
        if reviewer_id is not None:
            name = _reviewer_named(uow, reviewer_id, by)
        elif name and rules.same_name(name, by.name):
            raise InvalidInput(
                Problem(
                    "reviewer",
                    _("A colleague reviews your plan, not you yourself: name someone else."),
                )
            )
        days = plan_policy.read_setting(uow, org_settings.PLAN_REVIEW_DAYS)
        row = PlanApproval(
            household_id=plan.household_id,
            plan_version_id=plan.id,
            state=ApprovalState.SUBMITTED.value,
            submitted_on=today,
            submitted_by_id=by.id,
            submitted_by=by.name[: rules.MAX_NAME],
            reviewer_id=reviewer_id,
            reviewer=name,
            due_on=rules.due_date(today, days),
            note=clean_note,
        )
        uow.session.add(row)
        return committed(uow, lambda: _dto(row, plan.number, [], today, True))


def remove_submission(
    uow: UnitOfWork, approval_id: int, *, expected: ApprovalDTO | None = None
) -> Outcome[Snapshot]:
    """Take a submission back as if it was never made (undo of `submit`); the snapshot puts it
    back (`restore_submission`). Refused (ConflictError) once a decision was recorded on it or
    it changed since the caller saw it as `expected`: undo never erases a reviewer's work."""
    with uow:
        row = _open_approval(uow, approval_id)
        ensure_as_seen(_loaded(uow, row, dt.date.today()), expected, ignore=_BY_DAY)
        if row.state != ApprovalState.SUBMITTED.value:
            raise conflict_error()
        comments = _comments(uow, [row.id])[row.id]
        taken = snapshot.remove(uow, row, *comments)
        return Outcome(taken, uow.commit())


def restore_submission(uow: UnitOfWork, taken: Snapshot) -> Outcome[ApprovalDTO]:
    """Put a removed submission back with its id and dates (redo of `submit`); ConflictError
    when the case has another submission waiting by now, or the version is gone."""
    values = taken.values
    with uow:
        ensure_open(uow, values["household_id"])
        plan = uow.session.get(PlanVersion, values["plan_version_id"])
        if plan is None or plan.status != PlanStatus.FINAL:
            raise conflict_error()
        uow.serialize(SUBMIT_LOCK)
        if _pending(uow, values["household_id"]) is not None:
            raise conflict_error()
        row = cast(PlanApproval, snapshot.put_back(uow, taken))
        return committed(uow, lambda: _loaded(uow, row, dt.date.today()))


# ---- deciding -----------------------------------------------------------------------------------


def decide(
    uow: UnitOfWork,
    approval_id: int,
    *,
    approve: bool,
    by: StaffMember,
    decided_by: str | None = None,
    note: str = "",
    comments: Sequence[CommentInput] = (),
    today: dt.date | None = None,
    expected: ApprovalDTO | None = None,
) -> Outcome[ApprovalDTO]:
    """Approve a submitted plan, or return it with comments (at least one, or a note).

    Team mode: `by` must be a reviewer who did not submit it; the decision is in their name.
    Single-user mode: `decided_by` names the colleague who decided (not the submitter).
    Approved: the plan is to be reviewed again after the organisation's number of months.
    `expected` (redo): the submission as the caller last saw it; ConflictError when it changed.
    """
    today = today or dt.date.today()
    clean_note, clean_comments = rules.clean_decision(approve, note, comments)
    with uow:
        row = _open_approval(uow, approval_id)
        ensure_as_seen(_loaded(uow, row, today), expected, ignore=_BY_DAY)
        rules.check_pending(row)
        rules.check_may_decide(by, row, team_mode=by.team_mode, decided_by=decided_by or "")
        if by.team_mode:
            row.decided_by, row.decided_by_id = by.name[: rules.MAX_NAME], by.id
        else:
            row.decided_by, row.decided_by_id = " ".join((decided_by or "").split()), None
        row.state = (ApprovalState.APPROVED if approve else ApprovalState.RETURNED).value
        row.decided_on = today
        row.decision_note = clean_note
        months = plan_policy.read_setting(uow, org_settings.PLAN_REREVIEW_MONTHS)
        row.re_review_on = rules.re_review_date(today, months) if approve else None
        for position, comment in enumerate(clean_comments, 1):
            uow.session.add(
                PlanApprovalComment(
                    household_id=row.household_id,
                    approval_id=row.id,
                    position=position,
                    target_kind=comment.target_kind.value,
                    target_key=comment.target_key,
                    target_label=comment.target_label,
                    text=comment.text,
                )
            )
        return committed(uow, lambda: _loaded(uow, row, today))


def withdraw(
    uow: UnitOfWork,
    approval_id: int,
    *,
    by: StaffMember,
    expected: ApprovalDTO | None = None,
    today: dt.date | None = None,
) -> Outcome[ApprovalDTO]:
    """The submitter takes a submission back before it is decided (in team mode only they
    may); the day and their name are kept as `decided_on` / `decided_by`. Undo:
    `reopen_decision`."""
    today = today or dt.date.today()
    with uow:
        row = _open_approval(uow, approval_id)
        ensure_as_seen(_loaded(uow, row, today), expected, ignore=_BY_DAY)
        rules.check_pending(row)
        rules.check_may_withdraw(by, row)
        row.state = ApprovalState.WITHDRAWN.value
        row.decided_on, row.decided_by = today, by.name[: rules.MAX_NAME]
        return committed(uow, lambda: _loaded(uow, row, today))


def reopen_decision(
    uow: UnitOfWork,
    approval_id: int,
    *,
    expected: ApprovalDTO | None,
    by: StaffMember | None = None,
) -> Outcome[ApprovalDTO]:
    """Undo of `decide` (and of `withdraw`): the submission waits for a decision again, its
    comments are removed. Redo calls `decide` again with `comment_inputs` of the DTO that
    `decide` returned (and its `decided_on` as `today`), expecting the DTO this returns.

    `expected`: the decided submission as the caller last saw it, comments included; when
    anything changed since, ConflictError. Also ConflictError when another submission of the
    case waits by now. `by` (optional): the person undoing, checked as deciding (withdrawing)
    is.
    """
    with uow:
        row = _open_approval(uow, approval_id)
        today = dt.date.today()
        ensure_as_seen(_loaded(uow, row, today), expected, ignore=_BY_DAY)
        state = ApprovalState(row.state)
        if state is ApprovalState.SUBMITTED:
            raise InvalidInput(
                Problem("state", _("This submission is still waiting for a decision."))
            )
        if by is not None:
            if state is ApprovalState.WITHDRAWN:
                rules.check_may_withdraw(by, row)
            else:
                rules.check_may_decide(by, row, team_mode=by.team_mode, decided_by=row.decided_by)
        uow.serialize(SUBMIT_LOCK)
        if _pending(uow, row.household_id, besides=row.id) is not None:
            raise conflict_error()
        for comment in _comments(uow, [row.id])[row.id]:
            uow.session.delete(comment)
        row.state = ApprovalState.SUBMITTED.value
        row.decided_on, row.decided_by, row.decided_by_id = None, "", None
        row.decision_note, row.re_review_on = "", None
        return committed(uow, lambda: _loaded(uow, row, today))


# ---- reading ------------------------------------------------------------------------------------


def _listed(uow: UnitOfWork, rows: Sequence[PlanApproval], today: dt.date) -> list[ApprovalDTO]:
    if not rows:
        return []
    cases = {r.household_id for r in rows}
    versions, approvals, _closed = _case_data(uow, cases)
    current = _current_ids(versions, approvals)
    numbers = {vid: number for own in versions.values() for vid, number, _s in own}
    comments = _comments(uow, [r.id for r in rows])
    return [
        _dto(r, numbers[r.plan_version_id], comments[r.id], today, r.id in current) for r in rows
    ]


def approvals_of_case(
    uow: UnitOfWork, case_id: int, today: dt.date | None = None
) -> list[ApprovalDTO]:
    """Every submission of the case's plan (any version), newest first, with comments."""
    return _approvals_of(uow, Household, PlanApproval.household_id, case_id, today)


def approvals_of_version(
    uow: UnitOfWork, version_id: int, today: dt.date | None = None
) -> list[ApprovalDTO]:
    """The submissions of one plan version, newest first, with comments."""
    return _approvals_of(uow, PlanVersion, PlanApproval.plan_version_id, version_id, today)


def _approvals_of(
    uow: UnitOfWork, owner: type[Base], column: Any, owner_id: int, today: dt.date | None
) -> list[ApprovalDTO]:
    """The submissions whose `column` names the row `owner_id` of `owner` (their case or their
    plan version; NotFound when it is gone), newest first, with comments."""
    today = today or dt.date.today()
    with uow:
        get(uow, owner, owner_id)
        order = (PlanApproval.submitted_on.desc(), PlanApproval.id.desc())
        query = select(PlanApproval).where(column == owner_id).order_by(*order)
        return _listed(uow, list(uow.session.scalars(query)), today)


def get_approval(uow: UnitOfWork, approval_id: int, today: dt.date | None = None) -> ApprovalDTO:
    with uow:
        return _loaded(uow, get(uow, PlanApproval, approval_id), today or dt.date.today())


def _queue_rows(uow: UnitOfWork, *where: Any) -> list[tuple[PlanApproval, str, str]]:
    query = (
        select(PlanApproval, Household.case_number, Household.name)
        .join(Household, Household.id == PlanApproval.household_id)
        .where(Household.status == CaseStatus.OPEN.value, *where)
    )
    return [(row, number, name) for row, number, name in uow.session.execute(query)]


def _items(
    uow: UnitOfWork, found: Sequence[tuple[PlanApproval, str, str]], today: dt.date
) -> list[QueueItem]:
    dtos = _listed(uow, [row for row, _n, _c in found], today)
    return [
        QueueItem(dto, row.household_id, number, name, dto.overdue)
        for dto, (row, number, name) in zip(dtos, found, strict=True)
    ]


def queue_at_start(uow: UnitOfWork, member: StaffMember) -> bool:
    """Whether the review queue opens at the start: for a reviewer or team leader of a team
    database while plans wait for a decision (never when the queue cannot be read)."""
    if not member.team_mode or not member.roles & {StaffRole.REVIEWER, StaffRole.TEAM_LEADER}:
        return False
    try:
        return bool(review_queue(uow))
    except JeugdtoolError:
        return False


def review_queue(uow: UnitOfWork, today: dt.date | None = None) -> list[QueueItem]:
    """The submissions waiting for a decision, of the open cases the reader sees (in team mode
    the database's policies decide which), the one due soonest first."""
    today = today or dt.date.today()
    with uow:
        found = _queue_rows(uow, PlanApproval.state == ApprovalState.SUBMITTED.value)
        found.sort(key=lambda f: (f[0].due_on, f[0].submitted_on, f[0].id))
        return _items(uow, found, today)


def overdue_reviews(uow: UnitOfWork, today: dt.date | None = None) -> list[QueueItem]:
    """What the team leader sees as late: submissions waiting past their due day, and approved
    plans in force past their re-review date with no new submission; the longest late
    first."""
    today = today or dt.date.today()
    with uow:
        waiting = _queue_rows(
            uow,
            PlanApproval.state == ApprovalState.SUBMITTED.value,
            PlanApproval.due_on < today,
        )
        approved = _queue_rows(
            uow,
            PlanApproval.state == ApprovalState.APPROVED.value,
            PlanApproval.re_review_on < today,
        )
        if approved:
            versions, approvals, _closed = _case_data(
                uow, {row.household_id for row, _n, _c in approved}
            )
            current = _current_ids(versions, approvals)
            approved = [f for f in approved if f[0].id in current]
        found = waiting + approved

        def late_since(f: tuple[PlanApproval, str, str]) -> tuple[dt.date, int]:
            row = f[0]
            since = row.due_on if row.state == ApprovalState.SUBMITTED.value else row.re_review_on
            return (since or today, row.id)

        found.sort(key=late_since)
        return _items(uow, found, today)
