"""One way in for every PDF document: render a case's plan, map or ZRM summary with the
consultant's selection, or write it to a file. The case window, the batch export and the
command line all call these, so they cannot drift apart.

Each document module offers `render_<kind>_document(uow, order) -> Rendered`; they are
imported when first used (reportlab is heavy).
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from jeugdtool.cases import access
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.disclose import Written
from jeugdtool.export.disclose import log_written
from jeugdtool.export.disclose import pdf_disclosure
from jeugdtool.export.pdf.files import write_atomically
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import check_selection
from jeugdtool.export.selection import section_codes
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork


@dataclass(frozen=True)
class Rendered:
    data: bytes
    #: A safe file name to propose (`veiligheidsplan-2026-0012-v3.pdf`).
    file_name: str
    #: The document's title, as in its metadata.
    title: str
    pages: int


@dataclass(frozen=True)
class Order:
    """One document to render, as `render` was asked for it."""

    #: The case (its database id).
    case_id: int
    #: The document (`selection.document`) and the consultant's cut of it.
    selection: Selection
    #: The plan version number or the mapping moment id; None: the document's own default.
    version: int | None
    #: "nl" or "en"; None: the user's language.
    language: str | None
    #: The day the document is made on (in its page border and front page).
    today: dt.date


#: Document -> (module, function) that renders it.
_RENDERERS: dict[Document, tuple[str, str]] = {
    Document.PLAN: ("jeugdtool.export.pdf.plan", "render_plan_document"),
    Document.MAP: ("jeugdtool.export.pdf.framework_map", "render_map_document"),
    Document.ZRM: ("jeugdtool.export.pdf.zrm_summary", "render_zrm_document"),
}

#: What the access log calls each document.
_LOGGED_AS = {
    Document.PLAN: N_("safety plan"),
    Document.MAP: N_("framework map"),
    Document.ZRM: N_("ZRM summary"),
}


def access_detail(selection: Selection) -> str:
    """The access log's detail for a PDF: which document, and for whom the selection is."""
    document = _(_LOGGED_AS[selection.document])
    if not selection.audience.strip():
        return _("{document}, for whom: not given").format(document=document)
    return _("{document}, for: {audience}").format(
        document=document, audience=selection.audience.strip()
    )


def render(
    uow: UnitOfWork,
    case_id: int,
    selection: Selection,
    *,
    version: int | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> Rendered:
    """The document `selection.document` of the case, as PDF bytes. `version`: the plan
    version number or the mapping moment id (None: the sensible default of each document).
    Every PDF is logged first (access log, with "for whom"): when that fails, none is made."""
    access.record(uow, AccessAction.PDF, case_id, detail=access_detail(selection))
    module, function = _RENDERERS[selection.document]
    renderer = getattr(importlib.import_module(module), function)
    order = Order(case_id, selection, version, language, today or dt.date.today())
    return renderer(uow, order)


def export(
    uow: UnitOfWork,
    case_id: int,
    selection: Selection,
    path: str | os.PathLike[str],
    *,
    version: int | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> Written:
    """Render and `save` to `path`: written whole, then recorded in the disclosure log."""
    done = render(uow, case_id, selection, version=version, language=language, today=today)
    return save(uow, case_id, selection, done, path)


def save(
    uow: UnitOfWork,
    case_id: int,
    selection: Selection,
    rendered: Rendered,
    path: str | os.PathLike[str],
) -> Written:
    """Write a rendered document atomically (PdfWriteError: nothing was written), then record
    for whom and which parts in the case's disclosure log. The window, the batch export and
    the command line all save through here; `Written.unlogged` says when the log failed."""
    written = write_atomically(rendered.data, path)
    return log_written(uow, [case_id], pdf_disclosure(selection, rendered.title), written)


class UnknownSections(JeugdtoolError):
    """A part named that the document does not have; the message lists the ones it has."""


def changed_selection(
    selection: Selection, *, sections: str | None = None, **changes: Any
) -> Selection:
    """`selection` with the choices that are given (not None) changed and checked: `sections`
    as comma-separated codes ("agreements,network"), `audience`, `birth_dates`,
    `contact_details`, `uninvolved_persons`, `special_categories`."""
    given: dict[str, Any] = {k: v for k, v in changes.items() if v is not None}
    if sections is not None:
        codes = {c.strip() for c in sections.split(",") if c.strip()}
        known = section_codes(selection.document)
        unknown = sorted(codes - set(known))
        if unknown:
            raise UnknownSections(
                _("Unknown part(s): {unknown}. The parts of this document are: {known}.").format(
                    unknown=", ".join(unknown), known=", ".join(known)
                )
            )
        given["sections"] = frozenset(codes)
    return check_selection(replace(selection, **given))
