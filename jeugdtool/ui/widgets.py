"""Small widgets several screens share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text

Button = QDialogButtonBox.StandardButton


def add_all(layout: QBoxLayout, *items: QWidget | QLayout) -> QBoxLayout:
    """Add `items` (widgets and layouts) to `layout` in order; returns `layout`."""
    for item in items:
        if isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return layout


def vbox(
    owner: QWidget,
    *items: QWidget | QLayout,
    margins: tuple[int, int, int, int] = (0, 0, 0, 0),
    spacing: int | None = None,
    stretch: QWidget | None = None,
) -> QVBoxLayout:
    """`items` one under the other as `owner`'s layout: no margins unless given (a part of a
    page), the style's spacing unless given; `stretch` (a table) takes the height left."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    add_all(layout, *items)
    if stretch is not None:
        layout.setStretchFactor(stretch, 1)
    return layout


def scrolling(
    widget: QWidget, parent: QWidget, *, whole: bool = False, form: bool = False
) -> QScrollArea:
    """A pane that takes the width it is given (its texts wrap to it) and scrolls down; only
    when squeezed below what its fields need (a window narrower than a 1366 screen) does it
    scroll sideways too, rather than cut the fields off. `whole`: it asks for all the height
    its content needs (see `WholeScrollArea`). `form`: a long form that never scrolls
    sideways and is no Tab stop itself (Tab goes from field to field)."""
    area = WholeScrollArea(parent) if whole else QScrollArea(parent)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if form:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    else:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


class WholeScrollArea(QScrollArea):
    """A scroll area that asks for all the room its content needs at the width it has (a
    plain one asks for at most 24 lines), and for at least its content's width: a dialog on
    a large screen shows everything, on a 1366×720 screen it scrolls down instead of
    squeezing its texts until they are cut off."""

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        least = super().minimumSizeHint()
        if inner is None:
            return least
        bar = self.verticalScrollBar().sizeHint().width()
        width = inner.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(width, least.width()), least.height())

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        hint = inner.sizeHint()
        width = self.viewport().width() if self.isVisible() else hint.width()
        height = inner.heightForWidth(width) if inner.hasHeightForWidth() else -1
        frame = 2 * self.frameWidth()
        return QSize(hint.width() + frame, max(height, hint.height()) + frame)


def add_form_row(
    form: QFormLayout, owner: QWidget, caption: str, field: QWidget, *below: QWidget | None
) -> None:
    """A row of `owner`'s `form`: `caption` labels `field` (its &-letter goes there) and `below`
    (notes, error labels; None: left out) sit close under the field."""
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(field)
    for widget in below:
        if widget is not None:
            box.addWidget(widget)
    label = QLabel(caption, owner)
    label.setBuddy(field)
    form.addRow(label, box)


def connect_rows(
    section: Any,
    add: Callable[..., object],
    edit: Callable[..., object],
    remove: Callable[..., object],
    selected: Callable[[], object] | None = None,
) -> None:
    """Wire a table section (`MemberSection`): its add / change / remove requests (its
    buttons, Ins, Enter, Del) to `add`, `edit` and `remove` (these two get the row), and a
    change of the selected rows to `selected`."""
    section.add_requested.connect(add)
    section.edit_requested.connect(edit)
    section.remove_requested.connect(remove)
    if selected is not None:
        section.table.selectionModel().selectionChanged.connect(lambda *_a: selected())


def labelled_row(owner: QWidget, caption: str, field: QWidget) -> QHBoxLayout:
    """`caption` (its &-letter goes to `field`) and `field` side by side; the caller adds what
    follows (a stretch, a count)."""
    label = QLabel(caption, owner)
    label.setBuddy(field)
    row = QHBoxLayout()
    add_all(row, label, field)
    return row


def line_edit(parent: QWidget, text: str, name: str, placeholder: str = "") -> QLineEdit:
    """A one-line field holding `text`, called `name` by a screen reader, with `placeholder`
    (an example, a hint) while it is empty."""
    edit = QLineEdit(text, parent)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def date_edit(parent: QWidget, day: dt.date | None, name: str, *, least: int = 140) -> QLineEdit:
    """A field for a date as Dutch users type it (dd-mm-jjjj, its placeholder), holding `day`,
    as wide as a date needs (at least `least` pixels) and no wider."""
    edit = line_edit(parent, format_date_nl(day), name, _("dd-mm-jjjj"))
    edit.setMaximumWidth(max(least, edit.fontMetrics().horizontalAdvance("00-00-00000") + 24))
    return edit


def hidden_label(parent: QWidget, role: Role) -> QLabel:
    """A hidden, word-wrapped label in the colour of `role`, shown when it has something to
    say (a message under a field)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    style_text(label, role)
    label.hide()
    return label


def error_label(parent: QWidget) -> QLabel:
    """A hidden label for a field's error message, shown in red next to the field."""
    return hidden_label(parent, Role.ERROR)


def show_error(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


def show_problems(errors: Mapping[str, QLabel], exc: InvalidInput, general: str = "") -> None:
    """Each problem under its field's label in `errors`; those of no such field (and
    `general`) under the label of "" (the dialog's own)."""
    other = [p.message for p in exc.problems if p.field not in errors]
    if general:
        other.append(general)
    for field, label in errors.items():
        show_error(label, exc.for_field(field) if field else other)


def submitted(
    submit: Callable[[], object],
    problems: Callable[[InvalidInput], None],
    failed: Callable[[str], None],
) -> bool:
    """Call `submit`; True when it went through. Problems with what was typed go to `problems`,
    the message of any other failure (a colleague's change, a full disk) to `failed`."""
    try:
        submit()
    except InvalidInput as exc:
        problems(exc)
        return False
    except JeugdtoolError as exc:
        failed(str(exc))
        return False
    return True


def place_problems(
    exc: InvalidInput,
    fields: Mapping[str, QWidget],
    errors: Mapping[str, QWidget],
    show: Callable[[str, str], None],
) -> list[str]:
    """`show(field, message)` each problem of a field with a label in `errors`, and give the
    keyboard to the first field whose label shows; returns the messages of no such field."""
    unplaced = []
    for problem in exc.problems:
        if problem.field in errors:
            show(problem.field, problem.message)
        else:
            unplaced.append(problem.message)
    first = next((name for name in fields if errors[name].isVisible()), None)
    if first is not None:
        fields[first].setFocus()
    return unplaced


def ok_cancel(dialog: QDialog, ok_text: str = "", *, ok: Button = Button.Ok) -> QDialogButtonBox:
    """The dialog's OK and Cancel buttons, wired to accept and reject; `ok_text` names what OK
    does ("Create case"), `ok` may be another standard button (Save)."""
    buttons = QDialogButtonBox(ok | Button.Cancel, dialog)
    if ok_text:
        buttons.button(ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def focus_first_child(container: QWidget) -> None:
    """Give the keyboard to `container`'s focus proxy, or else its first field Tab would reach."""
    if container.focusProxy() is not None:
        container.setFocus()
        return
    widget = container.nextInFocusChain()
    while widget is not container and container.isAncestorOf(widget):
        tab_focus = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tab_focus and widget.isEnabled() and widget.isVisibleTo(container):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()
    container.setFocus()


class LinesTextEdit(QPlainTextEdit):
    """A text box `lines` lines tall (and `padding` pixels for its frame) in which Tab moves
    on, so a form stays worked by keyboard."""

    def __init__(self, parent: QWidget | None = None, lines: int = 3, padding: int = 14):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + padding)


#: How often a resize while a field fits its height is followed up (see GrowingTextEdit).
MAX_REFITS = 3


class GrowingTextEdit(QPlainTextEdit):
    """A field for a long free text: it wraps and grows with its text from `min_lines` to
    `max_lines` (only a longer text scrolls), and Tab moves on as in any field.

    It speaks QLineEdit's language (`text`, `setText`, `isModified`, `editingFinished`), so a
    one-line field can become one without changing how it saves: `editingFinished` comes when
    the field is left and on Ctrl+Enter. With `one_paragraph`, what was a one-line value stays
    one: Enter inserts no line break (it goes on to the dialog, as a one-line field's does) and
    pasted line breaks become spaces.
    """

    #: Left (not for a popup) or Ctrl+Enter, as QLineEdit.editingFinished.
    editingFinished = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        min_lines: int = 1,
        max_lines: int = 6,
        one_paragraph: bool = False,
    ):
        super().__init__(parent)
        #: How deep the field is in fitting its height to its text (see `resizeEvent`).
        self._fitting = 0
        self.min_lines, self.max_lines = min_lines, max(min_lines, max_lines)
        self.one_paragraph = one_paragraph
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.textChanged.connect(self._fit_height)
        self._fit_height()

    # ---- QLineEdit's language -------------------------------------------------------------

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Show `text` from its beginning, as not modified."""
        self.setPlainText(text)
        self.setCursorPosition(0)
        self.setModified(False)

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def isModified(self) -> bool:
        return self.document().isModified()

    def setModified(self, modified: bool) -> None:
        self.document().setModified(modified)

    # ---- growing ----------------------------------------------------------------------------

    def lines_shown(self) -> int:
        """How many lines the field is tall now (an empty one: as its placeholder needs)."""
        lines = int(self.document().documentLayout().documentSize().height())
        if not self.toPlainText() and self.placeholderText():
            lines = max(lines, self._placeholder_lines())
        return min(max(lines, self.min_lines), self.max_lines)

    def _placeholder_lines(self) -> int:
        width = self.viewport().width() - 2 * int(self.document().documentMargin())
        metrics = self.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        height = metrics.boundingRect(0, 0, max(width, 20), 10_000, flags, self.placeholderText())
        return max(1, -(-height.height() // metrics.lineSpacing()))

    def _fit_height(self) -> None:
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        self.setFixedHeight(self.lines_shown() * self.fontMetrics().lineSpacing() + frame + 2)
        # Past max_lines the text scrolls; below it no scroll bar takes room.
        needed = self.document().documentLayout().documentSize().height() > self.max_lines
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if needed
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The text wraps anew at the new width. Fitting may resize the field again (a layout
        # answering its new height), which is followed up, but not without end: a field whose
        # width changes with each fit would never settle (and overflow the stack).
        if event.size().width() != event.oldSize().width() and self._fitting < MAX_REFITS:
            self._fitting += 1
            try:
                self._fit_height()
            finally:
                self._fitting -= 1

    # ---- keys and leaving ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.editingFinished.emit()
            event.ignore()  # a form or dialog may save on Ctrl+Enter as well
            return
        if enter and self.one_paragraph:
            self.editingFinished.emit()
            event.ignore()  # on to the dialog's default button, as from a QLineEdit
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.one_paragraph and source.hasText():
            self.insertPlainText(" ".join(source.text().split()))
            return
        super().insertFromMimeData(source)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.editingFinished.emit()
