"""Migration 0019 on a database of the schema before it (the demo households at 0018): SQLite
gets the case list's search indexes (the folded key after the list's order), the search reads
them and never the table, nothing else changes; downgrading gives the database back as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core import migration_kit as kit

INDEXES = {
    "ix_households_number_key": ["case_number", "search_key"],
    "ix_households_status_number_key": ["status", "case_number", "search_key"],
}


@pytest.fixture
def db_0018(tmp_path: Path) -> Path:
    path = kit.fixture_copy(tmp_path, "0018")
    return path


def test_the_search_indexes_are_laid_and_read(db_0018: Path) -> None:
    households = kit.rows(db_0018, "SELECT * FROM households ORDER BY id")
    assert households and not set(INDEXES) & kit.indexes(db_0018, "households")
    kit.migrate(db_0018, "0019")
    for name, columns in INDEXES.items():
        assert [r[2] for r in kit.rows(db_0018, f"PRAGMA index_info({name})")] == columns
    assert kit.rows(db_0018, "SELECT * FROM households ORDER BY id") == households
    # What the list asks (cases/case_search.py): the words found in the index, in its order.
    for where, index in (
        ("", "ix_households_number_key"),
        ("status IN ('open') AND ", "ix_households_status_number_key"),
    ):
        plan = " ".join(
            str(r)
            for r in kit.rows(
                db_0018,
                f"EXPLAIN QUERY PLAN SELECT id FROM households WHERE {where}"
                "instr(search_key, 'gezin') > 0 ORDER BY case_number LIMIT 200",
            )
        )
        assert f"COVERING INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan


def test_downgrade_gives_the_database_back(db_0018: Path) -> None:
    households = kit.rows(db_0018, "SELECT * FROM households ORDER BY id")
    before = kit.indexes(db_0018, "households")
    kit.migrate(db_0018, "0019")
    kit.migrate(db_0018, "0018", down=True)
    assert kit.indexes(db_0018, "households") == before
    assert kit.rows(db_0018, "SELECT * FROM households ORDER BY id") == households
    assert kit.rows(db_0018, "PRAGMA foreign_key_check") == []
