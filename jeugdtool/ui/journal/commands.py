"""Undo commands for the case journal: add, change, remove (within the editing period) and
correct an entry, through the journal services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jeugdtool.dossier import journal
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.commands import row_commands
from jeugdtool.ui.context import AppContext

#: add_entry, update_entry, remove_entry, restore_entry.
ENTRIES = RowServices.named(journal, "entry")

#: Undoing an add, or removing an entry written by mistake, works only within its period.
AddEntryCommand, EditEntryCommand, RemoveEntryCommand = row_commands(
    ENTRIES,
    "Entry",
    add=N_("Add journal entry"),
    change=N_("Change journal entry"),
    remove=N_("Remove journal entry"),
)


class CorrectEntryCommand(AddCommand):
    """Add a correction of an entry (a new entry that refers to it); undo removes the
    correction only as added, redo puts it back with its id."""

    remove = staticmethod(journal.remove_entry)
    restore = staticmethod(journal.restore_entry)

    def __init__(self, ctx: AppContext, entry: JournalEntryDTO, fields: Mapping[str, Any]):
        super().__init__(ctx, entry.household_id, _("Correct journal entry"))
        self.entry_id, self.fields = entry.id, dict(fields)

    def first(self) -> None:
        self.dto = self.ctx.run(journal.correct_entry, self.entry_id, self.fields)
