"""Services for two sections of a plan draft: the safety network and the red flags.

The safety network: who is in it, their role in the plan (checks contact, the child's trusted
person, chairs the network, …) and the date they were told the worries and the goals. Red flags:
signs network members watch for, who watches, and what they do when they see one.

Both live in a draft only (`plans.editable_version`): a finalised version never changes and a
closed case never changes. Rows are kept in order with positions 1, 2, 3 …; removing one closes
the gap, putting it back (`restore=`, for undo) puts it where it was with its own id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import select

from jeugdtool.errors import InvalidInput, collect
from jeugdtool.framework import plan_rules as rules
from jeugdtool.framework._common import (
    next_position,
    source_columns,
    source_of,
    source_of_columns,
)
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import NetworkRoleDTO, RedFlagDTO
from jeugdtool.framework.plan_models import PlanNetworkRole, RedFlag
from jeugdtool.framework.plans import editable_version
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen, ensure_free
from jeugdtool.store.rows import apply, get
from jeugdtool.store.uow import UnitOfWork

MAX_TEXT = rules.MAX_TEXT
MAX_NAME = rules.MAX_NAME

Row = TypeVar("Row", PlanNetworkRole, RedFlag)


# ---- shared: order within a version ---------------------------------------------------------


def _rows(uow: UnitOfWork, model: type[Row], version_id: int) -> list[Row]:
    return list(
        uow.session.scalars(
            select(model)
            .where(model.plan_version_id == version_id)
            .order_by(model.position, model.id)
        )
    )


def _renumber(rows: Sequence[PlanNetworkRole | RedFlag]) -> None:
    for number, row in enumerate(rows, 1):
        if row.position != number:
            row.position = number


def _make_room(uow: UnitOfWork, model: type[Row], version_id: int, position: int) -> int:
    """Shift rows at `position` and after one down; the position to use (at most the end)."""
    rows = _rows(uow, model, version_id)
    _renumber(rows)
    position = max(1, min(position, len(rows) + 1))
    for row in rows:
        if row.position >= position:
            row.position += 1
    uow.flush()
    return position


def _move(uow: UnitOfWork, row: PlanNetworkRole | RedFlag, position: int) -> None:
    others = [r for r in _rows(uow, type(row), row.plan_version_id) if r.id != row.id]
    position = max(1, min(position, len(others) + 1))
    others.insert(position - 1, row)
    _renumber(others)
    uow.flush()


def _remove(uow: UnitOfWork, row: PlanNetworkRole | RedFlag) -> None:
    model, version_id = type(row), row.plan_version_id
    uow.session.delete(row)
    uow.flush()
    _renumber(_rows(uow, model, version_id))
    uow.flush()


# ---- the safety network ----------------------------------------------------------------------


def role_dto(row: PlanNetworkRole) -> NetworkRoleDTO:
    return NetworkRoleDTO(
        id=row.id,
        position=row.position,
        source=source_of(row),
        role=row.role,
        told_on=row.told_on,
        version=row.version,
    )


def _clean_role(
    uow: UnitOfWork, household_id: int, changes: Mapping[str, Any], *, new: bool = False
) -> dict[str, Any]:
    """The rules' values as columns: who it is, checked against the case too (every problem
    at once: an unknown person and a date in the future are both reported)."""
    check = rules.new_network_role if new else rules.network_role
    with collect() as problems:
        clean = problems.check(check, changes, dt.date.today()) or {}
        source = changes.get("source")
        if isinstance(source, Source) and not any(p.field == "source" for p in problems.found):
            with problems.catching():
                clean.update(source_columns(uow, household_id, source))
    clean.pop("source", None)
    return clean


def _check_not_twice(
    uow: UnitOfWork, version_id: int, clean: Mapping[str, Any], except_id: int | None = None
) -> None:
    if "source_kind" not in clean:
        return
    network = ((row.id, source_of(row)) for row in _rows(uow, PlanNetworkRole, version_id))
    problem = rules.duplicate_in_network(source_of_columns(clean), network, except_id)
    if problem is not None:
        raise InvalidInput(problem)


def add_network_role(
    uow: UnitOfWork,
    version_id: int,
    fields: Mapping[str, Any],
    *,
    restore: NetworkRoleDTO | None = None,
) -> Outcome[NetworkRoleDTO]:
    """Add someone to the safety network of a draft, at the end (`restore` puts a removed entry
    back where it was, with its own id).

    `fields`: `source` (a `Source`: household member, network member or someone else by name),
    `role` (text) and `told_on` (the date they were told the worries and goals; not later than
    today).
    """
    if restore is not None:
        fields = {"source": restore.source, "role": restore.role, "told_on": restore.told_on}
    with uow:
        plan = editable_version(uow, version_id)
        clean = _clean_role(uow, plan.household_id, fields, new=True)
        _check_not_twice(uow, version_id, clean)
        common = {"plan_version_id": version_id, "household_id": plan.household_id}
        if restore is not None:
            ensure_free(uow, PlanNetworkRole, [restore.id])
            position = _make_room(uow, PlanNetworkRole, version_id, restore.position)
            row = PlanNetworkRole(id=restore.id, position=position, **common, **clean)
        else:
            position = next_position(
                uow, PlanNetworkRole.position, PlanNetworkRole.plan_version_id == version_id
            )
            row = PlanNetworkRole(position=position, **common, **clean)
        uow.session.add(row)
        uow.flush()
        dto = role_dto(row)
        return Outcome(dto, uow.commit())


def _editable_role(uow: UnitOfWork, role_id: int) -> PlanNetworkRole:
    row = get(uow, PlanNetworkRole, role_id)
    editable_version(uow, row.plan_version_id)
    return row


def _role_expected(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """`expected` in DTO terms (a Source) as column values."""
    if expected is None:
        return None
    out: dict[str, Any] = {}
    for key, value in expected.items():
        if key == "source":
            out.update(
                source_kind=SourceKind(value.kind).value,
                source_person_id=value.person_id,
                source_network_id=value.network_id,
                source_label=value.label,
            )
        else:
            out[key] = value
    return out


def update_network_role(
    uow: UnitOfWork,
    role_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[NetworkRoleDTO]:
    """Change who it is, their role or when they were told (`expected`: the values the caller
    believes are current, in DTO terms; a difference raises ConflictError)."""
    with uow:
        row = _editable_role(uow, role_id)
        clean = _clean_role(uow, row.household_id, changes)
        _check_not_twice(uow, row.plan_version_id, clean, except_id=row.id)
        apply(row, clean, expected=_role_expected(expected))
        uow.flush()
        dto = role_dto(row)
        return Outcome(dto, uow.commit())


def move_network_role(uow: UnitOfWork, role_id: int, position: int) -> Outcome[NetworkRoleDTO]:
    """Put an entry at `position` (1 = first) of the safety network."""
    with uow:
        row = _editable_role(uow, role_id)
        _move(uow, row, position)
        dto = role_dto(row)
        return Outcome(dto, uow.commit())


def remove_network_role(
    uow: UnitOfWork, role_id: int, *, expected: NetworkRoleDTO | None = None
) -> Outcome[NetworkRoleDTO]:
    """Take someone out of the draft's safety network; the returned copy can be put back with
    `add_network_role(…, restore=…)`. `expected`: the entry as the caller last saw it
    (undo/redo); when someone else changed it since, ConflictError and nothing is removed."""
    with uow:
        row = _editable_role(uow, role_id)
        dto = role_dto(row)
        ensure_as_seen(dto, expected, ignore=("position",))
        _remove(uow, row)
        return Outcome(dto, uow.commit())


# ---- red flags -------------------------------------------------------------------------------


def flag_dto(row: RedFlag) -> RedFlagDTO:
    return RedFlagDTO(
        id=row.id,
        position=row.position,
        sign=row.sign,
        watched_by=row.watched_by,
        action=row.action,
        version=row.version,
    )


def _clean_flag(changes: Mapping[str, Any], *, new: bool = False) -> dict[str, Any]:
    return rules.new_red_flag(changes) if new else rules.red_flag(changes)


def add_red_flag(
    uow: UnitOfWork,
    version_id: int,
    fields: Mapping[str, Any],
    *,
    restore: RedFlagDTO | None = None,
) -> Outcome[RedFlagDTO]:
    """Add a red flag at the end of a draft (`restore` puts a removed one back where it was,
    with its own id).

    `fields`: `sign` (required: what to watch for), `watched_by` (names), `action` (what they
    do when they see it).
    """
    if restore is not None:
        fields = {"sign": restore.sign, "watched_by": restore.watched_by, "action": restore.action}
    with uow:
        clean = _clean_flag(fields, new=True)
        plan = editable_version(uow, version_id)
        common = {"plan_version_id": version_id, "household_id": plan.household_id}
        if restore is not None:
            ensure_free(uow, RedFlag, [restore.id])
            position = _make_room(uow, RedFlag, version_id, restore.position)
            row = RedFlag(id=restore.id, position=position, **common, **clean)
        else:
            position = next_position(uow, RedFlag.position, RedFlag.plan_version_id == version_id)
            row = RedFlag(position=position, **common, **clean)
        uow.session.add(row)
        uow.flush()
        dto = flag_dto(row)
        return Outcome(dto, uow.commit())


def _editable_flag(uow: UnitOfWork, flag_id: int) -> RedFlag:
    row = get(uow, RedFlag, flag_id)
    editable_version(uow, row.plan_version_id)
    return row


def _flag_expected(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if expected is None:
        return None
    return {key: tuple(value) if key == "watched_by" else value for key, value in expected.items()}


def update_red_flag(
    uow: UnitOfWork,
    flag_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[RedFlagDTO]:
    """Change a red flag's sign, who watches or what they do (`expected` as in DTO terms)."""
    with uow:
        clean = _clean_flag(changes)
        row = _editable_flag(uow, flag_id)
        apply(row, clean, expected=_flag_expected(expected))
        uow.flush()
        dto = flag_dto(row)
        return Outcome(dto, uow.commit())


def move_red_flag(uow: UnitOfWork, flag_id: int, position: int) -> Outcome[RedFlagDTO]:
    """Put a red flag at `position` (1 = first)."""
    with uow:
        row = _editable_flag(uow, flag_id)
        _move(uow, row, position)
        dto = flag_dto(row)
        return Outcome(dto, uow.commit())


def remove_red_flag(
    uow: UnitOfWork, flag_id: int, *, expected: RedFlagDTO | None = None
) -> Outcome[RedFlagDTO]:
    """Remove a red flag; the returned copy can be put back with `add_red_flag(…, restore=…)`
    (`expected` as for `remove_network_role`)."""
    with uow:
        row = _editable_flag(uow, flag_id)
        dto = flag_dto(row)
        ensure_as_seen(dto, expected, ignore=("position",))
        _remove(uow, row)
        return Outcome(dto, uow.commit())
