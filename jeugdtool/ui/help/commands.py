"""Undo commands for a case's help items: add, change and remove, through the help services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jeugdtool.i18n import _
from jeugdtool.outcomes import help as help_services
from jeugdtool.outcomes.dto import HelpItemDTO

from jeugdtool.ui.commands import AddRowCommand
from jeugdtool.ui.commands import EditRowCommand
from jeugdtool.ui.commands import RemoveRowCommand
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.context import AppContext

#: add_help, update_help, remove_help, restore_help.
HELP = RowServices.named(help_services, "help")


class AddHelpCommand(AddRowCommand):
    """Add a help item to a case; undo removes it only as added, redo puts it back."""

    def __init__(self, ctx: AppContext, case_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, case_id, HELP, fields, _("Add help"))


class EditHelpCommand(EditRowCommand):
    """Change the fields of a help item that differ from what was shown."""

    def __init__(self, ctx: AppContext, before: HelpItemDTO, changes: Mapping[str, Any]):
        super().__init__(ctx, before.household_id, HELP, before, changes, _("Change help"))


class RemoveHelpCommand(RemoveRowCommand):
    """Remove a help item; undo puts it back with its id and place."""

    def __init__(self, ctx: AppContext, item: HelpItemDTO):
        super().__init__(ctx, item.household_id, HELP, item, _("Remove help"))
