"""Help as a new consultant meets it: F1 on a screen opens its page, links and back work, the
keyboard map is complete, About shows the version, the licence and the notices."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from jeugdtool import licences
from jeugdtool import manual
from jeugdtool.cases.queries import list_case_summaries
from jeugdtool.i18n import current_language

from jeugdtool.ui import help_window
from jeugdtool.ui.help_window import AboutDialog
from jeugdtool.ui.help_window import HelpWindow
from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.meetings.presentation import PresentationWindow
from jeugdtool.ui.meetings.presentation_keys import KEYS
from jeugdtool.ui.workspace.workspace import HISTORY
from jeugdtool.ui.workspace.workspace import SCALE

#: The manual window is raised over the window F1 was pressed in; offscreen Qt cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

PORTABLE = QKeySequence.SequenceFormat.PortableText
#: Qt's extra bindings of standard keys on this platform (multimedia keys, Alt+Backspace for
#: undo): they come with `StandardKey.Undo` and friends, and the manual does not list them.
PLATFORM_EXTRAS = {"Alt+Backspace", "Alt+Shift+Backspace", "Undo", "Redo", "New", "Save"}
PLATFORM_EXTRAS |= {"Find", "Close", "Back", "Forward"}


@pytest.fixture
def f1(qtbot) -> Iterator[None]:
    """F1 everywhere, as `run_gui` installs it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = help_window.install_f1(app)
    yield
    app.removeEventFilter(installed)


@pytest.fixture
def window(demo_main_window: MainWindow) -> MainWindow:
    return demo_main_window


def press(qtbot, widget: QWidget, key: Qt.Key) -> None:
    """A key press in the active window (where shortcuts work)."""
    top = widget.window()
    top.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is top)
    qtbot.keyClick(widget, key)


def help_of(widget: QWidget) -> HelpWindow:
    found = widget.window().findChild(HelpWindow, "helpWindow")
    assert found is not None and found.isVisible(), "no manual window opened"
    return found


def open_first_case(window: MainWindow):
    case_id = min(c.id for c in list_case_summaries(window.ctx.uow))
    window.open_case(case_id)
    return window.workspaces[case_id]


def test_f1_on_the_case_list_opens_the_case_list_page(window, qtbot):
    press(qtbot, window.list_page.view, Qt.Key.Key_F1)
    shown = help_of(window)
    assert shown.current_page() == "casussen"
    title = manual.parse(manual.page_path("casussen", current_language())).title
    assert shown.browser.documentTitle() == title


def test_f1_on_a_case_page_opens_that_page_and_follows_the_page_shown(window, qtbot):
    workspace = open_first_case(window)
    workspace.show_page(SCALE)
    press(qtbot, workspace.nav, Qt.Key.Key_F1)  # the page list has the focus: the page shown
    assert help_of(window).current_page() == "schaalscores"
    workspace.show_page(HISTORY)
    press(qtbot, workspace.nav, Qt.Key.Key_F1)
    assert help_of(window).current_page() == "geschiedenis"


def test_f1_in_the_meetings_window_opens_the_meetings_page(window, qtbot, f1):
    from jeugdtool.ui.meetings import open_meetings

    meetings = open_meetings(window.ctx, window)
    qtbot.waitExposed(meetings)
    press(qtbot, meetings, Qt.Key.Key_F1)
    assert help_of(meetings).current_page() == "besprekingen"


def test_f1_in_a_modal_dialog_opens_its_page_beside_it(window, qtbot, f1):
    from jeugdtool.ui.new_case import NewCaseDialog

    dialog = NewCaseDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    press(qtbot, dialog, Qt.Key.Key_F1)
    shown = help_of(dialog)
    assert shown.current_page() == "casussen"
    assert shown.browser.source().fragment() == "nieuw"
    assert shown.parentWidget() is dialog  # so the modal dialog does not block it


def test_f1_does_nothing_on_the_lock_screen(f1, window, qtbot):  # f1 first, as in run_gui
    """The lock covers every window, a manual opened from the lock screen too."""
    from jeugdtool.ui.new_case import NewCaseDialog

    dialog = NewCaseDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: window.auto_lock.form is not None)
    form = window.auto_lock.form
    assert form is not None and form.window() is dialog  # the form sits in the modal dialog
    press(qtbot, form.field, Qt.Key.Key_F1)
    assert dialog.findChild(HelpWindow, "helpWindow") is None
    press(qtbot, window, Qt.Key.Key_F1)  # the window's own F1 action is held back too
    assert window.findChild(HelpWindow, "helpWindow") is None


def test_links_back_forward_and_the_keyboard_menu(window, qtbot):
    window.keys_action.trigger()
    shown = help_of(window)
    assert shown.current_page() == manual.KEYBOARD
    shown.browser.setSource(QUrl("privacy.html"))  # as a click on a link does
    assert shown.current_page() == "privacy"
    assert shown.back_button.isEnabled()
    shown.back_button.click()
    assert shown.current_page() == manual.KEYBOARD
    shown.forward_button.click()
    assert shown.current_page() == "privacy"
    shown.home_button.click()
    assert shown.current_page() == manual.HOME
    assert "privacy" in shown.browser.toHtml().lower()  # the contents list links to it


# ---- the keyboard map is complete ----------------------------------------------------------------


def shortcuts_of(root: QWidget) -> set[str]:
    """Every key sequence of the actions and shortcuts inside `root`, in Qt's portable text."""
    found: set[str] = set()
    for action in root.findChildren(QAction):
        found |= {k.toString(PORTABLE) for k in action.shortcuts()}
    for shortcut in root.findChildren(QShortcut):
        found |= {k.toString(PORTABLE) for k in shortcut.keys()}  # noqa: SIM118 (a Qt method)
    return {k for k in found if k and k not in PLATFORM_EXTRAS}


def presentation_keys() -> set[str]:
    keys: set[str] = set()
    for binding in KEYS:  # 1–9 are written as "1 … 9"
        keys |= {binding.keys[0], binding.keys[-1]} if binding.numbered else set(binding.keys)
    return keys


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_shortcut_of_the_window_and_the_presentation_is_on_the_keyboard_page(
    window, ctx, qtbot, language
):
    workspace = open_first_case(window)
    for row in range(workspace.nav.count()):  # every page built, with its own shortcuts
        workspace.show_page(row)
    from jeugdtool.meetings import meetings

    meeting = meetings.create_meeting(ctx.uow, {"title": "Team Oost"}).value.meeting.id
    presentation = PresentationWindow(ctx, meeting)
    qtbot.addWidget(presentation)
    keys = shortcuts_of(window) | shortcuts_of(presentation) | presentation_keys()
    assert {"F1", "Ctrl+4", "Ctrl+Shift+M", "Ctrl+H", "Right", "?"} <= keys  # what we look at
    written = manual.keys_on_page(manual.KEYBOARD, language)
    labels = manual.load()
    missing = sorted(k for k in keys if labels.key_label(k, language) not in written)
    assert not missing, f"add these to {language}/{manual.KEYBOARD}.html: {missing}"


# ---- About -------------------------------------------------------------------------------------


def test_about_shows_version_licence_and_notices(qtbot):
    dialog = AboutDialog("demo.sqlite")
    qtbot.addWidget(dialog)
    assert licences.version() in dialog.summary.text()
    assert "EUPL-1.2" in dialog.summary.text()
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in dialog.licence_text.toPlainText()
    notices = dialog.notices_text.toPlainText()
    for name in ("PySide6", "LGPL-3.0", "SQLAlchemy", "reportlab", "SQLCipher", "DejaVu"):
        assert name in notices, name


def test_about_qt_opens_qts_own_about_box(qtbot):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.windowTitle())
            box.close()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    dialog.about_qt_button.click()
    assert seen, "no About Qt box"


def test_about_from_the_help_menu(window, qtbot):
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, AboutDialog):
            seen.append(box.summary.text())
            box.reject()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    window.about_action.trigger()
    assert seen and window.ctx.database.location.display in seen[0]


# ---- start-up --------------------------------------------------------------------------------


def test_a_damaged_manual_is_reported_at_start_up(fake_dialogs, tmp_path, monkeypatch):
    from jeugdtool import resources
    from jeugdtool.app import check_content

    root = tmp_path / "resources"
    shutil.copytree(resources.root(), root)
    (root / "manual" / "en" / "privacy.html").unlink()
    monkeypatch.setattr(resources, "root", lambda: root)
    manual.load.cache_clear()
    try:
        check_content(fake_dialogs)
    finally:
        manual.load.cache_clear()
    assert len(fake_dialogs.errors) == 1
    assert "en/privacy.html: missing" in fake_dialogs.errors[0]
