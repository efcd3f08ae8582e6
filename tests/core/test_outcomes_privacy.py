"""The privacy officer's audit of the outcomes (issue 16): what the municipality's files give
away beyond the "<5" of small counts, and what the earlier case's team learns of a new start in
a case it may not read. The PostgreSQL tests skip without JEUGDTOOL_TEST_PG_URL.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.export import indicator_files as files
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.casefile import save_case_file
from jeugdtool.outcomes.indicator_queries import indicators
from jeugdtool.outcomes.indicators import INDICATORS
from jeugdtool.outcomes.indicators import HelpKind
from jeugdtool.outcomes.indicators import IndicatorFilter
from jeugdtool.outcomes.indicators import IndicatorResult
from jeugdtool.outcomes.indicators import Mean
from jeugdtool.outcomes.indicators import Period
from jeugdtool.outcomes.indicators import Production
from jeugdtool.outcomes.indicators import Ratio
from jeugdtool.outcomes.indicators import shown_ratio
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import NewStart
from jeugdtool.store.uow import UnitOfWork
from tests.core.test_outcomes_rls import _fill_outcomes
from tests.core.test_team_rls import ACCESS
from tests.core.test_team_rls import World

Q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def _demo(name: str) -> dict:
    return read_case_file(resources.path("demo", name))


def _quarter(numerator: int, denominator: int) -> IndicatorResult:
    ratio = Ratio(numerator, denominator, numerator / denominator)
    means = {q: Mean(0, None) for q in ("heard", "helped", "knows_what_to_do")}
    return IndicatorResult(
        Q1, dict.fromkeys(INDICATORS, ratio), means, Production(9, 9, 9, 1.0, ())
    )


# ---------------------------------------------------------------- derived disclosure


def test_a_numerator_close_to_its_denominator_does_not_give_away_the_few_outside_it():
    """20 of 22 closings without a new start tells the municipality that 2 families came back:
    a count below 5 as surely as a "2" would. The numerator is shown only as ">17"."""
    lines = files.rows([files.TeamQuarters("Team Noord", (_quarter(20, 22),))])
    table = list(csv.reader(io.StringIO(files.csv_text(lines))))
    again = next(row for row in table if row[3] == "no_new_start_6m")
    assert again[5:] == [">17", "22", ""]
    # Far enough from the denominator, both counts and the share are shown as they are.
    assert shown_ratio(Ratio(17, 22, 17 / 22)) == shown_ratio(
        Ratio(17, 22, 17 / 22), suppress=False
    )
    assert shown_ratio(Ratio(17, 22, 17 / 22)).numerator == 17
    # For internal use (no suppression) every number stays.
    assert shown_ratio(Ratio(20, 22, 20 / 22), suppress=False).numerator == 20


def test_the_cost_of_a_kind_of_help_one_family_gets_is_not_shown():
    """Six items of residential care, all for the six children of one family: the count may
    show, the cost is that family's and stays empty until 5 cases share the kind."""
    one_family = HelpKind("generic", "verblijf", "Verblijf", 6, 1_200_000, cases=(7,))
    five = HelpKind("generic", "ambulant", "Ambulant", 6, 60_000, cases=(1, 2, 3, 4, 5))
    production = Production(9, 9, 9, 1.0, (one_family, five))
    result = replace(_quarter(9, 9), production=production)
    shown = {r.code: r for r in files.rows([files.TeamQuarters("Team Noord", (result,))])}
    assert (shown["help:generic:verblijf"].count, shown["help:generic:verblijf"].value) == (6, None)
    assert shown["help:generic:ambulant"].value == 600.0
    unsuppressed = files.rows([files.TeamQuarters("T", (result,))], suppress=False)
    assert {r.value for r in unsuppressed if r.code == "help:generic:verblijf"} == {12_000.0}


def test_the_workbook_explains_the_more_than_sign(tmp_path):
    from openpyxl import load_workbook

    lines = files.rows([files.TeamQuarters("Team Noord", (_quarter(20, 22),))])
    target = files.write_file(lines, tmp_path / "indicatoren.xlsx", "xlsx")
    book = load_workbook(target)
    explained = " ".join(
        str(cell) for row in book.worksheets[-1].iter_rows(values_only=True) for cell in row
    )
    assert ">17" in explained  # the example in the note on suppression


# ---------------------------------------------------------------- the case file for someone


def test_a_case_file_for_a_new_provider_names_no_other_case(uow: UnitOfWork, tmp_path) -> None:
    """The child's new case follows a closing of another household's case (the other parent):
    the provider's file keeps that help started again, and when, not that case's number."""
    earlier = import_case(uow, _demo("06-wisniewski.json")).value
    case = import_case(uow, _demo("03-meijer.json")).value
    with uow:
        previous = uow.session.scalar(
            select(CaseClosing).where(CaseClosing.household_id == earlier.id)
        )
        uow.session.add(
            NewStart(
                household_id=case.id,
                started_on=dt.date(2026, 6, 1),
                kind="new_case",
                previous_closing_id=previous.id,
                confirmed_by="J. Visser",
            )
        )
        uow.commit()
    provider = tmp_path / "voor-aanbieder.json"
    save_case_file(uow, case.id, provider, recipient="Jeugdhulp Noord (nieuwe aanbieder)")
    text = provider.read_text(encoding="utf-8")
    assert earlier.case_number not in text
    [start] = json.loads(text)["new_starts"]
    assert (start["date"], start["kind"], start["previous_case"]) == (
        "2026-06-01",
        "new_case",
        None,
    )
    # An unaddressed copy, to be read in again here, keeps the link.
    kept = tmp_path / "kopie.json"
    save_case_file(uow, case.id, kept)
    assert json.loads(kept.read_text(encoding="utf-8"))["new_starts"][0]["previous_case"] == {
        "case_number": earlier.case_number,
        "closed_on": previous_closed(uow, earlier.id),
    }


def previous_closed(uow: UnitOfWork, case_id: int) -> str:
    with uow:
        query = select(CaseClosing.closed_on).where(CaseClosing.household_id == case_id)
        return uow.session.scalar(query).isoformat()


# ---------------------------------------------------------------- new starts in team mode


@pytest.fixture
def world(team_world: World) -> World:
    _fill_outcomes(team_world)
    return team_world


def _new_start_elsewhere(world: World, mine: int, elsewhere: int) -> tuple[int, int]:
    """An earlier closing in `mine` (mid 2025, nothing after it in that case) and a new case
    for its child in `elsewhere`, three months later: (closing id, new start id)."""
    boss = UnitOfWork(world.owner, "beheer")
    with boss:
        closing = CaseClosing(household_id=mine, closed_on=dt.date(2025, 6, 1))
        boss.session.add(closing)
        boss.commit()
        closing_id = closing.id
    with world.owner_psql() as conn:
        (start,) = conn.execute(
            "INSERT INTO new_starts (household_id, started_on, kind, previous_closing_id, "
            "confirmed_by, version, created_at, created_by, updated_at, updated_by) VALUES "
            "(%s, '2025-09-01', 'new_case', %s, 'Collega Zuid', 1, now(), 'Collega Zuid', "
            "now(), 'Collega Zuid') RETURNING id",
            (elsewhere, closing_id),
        ).fetchone()
    return closing_id, start


@pytest.mark.parametrize("who", ["anna", "bert"])
def test_the_earlier_team_learns_the_day_of_a_new_start_elsewhere_and_nothing_else(
    world: World, who: str
) -> None:
    """Their own indicator needs the day; the new case's id, the child, who confirmed it and
    what kind of start it was belong to the other team's case (psql as the login)."""
    mine, elsewhere = min(world.ids(ACCESS[who])), min(world.forbidden(who))
    closing, start = _new_start_elsewhere(world, mine, elsewhere)
    with world.psql(who) as conn:
        row = "SELECT household_id, person_id, kind, confirmed_by FROM new_starts WHERE id = %s"
        assert conn.execute(row, (start,)).fetchall() == []
        days = conn.execute(
            "SELECT * FROM jt_new_starts_after_mine() WHERE closing_id = %s", (closing,)
        )
        assert days.fetchall() == [(closing, dt.date(2025, 9, 1))]
    # …and the indicator counts it: the one closing of 2025 Q2 in their cases had help again.
    flt = IndicatorFilter(dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    again = indicators(world.uow(who), flt, today=dt.date(2026, 12, 1)).indicators
    assert (again["no_new_start_6m"].numerator, again["no_new_start_6m"].denominator) == (0, 1)


def test_nobody_else_learns_the_day_of_that_new_start(world: World) -> None:
    mine, elsewhere = min(world.ids(ACCESS["anna"])), min(world.forbidden("anna"))
    closing, _start = _new_start_elsewhere(world, mine, elsewhere)
    for other in sorted(ACCESS):
        if mine in world.ids(ACCESS[other]):
            continue
        with world.psql(other) as conn:
            query = "SELECT * FROM jt_new_starts_after_mine() WHERE closing_id = %s"
            assert conn.execute(query, (closing,)).fetchall() == [], other
