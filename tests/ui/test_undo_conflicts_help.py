"""Undo and redo never overwrite a colleague's later change: the help deployed (add, change,
remove, move)."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.outcomes import help as help_services
from jeugdtool.outcomes.dto import HelpItemDTO

from jeugdtool.ui.commands import execute
from jeugdtool.ui.help.commands import AddHelpCommand
from jeugdtool.ui.help.commands import EditHelpCommand
from jeugdtool.ui.help.commands import RemoveHelpCommand
from jeugdtool.ui.plan.plan_commands import MoveSectionRowCommand

TODAY = dt.date.today()
FIELDS = {
    "product_list": "ijw-productcategorieen",
    "category": "45",
    "starts_on": TODAY - dt.timedelta(days=20),
    "decided_by": "municipality",
    "provider": "Kwadraad",
}


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def item(ctx, case) -> HelpItemDTO:
    return help_services.add_help(ctx.uow, case.id, FIELDS).value


def _providers(ctx, case_id: int) -> list[str]:
    return [i.provider for i in help_services.list_help(ctx.uow, case_id)]


@covers(AddHelpCommand)
def test_undo_of_adding_help_keeps_a_colleagues_edit(ctx, case, colleague, fake_dialogs) -> None:
    command = AddHelpCommand(ctx, case.id, FIELDS)
    execute(ctx, command)
    help_services.update_help(colleague, command.dto.id, {"intensity": "2 uur per week"})
    refused(ctx, fake_dialogs, command)
    assert [i.intensity for i in help_services.list_help(ctx.uow, case.id)] == ["2 uur per week"]


@covers(EditHelpCommand)
def test_undo_of_a_help_edit_keeps_a_colleagues_edit(
    ctx, case, item, colleague, fake_dialogs
) -> None:
    command = EditHelpCommand(ctx, item, {"provider": "Humanitas"})
    execute(ctx, command)
    help_services.update_help(colleague, item.id, {"provider": "Humanitas Deventer"})
    refused(ctx, fake_dialogs, command)
    assert _providers(ctx, case.id) == ["Humanitas Deventer"]


@covers(RemoveHelpCommand)
def test_redo_of_removing_help_keeps_a_colleagues_edit(
    ctx, case, item, colleague, fake_dialogs
) -> None:
    command = RemoveHelpCommand(ctx, item)
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert _providers(ctx, case.id) == ["Kwadraad"]  # back, with its own id
    help_services.update_help(colleague, item.id, {"planned_end": TODAY + dt.timedelta(30)})
    refused(ctx, fake_dialogs, command, "redo")
    (kept,) = help_services.list_help(ctx.uow, case.id)
    assert (kept.id, kept.planned_end) == (item.id, TODAY + dt.timedelta(30))


def test_undo_of_moving_help_keeps_a_colleagues_reordering(
    ctx, case, item, colleague, fake_dialogs
) -> None:
    second = help_services.add_help(ctx.uow, case.id, {**FIELDS, "provider": "Humanitas"}).value
    command = MoveSectionRowCommand(
        ctx, case.id, help_services.move_help, item.id, 1, 2, "Move help"
    )
    execute(ctx, command)
    help_services.move_help(colleague, item.id, 1)  # a colleague put it back first
    refused(ctx, fake_dialogs, command)
    assert [i.id for i in help_services.list_help(ctx.uow, case.id)] == [item.id, second.id]
