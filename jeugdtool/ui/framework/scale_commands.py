"""Undo commands for the scale: add, change and remove a score; the case's 0 and 10 wording.

Each calls the scale services only (see `ui/commands.py` for how `execute` and a failed
undo/redo behave).
"""

from __future__ import annotations

from collections.abc import Hashable
from collections.abc import Mapping
from typing import Any

from jeugdtool.framework import scale
from jeugdtool.framework.scale_dto import ScaleDefinition
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.i18n import _

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import UpdateCommand
from jeugdtool.ui.context import AppContext


class AddScoreCommand(AddCommand):
    """Add a score; undo removes it only as added (a colleague's correction refuses the undo),
    redo puts it back with the same id."""

    remove = staticmethod(scale.remove_score)
    restore = staticmethod(scale.restore_score)

    def __init__(self, ctx: AppContext, case_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, _("Add scale score"))
        self.fields = dict(fields)

    def first(self) -> None:
        self.dto = self.ctx.run(scale.add_score, self.case_id, self.fields)


class EditScoreCommand(UpdateCommand):
    """Change the fields of a score that differ from `before`. The service fills in what was
    left implicit (a consultant's name): undo expects that."""

    update = staticmethod(scale.update_score)

    def __init__(self, ctx: AppContext, before: ScoreDTO, changes: Mapping[str, Any]):
        fields, text = scale.score_fields(before), _("Change scale score")
        super().__init__(ctx, before.household_id, text, fields, changes, row_id=before.id)
        #: The score as redo saved it (the dialog shows it).
        self.dto: ScoreDTO | None = None

    def stored(self, saved: ScoreDTO) -> dict[str, Any]:
        self.dto = saved
        return super().stored(saved)


class RemoveScoreCommand(RemoveCommand):
    """Remove a score; undo puts back all the removal took (its place in a meeting's round
    too)."""

    remove = staticmethod(scale.remove_score)
    restore = staticmethod(scale.restore_score)

    def __init__(self, ctx: AppContext, dto: ScoreDTO):
        super().__init__(ctx, dto.household_id, dto, _("Remove scale score"))


class SetScaleWordingCommand(ServiceCommand):
    """The case's own wording of 0 and 10 (None: the method's default)."""

    def __init__(self, ctx: AppContext, before: ScaleDefinition, zero: str | None, ten: str | None):
        super().__init__(ctx, before.household_id, _("Change meaning of 0 and 10"))
        self.old = (before.custom_zero, before.custom_ten)
        self.new = (zero, ten)

    def replay(self) -> None:
        done = self.ctx.run(scale.set_scale_wording, self.case_id, *self.new, expected=self.old)
        self.new = (done.custom_zero, done.custom_ten)  # as stored: trimmed, blank is None

    def revert(self) -> None:
        self.ctx.run(scale.set_scale_wording, self.case_id, *self.old, expected=self.new)

    def pending_key(self) -> Hashable:
        return ("scale-wording", self.case_id)
