"""Plain, frozen data the outcomes services hand out (help deployed, closings, new starts).

Several parts of the outcomes package add their dataclasses here: append, never reorder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.framework.goal_dto import GoalWords

#: How a help item's `serves` names a ZRM domain: "zrm:<domain>" (the other keys are safety
#: goal lineages).
ZRM_PREFIX = "zrm:"


@dataclass(frozen=True)
class HelpItemDTO:
    """One form of help for one person (or the household), as the screens see it."""

    id: int
    household_id: int
    position: int
    #: None: the household as a whole.
    person_id: int | None
    for_label: str
    product_list: str
    category: str
    #: The category's label in its list (the code itself when the list is gone).
    category_label: str
    description: str
    provider: str
    starts_on: dt.date
    planned_end: dt.date | None
    ended_on: dt.date | None
    intensity: str
    decided_by: str
    unit: str | None
    unit_cost_cents: int | None
    units: int | None
    #: Safety goal lineages and "zrm:<domain>" keys.
    serves: tuple[str, ...]
    version: int
    #: A framework vocab.SpecialCategory value ("" when not marked).
    special_category: str = ""

    def ended_by(self, day: dt.date) -> bool:
        """Ended on or before `day` (else it runs, or is planned, on that day)."""
        return self.ended_on is not None and self.ended_on <= day

    @property
    def zrm_domains(self) -> tuple[str, ...]:
        """The ZRM domains (codes) it serves, in its order."""
        return tuple(k.removeprefix(ZRM_PREFIX) for k in self.serves if k.startswith(ZRM_PREFIX))


@dataclass(frozen=True)
class HelpWarning:
    """Something about a help item worth a second look (the cheapest adequate help)."""

    item_id: int
    #: "same_kind_twice", "serves_nothing" or "past_planned_end".
    kind: str
    message: str


@dataclass(frozen=True)
class ServeChoice:
    """Something a help item can serve: a safety goal (key = lineage) or "zrm:<domain>"."""

    key: str
    label: str


@dataclass(frozen=True)
class HelpOverview:
    """A case's help as its page shows it, read at one moment: the items in their order, the
    warnings about them, and what help can serve."""

    items: tuple[HelpItemDTO, ...]
    warnings: tuple[HelpWarning, ...]
    choices: tuple[ServeChoice, ...]


# ---- closings, the family's experience, new starts (outcomes/closing.py) ---------------------


@dataclass(frozen=True)
class GoalOutcomeDTO(GoalWords):
    """How far one safety goal (by lineage, with its words at closing) was reached."""

    #: A `vocab.GoalOutcome` value.
    outcome: str


@dataclass(frozen=True)
class ExperienceDTO:
    """One family member's experience at a closing (each question 1–5, None: not answered)."""

    id: int
    closing_id: int
    household_id: int
    person_id: int | None
    respondent: str
    heard: int | None
    helped: int | None
    knows_what_to_do: int | None
    comment: str
    version: int


@dataclass(frozen=True)
class ClosingDTO:
    """How one episode of a case ended; the outcome fields are None for a case closed before
    outcomes were recorded."""

    id: int
    household_id: int
    closed_on: dt.date
    reason: str
    #: `vocab.GoalOutcome` values (None: not recorded); with goals, the lowest of theirs.
    goals_outcome: str | None
    goal_outcomes: tuple[GoalOutcomeDTO, ...]
    further_help: str | None
    further_help_detail: str
    ended_as: str | None
    ended_early_by: str | None
    #: The day the case was reopened after this closing (None: it stayed closed).
    reopened_on: dt.date | None
    experiences: tuple[ExperienceDTO, ...]
    version: int
    #: The network's own plan for after closure: what it keeps doing, whom to call.
    network_keeps: str = ""
    whom_to_call: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoalChoice(GoalWords):
    """A current safety goal the closing asks about."""

    #: The outcome proposed from the goal's latest judgement (a `vocab.GoalOutcome` value;
    #: None: never judged) and why, in words ("Gehaald sinds 01-03-2026, 3 maanden").
    proposed: str | None = None
    why: str = ""


@dataclass(frozen=True)
class MemberChoice:
    """A household member who can give their experience."""

    id: int
    label: str


@dataclass(frozen=True)
class ClosingForm:
    """What the closing dialog needs: the goals to ask about, who can answer, the dates."""

    case_id: int
    goals: tuple[GoalChoice, ...]
    members: tuple[MemberChoice, ...]
    today: dt.date
    #: The earliest closing date allowed: the opening date, or the last reopening.
    earliest: dt.date
    #: Whom to call after closure, proposed from the plan's safety network (one line each).
    whom_to_call: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewStartDTO:
    """Help started again for a child after a closing (a reopening, or a new case)."""

    id: int
    household_id: int
    started_on: dt.date
    #: A `vocab.NewStartKind` value.
    kind: str
    #: The child in this case (None: the whole case reopened, or the child was removed).
    person_id: int | None
    previous_closing_id: int | None
    #: The earlier case and its closing day, when the user may read it (None: destroyed, or
    #: in team mode a case of someone else's).
    previous_case_number: str | None
    previous_closed_on: dt.date | None
    confirmed_by: str
    version: int


@dataclass(frozen=True)
class Reopened:
    """What `reopen_case` did, for its undo: the new start and the status the case had."""

    new_start: NewStartDTO
    closing_id: int
    #: A `cases.vocab.CaseStatus` value: "closed" or "archived".
    previous_status: str


@dataclass(frozen=True)
class Candidate:
    """A child in another case, closed earlier, who may be the same child (to confirm)."""

    closing_id: int
    case_id: int
    case_number: str
    case_name: str
    child_label: str
    closed_on: dt.date
