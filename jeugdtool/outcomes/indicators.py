"""Outcome indicators and production figures as pure functions of plain facts (docs/indicators.md).

`indicator_queries` loads the facts in a few bulk queries and calls `compute`; the dashboard, the
command line and the municipality's files all show what this module computes, and hide small
numbers through the one rule `shown_count` / `shown_value`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from jeugdtool.framework.vocab import RaterRole
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.outcomes.help_rules import total_cents
from jeugdtool.outcomes.indicator_facts import AssessmentFact
from jeugdtool.outcomes.indicator_facts import CaseFact
from jeugdtool.outcomes.indicator_facts import ClosingFact
from jeugdtool.outcomes.indicator_facts import ExperienceFact
from jeugdtool.outcomes.indicator_facts import FactIndex
from jeugdtool.outcomes.indicator_facts import Facts
from jeugdtool.outcomes.indicator_facts import HelpFact
from jeugdtool.outcomes.indicator_facts import NewStartFact
from jeugdtool.outcomes.indicator_facts import ScoreFact
from jeugdtool.outcomes.indicator_facts import index_facts
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import ExperienceQuestion
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome
from jeugdtool.zrm.dto import Comparison
from jeugdtool.zrm.dto import DomainChange

__all__ = [
    "FOLLOW_UP_DAYS",
    "INDICATORS",
    "SMALL_BELOW",
    "CaseRef",
    "HelpKind",
    "IndicatorFilter",
    "IndicatorResult",
    "Mean",
    "Period",
    "Production",
    "Ratio",
    "ShownRatio",
    "compute",
    "indicator_help",
    "indicator_label",
    "quarters",
    "shown_count",
    "shown_ratio",
    "shown_value",
]

INDICATORS: tuple[str, ...] = (
    "without_further_help",
    "no_new_start_6m",
    "no_new_start_12m",
    "goals_realised",
    "safety_increased",
    "self_sufficiency_improved",
    "dropout",
)

#: The follow-up window of the new-start indicators, in days after the closing (the last day
#: counts as within): half a year and a year.
FOLLOW_UP_DAYS: Mapping[str, int] = {"no_new_start_6m": 183, "no_new_start_12m": 365}

#: The rater whose whole-case scale scores `safety_increased` compares.
CASE_MANAGER = RaterRole.CASE_MANAGER.value

#: Counts below this are shown as "<5" in files for the municipality (and their shares hidden).
SMALL_BELOW = 5

_LABELS: Mapping[str, str] = {
    "without_further_help": N_("Without further help"),
    "no_new_start_6m": N_("No new start within 6 months"),
    "no_new_start_12m": N_("No new start within 12 months"),
    "goals_realised": N_("Goals realised"),
    "safety_increased": N_("Safety increased"),
    "self_sufficiency_improved": N_("Self-sufficiency improved"),
    "dropout": N_("Dropout"),
}

_HELP: Mapping[str, str] = {
    "without_further_help": N_(
        "Closings after which no further help or only help from the voorliggend veld is "
        "needed, of the closings where this was recorded."
    ),
    "no_new_start_6m": N_(
        "Closings without a new start within 183 days, of the closings at least 183 days ago."
    ),
    "no_new_start_12m": N_(
        "Closings without a new start within 365 days, of the closings at least 365 days ago."
    ),
    "goals_realised": N_(
        "Closings whose goals were all fully or mostly reached, of the closings where the "
        "goals' outcome was recorded."
    ),
    "safety_increased": N_(
        "Closings where the case manager's last scale score of the case was above the first, "
        "of the closings with at least two such scores."
    ),
    "self_sufficiency_improved": N_(
        "Persons with more ZRM domains improved than worsened from their first to their last "
        "assessment, of the persons assessed at least twice up to the closing."
    ),
    "dropout": N_(
        "Closings where the help ended early, of the closings where it was recorded how the "
        "help ended."
    ),
}


def indicator_label(name: str) -> str:
    """The indicator's name as the user reads it (translated)."""
    return _(_LABELS[name])


def indicator_help(name: str) -> str:
    """One sentence saying what the indicator counts (translated)."""
    return _(_HELP[name])


# ---- periods and filters ------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A span of days, both ends included."""

    start: dt.date
    end: dt.date

    @property
    def quarter(self) -> tuple[int, int] | None:
        """(year, quarter) when the period is exactly one calendar quarter."""
        q = (self.start.month - 1) // 3 + 1
        if self.start != _quarter_start(self.start.year, q):
            return None
        return (self.start.year, q) if self.end == _quarter_end(self.start.year, q) else None

    @property
    def label(self) -> str:
        """ "2026 K3" in Dutch ("2026 Q3"); another span: its first and last day."""
        if self.quarter is not None:
            year, q = self.quarter
            return _("{year} Q{quarter}").format(year=year, quarter=q)
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _quarter_start(year: int, q: int) -> dt.date:
    return dt.date(year, 3 * q - 2, 1)


def _quarter_end(year: int, q: int) -> dt.date:
    following = dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    return following - dt.timedelta(days=1)


def quarters(start: dt.date, end: dt.date) -> list[Period]:
    """The calendar quarters that overlap start..end, whole, in order."""
    out: list[Period] = []
    year, q = start.year, (start.month - 1) // 3 + 1
    while start <= end and _quarter_start(year, q) <= end:
        out.append(Period(_quarter_start(year, q), _quarter_end(year, q)))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


@dataclass(frozen=True)
class IndicatorFilter:
    """Which closings and cases count: a period (both ends included), and optionally a team, a
    case manager (consultant) and a mode ("safety" / "wellbeing")."""

    start: dt.date
    end: dt.date
    team_id: int | None = None
    consultant_id: int | None = None
    mode: str | None = None

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


# ---- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int
    #: numerator / denominator; None when the denominator is 0.
    share: float | None
    #: Household ids behind the numbers (for drill-down), sorted, each once.
    numerator_cases: tuple[int, ...] = ()
    denominator_cases: tuple[int, ...] = ()


@dataclass(frozen=True)
class Mean:
    n: int
    #: None when n is 0.
    mean: float | None
    cases: tuple[int, ...] = ()


@dataclass(frozen=True)
class HelpKind:
    """The help of one kind (category of a product list) running in the period."""

    product_list: str
    category: str
    label: str
    items: int
    #: Sum of unit cost × units over the items where both are known; None: none known.
    cost_cents: int | None
    cases: tuple[int, ...] = ()


@dataclass(frozen=True)
class Production:
    open: int
    new: int
    closed: int
    mean_duration_days: float | None
    help_by_kind: tuple[HelpKind, ...]
    open_cases: tuple[int, ...] = ()
    new_cases: tuple[int, ...] = ()
    closed_cases: tuple[int, ...] = ()


@dataclass(frozen=True)
class IndicatorResult:
    period: Period
    #: One Ratio per name in INDICATORS, in that order.
    indicators: Mapping[str, Ratio]
    #: One Mean per ExperienceQuestion value, in that order.
    client_experience: Mapping[str, Mean]
    production: Production


@dataclass(frozen=True)
class CaseRef:
    """A case behind a number, as the drill-down lists it."""

    id: int
    case_number: str
    name: str
    #: The case manager's name ("" when there is none).
    case_manager: str
    #: The case's status as the user reads it (CaseStatus.label: "Open", "Closed").
    status: str


# ---- computing ----------------------------------------------------------------------------


def _ratio(numerator: Iterable[int], denominator: Iterable[int]) -> Ratio:
    """A ratio over units given by the household id of each (a household may count twice)."""
    num, den = list(numerator), list(denominator)
    share = len(num) / len(den) if den else None
    return Ratio(len(num), len(den), share, tuple(sorted(set(num))), tuple(sorted(set(den))))


def without_further_help(closings: Sequence[ClosingFact]) -> Ratio:
    """No further help or only the voorliggend veld, of closings where it was recorded."""
    recorded = [c for c in closings if c.further_help is not None]
    enough = {FurtherHelp.NONE.value, FurtherHelp.COMMUNITY.value}
    return _ratio(
        (c.household_id for c in recorded if c.further_help in enough),
        (c.household_id for c in recorded),
    )


def no_new_start(
    closings: Sequence[ClosingFact],
    starts_after: Mapping[int, Sequence[NewStartFact]],
    days: int,
    today: dt.date,
) -> Ratio:
    """Closings without a new start within `days` days (day `days` itself is within), of the
    closings whose window has wholly passed by `today` (today is after its last day)."""
    window = dt.timedelta(days=days)
    passed = [c for c in closings if c.closed_on + window < today]

    def started_again(c: ClosingFact) -> bool:
        return any(s.started_on <= c.closed_on + window for s in starts_after.get(c.id, ()))

    return _ratio(
        (c.household_id for c in passed if not started_again(c)),
        (c.household_id for c in passed),
    )


def _outcomes_of(c: ClosingFact) -> tuple[str, ...]:
    """Per-goal outcomes when recorded, else the goals' outcome as a whole (or nothing)."""
    if c.goal_outcomes:
        return c.goal_outcomes
    return (c.goals_outcome,) if c.goals_outcome is not None else ()


def goals_realised(closings: Sequence[ClosingFact]) -> Ratio:
    """Closings whose recorded goal outcomes are all realised, of closings with outcomes."""
    recorded = [(c, _outcomes_of(c)) for c in closings if _outcomes_of(c)]
    return _ratio(
        (c.household_id for c, outs in recorded if all(GoalOutcome(o).realised for o in outs)),
        (c.household_id for c, _outs in recorded),
    )


def safety_increased(
    closings: Sequence[ClosingFact], scores_of: Mapping[int, Sequence[ScoreFact]]
) -> Ratio:
    """The case manager's last whole-case scale score up to the closing above the first, of
    closings with at least two such scores."""
    num: list[int] = []
    den: list[int] = []
    for c in closings:
        mine = sorted(
            (
                s
                for s in scores_of.get(c.household_id, ())
                if s.about is None and s.role == CASE_MANAGER and s.scored_on <= c.closed_on
            ),
            key=lambda s: (s.scored_on, s.id),
        )
        if len(mine) < 2:
            continue
        den.append(c.household_id)
        if mine[-1].score > mine[0].score:
            num.append(c.household_id)
    return _ratio(num, den)


def zrm_improved(first: AssessmentFact, last: AssessmentFact) -> bool:
    """More domains improved than worsened from `first` to `last` (the ZRM's own comparison;
    a domain without a level on either side is neither)."""
    codes = list(dict.fromkeys([*first.levels, *last.levels]))
    changes = tuple(DomainChange(c, first.levels.get(c), last.levels.get(c)) for c in codes)
    comparison = Comparison(first.id, last.id, changes)
    return comparison.improved > comparison.worsened


def self_sufficiency_improved(
    closings: Sequence[ClosingFact], assessments_of: Mapping[int, Sequence[AssessmentFact]]
) -> Ratio:
    """Per person assessed at least twice up to a closing: first -> last improved."""
    num: list[int] = []
    den: list[int] = []
    for c in closings:
        per_person: dict[int, list[AssessmentFact]] = defaultdict(list)
        for a in assessments_of.get(c.household_id, ()):
            if a.assessed_on <= c.closed_on:
                per_person[a.person_id].append(a)
        for series in per_person.values():
            if len(series) < 2:
                continue
            series.sort(key=lambda a: (a.assessed_on, a.id))
            den.append(c.household_id)
            if zrm_improved(series[0], series[-1]):
                num.append(c.household_id)
    return _ratio(num, den)


def dropout(closings: Sequence[ClosingFact]) -> Ratio:
    """Closings where the help ended early, of closings where it was recorded how it ended."""
    recorded = [c for c in closings if c.ended_as is not None]
    return _ratio(
        (c.household_id for c in recorded if c.ended_as == EndedAs.EARLY.value),
        (c.household_id for c in recorded),
    )


def client_experience(
    closings: Sequence[ClosingFact], experiences_of: Mapping[int, Sequence[ExperienceFact]]
) -> dict[str, Mean]:
    """Per question, the mean of the answers given at the closings."""
    out: dict[str, Mean] = {}
    for question in ExperienceQuestion:
        answers = [
            (c.household_id, e.answers.get(question.value))
            for c in closings
            for e in experiences_of.get(c.id, ())
        ]
        given = [(hid, a) for hid, a in answers if a is not None]
        mean = sum(a for _h, a in given) / len(given) if given else None
        out[question.value] = Mean(len(given), mean, tuple(sorted({h for h, _a in given})))
    return out


def _closed_at(case: CaseFact, closings: Sequence[ClosingFact], day: dt.date) -> bool:
    """Closed on `day`: by a closing not yet reopened then; a case closed without a closing
    row (closed by an older route) by its own closing date."""
    if not closings:
        return case.closed_on is not None and case.closed_on <= day
    return any(
        c.closed_on <= day and (c.reopened_on is None or c.reopened_on > day) for c in closings
    )


def _episode_start(
    case: CaseFact, closing: ClosingFact, closings: Iterable[ClosingFact]
) -> dt.date:
    """The day the episode ending at `closing` began: the case's opening, or the latest
    reopening before it."""
    reopenings = [
        c.reopened_on
        for c in closings
        if c.reopened_on is not None and c.closed_on < closing.closed_on
    ]
    return max([case.opened_on, *[d for d in reopenings if d <= closing.closed_on]])


def production(
    idx: FactIndex,
    help_items: Iterable[HelpFact],
    period: Period,
    in_period: Sequence[ClosingFact],
    category_label: Callable[[str, str], str] | None = None,
) -> Production:
    """Open at the period's end, opened in it, closed in it, mean duration and help by kind."""
    opened = [c for c in idx.cases.values() if c.opened_on <= period.end]
    open_ids = [c.id for c in opened if not _closed_at(c, idx.closings.get(c.id, []), period.end)]
    new_ids = [c.id for c in idx.cases.values() if c.opened_on in period]
    durations = [
        (
            c.closed_on - _episode_start(idx.cases[c.household_id], c, idx.closings[c.household_id])
        ).days
        for c in in_period
        if c.household_id in idx.cases
    ]
    return Production(
        open=len(open_ids),
        new=len(new_ids),
        closed=len(in_period),
        mean_duration_days=sum(durations) / len(durations) if durations else None,
        help_by_kind=help_by_kind(help_items, period, category_label),
        open_cases=tuple(sorted(open_ids)),
        new_cases=tuple(sorted(new_ids)),
        closed_cases=tuple(sorted({c.household_id for c in in_period})),
    )


def help_by_kind(
    items: Iterable[HelpFact],
    period: Period,
    category_label: Callable[[str, str], str] | None = None,
) -> tuple[HelpKind, ...]:
    """Help running on at least one day of the period, per (product list, category)."""
    groups: dict[tuple[str, str], list[HelpFact]] = defaultdict(list)
    for h in items:
        if h.starts_on <= period.end and (h.ended_on is None or h.ended_on >= period.start):
            groups[(h.product_list, h.category)].append(h)
    out = []
    for (plist, category), rows in sorted(groups.items()):
        costs = [cost for h in rows if (cost := total_cents(h)) is not None]
        out.append(
            HelpKind(
                product_list=plist,
                category=category,
                label=category_label(plist, category) if category_label else category,
                items=len(rows),
                cost_cents=sum(costs) if costs else None,
                cases=tuple(sorted({h.household_id for h in rows})),
            )
        )
    return tuple(out)


def compute(
    facts: Facts,
    period: Period,
    *,
    today: dt.date,
    category_label: Callable[[str, str], str] | None = None,
) -> IndicatorResult:
    """Every indicator, the client experience and the production figures of `period`."""
    idx = index_facts(facts)
    in_period = sorted(
        (c for c in facts.closings if c.closed_on in period), key=lambda c: (c.closed_on, c.id)
    )
    ratios = {
        "without_further_help": without_further_help(in_period),
        "no_new_start_6m": no_new_start(
            in_period, idx.new_starts, FOLLOW_UP_DAYS["no_new_start_6m"], today
        ),
        "no_new_start_12m": no_new_start(
            in_period, idx.new_starts, FOLLOW_UP_DAYS["no_new_start_12m"], today
        ),
        "goals_realised": goals_realised(in_period),
        "safety_increased": safety_increased(in_period, idx.scores),
        "self_sufficiency_improved": self_sufficiency_improved(in_period, idx.assessments),
        "dropout": dropout(in_period),
    }
    return IndicatorResult(
        period=period,
        indicators=ratios,
        client_experience=client_experience(in_period, idx.experiences),
        production=production(idx, facts.help, period, in_period, category_label),
    )


# ---- small numbers ------------------------------------------------------------------------


V = TypeVar("V")


def shown_count(count: int, *, suppress: bool = True) -> int | str:
    """THE suppression rule: a count below SMALL_BELOW (0 included) is shown as "<5" when
    suppressing; every other count as itself."""
    if suppress and count < SMALL_BELOW:
        return f"<{SMALL_BELOW}"
    return count


def shown_value(value: V, *counts: int, suppress: bool = True) -> V | None:
    """A value derived from counts (a share, a mean, a cost): hidden (None) when any of those
    counts is hidden by `shown_count`."""
    if any(isinstance(shown_count(n, suppress=suppress), str) for n in counts):
        return None
    return value


@dataclass(frozen=True)
class ShownRatio:
    numerator: int | str
    denominator: int | str
    share: float | None


def shown_ratio(ratio: Ratio, *, suppress: bool = True) -> ShownRatio:
    """A ratio as a file for the municipality or the dashboard shows it.

    The complement counts too: 20 of 22 would tell that 2 did not (2 families with help again,
    2 dropouts), so when the denominator minus the numerator is below SMALL_BELOW the numerator
    is shown only as more than the denominator minus SMALL_BELOW (">17" of 22), and the share
    is hidden."""
    numerator = shown_count(ratio.numerator, suppress=suppress)
    share = shown_value(ratio.share, ratio.numerator, ratio.denominator, suppress=suppress)
    rest = ratio.denominator - ratio.numerator
    if suppress and isinstance(numerator, int) and rest < SMALL_BELOW:
        numerator, share = f">{ratio.denominator - SMALL_BELOW}", None
    return ShownRatio(numerator, shown_count(ratio.denominator, suppress=suppress), share)
