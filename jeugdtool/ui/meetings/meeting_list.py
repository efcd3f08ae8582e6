"""The list of meetings, newest first, filtered as you type (date, title, chair, participants,
cases and questions all count)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QEvent
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings import meetings
from jeugdtool.meetings.dto import MeetingSummary

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex

DATE, MEETING = range(2)


def meeting_text(m: MeetingSummary) -> str:
    """Two lines: the title, then the chair and the cases discussed."""
    cases = ", ".join(c.split(" ", 1)[-1] for c in m.cases) or _("no cases yet")
    second = _("Chair: {chair} · {cases}").format(chair=m.chair or "—", cases=cases)
    title = m.title or _("(no title)")
    return f"{title}\n{second}"


class MeetingListModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: tuple[MeetingSummary, ...] = ()

    def set_rows(self, rows: tuple[MeetingSummary, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, meeting_id: int) -> int:
        return next((n for n, m in enumerate(self.rows) if m.id == meeting_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Date"), _("Meeting"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_date_nl(m.held_on) if index.column() == DATE else meeting_text(m)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([meeting_text(m).split("\n")[0], *m.cases])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        return None


class MeetingList(QWidget):
    """Search field above the table; `current_changed` says which meeting is chosen."""

    current_changed = Signal(object)  # int | None
    remove_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search meetings: date, title, name, case, question"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search meetings"))
        self.model = MeetingListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MEETING, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Meetings"))
        self.count = QLabel(self)
        style_text(self.count, Role.MUTED)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.search.textChanged.connect(lambda _t: self.reload())
        self.search.returnPressed.connect(self.table.setFocus)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_changed.emit(self.current_id())
        )
        self.table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
        ):
            self.remove_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()].id if index.isValid() else None

    def reload(self, select: int | None = None) -> None:
        """Read the list again, keeping (or moving to `select`) the chosen meeting."""
        keep = select if select is not None else self.current_id()
        rows = meetings.list_meetings(self.ctx.uow, self.search.text())
        blocker = self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.table.selectionModel().blockSignals(blocker)
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and rows:  # the chosen one is filtered out or gone: the newest shown
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self.count.setText(
            ngettext("{n} meeting", "{n} meetings", len(rows)).format(n=len(rows))
            if rows or not self.search.text()
            else _("No meeting matches '{text}'.").format(text=self.search.text())
        )
        if self.current_id() != keep:
            self.current_changed.emit(self.current_id())
