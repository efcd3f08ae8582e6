"""The case list: a thin table model over CaseSummary rows and the page that filters it.

Sorting and filtering run in plain Python over the whole list (no QSortFilterProxyModel: its
per-row callbacks into Python are too slow at 10,000 cases). The list is kept sorted, and the
filter keeps that order, so a keystroke costs one pass over the rows and one model reset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.search import filter_cases, fold
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import _, ngettext
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex

NUMBER, NAME, MANAGER, STATUS, CHANGED = range(5)
_STATUS_ORDER = {CaseStatus.OPEN: 0, CaseStatus.CLOSED: 1, CaseStatus.ARCHIVED: 2}

#: The value each column sorts by (folded text sorts "Öztürk" next to "Ozturk").
_SORT_KEYS: dict[int, Callable[[CaseSummary], Any]] = {
    NUMBER: lambda c: c.case_number,
    NAME: lambda c: fold(c.name),
    MANAGER: lambda c: fold(c.case_manager),
    STATUS: lambda c: _STATUS_ORDER[c.status],
    CHANGED: lambda c: c.last_change_at,
}

#: The entities whose changes show in the list.
#: When the plan markers load at the latest if the list was not painted before (milliseconds).
ALERTS_FALLBACK_MS = 400

#: Changes that alter a list row: names, status, case manager, and the plan (its alert marker).
LIST_ENTITIES = (
    "household",
    "person",
    "consultant",
    "plan_version",
    "agreement",
    "plan_review",
    "review_result",
)


def format_local(moment: dt.datetime) -> str:
    """dd-mm-jjjj hh:mm in the computer's time zone."""
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


class CaseListModel(QAbstractTableModel):
    SortRole = Qt.ItemDataRole.UserRole + 1
    #: The case's database id.
    IdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._all: list[CaseSummary] = []
        self._rows: list[CaseSummary] = []
        self._query = ""
        self._statuses: frozenset[CaseStatus] | None = frozenset({CaseStatus.OPEN})
        self._sort_column = NUMBER
        self._sort_order = Qt.SortOrder.AscendingOrder
        #: Case id -> why its safety plan needs attention (overdue review, agreement past date).
        self._alerts: dict[int, str] = {}

    # ---- data in ----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[CaseSummary]) -> None:
        """Replace every case (the filter and sort order stay)."""
        self._all = list(rows)
        self._sort_all()
        self._refilter()

    def set_alerts(self, alerts: dict[int, str]) -> None:
        """Mark the cases whose plan needs attention (shown with the status, reason as tip)."""
        self._alerts = dict(alerts)
        if self._rows:
            top, bottom = self.index(0, STATUS), self.index(len(self._rows) - 1, STATUS)
            self.dataChanged.emit(top, bottom)

    def alert(self, case_id: int) -> str | None:
        return self._alerts.get(case_id)

    def set_filter(self, query: str, statuses: frozenset[CaseStatus] | None) -> None:
        """Show the cases matching every word of `query` with one of `statuses` (None: all)."""
        self._query = query
        self._statuses = statuses
        self._refilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
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

    def _sort_all(self) -> None:
        key = _SORT_KEYS[self._sort_column]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        # Case number as the tie-breaker keeps equal names in a predictable order.
        self._all.sort(key=lambda c: c.case_number)
        self._all.sort(key=key, reverse=descending)

    def _filtered(self) -> list[CaseSummary]:
        return filter_cases(self._all, self._query, self._statuses)

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = self._filtered()
        self.endResetModel()

    # ---- data out ---------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._all)

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
        return 0 if parent.isValid() else len(_SORT_KEYS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._display(case, column)
            if column == STATUS and case.id in self._alerts:
                return f"{text} ⚠"
            return text
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS and case.id in self._alerts:
            return self._alerts[case.id]
        if role == self.SortRole:
            return _SORT_KEYS[column](case)
        if role == self.IdRole:
            return case.id
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return f"{case.case_number} {case.name} ({case.mode.label})"
        if role == Qt.ItemDataRole.ForegroundRole and case.status != CaseStatus.OPEN:
            return QPalette().color(QPalette.ColorRole.PlaceholderText)
        return None

    @staticmethod
    def _display(case: CaseSummary, column: int) -> str:
        if column == NUMBER:
            return case.case_number
        if column == NAME:
            return case.name
        if column == MANAGER:
            return case.case_manager
        if column == STATUS:
            return case.status.label
        return format_local(case.last_change_at)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Case number"), _("Household"), _("Case manager"), _("Status"), _("Last change"))[
            section
        ]


#: The status combo: label and the statuses it shows (None: all).
def _status_choices() -> list[tuple[str, frozenset[CaseStatus] | None]]:
    return [
        (_("Open"), frozenset({CaseStatus.OPEN})),
        (_("Closed"), frozenset({CaseStatus.CLOSED})),
        (_("Archived"), frozenset({CaseStatus.ARCHIVED})),
        (_("All"), None),
    ]


class _FilterEdit(QLineEdit):
    """Down moves into the list; Esc clears the filter before anything else sees it."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class CaseListPage(QWidget):
    """Filter field, status choice, count and the table; Enter or double-click opens a case."""

    #: A case was activated (Enter, double-click): its id.
    case_activated = Signal(int)
    #: The list was (re)loaded: the total number of cases in the database.
    reloaded = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = CaseListModel(self)
        self._active = True
        self._stale = False
        self._alerts_pending = False
        self._build()
        self.view.viewport().installEventFilter(self)
        ctx.signals.changed.connect(self._on_changed)
        self.reload()

    def _build(self) -> None:
        self.filter_edit = _FilterEdit(self)
        self.filter_edit.setPlaceholderText(_("Search by case number, household or name…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Search cases"))
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(_("Status"))
        for label, statuses in _status_choices():
            self.status_combo.addItem(label, statuses)
        self.count_label = QLabel(self)
        self.view = self._make_view()
        status_label = QLabel(_("&Status:"), self)
        status_label.setBuddy(self.status_combo)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(status_label)
        top.addWidget(self.status_combo)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self._open_from_filter)
        self.filter_edit.down_pressed.connect(self._focus_view)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.view.activated.connect(self._on_activated)

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSortingEnabled(True)
        view.sortByColumn(NUMBER, Qt.SortOrder.AscendingOrder)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)
        view.verticalHeader().hide()
        # Fixed row heights and column widths: nothing measures 10,000 rows.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        metrics = view.fontMetrics()
        for column, sample in (
            (NUMBER, "2026-00000 M"),
            (MANAGER, "Mevr. J. van den Berg-M"),
            (STATUS, "Gearchiveerd MM"),
            (CHANGED, "00-00-0000 00:00 MM"),
        ):
            view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        view.setMinimumWidth(metrics.horizontalAdvance("M") * 40)
        return view

    # ---- loading ----------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the list again, keeping the filter, the selected case and the scroll position."""
        self._stale = False
        selected = self.current_case_id()
        scroll = self.view.verticalScrollBar().value()
        self.model.set_rows(queries.list_case_summaries(self.ctx.uow))
        # The plan markers (a few heavier queries) follow once the list has been painted.
        # (A list not on screen yet — e.g. while the window is being built — gets them shortly.)
        self._alerts_pending = True
        self.view.viewport().update()
        QTimer.singleShot(ALERTS_FALLBACK_MS, self._load_alerts_if_pending)
        self._after_reset(selected)
        self.view.verticalScrollBar().setValue(scroll)
        self.reloaded.emit(self.model.total)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._alerts_pending:
            self._alerts_pending = False
            QTimer.singleShot(0, self.load_alerts)
        return False

    def _load_alerts_if_pending(self) -> None:
        if self._alerts_pending:
            self._alerts_pending = False
            self.load_alerts()

    def load_alerts(self) -> None:
        """Mark the cases whose safety plan needs attention (overdue review, past dates)."""
        from jeugdtool.framework import plan_reviews  # after the list is painted, not before

        self.model.set_alerts(plan_reviews.cases_with_alerts(self.ctx.uow))

    def set_active(self, active: bool) -> None:
        """While inactive (a case is in view) changes only mark the list stale: at 10,000
        cases a reload takes a noticeable moment, and nobody should wait for it per edit."""
        self._active = active
        if active and self._stale:
            self.reload()

    def _on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches(*LIST_ENTITIES):
            return
        if self._active:
            self.reload()
        else:
            self._stale = True

    def _apply_filter(self) -> None:
        selected = self.current_case_id()
        self.model.set_filter(self.filter_edit.text(), self.status_combo.currentData())
        self._after_reset(selected)

    def _after_reset(self, selected: int | None) -> None:
        """Select the previously selected case again, or else the first one."""
        row = self.model.row_of(selected) if selected is not None else None
        if row is None and self.model.rowCount() > 0:
            row = 0
        if row is not None:
            index = self.model.index(row, NUMBER)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.view.selectionModel().setCurrentIndex(index, flags)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(
            ngettext("{shown} of {total} case", "{shown} of {total} cases", total).format(
                shown=self.model.rowCount(), total=total
            )
        )

    # ---- navigation -------------------------------------------------------------------

    def current_case_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.data(index, CaseListModel.IdRole)

    def select_case(self, case_id: int) -> bool:
        """Make `case_id` the current row (clearing the filter if that hides it)."""
        if self.model.row_of(case_id) is None:
            self.filter_edit.clear()
            self.status_combo.setCurrentIndex(self.status_combo.count() - 1)
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self._after_reset(case_id)
        self.view.scrollTo(self.model.index(row, NUMBER))
        return True

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _focus_view(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_activated(self, index: QModelIndex) -> None:
        self.case_activated.emit(self.model.data(index, CaseListModel.IdRole))

    def _open_from_filter(self) -> None:
        case_id = self.current_case_id()
        if case_id is not None:
            self.case_activated.emit(case_id)
