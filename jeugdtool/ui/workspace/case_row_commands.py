"""Undo commands for the rows a case page lists (help, journal entries, verwijsindex signals,
Veilig Thuis contacts): add, change and remove one row of the case through its `RowServices`.
A page's commands name their services and what undo shows:

    class AddEntryCommand(CaseRowAdd):
        SERVICES = ENTRIES
        TEXT = N_("Add journal entry")
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from typing import ClassVar

from jeugdtool.i18n import _

from jeugdtool.ui.commands import AddRowCommand
from jeugdtool.ui.commands import EditRowCommand
from jeugdtool.ui.commands import RemoveRowCommand
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.context import AppContext


class CaseRowAdd(AddRowCommand):
    """`(ctx, case_id, fields)`: add a row to the case; undo removes it only as added."""

    SERVICES: ClassVar[RowServices]
    TEXT: ClassVar[str]

    def __init__(self, ctx: AppContext, case_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, case_id, self.SERVICES, fields, self.describe(fields))

    def describe(self, fields: Mapping[str, Any]) -> str:
        """What undo shows (the row's fields may choose it)."""
        return _(self.TEXT)


class CaseRowEdit(EditRowCommand):
    """`(ctx, before, changes)`: change the fields of a row that differ from what was shown."""

    SERVICES: ClassVar[RowServices]
    TEXT: ClassVar[str]

    def __init__(self, ctx: AppContext, before: Any, changes: Mapping[str, Any]):
        super().__init__(ctx, before.household_id, self.SERVICES, before, changes, _(self.TEXT))


class CaseRowRemove(RemoveRowCommand):
    """`(ctx, row)`: remove a row; undo puts it back with its id."""

    SERVICES: ClassVar[RowServices]
    TEXT: ClassVar[str]

    def __init__(self, ctx: AppContext, row: Any):
        super().__init__(ctx, row.household_id, self.SERVICES, row, _(self.TEXT))
