"""A health check of a database: schema revision, SQLite's own checks, and row counts.

Read-only and Qt-free; used by `jeugdtool check` (and open to a future "check database" menu).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

from sqlalchemy import Connection
from sqlalchemy import func
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import table

from jeugdtool.store import schema
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import read_revision

#: Bookkeeping tables that are not counted as data.
_NOT_COUNTED = frozenset({"alembic_version"})


@dataclass(frozen=True)
class IntegrityReport:
    #: How the database is named to the user (never with a password).
    location: str
    #: The schema revision in the database (None: an empty database).
    schema_revision: str | None
    #: The newest schema revision this jeugdtool knows.
    program_revision: str
    #: `PRAGMA integrity_check` lines, ("ok",) when sound; None on a server database.
    integrity: tuple[str, ...] | None
    #: One line per row whose foreign key points nowhere; None on a server database.
    foreign_key_problems: tuple[str, ...] | None
    #: Number of rows per table, by table name.
    row_counts: Mapping[str, int] = field(default_factory=dict, hash=False)

    @property
    def schema_current(self) -> bool:
        return self.schema_revision == self.program_revision

    @property
    def ok(self) -> bool:
        return (
            self.schema_current
            and self.integrity in (None, ("ok",))
            and not self.foreign_key_problems
        )


def _sqlite_checks(conn: Connection) -> tuple[tuple[str, ...], tuple[str, ...]]:
    integrity = tuple(str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check"))
    broken = tuple(
        f"{tbl} rowid {rowid} -> {parent}"
        for tbl, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check")
    )
    return integrity, broken


def _row_counts(conn: Connection) -> dict[str, int]:
    names = sorted(set(inspect(conn).get_table_names()) - _NOT_COUNTED)
    return {name: conn.scalar(select(func.count()).select_from(table(name))) or 0 for name in names}


def check(database: Database) -> IntegrityReport:
    """Check `database` without changing it."""
    revision = read_revision(database.engine, database.location)
    integrity: tuple[str, ...] | None = None
    broken: tuple[str, ...] | None = None
    with database.engine.connect() as conn:
        if database.location.is_sqlite:
            integrity, broken = _sqlite_checks(conn)
        counts = _row_counts(conn)
        conn.rollback()
    return IntegrityReport(
        location=database.location.display,
        schema_revision=revision,
        program_revision=schema.HEAD,
        integrity=integrity,
        foreign_key_problems=broken,
        row_counts=counts,
    )
