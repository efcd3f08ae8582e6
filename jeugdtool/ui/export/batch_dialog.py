"""File > "Export PDFs of several cases…": choose the cases, one document and one selection
for all of them, and a folder; the PDFs are made off the GUI thread with a progress dialog
that can cancel between cases. At the end one message says what was written and what not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.search import filter_cases
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.export.pdf.before_export import export_notices
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import default_selection
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import PDF_FILES
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.dialogs import remember_folder
from jeugdtool.ui.dialogs import start_folder
from jeugdtool.ui.export.batch_work import BatchCase
from jeugdtool.ui.export.batch_work import BatchResult
from jeugdtool.ui.export.batch_work import BatchThread
from jeugdtool.ui.export.pdf_dialog import DOCUMENTS
from jeugdtool.ui.export.pdf_dialog import wait_cursor
from jeugdtool.ui.export.selection_form import SelectionForm
from jeugdtool.ui.export.selection_form import choices_pane
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error
from jeugdtool.ui.workspace.disclosures import ENTITY

#: Asks for a folder: (parent, title, start folder) -> the folder, or None when cancelled.
AskFolder = Callable[[QWidget, str, str], str | None]

#: How many notices the question before a batch lists (the rest are counted).
MAX_NOTICES = 15

#: Which version each document is made from, said once in the dialog.
_VERSION_NOTES = {
    Document.PLAN: N_("Per case: the newest finalised plan version, or the draft if none is."),
    Document.MAP: N_("Per case: the newest mapping."),
    Document.ZRM: N_("Per case: the latest assessment of each person, against the one before."),
}


def ask_folder(parent: QWidget, title: str, start: str) -> str | None:
    """The folder dialog of every PDF export that writes into a folder (batch, dossier)."""
    return DialogService(parent).choose_folder(title, PDF_FILES, start)


def _case_label(case: CaseSummary) -> str:
    label = f"{case.case_number} {case.name}"
    return label if case.status is CaseStatus.OPEN else f"{label} ({case.status.label.lower()})"


class BatchExportDialog(QDialog):
    """Collects what to export; Export starts the batch (see `BatchRun`) and closes."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        preselect: int | None = None,
        ask: AskFolder = ask_folder,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._ask = ask
        self._cases = queries.list_case_summaries(ctx.uow)
        #: The batch started by Export, once the dialog was accepted.
        self.run: BatchRun | None = None
        self.setWindowTitle(_("Export PDFs of several cases"))
        self._build()
        for row, case in enumerate(self._cases):
            if case.id == preselect:
                self.case_list.item(row).setCheckState(Qt.CheckState.Checked)
        self._update_count()

    def _build(self) -> None:
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Search by case number, household or name…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Search cases"))
        self.case_list = QListWidget(self)
        self.case_list.setAccessibleName(_("Cases"))
        for case in self._cases:
            item = QListWidgetItem(_case_label(case), self.case_list)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, case.id)
        self.check_shown_button = QPushButton(_("Check &all shown"), self)
        self.check_none_button = QPushButton(_("Check n&one"), self)
        self.count_label = QLabel(self)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.check_shown_button)
        pick_row.addWidget(self.check_none_button)
        pick_row.addStretch(1)
        pick_row.addWidget(self.count_label)
        left = QVBoxLayout()
        left.addWidget(self.filter_edit)
        left.addWidget(self.case_list, 1)
        left.addLayout(pick_row)
        self.document_combo = QComboBox(self)
        for kind, label in DOCUMENTS:
            self.document_combo.addItem(_(label), kind)
        self.version_note = QLabel(self)
        self.version_note.setWordWrap(True)
        self.folder_edit = QLineEdit(str(start_folder(PDF_FILES)), self)
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setAccessibleName(_("Folder"))
        folder_button = QPushButton(_("C&hoose…"), self)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(folder_button)
        document_label = QLabel(_("&Document:"), self)
        document_label.setBuddy(self.document_combo)
        folder_label = QLabel(_("&Save in:"), self)
        folder_label.setBuddy(folder_button)
        form = QFormLayout()
        form.addRow(document_label, self.document_combo)
        form.addRow("", self.version_note)
        form.addRow(folder_label, folder_row)
        self.form = SelectionForm(Document.PLAN, self, form)
        self.error = error_label(self)
        buttons = ok_cancel(self, _("&Export"))
        self.export_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addWidget(choices_pane(self, form, self.form), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.case_list.itemChanged.connect(self._update_count)
        self.check_shown_button.clicked.connect(self._tick_shown)
        self.check_none_button.clicked.connect(self._untick_all)
        folder_button.clicked.connect(self.choose_folder)
        self.document_combo.currentIndexChanged.connect(self._on_document_changed)
        self._on_document_changed()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 72, self.sizeHint().height())

    # ---- choosing ---------------------------------------------------------------------

    @property
    def document(self) -> Document:
        return Document(self.document_combo.currentData())  # Qt hands back the plain str

    def _on_document_changed(self) -> None:
        self.form.set_selection(default_selection(self.document))
        self.version_note.setText(_(_VERSION_NOTES[self.document]))

    def _apply_filter(self) -> None:
        shown = {c.id for c in filter_cases(self._cases, self.filter_edit.text())}
        for row, case in enumerate(self._cases):
            self.case_list.setRowHidden(row, case.id not in shown)

    def _items(self) -> list[QListWidgetItem]:
        return [self.case_list.item(row) for row in range(self.case_list.count())]

    def _tick_shown(self) -> None:
        for row, item in enumerate(self._items()):
            if not self.case_list.isRowHidden(row):
                item.setCheckState(Qt.CheckState.Checked)

    def _untick_all(self) -> None:
        for item in self._items():
            item.setCheckState(Qt.CheckState.Unchecked)

    def chosen_cases(self) -> list[BatchCase]:
        """The checked cases, in list order (hidden by the filter or not)."""
        return [
            BatchCase(case.id, f"{case.case_number} {case.name}")
            for case, item in zip(self._cases, self._items(), strict=True)
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _update_count(self) -> None:
        chosen = len(self.chosen_cases())
        self.count_label.setText(
            ngettext("{n} case chosen", "{n} cases chosen", chosen).format(n=chosen)
        )

    def choose_folder(self) -> None:
        folder = self._ask(self, _("Where should the PDFs go?"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    # ---- starting ---------------------------------------------------------------------

    def accept(self) -> None:
        cases = self.chosen_cases()
        folder = Path(self.folder_edit.text())
        selection = self.form.checked_selection()
        problems = []
        if not cases:
            problems.append(_("Check at least one case."))
        if not folder.is_dir():
            problems.append(
                _("The folder {folder} does not exist. Choose an existing folder.").format(
                    folder=folder
                )
            )
        show_error(self.error, problems)
        if problems or selection is None:
            return
        if not self._confirm_notices(cases, selection):
            return
        remember_folder(PDF_FILES, folder)
        self.run = BatchRun(self.ctx, cases, selection, folder, self.parentWidget())
        super().accept()
        self.run.start()

    def _confirm_notices(self, cases: list[BatchCase], selection: Selection) -> bool:
        """Say per case what the PDFs will leave out of the free text (`export_notices`,
        what the single export's dialog shows too) and ask to go on; True without any."""
        lines: list[str] = []
        with wait_cursor():
            for case in cases:
                found = export_notices(self.ctx.uow, case.id, selection)
                lines += [f"• {case.label}: {line}" for line in found]
        if not lines:
            return True
        parts = [_("The PDFs leave this out of the free text:"), *lines[:MAX_NOTICES]]
        if len(lines) > MAX_NOTICES:
            more = len(lines) - MAX_NOTICES
            parts.append(ngettext("…and {n} more.", "…and {n} more.", more).format(n=more))
        parts += ["", _("Export the PDFs like this?")]
        return self.ctx.dialogs.confirm("\n".join(parts), _("Before you export"))


class BatchRun(QObject):
    """One batch on its way: the worker thread and its progress dialog, then the summary."""

    #: The batch is over (also when cancelled): the BatchResult.
    finished = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        cases: list[BatchCase],
        selection: Selection,
        folder: Path,
        parent: QWidget | None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.folder = folder
        self.total = len(cases)
        self.case_ids = frozenset(c.id for c in cases)
        self.thread = BatchThread(ctx.uow.sibling(), cases, selection, folder, self)
        self.progress = QProgressDialog(
            _("Preparing…"), _("Cancel"), 0, self.total, parent, Qt.WindowType.Dialog
        )
        self.progress.setWindowTitle(_("Exporting PDFs"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(0)
        self.progress.setMinimumWidth(self.progress.fontMetrics().horizontalAdvance("M") * 32)
        self.progress.canceled.connect(self.cancel)
        self.thread.case_started.connect(self._on_case_started)
        self.thread.case_done.connect(lambda index: self.progress.setValue(index + 1))
        self.thread.result_ready.connect(self._on_result)

    def start(self) -> None:
        self.progress.setValue(0)
        self.thread.start()

    def cancel(self) -> None:
        """The progress dialog's Cancel: the case in hand is finished, the rest not begun."""
        self.thread.cancel()
        self.progress.cancel()

    def _on_case_started(self, index: int, label: str) -> None:
        self.progress.setLabelText(
            _("Exporting {case} ({n} of {total})…").format(
                case=label, n=index + 1, total=self.total
            )
        )

    def _on_result(self, result: BatchResult) -> None:
        self.thread.wait()
        self.progress.hide()
        self.progress.deleteLater()
        message = summary(result, self.folder)
        # The disclosure pages of the cases show their new rows.
        self.ctx.signals.emit_changes(ChangeSet(frozenset({ENTITY}), self.case_ids))
        if result.skipped or any(u.written.fault for u in result.unlogged):
            self.ctx.dialogs.error(message, _("Not every PDF was exported"))
        else:
            self.ctx.dialogs.written(self.folder, message, _("PDFs exported"), folder_only=True)
        self.ctx.signals.status_message.emit(message.splitlines()[0])
        self.finished.emit(result)
        self.deleteLater()


def summary(result: BatchResult, folder: Path) -> str:
    """What was written where, which cases were skipped and why, and what was not reached."""
    written = len(result.written)
    parts = [
        ngettext("{n} PDF written to {folder}.", "{n} PDFs written to {folder}.", written).format(
            n=written, folder=folder
        )
    ]
    if result.skipped:
        lines = [f"• {s.case.label}: {s.reason}" for s in result.skipped]
        parts.append("\n".join([_("Not exported:"), *lines]))
    if result.not_done:
        lines = [f"• {c.label}" for c in result.not_done]
        parts.append("\n".join([_("Cancelled; not exported:"), *lines]))
    if result.unlogged:
        lines = [f"• {u.case.label}" for u in result.unlogged]
        why = _("Why: {reason}").format(reason=result.unlogged[0].written.why)
        remedy = _(
            "Export these again once that is solved, so that the log says for whom they are; "
            "or delete the files you do not hand out."
        )
        intro = _("Saved, but not recorded in the disclosure log:")
        parts.append("\n".join([intro, *lines, why, remedy]))
    return "\n\n".join(parts)


def open_batch_dialog(ctx: AppContext, parent: QWidget, preselect: int | None = None) -> None:
    """File > "Export PDFs of several cases…"."""
    BatchExportDialog(ctx, parent, preselect).exec()
