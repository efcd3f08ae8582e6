"""Charts for the PDFs, drawn with reportlab's own graphics (vector, never a screenshot).

`scale_chart` is the PDF twin of the app's scale chart (`ui/framework/scale_chart.py`): the
scores over time, one line with markers per rater, dates on the x-axis, a legend of raters.

Every rater's line has its own colour and marker shape, so lines stay apart in grey print too.
The case manager's line (the formal judgement) is the thick one, in the palette's first colour,
which no other rater gets; it is drawn first, so that a thin line running along it stays
visible on top of it. Raters who give the same score on the same day have their markers set
side by side, so that no marker hides another. The legend shows each
rater's own line and marker. Dates under the x-axis are written where there is room for them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from collections.abc import Sequence

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.validators import Auto
from reportlab.pdfbase.pdfmetrics import stringWidth

from jeugdtool.colours import RATER_COLOURS as PALETTE
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import MUTED
from jeugdtool.framework.scale_dto import ScoreHistory

#: One shape per rater, in turn (with the colours, 10 × 6 raters before a pair repeats).
MARKERS = (
    "FilledCircle",
    "FilledSquare",
    "FilledDiamond",
    "FilledTriangle",
    "FilledPentagon",
    "FilledStarFive",
)
#: The case manager's line and marker.
FORMAL_MARKER = "FilledCircle"
FORMAL_WIDTH = 2.8
LINE_WIDTH = 1.1
MARKER_SIZE = 7.0
LEGEND_ROW = 12
LEGEND_SIZE = 7.5
DATE_SIZE = 7
#: The slant of the dates under the x-axis, in degrees.
DATE_ANGLE = 35
#: Markers of raters who gave the same score on the same day are this far apart (points):
#: side by side, so that none hides another.
DODGE = MARKER_SIZE + 2


def _fit(text: str, width: float) -> str:
    """`text`, shortened with an ellipsis to fit `width` (a legend entry never overlaps)."""
    if stringWidth(text, FONT, LEGEND_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", FONT, LEGEND_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def date_gap() -> float:
    """How far apart (points along the axis) two slanted dates must be not to touch."""
    return DATE_SIZE * 1.25 / math.sin(math.radians(DATE_ANGLE))


def label_days(days: Sequence[int], x: Callable[[int], float], gap: float) -> list[int]:
    """The days (ordinals, ascending) to write under the axis: the first and the last, and
    between them each day at least `gap` points (`x(day)`: its place) from the one before and
    the last one."""
    if not days:
        return []
    chosen = [days[0]]
    for day in days[1:]:
        if x(day) - x(chosen[-1]) >= gap:
            chosen.append(day)
    if chosen[-1] != days[-1]:
        while len(chosen) > 1 and x(days[-1]) - x(chosen[-1]) < gap:
            chosen.pop()
        if x(days[-1]) - x(chosen[-1]) >= gap:
            chosen.append(days[-1])
    return chosen


def dodged(
    series: Sequence[Sequence[tuple[int, int]]], per_point: float
) -> list[list[tuple[float, int]]]:
    """The points (day, score) of each series, those that share a day and a score with other
    series' spread sideways by `DODGE` points (`per_point`: days per point on the axis), the
    group centred on its day."""
    together: dict[tuple[int, int], list[int]] = {}
    for i, points in enumerate(series):
        for point in points:
            together.setdefault(point, []).append(i)
    out: list[list[tuple[float, int]]] = []
    for i, points in enumerate(series):
        moved = []
        for day, score in points:
            group = together[(day, score)]
            shift = (group.index(i) - (len(group) - 1) / 2) * DODGE * per_point
            moved.append((day + shift, score))
        out.append(moved)
    return out


def drawing_order(history: ScoreHistory) -> list[int]:
    """The series of `history` in the order they are drawn: the case manager's thick line
    first (underneath: a thin line along it stays visible), then the others."""
    formal = [i for i, s in enumerate(history.series) if s.formal]
    return formal + [i for i, s in enumerate(history.series) if not s.formal]


def styles_of(history: ScoreHistory) -> list[tuple[str, str, float]]:
    """Each series' colour, marker and line width: the case manager's the palette's first
    colour, a circle and thick; the others the rest of the palette and the markers in turn."""
    out = []
    n = 0
    for s in history.series:
        if s.formal:
            out.append((PALETTE[0], FORMAL_MARKER, FORMAL_WIDTH))
            continue
        colour = PALETTE[1 + n % (len(PALETTE) - 1)]
        out.append((colour, MARKERS[(n + 1) % len(MARKERS)], LINE_WIDTH))
        n += 1
    return out


def scale_chart(
    history: ScoreHistory,
    width: float,
    *,
    name: Callable[[int], str],
    day_label: Callable[[dt.date], str],
    plot_height: float = 150,
) -> Drawing:
    """Scores (0-10, y) against the day they were given (x), a line per rater of `history`;
    `name(i)` is the legend text of series i (already in visual order)."""
    days = sorted({p.scored_on.toordinal() for s in history.series for p in s.points})
    columns = 2 if width > 400 else 1
    rows = -(-len(history.series) // columns)
    legend_height = rows * LEGEND_ROW + 6
    longest = max(stringWidth(day_label(dt.date.fromordinal(d)), FONT, DATE_SIZE) for d in days)
    slant = math.radians(DATE_ANGLE)
    date_room = longest * math.sin(slant) + DATE_SIZE * math.cos(slant) + 8
    # The dates hang down and left of their day ("ne"): the first must not stick out.
    left = max(28.0, longest * math.cos(slant) - 4)
    bottom = date_room + legend_height + 4
    drawing = Drawing(width, plot_height + bottom + 8, initialFontName=FONT)
    plot = LinePlot()
    plot.x, plot.y = left, bottom
    plot.width, plot.height = width - left - 12, plot_height
    first, last = days[0], days[-1]
    pad = max(1, (last - first) // 20)
    low, high = first - pad, last + pad
    per_point = (high - low) / plot.width

    def x(day: int) -> float:
        return (day - low) / per_point

    order = drawing_order(history)
    looks = styles_of(history)
    points = [[(p.scored_on.toordinal(), p.score) for p in s.points] for s in history.series]
    moved = dodged(points, per_point)
    plot.data = [moved[i] for i in order]
    x_axis, y_axis = plot.xValueAxis, plot.yValueAxis
    x_axis.valueMin, x_axis.valueMax = low, high
    x_axis.valueSteps = label_days(days, x, date_gap())
    x_axis.labelTextFormat = lambda value: day_label(dt.date.fromordinal(round(value)))
    y_axis.valueMin, y_axis.valueMax, y_axis.valueSteps = 0, 10, [0, 2, 4, 6, 8, 10]
    y_axis.labelTextFormat = "%d"
    for axis in (x_axis, y_axis):
        axis.labels.fontName, axis.labels.fontSize = FONT, DATE_SIZE
        axis.labels.fillColor = MUTED
    x_axis.labels.angle, x_axis.labels.boxAnchor = DATE_ANGLE, "ne"
    y_axis.visibleGrid, y_axis.gridStrokeColor = True, colors.HexColor("#dddddd")
    for drawn, i in enumerate(order):
        colour, marker, line_width = looks[i]
        line = plot.lines[drawn]
        line.strokeColor = colors.HexColor(colour)
        line.strokeWidth = line_width
        line.symbol = makeMarker(marker, size=MARKER_SIZE + (1 if history.series[i].formal else 0))
        line.symbol.fillColor = line.strokeColor
        line.symbol.strokeColor = colors.white
        line.symbol.strokeWidth = 0.5
    drawing.add(plot)
    drawing.add(_legend(history, plot, order, name, width, columns, legend_height))
    return drawing


def _legend(
    history: ScoreHistory,
    plot: LinePlot,
    order: Sequence[int],
    name: Callable[[int], str],
    width: float,
    columns: int,
    height: float,
) -> Legend:
    legend = Legend()
    legend.x, legend.y = 28, height - 4
    legend.alignment = "right"  # the swatch left of the name
    legend.fontName, legend.fontSize = FONT, LEGEND_SIZE
    legend.columnMaximum = -(-len(history.series) // columns)
    legend.deltay = LEGEND_ROW
    legend.dx, legend.dy = 16, 7
    room = (width - 40) / columns
    legend.deltax = room
    # The legend lists the raters as they first scored; each swatch is the line drawn for them.
    legend.colorNamePairs = [
        (Auto(obj=plot, index=order.index(i)), _fit(name(i), room - 30))
        for i in range(len(history.series))
    ]
    return legend
