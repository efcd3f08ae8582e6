"""Small shared pieces: a muted note, an inline error under a field, a section heading, an
overview section, a status badge."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.vocab import CaseStatus

from jeugdtool.ui.colours import ROLE_PROPERTY
from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text

#: A status badge: its own ink on its own fill (each pair above 4.5:1), the same on every palette.
_BADGE_COLOURS = {
    CaseStatus.OPEN: ("#1b5e20", "#e8f5e9"),
    CaseStatus.CLOSED: ("#8a4b00", "#fff3e0"),
    CaseStatus.ARCHIVED: ("#424242", "#eeeeee"),
}


class WrappingLabel(QLabel):
    """A word-wrapped label, top-aligned so a taller cell leaves space below, not above."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def muted(text: str = "", parent: QWidget | None = None, *, italic: bool = False) -> WrappingLabel:
    """A word-wrapped note in the muted colour: a hint under a field, an intro, an explanation
    (`italic`: what an empty list says instead)."""
    label = WrappingLabel(text, parent)
    style_text(label, Role.MUTED, "font-style: italic;" if italic else "")
    return label


class ErrorLabel(WrappingLabel):
    """The message under a field: hidden while the field is fine, given its colour when first
    shown (a style sheet on each of a form's seldom-shown messages cost time at every opening)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def setVisible(self, visible: bool) -> None:  # show() and setHidden() come here too
        if visible and self.property(ROLE_PROPERTY) is None:
            style_text(self, Role.ERROR)
        super().setVisible(visible)

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def heading(text: str, parent: QWidget | None = None, scale: float = 1.15) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def overview_section(
    parent: QWidget,
    title: str,
    button: str,
    clicked: Callable[[], object] | SignalInstance,
    *parts: QWidget,
) -> QVBoxLayout:
    """A section of the case overview: its heading with a button to the full page at the
    right, then `parts` below it, edge to edge."""
    more = QPushButton(button, parent)
    more.clicked.connect(clicked)
    top = QHBoxLayout()
    top.addWidget(heading(title, parent))
    top.addStretch(1)
    top.addWidget(more)
    layout = QVBoxLayout(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(top)
    for part in parts:
        layout.addWidget(part)
    return layout


def style_badge(label: QLabel, status: CaseStatus) -> None:
    fg, bg = _BADGE_COLOURS[status]
    label.setText(status.label)
    sheet = (
        f"color: {fg}; background: {bg}; border: 1px solid {fg}; border-radius: 9px;"
        " padding: 1px 10px; font-weight: bold;"
    )
    if label.styleSheet() != sheet:  # the same sheet again still restyles the label
        label.setStyleSheet(sheet)
