"""What the migration tests share: a copy of a released schema's fixture database, Alembic up or
down on it the way the program upgrades (foreign keys off), and plain reads of what came out."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import event

from jeugdtool.store.migrate import alembic_config

#: One demo-household database per released schema (`schema-0011.sqlite` …).
FIXTURES = Path(__file__).parent / "fixtures" / "db"


def fixture_copy(tmp_path: Path, schema: str) -> Path:
    """A copy of the fixture database at `schema` (say "0015") that a test may change."""
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"schema-{schema}.sqlite", path)
    return path


def sqlite_engine(path: Path) -> Engine:
    """An engine on `path` with foreign keys off, as store/migrate.py upgrades."""
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _no_foreign_keys(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    return engine


def migrate(path: Path, target: str, *, down: bool = False) -> None:
    """Upgrade (or, with `down`, downgrade) the database at `path` to revision `target`."""
    engine = sqlite_engine(path)
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(config, target)
    finally:
        engine.dispose()


def rows(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Every row `sql` gives, read on a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def table_info(path: Path, table: str) -> dict[str, tuple]:
    """`PRAGMA table_info` of `table` by column name, in the table's order."""
    return {r[1]: r for r in rows(path, f"PRAGMA table_info({table})")}


def columns(path: Path, table: str) -> list[str]:
    """The column names of `table`, in order."""
    return list(table_info(path, table))


def tables(path: Path) -> set[str]:
    """The names of the database's tables."""
    return {r[0] for r in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def indexes(path: Path, table: str) -> set[str]:
    """The names of `table`'s indexes."""
    return {r[1] for r in rows(path, f"PRAGMA index_list({table})")}
