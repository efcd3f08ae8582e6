"""Helpers every service shares: fetch a row or say clearly it is gone; a row as its DTO; guarded
updates; the end of an action (`committed`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Mapping
from dataclasses import fields
from typing import Any
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.store.base import Base
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

M = TypeVar("M", bound=Base)
T = TypeVar("T")


def get(uow: UnitOfWork, model: type[M], row_id: int) -> M:
    row = uow.session.get(model, row_id)
    if row is None:
        raise NotFound(
            _(
                "This item no longer exists; it may have been removed in another window. "
                "Refresh the screen."
            )
        )
    return row


def as_dto(dto: type[T], row: object, **given: Any) -> T:
    """`dto` with each field read from `row`'s attribute of that name, except those `given`
    (the fields a DTO has are exactly what the outside world may read)."""
    names = [f.name for f in fields(dto) if f.name not in given]  # type: ignore[arg-type]
    return dto(**{name: getattr(row, name) for name in names}, **given)


def apply(
    row: Any,
    clean: Mapping[str, Any],
    *,
    expected: Expected = None,
    expected_version: int | None = None,
) -> None:
    """Set `clean` on `row` — unless the row moved on since the caller read it.

    `expected` holds the values the caller believes are current (field-level optimistic check,
    used by undo/redo); `expected_version` is the row version the caller read.
    """
    if expected_version is not None and row.version != expected_version:
        raise conflict_error()
    for field, value in (expected or {}).items():
        if getattr(row, field) != value:
            raise conflict_error()
    for field, value in clean.items():
        setattr(row, field, value)


def committed(uow: UnitOfWork, result: Callable[[], T]) -> Outcome[T]:
    """The end of an action inside its unit of work: flush, read `result` (the DTO, while the
    rows are fresh and ids assigned), commit; the action's Outcome."""
    uow.flush()
    value = result()
    return Outcome(value, uow.commit())


def children_of(
    session: Session, parent: Any, ids: Collection[int], *order: Any
) -> defaultdict[int, list[Any]]:
    """The rows whose `parent` column (e.g. `Agreement.plan_version_id`) is one of `ids`, in
    `order`, grouped by that id (an id without rows: an empty list); one query."""
    grouped: defaultdict[int, list[Any]] = defaultdict(list)
    if ids:
        query = select(parent.class_).where(parent.in_(ids)).order_by(*order)
        for row in session.scalars(query):
            grouped[getattr(row, parent.key)].append(row)
    return grouped


def children_in_order(
    session: Session, parent: Any, ids: Collection[int]
) -> defaultdict[int, list[Any]]:
    """`children_of` for the items of numbered lists (a plan's comments, a story's pages): each
    list in its order, position then id (as `in_order`)."""
    return children_of(session, parent, ids, *_numbered(parent.class_))


def rows_of(session: Session, parent: Any, parent_id: int, *order: Any) -> list[Any]:
    """The rows whose `parent` column is `parent_id` (e.g. `ZrmAssessment.household_id`: every
    assessment of one case), in `order`."""
    return children_of(session, parent, [parent_id], *order)[parent_id]


def in_order(uow: UnitOfWork, model: type[M], *where: Any) -> list[M]:
    """The rows of `model` that `where` selects, in their order (position, then id): a
    numbered list (a case's members, a meeting's agenda), as `snapshot.put_back_at` and
    `snapshot.close_gap` renumber it."""
    return list(uow.session.scalars(select(model).where(*where).order_by(*_numbered(model))))


def _numbered(model: Any) -> tuple[Any, Any]:
    """The order of a numbered list's rows: position, then id."""
    return (model.position, model.id)


def oldest_first(session: Session, parent: Any, parent_id: int, day: Any) -> list[Any]:
    """The rows whose `parent` column is `parent_id` (e.g. every network meeting of one case),
    the earliest `day` first, the oldest row first within a day."""
    return rows_of(session, parent, parent_id, day, parent.class_.id)


def newest_first(session: Session, parent: Any, parent_id: int, day: Any) -> list[Any]:
    """The rows whose `parent` column is `parent_id` (e.g. every kindcheck of one case), the
    latest `day` first, the newest row first within a day."""
    return rows_of(session, parent, parent_id, day.desc(), parent.class_.id.desc())
