"""What the two panels of the child's voice share: a list of rows that keeps the chosen one
across reloads, keys on that list, a hint where there is nothing to show, a picture shown from
its id, and how a change is run (a refused value goes to its field, any other failure is said).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import child_voice
from jeugdtool.i18n import _

from jeugdtool.ui.child.commands import EditChildVoiceCommand
from jeugdtool.ui.child.commands import SetPictureCommand
from jeugdtool.ui.child.pictures import PicturePreview
from jeugdtool.ui.child.pictures import choose_picture
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel


def key_action(widget: QWidget, key: str, slot: Callable[[], Any]) -> QAction:
    """`key` on `widget` (while it has focus) runs `slot`."""
    action = QAction(widget)
    action.setShortcut(QKeySequence(key))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda _c=False: slot())
    widget.addAction(action)
    return action


def hint_label(parent: QWidget) -> WrappingLabel:
    """A muted line saying why there is nothing to show (and how to start)."""
    label = WrappingLabel("", parent)
    label.setStyleSheet("color: palette(mid); font-style: italic;")
    return label


def choice_list(text: str, name: str, parent: QWidget) -> tuple[QLabel, QListWidget]:
    """A list to choose a row from, under its label `text` (its mnemonic focuses the list)."""
    label = QLabel(text, parent)
    rows = QListWidget(parent)
    rows.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    rows.setAccessibleName(name)
    label.setBuddy(rows)
    return label, rows


def fill_list(rows: QListWidget, items: Sequence[tuple[int, str]], keep: int | None) -> int:
    """Show `items` (id, text) in `rows` and choose the one with id `keep`, else the first;
    the row chosen, -1 when there are none. Signals of the list fire as it is filled."""
    rows.clear()
    for row_id, text in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, row_id)
        rows.addItem(item)
    ids = [row_id for row_id, _text in items]
    row = ids.index(keep) if keep in ids else (0 if ids else -1)
    rows.setCurrentRow(row)
    return row


def show_picture(
    ctx: AppContext, preview: PicturePreview, error: ErrorLabel, picture_id: int | None
) -> None:
    """Show the stored picture `picture_id` (None: none) in `preview`; a failure to read it is
    said in `error`."""
    data = None
    if picture_id is not None:
        try:
            data = child_voice.picture(ctx.uow, picture_id).data
        except JeugdtoolError as exc:
            error.show_message(str(exc))
    preview.set_picture(data)


@dataclass(frozen=True)
class PictureSlot:
    """The picture of a panel's chosen row (a talk's drawing, a page's picture): its preview,
    the button that adds or replaces it, the one that removes it, the line for a refusal, and
    the undo command that stores it."""

    preview: PicturePreview
    add: QPushButton
    remove: QPushButton
    error: ErrorLabel
    command: type[SetPictureCommand]
    #: The add button's text without a picture and with one; the file dialog's title.
    add_text: str
    replace_text: str
    title: str

    def picture_id(self, row: Any) -> int | None:
        return getattr(row, self.command.FIELD)


class ChildVoicePanel(QWidget):
    """Base of the panels of one child: `case_id`, `child_id` and `editable` as `set_child` gave
    them. `changed` after a change the panel made itself."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = 0
        self.child_id: int | None = None
        self.editable = False
        #: True while the panel fills its widgets (their signals are not the user's changes).
        self._filling = False

    def _edit(
        self, service: Callable[..., Any], row: Any, field: str, new: Any, visit: int | None = None
    ) -> EditChildVoiceCommand:
        """The undoable change of `field` of `row` (a talk, story or page) through `service`,
        expecting the row as shown."""
        old = getattr(row, field)
        case_id = self.case_id
        return EditChildVoiceCommand(self.ctx, case_id, service, row.id, field, old, new, visit)

    def _execute(self, command: ServiceCommand, origin: QWidget | None = None) -> None:
        """Run `command`; InvalidInput goes to the field (the caller shows it), any other
        failure is said in a message and the latest is shown."""
        try:
            execute(self.ctx, command, origin)
        except InvalidInput:
            raise
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
        self.changed.emit()

    def _run(self, command: ServiceCommand, focus: QWidget | None = None) -> bool:
        """`run_command` for a button or a key (a failure is said, not raised); `focus` gets
        the focus after."""
        done = run_command(self.ctx, self.case_id, command)
        self.changed.emit()
        if focus is not None:
            focus.setFocus()
        return done

    def _run_confirmed(
        self, question: str, title: str, command: ServiceCommand, focus: QWidget
    ) -> bool:
        """`_run` once the user said yes to `question` (a removal, which Undo brings back)."""
        return self.ctx.dialogs.confirm(question, title) and self._run(command, focus)

    def _execute_into(self, command: ServiceCommand, origin: QWidget, error: ErrorLabel) -> bool:
        """`_execute`, with a refused value's reason shown in `error` (cleared when saved)."""
        try:
            self._execute(command, origin)
        except InvalidInput as exc:
            error.show_message(str(exc))
            return False
        error.show_message(None)
        return True

    # ---- a row's picture -----------------------------------------------------------------

    def _show_picture(self, slot: PictureSlot, row: Any) -> None:
        picture_id = slot.picture_id(row)
        show_picture(self.ctx, slot.preview, slot.error, picture_id)
        slot.add.setEnabled(self.editable)
        slot.add.setText(slot.replace_text if picture_id is not None else slot.add_text)
        slot.remove.setEnabled(self.editable and picture_id is not None)

    def _choose_picture(self, slot: PictureSlot, row: Any) -> bool:
        """Ask for a file and store it as `row`'s picture."""
        if not self.editable or row is None:
            return False
        data = choose_picture(self.ctx, slot.title)
        return data is not None and self._store_picture(slot, row, data)

    def _store_picture(self, slot: PictureSlot, row: Any, data: bytes) -> bool:
        """Store `data` as `row`'s picture; a picture jeugdtool cannot keep is refused with its
        reason under the picture."""
        if row is None:
            return False
        return self._execute_into(slot.command(self.ctx, row, data), slot.add, slot.error)

    def _clear_picture(self, slot: PictureSlot, row: Any) -> bool:
        if not self.editable or row is None or slot.picture_id(row) is None:
            return False
        slot.error.show_message(None)
        return self._run(slot.command(self.ctx, row, None))

    def _nothing_text(self, none_yet: str, none: str) -> str:
        """Why the panel shows nothing: no child to choose, or `none_yet` (editable: how to
        start) or `none` (read only)."""
        if self.child_id is None:
            return _("This case has no children among the household members yet.")
        return none_yet if self.editable else none
