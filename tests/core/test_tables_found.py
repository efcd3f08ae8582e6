"""Opening a database asks in one plain query how many tables it has and whether one is
alembic_version (store/engine.py `_tables_found`), instead of the dialect's inspector: the answer
must be the inspector's, on SQLite and on PostgreSQL, for an empty, a foreign and a jeugdtool
database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy import inspect
from sqlalchemy import text

from jeugdtool.errors import NotADatabase
from jeugdtool.store import schema
from jeugdtool.store.engine import _tables_found
from jeugdtool.store.engine import open_database
from jeugdtool.store.engine import read_revision
from jeugdtool.store.location import resolve


def _as_inspector_says(url: str) -> tuple[tuple[int, bool], tuple[int, bool]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            return _tables_found(conn), (len(names), "alembic_version" in names)
    finally:
        engine.dispose()


def test_an_empty_file_has_no_tables(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    sqlite3.connect(path).close()
    found, inspected = _as_inspector_says(f"sqlite:///{path}")
    assert found == inspected == (0, False)


def test_a_foreign_file_has_tables_but_not_ours_and_sqlites_own_are_not_counted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "foreign.sqlite"
    with sqlite3.connect(path) as conn:  # AUTOINCREMENT makes SQLite's own sqlite_sequence
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)")
        conn.execute("INSERT INTO recipes (name) VALUES ('stamppot')")
        conn.execute("CREATE VIEW alembic_version AS SELECT 1 AS version_num")
    found, inspected = _as_inspector_says(f"sqlite:///{path}")
    assert found == inspected == (1, False)
    with pytest.raises(NotADatabase):
        read_revision(create_engine(f"sqlite:///{path}"), resolve(str(path)))


def test_a_jeugdtool_file_is_ours_with_every_table(tmp_path: Path) -> None:
    path = tmp_path / "ours.sqlite"
    open_database(str(path), allow_plain_new=True).close()
    found, inspected = _as_inspector_says(f"sqlite:///{path}")
    assert found == inspected
    assert found[1] and found[0] > 50
    assert read_revision(create_engine(f"sqlite:///{path}"), resolve(str(path))) == schema.HEAD


def test_on_postgresql_the_same_as_the_inspector(pg_url: str, pg_admin) -> None:
    assert _as_inspector_says(pg_url) == ((0, False), (0, False))
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE TABLE recipes (id serial PRIMARY KEY)"))
            conn.execute(text("CREATE VIEW not_a_table AS SELECT 1 AS one"))
            conn.execute(text("CREATE SCHEMA elsewhere"))
            conn.execute(text("CREATE TABLE elsewhere.alembic_version (version_num text)"))
        found, inspected = _as_inspector_says(pg_url)
        assert found == inspected == (1, False)
        with engine.connect() as conn:
            conn.execute(text("CREATE TABLE alembic_version (version_num text)"))
            conn.execute(text("INSERT INTO alembic_version VALUES ('0020')"))
        found, inspected = _as_inspector_says(pg_url)
        assert found == inspected == (2, True)
    finally:
        engine.dispose()
