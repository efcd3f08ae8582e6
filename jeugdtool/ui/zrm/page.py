"""The ZRM page of a case: three views of the self-sufficiency matrix — one assessment in the
matrix editor, a person's progress over time, and the household's latest picture.

The page reads everything once per change (`data.load`) and hands it to the views; it reloads
when its case's assessments, household, plan or the ZRM imports change.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext, read_only_note
from jeugdtool.ui.workspace.lazy import LazyPage
from jeugdtool.ui.zrm import data as zrm_data
from jeugdtool.ui.zrm.data import ZrmData
from jeugdtool.ui.zrm.editor import AssessmentEditor

#: What the page reloads for (of its own case; "zrm_import" and "settings" of any).
WATCHED = (
    "zrm_assessment",
    "zrm_domain_score",
    "person",
    "household",
    "statement",
    "agreement",
    "plan_version",
)
EVERYWHERE = ("zrm_import", "settings")
ASSESSMENT, PROGRESS, HOUSEHOLD = range(3)


class ZrmPage(QWidget):
    """`(ctx, case_id)`; Ctrl+N starts a new assessment of the chosen person."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.data: ZrmData | None = None
        self.editor = AssessmentEditor(ctx, case_id, self)
        self.editor.person_changed.connect(lambda _p: self._show_progress())
        self.progress_page = LazyPage(self._build_progress)
        self.household_page = LazyPage(self._build_household)
        for lazy in (self.progress_page, self.household_page):
            lazy.layout().setContentsMargins(8, 8, 8, 8)  # as the editor's
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.editor, _("&Assessment"))
        self.tabs.addTab(self.progress_page, _("&Progress"))
        self.tabs.addTab(self.household_page, _("&Household"))
        self.tabs.setAccessibleName(_("Views of the ZRM"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.editor)
        self._eat_key = _EatNewKey(self)
        ctx.signals.changed.connect(self._on_changed)
        self.reload()

    # ---- the other two views (built when first shown) -------------------------------------

    def _build_progress(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.zrm.progress import ProgressView

        view = ProgressView(parent)
        self.progress = view
        self._show_progress()
        return view

    def _build_household(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.zrm.household_map import HouseholdMap

        view = HouseholdMap(parent)
        view.person_chosen.connect(self.show_person)
        self.household = view
        self._show_household()
        return view

    def _show_progress(self) -> None:
        view = getattr(self, "progress", None)
        if view is not None and self.data is not None:
            view.show_person(self.editor.person_id, self.data.assessments, self.data.matrices)

    def _show_household(self) -> None:
        view = getattr(self, "household", None)
        if view is not None and self.data is not None:
            view.set_data(self.data.heat_rows(), self.data.matrices)

    def show_person(self, person_id: int) -> None:
        """From the household overview: that person's assessment in the editor."""
        self.tabs.setCurrentIndex(ASSESSMENT)
        self.editor.choose_person(person_id)
        self.editor.grid.setFocus()

    # ---- reloading -------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        mine = changes.touches_case(self.case_id) and changes.touches(*WATCHED)
        if mine or changes.touches(*EVERYWHERE):
            self.reload()

    def reload(self) -> None:
        try:
            locked = read_only_note() if self.ctx.read_only else None
            self.data = zrm_data.load(
                self.ctx.uow, self.case_id, self.ctx.settings.zrm_for_youth, locked
            )
        except NotFound:
            self.setEnabled(False)  # the workspace says the case is gone
            return
        self.editor.show_data(self.data)
        self._show_progress()
        self._show_household()

    # ---- Ctrl+N ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # The main window's Ctrl+N makes a new case; on this page it means a new assessment.
        # A second shortcut for the key would make both ambiguous (neither fires), so the page
        # claims the key as it travels up from the focused field, and keeps that field from
        # also typing it (a combo box would jump to an entry starting with "n").
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.New)
        ):
            target = QApplication.focusWidget()
            if target is not None:
                target.installEventFilter(self._eat_key)
                QTimer.singleShot(0, lambda: _remove_filter(target, self._eat_key))
            QTimer.singleShot(0, self.new_assessment)
            event.accept()
            return True
        return super().event(event)

    def new_assessment(self) -> None:
        self.tabs.setCurrentIndex(ASSESSMENT)
        self.editor.new_assessment()


class _EatNewKey(QObject):
    """Swallows the Ctrl+N key press the page has already acted on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.New)
        ):
            watched.removeEventFilter(self)
            return True
        return False


def _remove_filter(target: QObject, spy: QObject) -> None:
    with contextlib.suppress(RuntimeError):  # the field may be gone already
        target.removeEventFilter(spy)
