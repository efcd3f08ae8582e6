"""The lock screen's widgets: the opaque cover over a window and the unlock form (ui/lock.py
decides when they are shown), and what unlocks a database."""

from __future__ import annotations

import enum

from shiboken6 import isValid

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _
from jeugdtool.store.location import Location

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text

E = QEvent.Type
OVERLAY_STYLE = "LockOverlay { background: #1f2933; } QLabel#lockTitle { color: #ffffff; }"
FORM_STYLE = "UnlockForm { background: palette(window); border-radius: 8px; }"


class Secret(enum.Enum):
    """What unlocks: the file's passphrase, the team login's password, or nothing (a plain file)."""

    PASSPHRASE = "passphrase"
    LOGIN = "login"
    NONE = "none"


def secret_of(location: Location) -> Secret:
    if not location.is_sqlite:
        return Secret.LOGIN
    return Secret.PASSPHRASE if location.encrypted else Secret.NONE


def verify(location: Location, given: str) -> bool:
    """Whether `given` unlocks (called off the GUI thread: a team login connects to the server)."""
    kind = secret_of(location)
    if kind is Secret.LOGIN:
        from jeugdtool import team_admin

        return team_admin.check_login(location, given)
    if kind is Secret.PASSPHRASE:
        from jeugdtool.store import cipher

        return cipher.passphrase_matches(location, given)
    return True


class UnlockForm(QWidget):
    """The lock screen's form: what unlocks, the field for it, and what went wrong."""

    unlock_requested = Signal(str)

    def __init__(self, secret: Secret, parent: QWidget | None = None):
        super().__init__(parent)
        self.secret = secret
        self.setObjectName("unlockForm")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(FORM_STYLE)
        self.heading = QLabel(_("jeugdtool is locked"), self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.explanation = QLabel(self._explanation(), self)
        self.explanation.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self._field_name())
        self.field.setPlaceholderText(self._field_name())
        self.field.setVisible(secret is not Secret.NONE)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        style_text(self.message, Role.ERROR)
        self.message.hide()
        self._room = 10_000
        self.button = QPushButton(_("&Unlock"), self)
        self.button.setDefault(True)
        self.field.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def fit(self, room: int | None = None) -> None:
        """A fixed size: at most `room` wide, as high as the wrapped text needs at that width
        (a layout would ask a centred widget's height for its own full width)."""
        if room is not None:
            self._room = room
        width = max(160, min(self.fontMetrics().horizontalAdvance("M") * 38, self._room))
        layout = self.layout()
        self.setFixedSize(width, layout.totalHeightForWidth(width))

    def _field_name(self) -> str:
        return _("Passphrase") if self.secret is Secret.PASSPHRASE else _("Password")

    def _explanation(self) -> str:
        if self.secret is Secret.PASSPHRASE:
            return _(
                "The cases are hidden until the passphrase of the database is typed. Your "
                "unsaved work is kept."
            )
        if self.secret is Secret.LOGIN:
            return _(
                "The cases are hidden until the password of your login is typed. Your unsaved "
                "work is kept."
            )
        return _(
            "The cases are hidden. This database file has no passphrase, so nothing needs to "
            "be typed: anyone at this computer can unlock it, and could read the file itself "
            "too. A passphrase would protect it (encrypt the database). Your unsaved work is "
            "kept."
        )

    def _submit(self) -> None:
        if self.button.isEnabled():
            self.unlock_requested.emit(self.field.text())

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.field.setReadOnly(busy)
        if busy:
            self.say(_("Checking…"), error=False)

    def say(self, text: str, *, error: bool = True) -> None:
        style_text(self.message, Role.ERROR if error else Role.MUTED)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.fit()

    def reset(self) -> None:
        self.field.clear()
        self.say("")
        self.set_busy(False)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab stays in the form: the widgets under the lock screen must not get the keyboard.
        order = [w for w in (self.field, self.button) if w.isVisible()]
        if not order:
            return False
        current = QApplication.focusWidget()
        index = order.index(current) if current in order else -1
        order[(index + (1 if next else -1)) % len(order)].setFocus(Qt.FocusReason.TabFocusReason)
        return True


class LockOverlay(QWidget):
    """An opaque cover over a whole window (menus and status bar too), following its size."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAutoFillBackground(True)
        self.setStyleSheet(OVERLAY_STYLE)
        self.title = QLabel(_("jeugdtool is locked"), self)
        self.title.setObjectName("lockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.title.setFont(font)
        self.slot = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addLayout(self.slot)
        layout.addStretch(1)
        self.slot.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def take_form(self, form: UnlockForm) -> None:
        """Show the unlock form here (the window that can take input); the title goes."""
        form.setParent(self)
        form.fit(self.width() - 24)
        self.slot.addWidget(form)
        form.show()
        self.title.hide()

    def form_left(self) -> None:
        self.title.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == E.Resize:
            self.setGeometry(self.parentWidget().rect())
        elif event.type() == E.ChildAdded:
            # A widget added to the window later must not lie on top of the cover.
            QTimer.singleShot(0, self._raise)
        return False

    def _raise(self) -> None:
        if isValid(self):
            self.raise_()
