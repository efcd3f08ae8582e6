"""What the framework services share: read-only past moments, sources, row snapshots."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, inspect, select

from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import NetworkMember, Person
from jeugdtool.errors import InvalidInput, JeugdtoolError, Problem
from jeugdtool.framework.dto import Source
from jeugdtool.framework.models import MappingMoment
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _
from jeugdtool.store.base import BOOKKEEPING
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork


class ReadOnlyMoment(JeugdtoolError):
    """A past mapping moment is the record of what was known then; it does not change."""


def latest_moment_id(uow: UnitOfWork, household_id: int) -> int | None:
    return uow.session.scalar(
        select(MappingMoment.id)
        .where(MappingMoment.household_id == household_id)
        .order_by(MappingMoment.held_on.desc(), MappingMoment.id.desc())
        .limit(1)
    )


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


def expected_columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Undo's `expected` in service terms (a Source, enums, lists) as the column values
    `rows.apply` compares with."""
    if expected is None:
        return None
    out: dict[str, Any] = {}
    for key, value in expected.items():
        if isinstance(value, Source):
            out.update(columns_of_source(value))
        elif isinstance(value, enum.Enum):
            out[key] = value.value
        elif isinstance(value, list):
            out[key] = tuple(value)  # a `columns.Lines` column reads as a tuple
        else:
            out[key] = value
    return out


def check_person(uow: UnitOfWork, household_id: int, person_id: int | None, field: str) -> None:
    if person_id is None:
        return
    person = uow.session.get(Person, person_id)
    if person is None or person.household_id != household_id:
        raise InvalidInput(Problem(field, _("Choose a member of this household.")))


def next_position(uow: UnitOfWork, column: Any, *where: Any) -> int:
    return (uow.session.scalar(select(func.max(column)).where(*where)) or 0) + 1


def copy_row(row: Any, **changes: Any) -> Any:
    """A new row of `row`'s kind with its values (a lineage included) and `changes`: its own
    id and bookkeeping come when it is written (a new moment's or plan version's copy)."""
    kept = {k: value for k, value in row_values(row).items() if k != "id" and k not in BOOKKEEPING}
    return type(row)(**{**kept, **changes})


def row_values(row: Any) -> dict[str, Any]:
    """Every column of a row (ids included), to put it back exactly after an undo."""
    mapper = inspect(row).mapper
    return {attr.key: getattr(row, attr.key) for attr in mapper.column_attrs}
