"""Small widgets several screens share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def error_label(parent: QWidget) -> QLabel:
    """A hidden label for a field's error message, shown in red next to the field."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    return label


def show_error(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


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
