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
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from pathlib import Path
from typing import Any

from jeugdtool import paths
from jeugdtool.i18n import DEFAULT_LANGUAGE
from jeugdtool.i18n import LANGUAGES

SCHEMA_VERSION = 2
#: Automatic backups kept per database by default.
DEFAULT_KEEP = 7
#: At most this many recent databases are remembered.
MAX_RECENT = 8


@dataclass(frozen=True)
class Settings:
    #: "nl" (default) or "en".
    language: str = DEFAULT_LANGUAGE
    #: The consultant stamped on every change, per database (key: database location).
    current_user: dict[str, int] = field(default_factory=dict)
    #: The SQLite file opened last (server URLs are not kept: they may hold a password).
    last_database: str | None = None
    #: The organisation fills in the ZRM for young people too (the method: adults only).
    #: Added without a schema version step: a file without it means "no", the old behaviour.
    zrm_for_youth: bool = False
    #: The window makes a copy of a database file once a day (at the first start). Like the
    #: two below, added without a schema version step: a file without them gets the defaults.
    auto_backup: bool = True
    #: How many automatic copies of each database stay (the oldest go; copies made before an
    #: upgrade or a restore always stay).
    auto_backup_keep: int = DEFAULT_KEEP
    #: The folder of the automatic copies; None: the backup folder (paths.backup_dir()).
    backup_folder: str | None = None
    #: New database files are encrypted (a passphrase is asked). False only by an explicit
    #: choice in the settings window (or --no-encryption): an unencrypted file on a laptop is
    #: readable by anyone who has the laptop.
    encrypt_new_databases: bool = True
    #: The database files opened lately, newest first (File > Recent databases). Added
    #: without a schema version step: a file without it starts with an empty list. Server
    #: URLs are not kept, as for last_database.
    recent_databases: tuple[str, ...] = ()
    #: The folder a file dialog last used, per kind of file ("pdf", "case_file", …), so the
    #: next one starts there. Added without a schema version step: a file without it is empty.
    last_folders: dict[str, str] = field(default_factory=dict)

    def backup_dir(self) -> Path:
        """Where the automatic copies go."""
        return Path(self.backup_folder).expanduser() if self.backup_folder else paths.backup_dir()

    def user_for(self, database: str) -> int | None:
        return self.current_user.get(database)

    def with_user(self, database: str, consultant_id: int) -> Settings:
        return replace(self, current_user={**self.current_user, database: consultant_id})

    def with_last_database(self, path: str | None) -> Settings:
        return replace(self, last_database=path)

    def with_recent_database(self, path: str) -> Settings:
        """`path` first in the recent list (once), which keeps at most MAX_RECENT files."""
        others = tuple(p for p in self.recent_databases if p != path)
        return replace(self, recent_databases=(path, *others)[:MAX_RECENT])

    def without_recent_databases(self) -> Settings:
        return replace(self, recent_databases=())

    def with_last_folder(self, kind: str, folder: str) -> Settings:
        return replace(self, last_folders={**self.last_folders, kind: folder})

    def recent_files(self) -> list[str]:
        """The recent databases that are still there, newest first."""
        return [p for p in self.recent_databases if Path(p).is_file()]

    def database_target(self, given: str | None) -> str | None:
        """What to open: `given` (--db), else JEUGDTOOL_DB, else the file opened last, else
        None (the default file). A remembered file that has gone is not recreated empty."""
        if given is not None or os.environ.get(paths.DB_ENV):
            return given
        last = self.last_database
        return last if last and Path(last).is_file() else None


def _upgrade_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1: the first versioned settings file; unknown keys are dropped."""
    return {k: v for k, v in data.items() if k in ("language", "current_user")}


def _upgrade_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2: remembers the last database file opened, so "Open another database…" lasts
    beyond the session. Files written by version 1 had none: start from the default."""
    return {**data, "last_database": None}


#: Upgrade steps by the version they upgrade from; each docstring is the changelog entry.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _upgrade_0_to_1,
    1: _upgrade_1_to_2,
}


def _from_dict(data: dict[str, Any]) -> Settings:
    version = int(data.pop("schema_version", 0))
    while version < SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
    language = data.get("language", DEFAULT_LANGUAGE)
    users = data.get("current_user", {})
    last = data.get("last_database")
    youth = data.get("zrm_for_youth", False)
    auto, keep = data.get("auto_backup", True), data.get("auto_backup_keep", DEFAULT_KEEP)
    folder = data.get("backup_folder")
    recent = data.get("recent_databases", [])
    return Settings(
        language=language if language in LANGUAGES else DEFAULT_LANGUAGE,
        current_user={str(k): int(v) for k, v in users.items()} if isinstance(users, dict) else {},
        last_database=last if isinstance(last, str) and last else None,
        zrm_for_youth=youth if isinstance(youth, bool) else False,
        auto_backup=auto if isinstance(auto, bool) else True,
        # bool is an int too: `true` is no number of copies.
        auto_backup_keep=keep if type(keep) is int and keep >= 1 else DEFAULT_KEEP,
        backup_folder=folder if isinstance(folder, str) and folder.strip() else None,
        # Only an explicit false turns it off: anything else keeps the safe default.
        encrypt_new_databases=data.get("encrypt_new_databases", True) is not False,
        recent_databases=_recent(recent),
        last_folders=_folders(data.get("last_folders", {})),
    )


def _folders(value: Any) -> dict[str, str]:
    """The remembered folders as saved, without what is no folder name (a hand-edited file)."""
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str) and v.strip()}


def _recent(value: Any) -> tuple[str, ...]:
    """The recent list as saved, without what is no file path (a hand-edited file)."""
    if not isinstance(value, list):
        return ()
    paths_only = [v for v in value if isinstance(v, str) and v and "://" not in v]
    return tuple(dict.fromkeys(paths_only))[:MAX_RECENT]


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
