"""Frozen views of the scale: the case's 0 and 10, scores, and the history per rater."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.framework.dto import Source
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import role_relation
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext


@dataclass(frozen=True)
class ScaleDefinition:
    """The scale question and what 0 and 10 mean for one case."""

    household_id: int
    mode: CaseMode
    question: str
    #: How to ask it (everyone separately, the reason, one point higher).
    hint: str
    #: The wording in force: the case's own, or else the method's default for its mode.
    zero: str
    ten: str
    #: The case's own wording (None: the default is used).
    custom_zero: str | None
    custom_ten: str | None
    default_zero: str
    default_ten: str

    @property
    def is_custom(self) -> bool:
        return self.custom_zero is not None or self.custom_ten is not None


@dataclass(frozen=True)
class Rater:
    """Who scores, as the chart tells raters apart: the name as given plus the role."""

    label: str
    role: RaterRole

    @property
    def name(self) -> str:
        return named(self.label, role_relation(self.role))


@dataclass(frozen=True)
class ScoreDTO:
    id: int
    household_id: int
    scored_on: dt.date
    source: Source
    role: RaterRole
    score: int
    #: None: the case as a whole; else the lineage of a danger statement.
    about: str | None
    reason: str
    one_higher: str
    context: ScoreContext
    version: int = 1

    @property
    def rater(self) -> Rater:
        return Rater(self.source.label, self.role)


@dataclass(frozen=True)
class ScorePoint:
    score_id: int
    scored_on: dt.date
    score: int
    reason: str
    one_higher: str


@dataclass(frozen=True)
class RaterSeries:
    rater: Rater
    #: Oldest first.
    points: tuple[ScorePoint, ...]
    #: The case manager's line: the formal judgement.
    formal: bool = False


@dataclass(frozen=True)
class ScoreHistory:
    household_id: int
    #: The danger statement (lineage) the scores are about; None: the case as a whole.
    about: str | None
    #: One series per rater, in the order they first scored.
    series: tuple[RaterSeries, ...]

    @property
    def is_empty(self) -> bool:
        return not self.series

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        days = [p.scored_on for s in self.series for p in s.points]
        return (min(days), max(days)) if days else None


@dataclass(frozen=True)
class AboutChoice:
    """Something a score can be about: a danger statement of the case (by lineage)."""

    lineage: str
    #: "Gevaarsomschrijving 2: …", shortened to fit a list.
    label: str
    #: The statement's full sentence.
    text: str
    #: Whether it is on the newest map (an older one may still be what past scores were about).
    current: bool
