"""Helpers every service shares: fetch a row or say clearly it is gone; guarded updates; the end
of an action (`committed`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.store.base import Base
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork, conflict_error

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


def apply(
    row: Any,
    clean: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
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
