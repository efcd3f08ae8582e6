"""The indicators read from a database (outcomes/indicator_queries.py): the filters, the edges
on real rows (the last day of the period, day 183/184, no or one ZRM, a destroyed case), a fixed
number of queries whatever the number of cases, and in team mode only the cases RLS shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from jeugdtool.cases import households
from jeugdtool.cases.destruction import destroy_case
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.framework.models import ScaleScore
from jeugdtool.outcomes.indicator_queries import by_quarter
from jeugdtool.outcomes.indicator_queries import case_teams
from jeugdtool.outcomes.indicator_queries import cases_behind
from jeugdtool.outcomes.indicator_queries import indicators
from jeugdtool.outcomes.indicator_queries import overview
from jeugdtool.outcomes.indicators import IndicatorFilter
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.models import NewStart
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore
from tests.statements import statements_sent

D = dt.date
Q1 = IndicatorFilter(D(2026, 1, 1), D(2026, 3, 31))
TODAY = D(2028, 1, 1)


def _case(uow: UnitOfWork, number: str, **fields) -> int:
    fields.setdefault("opened_on", D(2025, 9, 1))
    return households.create_case(
        uow, name=f"Gezin {number}", case_number=number, **fields
    ).value.id


def _close(uow: UnitOfWork, case_id: int, on: dt.date, **fields) -> int:
    """Close the case on `on` with a closing row (as the closing service leaves it)."""
    with uow:
        household = uow.session.get(Household, case_id)
        household.status, household.closed_on, household.close_reason = "closed", on, "Klaar"
        closing = CaseClosing(household_id=case_id, closed_on=on, reason="Klaar", **fields)
        uow.session.add(closing)
        uow.session.flush()
        closing_id = closing.id
        uow.commit()
    return closing_id


def _add(uow: UnitOfWork, *rows) -> None:
    with uow:
        uow.session.add_all(rows)
        uow.commit()


def _person(uow: UnitOfWork, case_id: int, first_name: str) -> int:
    with uow:
        person = Person(household_id=case_id, first_name=first_name, role="child")
        uow.session.add(person)
        uow.session.flush()
        pid = person.id
        uow.commit()
    return pid


def _assessment(uow: UnitOfWork, case_id: int, person_id: int, on: dt.date, **levels) -> None:
    with uow:
        a = ZrmAssessment(
            household_id=case_id,
            person_id=person_id,
            assessed_on=on,
            assessor="A. de Boer",
            matrix_id="zrm-basis",
            matrix_version="2017",
        )
        uow.session.add(a)
        uow.session.flush()
        for i, (domain, level) in enumerate(levels.items()):
            uow.session.add(
                ZrmDomainScore(
                    household_id=case_id,
                    assessment_id=a.id,
                    domain=domain,
                    position=i,
                    level=level,
                )
            )
        uow.commit()


def _score(case_id: int, on: dt.date, score: int) -> ScaleScore:
    return ScaleScore(household_id=case_id, scored_on=on, role="case_manager", score=score)


def _ratio(uow: UnitOfWork, name: str, flt: IndicatorFilter = Q1):
    r = indicators(uow, flt, today=TODAY).indicators[name]
    return r.numerator, r.denominator


# ---- the edges on real rows -----------------------------------------------------------------


def test_a_case_closed_on_the_last_day_of_the_period_counts_and_one_a_day_later_not(uow):
    _close(uow, _case(uow, "2026-0001"), D(2026, 3, 31), further_help="none")
    _close(uow, _case(uow, "2026-0002"), D(2026, 4, 1), further_help="none")
    assert _ratio(uow, "without_further_help") == (1, 1)
    q2 = IndicatorFilter(D(2026, 4, 1), D(2026, 6, 30))
    assert _ratio(uow, "without_further_help", q2) == (1, 1)


def test_a_new_start_on_day_183_counts_and_one_on_day_184_does_not(uow):
    closed = D(2026, 1, 10)
    for number, days in (("2026-0001", 183), ("2026-0002", 184)):
        case_id = _case(uow, number)
        closing_id = _close(uow, case_id, closed)
        later = _case(uow, number.replace("2026", "2027"), opened_on=closed)
        _add(
            uow,
            NewStart(
                household_id=later,
                started_on=closed + dt.timedelta(days=days),
                kind="new_case",
                previous_closing_id=closing_id,
            ),
        )
    result = indicators(uow, Q1, today=TODAY)
    six = result.indicators["no_new_start_6m"]
    assert (six.numerator, six.denominator) == (1, 2)
    number_of = {c.id: c.case_number for c in cases_behind(uow, six.numerator_cases)}
    assert list(number_of.values()) == ["2026-0002"]
    assert _ratio(uow, "no_new_start_12m") == (0, 2)


def test_goals_dropout_and_experience_are_read_from_the_closing(uow):
    first = _case(uow, "2026-0001")
    closing = _close(uow, first, D(2026, 2, 1), goals_outcome="partly", ended_as="early")
    _add(
        uow,
        ClosingGoalOutcome(
            household_id=first, closing_id=closing, goal_lineage="a" * 32, outcome="fully"
        ),
        ClosingGoalOutcome(
            household_id=first, closing_id=closing, goal_lineage="b" * 32, outcome="mostly"
        ),
        ClientExperience(
            household_id=first, closing_id=closing, respondent="Moeder", heard=4, helped=2
        ),
        ClientExperience(household_id=first, closing_id=closing, respondent="Jan", heard=5),
    )
    _close(uow, _case(uow, "2026-0002"), D(2026, 2, 1), goals_outcome="not", ended_as="planned")
    result = indicators(uow, Q1, today=TODAY)
    goals = result.indicators["goals_realised"]
    assert (goals.numerator, goals.denominator, goals.numerator_cases) == (1, 2, (first,))
    assert _ratio(uow, "dropout") == (1, 2)
    heard = result.client_experience["heard"]
    assert (heard.n, heard.mean) == (2, 4.5)
    assert result.client_experience["knows_what_to_do"].n == 0


def test_safety_counts_the_case_managers_whole_case_scores_up_to_the_closing(uow):
    up = _case(uow, "2026-0001")
    flat = _case(uow, "2026-0002")
    one = _case(uow, "2026-0003")
    _add(
        uow,
        _score(up, D(2025, 10, 1), 2),
        _score(up, D(2026, 1, 15), 7),
        _score(flat, D(2025, 10, 1), 6),
        _score(flat, D(2026, 1, 15), 4),
        _score(flat, D(2026, 3, 1), 9),  # after its closing
        _score(one, D(2025, 10, 1), 5),
    )
    for case_id in (up, flat, one):
        _close(uow, case_id, D(2026, 2, 1))
    assert _ratio(uow, "safety_increased") == (1, 2)


def test_self_sufficiency_with_no_zrm_one_zrm_and_two(uow):
    two = _case(uow, "2026-0001")
    only_one = _case(uow, "2026-0002")
    _case_without = _case(uow, "2026-0003")
    child = _person(uow, two, "Sem")
    _assessment(uow, two, child, D(2025, 10, 1), finances=2, housing=2, work=3)
    _assessment(uow, two, child, D(2026, 1, 20), finances=3, housing=4, work=3)
    lone = _person(uow, only_one, "Noor")
    _assessment(uow, only_one, lone, D(2025, 10, 1), finances=2)
    for case_id in (two, only_one, _case_without):
        _close(uow, case_id, D(2026, 2, 1))
    result = indicators(uow, Q1, today=TODAY).indicators["self_sufficiency_improved"]
    assert (result.numerator, result.denominator, result.denominator_cases) == (1, 1, (two,))


def test_a_destroyed_case_counts_nowhere(uow):
    kept = _case(uow, "2026-0001")
    gone = _case(uow, "2026-0002")
    _close(uow, kept, D(2026, 2, 1), further_help="none")
    _close(uow, gone, D(2026, 2, 1), further_help="other")
    assert _ratio(uow, "without_further_help") == (1, 2)
    destroy_case(uow, "2026-0002", "Op verzoek van de client vernietigd", "request", by="A")
    result = indicators(uow, Q1, today=TODAY)
    assert _ratio(uow, "without_further_help") == (1, 1)
    assert (result.production.closed, result.production.closed_cases) == (1, (kept,))
    assert [c.id for c in cases_behind(uow, [kept, gone])] == [kept]


# ---- filters, production, quarters ----------------------------------------------------------


def test_the_filter_picks_cases_by_mode_and_case_manager(uow):
    with uow:
        uow.session.add_all([Consultant(name="Anna"), Consultant(name="Bert")])
        uow.commit()
    with uow:
        anna, bert = uow.session.scalars(select(Consultant.id).order_by(Consultant.name))
    _close(uow, _case(uow, "2026-0001", case_manager_id=anna), D(2026, 2, 1), ended_as="early")
    _close(
        uow,
        _case(uow, "2026-0002", case_manager_id=bert, mode="wellbeing"),
        D(2026, 2, 1),
        ended_as="planned",
    )
    flt = IndicatorFilter(Q1.start, Q1.end, consultant_id=anna)
    assert _ratio(uow, "dropout", flt) == (1, 1)
    flt = IndicatorFilter(Q1.start, Q1.end, mode="wellbeing")
    assert _ratio(uow, "dropout", flt) == (0, 1)
    assert _ratio(uow, "dropout") == (1, 2)


def test_production_and_help_by_kind_from_the_database(uow):
    closed = _case(uow, "2026-0001", opened_on=D(2025, 12, 2))
    still_open = _case(uow, "2026-0002", opened_on=D(2026, 2, 1))
    _close(uow, closed, D(2026, 3, 2))
    _add(
        uow,
        HelpItem(
            household_id=still_open,
            product_list="generic",
            category="no-such-code",
            starts_on=D(2026, 2, 1),
            decided_by="municipality",
            unit_cost_cents=7500,
            units=4,
        ),
    )
    p = indicators(uow, Q1, today=TODAY).production
    assert (p.open, p.new, p.closed, p.mean_duration_days) == (1, 1, 1, 90.0)
    assert [(k.label, k.items, k.cost_cents) for k in p.help_by_kind] == [
        ("no-such-code", 1, 30000)
    ]


def test_by_quarter_gives_each_whole_quarter(uow):
    _close(uow, _case(uow, "2026-0001"), D(2026, 2, 1), ended_as="early")
    _close(uow, _case(uow, "2026-0002"), D(2026, 5, 1), ended_as="planned")
    results = by_quarter(uow, IndicatorFilter(D(2026, 2, 15), D(2026, 4, 1)), today=TODAY)
    assert [(r.period.start, r.period.end) for r in results] == [
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 6, 30)),
    ]
    assert [r.indicators["dropout"].numerator for r in results] == [1, 0]
    assert [r.production.closed for r in results] == [1, 1]


def test_a_database_without_teams_lists_no_team(uow):
    _case(uow, "2026-0001")
    assert case_teams(uow) == [(None, "")]


# ---- a fixed number of queries --------------------------------------------------------------


@pytest.fixture
def statements(db) -> Iterator[list[str]]:
    with statements_sent(db, "SELECT") as seen:
        yield seen


def _fill(uow: UnitOfWork, n: int, start: int) -> None:
    for i in range(start, start + n):
        case_id = _case(uow, f"2026-{i:04d}")
        _add(uow, _score(case_id, D(2025, 10, 1), 3), _score(case_id, D(2026, 1, 10), 5))
        _close(uow, case_id, D(2026, 2, 1), further_help="none")


def test_the_number_of_queries_does_not_grow_with_the_cases(uow, statements):
    _fill(uow, 2, 1)
    statements.clear()
    indicators(uow, Q1, today=TODAY)
    few = len(statements)
    _fill(uow, 10, 3)
    statements.clear()
    result = indicators(uow, Q1, today=TODAY)
    assert result.indicators["safety_increased"].denominator == 12
    assert len(statements) == few <= 12


# ---- team mode: only what RLS shows ---------------------------------------------------------


def _fill_closings(world) -> None:
    """In every case of the team world: a closing on 2026-03-01 with a realised goal and an
    experience, and a help item."""
    boss = UnitOfWork(world.owner, "beheer")
    for case_id in world.case_ids.values():
        closing = _close(boss, case_id, D(2026, 3, 1), goals_outcome="fully")
        _add(
            boss,
            ClientExperience(household_id=case_id, closing_id=closing, respondent="M", heard=4),
            HelpItem(
                household_id=case_id,
                product_list="generic",
                category="ambulant",
                starts_on=D(2026, 1, 5),
                decided_by="municipality",
            ),
        )


def test_a_consultant_counts_only_the_cases_rls_lets_them_see(team_world):
    from tests.core.test_team_rls import ACCESS

    world = team_world
    _fill_closings(world)
    for who, numbers in ACCESS.items():
        result = indicators(world.uow(who), Q1, today=TODAY)
        assert set(result.production.closed_cases) == world.ids(numbers), who
        goals = result.indicators["goals_realised"]
        assert (goals.numerator, goals.denominator) == (len(numbers), len(numbers))
        assert result.client_experience["heard"].n == len(numbers)
        helped = {hid for k in result.production.help_by_kind for hid in k.cases}
        assert helped == world.ids(numbers), who
        behind = cases_behind(world.uow(who), world.case_ids.values())
        assert {c.case_number for c in behind} == numbers


def test_overview_is_the_period_and_its_quarters_from_one_read(uow):
    _close(uow, _case(uow, "2026-0001"), D(2026, 2, 1), ended_as="early")
    _close(uow, _case(uow, "2026-0002"), D(2026, 5, 1), ended_as="planned")
    flt = IndicatorFilter(D(2026, 2, 15), D(2026, 6, 30))
    total, quarters = overview(uow, flt, today=TODAY)
    assert total == indicators(uow, flt, today=TODAY)
    assert quarters == by_quarter(uow, flt, today=TODAY)
    assert total.production.closed == 1  # 1 Feb is before the period; its quarter has it
