"""The charts in their screens, with the demo data, at 1366×768 and 1920×1080, in a light and a
dark palette: the scale page, the overview's scale summary, the ZRM progress (bars and radar) and
the presentation's round view. Each chart is whole inside its window and draws its dots where
its data says.

Set JEUGDTOOL_SHOTS=<folder> to save every screen as a PNG to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from PySide6.QtCore import QPoint
from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QWidget

from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from tests.ui.test_charts_render import dark_palette

from jeugdtool.ui.framework.scale_chart import DARK_PALETTE
from jeugdtool.ui.framework.scale_chart import PALETTE
from jeugdtool.ui.framework.scale_chart import ScaleChart
from jeugdtool.ui.meetings.presentation import PresentationWindow
from jeugdtool.ui.workspace.workspace import OVERVIEW
from jeugdtool.ui.workspace.workspace import SCALE
from jeugdtool.ui.workspace.workspace import ZRM
from jeugdtool.ui.zrm.page import PROGRESS
from jeugdtool.ui.zrm.progress_chart import ProgressChart

SIZES = [(1366, 768), (1920, 1080)]
#: The round view of presentation mode (view 4).
ROUND_VIEW = 3


@pytest.fixture(params=["light", "dark"])
def scheme(request, qapp):
    """The application's palette for the test: the usual one, or a dark one (set before the
    window is made, as a dark desktop would have it)."""
    before = QPalette(QApplication.palette())
    if request.param == "dark":
        QApplication.setPalette(dark_palette())
    yield request.param
    QApplication.setPalette(before)


@pytest.fixture
def demo_window(started_window, demo_households):
    """The main window with the demo loaded and the Jansen case (scores, ZRM) opened."""
    window = started_window
    jansen = demo_households[0]
    window.open_case(jansen.id)
    return window, window.workspaces[jansen.id]


def shoot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("JEUGDTOOL_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def whole_inside(widget: QWidget, top: QWidget) -> bool:
    QApplication.processEvents()
    where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    return widget.isVisible() and top.rect().contains(where)


def check_scale_chart(chart: ScaleChart, dark: bool) -> None:
    """Every rater's newest dot is drawn in the rater's colour where its score is."""
    plot, history = chart.plot, chart.history
    assert history is not None and not history.is_empty
    picture = plot.grab().toImage()
    ratio = picture.devicePixelRatio()
    palette = DARK_PALETTE if dark else PALETTE
    last = len(history.series) - 1  # drawn last: nothing lies over its dots
    at = plot.point_position(last, len(history.series[last].points) - 1)
    drawn = picture.pixelColor(round(at.x() * ratio), round(at.y() * ratio)).name()
    assert drawn == palette[last % len(palette)]
    assert palette[0] in chart.legend.text() or chart.compact


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_scale_page_and_overview(scheme, demo_window, width, height) -> None:
    window, workspace = demo_window
    window.resize(width, height)
    workspace.show_page(OVERVIEW)
    summary = workspace.overview.scale
    QApplication.processEvents()
    shoot(window, f"overview-{width}x{height}-{scheme}")
    assert whole_inside(summary.chart, window)
    check_scale_chart(summary.chart, scheme == "dark")
    # The summary's own legend (the small chart has none) in the colours of the lines.
    assert (DARK_PALETTE if scheme == "dark" else PALETTE)[0] in summary.legend.text()
    workspace.show_page(SCALE)
    page = workspace.scale.ensure_built()
    QApplication.processEvents()
    shoot(window, f"scale-{width}x{height}-{scheme}")
    assert whole_inside(page.chart.plot, window)
    assert len(page.chart.series_names()) >= 2
    check_scale_chart(page.chart, scheme == "dark")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_zrm_progress_bars_and_radar(scheme, demo_window, width, height) -> None:
    window, workspace = demo_window
    window.resize(width, height)
    workspace.show_page(ZRM)
    page = workspace.zrm.ensure_built()
    page.tabs.setCurrentIndex(PROGRESS)
    QApplication.processEvents()
    chart: ProgressChart = page.progress.chart
    assert len(chart.series_names()) >= 2  # the newest and the one before
    for button in (page.progress.bars_button, page.progress.radar_button):
        button.click()
        mode = chart.mode
        QApplication.processEvents()
        page.progress.findChild(QScrollArea).ensureWidgetVisible(chart, 0, 0)  # scrolled to
        QApplication.processEvents()
        shoot(window, f"zrm-{mode}-{width}x{height}-{scheme}")
        assert chart.plot.width() <= window.width()
        first = chart.plot.targets()[0]
        picture = chart.plot.grab().toImage()
        ratio = picture.devicePixelRatio()
        centre = first.rect.center()
        drawn = picture.pixelColor(round(centre.x() * ratio), round(centre.y() * ratio))
        background = chart.plot.palette().color(QPalette.ColorRole.Base)
        assert drawn != background  # the newest level of the first domain is drawn there


@pytest.fixture
def presentation(started_window, qtbot, demo_households):
    ctx = started_window.ctx
    cases = demo_households
    mid = ctx.run(meetings.create_meeting, {"title": "Reflectieve praktijk"}).meeting.id
    rater = ctx.run(meetings.add_participant, mid, {"name": "J. Visser"})
    item = ctx.run(agenda.add_case, mid, cases[0].id, "Is het veilig genoeg?").items[-1]
    ctx.run(agenda.record_score, item.id, rater.id, 6, "Het plan werkt")
    shown = PresentationWindow(ctx, mid)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_presentation_round_view(scheme, presentation, width, height) -> None:
    presentation.resize(width, height)
    presentation.show_position(0, ROUND_VIEW)
    QApplication.processEvents()
    shoot(presentation, f"presentation-round-{width}x{height}-{scheme}")
    view = presentation.views[ROUND_VIEW]
    chart = view.chart
    assert chart is not None and whole_inside(chart.plot, presentation)
    # The big screen is white whatever the desktop's palette: the light colours.
    check_scale_chart(chart, dark=False)
    assert chart.plot.line_scale > 1.0  # thick lines for a room


def test_a_click_on_the_big_chart_leaves_the_keys_to_the_chair(scheme, presentation, qtbot) -> None:
    presentation.resize(1366, 768)
    presentation.show_position(0, ROUND_VIEW)
    QApplication.processEvents()
    chart = presentation.views[ROUND_VIEW].chart
    qtbot.mouseClick(chart.plot, Qt.MouseButton.LeftButton)
    qtbot.keyClick(presentation, Qt.Key.Key_Right)
    assert presentation.view_index == ROUND_VIEW + 1
