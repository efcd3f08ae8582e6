"""Migration 0012 on a database of the previous schema (the demo households of 0011)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core import migration_kit as kit


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = kit.fixture_copy(tmp_path, "0011")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE statements SET sustained_for = 'tot de zomervakantie' WHERE id = 30")
    conn.close()
    return path


def test_children_are_copied_and_child_id_is_gone(old_db: Path) -> None:
    before = kit.rows(
        old_db, "SELECT id, child_id, household_id FROM statements WHERE child_id IS NOT NULL"
    )
    assert before, "the fixture has statements about a child"
    kit.migrate(old_db, "0012")
    after = kit.rows(
        old_db, "SELECT statement_id, person_id, household_id, position FROM statement_children"
    )
    assert sorted(after) == sorted((sid, child, hh, 1) for sid, child, hh in before)
    assert "child_id" not in kit.columns(old_db, "statements")
    assert "ix_statements_child_id" not in kit.indexes(old_db, "statements")
    assert kit.rows(old_db, "PRAGMA foreign_key_check") == []


def test_periods_are_read_from_the_old_text(old_db: Path) -> None:
    kit.migrate(old_db, "0012")
    by_id = {
        r[0]: r[1:]
        for r in kit.rows(
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
    before = kit.rows(old_db, "SELECT id, child_id FROM statements ORDER BY id")
    kit.migrate(old_db, "0012")
    kit.migrate(old_db, "0011", down=True)
    assert kit.rows(old_db, "SELECT id, child_id FROM statements ORDER BY id") == before
    assert "ix_statements_child_id" in kit.indexes(old_db, "statements")
