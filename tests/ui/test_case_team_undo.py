"""Undo and redo of the case team, back and forth: a co-worker comes back as the same row,
and the history names them at every step."""

from __future__ import annotations

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import queries
from jeugdtool.cases import staff

from jeugdtool.ui import case_team_commands as ctc
from jeugdtool.ui.commands import execute


@pytest.fixture
def kaya(ctx):
    return consultants.add_consultant(ctx.uow, "M. Kaya").value


def _team(ctx, case) -> list[tuple[int, str]]:
    return [(w.id, w.name) for w in staff.list_coworkers(ctx.uow, case.id)]


def test_adding_a_coworker_undone_and_redone_twice(ctx, case, kaya, fake_dialogs) -> None:
    command = ctc.AddCoworkerCommand(ctx, case.id, kaya)
    execute(ctx, command)
    assert command.dto is not None
    row_id = command.dto.id
    for _round in range(2):
        ctx.undo_stack.undo()
        assert _team(ctx, case) == []
        ctx.undo_stack.redo()
        assert _team(ctx, case) == [(row_id, "M. Kaya")]
    history = [
        (e.action, e.new or e.old)
        for e in queries.case_history(ctx.uow, case.id)
        if e.entity == "case_coworker"
    ]
    assert history == [("create", "M. Kaya"), ("delete", "M. Kaya")] * 2 + [("create", "M. Kaya")]
    assert fake_dialogs.errors == []


def test_removing_a_coworker_undone_and_redone_twice(ctx, case, kaya, fake_dialogs) -> None:
    added = staff.add_to_case_team(ctx.uow, case.id, kaya.id).value
    execute(ctx, ctc.RemoveCoworkerCommand(ctx, added))
    assert _team(ctx, case) == []
    for _round in range(2):
        ctx.undo_stack.undo()
        assert _team(ctx, case) == [(added.id, "M. Kaya")]
        ctx.undo_stack.redo()
        assert _team(ctx, case) == []
    assert fake_dialogs.errors == []
