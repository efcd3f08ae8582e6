"""Migration 0018 on a database of the schema before it (the demo households at 0017): family
goals get their special-category mark (every existing goal unmarked, nothing else changed) and
the case list's status filter gets its index; downgrading gives the database back as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy import event

from jeugdtool.store.migrate import alembic_config

FIXTURE = Path(__file__).parent / "fixtures" / "db" / "schema-0017.sqlite"


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


def _columns(path: Path, table: str) -> list[str]:
    return [r[1] for r in _rows(path, f"PRAGMA table_info({table})")]


@pytest.fixture
def db_0017(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    return path


def test_every_goal_comes_unmarked_and_keeps_its_words(db_0017: Path) -> None:
    before = _rows(db_0017, "SELECT * FROM family_goals ORDER BY id")
    assert before, "the fixture's demo households have goals of their own"
    _migrate(db_0017, "0018")
    after = _rows(db_0017, "SELECT * FROM family_goals ORDER BY id")
    columns = _columns(db_0017, "family_goals")
    mark = columns.index("special_category")
    assert [r[:mark] + r[mark + 1 :] for r in after] == before
    assert {r[mark] for r in after} == {""}


def test_the_status_index_is_laid(db_0017: Path) -> None:
    _migrate(db_0017, "0018")
    indexes = {r[1] for r in _rows(db_0017, "PRAGMA index_list(households)")}
    assert "ix_households_status_number" in indexes
    assert [r[2] for r in _rows(db_0017, "PRAGMA index_info(ix_households_status_number)")] == [
        "status",
        "case_number",
    ]
    plan = " ".join(
        str(r)
        for r in _rows(
            db_0017,
            "EXPLAIN QUERY PLAN SELECT id FROM households WHERE status = 'open'"
            " ORDER BY case_number",
        )
    )
    assert "ix_households_status_number" in plan


def test_downgrade_gives_the_database_back(db_0017: Path) -> None:
    goals = _rows(db_0017, "SELECT * FROM family_goals ORDER BY id")
    households = _rows(db_0017, "SELECT * FROM households ORDER BY id")
    columns = _columns(db_0017, "family_goals")
    _migrate(db_0017, "0018")
    _migrate(db_0017, "0017", down=True)
    assert _columns(db_0017, "family_goals") == columns
    assert _rows(db_0017, "SELECT * FROM family_goals ORDER BY id") == goals
    assert _rows(db_0017, "SELECT * FROM households ORDER BY id") == households
    indexes = {r[1] for r in _rows(db_0017, "PRAGMA index_list(households)")}
    assert "ix_households_status_number" not in indexes
    assert _rows(db_0017, "PRAGMA foreign_key_check") == []
