"""What the screens need to know of the review (toetsing) of one plan version: its newest
submission, which steps the signed-in person is offered (by the core's rules), the reviewer's
comments per agreement and statement, and opening the decision dialog (from the plan page and
from the review queue alike)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.staff import StaffMember
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import plan_approval
from jeugdtool.framework import plan_approval_rules
from jeugdtool.framework.plan_approval_dto import ApprovalDTO
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.i18n import _

from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.commands import show_failure
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.plan import approval_commands as ac
from jeugdtool.ui.plan.approval_dialogs import DecisionDialog
from jeugdtool.ui.plan.approval_dialogs import reviewers
from jeugdtool.ui.plan.approval_dialogs import submit_due_on
from jeugdtool.ui.plan.approval_panel import comment_line
from jeugdtool.ui.plan.approval_panel import comments_by_key
from jeugdtool.ui.plan.approval_panel import latest_of


def may_decide(ctx: AppContext, approval: ApprovalDTO | None) -> bool:
    """Whether the decision is offered: a submission waiting, and the core's rule for who
    decides (team mode: a reviewer who did not submit it; single-user mode: the dialog asks
    the colleague's name, which the same rule checks then)."""
    if approval is None or approval.state is not ApprovalState.SUBMITTED or ctx.read_only:
        return False
    return plan_approval_rules.may_decide(ctx.staff, approval)


def may_withdraw(ctx: AppContext, approval: ApprovalDTO | None) -> bool:
    """A waiting submission, withdrawn by who submitted it (the core's rule)."""
    if approval is None or approval.state is not ApprovalState.SUBMITTED or ctx.read_only:
        return False
    try:
        plan_approval_rules.check_may_withdraw(ctx.staff, approval)
    except JeugdtoolError:
        return False
    return True


@dataclass
class ReviewState:
    """The review of the version a page shows."""

    approval: ApprovalDTO | None = None
    may_submit: bool = False
    may_withdraw: bool = False
    may_decide: bool = False
    #: (target kind, target key) -> the reviewer's comments on it.
    comments: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        ctx: AppContext,
        case_id: int,
        plan: PlanVersionDTO | None,
        versions: Sequence[PlanVersionDTO],
    ) -> ReviewState:
        if plan is None:
            return cls()
        try:
            approvals = plan_approval.approvals_of_case(ctx.uow, case_id)
        except JeugdtoolError:
            return cls()
        if not plan.is_final:
            return cls.of_draft(plan, versions, approvals)
        approval = latest_of(approvals, plan.id)
        # The plan in force (the newest finalised version), when the core's rule lets it be
        # submitted (not while one waits, not after a return).
        in_force = next((v for v in reversed(versions) if v.is_final), None)
        own = [a for a in approvals if a.plan_version_id == plan.id]
        return cls(
            approval=approval,
            may_submit=(
                in_force is not None
                and in_force.id == plan.id
                and plan_approval_rules.submit_problem(own, plan.number) is None
            ),
            may_withdraw=may_withdraw(ctx, approval),
            may_decide=may_decide(ctx, approval),
            comments=comments_by_key(approval),
        )

    @classmethod
    def of_draft(
        cls,
        plan: PlanVersionDTO,
        versions: Sequence[PlanVersionDTO],
        approvals: Sequence[ApprovalDTO],
    ) -> ReviewState:
        """A draft written after a return: the reviewer's comments on the version before stay
        in view at the agreements and statements they are about (same lineage), to work on."""
        before = [v for v in versions if v.is_final and v.number < plan.number]
        if not before:
            return cls()
        returned = latest_of(list(approvals), before[-1].id)
        if returned is None or returned.state is not ApprovalState.RETURNED:
            return cls()
        return cls(approval=returned, comments=comments_by_key(returned))

    def agreement_comment(self, agreement: AgreementDTO | None) -> str:
        """The reviewer's words on this agreement, as one line for above the form; ""."""
        if agreement is None:
            return ""
        return comment_line(
            self.comments.get((CommentTarget.AGREEMENT.value, agreement.lineage), [])
        )

    @staticmethod
    def reviewer_choices(ctx: AppContext) -> list[StaffMember]:
        return reviewers(ctx.uow, ctx.staff) if ctx.team_mode else []

    @staticmethod
    def due_on(ctx: AppContext, today: dt.date | None = None) -> dt.date:
        return submit_due_on(ctx.uow, today)


def open_decision(
    ctx: AppContext, approval: ApprovalDTO, detail: PlanDetail, parent: QWidget
) -> DecisionDialog:
    """The reviewer's decision dialog (non-modal); deciding is one undoable step."""

    def submit(
        approve: bool, decided_by: str | None, note: str, comments: Sequence[CommentInput]
    ) -> None:
        command = ac.DecideApprovalCommand(
            ctx, approval, approve=approve, decided_by=decided_by, note=note, comments=comments
        )
        execute(ctx, command)
        done = _("The plan is approved.") if approve else _("The plan is returned.")
        ctx.signals.status_message.emit(done)

    dialog = DecisionDialog(approval, detail, team_mode=ctx.team_mode, submit=submit, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def add_to_next_meeting(ctx: AppContext, case_id: int, label: str) -> bool:
    """Put the case on the agenda of the next reflective-practice meeting, asking about its
    plan's review (`plan_approval_rules.agenda_reason`); one undoable step. `label`: the
    case's number and name. False when it
    could not (the reason is shown: no meeting planned, already on the agenda)."""
    try:
        reason = plan_approval_rules.agenda_reason(plan_approval.plan_status(ctx.uow, case_id))
    except JeugdtoolError as exc:
        show_failure(ctx, case_id, exc)
        return False
    command = ac.AddToNextMeetingCommand(ctx, case_id, label, reason)
    if not run_command(ctx, case_id, command) or command.held_on is None:
        return False
    ctx.signals.status_message.emit(
        _("{case} is on the agenda of the meeting of {date}.").format(
            case=label, date=format_date_nl(command.held_on)
        )
    )
    return True
