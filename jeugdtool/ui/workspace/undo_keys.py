"""Ctrl+Z / Ctrl+Y inside a dialog of the case (the window's Edit menu cannot be reached from
a dialog): the case team and the privacy requests undo and redo their own steps there."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget


def add_undo_keys(dialog: QWidget, stack: QUndoStack) -> None:
    """Undo and redo `stack` by the standard keys while `dialog` has the focus."""
    for action, key in (
        (stack.createUndoAction(dialog), QKeySequence.StandardKey.Undo),
        (stack.createRedoAction(dialog), QKeySequence.StandardKey.Redo),
    ):
        action.setShortcut(key)
        dialog.addAction(action)
