"""Undo commands for the case team: adding and removing a co-worker.

Undo of an addition removes exactly the row it added and redo puts it back with its own id;
undo of a removal puts the row back, redo removes it again. Each removal passes the row as it
left it (`CoworkerDTO`), so a step never removes a co-worker a colleague added again meanwhile
(cases/staff.py: `remove_from_case_team`, `restore_to_case_team`).
"""

from __future__ import annotations

from jeugdtool.cases import staff
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.staff import CoworkerDTO
from jeugdtool.i18n import _

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.context import AppContext


class AddCoworkerCommand(AddCommand):
    """Add a colleague to the case team; undo removes them again."""

    remove = staticmethod(staff.remove_from_case_team)
    restore = staticmethod(staff.restore_to_case_team)

    def __init__(self, ctx: AppContext, case_id: int, person: ConsultantDTO):
        super().__init__(ctx, case_id, _("Add {name} to the case team").format(name=person.name))
        self.person_id = person.id

    def first(self) -> None:
        self.dto = self.ctx.run(staff.add_to_case_team, self.case_id, self.person_id)


class RemoveCoworkerCommand(RemoveCommand):
    """Remove a colleague from the case team; undo puts them back with the same row id."""

    remove = staticmethod(staff.remove_from_case_team)
    restore = staticmethod(staff.restore_to_case_team)

    def __init__(self, ctx: AppContext, coworker: CoworkerDTO):
        text = _("Remove {name} from the case team").format(name=coworker.name)
        super().__init__(ctx, coworker.case_id, coworker, text)
