"""Rows exactly as they were, to put back after a removal is undone (ids, lineages, authors).

A snapshot lists groups of rows in the order they must be inserted again (parents first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jeugdtool.framework._common import row_values
from jeugdtool.store.guards import ensure_free
from jeugdtool.store.uow import UnitOfWork


@dataclass(frozen=True)
class Snapshot:
    #: (mapped class, the rows' column values), parents first.
    rows: tuple[tuple[type, tuple[dict[str, Any], ...]], ...]


def take(*groups: Sequence[Any]) -> Snapshot:
    return Snapshot(
        tuple(
            (type(group[0]), tuple(row_values(row) for row in group)) for group in groups if group
        )
    )


def restore_rows(uow: UnitOfWork, snapshot: Snapshot) -> None:
    """Insert the rows again with their own ids; ConflictError when an id is taken by now."""
    for model, rows in snapshot.rows:
        ensure_free(uow, model, [values["id"] for values in rows])
    for model, rows in snapshot.rows:
        for values in rows:
            uow.session.add(model(**{k: v for k, v in values.items() if k != "version"}))
        uow.flush()
