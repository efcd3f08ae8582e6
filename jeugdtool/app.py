"""Composition root: settings -> language -> database -> signed-in user -> context -> main window.

Start-up stays light: alembic only runs when a schema must change, and the exports (reportlab,
jinja2, jsonschema) load when a menu item first needs them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from jeugdtool import i18n, paths
from jeugdtool import settings as settings_file
from jeugdtool.cases import consultants
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.errors import DatabaseOpenError
from jeugdtool.i18n import _
from jeugdtool.settings import Settings
from jeugdtool.store.engine import Database, open_database
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.first_run import choose_user
from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.signals import AppSignals

log = logging.getLogger(__name__)

#: Asks which database to try after `message` (why the last one failed); None: quit.
AskOther = Callable[[str], str | None]
#: Asks who is working on a database; None: quit.
ChooseUser = Callable[[Database], ConsultantDTO | None]


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("jeugdtool")
    app.setOrganizationName("jeugdtool")
    QGuiApplication.setDesktopFileName("jeugdtool")
    return app


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
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Open"))
        if dialog.exec() and dialog.selectedFiles():
            return dialog.selectedFiles()[0]


def open_database_interactively(target: str | None, ask: AskOther) -> Database | None:
    """Open `target`; on failure ask for another until one opens or the user quits.

    A database that fails to open is never changed (the store guarantees it).
    """
    while True:
        try:
            return open_database(target)
        except DatabaseOpenError as exc:
            message = str(exc)
        except ValueError:
            message = _("{target} cannot be used as a database.").format(target=target)
        target = ask(message)
        if target is None:
            return None


def establish_user(database: Database, choose: ChooseUser) -> ConsultantDTO | None:
    """The consultant remembered for this database, or asked for (and then remembered)."""
    key = database.location.key
    remembered = settings_file.load().user_for(key)
    user = None
    if remembered is not None:
        user = consultants.get_consultant(UnitOfWork(database, ""), remembered)
    if user is None:
        user = choose(database)
        if user is None:
            return None
        settings_file.save(settings_file.load().with_user(key, user.id))
    return user


def build_context(database: Database, user: ConsultantDTO, dialogs: DialogService) -> AppContext:
    return AppContext(
        database=database,
        uow=UnitOfWork(database, user.name),
        user=user,
        settings=settings_file.load(),
        signals=AppSignals(),
        undo_stack=QUndoStack(),
        dialogs=dialogs,
    )


class Launcher(QObject):
    """Opens a database with its main window, and swaps to another database on request."""

    def __init__(
        self,
        *,
        ask: AskOther | None = None,
        choose: ChooseUser | None = None,
        make_dialogs: Callable[[], DialogService] = DialogService,
    ):
        super().__init__()
        self.ask = ask or ask_other_database
        self.choose = choose or choose_user
        self.make_dialogs = make_dialogs
        self.window: MainWindow | None = None

    def start(self, target: str | None) -> MainWindow | None:
        """Open `target` (asking again while it fails) and show its window; None: user quit."""
        database = open_database_interactively(target, self.ask)
        return self._show(database) if database is not None else None

    def _show(self, database: Database) -> MainWindow | None:
        user = establish_user(database, self.choose)
        if user is None:
            database.close()
            return None
        dialogs = self.make_dialogs()
        window = MainWindow(build_context(database, user, dialogs))
        dialogs.parent = window
        window.open_database_requested.connect(self.switch)
        window.show()
        self.window = window
        return window

    def switch(self, target: str) -> None:
        """Open another database; if it cannot be opened the current one stays."""
        old = self.window
        assert old is not None
        try:
            database = open_database(target)
        except DatabaseOpenError as exc:
            old.ctx.dialogs.error(str(exc), _("The database cannot be opened"))
            return
        if self._show(database) is None:
            self.window = old
            return
        old.close()
        old.ctx.database.close()
        old.deleteLater()


def install_excepthook() -> None:
    """A bug in a slot becomes a message (and a log entry) instead of silence or a crash."""

    def show(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, tb))
        QMessageBox.critical(
            QApplication.activeWindow(),
            _("Something went wrong"),
            _(
                "Something unexpected went wrong: {error}\n\nEverything you saved before is "
                "safe. If this keeps happening, please tell your administrator."
            ).format(error=error),
        )

    sys.excepthook = show


def run_gui(db_target: str | None, language: str | None = None) -> int:
    """Start the program; the exit code for the shell."""
    app = make_application()
    stored: Settings = settings_file.load()
    install_language(app, language or stored.language)
    install_excepthook()
    launcher = Launcher()
    if launcher.start(db_target) is None:
        return 1
    return app.exec()
