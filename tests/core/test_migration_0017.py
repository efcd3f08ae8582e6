"""Migration 0017 on a database of the schema before it (the demo households at 0016): each
household gets its folded search key and name key, filled by the program after the upgrade
(`store/schema.AFTER_UPGRADE`), not by the migration, which does not import the fold."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy import event

from jeugdtool.cases.search import fill_missing_keys
from jeugdtool.cases.search import search_key
from jeugdtool.folding import fold
from jeugdtool.store.engine import open_database
from jeugdtool.store.migrate import alembic_config

FIXTURE = Path(__file__).parent / "fixtures" / "db" / "schema-0016.sqlite"


def _engine(path: Path):
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _no_foreign_keys(dbapi_connection, _record) -> None:  # as store/migrate.py upgrades
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    return engine


def _migrate(path: Path, target: str, *, down: bool = False) -> None:
    engine = _engine(path)
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(config, target)
    finally:
        engine.dispose()


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _expected(path: Path) -> dict[int, tuple[str, str]]:
    names: dict[int, list[str]] = {}
    for hid, first, last in _rows(
        path,
        "SELECT household_id, first_name, last_name FROM persons"
        " ORDER BY household_id, position, id",
    ):
        names.setdefault(hid, []).append(f"{first} {last}")
    return {
        hid: (search_key(number, name, names.get(hid, [])), fold(name))
        for hid, number, name in _rows(path, "SELECT id, case_number, name FROM households")
    }


@pytest.fixture
def db_0016(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    return path


def test_the_migration_adds_empty_keys_and_the_program_fills_them(db_0016: Path) -> None:
    import jeugdtool.models  # noqa: F401  (cases.models registers the tables)

    before = _rows(db_0016, "SELECT * FROM households ORDER BY id")
    assert len(before) >= 6
    _migrate(db_0016, "0017")
    assert {r[0] for r in _rows(db_0016, "SELECT search_key FROM households")} == {""}
    engine = _engine(db_0016)
    try:
        with engine.begin() as conn:
            assert fill_missing_keys(conn) == len(before)
            assert fill_missing_keys(conn) == 0  # nothing missing: nothing written
    finally:
        engine.dispose()
    got = _rows(db_0016, "SELECT id, search_key, name_key FROM households")
    assert {hid: (key, name) for hid, key, name in got} == _expected(db_0016)
    indexes = {r[1] for r in _rows(db_0016, "PRAGMA index_list(households)")}
    assert {"ix_households_search_key", "ix_households_name_key"} <= indexes


def test_opening_an_old_database_fills_the_keys(db_0016: Path, jeugdtool_home: Path) -> None:
    import jeugdtool.models  # noqa: F401  (as the program does before it opens a database)

    open_database(db_0016).close()
    got = _rows(db_0016, "SELECT id, search_key, name_key FROM households")
    assert {hid: (key, name) for hid, key, name in got} == _expected(db_0016)
    assert all(key for _, key, _ in got)


def test_downgrade_takes_the_keys_away(db_0016: Path) -> None:
    before = _rows(db_0016, "SELECT * FROM households ORDER BY id")
    _migrate(db_0016, "0017")
    _migrate(db_0016, "0016", down=True)
    assert _rows(db_0016, "SELECT * FROM households ORDER BY id") == before
    assert _rows(db_0016, "PRAGMA foreign_key_check") == []
