"""Migration 0012 on a database of the previous schema (the demo households of 0011)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy import event

from jeugdtool.store.migrate import alembic_config

FIXTURE = Path(__file__).parent / "fixtures" / "db" / "schema-0011.sqlite"


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


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE statements SET sustained_for = 'tot de zomervakantie' WHERE id = 30")
    conn.close()
    return path


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_children_are_copied_and_child_id_is_gone(old_db: Path) -> None:
    before = _rows(
        old_db, "SELECT id, child_id, household_id FROM statements WHERE child_id IS NOT NULL"
    )
    assert before, "the fixture has statements about a child"
    _migrate(old_db, "0012")
    after = _rows(
        old_db, "SELECT statement_id, person_id, household_id, position FROM statement_children"
    )
    assert sorted(after) == sorted((sid, child, hh, 1) for sid, child, hh in before)
    columns = {r[1] for r in _rows(old_db, "PRAGMA table_info(statements)")}
    assert "child_id" not in columns
    indexes = {r[1] for r in _rows(old_db, "PRAGMA index_list(statements)")}
    assert "ix_statements_child_id" not in indexes
    assert _rows(old_db, "PRAGMA foreign_key_check") == []


def test_periods_are_read_from_the_old_text(old_db: Path) -> None:
    _migrate(old_db, "0012")
    by_id = {
        r[0]: r[1:]
        for r in _rows(
            old_db,
            "SELECT id, sustained_amount, sustained_unit, sustained_for FROM statements"
            " WHERE type = 'safety_goal'",
        )
    }
    assert by_id[4] == (3, "months", "")
    # Not a plain period: kept as text for the consultant.
    assert by_id[30] == (None, None, "tot de zomervakantie")
    assert by_id[19] == (None, None, "3 maanden (tot 1 december)")


def test_downgrade_gives_the_first_child_back(old_db: Path) -> None:
    before = _rows(old_db, "SELECT id, child_id FROM statements ORDER BY id")
    _migrate(old_db, "0012")
    _migrate(old_db, "0011", down=True)
    assert _rows(old_db, "SELECT id, child_id FROM statements ORDER BY id") == before
    indexes = {r[1] for r in _rows(old_db, "PRAGMA index_list(statements)")}
    assert "ix_statements_child_id" in indexes
