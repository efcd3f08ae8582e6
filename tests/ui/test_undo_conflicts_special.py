"""Undo and redo never overwrite a colleague's later change: the mark for special categories
of personal data on an agreement (also of a finalised plan version)."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework.special import mark_agreement

from jeugdtool.ui.commands import execute
from jeugdtool.ui.special_mark import MarkAgreementCommand


@pytest.fixture
def agreement(ctx, case):
    draft = plans.start_draft(ctx.uow, case.id).value
    plans.add_agreement(ctx.uow, draft.id, {"what": "Naar de huisarts voor migraine"})
    plan_finalise.finalise(
        ctx.uow, draft.id, by="A. de Boer", override_reason="test", today=dt.date.today()
    )
    return plans.get_plan(ctx.uow, draft.id).agreements[0]  # of a finalised version


@covers(MarkAgreementCommand)
def test_undo_and_redo_of_a_mark_keep_a_colleagues_mark(ctx, case, agreement, db, fake_dialogs):
    colleague = colleague_of(db)
    command = MarkAgreementCommand(ctx, case.id, agreement, "health")
    execute(ctx, command)
    assert plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0].special_category == (
        "health"
    )
    ctx.undo_stack.undo()  # undo as nobody changed it: back to not marked
    assert plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0].special_category == ""
    mark_agreement(colleague, agreement.id, "addiction")
    refused(ctx, fake_dialogs, command, "redo")
    assert plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0].special_category == (
        "addiction"
    )
    again = MarkAgreementCommand(
        ctx, case.id, plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0], "justice"
    )
    execute(ctx, again)
    mark_agreement(colleague, agreement.id, "")
    refused(ctx, fake_dialogs, again)
    assert plans.get_plan(ctx.uow, agreement.plan_version_id).agreements[0].special_category == ""
