"""`jeugdtool access-request CASE --out DIR`: the family's access request (inzage) on the
command line — the PDF dossier and the JSON case file, with data about others hidden.

cli.py builds the parser with `add_command` when the program starts, so this module imports no
data layer at the top; the work is export/access_request.py's, which the window uses as well.
Every redaction proposal is accepted unless `--no-redaction` or `--keep KEY` says otherwise;
what was hidden is listed, so the consultant can check it before handing the files over.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from jeugdtool.cli_base import OK
from jeugdtool.cli_base import Command
from jeugdtool.cli_base import add_case
from jeugdtool.cli_base import add_out
from jeugdtool.cli_base import add_received
from jeugdtool.cli_base import add_repeated
from jeugdtool.i18n import _

if TYPE_CHECKING:
    from jeugdtool.export.access_redaction import Proposal


def add_command(command: Command) -> None:
    """Add `access-request CASE --out DIR …` to the parser."""
    parser = command(
        "access-request",
        _("make the documents for a family's access request (inzage)"),
        _(
            "Write everything stored about a household as the family receives it: a PDF "
            "dossier in plain Dutch and the JSON case file, into a folder. Data about others "
            "(phone numbers and e-mail addresses of network members, the name of the person "
            "who reported the family, people outside the family who said something) is "
            "hidden and listed; --no-redaction keeps all of it. The access request is "
            "registered (or the open one given with --request is used), marked delivered "
            "today, and the files are recorded in the disclosure log."
        ),
    )
    add_case(parser)
    add_out(parser, _("FOLDER"), _("the folder to write the PDF and the JSON file in"))
    parser.add_argument(
        "--from",
        dest="requested_by",
        metavar=_("WHO"),
        default="",
        help=_("who asked, e.g. 'moeder' (needed unless --request is given)"),
    )
    add_received(parser)
    parser.add_argument(
        "--request",
        metavar=_("ID"),
        type=int,
        help=_("deliver this open access request (see `jeugdtool requests CASE`)"),
    )
    parser.add_argument(
        "--no-redaction",
        action="store_true",
        help=_("hide nothing: also the data about others goes to the family"),
    )
    add_repeated(
        parser,
        "--keep",
        _("KEY"),
        _("do not hide the datum with this key (as listed; may be repeated)"),
    )
    add_repeated(
        parser,
        "--hide",
        _("KEY"),
        _(
            "also hide a datum offered but not hidden by default, such as a provider's "
            "name (as listed under 'Not hidden'; may be repeated)"
        ),
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help=_("replace files of the same name in the folder (default: refuse)"),
    )
    parser.set_defaults(handler="access_request")


def _accepted(proposals: Sequence[Proposal], args: argparse.Namespace) -> list[Proposal]:
    from jeugdtool.errors import JeugdtoolError

    if args.no_redaction:
        return []
    known = {p.key for p in proposals}
    for option, keys in (("--keep", args.keep), ("--hide", args.hide)):
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise JeugdtoolError(
                _("Unknown key '{key}' for {option}. The keys of this case are: {known}.").format(
                    key=unknown[0], option=option, known=", ".join(sorted(known)) or "-"
                )
            )
    return [p for p in proposals if p.key not in args.keep and (p.checked or p.key in args.hide)]


def _check_who(args: argparse.Namespace) -> None:
    from jeugdtool.errors import JeugdtoolError

    if args.request is None and not args.requested_by.strip():
        raise JeugdtoolError(
            _(
                "Say who asked with --from (for example --from moeder), or give the open "
                "access request with --request ID. Nothing was written."
            )
        )


def _report(proposals: Sequence[Proposal], hidden: Sequence[Proposal]) -> None:
    kept = [p for p in proposals if p not in hidden]
    if hidden:
        print(_("Hidden (data about others):"))
        for p in hidden:
            print(f"  {p.key}\t{p.what}")
    if kept:
        print(_("Not hidden:"))
        for p in kept:
            print(f"  {p.key}\t{p.what}")


def cmd_access_request(args: argparse.Namespace) -> int:
    """Collect, hide, write both files, register and record; print what was hidden."""
    from jeugdtool.cases.validation import parse_date_nl
    from jeugdtool.cli_commands import case_id_of
    from jeugdtool.cli_session import unit_of_work
    from jeugdtool.export import access_request as ar

    _check_who(args)
    today = dt.date.today()
    who = ar.Requester(
        request_id=args.request,
        received_on=parse_date_nl(args.received, "received_on") or today,
        requested_by=args.requested_by.strip(),
    )
    with unit_of_work(args, write=True) as uow:
        case_id = case_id_of(uow, args.case)
        dossier = ar.collect(uow, case_id, today=today)
        proposals = ar.proposals(dossier)
        hidden = _accepted(proposals, args)
        done = ar.deliver(uow, case_id, dossier, args.out, hidden, who, overwrite=args.overwrite)
    _report(proposals, hidden)
    print(
        _(
            "Access request of case {number} written: {pdf} ({pages} pages) and {json}. "
            "Request {id} (received {received}, deadline {deadline}) delivered on {day}."
        ).format(
            number=dossier.case_number,
            pdf=done.pdf,
            pages=done.pages,
            json=done.case_file,
            id=done.request.id,
            received=done.request.received_on.isoformat(),
            deadline=done.request.deadline.isoformat(),
            day=today.isoformat(),
        )
    )
    if done.unlogged:
        print(done.unlogged, file=sys.stderr)
    missing = ar.missing_working_notes(dossier)
    if missing:
        print(missing, file=sys.stderr)
    return OK
