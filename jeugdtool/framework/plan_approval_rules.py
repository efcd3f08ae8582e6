"""The rules of a plan's review (toetsing), pure: the schedule, who may decide, what a decision
needs, the plan's state, and what help waits for.

The services (`plan_approval`) call these and add what only the database knows; the dialogs call
the same functions for feedback while typing; nothing here reads a database or a clock.

- A submission is due `working days` (Monday to Friday; public holidays are not known) after the
  day it was submitted; an approved plan is reviewed again `months` after its approval.
- Team mode: only a reviewer (werkbegeleider / gedragsdeskundige) who did not submit the plan
  decides; the database's own policies say the same (store/team_sql.py). Single-user mode (one
  consultant's file): the decision is recorded for a named colleague, never the submitter.
- Returning a plan needs a reason: at least one comment or a general note.
- The plan's state is that of the plan in force (the newest finalised version) and its newest
  submission that was not withdrawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import Protocol

from jeugdtool.cases import validation as v
from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.folding import fold_key
from jeugdtool.framework.goal_rules import add_months
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.plan_approval_dto import PlanStatusDTO
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import PlanState
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.i18n import _
from jeugdtool.store.roles import StaffRole

MAX_TEXT = 5000
MAX_NAME = 200
MAX_KEY = 64
#: Saturday and Sunday (`date.weekday()`).
_WEEKEND = (5, 6)


class ReviewNotAllowed(JeugdtoolError):
    """This person may not do this step of a plan's review (team mode: not a reviewer, the
    submitter deciding their own plan, someone else withdrawing it)."""


class _ApprovalLike(Protocol):
    id: int
    state: Any
    submitted_on: dt.date
    due_on: dt.date
    decided_on: dt.date | None
    decided_by: str
    re_review_on: dt.date | None


# ---- the schedule -----------------------------------------------------------------------------


def is_working_day(day: dt.date) -> bool:
    return day.weekday() not in _WEEKEND


def due_date(submitted_on: dt.date, working_days: int) -> dt.date:
    """The day a review is due: `working_days` working days (Monday to Friday) after the day it
    was submitted; 0: the day itself, or the next working day when submitted in a weekend."""
    if working_days < 0:
        raise ValueError("working_days must not be negative")  # a programming error
    day = submitted_on
    if working_days == 0:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        return day
    left = working_days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def re_review_date(approved_on: dt.date, months: int) -> dt.date:
    """The day an approved plan is to be reviewed again: `months` calendar months later (the
    last day of the month when that month is shorter: 31 January + 1 month is 28 or 29
    February)."""
    if months < 0:
        raise ValueError("months must not be negative")  # a programming error
    return add_months(approved_on, months)


# ---- who may do what --------------------------------------------------------------------------


def same_name(a: str, b: str) -> bool:
    """Two names of one person: equal apart from case, accents and spaces."""
    return fold_key(a) == fold_key(b)


def check_may_decide(
    member: StaffMember, approval: Any, *, team_mode: bool, decided_by: str
) -> None:
    """Refuse when `member` may not record a decision on `approval` (an ApprovalDTO or a row).

    Team mode: `member` must hold the reviewer role and not be who submitted it
    (ReviewNotAllowed). Single-user mode: `decided_by` names the colleague who decided; it is
    required and may not be the submitter (InvalidInput, field "decided_by").
    """
    if team_mode:
        if not member.has(StaffRole.REVIEWER):
            raise ReviewNotAllowed(
                _(
                    "Only a reviewer (werkbegeleider or gedragsdeskundige) approves or returns "
                    "a plan. Ask a reviewer of your team."
                )
            )
        if approval.submitted_by_id is not None and approval.submitted_by_id == member.id:
            raise ReviewNotAllowed(
                _(
                    "You submitted this plan yourself, so another reviewer decides on it. "
                    "Ask a colleague reviewer."
                )
            )
        return
    name = " ".join((decided_by or "").split())
    if not name:
        raise InvalidInput(
            Problem(
                "decided_by",
                _(
                    "Name the colleague who reviewed the plan (a werkbegeleider or "
                    "gedragsdeskundige): their decision is recorded in their name."
                ),
            )
        )
    if len(name) > MAX_NAME:
        raise InvalidInput(
            Problem(
                "decided_by",
                _("The reviewer's name is too long: at most {max} characters.").format(
                    max=MAX_NAME
                ),
            )
        )
    if same_name(name, approval.submitted_by):
        raise InvalidInput(
            Problem(
                "decided_by",
                _(
                    "{name} submitted this plan; a colleague other than the submitter reviews "
                    "it. Name that colleague."
                ).format(name=approval.submitted_by),
            )
        )


def may_be_asked(person: StaffMember, submitter: StaffMember) -> bool:
    """Whether `submit` takes `person` as the reviewer a submitter asks for (by id): an active
    colleague with the reviewer role, not the submitter."""
    return person.active and StaffRole.REVIEWER in person.roles and person.id != submitter.id


def may_decide(member: StaffMember, approval: Any) -> bool:
    """Whether to offer `member` the decision at all (team mode: a reviewer who did not submit
    it; single-user mode: always, for a named colleague)."""
    if not member.team_mode:
        return True
    try:
        check_may_decide(member, approval, team_mode=True, decided_by="")
    except ReviewNotAllowed:
        return False
    return True


def check_may_withdraw(member: StaffMember, approval: Any) -> None:
    """Team mode: only who submitted a plan withdraws it (ReviewNotAllowed)."""
    if member.team_mode and approval.submitted_by_id != member.id:
        raise ReviewNotAllowed(
            _("Only {name}, who submitted this plan, can withdraw it.").format(
                name=approval.submitted_by
            )
        )


def check_pending(approval: Any) -> None:
    """Refuse a step on a submission that is no longer waiting for a decision."""
    state = ApprovalState(approval.state)
    if state is ApprovalState.SUBMITTED:
        return
    if state is ApprovalState.WITHDRAWN:
        message = _("This submission was withdrawn; there is nothing to decide any more.")
    else:
        message = _("{name} already decided on this plan on {date}: {state}.").format(
            name=approval.decided_by or _("someone"),
            date=v.format_date_nl(approval.decided_on),
            state=state.label.lower(),
        )
    raise InvalidInput(Problem("state", message))


# ---- what a decision holds --------------------------------------------------------------------


@dataclass(frozen=True)
class CleanComment:
    target_kind: CommentTarget
    target_key: str
    target_label: str
    text: str


def clean_comment(comment: CommentInput, field: str = "comments") -> CleanComment:
    """A comment's values checked: a known target, its key (none for the whole plan), text."""
    try:
        kind = CommentTarget(comment.target_kind)
    except ValueError:
        raise InvalidInput(
            Problem(
                field,
                _("'{kind}' is not something a comment can be about.").format(
                    kind=comment.target_kind
                ),
            )
        ) from None
    key = v.text(field, comment.target_key, label=_("What the comment is about"), max_len=MAX_KEY)
    if kind is CommentTarget.PLAN:
        key = ""
    elif not key:
        raise InvalidInput(
            Problem(field, _("Say which agreement, statement or part the comment is about."))
        )
    label = v.text(field, comment.target_label, label=_("What the comment is about"), max_len=500)
    text = v.text(field, comment.text, label=_("Comment"), max_len=MAX_TEXT, required=True)
    return CleanComment(kind, key, label, text)


def clean_decision(
    approve: bool, note: str, comments: Sequence[CommentInput]
) -> tuple[str, list[CleanComment]]:
    """The general note and the comments of a decision, checked together; returning a plan
    needs at least one comment or a note (InvalidInput, field "decision_note")."""
    clean: list[CleanComment] = []
    with collect() as problems:
        text = problems.check(
            v.text, "decision_note", note, label=_("Note with the decision"), max_len=MAX_TEXT
        )
        for number, comment in enumerate(comments):
            with problems.catching():
                clean.append(clean_comment(comment, f"comments[{number}]"))
        if not approve and not (text or comments):
            problems.add(
                Problem(
                    "decision_note",
                    _(
                        "Say why the plan goes back: add a comment to an agreement, a statement "
                        "or a part of the plan, or write a general note."
                    ),
                )
            )
    return text or "", clean


def clean_submission(note: str, reviewer: str) -> tuple[str, str]:
    """What the submitter asks or explains, and the reviewer named (may be empty)."""
    with collect() as problems:
        clean_note = problems.check(
            v.text, "note", note, label=_("Note for the reviewer"), max_len=MAX_TEXT
        )
        name = problems.check(v.text, "reviewer", reviewer, label=_("Reviewer"), max_len=MAX_NAME)
    return clean_note or "", " ".join((name or "").split())


# ---- the plan's state -------------------------------------------------------------------------


def newest_first(approvals: Iterable[_ApprovalLike]) -> list[_ApprovalLike]:
    return sorted(approvals, key=lambda a: (a.submitted_on, a.id), reverse=True)


def current_approval(approvals: Iterable[_ApprovalLike]) -> _ApprovalLike | None:
    """The newest submission of a version that was not withdrawn (None: none)."""
    for approval in newest_first(approvals):
        if ApprovalState(approval.state) is not ApprovalState.WITHDRAWN:
            return approval
    return None


def submit_problem(approvals: Iterable[_ApprovalLike], number: int) -> Problem | None:
    """Why version `number` (finalised, the plan in force) cannot be submitted now, given its
    submissions; None when it can: never submitted, withdrawn, or approved (its re-review).
    Not while a submission waits, nor after a return: the plan changes first, in a new
    version."""
    newest = newest_first(approvals)
    state = ApprovalState(newest[0].state) if newest else None
    if state is ApprovalState.SUBMITTED:
        return Problem(
            "plan_version_id",
            _("Version {number} is already waiting for a review.").format(number=number),
        )
    if state is ApprovalState.RETURNED:
        return Problem(
            "plan_version_id",
            _(
                "The reviewer returned version {number}: work on the comments in a new "
                "version of the plan, finalise it and submit that."
            ).format(number=number),
        )
    return None


def standing_approval(approvals: Iterable[_ApprovalLike]) -> _ApprovalLike | None:
    """The approval a version carries: its newest decision, when that approved it (a later
    re-review that returned it takes the approval away; one still waiting does not)."""
    for approval in newest_first(approvals):
        state = ApprovalState(approval.state)
        if state is ApprovalState.APPROVED:
            return approval
        if state is ApprovalState.RETURNED:
            return None
    return None


def is_overdue(approval: _ApprovalLike, today: dt.date, *, current: bool = True) -> bool:
    """A submission waiting past its due day; or the current approval past its re-review."""
    state = ApprovalState(approval.state)
    if state is ApprovalState.SUBMITTED:
        return approval.due_on < today
    if state is ApprovalState.APPROVED and current:
        return approval.re_review_on is not None and approval.re_review_on < today
    return False


def plan_state_of(
    has_plan: bool,
    has_final: bool,
    current: _ApprovalLike | None,
    today: dt.date,
    *,
    closed: bool = False,
) -> PlanState:
    """A case's plan state: no plan, a draft only, finalised (not submitted), submitted,
    returned, approved; review overdue when a submission waits past its due day or the
    approved plan is past its re-review date — never for a closed case, whose plan is no
    longer reviewed. `current`: the plan in force's `current_approval`."""
    if not has_plan:
        return PlanState.NONE
    if not has_final:
        return PlanState.DRAFT
    if current is None:
        return PlanState.FINAL
    if not closed and is_overdue(current, today):
        return PlanState.REVIEW_OVERDUE
    return {
        ApprovalState.SUBMITTED: PlanState.SUBMITTED,
        ApprovalState.APPROVED: PlanState.APPROVED,
        ApprovalState.RETURNED: PlanState.RETURNED,
    }[ApprovalState(current.state)]


def status_of(
    versions: Iterable[tuple[int, int, Any]],
    approvals: Iterable[_ApprovalLike],
    today: dt.date,
    *,
    closed: bool = False,
) -> PlanStatusDTO:
    """One case's status from its versions (id, number, status) and the submissions of any of
    them (each with `plan_version_id`); `closed`: the case is closed or archived."""
    versions = list(versions)
    if not versions:
        return PlanStatusDTO(PlanState.NONE)
    finals = [(number, vid) for vid, number, status in versions if status == PlanStatus.FINAL]
    if not finals:
        return PlanStatusDTO(PlanState.DRAFT, max(number for _vid, number, _s in versions))
    number, in_force = max(finals)
    own = [a for a in approvals if a.plan_version_id == in_force]  # type: ignore[attr-defined]
    current = current_approval(own)
    standing = standing_approval(own)
    waiting = current if current is not None and current.state == ApprovalState.SUBMITTED else None
    return PlanStatusDTO(
        state=plan_state_of(True, True, current, today, closed=closed),
        version_number=number,
        approved_on=standing.decided_on if standing is not None else None,
        approved_by=standing.decided_by if standing is not None else "",
        next_review_on=standing.re_review_on if standing is not None else None,
        due_on=waiting.due_on if waiting is not None else None,
    )


# ---- what help waits for ----------------------------------------------------------------------


def help_gate_problem(status: PlanStatusDTO, required: bool) -> Problem | None:
    """Why help cannot be added yet when the organisation asks for an approved plan (field
    "plan"), naming what to do; None when help can be added."""
    if not required or status.approved:
        return None
    state = status.state
    if state in (PlanState.NONE, PlanState.DRAFT):
        message = _(
            "Your organisation adds help only to a case with an approved plan, and this case "
            "has no finalised plan yet. Finalise the plan and submit it for review first."
        )
    elif state is PlanState.FINAL:
        message = _(
            "Your organisation adds help only to a case with an approved plan. The plan is "
            "finalised but not yet submitted: submit it for review on the plan page."
        )
    elif state is PlanState.RETURNED:
        message = _(
            "Your organisation adds help only to a case with an approved plan. The reviewer "
            "returned the plan with comments: change it in a new version, finalise it and "
            "submit it again."
        )
    else:
        message = _(
            "Your organisation adds help only to a case with an approved plan. The plan is "
            "waiting for review (due {date}); add the help once it is approved."
        ).format(date=v.format_date_nl(status.due_on))
    return Problem("plan", message)


def check_help_allowed(status: PlanStatusDTO, required: bool) -> None:
    """InvalidInput with `help_gate_problem` when help cannot be added yet."""
    problem = help_gate_problem(status, required)
    if problem is not None:
        raise InvalidInput(problem)


def agenda_reason(status: PlanStatusDTO) -> str:
    """The question a reflective-practice meeting is asked about a plan in review (what the
    "put it on the agenda" action proposes; the consultant can change it)."""
    if status.version_number is None:
        return _("The plan of this case")
    if status.due_on is not None:
        return _("Version {number} of the plan, submitted for review (due {date})").format(
            number=status.version_number, date=v.format_date_nl(status.due_on)
        )
    return _("Version {number} of the plan: {state}").format(
        number=status.version_number, state=status.state.label.lower()
    )
