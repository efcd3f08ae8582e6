"""Paints one map item: its text word-wrapped, who said it and its marks in small text below.

The comparison views use the same delegate (in a list, or in a two-column table side by side);
their models add a status (added, removed, changed, moved), shown as a tinted background, a
coloured bar *and* a word, so colour is never the only carrier, and sometimes the old text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QListView
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem

from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.colours import tint
from jeugdtool.ui.framework.map_model import CellItemModel
from jeugdtool.ui.framework.map_model import LinesRole
from jeugdtool.ui.framework.map_model import MarksRole
from jeugdtool.ui.framework.map_model import SourceRole
from jeugdtool.ui.framework.map_model import small_line

Index = QModelIndex | QPersistentModelIndex

#: "added" / "removed" / "changed" / "moved" (comparison only).
StatusRole = Qt.ItemDataRole.UserRole + 10
#: The text in the older moment, for a changed item (comparison only).
OldTextRole = Qt.ItemDataRole.UserRole + 11

#: Per status: (word shown, bar colour, background tint). Dark bars stay readable on the tint.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "added": (N_("new"), "#2e7d32", "#e8f5e9"),
    "removed": (N_("no longer applies"), "#c62828", "#ffebee"),
    "changed": (N_("changed"), "#b26a00", "#fff8e1"),
    "moved": (N_("moved"), "#1565c0", "#e3f2fd"),
}

PAD = 6
BAR = 4
#: Read once: Qt's flags are Python enums, and combining them per item and paint adds up.
WRAP = int(Qt.TextFlag.TextWordWrap)
WRAP_LEFT = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
SELECTED = QStyle.StateFlag.State_Selected
#: Sizes remembered per delegate before the memory is emptied (an item's size is asked for at
#: every layout pass; its text and the width rarely change between two).
SIZE_MEMORY = 2000


#: The small font per font (its key): asked for at every item's size and paint.
_SMALL: dict[str, QFont] = {}
#: The line under each item.
RULE = QColor("#d0d0d0")


def _small(font: QFont) -> QFont:
    key = font.key()
    small = _SMALL.get(key)
    if small is None:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        if len(_SMALL) < 64:  # a handful of fonts: the application's, a zoom or two
            _SMALL[key] = small
    return small


class MapItemDelegate(QStyledItemDelegate):
    """Readable, word-wrapped items whose height follows the cell's width."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._sizes: dict[tuple[Any, ...], QSize] = {}
        self._muted: tuple[int, QColor] | None = None

    def _lines(self, index: Index) -> tuple[str, str, str]:
        """(main text, small line, old text) for the item; a model that knows them gives
        them at once (`LinesRole`), else they are made from the roles below."""
        model = index.model()
        if type(model) is CellItemModel:  # the map's own: asked directly, not through Qt
            return model.lines(index.row())
        lines = index.data(LinesRole)
        if lines is not None:
            return lines
        status = index.data(StatusRole)
        meta = [index.data(SourceRole) or "", *(index.data(MarksRole) or [])]
        if status in STATUS_STYLE:
            meta.insert(0, _(STATUS_STYLE[status][0]).upper())
        old = index.data(OldTextRole) or ""
        old_line = _("was: {text}").format(text=old) if old else ""
        return index.data() or "", small_line(meta), old_line

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        width = option.rect.width()
        if isinstance(view, QListView):  # a list is one column; a table gives the column's width
            width = view.viewport().width()
        return max(60, width - 2 * PAD - BAR)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        lines = self._lines(index)
        width = self._text_width(option)
        key = (lines, width, option.font.key())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) >= SIZE_MEMORY:
                self._sizes.clear()
            size = self._sizes[key] = self._size(option.font, lines, width)
        return QSize(size)

    @staticmethod
    def _size(font: QFont, lines: tuple[str, str, str], width: int) -> QSize:
        text, meta, old = lines
        height = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), WRAP, text)
        total = height.height() + 2 * PAD + 1
        small = QFontMetrics(_small(font))
        for line in (meta, old):
            if line:
                total += small.boundingRect(QRect(0, 0, width, 10000), WRAP, line).height() + 2
        return QSize(width + 2 * PAD + BAR, total)

    def _muted_colour(self) -> QColor:
        """The muted colour of the application's palette, worked out once per palette."""
        key = QApplication.palette().cacheKey()
        if self._muted is None or self._muted[0] != key:
            self._muted = (key, qcolor(Role.MUTED))
        return self._muted[1]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        # A map's cell has no status (only the comparison's models do): not asked per item.
        status = None if type(index.model()) is CellItemModel else index.data(StatusRole)
        selected = bool(opt.state & SELECTED)
        painter.save()
        if status in STATUS_STYLE and not selected:
            painter.fillRect(opt.rect, tint(STATUS_STYLE[status][2], opt.widget))
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if status in STATUS_STYLE:
            bar = QRect(opt.rect.left(), opt.rect.top(), BAR, opt.rect.height())
            painter.fillRect(bar, QColor(STATUS_STYLE[status][1]))
        self._paint_text(painter, opt, index, selected, status)
        painter.setPen(RULE)
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def _paint_text(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        index: Index,
        selected: bool,
        status: str | None,
    ) -> None:
        text, meta, old = self._lines(index)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        flags = WRAP_LEFT
        rect = opt.rect.adjusted(PAD + BAR, PAD, -PAD, -PAD)
        if status == "removed":
            font = QFont(opt.font)
            font.setStrikeOut(True)
            painter.setFont(font)
        else:
            painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        # drawText gives the rectangle it used: the text is laid out once, not twice (no text:
        # it gives an empty rectangle at the origin, so where it would have been is asked).
        used = (
            painter.drawText(rect, flags, text) if text else painter.boundingRect(rect, flags, text)
        )
        rect.setTop(used.bottom() + 2)
        painter.setFont(_small(opt.font))
        if not selected:
            painter.setPen(self._muted_colour())
        for line in (meta, old):
            if line:
                used = painter.drawText(rect, flags, line)
                rect.setTop(used.bottom() + 2)
