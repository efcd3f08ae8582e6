"""A safety goal's period in words: one function (statement_text.period_text) for the sentence
of a goal and for the goal's track, in the program's language or the one asked for."""

from __future__ import annotations

import pytest

from jeugdtool import i18n
from jeugdtool.framework.statement_text import period_text
from jeugdtool.framework.vocab import PeriodUnit


@pytest.mark.parametrize(
    ("amount", "unit", "language", "words"),
    [
        (1, "weeks", "nl", "1 week"),
        (6, "weeks", "nl", "6 weken"),
        (1, "months", "nl", "1 maand"),
        (3, PeriodUnit.MONTHS, "nl", "3 maanden"),
        (1, PeriodUnit.WEEKS, "en", "1 week"),
        (6, "weeks", "en", "6 weeks"),
        (1, "months", "en", "1 month"),
        (3, "months", "en", "3 months"),
    ],
)
def test_the_period_says_the_amount_and_the_unit_in_its_number(
    amount: int, unit: str, language: str, words: str
) -> None:
    assert period_text(amount, unit, language) == words


def test_without_a_language_the_programs_is_used() -> None:
    i18n.set_language("en")
    try:
        assert period_text(3, "months") == "3 months"
    finally:
        i18n.set_language("nl")
    assert period_text(3, "months") == "3 maanden"


@pytest.mark.parametrize(("amount", "unit"), [(None, "weeks"), (3, None), (3, "days")])
def test_no_period_or_an_unknown_unit_says_nothing(amount: int | None, unit: str | None) -> None:
    assert period_text(amount, unit) == ""
