"""The statement form's newer parts, by keyboard: several children, a harm's date and
first / worst / last, who will do a safety goal and its period as a number and weeks or
months (an older text shown until a period is chosen), who is worried from the core's list,
and placeholders that never put the family's own names in a violent sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit

from jeugdtool.cases import members
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import StatementType as T

from jeugdtool.ui.framework.statement_dialog import StatementDialog
from jeugdtool.ui.framework.statements_page import StatementsPage

Key = Qt.Key
DAY = dt.date(2026, 3, 2)


@pytest.fixture
def family(uow, case):
    def add(first: str, role: str):
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case.id, fields).value

    return add("Noa", "child"), add("Daan", "child"), add("Sanne", "parent"), add("Mark", "parent")


@pytest.fixture
def moment(uow, case, family):
    return moments.start_moment(uow, case.id, author="A. de Boer", held_on=DAY).value


@pytest.fixture
def page(ctx, case, moment, qtbot) -> StatementsPage:
    widget = StatementsPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def _focus():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _open(qtbot, page: StatementsPage, kind: T, dto=None) -> StatementDialog:
    dialog = page.edit_statement(dto) if dto is not None else page.add_statement(kind)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_a_danger_statement_about_two_children_ticked_by_keyboard(page, family, qtbot):
    noa, daan = family[0], family[1]
    dialog = _open(qtbot, page, T.DANGER)
    dialog.fields["behaviour"].setPlainText("vader slaat de kinderen")
    dialog.fields["impact"].setPlainText("gewond raken")
    dialog.children_list.setFocus()
    _press(qtbot, Key.Key_Space)  # Noa
    _press(qtbot, Key.Key_Down)
    _press(qtbot, Key.Key_Space)  # Daan
    assert dialog.values()["children"] == (noa.id, daan.id)
    assert "Noa" in dialog.sentence_box.toPlainText()
    assert "Daan" in dialog.sentence_box.toPlainText()
    _press(qtbot, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(page.of_type(T.DANGER)) == 1)
    danger = page.of_type(T.DANGER)[0]
    assert danger.children == (noa.id, daan.id)
    assert "Noa, Daan" in page.cards[danger.id].meta.text()


def test_who_is_worried_offers_the_cores_choices_with_the_team_and_consultant(page, ctx, case):
    wanted = statements.worried_choices(ctx.uow, case.id)
    assert page.choices().worried == tuple(wanted)
    dialog = page.add_statement(T.DANGER)
    shown = [dialog.who_list.item(i).text() for i in range(dialog.who_list.count())]
    assert shown == list(wanted)


def test_a_harm_statement_with_its_date_and_first_and_last_time(page, family, qtbot):
    dialog = _open(qtbot, page, T.HARM)
    dialog.fields["behaviour"].setPlainText("Mark heeft Noa geslagen")
    dialog.fields["incident_on"].setFocus()
    qtbot.keyClicks(_focus(), "14-02-2026")
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.marks.boxes["first"]
    _press(qtbot, Key.Key_Space)
    _press(qtbot, Key.Key_Tab)
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.marks.boxes["last"]
    _press(qtbot, Key.Key_Space)
    values = dialog.values()
    assert values["incident_on"] == dt.date(2026, 2, 14)
    assert values["incident_marks"] == ("first", "last")
    _press(qtbot, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(page.of_type(T.HARM)) == 1)
    harm = page.of_type(T.HARM)[0]
    assert (harm.incident_on, harm.incident_marks) == (dt.date(2026, 2, 14), ("first", "last"))
    assert format_date_nl(dt.date(2026, 2, 14)) in page.cards[harm.id].meta.text()


def test_a_wrong_incident_date_keeps_everything_typed(page, qtbot):
    dialog = _open(qtbot, page, T.HARM)
    dialog.fields["behaviour"].setPlainText("Mark heeft Noa geslagen")
    dialog.fields["incident_on"].setText("31-02-2026")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors["incident_on"].isVisibleTo(dialog)
    assert dialog.fields["behaviour"].toPlainText() == "Mark heeft Noa geslagen"


def test_a_goals_period_and_who_will(page, moment, family, ctx, qtbot):
    danger = statements.add_statement(ctx.uow, moment.id, T.DANGER, {"behaviour": "x y z"}).value
    old = statements.add_statement(
        ctx.uow,
        moment.id,
        T.SAFETY_GOAL,
        {"pairs_with": danger.lineage, "carers_will": "bellen", "sustained_for": "tot de zomer"},
    ).value
    page.reload()
    dialog = _open(qtbot, page, T.SAFETY_GOAL, page.of_type(T.SAFETY_GOAL)[0])
    assert old.sustained_amount is None
    assert dialog.period.legacy.isVisibleTo(dialog)
    assert "tot de zomer" in dialog.period.legacy.text()
    dialog.period.amount.setFocus()
    _press(qtbot, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(_focus(), "10")
    _press(qtbot, Key.Key_Tab)
    _press(qtbot, Key.Key_Up)  # months -> weeks
    assert not dialog.period.legacy.isVisibleTo(dialog)
    dialog.will_list.item(0).setCheckState(Qt.CheckState.Checked)  # Sanne
    dialog.will_other.setText("oma Ria")
    values = dialog.values()
    assert (values["sustained_amount"], values["sustained_unit"]) == (10, "weeks")
    assert values["sustained_for"] == ""
    assert values["who_will"] == ("Sanne Jansen", "oma Ria")
    dialog.accept()
    goal = page.of_type(T.SAFETY_GOAL)[0]
    assert (goal.sustained_amount, goal.sustained_unit, goal.who_will) == (
        10,
        "weeks",
        ("Sanne Jansen", "oma Ria"),
    )
    meta = page.cards[goal.id].meta.text()
    assert "oma Ria" in meta and "10" in meta


@pytest.mark.parametrize("kind", [T.DANGER, T.HARM, T.SAFETY_GOAL])
def test_no_placeholder_names_the_family(page, family, kind):
    dialog = page.add_statement(kind)
    names = {p.first_name for p in family} | {p.last_name for p in family}
    for widget in dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QLineEdit):
        words = set(widget.placeholderText().replace(",", " ").replace(":", " ").split())
        assert not names & words, widget.placeholderText()
    dialog.close()
