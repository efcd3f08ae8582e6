"""Frozen views of the safety plan for screens, commands and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.framework.dto import Source
from jeugdtool.framework.goal_dto import JudgementDTO
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import PlanStatus


@dataclass(frozen=True)
class PartyDTO:
    """A person an agreement names, and their acceptance."""

    id: int
    source: Source
    #: None: not asked yet.
    accepted: bool | None
    accepted_on: dt.date | None
    accepted_how: AcceptedHow | None
    version: int = 1


@dataclass(frozen=True)
class AgreementDTO:
    id: int
    plan_version_id: int
    lineage: str
    position: int
    what: str
    when: str
    start_on: dt.date | None
    due_on: dt.date | None
    where: str
    check: str
    checked_by: str
    #: Lineages of the statements it serves.
    serves: tuple[str, ...]
    status: AgreementStatus
    realistic_confirmed: bool
    review_on: dt.date | None
    parties: tuple[PartyDTO, ...]
    version: int = 1
    #: A vocab.SpecialCategory value ("" when not marked).
    special_category: str = ""
    #: The agreement in the family's own words ("": `what` is used in the family's version).
    family_words: str = ""

    @property
    def accepted_by_all(self) -> bool:
        """Computed, never ticked by hand: every named person accepted it."""
        return bool(self.parties) and all(p.accepted is True for p in self.parties)

    @property
    def who(self) -> tuple[str, ...]:
        return tuple(p.source.label for p in self.parties)


@dataclass(frozen=True)
class NetworkRoleDTO:
    id: int
    position: int
    source: Source
    role: str
    told_on: dt.date | None
    version: int = 1


@dataclass(frozen=True)
class FamilyGoalDTO:
    """A goal the family set itself, in its own words, and who said it."""

    id: int
    position: int
    source: Source
    text: str
    lineage: str = ""
    version: int = 1
    #: vocab.SpecialCategory value, or "" (not marked).
    special_category: str = ""


@dataclass(frozen=True)
class RedFlagDTO:
    id: int
    position: int
    sign: str
    watched_by: tuple[str, ...]
    action: str
    version: int = 1


@dataclass(frozen=True)
class PlanVersionDTO:
    id: int
    household_id: int
    number: int
    status: PlanStatus
    based_on_id: int | None
    moment_id: int | None
    finalised_on: dt.date | None
    finalised_by: str | None
    override_reason: str | None
    children_told: str
    review_schedule: str
    next_review_on: dt.date | None
    when_not_kept: str
    version: int = 1
    #: The special category of personal data `children_told` holds ("": none).
    children_told_category: str = ""

    @property
    def is_final(self) -> bool:
        return self.status is PlanStatus.FINAL


@dataclass(frozen=True)
class PlanDetail:
    plan: PlanVersionDTO
    agreements: tuple[AgreementDTO, ...]
    network: tuple[NetworkRoleDTO, ...]
    red_flags: tuple[RedFlagDTO, ...]
    #: The danger statements, safety goals and bottom lines of the moment the plan shows.
    statements: tuple[StatementDTO, ...]
    #: The moment those statements come from (None: the case has no mapping moment yet).
    statements_moment_id: int | None
    #: The family's own goals, in the plan's order.
    family_goals: tuple[FamilyGoalDTO, ...] = ()

    def covering(self, lineage: str) -> tuple[AgreementDTO, ...]:
        """The agreements that serve the statement (e.g. a bottom line) with this lineage."""
        return tuple(a for a in self.agreements if lineage in a.serves)


@dataclass(frozen=True)
class ReviewResultDTO:
    id: int
    agreement_lineage: str
    kept: Kept
    note: str
    reported_by: str
    follow_up: str
    #: A vocab.SpecialCategory value ("" when not marked).
    special_category: str = ""


@dataclass(frozen=True)
class ReviewDTO:
    id: int
    plan_version_id: int
    held_on: dt.date
    note: str
    results: tuple[ReviewResultDTO, ...]
    #: The network meeting the review was held in (None: none).
    network_meeting_id: int | None = None
    #: The safety goals judged at the review (removed with it).
    judgements: tuple[JudgementDTO, ...] = ()
    #: A vocab.SpecialCategory value for the note ("" when not marked).
    special_category: str = ""
