"""Migration 0016 on a database of the schema before it (the demo households at 0015): the
family's own goals get their table; statements and agreements their family words; statements,
"how the children are told", reviews, review results and ZRM notes their special-category mark —
every row kept, without family words and not marked; and back again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core import migration_kit as kit

#: (table, column) added by 0016.
ADDED = (
    ("agreements", "family_words"),
    ("statements", "family_words"),
    ("statements", "special_category"),
    ("plan_versions", "children_told_category"),
    ("plan_reviews", "special_category"),
    ("review_results", "special_category"),
    ("zrm_assessments", "special_category"),
    ("zrm_domain_scores", "special_category"),
)
TABLES = tuple(dict.fromkeys(table for table, _column in ADDED))


@pytest.fixture
def db_0015(tmp_path: Path) -> Path:
    path = kit.fixture_copy(tmp_path, "0015")
    assert kit.rows(path, "SELECT version_num FROM alembic_version") == [("0015",)]
    return path


@pytest.mark.parametrize("table", TABLES)
def test_every_row_stays_without_family_words_and_unmarked(db_0015: Path, table: str) -> None:
    before = kit.rows(db_0015, f"SELECT * FROM {table} ORDER BY id")
    assert before, f"the fixture has {table}"
    kit.migrate(db_0015, "0016")
    names = list(kit.table_info(db_0015, table))
    added = [names.index(column) for t, column in ADDED if t == table]
    after = kit.rows(db_0015, f"SELECT * FROM {table} ORDER BY id")
    kept = [tuple(v for i, v in enumerate(row) if i not in added) for row in after]
    assert kept == before
    for at in added:
        assert {row[at] for row in after} == {""}
        assert kit.table_info(db_0015, table)[names[at]][3] == 1  # NOT NULL
    assert kit.rows(db_0015, "PRAGMA foreign_key_check") == []


def test_family_goals_table_is_made_empty_and_belongs_to_a_case(db_0015: Path) -> None:
    assert "family_goals" not in kit.tables(db_0015)
    kit.migrate(db_0015, "0016")
    assert kit.rows(db_0015, "SELECT count(*) FROM family_goals") == [(0,)]
    columns = kit.table_info(db_0015, "family_goals")
    assert {"household_id", "plan_version_id", "text", "lineage", "source_kind"} <= set(columns)
    assert columns["household_id"][3] == 1
    targets = {r[2] for r in kit.rows(db_0015, "PRAGMA foreign_key_list(family_goals)")}
    assert {"households", "plan_versions"} <= targets


def test_downgrade_takes_it_all_away(db_0015: Path) -> None:
    before = {t: kit.rows(db_0015, f"SELECT * FROM {t} ORDER BY id") for t in TABLES}
    kit.migrate(db_0015, "0016")
    conn = sqlite3.connect(db_0015)
    with conn:
        conn.execute("UPDATE statements SET family_words = 'Mama drinkt niet'")
        conn.execute("UPDATE statements SET special_category = 'addiction'")
    conn.close()
    kit.migrate(db_0015, "0015", down=True)
    assert "family_goals" not in kit.tables(db_0015)
    for table, column in ADDED:
        assert column not in kit.table_info(db_0015, table)
    for table in TABLES:
        assert kit.rows(db_0015, f"SELECT * FROM {table} ORDER BY id") == before[table]
