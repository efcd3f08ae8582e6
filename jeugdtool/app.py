"""Composition root: settings -> language -> main window -> database -> user -> context.

Who the user is depends on the database: on a single-user SQLite file the consultant chosen
once per database (FirstRunDialog); on a team database the person of the PostgreSQL login,
asked for (ui/login.py) only when the server refuses the login it was given.

The window is on screen before the data layer is imported: `run_gui` shows the window's frame
and menus, and attaches the database once that first frame has been painted (SQLAlchemy alone
takes longer to import than Qt needs to show a window). Only the tables the case list reads
load before the list is painted; the other models and their mappers follow just after
(MainWindow.settled); a team server's access rules are compared with the digest this version
wrote down (`team_sql.RULES_FINGERPRINT`), which needs no model. Alembic only runs when a
schema must change; the exports (reportlab, jinja2, jsonschema) load when a menu item first
needs them, the manual's window at the first F1 (`install_f1`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING
from typing import Protocol

from PySide6.QtCore import QEvent
from PySide6.QtCore import QLibraryInfo
from PySide6.QtCore import QLocale
from PySide6.QtCore import QObject
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import QTranslator
from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QIcon
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QMessageBox

# Before any other module of the program: it makes PySide6's import hook quick for them all.
from jeugdtool.ui.application import Application

# isort: split
from jeugdtool import i18n
from jeugdtool import logs
from jeugdtool import paths
from jeugdtool import resources
from jeugdtool import settings as settings_file
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.desktop_install import APP_ID
from jeugdtool.desktop_install import PNG_SIZES
from jeugdtool.errors import DatabaseOpenError
from jeugdtool.errors import EmptyDatabaseFile
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import LoginRefused
from jeugdtool.errors import NeedsEncryptionChoice
from jeugdtool.errors import NeedsPassphrase
from jeugdtool.errors import unexpected_message
from jeugdtool.errors import unexpected_summary
from jeugdtool.errors import unexpected_traceback
from jeugdtool.i18n import _
from jeugdtool.settings import Settings

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.signals import AppSignals

if TYPE_CHECKING:
    from jeugdtool.cases.staff import StaffMember
    from jeugdtool.store.engine import Database
    from jeugdtool.store.location import Location

log = logging.getLogger(__name__)

#: Asks which database to try after `message` (why the last one failed); None: quit.
AskOther = Callable[[str], str | None]
#: Asks who is working on a database; None: quit.
ChooseUser = Callable[["Database"], ConsultantDTO | None]
#: Asks whether to start a new database in an existing empty (0-byte) file: `question` names it.
ConfirmEmpty = Callable[[str], bool]


class SignIn(Protocol):
    """Answers a team database's refusal of a login (ui/login.py: TeamSignIn)."""

    def retry(self, location: Location, refused: LoginRefused) -> Location | None:
        """The location to try next (with a login and password), or None: give up."""

    def opened(self, location: Location) -> None:
        """`location` opened and its person signed in (the password may be kept now)."""


class Unlock(Protocol):
    """Answers an encrypted file's need for a passphrase (ui/encryption.py: DatabaseUnlock)."""

    def passphrase(self, location: Location, refused: NeedsPassphrase) -> Location | None:
        """The file with the passphrase to try next, or None: give up."""

    def new_passphrase(self, location: Location) -> Location | None:
        """A new database file with the passphrase it gets, or None: give up."""

    def opened(self, location: Location) -> None:
        """`location` opened (its passphrase may be kept now)."""

    def exhausted(self, location: Location) -> bool:
        """The passphrase of `location` was typed wrong as often as it may be."""


def _unlock(parent: MainWindow | None) -> Unlock:
    from jeugdtool.ui.encryption import DatabaseUnlock

    return DatabaseUnlock(parent=parent)


def _team_sign_in(parent: MainWindow | None) -> SignIn:
    from jeugdtool.ui.login import TeamSignIn

    return TeamSignIn(parent=parent)


def make_application() -> QApplication:
    app = QApplication.instance() or Application(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("jeugdtool")
    app.setOrganizationName("jeugdtool")
    # The installed desktop entry's id (install-desktop), so the desktop shows its icon and
    # name for our windows (Wayland's app id).
    QGuiApplication.setDesktopFileName(APP_ID)
    # Every window without an icon of its own (meetings, presentation, dialogs) shows this one.
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """The icon as SVG for any size, with the rendered PNGs for the small sizes (crisper, and
    there when Qt's SVG plug-in is not)."""
    icon = QIcon(str(resources.path("icons", "jeugdtool.svg")))
    for size in PNG_SIZES:
        icon.addFile(
            str(resources.path("icons", "png", f"jeugdtool-{size}.png")), QSize(size, size)
        )
    return icon


def install_language(app: QApplication, language: str) -> None:
    """Our gettext catalogue, plus Qt's own so standard buttons and dialogs match."""
    i18n.set_language(language)
    if language == "en":
        return
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
    else:
        log.warning("Qt's own translations qtbase_%s not found in %s", language, folder)


def ask_other_database(message: str) -> str | None:
    """Explain why the database cannot be opened; offer another file or quitting."""
    while True:
        box = QMessageBox(QMessageBox.Icon.Critical, _("The database cannot be opened"), message)
        choose = box.addButton(_("Choose another database…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not choose:
            return None
        dialog = QFileDialog(
            None, _("Choose a database, or type a new file name"), str(paths.data_dir())
        )
        dialog.setNameFilters([_("jeugdtool databases (*.sqlite *.db)"), _("All files (*)")])
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)  # a new name starts a new database
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Open database"))
        if dialog.exec() and dialog.selectedFiles():
            return dialog.selectedFiles()[0]


def empty_file_question(target: str | Location | None) -> str:
    """Whether to start a new database in an empty file: it may have held the user's cases."""
    return _(
        "{path} is empty (0 bytes). Start a new, empty database in this file?\n\nChoose No if "
        "you expected your cases here: look for a recent copy in the backup folder {backups}, "
        "or among the earlier versions your sync tool (OneDrive, Dropbox) keeps."
    ).format(path=_location(target).display, backups=paths.backup_dir())


def ask_start_in_empty_file(question: str) -> bool:
    """Yes starts a new database in the empty file; No (the default) keeps it as it is."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("The database file is empty"), question)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def open_database_interactively(
    target: str | Location | None,
    ask: AskOther,
    confirm_empty: ConfirmEmpty = ask_start_in_empty_file,
    login: SignIn | None = None,
    unlock: Unlock | None = None,
) -> Database | None:
    """Open `target`; on failure ask for another until one opens or the user quits. An empty
    file becomes a new database only when the user says so (`confirm_empty`); a server that
    refuses the login asks `login` for another login and password, as often as it refuses; an
    encrypted file asks `unlock` for its passphrase (three tries), and a new file for a new one
    (unless the settings say new databases are not encrypted).

    A database that fails to open is never changed (the store guarantees it).
    """
    while True:
        try:
            return _open(target, confirm_empty)
        except (LoginRefused, NeedsPassphrase, NeedsEncryptionChoice) as exc:
            at = _location(target)
            retry = _ask_again(exc, at, login, unlock)
            if retry is not None:
                target = retry
                continue
            gave_up = (
                isinstance(exc, NeedsPassphrase) and unlock is not None and unlock.exhausted(at)
            )
            message = _gave_up(at) if gave_up else str(exc)
        except DatabaseOpenError as exc:
            message = str(exc)
        except ValueError:
            message = _("{target} cannot be used as a database.").format(target=target)
        target = ask(message)
        if target is None:
            return None


def _ask_again(
    refused: DatabaseOpenError, at: Location, login: SignIn | None, unlock: Unlock | None
) -> Location | None:
    """Where to try again after a refusal the user can answer (a login, a passphrase, a new
    passphrase), as they answered it; None when they gave up or nobody can be asked."""
    if isinstance(refused, LoginRefused):
        return login.retry(at, refused) if login is not None else None
    if unlock is None:
        return None
    if isinstance(refused, NeedsPassphrase):
        return unlock.passphrase(at, refused)
    return unlock.new_passphrase(at)


def _location(target: str | Location | None) -> Location:
    from jeugdtool.store.location import Location
    from jeugdtool.store.location import resolve

    return target if isinstance(target, Location) else resolve(target)


def _open(target: str | Location | None, confirm_empty: ConfirmEmpty) -> Database:
    """Open `target`; an empty file only after `confirm_empty` said yes (else its error).

    Only the tables the case list reads are imported before it is painted; the window loads
    the rest just after (MainWindow.attach: `prepare_every_model`), and what needs them all
    loads them itself first (store/base.py: `load_every_model`)."""
    from jeugdtool.store import cipher
    from jeugdtool.store.engine import open_database

    # A new file is encrypted unless the user chose otherwise in the settings (or by
    # JEUGDTOOL_NO_ENCRYPTION=1): then `unlock` is asked for its passphrase.
    plain = cipher.plain_chosen(False, settings_file.load().encrypt_new_databases)
    try:
        return open_database(target, allow_plain_new=plain)
    except EmptyDatabaseFile:
        if not confirm_empty(empty_file_question(target)):
            raise
    return open_database(target, replace_empty=True, allow_plain_new=plain)


def _gave_up(location: Location) -> str:
    from jeugdtool.ui.encryption import gave_up_message

    return gave_up_message(location)


def establish_user(database: Database, choose: ChooseUser) -> ConsultantDTO | None:
    """The consultant remembered for this database, or asked for (and then remembered)."""
    from jeugdtool.cases import consultants
    from jeugdtool.store.uow import UnitOfWork

    from jeugdtool.ui.first_run import READER_ID

    key = database.location.key
    remembered = settings_file.load().user_for(key)
    user = None
    if remembered is not None:
        user = consultants.get_consultant(UnitOfWork(database, ""), remembered)
    if user is None:
        user = choose(database)
        if user is None:
            return None
        if user.id != READER_ID:  # a reader of a read-only database is not stored: ask again
            settings_file.save(settings_file.load().with_user(key, user.id))
    return user


#: Who is working: as a consultant (the name stamped on changes), and with roles and teams.
SignedIn = tuple[ConsultantDTO, "StaffMember"]


def establish_staff(database: Database, choose: ChooseUser) -> SignedIn | None:
    """Who is working. A team database: the person of the connection's login (NotAUser when
    the login is none, or is the owner's, which is for administration only), on a server with
    this version's access rules (else SchemaNotReady). A file: the consultant remembered or
    chosen (`establish_user`), who may do everything; None: quit."""
    from jeugdtool.cases import staff

    if not database.location.is_sqlite:
        from jeugdtool import team_admin

        person = team_admin.sign_in(database)
        assert person is not None  # not asked for administration: the owner raised NotAUser
        return person.as_consultant(), person
    user = establish_user(database, choose)
    return (user, staff.single_user(user)) if user is not None else None


def open_and_sign_in(
    target: str | Location | None,
    ask: AskOther,
    choose: ChooseUser,
    confirm_empty: ConfirmEmpty = ask_start_in_empty_file,
    login: SignIn | None = None,
    unlock: Unlock | None = None,
) -> tuple[Database, SignedIn] | None:
    """Open a database and establish who is working, asking again (`ask`) while either fails:
    a login that is no user of a team database is refused like a database that cannot be
    opened. None: the user quit."""
    while True:
        database = open_database_interactively(target, ask, confirm_empty, login, unlock)
        if database is None:
            return None
        try:
            who = establish_staff(database, choose)
        except JeugdtoolError as exc:  # NotAUser, or the connection failed meanwhile
            database.close()
            target = ask(str(exc))
            if target is None:
                return None
            continue
        if who is None:
            database.close()
            return None
        if login is not None:
            login.opened(database.location)
        if unlock is not None:
            unlock.opened(database.location)
        return database, who


def start_target(db_target: str | None, stored: Settings) -> str | None:
    """What to open at start-up (see Settings.database_target)."""
    return stored.database_target(db_target)


def remember_database(database: Database) -> None:
    """Start from this database next time, and list it first under File > Recent databases
    (SQLite files only; see Settings.last_database)."""
    location = database.location
    # The location only (a server URL's display hides its password); never who or what.
    log.info("opened the database %s (read-only: %s)", location.display, database.read_only)
    if location.path is not None:
        path = str(location.path)
        stored = settings_file.load()
        settings_file.save(stored.with_last_database(path).with_recent_database(path))


def build_context(
    database: Database,
    user: ConsultantDTO,
    dialogs: DialogService,
    undo_stack: QUndoStack | None = None,
    staff: StaffMember | None = None,
) -> AppContext:
    """The window's context for `user` (`staff`: with their roles and teams; by default the
    consultant of a single-user database)."""
    from jeugdtool.cases.staff import single_user
    from jeugdtool.store.uow import UnitOfWork

    person = staff or single_user(user)
    return AppContext(
        database=database,
        # 0 is the reader of a read-only file: nobody to name in the access log.
        uow=UnitOfWork(database, user.name, person_id=user.id or None),
        user=user,
        staff=person,
        settings=settings_file.load(),
        signals=AppSignals(),
        undo_stack=undo_stack or QUndoStack(),
        dialogs=dialogs,
    )


class _FirstPaint(QObject):
    """Calls `then` once, right after the watched widget has painted for the first time."""

    def __init__(self, widget: MainWindow, then: Callable[[], None]):
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)  # after this paint has reached the screen
        return False


class Launcher(QObject):
    """Opens a database with its main window, and swaps to another database on request."""

    #: The start-up ended without a window to work in (the user quit a start-up dialog).
    gave_up = Signal()

    def __init__(
        self,
        *,
        ask: AskOther | None = None,
        choose: ChooseUser | None = None,
        make_dialogs: Callable[[], DialogService] = DialogService,
        confirm_empty: ConfirmEmpty = ask_start_in_empty_file,
        make_sign_in: Callable[[MainWindow | None], SignIn] = _team_sign_in,
        make_unlock: Callable[[MainWindow | None], Unlock] = _unlock,
    ):
        super().__init__()
        self.ask = ask or ask_other_database
        self.choose: ChooseUser = choose or _choose_user
        self.confirm_empty = confirm_empty
        self.make_dialogs = make_dialogs
        #: A new one for each database being opened (it remembers what it tried), over the
        #: window the database is for.
        self.make_sign_in = make_sign_in
        self.make_unlock = make_unlock
        self.window: MainWindow | None = None

    def start(self, target: str | None) -> MainWindow | None:
        """Open `target` (asking again while it fails) and show its window; None: user quit."""
        window = MainWindow()
        if self._attach(window, target):
            window.show()
            return window
        window.deleteLater()
        return None

    def start_shown(self, target: str | None) -> MainWindow:
        """Show the window at once and attach the database after its first paint.

        What the user sees first is the real window with its menus ("Opening the database…");
        a failure to open asks the same questions as `start`, over that window.
        """
        window = MainWindow()
        window.show()

        def attach() -> None:
            if not self._attach(window, target):
                window.close()
                window.deleteLater()
                self.gave_up.emit()

        _FirstPaint(window, attach)
        return window

    def _attach(self, window: MainWindow, target: str | None) -> bool:
        opened = open_and_sign_in(
            target,
            self.ask,
            self.choose,
            self.confirm_empty,
            self.make_sign_in(window),
            self.make_unlock(window),
        )
        if opened is None:
            return False
        database, (user, person) = opened
        dialogs = self.make_dialogs()
        dialogs.parent = window
        window.attach(build_context(database, user, dialogs, window.undo_stack, person))
        window.open_database_requested.connect(self.switch)
        self.window = window
        remember_database(database)
        # Checked once the window is in use, so jsonschema does not slow the start itself.
        QTimer.singleShot(CONTENT_CHECK_DELAY_MS, lambda: check_content(dialogs))
        return True

    def switch(self, target: str) -> None:
        """Open another database; if it cannot be opened the current one stays."""
        old = self.window
        assert old is not None

        def refused(message: str) -> None:  # say why, and stay with the current database
            old.ctx.dialogs.error(message, _("The database cannot be opened"))

        opened = open_and_sign_in(
            target,
            refused,
            self.choose,
            old.ctx.dialogs.confirm,
            self.make_sign_in(old),
            self.make_unlock(old),
        )
        if opened is None:
            return
        database, (user, person) = opened
        window = MainWindow()
        dialogs = self.make_dialogs()
        dialogs.parent = window
        window.attach(build_context(database, user, dialogs, window.undo_stack, person))
        window.open_database_requested.connect(self.switch)
        window.show()
        self.window = window
        remember_database(database)
        old.close()
        old.ctx.database.close()
        old.deleteLater()


#: How long after start-up the shipped content is checked (the window is usable by then).
CONTENT_CHECK_DELAY_MS = 1500


def check_content(dialogs: DialogService) -> None:
    """Check the shipped content that is only read later (the ZRM matrices, the retention rule,
    the manual, the case file schema's messages) now, so a damaged installation says so at
    start-up instead of halfway through an assessment, on a closed case or in an import.
    """
    problem = content_problem()
    if problem is not None:
        dialogs.error(problem, _("jeugdtool is not installed correctly"))


def content_problem() -> str | None:
    """What is wrong with the shipped content (`check_content`), or None."""
    from jeugdtool import manual
    from jeugdtool.cases.retention import RetentionRuleError
    from jeugdtool.cases.retention import load_rule
    from jeugdtool.dossier.meldcode_text import MeldcodeTextError
    from jeugdtool.dossier.meldcode_text import check_meldcode_text
    from jeugdtool.export.schema_messages import CaseSchemaError
    from jeugdtool.export.schema_messages import check_case_schema
    from jeugdtool.framework import special_rules
    from jeugdtool.framework import wording
    from jeugdtool.outcomes.products import ProductListError
    from jeugdtool.outcomes.products import shipped_lists
    from jeugdtool.zrm.definitions import ZrmDefinitionError
    from jeugdtool.zrm.definitions import builtin_matrices

    try:
        builtin_matrices()
        shipped_lists()  # the kinds of help every help item names
        load_rule()  # the retention rule every closed case shows
        manual.load()  # F1 and the Help menu: every page in both languages, every link
        check_case_schema()  # every pattern of the case file names its message
        check_meldcode_text()  # the meldcode's steps and the afwegingskader's questions
        wording.load()  # the words a wellbeing case uses on every screen and in every PDF
        special_rules.load()  # the words that suggest health, addiction or justice data
    except (
        ZrmDefinitionError,
        ProductListError,
        RetentionRuleError,
        manual.ManualError,
        CaseSchemaError,
        MeldcodeTextError,
        wording.WordingError,
        special_rules.SpecialWordsError,
    ) as exc:
        return str(exc)
    return None


def _choose_user(database: Database) -> ConsultantDTO | None:
    from jeugdtool.ui.first_run import choose_user

    return choose_user(database)


def install_excepthook() -> None:
    """A bug in a slot becomes a message (and a log entry) instead of silence or a crash."""

    def show(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        # The kinds and places only: an exception's text can quote SQL or a person's data.
        error.__traceback__ = tb
        log.error(
            "unexpected error: %s\n%s", unexpected_summary(error), unexpected_traceback(error)
        )
        QMessageBox.critical(
            QApplication.activeWindow(), _("Something went wrong"), unexpected_message(error)
        )

    sys.excepthook = show


class LazyF1(QObject):
    """F1 everywhere in the program as `help_window.F1Filter` answers it, with the manual's
    window and modules (licences, the manual's pages: ~0.1 s) imported at the first F1 rather
    than at start-up, before the window: this filter sees every event of the program."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._filter: QObject | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:  # cheap first
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != Qt.Key.Key_F1:
            return False
        if self._filter is None:
            from jeugdtool.ui.help_window import F1Filter

            self._filter = F1Filter(self)
        return self._filter.eventFilter(watched, event)


def install_f1(app: QApplication) -> LazyF1:
    """Let F1 open the manual everywhere in `app` (`help_window.install_f1`, its import put
    off until F1 is pressed); keep the returned filter alive."""
    shortcut_filter = LazyF1(app)
    app.installEventFilter(shortcut_filter)
    return shortcut_filter


#: `jeugdtool --smoke-test`: how long the window may take to show its database.
SMOKE_TEST_TIMEOUT_MS = 60_000


def smoke_test(app: QApplication, launcher: Launcher) -> None:
    """Quit with 0 as soon as the window shows its database and the shipped content checks
    out (`content_problem`), with 1 otherwise or after the timeout.

    For checking an installation or a bundle without anyone at the screen (tests/bundle/,
    docs/packaging.md): it says on stdout what it saw. Its words are for the tester, like the
    log's, so not translated.
    """
    # Both timers belong to `app`: they end with it, and never fire into a later run.
    started, deadline = QTimer(app), QTimer(app)

    def check() -> None:
        window = launcher.window
        if window is None or not window.isVisible():
            return
        started.stop()
        deadline.stop()
        QApplication.processEvents()  # let the case list and the status bar paint once
        problem = content_problem()
        total = window.list_page.model.total
        print(f"smoke test: {window.windowTitle()}: {total} cases", flush=True)
        if problem is not None:
            print(f"smoke test: the shipped content is damaged: {problem}", flush=True)
        app.exit(0 if problem is None else 1)

    def too_late() -> None:
        started.stop()
        modal = QApplication.activeModalWidget()  # e.g. a question nobody answered
        waiting = f" (waiting in {modal.windowTitle()!r})" if modal is not None else ""
        print(f"smoke test: no database in the window after {SMOKE_TEST_TIMEOUT_MS} ms{waiting}")
        app.exit(1)  # also ends the dialog's own event loop

    started.timeout.connect(check)
    started.start(100)
    deadline.setSingleShot(True)
    deadline.timeout.connect(too_late)
    deadline.start(SMOKE_TEST_TIMEOUT_MS)


def run_gui(db_target: str | None, language: str | None = None, *, smoke: bool = False) -> int:
    """Start the program; the exit code for the shell (`smoke`: see `smoke_test`)."""
    app = make_application()
    logs.setup()  # as a rule cli.main did already; also when the window starts otherwise
    stored: Settings = settings_file.load()
    install_language(app, language or stored.language)
    install_excepthook()
    # Before any window (and so before the auto-lock's filter, which then sees keys first).
    f1 = install_f1(app)
    launcher = Launcher()
    failed: list[bool] = []
    launcher.gave_up.connect(lambda: (failed.append(True), app.quit()))
    launcher.start_shown(start_target(db_target, stored))
    if smoke:
        smoke_test(app, launcher)
    code = app.exec()
    app.removeEventFilter(f1)
    # Windows closed on the way out are deleted now, not whenever Python collects them.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return 1 if failed else code
