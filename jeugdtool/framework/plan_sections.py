"""Services for three sections of a plan draft: the safety network, the red flags and the
family's own goals.

The safety network: who is in it, their role in the plan (checks contact, the child's trusted
person, chairs the network, …) and the date they were told the worries and the goals. Red flags:
signs network members watch for, who watches, and what they do when they see one. The family's
own goals: what the family wants to reach, in their own words, and who said it (a parent, a
child, someone of the network); the family's version of the plan puts them first.

Both live in a draft only (`plans.editable_version`): a finalised version never changes and a
closed case never changes. Rows are kept in order with positions 1, 2, 3 …; removing one closes
the gap and returns a snapshot; `restore_network_role` / `restore_red_flag` (undo) put it back
where it was, with its own id (as do `restore_red_flag` and `restore_family_goal`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any
from typing import Generic
from typing import TypeVar

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import collect
from jeugdtool.framework import plan_rules as rules
from jeugdtool.framework import special_rules
from jeugdtool.framework._common import move_to
from jeugdtool.framework._common import save_checked
from jeugdtool.framework._common import save_fields
from jeugdtool.framework._common import source_columns
from jeugdtool.framework._common import source_of
from jeugdtool.framework._common import source_of_columns
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.plan_dto import NetworkRoleDTO
from jeugdtool.framework.plan_dto import RedFlagDTO
from jeugdtool.framework.plan_models import FamilyGoal
from jeugdtool.framework.plan_models import PlanNetworkRole
from jeugdtool.framework.plan_models import RedFlag
from jeugdtool.framework.plans import Positioned
from jeugdtool.framework.plans import append_row
from jeugdtool.framework.plans import editable_row
from jeugdtool.framework.plans import editable_version
from jeugdtool.framework.plans import ensure_still_named
from jeugdtool.framework.plans import family_goal_dto
from jeugdtool.framework.plans import flag_dto
from jeugdtool.framework.plans import in_version
from jeugdtool.framework.plans import put_back_in_place
from jeugdtool.framework.plans import remove_from_draft
from jeugdtool.framework.plans import role_dto
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import committed
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

T = TypeVar("T")
D = TypeVar("D")
P = TypeVar("P", PlanNetworkRole, RedFlag, FamilyGoal)

MAX_TEXT = rules.MAX_TEXT
MAX_NAME = rules.MAX_NAME


# ---- shared: order within a version ---------------------------------------------------------


def _move(
    uow: UnitOfWork,
    model: type[Positioned],
    row_id: int,
    position: int,
    to_dto: Callable[[Positioned], T],
    expected: Mapping[str, Any] | None,
) -> Outcome[T]:
    """Put a network entry, red flag or family goal at `position` (1 = first) of its draft's
    list, unless it is no longer where the caller last saw it (`expected`: {"position": …};
    ConflictError, nothing moves): undo must not undo a colleague's reordering."""
    with uow:
        row = editable_row(uow, model, row_id)
        apply(row, {}, expected=expected)
        move_to(in_version(uow, model, row.plan_version_id), row, position)
        return committed(uow, lambda: to_dto(row))


class _Rows(Generic[P, D]):
    """Moving and removing rows of one kind (a network entry, a red flag, a family goal): the
    same for each kind, so written once; `move_…` and `remove_…` below are its methods."""

    def __init__(self, model: type[P], to_dto: Callable[[P], D]):
        self.model, self.to_dto = model, to_dto

    def move(
        self, uow: UnitOfWork, row_id: int, position: int, *, expected: Expected = None
    ) -> Outcome[D]:
        """Put the row at `position` (1 = first; clamped) of its draft's list.

        `expected` (undo/redo): {"position": where the caller left it}; when someone else
        moved it (or the rows before it) since, ConflictError and nothing moves.
        """
        return _move(uow, self.model, row_id, position, self.to_dto, expected)

    def remove(
        self, uow: UnitOfWork, row_id: int, *, expected: D | None = None
    ) -> Outcome[Snapshot]:
        """Take the row out of its draft; `restore_…` puts it back. `expected`: the row as the
        caller last saw it (undo/redo); when someone else changed it since, ConflictError and
        nothing is removed."""
        return remove_from_draft(uow, self.model, row_id, expected, self.to_dto)


_ROLES = _Rows(PlanNetworkRole, role_dto)
_FLAGS = _Rows(RedFlag, flag_dto)
_GOALS = _Rows(FamilyGoal, family_goal_dto)


# ---- the safety network ----------------------------------------------------------------------


def _with_source(
    uow: UnitOfWork,
    household_id: int,
    changes: Mapping[str, Any],
    check: Callable[..., dict[str, Any]],
    *args: Any,
) -> dict[str, Any]:
    """The values of the rule `check(changes, *args)` as columns, with who it is (`source`)
    checked against the case too — every problem at once: an unknown person and an empty
    goal or a date in the future are all reported."""
    with collect() as problems:
        clean = problems.check(check, changes, *args) or {}
        source = changes.get("source")
        if isinstance(source, Source) and not any(p.field == "source" for p in problems.found):
            with problems.catching():
                clean.update(source_columns(uow, household_id, source))
    clean.pop("source", None)
    return clean


def _clean_role(
    uow: UnitOfWork, household_id: int, changes: Mapping[str, Any], *, new: bool = False
) -> dict[str, Any]:
    check = rules.new_network_role if new else rules.network_role
    return _with_source(uow, household_id, changes, check, dt.date.today())


def _check_not_twice(
    uow: UnitOfWork, version_id: int, clean: Mapping[str, Any], except_id: int | None = None
) -> None:
    if "source_kind" not in clean:
        return
    network = ((row.id, source_of(row)) for row in in_version(uow, PlanNetworkRole, version_id))
    problem = rules.duplicate_in_network(source_of_columns(clean), network, except_id)
    if problem is not None:
        raise InvalidInput(problem)


def add_network_role(
    uow: UnitOfWork, version_id: int, fields: Mapping[str, Any]
) -> Outcome[NetworkRoleDTO]:
    """Add someone to the safety network of a draft, at the end.

    `fields`: `source` (a `Source`: household member, network member or someone else by name),
    `role` (text) and `told_on` (the date they were told the worries and goals; not later than
    today).
    """
    with uow:
        plan = editable_version(uow, version_id)
        clean = _clean_role(uow, plan.household_id, fields, new=True)
        _check_not_twice(uow, version_id, clean)
        row = append_row(uow, PlanNetworkRole, plan, clean)
        return committed(uow, lambda: role_dto(row))


def update_network_role(
    uow: UnitOfWork, role_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[NetworkRoleDTO]:
    """Change who it is, their role or when they were told (`expected`: the values the caller
    believes are current, in DTO terms; a difference raises ConflictError)."""

    def check(row: PlanNetworkRole) -> dict[str, Any]:
        clean = _clean_role(uow, row.household_id, changes)
        _check_not_twice(uow, row.plan_version_id, clean, except_id=row.id)
        return clean

    return save_checked(
        uow, lambda: editable_row(uow, PlanNetworkRole, role_id), check, expected, role_dto
    )


move_network_role = _ROLES.move


remove_network_role = _ROLES.remove


def restore_network_role(uow: UnitOfWork, taken: Snapshot) -> Outcome[NetworkRoleDTO]:
    """Put a removed entry back where it was, with its own id (undo of `remove_network_role`),
    if the draft may still change, the person is still in the case and not in the network
    again by now."""
    with uow:
        plan = editable_version(uow, taken.values["plan_version_id"])
        ensure_still_named(uow, plan.household_id, [taken.values])
        _check_not_twice(uow, plan.id, taken.values)
        row = put_back_in_place(uow, PlanNetworkRole, taken)
        return committed(uow, lambda: role_dto(row))


# ---- red flags -------------------------------------------------------------------------------


def _clean_flag(changes: Mapping[str, Any], *, new: bool = False) -> dict[str, Any]:
    return rules.new_red_flag(changes) if new else rules.red_flag(changes)


def add_red_flag(
    uow: UnitOfWork, version_id: int, fields: Mapping[str, Any]
) -> Outcome[RedFlagDTO]:
    """Add a red flag at the end of a draft.

    `fields`: `sign` (required: what to watch for), `watched_by` (names), `action` (what they
    do when they see it).
    """
    with uow:
        clean = _clean_flag(fields, new=True)
        row = append_row(uow, RedFlag, editable_version(uow, version_id), clean)
        return committed(uow, lambda: flag_dto(row))


def update_red_flag(
    uow: UnitOfWork, flag_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[RedFlagDTO]:
    """Change a red flag's sign, who watches or what they do (`expected` as in DTO terms)."""
    clean = _clean_flag(changes)
    return save_fields(uow, lambda: editable_row(uow, RedFlag, flag_id), clean, expected, flag_dto)


move_red_flag = _FLAGS.move


remove_red_flag = _FLAGS.remove


def restore_red_flag(uow: UnitOfWork, taken: Snapshot) -> Outcome[RedFlagDTO]:
    """Put a removed red flag back where it was, with its own id (undo of `remove_red_flag`),
    if the draft may still change."""
    with uow:
        editable_version(uow, taken.values["plan_version_id"])
        row = put_back_in_place(uow, RedFlag, taken)
        return committed(uow, lambda: flag_dto(row))


# ---- the family's own goals ------------------------------------------------------------------


def _clean_goal(
    uow: UnitOfWork, household_id: int, changes: Mapping[str, Any], *, new: bool = False
) -> dict[str, Any]:
    check = rules.new_family_goal if new else rules.family_goal
    return _with_source(uow, household_id, changes, check)


def add_family_goal(
    uow: UnitOfWork, version_id: int, fields: Mapping[str, Any]
) -> Outcome[FamilyGoalDTO]:
    """Add a goal of the family's own at the end of a draft.

    `fields`: `text` (required: the goal in the family's own words), `source` (required, a
    `Source`: who said it — a household member, a network member or someone else by name) and
    `special_category` (its mark; without one, the words pre-mark it,
    `special_rules.suggest_family_goal`: a goal about health data stays out of a PDF until
    the consultant clears the mark).
    """
    with uow:
        plan = editable_version(uow, version_id)
        clean = _clean_goal(uow, plan.household_id, fields, new=True)
        if "special_category" not in clean:
            clean["special_category"] = special_rules.suggest_family_goal(clean).value
        row = append_row(uow, FamilyGoal, plan, clean)
        return committed(uow, lambda: family_goal_dto(row))


def update_family_goal(
    uow: UnitOfWork, goal_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[FamilyGoalDTO]:
    """Change a family goal's words or who said it (`expected`: the values the caller believes
    are current, in DTO terms; a difference raises ConflictError)."""

    def check(row: FamilyGoal) -> dict[str, Any]:
        return _clean_goal(uow, row.household_id, changes)

    return save_checked(
        uow, lambda: editable_row(uow, FamilyGoal, goal_id), check, expected, family_goal_dto
    )


move_family_goal = _GOALS.move


remove_family_goal = _GOALS.remove


def restore_family_goal(uow: UnitOfWork, taken: Snapshot) -> Outcome[FamilyGoalDTO]:
    """Put a removed family goal back where it was, with its own id and lineage (undo of
    `remove_family_goal`), if the draft may still change and whoever said it is still in the
    case."""
    with uow:
        plan = editable_version(uow, taken.values["plan_version_id"])
        ensure_still_named(uow, plan.household_id, [taken.values])
        row = put_back_in_place(uow, FamilyGoal, taken)
        return committed(uow, lambda: family_goal_dto(row))
