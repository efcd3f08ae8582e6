"""Which screen the presentation goes to: with a projector beside the laptop the chair picks it
from a list (the other screen is proposed); with one screen there is nothing to ask."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _


class ScreenLike(Protocol):
    def name(self) -> str: ...
    def size(self) -> QSize: ...
    def devicePixelRatio(self) -> float: ...


def screen_label(number: int, screen: ScreenLike, *, here: bool) -> str:
    """The screen as the list shows it ("Screen 2: HDMI-1 (1920×1080)"), marked where the
    control window is."""
    size, ratio = screen.size(), screen.devicePixelRatio()
    text = _("Screen {n}: {name} ({width}×{height})").format(
        n=number,
        name=screen.name() or _("unnamed"),
        width=round(size.width() * ratio),
        height=round(size.height() * ratio),
    )
    return text + " — " + _("this window is here") if here else text


def proposed(screens: Sequence[object], control: object) -> int:
    """The screen to propose: the first one the control window is not on (the projector)."""
    return next((n for n, screen in enumerate(screens) if screen != control), 0)


class ScreenDialog(QDialog):
    """A list of the screens; Enter presents on the chosen one."""

    def __init__(self, screens: Sequence[QScreen], control: QScreen | None, parent: QWidget):
        super().__init__(parent)
        self.setWindowTitle(_("Present on which screen?"))
        self.screens = list(screens)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Screens"))
        for number, screen in enumerate(self.screens, start=1):
            self.list.addItem(screen_label(number, screen, here=screen == control))
        self.list.setCurrentRow(proposed(self.screens, control))
        # Wide enough for the longest name: no scrolling sideways to read which screen it is.
        self.list.setMinimumWidth(self.list.sizeHintForColumn(0) + 4 * self.list.frameWidth() + 24)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start presenting"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        explanation = QLabel(
            _("The presentation fills the screen you choose; this window stays where it is."),
            self,
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> QScreen:
        return self.screens[max(0, self.list.currentRow())]


def choose_screen(parent: QWidget) -> QScreen | None:
    """The screen to present on; None when the chair cancelled the choice."""
    screens = QGuiApplication.screens()
    if len(screens) <= 1:
        return screens[0] if screens else None
    dialog = ScreenDialog(screens, parent.screen(), parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
