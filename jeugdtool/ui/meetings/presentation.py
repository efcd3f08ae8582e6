"""Presentation mode: the meeting on the big screen (a 1920×1080 projector), full screen, large
high-contrast type, driven by the keyboard.

Right/PageDown and Left/PageUp step through the views of a case (and on into the next or
previous case), Down/Up or Ctrl+PageDown/Ctrl+PageUp go to the next or previous case, Home/End
to the very first and last view, 1–9 to a case; Space scrolls a view too long for the screen;
Esc leaves a field, then leaves presentation. Read-only until the chair unlocks editing
(Ctrl+E): then Enter puts the cursor in the round (view 4) or the conclusions (view 7). Ctrl+H
switches 'hide names' (saved on the meeting); every view's text goes through the name mask.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from jeugdtool.cases import access
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.meetings import meetings
from jeugdtool.meetings.dto import ItemDTO, MeetingDetail
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext, unlogged_access
from jeugdtool.ui.meetings.commands import MEETING_ENTITIES, edit_meeting
from jeugdtool.ui.meetings.views_case import MapView, QuestionView, StatementsView
from jeugdtool.ui.meetings.views_common import View, note_label
from jeugdtool.ui.meetings.views_data import CaseData, load_case, name_mask
from jeugdtool.ui.meetings.views_notes import ConclusionsView
from jeugdtool.ui.meetings.views_plan import PlanView, ZrmView
from jeugdtool.ui.meetings.views_round import RoundView
from jeugdtool.ui.undo_keys import UndoKeyRouter

Key = Qt.Key
FOOTER_PT = 15
FOOTER_STYLE = "background: #000000; color: #ffffff; padding: 6px 14px;"
UNLOCKED_STYLE = "background: #ffd54f; color: #000000; padding: 6px 14px; font-weight: bold;"


class PresentationWindow(QWidget):
    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx, self.meeting_id = ctx, meeting_id
        self.setWindowTitle(_("Presentation"))
        self.setStyleSheet("PresentationWindow { background: #ffffff; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.detail: MeetingDetail = meetings.get_meeting(ctx.uow, meeting_id)
        self.case_index = self.view_index = 0
        self.editing = False
        self._cases: dict[int, CaseData] = {}
        #: Cases shown in this presentation: each is in the access log once, before it is shown.
        self._presented: set[int] = set()
        self.round_view = RoundView(ctx)
        self.conclusions = ConclusionsView(ctx)
        #: The views of every case, in the order they are shown.
        self.views: list[View] = [
            QuestionView(),
            MapView(),
            StatementsView(),
            self.round_view,
            PlanView(),
            ZrmView(),
            self.conclusions,
        ]
        self.stack = QStackedWidget(self)
        for view in self.views:
            self.stack.addWidget(view)
        self.empty = note_label(_("There are no cases on the agenda of this meeting."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.footer_meeting = self._footer_label()
        self.footer_position = self._footer_label()
        self.footer_names = self._footer_label()
        self.footer_lock = self._footer_label()
        footer = QWidget(self)
        footer.setStyleSheet("background: #000000;")
        bar = QHBoxLayout(footer)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.footer_meeting, 3)
        bar.addWidget(self.footer_position, 2)
        bar.addWidget(self.footer_names)
        bar.addWidget(self.footer_lock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(footer)
        self._actions()
        self._undo_keys = UndoKeyRouter(self)
        ctx.signals.changed.connect(self._on_changed)

    def _footer_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(FOOTER_STYLE)
        font = label.font()
        font.setPointSizeF(FOOTER_PT)
        label.setFont(font)
        return label

    def _actions(self) -> None:
        def action(text: str, slot: object, *keys: QKeySequence | str) -> QAction:
            found = QAction(text, self)
            found.setShortcuts([QKeySequence(k) for k in keys])
            found.triggered.connect(slot)
            self.addAction(found)
            return found

        self.lock_action = action(_("Unlock editing"), self.toggle_editing, "Ctrl+E")
        self.names_action = action(_("Hide names"), self.toggle_names, "Ctrl+H")
        # Both save to the meeting: a database that may only be read is presented as it is.
        for saving in (self.lock_action, self.names_action):
            saving.setEnabled(not self.ctx.read_only)
        undo = self.ctx.undo_stack.createUndoAction(self, _("&Undo"))
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        redo = self.ctx.undo_stack.createRedoAction(self, _("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([undo, redo])

    # ---- opening and leaving ------------------------------------------------------------------

    def start(self) -> PresentationWindow:
        """Full screen on the first view of the first case."""
        self.showFullScreen()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_position(0, 0)
        return self

    def closeEvent(self, event: QCloseEvent) -> None:
        self.conclusions.commit_all()
        self.ctx.signals.changed.disconnect(self._on_changed)
        super().closeEvent(event)
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()

    # ---- where we are -------------------------------------------------------------------------

    @property
    def items(self) -> tuple[ItemDTO, ...]:
        return self.detail.items

    def current_view(self) -> View | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, View) else None

    def case_data(self, item: ItemDTO) -> CaseData:
        if item.household_id not in self._cases:
            self._cases[item.household_id] = load_case(self.ctx.uow, item.household_id)
        return self._cases[item.household_id]

    def show_position(self, case_index: int, view_index: int) -> None:
        self.conclusions.commit_all()
        if not self.items:
            self.stack.setCurrentWidget(self.empty)
            self._update_footer()
            return
        self.case_index = max(0, min(case_index, len(self.items) - 1))
        self.view_index = max(0, min(view_index, len(self.views) - 1))
        self._render()

    def _render(self) -> None:
        item = self.items[self.case_index]
        if not self._log_presenting(item):
            return
        data = self.case_data(item)
        mask = name_mask(data.case, self.detail, enabled=self.detail.meeting.hide_names)
        view = self.views[self.view_index]
        heading = f"{self.case_index + 1}. {item.case_number} {mask.text(item.case_name)}"
        if view is self.round_view:
            self.round_view.form.set_item(item, self.detail.participants, mask)
        self.stack.setCurrentWidget(view)
        view.show_case(data, item, mask, heading)
        self._update_footer()

    def _log_presenting(self, item: ItemDTO) -> bool:
        """Record that the case is presented (once per presentation) before it is on screen.
        False when that cannot be recorded: then nothing of it is shown, and presenting ends."""
        if item.household_id in self._presented:
            return True
        meeting = self.detail.meeting
        detail = f"{meeting.title or _('Reflective practice')}, {meeting.held_on.isoformat()}"
        try:
            access.record(self.ctx.uow, AccessAction.PRESENT, item.household_id, detail=detail)
        except JeugdtoolError as exc:  # a lost connection
            self.ctx.dialogs.error(unlogged_access(item.case_number, exc))
            self.close()
            return False
        self._presented.add(item.household_id)
        return True

    def _update_footer(self) -> None:
        meeting = self.detail.meeting
        title = meeting.title or _("Reflective practice")
        self.footer_meeting.setText(f"{title} · {format_date_nl(meeting.held_on)}")
        if self.items:
            self.footer_position.setText(
                _("case {case} of {cases} · view {view} of {views}").format(
                    case=self.case_index + 1,
                    cases=len(self.items),
                    view=self.view_index + 1,
                    views=len(self.views),
                )
            )
        else:
            self.footer_position.setText("")
        hidden = meeting.hide_names
        self.footer_names.setText(_("Names hidden") if hidden else _("Names shown"))
        self.names_action.setText(_("Show names") if hidden else _("Hide names"))
        if self.editing:
            self.footer_lock.setText(_("EDITING UNLOCKED (Ctrl+E locks)"))
            self.footer_lock.setStyleSheet(UNLOCKED_STYLE)
        else:
            self.footer_lock.setText(_("Read-only (Ctrl+E unlocks)"))
            self.footer_lock.setStyleSheet(FOOTER_STYLE)

    # ---- moving -------------------------------------------------------------------------------

    def next_view(self) -> None:
        if self.view_index + 1 < len(self.views):
            self.show_position(self.case_index, self.view_index + 1)
        elif self.case_index + 1 < len(self.items):
            self.show_position(self.case_index + 1, 0)

    def previous_view(self) -> None:
        if self.view_index > 0:
            self.show_position(self.case_index, self.view_index - 1)
        elif self.case_index > 0:
            self.show_position(self.case_index - 1, len(self.views) - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        in_field = self.focusWidget() not in (None, self)
        if key == Key.Key_Escape:
            if in_field:
                self.conclusions.commit_all()
                self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            else:
                self.close()
            return
        if in_field:  # a field ignored the key (Up in a line edit): never move away under it
            event.accept()
            return
        steps = {
            Key.Key_Right: self.next_view,
            Key.Key_Left: self.previous_view,
            Key.Key_Down: lambda: self.show_position(self.case_index + 1, 0),
            Key.Key_Up: lambda: self.show_position(self.case_index - 1, 0),
            Key.Key_Home: lambda: self.show_position(0, 0),
            Key.Key_End: lambda: self.show_position(len(self.items) - 1, len(self.views) - 1),
            Key.Key_Return: self.start_entry,
            Key.Key_Enter: self.start_entry,
        }
        if key in (Key.Key_PageDown, Key.Key_PageUp):
            forward = key == Key.Key_PageDown
            if ctrl:
                self.show_position(self.case_index + (1 if forward else -1), 0)
            else:
                (self.next_view if forward else self.previous_view)()
        elif key == Key.Key_Space and self.current_view() is not None:
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            self.current_view().scroll_by_page(-1 if shift else 1)
        elif Key.Key_1 <= key <= Key.Key_9 and not ctrl:
            number = key - Key.Key_1
            if number < len(self.items):
                self.show_position(number, 0)
        elif key in steps:
            steps[key]()
        else:
            super().keyPressEvent(event)

    # ---- editing ------------------------------------------------------------------------------

    def toggle_editing(self) -> None:
        self.conclusions.commit_all()
        self.editing = not self.editing
        self.lock_action.setText(_("Lock editing") if self.editing else _("Unlock editing"))
        self.round_view.set_editing(self.editing)
        self.conclusions.set_editing(self.editing)
        if not self.editing:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.items and self.current_view() is not None:
            self._render()
        self._update_footer()

    def start_entry(self) -> None:
        """Enter, when unlocked: the cursor into the round or the conclusions."""
        if not self.editing:
            return
        view = self.current_view()
        if view is self.round_view:
            self.round_view.form.start()
        elif view is self.conclusions:
            self.conclusions.start()

    def toggle_names(self) -> None:
        self.conclusions.commit_all()
        hidden = not self.detail.meeting.hide_names
        try:
            execute(self.ctx, edit_meeting(self.ctx, self.detail, "hide_names", hidden))
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))

    # ---- staying current ----------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        ours = {i.household_id for i in self.items}
        if not (changes.touches(*MEETING_ENTITIES) or changes.cases & ours):
            return
        try:
            self.detail = meetings.get_meeting(self.ctx.uow, self.meeting_id)
        except JeugdtoolError:  # the meeting was removed meanwhile
            self.close()
            return
        self._cases.clear()
        if not self.items:
            self.show_position(0, 0)
        elif self.isVisible():
            self.case_index = min(self.case_index, len(self.items) - 1)
            self._render()
