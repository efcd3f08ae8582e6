"""Two mapping moments compared: one map with what is new, gone, changed or moved marked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework.dto import ItemChange, MomentComparison
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _

from jeugdtool.ui.framework.cell_widget import make_list_view, three_columns
from jeugdtool.ui.framework.item_delegate import STATUS_STYLE, OldTextRole, StatusRole
from jeugdtool.ui.framework.map_model import (
    ItemRole,
    MarksRole,
    SourceRole,
    item_marks,
    source_text,
)
from jeugdtool.ui.workspace.inline import heading

Index = QModelIndex | QPersistentModelIndex
#: The title a cell has on screen (the case's wording).
TitleOf = Callable[[Cell], str]


def cell_changes(comparison: MomentComparison) -> dict[Cell, list[ItemChange]]:
    """Per cell: the newer moment's items in order, then what was removed from that cell."""
    cells: dict[Cell, list[ItemChange]] = {cell: [] for cell in Cell}
    for change in comparison.changes:
        item = change.after or change.before
        assert item is not None
        cells[item.cell].append(change)
    return cells


class CompareCellModel(QAbstractListModel):
    def __init__(self, title_of: TitleOf, parent: Any = None):
        super().__init__(parent)
        self._rows: tuple[ItemChange, ...] = ()
        self._title_of = title_of

    def set_rows(self, rows: list[ItemChange]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        item = change.after or change.before
        assert item is not None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return item.text
        if role == SourceRole:
            return source_text(item)
        if role == MarksRole:
            return self._marks(change)
        if role == StatusRole:
            return change.kind if change.kind != "same" else None
        if role == OldTextRole:
            before = change.before
            changed = change.kind == "changed" and before is not None
            return before.text if changed and before.text != item.text else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            word = _(STATUS_STYLE[change.kind][0]) if change.kind in STATUS_STYLE else ""
            return " — ".join(p for p in (word, item.text, source_text(item)) if p)
        if role == ItemRole:
            return change
        return None

    def _marks(self, change: ItemChange) -> list[str]:
        item = change.after or change.before
        assert item is not None
        marks = item_marks(item)
        before = change.before
        if change.after is not None and before is not None and before.cell is not item.cell:
            marks.append(_("moved from “{cell}”").format(cell=self._title_of(before.cell)))
        return marks


class CompareView(QWidget):
    """Read-only; Esc or the button goes back to the map."""

    back_requested = Signal()

    def __init__(self, title_of: TitleOf, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = heading("", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.back_button = QPushButton(_("&Back to the map"), self)
        self.models: dict[Cell, CompareCellModel] = {}
        self.cells: dict[Cell, QWidget] = {}
        for cell in Cell:
            self.models[cell] = CompareCellModel(title_of, self)
            self.cells[cell] = self._cell_box(cell, title_of(cell))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(legend(self))
        self.columns = three_columns(self, self.cells)
        layout.addWidget(self.columns, 1)
        self.back_button.clicked.connect(self.back_requested.emit)
        QShortcut(QKeySequence("Esc"), self, activated=self.back_requested.emit)

    def _cell_box(self, cell: Cell, title: str) -> QWidget:
        box = QWidget(self)
        box.setObjectName(f"compare-{cell.value}")
        label = QLabel(title, box)
        label.setWordWrap(True)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        view = make_list_view(self.models[cell], box, title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        return box

    def set_comparison(self, comparison: MomentComparison) -> None:
        older, newer = comparison.older, comparison.newer
        self.title.setText(
            _("Compared: {older} → {newer}").format(
                older=format_date_nl(older.held_on), newer=format_date_nl(newer.held_on)
            )
        )
        for cell, rows in cell_changes(comparison).items():
            self.models[cell].set_rows(rows)
        counts = [
            f"{len(comparison.of_kind(kind))} {_(STATUS_STYLE[kind][0])}" for kind in STATUS_STYLE
        ]
        self.summary.setText(", ".join(counts))


def legend(parent: QWidget) -> QLabel:
    """The colours *and* their words, so the marks read without colour too."""
    parts = [
        f'<span style="background:{bg}; border-left: 4px solid {bar};">'
        f"&nbsp;<b>{_(word).upper()}</b>&nbsp;</span>"
        for word, bar, bg in STATUS_STYLE.values()
    ]
    label = QLabel("&nbsp;&nbsp;".join(parts), parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
