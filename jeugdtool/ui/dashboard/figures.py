"""How the dashboard writes its numbers (shares, counts, means, days, euros) and the pure arithmetic
behind its charts (the default period, the trend line); Qt-free, so each is tested plainly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language
from jeugdtool.outcomes.help_rules import format_cents
from jeugdtool.outcomes.indicators import Period
from jeugdtool.outcomes.indicators import shown_count


def last_full_quarters(today: dt.date, count: int = 4) -> tuple[dt.date, dt.date]:
    """The first and last day of the `count` whole quarters before the one `today` is in."""
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = quarter_start - dt.timedelta(days=1)
    months = quarter_start.year * 12 + quarter_start.month - 1 - 3 * count
    return dt.date(months // 12, months % 12 + 1, 1), end


def period_text(period: Period) -> str:
    """A period as the user reads it: "01-10-2025 – 30-09-2026"."""
    return f"{format_date_nl(period.start)} – {format_date_nl(period.end)}"


def _dutch(text: str) -> str:
    """Swap the English thousands and decimal marks (1,234.5 -> 1.234,5)."""
    if current_language() != "nl":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_count(count: int, suppress: bool = False) -> str:
    """A count, or "<5" where the suppression rule of the municipality's files hides it."""
    shown = shown_count(count, suppress=suppress)
    return shown if isinstance(shown, str) else _dutch(f"{shown:,}")


def format_share(share: float | None) -> str:
    """A share as a whole percentage ("67%"), or a dash when there is none."""
    return "–" if share is None else f"{round(share * 100)}%"


def format_mean(mean: float | None) -> str:
    """A mean with one decimal in the language's way ("3,8"), or a dash."""
    return "–" if mean is None else _dutch(f"{mean:.1f}")


def format_days(days: float | None) -> str:
    if days is None:
        return "–"
    return _("{days} days").format(days=_dutch(f"{round(days):,}"))


def format_euros(cents: int | None) -> str:
    """Whole euros ("€ 12.500"), or a dash for no cost."""
    return "–" if cents is None else format_cents(cents, whole=True)


def trend(values: Sequence[float | None]) -> tuple[int, float, int, float] | None:
    """The least-squares line through the values that exist (x = their index), from the first
    index with a value to the last — never drawn over quarters with nothing to count: (first
    index, its value on the line, last index, its value), or None with fewer than two values."""
    points = [(x, y) for x, y in enumerate(values) if y is not None]
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _y in points) / n
    mean_y = sum(y for _x, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    first, last = points[0][0], points[-1][0]
    return first, mean_y + slope * (first - mean_x), last, mean_y + slope * (last - mean_x)


def trend_word(values: Sequence[float | None]) -> str:
    """ "rising", "falling" or "level" (within one percentage point over the period)."""
    line = trend(values)
    if line is None:
        return ""
    change = line[3] - line[1]
    if abs(change) < 0.01:
        return _("level")
    return _("rising") if change > 0 else _("falling")
