"""The case list's table model: thin, over CaseSummary rows and the plan columns.

`CaseTable` shows rows and their plan columns; `PagedCaseListModel` (issue 20) fills it by
asking the database for one page at a time, searched, scoped and sorted there
(`cases/case_search.py`), and fetches more as the view scrolls. The list never holds every
household (the in-memory filter `cases.search.filter_cases` stays in the core as the reference
the database search is tested against).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.case_search import FIRST_PAGE
from jeugdtool.cases.case_search import PAGE
from jeugdtool.cases.case_search import CaseCount
from jeugdtool.cases.case_search import CaseQuery
from jeugdtool.cases.case_search import CaseSort
from jeugdtool.cases.case_search import case_position
from jeugdtool.cases.case_search import case_summaries
from jeugdtool.cases.case_search import count_and_search
from jeugdtool.cases.case_search import place_may_change
from jeugdtool.cases.case_search import search_cases
from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.queries import CaseScope
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import format_datetime_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.folding import fold
from jeugdtool.framework.vocab import PlanState
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor

if TYPE_CHECKING:  # the plan columns load after the list is painted (CaseListPage.load_alerts)
    from jeugdtool.meetings.caseload import PlanColumns

Index = QModelIndex | QPersistentModelIndex

NUMBER, NAME, MANAGER, STATUS, PLAN, APPROVAL, REVIEW, CHANGED = range(8)
COLUMN_COUNT = 8
_STATUS_ORDER = {CaseStatus.OPEN: 0, CaseStatus.CLOSED: 1, CaseStatus.ARCHIVED: 2}

#: The value each column of the case itself sorts by (folded text sorts "Öztürk" next to
#: "Ozturk"); the plan columns sort by what `set_plan_columns` gave (`CaseTable._key`).
_SORT_KEYS: dict[int, Callable[[CaseSummary], Any]] = {
    NUMBER: lambda c: c.case_number,
    NAME: lambda c: fold(c.name),
    MANAGER: lambda c: fold(c.case_manager),
    STATUS: lambda c: _STATUS_ORDER[c.status],
    CHANGED: lambda c: c.last_change_at,
}


#: What a painted cell asks for and the row's cells answer (`CaseTable._cells_of`).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)

#: The roles a painted cell asks for at once (QStyledItemDelegate: font, alignment, colour,
#: check state, decoration, text, background), and where its text and colour are among them.
_DELEGATE_ROLES, _COLOUR_AT, _TEXT_AT = 7, 2, 5

#: The roles `CaseTable.data` answers (the last two: its SortRole and IdRole).
_ROLES = {
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.UserRole + 1,
    Qt.ItemDataRole.UserRole + 2,
}


class CaseTable(QAbstractTableModel):
    """What both case list models show: the rows they hold (`_rows`), their columns, tool tips
    and colours, and the plan columns loaded after the list is painted."""

    SortRole = Qt.ItemDataRole.UserRole + 1
    #: The case's database id.
    IdRole = Qt.ItemDataRole.UserRole + 2
    assert {SortRole, IdRole} <= _ROLES

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[CaseSummary] = []
        self._sort_column = NUMBER
        self._sort_order = Qt.SortOrder.AscendingOrder
        #: Case id -> plan state, next review and why the plan needs attention.
        self._plans: dict[int, PlanColumns] = {}
        #: The cases whose plan columns were loaded (with a plan or without).
        self._plan_known: set[int] = set()
        #: What the plan column says of a case without a plan, once the plans were loaded.
        self._no_plan = ""
        self._today = dt.date.today()
        #: Case id -> its row (`row_of`); None: to be made again (the rows changed).
        self._row_index: dict[int, int] | None = None
        #: Case id -> the texts and colours its row is painted with: made when the row is first
        #: painted, forgotten when the row or its plan columns change (a paint asks for seven
        #: roles of every cell shown, each paint again).
        self._cells: dict[int, tuple[tuple[str, ...], tuple[QColor | None, ...]]] = {}

    def _rows_changed(self) -> None:
        """The rows were replaced or reordered: the index of their places is made again."""
        self._row_index = None

    def set_plan_columns(self, columns: Mapping[int, PlanColumns]) -> None:
        """The plan status, next review and attention marker of every case shown (a case not
        in `columns` has no plan)."""
        self._plans = {}
        self._plan_known = set()
        self.update_plan_columns(columns, {case.id for case in self._rows} | set(columns))

    def update_plan_columns(
        self, columns: Mapping[int, PlanColumns], case_ids: Collection[int]
    ) -> None:
        """The plan columns of `case_ids` (loaded after the list is painted, for the rows
        loaded, the rows fetched later, and the cases a change touched): a case of `case_ids`
        not in `columns` has no plan; the other cases keep theirs."""
        self._merge_plans(columns, case_ids)
        if self._sort_column in (PLAN, APPROVAL, REVIEW):
            self.sort(self._sort_column, self._sort_order)
        elif self._rows:
            top, bottom = self.index(0, STATUS), self.index(len(self._rows) - 1, REVIEW)
            self.dataChanged.emit(top, bottom)

    def _merge_plans(self, columns: Mapping[int, PlanColumns], case_ids: Collection[int]) -> None:
        today = dt.date.today()
        if today != self._today:
            self._cells.clear()  # "3 days overdue" and the colours follow the day
        for case_id in case_ids:
            self._cells.pop(case_id, None)
            found = columns.get(case_id)
            if found is None:
                self._plans.pop(case_id, None)
            else:
                self._plans[case_id] = found
        self._plan_known |= set(case_ids)
        self._today = today
        self._no_plan = _("No plan")

    def forget_plan_columns(self, case_ids: Collection[int] | None = None) -> None:
        """The plan columns of `case_ids` (None: of every case) are out of date: they are
        loaded again with `missing_plan_columns`."""
        if case_ids is None:
            self._plan_known = set()
            self._cells.clear()
        else:
            self._plan_known -= set(case_ids)
            for case_id in case_ids:
                self._cells.pop(case_id, None)

    def missing_plan_columns(self) -> list[int]:
        """The cases loaded whose plan columns are not loaded (or out of date)."""
        return [case.id for case in self._rows if case.id not in self._plan_known]

    def plan(self, case_id: int) -> PlanColumns | None:
        """The case's plan columns (None: no plan, or not loaded yet)."""
        return self._plans.get(case_id)

    def alert(self, case_id: int) -> str | None:
        """Why the case's plan needs attention, or None."""
        plan = self._plans.get(case_id)
        return plan.alert or None if plan is not None else None

    def _review_held(self, case_id: int) -> bool:
        plan = self._plans.get(case_id)
        if plan is None:  # not before the plan columns: the first paint imports no caseload
            return False
        from jeugdtool.meetings.caseload import review_held  # loaded with the plan columns

        return review_held(plan.next_review, plan.review_overdue, self._today)

    def _overdue(self, case_id: int) -> bool:
        plan = self._plans.get(case_id)
        return plan is not None and plan.review_overdue

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

    # ---- data out ---------------------------------------------------------------------

    def case_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def loaded_row(self, case_id: int) -> int | None:
        """The case's row among those loaded, or None."""
        if self._row_index is None:
            self._row_index = {case.id: row for row, case in enumerate(self._rows)}
        return self._row_index.get(case_id)

    def row_of(self, case_id: int) -> int | None:
        return self.loaded_row(case_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Text and colour come from the row's cells, made once (a paint asks `multiData`).
        if role in (_DISPLAY, _FOREGROUND):
            if not index.isValid():
                return None
            texts, colours = self._cells_of(index.row())
            return (texts if role == _DISPLAY else colours)[index.column()]
        if role not in _ROLES or not index.isValid():
            return None
        case = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(case, column)
        if role == self.SortRole:
            return self._key(column)(case)
        if role == self.IdRole:
            return case.id
        return None

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """A painted cell's roles, asked at once by its delegate: one call into Python per cell
        instead of seven (the paint's largest part in Python). QStyledItemDelegate asks for
        seven roles, its text at [5] and colour at [2] (checked); the other five have no answer
        here and stay empty. Any other asker gets `data` per role."""
        if (
            index.isValid()
            and len(roleDataSpan) == _DELEGATE_ROLES
            and roleDataSpan[_TEXT_AT].role() == _DISPLAY
            and roleDataSpan[_COLOUR_AT].role() == _FOREGROUND
        ):
            texts, colours = self._cells_of(index.row())
            column = index.column()
            roleDataSpan[_TEXT_AT].setData(texts[column])
            roleDataSpan[_COLOUR_AT].setData(colours[column])  # None: no colour (cleared)
            return
        for role_data in roleDataSpan:
            role_data.setData(self.data(index, role_data.role()))

    def _cells_of(self, row: int) -> tuple[tuple[str, ...], tuple[QColor | None, ...]]:
        """The texts and colours of the row's cells (made once, see `_cells`)."""
        case = self._rows[row]
        cells = self._cells.get(case.id)
        if cells is None:
            texts = [self._display(case, column) for column in range(COLUMN_COUNT)]
            if self.alert(case.id):
                texts[STATUS] = f"{texts[STATUS]} ⚠"
            colours = tuple(self._foreground(case, column) for column in range(COLUMN_COUNT))
            cells = self._cells[case.id] = (tuple(texts), colours)
        return cells

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
            if plan is not None:
                return plan.plan.label
            return self._no_plan if case.id in self._plan_known else ""
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


#: The list's columns the database sorts by.
_DATABASE_SORT = {
    NUMBER: CaseSort.NUMBER,
    NAME: CaseSort.NAME,
    MANAGER: CaseSort.MANAGER,
    STATUS: CaseSort.STATUS,
    CHANGED: CaseSort.CHANGED,
}


class PagedCaseListModel(CaseTable):
    """The case list asked of the database a page at a time (issue 20): never every household.

    The database filters (every word in the folded key), scopes, counts and sorts
    (`cases/case_search.py`); the view fetches the next page as it scrolls to the end
    (`canFetchMore`/`fetchMore`). The plan columns are computed, not stored: sorting by one of
    them fetches every matching case and its plan columns (`plan_loader`) first and sorts
    those here (`_sorted_here`).
    """

    #: Reads the plan columns of the given cases (`caseload.list_columns`); set by the page
    #: once the list has been painted. Until then a plan column sorts the cases as "no plan".
    plan_loader: Callable[[list[int]], Mapping[int, PlanColumns]] | None = None

    def __init__(self, uow: UnitOfWork, parent: QWidget | None = None, page: int = PAGE):
        super().__init__(parent)
        self._uow = uow
        #: Rows fetched at a time as the view scrolls.
        self.page_size = page
        self._query = CaseQuery()
        self._count = CaseCount(matching=0, total=0)
        #: Whether `_count.total` (every case the person may see) is known: what is typed does
        #: not change it, a change in the data may (`refresh`).
        self._total_known = False
        self._changing = False

    # ---- data in ----------------------------------------------------------------------

    @property
    def query(self) -> CaseQuery:
        """What the list asks of the database now."""
        return self._query

    @property
    def first_page(self) -> int:
        """Rows asked for first (`FIRST_PAGE`, never more than a page)."""
        return min(self.page_size, FIRST_PAGE)

    def refresh(self) -> None:
        """Ask again (after a change): as many rows as were loaded, at least the first page."""
        self._total_known = False
        self._requery(max(len(self._rows), self.first_page))

    def set_filter(self, query: str, statuses: frozenset[CaseStatus] | None) -> None:
        """Show the cases matching every word of `query` with one of `statuses` (None: all)."""
        self.ask(text=query, statuses=statuses)

    def ask(self, **fields: Any) -> None:
        """Change any of the query's fields (`CaseQuery`: text, statuses, scope, person_id,
        team_ids) and ask the database once."""
        if "team_ids" in fields:
            fields["team_ids"] = frozenset(fields["team_ids"])
        self._set_query(replace(self._query, **fields))
        self._requery(self.first_page)

    def _set_query(self, query: CaseQuery) -> None:
        if (query.person_id, query.team_ids) != (self._query.person_id, self._query.team_ids):
            self._total_known = False  # another person: count what they may see
        self._query = query

    def set_scope(
        self, scope: CaseScope, person_id: int | None = None, team_ids: frozenset[int] = frozenset()
    ) -> None:
        """Show only the person's own cases, their teams' cases, or all they may see."""
        self._set_query(
            replace(self._query, scope=scope, person_id=person_id, team_ids=frozenset(team_ids))
        )
        self._requery(self.first_page)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column`; the cases loaded stay loaded, the selected ones selected."""
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort_column, self._sort_order = column, order
        descending = order == Qt.SortOrder.DescendingOrder
        if column in _DATABASE_SORT:
            new = replace(self._query, sort=_DATABASE_SORT[column], descending=descending)
            # The selected case stays loaded: load (in the old order) as many rows as reach
            # its place in the new one.
            held = {self._rows[index.row()].id for index in self.persistentIndexList()}
            places = [case_position(self._uow, new, case_id) for case_id in held]
            reach = max((p + 1 for p in places if p is not None), default=0)
            if reach > len(self._rows):
                self._append(reach - len(self._rows))
            self._query = new
            fetched = self._fetch(0, len(self._rows))
        else:
            fetched = self._sorted_here(self._fetch(0, len(self._rows)), self._count.matching)
        if len(fetched) != len(self._rows):  # the cases changed meanwhile: ask again
            self._requery(len(self._rows))
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        moved = [(index, self._rows[index.row()].id, index.column()) for index in persistent]
        self._rows = fetched
        self._rows_changed()
        for index, case_id, column_ in moved:
            row = self.loaded_row(case_id)
            self.changePersistentIndex(
                index, QModelIndex() if row is None else self.index(row, column_)
            )
        self.layoutChanged.emit()

    def _sorted_here(self, rows: list[CaseSummary], matching: int) -> list[CaseSummary]:
        """Sorted by a plan column: every matching case, here (ties by case number).

        That reads every matching case and computes its plan columns: a caseload (tens of
        cases) or a team's (hundreds) in a blink; "all I may see" of a municipality's 100,000
        households, every status, would load all of them (~1 KB each, and their plans) and
        take seconds. The status choice (open cases: ~5%) and a typed filter keep it small;
        at that size sort by a case column (the database sorts those).
        """
        rows = rows + self._fetch(len(rows), matching - len(rows))
        missing = [c.id for c in rows if c.id not in self._plan_known]
        if missing and self.plan_loader is not None:
            self._merge_plans(self.plan_loader(missing), missing)
        rows.sort(key=lambda c: c.case_number)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        rows.sort(key=self._key(self._sort_column), reverse=descending)
        return rows

    def _fetch(self, offset: int, limit: int) -> list[CaseSummary]:
        if limit <= 0:
            return []
        return search_cases(self._uow, self._query, offset, limit)

    def _requery(self, rows: int) -> None:
        # Asked before the reset starts: a view may fetch more from within it. The count and
        # the rows in one unit of work (one transaction's round trips on a server).
        total = self._count.total if self._total_known else None
        count, fetched = count_and_search(self._uow, self._query, max(rows, 0), total)
        if self._sort_column not in _DATABASE_SORT:
            fetched = self._sorted_here(fetched, count.matching)
        self._changing = True  # who hears of the change fetches more after it, not within it
        try:
            self.beginResetModel()
            self._keep_cells_of(fetched)
            self._count, self._rows = count, fetched
            self._total_known = True
            self._rows_changed()
            self.endResetModel()
        finally:
            self._changing = False

    def _keep_cells_of(self, fetched: list[CaseSummary]) -> None:
        """Keep the painted texts of the rows that read as before (a keystroke mostly finds
        rows already shown); a case's row that reads differently now is made again."""
        before = {case.id: case for case in self._rows}
        same = {case.id for case in fetched if before.get(case.id) == case}
        self._cells = {case_id: cells for case_id, cells in self._cells.items() if case_id in same}

    def reread(self, case_ids: Collection[int], plans_only: bool = False) -> bool:
        """After a change to `case_ids`: read the rows of those loaded again, where they are,
        when the change cannot have moved them or brought a case in or out
        (`case_search.place_may_change`; `plans_only`: it changed their plans only, so cases
        not loaded stay out). False: nothing done — ask again (`refresh`)."""
        wanted = set(case_ids)
        loaded = {c: row for c in wanted if (row := self.loaded_row(c)) is not None}
        if len(loaded) < len(wanted) and not plans_only:
            return False
        if not loaded:
            return True
        fresh = case_summaries(self._uow, loaded)
        if any(
            place_may_change(self._rows[r], fresh.get(c), self._query) for c, r in loaded.items()
        ):
            return False
        for case_id, row in loaded.items():
            self._rows[row] = fresh[case_id]
            self._cells.pop(case_id, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return True

    def canFetchMore(self, parent: Index) -> bool:
        return (
            not parent.isValid() and not self._changing and len(self._rows) < self._count.matching
        )

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._append(self.page_size)

    def _append(self, limit: int) -> None:
        seen = {case.id for case in self._rows}
        # A case added or removed by a colleague meanwhile shifts the pages: none twice.
        more = [c for c in self._fetch(len(self._rows), limit) if c.id not in seen]
        if not more:
            self._count = replace(self._count, matching=len(self._rows))
            return
        self._changing = True  # as in `_requery`: no fetching from within the insertion
        try:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            if self._row_index is not None:
                self._row_index.update((c.id, n) for n, c in enumerate(more, len(self._rows)))
            self._rows += more
            self.endInsertRows()
        finally:
            self._changing = False

    # ---- data out ---------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Every case the person may see."""
        return self._count.total

    @property
    def matching(self) -> int:
        """The cases that match, loaded or not ("n van N casussen")."""
        return self._count.matching

    def loaded_rows(self) -> list[CaseSummary]:
        """The cases fetched so far, in the list's order."""
        return list(self._rows)

    def summary(self, case_id: int) -> CaseSummary | None:
        row = self.loaded_row(case_id)
        return None if row is None else self._rows[row]

    def row_of(self, case_id: int) -> int | None:
        """The case's row, fetching up to it when it matches but is not loaded yet."""
        row = self.loaded_row(case_id)
        if row is not None or self._sort_column not in _DATABASE_SORT:
            return row
        if len(self._rows) >= self._count.matching:
            return None  # every match is loaded: it does not match
        position = case_position(self._uow, self._query, case_id)
        if position is None or position < len(self._rows):
            return None
        self._append(position + 1 - len(self._rows))
        return self.loaded_row(case_id)
