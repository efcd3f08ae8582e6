"""The charts as drawn: a dot where its score is, a bar as long as its level, a radar point on
its spoke; tooltips by mouse and keyboard; the numbers for a screen reader; a dark palette."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest

from PySide6.QtCore import QEvent
from PySide6.QtCore import QPoint
from PySide6.QtCore import QPointF
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QHelpEvent
from PySide6.QtGui import QImage
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QToolTip
from PySide6.QtWidgets import QWidget

from jeugdtool.colours import contrast_ratio as contrast
from jeugdtool.framework.scale_dto import Rater
from jeugdtool.framework.scale_dto import RaterSeries
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.framework.scale_dto import ScorePoint
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.i18n import _

from jeugdtool.ui.charts.canvas import ChartCanvas
from jeugdtool.ui.framework.scale_chart import DARK_PALETTE
from jeugdtool.ui.framework.scale_chart import PALETTE
from jeugdtool.ui.framework.scale_chart import ScaleChart
from jeugdtool.ui.framework.scale_chart import describe_history
from jeugdtool.ui.zrm.progress_chart import BARS
from jeugdtool.ui.zrm.progress_chart import DARK_SET_COLOURS
from jeugdtool.ui.zrm.progress_chart import RADAR
from jeugdtool.ui.zrm.progress_chart import SET_COLOURS
from jeugdtool.ui.zrm.progress_chart import ChartData
from jeugdtool.ui.zrm.progress_chart import ChartSet
from jeugdtool.ui.zrm.progress_chart import ProgressChart

#: Showing a tooltip offscreen warns that the window cannot be raised: harmless.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")
DAY = dt.date(2026, 9, 1)
#: Fusion's dark scheme, as an organisation's dark desktop would give it.
DARK = {"Window": "#353535", "Base": "#2a2a2a", "Text": "#ffffff", "WindowText": "#ffffff"}


def dark_palette() -> QPalette:
    palette = QPalette(QApplication.palette())
    for role, colour in DARK.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def history() -> ScoreHistory:
    """Two raters: the case manager 2 → 8 a month apart, a parent 6 in between."""
    manager = RaterSeries(
        Rater("A. de Boer", RaterRole.CASE_MANAGER),
        (
            ScorePoint(1, DAY, 2, "Nog geen plan", ""),
            ScorePoint(2, DAY + dt.timedelta(days=30), 8, "Plan werkt", "Oma elke dag"),
        ),
        formal=True,
    )
    parent = RaterSeries(
        Rater("Sanne", RaterRole.PARENT),
        (ScorePoint(3, DAY + dt.timedelta(days=15), 6, "Het gaat beter", ""),),
    )
    return ScoreHistory(household_id=1, about=None, series=(manager, parent))


def zrm_data() -> ChartData:
    domains = (("fin", "Financiën"), ("huis", "Huisvesting"), ("werk", "Werk & opleiding"))
    return ChartData(
        domains,
        (
            ChartSet("latest", "Laatste", (3, 5, None)),
            ChartSet("previous", "Vorige", (1, 4, 2)),
            ChartSet("target", "Doel", (4, None, None)),
        ),
    )


def image(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def colour_at(widget: QWidget, picture: QImage, point: QPointF) -> str:
    """The colour drawn at a point in widget coordinates (the grab has the screen's ratio)."""
    ratio = picture.devicePixelRatio()
    return picture.pixelColor(QPoint(round(point.x() * ratio), round(point.y() * ratio))).name()


@pytest.fixture
def scale_chart(qtbot) -> ScaleChart:
    chart = ScaleChart()
    qtbot.addWidget(chart)
    chart.resize(600, 360)
    chart.set_history(history())
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_a_dot_is_drawn_where_its_score_and_date_are(scale_chart) -> None:
    plot = scale_chart.plot
    high = plot.point_position(0, 1)  # 8, a month later
    low = plot.point_position(0, 0)  # 2
    middle = plot.point_position(1, 0)  # 6, half-way
    assert low.y() > middle.y() > high.y()  # higher scores higher up
    assert low.x() < middle.x() < high.x()
    assert middle.x() == pytest.approx((low.x() + high.x()) / 2, abs=0.5)
    frame = plot.frame()
    assert frame.y(10) - frame.y(0) == pytest.approx((high.y() - low.y()) * 10 / 6)
    picture = image(plot)
    assert colour_at(plot, picture, low) == PALETTE[0]
    assert colour_at(plot, picture, middle) == PALETTE[1]  # the second rater's colour
    mirrored = QPointF(low.x(), frame.y(8))  # a score of 8 on the first day: nothing there
    assert colour_at(plot, picture, mirrored) not in PALETTE[:2]


def test_date_labels_never_crowd_and_follow_the_type(scale_chart) -> None:
    plot = scale_chart.plot
    count = len(plot.frame().days)
    font = scale_chart.font()
    font.setPointSizeF(font.pointSizeF() * 3)
    scale_chart.setFont(font)  # a presentation's type: fewer labels fit
    assert 2 <= len(plot.frame().days) < count


def test_hovering_a_dot_shows_its_reason(scale_chart, qtbot) -> None:
    plot = scale_chart.plot
    at = plot.point_position(1, 0).toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, at, plot.mapToGlobal(at))
    QApplication.sendEvent(plot, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Het gaat beter" in QToolTip.text() and "Sanne" in QToolTip.text()
    away = QPoint(at.x(), plot.frame().plot.top() + 2)
    assert plot.target_at(QPointF(away)) is None
    QToolTip.hideText()


def test_the_arrow_keys_walk_through_the_dots_in_date_order(scale_chart, qtbot) -> None:
    plot = scale_chart.plot
    plot.setFocus()
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert plot.chosen == 0 and "Nog geen plan" in QToolTip.text()
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert "Het gaat beter" in QToolTip.text()  # the parent's score came in between
    qtbot.keyClick(plot, Qt.Key.Key_End)
    assert "Plan werkt" in QToolTip.text() and "Oma elke dag" in QToolTip.text()
    qtbot.keyClick(plot, Qt.Key.Key_Escape)
    assert plot.chosen is None
    QToolTip.hideText()


def test_a_screen_reader_gets_every_score(scale_chart) -> None:
    description = scale_chart.plot.accessibleDescription()
    assert scale_chart.plot.accessibleName() == _("Scale scores over time")
    for score, day in ((2, "01-09-2026"), (8, "01-10-2026"), (6, "16-09-2026")):
        assert _("{score} on {date}").format(score=score, date=day) in description
    assert "A. de Boer" in description and "Sanne" in description
    assert describe_history(None) == _("No scores yet.")


def test_no_scores_shows_the_empty_text(qtbot) -> None:
    chart = ScaleChart()
    qtbot.addWidget(chart)
    chart.set_history(ScoreHistory(household_id=1, about=None, series=()))
    assert chart.stack.currentWidget() is chart.empty
    assert chart.series_names() == [] and chart.plot.targets() == []


def test_presentation_lines_grow_with_the_line_scale(scale_chart) -> None:
    plot = scale_chart.plot
    before = plot.targets()[0].rect.width()
    scale_chart.set_line_scale(3.0)
    assert plot.targets()[0].rect.width() == pytest.approx(3 * before)
    point = plot.point_position(0, 0)
    edge = QPointF(point.x() + before, point.y())  # outside a small dot, inside a big one
    assert colour_at(plot, image(plot), edge) == PALETTE[0]


def test_a_dark_palette_draws_light_on_dark(scale_chart) -> None:
    scale_chart.setPalette(dark_palette())
    plot = scale_chart.plot
    picture = image(plot)
    assert colour_at(plot, picture, QPointF(plot.width() - 3, 3)) == DARK["Base"]
    assert colour_at(plot, picture, plot.point_position(0, 0)) == DARK_PALETTE[0]
    assert DARK_PALETTE[0] in scale_chart.legend.text()  # the legend follows the lines
    assert PALETTE[0] not in scale_chart.legend.text()
    # The axis labels are drawn in the palette's text colour: some pixels left of the axis
    # are (nearly) white.
    frame, ratio = plot.frame(), picture.devicePixelRatio()
    light = [
        picture.pixelColor(x, y).lightness()
        for x in range(0, int(frame.plot.left() * ratio))
        for y in range(int(frame.plot.top() * ratio), int(frame.plot.bottom() * ratio))
    ]
    assert max(light) > 200


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour (D65)."""

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    rgb = QColor(colour)
    r, g, b = linear(rgb.red()), linear(rgb.green()), linear(rgb.blue())
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def difference(first: str, second: str) -> float:
    """CIE76 colour difference: about 2 is just noticeable, 20 is clearly another colour."""
    return math.dist(lab(first), lab(second))


@pytest.mark.parametrize(
    ("colours", "background"), [(PALETTE, "#ffffff"), (DARK_PALETTE, DARK["Base"])]
)
def test_every_rater_colour_stands_out_and_differs_from_the_others(colours, background) -> None:
    assert all(contrast(c, background) >= 3.0 for c in colours)  # WCAG for graphics
    assert all(difference(a, b) >= 20 for a, b in itertools.combinations(colours, 2))


@pytest.mark.parametrize(
    ("colours", "background"), [(SET_COLOURS, "#ffffff"), (DARK_SET_COLOURS, DARK["Base"])]
)
def test_the_zrm_colours_stand_out_from_the_background(colours, background) -> None:
    assert all(contrast(c, background) >= 3.0 for c in colours.values())
    values = list(colours.values())
    assert all(difference(a, b) >= 20 for a, b in itertools.combinations(values, 2))


# ---- the ZRM chart ---------------------------------------------------------------------------


@pytest.fixture
def zrm_chart(qtbot) -> ProgressChart:
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(640, 480)
    chart.set_data(zrm_data(), ())
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_a_bar_is_as_long_as_its_level(zrm_chart) -> None:
    plot = zrm_chart.plot
    assert zrm_chart.mode == BARS
    _area, x, _slots = plot.bar_layout()
    latest, previous, target = plot.targets()[:3]  # Financiën: 3, 1, target 4
    assert latest.rect.right() == pytest.approx(x(3))
    assert previous.rect.right() == pytest.approx(x(1))
    assert target.rect.right() == pytest.approx(x(4))
    assert latest.rect.top() < previous.rect.top() < target.rect.top()  # in the legend's order
    picture = image(plot)
    inside = QPointF(x(2.5), latest.rect.center().y())
    assert colour_at(plot, picture, inside) == SET_COLOURS["latest"]
    beyond = QPointF(x(3.5), latest.rect.center().y())
    assert colour_at(plot, picture, beyond) != SET_COLOURS["latest"]
    # The target is an outline: its inside is not filled.
    assert colour_at(plot, picture, target.rect.center()) != SET_COLOURS["target"]
    # No level (Werk & opleiding, latest): no bar. 3 + 2 + 1 bars with a level.
    assert len(plot.targets()) == 6
    werk = [t.text for t in plot.targets() if t.text.startswith("Werk")]
    assert werk == ["Werk &amp; opleiding: 2 — 2 (Vorige)"]


def test_the_radar_puts_each_level_on_its_spoke(zrm_chart) -> None:
    zrm_chart.set_mode(RADAR)
    plot = zrm_chart.plot
    centre, radius = plot.radar_layout()
    top = plot.radar_position(0, 5)  # the first domain points up
    assert top.x() == pytest.approx(centre.x()) and top.y() == pytest.approx(centre.y() - radius)
    huis = plot.radar_position(1, 5)  # Huisvesting 5: clockwise, right of the centre
    assert huis.x() > centre.x()
    picture = image(plot)
    assert colour_at(plot, picture, plot.radar_position(1, 5)) == SET_COLOURS["latest"]
    assert colour_at(plot, picture, plot.radar_position(2, 2)) == SET_COLOURS["previous"]
    assert len(plot.targets()) == 6
    assert "&#9733;" in zrm_chart.legend.text()


def test_zrm_tooltips_and_the_screen_reader_name_domain_and_level(zrm_chart, qtbot) -> None:
    plot = zrm_chart.plot
    plot.setFocus()
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert QToolTip.text().startswith("Financiën: 3")
    QToolTip.hideText()
    description = plot.accessibleDescription()
    assert plot.accessibleName() == _("ZRM levels per domain")
    previous, target = _("previous {n}").format(n=1), _("target {n}").format(n=4)
    assert f"Financiën: 3 ({previous}, {target})" in description
    assert "Werk & opleiding: –" in description


def test_a_dark_palette_gives_the_zrm_chart_light_colours(zrm_chart) -> None:
    zrm_chart.setPalette(dark_palette())
    plot = zrm_chart.plot
    latest = plot.targets()[0]
    picture = image(plot)
    assert colour_at(plot, picture, latest.rect.center()) == DARK_SET_COLOURS["latest"]
    assert DARK_SET_COLOURS["latest"] in zrm_chart.legend.text()


def test_every_chart_is_a_canvas_with_a_sensible_size(scale_chart, zrm_chart) -> None:
    for plot in (scale_chart.plot, zrm_chart.plot):
        assert isinstance(plot, ChartCanvas)
        assert plot.focusPolicy() == Qt.FocusPolicy.StrongFocus
        hint, least = plot.sizeHint(), plot.minimumSizeHint()
        assert least.width() <= hint.width() and least.height() <= hint.height()
        assert least.width() <= 400  # fits beside a form on a 1366 px screen
