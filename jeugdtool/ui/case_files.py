"""The File menu's case files: import, export and the demo households.

The export package (and jsonschema behind it) is imported when first used, not at start-up.
Importing reads and checks the file off the GUI thread (a large file takes seconds) with a
progress dialog that can be cancelled, and writes the case in a second, short job: on SQLite
every transaction holds the write lock, so other programs are kept waiting only for the insert.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui import ops
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import CASE_FILE_KIND

if TYPE_CHECKING:
    from jeugdtool.export.casefile import CaseExists
    from jeugdtool.export.casefile import CheckedCase

OnImported = Callable[[HouseholdDTO], None]

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


def import_case_file(
    ctx: AppContext, parent: QWidget, on_done: OnImported | None = None, path: str | None = None
) -> ops.BackgroundTask[CheckedCase] | None:
    """Import the case file `path` (None: ask for one); every problem is reported and nothing
    is imported. A file dropped on the window (ui/case_drop.py) comes this way too.

    The file is read and checked in the background (Cancel stops it; nothing was written);
    then, after asking whether a case whose number is taken is imported as a new case, it is
    added in one short transaction, and `on_done(case)` runs on the GUI thread. A child of it
    who had help before in another, closed case is asked about then (ui/closing/new_start.py).
    """
    from jeugdtool.export import casefile

    path = path or ctx.dialogs.open_file(_("Import a case"), _filters(), kind=CASE_FILE_KIND)
    if not path:
        return None
    uow = ctx.uow.sibling()  # the worker's own; the GUI's stays free

    def check(progress: ops.Progress) -> CheckedCase:
        progress.step(_("Reading {file}…").format(file=Path(path).name))
        doc = casefile.read_case_file(path)
        progress.step(_("Checking the case in {file}…").format(file=Path(path).name))
        return casefile.check_case(uow, doc)

    return ops.run_cancellable(
        ctx,
        parent,
        check,
        label=_("Reading the case file…"),
        on_success=lambda checked: _add(ctx, parent, path, checked, on_done),
        on_failure=lambda exc: _not_imported(ctx, path, exc),
    )


def _not_imported(ctx: AppContext, path: str, exc: JeugdtoolError) -> None:
    if isinstance(exc, InvalidInput):
        intro = _("The case file {path} was not imported, because:").format(path=path)
        ctx.dialogs.error(problems_message(intro, exc.problems), _("Case not imported"))
    else:
        ctx.dialogs.error(str(exc), _("Case not imported"))


def _as_new_case(ctx: AppContext, exists: CaseExists) -> bool:
    question = _("{problem}\n\nImport it as a new case with the next free case number?")
    return ctx.dialogs.confirm(question.format(problem=exists.problems[0].message))


def _add(
    ctx: AppContext,
    parent: QWidget,
    path: str,
    checked: CheckedCase,
    on_done: OnImported | None,
    *,
    as_new: bool = False,
) -> None:
    """Add the checked case (asking first when its number is taken), in a short job."""
    from jeugdtool.export import casefile

    if checked.number_taken and not as_new:
        if not _as_new_case(ctx, casefile.CaseExists(checked.case_number)):
            return
        as_new = True

    # Team mode: the case becomes the importer's, in their team (the file's case manager may
    # not even work here); a single-user file keeps the file's case manager.
    assign_to = staff.default_assignment(ctx.staff) if ctx.team_mode else None

    def failed(exc: JeugdtoolError) -> None:
        if isinstance(exc, casefile.CaseExists) and not as_new:  # taken since the check
            if _as_new_case(ctx, exc):
                _add(ctx, parent, path, checked, on_done, as_new=True)
            return
        _not_imported(ctx, path, exc)

    ops.run_op(
        ctx,
        parent,
        lambda uow: casefile.add_checked_case(uow, checked, as_new=as_new, assign_to=assign_to),
        label=_("Adding the case…"),
        on_success=lambda case: _added(ctx, case, checked, on_done),
        on_failure=failed,
    )


def _added(
    ctx: AppContext, case: HouseholdDTO, checked: CheckedCase, on_done: OnImported | None
) -> None:
    """The case is in: show it, say whose working notes stayed out, then ask about each
    child of it who had help before in another case (a new start, recorded as an undo step
    right after the import)."""
    from jeugdtool.export.casefile import left_out_notes_message

    from jeugdtool.ui.closing.new_start import ask_after_import

    if on_done is not None:
        on_done(case)
    left_out = left_out_notes_message(checked)
    if left_out:
        ctx.dialogs.info(left_out, _("Case imported"))
    try:
        ask_after_import(ctx, case.id)
    except JeugdtoolError as exc:  # the case is in; only the question could not be asked
        ctx.dialogs.error(str(exc))


def ask_recipient(ctx: AppContext) -> str | None:
    """For whom the case file is (optional: empty is "not given"); None when cancelled."""
    answer = ctx.dialogs.ask_text(
        _(
            "For whom is this case file? For example: the new care provider. It is recorded "
            "in the case's disclosure log with the date; leave it empty if you cannot say."
        ),
        _("Export a case"),
    )
    return None if answer is None else " ".join(answer.split())


def export_case_file(ctx: AppContext, case_id: int) -> str | None:
    """Ask for whom and where, write the case and record it in the case's disclosure log;
    the path written, or None."""
    from jeugdtool.cases.disclosures import check_recipient
    from jeugdtool.export import casefile

    from jeugdtool.ui.workspace.disclosures import after_export

    path: str | None = None
    try:
        household = queries.get_case(ctx.uow, case_id).household
        recipient = ask_recipient(ctx)
        if recipient is None:
            return None
        check_recipient(recipient)  # before the file dialog: a mistake costs no file
        path = ctx.dialogs.save_file(
            _("Export a case"), f"{household.case_number}.json", _filters(), kind=CASE_FILE_KIND
        )
        if not path:
            return None
        written = casefile.save_case_file(ctx.uow, case_id, path, recipient=recipient)
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
    after_export(ctx, written, [case_id], _("Case saved, not in the disclosure log"))
    ctx.dialogs.written(
        path, _("The case was saved as {path}.").format(path=path), _("Case exported")
    )
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
