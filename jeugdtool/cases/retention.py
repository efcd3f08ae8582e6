"""Retention dates of closed cases, and the cases whose retention date has passed or is near.

The rule is data: `resources/retention/<regime>.json` (schema
`resources/schemas/retention.schema.json`) names the regime, its source in law, the years a file
is kept after the help ended, and transitions for help that ended before a given date. The
Jeugdwet rule (art. 7.3.8) ships: 20 years after the closing date, 15 years for help that ended
before 1 January 2020. The CLI, the case screen and the retention dialog all ask this module.
A case with an open destruction request (art. 7.3.9) is listed too, with the request's deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import replace
from functools import cache
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.cases.models import Household
from jeugdtool.cases.privacy import deadline
from jeugdtool.cases.privacy_models import PrivacyRequest
from jeugdtool.cases.privacy_models import RequestKind
from jeugdtool.cases.privacy_models import RequestStatus
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.dates import add_months
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

#: The regime used unless another is asked for.
DEFAULT_REGIME = "jeugdwet"
SCHEMA = ("schemas", "retention.schema.json")


class RetentionRuleError(JeugdtoolError):
    """A retention rule file is missing or broken (a packaging or editing error)."""


@dataclass(frozen=True)
class Transition:
    """Help that ended before `ended_before` is kept `years` years."""

    ended_before: dt.date
    years: int
    #: Where this transition comes from, if it differs from the rule's own source.
    source: str | None = None


@dataclass(frozen=True)
class RetentionRule:
    #: The rule's id (its file name without .json), e.g. "jeugdwet".
    regime: str
    #: The regime as users know it, e.g. "Jeugdwet".
    name: str
    #: Where the rule comes from, e.g. "Jeugdwet art. 7.3.8".
    source: str
    #: Years a file is kept after the help ended.
    years: int
    #: Earlier terms for help that ended before a date, the earliest date first.
    transitions: tuple[Transition, ...] = ()

    def term_for(self, closed_on: dt.date) -> tuple[int, str]:
        """(years kept, source) for help that ended on `closed_on`."""
        for transition in self.transitions:
            if closed_on < transition.ended_before:
                return transition.years, transition.source or self.source
        return self.years, self.source


@dataclass(frozen=True)
class DueCase:
    """A closed case whose retention date has passed or falls within the period asked for, or
    a case with an open destruction request (whatever its retention date)."""

    case_id: int
    case_number: str
    name: str
    #: None for a case that is still open (only listed for its destruction request).
    closed_on: dt.date | None
    retention_date: dt.date | None
    #: Days from today until the retention date; negative once it has passed.
    days_left: int | None
    #: The deadline of the case's earliest open destruction request (Jeugdwet art. 7.3.9).
    request_deadline: dt.date | None = None
    #: Days from today until that deadline; negative once it has passed.
    request_days_left: int | None = None

    @property
    def first_date(self) -> dt.date:
        """The earliest of the retention date and the request deadline (the list's order)."""
        return min(d for d in (self.retention_date, self.request_deadline) if d is not None)


# ---- dates ---------------------------------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved `years` years on; 29 February becomes 28 February in a year without one
    (the file may be kept until the last day the term allows, never a day longer)."""
    return add_months(day, 12 * years)


def retention_date(closed_on: dt.date | None, rule: RetentionRule) -> dt.date | None:
    """The day until which a case closed on `closed_on` is kept; None while it is open.

    The closing date plus the rule's years (or a transition's years for help that ended before
    its date); a closing date of 29 February gives 28 February in a year without one.
    """
    if closed_on is None:
        return None
    years, _source = rule.term_for(closed_on)
    return add_years(closed_on, years)


def rule_note(rule: RetentionRule, closed_on: dt.date | None = None) -> str:
    """One sentence naming the rule and its source, for a tooltip or a dialog."""
    years, source = rule.term_for(closed_on) if closed_on else (rule.years, rule.source)
    if source.startswith(rule.name):  # "Jeugdwet art. 7.3.8" already names the regime
        return _("Kept {years} years after the end of help ({source}).").format(
            years=years, source=source
        )
    return _("Kept {years} years after the end of help ({regime}; {source}).").format(
        years=years, regime=rule.name, source=source
    )


def rule_summary(rule: RetentionRule) -> str:
    """The whole rule in a few sentences, transitions included, for the retention dialog."""
    parts = [rule_note(rule)]
    for transition in rule.transitions:
        parts.append(
            _("Help that ended before {date}: {years} years.").format(
                date=format_date_nl(transition.ended_before), years=transition.years
            )
        )
    return " ".join(parts)


# ---- the rule as data ------------------------------------------------------------------------


def _problems(document: Any) -> list[str]:
    from jsonschema import Draft202012Validator  # imported when first needed, not at start-up

    validator = Draft202012Validator(resources.load_json(*SCHEMA))
    found = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = ".".join(str(part) for part in error.absolute_path) or "(root)"
        found.append(f"{where}: {error.message}")
    return found


def _date(value: str, where: str, problems: list[str]) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}: '{value}' is not a date")
        return dt.date.min


def _transitions(document: Any, problems: list[str]) -> tuple[Transition, ...]:
    listed = (
        Transition(
            _date(t["ended_before"], f"transitions.{i}.ended_before", problems),
            t["years_after_end"],
            t.get("source"),
        )
        for i, t in enumerate(document.get("transitions", ()))
    )
    return tuple(sorted(listed, key=lambda t: t.ended_before))


def check_rule(document: Any, source: str) -> RetentionRule:
    """Check a rule document against its schema and build the rule; raise `RetentionRuleError`
    listing every problem (place and what is wrong)."""
    problems = _problems(document)
    transitions = () if problems else _transitions(document, problems)
    if problems:
        raise RetentionRuleError(
            _(
                "The retention rule file {path} is damaged; reinstall jeugdtool or undo the edit."
            ).format(path=source)
            + "\n"
            + "\n".join(problems)
        )
    return RetentionRule(
        regime=document["regime"],
        name=document["name"],
        source=document["source"],
        years=document["years_after_end"],
        transitions=transitions,
    )


@cache
def load_rule(regime: str = DEFAULT_REGIME) -> RetentionRule:
    """The rule of `regime` from `resources/retention/`, read and checked once."""
    place = resources.path("retention", f"{regime}.json")
    try:
        document = resources.load_json("retention", f"{regime}.json")
    except (OSError, ValueError) as exc:
        raise RetentionRuleError(
            _("The retention rule file {path} cannot be read: {reason}").format(
                path=place, reason=exc
            )
        ) from exc
    rule = check_rule(document, str(place))
    if rule.regime != regime:
        raise RetentionRuleError(
            _(
                "The retention rule file {path} is damaged; reinstall jeugdtool or undo the edit."
            ).format(path=place)
            + f"\nregime: '{rule.regime}' is not the file's name '{regime}'"
        )
    return rule


# ---- the cases due ---------------------------------------------------------------------------


def due_cases(
    uow: UnitOfWork, rule: RetentionRule, today: dt.date, within_days: int = 0
) -> list[DueCase]:
    """The closed cases whose retention date is on or before `today + within_days`, the
    earliest first. One flat query (no ORM objects); in team mode the database returns only
    the cases the person may see."""
    with uow:
        rows = uow.session.execute(
            select(Household.id, Household.case_number, Household.name, Household.closed_on)
            .where(Household.status != CaseStatus.OPEN.value)
            .where(Household.closed_on.is_not(None))
        ).all()
        requests = uow.session.execute(
            select(
                Household.id,
                Household.case_number,
                Household.name,
                Household.status,
                Household.closed_on,
                func.min(PrivacyRequest.received_on),
            )
            .join(PrivacyRequest, PrivacyRequest.household_id == Household.id)
            .where(PrivacyRequest.kind == RequestKind.DESTRUCTION.value)
            .where(PrivacyRequest.status == RequestStatus.OPEN.value)
            .group_by(Household.id)
        ).all()
    due = select_due(rows, rule, today, within_days)
    return with_requests(due, requests, rule, today)


def with_requests(
    due: list[DueCase],
    requests: Iterable[tuple[int, str, str, str, dt.date | None, dt.date]],
    rule: RetentionRule,
    today: dt.date,
) -> list[DueCase]:
    """`due` plus the deadline of each case's earliest open destruction request, from
    (id, case number, name, status, closing date, received on) rows: a case with such a
    request is listed whatever its retention date, since the request must be answered."""
    by_id = {case.case_id: case for case in due}
    for case_id, number, name, status, closed_on, received_on in requests:
        until = deadline(RequestKind.DESTRUCTION, received_on)
        left = (until - today).days
        if case_id in by_id:
            by_id[case_id] = replace(by_id[case_id], request_deadline=until, request_days_left=left)
            continue
        kept = retention_date(closed_on, rule) if status != CaseStatus.OPEN.value else None
        by_id[case_id] = DueCase(
            case_id,
            number,
            name,
            closed_on if kept else None,
            kept,
            (kept - today).days if kept else None,
            until,
            left,
        )
    return sorted(by_id.values(), key=lambda case: (case.first_date, case.case_number))


def select_due(
    rows: Iterable[tuple[int, str, str, dt.date]],
    rule: RetentionRule,
    today: dt.date,
    within_days: int = 0,
) -> list[DueCase]:
    """Of (id, case number, name, closing date) rows, those due by `today + within_days`."""
    horizon = today + dt.timedelta(days=max(0, within_days))
    found = []
    for case_id, number, name, closed_on in rows:
        until = add_years(closed_on, rule.term_for(closed_on)[0])
        if until <= horizon:
            found.append(DueCase(case_id, number, name, closed_on, until, (until - today).days))
    found.sort(key=lambda case: (case.retention_date, case.case_number))
    return found
