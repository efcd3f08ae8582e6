"""Rules for what users type: each returns the clean value or raises InvalidInput naming the field.

Pure functions, no database: the UI calls them while typing, the services call them again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.i18n import _

CASE_NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]{0,31}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_NL_DATE_RE = re.compile(r"^\s*(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{4})\s*$")
_NL_DATE_COMPACT_RE = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
EARLIEST = dt.date(1900, 1, 1)


def format_date_nl(day: dt.date | None) -> str:
    """dd-mm-jjjj, as Dutch users read and write dates: every date the user reads (screens,
    PDFs, messages) is written by this function."""
    return day.strftime("%d-%m-%Y") if day else ""


def format_time_nl(time: dt.time | dt.datetime | None) -> str:
    """hh:mm (24 hours), as a time of day is written next to a date: every time the user reads
    is written by this function (a moment: as it is given; `format_datetime_nl` makes it local)."""
    return time.strftime("%H:%M") if time is not None else ""


def format_datetime_nl(moment: dt.datetime | None) -> str:
    """dd-mm-jjjj hh:mm in the computer's time zone (a stored moment is UTC; a naive one is
    taken as local time already)."""
    if moment is None:
        return ""
    local = moment.astimezone()
    return f"{format_date_nl(local)} {format_time_nl(local)}"


def parse_date_nl(text: str | None, field: str = "date") -> dt.date | None:
    """A date typed as dd-mm-jjjj (also d-m-jjjj, dd/mm/jjjj, ddmmjjjj or jjjj-mm-dd)."""
    if text is None or not text.strip():
        return None
    match = _NL_DATE_RE.match(text) or _NL_DATE_COMPACT_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    elif iso := _ISO_DATE_RE.match(text):
        year, month, day = (int(g) for g in iso.groups())
    else:
        raise InvalidInput(
            Problem(
                field,
                _("'{text}' is not a date. Type it as dd-mm-jjjj, for example 14-05-2016.").format(
                    text=text.strip()
                ),
            )
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(
            Problem(
                field,
                _("'{text}' does not exist as a date. Check the day and month.").format(
                    text=text.strip()
                ),
            )
        ) from None


def text(field: str, value: Any, *, label: str, max_len: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(Problem(field, _("{label} must be text.").format(label=label)))
    # NUL (pasted from some programs) is invisible, and PostgreSQL refuses it in any text.
    value = value.replace("\x00", "").strip()
    if required and not value:
        raise InvalidInput(Problem(field, _("{label} is required.").format(label=label)))
    if len(value) > max_len:
        raise InvalidInput(
            Problem(
                field,
                _("{label} is too long: at most {max} characters, now {n}.").format(
                    label=label, max=max_len, n=len(value)
                ),
            )
        )
    return value


#: The fewest characters a reason that is kept (emergency access, destruction) may have: "x",
#: "zie" or "weg" is no reason.
MIN_REASON_LENGTH = 10


def reason(value: Any, advice: str) -> str:
    """A reason that will be kept and read by others, with its spaces tidied; InvalidInput
    (field "reason") with `advice` (formatted with {n}, the minimum) when it is too short."""
    cleaned = " ".join(str(value or "").replace("\x00", "").split())
    if len(cleaned) < MIN_REASON_LENGTH:
        raise InvalidInput(Problem("reason", advice.format(n=MIN_REASON_LENGTH)))
    return cleaned


def optional_text(field: str, value: Any, *, label: str, max_len: int) -> str | None:
    return text(field, value, label=label, max_len=max_len) or None


def phone(field: str, value: Any) -> str | None:
    value = optional_text(field, value, label=_("Phone number"), max_len=40)
    if value is None:
        return None
    digits = _PHONE_SEPARATORS.sub("", value)
    ok = (
        re.fullmatch(r"0\d{9}", digits)
        or re.fullmatch(r"0[89]0[09]\d{4,7}", digits)
        or re.fullmatch(r"(\+|00)[1-9]\d{7,14}", digits)
        or re.fullmatch(r"14\d{3,4}", digits)  # municipal short numbers (14 0598)
    )
    if not ok:
        raise InvalidInput(
            Problem(
                field,
                _(
                    "Phone number '{value}' is not valid. Use 10 digits such as 06-12345678 or "
                    "050-1234567, or an international number starting with +."
                ).format(value=value),
            )
        )
    return value


def email(field: str, value: Any) -> str | None:
    value = optional_text(field, value, label=_("E-mail address"), max_len=254)
    if value is None:
        return None
    if not EMAIL_RE.match(value):
        raise InvalidInput(
            Problem(
                field,
                _("E-mail address '{value}' is not valid. It looks like name@example.nl.").format(
                    value=value
                ),
            )
        )
    return value


def case_number(field: str, value: Any) -> str:
    value = text(field, value, label=_("Case number"), max_len=32, required=True)
    if not CASE_NUMBER_RE.match(value):
        raise InvalidInput(
            Problem(
                field,
                _(
                    "Case number '{value}' may only contain letters, digits, '-', '/' and '.', "
                    "for example 2026-0012."
                ).format(value=value),
            )
        )
    return value


def choice(field: str, value: Any, enum_type: type, label: str) -> Any:
    try:
        return enum_type(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum_type)
        raise InvalidInput(
            Problem(
                field,
                _("{label} '{value}' is unknown; choose one of: {allowed}.").format(
                    label=label, value=value, allowed=allowed
                ),
            )
        ) from None


def date(
    field: str, value: Any, *, label: str, required: bool = False, not_after: dt.date | None = None
) -> dt.date | None:
    if isinstance(value, str):
        value = parse_date_nl(value, field)
    if value is None:
        if required:
            raise InvalidInput(Problem(field, _("{label} is required.").format(label=label)))
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInput(Problem(field, _("{label} must be a date.").format(label=label)))
    if value < EARLIEST:
        raise InvalidInput(
            Problem(
                field,
                _("{label} {date} is too long ago.").format(
                    label=label, date=format_date_nl(value)
                ),
            )
        )
    if not_after is not None and value > not_after:
        raise InvalidInput(
            Problem(
                field,
                _("{label} {date} lies in the future; choose today or an earlier date.").format(
                    label=label, date=format_date_nl(value)
                ),
            )
        )
    return value


Rule = Callable[[str, Any], Any]


def _rules_household() -> dict[str, Rule]:
    return {
        "case_number": case_number,
        "name": lambda f, v: text(f, v, label=_("Household name"), max_len=200, required=True),
        "mode": lambda f, v: choice(f, v, CaseMode, _("Way of working")),
        "status": lambda f, v: choice(f, v, CaseStatus, _("Status")),
        "opened_on": lambda f, v: date(f, v, label=_("Opening date"), required=True),
        "closed_on": lambda f, v: date(f, v, label=_("Closing date")),
        "close_reason": lambda f, v: optional_text(f, v, label=_("Closing reason"), max_len=2000),
        "case_manager_id": lambda f, v: None if v is None else int(v),
    }


def _rules_person(today: dt.date) -> dict[str, Rule]:
    return {
        "first_name": lambda f, v: text(f, v, label=_("First name"), max_len=100, required=True),
        "last_name": lambda f, v: text(f, v, label=_("Last name"), max_len=100),
        "role": lambda f, v: choice(f, v, PersonRole, _("Role")),
        "birth_date": lambda f, v: date(f, v, label=_("Birth date"), not_after=today),
        "notes": lambda f, v: text(f, v, label=_("Notes"), max_len=10000),
        # Who may be one (a child; a member of the case's network): cases/contact_rules.py.
        "trusted_person_id": lambda f, v: None if v is None else int(v),
    }


def _rules_network() -> dict[str, Rule]:
    return {
        "name": lambda f, v: text(f, v, label=_("Name"), max_len=200, required=True),
        "relation": lambda f, v: text(f, v, label=_("Relation"), max_len=100),
        "kind": lambda f, v: choice(f, v, NetworkKind, _("Kind")),
        "organisation": lambda f, v: optional_text(f, v, label=_("Organisation"), max_len=200),
        "phone": phone,
        "email": email,
        "safety_network": lambda f, v: bool(v),
        "notes": lambda f, v: text(f, v, label=_("Notes"), max_len=10000),
        # One chair per case: cases/contact_rules.py.
        "chairs_network": lambda f, v: bool(v),
    }


def _clean(changes: Mapping[str, Any], rules: dict[str, Rule]) -> dict[str, Any]:
    """Apply each field's rule; collect every problem before raising."""
    clean: dict[str, Any] = {}
    with collect() as problems:
        for field, value in changes.items():
            rule = rules.get(field)
            if rule is None:
                raise KeyError(f"unknown field {field!r}")  # a programming error, not user input
            with problems.catching():
                clean[field] = rule(field, value)
    return clean


def household(changes: Mapping[str, Any]) -> dict[str, Any]:
    return _clean(changes, _rules_household())


def person(changes: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    return _clean(changes, _rules_person(today or dt.date.today()))


def network_member(changes: Mapping[str, Any]) -> dict[str, Any]:
    return _clean(changes, _rules_network())


def not_before(
    field: str, day: dt.date, earlier: dt.date | None, explain: Callable[[str, str], str]
) -> dt.date:
    """`day`, unless it lies before `earlier`: then InvalidInput at `field` saying
    `explain(day, earlier)`, both dates as the user reads them. Every "this date lies before
    that one" rule (a closing, a new start, a meldcode step, a help item's end, a verwijsindex
    signal's coordination) is this check with its own words."""
    if earlier is not None and day < earlier:
        raise InvalidInput.at(field, explain(format_date_nl(day), format_date_nl(earlier)))
    return day


def check_closing(status: str, opened_on: dt.date, closed_on: dt.date | None) -> None:
    """Cross-field rules of a household's lifecycle dates."""
    if status != CaseStatus.OPEN and closed_on is None:
        raise InvalidInput(Problem("closed_on", _("A closed case needs a closing date.")))
    if closed_on is not None:
        not_before(
            "closed_on",
            closed_on,
            opened_on,
            lambda closed, opened: _(
                "The closing date {closed} lies before the opening date {opened}."
            ).format(closed=closed, opened=opened),
        )
