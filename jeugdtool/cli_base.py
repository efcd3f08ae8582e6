"""What every command-line module shares: the exit codes and the shape of `command(...)`, the
sub-command factory cli.py hands to each module's `add_command`. Light: imported at start-up."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from jeugdtool.i18n import _

#: Exit codes: done; failed (a clear message said why); a bad file or command line.
OK, FAILED, BAD_FILE = 0, 1, 2

#: `command(name, summary, description)` adds a sub-command and returns its parser.
Command = Callable[[str, str, str], argparse.ArgumentParser]


def add_case(parser: argparse.ArgumentParser) -> None:
    """The case number as the command's argument (`jeugdtool pdf 2026-0012 …`)."""
    parser.add_argument("case", metavar=_("CASE"), help=_("the case number, e.g. 2026-0012"))


def add_received(parser: argparse.ArgumentParser) -> None:
    """`--received DATE`: the day a request of the family arrived (default today)."""
    parser.add_argument(
        "--received",
        metavar=_("DATE"),
        default="",
        help=_("the day the request arrived, YYYY-MM-DD or DD-MM-YYYY (default: today)"),
    )


def add_file(
    parser: argparse.ArgumentParser, metavar: str, help: str, flag: str, flag_help: str
) -> None:
    """The file a command reads (`import FILE.json`, `restore FILE`) and the `flag` saying what
    to do when the database has its content already (`--replace`, `--as-new`)."""
    parser.add_argument("file", metavar=metavar, type=Path, help=help)
    parser.add_argument(flag, action="store_true", help=flag_help)


def add_repeated(
    parser: argparse.ArgumentParser, flag: str, metavar: str, help: str, *, dest: str | None = None
) -> None:
    """An option that may be given several times (`--keep A --keep B`), read as a list: empty
    when it is not given."""
    parser.add_argument(flag, dest=dest, metavar=metavar, action="append", default=[], help=help)


def add_unset_flag(
    parser: argparse.ArgumentParser,
    flag: str,
    help: str,
    *,
    dest: str | None = None,
    action: str = "store_true",
) -> None:
    """A yes/no option that stays None when it is not given, so the document's own default
    holds (`--birth-dates`, `--no-contact-details`)."""
    parser.add_argument(flag, dest=dest, action=action, default=None, help=help)


def add_out(
    parser: argparse.ArgumentParser, metavar: str, help: str, *, required: bool = True
) -> None:
    """`--out PATH`: the file or folder a command writes."""
    parser.add_argument("--out", metavar=metavar, type=Path, required=required, help=help)


def add_period(
    parser: argparse.ArgumentParser,
    start: tuple[str, str],
    end: tuple[str, str],
    *,
    required: bool = False,
) -> None:
    """`--from YYYY-MM-DD --to YYYY-MM-DD`: the first and the last day of a period; `start`
    and `end` are each (the attribute it is stored as, its help text)."""
    for flag, (dest, help_text) in (("--from", start), ("--to", end)):
        parser.add_argument(
            flag,
            dest=dest,
            type=day,
            required=required,
            metavar=_("YYYY-MM-DD"),
            help=help_text,
        )


def day(value: str) -> dt.date:
    """A YYYY-MM-DD date on the command line."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01.").format(
                value=value
            )
        ) from None
