"""Migration 0018 on a database of the schema before it (the demo households at 0017): family
goals get their special-category mark (every existing goal unmarked, nothing else changed) and
the case list's status filter gets its index; downgrading gives the database back as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core import migration_kit as kit


@pytest.fixture
def db_0017(tmp_path: Path) -> Path:
    path = kit.fixture_copy(tmp_path, "0017")
    return path


def test_every_goal_comes_unmarked_and_keeps_its_words(db_0017: Path) -> None:
    before = kit.rows(db_0017, "SELECT * FROM family_goals ORDER BY id")
    assert before, "the fixture's demo households have goals of their own"
    kit.migrate(db_0017, "0018")
    after = kit.rows(db_0017, "SELECT * FROM family_goals ORDER BY id")
    columns = kit.columns(db_0017, "family_goals")
    mark = columns.index("special_category")
    assert [r[:mark] + r[mark + 1 :] for r in after] == before
    assert {r[mark] for r in after} == {""}


def test_the_status_index_is_laid(db_0017: Path) -> None:
    kit.migrate(db_0017, "0018")
    assert "ix_households_status_number" in kit.indexes(db_0017, "households")
    assert [r[2] for r in kit.rows(db_0017, "PRAGMA index_info(ix_households_status_number)")] == [
        "status",
        "case_number",
    ]
    plan = " ".join(
        str(r)
        for r in kit.rows(
            db_0017,
            "EXPLAIN QUERY PLAN SELECT id FROM households WHERE status = 'open'"
            " ORDER BY case_number",
        )
    )
    assert "ix_households_status_number" in plan


def test_downgrade_gives_the_database_back(db_0017: Path) -> None:
    goals = kit.rows(db_0017, "SELECT * FROM family_goals ORDER BY id")
    households = kit.rows(db_0017, "SELECT * FROM households ORDER BY id")
    columns = kit.columns(db_0017, "family_goals")
    kit.migrate(db_0017, "0018")
    kit.migrate(db_0017, "0017", down=True)
    assert kit.columns(db_0017, "family_goals") == columns
    assert kit.rows(db_0017, "SELECT * FROM family_goals ORDER BY id") == goals
    assert kit.rows(db_0017, "SELECT * FROM households ORDER BY id") == households
    assert "ix_households_status_number" not in kit.indexes(db_0017, "households")
    assert kit.rows(db_0017, "PRAGMA foreign_key_check") == []
