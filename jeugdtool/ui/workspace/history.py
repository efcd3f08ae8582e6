"""The history page: the audit trail of the case, newest first, in the user's words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import consultants
from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.row_table import ListTableModel
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.labels import history_rows

Index = QModelIndex | QPersistentModelIndex
MAX_COLUMN_WIDTH = 380


class HistoryModel(ListTableModel):
    WHEN, WHO, WHAT, FIELD, CHANGE = range(5)
    HEADERS = (N_("When"), N_("Who"), N_("What"), N_("Field"), N_("Old → New"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.when, row.who, row.what, row.field, row.change)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.CHANGE:
            return row.detail or None
        return None


class HistoryPage(StaleWhileHidden, QWidget):
    """Reloads when the case changes, but only while shown (a long trail is not free)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.detail: CaseDetail | None = None
        self.stale = True  # loads when first shown
        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("History"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(heading(_("History"), self))
        intro = QLabel(_("Every change to this case: who made it, when, and what it was before."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)

    def set_detail(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.reload_when_seen()

    def reload(self) -> None:
        entries = queries.case_history(self.ctx.uow, self.case_id)
        names = {
            c.id: c.name for c in consultants.list_consultants(self.ctx.uow, include_inactive=True)
        }
        scroll = self.table.verticalScrollBar().value()
        self.model.set_rows(history_rows(entries, names, self.detail))
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):  # one long note must not push
            width = self.table.columnWidth(column)  # the rest out of sight
            self.table.setColumnWidth(column, min(width, MAX_COLUMN_WIDTH))
        self.table.verticalScrollBar().setValue(scroll)
