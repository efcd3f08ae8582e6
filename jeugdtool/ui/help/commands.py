"""Undo commands for a case's help items: add, change and remove, through the help services."""

from __future__ import annotations

from jeugdtool.i18n import N_
from jeugdtool.outcomes import help as help_services

from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.workspace.case_row_commands import CaseRowAdd
from jeugdtool.ui.workspace.case_row_commands import CaseRowEdit
from jeugdtool.ui.workspace.case_row_commands import CaseRowRemove

#: add_help, update_help, remove_help, restore_help.
HELP = RowServices.named(help_services, "help")


class AddHelpCommand(CaseRowAdd):
    """Add a help item to a case; undo removes it only as added, redo puts it back."""

    SERVICES = HELP
    TEXT = N_("Add help")


class EditHelpCommand(CaseRowEdit):
    """Change the fields of a help item that differ from what was shown."""

    SERVICES = HELP
    TEXT = N_("Change help")


class RemoveHelpCommand(CaseRowRemove):
    """Remove a help item; undo puts it back with its id and place."""

    SERVICES = HELP
    TEXT = N_("Remove help")
