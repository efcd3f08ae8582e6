"""The passphrase of an encrypted database file: asking for it, choosing one, changing it,
and encrypting a plain database ("Nu versleutelen").

The rules (how strong, how many tries, what a file needs) are the core's: store/cipher.py and
store/encrypt.py. This module only asks and shows. A passphrase lives in `Location.passphrase`,
in this run's memory (`SESSION`, so reopening the same file after a conversion or a switch does
not ask again), and in the system's keyring only when the user ticks the box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NeedsPassphrase
from jeugdtool.errors import WrongPassphrase
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import cipher
from jeugdtool.store.location import Location

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.login import keyring_available
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error

if TYPE_CHECKING:
    from jeugdtool.ui.main_window import MainWindow

T = TypeVar("T")

#: This run's passphrases by database file (`Location.key`): memory only, gone at exit.
SESSION: dict[str, str] = {}

#: The advice's colour per level (store/cipher.py: Advice.level).
ADVICE_ROLES = {"weak": Role.ERROR, "fair": Role.WARNING, "strong": Role.OK}

BANNER_STYLE = (
    "QFrame#plainBanner { background: #fff4e0; border: 1px solid #e0b060; border-radius: 4px; }"
    # Its own ink on its own fill: the palette's text may be light (a dark palette).
    " QFrame#plainBanner QLabel { color: #5d3a00; }"
)

NO_BACK_DOOR = N_(
    "Without the passphrase nobody can open the database: not you, not your administrator "
    "and not the makers of jeugdtool. There is no back door. Write it down and keep it safe."
)


@dataclass(frozen=True)
class PassphraseAnswer:
    passphrase: str
    remember: bool = False
    #: Changing a passphrase: the current one.
    current: str = ""

    def __repr__(self) -> str:  # never the passphrase, in a log or a traceback
        return f"PassphraseAnswer(remember={self.remember})"


@dataclass(frozen=True)
class PassphraseRequest:
    """What the dialog asking for an existing file's passphrase shows."""

    database: str
    message: str
    tries_left: int
    keyring: bool
    remember: bool


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class PassphraseDialog(QDialog):
    """The passphrase of an encrypted database that is being opened."""

    def __init__(self, request: PassphraseRequest, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Encrypted database"))
        self.answer: PassphraseAnswer | None = None
        self.message = _wrapped(request.message, self)
        style_text(self.message, Role.WARNING)
        self.tries = _wrapped(
            ngettext(
                "You can try {n} more time.", "You can try {n} more times.", request.tries_left
            ).format(n=request.tries_left),
            self,
        )
        self.passphrase = _password_field(self, _("Passphrase"))
        self.remember = QCheckBox(_("&Remember the passphrase on this computer"), self)
        self.remember.setToolTip(
            _("Kept in your computer's password store (keyring), for your account only.")
        )
        self.remember.setChecked(request.remember)
        self.remember.setVisible(request.keyring)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(_("&Passphrase:"), self.passphrase)
        form.addRow("", self.remember)
        buttons = ok_cancel(self, _("Open"))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(_("Database: {path}").format(path=request.database), self))
        layout.addWidget(self.message)
        layout.addWidget(self.tries)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)
        self.passphrase.setFocus()

    def accept(self) -> None:
        if not self.passphrase.text():
            show_error(self.error, [_("Type the passphrase.")])
            return
        self.answer = PassphraseAnswer(
            self.passphrase.text(), self.remember.isVisible() and self.remember.isChecked()
        )
        super().accept()


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice, with advice while it is typed; optionally the current
    one first (changing it)."""

    def __init__(
        self,
        title: str,
        intro: str,
        *,
        keyring: bool,
        remember: bool = False,
        ask_current: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.answer: PassphraseAnswer | None = None
        self.current = _password_field(self, _("Current passphrase")) if ask_current else None
        self.first = _password_field(self, _("New passphrase"))
        self.again = _password_field(self, _("The same passphrase again"))
        self.advice = _wrapped(cipher.advice("").message, self)
        self.advice.setObjectName("passphraseAdvice")
        self.remember = QCheckBox(_("&Remember the passphrase on this computer"), self)
        self.remember.setToolTip(
            _("Kept in your computer's password store (keyring), for your account only.")
        )
        self.remember.setChecked(remember)
        self.remember.setVisible(keyring)
        self.error = error_label(self)
        self.first.textChanged.connect(self._advise)
        self._advise("")
        form = QFormLayout()
        if self.current is not None:
            form.addRow(_("&Current passphrase:"), self.current)
        form.addRow(_("&New passphrase:"), self.first)
        form.addRow(_("&Again:"), self.again)
        form.addRow("", self.advice)
        form.addRow("", self.remember)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(intro, self))
        note = _wrapped(_(NO_BACK_DOOR), self)
        style_text(note, Role.MUTED)
        layout.addWidget(note)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 46)
        (self.current or self.first).setFocus()

    def _advise(self, text: str) -> None:
        advice = cipher.advice(text)
        self.advice.setText(advice.message)
        style_text(self.advice, ADVICE_ROLES[advice.level])

    def accept(self) -> None:
        if self.current is not None and not self.current.text():
            show_error(self.error, [_("Type the current passphrase.")])
            self.current.setFocus()
            return
        advice = cipher.advice(self.first.text())
        if not advice.acceptable:
            show_error(self.error, [advice.message])
            self.first.setFocus()
            return
        if self.again.text() != self.first.text():
            show_error(self.error, [cipher.mismatch_message()])
            self.again.setFocus()
            return
        self.answer = PassphraseAnswer(
            self.first.text(),
            self.remember.isVisible() and self.remember.isChecked(),
            self.current.text() if self.current is not None else "",
        )
        super().accept()


#: Asks for an existing file's passphrase; None: cancelled.
AskPassphrase = Callable[[PassphraseRequest, QWidget | None], PassphraseAnswer | None]
#: Asks for a new database's passphrase (the database named); None: cancelled.
AskNewPassphrase = Callable[[str, QWidget | None], PassphraseAnswer | None]


def ask_passphrase(request: PassphraseRequest, parent: QWidget | None) -> PassphraseAnswer | None:
    dialog = PassphraseDialog(request, parent)
    dialog.exec()
    return dialog.answer


def ask_new_passphrase(database: str, parent: QWidget | None) -> PassphraseAnswer | None:
    dialog = NewPassphraseDialog(
        _("Choose a passphrase"),
        _(
            "The new database {path} is encrypted, so that nobody who gets hold of this "
            "computer or the file can read it. Choose a passphrase: a sentence of four or "
            "more words that only you know."
        ).format(path=database),
        keyring=keyring_available(),
        parent=parent,
    )
    dialog.exec()
    return dialog.answer


def remember(location: Location, answer: PassphraseAnswer | None) -> None:
    """After the database opened with `location`: keep its passphrase for this run, and in
    the keyring when the user ticked the box (unticking it forgets a kept one)."""
    if location.passphrase is None:
        return
    SESSION[location.key] = location.passphrase
    if answer is not None and keyring_available():
        cipher.keep_in_keyring(location.key, location.passphrase if answer.remember else None)


class DatabaseUnlock:
    """Answers an encrypted file's need for a passphrase while one database is being opened
    (app.py: open_database_interactively)."""

    def __init__(
        self,
        ask: AskPassphrase | None = None,
        ask_new: AskNewPassphrase | None = None,
        parent: QWidget | None = None,
    ):
        # Looked up now, not when the module was read (tests replace the dialogs).
        self.ask = ask or ask_passphrase
        self.ask_new = ask_new or ask_new_passphrase
        self.parent = parent
        #: Per file: the kept passphrases already tried (session, keyring), and typed tries.
        self._tried: dict[str, set[str]] = {}
        self._typed: dict[str, int] = {}
        self._answer: PassphraseAnswer | None = None

    def passphrase(self, location: Location, refused: NeedsPassphrase) -> Location | None:
        """The same file with a passphrase to try next, or None: the user cancelled, or typed a
        wrong one three times."""
        key = location.key
        tried = self._tried.setdefault(key, set())
        for source, kept in (("session", SESSION.get(key)), ("keyring", self._kept(key))):
            if kept and source not in tried:
                tried.add(source)
                return location.with_passphrase(kept)
        typed = self._typed.get(key, 0)
        if typed >= cipher.MAX_TRIES:
            return None
        wrong = isinstance(refused, WrongPassphrase) and typed > 0
        self._answer = self.ask(
            PassphraseRequest(
                database=location.display,
                message=str(refused)
                if wrong
                else _("This database is encrypted. Type its passphrase to open it."),
                tries_left=cipher.MAX_TRIES - typed,
                keyring=keyring_available(),
                remember=self._kept(key) is not None,
            ),
            self.parent,
        )
        if self._answer is None:
            return None
        self._typed[key] = typed + 1
        return location.with_passphrase(self._answer.passphrase)

    def new_passphrase(self, location: Location) -> Location | None:
        """A new database: the passphrase it gets, or None (the user cancelled)."""
        self._answer = self.ask_new(location.display, self.parent)
        return location.with_passphrase(self._answer.passphrase) if self._answer else None

    def opened(self, location: Location) -> None:
        answer, self._answer = self._answer, None
        remember(location, answer)

    def exhausted(self, location: Location) -> bool:
        return self._typed.get(location.key, 0) >= cipher.MAX_TRIES

    @staticmethod
    def _kept(key: str) -> str | None:
        return cipher.keyring_passphrase(key) if keyring_available() else None


def gave_up_message(location: Location) -> str:
    return _(
        "The passphrase of {path} was wrong three times. The file was not changed. If the "
        "passphrase is lost, nobody can read the database (there is no back door): open a "
        "backup of which you know the passphrase, or choose another database."
    ).format(path=location.display)


# ---------------------------------------------------------------- a plain database


def plain_explanation() -> str:
    return _(
        "This database is not encrypted: anyone who gets hold of this computer or the file can "
        "read every case in it. Encrypt it now; it takes a moment and changes nothing else."
    )


class PlainBanner(QFrame):
    """A strip above the cases while a plain database file is open, with "Encrypt now"."""

    def __init__(self, encrypt: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("plainBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.text = _wrapped(plain_explanation(), self)
        self.text.setAccessibleName(_("Database not encrypted"))
        self.button = QPushButton(_("Encrypt now…"), self)
        self.button.clicked.connect(lambda _checked=False: encrypt())
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)


def shows_plain_banner(location: Location, read_only: bool) -> bool:
    """A plain database file that may be written (a read-only one cannot be converted)."""
    return location.is_sqlite and not location.encrypted and not read_only


def _saved_first(window: MainWindow, what: str) -> bool:
    """False (said why) while kept edits still wait to be saved: the file is converted as a
    whole, so they must be in it first."""
    ctx = window.ctx
    if len(ctx.pending):
        ctx.dialogs.error(
            _(
                "Some changes are not saved yet (see the status bar). Save them first (Ctrl+S), "
                "then choose “{what}” again."
            ).format(what=what),
            _("Not yet"),
        )
        return False
    return True


def _convert(
    window: MainWindow,
    work: Callable[[], T],
    before: Location,
    after: Location,
    *,
    label: str,
    title: str,
    done: Callable[[T], None],
) -> None:
    """`work` on the whole file, off the GUI thread, while the window's database holds it
    (`Database.hold`: a screen that reads meanwhile waits). Then the window goes on with
    `after` and `done(result)`; when it failed, with `before` (the file as it was), and the
    error is shown under `title`."""
    from jeugdtool.ui import ops

    ctx = window.ctx
    release = ctx.database.hold()

    def run() -> T:
        try:
            result = work()
        except BaseException:
            release(before)
            raise
        release(after)
        return result

    def succeeded(result: T) -> None:
        ctx.database.switch_to(after)
        done(result)

    def failed(error: JeugdtoolError) -> None:
        ctx.database.switch_to(before)
        ctx.dialogs.error(str(error), title)

    ops.run_in_background(ctx, window, run, label=label, on_success=succeeded, on_failure=failed)


def encrypt_now(
    window: MainWindow, ask: Callable[[], PassphraseAnswer | None] | None = None
) -> None:
    """Encrypt now (the banner, the File menu): a passphrase, then the conversion off the GUI
    thread; the window goes on working on the encrypted file (open tabs stay). On failure the
    file stays as it was."""
    from jeugdtool.store import encrypt

    ctx = window.ctx
    answer = (ask or (lambda: _ask_encrypt(window)))()
    if answer is None:
        return
    plain = ctx.database.location
    if not _saved_first(window, _("Encrypt the database")):
        return
    path, folder = plain.path, ctx.settings.backup_dir()
    assert path is not None
    location = plain.with_passphrase(answer.passphrase)

    def done(result: encrypt.Encrypted) -> None:
        remember(location, answer)
        window.database_encrypted()
        ctx.dialogs.info(
            ngettext(
                "The database is encrypted. {n} automatic backup was encrypted too.",
                "The database is encrypted. {n} automatic backups were encrypted too.",
                result.backups,
            ).format(n=result.backups)
            + "\n\n"
            + _(NO_BACK_DOOR),
            _("Database encrypted"),
        )

    _convert(
        window,
        lambda: encrypt.encrypt_database(path, answer.passphrase, backup_folder=folder),
        plain,
        location,
        label=_("Encrypting the database… (this cannot be interrupted)"),
        title=_("Encrypt the database"),
        done=done,
    )


def _ask_new_passphrase(
    window: MainWindow, title: str, text: str, **options: bool
) -> PassphraseAnswer | None:
    """Ask for a new passphrase (`options`: more of NewPassphraseDialog's); None: cancelled."""
    dialog = NewPassphraseDialog(title, text, keyring=keyring_available(), parent=window, **options)
    dialog.exec()
    return dialog.answer


def _ask_encrypt(window: MainWindow) -> PassphraseAnswer | None:
    text = _(
        "The database {path} is encrypted with the passphrase you choose here. After that "
        "jeugdtool asks for it at every start (unless you let this computer remember it). "
        "The unencrypted file is overwritten and removed."
    ).format(path=window.ctx.database.location.display)
    return _ask_new_passphrase(window, _("Encrypt the database"), text)


def change_passphrase(
    window: MainWindow, ask: Callable[[], PassphraseAnswer | None] | None = None
) -> None:
    """Give the open encrypted database a new passphrase; the window goes on working."""
    from jeugdtool.store import encrypt

    ctx = window.ctx
    location = ctx.database.location
    answer = (ask or (lambda: _ask_change(window)))()
    if answer is None:
        return
    if not cipher.passphrase_matches(location, answer.current):
        ctx.dialogs.error(
            _("The current passphrase is not right. Nothing was changed."),
            _("Change passphrase"),
        )
        return
    if not _saved_first(window, _("Change passphrase")):
        return
    path = location.path
    assert path is not None
    new = location.with_passphrase(answer.passphrase)

    def done(_result: None) -> None:
        kept = cipher.keyring_passphrase(location.key) if keyring_available() else None
        remember(new, PassphraseAnswer(answer.passphrase, answer.remember or kept is not None))
        ctx.dialogs.info(
            _(
                "The passphrase is changed. Backups made before today still open with the "
                "old passphrase only: keep it with them, or make a new backup."
            ),
            _("Change passphrase"),
        )

    _convert(
        window,
        lambda: encrypt.change_passphrase(path, answer.current, answer.passphrase),
        location,
        new,
        label=_("Changing the passphrase… (this cannot be interrupted)"),
        title=_("Change passphrase"),
        done=done,
    )


def _ask_change(window: MainWindow) -> PassphraseAnswer | None:
    location = window.ctx.database.location
    text = _("The database {path} gets a new passphrase.").format(path=location.display)
    remember = keyring_available() and cipher.keyring_passphrase(location.key) is not None
    return _ask_new_passphrase(
        window, _("Change passphrase"), text, remember=remember, ask_current=True
    )
