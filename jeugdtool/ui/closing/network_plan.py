"""The network's plan for after closure as a PDF from the window: asked for in the closing
dialog ("next"), from the closed case's banner and from the Case menu. Written the way every
PDF of a case is: the consultant chooses where, it is recorded in the disclosure log as handed
to the family and its network, and the app offers to open it."""

from __future__ import annotations

from pathlib import Path

from jeugdtool.cases.queries import get_case
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

from jeugdtool.ui.context import AppContext


def save_network_plan(ctx: AppContext, case_id: int) -> Path | None:
    """Ask where, write the network's plan and say where it went: the file, or None
    (cancelled, or the reason was shown and nothing was written)."""
    from jeugdtool.export.pdf.network_plan import network_plan_file_name
    from jeugdtool.export.pdf.network_plan import write_network_plan

    from jeugdtool.ui.export.pdf_dialog import ask_pdf_target
    from jeugdtool.ui.export.pdf_dialog import wait_cursor
    from jeugdtool.ui.workspace.disclosures import pdf_saved

    try:
        number = get_case(ctx.uow, case_id).household.case_number
    except JeugdtoolError as exc:  # the case was removed in the meantime
        ctx.dialogs.error(str(exc), _("PDF not saved"))
        return None
    target = ask_pdf_target(
        ctx, _("Save the network's plan after closure"), network_plan_file_name(number)
    )
    if target is None:
        return None
    try:
        with wait_cursor():
            written = write_network_plan(ctx.uow, case_id, target)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc), _("PDF not saved"))
        return None
    pdf_saved(
        ctx,
        written,
        case_id,
        _(
            "The network's plan after closure was saved as {path}. Hand it to the family and "
            "the people of their network."
        ).format(path=written.path),
        _("PDF saved"),
    )
    return Path(written.path)
