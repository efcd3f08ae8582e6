"""A thin table model over frozen rows with named columns, and the read-only table that shows it
(the caseload, the access log and the administration window share them).

Each column says how a row reads (`text`), sorts (`key`), warns (`warn`: red text) and explains
itself (`tip`); the model only translates indexes and roles, and sorts in plain Python.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _

from jeugdtool.ui.case_wording import worded
from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    #: The header's English msgid (translated when shown).
    header: str
    text: Callable[[Any], str]
    #: What the column sorts by (default: its text).
    key: Callable[[Any], Any] | None = None
    tip: Callable[[Any], str | None] | None = None
    #: Red text when true (something needs attention).
    warn: Callable[[Any], bool] | None = None
    #: Grey text when true (of the past, nothing to do).
    grey: Callable[[Any], bool] | None = None
    #: Counts and dates line up on the right.
    right: bool = False

    @classmethod
    def of_value(
        cls, header: str, value: Callable[[Any], Any], show: Callable[[Any], str], **marks: Any
    ) -> Column:
        """A column showing `show(value(row))` and sorting by `value(row)` (a date, a number)."""
        return cls(header, lambda row: show(value(row)), key=value, **marks)


def foreground(row: Any, column: Column) -> QColor | None:
    """The colour of `row`'s cell in `column`: red when it warns, grey when it is of the past."""
    if column.warn is not None and column.warn(row):
        return qcolor(Role.ERROR)
    if column.grey is not None and column.grey(row):
        return qcolor(Role.MUTED)
    return None


class ListTableModel(QAbstractTableModel):
    """A table of objects, one a row, under translated column headers: what the table models
    here share (they add `data()`)."""

    #: The columns' headers as English msgids (or override `headers()`).
    HEADERS: ClassVar[Sequence[str]] = ()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def headers(self) -> Sequence[str]:
        """The columns' headers as English msgids."""
        return self.HEADERS

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        """The object shown in `row`, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        headers = self.headers()
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            # A wellbeing case's table says "Welzijnsdoel" (ui/case_wording.py).
            return worded(self, _(headers[section])) if 0 <= section < len(headers) else None
        return None


class RowsModel(ListTableModel):
    SortRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = tuple(columns)
        #: The column and order last sorted by; new rows are sorted the same way.
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def headers(self) -> Sequence[str]:
        return [column.header for column in self.columns]

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted is not None:
            self._sort_rows(*self._sorted)
        self.endResetModel()

    @property
    def rows(self) -> tuple[Any, ...]:
        return tuple(self._rows)

    def row(self, index: int) -> Any:
        return self._rows[index]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return worded(self, column.text(row))
        if role == self.SortRole:
            return (column.key or column.text)(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        spec = self.columns[column]
        self._rows.sort(key=spec.key or spec.text, reverse=order == Qt.SortOrder.DescendingOrder)


def read_only_rows(view: QTableView) -> None:
    """A table to read and pick one row of: whole rows selected, nothing edited in place, Tab
    leaves it (arrows move inside), one line a row, no row numbers."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()


def make_table(
    model: RowsModel,
    name: str,
    parent: QWidget,
    *,
    stretch: int | None = -1,
    sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
) -> QTableView:
    """A read-only, row-selecting table, sorted by `sort` until the user clicks a header;
    `stretch`: the column that takes the room left (default: the last; None: none, so counts
    stay next to the names they belong to)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    read_only_rows(view)
    view.setAlternatingRowColors(True)
    view.sortByColumn(*sort)
    view.setSortingEnabled(True)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None and stretch < 0:
        header.setStretchLastSection(True)
    elif stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def fit_columns(view: QTableView, widest: int = 360, narrowest: int = 0) -> None:
    """Size the columns to their contents (and headers), between `narrowest` and `widest`
    pixels."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        width = view.columnWidth(column)
        view.setColumnWidth(column, max(narrowest, min(width, widest)))
