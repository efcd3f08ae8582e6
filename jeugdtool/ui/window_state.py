"""Window geometry and the last opened case, in QSettings (an INI file in jeugdtool's config dir).

Only UI state lives here; real settings are in `jeugdtool.settings`.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray
from PySide6.QtCore import QRect
from PySide6.QtCore import QSettings
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QWidget

from jeugdtool import paths

#: Room for a window frame not known yet: borders and a title bar.
FRAME = QSize(16, 40)
#: The main window's first size (less where the screen is smaller).
MAIN_SIZE = QSize(1200, 760)


def ui_settings() -> QSettings:
    """Under `paths.config_dir()`, so JEUGDTOOL_HOME (tests, development) keeps it private."""
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def _case_key(database_key: str) -> str:
    # A database path is no good as an INI key (slashes make groups); a short hash is.
    return "last_case/" + hashlib.sha256(database_key.encode()).hexdigest()[:16]


def save_window(window: QMainWindow) -> None:
    store = ui_settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())
    store.sync()


def restore_window(window: QMainWindow, wanted: QSize = MAIN_SIZE) -> None:
    """Put the main window back as it was, made smaller where this screen is smaller (a
    laptop may have left the big monitor it was saved on); `wanted` fitted to the screen when
    nothing was saved."""
    store = ui_settings()
    geometry = store.value("window/geometry")
    restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
    if not restored:
        open_within_screen(window, wanted)
    elif not (window.isMaximized() or fits_screen(window, window.size())):
        open_within_screen(window, window.size())  # as much of it as this screen has
    state = store.value("window/state")
    if restored and isinstance(state, QByteArray):
        window.restoreState(state)


def available_area(window: QWidget) -> QRect:
    """The part of the window's screen (else the primary one) that windows may use: without
    the task bar or panel."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 720)


def _frame(window: QWidget) -> QSize:
    """The frame (borders, title bar) around the window, or room for a usual one while it is
    not known yet (before the window is first shown)."""
    return (window.frameGeometry().size() - window.geometry().size()).expandedTo(FRAME)


def fits_screen(window: QWidget, size: QSize) -> bool:
    """True when a window of `size` (without its frame) fits its screen's usable area."""
    area, frame = available_area(window), _frame(window)
    return size.width() + frame.width() <= area.width() and (
        size.height() + frame.height() <= area.height()
    )


def _place(window: QWidget, left: int, top: int) -> None:
    """Move the window to (left, top) — its frame's corner — or as near as keeps it whole on
    the screen."""
    area, frame, size = available_area(window), _frame(window), window.size()
    right_most = area.x() + area.width() - size.width() - frame.width()
    bottom_most = area.y() + area.height() - size.height() - frame.height()
    window.move(max(area.x(), min(left, right_most)), max(area.y(), min(top, bottom_most)))


def open_within_screen(window: QWidget, wanted: QSize) -> None:
    """Size `window` to `wanted`, or less where the screen is smaller, and centre it there."""
    area, frame = available_area(window), _frame(window)
    room = QSize(area.width() - frame.width(), area.height() - frame.height())
    size = wanted.boundedTo(room).expandedTo(window.minimumSize())
    window.resize(size)
    left = area.x() + (area.width() - size.width() - frame.width()) // 2
    top = area.y() + (area.height() - size.height() - frame.height()) // 2
    _place(window, left, top)


def restore_within_screen(window: QWidget, key: str, wanted: QSize) -> None:
    """The geometry saved under `key`, kept whole on the screen and made smaller where the
    screen is smaller (a laptop may have left the big monitor it was saved on); `wanted`
    fitted to the screen when nothing was saved."""
    geometry = ui_settings().value(key)
    restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
    if not restored:
        open_within_screen(window, wanted)
    elif fits_screen(window, window.size()):
        frame = window.frameGeometry()
        _place(window, frame.x(), frame.y())
    else:
        open_within_screen(window, window.size())  # as much of it as this screen has


def save_last_case(database_key: str, case_id: int | None) -> None:
    store = ui_settings()
    if case_id is None:
        store.remove(_case_key(database_key))
    else:
        store.setValue(_case_key(database_key), case_id)
    store.sync()


def last_case(database_key: str) -> int | None:
    value = ui_settings().value(_case_key(database_key))
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
