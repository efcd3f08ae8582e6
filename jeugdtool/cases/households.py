"""Services for a case as a whole: create, edit, close, reopen, archive (and undo of creation)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from typing import cast

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases import convert
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
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
from jeugdtool.store.rows import newest_first
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

#: The lock under which case numbers are checked and handed out (see `UnitOfWork.serialize`).
CASE_NUMBER_LOCK = "case-number"


def _on_server(uow: UnitOfWork) -> bool:
    """A team database, where a person sees only their own cases (store/team_sql.py)."""
    return uow.database.engine.dialect.name == "postgresql"


def pick_case_number(uow: UnitOfWork, year: int) -> str:
    """Inside an open unit of work that holds CASE_NUMBER_LOCK: the next free YYYY-NNNN."""
    prefix = f"{year}-"
    if _on_server(uow):
        # The highest number over all cases, also those of other teams; the database tells
        # nothing else about them.
        highest = uow.session.scalar(select(func.jt_highest_case_number(year))) or 0
    else:
        numbers = uow.session.scalars(
            select(Household.case_number).where(Household.case_number.like(f"{prefix}%"))
        )
        highest = max((int(n[5:]) for n in numbers if n[5:].isdigit()), default=0)
    return f"{prefix}{highest + 1:04d}"


def case_number_taken(uow: UnitOfWork, number: str, except_id: int | None = None) -> bool:
    """Inside an open unit of work: whether a case other than `except_id` has this number,
    also a case the person may not see (team mode: the database answers only taken or free)."""
    if _on_server(uow):
        return bool(uow.session.scalar(select(func.jt_case_number_taken(number, except_id))))
    found = uow.session.scalar(select(Household.id).where(Household.case_number == number))
    return found is not None and found != except_id


def next_case_number(uow: UnitOfWork, year: int | None = None) -> str:
    """The next free number of the form YYYY-NNNN for `year` (default: this year).

    A suggestion: a colleague may take it before it is used. `create_case` without a number
    picks the number and stores the case in one step, so two new cases never get the same one.
    """
    with uow:
        return pick_case_number(uow, year or dt.date.today().year)


def ensure_open(uow: UnitOfWork, case_id: int) -> Household:
    """Inside an open unit of work: the case, if it may change (it is open); else CaseClosed."""
    row = get(uow, Household, case_id)
    if row.status != CaseStatus.OPEN:
        raise CaseClosed(_("This case is closed. To change anything, reopen the case first."))
    return row


def case_status(uow: UnitOfWork, case_id: int) -> CaseStatus | None:
    """The case's status alone (None: no such case), for a screen that follows the household
    only for whether the case is open: one small read instead of reloading after every edit
    of the household's other fields."""
    with uow:
        value = uow.session.scalar(select(Household.status).where(Household.id == case_id))
    return CaseStatus(value) if value is not None else None


def case_history(uow: UnitOfWork, case_id: int, day: Any) -> list[Any]:
    """Inside an open unit of work: the case's rows of the table of the column `day` (e.g.
    `Kindcheck.asked_on`: every kindcheck of the case), the latest day first, the newest row
    first within a day; NotFound when the case is gone."""
    get(uow, Household, case_id)
    return newest_first(uow.session, day.class_.household_id, case_id, day)


def _check_unique_number(uow: UnitOfWork, number: str, except_id: int | None = None) -> None:
    # Nobody else may check or store a case number until this action ends (PostgreSQL runs
    # actions side by side; on SQLite they already take turns).
    uow.serialize(CASE_NUMBER_LOCK)
    if case_number_taken(uow, number, except_id):
        raise InvalidInput(
            Problem(
                "case_number",
                _("Case number {number} is already in use. Choose another number.").format(
                    number=number
                ),
            )
        )


def _check_manager(uow: UnitOfWork, manager_id: int | None) -> str | None:
    if manager_id is None:
        return None
    row = uow.session.get(Consultant, manager_id)
    if row is None:
        raise InvalidInput(Problem("case_manager_id", _("This case manager does not exist.")))
    return row.name


def _with_manager(uow: UnitOfWork, case_id: int) -> Any:
    """Read the household and its case manager in one statement (into the session, where
    `get` and `_dto` find them while the caller holds the result): an edit's round trips are
    felt, on a server the most."""
    manager = Consultant.id == Household.case_manager_id
    return uow.session.execute(
        select(Household, Consultant).outerjoin(Consultant, manager).where(Household.id == case_id)
    ).first()


def _dto(uow: UnitOfWork, row: Household) -> HouseholdDTO:
    manager = uow.session.get(Consultant, row.case_manager_id) if row.case_manager_id else None
    return convert.household(row, manager)


def create_case(
    uow: UnitOfWork,
    *,
    name: str,
    mode: CaseMode | str = CaseMode.SAFETY,
    case_manager_id: int | None = None,
    case_number: str | None = None,
    opened_on: dt.date | None = None,
    team_id: int | None = None,
) -> Outcome[HouseholdDTO]:
    """A new open case. The case number is generated (YYYY-NNNN) unless one is given.

    `team_id`: the team the case belongs to (team mode: staff.default_assignment; the database
    accepts only a team of the creator, with a case manager of that team)."""
    opened_on = opened_on or dt.date.today()
    fields: dict[str, Any] = {
        "name": name,
        "mode": mode,
        "opened_on": opened_on,
        "case_manager_id": case_manager_id,
    }
    if case_number:
        fields["case_number"] = case_number
    clean = v.household(fields)
    with uow:
        uow.serialize(CASE_NUMBER_LOCK)
        if "case_number" not in clean:
            # In the same transaction as the insert, under the lock: no colleague can take it.
            clean["case_number"] = pick_case_number(uow, clean["opened_on"].year)
        _check_unique_number(uow, clean["case_number"])
        _check_manager(uow, clean["case_manager_id"])
        row = Household(**clean, team_id=team_id, status=CaseStatus.OPEN.value)
        uow.session.add(row)
        return committed(uow, lambda: _dto(uow, row))


def update_case(
    uow: UnitOfWork,
    case_id: int,
    changes: Changes,
    *,
    expected: Expected = None,
    expected_version: int | None = None,
) -> Outcome[HouseholdDTO]:
    """Change fields of the household; the lifecycle dates must stay consistent."""
    clean = v.household(changes)
    with uow:
        _held = _with_manager(uow, case_id)  # held: the session keeps rows only weakly
        # Only the lifecycle itself (closing, reopening, archiving) may touch a closed case.
        row = get(uow, Household, case_id) if "status" in clean else ensure_open(uow, case_id)
        if "case_number" in clean:
            _check_unique_number(uow, clean["case_number"], except_id=case_id)
        if "case_manager_id" in clean:
            _check_manager(uow, clean["case_manager_id"])
        apply(row, clean, expected=expected, expected_version=expected_version)
        v.check_closing(row.status, row.opened_on, row.closed_on)
        return committed(uow, lambda: _dto(uow, row))


def close_case(
    uow: UnitOfWork, case_id: int, reason: str, closed_on: dt.date | None = None
) -> Outcome[HouseholdDTO]:
    """Close an open case with a reason (required: the file must say why help ended)."""
    if not (reason or "").strip():
        raise InvalidInput(Problem("close_reason", _("Give a reason for closing the case.")))
    with uow:
        if get(uow, Household, case_id).status != CaseStatus.OPEN:
            raise InvalidInput(Problem("status", _("This case is already closed.")))
    return update_case(
        uow,
        case_id,
        {
            "status": CaseStatus.CLOSED,
            "closed_on": closed_on or dt.date.today(),
            "close_reason": reason,
        },
        expected={"status": CaseStatus.OPEN.value},
    )


def reopen_case(uow: UnitOfWork, case_id: int) -> Outcome[HouseholdDTO]:
    """Open a closed or archived case again; the old closing reason stays in the history."""
    with uow:
        status = get(uow, Household, case_id).status
    if status == CaseStatus.OPEN:
        raise InvalidInput(Problem("status", _("This case is already open.")))
    return update_case(
        uow,
        case_id,
        {"status": CaseStatus.OPEN, "closed_on": None, "close_reason": None},
        expected={"status": status},
    )


def archive_case(uow: UnitOfWork, case_id: int) -> Outcome[HouseholdDTO]:
    """Archive a closed case (an open case is closed first, with a reason)."""
    with uow:
        status = get(uow, Household, case_id).status
    if status == CaseStatus.OPEN:
        raise InvalidInput(
            Problem("status", _("Close the case (with a reason) before archiving it."))
        )
    if status == CaseStatus.ARCHIVED:
        raise InvalidInput(Problem("status", _("This case is already archived.")))
    return update_case(uow, case_id, {"status": CaseStatus.ARCHIVED}, expected={"status": status})


def delete_case(
    uow: UnitOfWork, case_id: int, *, expected: CaseDetail | None = None
) -> Outcome[Snapshot]:
    """Remove a case with everything it holds (used to undo creating it); the snapshot is
    what `restore_case` puts back.

    `expected`: the case as the caller left it (undo): when it changed since, or anything else
    was recorded in it (a map, a plan, a meeting's agenda, …), ConflictError and nothing is
    removed; removing it would take someone else's work with it.
    """
    from jeugdtool.cases.queries import load_detail

    with uow:
        row = get(uow, Household, case_id)
        if expected is not None:
            # The manager's name follows the consultant's record, not this case.
            ensure_as_seen(load_detail(uow, case_id), expected, ignore=("case_manager_name",))
            ensure_unreferenced(uow, "households", case_id, skip=_DETAIL_TABLES)
        return snapshot.remove_and_commit(uow, row)


#: Compared through the case's detail (`load_detail`), not counted as "something else".
_DETAIL_TABLES = ("households", "persons", "network_members")


def restore_case(uow: UnitOfWork, taken: Snapshot) -> Outcome[HouseholdDTO]:
    """Put back a case removed by `delete_case` with everything it held, with the same ids (so
    later redo steps fit); refused when its number or an id was given away meanwhile."""
    if taken.root[0] != Household.__tablename__:
        raise ValueError("not a snapshot of a case")  # a programming error
    with uow:
        _check_unique_number(uow, taken.values["case_number"])
        row = cast(Household, snapshot.put_back(uow, taken))
        return committed(uow, lambda: _dto(uow, row))
