"""The dialog "ZRM matrices and licences": which matrices are in use (shipped or imported, with
licensed criteria or not), what the organisation imported, and importing or removing a file.

A file with problems is not imported; every problem is listed in the dialog, one per line with
where in the file it is, and the dialog stays open. Importing and removing are undoable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet
from jeugdtool.zrm import library
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import ImportDTO

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.row_table import read_only_rows
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.zrm.import_commands import ImportFileCommand
from jeugdtool.ui.zrm.import_commands import RemoveImportCommand
from jeugdtool.ui.zrm.import_commands import replaced_document


def _table(parent: QWidget, headers: list[str], name: str, stretch: int) -> QTableWidget:
    """A read-only table; the `stretch` column (long free text) takes the width left over."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    read_only_rows(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], tooltips: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(tooltips[r] if tooltips else text)
            table.setItem(r, c, item)
    lines = max(len(rows), 2)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
    table.setFixedHeight(height + lines * table.verticalHeader().defaultSectionSize())


def matrix_row(matrix: Matrix) -> list[str]:
    """Name, version, kind, where it comes from, licensed criteria."""
    kind = _("base matrix") if matrix.kind == "base" else _("supplement")
    origin = _("shipped with jeugdtool") if matrix.builtin else _("imported")
    if matrix.licensed:
        licensed = _("yes — {source}").format(source=matrix.descriptor_source or "")
    else:
        licensed = _("no (jeugdtool's own short texts)")
    return [matrix.name.get(), matrix.version, kind, origin, licensed]


def import_row(dto: ImportDTO) -> list[str]:
    kind = _("licensed descriptors") if dto.kind == "descriptors" else _("matrix")
    return [
        kind,
        dto.matrix_id,
        dto.version,
        dto.source,
        dto.file_name,
        dto.imported_by,
        format_date_nl(dto.imported_at.date()),
    ]


class ZrmLibraryDialog(QDialog):
    """Opened from the menu; reloads itself when the imports change (also by undo)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("ZRM matrices and licences"))
        self.imports: tuple[ImportDTO, ...] = ()
        self.matrices: tuple[Matrix, ...] = ()
        self.explanation = WrappingLabel(
            _(
                "The official criteria per cell of the self-sufficiency matrix are copyrighted "
                "by GGD Amsterdam, so jeugdtool ships only its own short description of each "
                "domain and level. The official criteria are shown only when your organisation, "
                "holding a licence, imports its descriptor file here; they are then stored in "
                "this database."
            ),
            self,
        )
        self.matrix_table = _table(
            self,
            [_("Matrix"), _("Version"), _("Kind"), _("From"), _("Licensed criteria")],
            _("Matrices in use"),
            stretch=4,
        )
        self.import_table = _table(
            self,
            [
                _("Kind"),
                _("Matrix"),
                _("Version"),
                _("Source or licence"),
                _("File"),
                _("Imported by"),
                _("On"),
            ],
            _("Imported files"),
            stretch=3,
        )
        self.no_imports = muted(_("Nothing imported yet."), self)
        self.problems = ErrorLabel(self)
        self.problems.setAccessibleName(_("Problems in the file"))
        self.done_label = WrappingLabel("", self)
        style_text(self.done_label, Role.OK)
        self.done_label.hide()
        self.import_button = QPushButton(_("&Import file…"), self)
        self.import_button.clicked.connect(self.import_file)
        self.remove_button = QPushButton(_("&Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_table.itemSelectionChanged.connect(self._update_buttons)
        self._lay_out()
        # The dialog is modal: undo and redo work from here too (the messages promise Ctrl+Z).
        for keys, step in (
            (QKeySequence.StandardKey.Undo, ctx.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, ctx.undo_stack.redo),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(step)
        ctx.signals.changed.connect(self._on_changed)
        self.resize(900, 560)
        self.reload()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.explanation)
        layout.addWidget(heading(_("Matrices in use"), self))
        layout.addWidget(self.matrix_table)
        layout.addWidget(heading(_("Imported files"), self))
        layout.addWidget(self.import_table)
        layout.addWidget(self.no_imports)
        layout.addLayout(buttons)
        layout.addWidget(self.done_label)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addWidget(close)

    # ---- showing -----------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches("zrm_import"):
            self.reload()

    def reload(self) -> None:
        self.matrices = library.matrices(self.ctx.uow)
        self.imports = library.list_imports(self.ctx.uow)
        _fill(self.matrix_table, [matrix_row(m) for m in self.matrices])
        _fill(self.import_table, [import_row(i) for i in self.imports])
        self.import_table.setVisible(bool(self.imports))
        self.no_imports.setVisible(not self.imports)
        self._update_buttons()

    def _update_buttons(self) -> None:
        # A database that may only be read: the matrices show, nothing can be imported.
        self.import_button.setEnabled(not self.ctx.read_only)
        self.remove_button.setEnabled(self.selected_import() is not None and not self.ctx.read_only)

    def selected_import(self) -> ImportDTO | None:
        row = self.import_table.currentRow()
        rows = self.import_table.selectionModel().selectedRows()
        if not rows or not 0 <= row < len(self.imports):
            return None
        return self.imports[row]

    def show_problems(self, lines: list[str]) -> None:
        self.done_label.hide()
        if lines:
            lines = [_("The file was not imported:"), *lines]
        self.problems.show_message("\n".join(lines) or None)

    def _show_done(self, message: str) -> None:
        self.problems.show_message(None)
        self.done_label.setText(message)
        self.done_label.show()

    # ---- importing and removing ----------------------------------------------------------

    def import_file(self) -> None:
        path = self.ctx.dialogs.open_file(
            _("Import a ZRM descriptor or matrix file"),
            "{} (*.json);;{} (*)".format(_("ZRM files"), _("All files")),
        )
        if not path:
            return
        try:
            doc = library.read_file(path)
        except JeugdtoolError as exc:
            self.show_problems([str(exc)])
            return
        self.import_document(doc, Path(path).name)

    def import_document(self, doc: Any, file_name: str) -> None:
        """Import `doc` (asking first when it replaces an import); problems show here."""
        try:
            execute(self.ctx, ImportFileCommand(self.ctx, doc, file_name))
        except library.ImportExists as exc:
            self._replace(doc, file_name, str(exc))
            return
        except JeugdtoolError as exc:
            self._show_failure(exc)
            return
        self._imported(file_name)

    def _replace(self, doc: Any, file_name: str, why: str) -> None:
        replaced, old_name = replaced_document(doc, self.matrices, self.imports)
        question = why + "\n\n" + _("Replace it with {file}?").format(file=file_name)
        if replaced is None:
            question += "\n" + _("This replacement cannot be undone.")
        if not self.ctx.dialogs.confirm(question, _("Replace imported file")):
            self.show_problems([])
            return
        try:
            if replaced is None:
                self.ctx.run(library.import_document, doc, file_name=file_name, replace=True)
            else:
                command = ImportFileCommand(
                    self.ctx,
                    doc,
                    file_name,
                    replace=True,
                    replaced=replaced,
                    replaced_file_name=old_name,
                )
                execute(self.ctx, command)
        except JeugdtoolError as exc:
            self._show_failure(exc)
            return
        self._imported(file_name)

    def _show_failure(self, exc: JeugdtoolError) -> None:
        """Why an import failed: each problem of the file, or what else went wrong."""
        problems = exc.problems if isinstance(exc, InvalidInput) else (exc,)
        self.show_problems([str(problem) for problem in problems])

    def _imported(self, file_name: str) -> None:
        self.reload()
        self._show_done(
            _("{file} is imported. Undo (Ctrl+Z) takes it out again.").format(file=file_name)
        )

    def remove_selected(self) -> None:
        dto = self.selected_import()
        if dto is None:
            return
        question = _(
            "Remove the imported {kind} for '{matrix}' ({file})?\n"
            "You can bring it back with Undo (Ctrl+Z)."
        ).format(kind=import_row(dto)[0], matrix=dto.matrix_id, file=dto.file_name or "—")
        if not self.ctx.dialogs.confirm(question, _("Remove")):
            return
        try:
            execute(self.ctx, RemoveImportCommand(self.ctx, dto))
        except JeugdtoolError as exc:
            self.show_problems([str(exc)])
            return
        self.reload()
        self._show_done(_("Removed. Undo (Ctrl+Z) brings it back."))

    def done_text(self) -> str:
        return self.done_label.text() if self.done_label.isVisibleTo(self) else ""

    def problem_text(self) -> str:
        return self.problems.text() if self.problems.isVisibleTo(self) else ""


def open_library_dialog(ctx: AppContext, parent: QWidget | None) -> ZrmLibraryDialog:
    """Open the dialog without a nested event loop (returned for tests)."""
    dialog = ZrmLibraryDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
