"""Where jeugdtool keeps its files: platformdirs, with one override for tests and development."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "jeugdtool"

#: Set to a folder to keep data and settings there instead of the user's profile.
HOME_ENV = "JEUGDTOOL_HOME"
#: Set to a file path or SQLAlchemy URL to choose the database (same as `--db`).
DB_ENV = "JEUGDTOOL_DB"


def _override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def data_dir() -> Path:
    base = _override()
    return base / "data" if base else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    base = _override()
    if base:
        return base / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the log an administrator reads is kept (logs.py writes it)."""
    base = _override()
    if base:
        return base / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "jeugdtool.sqlite"


def backup_dir() -> Path:
    return data_dir() / "backups"


def settings_file() -> Path:
    return config_dir() / "settings.json"
