"""The table of a case's help items: one row per item, warnings marked on the row they are about."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.dto import HelpWarning

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.help import texts
from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.workspace.member_models import DtoTableModel

#: Characters of each goal the "serves" column shows (in full: the tooltip and the details).
SERVES_CHARS = 70


class HelpTableModel(DtoTableModel[Any]):
    WHOM, KIND, PROVIDER, START, END, INTENSITY, DECIDED, SERVES = range(8)
    HEADERS = (
        N_("For whom"),
        N_("Kind of help"),
        N_("Provider"),
        N_("Start date"),
        N_("Planned end"),
        N_("Intensity"),
        N_("Decided by"),
        N_("Serves"),
    )
    STRETCH = SERVES

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        #: Serve key -> its label (the case's safety goals and ZRM domains).
        self.choices: dict[str, str] = {}
        #: Item id -> the warnings about it.
        self.warnings: dict[int, list[HelpWarning]] = {}

    def set_rows(
        self,
        rows: Iterable[HelpItemDTO],
        choices: Mapping[str, str] | None = None,
        warnings: Sequence[HelpWarning] = (),
    ) -> None:
        self.choices = dict(choices or {})
        self.warnings = {}
        for warning in warnings:
            self.warnings.setdefault(warning.item_id, []).append(warning)
        super().set_rows(rows)

    def display(self, dto: HelpItemDTO, column: int) -> str:
        if column == self.WHOM:
            mark = "⚠ " if dto.id in self.warnings else ""
            return mark + texts.for_whom(dto)
        if column == self.KIND:
            return texts.kind(dto)
        if column == self.PROVIDER:
            return dto.provider
        if column == self.START:
            return format_date_nl(dto.starts_on)
        if column == self.END:
            return texts.planned_end(dto)
        if column == self.INTENSITY:
            return dto.intensity
        if column == self.DECIDED:
            return texts.decided_by(dto)
        if column == self.SERVES:
            served = [short(label, SERVES_CHARS) for label in texts.serves(dto, self.choices)]
            return "; ".join(served) or _("nothing chosen")
        return ""

    def tooltip(self, dto: HelpItemDTO, column: int) -> str | None:
        lines = [m.message for m in self.warnings.get(dto.id, ())]
        if column == self.SERVES and dto.serves:
            lines.insert(0, "\n".join(texts.serves(dto, self.choices)))
        elif column == self.KIND and (amount := texts.cost(dto)):
            lines.insert(0, texts.kind(dto) + "\n" + _("Cost: {cost}").format(cost=amount))
        elif column != self.WHOM:
            lines.insert(0, self.display(dto, column))
        return "\n".join(line for line in lines if line) or None

    def accessible(self, dto: HelpItemDTO, column: int) -> str:
        text = self.display(dto, column).removeprefix("⚠ ")
        if column == self.WHOM and dto.id in self.warnings:  # said, not a symbol read out
            return _("{name}, needs a look").format(name=text)
        return text

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        dto = self.row_at(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.ForegroundRole and dto is not None:
            return self._foreground(dto, index.column())
        return super().data(index, role)

    def _foreground(self, dto: HelpItemDTO, column: int) -> Any:
        kinds = {w.kind for w in self.warnings.get(dto.id, ())}
        if column == self.WHOM and kinds:
            return qcolor(Role.WARNING)
        if column == self.END and "past_planned_end" in kinds:
            return qcolor(Role.WARNING)
        if column == self.SERVES and "serves_nothing" in kinds:
            return qcolor(Role.WARNING)
        if dto.ended_on is not None:
            return qcolor(Role.MUTED)  # help of the past
        return None
