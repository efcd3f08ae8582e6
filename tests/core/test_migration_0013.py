"""Migration 0013 (the child's voice) on a database of the previous schema (the demo
households of 0012): the new tables come, take a drawing in bytes, go with their case, and go
again on a downgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core import migration_kit as kit

TABLES = {"three_houses", "child_stories", "child_story_pages", "child_voice_pictures"}
STAMP = "1, '2026-01-01 00:00:00', 'test', '2026-01-01 00:00:00', 'test'"


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = kit.fixture_copy(tmp_path, "0012")
    return path


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _a_child(conn: sqlite3.Connection) -> tuple[int, int]:
    return conn.execute(
        "SELECT id, household_id FROM persons WHERE role = 'child' ORDER BY id LIMIT 1"
    ).fetchone()


def test_the_tables_come_and_hold_a_drawing_that_goes_with_its_case(old_db: Path) -> None:
    assert not TABLES & kit.tables(old_db)
    kit.migrate(old_db, "0013")
    assert kit.tables(old_db) >= TABLES
    conn = _connect(old_db)
    try:
        with conn:
            child, household = _a_child(conn)
            conn.execute(
                "INSERT INTO three_houses (id, child_id, held_on, talked_with, worries,"
                " good_things, dreams, household_id, version, created_at, created_by,"
                f" updated_at, updated_by) VALUES (1, ?, '2026-03-01', 'Eva', ' boos  ', '',"
                f" '', ?, {STAMP})",
                (child, household),
            )
            conn.execute(
                "INSERT INTO child_voice_pictures (three_houses_id, media_type, width, height,"
                " data, household_id, version, created_at, created_by, updated_at, updated_by)"
                f" VALUES (1, 'image/png', 1, 1, ?, ?, {STAMP})",
                (b"\x89PNG\r\n\x1a\n\x00\xff", household),
            )
        row = conn.execute("SELECT worries FROM three_houses").fetchone()
        assert row == (" boos  ",)  # the child's words as said
        data = conn.execute("SELECT data FROM child_voice_pictures").fetchone()[0]
        assert data == b"\x89PNG\r\n\x1a\n\x00\xff"
        # A picture belongs to exactly one record or page.
        with pytest.raises(sqlite3.IntegrityError), conn:
            conn.execute(
                "INSERT INTO child_voice_pictures (media_type, width, height, data,"
                " household_id, version, created_at, created_by, updated_at, updated_by)"
                f" VALUES ('image/png', 1, 1, x'00', ?, {STAMP})",
                (household,),
            )
        with conn:
            conn.execute("DELETE FROM households WHERE id = ?", (household,))
        assert conn.execute("SELECT count(*) FROM three_houses").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM child_voice_pictures").fetchone() == (0,)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_downgrade_takes_the_tables_away(old_db: Path) -> None:
    kit.migrate(old_db, "0013")
    kit.migrate(old_db, "0012", down=True)
    assert not TABLES & kit.tables(old_db)
