"""The rules of verwijsindex signals, pure (no session): when a signal expires, what state it is
in on a day, and what a signal and a match may hold.

Seed §5.5: a signal in the verwijsindex risicojongeren runs for a set period (two years by
default, an organisation setting) unless it is extended or withdrawn; the case list reminds the
consultant in time (`REMINDER_DAYS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from functools import partial
from typing import Any

from jeugdtool.cases import validation as v
from jeugdtool.dates import add_months
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import Problems
from jeugdtool.errors import clean_row
from jeugdtool.errors import collect
from jeugdtool.i18n import _

#: A signal expiring within this many days (or expired) is a reminder.
REMINDER_DAYS = 60
MAX_NAME = 200
MAX_NOTES = 5000

ACTIVE = "active"
EXPIRING = "expiring"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"

#: What a new signal and a new match must have.
SIGNAL_REQUIRED = ("person_id", "signalled_on")
MATCH_REQUIRED = ("organisation", "matched_on")


# ---- expiry and state -------------------------------------------------------------------------


def expiry(signalled_on: dt.date, months: int) -> dt.date:
    """The day a signal made (or extended) on `signalled_on` expires: `months` later."""
    return add_months(signalled_on, months)


def state(expires_on: dt.date, withdrawn_on: dt.date | None, today: dt.date) -> str:
    """ "withdrawn"; "expired" from its expiry day on; "expiring" within REMINDER_DAYS before
    it; else "active"."""
    if withdrawn_on is not None:
        return WITHDRAWN
    if expires_on <= today:
        return EXPIRED
    if expires_on <= today + dt.timedelta(days=REMINDER_DAYS):
        return EXPIRING
    return ACTIVE


def needs_reminder(expires_on: dt.date, withdrawn_on: dt.date | None, today: dt.date) -> bool:
    """Whether the signal asks to be extended or withdrawn: expiring soon, or expired."""
    return state(expires_on, withdrawn_on, today) in (EXPIRING, EXPIRED)


# ---- single fields ----------------------------------------------------------------------------


def _person(field: str, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidInput.at(field, _("Choose the child the signal is about."))


def _text(label: str, max_len: int, *, required: bool = False) -> Callable[[str, Any], Any]:
    return lambda f, x: v.text(f, x, label=label, max_len=max_len, required=required)


def _day(label: str, today: dt.date, *, required: bool = False, past: bool = True) -> Any:
    not_after = today if past else None
    return lambda f, x: v.date(f, x, label=label, required=required, not_after=not_after)


def _signal_rules(today: dt.date) -> dict[str, Callable[[str, Any], Any]]:
    return {
        "person_id": _person,
        "signalled_on": _day(_("Signalled on"), today, required=True),
        "signalled_by": _text(_("Signalled by"), MAX_NAME, required=True),
        "coordinator": _text(_("Coordinator"), MAX_NAME),
        "coordination_on": _day(_("Coordination agreed on"), today),
        "expires_on": _day(_("Expires on"), today, past=False),
        "withdrawn_on": _day(_("Withdrawn on"), today),
        "notes": _text(_("Notes"), MAX_NOTES),
    }


def _match_rules(today: dt.date) -> dict[str, Callable[[str, Any], Any]]:
    return {
        "organisation": _text(_("Organisation"), MAX_NAME, required=True),
        "matched_on": _day(_("Match date"), today, required=True),
        "contact": _text(_("Contact person"), MAX_NAME),
    }


def clean_signal(
    fields: Mapping[str, Any], *, new: bool, today: dt.date | None = None
) -> dict[str, Any]:
    """Each field of a signal through its rule, every problem at once. `new`: the child and the
    day signalled must be there (the service fills who signalled and the expiry when not
    given). Dates of what happened may not lie after `today` (default: today); what needs the
    whole signal (the dates' order) is `check_signal`."""
    return clean_row(fields, _signal_rules(today or dt.date.today()), SIGNAL_REQUIRED, new=new)


def clean_match(
    fields: Mapping[str, Any], *, new: bool, today: dt.date | None = None
) -> dict[str, Any]:
    """Each field of a match through its rule, every problem at once. `new`: the organisation
    and the day of the match must be there."""
    return clean_row(fields, _match_rules(today or dt.date.today()), MATCH_REQUIRED, new=new)


# ---- the whole signal -------------------------------------------------------------------------


def _before_signal(label: str, date: str, start: str) -> str:
    message = _("{label} {date} lies before the signal ({start}); check both dates.")
    return message.format(label=label, date=date, start=start)


def _after(problems: Problems, field: str, day: dt.date | None, start: dt.date, label: str) -> None:
    if day is not None:
        problems.check(v.not_before, field, day, start, partial(_before_signal, label))


def check_signal(values: Mapping[str, Any]) -> None:
    """The rules across a signal's fields as it will be saved: it expires after it was made,
    and coordination and withdrawal do not lie before it."""
    start = values.get("signalled_on")
    with collect() as problems:
        if start is None:
            return
        expires = values.get("expires_on")
        if "expires_on" in values and expires is None:
            message = _("Say when the signal expires.")
            problems.add(Problem("expires_on", message))
        if expires is not None and expires <= start:
            message = _("The signal must expire after {start}, the day it was made.")
            problems.add(Problem("expires_on", message.format(start=v.format_date_nl(start))))
        for field, label in (
            ("coordination_on", _("The coordination")),
            ("withdrawn_on", _("The withdrawal")),
        ):
            _after(problems, field, values.get(field), start, label)


def check_match(matched_on: dt.date, signalled_on: dt.date) -> None:
    """A match is reported after the signal was made."""
    with collect() as problems:
        _after(problems, "matched_on", matched_on, signalled_on, _("The match"))
