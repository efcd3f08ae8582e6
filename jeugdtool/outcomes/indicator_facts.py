"""The facts the outcome indicators are computed from: plain rows, read by
`indicator_queries` (or made by hand in tests), and grouped once per computation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class CaseFact:
    id: int
    opened_on: dt.date
    #: The case's own closing date (None: open); counts only for a case without closings.
    closed_on: dt.date | None = None


@dataclass(frozen=True)
class ClosingFact:
    id: int
    household_id: int
    closed_on: dt.date
    further_help: str | None = None
    goals_outcome: str | None = None
    #: The per-goal outcomes (vocab.GoalOutcome values).
    goal_outcomes: tuple[str, ...] = ()
    ended_as: str | None = None
    reopened_on: dt.date | None = None


@dataclass(frozen=True)
class NewStartFact:
    previous_closing_id: int
    started_on: dt.date


@dataclass(frozen=True)
class ScoreFact:
    household_id: int
    id: int
    scored_on: dt.date
    role: str
    #: None: the case as a whole.
    about: str | None
    score: int


@dataclass(frozen=True)
class AssessmentFact:
    household_id: int
    person_id: int
    id: int
    assessed_on: dt.date
    #: Domain code -> level (None: not scored).
    levels: Mapping[str, int | None]


@dataclass(frozen=True)
class ExperienceFact:
    closing_id: int
    #: ExperienceQuestion value -> answer 1–5 (None: not answered).
    answers: Mapping[str, int | None]


@dataclass(frozen=True)
class HelpFact:
    household_id: int
    product_list: str
    category: str
    starts_on: dt.date
    ended_on: dt.date | None
    unit_cost_cents: int | None = None
    units: int | None = None


@dataclass(frozen=True)
class Facts:
    """Everything the indicators read, for the cases that match a filter."""

    #: The matching cases.
    cases: tuple[CaseFact, ...] = ()
    #: Every closing of those cases, whatever its date.
    closings: tuple[ClosingFact, ...] = ()
    #: New starts after those closings (wherever they were recorded).
    new_starts: tuple[NewStartFact, ...] = ()
    scores: tuple[ScoreFact, ...] = ()
    assessments: tuple[AssessmentFact, ...] = ()
    experiences: tuple[ExperienceFact, ...] = ()
    help: tuple[HelpFact, ...] = ()


# ---- grouped -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactIndex:
    """The facts grouped once per call, so each indicator reads only its own case's rows."""

    cases: Mapping[int, CaseFact]
    closings: Mapping[int, list[ClosingFact]]
    new_starts: Mapping[int, list[NewStartFact]]
    scores: Mapping[int, list[ScoreFact]]
    assessments: Mapping[int, list[AssessmentFact]]
    experiences: Mapping[int, list[ExperienceFact]]


def _group(rows: Iterable[R], key: Callable[[R], int]) -> dict[int, list[R]]:
    out: dict[int, list[R]] = defaultdict(list)
    for row in rows:
        out[key(row)].append(row)
    return out


def index_facts(facts: Facts) -> FactIndex:
    """The facts by case (and new starts and experiences by closing)."""
    return FactIndex(
        cases={c.id: c for c in facts.cases},
        closings=_group(facts.closings, lambda r: r.household_id),
        new_starts=_group(facts.new_starts, lambda r: r.previous_closing_id),
        scores=_group(facts.scores, lambda r: r.household_id),
        assessments=_group(facts.assessments, lambda r: r.household_id),
        experiences=_group(facts.experiences, lambda r: r.closing_id),
    )
