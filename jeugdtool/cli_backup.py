"""`jeugdtool backup` and `jeugdtool restore`: a copy of a database file, and putting one back.

Both work on the file itself with SQLite's own means (store/backup.py), not through a unit of
work: a backup is consistent while jeugdtool is open on the database, and a restore needs no
user. A team database on a server is backed up with pg_dump (docs/team-mode.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from jeugdtool.cli_session import location_of
from jeugdtool.cli_session import with_passphrase
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import backup
from jeugdtool.store import cipher
from jeugdtool.store.engine import fitting_passphrase
from jeugdtool.store.location import Location
from jeugdtool.store.location import resolve

#: Exit codes.
OK, FAILED = 0, 1


def _database_file(location: Location) -> Path:
    """The SQLite file of `location`; a team database is refused (it is the server's job)."""
    if location.path is None:
        raise JeugdtoolError(
            _(
                "{db} is a team database on a server: making and restoring its backups is "
                "the job of the server's administrator, with pg_dump and pg_restore (see "
                "docs/team-mode.md)."
            ).format(db=location.display)
        )
    return location.path


def _opened_copy(path: Path, passphrase: str | None) -> tuple[str | None, backup.BackupInfo]:
    """The passphrase that opens the copy `path` (None for a plain copy) and what it holds;
    NeedsPassphrase or WrongPassphrase otherwise, so `with_passphrase` asks (again)."""
    info = backup.describe(path, passphrase)
    return (passphrase if backup.is_encrypted(path) else None), info


def _holds(info: backup.BackupInfo) -> str:
    """What a database holds, in one sentence."""
    cases = ngettext("{count} case", "{count} cases", info.cases).format(count=info.cases)
    if info.newest_change is None:
        return cases
    newest = info.newest_change.astimezone().strftime("%Y-%m-%d %H:%M")
    return _("{cases}, last change {when}").format(cases=cases, when=newest)


def cmd_backup(args: argparse.Namespace) -> int:
    source = _database_file(location_of(args))
    if not source.is_file():
        raise JeugdtoolError(
            _("The database {path} does not exist, so there is nothing to back up.").format(
                path=source
            )
        )
    location = location_of(args)

    def copy(at: Location) -> backup.BackupInfo:
        key = fitting_passphrase(at).passphrase if cipher.is_encrypted(source) else None
        return backup.backup_to(source, args.out, passphrase=key)

    info = with_passphrase(location, copy)
    print(_("Backup written to {path}: {holds}.").format(path=info.path, holds=_holds(info)))
    return OK


def cmd_restore(args: argparse.Namespace) -> int:
    target = _database_file(location_of(args))
    # The copy's passphrase (asked like a database's): the restored database keeps it.
    copy = resolve(Path(args.file))
    key, info = with_passphrase(copy, lambda at: _opened_copy(args.file, at.passphrase))
    print(_("The backup {path} holds {holds}.").format(path=info.path, holds=_holds(info)))
    done = backup.restore(args.file, target, replace=args.replace, passphrase=key)
    if done.previous is not None:
        print(_("The database that was there is kept as {path}.").format(path=done.previous))
    print(_("Restored as {path}.").format(path=target))
    if info.older_schema:
        print(
            _(
                "The backup was made by an earlier version of jeugdtool (schema {revision}); "
                "it is brought up to date when it is opened, after a copy is made."
            ).format(revision=info.revision)
        )
    return OK
