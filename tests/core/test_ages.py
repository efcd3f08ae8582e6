"""Ages as people say them: a baby is "newborn" or so many months, never "0 years"."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases.ages import age_text
from jeugdtool.cases.ages import whole_months
from jeugdtool.cases.ages import whole_years
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

DAY = dt.date(2026, 12, 6)


def months(n: int) -> str:
    return ngettext("{n} month", "{n} months", n).format(n=n)


def years(n: int) -> str:
    return ngettext("{n} year", "{n} years", n).format(n=n)


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (DAY, _("newborn")),
        (dt.date(2026, 11, 7), _("newborn")),
        (dt.date(2026, 11, 6), months(1)),
        (dt.date(2026, 8, 6), months(4)),
        (dt.date(2025, 12, 6), months(12)),
        (dt.date(2024, 12, 7), months(23)),
        (dt.date(2024, 12, 6), years(2)),
        (dt.date(1988, 1, 1), years(38)),
    ],
)
def test_age_wording(born: dt.date, expected: str) -> None:
    assert age_text(born, DAY) == expected


def test_no_birth_date_or_a_date_still_to_come_says_nothing() -> None:
    assert age_text(None, DAY) == ""
    assert age_text(DAY + dt.timedelta(days=1), DAY) == ""


def test_month_and_year_edges() -> None:
    # Born on the 31st: the first month is complete at the end of a shorter month.
    assert whole_months(dt.date(2026, 1, 31), dt.date(2026, 2, 28)) == 1
    assert whole_months(dt.date(2026, 1, 31), dt.date(2026, 2, 27)) == 0
    # Born on 29 February: a year older on 1 March in a common year.
    assert whole_years(dt.date(2024, 2, 29), dt.date(2025, 2, 28)) == 0
    assert whole_years(dt.date(2024, 2, 29), dt.date(2025, 3, 1)) == 1
