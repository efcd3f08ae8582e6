"""Undo of a removal, once for every service: rows exactly as they were, put back with their ids.

A removal takes a `Snapshot` of what it removes — the rows it deletes and everything the
database deletes with them (`ON DELETE CASCADE`, read from the foreign keys, so a lower layer
also keeps an upper layer's rows: a household member's ZRM assessments) — and of the
references it clears (`ON DELETE SET NULL`: a map item that named the member). Undo hands the
snapshot to the area's `restore_*` service, which checks what only the area knows (the case
is open, the plan still a draft, the place still free) and calls `put_back`; one transaction
restores all of it, ids, lineages, authors and dates included, so later redo steps still fit.

Services remove with `remove(uow, *rows)`; `ensure_as_seen(snapshot, expected)` (guards) is
how redo refuses to take away what a colleague changed since.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy import ForeignKeyConstraint
from sqlalchemy import Table
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Mapper
from sqlalchemy.orm.attributes import set_committed_value

from jeugdtool.errors import IntegrityViolation
from jeugdtool.store.base import Base
from jeugdtool.store.base import load_every_model
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

#: Ids per IN list (well under every database's limit on bound parameters).
_CHUNK = 500


@dataclass(frozen=True)
class Cleared:
    """A reference the removal set to NULL: `table`.`column` of the row with primary key
    `row_key` named `value`."""

    table: str
    row_key: tuple[Any, ...]
    column: str
    value: Any


@dataclass(frozen=True)
class Snapshot:
    """What a removal took away, to put back exactly (undo)."""

    #: (table name, the rows' column values), in the order they go back: parents first.
    rows: tuple[tuple[str, tuple[Mapping[str, Any], ...]], ...]
    #: The table and primary key of the first row removed (what the removal was asked for).
    root: tuple[str, tuple[Any, ...]]
    #: References to the removed rows that the database set to NULL.
    cleared: tuple[Cleared, ...] = ()

    def of(self, model: type[Base]) -> tuple[Mapping[str, Any], ...]:
        """The removed rows of `model`'s table (empty when none)."""
        return self.of_table(_table(model).name)

    @property
    def values(self) -> Mapping[str, Any]:
        """The column values of the row the removal was asked to remove."""
        name, row_key = self.root
        table = _table_named(name)
        return next(row for row in self.of_table(name) if _key(table, row) == row_key)

    def of_table(self, name: str) -> tuple[Mapping[str, Any], ...]:
        return next((rows for table, rows in self.rows if table == name), ())


def values_of(row: Base) -> dict[str, Any]:
    """Every column of a mapped row (id, version and authors included)."""
    mapper = inspect(row).mapper
    return {attr.key: getattr(row, attr.key) for attr in mapper.column_attrs}


def take(uow: UnitOfWork, *roots: Base) -> Snapshot:
    """Inside an open unit of work: `roots` and everything their removal takes along or clears.

    The first root is the snapshot's `root`. Rows already among the taken are taken once.
    """
    if not roots:
        raise ValueError("a snapshot of nothing")  # a programming error
    # The program loads most models after the start: a removal right after it still follows
    # every cascade (and `_followed_by_unmapped` is computed with every model there).
    load_every_model()
    unmapped = _followed_by_unmapped(uow)
    taken: dict[str, dict[Any, dict[str, Any]]] = {}
    cleared: list[Cleared] = []
    # Level by level: each level's new rows of a table are followed with one query per
    # foreign key (an IN list), not one per row — a case of thousands of rows stays quick.
    level = [(_table(type(row)), values_of(row)) for row in roots]
    while level:
        new: dict[str, tuple[Table, list[dict[str, Any]]]] = {}
        for table, values in level:
            if _key(table, values) in taken.setdefault(table.name, {}):
                continue
            taken[table.name][_key(table, values)] = values
            new.setdefault(table.name, (table, []))[1].append(values)
        level = []
        for table, rows in new.values():
            if table.name in unmapped:
                raise RuntimeError(
                    f"a table without a loaded model follows removals of {table.name}"
                )
            for key, child in _references_to(table):
                owner, referred = key.columns[0], key.elements[0].column
                wanted = sorted({values[referred.key] for values in rows})
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start : start + _CHUNK]
                    for row in uow.session.scalars(select(_model(child)).where(owner.in_(chunk))):
                        found = values_of(row)
                        if key.ondelete == "CASCADE":
                            level.append((child, found))
                        elif key.ondelete == "SET NULL":
                            cleared.append(
                                Cleared(child.name, _key(child, found), owner.key, found[owner.key])
                            )
    gone = {(name, row_key) for name, rows in taken.items() for row_key in rows}
    order = [t.name for t in Base.metadata.sorted_tables if t.name in taken]
    first = roots[0]
    first_table = _table(type(first))
    return Snapshot(
        rows=tuple((name, tuple(taken[name][k] for k in sorted(taken[name]))) for name in order),
        root=(first_table.name, _key(first_table, values_of(first))),
        cleared=tuple(c for c in cleared if (c.table, c.row_key) not in gone),
    )


def remove(uow: UnitOfWork, *roots: Base) -> Snapshot:
    """Inside an open unit of work: snapshot `roots` (see `take`), then delete them."""
    snapshot = take(uow, *roots)
    for row in reversed(roots):
        uow.session.delete(row)
        uow.flush()
    return snapshot


def put_back(uow: UnitOfWork, snapshot: Snapshot) -> Base:
    """Inside an open unit of work: insert the rows again with their own ids, then the cleared
    references; returns the root row. ConflictError — and nothing is put back — when one of the
    ids belongs to another row by now (SQLite hands out a freed id again), or the database
    refuses a row because what it refers to went meanwhile or its place was taken (a person an
    item named, a round's score).

    A cleared reference comes back only where its row still exists and still names nothing: a
    colleague who since pointed it elsewhere keeps their choice.
    """
    for name, rows in snapshot.rows:
        table = _table_named(name)
        model = _model(table)
        for values in rows:
            if uow.session.get(model, _key(table, values)) is not None:
                raise conflict_error()
    root = None
    for name, rows in snapshot.rows:
        table = _table_named(name)
        model = _model(table)
        added = [model(**values) for values in rows]
        uow.session.add_all(added)
        try:
            uow.flush()
        except IntegrityViolation:
            raise conflict_error() from None
        for row, values in zip(added, rows, strict=True):
            _keep_version(uow, table, row, values)
            if (name, _key(table, values)) == snapshot.root:
                root = row
    for ref in snapshot.cleared:
        row = uow.session.get(_model(_table_named(ref.table)), ref.row_key)
        if row is not None and getattr(row, ref.column) is None:
            setattr(row, ref.column, ref.value)
    uow.flush()
    if root is None:
        raise conflict_error()
    return root


def _keep_version(uow: UnitOfWork, table: Table, row: Base, values: Mapping[str, Any]) -> None:
    """Give a row put back the version it had (the ORM numbers a new row 1): a later undo or
    redo step that expects that version then still fits."""
    version = values.get("version")
    if version is None or "version" not in table.c or row.version == version:
        return
    key = _key(table, values)
    where = [column == value for column, value in zip(table.primary_key.columns, key, strict=True)]
    uow.session.execute(update(table).where(*where).values(version=version))
    set_committed_value(row, "version", version)


def make_room(rows: Iterable[Any], position: int) -> None:
    """Move rows at `position` and after one place down, for a row coming back there."""
    for row in rows:
        if row.position >= position:
            row.position += 1


def close_gap(rows: Iterable[Any]) -> None:
    """Number rows 1, 2, 3… in the order given (after one of them was removed)."""
    for number, row in enumerate(rows, 1):
        row.position = number


def put_back_at(uow: UnitOfWork, taken: Snapshot, siblings: Callable[[], Iterable[Any]]) -> Base:
    """Inside an open unit of work: the removed row back at its place among `siblings()` (the
    rows it was listed with, in order), those from there on one place down; then all are
    numbered 1, 2, 3 … again, as rows removed meanwhile may leave its place past the end."""
    make_room(siblings(), taken.values["position"])
    uow.flush()
    row = put_back(uow, taken)
    close_gap(siblings())
    uow.flush()
    return row


#: Per database engine: the tables its unloaded tables cascade from or clear references to.
_unmapped: weakref.WeakKeyDictionary[Engine, set[str]] = weakref.WeakKeyDictionary()


def _followed_by_unmapped(uow: UnitOfWork) -> set[str]:
    """The tables whose removals a table without a loaded model follows (a cascade or a
    cleared reference). `take` loads every model (`jeugdtool/models.py`) first; this guards a
    tool or a test that registers tables of its own, whose snapshot would miss rows the
    database removes."""
    connection = uow.session.connection()
    engine = connection.engine
    if engine not in _unmapped:
        schema = inspect(connection)
        _unmapped[engine] = {
            key["referred_table"]
            for name in set(schema.get_table_names()) - set(Base.metadata.tables)
            # Every reference counts: SQLite's reflection does not always tell ON DELETE.
            for key in schema.get_foreign_keys(name)
        }
    return _unmapped[engine]


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def _key(table: Table, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """A row's primary key (as `Session.get` takes it)."""
    return tuple(values[column.key] for column in table.primary_key.columns)


def _table_named(name: str) -> Table:
    return Base.metadata.tables[name]


def _references_to(table: Table) -> list[tuple[ForeignKeyConstraint, Table]]:
    """Every single-column foreign key (of any loaded table) that refers to `table`."""
    return [
        (key, other)
        for other in Base.metadata.sorted_tables
        for key in other.foreign_key_constraints
        if key.referred_table is table and len(key.columns) == 1
    ]


def _model(table: Table) -> Any:
    """The mapped class of `table` (every table the app writes is mapped)."""
    for mapper in Base.registry.mappers:
        if _mapped_table(mapper) is table:
            return mapper.class_
    raise LookupError(f"no mapped class for table {table.name}")  # a programming error


def _mapped_table(mapper: Mapper[Any]) -> Any:
    return mapper.local_table


def remove_and_commit(
    uow: UnitOfWork, *roots: Base, renumber: Callable[[], Iterable[Any]] | None = None
) -> Outcome[Snapshot]:
    """The end of a removal: `remove` the rows, number the rows `renumber()` reads (the rest of
    a numbered list) 1, 2, 3… again, commit; the Outcome whose snapshot undo puts back."""
    taken = remove(uow, *roots)
    if renumber is not None:
        close_gap(renumber())
    return Outcome(taken, uow.commit())
