"""A database that may only be read, and an empty file, as a consultant meets them in the window.

The read-only database here is a real SQLite file opened with `mode=ro` (SQLite refuses every
write); only the check of the file's rights answers "read-only", so the test does not depend on
running as a particular user (tests/core/test_open_faults.py opens truly read-only files).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from db_probes import writes_reaching_the_driver

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton

from jeugdtool import app as jeugdtool_app
from jeugdtool import settings as settings_file
from jeugdtool.cases import queries
from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.store import access
from jeugdtool.store.access import Access
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui import read_only
from jeugdtool.ui.context import read_only_note
from jeugdtool.ui.first_run import READER_ID
from jeugdtool.ui.first_run import sign_in
from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import SAFETY_PLAN
from jeugdtool.ui.workspace.workspace import SCALE
from jeugdtool.ui.workspace.workspace import STATEMENTS
from jeugdtool.ui.workspace.workspace import ZRM

REASON = "you may read the file but not change it"


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A database with the demo households and one meeting with a case on its agenda."""
    from jeugdtool.export.demo import load_demo_report

    path = tmp_path / "cases.sqlite"
    db = open_database(path)
    uow = UnitOfWork(db, "A. de Boer")
    load_demo_report(uow)
    meeting = meetings.create_meeting(uow, {"title": "Casuïstiek"}).value
    first = queries.find_case_id(uow, "2026-0001")
    assert first is not None
    agenda.add_case(uow, meeting.meeting.id, first, question="Is dit veilig genoeg?")
    db.close()
    return path


@pytest.fixture
def read_only_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on every database file opens as one that may only be read."""
    monkeypatch.setattr(access, "probe", lambda _path: Access(True, _(REASON)))


@pytest.fixture
def window(demo_path, read_only_files, qtbot, fake_dialogs) -> Iterator[MainWindow]:
    launcher = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(f"unexpected open error: {message}"),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
    )
    shown = launcher.start(str(demo_path))
    assert shown is not None
    qtbot.addWidget(shown)
    shown._launcher = launcher
    assert shown.ctx.read_only
    yield shown
    shown.ctx.database.close()


def test_the_window_says_the_database_is_read_only_and_why(window: MainWindow) -> None:
    assert window.windowTitle().endswith(_("(read-only)"))
    banner = window.findChild(read_only.ReadOnlyBanner)
    assert banner is not None and banner.isVisible()
    expected = _(
        "This database can only be read, because {reason}. You can look at everything and "
        "export it, but nothing can be changed or added. To make changes, open it from a "
        "place where you may write (or ask your administrator for write access), then start "
        "jeugdtool again."
    ).format(reason=_(REASON))
    assert banner.text.text() == expected
    mark = window.statusBar().findChild(object, "readOnlyMark")
    assert mark is not None and mark.isVisible() and mark.toolTip() == expected


def test_nothing_that_writes_is_offered(window: MainWindow, fake_dialogs) -> None:
    for action in (window.new_case_action, window.import_action, window.demo_action):
        assert not action.isEnabled(), action.text()
    for action in (window.export_action, window.batch_pdf_action, window.meetings_action):
        assert action.isEnabled(), action.text()
    writes = writes_reaching_the_driver(window.ctx.database)
    window.new_case_action.trigger()
    window.demo_action.trigger()
    assert writes == [] and fake_dialogs.errors == []


def open_case(window: MainWindow, number: str):
    case_id = queries.find_case_id(window.ctx.uow, number)
    assert case_id is not None
    window.open_case(case_id)
    return window.workspaces[case_id]


def test_every_page_of_an_open_case_only_shows(window: MainWindow, qtbot, fake_dialogs) -> None:
    workspace = open_case(window, "2026-0001")
    assert workspace.household is not None
    assert workspace.household.status.value == "open"
    assert not any(a.isEnabled() for a in window.lifecycle_actions.values())
    assert window.pdf_action.isEnabled()  # exporting reads
    form = workspace.overview.form
    assert all(edit.isReadOnly() for edit in form.edits.values())
    assert not any(combo.isEnabled() for combo in form.combos.values())
    assert not workspace.overview.persons.add_button.isEnabled()
    assert not workspace.overview.network.add_button.isEnabled()

    writes = writes_reaching_the_driver(window.ctx.database)
    name = form.edits["name"]
    qtbot.keyClicks(name, " en Co")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert name.text() == workspace.household.name

    workspace.show_page(FRAMEWORK)
    area = workspace.framework.ensure_built()
    assert not area.map.case_open and not area.map.editable
    assert not area.map.bar.new_button.isEnabled()
    assert area.map.bar.banner.text() == read_only_note()
    area.map.start_new_moment()  # what a shortcut or another page would call

    workspace.show_page(STATEMENTS)
    statements = workspace.statements.ensure_built()
    assert not statements.editable

    workspace.show_page(SCALE)
    scale = workspace.scale.ensure_built()
    assert not scale.input.isEnabled() and not scale.wording_button.isEnabled()

    workspace.show_page(SAFETY_PLAN)
    plan = workspace.plan.ensure_built()
    assert not plan.editable and not plan.new_draft_button.isVisible()

    workspace.show_page(ZRM)
    zrm = workspace.zrm.ensure_built()
    assert zrm.data is not None and not zrm.data.open
    assert all(not a.editable for a in zrm.data.assessments)
    assert not zrm.editor.new_button.isEnabled()

    assert writes == [] and fake_dialogs.errors == []


def test_a_closed_case_cannot_be_reopened_in_a_read_only_database(window: MainWindow) -> None:
    closed = next(
        c for c in queries.list_case_summaries(window.ctx.uow) if c.status.value != "open"
    )
    workspace = open_case(window, closed.case_number)
    assert workspace.banner.isVisible()
    assert not workspace.reopen_button.isVisible()
    assert read_only_note() in workspace.banner_text.text()
    assert not any(a.isEnabled() for a in window.lifecycle_actions.values())


def test_the_meetings_window_shows_but_does_not_edit(window: MainWindow, qtbot) -> None:
    from jeugdtool.ui.meetings.window import MeetingsWindow

    meetings_window = MeetingsWindow(window.ctx)
    qtbot.addWidget(meetings_window)
    assert meetings_window.editor.detail is not None  # the meeting shows
    assert not meetings_window.new_action.isEnabled()
    assert not meetings_window.remove_action.isEnabled()
    assert meetings_window.present_action.isEnabled()
    assert meetings_window.minutes_action.isEnabled()
    editor = meetings_window.editor
    assert editor.header.title.isReadOnly()
    assert editor.item_panel.item is not None
    assert all(e.isReadOnly() for e in editor.item_panel.findChildren(QLineEdit))
    assert not any(b.isVisible() for b in editor.findChildren(QPushButton))
    assert not editor.header.hide_names.isEnabled()
    writes = writes_reaching_the_driver(window.ctx.database)
    qtbot.keyClicks(editor.header.title, "Anders")
    editor.header.title.clearFocus()
    assert writes == []


def test_a_pdf_is_exported_without_remembering_the_choice(
    window: MainWindow, tmp_path: Path, fake_dialogs
) -> None:
    from jeugdtool.export.selection import Document
    from jeugdtool.export.selection import default_selection

    from jeugdtool.ui.export.pdf_dialog import export_pdf

    case_id = queries.find_case_id(window.ctx.uow, "2026-0001")
    target = tmp_path / "plan.pdf"
    fake_dialogs.answers.append(str(target))
    writes = writes_reaching_the_driver(window.ctx.database)
    written = export_pdf(window.ctx, case_id, default_selection(Document.PLAN), None)
    assert written == target and target.read_bytes().startswith(b"%PDF")
    assert writes == [] and fake_dialogs.errors == []


def test_a_new_name_reads_without_being_stored(demo_path, read_only_files) -> None:
    db = open_database(demo_path)
    try:
        reader = sign_in(db, "Nieuwe Lezer")
        assert reader.id == READER_ID and reader.name == "Nieuwe Lezer"
        user = jeugdtool_app.establish_user(db, lambda _db: reader)
        assert user == reader
        assert settings_file.load().user_for(db.location.key) is None
    finally:
        db.close()


# ---- an empty file ----------------------------------------------------------------------------


def question(path: Path) -> str:
    from jeugdtool import paths

    return _(
        "{path} is empty (0 bytes). Start a new, empty database in this file?\n\nChoose No if "
        "you expected your cases here: look for a recent copy in the backup folder {backups}, "
        "or among the earlier versions your sync tool (OneDrive, Dropbox) keeps."
    ).format(path=path, backups=paths.backup_dir())


def test_an_empty_file_stays_empty_when_the_user_says_no(tmp_path: Path, fake_dialogs) -> None:
    path = tmp_path / "cases.sqlite"
    path.touch()
    asked: list[str] = []
    offered: list[str] = []

    def other(message: str) -> str | None:
        offered.append(message)
        return None  # quit

    launcher = jeugdtool_app.Launcher(
        ask=other,
        choose=lambda db: pytest.fail("no database should open"),
        make_dialogs=lambda: fake_dialogs,
        confirm_empty=lambda text: asked.append(text) or False,
    )
    assert launcher.start(str(path)) is None
    assert asked == [question(path)]
    assert offered == [access.empty_file_message(path)]  # then: choose another database
    assert path.stat().st_size == 0


def test_an_empty_file_becomes_a_new_database_when_the_user_says_yes(
    tmp_path: Path, qtbot, fake_dialogs
) -> None:
    path = tmp_path / "cases.sqlite"
    path.touch()
    launcher = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(message),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
        confirm_empty=lambda _text: True,
    )
    shown = launcher.start(str(path))
    assert shown is not None
    qtbot.addWidget(shown)
    assert not shown.ctx.read_only and shown.new_case_action.isEnabled()
    assert path.stat().st_size > 0
    shown.ctx.database.close()


def test_switching_to_an_empty_file_asks_first(tmp_path: Path, qtbot, fake_dialogs) -> None:
    first = tmp_path / "first.sqlite"
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    launcher = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(message),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
    )
    shown = launcher.start(str(first))
    assert shown is not None
    qtbot.addWidget(shown)
    fake_dialogs.answers.append(False)
    launcher.switch(str(empty))
    assert fake_dialogs.questions == [("confirm", question(empty))]
    assert fake_dialogs.errors == [access.empty_file_message(empty)]
    assert launcher.window is shown  # the current database stays
    assert empty.stat().st_size == 0
    shown.ctx.database.close()
