"""Shared fixtures: a private jeugdtool home per test, an open database, a unit of work.

`db` is an SQLite file. Tests marked `both_backends` (e.g. `pytestmark` of a module) run twice,
`[sqlite]` and `[postgres]`: the second on a new, empty database of the PostgreSQL server that
JEUGDTOOL_TEST_PG_URL names (`make test` starts one: scripts/with-postgres.sh), and skipped with the
reason when that variable is not set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: A PostgreSQL server URL (postgresql+psycopg://user:password@host:port/db) whose user may
#: create databases; each PostgreSQL test gets a database of its own there.
PG_URL_ENV = "JEUGDTOOL_TEST_PG_URL"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"both_backends: run on SQLite, and on PostgreSQL when {PG_URL_ENV} is set",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_backends"
    ):
        metafunc.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture(autouse=True)
def jeugdtool_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings, data, backups and the log of each test stay in its own temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("JEUGDTOOL_HOME", str(home))
    monkeypatch.delenv("JEUGDTOOL_DB", raising=False)
    # New databases of tests are plain unless a test gives a passphrase (each encrypted
    # connection costs the key derivation); tests/core/test_encryption.py covers encryption.
    monkeypatch.setenv("JEUGDTOOL_NO_ENCRYPTION", "1")
    monkeypatch.delenv("JEUGDTOOL_PASSPHRASE", raising=False)
    from jeugdtool import i18n

    i18n.set_language("nl")
    yield home
    from jeugdtool import logs

    logs.shutdown()  # a log set up by the test (cli.main, run_gui) ends with its home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite"


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The kind of database `db` is: "sqlite", or "postgres" in `both_backends` tests."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_admin() -> Iterator:
    """An autocommit engine on the PostgreSQL test server; skips when there is none."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        why = os.environ.get("JEUGDTOOL_TEST_PG_UNAVAILABLE") or "not set"
        pytest.skip(f"PostgreSQL tests need {PG_URL_ENV} ({why}); `make test` sets it")
    from sqlalchemy import create_engine

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin) -> Iterator[str]:
    """The URL (with its password) of a new, empty PostgreSQL database, dropped after the test.

    Its sessions run in an odd time zone (+12:45/+13:45), so a time that depends on the
    server's zone shows up as wrong.
    """
    name = f"jeugdtool_test_{uuid.uuid4().hex[:16]}"
    with pg_admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        conn.exec_driver_sql(f"ALTER DATABASE \"{name}\" SET TimeZone TO 'Pacific/Chatham'")
    yield pg_admin.url.set(database=name).render_as_string(hide_password=False)
    from jeugdtool.store.team_sql import client_role

    client = client_role(name)
    with pg_admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # Roles belong to the whole server: the test's logins (members of its client role) and
        # the client role itself go with the database.
        logins = conn.exec_driver_sql(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = %(client)s",
            {"client": client},
        ).scalars()
        for login in [*logins, client]:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')


@pytest.fixture
def db(db_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator:
    from jeugdtool.store.engine import open_database

    if backend == "sqlite":
        database = open_database(db_path)
    else:  # a team database: set up by its owner (the test server's superuser), then opened
        from jeugdtool import team_admin

        url = request.getfixturevalue("pg_url")
        team_admin.init(url)
        database = open_database(url)
    yield database
    database.close()


@pytest.fixture
def uow(db):
    from jeugdtool.store.uow import UnitOfWork

    return UnitOfWork(db, "A. de Boer")


@pytest.fixture
def case(uow):
    """An open case with no members yet."""
    from jeugdtool.cases import households

    return households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value


# ---- a disk that can really fill up ----------------------------------------------------------

#: The size of the small disk: room for a database with a few cases, and little more.
SMALL_DISK = "8m"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of SMALL_DISK of its own, mounted for this test (root only; CI runs as root).

    Faults are tested on the real thing: SQLite meets ENOSPC from the kernel, not a mock.
    """
    import subprocess

    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs the suite as root)")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK},mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def fill_disk() -> Callable[[Path], Path]:
    """`fill_disk(folder)` writes a file there until the disk is full and returns it (remove it
    to free the space)."""
    return _fill_disk


def _fill_disk(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as fh:
        for size in (1 << 20, 1 << 16, 1 << 12, 1 << 9):
            while True:
                try:
                    fh.write(b"\0" * size)
                except OSError:
                    break
    return filler
