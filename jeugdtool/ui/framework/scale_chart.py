"""The scores over time, one line per rater, drawn with QPainter; hovering a dot (or stepping to
it with the arrow keys) shows its reason. `compact=True` is the small version for the case
overview: no legend, few ticks."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.colours import RATER_COLOURS as PALETTE
from jeugdtool.colours import RATER_COLOURS_DARK as DARK_PALETTE
from jeugdtool.framework.scale_dto import Rater, RaterSeries, ScoreHistory, ScorePoint
from jeugdtool.i18n import _

from jeugdtool.ui.charts.canvas import ChartCanvas, Ink, Target, chart_frame, ink, small_font
from jeugdtool.ui.charts.geometry import Linear, date_span, date_ticks, day_value, value_ticks

#: The score axis runs a little past 0 and 10, so the dots there are whole.
SCORE_RANGE = (-0.4, 10.4)


def point_tooltip(rater: Rater, point: ScorePoint) -> str:
    """What hovering a point shows: who, when, the score, the reason and what one higher needs."""
    parts = [
        f"<b>{html.escape(rater.name)}</b>",
        html.escape(
            _("{date}: score {score}").format(
                date=format_date_nl(point.scored_on), score=point.score
            )
        ),
        html.escape(point.reason),
    ]
    if point.one_higher:
        higher = _("One point higher: {text}").format(text=point.one_higher)
        parts.append(f"<i>{html.escape(higher)}</i>")
    return "<br>".join(parts)


def legend_html(history: ScoreHistory, colours: tuple[str, ...] = PALETTE) -> str:
    """The raters in their line colours, the case manager (formal score) in bold."""
    entries = []
    for number, series in enumerate(history.series):
        colour = colours[number % len(colours)]
        name = html.escape(series.rater.name).replace(" ", "&nbsp;")  # wrap between raters
        if series.formal:
            name = f"<b>{name}</b>"
        entries.append(f'<span style="color:{colour}">&#9679;</span>&nbsp;{name}')
    return " &nbsp; ".join(entries)


def rater_colours(dark: bool) -> tuple[str, ...]:
    """The raters' colours for a light or a dark background."""
    return DARK_PALETTE if dark else PALETTE


def describe_history(history: ScoreHistory | None) -> str:
    """For a screen reader: every rater's scores with their dates, oldest first."""
    if history is None or history.is_empty:
        return _("No scores yet.")
    return "; ".join(
        _("{name}: {scores}").format(
            name=s.rater.name,
            scores=", ".join(
                _("{score} on {date}").format(score=p.score, date=format_date_nl(p.scored_on))
                for p in s.points
            ),
        )
        for s in history.series
    )


@dataclass(frozen=True)
class Frame:
    """Where things go for the chart's current size and type."""

    plot: QRectF
    x: Linear
    y: Linear
    days: list[dt.date]
    scores: list[float]


class ScalePlot(ChartCanvas):
    """The drawing: the score axis 0–10, a date axis, a line with dots per rater."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        super().__init__(parent)
        self.compact = compact
        self.history: ScoreHistory | None = None
        #: Lines and dots are this many times their usual width (large on a big screen).
        self.line_scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_history(self, history: ScoreHistory | None) -> None:
        self.history = history
        self.forget_choice()
        self.update()

    # ---- sizes and places ------------------------------------------------------------------

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(small_font(self.font(), 0.8 if self.compact else 0.9))

    def _date_text(self, day: dt.date) -> str:
        """An axis label: the whole date, or day and month only where space is short."""
        text = format_date_nl(day)
        return text.rsplit("-", 1)[0] if self.compact else text  # the same date, no year

    def sizeHint(self) -> QSize:
        return QSize(300, 150) if self.compact else QSize(480, 300)

    def minimumSizeHint(self) -> QSize:
        height = self._metrics().height()
        if self.compact:
            return QSize(160, round(max(90.0, 5 * height)))
        date = self._metrics().horizontalAdvance("00-00-0000")
        return QSize(round(max(240.0, 3 * date)), round(max(160.0, 8 * height)))

    def marker(self) -> float:
        """The dots' diameter in pixels."""
        return (5.0 if self.compact else 7.0) * self.line_scale

    def frame(self) -> Frame:
        """The plot area, the two mappings and the ticks for the current size."""
        metrics = self._metrics()
        label = metrics.horizontalAdvance(self._date_text(dt.date(2000, 12, 28)))
        gap = metrics.height() * 0.5
        area = QRectF(self.rect())
        left = max(area.left() + metrics.horizontalAdvance("10") + gap, label / 2 + 2)
        right = area.right() - max(label / 2, self.marker()) - 2
        top = area.top() + max(gap, self.marker())
        bottom = area.bottom() - metrics.height() - gap
        plot = QRectF(QPointF(left, top), QPointF(right, bottom))
        days: list[dt.date] = []
        x = Linear(0, 1, left, right)
        span = self.history.date_range() if self.history is not None else None
        if span is not None:
            start, end = date_span(*span)
            x = Linear(start.toordinal(), end.toordinal() + 1, left, right)
            days = date_ticks(start, end, plot.width() + label, label + 2 * metrics.height())
        y = Linear(*SCORE_RANGE, bottom, top)
        return Frame(plot, x, y, days, value_ticks(0, 10, 5 if self.compact else 2))

    def point_position(self, series: int, point: int) -> QPointF:
        """Where the dot of the rater `series`'s `point` is drawn (widget coordinates)."""
        assert self.history is not None
        frame = self.frame()
        shown = self.history.series[series].points[point]
        return QPointF(frame.x(day_value(shown.scored_on)), frame.y(shown.score))

    def targets(self) -> list[Target]:
        """Every dot, in date order (the arrow keys walk through time)."""
        if self.history is None or self.history.is_empty:
            return []
        frame, size = self.frame(), self.marker()
        found = []
        for series in self.history.series:
            for point in series.points:
                centre = QPointF(frame.x(day_value(point.scored_on)), frame.y(point.score))
                rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
                found.append((point.scored_on, Target(rect, point_tooltip(series.rater, point))))
        found.sort(key=lambda pair: (pair[0], pair[1].rect.top()))
        return [target for _day, target in found]

    # ---- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.ink()
        painter.fillRect(self.rect(), colours.background)
        frame = self.frame()
        painter.setFont(small_font(self.font(), 0.8 if self.compact else 0.9))
        self._paint_axes(painter, frame, colours)
        if self.history is not None:
            palette = rater_colours(colours.dark)
            for number, series in enumerate(self.history.series):
                colour = QColor(palette[number % len(palette)])
                self._paint_series(painter, frame, series, colour, colours.background)
        self.paint_choice(painter, colours)

    def _paint_axes(self, painter: QPainter, frame: Frame, colours: Ink) -> None:
        plot, metrics = frame.plot, QFontMetricsF(painter.font())
        align = Qt.AlignmentFlag
        for score in frame.scores:
            y = frame.y(score)
            painter.setPen(QPen(colours.grid, 1.0))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(colours.text)
            box = QRectF(0, y - metrics.height() / 2, plot.left() - 4, metrics.height())
            painter.drawText(box, align.AlignRight | align.AlignVCenter, f"{score:g}")
        painter.setPen(QPen(colours.axis, 1.0))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        for day in frame.days:
            x = frame.x(day_value(day))
            painter.setPen(QPen(colours.axis, 1.0))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            painter.setPen(colours.text)
            text = self._date_text(day)
            width = metrics.horizontalAdvance(text) + 2
            box = QRectF(x - width / 2, plot.bottom() + 4, width, metrics.height())
            painter.drawText(box, align.AlignHCenter | align.AlignTop, text)

    def _paint_series(
        self, painter: QPainter, frame: Frame, series: RaterSeries, colour: QColor, back: QColor
    ) -> None:
        points = [QPointF(frame.x(day_value(p.scored_on)), frame.y(p.score)) for p in series.points]
        width = (3.5 if series.formal else 2.0) * self.line_scale
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(points) > 1:
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            painter.drawPath(path)
        # The dots have a thin edge of the background: where lines cross, each stays visible.
        painter.setPen(QPen(back, max(1.0, self.line_scale)))
        painter.setBrush(colour)
        radius = self.marker() / 2 + max(1.0, self.line_scale) / 2
        for point in points:
            painter.drawEllipse(point, radius, radius)


class ScaleChart(QWidget):
    """Scores over time with a legend under them; `set_history` shows a `ScoreHistory`."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        super().__init__(parent)
        self.compact = compact
        self.plot = ScalePlot(self, compact=compact)
        self.plot.setAccessibleName(_("Scale scores over time"))
        frame = chart_frame(self, self.plot, _("No scores yet."), _("Legend of the scale chart"), 2)
        self.empty, self.legend, self.page, self.stack = (
            frame.empty,
            frame.legend,
            frame.page,
            frame.stack,
        )
        self.legend.setVisible(not compact)

    @property
    def history(self) -> ScoreHistory | None:
        return self.plot.history

    def set_history(self, history: ScoreHistory) -> None:
        self.plot.set_history(None if history.is_empty else history)
        self._describe()
        self.stack.setCurrentWidget(self.empty if history.is_empty else self.page)

    def set_line_scale(self, factor: float) -> None:
        """Lines and dots `factor` times their usual width (a presentation's big screen)."""
        self.plot.line_scale = factor
        self.plot.update()

    def colours(self) -> tuple[str, ...]:
        """The raters' colours as drawn now (they follow a light or dark palette)."""
        # The chart's own palette: when it changes, the plot's follows only after this event.
        return rater_colours(ink(self.palette()).dark)

    def series_names(self) -> list[str]:
        """The legend's names, one per rater."""
        history = self.plot.history
        return [] if history is None else [s.rater.name for s in history.series]

    def describe(self) -> str:
        """For a screen reader: each rater's scores with their dates."""
        return describe_history(self.plot.history)

    def _describe(self) -> None:
        history = self.plot.history
        self.legend.setText("" if history is None else legend_html(history, self.colours()))
        hint = _("The arrow keys step through the points and show each one's details.")
        self.plot.setAccessibleDescription(f"{self.describe()}. {hint}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._describe()  # the legend's colours follow the lines'
