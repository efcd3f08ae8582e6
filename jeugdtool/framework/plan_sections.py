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

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput, Problem
from jeugdtool.framework._common import next_position, source_columns, source_of
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import NetworkRoleDTO, RedFlagDTO
from jeugdtool.framework.plan_models import PlanNetworkRole, RedFlag
from jeugdtool.framework.plans import editable_version
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen, ensure_free
from jeugdtool.store.rows import apply, get
from jeugdtool.store.uow import UnitOfWork

MAX_TEXT = 5000
MAX_NAME = 200

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


#: Who can be in the safety network: not the consultant (a professional supports the network,
#: the network is the family's own people).
_NETWORK_KINDS = frozenset({SourceKind.PERSON, SourceKind.NETWORK, SourceKind.OTHER})


def _who_is_it() -> str:
    return _(
        "Say who is in the safety network: a household member, someone of the case's network, "
        "or someone else by name."
    )


def _clean_role(
    uow: UnitOfWork, household_id: int, changes: Mapping[str, Any], today: dt.date
) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    for field, value in changes.items():
        try:
            if field == "source":
                if not isinstance(value, Source) or value.kind not in _NETWORK_KINDS:
                    raise InvalidInput(Problem("source", _who_is_it()))
                clean.update(source_columns(uow, household_id, value))
            elif field == "role":
                clean["role"] = v.text(
                    field, value, label=_("Role in the safety network"), max_len=MAX_TEXT
                )
            elif field == "told_on":
                clean["told_on"] = v.date(
                    field, value, label=_("Told the worries and goals on"), not_after=today
                )
            else:
                raise InvalidInput(
                    Problem(field, _("'{field}' cannot be changed here.").format(field=field))
                )
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems)
    return clean


def _same_person(row: PlanNetworkRole, clean: Mapping[str, Any]) -> bool:
    kind = clean["source_kind"]
    if kind == SourceKind.PERSON:
        return row.source_kind == kind and row.source_person_id == clean["source_person_id"]
    if kind == SourceKind.NETWORK:
        return row.source_kind == kind and row.source_network_id == clean["source_network_id"]
    return row.source_kind == kind and (
        row.source_label.casefold().strip() == clean["source_label"].casefold()
    )


def _check_not_twice(
    uow: UnitOfWork, version_id: int, clean: Mapping[str, Any], except_id: int | None = None
) -> None:
    if "source_kind" not in clean:
        return
    for row in _rows(uow, PlanNetworkRole, version_id):
        if row.id != except_id and _same_person(row, clean):
            raise InvalidInput(
                Problem(
                    "source",
                    _(
                        "{name} is already in the safety network of this plan. Describe all "
                        "of their roles in that one entry."
                    ).format(name=row.source_label),
                )
            )


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
    if "source" not in fields:
        raise InvalidInput(Problem("source", _who_is_it()))
    with uow:
        plan = editable_version(uow, version_id)
        clean = _clean_role(uow, plan.household_id, fields, dt.date.today())
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
        clean = _clean_role(uow, row.household_id, changes, dt.date.today())
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


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.splitlines() if line.strip())


def flag_dto(row: RedFlag) -> RedFlagDTO:
    return RedFlagDTO(
        id=row.id,
        position=row.position,
        sign=row.sign,
        watched_by=_lines(row.watched_by),
        action=row.action,
        version=row.version,
    )


def _names(field: str, value: Any) -> str:
    """Names of who watches, one per line; a single text counts as one name per line."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.splitlines()
    names: list[str] = []
    for name in value:
        if not isinstance(name, str):
            raise InvalidInput(Problem(field, _("Give the names of who watches as text.")))
        for part in name.replace("\x00", "").splitlines():
            part = part.strip()
            if not part:
                continue
            if len(part) > MAX_NAME:
                raise InvalidInput(
                    Problem(
                        field,
                        _("The name '{name}…' is too long: at most {max} characters.").format(
                            name=part[:30], max=MAX_NAME
                        ),
                    )
                )
            if part.casefold() not in (n.casefold() for n in names):
                names.append(part)
    return "\n".join(names)


def _clean_flag(changes: Mapping[str, Any]) -> dict[str, Any]:
    rules = {
        "sign": lambda f, x: v.text(
            f, x, label=_("Sign to watch for"), max_len=MAX_TEXT, required=True
        ),
        "watched_by": _names,
        "action": lambda f, x: v.text(
            f, x, label=_("What they do when they see it"), max_len=MAX_TEXT
        ),
    }
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    for field, value in changes.items():
        if field not in rules:
            problems.append(
                Problem(field, _("'{field}' cannot be changed here.").format(field=field))
            )
            continue
        try:
            clean[field] = rules[field](field, value)
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems)
    return clean


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
    clean = _clean_flag(fields)
    if "sign" not in clean:
        raise InvalidInput(
            Problem("sign", _("Describe the sign the network watches for: what would they see?"))
        )
    with uow:
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
    return {
        key: "\n".join(value) if key == "watched_by" else value for key, value in expected.items()
    }


def update_red_flag(
    uow: UnitOfWork,
    flag_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[RedFlagDTO]:
    """Change a red flag's sign, who watches or what they do (`expected` as in DTO terms)."""
    clean = _clean_flag(changes)
    with uow:
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
