"""Read-only services: the case list, one case in full, and its history."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from jeugdtool.cases import convert
from jeugdtool.cases.dto import AuditEntryDTO, CaseDetail, CaseSummary
from jeugdtool.cases.models import Consultant, Household, NetworkMember, Person
from jeugdtool.cases.search import search_key
from jeugdtool.cases.vocab import CaseMode, CaseStatus
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork


def load_detail(uow: UnitOfWork, case_id: int) -> CaseDetail:
    """Inside an open unit of work: the case with its members and network."""
    row = get(uow, Household, case_id)
    manager = uow.session.get(Consultant, row.case_manager_id) if row.case_manager_id else None
    persons = uow.session.scalars(
        select(Person).where(Person.household_id == case_id).order_by(Person.position, Person.id)
    )
    network = uow.session.scalars(
        select(NetworkMember)
        .where(NetworkMember.household_id == case_id)
        .order_by(NetworkMember.position, NetworkMember.id)
    )
    return CaseDetail(
        household=convert.household(row, manager.name if manager else None),
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


def count_cases(uow: UnitOfWork) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(Household)) or 0


def list_case_summaries(uow: UnitOfWork) -> list[CaseSummary]:
    """Every case as a list row, with a search key over its members' names.

    Two flat queries (no ORM objects) keep this fast at 10,000 households.
    """
    with uow:
        s = uow.session
        names: dict[int, list[str]] = defaultdict(list)
        for hid, first, last in s.execute(
            select(Person.household_id, Person.first_name, Person.last_name)
        ):
            names[hid].append(f"{first} {last}")
        rows = s.execute(
            select(
                Household.id,
                Household.case_number,
                Household.name,
                Consultant.name,
                Household.status,
                Household.mode,
                Household.last_change_at,
            )
            .outerjoin(Consultant, Consultant.id == Household.case_manager_id)
            .order_by(Household.case_number)
        )
        return [
            CaseSummary(
                id=hid,
                case_number=number,
                name=name,
                case_manager=manager or "",
                status=CaseStatus(status),
                mode=CaseMode(mode),
                last_change_at=changed,
                search_key=search_key(number, name, names.get(hid, ())),
            )
            for hid, number, name, manager, status, mode, changed in rows
        ]


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
