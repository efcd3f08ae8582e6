"""After a file about cases was written: record it in their disclosure logs, or say why not.

Every way a PDF or case file leaves the program (the PDF dialog, the batch export, the case
file, the minutes, the command line) writes through a function of the export layer that ends
here, so the rule lives once. The file exists by then: a log that cannot be written does not
undo the export, but `Written.unlogged` says so, and the caller must show it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jeugdtool.cases import disclosures
from jeugdtool.cases.privacy_models import DisclosureKind
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import StorageFault
from jeugdtool.errors import unexpected_summary
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import section_codes
from jeugdtool.export.selection import section_label
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Disclosed:
    """What the log will say about a file: which kind, its title, for whom, which parts."""

    kind: DisclosureKind
    document: str
    recipient: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Written:
    path: Path
    #: Why the disclosure log has no row for this file, for the user; "" when it was recorded.
    unlogged: str = ""
    #: The cause alone (for a list of several files): "" when it was recorded.
    why: str = ""
    #: The log could not be written because of a fault (full disk, lost connection…), not
    #: because the database may only be read on purpose: something to act on.
    fault: bool = False

    @property
    def logged(self) -> bool:
        return not self.unlogged


# ---------------------------------------------------------------- what is recorded


def pdf_disclosure(selection: Selection, title: str) -> Disclosed:
    """A PDF: for whom the selection is, the chosen sections and the personal details."""
    chosen = [
        section_label(selection.document, code)
        for code in section_codes(selection.document)
        if selection.includes(code)
    ]
    details = [
        _("with birth dates") if selection.birth_dates else _("without birth dates"),
        _("with phone numbers and e-mail addresses")
        if selection.contact_details
        else _("without phone numbers and e-mail addresses"),
        _("with people not involved in the agreements")
        if selection.uninvolved_persons
        else _("without people not involved in the agreements"),
        _("with health, addiction and justice data")
        if selection.special_categories
        else _("without health, addiction and justice data"),
    ]
    return Disclosed(DisclosureKind.PDF, title, selection.audience, (*chosen, *details))


#: What a case file holds (export/casefile.py): all of it, always.
CASE_FILE_PARTS = (
    N_("household and persons, with birth dates"),
    N_("network, with phone numbers and e-mail addresses"),
    N_("mapping moments, statements and scale scores"),
    N_("safety plans"),
    N_("ZRM assessments"),
    N_("meetings in which the case was discussed"),
)


def case_file_disclosure(recipient: str) -> Disclosed:
    return Disclosed(
        DisclosureKind.CASE_FILE,
        _("Case file (the whole case)"),
        recipient,
        tuple(_(part) for part in CASE_FILE_PARTS),
    )


def minutes_disclosure(title: str, *, names_hidden: bool, recipient: str = "") -> Disclosed:
    """Minutes: each case on the agenda went out with its own agenda item."""
    parts = (
        _("the case's agenda item: question, scale round, notes, advice, decisions, follow-ups"),
        _("names hidden (initials and roles)") if names_hidden else _("names shown"),
    )
    return Disclosed(DisclosureKind.PDF, title, recipient, parts)


# ---------------------------------------------------------------- recording


def log_written(uow: UnitOfWork, case_ids: Sequence[int], what: Disclosed, path: Path) -> Written:
    """Record `what` for each case, now that `path` exists (one transaction). Never raises a
    JeugdtoolError: the file is written, so a failure to record becomes `Written.unlogged`."""
    if uow.database.read_only:  # opened read-only on purpose: nothing may be written
        why = _("this database can only be read")
        return Written(path, _read_only_message(path), why)
    try:
        disclosures.record_for_cases(
            uow, case_ids, what.kind, what.document, what.recipient, what.parts
        )
    except JeugdtoolError as exc:
        log.warning("disclosure not logged: %s", unexpected_summary(exc))
        why = _cause(exc)
        return Written(path, _fault_message(path, why), why, fault=True)
    return Written(path)


def _cause(exc: JeugdtoolError) -> str:
    """The cause in a few words: a storage fault's own message says "nothing was saved",
    which is not true of the file, so only its cause is told."""
    if isinstance(exc, StorageFault):
        return _(exc.cause)
    return str(exc).strip().rstrip(".")


def _read_only_message(path: Path) -> str:
    return _(
        "{path} was saved, but it was not recorded in the disclosure log of the case: this "
        "database can only be read. Write down for whom it is and which parts it holds, and "
        "export it again once the database can be written, so that it is recorded."
    ).format(path=path)


def _fault_message(path: Path, why: str) -> str:
    return _(
        "{path} was saved, but it could not be recorded in the disclosure log of the case: "
        "{reason}.\nThe file exists. Solve this and export it again (the same file may be "
        "replaced), so that the log says for whom it is; or delete the file if you do not "
        "hand it out."
    ).format(path=path, reason=why)
