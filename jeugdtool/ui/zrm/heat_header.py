"""A table header that writes the names of some columns upwards, so thirteen domains fit side
by side in narrow columns and every name stays whole."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyleOptionHeader
from PySide6.QtWidgets import QWidget

#: Room around a rotated name (pixels).
PADDING = 8


class RotatedHeader(QHeaderView):
    """Horizontal header; sections from `first_rotated` on are written bottom to top."""

    def __init__(self, first_rotated: int, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.first_rotated = first_rotated
        self.setHighlightSections(False)

    def _text(self, section: int) -> str:
        model = self.model()
        value = model.headerData(section, self.orientation()) if model is not None else None
        return str(value or "")

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        model = self.model()
        count = model.columnCount() if model is not None else 0
        metrics = self.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(self._text(s)) for s in range(self.first_rotated, count)),
            default=0,
        )
        size.setHeight(max(size.height(), longest + 2 * PADDING))
        return size

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        if section < self.first_rotated:
            super().paintSection(painter, rect, section)
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = section
        option.text = ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        metrics = self.fontMetrics()
        # Bottom to top, centred in the column, starting just above the bottom edge.
        painter.translate(
            rect.center().x() + (metrics.ascent() - metrics.descent()) / 2, rect.bottom() - PADDING
        )
        painter.rotate(-90)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(0, 0, self._text(section))
        painter.restore()
