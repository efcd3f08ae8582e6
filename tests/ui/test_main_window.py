"""The main window as a consultant uses it: start, create, find, reopen, undo."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from jeugdtool import app as jeugdtool_app
from jeugdtool import settings as settings_file
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui import ops
from jeugdtool.ui.first_run import FirstRunDialog
from jeugdtool.ui.first_run import sign_in
from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.new_case import NewCaseDialog

Launch = Callable[..., MainWindow]


@pytest.fixture
def launch(qtbot, fake_dialogs) -> Iterator[Launch]:
    """Start the app's window on a database file, as `jeugdtool --db FILE` does."""
    launched: list[MainWindow] = []

    def start(path: Path, choose=lambda db: sign_in(db, "A. de Boer")) -> MainWindow:
        launcher = jeugdtool_app.Launcher(
            ask=lambda message: pytest.fail(f"unexpected open error: {message}"),
            choose=choose,
            make_dialogs=lambda: fake_dialogs,
        )
        window = launcher.start(str(path))
        assert window is not None
        qtbot.addWidget(window)
        window._launcher = launcher  # kept alive as long as the window
        qtbot.waitExposed(window)
        launched.append(window)
        return window

    yield start
    for window in launched:
        window.ctx.database.close()


def when_modal(qtbot, action: Callable[[QDialog], None]) -> None:
    """Run `action` on the next modal dialog, once it is open."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type like a user; QTest only types ASCII, so other letters go as plain key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def add_member(qtbot, table: QWidget, values: dict[str, str | int]) -> None:
    """Ins on a member table, fill the dialog (a number: Down presses in a combo), Enter."""
    table.setFocus()
    press(qtbot, table, Qt.Key.Key_Insert)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None, "Ins opened no dialog"
    dialog.activateWindow()  # a window manager does this; offscreen Qt does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    for name, value in values.items():
        field = dialog.fields[name]
        field.setFocus()
        if isinstance(value, int):
            for _step in range(value):
                qtbot.keyClick(field, Qt.Key.Key_Down)
        else:
            type_text(qtbot, field, value)
    qtbot.keyClick(
        dialog.fields["first_name" if "first_name" in values else "name"], Qt.Key.Key_Return
    )
    assert not dialog.isVisible(), [e.text() for e in dialog.errors.values()]


def press(qtbot, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the user makes it: in the active window (where shortcuts work)."""
    top = widget.window()
    top.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is top)
    qtbot.keyClick(widget, key, modifier)


def test_user_journey_create_reopen_find_undo(launch, tmp_path, qtbot, fake_dialogs):
    path = tmp_path / "journey.sqlite"
    window = launch(path)
    assert window.home.currentWidget() is window.welcome

    # Ctrl+N, a first try without a name is refused next to the field, then typed in full.
    def fill(dialog: NewCaseDialog) -> None:
        assert isinstance(dialog, NewCaseDialog)
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert dialog.errors["name"].isVisible()
        assert "Gezinsnaam" in dialog.errors["name"].text() or dialog.errors["name"].text()
        type_text(qtbot, dialog.name_edit, "Gezin Öztürk")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    when_modal(qtbot, fill)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    case_id = window.current_case_id()
    assert case_id is not None
    detail = queries.get_case(window.ctx.uow, case_id)
    assert detail.household.name == "Gezin Öztürk"
    assert detail.household.case_manager_name == "A. de Boer"
    assert "Gezin Öztürk" in window.windowTitle()

    # Two household members and a network member, through the case's overview by keyboard.
    overview = window.workspaces[case_id].overview
    add_member(
        qtbot, overview.persons.table, {"first_name": "Ayşe", "last_name": "Öztürk", "role": 1}
    )  # Down once: Ouder
    add_member(
        qtbot,
        overview.persons.table,
        {"first_name": "Emre", "last_name": "Öztürk", "birth_date": "14-05-2016"},
    )
    add_member(
        qtbot,
        overview.network.table,
        {"name": "Ria Jansen", "relation": "buurvrouw", "kind": 2, "phone": "06-12345678"},
    )
    detail = queries.get_case(window.ctx.uow, case_id)
    assert [(p.full_name, p.role.value) for p in detail.persons] == [
        ("Ayşe Öztürk", "parent"),
        ("Emre Öztürk", "child"),
    ]
    assert detail.persons[1].birth_date == dt.date(2016, 5, 14)
    assert [(n.name, n.kind.value) for n in detail.network] == [("Ria Jansen", "neighbour")]
    window.resize(720, 520)  # within the offscreen screen (800 × 600)
    saved_size = window.size()
    window.close()
    window.ctx.database.close()

    # A second start on the same file: no question who we are, the case is open again.
    second = launch(path, choose=lambda db: pytest.fail("asked for the user again"))
    assert second.size() == saved_size
    assert second.current_case_id() == case_id
    press(qtbot, second, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert second.tabs.currentIndex() == 0

    press(qtbot, second, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert second.list_page.filter_edit.hasFocus()
    qtbot.keyClicks(second.list_page.filter_edit, "ayse ozt")
    assert second.list_page.model.rowCount() == 1
    qtbot.keyClick(second.list_page.filter_edit, Qt.Key.Key_Return)
    assert second.current_case_id() == case_id
    assert second.tabs.currentIndex() > 0

    # An edit of the household name, then Ctrl+Z takes it back.
    name_edit = second.workspaces[case_id].overview.form.edits["name"]
    name_edit.setFocus()
    qtbot.keyClick(name_edit, Qt.Key.Key_End)
    qtbot.keyClicks(name_edit, " en Jansen")
    qtbot.keyClick(name_edit, Qt.Key.Key_Tab)
    assert queries.get_case(second.ctx.uow, case_id).household.name == "Gezin Öztürk en Jansen"
    assert "Gezin Öztürk en Jansen" in second.windowTitle()
    press(qtbot, QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert queries.get_case(second.ctx.uow, case_id).household.name == "Gezin Öztürk"
    assert second.redo_action.isEnabled()
    press(qtbot, second, Qt.Key.Key_Escape)  # back to the list, which shows the name again
    assert second.tabs.currentIndex() == 0
    assert second.list_page.model.summary(case_id).name == "Gezin Öztürk"
    assert fake_dialogs.errors == []


def test_undoing_a_new_case_removes_it_and_its_tab(launch, tmp_path, qtbot, fake_dialogs):
    window = launch(tmp_path / "undo.sqlite")

    def fill(dialog: NewCaseDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Gezin Bakker")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    when_modal(qtbot, fill)
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    case_id = window.current_case_id()
    assert case_id in window.workspaces
    workspace = window.workspaces[case_id]
    workspace.nav.setFocus()
    press(qtbot, workspace.nav, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: case_id not in window.workspaces)
    assert window.tabs.currentIndex() == 0
    assert window.home.currentWidget() is window.welcome
    assert window.demo_action.isEnabled()
    press(
        qtbot,
        window.welcome.new_button,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [c.id for c in queries.list_case_summaries(window.ctx.uow)] == [case_id]
    assert fake_dialogs.errors == []


def test_empty_database_welcomes_and_loads_demo(launch, tmp_path, qtbot, fake_dialogs):
    window = launch(tmp_path / "empty.sqlite")
    assert window.home.currentWidget() is window.welcome
    assert window.demo_action.isEnabled()
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.list_page.model.total > 0, timeout=10_000)
    ops.writer_pool().waitForDone()
    assert window.home.currentWidget() is window.list_page
    assert not window.demo_action.isEnabled()
    assert fake_dialogs.errors == []


def test_window_title_names_the_database(launch, tmp_path):
    path = tmp_path / "team.sqlite"
    window = launch(path)
    assert window.windowTitle() == f"jeugdtool — {path}"


def test_the_database_opened_last_is_opened_next_time(launch, tmp_path, monkeypatch):
    """ "Open another database…" lasts: without --db the next start opens the file used last."""
    first, second = tmp_path / "eerste.sqlite", tmp_path / "tweede.sqlite"
    launch(first)
    assert jeugdtool_app.start_target(None, settings_file.load()) == str(first)
    launch(second)
    assert jeugdtool_app.start_target(None, settings_file.load()) == str(second)
    assert jeugdtool_app.start_target(str(first), settings_file.load()) == str(first)  # --db wins
    monkeypatch.setenv("JEUGDTOOL_DB", str(first))
    assert jeugdtool_app.start_target(None, settings_file.load()) is None  # the env var decides
    monkeypatch.delenv("JEUGDTOOL_DB")
    second.unlink()  # moved away: start from the default, never recreate it empty
    assert jeugdtool_app.start_target(None, settings_file.load()) is None


def test_first_start_asks_who_works_and_remembers_it(launch, tmp_path, qtbot):
    def answer(dialog: FirstRunDialog) -> None:
        assert isinstance(dialog, FirstRunDialog)
        qtbot.keyClicks(dialog.picker.lineEdit(), "M. Visser")
        qtbot.keyClick(dialog.picker.lineEdit(), Qt.Key.Key_Return)

    path = tmp_path / "first.sqlite"
    when_modal(qtbot, answer)
    window = launch(path, choose=None)
    assert window.ctx.user.name == "M. Visser"
    assert window.ctx.uow.author == "M. Visser"
    assert "M. Visser" in window.user_label.text()
    key = window.ctx.database.location.key
    assert settings_file.load().user_for(key) == window.ctx.user.id


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # A .docx (a ZIP): no database at all.
        (b"PK\x03\x04" + os.urandom(4092), "geen jeugdtool-database"),
        # Random whole pages look like an encrypted database: the passphrase is asked for
        # (here: cancelled), and the message says it may be no jeugdtool database at all.
        (os.urandom(4096), "of het is geen jeugdtool-database"),
    ],
)
def test_unopenable_file_gives_a_dutch_message_and_stays_untouched(tmp_path, content, expected):
    """`jeugdtool --db FILE` on a file that is not a database: one clear Dutch message, the
    user quits, the file is byte-identical and no -wal/-shm file appears.

    run_gui owns the whole process (QApplication.exec), so it runs in its own process here.
    """
    path = tmp_path / "random.sqlite"
    path.write_bytes(content)
    script = textwrap.dedent(f"""
        import json
        from jeugdtool import app
        from jeugdtool.ui import encryption
        messages = []
        app.ask_other_database = lambda message: messages.append(message)  # "Quit"
        encryption.ask_passphrase = lambda request, parent: None  # "Cancel"
        code = app.run_gui({str(path)!r}, "nl")
        print(json.dumps({{"code": code, "messages": messages}}))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] == 1
    assert len(outcome["messages"]) == 1
    assert str(path) in outcome["messages"][0]
    assert expected in outcome["messages"][0]
    assert path.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["random.sqlite"]  # no -wal


def test_another_database_after_a_failed_one(tmp_path, monkeypatch, qtbot, fake_dialogs):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"no database at all")
    good = tmp_path / "good.sqlite"
    launcher = jeugdtool_app.Launcher(
        ask=lambda message: str(good),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
    )
    window = launcher.start(str(bad))
    qtbot.addWidget(window)
    assert window.ctx.database.location.path == good
    assert bad.read_bytes() == b"no database at all"
    window.ctx.database.close()


def test_import_problems_are_listed_with_their_place(launch, tmp_path, qtbot, fake_dialogs):
    window = launch(tmp_path / "import.sqlite")
    doc = {
        "format": "jeugdtool-case",
        "version": 1,
        "household": {
            "case_number": "2026-0001",
            "name": "",
            "mode": "safety",
            "status": "open",
            "opened_on": "2026-13-01",
        },
        "persons": [{"id": "p1", "first_name": "Noa", "role": "kind"}],
        "network": [],
    }
    file = tmp_path / "bad-case.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    fake_dialogs.answers.append(str(file))
    window.import_action.trigger()  # read and checked in the background
    qtbot.waitUntil(lambda: len(fake_dialogs.errors) > 0, timeout=10_000)
    assert len(fake_dialogs.errors) == 1
    message = fake_dialogs.errors[0]
    assert "household.opened_on" in message
    assert "persons[0].role" in message
    assert queries.list_case_summaries(window.ctx.uow) == []


def test_export_then_import_again_as_a_new_case(launch, tmp_path, qtbot, fake_dialogs):
    window = launch(tmp_path / "roundtrip.sqlite")
    case = window.ctx.run(households.create_case, name="Gezin Smit", case_number="2026-0007")
    window.open_case(case.id)
    file = tmp_path / "smit.json"
    fake_dialogs.answers.extend(["", str(file)])  # for whom: not given; then the file
    window.export_action.trigger()
    assert json.loads(file.read_text(encoding="utf-8"))["household"]["name"] == "Gezin Smit"
    fake_dialogs.answers.extend([str(file), True])  # the file, then "import as a new case"
    window.import_action.trigger()  # checked in the background, then asked, then added
    qtbot.waitUntil(lambda: window.current_case_id() != case.id, timeout=10_000)
    assert fake_dialogs.questions[-1][0] == "confirm"
    assert "2026-0007" in fake_dialogs.questions[-1][1]
    numbers = {c.case_number for c in queries.list_case_summaries(window.ctx.uow)}
    assert len(numbers) == 2 and "2026-0007" in numbers
    assert window.current_case_id() != case.id
    assert fake_dialogs.errors == []


def test_settings_switch_user(launch, tmp_path, qtbot, fake_dialogs):
    from jeugdtool.ui.settings_dialog import SettingsDialog

    window = launch(tmp_path / "settings.sqlite")
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.picker.setEditText("B. Claassen")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.accept()
    assert window.ctx.user.name == "B. Claassen"
    assert "B. Claassen" in window.user_label.text()
    stored = settings_file.load()
    assert stored.language == "en"
    assert stored.user_for(window.ctx.database.location.key) == window.ctx.user.id
    assert len(fake_dialogs.infos) == 1  # "takes effect after a restart"


def test_start_up_leaves_heavy_modules_unloaded(db_path, db, tmp_path):
    """Alembic (schema current), reportlab, jinja2 and jsonschema load only when needed; so do
    the review queue and the plan's dialogs (the queue opens at the start only for a reviewer
    with plans waiting)."""
    db.close()
    script = textwrap.dedent(f"""
        import sys
        from jeugdtool import app
        from jeugdtool.ui.first_run import sign_in
        # The start's own imports: not the content check's (jsonschema), which a slow machine
        # reaches within the events processed below.
        app.CONTENT_CHECK_DELAY_MS = 600_000
        qapp = app.make_application()
        app.install_language(qapp, "nl")
        window = app.Launcher(choose=lambda db: sign_in(db, "A. de Boer")).start({str(db_path)!r})
        qapp.processEvents()
        assert window is not None and window.isVisible()
        heavy = ("alembic", "reportlab", "jinja2", "jsonschema", "jeugdtool.ui.review_queue",
                 "jeugdtool.ui.plan.approval_dialogs")
        print(sorted(m for m in heavy if m in sys.modules))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_menus_are_complete(launch, tmp_path):
    window = launch(tmp_path / "menus.sqlite")
    titles = [a.text() for a in window.menuBar().actions()]
    assert len(titles) == 6  # File, Edit, Case, View, Team, Help
    assert window.new_case_action.shortcut().toString() == "Ctrl+N"
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.redo_action.shortcut().toString() == "Ctrl+Shift+Z"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert _("&Undo") in window.undo_action.text()


def test_ctrl_z_in_a_field_with_unsaved_typing_stays_in_the_field(launch, tmp_path, qtbot):
    window = launch(tmp_path / "typing.sqlite")
    case = window.ctx.run(households.create_case, name="Gezin Smit")
    window.open_case(case.id)
    name_edit = window.workspaces[case.id].overview.form.edits["name"]
    name_edit.setFocus()
    qtbot.keyClick(name_edit, Qt.Key.Key_End)
    qtbot.keyClicks(name_edit, "je")
    press(qtbot, name_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name_edit.text() == "Gezin Smit"  # the typing was undone, not saved or anything else
    assert queries.get_case(window.ctx.uow, case.id).household.name == "Gezin Smit"


def test_case_menu_follows_the_status_of_the_case_in_view(launch, tmp_path, qtbot, fake_dialogs):
    window = launch(tmp_path / "lifecycle.sqlite")
    actions = window.lifecycle_actions
    close, reopen, archive = (actions[m] for m in ("close_case", "reopen_case", "archive_case"))
    experience = actions["record_experience"]
    assert not close.isEnabled()  # the list is in view
    case = window.ctx.run(households.create_case, name="Gezin Smit")
    window.open_case(case.id)
    assert close.isEnabled() and archive.isEnabled() and not reopen.isEnabled()
    assert not experience.isEnabled()

    def fill(dialog: QDialog) -> None:  # the closing dialog, every field answered
        dialog.fields["reason"].setText("Doelen bereikt")
        for field, value in (("goals_outcome", "fully"), ("further_help", "none")):
            dialog.fields[field].buttons[value].click()
        dialog.fields["ended_as"].buttons["planned"].click()
        dialog.accept()

    when_modal(qtbot, fill)
    close.trigger()
    assert queries.get_case(window.ctx.uow, case.id).household.status.value == "closed"
    assert reopen.isEnabled() and experience.isEnabled() and not close.isEnabled()
    window.undo_action.trigger()
    assert queries.get_case(window.ctx.uow, case.id).household.status.value == "open"
    assert close.isEnabled()
    window.show_list()
    assert not close.isEnabled()


def test_open_another_database_from_the_file_menu(launch, tmp_path, qtbot, fake_dialogs):
    window = launch(tmp_path / "first.sqlite")
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(b"just some notes")
    fake_dialogs.answers.append(str(bad))
    window.open_db_action.trigger()
    assert window._launcher.window is window  # refused: the current database stays
    assert "geen jeugdtool-database" in fake_dialogs.errors[-1]
    other = tmp_path / "other.sqlite"
    fake_dialogs.answers.append(str(other))
    window.open_db_action.trigger()
    new = window._launcher.window
    qtbot.addWidget(new)
    assert new is not window and new.isVisible() and not window.isVisible()
    assert str(other) in new.windowTitle()
    assert new.ctx.user.name == "A. de Boer"
    new.ctx.database.close()


def test_window_is_on_screen_before_the_data_layer_loads(db_path, db):
    """The first thing painted is the real main window, before SQLAlchemy is even imported;
    the case list follows once the database is open."""
    households.create_case(UnitOfWork(db, "A. de Boer"), name="Gezin Smit")
    db.close()
    script = textwrap.dedent(f"""
        import json, sys
        from PySide6.QtCore import QEvent, QObject, QTimer
        from jeugdtool import app
        seen = {{}}

        def choose(db):
            from jeugdtool.ui.first_run import sign_in  # after the first paint, like the app

            return sign_in(db, "A. de Boer")

        class Watch(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint and "first_paint" not in seen:
                    seen["first_paint"] = {{"sqlalchemy": "sqlalchemy" in sys.modules,
                                           "title": obj.windowTitle()}}
                return False

        qapp = app.make_application()
        app.install_language(qapp, "nl")
        launcher = app.Launcher(choose=choose)
        window = launcher.start_shown({str(db_path)!r})
        watch = Watch()
        window.installEventFilter(watch)

        def done():
            seen["cases"] = window.list_page.model.total if window.attached else None
            print(json.dumps(seen))
            qapp.quit()

        QTimer.singleShot(1500, done)
        qapp.exec()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["first_paint"] == {"sqlalchemy": False, "title": "jeugdtool"}
    assert seen["cases"] == 1
