"""What every command-line module shares: the exit codes and the shape of `command(...)`, the
sub-command factory cli.py hands to each module's `add_command`. Light: imported at start-up."""

from __future__ import annotations

import argparse
from collections.abc import Callable

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
