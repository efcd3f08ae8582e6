"""The rules of safety goals tracked to closure, pure (no session): a goal's period ("sustained
for": an amount of weeks or months), the day it has held for that period, and what a
judgement at a review may hold.

A goal's clock: at every review the goal is judged met, partly met or not met, with since when
the change it asks for has been seen (`seen_since`). The goal has held once the latest judgement
is "met" and `seen_since` + the period lies on or before today. The statement dialog, the
services, the closing and the PDFs all call these functions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from typing import Protocol

from jeugdtool.cases import validation as v
from jeugdtool.dates import add_months
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.folding import fold
from jeugdtool.framework.statement_text import period_text
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import PeriodUnit
from jeugdtool.i18n import _

#: The longest periods a goal can ask for (two years).
MAX_WEEKS = 104
MAX_MONTHS = 24
MAX_NOTE = 5000
MAX_NAME = 200

#: Numbers written as words, Dutch and English (accents folded away: "één" is "een").
_NUMBER_WORDS = {
    "een": 1,
    "one": 1,
    "a": 1,
    "an": 1,
    "twee": 2,
    "two": 2,
    "drie": 3,
    "three": 3,
    "vier": 4,
    "four": 4,
    "vijf": 5,
    "five": 5,
    "zes": 6,
    "six": 6,
    "zeven": 7,
    "seven": 7,
    "acht": 8,
    "eight": 8,
    "negen": 9,
    "nine": 9,
    "tien": 10,
    "ten": 10,
    "elf": 11,
    "eleven": 11,
    "twaalf": 12,
    "twelve": 12,
    "dertien": 13,
    "thirteen": 13,
    "veertien": 14,
    "fourteen": 14,
    "vijftien": 15,
    "fifteen": 15,
    "zestien": 16,
    "sixteen": 16,
    "zeventien": 17,
    "seventeen": 17,
    "achttien": 18,
    "eighteen": 18,
    "negentien": 19,
    "nineteen": 19,
    "twintig": 20,
    "twenty": 20,
    "vierentwintig": 24,
    "twenty-four": 24,
}
#: Units as typed, to the unit and how many of it one is.
_UNITS: dict[str, tuple[PeriodUnit, int]] = {
    **{w: (PeriodUnit.WEEKS, 1) for w in ("week", "weken", "weeks", "wk", "wkn", "wks", "w")},
    **{
        w: (PeriodUnit.MONTHS, 1)
        for w in ("maand", "maanden", "month", "months", "mnd", "mnden", "mth", "mths", "m")
    },
    **{w: (PeriodUnit.MONTHS, 12) for w in ("jaar", "jaren", "year", "years", "jr", "yr")},
    **{w: (PeriodUnit.MONTHS, 3) for w in ("kwartaal", "kwartalen", "quarter", "quarters")},
    **{w: (PeriodUnit.WEEKS, 0) for w in ("dag", "dagen", "day", "days")},
}
#: Words around a period that say nothing about its length.
_FILLER = frozenset(
    {
        "minimaal",
        "minstens",
        "tenminste",
        "gedurende",
        "lang",
        "achter",
        "elkaar",
        "aaneengesloten",
        "aaneen",
        "op",
        "rij",
        "periode",
        "van",
        "voor",
        "de",
        "duur",
        "zeker",
        "at",
        "least",
        "for",
        "in",
        "row",
        "consecutive",
        "straight",
        "period",
        "of",
        "the",
        "during",
        "over",
    }
)
_ARTICLES = frozenset({"een", "a", "an"})
_TOKEN = re.compile(r"\d+|[a-z]+(?:-[a-z]+)?")


def _tokens(text: str) -> list[str]:
    folded = fold(text).replace("½", " half ").replace("ten minste", "tenminste")
    return _TOKEN.findall(folded)


def parse_period(text: str | None) -> tuple[int, PeriodUnit] | None:
    """A period as people type it, Dutch or English, in digits or words: "3 maanden", "drie
    maanden", "minimaal 6 weken", "een half jaar", "anderhalf jaar", "1 year", "14 dagen",
    "3 mnd". None when it cannot be read as exactly one period (a range "3 tot 6 maanden", a
    vague "een tijdje", days that are no whole weeks)."""
    #: (number, is an article: "een maand" is one month, "een periode van 3 maanden" three)
    numbers: list[tuple[float, bool]] = []
    unit: tuple[PeriodUnit, int] | None = None
    for word in _tokens(text or ""):
        if word in _FILLER:
            continue
        if word.isdigit():
            numbers.append((int(word), False))
        elif word in _ARTICLES:
            numbers.append((1, True))
        elif word in _NUMBER_WORDS:
            numbers.append((_NUMBER_WORDS[word], False))
        elif word in ("half", "halve"):
            if numbers and not numbers[-1][1]:
                return None  # "3 half", "two half"
            if numbers:
                numbers[-1] = (0.5, False)  # "een half jaar"
            else:
                numbers.append((0.5, False))  # "half a year"
        elif word in ("anderhalf", "anderhalve"):
            numbers.append((1.5, False))
        elif word in _UNITS and unit is None:
            unit = _UNITS[word]
        else:
            return None  # an unknown word, a second unit, "tot", "or"
    counted = [n for n, article in numbers if not article]
    if len(counted) > 1:
        return None  # a range or a date
    amount = counted[0] if counted else (1 if numbers else None)
    return _as_period(amount, unit)


def _as_period(
    amount: float | None, unit: tuple[PeriodUnit, int] | None
) -> tuple[int, PeriodUnit] | None:
    if amount is None or unit is None or amount <= 0:
        return None
    kind, factor = unit
    if factor == 0:  # days: only whole weeks
        if amount != int(amount) or int(amount) % 7:
            return None
        return int(amount) // 7, PeriodUnit.WEEKS
    total = amount * factor
    if total == int(total):
        return int(total), kind
    if kind is PeriodUnit.MONTHS and total * 4 == int(total * 4):
        return int(total * 4), PeriodUnit.WEEKS  # "anderhalve maand": 6 weeks
    return None


def check_period(
    amount: Any, unit: Any, *, field: str = "sustained"
) -> tuple[int | None, PeriodUnit | None]:
    """A goal's period, clean: both empty (no period yet), or a whole number of weeks (1–104)
    or months (1–24). Problems are filed under `<field>_amount` and `<field>_unit`."""
    if isinstance(amount, str):
        amount = amount.strip()
        if amount.isdigit():
            amount = int(amount)
        elif not amount:
            amount = None
    if unit == "":
        unit = None
    if amount is None and unit is None:
        return None, None
    with collect() as problems:
        if unit is None:
            problems.add(
                Problem(f"{field}_unit", _("Choose weeks or months for how long it must last."))
            )
            clean_unit = None
        else:
            clean_unit = problems.check(v.choice, f"{field}_unit", unit, PeriodUnit, _("Unit"))
        if amount is None:
            problems.add(Problem(f"{field}_amount", _("Say for how many weeks or months.")))
        elif isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
            problems.add(
                Problem(
                    f"{field}_amount",
                    _(
                        "How long it must last is a whole number, at least 1; '{value}' is not."
                    ).format(value=amount),
                )
            )
        elif clean_unit is not None:
            most = MAX_WEEKS if clean_unit is PeriodUnit.WEEKS else MAX_MONTHS
            if amount > most:
                problems.add(
                    Problem(
                        f"{field}_amount",
                        _("A goal asks for at most {most} {unit}; choose a shorter period.").format(
                            most=most, unit=PeriodUnit(clean_unit).label
                        ),
                    )
                )
    return amount, clean_unit


def period_end(start: dt.date, amount: int, unit: PeriodUnit | str) -> dt.date:
    """The day a change seen since `start` has lasted `amount` weeks or months."""
    if PeriodUnit(unit) is PeriodUnit.WEEKS:
        return start + dt.timedelta(weeks=amount)
    return add_months(start, amount)


def period_words(amount: int, unit: PeriodUnit | str) -> str:
    """ "3 maanden", "1 week" as the user reads a period (the words of the statement
    sentences: `statement_text.period_text`)."""
    return period_text(amount, PeriodUnit(unit))


class _Judged(Protocol):
    @property
    def judgement(self) -> Any: ...
    @property
    def seen_since(self) -> dt.date | None: ...


class _Track(Protocol):
    @property
    def amount(self) -> int | None: ...
    @property
    def unit(self) -> Any: ...
    @property
    def latest(self) -> Any: ...


def held_until(
    latest: _Judged | None, amount: int | None, unit: PeriodUnit | str | None
) -> dt.date | None:
    """The day the goal has held for its period: the latest judgement is "met", it says since
    when, and the goal has a period. None while the clock does not run."""
    if latest is None or Judgement(latest.judgement) is not Judgement.MET:
        return None
    if latest.seen_since is None or amount is None or unit is None:
        return None
    return period_end(latest.seen_since, amount, unit)


def goal_held(track: _Track, today: dt.date) -> bool:
    """The goal has held for its whole period by `today` (its latest judgement is met)."""
    end = held_until(track.latest, track.amount, track.unit)
    return end is not None and end <= today


# ---- a judgement ----------------------------------------------------------------------------


def _note(field: str, value: Any) -> str:
    return v.text(field, value, label=_("Note"), max_len=MAX_NOTE)


def _by(field: str, value: Any) -> str:
    return " ".join(v.text(field, value, label=_("Judged by"), max_len=MAX_NAME).split())


def check_judgement(
    fields: Mapping[str, Any],
    *,
    today: dt.date,
    previous: _Judged | None = None,
    prefix: str = "",
) -> dict[str, Any]:
    """A judgement's `judgement`, `judged_on`, `seen_since`, `note` and `judged_by`, clean,
    every problem at once (fields named `prefix` + name).

    "Seen since" lies on or before the day of the judgement; a goal that is not met has none.
    A met goal without a date takes the date of the `previous` judgement when that was met as
    well (the change went on), else the day of this judgement."""
    clean: dict[str, Any] = {}
    with collect() as problems:
        with problems.catching():
            clean["judgement"] = _judgement(prefix + "judgement", fields.get("judgement"))
        with problems.catching():
            clean["judged_on"] = v.date(
                prefix + "judged_on",
                fields.get("judged_on"),
                label=_("Date of the judgement"),
                required=True,
                not_after=today,
            )
        with problems.catching():
            clean["seen_since"] = v.date(
                prefix + "seen_since", fields.get("seen_since"), label=_("Seen since")
            )
        with problems.catching():
            clean["note"] = _note(prefix + "note", fields.get("note", ""))
        with problems.catching():
            clean["judged_by"] = _by(prefix + "judged_by", fields.get("judged_by", ""))
    judgement, judged_on, seen = clean["judgement"], clean["judged_on"], clean["seen_since"]
    if judgement is Judgement.NOT_MET and seen is not None:
        raise InvalidInput(
            Problem(
                prefix + "seen_since",
                _("A goal that is not met has no 'seen since' date; leave it empty."),
            )
        )
    if seen is not None and seen > judged_on:
        raise InvalidInput(
            Problem(
                prefix + "seen_since",
                _(
                    "'Seen since' ({seen}) lies after the day of the judgement ({day}); the "
                    "change can only have been seen before."
                ).format(seen=v.format_date_nl(seen), day=v.format_date_nl(judged_on)),
            )
        )
    if judgement is Judgement.MET and seen is None:
        carried = (
            previous.seen_since
            if previous is not None and Judgement(previous.judgement) is Judgement.MET
            else None
        )
        clean["seen_since"] = carried if carried is not None and carried <= judged_on else judged_on
    clean["judgement"] = judgement.value
    return clean


def _judgement(field: str, value: Any) -> Judgement:
    if value is None or value == "":
        raise InvalidInput(Problem(field, _("Say whether the goal is met, partly met or not met.")))
    return v.choice(field, value, Judgement, _("Judgement"))  # type: ignore[no-any-return]
