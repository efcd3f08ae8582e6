"""The table of one person's progress: domains (rows) × assessment dates (columns, oldest left).

Thin: everything is computed by `zrm.compare.progress` before the model gets it; `data()` only
formats. Each cell says the level and the arrow against the person's previous assessment of
that domain in text, so the colour is never the only sign.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.zrm.compare import Progress
from jeugdtool.zrm.compare import ProgressCell
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.zrm.heat_colours import NO_LEVEL
from jeugdtool.ui.zrm.heat_colours import level_brush

Index = QModelIndex | QPersistentModelIndex
#: Returns the ProgressCell of a cell (tests and delegates that need more than the text).
CellRole = Qt.ItemDataRole.UserRole + 1
FOCUS_MARK = "★"


def level_name(level: int | None, matrix_id: str, matrices: Sequence[Matrix]) -> str:
    """The name of a level in the assessment's matrix (or the first one known)."""
    if level is None:
        return _("not assessed / not applicable")
    chosen = next((m for m in matrices if m.id == matrix_id), matrices[0] if matrices else None)
    return chosen.level(level).name.get() if chosen is not None else str(level)


def focus_tip(target_level: int | None) -> str:
    """The tooltip line of a focus domain: "★ Focus domain, target level 4"."""
    target = (
        _("Focus domain, target level {n}").format(n=target_level)
        if target_level is not None
        else _("Focus domain, no target level yet")
    )
    return f"{FOCUS_MARK} {target}"


def cell_text(cell: ProgressCell | None) -> str:
    """ "3 ▲", "2 =", "4 ▲ · ★ target 5"; empty when the assessment lacks the domain."""
    if cell is None:
        return ""
    text = str(cell.level) if cell.level is not None else NO_LEVEL
    direction = cell.change.direction if cell.change is not None else None
    if direction is not None:
        text += f" {direction.arrow}"
    if cell.focus:
        text += f" · {FOCUS_MARK}"
        if cell.target_level is not None:
            text += " " + _("target {n}").format(n=cell.target_level)
    return text


class ProgressModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.progress: Progress | None = None
        self.matrices: tuple[Matrix, ...] = ()
        self._names: dict[str, str] = {}

    def set_progress(self, progress: Progress | None, matrices: Sequence[Matrix]) -> None:
        self.beginResetModel()
        self.progress, self.matrices = progress, tuple(matrices)
        codes = progress.domains if progress is not None else ()
        self._names = {code: domain_name(code, self.matrices) for code in codes}
        self.endResetModel()

    @property
    def assessments(self) -> tuple[AssessmentDTO, ...]:
        return self.progress.assessments if self.progress is not None else ()

    @property
    def domains(self) -> tuple[str, ...]:
        return self.progress.domains if self.progress is not None else ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.domains)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.assessments)

    def cell(self, row: int, column: int) -> ProgressCell | None:
        assert self.progress is not None
        return self.progress.cells[self.domains[row]][column]

    def is_focus(self, row: int) -> bool:
        """A focus domain in the newest assessment that has the domain."""
        assert self.progress is not None
        cells = [c for c in self.progress.cells[self.domains[row]] if c is not None]
        return bool(cells) and cells[-1].focus

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.assessments):
            a = self.assessments[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return format_date_nl(a.assessed_on)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Assessed on {date} by {assessor}").format(
                    date=format_date_nl(a.assessed_on), assessor=a.assessor
                )
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.domains):
            name = self._names[self.domains[section]]
            focus = self.is_focus(section)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{FOCUS_MARK} {name}" if focus else name
            if role == Qt.ItemDataRole.ToolTipRole and focus:
                return _("{domain}: a focus domain").format(domain=name)
            if role == Qt.ItemDataRole.FontRole and focus:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.progress is None:
            return None
        cell = self.cell(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(cell) if role == Qt.ItemDataRole.DisplayRole else self.tooltip(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(index)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CellRole:
            return cell
        if cell is None:
            return None
        return level_brush(cell.level, role)

    def tooltip(self, index: Index) -> str:
        row, column = index.row(), index.column()
        cell, assessment = self.cell(row, column), self.assessments[column]
        domain = self._names[self.domains[row]]
        head = f"{domain} · {format_date_nl(assessment.assessed_on)}"
        if cell is None:
            return head + "\n" + _("This assessment did not have this domain.")
        name = level_name(cell.level, assessment.matrix_id, self.matrices)
        lines = [head, f"{cell.level or NO_LEVEL} — {name}"]
        change = cell.change
        if change is not None and change.direction is not None:
            before = change.before if change.before is not None else NO_LEVEL
            lines.append(
                _("{arrow} {direction} than the previous assessment ({before} → {after})").format(
                    arrow=change.direction.arrow,
                    direction=change.direction.label,
                    before=before,
                    after=cell.level if cell.level is not None else NO_LEVEL,
                )
                if change.direction.value in ("up", "down")
                else f"{change.direction.arrow} {change.direction.label}"
            )
        if cell.focus:
            lines.append(focus_tip(cell.target_level))
        return "\n".join(lines)
