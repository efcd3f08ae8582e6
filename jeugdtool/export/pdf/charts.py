"""Charts for the PDFs, drawn with reportlab's own graphics (vector, never a screenshot).

`scale_chart` is the PDF twin of the app's scale chart (`ui/framework/scale_chart.py`): the
scores over time, one line with markers per rater, dates on the x-axis, a legend of raters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from jeugdtool.colours import RATER_COLOURS as PALETTE
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import MUTED
from jeugdtool.framework.scale_dto import ScoreHistory

MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle")
#: At most this many dates are written under the x-axis (more would overlap).
MAX_DATE_LABELS = 8
LEGEND_ROW = 12
LEGEND_SIZE = 7.5


def _fit(text: str, width: float) -> str:
    """`text`, shortened with an ellipsis to fit `width` (a legend entry never overlaps)."""
    if stringWidth(text, FONT, LEGEND_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", FONT, LEGEND_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _ticks(days: list[int]) -> list[int]:
    """The scoring days to label: all of them, or an even spread including first and last."""
    if len(days) <= MAX_DATE_LABELS:
        return days
    step = (len(days) - 1) / (MAX_DATE_LABELS - 1)
    return sorted({days[round(i * step)] for i in range(MAX_DATE_LABELS)})


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
    left, bottom = 28, 44 + legend_height  # room for the slanted dates above the legend
    drawing = Drawing(width, plot_height + bottom + 8)
    plot = LinePlot()
    plot.x, plot.y = left, bottom
    plot.width, plot.height = width - left - 12, plot_height
    plot.data = [[(p.scored_on.toordinal(), p.score) for p in s.points] for s in history.series]
    first, last = days[0], days[-1]
    pad = max(1, (last - first) // 20)
    x_axis, y_axis = plot.xValueAxis, plot.yValueAxis
    x_axis.valueMin, x_axis.valueMax = first - pad, last + pad
    x_axis.valueSteps = _ticks(days)
    x_axis.labelTextFormat = lambda value: day_label(dt.date.fromordinal(int(value)))
    y_axis.valueMin, y_axis.valueMax, y_axis.valueSteps = 0, 10, [0, 2, 4, 6, 8, 10]
    y_axis.labelTextFormat = "%d"
    for axis in (x_axis, y_axis):
        axis.labels.fontName, axis.labels.fontSize = FONT, 7
        axis.labels.fillColor = MUTED
    x_axis.labels.angle, x_axis.labels.boxAnchor = 30, "ne"
    y_axis.visibleGrid, y_axis.gridStrokeColor = True, colors.HexColor("#dddddd")
    for i, series in enumerate(history.series):
        line = plot.lines[i]
        line.strokeColor = colors.HexColor(PALETTE[i % len(PALETTE)])
        line.strokeWidth = 2.2 if series.formal else 1.2
        line.symbol = makeMarker(MARKERS[i % len(MARKERS)], size=5)
        line.symbol.fillColor = line.strokeColor
        line.symbol.strokeColor = line.strokeColor
    drawing.add(plot)
    drawing.add(_legend(history, name, width, columns, legend_height))
    return drawing


def _legend(
    history: ScoreHistory, name: Callable[[int], str], width: float, columns: int, height: float
) -> Legend:
    legend = Legend()
    legend.x, legend.y = 28, height - 4
    legend.alignment = "right"  # the swatch left of the name
    legend.fontName, legend.fontSize = FONT, LEGEND_SIZE
    legend.columnMaximum = -(-len(history.series) // columns)
    legend.deltay = LEGEND_ROW
    legend.dx = legend.dy = 7
    room = (width - 40) / columns
    legend.deltax = room
    legend.colorNamePairs = [
        (colors.HexColor(PALETTE[i % len(PALETTE)]), _fit(name(i), room - 24))
        for i in range(len(history.series))
    ]
    return legend
