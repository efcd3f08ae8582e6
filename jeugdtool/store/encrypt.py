"""Encrypting a plain database file in place, and changing an encrypted file's passphrase.

Both need the file to themselves: the program closes its own connections first, and another
program (or jeugdtool window) that has the file open makes them stop with `DatabaseLocked`
before anything changed.

Encrypting never risks the data: the encrypted copy is made beside the file, checked (SQLite's
integrity check, the schema version and the number of rows in every table), flushed to the
disk, and only then takes the file's name. The plain file's bytes are overwritten with zeros
through a descriptor held across the rename, and its -wal/-shm/-journal likewise, so no plain
copy stays behind. The automatic backups of the file are encrypted the same way.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jeugdtool.errors import DatabaseLocked
from jeugdtool.errors import DatabaseUnavailable
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store import access
from jeugdtool.store import backup
from jeugdtool.store import cipher

log = logging.getLogger(__name__)

#: What the copy being made is called until it is checked.
ENCRYPTING = ".encrypting"

#: Progress: (steps done, steps in total).
Progress = Callable[[int, int], object]


@dataclass(frozen=True)
class Encrypted:
    """What `encrypt_database` did."""

    path: Path
    #: Rows in every table, the same before and after (checked).
    rows: dict[str, int]
    #: Automatic backups of the file that were plain and are encrypted now.
    backups: int


def encrypt_database(
    path: Path,
    passphrase: str,
    *,
    backup_folder: Path | None = None,
    progress: Progress | None = None,
) -> Encrypted:
    """Replace the plain database `path` by an encrypted copy with `passphrase` (see the module
    docstring). Raises a JeugdtoolError with the reason; then the file is as it was."""
    path = path.absolute()
    if cipher.is_encrypted(path):
        raise JeugdtoolError(_("The database {path} is encrypted already.").format(path=path))
    advice = cipher.advice(passphrase)
    if not advice.acceptable:
        raise JeugdtoolError(advice.message)
    cipher.driver()
    steps = 4
    _step(progress, 0, steps)
    _to_one_file(path, None)
    with _writers_held_off(path):
        return _encrypt(path, passphrase, backup_folder, progress)


def _encrypt(
    path: Path, passphrase: str, backup_folder: Path | None, progress: Progress | None
) -> Encrypted:
    steps = 4
    before = _rows(path, None)
    _step(progress, 1, steps)
    partial = path.with_name(path.name + ENCRYPTING)
    _remove_leftover(partial)
    try:
        cipher.export_encrypted(path, partial, passphrase)
        os.chmod(partial, access.OWNER_ONLY_FILE)
        _step(progress, 2, steps)
        _verify(partial, passphrase, before, path)
        backup.flush_file(partial)
        with cipher.held_open(path) as plain:
            os.replace(partial, path)
            backup.flush_folder(path.parent)
            cipher.zero_descriptor(plain)
    except cipher.SQLITE_ERRORS as exc:
        _remove_leftover(partial)
        raise _failed(path, _("SQLite could not make the encrypted copy")) from exc
    except OSError as exc:
        _remove_leftover(partial)
        raise _failed(path, access.os_reason(exc)) from exc
    for suffix in ("-wal", "-shm", "-journal"):
        cipher.overwrite_and_remove(access.companion(path, suffix))
    _step(progress, 3, steps)
    done = _encrypt_backups(path, passphrase, backup_folder)
    _step(progress, steps, steps)
    log.info("encrypted a database and %d automatic backups", done)
    return Encrypted(path, before, done)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Give the encrypted database `path` the passphrase `new`. The old one must open it
    (WrongPassphrase otherwise); the file must not be in use. Earlier backups keep the
    passphrase they were made with."""
    from jeugdtool.store.engine import fitting_passphrase
    from jeugdtool.store.location import resolve

    path = path.absolute()
    fitting_passphrase(resolve(path).with_passphrase(old))
    advice = cipher.advice(new)
    if not advice.acceptable:
        raise JeugdtoolError(advice.message)
    _to_one_file(path, old)
    try:
        cipher.rekey(path, old, new)
    except cipher.SQLITE_ERRORS as exc:
        raise DatabaseUnavailable(
            _(
                "The passphrase of the database {path} could not be changed: SQLite could not "
                "re-encrypt it. The old passphrase still opens it. Make room on the disk, then "
                "try again."
            ).format(path=path)
        ) from exc


# ---------------------------------------------------------------- steps


def _step(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _to_one_file(path: Path, passphrase: str | None) -> None:
    """Every change in the main file and the journal back to one file: refused (SQLite's
    lock) while another connection has it open, so nobody writes during what follows."""
    try:
        conn = cipher.connect(path, passphrase, isolation_level=None, timeout=1.5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except cipher.SQLITE_ERRORS as exc:
        raise _in_use(path) from exc


def _in_use(path: Path) -> DatabaseLocked:
    return DatabaseLocked(
        _(
            "The database {path} is in use by another program (or another jeugdtool "
            "window). Close it there, then try again. Nothing was changed."
        ).format(path=path)
    )


@contextlib.contextmanager
def _writers_held_off(path: Path) -> Iterator[None]:
    """A write lock on the plain file while it is copied and replaced: a change another
    connection tries meanwhile waits, and fails (busy) rather than being lost in the copy.
    Readers (the copy itself) are not held off."""
    guard = cipher.connect(path, None, isolation_level=None, timeout=1.5)
    try:
        guard.execute("BEGIN IMMEDIATE")
    except cipher.SQLITE_ERRORS as exc:
        guard.close()
        raise _in_use(path) from exc
    try:
        yield
    finally:
        with contextlib.suppress(*cipher.SQLITE_ERRORS):
            guard.execute("ROLLBACK")
        guard.close()


def _rows(path: Path, passphrase: str | None) -> dict[str, int]:
    conn = cipher.connect(f"{path.as_uri()}?mode=ro", passphrase, uri=True)
    try:
        return _count(conn)
    finally:
        conn.close()


def _count(conn: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    # The names come from the file's own catalogue, quoted as identifiers.
    return {
        name: conn.execute(
            f'SELECT count(*) FROM "{name.replace(chr(34), chr(34) * 2)}"'
        ).fetchone()[0]
        for name in sorted(names)
    }


def _verify(copy: Path, passphrase: str, rows: dict[str, int], path: Path) -> None:
    conn = cipher.connect(f"{copy.as_uri()}?mode=ro", passphrase, uri=True)
    try:
        fine = [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        same = fine and _count(conn) == rows
    finally:
        conn.close()
    if not same:
        raise _failed(path, _("the encrypted copy did not hold the same data"))


def _encrypt_backups(path: Path, passphrase: str, folder: Path | None) -> int:
    """The plain automatic backups of `path`, encrypted too (best effort: a copy that cannot
    be encrypted is named in the log, and stays as it was)."""
    from jeugdtool import paths

    done = 0
    for copy in backup.auto_backups(path, folder or paths.backup_dir()):
        if cipher.is_encrypted(copy):
            continue
        partial = copy.with_name(copy.name + ENCRYPTING)
        try:
            _remove_leftover(partial)
            cipher.export_encrypted(copy, partial, passphrase)
            os.chmod(partial, access.OWNER_ONLY_FILE)
            backup.flush_file(partial)
            with cipher.held_open(copy) as plain:
                os.replace(partial, copy)
                cipher.zero_descriptor(plain)
            done += 1
        except (OSError, *cipher.SQLITE_ERRORS) as exc:
            _remove_leftover(partial)
            log.warning("could not encrypt an automatic backup: %s", type(exc).__name__)
    return done


def _remove_leftover(partial: Path) -> None:
    for leftover in (partial, *(access.companion(partial, s) for s in access.COMPANIONS)):
        leftover.unlink(missing_ok=True)


def _failed(path: Path, reason: str) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        _(
            "The database {path} could not be encrypted: {reason}. Nothing was changed: the "
            "database is as it was (not encrypted). Make room on the disk, then try again."
        ).format(path=path, reason=reason)
    )
