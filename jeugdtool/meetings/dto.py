"""Frozen views of meetings, as the screens, the minutes and the case file read them."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class ParticipantDTO:
    id: int
    meeting_id: int
    position: int
    name: str
    kind: str
    organisation: str
    version: int = 1


@dataclass(frozen=True)
class RoundEntry:
    id: int
    participant_id: int | None
    #: The name as given with the score (it stays when the participant is later removed).
    name: str
    score_id: int
    score: int
    reason: str


@dataclass(frozen=True)
class FollowUpDTO:
    id: int
    item_id: int
    household_id: int
    position: int
    what: str
    owner: str
    due_on: dt.date | None
    done: bool
    version: int = 1

    def overdue(self, today: dt.date) -> bool:
        return not self.done and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class Spread:
    count: int
    low: int
    high: int
    median: float

    @classmethod
    def of(cls, scores: list[int]) -> Spread | None:
        if not scores:
            return None
        return cls(len(scores), min(scores), max(scores), statistics.median(scores))


@dataclass(frozen=True)
class ItemDTO:
    id: int
    meeting_id: int
    household_id: int
    case_number: str
    case_name: str
    position: int
    question: str
    notes: str
    advice: str
    decisions: str
    cheapest_help: str
    round: tuple[RoundEntry, ...] = ()
    follow_ups: tuple[FollowUpDTO, ...] = ()
    version: int = 1

    @property
    def spread(self) -> Spread | None:
        return Spread.of([e.score for e in self.round])


@dataclass(frozen=True)
class MeetingDTO:
    id: int
    held_on: dt.date
    title: str
    chair: str
    hide_names: bool
    note: str
    version: int = 1


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingDTO
    participants: tuple[ParticipantDTO, ...]
    items: tuple[ItemDTO, ...]

    def item(self, item_id: int) -> ItemDTO:
        return next(i for i in self.items if i.id == item_id)


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    held_on: dt.date
    title: str
    chair: str
    hide_names: bool
    #: "2026-0001 Gezin Jansen", in agenda order.
    cases: tuple[str, ...]
    participants: int


@dataclass(frozen=True)
class CaseMeeting:
    """A meeting as one case sees it: when, what was asked, what was decided."""

    meeting_id: int
    item_id: int
    held_on: dt.date
    title: str
    chair: str
    question: str
    advice: str
    decisions: str
