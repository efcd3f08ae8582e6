"""ORM rows to DTOs (the only place that reads mapped attributes for the outside world)."""

from __future__ import annotations

from jeugdtool.cases.dto import AuditEntryDTO
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import NetworkMember
from jeugdtool.cases.models import Person
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.rows import as_dto


def consultant(row: Consultant) -> ConsultantDTO:
    return as_dto(ConsultantDTO, row)


def household(row: Household, manager: Consultant | None) -> HouseholdDTO:
    """The case with its case manager's name and phone number (`manager`: the row of
    `row.case_manager_id`, read by the caller)."""
    return as_dto(
        HouseholdDTO,
        row,
        mode=CaseMode(row.mode),
        status=CaseStatus(row.status),
        case_manager_name=manager.name if manager else None,
        case_manager_phone=manager.phone if manager else None,
    )


def person(row: Person) -> PersonDTO:
    return as_dto(PersonDTO, row, role=PersonRole(row.role))


def network_member(row: NetworkMember) -> NetworkMemberDTO:
    return as_dto(NetworkMemberDTO, row, kind=NetworkKind(row.kind))


def audit_entry(row: AuditEntry) -> AuditEntryDTO:
    return as_dto(AuditEntryDTO, row)
