"""Text fields that save themselves, as everywhere in the app: after a pause in typing and when
the field is left. All saves of one visit to a field share a visit number, so undo takes back
the whole edit at once; a refused value shows its message under the field and stays as typed.
Also what the meeting's small tables (participants, follow-ups) share: Delete removes the chosen
row, and the table is as high as its rows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import InvalidInput

from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.zrm.domain_form import NOTE_PAUSE_MS
from jeugdtool.ui.zrm.domain_form import NoteEdit

#: Saves `text` (of one visit, `visit`); raises InvalidInput to show under the field.
Save = Callable[[str, int], None]


class SavingLine(QLineEdit):
    """A one-line field that asks to be saved after a pause in typing, on Enter and when left."""

    save_requested = Signal()
    entered = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(NOTE_PAUSE_MS)
        self.pause.timeout.connect(self.save_requested.emit)
        self.textEdited.connect(lambda _t: self.pause.start())
        self.returnPressed.connect(self._now)

    def _now(self) -> None:
        self.pause.stop()
        self.save_requested.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._now()


def note_edit(parent: QWidget, lines: int = 3) -> NoteEdit:
    edit = NoteEdit(parent)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class TextBinding:
    """Ties a SavingLine or NoteEdit to one stored value and its message line."""

    def __init__(self, widget: SavingLine | NoteEdit, error: ErrorLabel, save: Save):
        self.widget, self.error, self._save = widget, error, save
        self.saved = ""
        self._visit = 0
        self._filling = False
        widget.entered.connect(self._new_visit)
        widget.save_requested.connect(self.save)
        if isinstance(widget, NoteEdit):
            widget.textChanged.connect(self._typed)

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, SavingLine) else w.toPlainText()

    def show(self, value: str, *, same_row: bool) -> None:
        """Show the stored `value`, never over what is being typed into the same row."""
        self.saved = value
        if same_row and self.widget.hasFocus():
            return
        if not same_row:
            self.error.show_message(None)
        if self.text() != value:
            self._filling = True
            try:
                if isinstance(self.widget, SavingLine):
                    self.widget.setText(value)
                    self.widget.setModified(False)
                else:
                    self.widget.setPlainText(value)
                    self.widget.document().setModified(False)
            finally:
                self._filling = False

    def _new_visit(self) -> None:
        self._visit += 1

    def _typed(self) -> None:
        if not self._filling and not self.widget.isReadOnly():
            self.widget.pause.start()

    def save(self) -> None:
        if self.widget.isReadOnly():
            return
        text = self.text()
        if text.strip() == self.saved.strip():
            self.error.show_message(None)
            return
        try:
            self._save(text, self._visit)
        except InvalidInput as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message(None)
        if isinstance(self.widget, SavingLine):
            self.widget.setModified(False)
        else:
            self.widget.document().setModified(False)


def is_delete_key(table: QAbstractItemView, event: QEvent) -> bool:
    """Delete pressed on a table row (not while a cell is being edited): remove the row."""
    return (
        isinstance(event, QKeyEvent)
        and event.type() == QEvent.Type.KeyPress
        and event.key() == Qt.Key.Key_Delete
        and table.state() != QAbstractItemView.State.EditingState
    )


def fit_height(table: QTableWidget, most: int) -> None:
    """A short table as high as its rows (one empty row's height when it has none), at most
    `most` pixels: the panel below moves up instead of leaving blank space."""
    height = table.horizontalHeader().height() + 6
    height += sum(table.rowHeight(r) for r in range(table.rowCount())) or 24
    table.setFixedHeight(min(height, most))


class RemoveOnDelete(QObject):
    """Delete on a table's row (see `is_delete_key`) calls `remove`: the participants' and the
    follow-ups' tables remove their chosen row so, as their Remove button does."""

    def __init__(self, table: QAbstractItemView, remove: Callable[[], None]):
        super().__init__(table)
        self.table, self.remove = table, remove
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and is_delete_key(self.table, event):
            self.remove()
            return True
        return super().eventFilter(watched, event)
