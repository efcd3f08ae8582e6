"""Two mapping moments compared, in two ways the user switches between:

* side by side (the default): per cell, the older moment on the left and the newer on the
  right, an item present in both on one row (matched by lineage);
* differences: one map, the newer moment's, with what is new, gone, changed or moved marked.

Both use the map's delegate; a status is a tint, a bar *and* a word, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel
from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework.dto import ItemChange
from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.dto import MomentComparison
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _

from jeugdtool.ui.colours import tint
from jeugdtool.ui.framework.cell_widget import MIN_LIST_HEIGHT
from jeugdtool.ui.framework.cell_widget import make_list_view
from jeugdtool.ui.framework.cell_widget import three_columns
from jeugdtool.ui.framework.item_delegate import STATUS_STYLE
from jeugdtool.ui.framework.item_delegate import MapItemDelegate
from jeugdtool.ui.framework.item_delegate import OldTextRole
from jeugdtool.ui.framework.item_delegate import StatusRole
from jeugdtool.ui.framework.map_model import ItemRole
from jeugdtool.ui.framework.map_model import MarksRole
from jeugdtool.ui.framework.map_model import SourceRole
from jeugdtool.ui.framework.map_model import item_marks
from jeugdtool.ui.framework.map_model import source_text
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import heading

Index = QModelIndex | QPersistentModelIndex
#: The title a cell has on screen (the case's wording).
TitleOf = Callable[[Cell], str]
#: The two views, in the order of the toggle.
SIDE_BY_SIDE, DIFFERENCES = range(2)
DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
#: Side by side: the older moment's column and the newer's.
OLDER, NEWER = range(2)


# ---- what one item shows -------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """One item as the delegate shows it: its status word and marks, perhaps its old text."""

    change: ItemChange
    item: MapItemDTO
    status: str | None
    marks: tuple[str, ...]
    old_text: str | None = None


def shown_data(shown: Shown, role: int) -> Any:
    """The roles `MapItemDelegate` paints (and a screen reader reads), for both views."""
    item = shown.item
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        return item.text
    if role == SourceRole:
        return source_text(item)
    if role == MarksRole:
        return list(shown.marks)
    if role == StatusRole:
        return shown.status
    if role == OldTextRole:
        return shown.old_text
    if role == Qt.ItemDataRole.AccessibleTextRole:
        word = _(STATUS_STYLE[shown.status][0]) if shown.status in STATUS_STYLE else ""
        old = _("was: {text}").format(text=shown.old_text) if shown.old_text else ""
        parts = (word, item.text, source_text(item), *shown.marks, old)
        return " — ".join(p for p in parts if p)
    if role == ItemRole:
        return shown.change
    return None


def difference(change: ItemChange, title_of: TitleOf) -> Shown:
    """The differences view: the newer item (the older one if it was removed)."""
    item = change.after or change.before
    assert item is not None
    before = change.before
    marks = item_marks(item)
    if change.after is not None and before is not None and before.cell is not item.cell:
        marks.append(_("moved from “{cell}”").format(cell=title_of(before.cell)))
    changed = change.kind == "changed" and before is not None and before.text != item.text
    status = change.kind if change.kind != "same" else None
    return Shown(change, item, status, tuple(marks), before.text if changed and before else None)


def side(change: ItemChange, column: int, title_of: TitleOf) -> Shown:
    """Side by side: the older (left) or newer (right) version of the item."""
    item = change.before if column == OLDER else change.after
    other = change.after if column == OLDER else change.before
    assert item is not None
    marks = item_marks(item)
    elsewhere = other is not None and other.cell is not item.cell
    if elsewhere and other is not None:
        where = _("moved to “{cell}”") if column == OLDER else _("moved from “{cell}”")
        marks.append(where.format(cell=title_of(other.cell)))
    status = change.kind if change.kind != "same" else None
    # The old text stands on the same row, except when the item also went to another cell.
    old = None
    if column == NEWER and change.kind == "changed" and elsewhere and other is not None:
        old = other.text if other.text != item.text else None
    return Shown(change, item, status, tuple(marks), old)


# ---- grouping per cell ---------------------------------------------------------------------


def cell_changes(comparison: MomentComparison) -> dict[Cell, list[ItemChange]]:
    """Per cell: the newer moment's items in order, then what was removed from that cell."""
    cells: dict[Cell, list[ItemChange]] = {cell: [] for cell in Cell}
    for change in comparison.changes:
        item = change.after or change.before
        assert item is not None
        cells[item.cell].append(change)
    return cells


Pair = tuple[ItemChange | None, ItemChange | None]


def cell_pairs(comparison: MomentComparison) -> dict[Cell, list[Pair]]:
    """Per cell, rows of (older, newer): the newer moment's items in their order, the older
    version on the same row when it was in this cell too; an older item that is not in this
    cell any more (removed, or moved out) gets a row of its own after its older neighbour."""
    older: dict[Cell, list[ItemChange]] = {cell: [] for cell in Cell}
    rows: dict[Cell, list[Pair]] = {cell: [] for cell in Cell}
    for change in comparison.changes:
        before, after = change.before, change.after
        if after is not None:
            same_cell = before is not None and before.cell is after.cell
            rows[after.cell].append((change if same_cell else None, change))
    for before, change in sorted(
        ((c.before, c) for c in comparison.changes if c.before is not None),
        key=lambda pair: pair[0].position,
    ):
        older[before.cell].append(change)
    for cell, changes in older.items():
        for n, change in enumerate(changes):
            if any(left is change for left, _right in rows[cell]):
                continue
            at = 0
            if n:
                previous = changes[n - 1]
                at = 1 + next(i for i, (left, _r) in enumerate(rows[cell]) if left is previous)
            rows[cell].insert(at, (change, None))
    return rows


# ---- models --------------------------------------------------------------------------------


class CompareCellModel(QAbstractListModel):
    """The differences view of one cell: one row per item."""

    def __init__(self, title_of: TitleOf, parent: Any = None):
        super().__init__(parent)
        self._rows: tuple[ItemChange, ...] = ()
        self._title_of = title_of

    def set_rows(self, rows: list[ItemChange]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return shown_data(difference(self._rows[index.row()], self._title_of), role)


class SideBySideCellModel(QAbstractTableModel):
    """Side by side, one cell: column 0 the older moment, column 1 the newer; one row per
    item (both versions on it when the item stayed in this cell)."""

    def __init__(self, title_of: TitleOf, parent: Any = None):
        super().__init__(parent)
        self._rows: tuple[Pair, ...] = ()
        self._dates = ("", "")
        self._title_of = title_of

    def set_rows(self, rows: list[Pair], dates: tuple[str, str]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._dates = dates
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def shown(self, row: int, column: int) -> Shown | None:
        if not 0 <= row < len(self._rows) or column not in (OLDER, NEWER):
            return None
        change = self._rows[row][column]
        return side(change, column, self._title_of) if change is not None else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        shown = self.shown(index.row(), index.column())
        if shown is not None:
            return shown_data(shown, role)
        if role == Qt.ItemDataRole.AccessibleTextRole and 0 <= index.row() < len(self._rows):
            return _("not in this moment")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section not in (OLDER, NEWER):
            return super().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._dates[section]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = _("Older moment: {date}") if section == OLDER else _("Newer moment: {date}")
            return text.format(date=self._dates[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


class SideView(QTableView):
    """Two columns sharing the width, each row as tall as its longer side. A cell is never
    taller than what it holds (the rest of the column goes to fuller cells); a fuller one
    scrolls inside."""

    #: The rows got new heights (the cell around the view may now fit it better).
    fitted = Signal()

    def __init__(self, model: SideBySideCellModel, parent: QWidget, name: str):
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setItemDelegate(MapItemDelegate(self))
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the cell, arrows move inside it
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        font = header.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        header.setFont(font)
        self.setMinimumHeight(MIN_LIST_HEIGHT + header.sizeHint().height())
        # Wrapped text needs new heights when the columns get wider or narrower: once, after
        # the layout has settled.
        self._fit_later = QTimer(self, singleShot=True, interval=0)
        self._fit_later.timeout.connect(self.fit)
        header.sectionResized.connect(lambda *_args: self._fit_later.start())
        model.modelReset.connect(self.fit)

    def fit(self) -> None:
        """Rows to their text's height; the view at most as tall as all its rows."""
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.model().rowCount()))
        height = rows + self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        self.setMaximumHeight(max(self.minimumHeight(), height))
        self.fitted.emit()


# ---- the view ------------------------------------------------------------------------------


class CompareView(QWidget):
    """Read-only; Esc or the button goes back to the map."""

    back_requested = Signal()

    def __init__(self, title_of: TitleOf, parent: QWidget | None = None):
        super().__init__(parent)
        self._title_of = title_of
        self._shown: tuple[int, int] | None = None
        self.title = heading("", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.side_button = QPushButton(_("&Side by side"), self)
        self.diff_button = QPushButton(_("&Differences"), self)
        self.toggle = QButtonGroup(self)
        for mode, button in enumerate((self.side_button, self.diff_button)):
            button.setCheckable(True)
            self.toggle.addButton(button, mode)
        self.side_button.setToolTip(_("The older and the newer moment next to each other"))
        self.diff_button.setToolTip(_("One map with what is new, gone, changed or moved"))
        self.back_button = QPushButton(_("&Back to the map"), self)
        self.models: dict[Cell, CompareCellModel] = {}
        self.side_models: dict[Cell, SideBySideCellModel] = {}
        self.side_views: dict[Cell, SideView] = {}
        self.titles: list[tuple[Cell, QLabel]] = []
        diff_cells: dict[Cell, QWidget] = {}
        side_cells: dict[Cell, QWidget] = {}
        for cell in Cell:
            title = title_of(cell)
            self.models[cell] = CompareCellModel(title_of, self)
            diff_cells[cell] = self._cell_box(
                cell, "compare", make_list_view(self.models[cell], self, title)
            )
            self.side_models[cell] = SideBySideCellModel(title_of, self)
            view = self.side_views[cell] = SideView(self.side_models[cell], self, title)
            side_cells[cell] = box = self._cell_box(cell, "side", view)
            view.fitted.connect(lambda box=box, view=view: cap_height(box, view))
        self.cells = diff_cells
        self.side_cells = side_cells
        self.views = QStackedWidget(self)
        self.side_columns = three_columns(self, side_cells)
        for column in self.side_columns.findChildren(QWidget, options=DIRECT):
            if column.layout() is not None:
                column.layout().addStretch(0)  # below the cells when all of them fit
        self.columns = three_columns(self, diff_cells)
        self.views.addWidget(self.side_columns)
        self.views.addWidget(self.columns)
        self._build()
        self.toggle.idToggled.connect(self._toggled)
        self.back_button.clicked.connect(self._back)
        QShortcut(QKeySequence("Esc"), self, activated=self._back)
        self.set_mode(SIDE_BY_SIDE)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.side_button)
        top.addWidget(self.diff_button)
        top.addSpacing(12)
        top.addWidget(self.back_button)
        info = QHBoxLayout()
        info.addWidget(self.summary, 1)
        info.addWidget(legend(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(info)
        layout.addWidget(self.views, 1)

    def _cell_box(self, cell: Cell, prefix: str, view: QWidget) -> QWidget:
        box = QWidget(self)
        box.setObjectName(f"{prefix}-{cell.value}")
        label = QLabel(self._title_of(cell), box)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        self.titles.append((cell, label))
        view.setParent(box)
        vbox(box, label, view, spacing=2, stretch=view)
        return box

    # ---- mode ----------------------------------------------------------------------------

    @property
    def mode(self) -> int:
        return self.views.currentIndex()

    def set_mode(self, mode: int) -> None:
        self.toggle.button(mode).setChecked(True)
        self.views.setCurrentIndex(mode)

    def _toggled(self, mode: int, checked: bool) -> None:
        if checked:
            self.views.setCurrentIndex(mode)

    def _back(self) -> None:
        self._shown = None  # the next comparison opens side by side again
        self.back_requested.emit()

    # ---- content -------------------------------------------------------------------------

    def set_comparison(self, comparison: MomentComparison) -> None:
        """Show a comparison; another pair of moments than before opens side by side (the same
        pair again, after a change elsewhere, keeps the view the user chose)."""
        older, newer = comparison.older, comparison.newer
        dates = (format_date_nl(older.held_on), format_date_nl(newer.held_on))
        self.title.setText(_("Compared: {older} → {newer}").format(older=dates[0], newer=dates[1]))
        for cell, label in self.titles:
            label.setText(self._title_of(cell))
        for cell, rows in cell_changes(comparison).items():
            self.models[cell].set_rows(rows)
            self._stretch(self.cells[cell], len(rows))
        for cell, pairs in cell_pairs(comparison).items():
            self.side_models[cell].set_rows(pairs, dates)
            self.side_views[cell].setAccessibleName(self._title_of(cell))
            self._stretch(self.side_cells[cell], len(pairs))
        counts = [
            f"{len(comparison.of_kind(kind))} {_(STATUS_STYLE[kind][0])}" for kind in STATUS_STYLE
        ]
        self.summary.setText(", ".join(counts))
        if self._shown != (older.id, newer.id):
            self.set_mode(SIDE_BY_SIDE)
        self._shown = (older.id, newer.id)

    @staticmethod
    def _stretch(box: QWidget, rows: int) -> None:
        """A fuller cell gets more of its column's height; an empty one still keeps room."""
        column = box.parentWidget()
        if column is not None and column.layout() is not None:
            column.layout().setStretchFactor(box, 3 + rows)


def cap_height(box: QWidget, view: QWidget) -> None:
    """A side-by-side cell no taller than its title and all its rows, so the rest of the
    column goes to cells that hold more."""
    layout = box.layout()
    title = layout.itemAt(0).widget() if layout is not None else None
    if title is None:
        return
    width = box.width() if box.width() > 0 else title.sizeHint().width()
    title_height = title.heightForWidth(width)
    if title_height <= 0:
        title_height = title.sizeHint().height()
    box.setMaximumHeight(title_height + layout.spacing() + view.maximumHeight())


def legend(parent: QWidget) -> QLabel:
    """The colours *and* their words, so the marks read without colour too."""
    parts = [
        f'<span style="background:{tint(bg, parent).name()}; border-left: 4px solid {bar};">'
        f"&nbsp;<b>{_(word).upper()}</b>&nbsp;</span>"
        for word, bar, bg in STATUS_STYLE.values()
    ]
    label = QLabel("&nbsp;&nbsp;".join(parts), parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
