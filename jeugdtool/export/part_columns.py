"""How a part of the case file copies a table's columns: one definition per kind of row.

A `Columns` names the fields of one kind of item in file order. Most are a column written as
it is (text, number, flag); a date is ISO text in the file, a tuple column a list. The fields a
part writes otherwise (a database id the file names by its own id, a nested list) are given to
`dump` and `load` by name, so both directions share the one list of columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

__all__ = ["Columns", "date_of", "iso", "named"]


def iso(day: dt.date | None) -> str | None:
    """A date as the file writes it (None stays None)."""
    return day.isoformat() if day is not None else None


def date_of(text: str | None) -> dt.date | None:
    """A date the file wrote (None stays None)."""
    return dt.date.fromisoformat(text) if text is not None else None


def named(names: Mapping[Any, Any], key: Any) -> Any:
    """What `names` calls `key` (a row's link as the file names it): None for no link, and for
    a link to something not in `names`."""
    return names.get(key) if key is not None else None


class Columns:
    """The fields of one kind of item, in file order; see the module's docstring."""

    def __init__(
        self,
        *names: str,
        dates: Iterable[str] = (),
        lists: Iterable[str] = (),
        own: Iterable[str] = (),
        optional: Mapping[str, Any] | None = None,
    ):
        self.names = names
        self.dates = frozenset(dates)
        self.lists = frozenset(lists)
        #: Fields the part always writes and reads itself (not a column of the same name).
        self.own = frozenset(own)
        #: Fields added later, which an older file may lack: the value they then have.
        self.optional = dict(optional or {})

    def dump(self, row: Any, **given: Any) -> dict[str, Any]:
        """The item as the file writes it: each field from the row's column of that name, or
        from `given` (which must name every field in `own`)."""
        return {name: given[name] if name in given else self._out(row, name) for name in self.names}

    def load(self, item: Mapping[str, Any], **given: Any) -> dict[str, Any]:
        """The keyword arguments of a new row for the file's `item`: each field that is a column
        as the file has it, then `given` (the columns the part reads itself)."""
        out = {
            name: self._in(item, name)
            for name in self.names
            if name not in self.own and name not in given
        }
        out.update(given)
        return out

    def _out(self, row: Any, name: str) -> Any:
        value = getattr(row, name)
        if name in self.dates:
            return iso(value)
        return list(value) if name in self.lists else value

    def _in(self, item: Mapping[str, Any], name: str) -> Any:
        value = item[name] if name not in self.optional else item.get(name, self.optional[name])
        if name in self.dates:
            return date_of(value)
        return tuple(value) if name in self.lists else value
