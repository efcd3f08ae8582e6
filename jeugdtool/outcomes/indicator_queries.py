"""The indicators read from the database: a fixed handful of bulk queries, whatever the number of
cases, then the pure computation of `indicators.compute` (docs/indicators.md).

Only rows the user may read are counted: in team mode PostgreSQL's row-level security filters
every query here, so a consultant's figures cover the cases they may see. Destroyed cases count
nowhere: their rows are gone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import Date
from sqlalchemy import Integer
from sqlalchemy import Select
from sqlalchemy import column
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text

from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Team
from jeugdtool.cases.queries import case_heads
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.folding import fold
from jeugdtool.framework.models import ScaleScore
from jeugdtool.outcomes import products
from jeugdtool.outcomes.indicator_facts import AssessmentFact
from jeugdtool.outcomes.indicator_facts import CaseFact
from jeugdtool.outcomes.indicator_facts import ClosingFact
from jeugdtool.outcomes.indicator_facts import ExperienceFact
from jeugdtool.outcomes.indicator_facts import Facts
from jeugdtool.outcomes.indicator_facts import HelpFact
from jeugdtool.outcomes.indicator_facts import NewStartFact
from jeugdtool.outcomes.indicator_facts import ScoreFact
from jeugdtool.outcomes.indicators import CaseRef
from jeugdtool.outcomes.indicators import IndicatorFilter
from jeugdtool.outcomes.indicators import IndicatorResult
from jeugdtool.outcomes.indicators import Period
from jeugdtool.outcomes.indicators import compute
from jeugdtool.outcomes.indicators import quarters
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.models import NewStart
from jeugdtool.outcomes.vocab import ExperienceQuestion
from jeugdtool.store.team_sql import NEW_STARTS_AFTER_MINE
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore

__all__ = [
    "CaseRef",
    "by_quarter",
    "case_teams",
    "cases_behind",
    "indicators",
    "load_facts",
    "overview",
]


def indicators(
    uow: UnitOfWork, flt: IndicatorFilter, *, today: dt.date | None = None
) -> IndicatorResult:
    """The indicators and production figures of the filter's period."""
    with uow:
        facts = load_facts(uow, flt, flt.period)
        labels = products.lists_in(uow)
    return compute(
        facts,
        flt.period,
        today=today or dt.date.today(),
        category_label=lambda plist, code: products.category_label(labels, plist, code),
    )


def by_quarter(
    uow: UnitOfWork,
    flt: IndicatorFilter,
    *,
    today: dt.date | None = None,
    no_team: bool = False,
) -> list[IndicatorResult]:
    """The same per calendar quarter overlapping the filter's period (whole quarters), read
    from the database once. `no_team`: only the cases without a team (flt.team_id unused)."""
    periods = quarters(flt.start, flt.end)
    if not periods:
        return []
    with uow:
        facts = load_facts(uow, flt, Period(periods[0].start, periods[-1].end), no_team=no_team)
        labels = products.lists_in(uow)
    day = today or dt.date.today()
    return [
        compute(
            facts,
            p,
            today=day,
            category_label=lambda plist, code: products.category_label(labels, plist, code),
        )
        for p in periods
    ]


def overview(
    uow: UnitOfWork, flt: IndicatorFilter, *, today: dt.date | None = None
) -> tuple[IndicatorResult, list[IndicatorResult]]:
    """`indicators` and `by_quarter` of the same filter from one read of the database (the
    dashboard shows both)."""
    periods = quarters(flt.start, flt.end)
    span = flt.period
    if periods:
        span = Period(min(span.start, periods[0].start), max(span.end, periods[-1].end))
    with uow:
        facts = load_facts(uow, flt, span)
        labels = products.lists_in(uow)
    day = today or dt.date.today()

    def result(period: Period) -> IndicatorResult:
        return compute(
            facts,
            period,
            today=day,
            category_label=lambda plist, code: products.category_label(labels, plist, code),
        )

    return result(flt.period), [result(p) for p in periods]


def cases_behind(uow: UnitOfWork, ids: Iterable[int]) -> list[CaseRef]:
    """The cases with these ids that the user may read (others, and destroyed ones, are left
    out), by case number."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    statuses = {s.value: s.label for s in CaseStatus}
    out: list[CaseRef] = []
    with uow:
        for chunk in _chunks(wanted):
            rows = uow.session.execute(case_heads().where(Household.id.in_(chunk)))
            out += [
                CaseRef(hid, number, name, manager or "", statuses.get(status, status))
                for hid, number, name, manager, status in rows
            ]
    return sorted(out, key=lambda c: c.case_number)


def case_teams(uow: UnitOfWork) -> list[tuple[int | None, str]]:
    """The teams that have cases the user may read, by name, as (id, name); (None, "") last
    when some case has no team."""
    with uow:
        ids = set(uow.session.scalars(select(Household.team_id).distinct()))
        stmt = select(Team.id, Team.name).where(Team.id.in_(ids - {None}))
        named: list[tuple[int | None, str]] = [
            (tid, name) for tid, name in uow.session.execute(stmt)
        ]
    out = sorted(named, key=lambda t: fold(t[1]))
    return [*out, (None, "")] if None in ids else out


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


# ---- loading the facts ----------------------------------------------------------------------


def _matching(flt: IndicatorFilter, no_team: bool) -> Select[tuple[int]]:
    """The ids of the cases the filter names (team, case manager, mode)."""
    stmt = select(Household.id)
    if no_team:
        stmt = stmt.where(Household.team_id.is_(None))
    elif flt.team_id is not None:
        stmt = stmt.where(Household.team_id == flt.team_id)
    if flt.consultant_id is not None:
        stmt = stmt.where(Household.case_manager_id == flt.consultant_id)
    if flt.mode is not None:
        stmt = stmt.where(Household.mode == flt.mode)
    return stmt


def load_facts(
    uow: UnitOfWork, flt: IndicatorFilter, span: Period, *, no_team: bool = False
) -> Facts:
    """Inside an open unit of work: the facts `compute` needs for any period within `span`."""
    cases = _matching(flt, no_team).subquery()
    closed_in_span = (
        select(CaseClosing.id)
        .where(CaseClosing.household_id.in_(select(cases.c.id)))
        .where(CaseClosing.closed_on.between(span.start, span.end))
    )
    with_closing = select(CaseClosing.household_id).where(CaseClosing.id.in_(closed_in_span))
    session = uow.session.connection()  # plain rows: no ORM loading on top
    stmt = select(Household.id, Household.opened_on, Household.closed_on).where(
        Household.id.in_(select(cases.c.id))
    )
    case_facts = tuple(CaseFact(*row) for row in session.execute(stmt))
    return Facts(
        cases=case_facts,
        closings=_closings(uow, select(cases.c.id), closed_in_span),
        new_starts=_new_starts(session, closed_in_span),
        scores=tuple(
            ScoreFact(*row)
            for row in session.execute(
                select(
                    ScaleScore.household_id,
                    ScaleScore.id,
                    ScaleScore.scored_on,
                    ScaleScore.role,
                    ScaleScore.about,
                    ScaleScore.score,
                ).where(ScaleScore.household_id.in_(with_closing), ScaleScore.scored_on <= span.end)
            )
        ),
        assessments=_assessments(uow, with_closing, span.end),
        experiences=_experiences(uow, closed_in_span),
        help=_help(uow, select(cases.c.id), span),
    )


def _new_starts(conn: Connection, closed_in_span: Select[tuple[int]]) -> tuple[NewStartFact, ...]:
    """The new starts after the closings: in team mode through `jt_new_starts_after_mine` (the
    day of a new start in another team's case, nothing else of it), else the table itself."""
    closing_id: Any = NewStart.previous_closing_id
    started_on: Any = NewStart.started_on
    if conn.dialect.name == "postgresql":
        found = conn.execute(text("SELECT to_regproc(:f)"), {"f": NEW_STARTS_AFTER_MINE})
        if found.scalar() is not None:
            after = getattr(func, NEW_STARTS_AFTER_MINE)().table_valued(
                column("closing_id", Integer), column("started_on", Date)
            )
            closing_id, started_on = after.c.closing_id, after.c.started_on
    query = select(closing_id, started_on).where(closing_id.in_(closed_in_span))
    return tuple(NewStartFact(prev, on) for prev, on in conn.execute(query))


def _closings(
    uow: UnitOfWork, cases: Select[tuple[int]], closed_in_span: Select[tuple[int]]
) -> tuple[ClosingFact, ...]:
    """Every closing of the cases (the production figures need earlier ones too), with the
    per-goal outcomes of those in the span."""
    per_goal: dict[int, list[str]] = defaultdict(list)
    rows = uow.session.connection().execute(
        select(ClosingGoalOutcome.closing_id, ClosingGoalOutcome.outcome)
        .where(ClosingGoalOutcome.closing_id.in_(closed_in_span))
        .order_by(ClosingGoalOutcome.closing_id, ClosingGoalOutcome.position)
    )
    for closing_id, outcome in rows:
        per_goal[closing_id].append(outcome)
    rows = uow.session.connection().execute(
        select(
            CaseClosing.id,
            CaseClosing.household_id,
            CaseClosing.closed_on,
            CaseClosing.further_help,
            CaseClosing.goals_outcome,
            CaseClosing.ended_as,
            CaseClosing.reopened_on,
        ).where(CaseClosing.household_id.in_(cases))
    )
    return tuple(
        ClosingFact(cid, hid, closed, further, goals, tuple(per_goal.get(cid, ())), ended, reopened)
        for cid, hid, closed, further, goals, ended, reopened in rows
    )


def _assessments(
    uow: UnitOfWork, households: Select[tuple[int]], until: dt.date
) -> tuple[AssessmentFact, ...]:
    """The ZRM assessments up to `until` of the cases with a closing in the span."""
    rows = uow.session.connection().execute(
        select(
            ZrmAssessment.household_id,
            ZrmAssessment.person_id,
            ZrmAssessment.id,
            ZrmAssessment.assessed_on,
            ZrmDomainScore.domain,
            ZrmDomainScore.level,
        )
        .outerjoin(ZrmDomainScore, ZrmDomainScore.assessment_id == ZrmAssessment.id)
        .where(ZrmAssessment.household_id.in_(households), ZrmAssessment.assessed_on <= until)
    )
    heads: dict[int, tuple[int, int, dt.date]] = {}
    levels: dict[int, dict[str, int | None]] = defaultdict(dict)
    for hid, pid, aid, on, domain, level in rows:
        heads[aid] = (hid, pid, on)
        if domain is not None:
            levels[aid][domain] = level
    return tuple(
        AssessmentFact(hid, pid, aid, on, levels.get(aid, {}))
        for aid, (hid, pid, on) in heads.items()
    )


def _experiences(uow: UnitOfWork, closings: Select[tuple[int]]) -> tuple[ExperienceFact, ...]:
    columns = [getattr(ClientExperience, q.value) for q in ExperienceQuestion]
    rows = uow.session.connection().execute(
        select(ClientExperience.closing_id, *columns).where(
            ClientExperience.closing_id.in_(closings)
        )
    )
    questions = [q.value for q in ExperienceQuestion]
    return tuple(ExperienceFact(row[0], dict(zip(questions, row[1:], strict=True))) for row in rows)


def _help(uow: UnitOfWork, cases: Select[tuple[int]], span: Period) -> tuple[HelpFact, ...]:
    """The help items of the cases running on a day of the span."""
    rows = uow.session.connection().execute(
        select(
            HelpItem.household_id,
            HelpItem.product_list,
            HelpItem.category,
            HelpItem.starts_on,
            HelpItem.ended_on,
            HelpItem.unit_cost_cents,
            HelpItem.units,
        ).where(
            HelpItem.household_id.in_(cases),
            HelpItem.starts_on <= span.end,
            (HelpItem.ended_on.is_(None)) | (HelpItem.ended_on >= span.start),
        )
    )
    return tuple(HelpFact(*row) for row in rows)
