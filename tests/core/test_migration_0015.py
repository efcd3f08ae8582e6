"""Migration 0015 on a database of the schema before it (the demo households at 0012, taken to
0014 first): agreements and help items get their mark for special categories, not marked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core import migration_kit as kit

TABLES = ("agreements", "help_items")


@pytest.fixture
def db_0014(tmp_path: Path) -> Path:
    path = kit.fixture_copy(tmp_path, "0012")
    kit.migrate(path, "0014")
    return path


@pytest.mark.parametrize("table", TABLES)
def test_every_row_comes_unmarked_and_stays(db_0014: Path, table: str) -> None:
    before = kit.rows(db_0014, f"SELECT * FROM {table} ORDER BY id")
    assert before, f"the fixture has {table}"
    kit.migrate(db_0014, "0015")
    after = kit.rows(db_0014, f"SELECT * FROM {table} ORDER BY id")
    names = kit.columns(db_0014, table)
    at = names.index("special_category")
    assert [row[:at] + row[at + 1 :] for row in after] == before
    assert {row[at] for row in after} == {""}
    info = kit.table_info(db_0014, table)
    assert info["special_category"][3] == 1  # NOT NULL
    assert kit.rows(db_0014, "PRAGMA foreign_key_check") == []


def test_downgrade_takes_the_mark_away(db_0014: Path) -> None:
    before = {t: kit.rows(db_0014, f"SELECT * FROM {t} ORDER BY id") for t in TABLES}
    kit.migrate(db_0014, "0015")
    conn = sqlite3.connect(db_0014)
    with conn:
        conn.execute("UPDATE agreements SET special_category = 'health'")
    conn.close()
    kit.migrate(db_0014, "0014", down=True)
    for table in TABLES:
        assert "special_category" not in kit.columns(db_0014, table)
        assert kit.rows(db_0014, f"SELECT * FROM {table} ORDER BY id") == before[table]
