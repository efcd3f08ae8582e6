"""One meeting, as the chair prepares and records it: the meeting and its participants and
agenda on the left, the chosen case's discussion on the right. It reads the meeting again after
every change that concerns meetings (or the cases on its agenda)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import NotFound
from jeugdtool.meetings import meetings
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings.agenda_panel import AgendaPanel
from jeugdtool.ui.meetings.commands import MEETING_ENTITIES
from jeugdtool.ui.meetings.header import MeetingHeader
from jeugdtool.ui.meetings.item_panel import ItemPanel
from jeugdtool.ui.meetings.participants import ParticipantsPanel
from jeugdtool.ui.read_only import lock_for_reading
from jeugdtool.ui.widgets import scrolling

#: Changes to the cases on the agenda that show here (a case's name, its scores).
CASE_ENTITIES = ("household", "scale_score")


class MeetingEditor(QSplitter):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.ctx = ctx
        self.meeting_id: int | None = None
        self.detail: MeetingDetail | None = None
        left = QWidget(self)
        self.header = MeetingHeader(ctx, left)
        self.participants = ParticipantsPanel(ctx, left)
        self.agenda = AgendaPanel(ctx, left)
        column = QVBoxLayout(left)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(14)
        column.addWidget(self.header)
        column.addWidget(self.participants)
        column.addWidget(self.agenda, 1)
        right = QWidget(self)
        self.item_panel = ItemPanel(ctx, right)
        box = QVBoxLayout(right)
        box.setContentsMargins(8, 8, 8, 8)
        box.addWidget(self.item_panel)
        self.addWidget(scrolling(left, self))
        self.addWidget(scrolling(right, self))
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([400, 600])  # in proportion: the recording gets the most room
        self.setChildrenCollapsible(False)
        self.agenda.current_changed.connect(self._show_item)
        ctx.signals.changed.connect(self._on_changed)
        self.show_meeting(None)

    def show_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.reload()

    def reload(self) -> None:
        detail = None
        if self.meeting_id is not None:
            try:
                detail = meetings.get_meeting(self.ctx.uow, self.meeting_id)
            except NotFound:  # removed (here, by an undo, or by a colleague)
                self.meeting_id = None
        self.detail = detail
        self.setEnabled(detail is not None)
        self.header.set_detail(detail)
        self.participants.set_detail(detail)
        self.agenda.set_detail(detail)  # and through it, the chosen item
        self._lock_if_read_only()

    def _show_item(self, item_id: int | None) -> None:
        detail = self.detail
        item = detail.item(item_id) if detail is not None and item_id is not None else None
        self.item_panel.set_item(item, detail)
        self._lock_if_read_only()

    def _lock_if_read_only(self) -> None:
        """A database that may only be read: the meeting shows, nothing offers a change."""
        if self.ctx.read_only:
            lock_for_reading(self)

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.detail is None:
            return
        cases = {i.household_id for i in self.detail.items}
        if changes.touches(*MEETING_ENTITIES) or (
            changes.touches(*CASE_ENTITIES) and cases & changes.cases
        ):
            self.reload()
