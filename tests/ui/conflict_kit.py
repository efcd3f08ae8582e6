"""What the undo-conflict tests share: a colleague on the same database, the check that a step
was refused as a user sees it, and the register of command classes that have such a test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import TypeVar

import shiboken6

from PySide6.QtGui import QUndoCommand

from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

#: The other consultant (another window or computer on the same database).
COLLEAGUE = "M. Kaya"

#: Command classes with a test proving undo/redo never overwrites a colleague's later change.
COVERED: set[type[QUndoCommand]] = set()

F = TypeVar("F", bound=Callable[..., Any])


def covers(*classes: type[QUndoCommand]) -> Callable[[F], F]:
    """Mark a test as the conflict test of `classes` (test_undo_conflicts checks all have one)."""

    def mark(test: F) -> F:
        COVERED.update(classes)
        return test

    return mark


def colleague_of(db: Any) -> UnitOfWork:
    return UnitOfWork(db, COLLEAGUE)


def refused(ctx: Any, dialogs: Any, command: QUndoCommand, step: str = "undo") -> None:
    """Undo (or redo) the step at hand, which must be refused as a user sees it: the Dutch
    "someone else changed this" message, and the command dropped from the stack (obsolete)."""
    count = ctx.undo_stack.count()
    assert getattr(ctx.undo_stack, f"can{step.capitalize()}")()
    dialogs.errors.clear()
    getattr(ctx.undo_stack, step)()
    assert dialogs.errors == [str(conflict_error())]
    assert ctx.undo_stack.count() == count - 1
    assert all(ctx.undo_stack.command(i) is not command for i in range(ctx.undo_stack.count()))
    # The stack deletes an obsolete command; one it kept would still say it is obsolete.
    assert not shiboken6.isValid(command) or command.isObsolete()
