"""Undo commands for a case's help items: add, change and remove, through the help services."""

from __future__ import annotations

from jeugdtool.i18n import N_
from jeugdtool.outcomes import help as help_services

from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.commands import row_commands

#: add_help, update_help, remove_help, restore_help.
HELP = RowServices.named(help_services, "help")

AddHelpCommand, EditHelpCommand, RemoveHelpCommand = row_commands(
    HELP,
    "Help",
    add=N_("Add help"),
    change=N_("Change help"),
    remove=N_("Remove help"),
)
