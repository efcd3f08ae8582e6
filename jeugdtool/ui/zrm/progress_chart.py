"""One person's ZRM levels per domain as a chart: the newest assessment, the one before, and the
targets of the focus domains. Bars by default (they read best); a radar as the alternative.

Drawn with QPainter (`ui/charts/`). Hovering a bar or point, or stepping to it with the arrow
keys, shows the domain and the level's name.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.zrm.compare import Progress
from jeugdtool.zrm.definitions import LEVELS
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.charts.canvas import chart_frame
from jeugdtool.ui.charts.canvas import ink
from jeugdtool.ui.charts.levels import BARS
from jeugdtool.ui.charts.levels import DARK_SET_COLOURS
from jeugdtool.ui.charts.levels import RADAR
from jeugdtool.ui.charts.levels import SET_COLOURS
from jeugdtool.ui.charts.levels import ChartData
from jeugdtool.ui.charts.levels import ChartSet
from jeugdtool.ui.charts.levels import LevelPlot
from jeugdtool.ui.charts.levels import set_colours
from jeugdtool.ui.zrm.progress_model import level_name

__all__ = [
    "BARS",
    "DARK_SET_COLOURS",
    "RADAR",
    "SET_COLOURS",
    "ChartData",
    "ChartSet",
    "ProgressChart",
    "chart_data",
    "hover_text",
]


def chart_data(progress: Progress, matrices: Sequence[Matrix]) -> ChartData:
    """Newest, previous (when there is one) and targets (when any focus domain has one)."""
    codes = progress.domains
    domains = tuple((code, domain_name(code, matrices)) for code in codes)
    sets: list[ChartSet] = []
    latest, previous = progress.latest, progress.previous
    if latest is not None:
        sets.append(_levels("latest", _("Latest ({date})"), latest, codes))
        targets = tuple(
            s.target_level if (s := latest.score(code)) is not None and s.focus else None
            for code in codes
        )
        if previous is not None:
            sets.append(_levels("previous", _("Previous ({date})"), previous, codes))
        if any(t is not None for t in targets):
            sets.append(ChartSet("target", _("Target"), targets, latest.matrix_id))
    return ChartData(domains, tuple(sets))


def _levels(key: str, label: str, assessment: AssessmentDTO, codes: Sequence[str]) -> ChartSet:
    """The levels of one assessment; `label` names it, its "{date}" the assessment's date."""
    return ChartSet(
        key,
        label.format(date=format_date_nl(assessment.assessed_on)),
        tuple(assessment.level(code) for code in codes),
        assessment.matrix_id,
    )


def hover_text(data: ChartData, chart_set: ChartSet, index: int, matrices: Sequence[Matrix]) -> str:
    """ "Financiën: 2 — Niet zelfredzaam (Latest (12-03-2026))"."""
    level = chart_set.values[index]
    name = level_name(level, chart_set.matrix_id, matrices)
    shown = str(level) if level is not None else "–"
    return _("{domain}: {level} — {name} ({which})").format(
        domain=data.domains[index][1], level=shown, name=name, which=chart_set.name
    )


def describe_data(data: ChartData | None) -> str:
    """For a screen reader: each domain's newest level, with the previous one and the target."""
    if data is None or data.is_empty:
        return _("No assessments to chart yet.")
    by_kind = {s.kind: s for s in data.sets}
    parts = []
    for index, (_code, name) in enumerate(data.domains):
        value = data.sets[0].values[index]
        text = f"{name}: {value if value is not None else '–'}"
        extra = []
        if "previous" in by_kind and (before := by_kind["previous"].values[index]) is not None:
            extra.append(_("previous {n}").format(n=before))
        if "target" in by_kind and (target := by_kind["target"].values[index]) is not None:
            extra.append(_("target {n}").format(n=target))
        parts.append(f"{text} ({', '.join(extra)})" if extra else text)
    return "; ".join(parts)


def legend_html(data: ChartData, mode: str, colours: dict[str, str]) -> str:
    """The sets in their colours, with the chart's mark (a target: an outline or a star)."""
    marks = {"latest": "&#9632;", "previous": "&#9632;"}
    marks["target"] = "&#9733;" if mode == RADAR else "&#9633;"
    return " &nbsp; ".join(
        f'<span style="color:{colours[s.kind]}">{marks[s.kind]}</span>&nbsp;'
        + html.escape(s.name).replace(" ", "&nbsp;")
        for s in data.sets
    )


class ProgressChart(QWidget):
    """`set_data(data, matrices)`; `set_mode(BARS | RADAR)`; a legend under the drawing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.matrices: tuple[Matrix, ...] = ()
        self.plot = LevelPlot(self, top=len(LEVELS))
        self.plot.setAccessibleName(_("ZRM levels per domain"))
        frame = chart_frame(
            self, self.plot, _("No assessments to chart yet."), _("Legend of the ZRM chart"), 4
        )
        self.empty, self.legend, self.page, self.stack = (
            frame.empty,
            frame.legend,
            frame.page,
            frame.stack,
        )

    @property
    def mode(self) -> str:
        return self.plot.mode

    @property
    def data(self) -> ChartData | None:
        return self.plot.data

    def set_mode(self, mode: str) -> None:
        if mode != self.plot.mode:
            self.set_data(self.plot.data, self.matrices, mode)

    def set_data(
        self, data: ChartData | None, matrices: Sequence[Matrix], mode: str | None = None
    ) -> None:
        self.matrices = tuple(matrices)

        def tooltip(chart_set: ChartSet, index: int) -> str:
            assert data is not None
            return hover_text(data, chart_set, index, self.matrices)

        self.plot.set_data(data, mode or self.plot.mode, tooltip)
        self._describe()
        shown = data is not None and not data.is_empty
        self.stack.setCurrentWidget(self.page if shown else self.empty)

    def series_names(self) -> list[str]:
        """The names in the legend: newest, previous, target (those there are)."""
        data = self.plot.data
        return [] if data is None else [s.name for s in data.sets]

    def describe(self) -> str:
        """For a screen reader: each domain's newest level (with the previous one and target)."""
        return describe_data(self.plot.data)

    def _describe(self) -> None:
        data = self.plot.data
        colours = set_colours(ink(self.palette()).dark)  # the plot's follows after this event
        shown = data is not None and not data.is_empty
        self.legend.setText(legend_html(data, self.plot.mode, colours) if shown else "")
        hint = _("The arrow keys step through the points and show each one's details.")
        self.plot.setAccessibleDescription(f"{self.describe()}. {hint}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._describe()  # the legend's colours follow the drawing's
