"""The File menu's case files: import, export and the demo households.

The export package (and jsonschema behind it) is imported when first used, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.errors import InvalidInput, JeugdtoolError, Problem
from jeugdtool.i18n import _, ngettext

from jeugdtool.ui import ops
from jeugdtool.ui.context import AppContext

CASE_FILES = "{} (*.json);;{} (*)"
#: At most this many problems are listed; a file with more has a deeper fault.
MAX_PROBLEMS_SHOWN = 15


def _filters() -> str:
    return CASE_FILES.format(_("Case files"), _("All files"))


def problems_message(intro: str, problems: list[Problem]) -> str:
    """Each problem on its own line, with where in the file it is."""
    lines = [
        f"• {p.field}: {p.message}" if p.field else f"• {p.message}"
        for p in problems[:MAX_PROBLEMS_SHOWN]
    ]
    hidden = len(problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        lines.append(
            ngettext("… and {n} more problem", "… and {n} more problems", hidden).format(n=hidden)
        )
    return "\n\n".join([intro, "\n".join(lines)])


def import_case_file(ctx: AppContext) -> HouseholdDTO | None:
    """Ask for a case file and import it; every problem is reported and nothing is imported."""
    from jeugdtool.export import casefile

    path = ctx.dialogs.open_file(_("Import a case"), _filters())
    if not path:
        return None
    try:
        doc = casefile.read_case_file(path)
        return _import(ctx, casefile, doc)
    except InvalidInput as exc:
        intro = _("The case file {path} was not imported, because:").format(path=path)
        ctx.dialogs.error(problems_message(intro, exc.problems), _("Case not imported"))
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc), _("Case not imported"))
    return None


def _import(ctx: AppContext, casefile: ModuleType, doc: dict) -> HouseholdDTO | None:
    try:
        return ctx.run(casefile.import_case, doc)
    except casefile.CaseExists as exc:
        question = _("{problem}\n\nImport it as a new case with the next free case number?")
        if not ctx.dialogs.confirm(question.format(problem=exc.problems[0].message)):
            return None
        return ctx.run(casefile.import_case, doc, as_new=True)


def export_case_file(ctx: AppContext, case_id: int) -> str | None:
    """Ask where to save the case and write it; the path written, or None."""
    from jeugdtool.export import casefile

    path: str | None = None
    try:
        household = queries.get_case(ctx.uow, case_id).household
        path = ctx.dialogs.save_file(
            _("Export a case"), f"{household.case_number}.json", _filters()
        )
        if not path:
            return None
        casefile.write_case_file(casefile.export_case(ctx.uow, case_id), path)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc), _("Case not exported"))
        return None
    except OSError as exc:
        ctx.dialogs.error(
            _(
                "The case could not be saved as {path}: {reason}. Choose another "
                "folder or file name."
            ).format(path=path, reason=exc.strerror),
            _("Case not exported"),
        )
        return None
    ctx.signals.status_message.emit(_("Case exported to {path}").format(path=path))
    return path


def load_demo(
    ctx: AppContext, parent: QWidget, on_done: Callable[[list[HouseholdDTO]], None] | None = None
) -> None:
    """Fill the database with the fictional demo households, off the GUI thread."""
    from jeugdtool.export import demo

    def done(cases: list[HouseholdDTO]) -> None:
        ctx.signals.status_message.emit(
            ngettext("{n} demo household loaded", "{n} demo households loaded", len(cases)).format(
                n=len(cases)
            )
        )
        if on_done is not None:
            on_done(cases)

    ops.run_op(
        ctx, parent, demo.load_demo, label=_("Loading the demo households…"), on_success=done
    )
