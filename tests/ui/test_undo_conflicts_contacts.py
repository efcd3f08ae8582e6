"""Undo and redo never overwrite a colleague's later change to whom a family calls: the chair of
the network and a child's trusted person (issue 19). Each test does the change, lets a colleague
change the same field, then undoes (or redoes): the colleague's choice stays, the "someone else
changed this" message is shown and the command is dropped."""

from __future__ import annotations

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import members
from jeugdtool.cases import queries

from jeugdtool.ui import commands as c
from jeugdtool.ui.commands import execute


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def family(ctx, case):
    add = members.add_network_member
    return {
        "ria": add(ctx.uow, case.id, {"name": "Ria Jansen", "chairs_network": True}).value,
        "henk": add(ctx.uow, case.id, {"name": "Henk Bos"}).value,
        "daan": members.add_person(ctx.uow, case.id, {"first_name": "Daan"}).value,
    }


def _chairs(ctx, case) -> list[str]:
    return [m.name for m in queries.get_case(ctx.uow, case.id).network if m.chairs_network]


def _trusted(ctx, case) -> int | None:
    return queries.get_case(ctx.uow, case.id).persons[0].trusted_person_id


@covers(c.EditNetworkMemberCommand)
def test_undo_of_a_chair_stepping_down_keeps_a_colleagues_new_chair(
    ctx, case, family, colleague, fake_dialogs
):
    command = c.EditNetworkMemberCommand(ctx, family["ria"], {"chairs_network": False})
    execute(ctx, command)
    members.update_network_member(colleague, family["henk"].id, {"chairs_network": True})
    # Ria back as chair would make two: a colleague appointed Henk meanwhile.
    members.update_network_member(colleague, family["henk"].id, {"chairs_network": False})
    members.update_network_member(colleague, family["ria"].id, {"chairs_network": True})
    refused(ctx, fake_dialogs, command)
    assert _chairs(ctx, case) == ["Ria Jansen"]


@covers(c.EditNetworkMemberCommand)
def test_redo_of_appointing_a_chair_keeps_a_colleagues_change(
    ctx, case, family, colleague, fake_dialogs
):
    members.update_network_member(ctx.uow, family["ria"].id, {"chairs_network": False})
    henk = queries.get_case(ctx.uow, case.id).network[1]
    command = c.EditNetworkMemberCommand(ctx, henk, {"chairs_network": True})
    execute(ctx, command)
    ctx.undo_stack.undo()
    members.update_network_member(colleague, family["henk"].id, {"chairs_network": True})
    refused(ctx, fake_dialogs, command, "redo")
    assert _chairs(ctx, case) == ["Henk Bos"]
    assert queries.get_case(ctx.uow, case.id).network[1].version > henk.version + 2


@covers(c.EditPersonCommand)
def test_undo_of_choosing_a_trusted_person_keeps_a_colleagues_choice(
    ctx, case, family, colleague, fake_dialogs
):
    command = c.EditPersonCommand(ctx, family["daan"], {"trusted_person_id": family["henk"].id})
    execute(ctx, command)
    members.update_person(colleague, family["daan"].id, {"trusted_person_id": family["ria"].id})
    refused(ctx, fake_dialogs, command)
    assert _trusted(ctx, case) == family["ria"].id
