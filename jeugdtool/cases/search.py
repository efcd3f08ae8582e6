"""Filter-as-you-type over the case list: diacritic- and case-insensitive (`jeugdtool.folding`),
every word must match.

The same key is stored with each household (`households.search_key`, with its folded name
`name_key` to sort by), so the database searches and sorts the case list
(`cases/case_search.py`); `keep_keys` keeps both current in the transaction of every change of
a case number, household name or member's name, and fills them after a schema upgrade. A
stored case whose number or name changes (its members unchanged) gets its keys set on the row
before the flush, so they are written by the same UPDATE (one statement less per edit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import Table
from sqlalchemy import bindparam
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.folding import fold
from jeugdtool.store import schema


def search_key(case_number: str, name: str, member_names: Iterable[str]) -> str:
    return fold(" ".join([case_number, name, *member_names]))


def query_words(query: str) -> list[str]:
    """The folded words of what was typed: each must occur in a case's key."""
    return fold(query).split()


def filter_cases(
    cases: Sequence[CaseSummary],
    query: str,
    statuses: frozenset[CaseStatus] | None = None,
) -> list[CaseSummary]:
    """The cases whose key contains every word of `query`, limited to `statuses` if given."""
    words = query_words(query)
    out = []
    for case in cases:
        if statuses is not None and case.status not in statuses:
            continue
        key = case.search_key
        if all(w in key for w in words):
            out.append(case)
    return out


# ---- the stored keys ----------------------------------------------------------------------

#: (households, persons) once `keep_keys` was called by cases.models.
_tables: tuple[Table, Table] | None = None
#: The member fields a key folds; a change to one of them refreshes the case's key.
_MEMBER_FIELDS = ("first_name", "last_name", "household_id", "position")
_CASE_FIELDS = ("case_number", "name")
#: Cases refreshed per statement (an IN list of this many ids).
_CHUNK = 500


def member_order(persons: Table) -> tuple[Any, ...]:
    """The order of a case's members in its key (the same wherever a key is built)."""
    return (persons.c.household_id, persons.c.position, persons.c.id)


def refresh_keys(conn: Connection, case_ids: Iterable[int] | None = None) -> int:
    """Write the search and name keys of the cases (None: every case) from what they now hold;
    the number of cases written."""
    assert _tables is not None, "cases.models registers the tables"
    households, persons = _tables
    wanted = None if case_ids is None else sorted(set(case_ids))
    chunks = (
        [None]
        if wanted is None
        else [wanted[i : i + _CHUNK] for i in range(0, len(wanted), _CHUNK)]
    )
    written = 0
    for chunk in chunks:
        heads = select(households.c.id, households.c.case_number, households.c.name)
        members = select(persons.c.household_id, persons.c.first_name, persons.c.last_name)
        if chunk is not None:
            heads = heads.where(households.c.id.in_(chunk))
            members = members.where(persons.c.household_id.in_(chunk))
        names: dict[int, list[str]] = defaultdict(list)
        for hid, first, last in conn.execute(members.order_by(*member_order(persons))):
            names[hid].append(f"{first} {last}")
        rows = [
            {"hid": hid, "sk": search_key(number, name, names.get(hid, ())), "nk": fold(name)}
            for hid, number, name in conn.execute(heads)
        ]
        if rows:
            conn.execute(
                update(households)
                .where(households.c.id == bindparam("hid"))
                .values(search_key=bindparam("sk"), name_key=bindparam("nk")),
                rows,
            )
        written += len(rows)
    return written


def fill_missing_keys(conn: Connection) -> int:
    """Fill the keys of the cases that have none (after the upgrade that added them, or rows
    written in bulk past the ORM, as the benchmarks' generator does); the number filled."""
    assert _tables is not None, "cases.models registers the tables"
    households = _tables[0]
    missing = list(conn.scalars(select(households.c.id).where(households.c.search_key == "")))
    return refresh_keys(conn, missing) if missing else 0


def _changed(obj: Any, fields: Sequence[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[f].history.has_changes() for f in fields)


def _touched_cases(session: Session) -> set[int]:
    """The cases whose keys this flush may have changed."""
    assert _tables is not None
    households, persons = _tables
    ids: set[int] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        table = getattr(obj, "__table__", None)
        if table is households:
            if obj in session.new or (obj not in session.deleted and _changed(obj, _CASE_FIELDS)):
                ids.add(obj.id)
        elif table is persons and (
            obj in session.new or obj in session.deleted or _changed(obj, _MEMBER_FIELDS)
        ):
            ids.add(obj.household_id)
            old = inspect(obj).attrs["household_id"].history.deleted
            ids.update(h for h in old if h is not None)
    ids.discard(None)  # type: ignore[arg-type]
    return ids


#: session.info key: the cases whose keys `_set_keys` put in this flush's UPDATE.
_SET = "jeugdtool.search.keys_set"


def _members_of(session: Session, row: Any) -> list[str]:
    """The members' names of a case in key order: from its loaded persons, else read."""
    assert _tables is not None
    persons = _tables[1]
    if "persons" not in inspect(row).unloaded:
        loaded = sorted(row.persons, key=lambda p: (p.position, p.id))
        return [f"{p.first_name} {p.last_name}" for p in loaded]
    members = (
        select(persons.c.first_name, persons.c.last_name)
        .where(persons.c.household_id == row.id)
        .order_by(*member_order(persons))
    )
    return [f"{first} {last}" for first, last in session.connection().execute(members)]


def _set_keys(session: Session, _flush_context: Any, _instances: Any) -> None:
    """Before the flush: a stored case whose number or name changed (and no member in the
    flush) gets its keys set on the row, so they go in the same UPDATE; `_keep` does the rest."""
    assert _tables is not None
    households, persons = _tables
    session.info.pop(_SET, None)  # left by a flush that failed
    pending = list(chain(session.new, session.dirty, session.deleted))
    if any(getattr(obj, "__table__", None) is persons for obj in pending):
        return  # members change too: `_keep` reads them after the flush
    rows = [
        obj
        for obj in session.dirty
        if getattr(obj, "__table__", None) is households
        and obj not in session.deleted
        and obj.id is not None
        and _changed(obj, _CASE_FIELDS)
    ]
    if sum("persons" in inspect(row).unloaded for row in rows) > 1:
        return  # several cases to read: `_keep` reads them at once
    done: set[int] = set()
    for row in rows:
        names = _members_of(session, row)
        row.search_key = search_key(row.case_number, row.name, names)
        row.name_key = fold(row.name)
        done.add(row.id)
    if done:
        session.info[_SET] = done


def _keep(session: Session, _flush_context: Any) -> None:
    ids = _touched_cases(session) - session.info.pop(_SET, set())
    if ids:
        refresh_keys(session.connection(), ids)


def keep_keys(households: Table, persons: Table) -> None:
    """Keep the keys of `households` current in every session's flush, and fill missing ones
    after an upgrade (called once, by cases.models)."""
    global _tables
    _tables = (households, persons)
    if not event.contains(Session, "before_flush", _set_keys):
        event.listen(Session, "before_flush", _set_keys)
    if not event.contains(Session, "after_flush", _keep):
        event.listen(Session, "after_flush", _keep)
    if fill_missing_keys not in schema.AFTER_UPGRADE:
        schema.AFTER_UPGRADE.append(fill_missing_keys)
