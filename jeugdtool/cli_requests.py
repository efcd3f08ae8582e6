"""`jeugdtool requests CASE`, `requests add CASE …`, `requests decide ID …`: the register of the
family's requests about their file (access, correction, destruction) on the command line.

cli.py builds the parser with `add_commands` when the program starts, so this module imports
no data layer at the top: the services (cases/privacy.py, which the panel uses as well) load
only when a request command runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING
from typing import Any

from jeugdtool.cli_base import OK
from jeugdtool.cli_base import Command
from jeugdtool.cli_base import add_case
from jeugdtool.cli_base import add_received
from jeugdtool.cli_base import add_repeated
from jeugdtool.i18n import _

if TYPE_CHECKING:
    from jeugdtool.cases.privacy import RequestDTO
    from jeugdtool.store.uow import UnitOfWork

#: The kinds and the decisions (cases/privacy_models.RequestKind and RequestStatus, which load
#: the data layer; a test keeps them equal).
KINDS = ("access", "correction", "destruction")
DECISIONS = ("granted", "partly", "refused", "withdrawn")


class _AnyWord(dict):  # type: ignore[type-arg]
    """The actions as argparse's choices, accepting any word: one that is no action is a case
    number (argparse checks the choices before the action sees the word)."""

    def __contains__(self, key: object) -> bool:
        return True


class _ListByDefault(argparse._SubParsersAction):  # type: ignore[type-arg]
    """`requests CASE` means `requests list CASE`: a first word that is no action is a case."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.choices = _AnyWord(self._name_parser_map)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        if values and values[0] not in self._name_parser_map:
            values = ["list", *values]
        super().__call__(parser, namespace, values, option_string)


def add_commands(command: Command, subcommands: Callable[..., Command]) -> None:
    """Add `requests [list] CASE`, `requests add` and `requests decide` to the parser."""
    requests = command(
        "requests",
        _("the family's requests about their file"),
        _(
            "The register of requests of a parent or young person about their own file: "
            "access (one month to answer), correction (one month) and destruction (three "
            "months, Jeugdwet art. 7.3.9). `jeugdtool requests CASE` lists the requests of a "
            "case."
        ),
    )
    action = subcommands(
        requests, "requests_command", metavar=_("CASE | COMMAND"), action=_ListByDefault
    )
    _list_command(action)
    _add_command(action)
    _decide_command(action)


def _list_command(action: Command) -> None:
    listing = action(
        "list",
        _("list the requests of a case (the default)"),
        _(
            "List the requests of a case, the most recently received first, with "
            "tab-separated columns: id, kind, received on, requested by, status, deadline, "
            "days left (negative when overdue; empty once decided), decided on, grounds, "
            "what was asked, outcome."
        ),
    )
    add_case(listing)
    listing.set_defaults(handler="requests_list")


def _add_command(action: Command) -> None:
    add = action(
        "add",
        _("register a request"),
        _("Register a request of the family and show its deadline."),
    )
    add_case(add)
    add.add_argument("--kind", choices=KINDS, required=True, help=_("what is asked"))
    add.add_argument(
        "--from",
        dest="requested_by",
        metavar=_("WHO"),
        required=True,
        help=_("who asked, e.g. 'moeder' (at most 200 characters)"),
    )
    add_received(add)
    add.add_argument("--subject", metavar=_("TEXT"), default="", help=_("what is asked"))
    add.set_defaults(handler="requests_add")


def _decide_command(action: Command) -> None:
    decide = action(
        "decide",
        _("record the decision on a request"),
        _(
            "Record what was decided on an open request. A refusal (or partial grant) needs "
            "the reason in --outcome; refusing a destruction request needs at least one "
            "--ground of Jeugdwet art. 7.3.9: third_party (of substantial importance to "
            "someone other than the young person) or legal_duty (a legal rule requires "
            "keeping it). A granted correction needs --outcome saying what was changed."
        ),
    )
    decide.add_argument("id", metavar=_("ID"), type=int, help=_("the id of the request"))
    decide.add_argument("--status", choices=DECISIONS, required=True, help=_("the decision"))
    decide.add_argument(
        "--outcome", metavar=_("TEXT"), default="", help=_("what was done, or why not")
    )
    add_repeated(
        decide,
        "--ground",
        _("KEY"),
        _("a ground of art. 7.3.9: third_party or legal_duty (may be repeated)"),
        dest="grounds",
    )
    decide.add_argument(
        "--decided",
        metavar=_("DATE"),
        default="",
        help=_("the day of the decision, YYYY-MM-DD or DD-MM-YYYY (default: today)"),
    )
    decide.set_defaults(handler="requests_decide")


# ---- running ---------------------------------------------------------------------------------


#: The core names a problem by its field; on the command line the user knows the option.
OPTION_OF_FIELD = {
    "kind": "--kind",
    "requested_by": "--from",
    "received_on": "--received",
    "subject": "--subject",
    "status": "--status",
    "outcome": "--outcome",
    "grounds": "--ground",
    "decided_on": "--decided",
}


@contextmanager
def _named_by_option() -> Iterator[None]:
    """Re-raise the core's problems under the option the user typed (`--received`), not the
    field's code (`received_on`)."""
    from jeugdtool.errors import InvalidInput
    from jeugdtool.errors import Problem

    try:
        yield
    except InvalidInput as exc:
        raise InvalidInput(
            [Problem(OPTION_OF_FIELD.get(p.field, p.field), p.message) for p in exc.problems]
        ) from None


@contextmanager
def _writing(
    args: argparse.Namespace, typed: str, field: str
) -> Iterator[tuple[UnitOfWork, dt.date]]:
    """The day typed for `field` (empty: today) and a unit of work that may write; the core's
    problems, also with that day, named by the option the user typed."""
    from jeugdtool.cases.validation import parse_date_nl
    from jeugdtool.cli_session import unit_of_work

    with _named_by_option():
        day = parse_date_nl(typed, field) or dt.date.today()
        with unit_of_work(args, write=True) as uow:
            yield uow, day


def _cell(value: str) -> str:
    return " ".join(value.split())


def _row(request: RequestDTO, today: dt.date) -> Sequence[str]:
    return (
        str(request.id),
        request.kind.value,
        request.received_on.isoformat(),
        request.requested_by,
        request.status.value,
        request.deadline.isoformat(),
        str(request.days_left(today)) if request.is_open else "",
        request.decided_on.isoformat() if request.decided_on else "",
        ",".join(request.refusal_grounds),
        request.subject,
        request.outcome,
    )


def cmd_requests_list(args: argparse.Namespace) -> int:
    from jeugdtool.cases import privacy
    from jeugdtool.cli_commands import case_id_of
    from jeugdtool.cli_session import unit_of_work

    today = dt.date.today()
    with unit_of_work(args) as uow:
        found = privacy.list_requests(uow, case_id_of(uow, args.case))
    for request in found:
        print("\t".join(_cell(value) for value in _row(request, today)))
    return OK


def cmd_requests_add(args: argparse.Namespace) -> int:
    from jeugdtool.cases import privacy
    from jeugdtool.cli_commands import case_id_of

    with _writing(args, args.received, "received_on") as (uow, received):
        case_id = case_id_of(uow, args.case)
        done = privacy.register_request(
            uow, case_id, args.kind, received, args.requested_by, args.subject
        )
    today = dt.date.today()
    print(
        _("Request {id} registered for case {number}. Answer it by {deadline} ({left}).").format(
            id=done.id,
            number=done.case_number,
            deadline=done.deadline.isoformat(),
            left=privacy.days_note(done.days_left(today)),
        )
    )
    return OK


def _request(uow: UnitOfWork, request_id: int) -> RequestDTO:
    from jeugdtool.cases import privacy
    from jeugdtool.errors import JeugdtoolError

    found = privacy.get_request(uow, request_id)
    if found is None:
        raise JeugdtoolError(
            _(
                "There is no request with id {id} that you may see. `jeugdtool requests CASE` "
                "lists the requests of a case."
            ).format(id=request_id)
        )
    return found


def cmd_requests_decide(args: argparse.Namespace) -> int:
    from jeugdtool.cases import privacy

    with _writing(args, args.decided, "decided_on") as (uow, decided):
        seen = _request(uow, args.id)
        done = privacy.decide_request(
            uow, seen.id, seen.version, args.status, decided, args.outcome, args.grounds
        )
    print(
        _("Request {id} of case {number}: {status} on {day}.").format(
            id=done.id,
            number=done.case_number,
            status=_(privacy.STATUS_LABELS[done.status]).lower(),
            day=done.decided_on.isoformat() if done.decided_on else "",
        )
    )
    return OK
