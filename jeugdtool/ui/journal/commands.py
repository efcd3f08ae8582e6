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
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_row_commands import CaseRowAdd
from jeugdtool.ui.workspace.case_row_commands import CaseRowEdit
from jeugdtool.ui.workspace.case_row_commands import CaseRowRemove

#: add_entry, update_entry, remove_entry, restore_entry.
ENTRIES = RowServices.named(journal, "entry")


class AddEntryCommand(CaseRowAdd):
    """Add an entry; undo removes it only as added (and only within its period)."""

    SERVICES = ENTRIES
    TEXT = N_("Add journal entry")


class EditEntryCommand(CaseRowEdit):
    """Change the fields of an entry that differ from what was shown."""

    SERVICES = ENTRIES
    TEXT = N_("Change journal entry")


class RemoveEntryCommand(CaseRowRemove):
    """Remove an entry written by mistake (within its period); undo puts it back."""

    SERVICES = ENTRIES
    TEXT = N_("Remove journal entry")


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
