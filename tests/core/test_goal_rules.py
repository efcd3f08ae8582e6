"""The rules of safety goals tracked to closure: a period as typed, its end, the clock, and what
a judgement may hold."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from jeugdtool import i18n
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import goal_rules
from jeugdtool.framework.goal_rules import check_period
from jeugdtool.framework.goal_rules import parse_period
from jeugdtool.framework.goal_rules import period_end
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.i18n import _

W, M = PeriodUnit.WEEKS, PeriodUnit.MONTHS
DAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("3 maanden", (3, M)),
        ("drie maanden", (3, M)),
        ("1 maand", (1, M)),
        ("een maand", (1, M)),
        ("één maand", (1, M)),
        ("6 weken", (6, W)),
        ("zes weken lang", (6, W)),
        ("1 week", (1, W)),
        ("minimaal 6 weken", (6, W)),
        ("ten minste 3 maanden", (3, M)),
        ("gedurende 8 weken aaneengesloten", (8, W)),
        ("drie maanden achter elkaar", (3, M)),
        ("een periode van drie maanden", (3, M)),
        ("een half jaar", (6, M)),
        ("half jaar", (6, M)),
        ("anderhalf jaar", (18, M)),
        ("anderhalve maand", (6, W)),
        ("1 jaar", (12, M)),
        ("twee jaar", (24, M)),
        ("een kwartaal", (3, M)),
        ("14 dagen", (2, W)),
        ("3 mnd.", (3, M)),
        ("6w", (6, W)),
        ("  12   WEKEN ", (12, W)),
        ("3 months", (3, M)),
        ("three months", (3, M)),
        ("at least three months", (3, M)),
        ("3 months in a row", (3, M)),
        ("for a period of 12 weeks", (12, W)),
        ("six consecutive weeks", (6, W)),
        ("a year", (12, M)),
        ("half a year", (6, M)),
        ("1 year", (12, M)),
        ("twenty-four weeks", (24, W)),
        ("21 days", (3, W)),
    ],
)
def test_a_period_is_read_in_dutch_and_english_digits_and_words(text, period) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "een tijdje",
        "weken",
        "3 tot 6 maanden",
        "3-6 maanden",
        "3 of 4 weken",
        "10 dagen",
        "tot de zomer",
        "3 maanden en 2 weken",
        "0 weken",
        "01-03-2026",
    ],
)
def test_what_is_not_exactly_one_period_is_not_read(text) -> None:
    assert parse_period(text) is None


def test_the_end_of_a_period_in_weeks_is_whole_weeks_later() -> None:
    assert period_end(DAY, 6, W) == dt.date(2026, 4, 21)
    assert period_end(dt.date(2026, 12, 28), 1, "weeks") == dt.date(2027, 1, 4)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(2026, 3, 10), 3, dt.date(2026, 6, 10)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 8, 31), 1, dt.date(2026, 9, 30)),
        (dt.date(2026, 3, 31), 6, dt.date(2026, 9, 30)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 10, 15), 12, dt.date(2027, 10, 15)),
        (dt.date(2026, 2, 28), 1, dt.date(2026, 3, 28)),
    ],
)
def test_a_period_in_months_ends_on_the_same_day_or_the_months_last(start, months, end) -> None:
    assert period_end(start, months, M) == end


def test_period_words_say_the_amount_and_the_unit_in_its_number() -> None:
    i18n.set_language("en")
    try:
        assert goal_rules.period_words(3, M) == "3 months"
        assert goal_rules.period_words(1, M) == "1 month"
        assert goal_rules.period_words(1, W) == "1 week"
        assert goal_rules.period_words(6, "weeks") == "6 weeks"
    finally:
        i18n.set_language("nl")


def test_a_period_is_both_amount_and_unit_or_neither() -> None:
    assert check_period(None, None) == (None, None)
    assert check_period("", "") == (None, None)
    assert check_period(" 3 ", "months") == (3, M)
    with pytest.raises(InvalidInput) as bad:
        check_period(3, None)
    assert bad.value.for_field("sustained_unit")
    with pytest.raises(InvalidInput) as bad:
        check_period(None, "weeks")
    assert bad.value.for_field("sustained_amount")


@pytest.mark.parametrize(
    ("amount", "unit"),
    [
        (0, "weeks"),
        (-1, "months"),
        (105, "weeks"),
        (25, "months"),
        (2.5, "months"),
        (True, "weeks"),
    ],
)
def test_a_period_is_a_whole_number_within_bounds(amount, unit) -> None:
    with pytest.raises(InvalidInput) as bad:
        check_period(amount, unit)
    assert bad.value.for_field("sustained_amount")


def test_an_unknown_unit_is_named() -> None:
    with pytest.raises(InvalidInput) as bad:
        check_period(3, "days")
    assert bad.value.for_field("sustained_unit")


# ---- the clock ----------------------------------------------------------------------------


def _track(judgement, seen_since, amount=3, unit=M):
    latest = (
        None if judgement is None else SimpleNamespace(judgement=judgement, seen_since=seen_since)
    )
    return SimpleNamespace(latest=latest, amount=amount, unit=unit)


def test_a_met_goal_holds_once_its_period_has_passed_since_it_was_seen() -> None:
    track = _track(Judgement.MET, dt.date(2026, 1, 31))
    assert goal_rules.held_until(track.latest, 3, M) == dt.date(2026, 4, 30)
    assert not goal_rules.goal_held(track, dt.date(2026, 4, 29))
    assert goal_rules.goal_held(track, dt.date(2026, 4, 30))
    assert goal_rules.goal_held(track, dt.date(2026, 5, 1))


@pytest.mark.parametrize(
    "track",
    [
        _track(None, None),
        _track(Judgement.PARTLY, dt.date(2025, 1, 1)),
        _track(Judgement.NOT_MET, None),
        _track(Judgement.MET, None),
        _track(Judgement.MET, dt.date(2025, 1, 1), amount=None, unit=None),
    ],
)
def test_the_clock_does_not_run_without_a_met_judgement_a_date_and_a_period(track) -> None:
    assert goal_rules.held_until(track.latest, track.amount, track.unit) is None
    assert not goal_rules.goal_held(track, dt.date(2030, 1, 1))


# ---- a judgement --------------------------------------------------------------------------


def _judge(**fields):
    values = {"judgement": "met", "judged_on": DAY, **fields}
    return goal_rules.check_judgement(values, today=DAY, previous=fields.pop("previous", None))


def test_a_met_goal_without_a_date_is_seen_since_the_judgement() -> None:
    assert _judge()["seen_since"] == DAY


def test_a_met_goal_continues_the_date_of_an_earlier_met_judgement() -> None:
    earlier = SimpleNamespace(judgement="met", seen_since=dt.date(2026, 1, 5))
    clean = goal_rules.check_judgement(
        {"judgement": "met", "judged_on": DAY}, today=DAY, previous=earlier
    )
    assert clean["seen_since"] == dt.date(2026, 1, 5)
    partly = SimpleNamespace(judgement="partly", seen_since=dt.date(2026, 1, 5))
    clean = goal_rules.check_judgement(
        {"judgement": "met", "judged_on": DAY}, today=DAY, previous=partly
    )
    assert clean["seen_since"] == DAY


def test_seen_since_lies_before_the_judgement_and_not_met_has_none() -> None:
    with pytest.raises(InvalidInput) as bad:
        _judge(seen_since=DAY + dt.timedelta(days=1), judged_on=DAY)
    assert bad.value.for_field("seen_since")
    with pytest.raises(InvalidInput) as bad:
        _judge(judgement="not_met", seen_since=DAY)
    assert bad.value.for_field("seen_since") == [
        _("A goal that is not met has no 'seen since' date; leave it empty.")
    ]


def test_every_problem_of_a_judgement_is_named_at_once() -> None:
    with pytest.raises(InvalidInput) as bad:
        goal_rules.check_judgement(
            {"judgement": "", "judged_on": DAY + dt.timedelta(days=2), "judged_by": "x" * 300},
            today=DAY,
            prefix="judgements[0].",
        )
    fields = {p.field for p in bad.value.problems}
    assert fields == {
        "judgements[0].judgement",
        "judgements[0].judged_on",
        "judgements[0].judged_by",
    }
