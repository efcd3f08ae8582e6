"""Undo's guards, shared by every service: a step that would undo someone else's work refuses.

Undo and redo pass what they expect to find; when a colleague (another window, another
consultant on the shared database) changed it since, the service raises ConflictError and
changes nothing. Field edits use `rows.apply(..., expected=)`; these helpers cover the rest:

- `ensure_as_seen(now, seen)`: a row (its DTO) or a group of rows (a snapshot) is still as
  the caller last saw it, apart from bookkeeping (versions, timestamps, authors), before undo
  of an "add" or redo of a "remove" takes it away;
- `ensure_values(current, expected)`: named values that are not one row's columns (whether a
  stance or a score exists at all) are as expected;
- `ensure_free(uow, model, ids)`: the ids a removed row comes back with (undo of a removal)
  have not been given to something else meanwhile (SQLite hands out a freed id again);
- `ensure_unreferenced(uow, table, row_id)`: nothing refers to a row that undo of adding it
  would remove (removing it would take or strip what a colleague recorded about it).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import fields
from dataclasses import is_dataclass
from typing import Any

from sqlalchemy import column
from sqlalchemy import func
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import table

from jeugdtool.store.base import BOOKKEEPING
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

#: Never compared: bookkeeping changes with every write, also with our own undone ones.
IGNORED = BOOKKEEPING | {"last_change_at"}


def comparable(value: Any, ignore: Iterable[str] = ()) -> Any:
    """`value` (DTOs, snapshots, nested in tuples and dicts) as plain data without bookkeeping
    and without the fields named in `ignore` (at every level)."""
    skip = IGNORED | set(ignore)
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: comparable(getattr(value, f.name), skip)
            for f in fields(value)
            if f.name not in skip
        }
    if isinstance(value, Mapping):
        return {k: comparable(v, skip) for k, v in value.items() if k not in skip}
    if isinstance(value, (tuple, list)):
        return [comparable(v, skip) for v in value]
    return value


def ensure_as_seen(now: Any, seen: Any | None, *, ignore: Iterable[str] = ()) -> None:
    """Refuse (ConflictError) unless `now` equals `seen` apart from bookkeeping and `ignore`.

    `seen=None`: the caller has no expectation (a first step taken on what the screen shows).
    """
    if seen is not None and comparable(now, ignore) != comparable(seen, ignore):
        raise conflict_error()


def ensure_values(current: Mapping[str, Any], expected: Mapping[str, Any] | None) -> None:
    """Refuse (ConflictError) when a value named in `expected` differs from `current`."""
    for name, value in (expected or {}).items():
        if current.get(name) != value:
            raise conflict_error()


def ensure_free(uow: UnitOfWork, model: type, ids: Iterable[int | None]) -> None:
    """Inside an open unit of work, before putting removed rows back with their own ids:
    refuse (ConflictError) when one of those ids belongs to another row by now."""
    for row_id in ids:
        if row_id is not None and uow.session.get(model, row_id) is not None:
            raise conflict_error()


def ensure_unreferenced(
    uow: UnitOfWork, table_name: str, row_id: int, *, skip: Iterable[str] = ()
) -> None:
    """Refuse (ConflictError) when a row of any table (but those in `skip`) refers to row
    `row_id` of `table_name`.

    Read from the database's own foreign keys: a lower layer does not know the later
    packages' tables, and a colleague's program may have written rows in any of them.
    """
    connection = uow.session.connection()
    schema = inspect(connection)
    for name in schema.get_table_names():
        if name in skip:
            continue
        for key in schema.get_foreign_keys(name):
            if key["referred_table"] != table_name:
                continue
            for owner in (column(n) for n in key["constrained_columns"]):
                query = select(func.count()).select_from(table(name, owner)).where(owner == row_id)
                if connection.scalar(query):
                    raise conflict_error()
