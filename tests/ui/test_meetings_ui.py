"""The meetings window as the chair uses it: plan a meeting, invite people, put cases on the
agenda, run the scale round by keyboard, record the outcome, search, remove and undo."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.framework import scale
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.meetings.header import HIDE_NAMES_NOTE
from jeugdtool.ui.meetings.round_grid import spread_text
from jeugdtool.ui.meetings.window import MeetingsWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
DAY = dt.date(2026, 11, 12)


@pytest.fixture
def second_case(uow):
    return households.create_case(uow, name="Gezin Öztürk", case_number="2026-0031").value


@pytest.fixture
def window(ctx, qtbot) -> MeetingsWindow:
    w = MeetingsWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1500, 950)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    return w


@pytest.fixture
def planned(ctx, case, second_case):
    """A meeting with three participants and two cases, made through the services."""
    detail = ctx.run(meetings.create_meeting, {"held_on": DAY, "title": "Team Noord"})
    mid = detail.meeting.id
    for name, kind in (("A. de Boer", "consultant"), ("B. Visser", "consultant")):
        ctx.run(meetings.add_participant, mid, {"name": name, "kind": kind})
    ctx.run(meetings.add_participant, mid, {"name": "Fatma Yıldız", "kind": "partner"})
    ctx.run(agenda.add_case, mid, case.id, "Veilig genoeg om af te schalen?")
    return ctx.run(agenda.add_case, mid, second_case.id, "")


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot, *keys: str | Key) -> None:
    """Type text or press keys into whatever has the focus, as a user does."""
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(_focus(), key)
        else:
            qtbot.keyClick(_focus(), key)


def _choose(window: MeetingsWindow, qtbot) -> None:
    window.list.table.selectRow(0)
    qtbot.waitUntil(lambda: window.editor.detail is not None)


def test_plan_a_meeting_with_participants_and_two_cases(
    window, ctx, case, second_case, qtbot
) -> None:
    qtbot.keyClick(window.list.search, Key.Key_N, CTRL)
    assert window.list.model.rowCount() == 1
    header = window.editor.header
    assert header.title.hasFocus()  # a new meeting starts at its title
    _type(qtbot, "Reflectieve praktijk Noord", Key.Key_Return)
    detail = meetings.list_meetings(ctx.uow)[0]
    assert (detail.title, detail.chair, detail.held_on) == (
        "Reflectieve praktijk Noord",
        "A. de Boer",
        dt.date.today(),
    )

    people = window.editor.participants
    people.name.setFocus()
    _type(qtbot, "A. de Boer", Key.Key_Return, "Fatma Kaya")
    people.kind.setCurrentIndex(1)
    people.organisation.setFocus()
    _type(qtbot, "IB'er De Regenboog", Key.Key_Return)
    names = [people.table.item(r, 0).text() for r in range(people.table.rowCount())]
    assert names == ["A. de Boer", "Fatma Kaya"]
    assert people.table.item(1, 1).text() == _("Invited partner")
    assert people.table.item(1, 2).text() == "IB'er De Regenboog"

    # The same name twice is refused next to the field, and what was typed stays.
    people.name.setFocus()
    _type(qtbot, "A. de Boer", Key.Key_Return)
    assert not people.error.isHidden() and "A. de Boer" in people.error.text()
    assert people.name.currentText() == "A. de Boer"

    agenda_panel = window.editor.agenda
    agenda_panel.search.setFocus()
    _type(qtbot, "ozturk", Key.Key_Return)  # accents aside
    _type(qtbot, "0012", Key.Key_Return)
    assert [agenda_panel.list.item(r).text() for r in range(2)] == [
        "1. 2026-0031 Gezin Öztürk",
        "2. 2026-0012 Gezin Jansen",
    ]
    # The case just added is the one being recorded; its question is typed there.
    panel = window.editor.item_panel
    assert panel.title.text() == "2026-0012 Gezin Jansen"
    question = panel.edits["question"]
    question.setFocus()
    _type(qtbot, "Is dit veilig genoeg om af te schalen?", Key.Key_Tab)
    item = meetings.get_meeting(ctx.uow, window.editor.meeting_id).items[1]
    assert item.question == "Is dit veilig genoeg om af te schalen?"

    # Alt+Up moves the case earlier; Delete takes it off; undo puts it back.
    agenda_panel.list.setFocus()
    qtbot.keyClick(agenda_panel.list, Key.Key_Up, ALT)
    order = [i.case_number for i in meetings.get_meeting(ctx.uow, item.meeting_id).items]
    assert order == ["2026-0012", "2026-0031"]
    qtbot.keyClick(agenda_panel.list, Key.Key_Delete)
    assert len(meetings.get_meeting(ctx.uow, item.meeting_id).items) == 1
    ctx.undo_stack.undo()
    assert agenda_panel.list.count() == 2
    assert agenda_panel.list.item(0).text().startswith("1. 2026-0012 Gezin Jansen")


def test_a_scale_round_by_keyboard_with_the_spread_and_undo(
    window, ctx, case, planned, qtbot
) -> None:
    _choose(window, qtbot)
    grid = window.editor.item_panel.round
    assert [r.name.text() for r in grid.rows] == ["A. de Boer", "B. Visser", "Fatma Yıldız"]
    assert grid.spread.text() == spread_text(None)
    grid.rows[0].score.setFocus()
    _type(qtbot, "6", Key.Key_Tab, "Moeder belt als het misgaat", Key.Key_Return)
    assert grid.rows[1].score.hasFocus()  # Enter goes on to the next participant
    _type(qtbot, "4", Key.Key_Return, "Oma is niet altijd bereikbaar", Key.Key_Return)
    _type(qtbot, "10", Key.Key_Tab, "Noa komt uitgerust op school", Key.Key_Return)
    assert window.editor.item_panel.edits["notes"].hasFocus()  # the round is done

    scores = scale.list_scores(ctx.uow, case.id)
    assert sorted((s.source.label, s.score) for s in scores) == [
        ("A. de Boer", 6),
        ("B. Visser", 4),
        ("Fatma Yıldız", 10),
    ]
    assert {(s.role, s.context) for s in scores} == {
        (RaterRole.COLLEAGUE, ScoreContext.REFLECTIVE_PRACTICE)
    }
    assert "4–10" in grid.spread.text() and "6" in grid.spread.text()
    assert grid.strip.scores == [4, 6, 10]

    # A score without a reason is not saved; the message says what is missing.
    ctx.undo_stack.undo()  # Fatma's score is taken back
    assert grid.rows[2].score.text() == "" and grid.rows[2].reason.text() == ""
    assert grid.strip.scores == [4, 6]
    assert len(scale.list_scores(ctx.uow, case.id)) == 2
    grid.rows[2].score.setFocus()
    _type(qtbot, "7", Key.Key_Tab, Key.Key_Return)
    assert not grid.rows[2].error.isHidden()
    assert len(scale.list_scores(ctx.uow, case.id)) == 2
    assert grid.rows[2].score.text() == "7"  # what was typed stays
    assert "4–7" in grid.spread.text()  # the spread follows what is typed

    # Correcting a score is one step; clearing it takes it out (and undo puts it back).
    grid.rows[0].score.setFocus()
    grid.rows[0].score.selectAll()
    _type(qtbot, "5", Key.Key_Return, Key.Key_Return)
    assert sorted(s.score for s in scale.list_scores(ctx.uow, case.id)) == [4, 5]
    grid.rows[1].score.setFocus()
    grid.rows[1].score.selectAll()
    _type(qtbot, Key.Key_Backspace, Key.Key_Tab)
    assert [s.score for s in scale.list_scores(ctx.uow, case.id)] == [5]
    ctx.undo_stack.undo()
    assert grid.rows[1].score.text() == "4"
    ctx.undo_stack.undo()
    assert sorted(s.score for s in scale.list_scores(ctx.uow, case.id)) == [4, 6]


def test_outcome_and_follow_ups_are_saved_and_undone_as_one_edit(
    window, ctx, case, planned, qtbot
) -> None:
    _choose(window, qtbot)
    panel = window.editor.item_panel
    item_id = planned.items[0].id
    panel.edits["advice"].setFocus()
    _type(qtbot, "Plan drie maanden aanhouden.")
    panel.edits["advice"].pause.timeout.emit()  # a pause in typing saves
    _type(qtbot, " Daarna afschalen.", Key.Key_Tab)
    item = meetings.get_meeting(ctx.uow, planned.meeting.id).item(item_id)
    assert item.advice == "Plan drie maanden aanhouden. Daarna afschalen."
    assert ctx.undo_stack.count() == 1  # one visit to the field, one undo step
    ctx.undo_stack.undo()
    assert panel.edits["advice"].toPlainText() == ""

    follow = panel.follow_ups
    follow.what.setFocus()
    _type(qtbot, "School bellen over verzuim", Key.Key_Tab, "B. Visser", Key.Key_Tab)
    _type(qtbot, "31-02-2026", Key.Key_Return)
    assert "31-02-2026" in follow.error.text()  # refused next to the fields, text kept
    assert follow.what.text() == "School bellen over verzuim"
    follow.due.selectAll()
    _type(qtbot, "01-12-2026", Key.Key_Return)
    assert follow.table.rowCount() == 1 and follow.what.text() == ""
    open_ones = agenda.case_follow_ups(ctx.uow, case.id)
    assert [(f.what, f.owner, f.due_on) for f in open_ones] == [
        ("School bellen over verzuim", "B. Visser", dt.date(2026, 12, 1))
    ]
    follow.table.item(0, 3).setCheckState(Qt.CheckState.Checked)
    assert agenda.case_follow_ups(ctx.uow, case.id) == ()
    ctx.undo_stack.undo()
    assert len(agenda.case_follow_ups(ctx.uow, case.id)) == 1
    assert follow.table.item(0, 3).checkState() == Qt.CheckState.Unchecked


def test_search_filters_as_you_type(window, ctx, case, second_case, qtbot) -> None:
    for title, day, who in (
        ("Team Noord", DAY, case),
        ("Team Zuid", DAY + dt.timedelta(days=7), second_case),
    ):
        mid = ctx.run(meetings.create_meeting, {"held_on": day, "title": title}).meeting.id
        ctx.run(agenda.add_case, mid, who.id, "Wat werkt?")
    table = window.list.model
    assert [table.rows[r].title for r in range(table.rowCount())] == ["Team Zuid", "Team Noord"]
    window.list.search.setFocus()
    _type(qtbot, "ozturk")  # the case on the agenda, accents aside
    assert [m.title for m in table.rows] == ["Team Zuid"]
    assert window.editor.detail is not None and window.editor.detail.meeting.title == "Team Zuid"
    window.list.search.clear()
    _type(qtbot, "xyz")
    assert table.rowCount() == 0
    assert window.list.count.text() == _("No meeting matches '{text}'.").format(text="xyz")
    assert window.editor.detail is None and not window.editor.isEnabled()


def test_remove_a_meeting_asks_and_undo_brings_all_of_it_back(
    window, ctx, case, planned, qtbot, fake_dialogs
) -> None:
    _choose(window, qtbot)
    item = planned.items[0]
    boer = planned.participants[0]
    ctx.run(agenda.record_score, item.id, boer.id, 6, "Moeder belt.")
    ctx.run(agenda.add_follow_up, item.id, {"what": "School bellen"})
    fake_dialogs.answers.extend([False, True])
    window.list.table.setFocus()
    qtbot.keyClick(window.list.table, Key.Key_Delete)
    assert window.list.model.rowCount() == 1  # "no": nothing removed
    window.remove_action.trigger()
    assert "Team Noord" in fake_dialogs.questions[-1][1]
    assert window.list.model.rowCount() == 0 and window.editor.detail is None
    assert scale.list_scores(ctx.uow, case.id) == ()
    assert agenda.case_follow_ups(ctx.uow, case.id) == ()
    qtbot.keyClick(window.list.table, Key.Key_Z, CTRL)
    assert window.list.model.rowCount() == 1
    assert [s.score for s in scale.list_scores(ctx.uow, case.id)] == [6]
    assert len(agenda.case_follow_ups(ctx.uow, case.id)) == 1


def test_hide_names_is_explained_on_the_chairs_screen(window, ctx, planned, qtbot) -> None:
    _choose(window, qtbot)
    header = window.editor.header
    assert header.hide_note.isHidden()
    header.hide_names.click()
    assert meetings.get_meeting(ctx.uow, planned.meeting.id).meeting.hide_names
    assert not header.hide_note.isHidden()
    assert header.hide_note.text() == _(HIDE_NAMES_NOTE)
    # The chair still sees the names here.
    grid = window.editor.item_panel.round
    assert "Fatma Yıldız" in [r.name.text() for r in grid.rows]
    ctx.undo_stack.undo()
    assert header.hide_note.isHidden() and not header.hide_names.isChecked()


def test_a_wrong_date_is_refused_next_to_the_field(window, ctx, planned, qtbot) -> None:
    _choose(window, qtbot)
    header = window.editor.header
    header.held_on.setFocus()
    header.held_on.selectAll()
    _type(qtbot, "31-13-2026", Key.Key_Return)
    error = header.bindings["held_on"].error
    assert not error.isHidden() and "31-13-2026" in error.text()
    assert header.held_on.text() == "31-13-2026"
    assert meetings.get_meeting(ctx.uow, planned.meeting.id).meeting.held_on == DAY
    header.held_on.selectAll()
    _type(qtbot, "19-11-2026", Key.Key_Return)
    assert error.isHidden()
    assert window.list.model.rows[0].held_on == dt.date(2026, 11, 19)


def test_the_list_model_passes_the_model_tester(window, planned, qtmodeltester) -> None:
    qtmodeltester.check(window.list.model)


def test_f5_presents_the_chosen_meeting(window, planned, qtbot) -> None:
    _choose(window, qtbot)
    window.list.table.setFocus()
    qtbot.keyClick(window.list.table, Key.Key_F5)
    shown = window.presentation
    assert shown is not None and shown.isVisible()
    qtbot.addWidget(shown)
    assert shown.detail.meeting.id == planned.meeting.id
    shown.close()


def test_delete_removes_a_follow_up_and_a_participant_undoably(window, ctx, planned, qtbot):
    item = planned.items[0]
    ctx.run(agenda.add_follow_up, item.id, {"what": "School bellen", "owner": "B. Visser"})
    _choose(window, qtbot)
    follow_ups = window.editor.item_panel.follow_ups
    qtbot.waitUntil(lambda: follow_ups.table.rowCount() == 1)
    follow_ups.table.setCurrentCell(0, 0)
    qtbot.keyClick(follow_ups.table, Key.Key_Delete)
    assert agenda.case_follow_ups(ctx.uow, item.household_id) == ()
    ctx.undo_stack.undo()
    assert [f.what for f in agenda.case_follow_ups(ctx.uow, item.household_id)] == ["School bellen"]

    people = window.editor.participants
    people.table.setCurrentCell(2, 0)
    qtbot.keyClick(people.table, Key.Key_Delete)
    names = [p.name for p in meetings.get_meeting(ctx.uow, planned.meeting.id).participants]
    assert names == ["A. de Boer", "B. Visser"]
