"""Undo commands for the review (toetsing) of a finalised plan: submitting it, deciding on it
(approve or return, with comments), withdrawing a submission, and putting the case on the
agenda of the next reflective-practice meeting.

Each calls the plan approval services only (framework/plan_approval.py). Every step expects the
submission as this command last saw it, so an undo or redo never overwrites what a colleague
did meanwhile (a reviewer's decision, a withdrawal): the service refuses with ConflictError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jeugdtool.framework import plan_approval
from jeugdtool.framework.plan_approval_dto import ApprovalDTO
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import MeetingDetail

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings.commands import RemovesWithSnapshot


class SubmitApprovalCommand(AddCommand):
    """Submit a finalised version for review; undo takes the submission back only while no one
    decided on it or changed it, redo puts it back with its id."""

    remove = staticmethod(plan_approval.remove_submission)
    restore = staticmethod(plan_approval.restore_submission)

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        version_id: int,
        *,
        reviewer_id: int | None = None,
        reviewer: str = "",
        note: str = "",
    ):
        super().__init__(ctx, case_id, _("Submit the plan for review"))
        self.version_id = version_id
        self.reviewer_id, self.reviewer, self.note = reviewer_id, reviewer, note

    def first(self) -> None:
        self.dto = self.ctx.run(
            plan_approval.submit,
            self.version_id,
            by=self.ctx.staff,
            reviewer_id=self.reviewer_id,
            reviewer=self.reviewer,
            note=self.note,
        )


class DecideApprovalCommand(ServiceCommand):
    """Approve or return a submitted plan with comments; undo reopens the decision (back to
    submitted, its comments gone), redo decides the same again. Each step expects the
    submission as last seen."""

    def __init__(
        self,
        ctx: AppContext,
        before: ApprovalDTO,
        *,
        approve: bool,
        decided_by: str | None = None,
        note: str = "",
        comments: Sequence[CommentInput] = (),
    ):
        text = _("Approve the plan") if approve else _("Return the plan")
        super().__init__(ctx, before.household_id, text)
        self.approval_id = before.id
        self.approve, self.decided_by, self.note = approve, decided_by, note
        self.comments = tuple(comments)
        #: The submission as last seen: before the decision, or as decided.
        self.dto: ApprovalDTO = before
        #: The submission as the decision left it (redo decides the same again).
        self.decided: ApprovalDTO = before

    def first(self) -> None:
        self._decide(self.comments, None)

    def replay(self) -> None:
        # The decision as it was made: its comments (as stored) and its day.
        self._decide(plan_approval.comment_inputs(self.decided), self.decided.decided_on)

    def _decide(self, comments: Sequence[CommentInput], today: dt.date | None) -> None:
        self.dto = self.decided = self.ctx.run(
            plan_approval.decide,
            self.approval_id,
            approve=self.approve,
            by=self.ctx.staff,
            decided_by=self.decided_by,
            note=self.note,
            comments=comments,
            today=today,
            expected=self.dto,
        )

    def revert(self) -> None:
        self.dto = self.ctx.run(
            plan_approval.reopen_decision, self.approval_id, expected=self.dto, by=self.ctx.staff
        )


class WithdrawApprovalCommand(ServiceCommand):
    """The submitter takes a submission back before it is decided; undo submits it again
    (only while it is still withdrawn as left), redo withdraws it again."""

    def __init__(self, ctx: AppContext, before: ApprovalDTO):
        super().__init__(ctx, before.household_id, _("Withdraw the plan from review"))
        self.approval_id = before.id
        self.dto: ApprovalDTO = before

    def replay(self) -> None:
        self.dto = self.ctx.run(
            plan_approval.withdraw, self.approval_id, by=self.ctx.staff, expected=self.dto
        )

    def revert(self) -> None:
        self.dto = self.ctx.run(
            plan_approval.reopen_decision, self.approval_id, expected=self.dto, by=self.ctx.staff
        )


class AddToNextMeetingCommand(RemovesWithSnapshot):
    """Put a case on the agenda of the next reflective-practice meeting with the question
    asked; undo takes it off only as added (a colleague's notes on it refuse the undo), redo
    puts it back with its id."""

    remove = staticmethod(agenda.remove_item)

    def __init__(self, ctx: AppContext, case_id: int, label: str, reason: str):
        text = _("Put {case} on the agenda of the next meeting").format(case=label)
        super().__init__(ctx, text, case_id)
        self.reason = reason
        #: The meeting's date, for the message after the step.
        self.held_on: dt.date | None = None

    def first(self) -> None:
        placement = self.ctx.run(agenda.add_to_next_meeting, self.case_id, reason=self.reason)
        self.row_id, self.seen = placement.item.id, placement.item
        self.held_on = placement.meeting.held_on

    def seen_in(self, detail: MeetingDetail) -> ItemDTO:
        return detail.item(self.row_id)
