"""Migration 0017 on a database of the schema before it (the demo households at 0016): each
household gets its folded search key and name key, filled by the program after the upgrade
(`store/schema.AFTER_UPGRADE`), not by the migration, which does not import the fold."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeugdtool.cases.search import fill_missing_keys
from jeugdtool.cases.search import search_key
from jeugdtool.folding import fold
from jeugdtool.store.engine import open_database
from tests.core import migration_kit as kit


def _expected(path: Path) -> dict[int, tuple[str, str]]:
    names: dict[int, list[str]] = {}
    for hid, first, last in kit.rows(
        path,
        "SELECT household_id, first_name, last_name FROM persons"
        " ORDER BY household_id, position, id",
    ):
        names.setdefault(hid, []).append(f"{first} {last}")
    return {
        hid: (search_key(number, name, names.get(hid, [])), fold(name))
        for hid, number, name in kit.rows(path, "SELECT id, case_number, name FROM households")
    }


@pytest.fixture
def db_0016(tmp_path: Path) -> Path:
    path = kit.fixture_copy(tmp_path, "0016")
    return path


def test_the_migration_adds_empty_keys_and_the_program_fills_them(db_0016: Path) -> None:
    import jeugdtool.models  # noqa: F401  (cases.models registers the tables)

    before = kit.rows(db_0016, "SELECT * FROM households ORDER BY id")
    assert len(before) >= 6
    kit.migrate(db_0016, "0017")
    assert {r[0] for r in kit.rows(db_0016, "SELECT search_key FROM households")} == {""}
    engine = kit.sqlite_engine(db_0016)
    try:
        with engine.begin() as conn:
            assert fill_missing_keys(conn) == len(before)
            assert fill_missing_keys(conn) == 0  # nothing missing: nothing written
    finally:
        engine.dispose()
    got = kit.rows(db_0016, "SELECT id, search_key, name_key FROM households")
    assert {hid: (key, name) for hid, key, name in got} == _expected(db_0016)
    assert {"ix_households_search_key", "ix_households_name_key"} <= kit.indexes(
        db_0016, "households"
    )


def test_opening_an_old_database_fills_the_keys(db_0016: Path, jeugdtool_home: Path) -> None:
    import jeugdtool.models  # noqa: F401  (as the program does before it opens a database)

    open_database(db_0016).close()
    got = kit.rows(db_0016, "SELECT id, search_key, name_key FROM households")
    assert {hid: (key, name) for hid, key, name in got} == _expected(db_0016)
    assert all(key for _, key, _ in got)


def test_downgrade_takes_the_keys_away(db_0016: Path) -> None:
    before = kit.rows(db_0016, "SELECT * FROM households ORDER BY id")
    kit.migrate(db_0016, "0017")
    kit.migrate(db_0016, "0016", down=True)
    assert kit.rows(db_0016, "SELECT * FROM households ORDER BY id") == before
    assert kit.rows(db_0016, "PRAGMA foreign_key_check") == []
