"""Shared UI fixtures: an AppContext on a temporary database, with a dialog service tests answer."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtGui import QUndoStack


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt's application is the program's own (`ui/application.Application`), which
    hears its palette changes without watching every event."""
    from jeugdtool.ui.application import Application

    return Application


class FakeDialogs:
    """Records messages and answers questions from `answers`, oldest first.

    Put the expected answers in order (`fake_dialogs.answers.append(True)`): `confirm` takes a
    bool, `ask_text` a str or None (cancel), `open_file` / `save_file` a path or None. A question
    with no answer waiting fails the test, so an unexpected prompt never goes unnoticed.
    """

    def __init__(self) -> None:
        self.parent = None
        #: Messages shown with `error`, in order.
        self.errors: list[str] = []
        #: Messages shown with `info`, in order.
        self.infos: list[str] = []
        #: Every question asked (confirm / ask_text / open_file / save_file): (kind, text).
        self.questions: list[tuple[str, str]] = []
        #: Answers handed out to the questions, oldest first.
        self.answers: deque[Any] = deque()
        #: Messages shown with `written` (after an export), in order.
        self.exported: list[str] = []
        #: What `written` offered to open: (path, folder_only), in order.
        self.offers: list[tuple[Path, bool]] = []

    def error(self, message: str, title: str | None = None) -> None:
        self.errors.append(message)

    def info(self, message: str, title: str | None = None) -> None:
        self.infos.append(message)

    def _answer(self, kind: str, text: str) -> Any:
        self.questions.append((kind, text))
        if not self.answers:
            raise AssertionError(f"unexpected {kind} dialog: {text!r}")
        return self.answers.popleft()

    def confirm(self, message: str, title: str | None = None) -> bool:
        return bool(self._answer("confirm", message))

    def ask_text(self, label: str, title: str, text: str = "") -> str | None:
        return self._answer("ask_text", label)

    def open_file(self, title: str, filters: str, kind: str = "file") -> str | None:
        return self._answer("open_file", title)

    def save_file(self, title: str, suggested: str, filters: str, kind: str = "file") -> str | None:
        return self._answer("save_file", title)

    def choose_folder(self, title: str, kind: str = "file") -> str | None:
        return self._answer("choose_folder", title)

    def written(
        self, path: str | Path, message: str, title: str, folder_only: bool = False
    ) -> None:
        """The message goes into `exported`, what was offered to open into `offers`."""
        self.exported.append(message)
        self.offers.append((Path(path), folder_only))


@pytest.fixture
def fake_dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def ctx(db, uow, qtbot, fake_dialogs: FakeDialogs):
    """An AppContext signed in as "A. de Boer" (the author of `uow`), dialogs answered by tests;
    in a database with the demo (`demo_households`) that is the demo's case manager."""
    from jeugdtool.cases import consultants
    from jeugdtool.settings import Settings

    from jeugdtool.ui.context import AppContext
    from jeugdtool.ui.signals import AppSignals

    user = consultants.ensure_consultant(uow, "A. de Boer").value
    return AppContext(
        database=db,
        uow=uow,
        user=user,
        settings=Settings(),
        signals=AppSignals(),
        undo_stack=QUndoStack(),
        dialogs=fake_dialogs,  # type: ignore[arg-type]
    )


@pytest.fixture(autouse=True)
def no_system_keyring():
    """The computer's own keyring stays out of every window test (it could even ask to be
    unlocked); `memory_keyring` gives a test one of its own."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        yield
        return
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring():
    """An in-memory keyring backend for the test (skipped when `keyring` is not installed)."""
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.saved: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.saved.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.saved[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self.saved.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def started_window(tmp_path, qtbot, fake_dialogs, request):
    """The main window as the program starts it (the Launcher), on a database file with nothing
    in it yet — or the demo households, when the test asks for `demo_households` —, signed in
    as "A. de Boer"; the database is closed afterwards.

    The file is a copy of `sqlite_at_head` (or `sqlite_demo`): a new file would run every
    migration first (a second of CPU), and loading the demo takes two more. Opening a new file
    has tests of its own (test_main_window.py), and so has loading the demo (test_demo.py)."""
    import shutil

    from jeugdtool import app as jeugdtool_app

    from jeugdtool.ui.first_run import sign_in

    if "demo_households" in request.fixturenames:
        request.getfixturevalue("demo_households")  # `db` starts as a copy of the demo...
        path = request.getfixturevalue("db_path")  # ...and the window opens that same file
    else:
        path = tmp_path / "cases.sqlite"
        if not path.exists():  # else made by `db` (the test's ctx or uow): the same file
            shutil.copyfile(request.getfixturevalue("sqlite_at_head"), path)

    launcher = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(f"unexpected open error: {message}"),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
    )
    found = launcher.start(str(path))
    assert found is not None
    qtbot.addWidget(found)
    found._launcher = launcher
    qtbot.waitExposed(found)
    yield found
    found.ctx.database.close()


@pytest.fixture(params=["nl", "en"])
def language(request):
    """Each test that asks for it runs in Dutch and in English (Dutch again afterwards)."""
    from jeugdtool import i18n

    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("nl")


@pytest.fixture
def demo_main_window(ctx, demo_households, qtbot):
    """The main window on the demo data, shown at 1366×768 (ask for `language` first to build it
    in that language)."""
    from jeugdtool.ui.main_window import MainWindow

    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture(autouse=True)
def _no_auto_lock_outlives_its_test():
    """A main window a test leaves behind keeps its auto-lock (ui/lock.py), which watches every
    input of the application: after the organisation's idle minutes — a stretch of tests without
    keyboard or mouse — it would lock and swallow the typing of a later test in the same process.
    The program has one lock for its one main window; a test's lock ends with the test."""
    yield
    from shiboken6 import isValid

    from jeugdtool.ui import lock

    current = lock._current() if lock._current is not None else None
    if current is not None and isValid(current):
        current.uninstall()
    lock._current = None


@pytest.fixture
def workspace(ctx, case, qtbot):
    """The case's workspace, shown at 1366×768 and exposed (a test that must act before it is
    built or shown makes its own)."""
    from jeugdtool.ui.workspace import CaseWorkspace

    shown = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    return shown
