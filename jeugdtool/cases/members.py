"""Services for the people of a case: household members and the network around them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import Generic
from typing import TypeVar
from typing import cast

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases import contact_rules
from jeugdtool.cases import convert
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.models import Person
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.guards import ensure_unreferenced
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

R = TypeVar("R", Person, NetworkMember)
D = TypeVar("D", PersonDTO, NetworkMemberDTO)

#: A check an upper layer runs inside a removal's transaction (what goes with the row).
Guard = Callable[[UnitOfWork], None]
#: The rules across a case's members, run on the row as it is about to be stored.
CaseCheck = Callable[[UnitOfWork, Any], None]


def _network_of(uow: UnitOfWork, household_id: int) -> list[NetworkMemberDTO]:
    rows = uow.session.scalars(
        select(NetworkMember).where(NetworkMember.household_id == household_id)
    )
    return [convert.network_member(r) for r in rows]


def _check_person(uow: UnitOfWork, row: Person) -> None:
    """A trusted person only for a child, and only a member of the same case's network."""
    if row.trusted_person_id is not None:
        network = _network_of(uow, row.household_id)
        contact_rules.check_trusted_person(row.role, row.trusted_person_id, network)


def _check_member(uow: UnitOfWork, row: NetworkMember) -> None:
    """At most one chair per case (held until the action ends: two colleagues appointing a
    chair at once cannot both pass the check)."""
    if row.chairs_network:
        uow.serialize(f"network-chair-{row.household_id}")
        others = [m for m in _network_of(uow, row.household_id) if m.id != row.id]
        contact_rules.check_chair(row.id, True, others)


@dataclass(frozen=True)
class _Kind(Generic[R, D]):
    """What differs between household members and network members."""

    model: type[R]
    clean: Callable[[Mapping[str, Any]], dict[str, Any]]
    to_dto: Callable[[R], D]
    defaults: Mapping[str, Any]
    check: CaseCheck


PERSON = _Kind(Person, lambda c: v.person(c), convert.person, {"role": "child"}, _check_person)
NETWORK = _Kind(
    NetworkMember, v.network_member, convert.network_member, {"kind": "family"}, _check_member
)


def _add(
    uow: UnitOfWork, kind: _Kind[R, D], household_id: int, fields: Mapping[str, Any]
) -> Outcome[D]:
    clean = kind.clean({**kind.defaults, **fields})
    with uow:
        ensure_open(uow, household_id)
        last = uow.session.scalar(
            select(func.max(kind.model.position)).where(kind.model.household_id == household_id)
        )
        row = kind.model(household_id=household_id, position=(last or 0) + 1, **clean)
        kind.check(uow, row)
        uow.session.add(row)
        return committed(uow, lambda: kind.to_dto(row))


def _update(
    uow: UnitOfWork,
    kind: _Kind[R, D],
    row_id: int,
    changes: Changes,
    expected: Mapping[str, Any] | None,
    expected_version: int | None,
) -> Outcome[D]:
    clean = kind.clean(changes)
    with uow:
        row = get(uow, kind.model, row_id)
        ensure_open(uow, row.household_id)
        apply(row, clean, expected=expected, expected_version=expected_version)
        kind.check(uow, row)
        return committed(uow, lambda: kind.to_dto(row))


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


def _others(uow: UnitOfWork, kind: _Kind[R, D], household_id: int) -> list[R]:
    """The case's members of this kind, in their order."""
    return in_order(uow, kind.model, kind.model.household_id == household_id)


def _remove(
    uow: UnitOfWork, kind: _Kind[R, D], row_id: int, expect: Expect[D]
) -> Outcome[Snapshot]:
    with uow:
        row = get(uow, kind.model, row_id)
        ensure_open(uow, row.household_id)
        # Where it sits among the others shifts with their adds and removals: not compared.
        ensure_as_seen(kind.to_dto(row), expect.member, ignore=("position",))
        if expect.unreferenced:
            ensure_unreferenced(uow, kind.model.__tablename__, row_id)
        if expect.guard is not None:
            expect.guard(uow)
        household_id = row.household_id
        return snapshot.remove_and_commit(
            uow, row, renumber=lambda: _others(uow, kind, household_id)
        )


def _restore(uow: UnitOfWork, kind: _Kind[R, D], taken: Snapshot) -> Outcome[D]:
    """Put a removed member back where they were, with everything their removal took along
    and cleared (a person's ZRM assessments, map items about them), in one transaction."""
    if taken.root[0] != kind.model.__tablename__:
        raise ValueError(f"not a snapshot of {kind.model.__tablename__}")  # a programming error
    household_id = taken.values["household_id"]
    with uow:
        ensure_open(uow, household_id)
        row = cast(R, snapshot.put_back_at(uow, taken, lambda: _others(uow, kind, household_id)))
        kind.check(uow, row)  # a chair appointed since: this one is not put back as a second
        return committed(uow, lambda: kind.to_dto(row))


# ---- household members ----------------------------------------------------------------


def add_person(uow: UnitOfWork, household_id: int, fields: Mapping[str, Any]) -> Outcome[PersonDTO]:
    """Add a member at the end of the household (`restore_person` puts back a removed one)."""
    return _add(uow, PERSON, household_id, fields)


def update_person(
    uow: UnitOfWork,
    person_id: int,
    changes: Changes,
    *,
    expected: Expected = None,
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
) -> Outcome[Snapshot]:
    """Remove a member with what goes with them (their ZRM assessments; references to them
    are cleared); the snapshot is what `restore_person` puts back.

    For undo and redo, which must not take a colleague's later work along (else ConflictError
    and nothing is removed): `expected` is the member as the caller last saw them;
    `unreferenced=True` (undo of adding them) refuses when anything refers to them by now;
    `guard` runs in the same transaction first (the ZRM checks the assessments that go with
    the person).
    """
    return _remove(uow, PERSON, person_id, Expect(expected, unreferenced, guard))


def restore_person(uow: UnitOfWork, taken: Snapshot) -> Outcome[PersonDTO]:
    """Undo of `remove_person`: the member in their place with their own id, their assessments
    and the references to them, in one step. ConflictError when an id was given away since."""
    return _restore(uow, PERSON, taken)


# ---- network ---------------------------------------------------------------------------


def add_network_member(
    uow: UnitOfWork, household_id: int, fields: Mapping[str, Any]
) -> Outcome[NetworkMemberDTO]:
    return _add(uow, NETWORK, household_id, fields)


def update_network_member(
    uow: UnitOfWork,
    member_id: int,
    changes: Changes,
    *,
    expected: Expected = None,
    expected_version: int | None = None,
) -> Outcome[NetworkMemberDTO]:
    return _update(uow, NETWORK, member_id, changes, expected, expected_version)


def remove_network_member(
    uow: UnitOfWork,
    member_id: int,
    *,
    expected: NetworkMemberDTO | None = None,
    unreferenced: bool = False,
) -> Outcome[Snapshot]:
    """Remove a network member (`expected` and `unreferenced` as for `remove_person`)."""
    return _remove(uow, NETWORK, member_id, Expect(expected, unreferenced))


def restore_network_member(uow: UnitOfWork, taken: Snapshot) -> Outcome[NetworkMemberDTO]:
    """Undo of `remove_network_member` (as `restore_person`)."""
    return _restore(uow, NETWORK, taken)


def birth_date_problem(text: str, today: dt.date | None = None) -> str | None:
    """The message for a birth date as typed, or None when it is fine (for live feedback)."""
    try:
        v.date("birth_date", text, label=_("Birth date"), not_after=today or dt.date.today())
    except InvalidInput as exc:
        return exc.problems[0].message
    return None
