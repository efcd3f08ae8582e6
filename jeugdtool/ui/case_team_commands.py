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
from jeugdtool.store.snapshot import Snapshot

from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.context import AppContext


class AddCoworkerCommand(ServiceCommand):
    """Add a colleague to the case team; undo removes them again."""

    def __init__(self, ctx: AppContext, case_id: int, person: ConsultantDTO):
        super().__init__(ctx, case_id, _("Add {name} to the case team").format(name=person.name))
        self.person_id = person.id
        #: The row as added (or put back by redo); what undo removes.
        self.row: CoworkerDTO | None = None
        #: The row as undo removed it; what redo puts back.
        self.snapshot: Snapshot | None = None

    def first(self) -> None:
        self.row = self.ctx.run(staff.add_to_case_team, self.case_id, self.person_id)

    def replay(self) -> None:
        self.row = self.ctx.run(staff.restore_to_case_team, self.snapshot)

    def revert(self) -> None:
        assert self.row is not None
        self.snapshot = self.ctx.run(staff.remove_from_case_team, self.row.id, expected=self.row)


class RemoveCoworkerCommand(ServiceCommand):
    """Remove a colleague from the case team; undo puts them back with the same row id."""

    def __init__(self, ctx: AppContext, coworker: CoworkerDTO):
        super().__init__(
            ctx,
            coworker.case_id,
            _("Remove {name} from the case team").format(name=coworker.name),
        )
        #: The row as last seen (shown, or put back by undo); what redo removes.
        self.row = coworker
        #: The row as removed; what undo puts back.
        self.snapshot: Snapshot | None = None

    def replay(self) -> None:
        self.snapshot = self.ctx.run(staff.remove_from_case_team, self.row.id, expected=self.row)

    def revert(self) -> None:
        self.row = self.ctx.run(staff.restore_to_case_team, self.snapshot)
