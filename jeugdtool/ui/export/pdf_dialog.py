"""Export one case as a PDF: choose the document, its version and what goes in, then where.

The dialog opens with the case's remembered selection for the document and stays open when
something goes wrong (no plan yet, an unwritable folder), so the user can choose again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.before_export import export_notices
from jeugdtool.export.pdf.plan_data import choose_version
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import check_selection
from jeugdtool.export.selection import get_selection
from jeugdtool.export.selection import remember_selection
from jeugdtool.framework.moments import list_moments
from jeugdtool.framework.plans import list_versions
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import PDF_FILES
from jeugdtool.ui.export.notices import ExportNotices
from jeugdtool.ui.export.selection_form import SelectionForm
from jeugdtool.ui.export.selection_form import choices_pane
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error
from jeugdtool.ui.workspace.disclosures import pdf_saved

#: The documents in the order the dialog offers them.
DOCUMENTS = (
    (Document.PLAN, N_("Safety plan")),
    (Document.MAP, N_("Framework map")),
    (Document.ZRM, N_("ZRM summary")),
)
PDF_FILTER = "{} (*.pdf)"


def ask_pdf_target(ctx: AppContext, title: str, suggested: str) -> Path | None:
    """Ask where to save a PDF (the remembered PDF folder, `suggested` as the name): the path,
    with ".pdf" added when it was typed without it ("plan voor school"); None: cancelled."""
    path = ctx.dialogs.save_file(
        title, suggested, PDF_FILTER.format(_("PDF documents")), kind=PDF_FILES
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(f"{target.name}.pdf")
    return target


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def version_choices(
    ctx: AppContext, case_id: int, document: Document
) -> tuple[list[tuple[str, int]], int | None]:
    """The versions a document can be made from, newest first, as (label, version), and the
    default: the plan's newest finalised version (the draft if none is), the newest mapping."""
    if document is Document.PLAN:
        versions = list_versions(ctx.uow, case_id)
        chosen = choose_version(versions)
        choices = [
            (
                _("Version {number}, finalised {date}").format(
                    number=v.number, date=format_date_nl(v.finalised_on)
                )
                if v.is_final
                else _("Version {number}: draft (printed as CONCEPT)").format(number=v.number),
                v.number,
            )
            for v in sorted(versions, key=lambda v: -v.number)
        ]
        return choices, chosen.number if chosen else None
    if document is Document.MAP:
        moments = list_moments(ctx.uow, case_id)  # oldest first
        choices = [
            (_("Mapping of {date}").format(date=format_date_nl(m.held_on)), m.id)
            for m in reversed(moments)
        ]
        return choices, moments[-1].id if moments else None
    return [], None


class PdfExportDialog(QDialog):
    """Export… renders the PDF, asks where to save it and writes it; then the dialog closes."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        document: Document = Document.PLAN,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        household = queries.get_case(ctx.uow, case_id).household
        #: The file written, once the export succeeded.
        self.written: Path | None = None
        self.setWindowTitle(
            _("Export as PDF — {number} {name}").format(
                number=household.case_number, name=household.name
            )
        )
        self._build(document)
        #: The notices wait until the user stops typing for whom (each refresh reads the case).
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(200)
        self._notice_timer.timeout.connect(self.refresh_notices)
        self.document_combo.currentIndexChanged.connect(self._on_document_changed)
        self.version_combo.currentIndexChanged.connect(lambda _index: self._notice_timer.start())
        self.form.changed.connect(lambda: self._notice_timer.start())
        self._on_document_changed()

    def _build(self, document: Document) -> None:
        self.document_combo = QComboBox(self)
        for kind, label in DOCUMENTS:
            self.document_combo.addItem(_(label), kind)
        self.document_combo.setCurrentIndex(self.document_combo.findData(document))
        self.version_combo = QComboBox(self)
        self.version_label = QLabel(self)
        self.version_label.setBuddy(self.version_combo)
        self.version_note = QLabel(self)
        self.version_note.setWordWrap(True)
        document_label = QLabel(_("&Document:"), self)
        document_label.setBuddy(self.document_combo)
        self.top_form = form = QFormLayout()
        form.addRow(document_label, self.document_combo)
        form.addRow(self.version_label, self.version_combo)
        form.addRow("", self.version_note)
        self.form = SelectionForm(document, self, form)
        self.notices = ExportNotices(self)
        self.error = error_label(self)
        self.buttons = ok_cancel(self, _("&Export…"))
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # The notices beside the choices, as tall as they are: the dialog stays low enough
        # for a laptop screen, and the user sees a choice and its effect side by side.
        columns = QHBoxLayout()
        columns.addWidget(choices_pane(self, form, self.form), 3)
        columns.addSpacing(12)
        columns.addWidget(self.notices, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 70)

    @property
    def document(self) -> Document:
        return Document(self.document_combo.currentData())  # Qt hands back the plain str

    def version(self) -> int | None:
        return None if self.document is Document.ZRM else self.version_combo.currentData()

    def _on_document_changed(self) -> None:
        document = self.document
        self.form.set_selection(get_selection(self.ctx.uow, self.case_id, document))
        self._fill_versions(document)
        show_error(self.error, [])
        self.refresh_notices()
        if self.isVisible():  # once the new check boxes are shown (Qt does that queued)
            QTimer.singleShot(0, self._fit)
        else:
            self._fit()

    def _fit(self) -> None:
        """As tall as the wrapped explanations need (a window's size hint ignores wrapping)."""
        width = self.width() if self.isVisible() else self.minimumWidth()
        self.layout().activate()
        height = self.layout().totalHeightForWidth(width)  # -1: nothing wraps to the width
        self.resize(width, max(height, self.sizeHint().height()))

    def _fill_versions(self, document: Document) -> None:
        self.version_combo.clear()
        choices, default = version_choices(self.ctx, self.case_id, document)
        for label, version in choices:
            self.version_combo.addItem(label, version)
        self.version_combo.setCurrentIndex(max(0, self.version_combo.findData(default)))
        has_versions = document is not Document.ZRM
        self.top_form.setRowVisible(self.version_combo, has_versions)
        self.version_label.setText(
            _("Plan &version:") if document is Document.PLAN else _("&Mapping:")
        )
        missing = has_versions and not choices
        notes = {
            Document.PLAN: _("This case has no safety plan yet, so there is nothing to export."),
            Document.MAP: _("This case has not been mapped yet, so there is nothing to export."),
            Document.ZRM: _("The latest assessment of each person, against the one before."),
        }
        self.version_note.setText(notes[document] if missing or not has_versions else "")
        self.top_form.setRowVisible(self.version_note, missing or not has_versions)
        self.version_combo.setEnabled(not missing)
        self.export_button.setEnabled(not missing)

    def refresh_notices(self) -> None:
        """Say what the export will leave out of the free text with the choices shown."""
        self._notice_timer.stop()
        try:
            clean = check_selection(self.form.selection())
        except InvalidInput:  # no part chosen, too long a "for whom": the form says so
            self.notices.show_lines(())
            return
        try:
            lines = export_notices(self.ctx.uow, self.case_id, clean, self.version())
        except JeugdtoolError:  # the case was removed meanwhile: Export will say so
            lines = ()
        self.notices.show_lines(lines)

    def accept(self) -> None:
        selection = self.form.checked_selection()
        if selection is None:
            return
        self.written = export_pdf(self.ctx, self.case_id, selection, self.version())
        if self.written is not None:
            super().accept()


def export_pdf(
    ctx: AppContext, case_id: int, selection: Selection, version: int | None
) -> Path | None:
    """Remember the selection, render, ask where to save, write and record it in the case's
    disclosure log. The path, or None when the user cancelled or something went wrong (then
    the reason was shown, nothing written); a file written but not logged is said too."""
    try:
        # A preference of the case, not an edit of its content: no undo command for it. A
        # database that may only be read still exports; it just cannot remember the choice.
        if not ctx.read_only:
            ctx.run(remember_selection, case_id, selection)
        with wait_cursor():
            rendered = documents.render(ctx.uow, case_id, selection, version=version)
        target = ask_pdf_target(ctx, _("Save the PDF"), rendered.file_name)
        if target is None:
            return None
        written = documents.save(ctx.uow, case_id, selection, rendered, target)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc), _("PDF not exported"))
        return None
    message = _("The PDF was saved as {path}.").format(path=written.path)
    pdf_saved(ctx, written, case_id, message, _("PDF exported"))
    return written.path


def open_export_dialog(ctx: AppContext, case_id: int, parent: QWidget) -> Path | None:
    """The Case menu's "Export as PDF…": the file written, or None."""
    try:
        dialog = PdfExportDialog(ctx, case_id, parent)
    except JeugdtoolError as exc:  # the case was removed in the meantime
        ctx.dialogs.error(str(exc))
        return None
    dialog.exec()
    return dialog.written
