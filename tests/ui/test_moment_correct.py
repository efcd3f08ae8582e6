"""Correcting the newest mapping moment's date and who was present, from the moment bar."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import covers

from PySide6.QtCore import Qt

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import moments
from jeugdtool.i18n import _

from jeugdtool.ui.framework import checklist
from jeugdtool.ui.framework.commands import ChangeMomentCommand
from jeugdtool.ui.framework.map_page import FrameworkPage
from jeugdtool.ui.framework.moment_bar import ChangeMomentDialog
from jeugdtool.ui.framework.moment_bar import change_tip
from jeugdtool.ui.framework.moment_bar import closed_note

OCT_1, NOV_1 = dt.date(2026, 10, 1), dt.date(2026, 11, 1)
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def page(ctx, case, qtbot):
    """The map of a case with a member and a network member, and two moments."""
    members.add_person(
        ctx.uow, case.id, {"first_name": "Sanne", "last_name": "Bakker", "role": "parent"}
    )
    members.add_network_member(ctx.uow, case.id, {"name": "Oma Riëtte"})
    for held_on in (OCT_1, NOV_1):
        ctx.run(moments.start_moment, case.id, author="A. de Boer", held_on=held_on)
    widget = FrameworkPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def newest(ctx, case_id: int) -> moments.MomentSummary:
    return moments.list_moments(ctx.uow, case_id)[-1]


def press_mnemonic(page: FrameworkPage, qtbot) -> None:
    """Alt+the underlined letter of "Change moment…", whatever the language; Qt animates the
    press, so wait for the click."""
    text = page.bar.change_button.text()
    letter = Qt.Key(ord(text[text.index("&") + 1].upper()))
    with qtbot.waitSignal(page.bar.change_button.clicked, timeout=1000):
        qtbot.keyClick(page.focusWidget() or page.bar.combo, letter, ALT)


def open_change(page: FrameworkPage, qtbot) -> ChangeMomentDialog:
    """Alt+letter of "Change moment…" on the bar opens the dialog with the keyboard in the date."""
    if not page.isActiveWindow():
        with qtbot.waitActive(page):
            page.activateWindow()
    press_mnemonic(page, qtbot)
    (dialog,) = [d for d in page.findChildren(ChangeMomentDialog) if d.isVisible()]
    if not dialog.isActiveWindow():
        with qtbot.waitActive(dialog):
            dialog.activateWindow()
    return dialog


def type_date(dialog: ChangeMomentDialog, qtbot, text: str) -> None:
    dialog.date.setFocus()
    dialog.date.selectAll()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.date, text)


def save(dialog: ChangeMomentDialog, qtbot) -> None:
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)  # OK is the default button


def test_the_date_and_who_was_present_are_corrected_by_keyboard_with_undo(page, ctx, case, qtbot):
    ctx.run(moments.update_moment, newest(ctx, case.id).id, {"present": ["juf Aïcha"]})
    assert page.bar.change_button.isEnabled()
    dialog = open_change(page, qtbot)
    # Prefilled as stored: the date, nobody of the case ticked, the other one typed.
    assert dialog.date.text() == "01-11-2026"
    assert dialog.others.text() == "juf Aïcha"
    assert dialog.present.count() == 2 and checklist.ticked(dialog.present) == ()
    type_date(dialog, qtbot, "03-11-2026")
    dialog.present.setFocus()
    dialog.present.setCurrentRow(1)  # Oma Riëtte
    qtbot.keyClick(dialog.present, Qt.Key.Key_Space)
    save(dialog, qtbot)
    assert not dialog.isVisible(), (dialog.error.text(), dialog.date_error.text())
    oma = dialog.present.item(1).text()
    corrected = newest(ctx, case.id)
    assert corrected.held_on == dt.date(2026, 11, 3)
    assert corrected.present == (oma, "juf Aïcha")
    assert page.bar.combo.currentText().startswith("03-11-2026")
    assert ctx.undo_stack.undoText() == _("Change mapping moment")
    ctx.undo_stack.undo()
    undone = newest(ctx, case.id)
    assert (undone.held_on, undone.present) == (NOV_1, ("juf Aïcha",))
    assert page.bar.combo.currentText().startswith("01-11-2026")
    ctx.undo_stack.redo()
    assert newest(ctx, case.id) == corrected
    # Saved unchanged: nothing to undo.
    count = ctx.undo_stack.count()
    save(open_change(page, qtbot), qtbot)
    assert ctx.undo_stack.count() == count


def test_a_bad_date_is_refused_under_the_field_and_kept(page, ctx, case, qtbot):
    dialog = open_change(page, qtbot)
    for typed, message in (
        ("31-02-2026", "31-02-2026"),
        ("15-09-2026", _("A mapping moment cannot lie before the one before it ({date}).")),
        ("", _("{label} is required.").format(label=_("Date"))),
    ):
        type_date(dialog, qtbot, typed)
        save(dialog, qtbot)
        assert dialog.isVisible() and dialog.date.text() == typed
        assert dialog.date_error.isVisible() and dialog.focusWidget() is dialog.date
        assert message.format(date="01-10-2026") in dialog.date_error.text()
        assert not dialog.error.isVisible()
    assert newest(ctx, case.id).held_on == NOV_1 and ctx.undo_stack.count() == 0
    type_date(dialog, qtbot, "01-10-2026")  # the same day as the one before: allowed
    save(dialog, qtbot)
    assert not dialog.isVisible() and newest(ctx, case.id).held_on == OCT_1


def test_only_the_newest_moment_of_an_open_case_offers_it(page, ctx, case, qtbot, fake_dialogs):
    older = moments.list_moments(ctx.uow, case.id)[0]
    page.bar.combo.setFocus()
    page.bar.combo.setCurrentIndex(page.bar.combo.findData(older.id))
    page.bar.combo.activated.emit(page.bar.combo.currentIndex())
    assert not page.bar.change_button.isEnabled()
    assert page.bar.change_button.toolTip() == change_tip(older)
    with pytest.raises(qtbot.TimeoutError):  # a disabled button takes no Alt+letter
        press_mnemonic(page, qtbot)
    assert not [d for d in page.findChildren(ChangeMomentDialog) if d.isVisible()]
    page.bar.combo.activated.emit(page.bar.combo.findData(newest(ctx, case.id).id))
    dialog = open_change(page, qtbot)
    type_date(dialog, qtbot, "02-11-2026")
    save(dialog, qtbot)
    # Once the case is closed the button says why, and undo is refused in Dutch.
    ctx.run(households.close_case, case.id, "Doelen bereikt")
    assert not page.bar.change_button.isEnabled()
    assert page.bar.change_button.toolTip() == closed_note()
    ctx.undo_stack.undo()
    assert fake_dialogs.errors[-1] == _(
        "This case is closed. To change anything, reopen the case first."
    )
    assert newest(ctx, case.id).held_on == dt.date(2026, 11, 2) and ctx.undo_stack.count() == 0


@covers(ChangeMomentCommand)
def test_undo_leaves_a_colleagues_later_correction_alone(page, ctx, case, qtbot, fake_dialogs):
    dialog = open_change(page, qtbot)
    type_date(dialog, qtbot, "02-11-2026")
    save(dialog, qtbot)
    moment_id = newest(ctx, case.id).id
    ctx.run(moments.update_moment, moment_id, {"held_on": dt.date(2026, 11, 4)})
    ctx.undo_stack.undo()
    assert fake_dialogs.errors and newest(ctx, case.id).held_on == dt.date(2026, 11, 4)
    assert ctx.undo_stack.count() == 0


def test_the_service_keeps_the_newest_moment_the_newest(ctx, case):
    first = ctx.run(moments.start_moment, case.id, author="A. de Boer", held_on=OCT_1)
    second = ctx.run(moments.start_moment, case.id, author="A. de Boer", held_on=NOV_1)
    with pytest.raises(InvalidInput) as refused:
        moments.update_moment(ctx.uow, second.id, {"held_on": dt.date(2026, 9, 30)})
    assert refused.value.for_field("held_on")
    assert moments.list_moments(ctx.uow, case.id)[-1].id == second.id
    with pytest.raises(JeugdtoolError):  # the earlier one cannot change at all
        moments.update_moment(ctx.uow, first.id, {"held_on": dt.date(2026, 9, 30)})
