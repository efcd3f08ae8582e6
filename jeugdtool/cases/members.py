"""Services for the people of a case: household members and the network around them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select

from jeugdtool.cases import convert
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import NetworkMemberDTO, PersonDTO
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import NetworkMember, Person
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen, ensure_free, ensure_unreferenced
from jeugdtool.store.rows import apply, get
from jeugdtool.store.uow import UnitOfWork

R = TypeVar("R", Person, NetworkMember)
D = TypeVar("D", PersonDTO, NetworkMemberDTO)

#: A check an upper layer runs inside a removal's transaction (what goes with the row).
Guard = Callable[[UnitOfWork], None]


@dataclass(frozen=True)
class _Kind(Generic[R, D]):
    """What differs between household members and network members."""

    model: type[R]
    clean: Callable[[Mapping[str, Any]], dict[str, Any]]
    to_dto: Callable[[R], D]
    defaults: Mapping[str, Any]


PERSON = _Kind(Person, lambda c: v.person(c), convert.person, {"role": "child"})
NETWORK = _Kind(NetworkMember, v.network_member, convert.network_member, {"kind": "family"})


def _add(
    uow: UnitOfWork,
    kind: _Kind[R, D],
    household_id: int,
    fields: Mapping[str, Any],
    restore: D | None,
) -> Outcome[D]:
    clean = kind.clean({**kind.defaults, **fields})
    with uow:
        ensure_open(uow, household_id)
        if restore is not None:
            ensure_free(uow, kind.model, [restore.id])
            row = kind.model(
                id=restore.id, household_id=household_id, position=restore.position, **clean
            )
        else:
            last = uow.session.scalar(
                select(func.max(kind.model.position)).where(kind.model.household_id == household_id)
            )
            row = kind.model(household_id=household_id, position=(last or 0) + 1, **clean)
        uow.session.add(row)
        uow.flush()
        dto = kind.to_dto(row)
        return Outcome(dto, uow.commit())


def _update(
    uow: UnitOfWork,
    kind: _Kind[R, D],
    row_id: int,
    changes: Mapping[str, Any],
    expected: Mapping[str, Any] | None,
    expected_version: int | None,
) -> Outcome[D]:
    clean = kind.clean(changes)
    with uow:
        row = get(uow, kind.model, row_id)
        ensure_open(uow, row.household_id)
        apply(row, clean, expected=expected, expected_version=expected_version)
        uow.flush()
        dto = kind.to_dto(row)
        return Outcome(dto, uow.commit())


@dataclass(frozen=True)
class Expect(Generic[D]):
    """What a removal expects (undo/redo), so it never takes a colleague's later work along."""

    #: The member as the caller last saw them.
    member: D | None = None
    #: True (undo of adding them): nothing refers to them yet — no map item, statement,
    #: assessment or plan entry, which the removal would strip of them or take along.
    unreferenced: bool = False
    #: A check of an upper layer run in the removal's transaction (what goes with them).
    guard: Guard | None = None


def _remove(uow: UnitOfWork, kind: _Kind[R, D], row_id: int, expect: Expect[D]) -> Outcome[D]:
    with uow:
        row = get(uow, kind.model, row_id)
        ensure_open(uow, row.household_id)
        dto = kind.to_dto(row)
        # Where it sits among the others shifts with their adds and removals: not compared.
        ensure_as_seen(dto, expect.member, ignore=("position",))
        if expect.unreferenced:
            ensure_unreferenced(uow, kind.model.__tablename__, row_id)
        if expect.guard is not None:
            expect.guard(uow)
        uow.session.delete(row)
        return Outcome(dto, uow.commit())


def _fields(dto: PersonDTO | NetworkMemberDTO, names: Mapping[str, Any]) -> dict[str, Any]:
    return {name: getattr(dto, name) for name in names}


# ---- household members ----------------------------------------------------------------

PERSON_FIELDS = ("first_name", "last_name", "role", "birth_date", "notes")


def add_person(
    uow: UnitOfWork,
    household_id: int,
    fields: Mapping[str, Any],
    *,
    restore: PersonDTO | None = None,
) -> Outcome[PersonDTO]:
    """Add a member to the household; `restore` puts back a removed one with its own id."""
    if restore is not None:
        fields = _fields(restore, dict.fromkeys(PERSON_FIELDS))
    return _add(uow, PERSON, household_id, fields, restore)


def update_person(
    uow: UnitOfWork,
    person_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
) -> Outcome[PersonDTO]:
    return _update(uow, PERSON, person_id, changes, expected, expected_version)


def remove_person(
    uow: UnitOfWork,
    person_id: int,
    *,
    expected: PersonDTO | None = None,
    unreferenced: bool = False,
    guard: Guard | None = None,
) -> Outcome[PersonDTO]:
    """Remove a member; `restore=` of `add_person` puts them back.

    For undo and redo, which must not take a colleague's later work along (else ConflictError
    and nothing is removed): `expected` is the member as the caller last saw them;
    `unreferenced=True` (undo of adding them) refuses when anything refers to them by now;
    `guard` runs in the same transaction first (the ZRM checks the assessments that go with
    the person).
    """
    return _remove(uow, PERSON, person_id, Expect(expected, unreferenced, guard))


# ---- network ---------------------------------------------------------------------------

NETWORK_FIELDS = (
    "name",
    "relation",
    "kind",
    "organisation",
    "phone",
    "email",
    "safety_network",
    "notes",
)


def add_network_member(
    uow: UnitOfWork,
    household_id: int,
    fields: Mapping[str, Any],
    *,
    restore: NetworkMemberDTO | None = None,
) -> Outcome[NetworkMemberDTO]:
    if restore is not None:
        fields = _fields(restore, dict.fromkeys(NETWORK_FIELDS))
    return _add(uow, NETWORK, household_id, fields, restore)


def update_network_member(
    uow: UnitOfWork,
    member_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
) -> Outcome[NetworkMemberDTO]:
    return _update(uow, NETWORK, member_id, changes, expected, expected_version)


def remove_network_member(
    uow: UnitOfWork,
    member_id: int,
    *,
    expected: NetworkMemberDTO | None = None,
    unreferenced: bool = False,
) -> Outcome[NetworkMemberDTO]:
    """Remove a network member (`expected` and `unreferenced` as for `remove_person`)."""
    return _remove(uow, NETWORK, member_id, Expect(expected, unreferenced))


def birth_date_problem(text: str, today: dt.date | None = None) -> str | None:
    """The message for a birth date as typed, or None when it is fine (for live feedback)."""
    try:
        v.date("birth_date", text, label=_("Birth date"), not_after=today or dt.date.today())
    except InvalidInput as exc:
        return exc.problems[0].message
    return None
