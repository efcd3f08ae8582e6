"""Undo and redo of adding and removing statements: the same statement, in its place, again."""

from __future__ import annotations

import pytest

from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import StatementType as T

from jeugdtool.ui.framework import statement_commands as stc


@pytest.fixture
def moment(ctx, case):
    members.add_person(ctx.uow, case.id, {"first_name": "Noa", "role": "child"})
    return moments.start_moment(ctx.uow, case.id, author="A. de Boer").value


def _listed(ctx, moment) -> list[tuple[int, str, int]]:
    return [(s.id, s.lineage, s.position) for s in statements.list_statements(ctx.uow, moment.id)]


def _line(ctx, case, moment, text: str) -> stc.AddStatementCommand:
    command = stc.AddStatementCommand(ctx, case.id, moment.id, T.BOTTOM_LINE, {"text": text})
    stc.execute(ctx, command)
    return command


def test_redo_of_adding_puts_the_same_statement_back(ctx, case, moment) -> None:
    command = _line(ctx, case, moment, "Noa is nooit alleen met vader")
    added = _listed(ctx, moment)
    ctx.undo_stack.undo()
    assert _listed(ctx, moment) == []
    ctx.undo_stack.redo()
    assert _listed(ctx, moment) == added
    ctx.undo_stack.undo()  # and undo again removes what redo put back
    assert _listed(ctx, moment) == []
    assert command.taken is not None and not command.isObsolete()


def test_undo_of_removing_puts_it_back_in_its_place(ctx, case, moment) -> None:
    for text in ("Nooit alleen", "Altijd bereikbaar", "Oma slaapt er"):
        _line(ctx, case, moment, text)
    before = _listed(ctx, moment)
    middle = statements.list_statements(ctx.uow, moment.id)[1]
    stc.execute(ctx, stc.RemoveStatementCommand(ctx, middle))
    assert [p for _id, _l, p in _listed(ctx, moment)] == [1, 2]
    ctx.undo_stack.undo()
    assert _listed(ctx, moment) == before
    ctx.undo_stack.redo()
    assert [s.text for s in statements.list_statements(ctx.uow, moment.id)] == [
        "Nooit alleen",
        "Oma slaapt er",
    ]
    ctx.undo_stack.undo()
    assert _listed(ctx, moment) == before
