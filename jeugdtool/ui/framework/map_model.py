"""A thin list model over one cell's items, with drag and drop that asks for a move."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractListModel
from PySide6.QtCore import QByteArray
from PySide6.QtCore import QMimeData
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal

from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.i18n import _

Index = QModelIndex | QPersistentModelIndex

#: The item's MapItemDTO.
ItemRole = Qt.ItemDataRole.UserRole + 1
#: "Said by Sanne de Vries" (small text under the item).
SourceRole = Qt.ItemDataRole.UserRole + 2
#: Short marks after the source: "problem", "2 agree, 1 disputes".
MarksRole = Qt.ItemDataRole.UserRole + 3

#: (main text, small line, old text): what the delegate paints, made once per item.
LinesRole = Qt.ItemDataRole.UserRole + 12

#: What a dragged map item carries: its id and where it came from.
MIME_TYPE = "application/x-jeugdtool-map-item"


def item_marks(item: MapItemDTO) -> list[str]:
    marks = []
    if item.worry_kind is WorryKind.PROBLEM:
        marks.append(_("problem"))
    elif item.worry_kind is WorryKind.LIMITATION:
        marks.append(_("limitation"))
    agree = sum(1 for s in item.stances if s.stance is Stance.AGREES)
    dispute = len(item.stances) - agree
    if agree:
        marks.append(_("{n} agree").format(n=agree))
    if dispute:
        marks.append(_("{n} dispute").format(n=dispute))
    return marks


def source_text(item: MapItemDTO) -> str:
    return _("said by {who}").format(who=item.source.label) if item.source.label else ""


def small_line(parts: list[str]) -> str:
    """The small line under an item: who said it and its marks, the empty ones left out."""
    return " · ".join(p for p in parts if p)


#: The roles as plain numbers, compared per call of `data()` (many per paint).
_TEXT_ROLES = (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole))
_LINES, _SOURCE, _MARKS = int(LinesRole), int(SourceRole), int(MarksRole)
_ACCESSIBLE, _ITEM = int(Qt.ItemDataRole.AccessibleTextRole), int(ItemRole)


class CellItemModel(QAbstractListModel):
    """The items of one cell, in order; `data()` only formats what is already there."""

    #: A drop asked to put item `id` (payload: item id, target cell, 1-based position).
    move_requested = Signal(int, object, int)

    def __init__(self, cell: Cell, parent: Any = None):
        super().__init__(parent)
        self.cell = cell
        self._rows: tuple[MapItemDTO, ...] = ()
        #: The delegate's lines per row, made when first asked for.
        self._lines: dict[int, tuple[str, str, str]] = {}
        #: Past moments are read-only: no dragging, no dropping.
        self.editable = True

    def set_rows(self, rows: tuple[MapItemDTO, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._lines = {}
        self.endResetModel()

    def lines(self, row: int) -> tuple[str, str, str]:
        found = self._lines.get(row)
        if found is None:
            item = self._rows[row]
            meta = small_line([source_text(item), *item_marks(item)])
            found = self._lines[row] = (item.text or "", meta, "")
        return found

    def rows(self) -> tuple[MapItemDTO, ...]:
        return self._rows

    def row_at(self, row: int) -> MapItemDTO | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == item_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        role = int(role)
        if role == _LINES:
            return self.lines(index.row())
        if role in _TEXT_ROLES:
            return item.text
        if role == _SOURCE:
            return source_text(item)
        if role == _MARKS:
            return item_marks(item)
        if role == _ACCESSIBLE:
            return " — ".join([item.text, source_text(item), *item_marks(item)])
        if role == _ITEM:
            return item
        return None

    # ---- drag and drop -------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not self.editable:
            return base
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        items = [self._rows[i.row()] for i in indexes if i.isValid()]
        if items:
            payload = {"id": items[0].id, "cell": self.cell.value, "row": indexes[0].row()}
            data.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self.editable and data.hasFormat(MIME_TYPE) and not parent.isValid()

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask for the move; the page performs it (an undo command) and the map reloads.

        Nothing is removed here: `removeRows` stays unsupported, so the view's own "move"
        clean-up after the drag does nothing either.
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        row = len(self._rows) if row < 0 else row
        if payload["cell"] == self.cell.value and row > payload["row"]:
            row -= 1  # the item leaves its old place first
        self.move_requested.emit(int(payload["id"]), self.cell, row + 1)
        return True
