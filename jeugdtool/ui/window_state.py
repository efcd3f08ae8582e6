"""Window geometry and the last opened case, in QSettings (an INI file in jeugdtool's config dir).

Only UI state lives here; real settings are in `jeugdtool.settings`.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from jeugdtool import paths


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


def restore_window(window: QMainWindow) -> bool:
    """Put the window back where it was; False when nothing was saved yet."""
    store = ui_settings()
    geometry = store.value("window/geometry")
    if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
        return False
    state = store.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    return True


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
