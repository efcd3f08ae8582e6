"""`jeugdtool retention`: the closed cases whose retention date has passed or is near, and the
cases with an open destruction request (with its deadline).

Imported only to run the command (like cli_commands.py); the rule and the dates come from
cases/retention.py, which the case screen and the retention dialog use as well.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Sequence

from jeugdtool.cases.retention import DueCase
from jeugdtool.cases.retention import due_cases
from jeugdtool.cases.retention import load_rule
from jeugdtool.cli_base import OK
from jeugdtool.cli_session import unit_of_work
from jeugdtool.i18n import _


def _cell(value: str) -> str:
    """A value for one tab-separated column (no tabs or line breaks inside)."""
    return " ".join(value.split())


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _number(n: int | None) -> str:
    return "" if n is None else str(n)


def _row(case: DueCase) -> tuple[str, ...]:
    """The columns; the last two are the deadline of an open destruction request (Jeugdwet
    art. 7.3.9) and the days left until it, empty when there is none."""
    return (
        case.case_number,
        case.name,
        _day(case.closed_on),
        _day(case.retention_date),
        _number(case.days_left),
        _day(case.request_deadline),
        _number(case.request_days_left),
    )


def write_text(cases: Sequence[DueCase]) -> None:
    for case in cases:
        print("\t".join(_cell(v) for v in _row(case)))


def write_csv(cases: Sequence[DueCase]) -> None:
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(
        (
            _("case number"),
            _("name"),
            _("closed on"),
            _("retention date"),
            _("days left"),
            _("destruction request deadline"),
            _("days left for the request"),
        )
    )
    out.writerows(_row(case) for case in cases)


def cmd_retention(args: argparse.Namespace) -> int:
    """List the cases due by today + --within days; a rule file that is broken is an error."""
    rule = load_rule()
    with unit_of_work(args) as uow:
        cases = due_cases(uow, rule, dt.date.today(), args.within)
    (write_csv if args.format == "csv" else write_text)(cases)
    return OK
