"""Frozen views of case data handed to screens, commands and exports (never live ORM rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.cases import ages
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole


@dataclass(frozen=True)
class ConsultantDTO:
    id: int
    name: str
    email: str | None
    active: bool
    version: int
    #: The number families and partners call to reach this person (as case manager).
    phone: str | None = None


@dataclass(frozen=True)
class HouseholdDTO:
    id: int
    case_number: str
    name: str
    mode: CaseMode
    status: CaseStatus
    opened_on: dt.date
    closed_on: dt.date | None
    close_reason: str | None
    case_manager_id: int | None
    case_manager_name: str | None
    version: int
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    last_change_at: dt.datetime
    #: The team the case belongs to (None in single-user mode).
    team_id: int | None = None
    #: The case manager's phone number (None without a case manager or number).
    case_manager_phone: str | None = None


@dataclass(frozen=True)
class PersonDTO:
    id: int
    household_id: int
    position: int
    first_name: str
    last_name: str
    role: PersonRole
    birth_date: dt.date | None
    notes: str
    version: int
    #: A child's trusted person (vertrouwenspersoon): the id of a network member of the case.
    trusted_person_id: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on `day` (a birthday on 29 February counts from 1 March)."""
        return None if self.birth_date is None else ages.whole_years(self.birth_date, day)

    def age_text_on(self, day: dt.date) -> str:
        """The age as people say it ("4 months", "38 years"); empty without a birth date."""
        return ages.age_text(self.birth_date, day)


@dataclass(frozen=True)
class NetworkMemberDTO:
    id: int
    household_id: int
    position: int
    name: str
    relation: str
    kind: NetworkKind
    organisation: str | None
    phone: str | None
    email: str | None
    safety_network: bool
    notes: str
    version: int
    #: The chair of the case's network (at most one per case).
    chairs_network: bool = False


@dataclass(frozen=True)
class CaseDetail:
    household: HouseholdDTO
    persons: tuple[PersonDTO, ...]
    network: tuple[NetworkMemberDTO, ...]


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One row of the case list."""

    id: int
    case_number: str
    name: str
    case_manager: str
    status: CaseStatus
    mode: CaseMode
    last_change_at: dt.datetime
    #: Case number, household name and member names, folded for diacritic-insensitive search.
    search_key: str
    case_manager_id: int | None = None
    #: The team the case belongs to (None in single-user mode) and its name.
    team_id: int | None = None
    team: str = ""
    #: The colleagues added to the case team (the case manager is `case_manager_id`).
    coworker_ids: frozenset[int] = frozenset()

    def in_case_team(self, person_id: int) -> bool:
        """Case manager or co-worker: the case is one of that person's own."""
        return self.case_manager_id == person_id or person_id in self.coworker_ids


@dataclass(frozen=True)
class AuditEntryDTO:
    id: int
    at: dt.datetime
    who: str
    entity: str
    entity_id: int
    action: str
    field: str | None
    old: str | None
    new: str | None
