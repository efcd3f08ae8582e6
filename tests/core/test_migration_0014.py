"""Migration 0014 on a database of the schema before it (the demo households at 0012, taken to
0013 first): a consultant's phone, the network's chair and a child's trusted person."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core import migration_kit as kit


@pytest.fixture
def db_0013(tmp_path: Path) -> Path:
    path = kit.fixture_copy(tmp_path, "0012")
    kit.migrate(path, "0013")
    return path


def test_the_columns_come_empty_and_the_rows_stay(db_0013: Path) -> None:
    persons = kit.rows(
        db_0013, "SELECT id, household_id, first_name, role FROM persons ORDER BY id"
    )
    members = kit.rows(
        db_0013, "SELECT id, household_id, name, phone FROM network_members ORDER BY id"
    )
    people = kit.rows(db_0013, "SELECT id, name, email FROM consultants ORDER BY id")
    assert persons and members and people, "the fixture holds the demo households"
    kit.migrate(db_0013, "0014")
    assert (
        kit.rows(db_0013, "SELECT id, household_id, first_name, role FROM persons ORDER BY id")
        == persons
    )
    assert kit.rows(db_0013, "SELECT DISTINCT trusted_person_id FROM persons") == [(None,)]
    assert kit.rows(db_0013, "SELECT DISTINCT chairs_network FROM network_members") == [(0,)]
    assert kit.rows(db_0013, "SELECT DISTINCT phone FROM consultants") == [(None,)]
    assert (
        kit.rows(db_0013, "SELECT id, household_id, name, phone FROM network_members ORDER BY id")
        == members
    )
    assert kit.rows(db_0013, "PRAGMA foreign_key_check") == []
    assert "ix_persons_trusted_person_id" in kit.indexes(db_0013, "persons")


def test_removing_the_member_clears_the_trusted_person(db_0013: Path) -> None:
    kit.migrate(db_0013, "0014")
    child, household = kit.rows(
        db_0013, "SELECT id, household_id FROM persons WHERE role = 'child'"
    )[0]
    (member,) = kit.rows(
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
    kit.migrate(db_0013, "0014")
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
    before = kit.rows(db_0013, "SELECT * FROM persons ORDER BY id")
    kit.migrate(db_0013, "0014")
    kit.migrate(db_0013, "0013", down=True)
    assert "trusted_person_id" not in kit.columns(db_0013, "persons")
    assert "chairs_network" not in kit.columns(db_0013, "network_members")
    assert "phone" not in kit.columns(db_0013, "consultants")
    assert kit.rows(db_0013, "SELECT * FROM persons ORDER BY id") == before
    assert "ix_persons_trusted_person_id" not in kit.indexes(db_0013, "persons")
