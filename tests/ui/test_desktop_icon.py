"""The application icon: set on the application (every window shows it), and the shipped PNGs
are what scripts/render-icons.py makes of the SVG."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QIcon
from PySide6.QtGui import QImage

from jeugdtool import app
from jeugdtool import resources
from jeugdtool.desktop_install import APP_ID
from jeugdtool.desktop_install import PNG_SIZES
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.meetings.presentation import PresentationWindow
from jeugdtool.ui.meetings.window import MeetingsWindow

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "render-icons.py"


@pytest.fixture
def application(qapp):
    """make_application on the test's QApplication; its icon and desktop name put back after."""
    icon, name = qapp.windowIcon(), QGuiApplication.desktopFileName()
    yield app.make_application()
    qapp.setWindowIcon(icon)
    QGuiApplication.setDesktopFileName(name)


def test_the_application_names_its_desktop_entry_and_has_the_icon(application) -> None:
    assert QGuiApplication.desktopFileName() == APP_ID
    assert resources.path("desktop", f"{APP_ID}.desktop").is_file()  # the name exists
    icon = application.windowIcon()
    assert not icon.isNull()
    # Any size: the SVG scales (the PNGs stand in where Qt has no SVG plug-in).
    assert icon.pixmap(16, 16).width() == 16
    assert icon.pixmap(256, 256).width() == 256


def test_the_meetings_window_and_the_presentation_show_the_icon(
    application, ctx, case, qtbot
) -> None:
    expected = _pixels(application.windowIcon())
    assert any(expected)  # the icon drawn, not an empty pixmap
    window = MeetingsWindow(ctx)
    qtbot.addWidget(window)
    assert _pixels(window.windowIcon()) == expected
    mid = meetings.create_meeting(ctx.uow, {"title": "Team Oost"}).value.meeting.id
    agenda.add_case(ctx.uow, mid, case.id, "Wat is nu nodig?")
    presentation = PresentationWindow(ctx, mid)
    qtbot.addWidget(presentation)
    assert _pixels(presentation.windowIcon()) == expected


def _pixels(icon: QIcon) -> bytes:
    image = icon.pixmap(32, 32).toImage()
    return bytes(image.constBits())


def test_the_shipped_pngs_are_the_svg_rendered(qapp) -> None:
    """Fails when the SVG changed without `python scripts/render-icons.py` (or a size is
    missing)."""
    spec = importlib.util.spec_from_file_location("render_icons", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert tuple(script.SIZES) == PNG_SIZES
    for size in PNG_SIZES:
        shipped = QImage(str(resources.path("icons", "png", script.png_name(size))))
        fresh = script.render(resources.path("icons", "jeugdtool.svg"), size)
        assert (shipped.width(), shipped.height()) == (size, size)
        assert _difference(shipped, fresh) <= 2, f"{size} px"


def _difference(a: QImage, b: QImage) -> int:
    """The largest difference of one colour channel between two images of the same size
    (a renderer's rounding may differ by a step or two between Qt versions)."""
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    return max(abs(x - y) for x, y in zip(bytes(a.constBits()), bytes(b.constBits()), strict=True))
