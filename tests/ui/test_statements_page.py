"""The statements page as a consultant uses it: by keyboard, with live hints, undo and redo."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import StatementType as T
from jeugdtool.i18n import _

from jeugdtool.ui.framework.statement_dialog import StatementDialog
from jeugdtool.ui.framework.statements_page import StatementsPage

Key = Qt.Key
DAY = dt.date(2026, 3, 2)


@pytest.fixture
def family(uow, case):
    def add(first: str, role: str):
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case.id, fields).value

    return add("Noa", "child"), add("Sanne", "parent"), add("Mark", "parent")


@pytest.fixture
def moment(uow, case, family):
    return moments.start_moment(uow, case.id, author="A. de Boer", held_on=DAY).value


@pytest.fixture
def page(ctx, case, qtbot) -> StatementsPage:
    widget = StatementsPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1196, 658)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def _no_goal_yet() -> str:
    return _("No safety goal answers this danger statement yet: what will safety look like?")


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _retype(qtbot, text: str) -> None:
    _press(qtbot, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, text)


def _open_with_keyboard(qtbot, page: StatementsPage, button_key: str) -> StatementDialog:
    with qtbot.waitActive(page):
        page.activateWindow()  # offscreen has no window manager to do it after a dialog
    page.add_buttons[button_key].setFocus()
    _press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), StatementDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, StatementDialog)
    return dialog


def _hint(dialog: StatementDialog, field: str) -> str:
    label = dialog.hints[field]
    return label.text() if label.isVisibleTo(dialog) else ""


def _only(page: StatementsPage, kind: T):
    found = page.of_type(kind)
    assert len(found) == 1
    return found[0]


def test_add_a_danger_statement_and_its_safety_goal_by_keyboard_with_undo(
    moment, page, ctx, qtbot
) -> None:
    dialog = _open_with_keyboard(qtbot, page, "danger")
    assert _focus() is dialog.who_list  # who is worried comes first
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, "Veilig Thuis, school")
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, "huiselijk geweld")
    assert "'huiselijk geweld'" in _hint(dialog, "behaviour")  # the label, said gently
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()

    _retype(qtbot, "Mark Sanne slaat als hij gedronken heeft")
    assert _hint(dialog, "behaviour") == ""
    assert "bezorgd dat Mark Sanne slaat als hij gedronken heeft." in (
        dialog.sentence_box.toPlainText()
    )
    _press(qtbot, Key.Key_Tab)  # example: left empty
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.children_list
    _press(qtbot, Key.Key_Space)  # ticks Noa, the only child
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, "gewond raakt")
    expected = (
        "Veilig Thuis en school zijn bezorgd dat Mark Sanne slaat als hij gedronken heeft. "
        "Als er niets verandert, zijn we bang dat Noa gewond raakt."
    )
    assert dialog.sentence_box.toPlainText() == expected
    _press(qtbot, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(page.of_type(T.DANGER)) == 1)

    danger = _only(page, T.DANGER)
    assert danger.text == expected
    card = page.cards[danger.id]
    assert card.sentence.text() == expected
    assert _no_goal_yet() in card.hints.text()  # no safety goal answers it yet

    dialog = _open_with_keyboard(qtbot, page, f"goal-{danger.lineage}")
    assert dialog.fields["pairs_with"].currentData() == danger.lineage
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.will_list  # who will do it: nobody ticked, the parents
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.will_other
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, "niet meer slaan")
    assert "niet meer" in _hint(dialog, "carers_will")
    _retype(qtbot, "ruzies zonder geweld oplossen")
    assert _hint(dialog, "carers_will") == ""
    for text in ("zich thuis veilig voelt", "dat Noa uitgerust op school komt"):
        _press(qtbot, Key.Key_Tab)
        _type(qtbot, text)
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.period.amount  # how long: a number, then weeks or months
    _type(qtbot, "6")
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.period.unit and dialog.period.unit.currentData() == "months"
    _press(qtbot, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(page.of_type(T.SAFETY_GOAL)) == 1)

    goal = _only(page, T.SAFETY_GOAL)
    assert goal.pairs_with == danger.lineage
    assert goal.text == (
        "Sanne en Mark zullen ruzies zonder geweld oplossen, zodat Noa zich thuis veilig voelt. "
        "Professionals zien dat Noa uitgerust op school komt; dit moet 6 maanden zichtbaar zijn."
    )
    danger_card, goal_card = page.cards[danger.id], page.cards[goal.id]
    assert not danger_card.hints.isVisibleTo(page)  # answered now
    # beside its danger statement: same row, to the right
    assert goal_card.y() == danger_card.y()
    assert goal_card.x() > danger_card.x() + danger_card.width()

    stack = ctx.undo_stack
    stack.undo()
    assert page.of_type(T.SAFETY_GOAL) == []
    assert _no_goal_yet() in page.cards[danger.id].hints.text()
    stack.undo()
    assert page.statements == ()
    stack.redo()
    stack.redo()
    assert [s.id for s in page.statements] == [danger.id, goal.id]
    assert page.cards[goal.id].dto.text == goal.text
    assert ctx.dialogs.errors == []


def test_own_wording_is_kept_and_made_again_on_request(moment, page, ctx, family, qtbot) -> None:
    noa = family[0]
    danger = statements.add_statement(
        ctx.uow,
        moment.id,
        T.DANGER,
        {"who_worried": ["school"], "behaviour": "Sanne Noa te laat brengt", "children": [noa.id]},
    ).value
    page.reload()
    dialog = page.edit_statement(danger)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.sentence_box.setFocus()
    _retype(qtbot, "School ziet Noa vaak pas om elf uur binnenkomen.")
    assert dialog.own_label.isVisibleTo(dialog)
    _press(qtbot, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.of_type(T.DANGER)[0].text_edited)

    card = page.cards[danger.id]
    assert card.sentence.text() == "School ziet Noa vaak pas om elf uur binnenkomen."
    assert card.regenerate_button.isVisibleTo(page)
    card.regenerate_button.click()
    regenerated = page.of_type(T.DANGER)[0]
    assert not regenerated.text_edited
    assert regenerated.text == danger.text
    ctx.undo_stack.undo()  # the own wording is back
    assert page.of_type(T.DANGER)[0].text == "School ziet Noa vaak pas om elf uur binnenkomen."


def test_removing_a_danger_statement_a_goal_answers_is_refused(moment, page, ctx) -> None:
    danger = statements.add_statement(ctx.uow, moment.id, T.DANGER, {"behaviour": "x y z"}).value
    statements.add_statement(
        ctx.uow, moment.id, T.SAFETY_GOAL, {"pairs_with": danger.lineage, "carers_will": "bellen"}
    )
    page.reload()
    ctx.dialogs.answers.append(True)
    page.cards[danger.id].remove_button.click()
    assert len(ctx.dialogs.errors) == 1
    assert "bellen" in ctx.dialogs.errors[0]
    assert len(page.of_type(T.DANGER)) == 1
    assert ctx.undo_stack.count() == 0


def test_no_moment_yet_offers_to_start_one(page, qtbot) -> None:
    assert page.moment is None
    with qtbot.waitSignal(page.start_moment_requested):
        page.start_button.click()


def test_an_earlier_moment_is_shown_read_only(moment, page, ctx, case) -> None:
    statements.add_statement(ctx.uow, moment.id, T.HARM, {"behaviour": "Noa werd geslagen"})
    ctx.run(moments.start_moment, case.id, author="A. de Boer", held_on=DAY)
    assert page.editable
    page.show_moment(moment.id)
    assert not page.editable
    assert not page.add_buttons["harm"].isVisibleTo(page)
    (card,) = page.cards.values()
    assert not card.edit_button.isVisibleTo(page)
    assert card.sentence.text() == "Noa werd geslagen."


def test_a_closed_case_shows_its_statements_without_changing_them(moment, page, ctx, case) -> None:
    statements.add_statement(ctx.uow, moment.id, T.HARM, {"behaviour": "Noa werd geslagen"})
    page.reload()
    assert page.editable
    outcome = households.close_case(ctx.uow, case.id, "Doelen bereikt")
    ctx.signals.emit_changes(outcome.changes)
    assert not page.editable
    assert not any(b.isVisibleTo(page) for b in page.add_buttons.values())
    (card,) = page.cards.values()
    assert card.sentence.text() == "Noa werd geslagen."
    for button in (card.edit_button, card.regenerate_button, card.remove_button):
        assert not button.isVisibleTo(page)
    banner = page.widget().findChild(QWidget, "read-only-banner")
    assert banner is not None and banner.isVisibleTo(page)
    assert banner.text() == _("This case is closed; reopen it to change the statements.")
    # Reopening makes the same tab editable again.
    ctx.run(households.reopen_case, case.id)
    assert page.editable
    assert page.add_buttons["harm"].isVisibleTo(page)
    (card,) = page.cards.values()
    assert card.edit_button.isVisibleTo(page) and card.remove_button.isVisibleTo(page)
    assert page.widget().findChild(QWidget, "read-only-banner") is None


def test_a_closed_case_without_a_moment_offers_no_start(page, ctx, case) -> None:
    assert page.start_button.isVisibleTo(page)
    ctx.run(households.close_case, case.id, "Doelen bereikt")
    assert not page.start_button.isVisibleTo(page)
    banner = page.widget().findChild(QWidget, "read-only-banner")
    assert banner is not None and banner.isVisibleTo(page)
    ctx.run(households.reopen_case, case.id)
    assert page.start_button.isVisibleTo(page)
