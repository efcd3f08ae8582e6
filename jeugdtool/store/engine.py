"""Opening a database safely: check before writing, migrate when needed, clear errors otherwise.

A database that may only be read (the file, its folder or its drive) is opened read-only on
purpose: `Database.read_only` says so, SQLite opens it with `mode=ro`, and every write is
refused before it reaches the file (`ReadOnlyStorage`). It is never upgraded.

An encrypted file (SQLCipher, store/cipher.py) opens only with its passphrase in
`Location.passphrase`: without one, `NeedsPassphrase`; with a wrong one, `WrongPassphrase`, checked
by reading only, so the file stays byte-identical. A new file is encrypted when a passphrase is
given; a plain one is made only when the caller says so (`allow_plain_new`).
"""

from __future__ import annotations

import os
import select
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool
from sqlalchemy.pool import QueuePool

from jeugdtool.errors import ConnectionLost
from jeugdtool.errors import DatabaseBusy
from jeugdtool.errors import DatabaseCorrupt
from jeugdtool.errors import DatabaseLocked
from jeugdtool.errors import DatabaseMissing
from jeugdtool.errors import DatabaseOpenError
from jeugdtool.errors import DatabaseUnavailable
from jeugdtool.errors import DiskFull
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NeedsEncryptionChoice
from jeugdtool.errors import NeedsPassphrase
from jeugdtool.errors import NeedsWriteAccess
from jeugdtool.errors import NewerSchema
from jeugdtool.errors import NotADatabase
from jeugdtool.errors import ReadOnlyStorage
from jeugdtool.errors import SchemaNotReady
from jeugdtool.errors import StorageFault
from jeugdtool.errors import WrongPassphrase
from jeugdtool.i18n import _
from jeugdtool.store import access
from jeugdtool.store import audit
from jeugdtool.store import cipher
from jeugdtool.store import faults
from jeugdtool.store import schema
from jeugdtool.store.access import Access
from jeugdtool.store.location import Location
from jeugdtool.store.location import resolve

#: How long a write waits for another program's write to finish, in milliseconds.
BUSY_TIMEOUT_MS = 5000
#: How long a connection waits for a conversion of the whole file (Database.hold), seconds.
HOLD_TIMEOUT_S = 600.0
#: How long connecting to a PostgreSQL server may take (libpq counts 2 at least); a
#: `connect_timeout` in the URL's query wins.
PG_CONNECT_TIMEOUT_S = 10
#: A server connection back from the pool after resting longer than this is pinged (one round
#: trip) before use; one used more recently only when its socket says the server spoke
#: (`_check_alive`).
PING_AFTER_IDLE_S = 30.0


class JeugdtoolSession(Session):
    """Sessions of this class carry the stamping and audit listeners."""


audit.install(JeugdtoolSession)

#: `Session.info` key of a read-only database's sessions: the message refusing a write.
READ_ONLY = "read_only_refusal"


def _refuse_flush(session: Session, _context: Any, _instances: Any) -> None:
    refusal = session.info.get(READ_ONLY)
    if refusal and (session.new or session.dirty or session.deleted):
        raise ReadOnlyStorage(refusal)


def _refuse_write_statement(state: ORMExecuteState) -> None:
    refusal = state.session.info.get(READ_ONLY)
    if refusal and (state.is_insert or state.is_update or state.is_delete):
        raise ReadOnlyStorage(refusal)


# First in line, so no other flush listener (the audit trail) gets to write anything either.
event.listen(JeugdtoolSession, "before_flush", _refuse_flush, insert=True)
event.listen(JeugdtoolSession, "do_orm_execute", _refuse_write_statement, insert=True)


@dataclass
class Database:
    location: Location
    engine: Engine
    sessions: sessionmaker[JeugdtoolSession]
    #: The schema revision found before opening (None: a new, empty database).
    opened_from: str | None = None
    #: Opened for reading only, on purpose: the file, its folder or its drive may not be
    #: written. Every write is refused (ReadOnlyStorage) before it reaches the file.
    read_only: bool = False
    #: Why it may only be read, completing "…because {reason}" (translated); "" otherwise.
    read_only_reason: str = ""

    def close(self) -> None:
        self.engine.dispose()

    def hold(self, timeout_s: float = HOLD_TIMEOUT_S) -> Callable[[Location], None]:
        """Let go of the file while another step works on it as a whole (store/encrypt.py).
        Returns `release(location)`, to be called by that step (on its own thread) once the
        file may be used again, as `location`. A connection asked for meanwhile (a screen that
        loads, on any thread) waits for the release and then goes to `location`, so nothing
        reads a half-converted file and nothing fails; `switch_to` then makes it for good."""
        ready = threading.Event()
        after: list[Location] = []

        def release(location: Location) -> None:
            after.append(location)
            ready.set()

        def connect() -> Any:
            if not ready.wait(timeout_s):
                raise DatabaseBusy(
                    _(
                        "The database is still being converted. Try again in a moment; "
                        "nothing was changed."
                    )
                )
            location = after[-1]
            assert location.path is not None
            return cipher.connect(location.path, location.passphrase, check_same_thread=False)

        # The plain dialect: `connect` keys the connection itself (with the passphrase of the
        # location released, which may be new).
        self._replace_engine(make_engine(self.location.with_passphrase(None), creator=connect))
        return release

    def switch_to(self, location: Location) -> None:
        """Work on `location` from now on: the same file, after it was encrypted or got
        another passphrase (or, after a failure, as it was). Every session made from now on
        uses it; the sessions factory stays the same object, so units of work keep working."""
        assert location.path is not None and location.path == self.location.path
        self._replace_engine(make_engine(location))
        self.location = location

    def _replace_engine(self, engine: Engine) -> None:
        old, self.engine = self.engine, engine
        self.sessions.configure(bind=engine)
        old.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
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


def _sqlite_begin_reading(conn: Any) -> None:
    # A reader takes no write lock (it could not: the file may only be read).
    conn.exec_driver_sql("BEGIN")


def _read_only_options(location: Location, found: Access | None) -> dict[str, Any]:
    """How the engine connects to a read-only file: `mode=ro` (SQLite refuses every write),
    and a fresh connection each time, so `immutable` is decided again on every connect."""
    if found is None or not found.read_only:
        return {}
    path = location.path
    assert path is not None

    # An encrypted file: SQLCipher's module, keyed by the dialect (pysqlcipher) on connect.
    module = cipher.driver() if location.encrypted else sqlite3

    def connect() -> Any:
        uri = access.read_only_uri(path, found)
        return module.connect(uri, uri=True, check_same_thread=False)

    return {"creator": connect, "poolclass": NullPool}


def make_engine(
    location: Location, found: Access | None = None, creator: Callable[[], Any] | None = None
) -> Engine:
    """An engine for `location`; for an SQLite file that `found` says may only be read, a
    read-only one; with `creator`, one whose connections it makes (`Database.hold`)."""
    if location.is_sqlite:
        url, options = location.url, _read_only_options(location, found)
        if creator is not None:
            options = {"creator": creator, "poolclass": NullPool}
        if location.passphrase is not None:
            cipher.driver()  # DatabaseUnavailable when this installation cannot decrypt
            # The dialect keys every new connection first; the URL with the passphrase stays
            # inside the engine (SQLAlchemy never renders a password).
            url = url.set(drivername="sqlite+pysqlcipher", password=location.passphrase)
            # Its default pool keeps one connection per thread, which our worker threads
            # would pile up; a queue like pysqlite's file databases (each connect costs the
            # key derivation, ~0.2 s, so connections are kept).
            options.setdefault("poolclass", QueuePool)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False},
            pool_pre_ping=False,
            hide_parameters=True,
            **options,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        reading = found is not None and found.read_only
        event.listen(engine, "begin", _sqlite_begin_reading if reading else _sqlite_begin)
        faults.install(engine, location.display)
        return engine
    connect_args: dict[str, Any] = {}
    if location.url.get_backend_name() == "postgresql" and "connect_timeout" not in (
        location.url.query
    ):
        # libpq waits for the operating system otherwise (minutes, with the window frozen)
        # when the server is unreachable, e.g. without the VPN.
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    try:
        engine = create_engine(
            location.url, pool_pre_ping=False, connect_args=connect_args, hide_parameters=True
        )
    except (ImportError, NoSuchModuleError) as exc:  # the driver (psycopg) is not installed
        raise DatabaseUnavailable(
            _("The program needed for the database {db} is not installed ({reason}).").format(
                db=location.display, reason=f"{exc}; pip install 'jeugdtool[postgres]'"
            )
        ) from exc
    watch_connections(engine)
    faults.install(engine, location.display)
    return engine


#: `_ConnectionRecord.info` key: when the connection went back into the pool (monotonic).
_RESTING_SINCE = "jeugdtool_resting_since"


def watch_connections(engine: Engine) -> None:
    """A pooled server connection that died while it rested (the server restarted, an
    administrator ended it) is replaced before use, without the user noticing: what
    `pool_pre_ping` does, without its round trip on every use. An action's connection comes
    back from the pool many times (each unit of work, each screen's reload), and on a server
    each round trip is felt. See `_check_alive`."""
    dialect = engine.dialect

    def check_alive(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        _check_alive(dialect, dbapi_conn, record)

    event.listen(engine, "checkin", _note_rest)
    event.listen(engine, "checkout", check_alive)


def _note_rest(_dbapi_conn: Any, record: Any) -> None:
    if record is not None:
        record.info[_RESTING_SINCE] = time.monotonic()


def _check_alive(dialect: Any, dbapi_conn: Any, record: Any) -> None:
    """Before a pooled connection is used: ping it (one round trip) when it rested longer
    than PING_AFTER_IDLE_S or when the server said something meanwhile — a server that stops,
    or ends the session, says so and closes the socket, so it is readable; an idle socket has
    nothing to read. Otherwise use it as it is (no round trip). A connection found dead is
    replaced, with every other one of the pool (`InvalidatePoolError`, as pre-ping does); a
    fault noticed only by the next statement reaches the user as ConnectionLost, and the
    pool connects anew for the next action (store/faults.py)."""
    resting_since = record.info.get(_RESTING_SINCE)
    if resting_since is None:
        return  # just connected: nothing to check
    rested = time.monotonic() - resting_since
    if rested <= PING_AFTER_IDLE_S and not _server_spoke(dbapi_conn):
        return
    try:
        dialect.do_ping(dbapi_conn)
    except dialect.loaded_dbapi.Error as exc:
        if dialect.is_disconnect(exc, dbapi_conn, None):
            raise InvalidatePoolError() from exc
        raise  # translated by the engine (store/faults.py), as any fault on connecting


def _server_spoke(dbapi_conn: Any) -> bool:
    """Whether an idle psycopg connection has something to read (or is known broken): at rest
    the server sends nothing unless it goes away. Asks the operating system, not the server."""
    try:
        if dbapi_conn.closed or dbapi_conn.broken:
            return True
        socket = dbapi_conn.pgconn.socket
        readable, _writable, _failed = select.select([socket], [], [], 0)
    except Exception:  # no usable socket: let the ping decide
        return True
    return bool(readable)


def _translate(exc: BaseException, location: Location) -> DatabaseOpenError:
    """Why `location` cannot be opened, from a driver error or the store's translation of one."""
    where = location.display
    fault = exc if isinstance(exc, JeugdtoolError) else faults.translate(exc, where)
    if isinstance(fault, DatabaseOpenError):
        return fault
    if isinstance(fault, DatabaseBusy):
        return DatabaseLocked(
            _(
                "The database {path} is locked by another program. Close the other program "
                "(or the other jeugdtool window) and try again. Nothing was changed."
            ).format(path=where)
        )
    if isinstance(fault, DiskFull):
        return DatabaseUnavailable(
            _(
                "The database {path} cannot be opened because the disk is full. Make some space "
                "free and start jeugdtool again. Nothing was changed."
            ).format(path=where)
        )
    if isinstance(fault, ConnectionLost):
        return DatabaseUnavailable(
            _(
                "The database server {server} cannot be reached. Check the network connection "
                "(VPN) and try again, or ask your administrator whether the server is running."
            ).format(server=where)
        )
    return DatabaseUnavailable(
        _("The database {path} cannot be opened: {reason}").format(path=where, reason=fault)
    )


class _WritingRefused(Exception):
    """SQLite found the file read-only although the checks before opening said it may be
    written (a network drive can answer differently than it promised)."""


#: (how many tables, whether alembic_version is one of them) in the schema the program uses,
#: as the dialect's inspector lists tables, asked in one plain query: the inspector builds and
#: compiles its reflection queries first, a cost every start paid before the list (3-8 ms).
_TABLES_FOUND = {
    "sqlite": text(
        "SELECT count(*), coalesce(max(name = 'alembic_version'), 0) FROM sqlite_master"
        " WHERE type = 'table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~'"
    ),
    "postgresql": text(
        "SELECT count(*), coalesce(bool_or(c.relname = 'alembic_version'), false)"
        " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
    ),
}


def _tables_found(conn: Any) -> tuple[int, bool]:
    """How many tables the database has, and whether one is alembic_version (the schema's
    revision: jeugdtool's database)."""
    query = _TABLES_FOUND.get(conn.dialect.name)
    if query is None:  # another dialect: its inspector
        tables = inspect(conn).get_table_names()
        return len(tables), "alembic_version" in tables
    count, ours = conn.execute(query).one()
    return int(count), bool(ours)


def read_revision(engine: Engine, location: Location, writing: bool = False) -> str | None:
    """The schema revision in the database; None for an empty one. Never writes.

    `writing`: the engine is one that writes, so SQLite's refusal to write (it must create the
    -shm file even to read) means the file may only be read after all (`_WritingRefused`)."""
    try:
        with engine.connect() as conn:
            tables, ours = _tables_found(conn)
            if not tables:
                return None
            if not ours:
                raise NotADatabase(
                    _(
                        "{path} is a database of another program, not of jeugdtool. "
                        "Nothing was changed."
                    ).format(path=location.display)
                )
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (DBAPIError, StorageFault, DatabaseCorrupt) as exc:
        if writing and location.is_sqlite and isinstance(exc, ReadOnlyStorage):
            raise _WritingRefused from exc
        raise _translate(exc, location) from None


def _ensure_writable(location: Location, *, wal: bool = True) -> None:
    """Check nobody holds the write lock; with `wal`, switch to WAL (outside any transaction)."""
    assert location.path is not None
    conn = cipher.connect(location.path, location.passphrase, isolation_level=None, timeout=1.5)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        if wal and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
    except cipher.SQLITE_ERRORS as exc:
        if isinstance(faults.translate(exc, location.display), ReadOnlyStorage):
            raise _WritingRefused from exc
        raise _translate(exc, location) from exc
    finally:
        conn.close()


def open_database(
    target: str | os.PathLike[str] | Location | None = None,
    *,
    create: bool = True,
    replace_empty: bool = False,
    allow_plain_new: bool = True,
) -> Database:
    """Open (and if needed create or upgrade) a database; a team database on a server is only
    opened, never set up or upgraded (`team_admin`). Raises a DatabaseOpenError whose
    message says what is wrong; in that case nothing in the database was changed.

    `create`: make a new file when there is none (else `DatabaseMissing`). `replace_empty`:
    start a new database in an existing empty (0-byte) file, which is refused otherwise
    (`EmptyDatabaseFile`): an emptied file must not quietly look like a database without
    cases. A database that may only be read opens with `read_only` set.

    An encrypted file needs `location.passphrase` (else `NeedsPassphrase`, or `WrongPassphrase`
    when it does not fit); a plain file opens as plain whatever passphrase was given. A new
    file is encrypted with the passphrase given; without one it is made plain only with
    `allow_plain_new` (else `NeedsEncryptionChoice`: the entry points ask or refuse).
    """
    location = target if isinstance(target, Location) else resolve(target)
    found = Access()
    if location.is_sqlite:
        location, found = _prepare_file(location, create, replace_empty, allow_plain_new)
    try:
        return _open(location, found)
    except _WritingRefused:
        assert location.path is not None
        reason = _("the drive or the server refused to save to it")
        # It said yes and did no: assume no file can be made beside it either (-shm).
        found = Access(True, reason, folder_writable=False)
        access.check_readable(location.path, found)
        return _open(location, found)


def _with_fitting_key(location: Location, create: bool, allow_plain_new: bool) -> Location:
    """`location` with the passphrase the file needs: checked (read only) for an encrypted
    file, dropped for a plain one, required for a new one unless plain is allowed."""
    path = location.path
    assert path is not None
    if cipher.is_encrypted(path):
        return fitting_passphrase(location)
    if access.exists(path) and path.stat().st_size > 0:
        return location.with_passphrase(None)  # a plain database: opened as it is
    if location.passphrase is None and not allow_plain_new:
        raise NeedsEncryptionChoice(
            _(
                "A new database {path} would be made without encryption. Give a passphrase "
                "(JEUGDTOOL_PASSPHRASE, or type it when asked), or choose explicitly for an "
                "unencrypted database (--no-encryption)."
            ).format(path=location.display)
        )
    return location


def fitting_passphrase(location: Location) -> Location:
    """The encrypted file `location` with a passphrase that opens it, checked by reading
    only: NeedsPassphrase without one, WrongPassphrase when it does not fit."""
    path = location.path
    assert path is not None
    if location.passphrase is None:
        raise NeedsPassphrase(needs_passphrase_message(location), path=str(path))
    try:
        fits = cipher.check_passphrase(path, location.passphrase)
    except cipher.SQLITE_ERRORS as exc:
        raise _translate(exc, location) from None
    if not fits:
        raise WrongPassphrase(wrong_passphrase_message(location), path=str(path))
    return location


def needs_passphrase_message(location: Location) -> str:
    return _(
        "The database {path} is encrypted (or it is not a jeugdtool database). Give its "
        "passphrase to open it."
    ).format(path=location.display)


def wrong_passphrase_message(location: Location) -> str:
    return _(
        "This passphrase does not open the database {path}. Check Caps Lock and the keyboard "
        "layout, and try again. The file was not changed. (A file of another program is "
        "refused the same way.)"
    ).format(path=location.display)


def _prepare_file(
    location: Location, create: bool, replace_empty: bool, allow_plain_new: bool
) -> tuple[Location, Access]:
    """Check the file before SQLite (or WAL) touches it: with the passphrase it needs, and
    how it may be opened."""
    path = location.path
    assert path is not None
    if not access.exists(path):
        if not create:
            raise DatabaseMissing(access.missing_file_message(path))
        location = _with_fitting_key(location, create, allow_plain_new)
        access.create_private_file(path)
        return location, Access()
    access.check_file(path, allow_empty=replace_empty, allow_unknown=cipher.is_encrypted(path))
    location = _with_fitting_key(location, create, allow_plain_new)
    found = access.probe(path)
    if found.read_only:
        access.check_readable(path, found)
    return location, found


def _open(location: Location, found: Access) -> Database:
    engine = make_engine(location, found)
    try:
        revision = read_revision(engine, location, writing=not found.read_only)
        if revision is not None and revision not in schema.REVISIONS:
            raise NewerSchema(
                _(
                    "The database {path} was made by a newer version of jeugdtool "
                    "(schema {revision}). Install the newer jeugdtool to open it; "
                    "this version leaves it untouched."
                ).format(path=location.display, revision=revision)
            )
        if found.read_only:
            _check_current(location, revision, found)
        else:
            _prepare_for_writing(engine, location, revision)
    except BaseException:
        engine.dispose()
        raise
    info = {READ_ONLY: read_only_refusal(location, found)} if found.read_only else {}
    sessions = sessionmaker(bind=engine, class_=JeugdtoolSession, expire_on_commit=False, info=info)
    return Database(
        location=location,
        engine=engine,
        sessions=sessions,
        opened_from=revision,
        read_only=found.read_only,
        read_only_reason=found.reason,
    )


def _prepare_for_writing(engine: Engine, location: Location, revision: str | None) -> None:
    current = revision == schema.HEAD
    if location.path is None and not current:
        # A team database is set up and upgraded by its administrator (`jeugdtool admin`), with
        # its access rules; a client has no rights to change the schema, and must not try.
        raise schema_not_ready(location, revision)
    if location.path is not None:
        # Ours (checked above), so ours to make private; a refused file keeps even its mode.
        access.make_private(location.path)
        # Not yet WAL before an upgrade: until the backup is made, the file stays as it was.
        _ensure_writable(location, wal=current)
    if not current:
        from jeugdtool.store import migrate  # alembic only when the schema must change
        from jeugdtool.store.base import load_every_model

        load_every_model()  # every package registers its after-upgrade steps (schema.py)
        migrate.upgrade(engine, location, revision)
        if location.is_sqlite:
            engine.dispose()  # no connection of the upgrade holds on to the old journal mode
            _ensure_writable(location)


def schema_not_ready(location: Location, revision: str | None) -> SchemaNotReady:
    if revision is None:
        return SchemaNotReady(
            _(
                "The team database {db} has not been set up for jeugdtool yet. Ask your "
                "administrator to set it up (jeugdtool admin init, see the team mode guide)."
            ).format(db=location.display)
        )
    return SchemaNotReady(
        _(
            "The team database {db} was set up by an earlier version of jeugdtool (schema "
            "{revision}; this version needs {head}). Ask your administrator to upgrade it "
            "(jeugdtool admin upgrade, after a backup). Nothing was changed."
        ).format(db=location.display, revision=revision, head=schema.HEAD)
    )


def _check_current(location: Location, revision: str | None, found: Access) -> None:
    """A database that may only be read is used as it is: it cannot be set up or upgraded."""
    if revision is None:
        raise NeedsWriteAccess(
            _(
                "The database {path} is empty, and setting up a new database in it needs write "
                "access, but it can only be read, because {reason}. Choose another database, "
                "or a folder where you may save files."
            ).format(path=location.display, reason=found.reason)
        )
    if revision != schema.HEAD:
        raise NeedsWriteAccess(
            _(
                "The database {path} was made by an earlier version of jeugdtool and needs an "
                "upgrade, which needs write access; it can only be read, because {reason}. "
                "Open it once where you may write (or ask your administrator for write "
                "access), or read it with the jeugdtool version that made it. Nothing was "
                "changed."
            ).format(path=location.display, reason=found.reason)
        )


def read_only_refusal(location: Location, found: Access) -> str:
    """The message for a write to a database opened read-only (nothing reached the file)."""
    return _(
        "This was not saved: the database {path} is open for reading only, because {reason}. "
        "To make changes, open it from a place where you may write, or ask your administrator "
        "for write access."
    ).format(path=location.display, reason=found.reason)
