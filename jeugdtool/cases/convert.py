"""ORM rows to DTOs (the only place that reads mapped attributes for the outside world)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

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

T = TypeVar("T")


def _read(dto: type[T], row: object, **given: Any) -> T:
    """`dto` with each field read from `row`'s attribute of that name, except those `given`
    (the fields a DTO has are exactly what the outside world may read)."""
    names = [f.name for f in fields(dto) if f.name not in given]  # type: ignore[arg-type]
    return dto(**{name: getattr(row, name) for name in names}, **given)


def consultant(row: Consultant) -> ConsultantDTO:
    return _read(ConsultantDTO, row)


def household(row: Household, manager_name: str | None) -> HouseholdDTO:
    return _read(
        HouseholdDTO,
        row,
        mode=CaseMode(row.mode),
        status=CaseStatus(row.status),
        case_manager_name=manager_name,
    )


def person(row: Person) -> PersonDTO:
    return _read(PersonDTO, row, role=PersonRole(row.role))


def network_member(row: NetworkMember) -> NetworkMemberDTO:
    return _read(NetworkMemberDTO, row, kind=NetworkKind(row.kind))


def audit_entry(row: AuditEntry) -> AuditEntryDTO:
    return _read(AuditEntryDTO, row)
