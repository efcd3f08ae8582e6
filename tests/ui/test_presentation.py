"""Presentation mode: a meeting run on the big screen by keyboard only, with names hidden."""

from __future__ import annotations

import re

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.export.demo import load_demo
from jeugdtool.framework import scale
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.meetings.names import COMMON_WORDS

from jeugdtool.ui.framework.scale_chart import ScaleChart
from jeugdtool.ui.meetings.presentation import PresentationWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def meeting(ctx):
    """Two demo cases on the agenda (Jansen, Meijer-Dijkstra), an invited partner, names hidden;
    the question, a reason and the notes name people."""
    uow = ctx.uow
    cases = load_demo(uow).value
    jansen, meijer = cases[0], cases[2]
    detail = meetings.create_meeting(uow, {"title": "Team Oost", "hide_names": True}).value
    mid = detail.meeting.id
    visser = meetings.add_participant(uow, mid, {"name": "J. Visser"}).value
    meetings.add_participant(uow, mid, {"name": "M. Kaya"})
    meetings.add_participant(
        uow, mid, {"name": "K. Hoekstra", "kind": "partner", "organisation": "mentor van Daan"}
    )
    detail = agenda.add_case(uow, mid, jansen.id, "Veilig genoeg nu Sandra oma Ria belt?").value
    agenda.add_case(uow, mid, meijer.id, "Hoe verder met de omgang tussen Erik en Lars?")
    item = detail.items[0]
    agenda.record_score(uow, item.id, visser.id, 6, "Sandra Jansen houdt zich aan het plan")
    agenda.update_item(uow, item.id, {"notes": "Daan gaat beter naar school."})
    return mid, (jansen.id, meijer.id)


def press(qtbot, window: QWidget, key: Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard is: the focused field, else the window."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)
    QApplication.processEvents()  # what is on screen once the event loop has drawn it


def type_text(qtbot, window: QWidget, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget() or window, text)


def at(case: int, view: int) -> str:
    """The footer's position text, in the language the tests run in."""
    return _("case {case} of {cases} · view {view} of {views}").format(
        case=case, cases=2, view=view, views=8
    )


def view_texts(window: PresentationWindow) -> list[str]:
    """Everything the current view shows as text: labels, fields, tables, chart legends."""
    view = window.stack.currentWidget()
    out: list[str] = [window.footer_position.text(), window.footer_names.text()]
    for widget in [view, *view.findChildren(QWidget)]:
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel):
            out.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            out.append(widget.toPlainText())
        elif isinstance(widget, QLineEdit):
            out.append(widget.text())
        elif isinstance(widget, QComboBox):
            out += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            model = widget.model()
            for row in range(model.rowCount()):
                out.append(str(model.headerData(row, Qt.Orientation.Vertical)))
                for column in range(model.columnCount()):
                    out.append(str(model.index(row, column).data()))
            for column in range(model.columnCount()):
                out.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
        elif isinstance(widget, ScaleChart):
            out += widget.series_names()
    return out


def forbidden_names(ctx, case_id: int) -> set[str]:
    """Full names, and first and last names (not "van", "de"), of the case's household and
    network members and of the invited partner."""
    detail = queries.get_case(ctx.uow, case_id)
    names = {"K. Hoekstra"} | {p.full_name for p in detail.persons}
    names |= {n.name for n in detail.network}
    parts = {
        part
        for name in names
        for part in re.split(r"[\s\-]+", name)
        if len(part) > 2 and part[0].isupper()
    }
    return names | parts


def leaked(texts: list[str], names: set[str]) -> set[str]:
    """Names found in the texts; a name part that is also an ordinary word ("Meer") counts
    only where written as a name (capitalised): "niet meer" is no leak."""
    joined = "\n".join(texts)
    return {
        n
        for n in names
        if re.search(
            rf"(?<!\w){re.escape(n)}(?!\w)",
            joined,
            0 if n.casefold() in COMMON_WORDS else re.I,
        )
    }


@pytest.fixture
def window(ctx, meeting, qtbot):
    found = PresentationWindow(ctx, meeting[0])
    qtbot.addWidget(found)
    found.start()
    qtbot.waitExposed(found)
    QApplication.processEvents()
    return found


def test_every_view_of_both_cases_hides_every_name(ctx, meeting, window, qtbot):
    names = [forbidden_names(ctx, case_id) for case_id in meeting[1]]
    seen: list[tuple[str, list[str]]] = []
    for step in range(16):
        texts = view_texts(window)
        found = leaked(texts, names[step // 8])
        seen.append((window.footer_position.text(), texts))
        assert not found, (window.footer_position.text(), found)
        press(qtbot, window, Key.Key_Right)
    footers = [footer for footer, _t in seen]
    assert footers[0] == at(1, 1)
    assert footers[8] == at(2, 1)  # Right at the last view: the next case
    assert footers[-1] == at(2, 8)
    everything = "\n".join(t for _f, texts in seen for t in texts)
    # What is shown instead: initials with roles, and the content itself.
    assert "Gezin J." in everything
    assert "S.J." in everything
    assert "Gezin M.-D." in everything
    assert "S. J. houdt zich aan het plan" not in everything
    assert "S.J. houdt zich aan het plan" in everything  # the reason of a round score
    assert "D. gaat beter naar school." in everything
    assert _("Names hidden") in window.footer_names.text()


def test_navigation_keys(window, qtbot):
    press(qtbot, window, Key.Key_Down)
    assert window.footer_position.text() == at(2, 1)
    press(qtbot, window, Key.Key_Left)  # back across the case boundary: the last view before
    assert window.footer_position.text() == at(1, 8)
    press(qtbot, window, Key.Key_PageDown, CTRL)
    assert window.footer_position.text() == at(2, 1)
    press(qtbot, window, Key.Key_1)
    assert window.footer_position.text() == at(1, 1)
    press(qtbot, window, Key.Key_End)
    assert window.footer_position.text() == at(2, 8)
    press(qtbot, window, Key.Key_Home)
    press(qtbot, window, Key.Key_PageDown)
    assert window.footer_position.text() == at(1, 2)
    press(qtbot, window, Key.Key_Escape)
    assert not window.isVisible()


def test_round_score_entered_by_keyboard_once_unlocked(ctx, meeting, window, qtbot):
    jansen = meeting[1][0]
    before = {s.id for s in scale.list_scores(ctx.uow, jansen)}
    for _step in range(3):
        press(qtbot, window, Key.Key_Right)
    press(qtbot, window, Key.Key_Return)  # locked: Enter does nothing
    assert QApplication.focusWidget() in (None, window)
    press(qtbot, window, Key.Key_E, CTRL)
    assert window.footer_lock.text() == _("EDITING UNLOCKED (Ctrl+E locks)")
    press(qtbot, window, Key.Key_Return)
    form = window.round_view.form
    assert QApplication.focusWidget() is form.participant
    assert form.participant.currentText() == "M. Kaya"  # the first without a score yet
    press(qtbot, window, Key.Key_Tab)
    type_text(qtbot, window, "12")
    press(qtbot, window, Key.Key_Return)
    assert form.error.isVisible() and form.score.text() == "12"  # refused, nothing lost
    form.score.clear()
    type_text(qtbot, window, "4")
    press(qtbot, window, Key.Key_Tab)
    type_text(qtbot, window, "Nog te vroeg om af te schalen")
    press(qtbot, window, Key.Key_Return)
    stored = [
        s
        for s in scale.list_scores(ctx.uow, jansen)
        if s.context is ScoreContext.REFLECTIVE_PRACTICE and s.id not in before
    ]
    assert [(s.score, s.reason, s.role) for s in stored] == [
        (4, "Nog te vroeg om af te schalen", RaterRole.COLLEAGUE)
    ]
    assert "M. Kaya: 4" in view_texts(window)
    ctx.undo_stack.undo()
    assert "M. Kaya: 4" not in view_texts(window)
    press(qtbot, window, Key.Key_Escape)  # out of the field
    assert window.isVisible()
    press(qtbot, window, Key.Key_Escape)  # out of presentation
    assert not window.isVisible()


def test_hide_names_switch_is_saved_and_undoable(ctx, meeting, window, qtbot):
    press(qtbot, window, Key.Key_H, CTRL)
    assert meetings.get_meeting(ctx.uow, meeting[0]).meeting.hide_names is False
    assert window.footer_names.text() == _("Names shown")
    assert "1. 2026-0001 Gezin Jansen" in window.views[0].title.text()
    ctx.undo_stack.undo()
    assert meetings.get_meeting(ctx.uow, meeting[0]).meeting.hide_names is True
    assert "Gezin J." in window.views[0].title.text()


def test_notes_typed_in_place_are_saved_and_names_guard_the_text(ctx, meeting, window, qtbot):
    press(qtbot, window, Key.Key_End)  # the conclusions of case 2 (no names in them yet)
    press(qtbot, window, Key.Key_E, CTRL)
    press(qtbot, window, Key.Key_Return)
    type_text(qtbot, window, "Omgang onder begeleiding")
    press(qtbot, window, Key.Key_Escape)  # leaving the field saves it
    item = meetings.get_meeting(ctx.uow, meeting[0]).items[1]
    assert item.notes == "Omgang onder begeleiding"
    press(qtbot, window, Key.Key_Up)
    press(qtbot, window, Key.Key_End)
    press(qtbot, window, Key.Key_Up)  # case 1, whose notes name Daan
    for _step in range(7):
        press(qtbot, window, Key.Key_Right)
    notes, message = window.conclusions.fields["notes"]
    assert notes.isReadOnly() and notes.toPlainText() == "D. gaat beter naar school."
    assert "Ctrl+H" in message.text()
