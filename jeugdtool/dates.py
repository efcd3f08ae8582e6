"""Calendar arithmetic the rules share (no Qt, no database)."""

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved `months` calendar months on; a day the target month lacks becomes its last
    day (31 January + 1 month = 28 or 29 February), so a term is never longer than it says."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
