"""A titled table of members with add / change / remove by button and by key (Ins, Enter, Del)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.row_table import read_only_rows
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.member_models import DtoTableModel

#: Rows a table shows before it scrolls itself (the page scrolls around it).
MAX_VISIBLE_ROWS = 12
MIN_VISIBLE_ROWS = 3


class MemberSection(QWidget):
    """Emits what the user asked for; the page decides what that means."""

    add_requested = Signal()
    #: Payload: the DTO of the selected row.
    edit_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(
        self, title: str, model: DtoTableModel[Any], empty_text: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.model = model
        #: The rows and options last shown, to skip resets that would change nothing.
        self._shown: tuple[tuple[Any, ...], dict[str, Any]] | None = None
        self.table = self._make_table(title)
        self.empty_hint = QLabel(empty_text, self)
        style_text(self.empty_hint, Role.MUTED)
        self.add_button = QPushButton(_("Add…"), self)
        self.edit_button = QPushButton(_("Change…"), self)
        self.remove_button = QPushButton(_("Remove"), self)
        self.add_action = self._action(_("Add…"), ["Ins"], self.add_requested.emit)
        self.edit_action = self._action(_("Change…"), ["Return", "Enter", "F2"], self._edit)
        self.remove_action = self._action(_("Remove"), ["Del"], self._remove)
        self._layout(title)
        self.add_button.clicked.connect(self.add_requested.emit)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        self.table.doubleClicked.connect(self._edit)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._editable = True
        self._update_buttons()

    def _make_table(self, title: str) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName(title)
        read_only_rows(table)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        if self.model.STRETCH >= 0:
            header.setSectionResizeMode(self.model.STRETCH, QHeaderView.ResizeMode.Stretch)
        return table

    def _action(self, text: str, keys: list[str], slot: Any) -> QAction:
        action = QAction(text, self.table)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    def _layout(self, title: str) -> None:
        top = QHBoxLayout()
        top.addWidget(heading(title, self))
        top.addStretch(1)
        for button, key in (
            (self.add_button, "Ins"),
            (self.edit_button, "Enter"),
            (self.remove_button, "Del"),
        ):
            button.setToolTip(_("{action} (key: {key})").format(action=button.text(), key=key))
            top.addWidget(button)
        vbox(self, top, self.table, self.empty_hint)

    # ---- showing rows ------------------------------------------------------------------

    def set_rows(self, rows: tuple[Any, ...], **kwargs: Any) -> None:
        """Show `rows`, keeping the selected member (by id) and the scroll position."""
        shown = (tuple(rows), kwargs)
        if shown == self._shown:
            return  # e.g. only the household changed: no reset, no column re-measuring
        self._shown = shown
        selected = self.selected()
        scroll = self.table.verticalScrollBar().value()
        self.model.set_rows(rows, **kwargs)
        self.table.resizeColumnsToContents()
        self._fit_height()
        if selected is not None:
            self.select_row(self.model.row_of(selected.id))
        self.table.verticalScrollBar().setValue(scroll)
        self.empty_hint.setVisible(not rows)
        self._update_buttons()

    def _fit_height(self) -> None:
        shown = min(max(self.model.rowCount(), MIN_VISIBLE_ROWS), MAX_VISIBLE_ROWS)
        row = self.table.verticalHeader().defaultSectionSize()
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height() + shown * row + frame + 2
        )

    def select_row(self, row: int) -> None:
        if row < 0:
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # ---- asking --------------------------------------------------------------------------

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.add_button.setEnabled(self._editable)
        self.add_action.setEnabled(self._editable)
        for widget in (self.edit_button, self.remove_button, self.edit_action, self.remove_action):
            widget.setEnabled(self._editable and has)

    def _edit(self) -> None:
        if self._editable and (dto := self.selected()) is not None:
            self.edit_requested.emit(dto)

    def _remove(self) -> None:
        if self._editable and (dto := self.selected()) is not None:
            self.remove_requested.emit(dto)
