"""Long texts in fields that wrap and grow: the whole text is in view, Tab moves on, leaving the
field or Ctrl+Enter saves it, and a one-paragraph field stays one line of data."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QMimeData
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import members
from jeugdtool.zrm import assessments

from jeugdtool.ui.plan.agreement_form import AgreementForm
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.zrm.page import ZrmPage

LONG = (
    "Oma Ria belt elke avond om 20.00 uur en hoort aan Sandra of ze nuchter is; de wekelijkse "
    "controle bij de verslavingszorg laat het ook zien, en de school belt bij twijfel."
)
Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def form(qtbot):
    """A field between two others, 420 px wide."""
    box = QWidget()
    layout = QVBoxLayout(box)
    before = QLineEdit(box)  # made in order: the order Tab follows
    field = GrowingTextEdit(box, max_lines=4, one_paragraph=True)
    after = QLineEdit(box)
    for widget in (before, field, after):
        layout.addWidget(widget)
    layout.addStretch(1)
    qtbot.addWidget(box)
    box.resize(420, 400)
    with qtbot.waitActive(box):
        box.show()
        box.activateWindow()
    return box, before, field, after


def test_it_grows_with_its_text_and_scrolls_only_past_its_most(form, qtbot) -> None:
    _box, _before, field, _after = form
    one_line = field.height()
    assert field.lines_shown() == 1
    field.setText(LONG)
    qtbot.waitUntil(lambda: field.lines_shown() > 1)
    assert field.height() > one_line
    assert field.verticalScrollBar().maximum() == 0  # all of it in view
    field.setText(LONG * 4)
    qtbot.waitUntil(lambda: field.lines_shown() == 4)
    assert field.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    field.setText("")
    qtbot.waitUntil(lambda: field.height() == one_line)


def test_tab_moves_on_and_leaving_or_ctrl_enter_finishes(form, qtbot) -> None:
    _box, before, field, after = form
    finished: list[bool] = []
    field.editingFinished.connect(lambda: finished.append(True))
    field.setFocus()
    qtbot.keyClicks(field, "elke avond")
    qtbot.keyClick(field, Key.Key_Return, CTRL)
    assert finished == [True] and field.text() == "elke avond"
    qtbot.keyClick(field, Key.Key_Tab)
    assert QApplication.focusWidget() is after and "\t" not in field.text()
    assert finished == [True, True]  # left: finished again, as a QLineEdit's
    qtbot.keyClick(after, Key.Key_Backtab)
    assert QApplication.focusWidget() is field
    qtbot.keyClick(field, Key.Key_Backtab)
    assert QApplication.focusWidget() is before


def test_one_paragraph_takes_no_line_breaks(form, qtbot) -> None:
    _box, _before, field, _after = form
    field.setFocus()
    qtbot.keyClicks(field, "thuis")
    qtbot.keyClick(field, Key.Key_Return)
    qtbot.keyClicks(field, " bij oma")
    assert field.text() == "thuis bij oma"
    pasted = QMimeData()
    pasted.setText("\nen op\nschool  ")
    field.insertFromMimeData(pasted)
    assert field.text() == "thuis bij omaen op school"


def test_set_text_shows_the_beginning_as_not_modified(form) -> None:
    _box, _before, field, _after = form
    field.setText(LONG * 6)
    assert field.textCursor().position() == 0 and not field.isModified()


def test_the_agreement_form_shows_a_long_check_whole(qtbot) -> None:
    form = AgreementForm()
    qtbot.addWidget(form)
    form.resize(1100, 700)
    form.show()
    form.check.setText(LONG)
    qtbot.waitUntil(lambda: form.check.lines_shown() > 1)
    assert form.check.verticalScrollBar().maximum() == 0
    form.what.setPlainText("Sandra drinkt niet")
    assert form.values()["check"] == LONG


def test_the_zrm_note_saves_when_left_and_on_ctrl_enter(ctx, case, qtbot) -> None:
    sanne = members.add_person(
        ctx.uow, case.id, {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    ).value
    assessments.create_assessment(ctx.uow, sanne.id, assessed_on=dt.date.today())
    page = ZrmPage(ctx, case.id)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    note = page.editor.header.note
    assert isinstance(note, GrowingTextEdit)
    note.setFocus()
    qtbot.keyClicks(note, "Huisbezoek")
    qtbot.keyClick(note, Key.Key_Return, CTRL)
    (saved,) = assessments.list_assessments(ctx.uow, case.id)
    assert saved.note == "Huisbezoek"
    qtbot.keyClicks(note, ", oma erbij")
    page.editor.grid.setFocus()  # leaving the field saves it
    (saved,) = assessments.list_assessments(ctx.uow, case.id)
    assert saved.note == "Huisbezoek, oma erbij"
    assert ctx.undo_stack.count() == 2


def test_an_empty_field_is_as_tall_as_its_placeholder(form, qtbot) -> None:
    box, _before, field, _after = form
    field.setPlaceholderText("Waarom dit cijfer en niet lager? " * 3)
    box.resize(200, 400)
    qtbot.waitUntil(lambda: field.lines_shown() > 1)
    field.setText("6")
    qtbot.waitUntil(lambda: field.lines_shown() == 1)
