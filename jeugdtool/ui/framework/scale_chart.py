"""The scores over time, one line per rater, drawn with QPainter; hovering a dot (or stepping to
it with the arrow keys) shows its reason. Under the scores, on the same time axis, each safety
goal has a lane with its judgements and the period it must hold (`set_goals`). `compact=True` is
the small version for the case overview: no legend, no lanes, few ticks."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from PySide6.QtCore import QEvent
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
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.colours import RATER_COLOURS as PALETTE
from jeugdtool.colours import RATER_COLOURS_DARK as DARK_PALETTE
from jeugdtool.framework.goal_dto import GoalTrack
from jeugdtool.framework.scale_dto import Rater
from jeugdtool.framework.scale_dto import RaterSeries
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.framework.scale_dto import ScorePoint
from jeugdtool.i18n import _

from jeugdtool.ui.charts.canvas import ChartCanvas
from jeugdtool.ui.charts.canvas import Ink
from jeugdtool.ui.charts.canvas import Target
from jeugdtool.ui.charts.canvas import blend
from jeugdtool.ui.charts.canvas import chart_frame
from jeugdtool.ui.charts.canvas import ink
from jeugdtool.ui.charts.canvas import small_font
from jeugdtool.ui.charts.geometry import Linear
from jeugdtool.ui.charts.geometry import date_span
from jeugdtool.ui.charts.geometry import date_ticks
from jeugdtool.ui.charts.geometry import day_value
from jeugdtool.ui.charts.geometry import value_ticks
from jeugdtool.ui.charts.goal_lanes import Lane
from jeugdtool.ui.charts.goal_lanes import Mark
from jeugdtool.ui.charts.goal_lanes import describe_lanes
from jeugdtool.ui.charts.goal_lanes import lane_centres
from jeugdtool.ui.charts.goal_lanes import lane_days
from jeugdtool.ui.charts.goal_lanes import lane_marks
from jeugdtool.ui.charts.goal_lanes import lanes_for
from jeugdtool.ui.charts.goal_lanes import paint_bar
from jeugdtool.ui.charts.goal_lanes import paint_mark
from jeugdtool.ui.colours import qcolor

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
    #: The y of each safety goal's lane (under the plot), and a lane's height.
    lanes: list[float] = field(default_factory=list)
    lane_height: float = 0.0
    #: Where the date labels hang from: under the plot, or under the lanes when there are any.
    axis: float = 0.0


class ScalePlot(ChartCanvas):
    """The drawing: the score axis 0–10, a date axis, a line with dots per rater."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        super().__init__(parent)
        self.compact = compact
        self.history: ScoreHistory | None = None
        #: The safety goals' lanes under the plot (never in the compact chart).
        self.lanes: list[Lane] = []
        #: The day the held bars turn dashed (the future).
        self.today = dt.date.today()
        #: Lines and dots are this many times their usual width (large on a big screen).
        self.line_scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_history(self, history: ScoreHistory | None) -> None:
        self.history = history
        self.forget_choice()
        self.update()

    def set_lanes(self, lanes: Sequence[Lane], today: dt.date) -> None:
        self.lanes = [] if self.compact else list(lanes)
        self.today = today
        self.forget_choice()
        self.updateGeometry()
        self.update()

    def lane_height(self) -> float:
        """One goal's lane: room for a mark and a little air."""
        return max(self._metrics().height() * 1.4, self.marker() * 2.4)

    def lanes_height(self) -> int:
        """What the lanes add to the chart's height."""
        if not self.lanes:
            return 0
        return round(len(self.lanes) * self.lane_height() + self._metrics().height() * 0.5)

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """The scores' dates and the lanes' together (judgements may lie outside the scores)."""
        days = lane_days(self.lanes)
        span = self.history.date_range() if self.history is not None else None
        if span is not None:
            days.extend(span)
        return (min(days), max(days)) if days else None

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
        return QSize(
            round(max(240.0, 3 * date)), round(max(160.0, 8 * height)) + self.lanes_height()
        )

    def marker(self) -> float:
        """The dots' diameter in pixels."""
        return (5.0 if self.compact else 7.0) * self.line_scale

    def frame(self) -> Frame:
        """The plot area, the two mappings and the ticks for the current size."""
        metrics = self._metrics()
        label = metrics.horizontalAdvance(self._date_text(dt.date(2000, 12, 28)))
        gap = metrics.height() * 0.5
        area = QRectF(self.rect())
        names = ["10", *(lane.label for lane in self.lanes)]
        widest = max(metrics.horizontalAdvance(name) for name in names)
        left = max(area.left() + widest + gap, label / 2 + 2)
        right = area.right() - max(label / 2, self.marker()) - 2
        top = area.top() + max(gap, self.marker())
        axis = area.bottom() - metrics.height() - gap
        lane_height = self.lane_height() if self.lanes else 0.0
        bottom = axis - self.lanes_height()
        plot = QRectF(QPointF(left, top), QPointF(right, bottom))
        lanes = lane_centres(len(self.lanes), bottom + metrics.height() * 0.5, lane_height)
        days: list[dt.date] = []
        x = Linear(0, 1, left, right)
        span = self.date_range()
        if span is not None:
            start, end = date_span(*span)
            x = Linear(start.toordinal(), end.toordinal() + 1, left, right)
            days = date_ticks(start, end, plot.width() + label, label + 2 * metrics.height())
        y = Linear(*SCORE_RANGE, bottom, top)
        scores = value_ticks(0, 10, 5 if self.compact else 2)
        return Frame(plot, x, y, days, scores, lanes, lane_height, axis)

    def point_position(self, series: int, point: int) -> QPointF:
        """Where the dot of the rater `series`'s `point` is drawn (widget coordinates)."""
        assert self.history is not None
        frame = self.frame()
        shown = self.history.series[series].points[point]
        return QPointF(frame.x(day_value(shown.scored_on)), frame.y(shown.score))

    def marks(self, frame: Frame | None = None) -> list[Mark]:
        """The judgements' marks in the goals' lanes, lane by lane, oldest first."""
        frame = frame or self.frame()
        return lane_marks(self.lanes, frame.x, frame.lanes, self.lane_marker())

    def lane_marker(self) -> float:
        """A judgement mark's size: a little larger than a score's dot (its shape must show)."""
        return self.marker() * 1.5

    def targets(self) -> list[Target]:
        """Every dot and every judgement mark, in date order (the arrow keys walk through
        time; on one day, from the top down)."""
        frame, size = self.frame(), self.marker()
        found = []
        for series in self.history.series if self.history is not None else ():
            for point in series.points:
                centre = QPointF(frame.x(day_value(point.scored_on)), frame.y(point.score))
                rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
                found.append((point.scored_on, Target(rect, point_tooltip(series.rater, point))))
        big = self.lane_marker()
        for mark in self.marks(frame):
            rect = QRectF(mark.centre.x() - big / 2, mark.centre.y() - big / 2, big, big)
            found.append((mark.day, Target(rect, html.escape(mark.text))))
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
        self._paint_lanes(painter, frame, colours)
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
        axis = max(frame.axis, plot.bottom()) if frame.lanes else plot.bottom()
        for day in frame.days:
            x = frame.x(day_value(day))
            if frame.lanes:  # the date runs down through the lanes, faintly
                painter.setPen(QPen(colours.grid, 1.0, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, axis))
            painter.setPen(QPen(colours.axis, 1.0))
            painter.drawLine(QPointF(x, axis), QPointF(x, axis + 4))
            painter.setPen(colours.text)
            text = self._date_text(day)
            width = metrics.horizontalAdvance(text) + 2
            box = QRectF(x - width / 2, axis + 4, width, metrics.height())
            painter.drawText(box, align.AlignHCenter | align.AlignTop, text)
        if frame.lanes:
            painter.setPen(QPen(colours.axis, 1.0))
            painter.drawLine(QPointF(plot.left(), axis), QPointF(plot.right(), axis))

    def _paint_lanes(self, painter: QPainter, frame: Frame, colours: Ink) -> None:
        """Each goal's lane: its name at the left, its held bar, a mark per judgement."""
        if not self.lanes:
            return
        plot, metrics = frame.plot, QFontMetricsF(painter.font())
        align = Qt.AlignmentFlag
        thin = max(1.0, self.line_scale)
        for lane, y in zip(self.lanes, frame.lanes, strict=True):
            painter.setPen(colours.text)
            box = QRectF(0, y - metrics.height() / 2, plot.left() - 4, metrics.height())
            painter.drawText(box, align.AlignRight | align.AlignVCenter, lane.label)
            painter.setPen(QPen(colours.grid, 1.0))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            later = blend(colours.axis, colours.background, 0.7)
            paint_bar(painter, lane, frame.x, y, self.today, colours.axis, later, 3.0 * thin)
        size = self.lane_marker()
        for mark in self.marks(frame):
            paint_mark(painter, mark, size, qcolor(mark.role, self), colours.background, 2 * thin)

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
        self._show_page()

    def set_goals(
        self,
        tracks: Sequence[GoalTrack],
        pairs: Mapping[str, str | None],
        about: str | None,
        today: dt.date | None = None,
    ) -> None:
        """The safety goals' lanes under the scores: all goals for the case as a whole, only
        the goals paired with the danger statement `about` otherwise (`pairs`: each goal's
        lineage to the danger statement it pairs with)."""
        self.plot.set_lanes(lanes_for(tracks, pairs, about), today or dt.date.today())
        self._describe()
        self._show_page()

    def lanes(self) -> list[Lane]:
        return list(self.plot.lanes)

    def _show_page(self) -> None:
        """The chart when there are scores or judgements to show, else the empty text."""
        shown = self.plot.date_range() is not None
        self.stack.setCurrentWidget(self.page if shown else self.empty)

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
        """For a screen reader: each rater's scores with their dates, then each goal's
        judgements."""
        scores = describe_history(self.plot.history)
        return f"{scores}. {describe_lanes(self.plot.lanes)}" if self.plot.lanes else scores

    def _describe(self) -> None:
        history = self.plot.history
        self.legend.setText("" if history is None else legend_html(history, self.colours()))
        hint = _("The arrow keys step through the points and show each one's details.")
        self.plot.setAccessibleDescription(f"{self.describe()}. {hint}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._describe()  # the legend's colours follow the lines'
