""" "PDF for the file": one meldcode record as a PDF for the case file (not for partners, so the
disclosure log gets no row), saved where the consultant chooses."""

from __future__ import annotations

from pathlib import Path

from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

from jeugdtool.ui.context import AppContext


def save_record_pdf(ctx: AppContext, record: MeldcodeRecordDTO, case_number: str) -> Path | None:
    """Ask where, write the PDF and say where it went: the file, or None (cancelled, or the
    reason was shown and nothing was written)."""
    from jeugdtool.export.pdf.meldcode_record import meldcode_pdf

    from jeugdtool.ui.export.pdf_dialog import ask_pdf_target
    from jeugdtool.ui.export.pdf_dialog import wait_cursor

    suggested = _("meldcode {number} {case}.pdf").format(number=record.number, case=case_number)
    target = ask_pdf_target(ctx, _("Save the meldcode record as PDF"), suggested)
    if target is None:
        return None
    try:
        with wait_cursor():
            written = Path(meldcode_pdf(ctx.uow, record.id, target).path)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc), _("PDF not saved"))
        return None
    ctx.signals.status_message.emit(_("PDF saved as {path}").format(path=written))
    ctx.dialogs.written(
        written,
        _("The meldcode record was saved as {path}.").format(path=written),
        _("PDF saved"),
    )
    return written
