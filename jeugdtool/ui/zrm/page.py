"""The ZRM page of a case: three views of the self-sufficiency matrix — one assessment in the
matrix editor, a person's progress over time, and the household's latest picture.

The page reads everything once per change (`data.load`) and hands it to the views; it reloads
when its case's assessments, household, plan or the ZRM imports change — at once while seen,
else once when shown again (`StaleWhileHidden`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.context import read_only_note
from jeugdtool.ui.stale import StaleWhileHidden
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
#: A change of these alone (a level typed, a date corrected) leaves the case, its plan and the
#: matrices as they were: only the assessments are read again (`data.with_assessments`).
ASSESSMENTS_ONLY = frozenset({"zrm_assessment", "zrm_domain_score"})
ASSESSMENT, PROGRESS, HOUSEHOLD = range(3)
#: A new assessment of the chosen person (Ctrl+N stays "new case", as everywhere).
NEW_ASSESSMENT_KEY = "Ctrl+Shift+N"


class ZrmPage(StaleWhileHidden, QWidget):
    """`(ctx, case_id)`; Ctrl+Shift+N starts a new assessment of the chosen person.

    `case_detail`: the case as its workspace last read it (None: not read), so the page need
    not read it again; without it the page reads the case itself."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        *,
        case_detail: Callable[[], CaseDetail | None] | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.data: ZrmData | None = None
        self._case_detail = case_detail
        #: Only assessments changed since the last reload (read only those again).
        self._assessments_only = False
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
        self.tabs.addTab(self.household_page, _("Ho&usehold"))
        self.tabs.setAccessibleName(_("Views of the ZRM"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.editor)
        # Ctrl+N is "new case" everywhere; a new assessment has a key of its own, from any of
        # the three views (the button's Alt letter works where the button is shown).
        self.new_shortcut = QShortcut(QKeySequence(NEW_ASSESSMENT_KEY), self)
        self.new_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_shortcut.activated.connect(self.new_assessment)
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
            only = changes.entities <= ASSESSMENTS_ONLY and changes.cases == {self.case_id}
            # One full reload pending stays full: a stale page may have missed a plan change.
            self._assessments_only = only and (self._assessments_only or not self.stale)
            self.reload_when_seen()

    def reload(self) -> None:
        only, self._assessments_only = self._assessments_only, False
        try:
            if only and self.data is not None:
                self.data = zrm_data.with_assessments(self.ctx.uow, self.data)
            else:
                locked = read_only_note() if self.ctx.read_only else None
                case = self._case_detail() if self._case_detail is not None else None
                self.data = zrm_data.load(
                    self.ctx.uow, self.case_id, self.ctx.settings.zrm_for_youth, locked, case=case
                )
        except NotFound:
            self.setEnabled(False)  # the workspace says the case is gone
            return
        self.editor.show_data(self.data)
        self._show_progress()
        self._show_household()

    def new_assessment(self) -> None:
        self.tabs.setCurrentIndex(ASSESSMENT)
        self.editor.new_assessment()
