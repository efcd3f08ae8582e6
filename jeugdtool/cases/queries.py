"""Read-only services: the case list, one case in full, and its history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select

from jeugdtool.cases import convert
from jeugdtool.cases.dto import AuditEntryDTO
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.models import CaseCoworker
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.models import Person
from jeugdtool.cases.models import Team
from jeugdtool.cases.search import member_order
from jeugdtool.cases.search import search_key
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork


def wanted_cases(case_id: int | None, case_ids: Collection[int] | None) -> list[int] | None:
    """The cases a question over many cases is limited to: `case_id`'s, those of `case_ids`
    (both given: the one if it is among them), or None — every case."""
    if case_ids is None:
        return None if case_id is None else [case_id]
    ids = sorted(set(case_ids))
    return ids if case_id is None else [c for c in ids if c == case_id]


def of_cases(column: Any, wanted: Collection[int] | None) -> list[Any]:
    """The WHERE clause limiting `column` (a household id) to `wanted` (None: no limit)."""
    return [] if wanted is None else [column.in_(sorted(wanted))]


def load_household(uow: UnitOfWork, case_id: int) -> HouseholdDTO:
    """Inside an open unit of work: the case's head (the household and its case manager), in
    one statement: each case opened and each edit's reload reads it, and on a server every
    round trip is felt."""
    found = uow.session.execute(
        select(Household, Consultant)
        .outerjoin(Consultant, Consultant.id == Household.case_manager_id)
        .where(Household.id == case_id)
    ).first()
    if found is None:  # not there (or not this login's): NotFound, as everywhere
        row = get(uow, Household, case_id)
        manager = uow.session.get(Consultant, row.case_manager_id) if row.case_manager_id else None
    else:
        row, manager = found
    return convert.household(row, manager)


def get_household(uow: UnitOfWork, case_id: int) -> HouseholdDTO:
    """The case's head alone: what a change of the household row alone changed."""
    with uow:
        return load_household(uow, case_id)


def load_detail(uow: UnitOfWork, case_id: int) -> CaseDetail:
    """Inside an open unit of work: the case with its members and network."""
    household = load_household(uow, case_id)
    persons = uow.session.scalars(
        select(Person).where(Person.household_id == case_id).order_by(Person.position, Person.id)
    )
    network = uow.session.scalars(
        select(NetworkMember)
        .where(NetworkMember.household_id == case_id)
        .order_by(NetworkMember.position, NetworkMember.id)
    )
    return CaseDetail(
        household=household,
        persons=tuple(convert.person(p) for p in persons),
        network=tuple(convert.network_member(n) for n in network),
    )


def get_case(uow: UnitOfWork, case_id: int) -> CaseDetail:
    with uow:
        return load_detail(uow, case_id)


def find_case_id(uow: UnitOfWork, case_number: str) -> int | None:
    with uow:
        return uow.session.scalar(
            select(Household.id).where(Household.case_number == case_number.strip())
        )


#: The co-workers of a case without any (one shared object for thousands of list rows).
_NOBODY: frozenset[int] = frozenset()


def case_heads(*more: Any) -> Select[Any]:
    """A query of every case's head — id, case number, name, its case manager's name (None
    without one) and status — and then the `more` columns; where and order are the caller's.

    Of the tables' columns (Core), not the mapped classes': the case list's first page is read
    without the ORM (`case_search`)."""
    households, consultants = Household.__table__.c, Consultant.__table__
    return select(
        households.id,
        households.case_number,
        households.name,
        consultants.c.name,
        households.status,
        *more,
    ).outerjoin(consultants, consultants.c.id == households.case_manager_id)


def list_case_summaries(uow: UnitOfWork) -> list[CaseSummary]:
    """Every case as a list row, with a search key over its members' names and its case team.

    Three flat queries (no ORM objects) keep this fast at 10,000 households. In team mode the
    database returns only the cases the person may see.
    """
    with uow:
        s = uow.session
        names: dict[int, list[str]] = defaultdict(list)
        for hid, first, last in s.execute(
            select(Person.household_id, Person.first_name, Person.last_name).order_by(
                *member_order(Person.__table__)
            )
        ):
            names[hid].append(f"{first} {last}")
        found: dict[int, set[int]] = defaultdict(set)
        for hid, person in s.execute(select(CaseCoworker.household_id, CaseCoworker.person_id)):
            found[hid].add(person)
        coworkers = {hid: frozenset(people) for hid, people in found.items()}
        rows = s.execute(
            case_heads(
                Household.mode,
                Household.last_change_at,
                Household.case_manager_id,
                Household.team_id,
                Team.name,
            )
            .outerjoin(Team, Team.id == Household.team_id)
            .order_by(Household.case_number)
        )
        statuses, modes = {c.value: c for c in CaseStatus}, {m.value: m for m in CaseMode}
        return [
            CaseSummary(
                id=hid,
                case_number=number,
                name=name,
                case_manager=manager or "",
                status=statuses[status],
                mode=modes[mode],
                last_change_at=changed,
                search_key=search_key(number, name, names.get(hid, ())),
                case_manager_id=manager_id,
                team_id=team_id,
                team=team or "",
                coworker_ids=coworkers.get(hid, _NOBODY),
            )
            for hid, number, name, manager, status, mode, changed, manager_id, team_id, team in rows
        ]


class CaseScope(LabelledEnum):
    """Which of the cases a person may see the case list shows."""

    #: Case manager or co-worker.
    MINE = "mine", N_("My cases")
    #: The cases of the person's teams.
    TEAM = "team", N_("Team")
    #: Everything the person may see.
    ALL = "all", N_("All I may see")


def in_scope(
    case: CaseSummary, scope: CaseScope, person_id: int | None, team_ids: Collection[int]
) -> bool:
    """Whether the case belongs in the list for this scope, for this person and their teams."""
    if scope is CaseScope.MINE:
        return person_id is not None and case.in_case_team(person_id)
    if scope is CaseScope.TEAM:
        return case.team_id is not None and case.team_id in team_ids
    return True


def first_scope(cases: Iterable[CaseSummary], person_id: int | None, oversees: bool) -> CaseScope:
    """The scope a person starts with: their own cases; a reviewer or team leader without own
    cases starts with their teams' (an empty list would only make them look for the choice)."""
    own = any(person_id is not None and c.in_case_team(person_id) for c in cases)
    return starting_scope(own, oversees)


def starting_scope(own_cases: bool, oversees: bool) -> CaseScope:
    """Own cases first; someone who oversees teams and has none of their own starts with the
    teams' cases."""
    return CaseScope.TEAM if oversees and not own_cases else CaseScope.MINE


def scoped(
    cases: Iterable[CaseSummary], scope: CaseScope, person_id: int | None, team_ids: Iterable[int]
) -> list[CaseSummary]:
    """The cases in the scope, in their order."""
    teams = frozenset(team_ids)
    return [c for c in cases if in_scope(c, scope, person_id, teams)]


def case_history(uow: UnitOfWork, case_id: int, limit: int = 2000) -> list[AuditEntryDTO]:
    """The audit trail of one case, newest first."""
    with uow:
        rows = uow.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.case_id == case_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
        return [convert.audit_entry(r) for r in rows]
