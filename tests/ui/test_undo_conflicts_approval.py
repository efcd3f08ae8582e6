"""Undo and redo never overwrite a colleague's later step in the review (toetsing) of a plan:
submitting, deciding (approve or return with comments) and withdrawing. Each test does the
command, lets a colleague act on the same submission, then undoes (or redoes): the colleague's
step stays, the "someone else changed this" message is shown and the command is dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import COLLEAGUE
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.framework import plan_approval
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.commands import execute
from jeugdtool.ui.plan import approval_commands as ac

#: Who reviews on a single-user database (a named colleague, not the submitter).
REVIEWER = "P. Smit"


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def final_id(uow, case) -> int:
    """A finalised version with one agreement."""
    version = plans.start_draft(uow, case.id).value
    plans.add_agreement(uow, version.id, {"what": "Oma Ria belt Noa elke avond om 19.00 uur."})
    plan_finalise.finalise(uow, version.id, by="x", override_reason="test")
    return version.id


@pytest.fixture
def submitted(ctx, final_id):
    return plan_approval.submit(ctx.uow, final_id, by=ctx.staff, reviewer=REVIEWER).value


@covers(ac.SubmitApprovalCommand)
def test_undo_of_submitting_keeps_a_decision_made_meanwhile(
    ctx, case, final_id, colleague, fake_dialogs
):
    command = ac.SubmitApprovalCommand(ctx, case.id, final_id, reviewer=REVIEWER)
    execute(ctx, command)
    plan_approval.decide(
        colleague, command.dto.id, approve=True, by=ctx.staff, decided_by=COLLEAGUE
    )
    refused(ctx, fake_dialogs, command)
    (approval,) = plan_approval.approvals_of_case(ctx.uow, case.id)
    assert approval.state is ApprovalState.APPROVED
    assert approval.decided_by == COLLEAGUE


@covers(ac.DecideApprovalCommand)
def test_undo_of_a_decision_keeps_a_colleagues_new_decision(
    ctx, case, submitted, colleague, fake_dialogs
):
    comment = CommentInput(CommentTarget.PLAN, "", "Het plan", "Maak afspraak 1 concreter.")
    command = ac.DecideApprovalCommand(
        ctx, submitted, approve=False, decided_by=REVIEWER, comments=[comment]
    )
    execute(ctx, command)
    # The colleague takes the return back and approves instead.
    plan_approval.reopen_decision(colleague, submitted.id, expected=command.dto)
    plan_approval.decide(colleague, submitted.id, approve=True, by=ctx.staff, decided_by=COLLEAGUE)
    refused(ctx, fake_dialogs, command)
    (approval,) = plan_approval.approvals_of_case(ctx.uow, case.id)
    assert approval.state is ApprovalState.APPROVED
    assert approval.decided_by == COLLEAGUE


@covers(ac.DecideApprovalCommand)
def test_redo_of_a_decision_keeps_a_withdrawal_made_meanwhile(
    ctx, case, submitted, colleague, fake_dialogs
):
    command = ac.DecideApprovalCommand(ctx, submitted, approve=True, decided_by=REVIEWER)
    execute(ctx, command)
    ctx.undo_stack.undo()
    (approval,) = plan_approval.approvals_of_case(ctx.uow, case.id)
    assert approval.state is ApprovalState.SUBMITTED
    plan_approval.withdraw(colleague, submitted.id, by=ctx.staff)
    refused(ctx, fake_dialogs, command, "redo")
    (approval,) = plan_approval.approvals_of_case(ctx.uow, case.id)
    assert approval.state is ApprovalState.WITHDRAWN


@covers(ac.WithdrawApprovalCommand)
def test_redo_of_withdrawing_keeps_a_decision_made_meanwhile(
    ctx, case, submitted, colleague, fake_dialogs
):
    command = ac.WithdrawApprovalCommand(ctx, submitted)
    execute(ctx, command)
    ctx.undo_stack.undo()
    (approval,) = plan_approval.approvals_of_case(ctx.uow, case.id)
    assert approval.state is ApprovalState.SUBMITTED
    plan_approval.decide(colleague, submitted.id, approve=True, by=ctx.staff, decided_by=COLLEAGUE)
    refused(ctx, fake_dialogs, command, "redo")
    (approval,) = plan_approval.approvals_of_case(ctx.uow, case.id)
    assert approval.state is ApprovalState.APPROVED


@covers(ac.AddToNextMeetingCommand)
def test_undo_of_putting_the_case_on_the_next_agenda_keeps_a_colleagues_follow_up(
    ctx, case, colleague, fake_dialogs
):
    later = dt.date.today() + dt.timedelta(days=7)
    detail = meetings.create_meeting(ctx.uow, {"held_on": later, "title": "Reflectie"}).value
    command = ac.AddToNextMeetingCommand(ctx, case.id, "2026-0012", "Toetsing van versie 1")
    execute(ctx, command)
    assert command.held_on == later
    agenda.add_follow_up(colleague, command.row_id, {"what": "Toetser bellen"})
    refused(ctx, fake_dialogs, command)
    item = meetings.get_meeting(ctx.uow, detail.meeting.id).item(command.row_id)
    assert item.question == "Toetsing van versie 1"
    assert [f.what for f in item.follow_ups] == ["Toetser bellen"]


def test_without_a_meeting_planned_the_agenda_step_says_so(ctx, case, fake_dialogs):
    from jeugdtool.ui.plan.approval_review import add_to_next_meeting

    assert not add_to_next_meeting(ctx, case.id, "2026-0012 Gezin Jansen")
    assert len(fake_dialogs.errors) == 1
    assert ctx.undo_stack.count() == 0
