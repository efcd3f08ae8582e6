"""`jeugdtool destroy CASE` and `jeugdtool destroyed`: destroying a closed case, and the
tombstones of the destroyed ones.

Imported only to run the command (like cli_commands.py); the work is cases/destruction.py's,
which the destroy dialog uses as well.
"""

from __future__ import annotations

import argparse
import sys

from jeugdtool.cases import destruction
from jeugdtool.cases.destruction import Candidate
from jeugdtool.cases.destruction import Tombstone
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cli_base import FAILED
from jeugdtool.cli_base import OK
from jeugdtool.cli_session import unit_of_work
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _


def _confirmed(case: Candidate) -> bool:
    """The user typed the case number after reading which case goes; never without a terminal."""
    if not sys.stdin.isatty():
        raise JeugdtoolError(
            _(
                "Destroying case {number} needs a confirmation, and this command cannot ask for "
                "it (no terminal is attached). Nothing was destroyed. Add --yes if you are sure."
            ).format(number=case.case_number)
        )
    named = f"{case.case_number} {case.name}".strip()
    print(
        _(
            "Case {case} (status: {status}) and everything in it will be destroyed for good. "
            "This cannot be undone."
        ).format(case=named, status=CaseStatus(case.status).label)
    )
    answer = input(_("Type the case number to confirm: "))
    return answer.strip() == case.case_number


def cmd_destroy(args: argparse.Namespace) -> int:
    """Destroy a closed case after a confirmation naming it; print what was removed."""
    destruction.check_reason(args.reason)  # before any question: a missing reason fails at once
    with unit_of_work(args, write=True) as uow:
        case = destruction.find_case(uow, args.case)
        if not args.yes and not _confirmed(case):
            print(_("Nothing was destroyed."), file=sys.stderr)
            return FAILED
        done = destruction.destroy_case(uow, args.case, args.reason, args.ground, by=uow.author)
    print(
        _("Case {number} was destroyed ({ground}). Removed:").format(
            number=done.tombstone.case_number, ground=done.tombstone.legal_ground
        )
    )
    for what, count in destruction.summary(done):
        print(f"  {what}: {count}")
    if done.scrub_problem:
        print(
            _(
                "Warning: the space the case took in the file could not be overwritten yet "
                "({reason}). Its rows are gone, but traces may remain in the file until "
                "jeugdtool writes to it again."
            ).format(reason=done.scrub_problem),
            file=sys.stderr,
        )
    return OK


def _row(stone: Tombstone) -> tuple[str, ...]:
    return (
        stone.case_number,
        stone.opened_on.isoformat(),
        stone.closed_on.isoformat() if stone.closed_on else "",
        stone.destroyed_at.isoformat(timespec="seconds"),
        stone.legal_ground,
        stone.destroyed_by,
        " ".join(stone.reason.split()),
    )


def cmd_destroyed(args: argparse.Namespace) -> int:
    """List the tombstones, the most recent first, tab-separated."""
    with unit_of_work(args) as uow:
        stones = destruction.tombstones(uow)
    for stone in stones:
        print("\t".join(_row(stone)))
    return OK
