"""The ZRM chart of one person: horizontal bars per domain, previous against latest against the
target, on the levels 1-5. Drawn with reportlab's own graphics, so it stays vector.

The level axis starts at 1 (the lowest level, labelled), so a bar's length is its level; a
level of 1 shows as a short stub, so that it is told apart from a domain not assessed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.shapes import String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit

from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import MUTED
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import visual
from jeugdtool.export.pdf.zrm_summary_data import PersonZrm
from jeugdtool.zrm.definitions import LEVELS

PREVIOUS = colors.HexColor("#b5c4d3")
LATEST = colors.HexColor("#2f5f8f")
TARGET = colors.HexColor("#e08a1e")
#: Room for the domain names left of the bars; a longer name wraps onto a second line
#: ("Meedoen in de buurt en de samenleving").
LABEL_WIDTH = 128
#: The gap between a domain name and its bars.
LABEL_GAP = 4
BAR = 4.2
FONT_SIZE = 7.5
LEGEND_ROW = 10
#: How far (in levels) a bar at the lowest level reaches past the axis.
STUB = 0.12


@dataclass(frozen=True)
class Series:
    #: Legend text, e.g. "Vorige meting (10-03-2026)".
    label: str
    #: One value per domain (None: no bar).
    values: tuple[int | None, ...]
    color: colors.Color


def _value_label(value: float) -> str:
    return str(round(value))


def _bar(value: int | None) -> float | None:
    """The length a level is drawn with: its level, the lowest a stub past the axis."""
    if value is None:
        return None
    return max(float(value), min(LEVELS) + STUB)


def _wrapped(name: str) -> str:
    """A domain name in lines that fit left of the bars (reportlab's labels break at "\n")."""
    return "\n".join(simpleSplit(name, FONT, FONT_SIZE, LABEL_WIDTH - LABEL_GAP - 2)) or name


def level_chart(
    width: float, domains: Sequence[str], series: Sequence[Series], axis_title: str
) -> Drawing:
    """`domains` top to bottom; only the series given (a first assessment has no previous)."""
    names = [_wrapped(d) for d in domains]
    lines = max((n.count("\n") + 1 for n in names), default=1)
    # A group is as high as its bars plus a gap, or as its name's lines when they need more.
    group = max(BAR * len(series) + 5, lines * FONT_SIZE * 1.2 + 2)
    plot_height = group * len(domains)
    legend_height = LEGEND_ROW * len(series) + 4
    bottom = legend_height + 26  # legend, then the axis labels and title
    # reportlab would otherwise set Helvetica first: a font with no ł in it, not embedded.
    drawing = Drawing(width, plot_height + bottom + 4, initialFontName=FONT)

    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_WIDTH, bottom
    chart.width, chart.height = width - LABEL_WIDTH - 8, plot_height
    # Without a value the bar is left out (reportlab skips None). With the category axis
    # reversed, reportlab stacks a group's bars bottom up: reversed series read top down.
    drawn = list(reversed(series))
    chart.data = [[_bar(v) for v in s.values] for s in drawn]
    chart.barWidth = BAR
    chart.groupSpacing = group - BAR * len(series)
    chart.barSpacing = 0
    for i, s in enumerate(drawn):
        chart.bars[i].fillColor = s.color
        chart.bars[i].strokeColor = None
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.reverseDirection = 1  # the first domain on top, as in the table
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -LABEL_GAP
    chart.categoryAxis.labels.leading = FONT_SIZE * 1.2
    chart.categoryAxis.strokeColor = MUTED
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = min(LEVELS)
    chart.valueAxis.valueMax = max(LEVELS)
    chart.valueAxis.valueSteps = list(LEVELS)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = FONT_SIZE
    chart.valueAxis.labelTextFormat = _value_label
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.gridStrokeWidth = 0.4
    drawing.add(chart)

    drawing.add(
        String(
            chart.x + chart.width / 2,
            legend_height + 4,
            axis_title,
            fontName=FONT,
            fontSize=FONT_SIZE,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )

    # One series a line, under each other: three side by side ran past the frame.
    legend = Legend()
    legend.x, legend.y = chart.x, legend_height - 2
    legend.alignment = "right"
    legend.fontName = FONT
    legend.fontSize = FONT_SIZE
    legend.columnMaximum = len(series)
    legend.deltay = LEGEND_ROW
    legend.dx = legend.dy = 7
    legend.strokeColor = None
    legend.colorNamePairs = [(s.color, s.label) for s in series]
    drawing.add(legend)
    return drawing


def person_chart(person: PersonZrm, texts: Texts, width: float) -> Drawing:
    """The chart of one person's table rows: previous (if any), latest, and the targets of the
    latest assessment's focus domains (if any)."""
    lines = person.lines
    series = []
    if person.previous is not None:
        series.append(
            Series(
                texts.plain("legend_previous", day=person.previous.assessed_on),
                tuple(x.previous.level if x.previous else None for x in lines),
                PREVIOUS,
            )
        )
    series.append(
        Series(
            texts.plain("legend_latest", day=person.latest.assessed_on),
            tuple(x.latest.level if x.latest else None for x in lines),
            LATEST,
        )
    )
    targets = tuple(
        x.latest.target_level if x.latest is not None and x.latest.focus else None for x in lines
    )
    if any(t is not None for t in targets):
        series.append(Series(texts.plain("legend_target"), targets, TARGET))
    domains = [visual(person.domain_name(x.code, texts.language)) for x in lines]
    return level_chart(width, domains, series, texts.plain("axis"))
