"""The case's journal page: the timeline of dated entries (newest first) with filters by kind,
period, words and what the entries are about, and the selected entry in full below.

New / change / remove / correct by button, Alt+letter or key (Ins, Enter, Del) through a dialog
with inline checks; every change is an undoable command. An entry past its editing period (or
someone else's) is read-only, says why, and is set right by a correction: a new entry that
refers to it. A closed case (or a database that may only be read) shows the same, read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.dossier import journal
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import LinkChoice
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.journal import texts
from jeugdtool.ui.journal.commands import AddEntryCommand
from jeugdtool.ui.journal.commands import CorrectEntryCommand
from jeugdtool.ui.journal.commands import EditEntryCommand
from jeugdtool.ui.journal.commands import RemoveEntryCommand
from jeugdtool.ui.journal.dialog import EntryDialog
from jeugdtool.ui.journal.filters import FilterBar
from jeugdtool.ui.journal.model import JournalTableModel
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_section import MemberSection

#: Widest a column is drawn (pixels) before its text is cut with "…" (in full: the tooltip and
#: the details below); the note takes the rest.
WIDEST = {
    JournalTableModel.KIND: 170,
    JournalTableModel.WITH: 200,
    JournalTableModel.ABOUT: 220,
    JournalTableModel.AUTHOR: 140,
}


class JournalPage(StaleWhileHidden, QWidget):
    """`(ctx, case_id)`: loads when first shown, reloads when the case changes while seen."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("JournalPage")
        self.ctx, self.case_id = ctx, case_id
        self.stale = True
        self.case: CaseDetail | None = None
        self.entries: list[JournalEntryDTO] = []
        self.choices: list[LinkChoice] = []
        self.people: list[str] = []
        self.editable = False
        self._build()
        ctx.signals.changed.connect(self._on_changed)

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        intro = WrappingLabel(
            _(
                "Every contact and event of this case, newest first: home visits, calls, "
                "meetings, consultations. An entry can be changed for a set period; after that "
                "it is part of the file, and a correction sets it right."
            ),
            body,
        )
        style_text(intro, Role.MUTED)
        self.locked = WrappingLabel("", body)
        style_text(self.locked, Role.WARNING)
        self.error = WrappingLabel("", body)
        style_text(self.error, Role.ERROR)
        self.filters = FilterBar(body)
        self.filters.changed.connect(self._refilter)
        self.model = JournalTableModel(self)
        self.section = MemberSection(_("Journal"), self.model, "", body)
        style_text(self.section.empty_hint, Role.MUTED, "font-style: italic;")
        self.correct_button = QPushButton(_("C&orrect…"), self.section)
        self.section.layout().itemAt(0).layout().addWidget(self.correct_button)
        self._name_buttons()
        self.details = WrappingLabel("", body)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(_("The selected entry"))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        for widget in (intro, self.locked, self.error, self.filters, self.section, self.details):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for widget in (self.locked, self.error):
            widget.hide()
        self.section.add_requested.connect(self.add_entry)
        self.section.edit_requested.connect(self.open_entry)
        self.section.remove_requested.connect(self.remove_entry)
        self.correct_button.clicked.connect(self._correct_selected)
        selection = self.section.table.selectionModel()
        selection.selectionChanged.connect(lambda *_a: self._selection_changed())
        self.setFocusProxy(self.section.table)

    def _name_buttons(self) -> None:
        """Alt+letters on the buttons, the keys of the table in their tooltips."""
        section = self.section
        for button, text, key in (
            (section.add_button, _("&New entry…"), "Ins"),
            (section.edit_button, _("Chan&ge…"), "Enter"),
            (section.remove_button, _("Re&move"), "Del"),
            (self.correct_button, _("C&orrect…"), "Enter"),
        ):
            button.setText(text)
            plain = text.replace("&", "")
            button.setToolTip(_("{action} (key: {key})").format(action=plain, key=key))

    # ---- showing ---------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.case_id):
            self.reload_when_seen()

    def reload(self) -> None:
        self.stale = False
        try:
            self.case = queries.get_case(self.ctx.uow, self.case_id)
            self.entries = journal.journal(self.ctx.uow, self.case_id, self.filters.value())
            self.choices = journal.link_choices(self.ctx.uow, self.case_id)
            self.people = journal.participant_choices(self.ctx.uow, self.case_id)
        except NotFound:
            self.case, self.entries, self.choices, self.people = None, [], [], []
        except JeugdtoolError as exc:  # a lost connection: say so where the list would be
            self.error.setText(str(exc))
            self.error.show()
            self.stale = True  # try again when shown next
            return
        self.error.hide()
        self._show()

    def _refilter(self) -> None:
        """Another filter: only the entries are read again (the choices stay as they are)."""
        if self.case is None:
            self.reload()
            return
        try:
            self.entries = journal.journal(self.ctx.uow, self.case_id, self.filters.value())
        except JeugdtoolError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self._show()

    def _show(self) -> None:
        household = self.case.household if self.case is not None else None
        self.editable = self.ctx.can_edit(household)
        self.filters.set_choices(self.choices)
        self.section.set_rows(tuple(self.entries))
        self._fit_columns()
        self.section.set_editable(self.editable)
        self.section.empty_hint.setText(self._empty_text())
        self._show_locked()
        if self.section.selected() is None and self.entries:
            self.section.select_row(0)
        self._selection_changed()

    def _fit_columns(self) -> None:
        """Columns as wide as their text up to `WIDEST`, so the note keeps room at 1366 px."""
        table = self.section.table
        for column, widest in WIDEST.items():
            if table.columnWidth(column) > widest:
                table.setColumnWidth(column, widest)

    def _empty_text(self) -> str:
        """An empty list says why, and how to fill it where it can be filled."""
        if not self.filters.is_default():
            return _("No entries match the filter. \u201cShow all\u201d clears it.")
        if not self.editable:
            return _("No journal entries for this case.")
        return _("No journal entries yet. Write the first with \u201cNew entry\u201d (Ins).")

    def _show_locked(self) -> None:
        if self.editable or self.case is None:
            self.locked.hide()
            return
        closed = _("This case is closed: the journal is shown as it was. Reopen the case to add.")
        self.locked.setText(self.ctx.locked_note(closed))
        self.locked.show()

    def _selection_changed(self) -> None:
        """The selected entry in full below; its own buttons follow whether it can change."""
        entry = self.section.selected()
        mine = self.editable and entry is not None and entry.editable
        self.section.edit_button.setEnabled(mine)
        # A kindcheck's entry goes only with its kindcheck (undo of answering it).
        removable = mine and entry is not None and entry.kind != JournalKind.KINDCHECK
        self.section.remove_button.setEnabled(removable)
        self.section.remove_action.setEnabled(removable)
        # Enter opens the entry: to change it, or (read-only) to correct it.
        self.section.edit_action.setEnabled(self.editable and entry is not None)
        self.correct_button.setEnabled(self.editable and entry is not None)
        self.details.setVisible(entry is not None)
        if entry is not None:
            by_id = {e.id: e for e in self.entries}
            self.details.setText(texts.details_html(entry, by_id, self.ctx.uow.person_id))

    def show_about(self, target: str, label: str = "") -> None:
        """Show only the entries about `target` ("kind:key"), e.g. from a meldcode step."""
        self.filters.show_about(target, label)

    # ---- changing ------------------------------------------------------------------------

    def add_entry(self) -> EntryDialog | None:
        if not self.editable:
            return None

        def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = AddEntryCommand(self.ctx, self.case_id, values)
            if execute(self.ctx, command) and command.dto is not None:
                self._select(command.dto.id)

        return self._open(self._dialog(submit))

    def open_entry(self, entry: JournalEntryDTO) -> EntryDialog | None:
        """Enter on an entry: change it while it can be, else correct it (saying why)."""
        if entry.editable:
            return self.edit_entry(entry)
        return self.correct_entry(entry)

    def edit_entry(self, entry: JournalEntryDTO) -> EntryDialog | None:
        if not self.editable or not entry.editable:
            return None

        def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = EditEntryCommand(self.ctx, entry, values)
            if command.new:
                execute(self.ctx, command)

        return self._open(self._dialog(submit, entry))

    def correct_entry(self, entry: JournalEntryDTO) -> EntryDialog | None:
        if not self.editable:
            return None

        def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
            command = CorrectEntryCommand(self.ctx, entry, values)
            if execute(self.ctx, command) and command.dto is not None:
                self._select(command.dto.id)

        return self._open(self._dialog(submit, entry, correcting=True))

    def remove_entry(self, entry: JournalEntryDTO) -> None:
        if not self.editable or not entry.editable or entry.kind == JournalKind.KINDCHECK:
            return
        question = _(
            "Remove the entry of {when}?\nOnly an entry written by mistake is removed; to set "
            "something right, change it. You can bring it back with Undo (Ctrl+Z)."
        ).format(when=texts.when(entry))
        if not self.ctx.dialogs.confirm(question, _("Remove journal entry")):
            return
        run_command(self.ctx, self.case_id, RemoveEntryCommand(self.ctx, entry))

    def _correct_selected(self) -> None:
        entry = self.section.selected()
        if entry is not None:
            self.correct_entry(entry)

    def _select(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row < 0 and not self.filters.is_default():
            self.filters.reset()  # the new entry is hidden by the filter: show everything
            row = self.model.row_of(entry_id)
        self.section.select_row(row)

    def _dialog(
        self, submit: Any, entry: JournalEntryDTO | None = None, *, correcting: bool = False
    ) -> EntryDialog:
        return EntryDialog(
            self,
            self.ctx.dialogs,
            submit,
            people=self.people,
            choices=self.choices,
            entry=entry,
            correcting=correcting,
            me=self.ctx.uow.person_id,
        )

    def _open(self, dialog: EntryDialog) -> EntryDialog:
        """Open without a nested event loop; the keyboard goes back to the table afterwards."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.section.table.setFocus())
        dialog.open()
        return dialog
