"""One cell of the map: a title, its items (a list view) and a line to add an item."""

from __future__ import annotations

import functools
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListView
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Column
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.framework.item_delegate import MapItemDelegate
from jeugdtool.ui.framework.map_model import CellItemModel
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import heading

#: Smallest height of a cell's list, so an empty cell still invites a first item.
MIN_LIST_HEIGHT = 44


@functools.cache
def _key_sequences(keys: tuple[str, ...]) -> list[QKeySequence]:
    """The shortcuts, parsed once: eight cells share them (parsing a key name is not cheap)."""
    return [QKeySequence(k) for k in keys]


class CellListView(QListView):
    """A cell's items. Empty, it shows the cell's question (muted, wrapped) as an invitation;
    the selection is shown only while the cell has the focus (see `CellWidget._focus_moved`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        #: What the empty cell shows: the first question of the cell for the family.
        self.placeholder = ""

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.setAccessibleDescription(text)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self.placeholder or model is None or model.rowCount():
            return
        painter = QPainter(self.viewport())
        font = self.font()
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(qcolor(Role.MUTED, self))  # read at paint time: follows the palette
        area = self.viewport().rect().adjusted(8, 6, -8, -6)
        flags = int(
            Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )
        painter.drawText(QRect(area), flags, self.placeholder)
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Back in the cell: the current item (kept while away) is selected again.
        cell = self.parentWidget()
        if isinstance(cell, CellWidget):
            cell.actions_  # noqa: B018 (its keys, if this is the first time: see `actions_`)
        super().focusInEvent(event)
        current = self.currentIndex()
        if current.isValid() and not self.selectionModel().isSelected(current):
            flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.selectionModel().setCurrentIndex(current, flag)


def make_list_view(
    model: Any, parent: QWidget, name: str, view: QListView | None = None
) -> QListView:
    view = view if view is not None else QListView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setItemDelegate(MapItemDelegate(view))
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setResizeMode(QListView.ResizeMode.Adjust)  # heights follow the width
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setMinimumHeight(MIN_LIST_HEIGHT)
    return view


class CellWidget(QFrame):
    """Emits what the user asked for; the page turns it into undo commands."""

    #: Payload: (cell, text typed in the add line).
    add_requested = Signal(object, str)
    #: The same, but the user wants the full editor first (who said it, …).
    add_detailed_requested = Signal(object, str)
    edit_requested = Signal(object)
    remove_requested = Signal(object)
    #: Payload: (item, row delta): Alt+Up is -1, Alt+Down +1.
    reorder_requested = Signal(object, int)
    #: Payload: (item, cell delta): Alt+Left is -1, Alt+Right +1 (method order).
    step_requested = Signal(object, int)

    def __init__(self, cell: Cell, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.cell = cell
        self.setObjectName(f"cell-{cell.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model = CellItemModel(cell, self)
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.view = CellListView(self)
        make_list_view(self.model, self, title, self.view)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.add_line = QLineEdit(self)
        self.add_line.setPlaceholderText(_("Add… (Enter)"))
        self.add_line.setAccessibleName(_("Add to: {cell}").format(cell=title))
        self.more_button = QToolButton(self)
        self.more_button.setText("…")
        # Reachable by Tab after the add line (Space or Enter presses it), like Ctrl+Enter there.
        self.more_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._name_more_button(title)
        #: The keys of the cell (Enter, Del, Alt+arrows …): made when the cell first gets the
        #: focus, the only time they can act (see `actions_`).
        self._actions: list[QAction] | None = None
        self._editable = True
        self._build()
        self._connect()

    def _build(self) -> None:
        add_row = QHBoxLayout()
        add_row.setSpacing(4)
        add_row.addWidget(self.add_line, 1)
        add_row.addWidget(self.more_button)
        parts = (self.title, self.view, add_row)
        vbox(self, *parts, margins=(6, 6, 6, 6), spacing=4, stretch=self.view)

    def _name_more_button(self, title: str) -> None:
        """The "…" button says what it does: in its tooltip and to a screen reader."""
        self.more_button.setToolTip(
            _("Add with details: who said it, whom it concerns (Ctrl+Enter)")
        )
        self.more_button.setAccessibleName(_("Add to “{cell}” with details").format(cell=title))
        self.more_button.setAccessibleDescription(
            _("Opens the editor: who said it, whom it concerns (Ctrl+Enter in the add line)")
        )

    def _connect(self) -> None:
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self.add_line.returnPressed.connect(self._add)
        self.more_button.clicked.connect(self._add_detailed)
        self.view.doubleClicked.connect(self._edit)
        self.model.modelReset.connect(self._select_first_if_focused)

    @property
    def actions_(self) -> list[QAction]:
        """The cell's keyboard actions (their keys work only where the focus is: the add line
        or the list), made the first time they are asked for; a cell never worked in has none
        (a map opens faster without 72 of them)."""
        if self._actions is None:
            self._actions = []
            self._make_actions()
            self._enable_actions()
        return self._actions

    def _make_actions(self) -> None:
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            self._action(self.add_line, _("Add with details…"), [key], self._add_detailed)
        self._action(self.view, _("Change…"), ["Return", "Enter", "F2"], self._edit)
        self._action(self.view, _("Remove"), ["Del"], self._remove)
        self._action(self.view, _("Move up"), ["Alt+Up"], lambda: self._reorder(-1))
        self._action(self.view, _("Move down"), ["Alt+Down"], lambda: self._reorder(1))
        self._action(self.view, _("Move to previous cell"), ["Alt+Left"], lambda: self._step(-1))
        self._action(self.view, _("Move to next cell"), ["Alt+Right"], lambda: self._step(1))
        self._action(self.view, _("Add an item"), ["Ins"], self.add_line.setFocus)

    def _action(self, widget: QWidget, text: str, keys: list[str], slot: Callable[[], Any]) -> None:
        action = QAction(text, widget)
        action.setShortcuts(_key_sequences(tuple(keys)))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        widget.addAction(action)
        assert self._actions is not None
        self._actions.append(action)

    # ---- state ---------------------------------------------------------------------------

    def set_items(self, items: tuple[MapItemDTO, ...], editable: bool) -> None:
        self.model.editable = editable
        if items != self.model.rows():
            self.model.set_rows(items)
        for widget in (self.add_line, self.more_button):
            widget.setEnabled(editable)
            widget.setVisible(editable)  # a past moment reads as a record; typed text stays
        self.view.setDragEnabled(editable)
        self.view.setAcceptDrops(editable)
        self._editable = editable
        if self._actions is not None:
            self._enable_actions()

    def _enable_actions(self) -> None:
        """A past moment or a closed case: only Change… (it opens the item read-only)."""
        change = _("Change…")
        for action in self._actions or ():
            action.setEnabled(self._editable or action.text() == change)

    def set_title(self, title: str) -> None:
        self.title.setText(title)
        self.view.setAccessibleName(title)
        self.add_line.setAccessibleName(_("Add to: {cell}").format(cell=title))
        self._name_more_button(title)

    def set_question(self, question: str) -> None:
        """The question an empty cell shows in place of items."""
        self.view.set_placeholder(question)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Focus left the cell for another place in the same window: its item is no longer
        shown as selected, so only the cell being worked in shows one. A dialog or another
        window taking the focus keeps it (the item is still the one being worked on)."""
        if new is not None and self._actions is None and self.isAncestorOf(new):
            self.actions_  # noqa: B018 (made now: the keys work from the first key press on)
        if new is None or new.window() is not self.window() or self.isAncestorOf(new):
            return
        self.view.selectionModel().clearSelection()

    def selected(self) -> MapItemDTO | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.row_at(index.row())

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row < 0:
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().setCurrentIndex(self.model.index(row), flags)
        self.view.scrollTo(self.model.index(row))
        return True

    def _select_first_if_focused(self) -> None:
        if self.view.hasFocus() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    # ---- asking --------------------------------------------------------------------------

    def _add(self) -> None:
        if self.add_line.text().strip():
            self.add_requested.emit(self.cell, self.add_line.text())

    def _add_detailed(self) -> None:
        self.add_detailed_requested.emit(self.cell, self.add_line.text())

    def _edit(self) -> None:
        if (item := self.selected()) is not None:
            self.edit_requested.emit(item)

    def _remove(self) -> None:
        if (item := self.selected()) is not None:
            self.remove_requested.emit(item)

    def _reorder(self, delta: int) -> None:
        if (item := self.selected()) is not None:
            self.reorder_requested.emit(item, delta)

    def _step(self, delta: int) -> None:
        if (item := self.selected()) is not None:
            self.step_requested.emit(item, delta)


def column_header(column: Column, parent: QWidget) -> QLabel:
    label = heading(column.label, parent, scale=1.1)
    label.setWordWrap(True)
    return label


def three_columns(
    parent: QWidget, cells: Mapping[Cell, QWidget] | Callable[[Cell, QWidget], QWidget]
) -> QSplitter:
    """The map's three columns side by side (sharing the width evenly), each with its header
    and its cells stacked; a splitter lets the user give one column more room.

    `cells`: the cells' widgets, or what makes one (cell, its column's box) in its place, in
    method order (cheaper than moving a made cell and all its parts into the box).

    The columns go into the splitter empty, then are filled: the splitter works out its
    children's sizes at every widget added, for a full column every cell's (a third of the
    time the columns took to make, measured)."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setChildrenCollapsible(False)
    boxes = []
    for column in Column:
        box = QWidget(splitter)
        box.setObjectName(f"column-{column.value}")
        splitter.addWidget(box)
        splitter.setStretchFactor(splitter.count() - 1, 1)
        boxes.append((column, box))
    for column, box in boxes:
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(column_header(column, box))
        if callable(cells):
            for cell in Cell:
                if cell.column is column:
                    layout.addWidget(cells(cell, box), 1)
        else:
            for cell, widget in cells.items():
                if cell.column is column:
                    layout.addWidget(widget, 1)
    return splitter
