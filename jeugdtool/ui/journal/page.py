"""The case's journal page: the timeline of dated entries (newest first) with filters by kind,
period, words and what the entries are about, and the selected entry in full below.

New / change / remove / correct by button, Alt+letter or key (Ins, Enter, Del) through a dialog
with inline checks; every change is an undoable command. An entry past its editing period (or
someone else's) is read-only, says why, and is set right by a correction: a new entry that
refers to it. A closed case (or a database that may only be read) shows the same, read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.dossier import journal
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import LinkChoice
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

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
from jeugdtool.ui.widgets import add_all
from jeugdtool.ui.widgets import connect_rows
from jeugdtool.ui.workspace.case_page import CaseListPage
from jeugdtool.ui.workspace.case_page import adding
from jeugdtool.ui.workspace.case_page import cap_columns
from jeugdtool.ui.workspace.case_page import changing
from jeugdtool.ui.workspace.case_page import details_label
from jeugdtool.ui.workspace.case_page import list_section
from jeugdtool.ui.workspace.case_page import name_buttons

#: Widest a column is drawn (pixels) before its text is cut with "…" (in full: the tooltip and
#: the details below); the note takes the rest.
WIDEST = {
    JournalTableModel.KIND: 170,
    JournalTableModel.WITH: 200,
    JournalTableModel.ABOUT: 220,
    JournalTableModel.AUTHOR: 140,
}


class JournalPage(CaseListPage):
    """`(ctx, case_id)`: loads when first shown, reloads when the case changes while seen."""

    INTRO = N_(
        "Every contact and event of this case, newest first: home visits, calls, "
        "meetings, consultations. An entry can be changed for a set period; after that "
        "it is part of the file, and a correction sets it right."
    )
    CLOSED = N_("This case is closed: the journal is shown as it was. Reopen the case to add.")

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.setObjectName("JournalPage")
        self.entries: list[JournalEntryDTO] = []
        self.choices: list[LinkChoice] = []
        self.people: list[str] = []
        self._build()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        body = self.body
        self.filters = FilterBar(body)
        self.filters.changed.connect(self._refilter)
        self.model = JournalTableModel(self)
        self.section = list_section(_("Journal"), self.model, "", body)
        self.correct_button = QPushButton(_("C&orrect…"), self.section)
        self.section.layout().itemAt(0).layout().addWidget(self.correct_button)
        name_buttons(
            self.section,
            _("&New entry…"),
            _("Chan&ge…"),
            _("Re&move"),
            (self.correct_button, _("C&orrect…"), "Enter"),
        )
        self.details = details_label(body, _("The selected entry"))
        add_all(self.rows, self.filters, self.section, self.details).addStretch(1)
        slots = (self.add_entry, self.open_entry, self.remove_entry)
        connect_rows(self.section, *slots, selected=self._selection_changed)
        self.correct_button.clicked.connect(self._correct_selected)
        self.setFocusProxy(self.section.table)

    # ---- showing ---------------------------------------------------------------------------

    def load(self) -> None:
        self.entries = journal.journal(self.ctx.uow, self.case_id, self.filters.value())
        self.choices = journal.link_choices(self.ctx.uow, self.case_id)
        self.people = journal.participant_choices(self.ctx.uow, self.case_id)

    def clear(self) -> None:
        self.entries, self.choices, self.people = [], [], []

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
        self.show_rows()

    def show_rows(self) -> None:
        self.filters.set_choices(self.choices)
        self.section.set_rows(tuple(self.entries))
        cap_columns(self.section.table, WIDEST)
        self.section.set_editable(self.editable)
        self.section.empty_hint.setText(self._empty_text())
        if self.section.selected() is None and self.entries:
            self.section.select_row(0)
        self._selection_changed()

    def _empty_text(self) -> str:
        """An empty list says why, and how to fill it where it can be filled."""
        if not self.filters.is_default():
            return _("No entries match the filter. \u201cShow all\u201d clears it.")
        if not self.editable:
            return _("No journal entries for this case.")
        return _("No journal entries yet. Write the first with \u201cNew entry\u201d (Ins).")

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

        submit = adding(
            self.ctx, lambda values: AddEntryCommand(self.ctx, self.case_id, values), self._select
        )
        return self._open(self._dialog(submit))

    def open_entry(self, entry: JournalEntryDTO) -> EntryDialog | None:
        """Enter on an entry: change it while it can be, else correct it (saying why)."""
        if entry.editable:
            return self.edit_entry(entry)
        return self.correct_entry(entry)

    def edit_entry(self, entry: JournalEntryDTO) -> EntryDialog | None:
        if not self.editable or not entry.editable:
            return None

        submit = changing(self.ctx, lambda values: EditEntryCommand(self.ctx, entry, values))
        return self._open(self._dialog(submit, entry))

    def correct_entry(self, entry: JournalEntryDTO) -> EntryDialog | None:
        if not self.editable:
            return None

        submit = adding(
            self.ctx, lambda values: CorrectEntryCommand(self.ctx, entry, values), self._select
        )
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
        return self.open_dialog(dialog, self.section.table)
