"""Signing in to a team database: a password from the keyring, else the login dialog.

The server refused the login (`LoginRefused`): `TeamSignIn.retry` first tries a password the
system's keyring keeps for this database (only the optional `keyring` package reads it), then
asks for the login name and password, saying why, as often as the server refuses them. Once the
database is open and its person found, `TeamSignIn.opened` keeps the password in the keyring when
the user asked to (or forgets it when they unticked the box). The password lives only in the
connection's URL: it is never shown, logged or written anywhere else.
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import replace

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import LoginRefused
from jeugdtool.i18n import _
from jeugdtool.store.location import Location

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- the keyring (optional)


def keyring_available() -> bool:
    """The `keyring` package is installed and has a backend that can keep a password."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # a broken keyring configuration: as if there were none
        log.info("no usable keyring backend", exc_info=True)
        return False


def keyring_key(location: Location) -> str:
    """The keyring entry of this database and login: `login@host:port/database`."""
    from jeugdtool.team_admin import keyring_user

    return keyring_user(location)


def stored_password(location: Location) -> str | None:
    from jeugdtool.team_admin import keyring_password

    return keyring_password(location) if keyring_available() else None


def remember_password(location: Location, password: str | None) -> None:
    """Keep `password` for this database and login; None forgets it. A keyring that fails is
    no reason to stop working: the user is asked again next time."""
    if not keyring_available():
        return
    import keyring
    from keyring.errors import PasswordDeleteError

    from jeugdtool.team_admin import KEYRING_SERVICE  # the entry the command line reads too

    key = keyring_key(location)
    try:
        if password is not None:
            keyring.set_password(KEYRING_SERVICE, key, password)
        else:
            keyring.delete_password(KEYRING_SERVICE, key)
    except PasswordDeleteError:
        pass  # there was none
    except Exception as exc:  # the kind only: never the password
        log.warning("the keyring did not take the change: %s", type(exc).__name__)


# ---------------------------------------------------------------- the dialog


@dataclass(frozen=True)
class LoginRequest:
    """What the login dialog shows."""

    #: The database, without login name or password.
    server: str
    #: Why the server did not let the login in (its translated message).
    message: str
    login: str
    #: Offer to keep the password in the keyring (else the box is hidden).
    keyring: bool
    #: The box is ticked (a password was kept before).
    remember: bool


@dataclass(frozen=True)
class Credentials:
    login: str
    password: str = ""
    remember: bool = False

    def __repr__(self) -> str:  # never the password, in a log or a traceback
        return f"Credentials(login={self.login!r}, remember={self.remember})"


#: Asks for a login name and password (over the given window); None: the user cancelled.
AskCredentials = Callable[[LoginRequest, QWidget | None], Credentials | None]


class LoginDialog(QDialog):
    """Login name and password for a team database whose server refused the last ones."""

    def __init__(self, request: LoginRequest, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Sign in to the team database"))
        #: What the user entered, once accepted.
        self.credentials: Credentials | None = None
        server = QLabel(_("Server: {server}").format(server=request.server), self)
        server.setWordWrap(True)
        self.message = QLabel(request.message, self)
        self.message.setWordWrap(True)
        style_text(self.message, Role.WARNING)
        self.login = line_edit(self, request.login, _("Login name"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        self.remember = QCheckBox(_("&Remember password on this computer"), self)
        self.remember.setChecked(request.remember)
        self.remember.setToolTip(
            _("Kept in your computer's password store (keyring), for your account only.")
        )
        self.remember.setVisible(request.keyring)
        self.error = error_label(self)
        self._layout(server)
        (self.password if request.login else self.login).setFocus()

    def _layout(self, server: QLabel) -> None:
        form = QFormLayout()
        form.addRow(_("&Login name:"), self.login)
        form.addRow(_("&Password:"), self.password)
        form.addRow("", self.remember)
        buttons = ok_cancel(self, _("Sign in"))
        layout = QVBoxLayout(self)
        layout.addWidget(server)
        layout.addWidget(self.message)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)

    def accept(self) -> None:
        login = self.login.text().strip()
        if not login:
            show_error(self.error, [_("Type your login name.")])
            self.login.setFocus()
            return
        if not self.password.text():
            show_error(self.error, [_("Type your password.")])
            self.password.setFocus()
            return
        self.credentials = Credentials(
            login, self.password.text(), self.remember.isVisible() and self.remember.isChecked()
        )
        super().accept()


def ask_credentials(request: LoginRequest, parent: QWidget | None = None) -> Credentials | None:
    dialog = LoginDialog(request, parent)
    dialog.exec()
    return dialog.credentials


# ---------------------------------------------------------------- the whole sign-in


def default_login(location: Location) -> str:
    """The login libpq would use: the URL's, else PGUSER, else the computer's account."""
    return location.url.username or os.environ.get("PGUSER") or getpass.getuser()


def server_name(location: Location) -> str:
    """The database as the dialog names it: without login name or password."""
    # URL.set() skips None values: _replace (a NamedTuple's) takes them away.
    return replace(location, url=location.url._replace(username=None, password=None)).display


class TeamSignIn:
    """Answers a team database's refusals while one database is being opened."""

    def __init__(self, ask: AskCredentials = ask_credentials, parent: QWidget | None = None):
        self.ask = ask
        #: The window the dialog opens over (the program's window, still empty).
        self.parent = parent
        #: Keyring entries already tried: a refused one is not tried again.
        self._tried: set[str] = set()
        #: What the user answered last (kept or forgotten once the database opened).
        self._answer: Credentials | None = None

    def retry(self, location: Location, refused: LoginRefused) -> Location | None:
        """The location to try next (the same database with a login and password), or None when
        the user cancelled."""
        if location.url.password is None:
            key = keyring_key(location)
            stored = None if key in self._tried else stored_password(location)
            self._tried.add(key)
            if stored:
                return self._with(location, default_login(location), stored)
        request = LoginRequest(
            server=server_name(location),
            message=str(refused),
            login=default_login(location),
            keyring=keyring_available(),
            # Ticked when a password is kept for this login: unticking it forgets that one.
            remember=self._answer.remember if self._answer else bool(stored_password(location)),
        )
        self._answer = self.ask(request, self.parent)
        if self._answer is None:
            return None
        return self._with(location, self._answer.login, self._answer.password)

    def opened(self, location: Location) -> None:
        """The database opened with `location` and its person signed in: keep (or forget) the
        password the user typed, as they chose."""
        answer, self._answer = self._answer, None
        if answer is None or not keyring_available():
            return
        remember_password(location, answer.password if answer.remember else None)

    @staticmethod
    def _with(location: Location, login: str, password: str) -> Location:
        return replace(location, url=location.url.set(username=login, password=password))
