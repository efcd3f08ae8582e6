"""The audit trail: every create, field change and delete of a tracked row, with who and when.

Written from SQLAlchemy flush events, so no service can forget it.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Any

from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import bindparam
from sqlalchemy import event
from sqlalchemy import insert
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy import update
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import Session
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.schema import Table

from jeugdtool.store.base import BOOKKEEPING
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import utcnow
from jeugdtool.store.model_types import str10
from jeugdtool.store.model_types import str100
from jeugdtool.store.model_types import str200


class AuditAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class AuditEntry(Entity):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_case_at", "case_id", "at"),)

    at: Mapped[dt.datetime]
    who: Mapped[str200]
    #: No foreign key: the trail outlives a deleted case.
    case_id: Mapped[int | None]
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int]
    action: Mapped[str10]
    field: Mapped[str100 | None]
    old: Mapped[str | None]
    new: Mapped[str | None]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):  # a `columns.Lines` list: recorded as it is stored
        return "\n".join(value)
    return str(value)


#: Up to this many audit rows go to a server in the same statement as the cases' last change
#: (9 values a row; a statement takes at most 65,535): more, e.g. a large restore, in two.
ONE_STATEMENT_ROWS = 500

#: The table and column that carry a case's "last change" time; set by the cases package.
_case_touch: tuple[Table, str] | None = None


def register_case_table(table: Table, column: str) -> None:
    """Keep `table.column` (the case's last-change time) current on every audited change."""
    global _case_touch
    _case_touch = (table, column)


def _stamp(session: Session, flush_context: Any, instances: Any) -> None:
    author = session.info.get("author", "")
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, Tracked):
            # A row put back by undo (store/snapshot) keeps who created it and when.
            if obj.created_at is None:
                obj.created_at, obj.created_by = now, author
            obj.updated_at, obj.updated_by = now, author
    for obj in session.dirty:
        if isinstance(obj, Tracked) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now
            obj.updated_by = author


def _changed_fields(obj: Tracked) -> list[tuple[str, Any, Any]]:
    state = inspect(obj)
    ignore = BOOKKEEPING | obj.__audit_ignore__
    out = []
    for attr in state.mapper.column_attrs:
        if attr.key in ignore:
            continue
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                out.append((attr.key, old, new))
    return out


def _row(obj: Tracked, action: AuditAction, who: str, at: dt.datetime, **kw: Any) -> dict:
    return {
        "at": at,
        "who": who,
        "case_id": obj.audit_case_id(),
        "entity": obj.__audit_entity__,
        "entity_id": inspect(obj).mapper.primary_key_from_instance(obj)[0],
        "action": action.value,
        "field": kw.get("field"),
        "old": _text(kw.get("old")),
        "new": _text(kw.get("new")),
    }


def _record(session: Session, flush_context: Any) -> None:
    who = session.info.get("author", "")
    at = utcnow()
    rows: list[dict] = []
    for obj in session.new:
        if isinstance(obj, Tracked):
            rows.append(_row(obj, AuditAction.CREATE, who, at, new=obj.audit_label()))
    for obj in session.dirty:
        if isinstance(obj, Tracked):
            for name, old, new in _changed_fields(obj):
                rows.append(_row(obj, AuditAction.UPDATE, who, at, field=name, old=old, new=new))
    for obj in session.deleted:
        if isinstance(obj, Tracked):
            rows.append(_row(obj, AuditAction.DELETE, who, at, old=obj.audit_label()))
    if not rows:
        return
    conn = session.connection()
    touched = session.info.setdefault("touched", {"entities": set(), "cases": set()})
    touched["entities"].update(r["entity"] for r in rows)
    case_ids = {r["case_id"] for r in rows if r["case_id"] is not None}
    touched["cases"].update(case_ids)
    if not (_case_touch and case_ids):
        conn.execute(insert(AuditEntry.__table__), rows)
        return
    if conn.dialect.name == "postgresql" and len(rows) <= ONE_STATEMENT_ROWS:
        # One round trip on a server, where each is felt: the rows and the cases' last
        # change together (a data-modifying WITH; SQLite has none, and no round trips).
        values = {f"{key}_{i}": value for i, row in enumerate(rows) for key, value in row.items()}
        conn.execute(_rows_and_touch(len(rows)), {**values, "case_ids": list(case_ids), "at": at})
    else:
        table, column = _case_touch
        conn.execute(insert(AuditEntry.__table__), rows)
        conn.execute(update(table).where(table.c.id.in_(case_ids)).values({column: at}))
    _touch_loaded(session, case_ids, at)


def _touch_loaded(session: Session, case_ids: set[int], at: dt.datetime) -> None:
    """The cases' rows in the session get the last change as written (without reading it), so
    the DTO a service returns is the case as stored."""
    assert _case_touch is not None
    table, column = _case_touch
    for key in list(session.identity_map.keys()):  # by key: no expired row is read again
        cls, ident = key[0], key[1]
        if getattr(cls, "__table__", None) is table and ident[0] in case_ids:
            obj = session.identity_map.get(key)
            if obj is not None:
                set_committed_value(obj, column, at)


#: The columns of an audit row as `_row` fills them.
_ROW_KEYS = ("at", "who", "case_id", "entity", "entity_id", "action", "field", "old", "new")


@functools.lru_cache(maxsize=16)
def _rows_and_touch(count: int) -> Any:
    """The statement (PostgreSQL) writing `count` audit rows (parameters `<column>_<i>`) and
    the last change (`at`) of the cases `case_ids`: made once per count, as text, so nothing
    is compiled again per edit (SQLAlchemy does not cache a statement WITH an INSERT)."""
    assert _case_touch is not None
    table, column = _case_touch
    columns = AuditEntry.__table__.c
    names = ", ".join(f'"{key}"' for key in _ROW_KEYS)
    rows = ", ".join(
        "(" + ", ".join(f":{key}_{i}" for key in _ROW_KEYS) + ")" for i in range(count)
    )
    sql = (
        f"WITH audit_rows AS (INSERT INTO {AuditEntry.__tablename__} ({names}) VALUES {rows}) "
        f"UPDATE {table.name} SET {column} = :at WHERE {table.name}.id = ANY(:case_ids)"
    )
    typed = [
        bindparam(f"{key}_{i}", type_=columns[key].type) for i in range(count) for key in _ROW_KEYS
    ]
    return text(sql).bindparams(*typed, bindparam("at", type_=columns["at"].type))


def install(session_class: type[Session]) -> None:
    """Attach the stamping and audit listeners to sessions of `session_class`."""
    if not event.contains(session_class, "before_flush", _stamp):
        event.listen(session_class, "before_flush", _stamp)
        event.listen(session_class, "after_flush", _record)
