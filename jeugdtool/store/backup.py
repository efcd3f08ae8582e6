"""Copies of the SQLite file, taken before anything risky (a schema upgrade, an import).

A copy is complete or it is not there: it is written under a temporary name in the backup folder,
checked, flushed to the disk, and only then renamed to its final name (and the folder flushed, so
the rename survives a power cut too). A copy that breaks off — a full disk, a killed program, a
pulled USB stick — leaves no file under a backup's name that looks fine but holds nothing, and the
step that needed the copy does not happen.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from jeugdtool import paths
from jeugdtool.errors import BackupFailed
from jeugdtool.i18n import _
from jeugdtool.store import access

log = logging.getLogger(__name__)

#: Pages copied per step: SQLite copies a large database in steps, calling `progress` between.
STEP_PAGES = 1024
#: What an unfinished copy's name ends with (not ".sqlite": it is no backup).
PARTIAL = ".partial"
#: An unfinished copy untouched for this long is left over from a copy that broke off.
STALE_AFTER_S = 3600

#: sqlite3's progress callback: (status, pages remaining, pages in total).
Progress = Callable[[int, int, int], object]


def backup_sqlite(
    source: Path, reason: str, folder: Path | None = None, progress: Progress | None = None
) -> Path:
    """A complete, consistent copy of `source` (SQLite's online backup, safe while it is open),
    mode 0600, in `folder` (the backup folder by default). Raises `BackupFailed` when no complete
    copy could be made; then no file with a backup's name was left behind."""
    folder = folder or paths.backup_dir()
    _prepare_folder(source, folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{source.stem}-{stamp}-{reason}.sqlite"
    partial = target.with_name(target.name + PARTIAL)
    try:
        _copy(source, partial, progress)
        _flush(partial)
        if target.exists():  # never overwrite an earlier copy
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST))
        os.replace(partial, target)
        _flush_folder(folder)
    except BaseException as exc:
        _remove(partial)
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise _failed(source, folder, exc) from exc
        raise
    return target


def _prepare_folder(source: Path, folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=access.OWNER_ONLY_FOLDER)
        access.make_owner_only(folder, "backup folder")
    except OSError as exc:
        raise _failed(source, folder, exc) from exc
    _remove_stale(folder)


def _copy(source: Path, partial: Path, progress: Progress | None) -> None:
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, access.OWNER_ONLY_FILE)
    os.close(fd)
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst, pages=STEP_PAGES, progress=progress)
        # One self-contained file (no -wal beside it), so restoring it is copying one file.
        dst.execute("PRAGMA journal_mode=DELETE")
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the copy does not pass SQLite's check")
    finally:
        dst.close()
        src.close()


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    if os.name != "posix":  # a folder cannot be opened on Windows; NTFS logs the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(partial: Path) -> None:
    for path in (partial, *(access.companion(partial, s) for s in access.COMPANIONS)):
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not remove an unfinished backup copy: %s", exc.strerror)


def _remove_stale(folder: Path) -> None:
    """Unfinished copies of earlier attempts that broke off (a copy still being made by
    another jeugdtool is recent, and left alone)."""
    now = time.time()
    for path in folder.glob(f"*{PARTIAL}*"):
        try:
            if now - path.stat().st_mtime > STALE_AFTER_S:
                path.unlink()
                log.info("removed an unfinished backup copy left by an earlier attempt")
        except OSError:
            continue


def _failed(source: Path, folder: Path, exc: OSError | sqlite3.Error) -> BackupFailed:
    return BackupFailed(
        _(
            "jeugdtool first makes a copy of the database {path} in {folder}, but the copy "
            "could not be made: {reason}. Nothing was changed: the database is as it was. "
            "Make room on the disk or check the backup folder, then try again."
        ).format(path=source, folder=folder, reason=_reason(exc))
    )


def _reason(exc: OSError | sqlite3.Error) -> str:
    if isinstance(exc, OSError):
        return access.os_reason(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == 13:  # SQLITE_FULL
        return _("the disk is full")
    return _("the copy was not complete")
