"""Undo commands for the map: mapping moments, items, moves and stances (services only).

Same contract as `jeugdtool.ui.commands`: `execute(ctx, command)` does the first step and raises
on failure (nothing pushed, the caller keeps what was typed); a later undo/redo that fails shows
the message, asks the screens to reload the map, and is dropped from the stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from jeugdtool.framework import moments
from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.dto import MomentSummary
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Stance
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.snapshot import Snapshot

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import UpdateCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext

__all__ = [
    "AddMapItemCommand",
    "ChangeMomentCommand",
    "EditMapItemCommand",
    "MoveMapItemCommand",
    "RemoveMapItemCommand",
    "SetStanceCommand",
    "StartMomentCommand",
    "execute",
    "refresh_map",
]

#: The entity kinds a screen showing the map reloads on.
MAP_ENTITIES = frozenset({"mapping_moment", "map_item", "item_stance", "statement"})


def refresh_map(ctx: AppContext, case_id: int) -> None:
    """Ask every screen showing this case's map to reload it (after a failed undo/redo)."""
    ctx.signals.emit_changes(ChangeSet(entities=MAP_ENTITIES, cases=frozenset({case_id})))


class MapCommand(ServiceCommand):
    """Base for map commands: a failed step reloads the map (not the household)."""

    def refresh(self) -> None:
        super().refresh()
        refresh_map(self.ctx, self.case_id)


class StartMomentCommand(MapCommand):
    """Start a mapping moment (a copy of the latest); undo removes it, redo puts it back."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        author: str,
        held_on: dt.date | None = None,
        present: Sequence[str] = (),
    ):
        super().__init__(ctx, case_id, _("Start mapping moment"))
        self.author, self.held_on, self.present = author, held_on, tuple(present)
        #: The moment as started (its id stays the same through undo and redo).
        self.moment: MomentSummary | None = None
        #: Everything of the moment as started (or put back by redo): what undo may remove.
        self.snapshot: Snapshot | None = None

    def first(self) -> None:
        self.moment = self.ctx.run(
            moments.start_moment,
            self.case_id,
            author=self.author,
            held_on=self.held_on,
            present=self.present,
        )
        self.snapshot = moments.snapshot_moment(self.ctx.uow, self.moment.id)

    def replay(self) -> None:
        assert self.snapshot is not None
        self.moment = self.ctx.run(moments.restore_moment, self.snapshot)

    def revert(self) -> None:
        # Anything a colleague added to or changed in the new moment refuses the undo.
        assert self.moment is not None
        self.snapshot = self.ctx.run(moments.remove_moment, self.moment.id, expected=self.snapshot)


class ChangeMomentCommand(MapCommand, UpdateCommand):
    """Correct the date or who was present of the newest moment: redo expects the old values,
    undo the new ones as stored (trimmed names), so neither overwrites a colleague's
    correction."""

    update = staticmethod(moments.update_moment)

    def __init__(
        self, ctx: AppContext, case_id: int, before: MomentSummary, changes: Mapping[str, Any]
    ):
        super().__init__(ctx, case_id, _("Change mapping moment"), before, changes)


class AddMapItemCommand(MapCommand, AddCommand):
    """Add an item at the end of a cell; undo removes it, redo puts it back with the same id
    and lineage."""

    remove = staticmethod(moments.remove_item)
    restore = staticmethod(moments.restore_item)

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        moment_id: int,
        cell: Cell,
        fields: Mapping[str, Any],
    ):
        super().__init__(ctx, case_id, _("Add to the map"))
        self.moment_id, self.cell, self.fields = moment_id, Cell(cell), dict(fields)

    def first(self) -> None:
        self.dto = self.ctx.run(moments.add_item, self.moment_id, self.cell, self.fields)


class EditMapItemCommand(MapCommand, UpdateCommand):
    """Change an item's text, who said it, whom it concerns or problem/limitation. The service
    may tidy a value (trimmed text, a source's name filled in): undo expects what was stored,
    not what was typed."""

    update = staticmethod(moments.update_item)

    def __init__(
        self, ctx: AppContext, case_id: int, before: MapItemDTO, changes: Mapping[str, Any]
    ):
        super().__init__(ctx, case_id, _("Change item"), before, changes)


class RemoveMapItemCommand(MapCommand, RemoveCommand):
    """Remove an item; undo puts it back where it was, with its stances."""

    remove = staticmethod(moments.remove_item)
    restore = staticmethod(moments.restore_item)

    def __init__(self, ctx: AppContext, case_id: int, item: MapItemDTO):
        super().__init__(ctx, case_id, item, _("Remove from the map"))


class MoveMapItemCommand(MapCommand):
    """Put an item at `position` (1 = first) of `cell`; undo moves it back.

    Moving a worry out of the worries clears problem/limitation; undo puts that back too.
    """

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        item: MapItemDTO,
        cell: Cell,
        position: int,
        *,
        from_position: int | None = None,
    ):
        super().__init__(ctx, case_id, _("Move item"))
        self.item = item
        self.cell, self.position = Cell(cell), position
        #: Where it was: `from_position` when the caller knows the rank shown, else the stored one.
        self.old_position = from_position if from_position is not None else item.position
        #: The mark the move cleared (a worry moved out of the worries), for undo.
        self.cleared_kind = (
            item.worry_kind if item.worry_kind is not None and not self.cell.is_worry else None
        )
        #: Where the last step left the item (None before the first): what the next expects.
        self.left: dict[str, Any] | None = None

    def replay(self) -> None:
        done = self.ctx.run(
            moments.move_item, self.item.id, self.cell, self.position, expected=self.left
        )
        self.left = _place(done)

    def revert(self) -> None:
        done = self.ctx.run(
            moments.move_item, self.item.id, self.item.cell, self.old_position, expected=self.left
        )
        if self.cleared_kind is not None:
            done = self.ctx.run(
                moments.update_item,
                self.item.id,
                {"worry_kind": self.cleared_kind},
                expected={"worry_kind": None},
            )
        self.left = _place(done)


def _place(item: MapItemDTO) -> dict[str, Any]:
    """Where an item is and its mark (a move out of the worries clears it)."""
    return {"cell": item.cell, "position": item.position, "worry_kind": item.worry_kind}


class SetStanceCommand(MapCommand):
    """Record that someone agrees with or disputes a worry (None: neither any more)."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        item: MapItemDTO,
        who: str,
        stance: Stance | None,
    ):
        super().__init__(ctx, case_id, _("Record who agrees or disputes"))
        self.item_id, self.who, self.stance = item.id, who, stance
        self.old = next((s.stance for s in item.stances if s.who == who), None)

    def replay(self) -> None:
        self.ctx.run(
            moments.set_stance, self.item_id, self.who, self.stance, expected={"stance": self.old}
        )

    def revert(self) -> None:
        self.ctx.run(
            moments.set_stance, self.item_id, self.who, self.old, expected={"stance": self.stance}
        )
