"""Presentation keys from one table (`?` lists them, every listed key does what the list says),
and the choice of the screen to present on."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from jeugdtool.export.demo import load_demo
from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.meetings import screens as screens_module
from jeugdtool.ui.meetings.presentation import PresentationWindow
from jeugdtool.ui.meetings.presentation_keys import KEYS
from jeugdtool.ui.meetings.presentation_keys import key_names
from jeugdtool.ui.meetings.screens import ScreenDialog
from jeugdtool.ui.meetings.screens import choose_screen
from jeugdtool.ui.meetings.screens import proposed
from jeugdtool.ui.meetings.screens import screen_label

CASES = 4


@pytest.fixture
def window(ctx, qtbot) -> PresentationWindow:
    cases = load_demo(ctx.uow).value
    mid = meetings.create_meeting(ctx.uow, {"title": "Team Oost"}).value.meeting.id
    for case in cases[:CASES]:
        agenda.add_case(ctx.uow, mid, case.id, "Veilig genoeg?")
    shown = PresentationWindow(ctx, mid)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def press(qtbot, window: QWidget, sequence: str) -> None:
    """The key of the table's text ("Ctrl+PgDown", "?") as the keyboard sends it."""
    combination = QKeySequence(sequence)[0]
    modifiers = combination.keyboardModifiers()
    if combination.key() == Qt.Key.Key_Question:  # typed with Shift
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget() or window, combination.key(), modifiers)
    QApplication.processEvents()


def at(case: int, view: int) -> str:
    return _("case {case} of {cases} · view {view} of {views}").format(
        case=case, cases=CASES, view=view, views=8
    )


#: Where each moving command leads from case 2, view 2 (key "3": case 3).
FROM_2_2 = {
    "next_view": (2, 3),
    "previous_view": (2, 1),
    "next_case": (3, 1),
    "previous_case": (1, 1),
    "first_view": (1, 1),
    "last_view": (CASES, 8),
    "go_to_case": (3, 1),
}


def test_every_moving_key_of_the_table_moves_as_listed(window, qtbot):
    checked = 0
    for binding in KEYS:
        if binding.command not in FROM_2_2:
            continue
        keys = ("3",) if binding.numbered else binding.keys
        for key in keys:
            window.show_position(1, 1)
            press(qtbot, window, key)
            assert window.footer_position.text() == at(*FROM_2_2[binding.command]), key
            checked += 1
    assert checked == 11  # two keys for each step, one each for Home, End and a number


def test_shortcuts_of_the_table_are_the_windows_shortcuts(window, qtbot):
    shortcuts = {s.toString() for action in window.actions() for s in action.shortcuts()}
    listed = {k for b in KEYS if b.shortcut for k in b.keys}
    assert {QKeySequence(k).toString() for k in listed} <= shortcuts
    press(qtbot, window, "Ctrl+E")
    assert window.editing and window.footer_lock.text() == _("EDITING UNLOCKED (Ctrl+E locks)")
    press(qtbot, window, "Ctrl+E")
    assert not window.editing


def test_question_mark_lists_every_key_and_any_key_closes_the_list(window, qtbot):
    window.show_position(0, 1)
    press(qtbot, window, "?")
    overlay = window.keys_overlay
    assert overlay.isVisible() and overlay.geometry() == window.rect()
    listed = [(keys.text(), does.text()) for keys, does in overlay.rows]
    assert listed == [(key_names(b), _(b.does)) for b in KEYS]
    assert "PgDown" in listed[0][0] and listed[6][0] == "1–9"
    for _keys, does in overlay.rows:  # the whole list is on the screen
        assert window.rect().contains(does.geometry().translated(overlay.pos()))
        assert does.heightForWidth(does.width()) <= does.height() + 1
    press(qtbot, window, "Right")  # closes the list and does nothing else
    assert not overlay.isVisible()
    assert window.footer_position.text() == at(1, 2)
    assert _("? keys") == window.footer_keys.text()


def test_escape_leaves_the_list_then_presentation(window, qtbot):
    press(qtbot, window, "?")
    press(qtbot, window, "Esc")
    assert not window.keys_overlay.isVisible() and window.isVisible()
    press(qtbot, window, "Esc")
    assert not window.isVisible()


# ---- the screen --------------------------------------------------------------------------------


def _fake_screen(name: str, width: int, height: int, ratio: float = 1.0) -> SimpleNamespace:
    return SimpleNamespace(
        name=lambda: name, size=lambda: QSize(width, height), devicePixelRatio=lambda: ratio
    )


def test_screens_are_listed_by_name_and_real_size_and_the_other_one_is_proposed():
    laptop = _fake_screen("eDP-1", 1366, 768)
    beamer = _fake_screen("HDMI-1", 960, 540, ratio=2.0)
    label = screen_label(2, beamer, here=False)
    assert label == _("Screen {n}: {name} ({width}×{height})").format(
        n=2, name="HDMI-1", width=1920, height=1080
    )
    assert _("this window is here") in screen_label(1, laptop, here=True)
    assert proposed([laptop, beamer], laptop) == 1
    assert proposed([beamer, laptop], laptop) == 0
    assert proposed([laptop], laptop) == 0


def test_one_screen_presents_there_without_asking(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    assert choose_screen(parent) is QGuiApplication.primaryScreen()


def test_with_two_screens_the_chair_picks_one(qtbot, monkeypatch):
    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(
        screens_module, "QGuiApplication", SimpleNamespace(screens=lambda: [screen, screen])
    )
    asked: list[list[str]] = []

    def answer(dialog: ScreenDialog) -> int:
        asked.append([dialog.list.item(n).text() for n in range(dialog.list.count())])
        dialog.list.setCurrentRow(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ScreenDialog, "exec", answer)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert choose_screen(parent) is screen
    assert len(asked) == 1 and len(asked[0]) == 2
    monkeypatch.setattr(ScreenDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert choose_screen(parent) is None  # cancelled: nothing is presented


def test_start_puts_the_presentation_full_screen_on_the_chosen_screen(window):
    screen = QGuiApplication.primaryScreen()
    window.start(screen)
    assert window.screen() is screen and window.isFullScreen()
