"""Retention dates (Jeugdwet art. 7.3.8 as data) and the closed cases whose date is near."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from jeugdtool import resources
from jeugdtool.cases import households
from jeugdtool.cases import retention
from jeugdtool.cases.retention import RetentionRule
from jeugdtool.cases.retention import RetentionRuleError
from jeugdtool.cases.retention import Transition
from jeugdtool.cases.retention import add_years
from jeugdtool.cases.retention import check_rule
from jeugdtool.cases.retention import load_rule
from jeugdtool.cases.retention import retention_date
from jeugdtool.cases.retention import select_due
from jeugdtool.i18n import _
from tests.bounds import HANG_S

D = dt.date


@pytest.fixture
def jeugdwet() -> RetentionRule:
    return load_rule("jeugdwet")


def test_the_shipped_jeugdwet_rule_is_twenty_years_with_the_transition_before_2020(
    jeugdwet: RetentionRule,
) -> None:
    assert (jeugdwet.name, jeugdwet.source, jeugdwet.years) == (
        "Jeugdwet",
        "Jeugdwet art. 7.3.8",
        20,
    )
    assert [(t.ended_before, t.years) for t in jeugdwet.transitions] == [(D(2020, 1, 1), 15)]


@pytest.mark.parametrize(
    ("closed_on", "kept_until"),
    [
        (D(2024, 6, 30), D(2044, 6, 30)),
        (D(2020, 1, 1), D(2040, 1, 1)),  # the first day of the 20-year term
        (D(2019, 12, 31), D(2034, 12, 31)),  # help that ended before 2020: 15 years
        (D(2012, 3, 1), D(2027, 3, 1)),
    ],
)
def test_retention_date_is_the_closing_date_plus_the_term(
    jeugdwet: RetentionRule, closed_on: dt.date, kept_until: dt.date
) -> None:
    assert retention_date(closed_on, jeugdwet) == kept_until


def test_an_open_case_has_no_retention_date_yet(jeugdwet: RetentionRule) -> None:
    assert retention_date(None, jeugdwet) is None


def test_29_february_becomes_28_february_in_a_year_without_one(jeugdwet: RetentionRule) -> None:
    assert retention_date(D(2024, 2, 29), jeugdwet) == D(2044, 2, 29)  # 2044 is a leap year
    assert retention_date(D(2016, 2, 29), jeugdwet) == D(2031, 2, 28)  # 15 years: 2031 is not
    assert add_years(D(2028, 2, 29), 1) == D(2029, 2, 28)


def test_the_earliest_matching_transition_wins() -> None:
    rule = RetentionRule(
        "test",
        "Test",
        "Wet X",
        20,
        (Transition(D(2000, 1, 1), 5, "Wet X oud"), Transition(D(2020, 1, 1), 15)),
    )
    assert rule.term_for(D(1999, 5, 1)) == (5, "Wet X oud")
    assert rule.term_for(D(2010, 5, 1)) == (15, "Wet X")
    assert rule.term_for(D(2021, 5, 1)) == (20, "Wet X")


def test_the_note_names_the_rule_its_source_and_the_term(jeugdwet: RetentionRule) -> None:
    note = retention.rule_note(jeugdwet, D(2024, 1, 5))
    # The source names the regime already ("Jeugdwet art. 7.3.8"): said once, not twice.
    assert note == _("Kept {years} years after the end of help ({source}).").format(
        years=20, source="Jeugdwet art. 7.3.8"
    )
    assert "15" in retention.rule_note(jeugdwet, D(2018, 1, 5))
    summary = retention.rule_summary(jeugdwet)
    assert summary.startswith(retention.rule_note(jeugdwet))
    assert summary.endswith(
        _("Help that ended before {date}: {years} years.").format(date="01-01-2020", years=15)
    )


def _document(**changes: object) -> dict:
    document = resources.load_json("retention", "jeugdwet.json")
    document.update(changes)
    return document


def test_another_regime_is_only_data() -> None:
    wmo = check_rule(
        _document(regime="wmo", name="Wmo 2015", source="Wmo 2015 art. 5.2", transitions=[]),
        "wmo.json",
    )
    assert retention_date(D(2019, 3, 1), wmo) == D(2039, 3, 1)
    assert wmo.source == "Wmo 2015 art. 5.2"


@pytest.mark.parametrize(
    ("changes", "place"),
    [
        ({"years_after_end": "twintig"}, "years_after_end"),
        ({"years_after_end": 0}, "years_after_end"),
        ({"source": ""}, "source"),
        ({"transitions": [{"ended_before": "2020-13-01", "years_after_end": 15}]}, "transitions"),
        ({"transitions": [{"years_after_end": 15}]}, "transitions.0"),
        ({"version": 2}, "version"),
    ],
)
def test_a_damaged_rule_is_refused_naming_the_place(changes: dict, place: str) -> None:
    with pytest.raises(RetentionRuleError) as caught:
        check_rule(_document(**changes), "jeugdwet.json")
    assert "jeugdwet.json" in str(caught.value)
    assert f"\n{place}" in str(caught.value)


def test_a_missing_rule_file_says_it_cannot_be_read() -> None:
    with pytest.raises(RetentionRuleError, match="bestaatniet"):
        load_rule("bestaatniet")


def test_a_rule_whose_regime_is_not_its_file_name_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "retention").mkdir()
    (tmp_path / "schemas").symlink_to(resources.path("schemas"))
    (tmp_path / "retention" / "wmo.json").write_text(json.dumps(_document()), encoding="utf-8")
    monkeypatch.setattr(resources, "root", lambda: tmp_path)
    load_rule.cache_clear()
    try:
        with pytest.raises(RetentionRuleError, match="wmo"):
            load_rule("wmo")
    finally:
        load_rule.cache_clear()


# ---- the cases due ---------------------------------------------------------------------------


def _close(uow, number: str, closed_on: dt.date) -> int:
    case = households.create_case(
        uow, name=f"Gezin {number}", case_number=number, opened_on=D(2000, 1, 1)
    ).value
    households.close_case(uow, case.id, "Hulp afgerond", closed_on)
    return case.id


def test_due_lists_passed_and_near_retention_dates_earliest_first(uow, jeugdwet) -> None:
    today = D(2035, 6, 1)
    _close(uow, "2019-0001", D(2019, 12, 31))  # kept until 2034-12-31: passed
    _close(uow, "2015-0001", D(2015, 7, 1))  # kept until 2030-07-01: passed long ago
    _close(uow, "2020-0001", D(2020, 1, 1))  # kept until 2040-01-01: not due
    soon = _close(uow, "2019-0002", D(2019, 12, 1))  # 2034-12-01: passed
    households.create_case(uow, name="Gezin open", case_number="2024-0001")
    due = retention.due_cases(uow, jeugdwet, today)
    assert [c.case_number for c in due] == ["2015-0001", "2019-0002", "2019-0001"]
    assert due[1].case_id == soon
    assert (due[2].closed_on, due[2].retention_date) == (D(2019, 12, 31), D(2034, 12, 31))
    assert due[2].days_left == (D(2034, 12, 31) - today).days < 0


def test_due_within_a_period_includes_the_last_day_and_not_the_next(uow, jeugdwet) -> None:
    _close(uow, "2019-0001", D(2019, 6, 1))  # kept until 2034-06-01
    _close(uow, "2019-0002", D(2019, 6, 2))  # kept until 2034-06-02
    today = D(2034, 5, 2)
    assert retention.due_cases(uow, jeugdwet, today) == []
    due = retention.due_cases(uow, jeugdwet, today, within_days=30)
    assert [(c.case_number, c.days_left) for c in due] == [("2019-0001", 30)]
    assert [c.case_number for c in retention.due_cases(uow, jeugdwet, D(2034, 6, 1))] == [
        "2019-0001"
    ]


def test_an_archived_case_is_due_too_and_a_reopened_one_is_not(uow, jeugdwet) -> None:
    archived = _close(uow, "2010-0001", D(2010, 1, 1))
    households.archive_case(uow, archived)
    reopened = _close(uow, "2010-0002", D(2010, 1, 1))
    households.reopen_case(uow, reopened)
    due = retention.due_cases(uow, jeugdwet, D(2026, 1, 1))
    assert [c.case_number for c in due] == ["2010-0001"]


def test_selecting_the_due_cases_of_10000_closed_cases_is_fast(jeugdwet) -> None:
    rows = [
        (i, f"{2000 + i % 25}-{i:04d}", f"Gezin {i}", D(2000 + i % 25, 1 + i % 12, 1 + i % 28))
        for i in range(10_000)
    ]
    started = time.perf_counter()
    due = select_due(rows, jeugdwet, D(2030, 1, 1), within_days=365)
    assert time.perf_counter() - started < HANG_S
    assert due and all(c.retention_date <= D(2031, 1, 1) for c in due)
    assert len(due) == sum(1 for r in rows if retention_date(r[3], jeugdwet) <= D(2031, 1, 1))


# ---- the command line ------------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from jeugdtool.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def due_db(uow, db_path: Path) -> Path:
    """A database with a case past its date, one due in 10 days, one in 200, and an open one
    (closed before 2020: kept 15 years)."""
    today = D.today()
    _close(uow, "2001-0001", add_years(today, -16))
    _close(uow, "2005-0001", add_years(today, -15) + dt.timedelta(days=10))
    _close(uow, "2005-0002", add_years(today, -15) + dt.timedelta(days=200))
    households.create_case(uow, name="Gezin open", case_number="2026-0001")
    return db_path


def test_retention_lists_the_cases_due_tab_separated(
    due_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _cli(capsys, "--db", str(due_db), "retention", "--within", "30")
    assert (code, err) == (0, "")
    lines = [line.split("\t") for line in out.splitlines()]
    assert [line[0] for line in lines] == ["2001-0001", "2005-0001"], out
    _number, name, closed_on, until, days_left, request_deadline, request_left = lines[1]
    assert (request_deadline, request_left) == ("", "")  # no destruction request
    assert (name, days_left) == ("Gezin 2005-0001", "10")
    assert until == add_years(D.fromisoformat(closed_on), 15).isoformat()
    assert int(lines[0][4]) < 0  # passed: negative days left


def test_retention_without_within_looks_90_days_ahead_and_csv_has_a_header(
    due_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _cli(capsys, "--db", str(due_db), "retention", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ",".join(
        _(h)
        for h in (
            "case number",
            "name",
            "closed on",
            "retention date",
            "days left",
            "destruction request deadline",
            "days left for the request",
        )
    )
    assert [line.split(",")[0] for line in lines[1:]] == ["2001-0001", "2005-0001"]
    code, out, _err = _cli(capsys, "--db", str(due_db), "retention", "--within", "365")
    assert len(out.splitlines()) == 3


def test_retention_refuses_a_period_that_is_not_a_number_of_days(
    due_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _cli(capsys, "--db", str(due_db), "retention", "--within", "-5")
    assert code == 2 and out == ""
    assert "-5" in err


def test_a_source_that_does_not_name_the_regime_gets_both() -> None:
    rule = RetentionRule("wmo", "Wmo", "Wet maatschappelijke ondersteuning 2015, art. 5.2.1", 15)
    assert retention.rule_note(rule, D(2024, 1, 5)) == _(
        "Kept {years} years after the end of help ({regime}; {source})."
    ).format(years=15, regime="Wmo", source="Wet maatschappelijke ondersteuning 2015, art. 5.2.1")
