"""The indicators' files for the municipality (export/indicator_files.py) and the `indicators`
command: per team and quarter, no names or case numbers, small numbers hidden, the XLSX holding
the same numbers as the JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from jeugdtool.cases import households
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Team
from jeugdtool.cli import main
from jeugdtool.export import indicator_files as files
from jeugdtool.i18n import _
from jeugdtool.outcomes.indicators import INDICATORS
from jeugdtool.outcomes.indicators import HelpKind
from jeugdtool.outcomes.indicators import IndicatorFilter
from jeugdtool.outcomes.indicators import IndicatorResult
from jeugdtool.outcomes.indicators import Mean
from jeugdtool.outcomes.indicators import Period
from jeugdtool.outcomes.indicators import Production
from jeugdtool.outcomes.indicators import Ratio
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.store.uow import UnitOfWork

D = dt.date
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))


def _result(numerator: int, denominator: int, heard: int = 0) -> IndicatorResult:
    ratio = Ratio(numerator, denominator, numerator / denominator if denominator else None)
    return IndicatorResult(
        Q1,
        dict.fromkeys(INDICATORS, ratio),
        {
            "heard": Mean(heard, 4.0 if heard else None),
            "helped": Mean(0, None),
            "knows_what_to_do": Mean(0, None),
        },
        Production(7, 3, denominator, 120.0 if denominator else None, ()),
    )


# ---- rows and suppression -------------------------------------------------------------------


def test_rows_hide_small_numbers_and_what_derives_from_them():
    lines = files.rows([files.TeamQuarters("Team Noord", (_result(3, 12, heard=4),))])
    by_code = {(r.section, r.code): r for r in lines}
    shown = by_code[("indicators", "dropout")]
    assert (shown.team, shown.count, shown.denominator, shown.value) == (
        "Team Noord",
        "<5",
        12,
        None,
    )
    heard = by_code[("client_experience", "heard")]
    assert (heard.count, heard.value) == ("<5", None)
    assert by_code[("production", "open")].count == 7
    assert by_code[("production", "new")].count == "<5"
    assert by_code[("production", "mean_duration_days")].value == 120.0


_counts = st.integers(0, 60)


@st.composite
def _results(draw) -> IndicatorResult:
    ratios = {}
    for name in INDICATORS:
        den = draw(_counts)
        num = draw(st.integers(0, den))
        ratios[name] = Ratio(num, den, num / den if den else None)
    means = {q: Mean(draw(_counts), 3.5) for q in ("heard", "helped", "knows_what_to_do")}
    kinds = tuple(
        HelpKind("generic", f"c{i}", f"Soort {i}", draw(_counts), draw(st.none() | _counts))
        for i in range(draw(st.integers(0, 3)))
    )
    closed = draw(_counts)
    production = Production(draw(_counts), draw(_counts), closed, 40.0, kinds)
    return IndicatorResult(Q1, ratios, means, production)


@given(st.lists(_results(), max_size=3))
def test_no_line_of_the_file_shows_a_count_below_five_or_a_value_from_one(results):
    groups = [files.TeamQuarters(f"Team {i}", (r,)) for i, r in enumerate(results)]
    for row in files.rows(groups):
        shown = [c for c in (row.count, row.denominator) if c is not None]
        for count in shown:
            assert count == "<5" or str(count)[0] == ">" or count >= 5
        if "<5" in shown or str(row.count)[0] == ">":
            assert row.value is None


def test_without_suppression_every_number_is_shown():
    lines = files.rows([files.TeamQuarters("T", (_result(3, 12, heard=4),))], suppress=False)
    shown = next(r for r in lines if r.code == "dropout")
    assert (shown.count, shown.denominator, shown.value) == (3, 12, 0.25)


def test_the_csv_has_a_header_and_a_line_per_figure():
    lines = files.rows([files.TeamQuarters("Team Noord", (_result(6, 12),))])
    table = list(csv.reader(io.StringIO(files.csv_text(lines))))
    assert table[0][:3] == [_("section"), _("team"), _("quarter")]
    dropout = next(row for row in table if row[3] == "dropout")
    assert dropout[:3] == ["indicators", "Team Noord", Q1.label]
    assert dropout[5:] == ["6", "12", "0.5"]
    assert len(table) == 1 + len(INDICATORS) + 3 + 4


# ---- from a database --------------------------------------------------------------------------


def _team(uow: UnitOfWork, name: str) -> int:
    with uow:
        team = Team(name=name)
        uow.session.add(team)
        uow.session.flush()
        team_id = team.id
        uow.commit()
    return team_id


def _closed_case(uow: UnitOfWork, number: str, team_id: int, **fields) -> None:
    case_id = households.create_case(
        uow, name=f"Gezin {number}", case_number=number, opened_on=D(2025, 11, 1), team_id=team_id
    ).value.id
    with uow:
        household = uow.session.get(Household, case_id)
        household.status, household.closed_on = "closed", D(2026, 2, 1)
        closing = CaseClosing(household_id=case_id, closed_on=D(2026, 2, 1), **fields)
        uow.session.add(closing)
        uow.session.flush()
        uow.session.add(
            ClientExperience(household_id=case_id, closing_id=closing.id, respondent="M", heard=4)
        )
        uow.commit()


@pytest.fixture
def two_teams(uow: UnitOfWork, db_path: Path) -> Path:
    """Team Noord: six cases closed in Q1 2026 (four without further help, one dropout);
    Team Zuid: two."""
    north, south = _team(uow, "Team Noord"), _team(uow, "Team Zuid")
    for i in range(6):
        _closed_case(
            uow,
            f"2026-{i + 1:04d}",
            north,
            further_help="none" if i < 4 else "other",
            ended_as="early" if i == 0 else "planned",
        )
    for i in range(2):
        _closed_case(uow, f"2026-{i + 11:04d}", south, further_help="none")
    return db_path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _q1(db: Path, *more: str) -> list[str]:
    return ["--db", str(db), "indicators", "--from", "2026-01-01", "--to", "2026-03-31", *more]


def test_team_quarters_gives_each_team_its_own_numbers(uow, two_teams):
    groups = files.team_quarters(uow, IndicatorFilter(Q1.start, Q1.end), today=D(2028, 1, 1))
    assert [g.team for g in groups] == ["Team Noord", "Team Zuid"]
    assert [g.results[0].production.closed for g in groups] == [6, 2]


def test_the_command_writes_json_without_case_ids(capsys, two_teams):
    code, out, _err = _run(capsys, *_q1(two_teams, "--team", "team noord", "--format", "json"))
    assert code == 0
    data = json.loads(out)
    assert set(data["indicators"]) == set(INDICATORS)
    assert data["indicators"]["without_further_help"] == {
        "numerator": 4,
        "denominator": 6,
        "share": pytest.approx(4 / 6),
    }
    assert data["indicators"]["dropout"]["numerator"] == 1
    assert data["client_experience"]["heard"] == {"n": 6, "mean": 4.0}
    assert data["production"]["closed"] == 6
    assert "2026-0001" not in out and "Gezin" not in out and "cases" not in out


def test_the_xlsx_holds_the_same_numbers_as_the_json(capsys, two_teams, tmp_path):
    _code, out, _err = _run(capsys, *_q1(two_teams, "--team", "Team Noord", "--format", "json"))
    data = json.loads(out)
    target = tmp_path / "indicatoren.xlsx"
    code, out, _err = _run(
        capsys,
        *_q1(two_teams, "--team", "Team Noord", "--format", "xlsx", "--out", str(target)),
        "--no-suppression",
    )
    assert code == 0 and str(target) in out
    book = load_workbook(target)
    sheet = book[_("Indicators")]
    rows = {r[2]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    for name, expected in data["indicators"].items():
        team, quarter, _code, _label, numerator, denominator, share = rows[name]
        assert (team, quarter) == ("Team Noord", "2026 Q1")
        assert (numerator, denominator) == (expected["numerator"], expected["denominator"])
        if expected["share"] is None:
            assert share is None
        else:
            assert share == pytest.approx(expected["share"], abs=1e-4)
    experience = {
        r[2]: r for r in book[_("Client experience")].iter_rows(min_row=2, values_only=True)
    }
    assert experience["heard"][4] == data["client_experience"]["heard"]["n"]
    assert experience["heard"][6] == data["client_experience"]["heard"]["mean"]
    production = {r[2]: r for r in book[_("Production")].iter_rows(min_row=2, values_only=True)}
    for figure in ("open", "new", "closed"):
        assert production[figure][4] == data["production"][figure]


def test_the_municipalitys_csv_shows_no_count_below_five(capsys, two_teams, tmp_path):
    target = tmp_path / "indicatoren.csv"
    code, _out, _err = _run(capsys, *_q1(two_teams, "--format", "csv", "--out", str(target)))
    assert code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 as Excel reads it
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert table[0][0] == _("section")
    assert {row[1] for row in table[1:]} == {"Team Noord", "Team Zuid"}
    for row in table[1:]:
        for cell in row[5:7]:
            assert cell in ("", "<5") or cell[0] == ">" or int(cell) >= 5
    south = next(r for r in table if r[1] == "Team Zuid" and r[3] == "without_further_help")
    assert south[5:] == ["<5", "<5", ""]
    north = next(r for r in table if r[1] == "Team Noord" and r[3] == "closed")
    assert north[5] == "6"
    assert "Gezin" not in target.read_text(encoding="utf-8-sig")


def test_the_suppressed_xlsx_shows_no_count_below_five(capsys, two_teams, tmp_path):
    target = tmp_path / "indicatoren.xlsx"
    assert _run(capsys, *_q1(two_teams, "--format", "xlsx", "--out", str(target)))[0] == 0
    book = load_workbook(target)
    for title in (_("Indicators"), _("Client experience"), _("Production")):
        for row in book[title].iter_rows(min_row=2, values_only=True):
            for cell in row[4:6]:
                assert cell in (None, "<5") or str(cell)[0] == ">" or cell >= 5


@pytest.mark.parametrize(
    ("more", "message"),
    [
        (["--team", "Team West", "--format", "json"], "There is no team named Team West."),
        (["--consultant", "Nobody", "--format", "json"], "There is no consultant named Nobody."),
        (["--format", "xlsx"], "An XLSX file cannot go to the terminal"),
    ],
)
def test_a_wrong_option_says_what_to_do(capsys, two_teams, more, message):
    code, _out, err = _run(capsys, *_q1(two_teams, *more))
    assert code == 1 and message in err


def test_from_after_to_is_refused(capsys, two_teams):
    argv = ["--db", str(two_teams), "indicators", "--from", "2026-04-01", "--to", "2026-03-31"]
    code, _out, err = _run(capsys, *argv, "--format", "json")
    assert code == 1 and "swap them" in err


def test_the_command_has_help(capsys):
    code, out, _err = _run(capsys, "indicators", "--help")
    assert code == 0
    assert "jeugdtool indicators" in out and "--no-suppression" in out and "--mode" in out
