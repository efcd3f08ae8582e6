"""File > Recent databases: the files opened lately, newest first; choosing one switches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from PySide6.QtWidgets import QMenu

from jeugdtool import app as jeugdtool_app
from jeugdtool import settings as settings_file
from jeugdtool.i18n import _
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import resolve

from jeugdtool.ui.first_run import sign_in
from jeugdtool.ui.main_window import MainWindow


def _database(path: Path) -> Path:
    open_database(path).close()
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {name: _database(tmp_path / f"{name}.sqlite") for name in ("a", "b", "c")}


@pytest.fixture
def launcher(fake_dialogs) -> Iterator[jeugdtool_app.Launcher]:
    started = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(f"unexpected open error: {message}"),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
    )
    yield started
    if started.window is not None:
        started.window.ctx.database.close()


def _start(launcher: jeugdtool_app.Launcher, qtbot, path: Path) -> MainWindow:
    window = launcher.start(str(path))
    assert window is not None
    qtbot.addWidget(window)
    return window


def _entries(window: MainWindow) -> list[tuple[str, bool]]:
    menu = window.recent_menu
    menu.refill()  # what opening the submenu does (aboutToShow)
    return [(a.text(), a.isEnabled()) for a in menu.actions() if not a.isSeparator()]


def test_the_submenu_sits_under_file_after_open_another(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    actions = file_menu.actions()
    index = actions.index(window.open_db_action)
    assert actions[index + 1] is window.recent_menu.menuAction()
    assert window.recent_menu.title() == _("&Recent databases")
    assert not window.recent_menu.menuAction().isEnabled()  # no database yet: nothing to switch


def test_files_opened_are_listed_newest_first_without_the_open_one_or_gone_ones(
    launcher, qtbot, files
) -> None:
    gone = files["c"]
    for name in ("c", "a", "b"):
        settings_file.save(settings_file.load().with_recent_database(str(files[name])))
    gone.unlink()
    window = _start(launcher, qtbot, files["a"])
    stored = settings_file.load()
    assert stored.recent_databases == (str(files["a"]), str(files["b"]), str(gone))
    entries = _entries(window)
    assert entries == [(f"&1  {files['b']}", True), (_("&Clear list"), True)]
    assert window.recent_menu.actions()[0].toolTip() == str(files["b"])


def test_choosing_one_opens_it_like_open_another_database(launcher, qtbot, files) -> None:
    first = _start(launcher, qtbot, files["a"])
    settings_file.save(settings_file.load().with_recent_database(str(files["b"])))
    assert _entries(first)[0] == (f"&1  {files['b']}", True)  # a is open: not offered
    with qtbot.waitSignal(first.open_database_requested) as asked:
        first.recent_menu.actions()[0].trigger()
    assert asked.args == [str(files["b"])]
    switched = launcher.window
    assert switched is not None and switched is not first
    qtbot.addWidget(switched)
    assert switched.ctx.database.location.path == files["b"]
    assert settings_file.load().recent_databases[:2] == (str(files["b"]), str(files["a"]))
    assert _entries(switched)[0] == (f"&1  {files['a']}", True)


def test_clear_list_forgets_them_and_says_so(launcher, qtbot, files) -> None:
    settings_file.save(settings_file.load().with_recent_database(str(files["b"])))
    window = _start(launcher, qtbot, files["a"])
    _entries(window)
    clear = next(a for a in window.recent_menu.actions() if a.text() == _("&Clear list"))
    clear.trigger()
    assert settings_file.load().recent_databases == ()
    assert settings_file.load().last_database == str(files["a"])  # start-up still opens it
    assert _entries(window) == [
        (_("No other databases opened lately"), False),
        (_("&Clear list"), False),
    ]


def test_a_server_is_never_listed(tmp_path: Path) -> None:
    server = resolve("postgresql+psycopg://anna:secret@db.team.example/jeugdtool")
    jeugdtool_app.remember_database(SimpleNamespace(location=server, read_only=False))  # type: ignore[arg-type]
    stored = settings_file.load()
    assert stored.recent_databases == () and stored.last_database is None
