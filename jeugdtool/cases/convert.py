"""ORM rows to DTOs (the only place that reads mapped attributes for the outside world)."""

from __future__ import annotations

from jeugdtool.cases.dto import (
    AuditEntryDTO,
    ConsultantDTO,
    HouseholdDTO,
    NetworkMemberDTO,
    PersonDTO,
)
from jeugdtool.cases.models import Consultant, Household, NetworkMember, Person
from jeugdtool.cases.vocab import CaseMode, CaseStatus, NetworkKind, PersonRole
from jeugdtool.store.audit import AuditEntry


def consultant(row: Consultant) -> ConsultantDTO:
    return ConsultantDTO(
        id=row.id, name=row.name, email=row.email, active=row.active, version=row.version
    )


def household(row: Household, manager_name: str | None) -> HouseholdDTO:
    return HouseholdDTO(
        id=row.id,
        case_number=row.case_number,
        name=row.name,
        mode=CaseMode(row.mode),
        status=CaseStatus(row.status),
        opened_on=row.opened_on,
        closed_on=row.closed_on,
        close_reason=row.close_reason,
        case_manager_id=row.case_manager_id,
        case_manager_name=manager_name,
        version=row.version,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        last_change_at=row.last_change_at,
        team_id=row.team_id,
    )


def person(row: Person) -> PersonDTO:
    return PersonDTO(
        id=row.id,
        household_id=row.household_id,
        position=row.position,
        first_name=row.first_name,
        last_name=row.last_name,
        role=PersonRole(row.role),
        birth_date=row.birth_date,
        notes=row.notes,
        version=row.version,
    )


def network_member(row: NetworkMember) -> NetworkMemberDTO:
    return NetworkMemberDTO(
        id=row.id,
        household_id=row.household_id,
        position=row.position,
        name=row.name,
        relation=row.relation,
        kind=NetworkKind(row.kind),
        organisation=row.organisation,
        phone=row.phone,
        email=row.email,
        safety_network=row.safety_network,
        notes=row.notes,
        version=row.version,
    )


def audit_entry(row: AuditEntry) -> AuditEntryDTO:
    return AuditEntryDTO(
        id=row.id,
        at=row.at,
        who=row.who,
        entity=row.entity,
        entity_id=row.entity_id,
        action=row.action,
        field=row.field,
        old=row.old,
        new=row.new,
    )
