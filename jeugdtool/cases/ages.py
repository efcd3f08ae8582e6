"""How old someone is on a day, and how that is said: whole years from two, months below,
"newborn" in the first month (a baby is never "0 years")."""

from __future__ import annotations

import datetime as dt

from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

#: Below this many months an age is said in months ("18 months"), as in youth care.
MONTHS_UNTIL = 24


def whole_years(born: dt.date, on: dt.date) -> int:
    """Completed years on `on` (a birthday on 29 February counts from 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def whole_months(born: dt.date, on: dt.date) -> int:
    """Completed months on `on` (born on the 31st: the month is complete on the last day)."""
    months = (on.year - born.year) * 12 + on.month - born.month
    if on.day < born.day and not _last_day(on):
        months -= 1
    return months


def _last_day(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).month != day.month


def age_text(born: dt.date | None, on: dt.date) -> str:
    """The age as said ("38 years", "14 months", "newborn"); empty without a birth date or
    before the birth."""
    if born is None or born > on:
        return ""
    months = whole_months(born, on)
    if months < 1:
        return _("newborn")
    if months < MONTHS_UNTIL:
        return ngettext("{n} month", "{n} months", months).format(n=months)
    years = whole_years(born, on)
    return ngettext("{n} year", "{n} years", years).format(n=years)
