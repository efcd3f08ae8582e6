"""The dashboard window (View > Results): the outcome indicators per quarter with their trend,
the production figures and the family's experience, filtered by period, team, case manager and
mode; every count opens the list of cases behind it, and a case from there opens in the main
window. The figures are computed off the GUI thread (a large database takes a while)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QResizeEvent
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import consultants
from jeugdtool.folding import fold
from jeugdtool.i18n import _
from jeugdtool.outcomes import indicator_queries
from jeugdtool.outcomes.indicators import INDICATORS
from jeugdtool.outcomes.indicators import CaseRef
from jeugdtool.outcomes.indicators import IndicatorFilter
from jeugdtool.outcomes.indicators import IndicatorResult
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dashboard.drill import DrillPane
from jeugdtool.ui.dashboard.filters import FilterBar
from jeugdtool.ui.dashboard.loader import Loader
from jeugdtool.ui.dashboard.numbers import DrillRequest
from jeugdtool.ui.dashboard.production import ExperiencePanel
from jeugdtool.ui.dashboard.production import ProductionPanel
from jeugdtool.ui.dashboard.tiles import IndicatorTile
from jeugdtool.ui.side_window import SideWindow
from jeugdtool.ui.widgets import scrolling

log = logging.getLogger(__name__)

#: Changes after which the figures are computed again.
DASHBOARD_ENTITIES = (
    "household",
    "case_closing",
    "closing_goal_outcome",
    "client_experience",
    "new_start",
    "help_item",
    "scale_score",
    "zrm_assessment",
    "zrm_domain_score",
)
#: The loader's kinds of job.
FIGURES, CASES = "figures", "cases"
#: The narrowest a tile is laid out (in widths of "M"): the grid has as many columns as fit,
#: at most MAX_COLUMNS (two on a laptop, three on a full-HD screen).
TILE_EMS = 32
MAX_COLUMNS = 3


@dataclass(frozen=True)
class Figures:
    """What one load computed: the quarters of the period and the period as a whole."""

    flt: IndicatorFilter
    quarters: tuple[IndicatorResult, ...]
    total: IndicatorResult

    @property
    def has_closings(self) -> bool:
        return self.total.production.closed > 0


def compute(uow: UnitOfWork, flt: IndicatorFilter, today: dt.date) -> Figures:
    """The figures of `flt` (in the worker thread, with the worker's own unit of work)."""
    total, quarters = indicator_queries.overview(uow, flt, today=today)
    return Figures(flt, tuple(quarters), total)


class TileGrid(QWidget):
    """The tiles in as many columns as fit the width (two on a laptop, three on a desktop)."""

    def __init__(self, tiles: list[IndicatorTile], parent: QWidget | None = None):
        super().__init__(parent)
        self.tiles = tiles
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self.reflow(2)

    def reflow(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)
        for column in range(MAX_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrowest = self.fontMetrics().horizontalAdvance("M") * TILE_EMS  # follows the type size
        self.reflow(max(1, min(MAX_COLUMNS, self.width() // max(1, narrowest))))


class DashboardWindow(SideWindow):
    """Filters above, the figures left, the cases behind a chosen number right."""

    place_key = "dashboard"
    preferred_size = QSize(1320, 760)

    #: Open this case in the main window.
    case_activated = Signal(int)
    #: A load has been shown (tests and the status line wait for it).
    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        open_case: Callable[[int], None] | None = None,
        team_id: int | None = None,
        today: dt.date | None = None,
    ):
        """`open_case`: opens a case chosen here; `team_id`: show that team's figures."""
        super().__init__(ctx, parent)
        if open_case is not None:
            self.case_activated.connect(open_case)
        self.today = today or dt.date.today()
        self.figures: Figures | None = None
        self.loader = Loader(self._failed, self)
        self.setWindowTitle(_("Results"))
        self._build()
        self.filters.set_team(team_id)
        self._reload_soon = QTimer(self, singleShot=True, interval=0)
        self._reload_soon.timeout.connect(self.reload)
        self.filters.changed.connect(self._reload_soon.start)
        self.filters.shown_changed.connect(self._show_again)
        self.reload()
        self.restore_place()

    # ---- building ------------------------------------------------------------------------

    def _teams(self) -> list[tuple[int, str]]:
        """The user's own teams and every team with a case they may read, as (id, name)."""
        found = {team.id: team.name for team in self.ctx.staff.teams}
        for team_id, name in indicator_queries.case_teams(self.ctx.uow):
            if team_id is not None:
                found.setdefault(team_id, name)
        return sorted(found.items(), key=lambda team: fold(team[1]))

    def _build(self) -> None:
        people = consultants.list_consultants(self.ctx.uow, include_inactive=True)
        self.filters = FilterBar(self._teams(), [(p.id, p.name) for p in people], self.today, self)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("dashboard_empty")
        self.empty.setFrameShape(QLabel.Shape.StyledPanel)
        self.empty.setMargin(self.fontMetrics().height())
        larger = self.empty.font()
        larger.setPointSizeF(max(larger.pointSizeF(), 9.0) * 1.2)
        self.empty.setFont(larger)
        self.tiles = [IndicatorTile(name, self) for name in INDICATORS]
        self.tile_grid = TileGrid(self.tiles, self)
        self.production = ProductionPanel(self)
        self.experience = ExperiencePanel(self)
        self.drill_pane = DrillPane(self)
        for part in (*self.tiles, self.production, self.experience):
            part.drill.connect(self.show_cases)
        self.drill_pane.case_activated.connect(self.case_activated)
        self.setCentralWidget(self._central())
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

    def _central(self) -> QWidget:
        content = QWidget(self)
        below = QHBoxLayout()
        below.addWidget(self.production, 3)
        below.addWidget(self.experience, 2)
        column = QVBoxLayout(content)
        column.addWidget(self.empty)
        column.addWidget(self.tile_grid)
        column.addLayout(below)
        column.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(scrolling(content, self))
        self.splitter.addWidget(self.drill_pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        # The list wants its four columns readable; the tiles take the rest.
        self.drill_pane.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 26)
        self.splitter.setSizes(
            [self.preferred_size.width() * 7 // 10, self.preferred_size.width() * 3 // 10]
        )
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        return central

    # ---- loading -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Figures or a list of cases are asked for and not shown yet."""
        return self._reload_soon.isActive() or self.loader.busy(FIGURES) or self.loader.busy(CASES)

    def reload(self) -> None:
        """Compute the figures of the chosen filters again, off the GUI thread; an earlier load
        still running is overtaken (its result is dropped)."""
        flt, today, uow = self.filters.current(), self.today, self.ctx.uow.sibling()
        self._show_note(loading=True)
        self.loader.run(FIGURES, lambda: compute(uow, flt, today), self._show_loaded)

    def _show_loaded(self, figures: Figures) -> None:
        if self._reload_soon.isActive():
            return  # the filters changed again meanwhile: their figures are on their way
        self.show_figures(figures)
        self.loaded.emit()

    def _show_again(self) -> None:
        """Real or shielded numbers: the same figures, shown the other way."""
        if self.figures is not None:
            self.show_figures(self.figures)
        else:
            self._show_note(loading=self.busy)

    def _failed(self, message: str) -> None:
        self._show_note(loading=False)
        self.ctx.dialogs.error(message)

    def show_figures(self, figures: Figures) -> None:
        if self.figures is not None and figures.flt != self.figures.flt:
            self.drill_pane.clear()  # the list belonged to other figures
        self.figures = figures
        suppress = self.filters.suppress
        self.empty.setVisible(not figures.has_closings)
        self.empty.setText(
            ""
            if figures.has_closings
            else _(
                "No closed cases in this period. The indicators count closed cases: choose a "
                "longer period, or another team, case manager or way of working."
            )
        )
        self.tile_grid.setVisible(figures.has_closings)
        for tile in self.tiles:
            tile.fill(figures.quarters, figures.total, suppress)
        self.production.fill(figures.total, suppress)
        self.experience.fill(figures.total, suppress)
        self._show_note(loading=False)

    def _show_note(self, loading: bool) -> None:
        if self.filters.suppress:
            note = _(
                "Shielded view, as in the files for the municipality: counts below 5 are "
                "shown as <5 and their shares are hidden."
            )
        else:
            note = _(
                "Actual numbers, for internal use. Choose 'Shielded' to see what the "
                "municipality's files show."
            )
        if loading:
            note = _("Computing the figures…") + " " + note
        self.filters.note.setText(note)

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches(*DASHBOARD_ENTITIES):
            self._reload_soon.start()  # once, after a burst of changes

    # ---- the cases behind a number -------------------------------------------------------

    def show_cases(self, request: DrillRequest) -> None:
        """List the cases behind a number (only those the user may read; a large count takes
        a moment, so off the GUI thread), then give the list the keyboard's focus, so Enter
        opens the first."""
        uow = self.ctx.uow.sibling()
        self.drill_pane.show_loading(request)
        self.loader.run(
            CASES,
            lambda: indicator_queries.cases_behind(uow, request.case_ids),
            lambda cases: self._show_cases(request, cases),
        )

    def _show_cases(self, request: DrillRequest, cases: list[CaseRef]) -> None:
        self.drill_pane.show_cases(request, cases)
        self._room_for_cases()
        self.drill_pane.view.setFocus()

    def _room_for_cases(self) -> None:
        """Widen the list so the households' names are read whole (on a laptop they were cut
        to "Gezin M…"), as far as the tiles keep the columns they have."""
        sizes = self.splitter.sizes()
        wanted = self.drill_pane.wanted_width()
        if len(sizes) != 2 or wanted <= sizes[1]:
            return
        columns = max(1, self.tile_grid.columns)
        scroll = self.splitter.widget(0)
        chrome = scroll.width() - self.tile_grid.width()  # the scroll bar and the margins
        keep = self.fontMetrics().horizontalAdvance("M") * TILE_EMS * columns + chrome
        given = min(wanted, sum(sizes) - keep)
        if given > sizes[1]:
            self.splitter.setSizes([sum(sizes) - given, given])
