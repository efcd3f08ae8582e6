"""Opening a database safely: check before writing, migrate when needed, clear errors otherwise."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from jeugdtool.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseUnavailable,
    NewerSchema,
    NotADatabase,
)
from jeugdtool.i18n import _
from jeugdtool.store import audit, schema
from jeugdtool.store.location import Location, resolve

SQLITE_HEADER = b"SQLite format 3\x00"
#: How long a write waits for another program's write to finish, in milliseconds.
BUSY_TIMEOUT_MS = 5000
#: How long connecting to a PostgreSQL server may take (libpq counts 2 at least); a
#: `connect_timeout` in the URL's query wins.
PG_CONNECT_TIMEOUT_S = 10


class JeugdtoolSession(Session):
    """Sessions of this class carry the stamping and audit listeners."""


audit.install(JeugdtoolSession)


@dataclass
class Database:
    location: Location
    engine: Engine
    sessions: sessionmaker[JeugdtoolSession]
    #: The schema revision found before opening (None: a new, empty database).
    opened_from: str | None = None

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Autocommit at the driver level; our "begin" listener starts real transactions, so a
    # write lock is taken at BEGIN and never upgraded mid-transaction (no SQLITE_BUSY deadlock).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # FULL: a committed edit survives power loss, also in WAL mode (NORMAL does not guarantee it).
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(location: Location) -> Engine:
    if location.is_sqlite:
        engine = create_engine(
            location.url, connect_args={"check_same_thread": False}, pool_pre_ping=False
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {}
    if location.url.get_backend_name() == "postgresql" and "connect_timeout" not in (
        location.url.query
    ):
        # libpq waits for the operating system otherwise (minutes, with the window frozen)
        # when the server is unreachable, e.g. without the VPN.
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    try:
        return create_engine(location.url, pool_pre_ping=True, connect_args=connect_args)
    except (ImportError, NoSuchModuleError) as exc:  # the driver (psycopg) is not installed
        raise DatabaseUnavailable(
            _("The program needed for the database {db} is not installed ({reason}).").format(
                db=location.display, reason=f"{exc}; pip install 'jeugdtool[postgres]'"
            )
        ) from exc


def _create_private_file(path: Path) -> None:
    """A new database file readable by its owner only (it holds data about children)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not an SQLite file before SQLAlchemy (or WAL) touches it."""
    if path.is_dir():
        raise NotADatabase(_("{path} is a folder, not a database file.").format(path=path))
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseUnavailable(
            _("The database {path} cannot be read: {reason}").format(path=path, reason=exc.strerror)
        ) from exc
    if header and header != SQLITE_HEADER:
        raise NotADatabase(
            _(
                "{path} is not a jeugdtool database (it is another kind of file). "
                "Choose a database file, or a new file name to start a new database."
            ).format(path=path)
        )


def _translate(exc: DBAPIError, location: Location) -> Exception:
    msg = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    where = location.display
    if "locked" in msg or "busy" in msg:
        return DatabaseLocked(
            _(
                "The database {path} is locked by another program. Close the other program "
                "(or the other jeugdtool window) and try again. Nothing was changed."
            ).format(path=where)
        )
    if "not a database" in msg or "file is encrypted" in msg:
        return NotADatabase(_("{path} is not a jeugdtool database.").format(path=where))
    if "malformed" in msg or "corrupt" in msg or "disk i/o" in msg:
        return DatabaseCorrupt(
            _(
                "The database {path} is damaged and cannot be opened. Nothing was changed. "
                "Restore the latest backup from {backups}, or ask your administrator."
            ).format(path=where, backups=_backup_hint())
        )
    return DatabaseUnavailable(
        _("The database {path} cannot be opened: {reason}").format(path=where, reason=exc.orig)
    )


def _backup_hint() -> str:
    from jeugdtool import paths

    return str(paths.backup_dir())


def read_revision(engine: Engine, location: Location) -> str | None:
    """The schema revision in the database; None for an empty one. Never writes."""
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise NotADatabase(
                    _(
                        "{path} is a database of another program, not of jeugdtool. "
                        "Nothing was changed."
                    ).format(path=location.display)
                )
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        raise _translate(exc, location) from exc


def _ensure_writable(location: Location) -> None:
    """Check nobody holds the write lock, then switch to WAL (outside any transaction)."""
    assert location.path is not None
    conn = sqlite3.connect(location.path, isolation_level=None, timeout=1.5)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as exc:
        raise _translate(OperationalError("PRAGMA", None, exc), location) from exc
    finally:
        conn.close()


def open_database(target: str | os.PathLike[str] | Location | None = None) -> Database:
    """Open (and if needed create or upgrade) a database. Raises a DatabaseOpenError whose
    message says what is wrong; in that case nothing in the database was changed."""
    location = target if isinstance(target, Location) else resolve(target)
    if location.path is not None:
        if location.path.exists():
            _check_sqlite_file(location.path)
        else:
            _create_private_file(location.path)
    engine = make_engine(location)
    try:
        revision = read_revision(engine, location)
        if revision is not None and revision not in schema.REVISIONS:
            raise NewerSchema(
                _(
                    "The database {path} was made by a newer version of jeugdtool "
                    "(schema {revision}). Install the newer jeugdtool to open it; "
                    "this version leaves it untouched."
                ).format(path=location.display, revision=revision)
            )
        if location.is_sqlite:
            _ensure_writable(location)
        if revision != schema.HEAD:
            from jeugdtool.store import migrate  # alembic only when the schema must change

            migrate.upgrade(engine, location, revision)
    except BaseException:
        engine.dispose()
        raise
    sessions = sessionmaker(bind=engine, class_=JeugdtoolSession, expire_on_commit=False)
    return Database(location=location, engine=engine, sessions=sessions, opened_from=revision)
