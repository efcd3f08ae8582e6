"""Migration 0019 on a database of the schema before it (the demo households at 0018): SQLite
gets the case list's search indexes (the folded key after the list's order), the search reads
them and never the table, nothing else changes; downgrading gives the database back as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy import event

from jeugdtool.store.migrate import alembic_config

FIXTURE = Path(__file__).parent / "fixtures" / "db" / "schema-0018.sqlite"
INDEXES = {
    "ix_households_number_key": ["case_number", "search_key"],
    "ix_households_status_number_key": ["status", "case_number", "search_key"],
}


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


def _indexes(path: Path) -> set[str]:
    return {r[1] for r in _rows(path, "PRAGMA index_list(households)")}


@pytest.fixture
def db_0018(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    return path


def test_the_search_indexes_are_laid_and_read(db_0018: Path) -> None:
    households = _rows(db_0018, "SELECT * FROM households ORDER BY id")
    assert households and not set(INDEXES) & _indexes(db_0018)
    _migrate(db_0018, "0019")
    for name, columns in INDEXES.items():
        assert [r[2] for r in _rows(db_0018, f"PRAGMA index_info({name})")] == columns
    assert _rows(db_0018, "SELECT * FROM households ORDER BY id") == households
    # What the list asks (cases/case_search.py): the words found in the index, in its order.
    for where, index in (
        ("", "ix_households_number_key"),
        ("status IN ('open') AND ", "ix_households_status_number_key"),
    ):
        plan = " ".join(
            str(r)
            for r in _rows(
                db_0018,
                f"EXPLAIN QUERY PLAN SELECT id FROM households WHERE {where}"
                "instr(search_key, 'gezin') > 0 ORDER BY case_number LIMIT 200",
            )
        )
        assert f"COVERING INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan


def test_downgrade_gives_the_database_back(db_0018: Path) -> None:
    households = _rows(db_0018, "SELECT * FROM households ORDER BY id")
    before = _indexes(db_0018)
    _migrate(db_0018, "0019")
    _migrate(db_0018, "0018", down=True)
    assert _indexes(db_0018) == before
    assert _rows(db_0018, "SELECT * FROM households ORDER BY id") == households
    assert _rows(db_0018, "PRAGMA foreign_key_check") == []
