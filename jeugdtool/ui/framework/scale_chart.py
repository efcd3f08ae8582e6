"""The scores over time, one line per rater (QtCharts), the reason shown when hovering a point.

QtCharts is imported when the first chart is built, not when this module is, so start-up stays
light. `compact=True` is the small version for the case overview: no legend, few ticks.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QStackedLayout, QToolTip, QVBoxLayout, QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework.scale_dto import Rater, RaterSeries, ScoreHistory, ScorePoint
from jeugdtool.i18n import _

from jeugdtool.ui.workspace.inline import MUTED_COLOUR

#: Distinct colours for raters, readable on white; the case manager's line comes first.
PALETTE = (
    "#1f4e9c",
    "#d9480f",
    "#2b8a3e",
    "#862e9c",
    "#c2255c",
    "#0b7285",
    "#e67700",
    "#5c940d",
    "#495057",
    "#364fc7",
)
DAY_MS = 24 * 3600 * 1000


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


def legend_html(history: ScoreHistory) -> str:
    """The raters in their line colours, the case manager (formal score) in bold."""
    entries = []
    for number, series in enumerate(history.series):
        colour = PALETTE[number % len(PALETTE)]
        name = html.escape(series.rater.name).replace(" ", "&nbsp;")  # wrap between raters
        if series.formal:
            name = f"<b>{name}</b>"
        entries.append(f'<span style="color:{colour}">&#9679;</span>&nbsp;{name}')
    return " &nbsp; ".join(entries)


def _msecs(day: dt.date) -> float:
    # Noon, so no time zone moves a score to the day before.
    moment = QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))
    return float(moment.toMSecsSinceEpoch())


def nearest_point(series: RaterSeries, x_ms: float, y: float) -> ScorePoint | None:
    """The rater's point closest to where the mouse is (days and points weigh alike)."""
    if not series.points:
        return None
    return min(
        series.points,
        key=lambda p: abs(_msecs(p.scored_on) - x_ms) / DAY_MS + abs(p.score - y),
    )


class ScaleChart(QWidget):
    """Scores over time; `set_history` shows a `ScoreHistory`."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        super().__init__(parent)
        self.compact = compact
        self.history: ScoreHistory | None = None
        self._charts: Any = None  # the QtCharts module, once imported
        self.chart: Any = None
        self.view: Any = None
        self._axes: tuple[Any, Any] | None = None
        #: The line of each rater, in the order of the history.
        self.lines: list[Any] = []
        self.empty = QLabel(_("No scores yet."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty)
        self.setMinimumSize(*((220, 120) if compact else (360, 240)))

    # ---- building (QtCharts is imported here) ---------------------------------------------

    def _build(self) -> None:
        from PySide6 import QtCharts

        self._charts = QtCharts
        chart = QtCharts.QChart()
        chart.setAnimationOptions(QtCharts.QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        x_axis = QtCharts.QDateTimeAxis()
        y_axis = QtCharts.QValueAxis()
        y_axis.setRange(-0.4, 10.4)  # room for the markers at 0 and 10
        y_axis.setTickType(QtCharts.QValueAxis.TickType.TicksDynamic)
        y_axis.setTickAnchor(0)
        y_axis.setTickInterval(5 if self.compact else 2)
        y_axis.setLabelFormat("%d")
        y_axis.setMinorTickCount(0)
        # The legend is a wrapping label under the chart: QChart's own legend cuts long names.
        chart.legend().hide()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * (0.8 if self.compact else 0.9)))
        for axis in (x_axis, y_axis):
            axis.setLabelsFont(small)
            axis.setTruncateLabels(False)
        if self.compact:
            chart.setMargins(QMargins(0, 0, 0, 0))
            x_axis.setFormat("dd-MM")
        else:
            chart.setMargins(QMargins(4, 4, 4, 0))
            x_axis.setFormat("dd-MM-yyyy")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        page = QWidget(self)
        view = QtCharts.QChartView(chart, page)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setAccessibleName(_("Scale scores over time"))
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(view, 1)
        box.addWidget(self.legend)
        self.legend.setVisible(not self.compact)
        self.chart, self.view, self._axes = chart, view, (x_axis, y_axis)
        self.stack.addWidget(page)

    # ---- showing ---------------------------------------------------------------------------

    def set_history(self, history: ScoreHistory) -> None:
        self.history = history
        if self.chart is not None:
            self.chart.removeAllSeries()
        self.lines = []
        if history.is_empty:
            self.stack.setCurrentWidget(self.empty)
            return
        if self.chart is None:
            self._build()
        x_axis, y_axis = self._axes
        for number, series in enumerate(history.series):
            line = self._line(series, PALETTE[number % len(PALETTE)])
            self.chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
            self.lines.append(line)
        self._fit_dates(history)
        self.legend.setText(legend_html(history))
        self.view.setAccessibleDescription(self.describe())
        self.stack.setCurrentWidget(self.view.parentWidget())

    def _line(self, series: RaterSeries, colour: str) -> Any:
        line = self._charts.QLineSeries()
        line.setName(series.rater.name)
        pen = QPen(QColor(colour))
        pen.setWidthF(3.5 if series.formal else 2.0)
        line.setPen(pen)
        line.setPointsVisible(True)
        line.setMarkerSize(5.0 if self.compact else 7.0)
        for point in series.points:
            line.append(_msecs(point.scored_on), point.score)
        line.hovered.connect(
            lambda at, state, s=series: self._hovered(s, at, state)  # type: ignore[misc]
        )
        return line

    def _fit_dates(self, history: ScoreHistory) -> None:
        span = history.date_range()
        assert span is not None
        first, last = span
        pad = max(2, (last - first).days // 20)
        start = first - dt.timedelta(days=pad)
        end = last + dt.timedelta(days=pad)
        x_axis = self._axes[0]
        x_axis.setRange(
            QDateTime(QDate(start.year, start.month, start.day), QTime(0, 0)),
            QDateTime(QDate(end.year, end.month, end.day), QTime(23, 59)),
        )
        self._fit_ticks()

    def _fit_ticks(self) -> None:
        """As many date labels as fit side by side (and at most one a week)."""
        if self._axes is None or self.history is None or self.history.is_empty:
            return
        x_axis = self._axes[0]
        days = x_axis.min().daysTo(x_axis.max())
        room = self.width() // (60 if self.compact else 95)
        x_axis.setTickCount(max(2, min(room, days // 7 + 1, 8)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_ticks()

    def _hovered(self, series: RaterSeries, at: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        point = nearest_point(series, at.x(), at.y())
        if point is not None:
            QToolTip.showText(QCursor.pos(), point_tooltip(series.rater, point), self.view)

    def series_names(self) -> list[str]:
        """The legend's names, one per rater."""
        return [line.name() for line in self.lines]

    def describe(self) -> str:
        """For a screen reader: each rater's newest score."""
        if self.history is None or self.history.is_empty:
            return self.empty.text()
        return "; ".join(
            _("{name}: {score} on {date}").format(
                name=s.rater.name,
                score=s.points[-1].score,
                date=format_date_nl(s.points[-1].scored_on),
            )
            for s in self.history.series
        )
