"""One translation of storage faults: every database driver error becomes a `JeugdtoolError`.

The engine's `handle_error` hook (installed by `install`) replaces the driver's exception before
it leaves SQLAlchemy, so every service, query and commit raises one of the classes below, with a
translated message that names the cause and the remedy. No SQL statement and no parameter ever
reaches the message (SQLAlchemy's own exception text has both; it is dropped here), and the
original driver exception that stays chained for the log carries neither.

The faults are told apart by the driver's codes, not by its English text where a code exists:
SQLite's (extended) result code, PostgreSQL's SQLSTATE.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError

from jeugdtool.errors import ConnectionLost
from jeugdtool.errors import DatabaseBusy
from jeugdtool.errors import DatabaseCorrupt
from jeugdtool.errors import DatabaseUnavailable
from jeugdtool.errors import DiskFull
from jeugdtool.errors import IntegrityViolation
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import LoginRefused
from jeugdtool.errors import NoPermission
from jeugdtool.errors import NotADatabase
from jeugdtool.errors import ReadOnlyStorage
from jeugdtool.errors import StorageError
from jeugdtool.errors import StorageFault
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store import cipher

log = logging.getLogger(__name__)

F = TypeVar("F", bound=StorageFault)

#: SQLite's primary result codes (the low byte of the extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_CONSTRAINT, _SQLITE_NOTADB, _SQLITE_AUTH = 19, 26, 23

#: PostgreSQL SQLSTATE classes and codes (appendix A of its manual).
_PG_CONNECTION_CLASSES = ("08", "57")  # connection exception; operator intervention (shutdown)
_PG_DISK_FULL = ("53100",)
_PG_RESOURCES_CLASS = "53"
_PG_READ_ONLY = (
    "25006",
)  # read_only_sql_transaction (a standby, or default_transaction_read_only)
_PG_BUSY = ("40001", "40P01", "55P03")  # serialization failure, deadlock, lock not available
_PG_NO_RIGHTS = ("42501",)  # insufficient_privilege
_PG_INTEGRITY_CLASS = "23"


#: What each storage fault says: the cause and the remedy. `{path}`, `{server}` and `{db}` all
#: name the database (its file or its server).
_MESSAGES: dict[type[StorageFault], str] = {
    DiskFull: N_(
        "Nothing was saved: the disk is full. Make some space free (empty the recycle "
        "bin, remove large files) and try again."
    ),
    ReadOnlyStorage: N_(
        "Nothing was saved: the database {path} (or its folder) may only be read, not "
        "written. Open it from a place where you may write, or ask your administrator for "
        "write access."
    ),
    DatabaseBusy: N_(
        "The database is busy with another program, so your change was not saved. "
        "Try again in a moment."
    ),
    ConnectionLost: N_(
        "The connection to the database server {server} was broken, so nothing was saved. "
        "Check the network (VPN); if the server is down, ask your administrator."
    ),
    NoPermission: N_(
        "You do not have the rights for this in the database {db}, so nothing was changed. "
        "Ask your administrator for access."
    ),
    StorageError: N_(
        "The database {path} could not be read or written (a fault of the disk, the USB "
        "stick or the network drive), so nothing was saved. Check that the drive is "
        "connected and try again."
    ),
}


def fault(kind: type[F], where: str = "") -> F:
    """The `kind` of storage fault for the database `where`, with its translated message."""
    return kind(_(_MESSAGES[kind]).format(path=where, server=where, db=where))


def disk_full() -> DiskFull:
    return fault(DiskFull)


def connection_lost(where: str) -> ConnectionLost:
    return fault(ConnectionLost, where)


def integrity_violation(detail: str) -> IntegrityViolation:
    return IntegrityViolation(
        _(
            "This was not saved, because it breaks a rule of the database (for instance a "
            "number that is already in use). Nothing was changed."
        ),
        detail=detail,
    )


def unknown(where: str, kind: str) -> StorageError:
    return StorageError(
        _(
            "The database {path} reported an unexpected fault ({kind}), so nothing was "
            "changed. Try again; if it keeps happening, tell your administrator."
        ).format(path=where, kind=kind)
    )


def translate(exc: BaseException, where: str) -> JeugdtoolError:
    """The `JeugdtoolError` for a driver exception (raw, or wrapped in SQLAlchemy's DBAPIError)."""
    orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    if isinstance(orig, cipher.SQLITE_ERRORS):
        return _from_sqlite(orig, where)
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate is not None or type(orig).__module__.startswith("psycopg"):
        return _from_postgres(orig, sqlstate, where)
    return unknown(where, type(orig).__name__)


def _from_sqlite(orig: BaseException, where: str) -> JeugdtoolError:
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None:  # a Python-side sqlite3 error (a closed connection, a misuse)
        return unknown(where, type(orig).__name__)
    primary = code & 0xFF
    if primary == _SQLITE_FULL:
        return disk_full()
    if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_AUTH):
        return fault(ReadOnlyStorage, where)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return fault(DatabaseBusy)
    if primary == _SQLITE_CONSTRAINT:
        return integrity_violation(str(orig))
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) and _no_space_left(where):
        return disk_full()  # SQLite reports ENOSPC on its -wal/-shm files as an I/O error
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        # Only `integrity_check` may call a file damaged (engine.open_database does so); an
        # I/O error is a drive that failed or went away, and a backup is the wrong remedy.
        return fault(StorageError, where)
    if primary == _SQLITE_NOTADB:
        return NotADatabase(_("{path} is not a jeugdtool database.").format(path=where))
    if primary == _SQLITE_CORRUPT:
        return DatabaseCorrupt(
            _(
                "The database {path} is damaged: SQLite found an error in it while working, "
                "so nothing was saved. Close jeugdtool and run `jeugdtool check`; restore the "
                "latest backup only if the check confirms the damage."
            ).format(path=where)
        )
    return unknown(where, str(getattr(orig, "sqlite_errorname", type(orig).__name__)))


#: Below this many free bytes on the database's drive, an I/O error is taken for a full disk.
_NEARLY_FULL = 64 * 1024


def _no_space_left(where: str) -> bool:
    """True when `where` is a database file whose drive has (almost) no space left."""
    if "://" in where:
        return False
    try:
        return shutil.disk_usage(Path(where).parent).free < _NEARLY_FULL
    except OSError:
        return False


def _from_postgres(orig: BaseException, sqlstate: str | None, where: str) -> JeugdtoolError:
    refused = login_refused(orig, where)
    if refused is not None:
        return refused
    if sqlstate is None or sqlstate[:2] in _PG_CONNECTION_CLASSES:
        # psycopg raises OperationalError without a SQLSTATE when the socket is gone.
        return connection_lost(where)
    if sqlstate in _PG_DISK_FULL:
        return disk_full()
    if sqlstate in _PG_READ_ONLY:
        return fault(ReadOnlyStorage, where)
    if sqlstate in _PG_BUSY:
        return fault(DatabaseBusy)
    if sqlstate in _PG_NO_RIGHTS:
        return fault(NoPermission, where)
    if sqlstate[:2] == _PG_INTEGRITY_CLASS:
        return integrity_violation(str(getattr(orig, "diag", None) and orig.diag.constraint_name))
    if sqlstate[:2] == _PG_RESOURCES_CLASS:
        return unknown(where, sqlstate)
    return unknown(where, sqlstate)


#: How the server says a login failed (no SQLSTATE reaches the client before it is let in).
#: PostgreSQL answers the same for a wrong password and an unknown login, on purpose.
_AUTH_FAILED = ("authentication failed", "authenticatie", 'role "', "rol ")
_NO_DATABASE = ("does not exist", "bestaat niet")


def login_refused(orig: BaseException, where: str) -> LoginRefused | DatabaseUnavailable | None:
    """A `LoginRefused` when connecting failed on the login, not on the network."""
    pgconn = getattr(orig, "pgconn", None)
    if pgconn is None or getattr(pgconn, "server_version", 1):
        return None  # connected once: this is not about logging in
    if getattr(pgconn, "needs_password", False):
        return LoginRefused(
            _("The database server {server} asks for your password.").format(server=where),
            needs_password=True,
        )
    message = str(orig).lower()
    if "database" in message and any(words in message for words in _NO_DATABASE):
        return DatabaseUnavailable(
            _(
                "The database {server} does not exist on its server. Check the address, or "
                "ask your administrator for the right one."
            ).format(server=where)
        )
    if any(words in message for words in _AUTH_FAILED):
        return LoginRefused(
            _(
                "The database server {server} did not accept your login name and password. "
                "Check both and try again (mind the Caps Lock key). If you have forgotten your "
                "password or have no login yet, ask your administrator."
            ).format(server=where)
        )
    return None


def install(engine: Engine, where: str) -> None:
    """Translate every driver error on `engine` before it leaves SQLAlchemy."""

    def on_error(context: ExceptionContext) -> JeugdtoolError | None:
        if context.is_pre_ping:  # SQLAlchemy reconnects by itself on a failed ping
            return None
        translated = translate(context.original_exception, where)
        # The kind only: the driver's text can quote the statement or a value.
        log.info(
            "database fault: %s (%s)",
            type(translated).__name__,
            _driver_code(context.original_exception),
        )
        return translated

    event.listen(engine, "handle_error", on_error, retval=True)


def _driver_code(orig: Any) -> str:
    return str(
        getattr(orig, "sqlite_errorname", None) or getattr(orig, "sqlstate", None) or "no code"
    )
