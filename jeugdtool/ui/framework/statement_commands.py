"""Undo commands for statements: add, change (parts or sentence), make the sentence again, mark
as a special category of personal data, remove.

Same contract as `jeugdtool.ui.commands`: `execute(ctx, command)` does the first step and raises
on failure (nothing pushed; the form keeps what was typed). Undo and redo pass the values they
expect to find, so they never overwrite a colleague's later change; undo of a removal puts the
statement back with its own id and lineage.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from jeugdtool.framework import statements
from jeugdtool.framework.special import mark_statement
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.special_mark import FIELD as MARK_FIELD
from jeugdtool.ui.special_mark import _text as mark_text

__all__ = [
    "AddStatementCommand",
    "EditStatementCommand",
    "RegenerateTextCommand",
    "RemoveStatementCommand",
    "execute",
    "refresh_statements",
]

#: What undo shows for each kind of statement: (add, change, remove, the statement itself as
#: in "Mark danger statement 2 as health").
_TEXTS: dict[StatementType, tuple[str, str, str, str]] = {
    StatementType.HARM: (
        N_("Add harm statement"),
        N_("Change harm statement"),
        N_("Remove harm statement"),
        N_("harm statement {n}"),
    ),
    StatementType.DANGER: (
        N_("Add danger statement"),
        N_("Change danger statement"),
        N_("Remove danger statement"),
        N_("danger statement {n}"),
    ),
    StatementType.SAFETY_GOAL: (
        N_("Add safety goal"),
        N_("Change safety goal"),
        N_("Remove safety goal"),
        N_("safety goal {n}"),
    ),
    StatementType.BOTTOM_LINE: (
        N_("Add bottom line"),
        N_("Change bottom line"),
        N_("Remove bottom line"),
        N_("bottom line {n}"),
    ),
}
ADD, CHANGE, REMOVE, ITEM = range(4)


def _text(kind: str | StatementType, which: int) -> str:
    """What undo shows (`which`: ADD, CHANGE, REMOVE or ITEM) for a statement of `kind`."""
    return _(_TEXTS[StatementType(kind)][which])


def refresh_statements(ctx: AppContext, case_id: int) -> None:
    """Ask the screens to show the latest statements (after a refused step)."""
    ctx.signals.emit_changes(
        ChangeSet(entities=frozenset({"statement"}), cases=frozenset({case_id}))
    )


class AddStatementCommand(AddCommand):
    """Add a statement; undo removes it only as added (a colleague's change refuses the undo),
    redo puts it back with the same id and lineage."""

    remove = staticmethod(statements.remove_statement)
    restore = staticmethod(statements.restore_statement)

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        moment_id: int,
        kind: StatementType,
        fields: Mapping[str, Any],
    ):
        super().__init__(ctx, case_id, _text(kind, ADD))
        self.moment_id, self.kind, self.fields = moment_id, kind, dict(fields)

    def first(self) -> None:
        self.dto = self.ctx.run(statements.add_statement, self.moment_id, self.kind, self.fields)


def changed_parts(before: StatementDTO, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of `changes` that differ from `before` (lists compared as tuples)."""
    out = {}
    for name, value in changes.items():
        if isinstance(value, list):
            value = tuple(value)
        if getattr(before, name) != value:
            out[name] = value
    return out


class EditStatementCommand(ServiceCommand):
    """Change parts and/or the sentence; undo puts back exactly what was there, including
    whether the sentence was the consultant's own or made from the parts.

    A change of only the mark for special categories goes through `special.mark_statement`
    (undo: "Mark danger statement 2 as health"); with other changes it is saved with them, in
    one step."""

    def __init__(self, ctx: AppContext, before: StatementDTO, changes: Mapping[str, Any]):
        super().__init__(ctx, before.household_id, _text(before.type, CHANGE))
        self.statement_id = before.id
        self.before = before
        self.new = changed_parts(before, changes)
        self.old = {name: getattr(before, name) for name in self.new}
        if "text" in self.new or "text_edited" in self.new:
            self.old["text"] = before.text
            self.old["text_edited"] = before.text_edited
        self.after: StatementDTO | None = None
        self.service: Callable[..., Any] = statements.update_statement
        if set(self.new) == {MARK_FIELD}:
            self.service = _mark
            item = _text(before.type, ITEM).format(n=before.position)
            self.setText(mark_text(item, self.new[MARK_FIELD]))

    @property
    def changes_anything(self) -> bool:
        return bool(self.new)

    def replay(self) -> None:
        self.after = self.ctx.run(
            self.service,
            self.statement_id,
            self.new,
            expected=self._values(self.before, self.new),
        )

    def revert(self) -> None:
        assert self.after is not None
        self.ctx.run(
            self.service,
            self.statement_id,
            self.old,
            expected=self._values(self.after, self.new),
        )

    @staticmethod
    def _values(dto: StatementDTO, names: Mapping[str, Any]) -> dict[str, Any]:
        return {name: getattr(dto, name) for name in names if name != "text_edited"}


class RegenerateTextCommand(ServiceCommand):
    """Forget the consultant's own sentence and make it from the parts again."""

    def __init__(self, ctx: AppContext, before: StatementDTO):
        super().__init__(ctx, before.household_id, _("Make the sentence again"))
        self.before = before
        self.after: StatementDTO | None = None

    def replay(self) -> None:
        self.after = self.ctx.run(
            statements.update_statement,
            self.before.id,
            {"text_edited": False},
            expected={"text": self.before.text},
        )

    def revert(self) -> None:
        assert self.after is not None
        self.ctx.run(
            statements.update_statement,
            self.before.id,
            {"text": self.before.text},
            expected={"text": self.after.text},
        )


class RemoveStatementCommand(RemoveCommand):
    """Remove a statement; undo puts it back with the same id."""

    remove = staticmethod(statements.remove_statement)
    restore = staticmethod(statements.restore_statement)

    def __init__(self, ctx: AppContext, dto: StatementDTO):
        text = _text(dto.type, REMOVE)
        super().__init__(ctx, dto.household_id, dto, text)


def _mark(
    uow: UnitOfWork, statement_id: int, changes: Mapping[str, Any], *, expected: Any = None
) -> Outcome[StatementDTO]:
    """`special.mark_statement` in the shape of `update_statement` (only the mark changes)."""
    return mark_statement(uow, statement_id, changes[MARK_FIELD], expected=expected)
