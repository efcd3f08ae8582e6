"""What the framework (and meetings) services share: read-only past moments, rows of open cases,
sources, order within a list, row copies and snapshots."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any
from typing import TypeVar

from sqlalchemy import Select
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.models import Person
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.framework.dto import Source
from jeugdtool.framework.models import MappingMoment
from jeugdtool.framework.models import Statement
from jeugdtool.framework.models import StatementChild
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.base import BOOKKEEPING
from jeugdtool.store.base import Base
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order  # noqa: F401 (the framework services import it here)
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.snapshot import close_gap
from jeugdtool.store.snapshot import values_of
from jeugdtool.store.uow import UnitOfWork

M = TypeVar("M", bound=Base)
T = TypeVar("T")


class ReadOnlyMoment(JeugdtoolError):
    """A past mapping moment is the record of what was known then; it does not change."""


def latest_moment_select(household_id: int) -> Select[tuple[int]]:
    """The query for the id of the case's newest mapping moment: for `latest_moment_id`, or
    as a subquery in a caller's own statement (`.scalar_subquery()`: one round trip less)."""
    return (
        select(MappingMoment.id)
        .where(MappingMoment.household_id == household_id)
        .order_by(MappingMoment.held_on.desc(), MappingMoment.id.desc())
        .limit(1)
    )


def latest_moment_id(uow: UnitOfWork, household_id: int) -> int | None:
    return uow.session.scalar(latest_moment_select(household_id))


def editable_moment(uow: UnitOfWork, moment_id: int) -> MappingMoment:
    """The moment, if it may change (it is the newest of its case); else ReadOnlyMoment."""
    moment = get(uow, MappingMoment, moment_id)
    ensure_open(uow, moment.household_id)
    if latest_moment_id(uow, moment.household_id) != moment.id:
        raise ReadOnlyMoment(
            _(
                "This is an earlier mapping moment; it stays as it was. Start a new moment to "
                "bring the map up to date."
            )
        )
    return moment


def moment_row(uow: UnitOfWork, model: type[M], row_id: int) -> M:
    """A map item or statement, if its moment may change (`editable_moment`)."""
    row = get(uow, model, row_id)
    editable_moment(uow, row.moment_id)  # type: ignore[attr-defined]
    return row


def is_statement_of_case(
    uow: UnitOfWork, case_id: int, lineage: str, statement_type: StatementType
) -> bool:
    """Whether `lineage` is a statement of `statement_type` of the case (on any mapping moment)."""
    found = uow.session.scalar(
        select(Statement.id)
        .where(
            Statement.household_id == case_id,
            Statement.lineage == lineage,
            Statement.type == statement_type.value,
        )
        .limit(1)
    )
    return found is not None


def statement_children(
    session: Session, statement_ids: Collection[int]
) -> defaultdict[int, list[StatementChild]]:
    """The children rows of each statement (by statement id; none: an empty list), in their
    order; one query."""
    return children_in_order(session, StatementChild.statement_id, statement_ids)


def open_row(uow: UnitOfWork, model: type[M], row_id: int) -> M:
    """A row of a case (a score, a review, an agenda item …), if the case may change (is open);
    else CaseClosed."""
    row = get(uow, model, row_id)
    ensure_open(uow, row.household_id)  # type: ignore[attr-defined]
    return row


def source_columns(uow: UnitOfWork, household_id: int, source: Source) -> dict[str, Any]:
    """The columns for `source`, checked against the case; the label defaults to the name."""
    kind = SourceKind(source.kind)
    person_id = network_id = None
    label = source.label.strip()
    if kind is SourceKind.PERSON:
        person = uow.session.get(Person, source.person_id) if source.person_id else None
        if person is None or person.household_id != household_id:
            raise InvalidInput(Problem("source", _("Choose a member of this household.")))
        person_id = person.id
        label = label or f"{person.first_name} {person.last_name}".strip()
    elif kind is SourceKind.NETWORK:
        member = uow.session.get(NetworkMember, source.network_id) if source.network_id else None
        if member is None or member.household_id != household_id:
            raise InvalidInput(Problem("source", _("Choose a member of this case's network.")))
        network_id = member.id
        label = label or member.name
    elif kind is SourceKind.OTHER and not label:
        raise InvalidInput(Problem("source", _("Say who said it.")))
    return {
        "source_kind": kind.value,
        "source_person_id": person_id,
        "source_network_id": network_id,
        "source_label": label[:200],
    }


def source_of(row: Any) -> Source:
    return Source(
        kind=SourceKind(row.source_kind),
        person_id=row.source_person_id,
        network_id=row.source_network_id,
        label=row.source_label,
    )


def source_of_columns(columns: Mapping[str, Any]) -> Source:
    """`source_of` for the column values `source_columns` gives."""
    return Source(
        kind=SourceKind(columns["source_kind"]),
        person_id=columns["source_person_id"],
        network_id=columns["source_network_id"],
        label=columns["source_label"],
    )


def columns_of_source(source: Source) -> dict[str, Any]:
    """A source as its column values, unchecked (what undo's `expected` compares with)."""
    return {
        "source_kind": SourceKind(source.kind).value,
        "source_person_id": source.person_id,
        "source_network_id": source.network_id,
        "source_label": source.label,
    }


def expected_columns(
    expected: Mapping[str, Any] | None, *, apart: Iterable[str] = ()
) -> dict[str, Any] | None:
    """Undo's `expected` in service terms (a Source, enums, lists) as the column values
    `rows.apply` compares with; the fields named in `apart` are left out (the service compares
    them itself, e.g. an agreement's parties)."""
    if expected is None:
        return None
    out: dict[str, Any] = {}
    for key, value in expected.items():
        if key in apart:
            continue
        if isinstance(value, Source):
            out.update(columns_of_source(value))
        elif isinstance(value, enum.Enum):
            out[key] = value.value
        elif isinstance(value, list):
            out[key] = tuple(value)  # a `columns.Lines` column reads as a tuple
        else:
            out[key] = value
    return out


def save_fields(
    uow: UnitOfWork,
    find: Callable[[], M],
    clean: Mapping[str, Any],
    expected: Mapping[str, Any] | None,
    read: Callable[[M], T],
) -> Outcome[T]:
    """Save checked fields of the row `find` gives inside the action (it refuses what may not
    change: a closed case, an earlier moment, a finalised plan) and return it as `read` shows
    it; `expected` (undo/redo, in service terms): the values the caller believes are current."""
    return save_checked(uow, find, lambda _row: clean, expected, read)


def save_checked(
    uow: UnitOfWork,
    find: Callable[[], M],
    check: Callable[[M], Mapping[str, Any]],
    expected: Mapping[str, Any] | None,
    read: Callable[[M], T],
) -> Outcome[T]:
    """`save_fields` for changes whose check needs the row (its case, its cell, its list):
    `check(row)` gives the checked fields, inside the action."""
    with uow:
        row = find()
        apply(row, check(row), expected=expected_columns(expected))
        return committed(uow, lambda: read(row))


def check_person(uow: UnitOfWork, household_id: int, person_id: int | None, field: str) -> None:
    if person_id is None:
        return
    person = uow.session.get(Person, person_id)
    if person is None or person.household_id != household_id:
        raise InvalidInput(Problem(field, _("Choose a member of this household.")))


def next_position(uow: UnitOfWork, column: Any, *where: Any) -> int:
    return (uow.session.scalar(select(func.max(column)).where(*where)) or 0) + 1


def append_to(uow: UnitOfWork, model: type[M], group: Mapping[str, Any], **values: Any) -> M:
    """Inside an open unit of work: a new row of `model` at the end of the list `group` names
    (its columns and their values, e.g. a moment's cell), with `values`; added and flushed."""
    where = (getattr(model, column) == value for column, value in group.items())
    position = next_position(uow, model.position, *where)  # type: ignore[attr-defined]
    row = model(**group, position=position, **values)
    uow.session.add(row)
    uow.flush()
    return row


def move_to(rows: Iterable[Any], row: Any, position: int) -> None:
    """Put `row` at `position` (1 = first; clamped to the list) among `rows` (its list, in
    order, with or without it) and number them 1, 2, 3 … again."""
    others = [r for r in rows if r is not row]
    others.insert(max(1, min(position, len(others) + 1)) - 1, row)
    close_gap(others)


def snapshot_of(uow: UnitOfWork, model: type[Base], row_id: int) -> Snapshot:
    """Everything of a row as it is now (what undo of creating it expects to remove)."""
    with uow:
        return snapshot.take(uow, get(uow, model, row_id))


def remove_as_seen(uow: UnitOfWork, row: Base, expected: Snapshot | None) -> Outcome[Snapshot]:
    """Inside an open unit of work: remove `row` with everything in it and commit, unless any of
    it changed since the caller's snapshot `expected` (ConflictError, nothing removed)."""
    return remove_unchanged(uow, row, snapshot.take(uow, row), expected)


def remove_unchanged(
    uow: UnitOfWork, row: Base, now: Any, expected: Any | None
) -> Outcome[Snapshot]:
    """Inside an open unit of work: remove `row` (and what the database removes with it) and
    commit, unless `now` — the row as the caller's `expected` shows it: its DTO, or a snapshot —
    differs from `expected` (ConflictError, nothing removed). The removal's snapshot is undo's."""
    ensure_as_seen(now, expected)
    taken = snapshot.remove(uow, row)
    return Outcome(taken, uow.commit())


def copy_row(row: Any, **changes: Any) -> Any:
    """A new row of `row`'s kind with its values (a lineage included) and `changes`: its own
    id and bookkeeping come when it is written (a new moment's or plan version's copy)."""
    kept = {k: value for k, value in values_of(row).items() if k != "id" and k not in BOOKKEEPING}
    return type(row)(**{**kept, **changes})
