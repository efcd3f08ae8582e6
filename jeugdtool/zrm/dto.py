"""Frozen views of assessments, imports and comparisons, as the screens and exports read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.zrm.definitions import ACUTE
from jeugdtool.zrm.vocab import CarriedBy
from jeugdtool.zrm.vocab import Direction

#: More focus domains than this and the method's warning shows (depth over breadth).
FOCUS_ADVICE = 3


@dataclass(frozen=True)
class DomainScore:
    domain: str
    #: 1–5; None: not assessed / not applicable.
    level: int | None = None
    note: str = ""
    limitation: bool = False
    carried_by: CarriedBy | None = None
    focus: bool = False
    target_level: int | None = None
    target_date: dt.date | None = None
    #: Lineages of the plan's safety goals and agreements this focus domain serves.
    plan_links: tuple[str, ...] = ()
    id: int | None = None
    version: int = 1
    #: A vocab.SpecialCategory value for the note ("" when not marked).
    special_category: str = ""

    @property
    def assessed(self) -> bool:
        return self.level is not None

    @property
    def acute(self) -> bool:
        return self.level == ACUTE


@dataclass(frozen=True)
class AssessmentDTO:
    id: int
    household_id: int
    person_id: int
    person_name: str
    assessed_on: dt.date
    assessor: str
    matrix_id: str
    matrix_version: str
    copied_from_id: int | None
    note: str
    #: One per domain of the matrix, in the matrix's order.
    domains: tuple[DomainScore, ...]
    #: The newest of this person with this matrix, in an open case: it may still change.
    editable: bool = False
    version: int = 1
    #: A vocab.SpecialCategory value for the note ("" when not marked).
    special_category: str = ""

    def score(self, code: str) -> DomainScore | None:
        for d in self.domains:
            if d.domain == code:
                return d
        return None

    def level(self, code: str) -> int | None:
        found = self.score(code)
        return found.level if found is not None else None

    @property
    def focus_domains(self) -> tuple[DomainScore, ...]:
        return tuple(d for d in self.domains if d.focus)

    @property
    def acute_domains(self) -> tuple[DomainScore, ...]:
        return tuple(d for d in self.domains if d.acute)

    @property
    def assessed_count(self) -> int:
        return sum(1 for d in self.domains if d.assessed)


@dataclass(frozen=True)
class DomainChange:
    domain: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def direction(self) -> Direction | None:
        """None when neither assessment gave a level."""
        if self.before is None and self.after is None:
            return None
        if self.before is None:
            return Direction.NEW
        if self.after is None:
            return Direction.GONE
        if self.after > self.before:
            return Direction.UP
        return Direction.DOWN if self.after < self.before else Direction.SAME


@dataclass(frozen=True)
class Comparison:
    """What changed per domain between an earlier and a later assessment of one person."""

    earlier_id: int | None
    later_id: int
    changes: tuple[DomainChange, ...]

    def _count(self, direction: Direction) -> int:
        return sum(1 for c in self.changes if c.direction is direction)

    @property
    def improved(self) -> int:
        return self._count(Direction.UP)

    @property
    def worsened(self) -> int:
        return self._count(Direction.DOWN)

    @property
    def unchanged(self) -> int:
        return self._count(Direction.SAME)

    def change(self, code: str) -> DomainChange | None:
        for c in self.changes:
            if c.domain == code:
                return c
        return None


@dataclass(frozen=True)
class TargetResult:
    """A target level set on a focus domain, and whether a later assessment reached it."""

    assessment_id: int
    domain: str
    set_on: dt.date
    level: int | None
    target_level: int
    target_date: dt.date | None
    #: The first later assessment that reached the target (level >= target), if any.
    reached_on: dt.date | None
    #: The newest later level (None: not assessed again yet).
    latest_level: int | None

    @property
    def reached(self) -> bool:
        return self.reached_on is not None

    @property
    def on_time(self) -> bool:
        return self.reached_on is not None and (
            self.target_date is None or self.reached_on <= self.target_date
        )

    def overdue(self, today: dt.date) -> bool:
        return not self.reached and self.target_date is not None and self.target_date < today


@dataclass(frozen=True)
class ImportDTO:
    id: int
    #: "matrix" or "descriptors".
    kind: str
    matrix_id: str
    version: str
    source: str
    file_name: str
    imported_by: str
    imported_at: dt.datetime
