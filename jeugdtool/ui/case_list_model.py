"""The case list's table model: thin, over CaseSummary rows and the plan columns.

Sorting and filtering run in plain Python over the whole list (no QSortFilterProxyModel: its
per-row callbacks into Python are too slow at 10,000 cases). The list is kept sorted, and the
scope and filter keep that order, so a keystroke costs one pass over the rows and one reset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.queries import CaseScope
from jeugdtool.cases.search import filter_cases
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import format_datetime_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.folding import fold
from jeugdtool.framework.vocab import PlanState
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor

if TYPE_CHECKING:  # the plan columns load after the list is painted (CaseListPage.load_alerts)
    from jeugdtool.meetings.caseload import PlanColumns

Index = QModelIndex | QPersistentModelIndex

NUMBER, NAME, MANAGER, STATUS, PLAN, APPROVAL, REVIEW, CHANGED = range(8)
COLUMN_COUNT = 8
_STATUS_ORDER = {CaseStatus.OPEN: 0, CaseStatus.CLOSED: 1, CaseStatus.ARCHIVED: 2}

#: The value each column of the case itself sorts by (folded text sorts "Öztürk" next to
#: "Ozturk"); the plan columns sort by what `set_plan_columns` gave (`CaseListModel._key`).
_SORT_KEYS: dict[int, Callable[[CaseSummary], Any]] = {
    NUMBER: lambda c: c.case_number,
    NAME: lambda c: fold(c.name),
    MANAGER: lambda c: fold(c.case_manager),
    STATUS: lambda c: _STATUS_ORDER[c.status],
    CHANGED: lambda c: c.last_change_at,
}


class CaseListModel(QAbstractTableModel):
    SortRole = Qt.ItemDataRole.UserRole + 1
    #: The case's database id.
    IdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._all: list[CaseSummary] = []
        #: `_all` within the scope (the same list when the scope is everything).
        self._scoped: list[CaseSummary] = []
        self._rows: list[CaseSummary] = []
        self._query = ""
        self._statuses: frozenset[CaseStatus] | None = frozenset({CaseStatus.OPEN})
        self._scope = CaseScope.ALL
        self._person_id: int | None = None
        self._team_ids: frozenset[int] = frozenset()
        self._sort_column = NUMBER
        self._sort_order = Qt.SortOrder.AscendingOrder
        #: Case id -> plan state, next review and why the plan needs attention.
        self._plans: dict[int, PlanColumns] = {}
        #: What the plan column says of a case without a plan, once the plans were loaded.
        self._no_plan = ""
        self._today = dt.date.today()

    # ---- data in ----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[CaseSummary]) -> None:
        """Replace every case (the filter, scope and sort order stay)."""
        self._all = list(rows)
        self._sort_all()
        self._refilter()

    def set_plan_columns(self, columns: dict[int, PlanColumns]) -> None:
        """The plan status, next review and attention marker of each case (loaded after the
        list is painted: a few heavier queries)."""
        self._plans = dict(columns)
        self._today = dt.date.today()
        self._no_plan = _("No plan")
        if self._sort_column in (PLAN, APPROVAL, REVIEW):
            self.sort(self._sort_column, self._sort_order)
        elif self._rows:
            top, bottom = self.index(0, STATUS), self.index(len(self._rows) - 1, REVIEW)
            self.dataChanged.emit(top, bottom)

    def plan(self, case_id: int) -> PlanColumns | None:
        """The case's plan columns (None: no plan, or not loaded yet)."""
        return self._plans.get(case_id)

    def alert(self, case_id: int) -> str | None:
        """Why the case's plan needs attention, or None."""
        plan = self._plans.get(case_id)
        return plan.alert or None if plan is not None else None

    def _review_held(self, case_id: int) -> bool:
        from jeugdtool.meetings.caseload import review_held  # loaded with the plan columns

        plan = self._plans.get(case_id)
        return plan is not None and review_held(plan.next_review, plan.review_overdue, self._today)

    def _overdue(self, case_id: int) -> bool:
        plan = self._plans.get(case_id)
        return plan is not None and plan.review_overdue

    def set_filter(self, query: str, statuses: frozenset[CaseStatus] | None) -> None:
        """Show the cases matching every word of `query` with one of `statuses` (None: all)."""
        self._query = query
        self._statuses = statuses
        self._refilter()

    def set_scope(
        self, scope: CaseScope, person_id: int | None = None, team_ids: frozenset[int] = frozenset()
    ) -> None:
        """Show only the person's own cases, their teams' cases, or everything loaded."""
        self._scope, self._person_id, self._team_ids = scope, person_id, team_ids
        self._rescope()
        self._refilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        persistent = self.persistentIndexList()
        moved = [(index, old[index.row()].id, index.column()) for index in persistent]
        self._sort_all()
        self._rows = self._filtered()
        rows = {case.id: row for row, case in enumerate(self._rows)}
        for index, case_id, column_ in moved:
            self.changePersistentIndex(index, self.index(rows[case_id], column_))
        self.layoutChanged.emit()

    def _key(self, column: int) -> Callable[[CaseSummary], Any]:
        plans = self._plans
        if column == PLAN:
            return lambda c: plans[c.id].plan.order if c.id in plans else -1
        if column == APPROVAL:
            order = {state: n for n, state in enumerate(PlanState)}
            return lambda c: order[plans[c.id].approval.state] if c.id in plans else -1
        if column == REVIEW:
            # Cases without a review date after those with one.
            return lambda c: (plans[c.id].next_review if c.id in plans else None) or dt.date.max
        return _SORT_KEYS[column]

    def _sort_all(self) -> None:
        key = self._key(self._sort_column)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        # Case number as the tie-breaker keeps equal names in a predictable order.
        self._all.sort(key=lambda c: c.case_number)
        self._all.sort(key=key, reverse=descending)
        self._rescope()

    def _rescope(self) -> None:
        self._scoped = (
            self._all
            if self._scope is CaseScope.ALL
            else queries.scoped(self._all, self._scope, self._person_id, self._team_ids)
        )

    def _filtered(self) -> list[CaseSummary]:
        return filter_cases(self._scoped, self._query, self._statuses)

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = self._filtered()
        self.endResetModel()

    # ---- data out ---------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._all)

    def all_rows(self) -> list[CaseSummary]:
        """Every case loaded, whatever the scope and filter."""
        return list(self._all)

    @property
    def all_ids(self) -> set[int]:
        return {case.id for case in self._all}

    def summary(self, case_id: int) -> CaseSummary | None:
        return next((case for case in self._all if case.id == case_id), None)

    def case_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def row_of(self, case_id: int) -> int | None:
        for row, case in enumerate(self._rows):
            if case.id == case_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._display(case, column)
            if column == STATUS and self.alert(case.id):
                return f"{text} ⚠"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(case, column)
        if role == self.SortRole:
            return self._key(column)(case)
        if role == self.IdRole:
            return case.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(case, column)
        return None

    def _display(self, case: CaseSummary, column: int) -> str:
        if column == NUMBER:
            return case.case_number
        if column == NAME:
            return case.name
        if column == MANAGER:
            return case.case_manager
        if column == STATUS:
            return case.status.label
        plan = self._plans.get(case.id)
        if column == PLAN:
            return plan.plan.label if plan is not None else self._no_plan
        if column == APPROVAL:
            return self._approval_text(plan)
        if column == REVIEW:
            day = plan.next_review if plan is not None else None
            if day is None:
                return ""
            if plan is not None and plan.review_overdue:
                # In words too, not by colour alone: "(3 dagen te laat)".
                from jeugdtool.meetings.caseload import review_countdown

                late = review_countdown(day, True, self._today)
                return f"{format_date_nl(day)} ({late})"
            return format_date_nl(day)
        return format_datetime_nl(case.last_change_at)

    def _approval_text(self, plan: PlanColumns | None) -> str:
        """The plan's review (toetsing): its state, with the day it is due (waiting) or is to
        be reviewed again (approved); a late one says how late in words."""
        if plan is None:
            return ""
        status = plan.approval
        text = status.state.label
        day = status.due_on or status.next_review_on
        if day is None:
            return text
        if self._approval_overdue(plan):
            from jeugdtool.meetings.caseload import review_countdown

            late = review_countdown(day, True, self._today)
            return f"{text} ({late})" if late else text
        if status.due_on is None:  # approved: when it is reviewed again
            return text + " " + _("(again {date})").format(date=format_date_nl(day))
        return text + " " + _("(by {date})").format(date=format_date_nl(day))

    @staticmethod
    def _approval_overdue(plan: PlanColumns | None) -> bool:
        return plan is not None and plan.approval.state is PlanState.REVIEW_OVERDUE

    def _tooltip(self, case: CaseSummary, column: int) -> str | None:
        if column == STATUS or (column == REVIEW and self._overdue(case.id)):
            return self.alert(case.id)
        if column == REVIEW and self._review_held(case.id):
            from jeugdtool.meetings.caseload import review_held_note

            return review_held_note()
        if column == NAME:
            team = f" — {case.team}" if case.team else ""
            return f"{case.case_number} {case.name} ({case.mode.label}){team}"
        return None

    def _foreground(self, case: CaseSummary, column: int) -> QColor | None:
        if case.status != CaseStatus.OPEN or (column == REVIEW and self._review_held(case.id)):
            return qcolor(Role.MUTED)
        if column == REVIEW and self._overdue(case.id):
            return qcolor(Role.ERROR)
        if column == APPROVAL and self._approval_overdue(self._plans.get(case.id)):
            return qcolor(Role.ERROR)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            _("Case number"),
            _("Household"),
            _("Case manager"),
            _("Status"),
            # Not "Safety plan": the list holds wellbeing cases too (their plan is named
            # differently); the state column says which plan it is about.
            _("Plan"),
            _("Plan approval"),
            _("Next review"),
            _("Last change"),
        )[section]
