"""What the main window shows when its database may only be read: a banner that says why and what
to do, a short mark in the status bar, and "(read-only)" in the title.

Whether screens offer changes is decided elsewhere, in one place (`AppContext.can_edit`); this
module only tells the user, so nobody types into a screen expecting it to be saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QAbstractSpinBox
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QTextEdit
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.widgets import vbox

if TYPE_CHECKING:
    from jeugdtool.ui.context import AppContext

BANNER_STYLE = (
    "#readOnlyBanner { background: #fff3e0; border: 1px solid #e0a050; border-radius: 4px; }"
    " #readOnlyBanner QLabel { color: #5d3a00; }"
)


def title_suffix() -> str:
    """Added to the window title of a read-only database."""
    return _("(read-only)")


def explanation(ctx: AppContext) -> str:
    """Why the database may only be read, and what to do about it."""
    return _(
        "This database can only be read, because {reason}. You can look at everything and "
        "export it, but nothing can be changed or added. To make changes, open it from a "
        "place where you may write (or ask your administrator for write access), then start "
        "jeugdtool again."
    ).format(reason=ctx.database.read_only_reason)


class ReadOnlyBanner(QFrame):
    """A strip above the cases that stays as long as the database is open."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = QLabel(explanation(ctx), self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(_("Read-only database"))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.text, 1)


def status_mark(ctx: AppContext, parent: QWidget) -> QLabel:
    """A short, permanent mark for the status bar, with the explanation as its tooltip."""
    mark = QLabel(_("Read-only"), parent)
    mark.setObjectName("readOnlyMark")
    style_text(mark, Role.WARNING, "font-weight: bold; padding: 0 6px;")
    mark.setToolTip(explanation(ctx))
    return mark


def with_banner(ctx: AppContext, content: QWidget, parent: QWidget) -> QWidget:
    """`content` below a `ReadOnlyBanner` (one widget, to be the window's central widget)."""
    return above(ReadOnlyBanner(ctx), content, parent)


def above(banner: QWidget, content: QWidget, parent: QWidget) -> QWidget:
    """`content` below `banner`, as one widget (to be the window's central widget)."""
    box = QWidget(parent)
    vbox(box, banner, content, margins=(0, 6, 0, 0), spacing=6, stretch=content)
    return box


def lock_for_reading(root: QWidget) -> None:
    """Make a screen that has no editable/closed switch of its own (the meetings editor) offer
    no change: fields become read-only (text can still be read, selected and copied), buttons
    that act go away, check boxes and choices show their state but cannot change, lists cannot
    be edited or reordered, and its keyboard shortcuts are off. Call again after the screen
    rebuilt parts of itself."""
    for edit in root.findChildren(QLineEdit) + root.findChildren(QTextEdit):
        edit.setReadOnly(True)
    for text in root.findChildren(QPlainTextEdit):
        text.setReadOnly(True)
    for button in root.findChildren(QAbstractButton):
        if isinstance(button, QCheckBox):
            button.setEnabled(False)
        else:
            button.hide()  # hidden, not disabled: selection handlers re-enable buttons
    for choice in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox):
        choice.setEnabled(False)
    for view in root.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
    for shortcut in root.findChildren(QShortcut):
        shortcut.setEnabled(False)
