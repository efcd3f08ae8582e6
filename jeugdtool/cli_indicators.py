"""`jeugdtool indicators --from D --to D [--team T] [--consultant C] [--mode M] --format F`:
the outcome indicators on the command line (docs/indicators.md).

cli.py builds the parser with `add_command` at start-up, so this module imports no data layer
at the top. JSON is the whole period, for tools and internal use, without case ids; CSV and XLSX
are the municipality's files, per team and quarter, with small numbers hidden unless
`--no-suppression`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from jeugdtool.cli_base import OK
from jeugdtool.cli_base import Command
from jeugdtool.cli_base import add_out
from jeugdtool.cli_base import add_period
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

if TYPE_CHECKING:
    from jeugdtool.outcomes.indicators import IndicatorFilter
    from jeugdtool.outcomes.indicators import IndicatorResult
    from jeugdtool.store.uow import UnitOfWork

MODES = ("safety", "wellbeing")
FORMATS = ("json", "csv", "xlsx")


def add_command(command: Command) -> None:
    """Add `indicators …` to the parser."""
    parser = command(
        "indicators",
        _("the outcome indicators and production figures"),
        _(
            "Compute the outcome indicators (without further help, no new start within 6 and "
            "12 months, goals realised, safety increased, self-sufficiency improved, dropout), "
            "the client experience and the production figures over the cases closed in the "
            "period. JSON covers the whole period; CSV and XLSX, for the municipality, give "
            "each team and quarter, without names or case numbers, and show numbers below 5 "
            "as <5. docs/indicators.md defines each figure."
        ),
    )
    add_period(
        parser,
        ("start", _("the first day of the period")),
        ("end", _("the last day of the period")),
        required=True,
    )
    parser.add_argument(
        "--team", metavar=_("TEAM"), help=_("only the cases of this team (its name)")
    )
    parser.add_argument(
        "--consultant",
        metavar=_("NAME"),
        help=_("only the cases this person is case manager of (their name)"),
    )
    parser.add_argument(
        "--mode",
        choices=MODES,
        help=_("only Signs of Safety (safety) or Signs of Wellbeing (wellbeing) cases"),
    )
    parser.add_argument("--format", required=True, choices=FORMATS, help=_("json, csv or xlsx"))
    add_out(
        parser,
        _("FILE"),
        _("the file to write (replaced if it exists; default: standard output, not for xlsx)"),
        required=False,
    )
    parser.add_argument(
        "--no-suppression",
        action="store_true",
        help=_("show numbers below 5 too (CSV and XLSX; for internal use only)"),
    )
    parser.set_defaults(handler="indicators")


def cmd_indicators(args: argparse.Namespace) -> int:
    """Compute and write the indicators; a wrong option says what to write instead."""
    from jeugdtool.cli_session import unit_of_work

    _check_options(args)
    with unit_of_work(args) as uow:
        flt = _filter(uow, args)
        if args.format == "json":
            return _emit(to_json(_indicators(uow, flt)), args.out)
        return _write_files(uow, flt, args)


def _check_options(args: argparse.Namespace) -> None:
    if args.start > args.end:
        raise JeugdtoolError(
            _("--from ({since}) is after --to ({until}); swap them.").format(
                since=args.start, until=args.end
            )
        )
    if args.format == "xlsx" and args.out is None:
        raise JeugdtoolError(_("An XLSX file cannot go to the terminal: name the file with --out."))


def _indicators(uow: UnitOfWork, flt: IndicatorFilter) -> IndicatorResult:
    from jeugdtool.outcomes.indicator_queries import indicators

    return indicators(uow, flt)


def _write_files(uow: UnitOfWork, flt: IndicatorFilter, args: argparse.Namespace) -> int:
    from jeugdtool.export import indicator_files as files

    suppress = not args.no_suppression
    lines = files.rows(files.team_quarters(uow, flt), suppress=suppress)
    if args.out is None:
        return _emit(files.csv_text(lines), None)
    written = files.write_file(lines, args.out, args.format, suppress=suppress)
    print(_("The indicators were written to {path}.").format(path=written))
    return OK


def _emit(text: str, out: Path | None) -> int:
    if out is None:
        sys.stdout.write(text)
        return OK
    from jeugdtool.export.indicator_files import save

    written = save(text.encode("utf-8"), out)
    print(_("The indicators were written to {path}.").format(path=written))
    return OK


# ---- the filter -----------------------------------------------------------------------------


def _filter(uow: UnitOfWork, args: argparse.Namespace) -> IndicatorFilter:
    from jeugdtool.outcomes.indicators import IndicatorFilter

    return IndicatorFilter(
        start=args.start,
        end=args.end,
        team_id=_team_id(uow, args.team) if args.team else None,
        consultant_id=_consultant_id(uow, args.consultant) if args.consultant else None,
        mode=args.mode,
    )


def _team_id(uow: UnitOfWork, name: str) -> int:
    from sqlalchemy import select

    from jeugdtool.cases.models import Team

    return _by_name(uow, select(Team.id, Team.name), name, _("There is no team named {name}."))


def _consultant_id(uow: UnitOfWork, name: str) -> int:
    from sqlalchemy import select

    from jeugdtool.cases.models import Consultant

    message = _("There is no consultant named {name}.")
    return _by_name(uow, select(Consultant.id, Consultant.name), name, message)


def _by_name(uow: UnitOfWork, stmt: Any, name: str, message: str) -> int:
    """The id whose name matches `name` as people mean it (accents, case and spaces aside)."""
    from jeugdtool.folding import fold_key

    wanted = fold_key(name)
    with uow:
        found = [rid for rid, text in uow.session.execute(stmt) if fold_key(text) == wanted]
    if len(found) != 1:
        raise JeugdtoolError(message.format(name=name.strip()))
    return found[0]


# ---- JSON -----------------------------------------------------------------------------------


def to_json(result: IndicatorResult) -> str:
    """The result as JSON: numbers only, no case ids."""
    return json.dumps(as_plain(result), ensure_ascii=False, indent=2) + "\n"


def as_plain(result: IndicatorResult) -> dict[str, Any]:
    p = result.production
    return {
        "period": {"from": result.period.start.isoformat(), "to": result.period.end.isoformat()},
        "indicators": {
            name: {"numerator": r.numerator, "denominator": r.denominator, "share": r.share}
            for name, r in result.indicators.items()
        },
        "client_experience": {
            q: {"n": m.n, "mean": m.mean} for q, m in result.client_experience.items()
        },
        "production": {
            "open": p.open,
            "new": p.new,
            "closed": p.closed,
            "mean_duration_days": p.mean_duration_days,
            "help_by_kind": [
                {
                    "product_list": k.product_list,
                    "category": k.category,
                    "label": k.label,
                    "items": k.items,
                    "cost_cents": k.cost_cents,
                }
                for k in p.help_by_kind
            ],
        },
    }
