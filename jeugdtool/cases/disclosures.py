"""The disclosure log: every document or case file about a case that left the program — for
whom, which parts, when and by whom (issue 13; the family sees it in the access-request dossier).

The export layer calls `record` right after a file was written successfully (never before: a
file that was not made was not given to anyone). The rules for what a row may hold are pure
functions (`check_disclosure`, `check_recipient`), so the window and the command line can check
"for whom" before anything is written. The file's path is never stored: it may hold names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Household
from jeugdtool.cases.privacy_models import Disclosure
from jeugdtool.cases.privacy_models import DisclosureKind
from jeugdtool.errors import NotFound
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.base import utcnow
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import newest_first
from jeugdtool.store.uow import UnitOfWork

#: The longest document title, recipient and author the table holds (String(200)).
MAX_TEXT = 200
#: Between the parts in the `parts` column; a part never contains it (see `join_parts`).
PART_SEPARATOR = "; "

_KIND_LABELS = {
    DisclosureKind.PDF: N_("PDF"),
    DisclosureKind.CASE_FILE: N_("Case file"),
    DisclosureKind.ACCESS_REQUEST: N_("Access request"),
}


@dataclass(frozen=True)
class DisclosureDTO:
    id: int
    household_id: int
    at: dt.datetime
    kind: DisclosureKind
    #: What left: the document's title ("Veiligheidsplan … versie 3"), or "Casusbestand".
    document: str
    #: For whom; "" when nobody was named (shown as "not given").
    recipient: str
    parts: tuple[str, ...]
    made_by: str

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def recipient_label(self) -> str:
        return recipient_label(self.recipient)


@dataclass(frozen=True)
class CleanDisclosure:
    """A row's content, checked and tidied, as it is stored."""

    kind: DisclosureKind
    document: str
    recipient: str
    parts: str


# ---------------------------------------------------------------- the rules (pure)


def kind_label(kind: DisclosureKind | str) -> str:
    return _(_KIND_LABELS[DisclosureKind(kind)])


def recipient_label(recipient: str) -> str:
    """For whom, as the log shows it: an empty recipient reads "not given"."""
    return recipient.strip() or _("not given")


def _tidy(value: str) -> str:
    # NUL is invisible and PostgreSQL refuses it; line breaks would break the one-line log.
    return " ".join(str(value or "").replace("\x00", "").split())


def check_recipient(value: str | None) -> str:
    """The recipient ("for whom"), tidied; InvalidInput (field "recipient") when too long. Empty is
    allowed: the log then says "not given". Check it before the file is written."""
    return v.text("recipient", _tidy(value or ""), label=_("'For whom'"), max_len=MAX_TEXT)


def shorten(value: str, limit: int = MAX_TEXT) -> str:
    """`value` tidied and cut to `limit` characters with "…": a title the program made is
    recorded, never refused (the file exists by then)."""
    tidy = _tidy(value)
    return tidy if len(tidy) <= limit else tidy[: limit - 1].rstrip() + "…"


def join_parts(parts: Iterable[str]) -> str:
    """The parts as stored: tidied, empty and repeated ones dropped, "; " between them (a ";"
    inside a part becomes "," so the stored text splits back into the same parts)."""
    seen: list[str] = []
    for part in parts:
        tidy = _tidy(part).replace(";", ",")
        if tidy and tidy not in seen:
            seen.append(tidy)
    return PART_SEPARATOR.join(seen)


def split_parts(stored: str) -> tuple[str, ...]:
    return tuple(p for p in (s.strip() for s in stored.split(PART_SEPARATOR.strip())) if p)


def check_disclosure(
    kind: DisclosureKind | str, document: str, recipient: str, parts: Sequence[str]
) -> CleanDisclosure:
    """What `record` stores. An unknown kind or a document without a name is a programming
    error (ValueError); a recipient that is too long is the user's (InvalidInput)."""
    kind = DisclosureKind(kind)
    title = shorten(document)
    if not title:
        raise ValueError("a disclosure names its document")
    return CleanDisclosure(kind, title, check_recipient(recipient), join_parts(parts))


# ---------------------------------------------------------------- the services


def record(
    uow: UnitOfWork,
    case_id: int,
    kind: DisclosureKind,
    document: str,
    recipient: str,
    parts: Sequence[str],
) -> DisclosureDTO:
    """Log that `document` of the case went out, in its own short transaction. Call it right
    after the file was written successfully. StorageFault when the row cannot be written."""
    [row] = record_for_cases(uow, [case_id], kind, document, recipient, parts)
    return row


def record_for_cases(
    uow: UnitOfWork,
    case_ids: Sequence[int],
    kind: DisclosureKind,
    document: str,
    recipient: str,
    parts: Sequence[str],
    *,
    at: dt.datetime | None = None,
) -> list[DisclosureDTO]:
    """One row per case, all in one transaction (a meeting's minutes concern every case on
    the agenda): either every case's log has the document, or none has. `at`: now, unless
    the demo data says when it happened."""
    clean = check_disclosure(kind, document, recipient, parts)
    at = at or utcnow()
    with uow:
        rows = [_new_row(uow, case_id, clean, at) for case_id in dict.fromkeys(case_ids)]
        uow.flush()
        for row in rows:  # in team mode the server wrote who and when (jt_stamp_disclosure)
            uow.session.refresh(row)
        done = [_dto(r) for r in rows]
        uow.commit()
    return done


def _new_row(uow: UnitOfWork, case_id: int, clean: CleanDisclosure, at: dt.datetime) -> Disclosure:
    if uow.session.get(Household, case_id) is None:
        raise NotFound(_("This case no longer exists, so nothing was recorded about it."))
    row = Disclosure(
        household_id=case_id,
        at=at,
        kind=clean.kind.value,
        document=clean.document,
        recipient=clean.recipient,
        parts=clean.parts,
        made_by=shorten(uow.author),
        person_id=uow.person_id or None,
    )
    uow.session.add(row)
    return row


def list_disclosures(uow: UnitOfWork, case_id: int) -> list[DisclosureDTO]:
    """Everything that went out about the case, newest first."""
    with uow:
        rows = newest_first(uow.session, Disclosure.household_id, case_id, Disclosure.at)
        return [_dto(r) for r in rows]


def _dto(row: Disclosure) -> DisclosureDTO:
    try:
        kind = DisclosureKind(row.kind)
    except ValueError:  # written by a newer jeugdtool: shown as a PDF rather than hidden
        kind = DisclosureKind.PDF
    return as_dto(DisclosureDTO, row, kind=kind, parts=split_parts(row.parts))
