"""Storage faults on the real thing: a disk that fills up, and a driver error of every kind.

The promise: no edit is reported saved and then missing; every fault reaches the caller as a
`JeugdtoolError` with a Dutch message naming cause and remedy, and without SQL or data.
"""

from __future__ import annotations

import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url

from jeugdtool import team_admin
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.errors import ConnectionLost
from jeugdtool.errors import DatabaseBusy
from jeugdtool.errors import DatabaseCorrupt
from jeugdtool.errors import DiskFull
from jeugdtool.errors import IntegrityViolation
from jeugdtool.errors import NoPermission
from jeugdtool.errors import NotADatabase
from jeugdtool.errors import ReadOnlyStorage
from jeugdtool.errors import StorageError
from jeugdtool.errors import StorageFault
from jeugdtool.errors import unexpected_summary
from jeugdtool.errors import unexpected_traceback
from jeugdtool.i18n import _
from jeugdtool.store import faults
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

#: Words that would show SQL, or SQLAlchemy's own text, reached a message.
LEAKS = ("SELECT", "INSERT", "UPDATE", "DELETE FROM", "sqlalche.me", "[SQL", "parameters", "Lid ")


def assert_clean(message: str) -> None:
    for leak in LEAKS:
        assert leak not in message, f"{leak!r} leaked into {message!r}"


def _sqlite_error(code: int, name: str) -> sqlite3.Error:
    error = sqlite3.OperationalError("driver text with SELECT * FROM households")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("code", "name", "kind"),
    [
        (sqlite3.SQLITE_FULL, "SQLITE_FULL", DiskFull),
        (sqlite3.SQLITE_READONLY, "SQLITE_READONLY", ReadOnlyStorage),
        (sqlite3.SQLITE_READONLY_DIRECTORY, "SQLITE_READONLY_DIRECTORY", ReadOnlyStorage),
        (sqlite3.SQLITE_BUSY, "SQLITE_BUSY", DatabaseBusy),
        (sqlite3.SQLITE_LOCKED, "SQLITE_LOCKED", DatabaseBusy),
        (sqlite3.SQLITE_IOERR_WRITE, "SQLITE_IOERR_WRITE", StorageError),
        (sqlite3.SQLITE_IOERR, "SQLITE_IOERR", StorageError),
        (sqlite3.SQLITE_CORRUPT, "SQLITE_CORRUPT", DatabaseCorrupt),
        (sqlite3.SQLITE_NOTADB, "SQLITE_NOTADB", NotADatabase),
        (sqlite3.SQLITE_CONSTRAINT_UNIQUE, "SQLITE_CONSTRAINT_UNIQUE", IntegrityViolation),
    ],
)
def test_each_sqlite_fault_is_translated_by_its_code(code: int, name: str, kind: type) -> None:
    translated = faults.translate(_sqlite_error(code, name), "/data/cases.sqlite")
    assert isinstance(translated, kind)
    assert_clean(str(translated))


def test_a_disk_io_error_is_not_called_damage() -> None:
    """Following "restore the backup" on a healthy file would throw away the newest work."""
    translated = faults.translate(
        _sqlite_error(sqlite3.SQLITE_IOERR_SHORT_READ, "SQLITE_IOERR_SHORT_READ"), "x.sqlite"
    )
    assert not isinstance(translated, DatabaseCorrupt)
    assert "reservekopie" not in str(translated) and "backup" not in str(translated)


class _PgError(Exception):
    def __init__(self, sqlstate: str | None):
        super().__init__("ERROR: permission denied for table households (SELECT …)")
        self.sqlstate = sqlstate


_PgError.__module__ = "psycopg.errors"


@pytest.mark.parametrize(
    ("sqlstate", "kind"),
    [
        (None, ConnectionLost),  # the socket is gone: psycopg has no SQLSTATE
        ("08006", ConnectionLost),
        ("57P01", ConnectionLost),  # the administrator shut the server down
        ("53100", DiskFull),
        ("25006", ReadOnlyStorage),
        ("40001", DatabaseBusy),
        ("40P01", DatabaseBusy),
        ("42501", NoPermission),
        ("XX000", StorageError),
    ],
)
def test_each_postgres_fault_is_translated_by_its_sqlstate(sqlstate: str | None, kind) -> None:
    translated = faults.translate(_PgError(sqlstate), "postgresql+psycopg://team@server/db")
    assert isinstance(translated, kind)
    assert "permission denied" not in str(translated)
    assert_clean(str(translated))


# ---- a disk that really fills up ---------------------------------------------------------


def _case(uow: UnitOfWork) -> int:
    return households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value.id


def test_edits_on_a_full_disk_fail_cleanly_and_none_reported_saved_goes_missing(
    small_disk: Path, fill_disk
) -> None:
    path = small_disk / "cases.sqlite"
    database = open_database(path)
    uow = UnitOfWork(database, "A. de Boer")
    case_id = _case(uow)
    filler = fill_disk(small_disk)
    saved: list[str] = []
    refused: list[StorageFault] = []
    for i in range(150):  # the count: all 150 were raw driver errors before
        name = f"Lid {i}"
        try:
            members.add_network_member(uow, case_id, {"name": name})
        except StorageFault as fault:
            refused.append(fault)
        else:
            saved.append(name)
        try:
            households.update_case(uow, case_id, {"name": f"Gezin Jansen {i}"})
        except StorageFault as fault:
            refused.append(fault)
    assert refused, "the disk was full, yet every write went through"
    for fault in refused:
        assert isinstance(fault, DiskFull)
        assert str(fault) == _(
            "Nothing was saved: the disk is full. Make some space free (empty the recycle "
            "bin, remove large files) and try again."
        )
        assert_clean(str(fault))
    database.close()

    filler.unlink()  # space again: the same database works, and holds what was reported saved
    database = open_database(path)
    uow = UnitOfWork(database, "A. de Boer")
    detail = queries.get_case(uow, case_id)
    assert [m.name for m in detail.network] == saved
    members.add_network_member(uow, case_id, {"name": "Na het vrijmaken"})
    assert len(queries.get_case(uow, case_id).network) == len(saved) + 1
    database.close()


def test_opening_on_a_full_disk_is_never_called_damaged(small_disk: Path, fill_disk) -> None:
    path = small_disk / "cases.sqlite"
    database = open_database(path)
    _case(UnitOfWork(database, "A. de Boer"))
    database.close()
    for leftover in small_disk.glob("cases.sqlite-*"):
        leftover.unlink()  # no -wal/-shm yet: opening must create them on the full disk
    fill_disk(small_disk)
    before = path.read_bytes()
    try:
        database = open_database(path)
    except StorageFault as fault:
        pytest.fail(f"an open error must be a DatabaseOpenError, got {fault!r}")
    except Exception as exc:
        assert not isinstance(exc, DatabaseCorrupt), str(exc)
        assert "beschadigd" not in str(exc)
        assert_clean(str(exc))
    else:  # opening itself may fit in what the kernel still had; a write then says "full"
        with pytest.raises(DiskFull):
            for i in range(50):
                households.update_case(
                    UnitOfWork(database, "A. de Boer"), 1, {"name": f"Gezin {i}"}
                )
        database.close()
    assert path.read_bytes()[:16] == before[:16]


# ---- a database server that goes down and comes back ---------------------------------------

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "test-postgres.sh"


@pytest.fixture
def own_server(pg_admin) -> Iterator[tuple[str, Path]]:
    """A PostgreSQL server of this test alone (stopping the shared one would hurt others).

    Its folder is under /tmp itself: the server runs as `postgres`, who may not enter pytest's
    private temporary folders."""
    folder = Path(tempfile.mkdtemp(prefix="jeugdtool-pg-fault."))
    started = subprocess.run(
        ["bash", str(SCRIPT), "start", str(folder)], capture_output=True, text=True
    )
    if started.returncode != 0:
        pytest.fail(f"could not start a private PostgreSQL server: {started.stderr[-500:]}")
    try:
        yield started.stdout.strip(), folder
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], capture_output=True)


def _server(action: str, folder: Path) -> None:
    subprocess.run(["bash", str(SCRIPT), action, str(folder)], check=True, capture_output=True)


@pytest.mark.slow
def test_a_server_that_goes_down_and_comes_back(own_server: tuple[str, Path]) -> None:
    url, folder = own_server
    team_admin.init(url)  # a team database is set up by its owner; clients only open it
    database = open_database(url)
    uow = UnitOfWork(database, "A. de Boer")
    case_id = _case(uow)
    saved: list[str] = []
    members.add_network_member(uow, case_id, {"name": "Voor de storing"})
    saved.append("Voor de storing")

    _server("halt", folder)
    for i in range(5):
        with pytest.raises(ConnectionLost) as info:
            members.add_network_member(uow, case_id, {"name": f"Tijdens {i}"})
        message = str(info.value)
        assert message == faults.connection_lost(database.location.display).args[0]
        assert "verbroken" in message or "broken" in message
        assert_clean(message)
        assert make_url(url).password not in message

    _server("resume", folder)
    members.add_network_member(uow, case_id, {"name": "Na de storing"})  # reconnects by itself
    saved.append("Na de storing")
    assert [m.name for m in queries.get_case(uow, case_id).network] == saved
    database.close()


def test_an_unexpected_error_is_logged_without_its_text() -> None:
    try:
        try:
            raise KeyError("Gezin Jansen")
        except KeyError as exc:
            raise RuntimeError("SELECT name FROM households WHERE name = 'Jansen'") from exc
    except RuntimeError as error:
        summary, places = unexpected_summary(error), unexpected_traceback(error)
    assert summary == "builtins.RuntimeError <- builtins.KeyError"
    assert "test_storage_faults.py" in places
    for text in (summary, places):
        assert "Jansen" not in text and "SELECT" not in text


# ---- killed while editing -------------------------------------------------------------------

#: A program that adds network members one by one and prints each name once its commit returned.
EDITOR = """
import sys
from jeugdtool.cases import members
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork
database = open_database(sys.argv[1])
uow = UnitOfWork(database, "A. de Boer")
start = int(sys.argv[2])
for i in range(start, start + 100000):
    members.add_network_member(uow, 1, {"name": f"Lid {i}"})
    print(f"Lid {i}", flush=True)
"""


@pytest.mark.slow
def test_killed_while_editing_loses_no_edit_reported_saved(tmp_path: Path) -> None:
    """kill -9 at random moments of continuous editing: every edit whose commit returned is
    there afterwards, and the file is sound (WAL, synchronous=FULL, one transaction an edit)."""
    import random
    import signal
    import sys
    import time

    path = tmp_path / "cases.sqlite"
    database = open_database(path)
    _case(UnitOfWork(database, "A. de Boer"))
    database.close()
    reported: list[str] = []
    rng = random.Random(11)
    for round_ in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(path), str(round_ * 100000)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        reported.append(child.stdout.readline().strip())  # it is editing now
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        rest, _err = child.communicate()
        reported.extend(line for line in rest.splitlines() if line)
    database = open_database(path)
    try:
        saved = {m.name for m in queries.get_case(UnitOfWork(database, "x"), 1).network}
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        database.close()
    missing = [name for name in reported if name not in saved]
    assert len(reported) > 12 and missing == []


def test_an_io_error_on_a_full_drive_says_the_disk_is_full(small_disk: Path, fill_disk) -> None:
    """SQLite reports ENOSPC on its -wal/-shm files as an I/O error: the remedy is free space."""
    fill_disk(small_disk)
    error = _sqlite_error(sqlite3.SQLITE_IOERR_SHMSIZE, "SQLITE_IOERR_SHMSIZE")
    assert isinstance(faults.translate(error, str(small_disk / "cases.sqlite")), DiskFull)
    assert isinstance(faults.translate(error, str(Path.cwd() / "cases.sqlite")), StorageError)
