"""The 0–10 row of buttons that the keyboard types into, and a short text where Enter saves.

Keys in the row (one Tab stop): a digit chooses that score; "1" and then "0" within a second
chooses 10 (a "0" later than that chooses 0); Left/Down and Right/Up move one point; Home is 0
and End is 10; Backspace clears.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from jeugdtool.framework import scale
from jeugdtool.i18n import _

from jeugdtool.ui.widgets import LinesTextEdit

#: "1" then "0" within this many seconds is 10.
TEN_WINDOW_S = 1.0

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def score_colours(score: int) -> tuple[str, str]:
    """(light, strong) colour of a score: from warm red at 0 to green at 10."""
    lights = ("#fbe3df", "#fcebd9", "#fdf3d6", "#eef3d9", "#e2f1e0")
    strongs = ("#b3261e", "#b45309", "#8a6d00", "#4d7c0f", "#1b6e3a")
    step = min(score * len(lights) // 11, len(lights) - 1)
    return lights[step], strongs[step]


class ScoreRow(QFrame):
    """Eleven exclusive buttons 0…10, one Tab stop, typed into with the digit keys."""

    score_changed = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.setObjectName("scoreRow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Score from 0 to 10"))
        self.setToolTip(
            _("Type the digit; 1 and then 0 quickly is 10. Arrows move one point, Home/End: 0/10.")
        )
        self.setStyleSheet(
            "#scoreRow { border: 2px solid transparent; border-radius: 6px; }"
            " #scoreRow:focus { border: 2px solid palette(highlight); }"
        )
        self._clock = clock
        self._one_at: float | None = None
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.setSpacing(4)
        for number in range(scale.MIN_SCORE, scale.MAX_SCORE + 1):
            button = QPushButton(str(number), self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row is the Tab stop
            button.setMinimumSize(34, 34)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            light, strong = score_colours(number)
            button.setStyleSheet(
                f"QPushButton {{ background: {light}; color: {strong}; border: 1px solid {strong};"
                " border-radius: 4px; font-weight: bold; font-size: 13pt; }"
                f" QPushButton:checked {{ background: {strong}; color: white; }}"
            )
            self.group.addButton(button, number)
            layout.addWidget(button)
        self.group.idClicked.connect(self._clicked)

    def score(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def set_score(self, value: int | None) -> None:
        if value == self.score():
            return
        if value is None:
            self.group.setExclusive(False)  # an exclusive group never unchecks its last button
            for button in self.group.buttons():
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.group.button(value).setChecked(True)
        self.setAccessibleDescription("" if value is None else str(value))
        self.score_changed.emit(value)

    def _clicked(self, number: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.setAccessibleDescription(str(number))
        self.score_changed.emit(number)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text, key, now = event.text(), event.key(), self._clock()
        current = self.score()
        if len(text) == 1 and text.isdigit():
            number = int(text)
            quick = self._one_at is not None and now - self._one_at <= TEN_WINDOW_S
            if number == 0 and current == 1 and quick:
                number = 10
            self._one_at = now if number == 1 else None
            self.set_score(number)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_score(max(scale.MIN_SCORE, (current if current is not None else 1) - 1))
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_score(min(scale.MAX_SCORE, (current if current is not None else -1) + 1))
        elif key == Qt.Key.Key_Home:
            self.set_score(scale.MIN_SCORE)
        elif key == Qt.Key.Key_End:
            self.set_score(scale.MAX_SCORE)
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_score(None)
        else:
            super().keyPressEvent(event)  # Enter, Tab: up to the form
            return
        event.accept()


class ShortText(LinesTextEdit):
    """A few lines of text where Enter saves (Shift+Enter: a new line) and Tab moves on."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int = 3):
        super().__init__(parent, lines, padding=12)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if event.key() in ENTER_KEYS and plain:
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)
