"""Presentation mode: the meeting full screen on the screen the chair picks (a projector),
high-contrast type sized from that screen (1024×768 up to 4K), driven by the keyboard.

The keys are one table (presentation_keys.KEYS), listed on screen with `?`: the arrows and
PageUp/PageDown step through the views and cases, Esc leaves a field, then presentation.
Read-only until the chair unlocks editing (Ctrl+E); Ctrl+H switches 'hide names' (saved on
the meeting); every view's text goes through the name mask.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QResizeEvent
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import access
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.meetings import meetings
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.context import unlogged_access
from jeugdtool.ui.meetings.commands import MEETING_ENTITIES
from jeugdtool.ui.meetings.commands import edit_meeting
from jeugdtool.ui.meetings.presentation_keys import KEYS
from jeugdtool.ui.meetings.presentation_keys import KeyOverlay
from jeugdtool.ui.meetings.presentation_keys import binding_for
from jeugdtool.ui.meetings.views_case import MapView
from jeugdtool.ui.meetings.views_case import QuestionView
from jeugdtool.ui.meetings.views_case import StatementsView
from jeugdtool.ui.meetings.views_child import ChildVoiceView
from jeugdtool.ui.meetings.views_common import View
from jeugdtool.ui.meetings.views_common import apply_size
from jeugdtool.ui.meetings.views_common import base_point_size
from jeugdtool.ui.meetings.views_common import note_label
from jeugdtool.ui.meetings.views_data import CaseData
from jeugdtool.ui.meetings.views_data import load_case
from jeugdtool.ui.meetings.views_data import name_mask
from jeugdtool.ui.meetings.views_notes import ConclusionsView
from jeugdtool.ui.meetings.views_plan import PlanView
from jeugdtool.ui.meetings.views_plan import ZrmView
from jeugdtool.ui.meetings.views_round import RoundView
from jeugdtool.ui.undo_keys import UndoKeyRouter

#: The footer's type relative to the body text: readable, but quieter than the case.
FOOTER_REL = 0.6
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
            ChildVoiceView(),
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
        self.footer_keys = self._footer_label()
        self.footer_keys.setText(_("? keys"))
        # The meeting's title takes what the others leave, on two lines if it must.
        self.footer_meeting.setWordWrap(True)
        footer = QWidget(self)
        footer.setStyleSheet("background: #000000;")
        bar = QHBoxLayout(footer)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(0)
        bar.addWidget(self.footer_meeting, 1)
        for label in (self.footer_position, self.footer_names, self.footer_lock, self.footer_keys):
            bar.addWidget(label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(footer)
        self.keys_overlay = KeyOverlay(self)
        self._actions()
        self._undo_keys = UndoKeyRouter(self)
        ctx.signals.changed.connect(self._on_changed)

    def _footer_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(FOOTER_STYLE)
        return label

    def _actions(self) -> None:
        """The table's shortcuts as actions (they work in a field too)."""
        made = {
            "toggle_editing": QAction(_("Unlock editing"), self),
            "toggle_names": QAction(_("Hide names"), self),
            "undo": self.ctx.undo_stack.createUndoAction(self, _("&Undo")),
            "redo": self.ctx.undo_stack.createRedoAction(self, _("&Redo")),
        }
        for binding in (b for b in KEYS if b.shortcut):
            action = made[binding.command]
            action.setShortcuts([QKeySequence(k) for k in binding.keys])
            if binding.command in ("toggle_editing", "toggle_names"):
                action.triggered.connect(getattr(self, binding.command))
            self.addAction(action)
        self.lock_action = made["toggle_editing"]
        self.names_action = made["toggle_names"]
        # Both save to the meeting: a database that may only be read is presented as it is.
        for saving in (self.lock_action, self.names_action):
            saving.setEnabled(not self.ctx.read_only)

    # ---- the screen ---------------------------------------------------------------------------

    def base_pt(self) -> float:
        """The body text size for this window (the views and footer are sized from it)."""
        return base_point_size(self.width(), self.height(), self.logicalDpiY())

    def resizeEvent(self, event: QResizeEvent) -> None:
        base = self.base_pt()
        for label in self.footer_labels():
            self._size_footer(label, base)
        apply_size(self.empty, base)
        # The layout placed the footer for its old type before this event: place it again.
        self.layout().invalidate()
        self.layout().activate()
        if self.keys_overlay.isVisible():
            self.keys_overlay.show_over(base)
        super().resizeEvent(event)

    def footer_labels(self) -> tuple[QLabel, ...]:
        return (
            self.footer_meeting,
            self.footer_position,
            self.footer_names,
            self.footer_lock,
            self.footer_keys,
        )

    @staticmethod
    def _size_footer(label: QLabel, base: float) -> None:
        font = label.font()
        font.setPointSizeF(base * FOOTER_REL)
        label.setFont(font)

    # ---- opening and leaving ------------------------------------------------------------------

    def start(self, screen: QScreen | None = None) -> PresentationWindow:
        """Full screen (on `screen`, else where the window is) on the first view of the first
        case."""
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())  # full screen opens where the window is
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
        title = meeting.title or _("Reflective practice")
        detail = f"{title}, {meeting.held_on.isoformat()}"
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

    def next_case(self) -> None:
        self.show_position(self.case_index + 1, 0)

    def previous_case(self) -> None:
        self.show_position(self.case_index - 1, 0)

    def first_view(self) -> None:
        self.show_position(0, 0)

    def last_view(self) -> None:
        self.show_position(len(self.items) - 1, len(self.views) - 1)

    def go_to_case(self, number: int) -> None:
        """The case at `number` (0: the first) on the agenda, when there is one."""
        if number < len(self.items):
            self.show_position(number, 0)

    def page_down(self) -> None:
        if (view := self.current_view()) is not None:
            view.scroll_by_page(1)

    def page_up(self) -> None:
        if (view := self.current_view()) is not None:
            view.scroll_by_page(-1)

    def toggle_keys(self) -> None:
        """Show or hide the list of keys."""
        if self.keys_overlay.isVisible():
            self.keys_overlay.hide()
        else:
            self.keys_overlay.show_over(self.base_pt())

    def escape(self) -> None:
        """Out of a field first; then out of presentation."""
        if self.focusWidget() not in (None, self):
            self.conclusions.commit_all()
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.keys_overlay.isVisible():  # any key closes the list, and does nothing else
            self.keys_overlay.hide()
            return
        found = binding_for(event)
        in_field = self.focusWidget() not in (None, self)
        if found is not None and found[0].command == "escape":
            self.escape()
        elif in_field:  # a field ignored the key (Up in a line edit): never move away under it
            event.accept()
        elif found is not None:
            binding, number = found
            command = getattr(self, binding.command)
            command(number) if binding.numbered else command()
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
