"""A small chart of one indicator per quarter: a bar per quarter (its share, 0–100%) and the
trend line through them, drawn with QPainter in the charts' palette. The arrow keys step through
the quarters (each with its numbers); Enter, or a double click, asks for the cases behind one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import QFontMetricsF
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QMouseEvent
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPaintEvent
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from jeugdtool.ui.charts.canvas import ChartCanvas
from jeugdtool.ui.charts.canvas import Ink
from jeugdtool.ui.charts.canvas import Target
from jeugdtool.ui.charts.canvas import blend
from jeugdtool.ui.charts.canvas import small_font
from jeugdtool.ui.charts.geometry import Linear
from jeugdtool.ui.charts.levels import set_colours
from jeugdtool.ui.dashboard.figures import trend


@dataclass(frozen=True)
class QuarterBar:
    """One quarter on the chart."""

    #: "2026 K3".
    label: str
    #: 0..1; None: nothing to show (no cases, or a share hidden by the shielding rule).
    share: float | None
    #: Rich text for the tooltip (the quarter's numbers).
    tip: str


class QuarterChart(ChartCanvas):
    """Bars per quarter with a dashed trend line; `set_bars` gives the quarters."""

    #: Show the cases behind the bar with this index (Enter or a double click on it).
    bar_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: tuple[QuarterBar, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[QuarterBar]) -> None:
        self.bars = tuple(bars)
        self.forget_choice()
        self.update()

    def _font_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(small_font(self.font(), 0.8))

    def sizeHint(self) -> QSize:
        return QSize(280, round(max(84.0, self._font_metrics().height() * 6)))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def plot_area(self) -> QRectF:
        """Where the bars go: room on the left for "100%", below for the quarters' names."""
        metrics = self._font_metrics()
        area = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        left = area.left() + metrics.horizontalAdvance("100%") + 4
        top = area.top() + metrics.height() / 2
        bottom = area.bottom() - metrics.height() - 2
        return QRectF(QPointF(left, top), QPointF(area.right(), bottom))

    def _y(self) -> Linear:
        plot = self.plot_area()
        return Linear(0.0, 1.0, plot.bottom(), plot.top())

    def _slot(self, index: int) -> QRectF:
        """The column of quarter `index`: its bar fills the middle two thirds."""
        plot = self.plot_area()
        width = plot.width() / max(1, len(self.bars))
        return QRectF(plot.left() + index * width, plot.top(), width, plot.height())

    def bar_rect(self, index: int) -> QRectF:
        """The bar of quarter `index` (a thin line on the axis when it has no share)."""
        slot, y = self._slot(index), self._y()
        share = self.bars[index].share
        top = y(share) if share is not None else y(0.0) - 2
        width = slot.width() * 2 / 3
        return QRectF(slot.center().x() - width / 2, top, width, max(2.0, y(0.0) - top))

    def targets(self) -> list[Target]:
        return [Target(self.bar_rect(i), bar.tip) for i, bar in enumerate(self.bars)]

    # ---- asking for the cases --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if enter and self.chosen is not None:
            self.bar_activated.emit(self.chosen)
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        target = self.target_at(event.position())
        if target is None:
            super().mouseDoubleClickEvent(event)
            return
        index = next(i for i, t in enumerate(self.targets()) if t.rect == target.rect)
        self.choose(index)
        self.bar_activated.emit(index)

    # ---- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.ink()
        painter.fillRect(self.rect(), colours.background)
        painter.setFont(small_font(self.font(), 0.8))
        self._paint_axis(painter, colours)
        bar_colour = QColor(set_colours(colours.dark)["latest"])
        for index, bar in enumerate(self.bars):
            rect = self.bar_rect(index)
            fill = bar_colour if bar.share is not None else colours.grid
            if bar.share is not None and index < len(self.bars) - 1:
                fill = blend(bar_colour, colours.background, 0.7)  # the latest stands out
            painter.fillRect(rect, fill)
            self._paint_label(painter, colours, index, bar.label)
        self._paint_trend(painter, colours)
        self.paint_choice(painter, colours)

    def _paint_axis(self, painter: QPainter, colours: Ink) -> None:
        plot, y = self.plot_area(), self._y()
        metrics = QFontMetricsF(painter.font())
        for share in (0.0, 0.5, 1.0):
            painter.setPen(QPen(colours.grid if share else colours.axis, 1.0))
            painter.drawLine(QPointF(plot.left(), y(share)), QPointF(plot.right(), y(share)))
            painter.setPen(colours.text)
            box = QRectF(0, y(share) - metrics.height() / 2, plot.left() - 4, metrics.height())
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, align, f"{round(share * 100)}%")

    def _paint_label(self, painter: QPainter, colours: Ink, index: int, label: str) -> None:
        """The quarter's name under its bar; only the quarter part ("K3") when space is short."""
        slot, metrics = self._slot(index), QFontMetricsF(painter.font())
        text = label if metrics.horizontalAdvance(label) <= slot.width() - 2 else label[-2:]
        box = QRectF(slot.left(), self.plot_area().bottom() + 2, slot.width(), metrics.height())
        painter.setPen(colours.text)
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def _paint_trend(self, painter: QPainter, colours: Ink) -> None:
        line = trend([bar.share for bar in self.bars])
        if line is None:
            return
        y = self._y()
        first, start, last, end = line
        pen = QPen(colours.text, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        clamp = [min(1.0, max(0.0, value)) for value in (start, end)]
        painter.drawLine(
            QPointF(self._slot(first).center().x(), y(clamp[0])),
            QPointF(self._slot(last).center().x(), y(clamp[1])),
        )
