"""The household heat map as a thin table model: persons (rows) × the newest level per domain.

Column 0 is the person, column 1 the date of their newest assessment, then one column per
domain (`zrm.compare.heat_domains`). The level is written in every cell (colour is never the
only sign); a focus domain carries a ★.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.zrm.compare import HeatRow
from jeugdtool.zrm.compare import heat_domains
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.dto import DomainScore

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import brush
from jeugdtool.ui.zrm.heat_colours import NO_LEVEL
from jeugdtool.ui.zrm.heat_colours import level_brush
from jeugdtool.ui.zrm.progress_model import FOCUS_MARK
from jeugdtool.ui.zrm.progress_model import focus_tip
from jeugdtool.ui.zrm.progress_model import level_name

Index = QModelIndex | QPersistentModelIndex
PERSON, DATE = 0, 1
#: The first domain column.
FIRST_DOMAIN = 2
#: Returns the person id of a row.
PersonRole = Qt.ItemDataRole.UserRole + 1


class HeatModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: tuple[HeatRow, ...] = ()
        self.domains: tuple[str, ...] = ()
        self.matrices: tuple[Matrix, ...] = ()
        self._names: dict[str, str] = {}

    def set_data(self, rows: Sequence[HeatRow], matrices: Sequence[Matrix]) -> None:
        self.beginResetModel()
        self.rows, self.matrices = tuple(rows), tuple(matrices)
        self.domains = heat_domains(self.rows, self.matrices)
        self._names = {code: domain_name(code, self.matrices) for code in self.domains}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_DOMAIN + len(self.domains)

    def domain_name(self, column: int) -> str:
        return self._names[self.domains[column - FIRST_DOMAIN]]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if section == PERSON:
                return _("Person")
            if section == DATE:
                return _("Latest assessment")
            return self.domain_name(section)
        return None

    def score(self, row: int, column: int) -> DomainScore | None:
        latest = self.rows[row].latest
        if latest is None or column < FIRST_DOMAIN:
            return None
        return latest.score(self.domains[column - FIRST_DOMAIN])

    def text(self, row: int, column: int) -> str:
        heat = self.rows[row]
        if column == PERSON:
            return heat.person_name
        if column == DATE:
            if heat.latest is None:
                return _("not assessed yet")
            return format_date_nl(heat.latest.assessed_on)
        if heat.latest is None:
            return ""
        score = self.score(row, column)
        if score is None:
            return ""
        text = str(score.level) if score.level is not None else NO_LEVEL
        return f"{text}{FOCUS_MARK}" if score.focus else text

    def tooltip(self, row: int, column: int) -> str | None:
        heat = self.rows[row]
        if column < FIRST_DOMAIN:
            if heat.latest is None:
                return _("{name} has not been assessed yet.").format(name=heat.person_name)
            return _("Assessed on {date} by {assessor}").format(
                date=format_date_nl(heat.latest.assessed_on), assessor=heat.latest.assessor
            )
        score = self.score(row, column)
        if score is None or heat.latest is None:
            return None
        lines = [
            f"{heat.person_name} · {self.domain_name(column)}",
            f"{score.level or NO_LEVEL} — "
            + level_name(score.level, heat.latest.matrix_id, self.matrices),
        ]
        if score.focus:
            lines.append(focus_tip(score.target_level))
        return "\n".join(lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tooltip(row, column) or self.text(row, column)
        if role == PersonRole:
            return self.rows[row].person_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIRST_DOMAIN:
            return int(Qt.AlignmentFlag.AlignCenter)
        if column == DATE and self.rows[row].latest is None:
            if role == Qt.ItemDataRole.ForegroundRole:
                return brush(Role.MUTED)
            return None
        score = self.score(row, column)
        if score is None:
            return None
        return level_brush(score.level, role)
