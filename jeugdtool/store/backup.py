"""Copies of the SQLite file: before anything risky (a schema upgrade, an import), on request
(`jeugdtool backup`), automatically once a day; and restoring one (`jeugdtool restore`).

A copy is complete or it is not there: it is written under a temporary name in the backup folder,
checked, flushed to the disk, and only then renamed to its final name (and the folder flushed, so
the rename survives a power cut too). A copy that breaks off — a full disk, a killed program, a
pulled USB stick — leaves no file under a backup's name that looks fine but holds nothing, and the
step that needed the copy does not happen.

A copy of an encrypted database is encrypted with the same passphrase (SQLCipher's backup between
two connections keyed alike), so a backup never puts the data in plain text on a disk or stick.
Every function that opens a file takes that `passphrase` (None: a plain file).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

from jeugdtool import paths
from jeugdtool.errors import BackupFailed
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NeedsPassphrase
from jeugdtool.errors import WrongPassphrase
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import access
from jeugdtool.store import cipher
from jeugdtool.store import schema

log = logging.getLogger(__name__)

#: Pages copied per step: SQLite copies a large database in steps, calling `progress` between.
STEP_PAGES = 1024
#: What an unfinished copy's name ends with (not ".sqlite": it is no backup).
PARTIAL = ".partial"
#: An unfinished copy untouched for this long is left over from a copy that broke off.
STALE_AFTER_S = 3600

#: How a copy's name says when it was made.
STAMP = "%Y%m%d-%H%M%S-%f"

#: sqlite3's progress callback: (status, pages remaining, pages in total).
Progress = Callable[[int, int, int], object]


#: Both SQLite drivers' errors (SQLCipher's are classes of its own).
SQLITE_ERRORS = cipher.SQLITE_ERRORS


def backup_sqlite(
    source: Path,
    reason: str,
    folder: Path | None = None,
    progress: Progress | None = None,
    passphrase: str | None = None,
) -> Path:
    """A complete, consistent copy of `source` (SQLite's online backup, safe while it is open),
    mode 0600, in `folder` (the backup folder by default). Raises `BackupFailed` when no complete
    copy could be made; then no file with a backup's name was left behind."""
    folder = folder or paths.backup_dir()
    try:
        return _backup_into(source, folder, reason, progress, passphrase)
    except (OSError, *SQLITE_ERRORS) as exc:
        raise _failed(source, folder, exc) from exc


def _backup_into(
    source: Path, folder: Path, reason: str, progress: Progress | None, passphrase: str | None
) -> Path:
    """`backup_sqlite` without the message: raises the OSError or sqlite3.Error itself."""
    _prepare_folder(folder)
    stamp = datetime.now().strftime(STAMP)
    target = folder / f"{source.stem}-{stamp}-{reason}.sqlite"
    complete_copy(source, target, progress, passphrase=passphrase)
    return target


def complete_copy(
    source: Path,
    target: Path,
    progress: Progress | None = None,
    *,
    replace: bool = False,
    passphrase: str | None = None,
) -> None:
    """Copy the SQLite database `source` to `target` (mode 0600), complete or not at all: under
    a temporary name beside it, checked, flushed, then renamed. An existing `target` is only
    replaced with `replace`. Raises OSError or sqlite3.Error; nothing is left behind then."""
    partial = target.with_name(target.name + PARTIAL)
    try:
        _copy(source, partial, progress, passphrase)
        flush_file(partial)
        if target.exists() and not replace:  # never overwrite an earlier copy
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST))
        os.replace(partial, target)
        flush_folder(target.parent)
    except BaseException:
        _remove(partial)
        raise


def _prepare_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=access.OWNER_ONLY_FOLDER)
    access.make_owner_only(folder, "backup folder")
    _remove_stale(folder)


def _copy(source: Path, partial: Path, progress: Progress | None, passphrase: str | None) -> None:
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, access.OWNER_ONLY_FILE)
    os.close(fd)
    src = cipher.connect(f"{source.as_uri()}?mode=ro", passphrase, uri=True)
    dst = cipher.connect(partial, passphrase)
    try:
        src.backup(dst, pages=STEP_PAGES, progress=progress)
        # One self-contained file (no -wal beside it), so restoring it is copying one file.
        dst.execute("PRAGMA journal_mode=DELETE")
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the copy does not pass SQLite's check")
    finally:
        dst.close()
        src.close()


def flush_file(path: Path) -> None:
    """The file's bytes on the disk (fsync)."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def flush_folder(folder: Path) -> None:
    """A rename in `folder` on the disk (fsync of the folder, where the system allows it)."""
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


def _failed(source: Path, folder: Path, exc: BaseException) -> BackupFailed:
    return BackupFailed(
        _(
            "jeugdtool first makes a copy of the database {path} in {folder}, but the copy "
            "could not be made: {reason}. Nothing was changed: the database is as it was. "
            "Make room on the disk or check the backup folder, then try again."
        ).format(path=source, folder=folder, reason=_reason(exc))
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return access.os_reason(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == 13:  # SQLITE_FULL
        return _("the disk is full")
    return _("the copy was not complete")


# ---------------------------------------------------------------- what a copy holds

#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


class RestoreRefused(JeugdtoolError):
    """A restore that did not happen: the file or the target is not fit; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    """What a database file holds, read without changing it."""

    path: Path
    #: Its schema revision: HEAD, or an older one (upgraded when it is opened).
    revision: str
    cases: int
    #: The latest change to any case (UTC); None without cases.
    newest_change: datetime | None

    @property
    def older_schema(self) -> bool:
        return self.revision != schema.HEAD


def describe(path: Path, passphrase: str | None = None) -> BackupInfo:
    """Check that `path` is a complete jeugdtool database (SQLite's header, its integrity
    check, a schema revision this jeugdtool knows) and say what it holds. Raises
    RestoreRefused with the reason, NeedsPassphrase/WrongPassphrase for an encrypted copy
    without the passphrase that opens it; the file is only read."""
    path = path.absolute()
    passphrase = _key_for(path, passphrase)
    try:
        conn = cipher.connect(f"{path.as_uri()}?mode=ro", passphrase, uri=True)
        try:
            return _describe(conn, path)
        finally:
            conn.close()
    except SQLITE_ERRORS as exc:
        raise _damaged(path) from exc


def is_encrypted(path: Path) -> bool:
    """Whether the copy `path` is encrypted (it then needs its passphrase)."""
    return cipher.is_encrypted(path)


def _key_for(path: Path, passphrase: str | None) -> str | None:
    """The passphrase to open `path` with: None for a plain copy (whatever was given); for an
    encrypted one the given passphrase, checked."""
    encrypted = _check_header(path)
    if not encrypted:
        return None
    if passphrase is None:
        raise NeedsPassphrase(
            _(
                "The copy {path} is encrypted. Give the passphrase the database had when the "
                "copy was made."
            ).format(path=path),
            path=str(path),
        )
    try:
        fits = cipher.check_passphrase(path, passphrase)
    except SQLITE_ERRORS as exc:
        raise _damaged(path) from exc
    if not fits:
        raise WrongPassphrase(
            _(
                "This passphrase does not open the copy {path} (or it is not a jeugdtool "
                "database). Give the passphrase the database had when the copy was made. "
                "Nothing was changed."
            ).format(path=path),
            path=str(path),
        )
    return passphrase


def _check_header(path: Path) -> bool:
    """Refuse what is no database file; True: it may be an encrypted one (no plain header)."""
    if not path.is_file():
        raise RestoreRefused(
            _("There is no file {path}. Give the path of a backup made by jeugdtool.").format(
                path=path
            )
        )
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise RestoreRefused(
            _("The file {path} cannot be read: {reason}.").format(
                path=path, reason=access.os_reason(exc)
            )
        ) from exc
    if header == SQLITE_HEADER:
        return False
    if not cipher.is_encrypted(path):
        raise RestoreRefused(
            _(
                "{path} is not a jeugdtool database (not even a database file). Give the path "
                "of a backup made by jeugdtool. Nothing was changed."
            ).format(path=path)
        )
    return True


def _describe(conn: Any, path: Path) -> BackupInfo:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise _damaged(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables or "households" not in tables:
        raise RestoreRefused(
            _(
                "{path} is a database of another program, not of jeugdtool. Nothing was changed."
            ).format(path=path)
        )
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] not in schema.REVISIONS:
        raise RestoreRefused(
            _(
                "{path} was made by a newer version of jeugdtool (schema {revision}). Restore "
                "it with that newer jeugdtool; this version leaves everything as it is."
            ).format(path=path, revision=revision[0] if revision else "-")
        )
    cases, newest = conn.execute("SELECT count(*), max(last_change_at) FROM households").fetchone()
    return BackupInfo(path, revision[0], int(cases), _utc(newest))


def _utc(stored: str | None) -> datetime | None:
    """A time as SQLAlchemy stores it in SQLite (naive UTC text)."""
    if not stored:
        return None
    try:
        return datetime.fromisoformat(stored).replace(tzinfo=UTC)
    except ValueError:
        return None


def _damaged(path: Path) -> RestoreRefused:
    return RestoreRefused(
        _(
            "{path} is damaged: SQLite's check of it fails, so it cannot be restored. Take "
            "another (earlier) backup. Nothing was changed."
        ).format(path=path)
    )


# ---------------------------------------------------------------- a copy to a file you name


def backup_to(
    source: Path,
    target: Path,
    progress: Progress | None = None,
    passphrase: str | None = None,
) -> BackupInfo:
    """`jeugdtool backup --out FILE`: a complete copy of `source` as `target` (never over an
    existing file). Raises BackupFailed (nothing written) or RestoreRefused."""
    source, target = source.absolute(), target.absolute()
    if target.exists():
        raise BackupFailed(
            _(
                "There is already a file {path}. Choose another name for the backup (jeugdtool "
                "never writes over a file), or remove the old one first."
            ).format(path=target)
        )
    try:
        complete_copy(source, target, progress, passphrase=passphrase)
    except (OSError, *SQLITE_ERRORS) as exc:
        raise BackupFailed(
            _(
                "The backup {path} could not be made: {reason}. Nothing was written, and the "
                "database is as it was. Make room on the disk or choose another folder, then "
                "try again."
            ).format(path=target, reason=_reason(exc))
        ) from exc
    return describe(target, passphrase)


# ---------------------------------------------------------------- restoring


@dataclass(frozen=True)
class Restored:
    """What `restore` did."""

    info: BackupInfo
    #: The copy made of the database that was replaced; None when there was none.
    previous: Path | None


def target_cases(target: Path, passphrase: str | None = None) -> int | None:
    """How many cases the database `target` holds; None when there is no database there yet (no
    file, an empty file, or a file without tables). RestoreRefused for anyone else's file."""
    target = target.absolute()
    if not target.exists() or (target.is_file() and target.stat().st_size == 0):
        return None
    passphrase = _key_of_target(target, passphrase)
    try:
        conn = cipher.connect(f"{target.as_uri()}?mode=ro", passphrase, uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not tables:
                return None
            if "households" not in tables:
                raise _not_ours(target)
            return int(conn.execute("SELECT count(*) FROM households").fetchone()[0])
        finally:
            conn.close()
    except SQLITE_ERRORS as exc:
        raise _not_ours(target) from exc


def _key_of_target(target: Path, passphrase: str | None) -> str | None:
    try:
        return _key_for(target, passphrase)
    except (RestoreRefused, NeedsPassphrase):  # WrongPassphrase too: not ours to replace
        raise _not_ours(target) from None


def _not_ours(target: Path) -> RestoreRefused:
    return RestoreRefused(
        _(
            "{path} is not a jeugdtool database that can be read, so the backup is not "
            "restored over it. Choose another database file with --db. Nothing was changed."
        ).format(path=target)
    )


def restore(
    backup: Path, target: Path, *, replace: bool = False, passphrase: str | None = None
) -> Restored:
    """Put the database in `backup` in place of `target`: complete or not at all. `target`
    must be new or empty, or (with `replace`) is copied to the backup folder first. Raises
    RestoreRefused or BackupFailed with the reason; then nothing was changed.

    `passphrase`: of an encrypted copy (the restored database keeps it); an encrypted
    `target` to be replaced must open with it too."""
    backup, target = backup.absolute(), target.absolute()
    info = describe(backup, passphrase)
    passphrase = passphrase if is_encrypted(backup) else None
    if target.exists() and backup.samefile(target):
        raise RestoreRefused(
            _("{path} is the database itself: give a backup to restore.").format(path=target)
        )
    cases = target_cases(target, passphrase)
    if cases and not replace:
        raise RestoreRefused(
            ngettext(
                "The database {path} already holds {count} case, so the backup is not restored "
                "over it. Restore into a new file (--db), or add --replace to replace it (a "
                "copy of it is kept in the backup folder).",
                "The database {path} already holds {count} cases, so the backup is not restored "
                "over it. Restore into a new file (--db), or add --replace to replace it (a "
                "copy of it is kept in the backup folder).",
                cases,
            ).format(path=target, count=cases)
        )
    if cases is None:
        _check_no_leftovers(target)
        _put_in_place(backup, target, passphrase)
        return Restored(info, None)
    target_key = passphrase if is_encrypted(target) else None
    with _alone(target, target_key) as conn:
        previous = backup_sqlite(target, reason="before-restore", passphrase=target_key)
        _lock(conn, target)  # no one slips in between the copy above and the rename
        _put_in_place(backup, target, passphrase)
    return Restored(info, previous)


def _check_no_leftovers(target: Path) -> None:
    """A -wal beside a missing or empty file may hold its changes; SQLite would also apply it to
    the restored file, so it must go first, and the user decides."""
    for suffix in ("-wal", "-journal"):
        if access.companion(target, suffix).exists():
            raise RestoreRefused(
                _(
                    "Next to {path} there is a file {leftover} of an earlier database. Move it "
                    "to another folder (it may hold the last changes of that database), then "
                    "restore again. Nothing was changed."
                ).format(path=target, leftover=access.companion(target, suffix).name)
            )


def _put_in_place(backup: Path, target: Path, passphrase: str | None) -> None:
    try:
        complete_copy(backup, target, replace=True, passphrase=passphrase)
    except (OSError, *SQLITE_ERRORS) as exc:
        raise RestoreRefused(
            _(
                "The backup could not be restored as {path}: {reason}. Nothing was changed. "
                "Make room on the disk or choose another folder, then try again."
            ).format(path=target, reason=_reason(exc))
        ) from exc


@contextmanager
def _alone(target: Path, passphrase: str | None) -> Iterator[Any]:
    """`target` with its journal back to one file, which SQLite refuses while another program
    has it open in WAL mode: so jeugdtool cannot be working in it while it is replaced."""
    conn = cipher.connect(target, passphrase, isolation_level=None, timeout=1.5)
    try:
        _lock(conn, target, "PRAGMA journal_mode=DELETE")
        yield conn
    finally:
        conn.close()


def _lock(conn: Any, target: Path, statement: str = "BEGIN EXCLUSIVE") -> None:
    try:
        conn.execute(statement)
    except SQLITE_ERRORS as exc:
        raise RestoreRefused(
            _(
                "The database {path} is in use (is jeugdtool open on it?). Close every program "
                "that uses it, then restore again. Nothing was changed."
            ).format(path=target)
        ) from exc


# ---------------------------------------------------------------- automatic copies

#: How automatic copies are named after the stamp (with a mark of the database they are of).
AUTO = "auto"


def _auto_reason(source: Path) -> str:
    # Two databases with the same file name share the backup folder; the mark keeps their
    # automatic copies apart, so keeping the newest N of one never removes the other's.
    mark = hashlib.sha256(str(source.absolute()).encode("utf-8")).hexdigest()[:8]
    return f"{AUTO}-{mark}"


def auto_backups(source: Path, folder: Path) -> list[Path]:
    """The automatic copies of `source` in `folder`, newest first (never a copy made before
    an upgrade or a restore: those are named differently)."""
    prefix, suffix = f"{source.stem}-", f"-{_auto_reason(source)}.sqlite"
    try:
        names = [e.name for e in os.scandir(folder) if e.is_file()]
    except OSError:
        return []
    found = [n for n in names if n.startswith(prefix) and n.endswith(suffix)]
    dated = [(made, n) for n in found if (made := _made(n[len(prefix) : -len(suffix)]))]
    return [folder / n for _made_at, n in sorted(dated, reverse=True)]


def _made(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(stamp, STAMP)
    except ValueError:
        return None


def last_auto_backup(source: Path, folder: Path) -> datetime | None:
    """When the newest automatic copy of `source` was made (local time); None: never."""
    newest = auto_backups(source, folder)[:1]
    if not newest:
        return None
    prefix, suffix = len(source.stem) + 1, len(_auto_reason(source)) + len(".sqlite") + 1
    return _made(newest[0].name[prefix:-suffix])


def auto_backup_due(source: Path, folder: Path, now: datetime | None = None) -> bool:
    """Whether today has no automatic copy yet (one a day, at the first start)."""
    last = last_auto_backup(source, folder)
    return last is None or last.date() < (now or datetime.now()).date()


def make_auto_backup(source: Path, folder: Path, keep: int, passphrase: str | None = None) -> Path:
    """Today's automatic copy of `source`; then only the newest `keep` automatic copies stay.
    Raises BackupFailed (nothing written, nothing removed) when it cannot be made."""
    try:
        made = _backup_into(source.absolute(), folder, _auto_reason(source), None, passphrase)
    except (OSError, *SQLITE_ERRORS) as exc:
        raise BackupFailed(
            _(
                "The automatic backup could not be made in {folder}: {reason}. Your work is "
                "saved as usual; jeugdtool tries again at the next start. Make room on the disk "
                "or choose another backup folder."
            ).format(folder=folder, reason=_reason(exc))
        ) from exc
    prune_auto_backups(source, folder, keep)
    return made


def prune_auto_backups(source: Path, folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` (at least one) automatic copies of `source`."""
    removed = []
    for old in auto_backups(source, folder)[max(keep, 1) :]:
        try:
            old.unlink()
            removed.append(old)
        except OSError as exc:
            log.warning("could not remove an old automatic backup: %s", exc.strerror)
    return removed
