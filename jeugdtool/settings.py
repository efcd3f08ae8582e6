"""Typed user settings in a small JSON file, with a schema version and upgrade steps.

Qt-free on purpose: the CLI and the core read the same settings as the GUI. Window geometry is
the UI's business and lives in QSettings instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from jeugdtool import paths
from jeugdtool.i18n import DEFAULT_LANGUAGE, LANGUAGES

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Settings:
    #: "nl" (default) or "en".
    language: str = DEFAULT_LANGUAGE
    #: The consultant stamped on every change, per database (key: database location).
    current_user: dict[str, int] = field(default_factory=dict)

    def user_for(self, database: str) -> int | None:
        return self.current_user.get(database)

    def with_user(self, database: str, consultant_id: int) -> Settings:
        return replace(self, current_user={**self.current_user, database: consultant_id})


def _upgrade_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1: the first versioned settings file; unknown keys are dropped."""
    return {k: v for k, v in data.items() if k in ("language", "current_user")}


#: Upgrade steps by the version they upgrade from; each docstring is the changelog entry.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _upgrade_0_to_1}


def _from_dict(data: dict[str, Any]) -> Settings:
    version = int(data.pop("schema_version", 0))
    while version < SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
    language = data.get("language", DEFAULT_LANGUAGE)
    users = data.get("current_user", {})
    return Settings(
        language=language if language in LANGUAGES else DEFAULT_LANGUAGE,
        current_user={str(k): int(v) for k, v in users.items()} if isinstance(users, dict) else {},
    )


def load(path: Path | None = None) -> Settings:
    """The saved settings, or defaults when there is no (readable) settings file."""
    path = path or paths.settings_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    try:
        return _from_dict(data)
    except (TypeError, ValueError, KeyError):
        return Settings()


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically: a crash never leaves a half-written settings file."""
    path = path or paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"schema_version": SCHEMA_VERSION, **asdict(settings)}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=2, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
