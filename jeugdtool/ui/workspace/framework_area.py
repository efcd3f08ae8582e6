"""The "In kaart brengen" part of a case: the whole map, or guided mode one cell at a time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.map_page import FrameworkPage


class FrameworkArea(QStackedWidget):
    #: Guided mode's summary asked for the next step ("statements", "scale", "plan").
    page_requested = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        case_detail: Callable[[], CaseDetail | None] | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        # The case as the workspace read it: the map does not read its head again.
        self.map = FrameworkPage(ctx, case_id, self, case_detail=case_detail)
        self.guided: QWidget | None = None
        self.addWidget(self.map)
        self.map.guided_requested.connect(self.start_guided)
        ctx.signals.changed.connect(self._on_changed)

    def start_guided(self) -> None:
        """Guided mode, fresh each time (it starts at the first cell of the method). Not for a
        closed or archived case: the map's button says why."""
        from jeugdtool.ui.framework.guided import GuidedMapping

        if not self.map.case_open:
            return
        self._drop_guided()
        self.guided = GuidedMapping(self.ctx, self.case_id, self)
        self.guided.finished.connect(self.show_map)
        self.guided.next_page_requested.connect(self.page_requested.emit)
        self.addWidget(self.guided)
        self.setCurrentWidget(self.guided)
        self.guided.setFocus()

    def show_map(self) -> None:
        # What guided mode added: read once, as the map is shown (or when it is, later).
        self.map.stale = True
        self.setCurrentWidget(self.map)
        if self.map.stale and self.map.isVisible():
            self.map.reload_now()
        self._drop_guided()
        self.map.setFocus()

    def _on_changed(self, changes: ChangeSet) -> None:
        """The case was closed (elsewhere in the workspace) while guided mode was open: back to
        the map, which now reads as a record. What was typed cannot go into a closed case."""
        if self.guided is None or not changes.touches_case(self.case_id):
            return
        if not changes.touches("household"):
            return
        self.map.reload_now()  # hidden behind guided mode: read now whether the case is open
        if not self.map.case_open:
            self.setCurrentWidget(self.map)
            self._drop_guided(save=False)

    def _drop_guided(self, save: bool = True) -> None:
        if self.guided is not None:
            if save:
                self.guided.save_pending()  # text typed but not yet added is never lost
            self.removeWidget(self.guided)
            self.guided.deleteLater()
            self.guided = None
