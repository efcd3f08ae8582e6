"""The network meeting by keyboard: the page in the case (Ctrl+Shift+B), the sitting's five
steps typed and ticked without a mouse, each saved when going on (Ctrl+Enter) and each undone
on its own; a wrong date keeps what was typed and records nothing."""

from __future__ import annotations

import pytest
from network_data import TODAY
from network_data import meeting_input
from network_data import network_family

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import network_meetings as nm
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework.vocab import AcceptedHow

from jeugdtool.ui.network.page import NetworkMeetingsPage
from jeugdtool.ui.network.sitting import SittingDialog
from jeugdtool.ui.workspace.workspace import NETWORK
from jeugdtool.ui.workspace.workspace import CaseWorkspace

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def n(ctx, case):
    return network_family(ctx.uow, case.id)


@pytest.fixture
def sitting(ctx, case, n, qtbot):
    dialog = SittingDialog(ctx, case.id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    """A key to whatever has the keyboard now (as a user's key goes)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, k, modifier)


def type_text(qtbot, text: str):
    qtbot.keyClicks(QApplication.focusWidget(), text)


def next_step(qtbot):
    key(qtbot, Qt.Key.Key_Return, CTRL)


def _parties(ctx, n):
    plan = plans.get_plan(ctx.uow, n.draft.id)
    return {p.source.label: p for a in plan.agreements for p in a.parties}


def test_a_whole_sitting_by_keyboard_saves_each_step_and_undoes_each(ctx, case, n, sitting, qtbot):
    assert sitting.who.date.hasFocus()
    assert sitting.who.date.text() == format_date_nl(TODAY)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Bij Sanne thuis")
    key(qtbot, Qt.Key.Key_Tab)
    assert sitting.who.people.hasFocus()
    labels = [o.label for o in sitting.who.options]
    for row, label in enumerate(labels):  # Down to each of Sanne and oma Ria, Space ticks
        if "Sanne" in label or "Ria" in label:
            sitting.who.people.setCurrentRow(row)
            key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "meester Jan; juf Els")
    key(qtbot, Qt.Key.Key_Tab)
    assert sitting.who.chair.hasFocus()
    key(qtbot, Qt.Key.Key_Down)  # the first attendee: Sanne
    next_step(qtbot)

    (meeting,) = nm.list_meetings(ctx.uow, case.id)
    names = [a.source.label for a in meeting.attendees]
    assert names == ["Sanne Jansen", "Ria de Vries", "meester Jan", "juf Els"]
    assert (meeting.place, meeting.chair.source.label) == ("Bij Sanne thuis", "Sanne Jansen")
    assert sitting.stack.currentWidget() is sitting.shared

    # 2. what was shared: Space ticks the danger statement, then what was decided
    assert sitting.shared.statements.hasFocus()
    row = sitting.shared.lineages.index(n.f.danger.lineage)
    sitting.shared.statements.setCurrentRow(row)
    key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Wat Veilig Thuis zag")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Oma Ria haalt Noa dinsdag op")
    next_step(qtbot)
    detail = nm.get_meeting(ctx.uow, meeting.id)
    assert detail.meeting.shared == (n.f.danger.lineage,)
    assert detail.meeting.decisions == "Oma Ria haalt Noa dinsdag op"

    # 3. the scale round: a digit per attendee, Tab to why and on to the next person
    assert sitting.stack.currentWidget() is sitting.round
    assert [r.attendee.name for r in sitting.round.rows][:2] == ["Sanne Jansen", "Ria de Vries"]
    assert sitting.round.rows[0].row.hasFocus()
    key(qtbot, Qt.Key.Key_6)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Geen ruzie meer")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Hulp bij geldzaken")
    key(qtbot, Qt.Key.Key_Tab)
    assert sitting.round.rows[1].row.hasFocus()
    key(qtbot, Qt.Key.Key_4)
    next_step(qtbot)  # oma Ria gave no reason: said under her row, nothing saved yet
    assert sitting.stack.currentWidget() is sitting.round
    assert sitting.round.rows[1].error.isVisible()
    assert not sitting.round.rows[0].error.isVisible()
    assert sitting.round.rows[1].reason.hasFocus()
    assert sitting.round.rows[0].reason.toPlainText() == "Geen ruzie meer"
    assert nm.get_meeting(ctx.uow, meeting.id).scores == ()
    type_text(qtbot, "Nog zorgen")
    next_step(qtbot)
    detail = nm.get_meeting(ctx.uow, meeting.id)
    scores = {s.source.label: (s.score, s.reason, s.one_higher) for s in detail.scores}
    assert scores == {
        "Sanne Jansen": (6, "Geen ruzie meer", "Hulp bij geldzaken"),
        "Ria de Vries": (4, "Nog zorgen", ""),
    }

    # 4. acceptance: J for Sanne, N for oma Ria
    assert sitting.acceptance.table.hasFocus()
    who = [p.source.label for p in sitting.acceptance.parties]
    assert who == ["Sanne Jansen", "Ria de Vries"]
    key(qtbot, Qt.Key.Key_J)
    key(qtbot, Qt.Key.Key_N)
    next_step(qtbot)
    parties = _parties(ctx, n)
    assert parties["Sanne Jansen"].accepted is True
    assert parties["Ria de Vries"].accepted is False
    assert parties["Sanne Jansen"].accepted_how is AcceptedHow.MEETING
    assert parties["Sanne Jansen"].accepted_on == TODAY

    # 5. no finalised plan: nothing to review; Ctrl+Enter finishes
    assert sitting.stack.currentWidget() is sitting.review
    assert not sitting.review.enabled.isEnabled()
    next_step(qtbot)
    assert sitting.result() == SittingDialog.DialogCode.Accepted

    # each step is one undo step, undone latest first
    assert ctx.undo_stack.count() == 4
    ctx.undo_stack.undo()
    assert {p.accepted for p in _parties(ctx, n).values()} == {None}
    ctx.undo_stack.undo()
    assert [s for s in scale.list_scores(ctx.uow, case.id)] == []
    ctx.undo_stack.undo()
    assert nm.get_meeting(ctx.uow, meeting.id).meeting.shared == ()
    ctx.undo_stack.undo()
    assert nm.list_meetings(ctx.uow, case.id) == []
    while ctx.undo_stack.canRedo():
        ctx.undo_stack.redo()
    (again,) = nm.list_meetings(ctx.uow, case.id)
    assert again.id == meeting.id
    assert _parties(ctx, n)["Sanne Jansen"].accepted is True


def test_a_wrong_date_keeps_what_was_typed_and_records_nothing(ctx, case, n, sitting, qtbot):
    sitting.who.date.selectAll()
    type_text(qtbot, "31-02-2026")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Op school")
    next_step(qtbot)
    assert nm.list_meetings(ctx.uow, case.id) == []
    assert sitting.stack.currentWidget() is sitting.who
    assert sitting.who.errors["held_on"].isVisible()
    assert "31-02-2026" in sitting.who.errors["held_on"].text()
    assert (sitting.who.date.text(), sitting.who.place.text()) == ("31-02-2026", "Op school")
    assert sitting.who.date.hasFocus()
    assert ctx.undo_stack.count() == 0


def _tick(sitting, name: str) -> None:
    row = next(i for i, o in enumerate(sitting.who.options) if name in o.label)
    sitting.who.people.item(row).setCheckState(Qt.CheckState.Checked)


def test_nobody_ticked_is_said_under_who_came_and_records_nothing(ctx, case, n, sitting, qtbot):
    next_step(qtbot)
    assert nm.list_meetings(ctx.uow, case.id) == []
    assert sitting.who.errors["attendees"].isVisible()
    _tick(sitting, "Sanne")
    next_step(qtbot)
    assert not sitting.who.errors["attendees"].isVisible()
    assert len(nm.list_meetings(ctx.uow, case.id)) == 1


def test_back_and_on_again_changes_the_meeting_once(ctx, case, n, sitting, qtbot):
    sitting.who.place.setText("Op kantoor")
    _tick(sitting, "Sanne")
    next_step(qtbot)
    (meeting,) = nm.list_meetings(ctx.uow, case.id)
    sitting.back_button.click()
    assert sitting.stack.currentWidget() is sitting.who
    sitting.who.place.setText("Bij oma Ria")
    next_step(qtbot)
    next_step(qtbot)  # step 2 unchanged: nothing more saved
    assert [m.place for m in nm.list_meetings(ctx.uow, case.id)] == ["Bij oma Ria"]
    assert ctx.undo_stack.count() == 2
    assert nm.list_meetings(ctx.uow, case.id)[0].id == meeting.id


def test_the_page_has_its_key_lists_meetings_and_removes_one_undoably(
    ctx, case, n, qtbot, fake_dialogs
):
    nm.record_meeting(ctx.uow, case.id, meeting_input(n, decisions="Oma haalt Noa op"))
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    with qtbot.waitActive(workspace):
        workspace.show()
        workspace.activateWindow()
    workspace.nav.setFocus()
    qtbot.keyClick(workspace.nav, Qt.Key.Key_B, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert workspace.nav.currentRow() == NETWORK
    page = workspace.network.ensure_built()
    assert isinstance(page, NetworkMeetingsPage)
    qtbot.waitUntil(page.section.table.isVisible)
    page.reload()
    assert page.model.rowCount() == 1
    assert "Oma haalt Noa op" in page.details.text()
    assert "Sanne Jansen" in page.details.text()
    fake_dialogs.answers.append(True)
    page.section.table.setFocus()
    qtbot.waitUntil(page.section.table.hasFocus)
    qtbot.keyClick(page.section.table, Qt.Key.Key_Delete)
    assert fake_dialogs.errors == []
    assert nm.list_meetings(ctx.uow, case.id) == []
    ctx.undo_stack.undo()
    assert len(nm.list_meetings(ctx.uow, case.id)) == 1


def test_a_review_with_goal_judgements_is_held_in_the_meeting(ctx, case, n, qtbot):
    from jeugdtool.framework import goals
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plan_reviews
    from jeugdtool.framework.vocab import Judgement
    from jeugdtool.framework.vocab import Kept

    plan_finalise.finalise(ctx.uow, n.draft.id, by="A. de Boer", override_reason="test")
    dialog = SittingDialog(ctx, case.id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    _tick(dialog, "Sanne")
    for _step in range(4):
        next_step(qtbot)
    review = dialog.review
    assert dialog.stack.currentWidget() is review
    assert review.enabled.isEnabled() and not review.note.isEnabled()
    review.enabled.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert review.note.isEnabled()
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Het gaat beter")
    key(qtbot, Qt.Key.Key_Tab)
    assert review.kept[0].hasFocus()
    key(qtbot, Qt.Key.Key_Down)  # the first answer: kept
    goal = review.goals.index(next(g for g in review.goals if g.lineage == n.f.goal.lineage))
    review.judged[goal].setCurrentIndex(review.judged[goal].findData(Judgement.MET))
    review.seen[goal].setText(format_date_nl(TODAY))
    next_step(qtbot)
    assert dialog.result() == SittingDialog.DialogCode.Accepted
    (meeting,) = nm.list_meetings(ctx.uow, case.id)
    (held,) = plan_reviews.list_reviews(ctx.uow, case.id)
    assert (held.note, held.network_meeting_id, held.held_on) == (
        "Het gaat beter",
        meeting.id,
        TODAY,
    )
    assert [(r.agreement_lineage, r.kept) for r in held.results] == [
        (n.agreement.lineage, Kept.YES)
    ]
    track = next(t for t in goals.goal_tracks(ctx.uow, case.id) if t.lineage == n.f.goal.lineage)
    assert (track.latest.judgement, track.seen_since) == (Judgement.MET, TODAY)
    ctx.undo_stack.undo()  # the review goes, and the judgement given with it
    assert plan_reviews.list_reviews(ctx.uow, case.id) == ()


def test_an_open_meeting_shows_what_was_recorded_and_asks_only_who_did_not_score(
    ctx, case, n, qtbot
):
    from jeugdtool.dossier.network_dto import RoundScore
    from jeugdtool.framework.vocab import RaterRole

    recorded = nm.record_meeting(ctx.uow, case.id, meeting_input(n, told="Over de ruzies"))
    meeting = recorded.value.meeting
    sanne = n.f.source(n.f.sanne)
    nm.score_round(ctx.uow, meeting.id, [RoundScore(sanne, RaterRole.PARENT, 5, "Beter")])
    dialog = SittingDialog(ctx, case.id, meeting=nm.get_meeting(ctx.uow, meeting.id))
    qtbot.addWidget(dialog)
    ticked = [
        o.name
        for row, o in enumerate(dialog.who.options)
        if dialog.who.people.item(row).checkState() is Qt.CheckState.Checked
    ]
    assert ticked == ["Sanne Jansen", "Ria de Vries"]
    assert dialog.who.chair.currentText() == "Sanne Jansen"
    assert dialog.who.place.text() == "Bij Sanne thuis"
    assert dialog.shared.told.toPlainText() == "Over de ruzies"
    dialog.go_next()
    dialog.go_next()
    assert ctx.undo_stack.count() == 0  # nothing changed: nothing saved
    assert [r.attendee.name for r in dialog.round.rows] == ["Ria de Vries"]
