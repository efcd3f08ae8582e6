"""The meetings window: a window of its own beside the cases (a meeting runs while cases are
open), with the searchable list of meetings on the left and the chosen meeting on the right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QToolBar
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.commands import attempt
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.meetings.editor import MeetingEditor
from jeugdtool.ui.meetings.meeting_list import MeetingList
from jeugdtool.ui.side_window import SideWindow
from jeugdtool.ui.undo_keys import UndoKeyRouter

if TYPE_CHECKING:
    from jeugdtool.ui.meetings.presentation import PresentationWindow

Key = QKeySequence.StandardKey
#: Room for the list, the agenda and a case's round, notes and follow-ups side by side; a
#: smaller screen gets what it has (the panes reflow).
PREFERRED_SIZE = QSize(1500, 900)


class MeetingsWindow(SideWindow):
    place_key = "meetings"
    preferred_size = PREFERRED_SIZE

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(_("Reflective practice meetings"))
        self.list = MeetingList(ctx, self)
        self.editor = MeetingEditor(ctx, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([340, 1200])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._build_actions()
        self._undo_keys = UndoKeyRouter(self)
        self.list.current_changed.connect(self._chosen)
        self.list.remove_requested.connect(self.remove_meeting)
        self.presentation: PresentationWindow | None = None
        self.list.reload()
        if self.list.model.rows:
            self.list.table.selectRow(0)
        self.restore_place()

    def _action(self, text: str, slot: Callable[[], object], *keys: QKeySequence | str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(_("&New meeting"), self.new_meeting, Key.New)
        self.remove_action = self._action(_("&Remove meeting…"), self.remove_meeting)
        self.present_action = self._action(_("&Present (F5)"), self.present, "F5")
        self.minutes_action = self._action(_("&Minutes as PDF…"), self.export_minutes, "Ctrl+P")
        self.find_action = self._action(_("&Search"), self.list.search.setFocus, Key.Find)
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence(Key.Undo))
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        bar = QToolBar(_("Meetings"), self)
        bar.setObjectName("meetingsToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_action,
            self.remove_action,
            None,
            self.present_action,
            self.minutes_action,
        ):
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        self.addToolBar(bar)
        self.new_action.setToolTip(_("New meeting (Ctrl+N)"))
        self._enable_meeting_actions()

    def _enable_meeting_actions(self) -> None:
        chosen = self.editor.meeting_id is not None
        writable = not self.ctx.read_only  # a read-only database: look, present, export only
        self.new_action.setEnabled(writable)
        self.remove_action.setEnabled(chosen and writable)
        self.present_action.setEnabled(chosen)
        self.minutes_action.setEnabled(chosen)

    # ---- the meetings ----------------------------------------------------------------------

    def _chosen(self, meeting_id: int | None) -> None:
        if meeting_id != self.editor.meeting_id:
            self.editor.show_meeting(meeting_id)
        self._enable_meeting_actions()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches(*mc.MEETING_ENTITIES, "household"):
            self.list.reload()
            if self.editor.meeting_id is None and self.list.current_id() is not None:
                self.editor.show_meeting(self.list.current_id())
            self._enable_meeting_actions()

    def choose(self, meeting_id: int) -> None:
        """Show this meeting (the search is cleared so it is in the list)."""
        self.list.search.clear()
        self.list.reload(select=meeting_id)
        self.editor.show_meeting(self.list.current_id())
        self._enable_meeting_actions()

    def new_meeting(self) -> None:
        command = mc.CreateMeetingCommand(self.ctx, {})
        try:
            execute(self.ctx, command)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return
        self.list.search.clear()
        self.list.reload(select=command.meeting_id)
        self.editor.show_meeting(command.meeting_id)
        self._enable_meeting_actions()
        self.editor.header.title.setFocus()

    def remove_meeting(self) -> None:
        meeting_id = self.editor.meeting_id
        if meeting_id is None or self.editor.detail is None:
            return
        m = self.editor.detail.meeting
        label = f"{format_date_nl(m.held_on)} {m.title}".strip()
        question = _(
            "Remove the meeting {meeting}?\nIts agenda, scale rounds and follow-ups go with it. "
            "You can bring it all back with Undo (Ctrl+Z)."
        ).format(meeting=label)
        if not self.ctx.dialogs.confirm(question, _("Remove meeting")):
            return
        attempt(self.ctx, mc.RemoveMeetingCommand(self.ctx, meeting_id))

    def present(self) -> None:
        """The chosen meeting full screen on the screen the chair picks (asked only when there
        is more than one); this window stays where it is, on the laptop."""
        if self.editor.meeting_id is None:
            return
        from jeugdtool.ui.meetings.presentation import PresentationWindow
        from jeugdtool.ui.meetings.screens import choose_screen

        screen = choose_screen(self)
        if screen is None:
            return
        try:
            self.presentation = PresentationWindow(self.ctx, self.editor.meeting_id, parent=None)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return
        self.presentation.start(screen)

    def export_minutes(self) -> Path | None:
        """The minutes of the chosen meeting as a PDF (names hidden when the meeting says so)."""
        meeting_id = self.editor.meeting_id
        if meeting_id is None or self.editor.detail is None:
            return None
        from jeugdtool.export.pdf.files import PdfWriteError
        from jeugdtool.export.pdf.minutes import export_minutes
        from jeugdtool.export.pdf.minutes import minutes_file_name

        from jeugdtool.ui.dialogs import PDF_FILES
        from jeugdtool.ui.workspace.disclosures import after_export

        path = self.ctx.dialogs.save_file(
            _("Save the minutes as PDF"),
            minutes_file_name(self.editor.detail.meeting),  # in the folder of the last PDF
            _("PDF documents (*.pdf)"),
            kind=PDF_FILES,
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            written = export_minutes(self.ctx.uow, meeting_id, path)
        except (PdfWriteError, JeugdtoolError) as exc:
            self.ctx.dialogs.error(str(exc), _("The minutes were not saved"))
            return None
        # Each case on the agenda records the minutes in its disclosure log.
        cases = [item.household_id for item in self.editor.detail.items]
        after_export(self.ctx, written, cases, _("Minutes saved, not in the disclosure log"))
        self.ctx.dialogs.written(
            written.path,
            _("The minutes were saved as {path}.").format(path=written.path),
            _("Minutes saved"),
        )
        return written.path
