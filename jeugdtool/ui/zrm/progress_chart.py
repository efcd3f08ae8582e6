"""One person's ZRM levels per domain as a chart: the newest assessment, the one before, and the
targets of the focus domains. Bars by default (they read best); a radar as the alternative.

QtCharts is imported when the first chart is built, not when this module is, so start-up stays
light (as in `ui/framework/scale_chart.py`). Hovering a bar or point shows the domain and the
level's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QStackedLayout, QToolTip, QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.zrm.compare import Progress
from jeugdtool.zrm.definitions import LEVELS, Matrix, domain_name

from jeugdtool.ui.workspace.inline import MUTED_COLOUR
from jeugdtool.ui.zrm.progress_model import level_name

BARS, RADAR = "bars", "radar"
#: Colours of the newest assessment, the previous one and the targets (distinct also in grey).
SET_COLOURS = {"latest": "#1f4e9c", "previous": "#9e9e9e", "target": "#2e7d32"}


@dataclass(frozen=True)
class ChartSet:
    #: "latest", "previous" or "target".
    kind: str
    name: str
    #: One per domain of `ChartData.domains`; None: no level (or no target).
    values: tuple[int | None, ...]
    matrix_id: str = ""


@dataclass(frozen=True)
class ChartData:
    #: (code, name) in the order of the progress table.
    domains: tuple[tuple[str, str], ...]
    sets: tuple[ChartSet, ...]

    @property
    def is_empty(self) -> bool:
        return not self.sets


def chart_data(progress: Progress, matrices: Sequence[Matrix]) -> ChartData:
    """Newest, previous (when there is one) and targets (when any focus domain has one)."""
    codes = progress.domains
    domains = tuple((code, domain_name(code, matrices)) for code in codes)
    sets: list[ChartSet] = []
    latest, previous = progress.latest, progress.previous
    if latest is not None:
        sets.append(
            ChartSet(
                "latest",
                _("Latest ({date})").format(date=format_date_nl(latest.assessed_on)),
                tuple(latest.level(code) for code in codes),
                latest.matrix_id,
            )
        )
        targets = tuple(
            s.target_level if (s := latest.score(code)) is not None and s.focus else None
            for code in codes
        )
        if previous is not None:
            sets.append(
                ChartSet(
                    "previous",
                    _("Previous ({date})").format(date=format_date_nl(previous.assessed_on)),
                    tuple(previous.level(code) for code in codes),
                    previous.matrix_id,
                )
            )
        if any(t is not None for t in targets):
            sets.append(ChartSet("target", _("Target"), targets, latest.matrix_id))
    return ChartData(domains, tuple(sets))


def hover_text(data: ChartData, chart_set: ChartSet, index: int, matrices: Sequence[Matrix]) -> str:
    """ "Financiën: 2 — Niet zelfredzaam (Latest (12-03-2026))"."""
    level = chart_set.values[index]
    name = level_name(level, chart_set.matrix_id, matrices)
    shown = str(level) if level is not None else "–"
    return _("{domain}: {level} — {name} ({which})").format(
        domain=data.domains[index][1], level=shown, name=name, which=chart_set.name
    )


class ProgressChart(QWidget):
    """`set_data(data, matrices)`; `set_mode(BARS | RADAR)`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.mode = BARS
        self.data: ChartData | None = None
        self.matrices: tuple[Matrix, ...] = ()
        self._charts: Any = None  # the QtCharts module, once imported
        self.chart: Any = None
        self.view: Any = None
        self.empty = QLabel(_("No assessments to chart yet."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty)
        self.setMinimumSize(420, 440)

    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.mode = mode
            self._show()

    def set_data(self, data: ChartData | None, matrices: Sequence[Matrix]) -> None:
        self.data, self.matrices = data, tuple(matrices)
        self._show()

    def series_names(self) -> list[str]:
        """The names in the legend: one per bar set (bars) or per line / point series (radar)."""
        if self.chart is None or self.data is None or self.data.is_empty:
            return []
        if self.mode == BARS:
            sets = [s.label() for series in self.chart.series() for s in series.barSets()]
            return sets[::-1]  # added bottom-up (see `_bars`): give them in the legend's order
        return [series.name() for series in self.chart.series()]

    # ---- building (QtCharts is imported here) ---------------------------------------------

    def _show(self) -> None:
        data = self.data
        if data is None or data.is_empty:
            self.stack.setCurrentWidget(self.empty)
            return
        if self._charts is None:
            from PySide6 import QtCharts

            self._charts = QtCharts
        chart = self._radar(data) if self.mode == RADAR else self._bars(data)
        chart.setAnimationOptions(self._charts.QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        if self.view is None:
            self.view = self._charts.QChartView(chart, self)
            self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.view.setAccessibleName(_("ZRM levels per domain"))
            self.stack.addWidget(self.view)
        else:
            old = self.view.chart()
            self.view.setChart(chart)
            old.deleteLater()  # setChart leaves the old chart to us
        self.chart = chart
        self.view.setAccessibleDescription(self.describe())
        self.stack.setCurrentWidget(self.view)

    def _value_axis(self) -> Any:
        axis = self._charts.QValueAxis()
        axis.setRange(0, len(LEVELS))
        axis.setTickCount(len(LEVELS) + 1)
        axis.setLabelFormat("%d")
        axis.setMinorTickCount(0)
        return axis

    def _bars(self, data: ChartData) -> Any:
        charts = self._charts
        chart = charts.QChart()
        series = charts.QHorizontalBarSeries()
        # Horizontal bars list the first category at the bottom: reverse, so the table's first
        # domain is on top; the sets go in reverse too, so "latest" is the top bar of each group.
        count = len(data.domains)
        for chart_set in reversed(data.sets):
            bar = charts.QBarSet(chart_set.name)
            bar.append([float(v or 0) for v in reversed(chart_set.values)])
            colour = QColor(SET_COLOURS[chart_set.kind])
            if chart_set.kind == "target":
                bar.setBrush(QBrush(Qt.BrushStyle.NoBrush))  # an outline: where to get to
                bar.setPen(QPen(colour, 2.0, Qt.PenStyle.DashLine))
            else:
                bar.setColor(colour)
                bar.setBorderColor(colour)
            bar.hovered.connect(
                lambda state, index, s=chart_set: self._hovered(s, count - 1 - index, state)
            )
            series.append(bar)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        chart.legend().setReverseMarkers(True)  # the legend in the table's order again
        categories = charts.QBarCategoryAxis()
        categories.append([name for _code, name in reversed(data.domains)])
        categories.setTruncateLabels(False)
        values = self._value_axis()
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        return chart

    def _radar(self, data: ChartData) -> Any:
        charts = self._charts
        chart = charts.QPolarChart()
        count = len(data.domains)
        angular = charts.QCategoryAxis()
        angular.setRange(0, count)
        angular.setLabelsPosition(charts.QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for index, (_code, name) in enumerate(data.domains):
            angular.append(name, index)
        radial = self._value_axis()
        chart.addAxis(angular, charts.QPolarChart.PolarOrientation.PolarOrientationAngular)
        chart.addAxis(radial, charts.QPolarChart.PolarOrientation.PolarOrientationRadial)
        for chart_set in data.sets:
            series = self._radar_series(chart_set, count)
            chart.addSeries(series)
            series.attachAxis(angular)
            series.attachAxis(radial)
            series.hovered.connect(
                lambda at, state, s=chart_set: self._hovered(s, round(at.x()) % count, state)
            )
        return chart

    def _radar_series(self, chart_set: ChartSet, count: int) -> Any:
        charts = self._charts
        colour = QColor(SET_COLOURS[chart_set.kind])
        points = [QPointF(i, v) for i, v in enumerate(chart_set.values) if v is not None]
        if chart_set.kind == "target":  # only focus domains have one: points, not a ring
            series = charts.QScatterSeries()
            series.setMarkerShape(charts.QScatterSeries.MarkerShape.MarkerShapeStar)
            series.setMarkerSize(16.0)
            series.setColor(colour)
            series.setBorderColor(colour)
        else:
            series = charts.QLineSeries()
            if len(points) == count and points:  # every domain assessed: close the ring
                points.append(QPointF(count, points[0].y()))
            series.setPen(QPen(colour, 3.0 if chart_set.kind == "latest" else 2.0))
            series.setPointsVisible(True)
        series.append(points)
        series.setName(chart_set.name)
        return series

    def _hovered(self, chart_set: ChartSet, index: int, state: bool) -> None:
        if not state or self.data is None:
            QToolTip.hideText()
            return
        if 0 <= index < len(self.data.domains):
            text = hover_text(self.data, chart_set, index, self.matrices)
            QToolTip.showText(QCursor.pos(), text, self.view)

    def describe(self) -> str:
        """For a screen reader: each domain's newest level (and target)."""
        if self.data is None or self.data.is_empty:
            return self.empty.text()
        latest = self.data.sets[0]
        return "; ".join(
            f"{name}: {value if value is not None else '–'}"
            for (_code, name), value in zip(self.data.domains, latest.values, strict=True)
        )
