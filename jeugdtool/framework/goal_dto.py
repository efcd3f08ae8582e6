"""Frozen views of safety goals that are tracked to closure: judgements and each goal's clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import PeriodUnit


@dataclass(frozen=True)
class JudgementInput:
    """A judgement given at a review (the review's date is the judgement's)."""

    goal_lineage: str
    judgement: Judgement | str
    #: Since when the change the goal asks for has been seen (None: a met goal whose change
    #: goes on takes the previous date, else the review's date; nothing for "not met").
    seen_since: dt.date | str | None = None
    note: str = ""
    judged_by: str = ""


@dataclass(frozen=True)
class JudgementDTO:
    id: int
    household_id: int
    goal_lineage: str
    judged_on: dt.date
    judgement: Judgement
    seen_since: dt.date | None
    note: str
    judged_by: str
    review_id: int | None
    network_meeting_id: int | None
    version: int = 1


@dataclass(frozen=True)
class GoalWords:
    """A safety goal by lineage (the same goal across mapping moments), in its words as they
    were read; the goal views below and the closing's build on it."""

    lineage: str
    text: str


@dataclass(frozen=True)
class GoalTrack(GoalWords):
    """One safety goal of the newest mapping moment and its clock."""

    #: How long the change must be seen (None: no period chosen yet).
    amount: int | None
    unit: PeriodUnit | None
    #: The latest judgement's "seen since" (None: not seen, or not judged yet).
    seen_since: dt.date | None
    latest: JudgementDTO | None
    #: The day the goal has held for its whole period (seen since + period); None while the
    #: clock does not run (not judged met, no date or no period).
    held_until: dt.date | None
    #: Met at the latest judgement and held for its whole period by today.
    held: bool
    #: Every judgement of the goal, oldest first.
    history: tuple[JudgementDTO, ...] = ()
