"""Every date the user reads is written by one function (cases.validation.format_date_nl, and
format_datetime_nl for a moment): dd-mm-jjjj, hh:mm in the computer's time zone."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import format_datetime_nl

SOURCE = Path(__file__).resolve().parents[2] / "jeugdtool"
#: Writing a date as users read it by hand: day before month with strftime, or the parts of
#: a date put together. (The command line writes ISO dates, yyyy-mm-dd, for scripts.)
BY_HAND = re.compile(r"""%d-%m|\.day:02|\{\w+\.day\}-""")
#: Where the formatter itself lives; the PDFs' template filter is moving to it (issue 15).
ALLOWED = {"cases/validation.py"}


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_date_is_day_month_year() -> None:
    assert format_date_nl(dt.date(2026, 3, 4)) == "04-03-2026"
    assert format_date_nl(None) == ""


def test_a_stored_moment_is_shown_in_local_time(amsterdam: None) -> None:
    winter = dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 1, 8, 5, tzinfo=dt.UTC)
    assert format_datetime_nl(winter) == "01-02-2026 00:30"  # the next day in Amsterdam
    assert format_datetime_nl(summer) == "01-07-2026 10:05"
    assert format_datetime_nl(None) == ""


def test_a_local_moment_without_a_zone_stays_as_it_is(amsterdam: None) -> None:
    assert format_datetime_nl(dt.datetime(2026, 12, 3, 17, 40)) == "03-12-2026 17:40"


def _by_hand() -> Iterator[str]:
    for path in sorted(SOURCE.rglob("*.py")):
        where = path.relative_to(SOURCE).as_posix()
        if where in ALLOWED or where.startswith("store/migrations/"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BY_HAND.search(line):
                yield f"{where}:{number}: {line.strip()}"


def test_no_module_formats_a_date_by_hand() -> None:
    assert list(_by_hand()) == []


def test_the_scan_finds_a_date_formatted_by_hand() -> None:
    """The pattern above recognises each way the copies were written."""
    for line in (
        'day.strftime("%d-%m-%Y")',
        'at.astimezone().strftime("%d-%m-%Y %H:%M")',
        'f"{value.day:02d}-{value.month:02d}-{value.year:04d}"',
        'f"{made.day}-{made.month}-{made.year}"',
    ):
        assert BY_HAND.search(line), line
    assert not BY_HAND.search('made.strftime("%H:%M")')
