"""Migration 0014 on a database of the schema before it (the demo households at 0012, taken to
0013 first): a consultant's phone, the network's chair and a child's trusted person."""

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


def _rows(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _columns(path: Path, table: str) -> set[str]:
    return {r[1] for r in _rows(path, f"PRAGMA table_info({table})")}


@pytest.fixture
def db_0013(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    _migrate(path, "0013")
    return path


def test_the_columns_come_empty_and_the_rows_stay(db_0013: Path) -> None:
    persons = _rows(db_0013, "SELECT id, household_id, first_name, role FROM persons ORDER BY id")
    members = _rows(
        db_0013, "SELECT id, household_id, name, phone FROM network_members ORDER BY id"
    )
    people = _rows(db_0013, "SELECT id, name, email FROM consultants ORDER BY id")
    assert persons and members and people, "the fixture holds the demo households"
    _migrate(db_0013, "0014")
    assert _rows(db_0013, "SELECT id, household_id, first_name, role FROM persons ORDER BY id") == (
        persons
    )
    assert _rows(db_0013, "SELECT DISTINCT trusted_person_id FROM persons") == [(None,)]
    assert _rows(db_0013, "SELECT DISTINCT chairs_network FROM network_members") == [(0,)]
    assert _rows(db_0013, "SELECT DISTINCT phone FROM consultants") == [(None,)]
    assert (
        _rows(db_0013, "SELECT id, household_id, name, phone FROM network_members ORDER BY id")
        == members
    )
    assert _rows(db_0013, "PRAGMA foreign_key_check") == []
    indexes = {r[1] for r in _rows(db_0013, "PRAGMA index_list(persons)")}
    assert "ix_persons_trusted_person_id" in indexes


def test_removing_the_member_clears_the_trusted_person(db_0013: Path) -> None:
    _migrate(db_0013, "0014")
    child, household = _rows(db_0013, "SELECT id, household_id FROM persons WHERE role = 'child'")[
        0
    ]
    (member,) = _rows(
        db_0013, "SELECT id FROM network_members WHERE household_id = ? LIMIT 1", (household,)
    )[0]
    conn = sqlite3.connect(db_0013)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        with conn:
            conn.execute("UPDATE persons SET trusted_person_id = ? WHERE id = ?", (member, child))
            conn.execute("DELETE FROM network_members WHERE id = ?", (member,))
        (trusted,) = conn.execute(
            "SELECT trusted_person_id FROM persons WHERE id = ?", (child,)
        ).fetchone()
    finally:
        conn.close()
    assert trusted is None


def test_a_new_member_is_no_chair_by_default(db_0013: Path) -> None:
    _migrate(db_0013, "0014")
    conn = sqlite3.connect(db_0013)
    try:
        with conn:
            conn.execute(
                "INSERT INTO network_members (household_id, position, name, relation, kind,"
                " safety_network, notes, version, created_at, created_by, updated_at, updated_by)"
                " SELECT household_id, 99, 'Nieuw', '', 'family', 0, '', 1, created_at,"
                " created_by, updated_at, updated_by FROM network_members LIMIT 1"
            )
        (chairs,) = conn.execute(
            "SELECT chairs_network FROM network_members WHERE name = 'Nieuw'"
        ).fetchone()
    finally:
        conn.close()
    assert chairs == 0


def test_downgrade_drops_the_columns(db_0013: Path) -> None:
    before = _rows(db_0013, "SELECT * FROM persons ORDER BY id")
    _migrate(db_0013, "0014")
    _migrate(db_0013, "0013", down=True)
    assert "trusted_person_id" not in _columns(db_0013, "persons")
    assert "chairs_network" not in _columns(db_0013, "network_members")
    assert "phone" not in _columns(db_0013, "consultants")
    assert _rows(db_0013, "SELECT * FROM persons ORDER BY id") == before
    indexes = {r[1] for r in _rows(db_0013, "PRAGMA index_list(persons)")}
    assert "ix_persons_trusted_person_id" not in indexes
