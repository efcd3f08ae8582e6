"""Frozen views of a plan's review (toetsing): a submission with its decision and comments, a
case's plan status for lists, and an item of a reviewer's queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import PlanState


@dataclass(frozen=True)
class CommentDTO:
    """A reviewer's comment on one agreement, statement or section, or on the whole plan."""

    id: int
    position: int
    target_kind: CommentTarget
    #: An agreement's or statement's lineage, a section's code; "" for the plan as a whole.
    target_key: str
    #: What the target was called when the comment was written.
    target_label: str
    text: str


@dataclass(frozen=True)
class CommentInput:
    """A comment as the reviewer gives it with a decision."""

    target_kind: CommentTarget | str
    target_key: str
    target_label: str
    text: str


@dataclass(frozen=True)
class ApprovalDTO:
    """A finalised plan version submitted for review, and the decision on it (if any)."""

    id: int
    household_id: int
    plan_version_id: int
    version_number: int
    state: ApprovalState
    submitted_on: dt.date
    submitted_by: str
    #: The reviewer asked ("" = any reviewer).
    reviewer: str
    due_on: dt.date
    note: str
    #: The day of the decision (approved, returned) or of the withdrawal.
    decided_on: dt.date | None
    #: Who decided (or withdrew).
    decided_by: str
    decision_note: str
    #: Approved: when the plan is to be reviewed again.
    re_review_on: dt.date | None
    comments: tuple[CommentDTO, ...]
    #: Waiting past its due date; or, for the approval in force, its re-review date passed.
    overdue: bool
    version: int
    submitted_by_id: int | None = None
    reviewer_id: int | None = None
    decided_by_id: int | None = None


@dataclass(frozen=True)
class PlanStatusDTO:
    """Where a case's plan stands in its review, for the case list and the overview.

    The plan looked at is the plan in force: the newest finalised version (a draft being
    written over it does not change its status).
    """

    state: PlanState
    #: The plan in force's number (the draft's when nothing was finalised yet; None: no plan).
    version_number: int | None = None
    #: The approval standing for the plan in force (None: not approved).
    approved_on: dt.date | None = None
    approved_by: str = ""
    #: When the approved plan is to be reviewed again (re-review).
    next_review_on: dt.date | None = None
    #: While a submission waits: the day the review is due.
    due_on: dt.date | None = None

    @property
    def approved(self) -> bool:
        """The plan in force carries an approval (also while its re-review is late or a
        re-review is waiting): what help needs when the organisation asks for it."""
        return self.approved_on is not None


NO_PLAN_STATUS = PlanStatusDTO(PlanState.NONE)


@dataclass(frozen=True)
class QueueItem:
    """A submission in a reviewer's queue (or in the team leader's list of overdue reviews)."""

    approval: ApprovalDTO
    case_id: int
    case_number: str
    case_name: str
    overdue: bool
