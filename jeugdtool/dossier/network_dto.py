"""Frozen views and inputs of network meetings (netwerkberaad)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.framework.dto import Source
from jeugdtool.framework.goal_dto import JudgementDTO
from jeugdtool.framework.plan_dto import ReviewDTO
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.framework.vocab import RaterRole


@dataclass(frozen=True)
class AttendeeInput:
    """Someone at the meeting: a household member, a network member, the consultant or
    someone else (a professional without a place in the network, named)."""

    source: Source
    chaired: bool = False


@dataclass(frozen=True)
class MeetingInput:
    held_on: dt.date | str | None
    place: str = ""
    attendees: Sequence[AttendeeInput] = ()
    #: The statements (lineages) shared with the network: worries, danger statements, goals.
    shared: Sequence[str] = ()
    #: What the network was told, in words.
    told: str = ""
    decisions: str = ""
    #: The plan version discussed (None: the case's newest, if any).
    plan_version_id: int | None = None


@dataclass(frozen=True)
class RoundScore:
    """One attendee's score in the meeting's scale round (its date: the meeting's)."""

    source: Source
    role: RaterRole | str
    score: int | str | None
    reason: str
    one_higher: str = ""
    #: None: the case as a whole; else a danger statement's lineage.
    about: str | None = None


@dataclass(frozen=True)
class AttendeeDTO:
    id: int
    position: int
    source: Source
    chaired: bool
    version: int = 1


@dataclass(frozen=True)
class MeetingDTO:
    id: int
    household_id: int
    held_on: dt.date
    place: str
    plan_version_id: int | None
    shared: tuple[str, ...]
    told: str
    decisions: str
    journal_entry_id: int | None
    attendees: tuple[AttendeeDTO, ...] = ()
    version: int = 1

    @property
    def chair(self) -> AttendeeDTO | None:
        return next((a for a in self.attendees if a.chaired), None)


@dataclass(frozen=True)
class SharedStatement:
    """A statement shared in the meeting, as the case's newest map words it."""

    lineage: str
    #: A framework `StatementType` value ("" when the statement is gone from the case).
    type: str
    text: str


@dataclass(frozen=True)
class MeetingDetail:
    """A meeting with what was done in it: the scale round, reviews, goal judgements."""

    meeting: MeetingDTO
    shared: tuple[SharedStatement, ...] = ()
    scores: tuple[ScoreDTO, ...] = ()
    reviews: tuple[ReviewDTO, ...] = ()
    #: Goals judged in the meeting (those of its reviews included).
    judgements: tuple[JudgementDTO, ...] = ()
    #: The journal entry that records it (None: removed from the journal, or not readable).
    journal_entry: JournalEntryDTO | None = None
