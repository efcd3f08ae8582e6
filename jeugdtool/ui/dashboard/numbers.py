"""A number on the dashboard that opens the list of cases behind it (mouse, Enter or Space),
and the request it sends: what was counted, and the household ids behind the count."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour


@dataclass(frozen=True)
class DrillRequest:
    """Show these cases: `title` says what was counted (indicator, period, which count)."""

    title: str
    case_ids: tuple[int, ...]


class NumberButton(QPushButton):
    """A count written like a link; activating it asks for the cases behind it. A count that
    is hidden (below 5 in the municipality's view) or empty is plain text: nothing to open."""

    #: The cases behind the number were asked for.
    drill = Signal(DrillRequest)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.request: DrillRequest | None = None
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.clicked.connect(self._ask)
        self._style()

    def _style(self) -> None:
        """A link's look, a visible frame while it has the keyboard's focus, and muted plain
        text when there is nothing behind it (read from the palette each time it is filled)."""
        # The application's palette: this button's own is the style sheet's (a clear ground).
        link, plain = colour(Role.ACCENT), colour(Role.MUTED)
        self.setStyleSheet(
            f"QPushButton {{ color: {link}; text-decoration: underline; background: transparent;"
            " border: 1px solid transparent; padding: 0 3px; }"
            f" QPushButton:focus {{ border: 1px dotted {link}; }}"
            f" QPushButton:disabled {{ color: {plain}; text-decoration: none; }}"
        )

    def show_count(self, text: str, request: DrillRequest | None, what: str) -> None:
        """Show `text`; `request` is what activating it asks for (None: not clickable);
        `what` names the number for a screen reader ("Numerator")."""
        self.setText(text)
        self.request = request if request is not None and request.case_ids else None
        self.setEnabled(self.request is not None)
        self.setAccessibleName(f"{what}: {text}")
        self._style()
        self.setToolTip(
            _("Show the cases behind this number (Enter)")
            if self.request is not None
            else _("No cases to show behind this number")
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Outside a dialog a push button ignores Enter; here Enter opens, as in every list.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isEnabled():
            self.click()
            return
        super().keyPressEvent(event)

    def _ask(self) -> None:
        if self.request is not None:
            self.drill.emit(self.request)
