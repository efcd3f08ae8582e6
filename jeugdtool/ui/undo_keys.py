"""Ctrl+Z is the program's Undo, unless a text field holds typing of its own not yet saved.

A QLineEdit claims Ctrl+Z for its own text even when it has nothing to undo, so after editing a
field and tabbing on, Ctrl+Z would do nothing at all. This hands the key to the Edit menu's
Undo/Redo whenever the focused field has no unsaved typing (an autosaved field is "unmodified").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QWidget

_WATCHED = "jeugdtool_undo_keys"


def _has_own_typing(widget: QObject) -> bool:
    if isinstance(widget, QLineEdit):
        return widget.isModified() and widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit):
        document = widget.document()
        return document.isModified() and document.isUndoAvailable()
    return True


def _is_undo_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(
        QKeySequence.StandardKey.Redo
    )


class UndoKeyRouter(QObject):
    """Watches the text fields of `window` as they get focus (no application-wide filter)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if (
            isinstance(new, QLineEdit | QPlainTextEdit)
            and new.window() is self._window
            and not new.property(_WATCHED)
        ):
            new.setProperty(_WATCHED, True)
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _is_undo_key(event)
            and not _has_own_typing(watched)
        ):
            event.ignore()  # not claimed by the field: the Undo/Redo shortcut fires
            return True
        return False
