"""The main window's menus: one meaning per word and per key, meetings with the team, and the
pages of a case with their keys (Ctrl+1 …) in the View menu."""

from __future__ import annotations

from collections import Counter

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from jeugdtool.cases.queries import list_case_summaries
from jeugdtool.i18n import _

from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.workspace.workspace import JOURNAL
from jeugdtool.ui.workspace.workspace import MELDCODE
from jeugdtool.ui.workspace.workspace import SCALE
from jeugdtool.ui.workspace.workspace import page_key


@pytest.fixture
def window(language: str, demo_main_window: MainWindow) -> MainWindow:
    """The demo window, built in the test's language."""
    return demo_main_window


def menus(window: MainWindow) -> dict[str, QMenu]:
    return {a.text(): a.menu() for a in window.menuBar().actions() if a.menu() is not None}


def plain(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip().lower()


def test_quit_and_closing_a_case_are_different_words(window, language):
    quit_words = set(plain(window.quit_action.text()).split())
    close = plain(window.lifecycle_actions["close_case"].text())
    assert not quit_words & set(close.split()), (window.quit_action.text(), close)
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_the_case_is_closed_with_the_word_of_its_status(window, language):
    """The case list says "Gesloten": the menu item and its dialog say "sluiten"."""
    if language != "nl":
        pytest.skip("a Dutch word")
    assert plain(window.lifecycle_actions["close_case"].text()) == "casus sluiten"
    assert _("Close case") == "Casus sluiten"


def test_meetings_are_in_the_team_menu_not_in_view(window):
    found = menus(window)
    team, view = found[_("&Team")], found[_("&View")]
    assert window.meetings_action in team.actions()
    assert window.meetings_action not in view.actions()


def test_every_key_and_menu_letter_means_one_thing(window):
    keys = Counter(
        key.toString()
        for action in window.findChildren(QAction)
        if action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut
        for key in action.shortcuts()
    )
    assert [k for k, n in keys.items() if n > 1] == []
    letters = Counter(a.text()[a.text().index("&") + 1].lower() for a in window.menuBar().actions())
    assert [k for k, n in letters.items() if n > 1] == []


def test_the_view_menu_lists_the_pages_with_their_keys(window, qtbot):
    view = menus(window)[_("&View")]
    window._fill_pages()
    (hint,) = window.pages_section.actions  # no case open: where the pages are
    assert not hint.isEnabled()
    case_id = min(c.id for c in list_case_summaries(window.ctx.uow))
    window.open_case(case_id)
    workspace = window.workspaces[case_id]
    view.aboutToShow.emit()
    pages = window.pages_section.actions
    assert len(pages) == workspace.nav.count() == 13
    for row, action in enumerate(pages):
        assert action in view.actions()
        assert workspace.nav.item(row).text() in action.text()
        assert action.shortcut() == QKeySequence(page_key(row))
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut  # no clash
    pages[SCALE].trigger()
    assert workspace.nav.currentRow() == SCALE
    view.aboutToShow.emit()
    assert [a.isChecked() for a in window.pages_section.actions].index(True) == SCALE


def test_ctrl_and_a_number_still_switch_pages_with_the_menu_built(window, qtbot):
    case_id = min(c.id for c in list_case_summaries(window.ctx.uow))
    window.open_case(case_id)
    workspace = window.workspaces[case_id]
    window._fill_pages()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    workspace.nav.setFocus()
    qtbot.keyClick(workspace.nav, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert workspace.nav.currentRow() == SCALE
    qtbot.keyClick(workspace.nav, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert workspace.nav.currentRow() == JOURNAL
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(workspace.nav, Qt.Key.Key_K, shift_ctrl)
    assert workspace.nav.currentRow() == MELDCODE
