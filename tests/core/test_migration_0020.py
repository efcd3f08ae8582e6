"""Migration 0020 on a database of the schema before it (the demo households at 0019): the
access policies' covering indexes are PostgreSQL's alone, so a SQLite file comes out exactly as
it went in, and downgrading gives it back; on PostgreSQL a team database gets them (and loses
them again on the way down)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text

from jeugdtool import team_admin
from tests.core import migration_kit as kit

INDEXES = {
    "ix_households_manager_case": "(case_manager_id, id)",
    "ix_households_team_case": "(team_id, id)",
}


@pytest.fixture
def db_0019(tmp_path: Path) -> Path:
    return kit.fixture_copy(tmp_path, "0019")


def _schema(path: Path) -> list[tuple]:
    return kit.rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")


def test_a_sqlite_file_is_left_as_it_was(db_0019: Path) -> None:
    schema = _schema(db_0019)
    households = kit.rows(db_0019, "SELECT * FROM households ORDER BY id")
    assert households
    kit.migrate(db_0019, "0020")
    assert kit.rows(db_0019, "SELECT version_num FROM alembic_version") == [("0020",)]
    assert [r for r in _schema(db_0019) if r[1] != "alembic_version"] == [
        r for r in schema if r[1] != "alembic_version"
    ]
    assert kit.rows(db_0019, "SELECT * FROM households ORDER BY id") == households
    kit.migrate(db_0019, "0019", down=True)
    assert _schema(db_0019) == schema


def _indexes(url: str) -> dict[str, str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: definition[definition.index("(") :]
                for name, definition in conn.execute(
                    text(
                        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'households'"
                    )
                )
            }
    finally:
        engine.dispose()


def test_a_team_database_gets_the_policies_indexes_and_loses_them_going_down(
    pg_url: str,
) -> None:
    team_admin.init(pg_url)
    found = _indexes(pg_url)
    assert {name: found.get(name) for name in INDEXES} == INDEXES
    from alembic import command

    from jeugdtool.store.migrate import alembic_config

    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0019")
    finally:
        engine.dispose()
    assert not set(INDEXES) & set(_indexes(pg_url))
