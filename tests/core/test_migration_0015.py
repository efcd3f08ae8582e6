"""Migration 0015 on a database of the schema before it (the demo households at 0012, taken to
0014 first): agreements and help items get their mark for special categories, not marked."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy import event

from jeugdtool.store.migrate import alembic_config

FIXTURE = Path(__file__).parent / "fixtures" / "db" / "schema-0012.sqlite"
TABLES = ("agreements", "help_items")


def _migrate(path: Path, target: str, *, down: bool = False) -> None:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _no_foreign_keys(dbapi_connection, _record) -> None:  # as store/migrate.py upgrades
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

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


def _columns(path: Path, table: str) -> set[str]:
    return {r[1] for r in _rows(path, f"PRAGMA table_info({table})")}


@pytest.fixture
def db_0014(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    _migrate(path, "0014")
    return path


@pytest.mark.parametrize("table", TABLES)
def test_every_row_comes_unmarked_and_stays(db_0014: Path, table: str) -> None:
    before = _rows(db_0014, f"SELECT * FROM {table} ORDER BY id")
    assert before, f"the fixture has {table}"
    _migrate(db_0014, "0015")
    after = _rows(db_0014, f"SELECT * FROM {table} ORDER BY id")
    names = [r[1] for r in _rows(db_0014, f"PRAGMA table_info({table})")]
    at = names.index("special_category")
    assert [row[:at] + row[at + 1 :] for row in after] == before
    assert {row[at] for row in after} == {""}
    info = {r[1]: r for r in _rows(db_0014, f"PRAGMA table_info({table})")}
    assert info["special_category"][3] == 1  # NOT NULL
    assert _rows(db_0014, "PRAGMA foreign_key_check") == []


def test_downgrade_takes_the_mark_away(db_0014: Path) -> None:
    before = {t: _rows(db_0014, f"SELECT * FROM {t} ORDER BY id") for t in TABLES}
    _migrate(db_0014, "0015")
    conn = sqlite3.connect(db_0014)
    with conn:
        conn.execute("UPDATE agreements SET special_category = 'health'")
    conn.close()
    _migrate(db_0014, "0014", down=True)
    for table in TABLES:
        assert "special_category" not in _columns(db_0014, table)
        assert _rows(db_0014, f"SELECT * FROM {table} ORDER BY id") == before[table]
