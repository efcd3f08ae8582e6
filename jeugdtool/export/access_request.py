"""The access request (inzage): everything stored about a household, as the family receives it.

`collect` gathers the case file (persons, network, every mapping moment, statements, scale, plan
versions, ZRM assessments, the help, the closings with the family's experience, new starts, the
journal with the working notes one may read, meldcode records, kindchecks, Veilig Thuis
contacts, verwijsindex signals, meetings, the child's voice with its drawings), the change
history in the words of the history page, the access log, the requests about the file and the
disclosure log. Another case is never named: a new start after another case's closing says
only that help started again, and when (`for_family`). `access_redaction` proposes what belongs
to others; `deliver` registers the request (or takes the open one), writes the PDF dossier and
the JSON case file with the accepted proposals hidden, marks the request delivered and records
the disclosure. The window and the command line both call these.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from pathlib import Path
from typing import Any
from typing import TypeVar

from sqlalchemy import text

from jeugdtool.cases import access
from jeugdtool.cases import consultants
from jeugdtool.cases import disclosures
from jeugdtool.cases import privacy
from jeugdtool.cases import queries
from jeugdtool.cases.privacy import RequestDTO
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy_models import DisclosureKind
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import format_datetime_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.export.access_redaction import Proposal
from jeugdtool.export.access_redaction import propose
from jeugdtool.export.access_redaction import redact
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import write_case_file
from jeugdtool.export.disclose import Disclosed
from jeugdtool.export.disclose import log_written
from jeugdtool.export.history_words import HistoryRow
from jeugdtool.export.history_words import history_rows
from jeugdtool.export.pdf.files import PdfWriteError
from jeugdtool.export.pdf.files import write_atomically
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.outcomes.products import category_label
from jeugdtool.outcomes.products import product_lists
from jeugdtool.store import team_sql
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork

T = TypeVar("T")

#: The whole history of a case goes into the dossier, however long (the page shows 2,000).
HISTORY_LIMIT = 1_000_000

#: The parts of the dossier, as the disclosure log names them.
PARTS = (
    N_("household and persons"),
    N_("network"),
    N_("mapping moments and statements"),
    N_("scale scores"),
    N_("safety plan versions and reviews"),
    N_("the plan's check by a colleague (toetsing)"),
    N_("ZRM assessments"),
    N_("help deployed"),
    N_("closing and the family's experience"),
    N_("new starts"),
    N_("journal, working notes included"),
    N_("network meetings"),
    N_("meldcode records"),
    N_("kindchecks"),
    N_("contacts with Veilig Thuis"),
    N_("verwijsindex signals"),
    N_("meetings"),
    N_("the child's voice: Three Houses talks and Words & Pictures stories, with drawings"),
    N_("change history"),
    N_("access log"),
    N_("requests about the file"),
    N_("disclosure log"),
    N_("case file (JSON)"),
)


@dataclass(frozen=True)
class LogLine:
    """Who looked at the case, when, and why."""

    when: str
    who: str
    what: str
    why: str


@dataclass(frozen=True)
class RequestLine:
    """A request about the file, in words."""

    kind: str
    received_on: str
    requested_by: str
    subject: str
    status: str
    deadline: str
    decided_on: str
    outcome: str
    delivered_on: str


@dataclass(frozen=True)
class DisclosureLine:
    """A document that left the program: what, for whom, which parts, when, by whom."""

    when: str
    document: str
    recipient: str
    parts: str
    made_by: str


@dataclass(frozen=True)
class Dossier:
    """Everything stored about one household, in the words the family reads."""

    #: The case file document (export/casefile.py), also written as the JSON file.
    case_file: dict[str, Any]
    history: tuple[HistoryRow, ...]
    access_log: tuple[LogLine, ...]
    requests: tuple[RequestLine, ...]
    disclosures: tuple[DisclosureLine, ...]
    made_on: dt.date
    #: The words of each kind of help in the case file, by "<product list>:<code>".
    help_kinds: Mapping[str, str] = field(default_factory=dict)
    #: Working notes of the case that whoever made this dossier may not read (team mode: they
    #: are their authors' and the privacy officer's), so they are not in it.
    unread_working_notes: int = 0

    @property
    def case_number(self) -> str:
        return str(self.case_file["household"]["case_number"])

    @property
    def household_name(self) -> str:
        return str(self.case_file["household"]["name"])


# ---------------------------------------------------------------- collecting


def _log_lines(uow: UnitOfWork, case_id: int) -> tuple[LogLine, ...]:
    rows = access.case_entries(uow, case_id)
    return tuple(
        LogLine(
            format_datetime_nl(r.at),
            r.who,
            f"{r.action_label}: {r.detail}" if r.detail else r.action_label,
            r.reason,
        )
        for r in rows
    )


def _request_line(r: RequestDTO) -> RequestLine:
    outcome = r.outcome
    grounds = "; ".join(_(privacy.REFUSAL_GROUNDS[g]) for g in r.refusal_grounds)
    if grounds:
        outcome = f"{outcome}\n{grounds}".strip()
    return RequestLine(
        kind=_(privacy.KIND_LABELS[r.kind]),
        received_on=format_date_nl(r.received_on),
        requested_by=r.requested_by,
        subject=r.subject,
        status=_(privacy.STATUS_LABELS[r.status]),
        deadline=format_date_nl(r.deadline),
        decided_on=format_date_nl(r.decided_on),
        outcome=outcome,
        delivered_on=format_date_nl(r.delivered_on),
    )


def _disclosure_lines(uow: UnitOfWork, case_id: int) -> tuple[DisclosureLine, ...]:
    return tuple(
        DisclosureLine(
            when=format_datetime_nl(d.at),
            document=f"{disclosures.kind_label(d.kind)}: {d.document}",
            recipient=disclosures.recipient_label(d.recipient),
            parts=", ".join(d.parts),
            made_by=d.made_by,
        )
        for d in disclosures.list_disclosures(uow, case_id)
    )


def _history(uow: UnitOfWork, case_id: int) -> tuple[HistoryRow, ...]:
    entries = queries.case_history(uow, case_id, limit=HISTORY_LIMIT)
    names = {c.id: c.name for c in consultants.list_consultants(uow, include_inactive=True)}
    return history_rows(entries, names, queries.get_case(uow, case_id))


def for_family(case_file: dict[str, Any]) -> dict[str, Any]:
    """The case file as the family receives it: a new start after another case's closing
    keeps that help started again and when, but not that case's number and closing date —
    the other case may be another household's (the child's other parent). It stays a valid
    case file (`previous_case` may be null)."""
    starts = case_file.get("new_starts") or []
    if not any(s.get("previous_case") for s in starts):
        return case_file
    return {
        **case_file,
        "new_starts": [{**s, "previous_case": None} for s in starts],
    }


def collect(uow: UnitOfWork, case_id: int, *, today: dt.date | None = None) -> Dossier:
    """Everything stored about the case (the case-file export is logged in the access log)."""
    case_file = for_family(export_case(uow, case_id))
    return Dossier(
        case_file=case_file,
        history=_history(uow, case_id),
        access_log=_log_lines(uow, case_id),
        requests=tuple(_request_line(r) for r in privacy.list_requests(uow, case_id)),
        disclosures=_disclosure_lines(uow, case_id),
        made_on=today or dt.date.today(),
        help_kinds=_help_kinds(uow, case_file),
        unread_working_notes=_unread_working_notes(uow, case_id),
    )


def _unread_working_notes(uow: UnitOfWork, case_id: int) -> int:
    """On a team database: the case's working notes the current login may not read (counted
    by the server, store/team_sql.py). In a file everything is the user's own."""
    if uow.database.location.path is not None:
        return 0
    query = text(f"SELECT {team_sql.UNREAD_WORKING_NOTES}(:case)")
    with uow:
        return int(uow.session.execute(query, {"case": case_id}).scalar_one())


def missing_working_notes(dossier: Dossier) -> str:
    """What to tell whoever makes the dossier when colleagues' working notes are not in it
    (the family has a right to them); "" when none are missing."""
    n = dossier.unread_working_notes
    if not n:
        return ""
    return ngettext(
        "{n} working note of a colleague in this case is not in the dossier: only its author "
        "and the privacy officer can read it, and the family has a right to it. Ask the "
        "privacy officer to make the access request (the case manager or team leader adds "
        "them to the case team first).",
        "{n} working notes of colleagues in this case are not in the dossier: only their "
        "authors and the privacy officer can read them, and the family has a right to them. "
        "Ask the privacy officer to make the access request (the case manager or team leader "
        "adds them to the case team first).",
        n,
    ).format(n=n)


def _help_kinds(uow: UnitOfWork, case_file: Mapping[str, Any]) -> dict[str, str]:
    """The label of each kind of help the case file names (the code when its list is gone)."""
    wanted = {(h["product_list"], h["category"]) for h in case_file.get("help") or []}
    if not wanted:
        return {}
    lists = {found.list_id: found for found in product_lists(uow)}
    return {f"{name}:{code}": category_label(lists, name, code) for name, code in wanted}


def proposals(dossier: Dossier) -> tuple[Proposal, ...]:
    """What in the dossier is about someone else, proposed for hiding."""
    return propose(dossier.case_file)


def family_names(dossier: Dossier) -> list[str]:
    """The full names of the household's members (never masked in their own dossier)."""
    persons = dossier.case_file["persons"]
    return [f"{p['first_name']} {p['last_name']}".strip() for p in persons]


def hide(value: T, dossier: Dossier, accepted: Sequence[Proposal], *, blank: bool = True) -> T:
    """`value` (the dossier, or anything of it) with the accepted proposals hidden; `blank`:
    a contact field hidden is empty (the JSON) rather than "[weggelaten]" (the PDF)."""
    return redact(value, accepted, protect=family_names(dossier), blank=blank)


def open_access_requests(uow: UnitOfWork, case_id: int) -> list[RequestDTO]:
    """The access requests of the case not delivered yet, the most recent first."""
    return [
        r
        for r in privacy.list_requests(uow, case_id)
        if r.kind == RequestKind.ACCESS and r.is_open and r.delivered_on is None
    ]


# ---------------------------------------------------------------- delivering


#: What the consultant is told when the dossier's access log is not the whole log.
class FilesExist(JeugdtoolError):
    """The dossier's files are in the folder already; nothing was overwritten."""


class Cancelled(JeugdtoolError):
    """The consultant stopped the work; no file was written."""


class WorkingNotesMissing(JeugdtoolError):
    """Colleagues' working notes are not in the dossier (team mode): it would be incomplete,
    and the request would count as answered. Nothing is registered or written."""


def file_names(case_number: str, day: dt.date) -> tuple[str, str]:
    """The PDF's and the case file's names: "inzage-2026-0012-2026-12-06.pdf" and ".json"."""
    safe = re.sub(r"[^\w.-]+", "_", case_number)  # a case number is no path
    stem = f"inzage-{safe}-{day.isoformat()}"
    return f"{stem}.pdf", f"{stem}.json"


def targets(folder: str | os.PathLike[str], case_number: str, day: dt.date) -> tuple[Path, Path]:
    pdf, case_file = file_names(case_number, day)
    return Path(folder) / pdf, Path(folder) / case_file


def existing(paths: Sequence[Path]) -> list[Path]:
    """Those of `paths` that exist already (the window asks before replacing them)."""
    return [p for p in paths if p.exists()]


@dataclass(frozen=True)
class Delivery:
    pdf: Path
    case_file: Path
    #: The request as delivered.
    request: RequestDTO
    #: The proposals that were hidden.
    hidden: tuple[Proposal, ...]
    pages: int
    #: Why the disclosure log has no row for the files ("" when it has): show it.
    unlogged: str = ""


@dataclass(frozen=True)
class Requester:
    """The request to deliver: an open one by id, or a new one (received on, from whom)."""

    request_id: int | None = None
    received_on: dt.date | None = None
    requested_by: str = ""


#: Told each step as it starts: (step, of steps, what).
Progress = Callable[[int, int, str], None]


def _request(uow: UnitOfWork, case_id: int, who: Requester, today: dt.date) -> RequestDTO:
    if who.request_id is None:
        return privacy.register_request(
            uow, case_id, RequestKind.ACCESS, who.received_on or today, who.requested_by
        )
    for found in open_access_requests(uow, case_id):
        if found.id == who.request_id:
            return found
    raise InvalidInput(
        Problem(
            "request",
            _(
                "This case has no open access request with number {id}. Choose an open "
                "request, or register a new one."
            ).format(id=who.request_id),
        )
    )


def _refreshed(uow: UnitOfWork, case_id: int, dossier: Dossier) -> Dossier:
    """The dossier with its registers read again (the request just registered is in it)."""
    return replace(
        dossier,
        requests=tuple(_request_line(r) for r in privacy.list_requests(uow, case_id)),
        disclosures=_disclosure_lines(uow, case_id),
    )


def _check_free(paths: Sequence[Path], overwrite: bool) -> None:
    """Before anything is registered: the folder exists, and holds no file of these names."""
    folder = paths[0].parent
    if not folder.is_dir():
        raise PdfWriteError(
            _("The folder {folder} does not exist. Choose an existing folder.").format(
                folder=folder
            )
        )
    taken = [] if overwrite else existing(paths)
    if taken:
        raise FilesExist(
            _(
                "The folder already holds {files}. Choose another folder, or move the old "
                "files first. Nothing was written."
            ).format(files=", ".join(str(p) for p in taken))
        )


def deliver(
    uow: UnitOfWork,
    case_id: int,
    dossier: Dossier,
    folder: str | os.PathLike[str],
    accepted: Sequence[Proposal],
    who: Requester,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Delivery:
    """Register (or take) the request, write the PDF and the JSON with `accepted` hidden, mark
    the request delivered and record the disclosure. Existing files are only replaced with
    `overwrite`. A cancel before writing leaves no file (a new request stays registered).
    Refused (WorkingNotesMissing) while colleagues' working notes are not in the dossier."""
    from jeugdtool.export.pdf import dossier as dossier_pdf  # reportlab is heavy

    missing = missing_working_notes(dossier)
    if missing:  # the family has a right to every working note: no partial answer
        nothing = _("Nothing was registered or written.")
        raise WorkingNotesMissing(f"{missing} {nothing}")
    say = progress or (lambda _step, _of, _what: None)
    today = dossier.made_on
    pdf_path, json_path = targets(folder, dossier.case_number, today)
    _check_free((pdf_path, json_path), overwrite)
    say(1, 4, _("Registering the request…"))
    request = _request(uow, case_id, who, today)
    for_pdf = hide(_refreshed(uow, case_id, dossier), dossier, accepted, blank=False)
    say(2, 4, _("Making the PDF…"))
    access.record(
        uow,
        AccessAction.PDF,
        case_id,
        detail=_("access request, for: {who}").format(who=request.requested_by),
    )
    rendered = dossier_pdf.render(
        for_pdf,
        request_for=request.requested_by,
        hidden=hide([p.shown for p in accepted], dossier, accepted),
        author=uow.author,
    )
    if cancelled():
        raise Cancelled(_("Stopped: no file was written."))
    say(3, 4, _("Writing the files…"))
    write_atomically(rendered.data, pdf_path)
    write_case_file(hide(dossier.case_file, dossier, accepted), json_path)
    say(4, 4, _("Registering the delivery…"))
    delivered = privacy.mark_delivered(uow, request.id, request.version, today)
    what = Disclosed(
        DisclosureKind.ACCESS_REQUEST,
        f"{pdf_path.name}, {json_path.name}",
        request.requested_by,
        tuple(_(p) for p in PARTS),
    )
    logged = log_written(uow, [case_id], what, pdf_path)
    return Delivery(
        pdf_path, json_path, delivered, tuple(accepted), rendered.pages, logged.unlogged
    )
