"""Levels per category as horizontal bars or as a radar, drawn with QPainter: sets of values
(the newest, the one before, the targets) side by side. The ZRM's progress chart uses it."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QFontMetricsF
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPainterPath
from PySide6.QtGui import QPaintEvent
from PySide6.QtGui import QPen
from PySide6.QtGui import QPolygonF
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from jeugdtool.ui.charts.canvas import ChartCanvas
from jeugdtool.ui.charts.canvas import Ink
from jeugdtool.ui.charts.canvas import Target
from jeugdtool.ui.charts.canvas import small_font
from jeugdtool.ui.charts.geometry import Linear
from jeugdtool.ui.charts.geometry import bar_slots
from jeugdtool.ui.charts.geometry import radar_point
from jeugdtool.ui.charts.geometry import radar_points
from jeugdtool.ui.charts.geometry import radar_runs

BARS, RADAR = "bars", "radar"
#: Colours of the newest assessment, the previous one and the targets on a light background
#: (3:1 at least on white; distinct also in grey: dark, middle grey, an outline).
SET_COLOURS = {"latest": "#1f4e9c", "previous": "#757575", "target": "#2e7d32"}
#: The same on a dark background.
DARK_SET_COLOURS = {"latest": "#8ab4f8", "previous": "#9e9e9e", "target": "#81c995"}


def set_colours(dark: bool) -> dict[str, str]:
    return DARK_SET_COLOURS if dark else SET_COLOURS


@dataclass(frozen=True)
class ChartSet:
    """One series: a level per category (a bar in each row, or a ring on the radar)."""

    #: "latest", "previous" or "target" (it decides colour and mark).
    kind: str
    #: The name in the legend.
    name: str
    #: One per category of `ChartData.domains`; None: no level (or no target).
    values: tuple[int | None, ...]
    #: The ZRM matrix the levels belong to (their names in the tooltip).
    matrix_id: str = ""


@dataclass(frozen=True)
class ChartData:
    """What the chart shows: the categories and the series."""

    #: (code, name) of each category (ZRM domain), top to bottom and clockwise.
    domains: tuple[tuple[str, str], ...]
    sets: tuple[ChartSet, ...]

    @property
    def is_empty(self) -> bool:
        return not self.sets


#: The tooltip of a set's value at a category (plain text).
Tooltip = Callable[[ChartSet, int], str]


def star(centre: QPointF, radius: float) -> QPolygonF:
    """A five-pointed star (a target on the radar)."""
    points = []
    for n in range(10):
        r = radius if n % 2 == 0 else radius * 0.45
        angle = -math.pi / 2 + n * math.pi / 5
        points.append(QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle)))
    return QPolygonF(points)


class LevelPlot(ChartCanvas):
    """The drawing: horizontal bars per category, or a radar with a spoke per category."""

    def __init__(self, parent: QWidget | None = None, *, top: int = 5):
        super().__init__(parent)
        #: The highest level: the end of the bars' axis, the radar's rim.
        self.top = top
        self.mode = BARS
        self.data: ChartData | None = None
        self.tooltip: Tooltip = lambda chart_set, index: ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, data: ChartData | None, mode: str, tooltip: Tooltip) -> None:
        """Show `data` as `mode`; `tooltip(set, index)` is the plain text of a bar or point."""
        self.data, self.mode, self.tooltip = data, mode, tooltip
        self.forget_choice()
        self.updateGeometry()  # bars and radar want different heights
        self.update()

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(small_font(self.font(), 0.9))

    def _row_height(self, bar: float) -> float:
        sets = len(self.data.sets) if self.data is not None else 1
        return max(self._metrics().height() * 1.1, sets * bar / 0.8)

    def _wanted_height(self, bar: float) -> int:
        metrics = self._metrics()
        count = len(self.data.domains) if self.data is not None else 0
        return round(count * self._row_height(bar) + 2 * metrics.height() + 8)

    def sizeHint(self) -> QSize:
        if self.mode == RADAR:
            return QSize(560, 480)
        return QSize(560, max(200, self._wanted_height(max(8.0, self._metrics().height() * 0.55))))

    def minimumSizeHint(self) -> QSize:
        if self.mode == RADAR:
            return QSize(320, 300)
        return QSize(320, max(120, self._wanted_height(5.0)))

    # ---- where things are --------------------------------------------------------------------

    def _label_width(self, share: float) -> float:
        """The category names' width: the longest, but at most `share` of the chart's width."""
        assert self.data is not None
        metrics = self._metrics()
        longest = max((metrics.horizontalAdvance(n) for _c, n in self.data.domains), default=0)
        return min(longest, self.width() * share)

    def bar_layout(self) -> tuple[QRectF, Linear, list[list[tuple[float, float]]]]:
        """The plot area, level -> x, and each category's bars (top, height) in set order."""
        assert self.data is not None
        metrics = self._metrics()
        gap = metrics.height() * 0.5
        left = self._label_width(0.4) + gap
        right = self.width() - metrics.horizontalAdvance("5") - 2
        plot = QRectF(QPointF(left, gap), QPointF(right, self.height() - metrics.height() - gap))
        x = Linear(0, self.top, plot.left(), plot.right())
        slots = bar_slots(len(self.data.domains), len(self.data.sets), plot.top(), plot.height())
        return plot, x, slots

    def radar_layout(self) -> tuple[QPointF, float]:
        """The radar's centre and radius (the top level on the rim)."""
        metrics = self._metrics()
        room_x = self.width() / 2 - self._label_width(0.25) - metrics.height()
        room_y = self.height() / 2 - 2 * metrics.height()
        return QPointF(self.width() / 2, self.height() / 2), max(10.0, min(room_x, room_y))

    def radar_position(self, index: int, level: float) -> QPointF:
        """Where `level` on category `index`'s spoke is drawn."""
        assert self.data is not None
        centre, radius = self.radar_layout()
        x, y = radar_point(index, len(self.data.domains), level / self.top)
        return QPointF(centre.x() + x * radius, centre.y() + y * radius)

    def targets(self) -> list[Target]:
        """Every bar or point with a level, category by category (the arrow keys' order)."""
        data = self.data
        if data is None or data.is_empty or not data.domains:
            return []
        found = []
        if self.mode == BARS:
            _plot, x, slots = self.bar_layout()
            for index, row in enumerate(slots):
                for chart_set, (top, height) in zip(data.sets, row, strict=True):
                    if (level := chart_set.values[index]) is not None:
                        rect = QRectF(QPointF(x(0), top), QPointF(x(level), top + height))
                        found.append(Target(rect, self._text(chart_set, index)))
            return found
        size = self._metrics().height() * 0.5
        for index in range(len(data.domains)):
            for chart_set in data.sets:
                if (level := chart_set.values[index]) is not None:
                    centre = self.radar_position(index, level)
                    rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
                    found.append(Target(rect, self._text(chart_set, index)))
        return found

    def _text(self, chart_set: ChartSet, index: int) -> str:
        return html.escape(self.tooltip(chart_set, index))

    # ---- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.ink()
        painter.fillRect(self.rect(), colours.background)
        if self.data is not None and not self.data.is_empty and self.data.domains:
            painter.setFont(small_font(self.font(), 0.9))
            if self.mode == RADAR:
                self._paint_radar(painter, self.data, colours)
            else:
                self._paint_bars(painter, self.data, colours)
        self.paint_choice(painter, colours)

    def _paint_bars(self, painter: QPainter, data: ChartData, colours: Ink) -> None:
        plot, x, slots = self.bar_layout()
        metrics = QFontMetricsF(painter.font())
        align = Qt.AlignmentFlag
        for level in range(self.top + 1):
            painter.setPen(QPen(colours.grid if level else colours.axis, 1.0))
            painter.drawLine(QPointF(x(level), plot.top()), QPointF(x(level), plot.bottom()))
            painter.setPen(colours.text)
            box = QRectF(x(level) - 20, plot.bottom() + 3, 40, metrics.height())
            painter.drawText(box, align.AlignHCenter | align.AlignTop, str(level))
        for index, row in enumerate(slots):
            name = data.domains[index][1]
            middle = (row[0][0] + row[-1][0] + row[-1][1]) / 2
            box = QRectF(0, middle - metrics.height() / 2, plot.left() - 6, metrics.height())
            painter.setPen(colours.text)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, box.width())
            painter.drawText(box, align.AlignRight | align.AlignVCenter, shown)
            for chart_set, (top, height) in zip(data.sets, row, strict=True):
                self._paint_bar(painter, chart_set, index, (top, height), (x, colours))

    def _paint_bar(
        self,
        painter: QPainter,
        chart_set: ChartSet,
        index: int,
        slot: tuple[float, float],
        scale: tuple[Linear, Ink],
    ) -> None:
        (top, height), (x, colours) = slot, scale
        level = chart_set.values[index]
        colour = QColor(set_colours(colours.dark)[chart_set.kind])
        if level is None and chart_set.kind == "target":
            return  # no target here (the ZRM: not a focus domain)
        if level is None:  # no level: a dash where the bar would start, so it is not a zero
            painter.setPen(colours.axis)
            box = QRectF(x(0) + 3, top, 30, height)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "–")
            return
        rect = QRectF(QPointF(x(0), top), QPointF(x(level), top + height))
        if chart_set.kind == "target":  # an outline: where to get to
            painter.setPen(QPen(colour, 2.0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(rect)

    def _paint_radar(self, painter: QPainter, data: ChartData, colours: Ink) -> None:
        count = len(data.domains)
        centre, _radius = self.radar_layout()
        metrics = QFontMetricsF(painter.font())
        for level in range(1, self.top + 1):  # the rings: a web, one line per level
            ring = [self.radar_position(i, level) for i in range(count)]
            painter.setPen(QPen(colours.axis if level == self.top else colours.grid, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(QPolygonF(ring))
        for level in range(1, self.top + 1):  # the levels, on a patch of background: legible
            at = self.radar_position(0, level)
            width = metrics.horizontalAdvance(str(level)) + 4
            box = QRectF(at.x() + 3, at.y() - metrics.height() / 2, width, metrics.height())
            painter.fillRect(box, colours.background)
            painter.setPen(colours.text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(level))
        for index, (_code, name) in enumerate(data.domains):
            rim = self.radar_position(index, self.top)
            painter.setPen(QPen(colours.grid, 1.0))
            painter.drawLine(centre, rim)
            self._paint_spoke_label(painter, index, name, colours)
        palette = set_colours(colours.dark)
        # The previous ring first, so the newest lies on top of it where they meet; stars last.
        order = {"previous": 0, "latest": 1, "target": 2}
        for chart_set in sorted(data.sets, key=lambda s: order[s.kind]):
            colour = QColor(palette[chart_set.kind])
            self._paint_ring(painter, chart_set, colour, colours.background)

    def _paint_spoke_label(self, painter: QPainter, index: int, name: str, colours: Ink) -> None:
        assert self.data is not None
        metrics = QFontMetricsF(painter.font())
        centre, radius = self.radar_layout()
        x, y = radar_point(index, len(self.data.domains), 1.0)
        width = self._label_width(0.25) + metrics.height()
        anchor = QPointF(
            centre.x() + x * (radius + metrics.height() * 0.5),
            centre.y() + y * (radius + metrics.height() * 0.5),
        )
        align = Qt.AlignmentFlag
        if x > 0.2:
            box, flags = QRectF(anchor.x(), 0, width, 0), align.AlignLeft
        elif x < -0.2:
            box, flags = QRectF(anchor.x() - width, 0, width, 0), align.AlignRight
        else:
            box, flags = QRectF(anchor.x() - width, 0, 2 * width, 0), align.AlignHCenter
        box.setHeight(metrics.height())
        # Above the rim at the top, below it at the bottom, beside it elsewhere.
        box.moveTop(anchor.y() + (y - 1) * metrics.height() / 2)
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, box.width())
        painter.setPen(colours.text)
        painter.drawText(box, flags | align.AlignVCenter, shown)

    def _paint_ring(
        self, painter: QPainter, chart_set: ChartSet, colour: QColor, back: QColor
    ) -> None:
        assert self.data is not None
        centre, radius = self.radar_layout()
        unit = radar_points(chart_set.values, self.top)
        points = [
            None if p is None else QPointF(centre.x() + p[0] * radius, centre.y() + p[1] * radius)
            for p in unit
        ]
        size = self._metrics().height() * 0.5
        if chart_set.kind == "target":  # only focus domains have one: stars, not a ring
            painter.setPen(QPen(back, 1.0))
            painter.setBrush(colour)
            for point in points:
                if point is not None:
                    painter.drawPolygon(star(point, size * 1.3))
            return
        painter.setPen(QPen(colour, 3.0 if chart_set.kind == "latest" else 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for run in radar_runs(unit):
            drawn = [QPointF(centre.x() + a * radius, centre.y() + b * radius) for a, b in run]
            path = QPainterPath(drawn[0])
            for point in drawn[1:]:
                path.lineTo(point)
            painter.drawPath(path)
        painter.setPen(QPen(back, 1.0))
        painter.setBrush(colour)
        for point in points:
            if point is not None:
                painter.drawEllipse(point, size * 0.4, size * 0.4)
