"""Two small choosers of the closing screens: a row of radio buttons for a closed vocabulary
(nothing chosen until the user chooses) and a 1–5 score bar that answers to the keys 1–5."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import LabelledEnum
from jeugdtool.i18n import _

#: The scale of the family's experience.
SCORES = (1, 2, 3, 4, 5)


class ChoiceRow(QWidget):
    """One radio button per member of a vocabulary, side by side; `value()` is the chosen
    member's value, or None while nothing is chosen (the rules then ask for a choice)."""

    changed = Signal()

    def __init__(
        self,
        members: Iterable[LabelledEnum],
        name: str,
        parent: QWidget | None = None,
        *,
        vertical: bool = False,
    ):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        row = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4 if vertical else 14)
        for member in members:
            button = QRadioButton(member.label, self)
            button.setAccessibleName(f"{name}: {member.label}")
            self.group.addButton(button)
            self.buttons[member.value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.setAccessibleName(name)
        self.setFocusProxy(next(iter(self.buttons.values())))
        self.group.buttonToggled.connect(lambda _button, on: on and self.changed.emit())

    def value(self) -> str | None:
        """The chosen value; None while nothing is chosen or the row is switched off (a choice
        that does not apply is not saved, but comes back when it applies again)."""
        if not self.isEnabled():
            return None
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: str | None) -> None:
        """Choose `value` (None or an unknown value: nothing chosen)."""
        button = self.buttons.get(value or "")
        if button is not None:
            button.setChecked(True)
            return
        self.group.setExclusive(False)  # an exclusive group keeps one button checked
        for other in self.buttons.values():
            other.setChecked(False)
        self.group.setExclusive(True)
        self.changed.emit()


class ScoreBar(QFrame):
    """Five joined buttons 1–5 for one question: click one, or type 1–5 while it has the
    keyboard (←/→ step, Delete or 0 clears); `value()` is None until answered."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scoreBar")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        # The frame shows where the keyboard is: the buttons themselves take no focus.
        # The answer chosen stands out in the selection colour, whatever the palette.
        self.setStyleSheet(
            "#scoreBar { border: 2px solid transparent; border-radius: 4px; }"
            " #scoreBar:focus { border-color: palette(highlight); }"
            " QToolButton { border: 1px solid palette(mid); background: palette(button);"
            " padding: 3px 10px; }"
            " QToolButton:checked { background: palette(highlight);"
            " color: palette(highlighted-text); font-weight: bold; }"
        )
        self.buttons: list[QToolButton] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        row.setSpacing(0)
        for score in SCORES:
            button = QToolButton(self)
            button.setText(str(score))
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(34)
            button.setAccessibleName(_("{question}: {score}").format(question=name, score=score))
            button.clicked.connect(lambda _on=False, s=score: self._clicked(s))
            self.buttons.append(button)
            row.addWidget(button)
        self._value: int | None = None

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        self._value = value if value in SCORES else None
        for score, button in zip(SCORES, self.buttons, strict=True):
            button.setChecked(score == self._value)
        self.setAccessibleDescription(str(self._value) if self._value else _("not answered"))
        self.changed.emit()

    def _clicked(self, score: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_value(None if score == self._value else score)  # a second click clears

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.set_value(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
        elif key == Qt.Key.Key_Right:
            self.set_value(min(5, (self._value or 0) + 1))
        elif key == Qt.Key.Key_Left and self._value:
            self.set_value(max(1, self._value - 1))
        else:
            super().keyPressEvent(event)
