"""A safety goal's own track on the scale page, judged by keyboard and undone; the overview's
closure proposal once every goal has held; the closing dialog started from the goals'
outcomes and the network's plan."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel

from jeugdtool.cases import members
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import goals
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.vocab import GoalOutcome

from jeugdtool.ui.closing.closing_dialog import ClosingDialog
from jeugdtool.ui.framework.goal_tracks import JudgementDialog
from jeugdtool.ui.framework.scale_page import ScalePage
from jeugdtool.ui.workspace.closure_proposal import ClosureProposalPanel

Key = Qt.Key
TODAY = dt.date.today()
LONG_AGO = TODAY - dt.timedelta(days=130)


@pytest.fixture
def goal(uow, case):
    fields = {"first_name": "Noa", "last_name": "Jansen", "role": "child"}
    members.add_person(uow, case.id, fields)
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=LONG_AGO).value
    danger = statements.add_statement(
        uow, moment.id, StatementType.DANGER, {"behaviour": "vader slaat de kinderen"}
    ).value
    return statements.add_statement(
        uow,
        moment.id,
        StatementType.SAFETY_GOAL,
        {
            "pairs_with": danger.lineage,
            "carers_will": "lossen ruzies op zonder geweld",
            "sustained_amount": 3,
            "sustained_unit": "months",
        },
    ).value


@pytest.fixture
def page(ctx, case, goal, qtbot):
    widget = ScalePage(ctx, case.id)
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


def test_a_goal_is_judged_by_keyboard_and_its_track_shows_it_until_undone(page, ctx, qtbot):
    tracks = page.goal_tracks
    model = tracks.model
    assert model.rowCount() == 1
    assert model.display(model.row_at(0), model.HISTORY) == _("Not judged yet")
    assert model.display(model.row_at(0), model.PERIOD) == goals_period_words()
    tracks.table.setFocus()
    tracks.select_row(0)
    qtbot.keyClick(tracks.table, Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), JudgementDialog))
    dialog = QApplication.activeWindow()
    assert _focus() is dialog.judgement
    qtbot.keyClick(_focus(), Key.Key_Down)  # (choose) -> met
    assert dialog.judgement.currentData() == Judgement.MET.value
    qtbot.keyClick(_focus(), Key.Key_Tab)
    assert _focus() is dialog.on
    qtbot.keyClick(_focus(), Key.Key_Tab)
    assert _focus() is dialog.seen_since
    qtbot.keyClicks(_focus(), format_date_nl(LONG_AGO))
    qtbot.keyClick(_focus(), Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    row = model.row_at(0)
    assert row.track.held
    assert format_date_nl(TODAY) in model.display(row, model.HISTORY)
    assert model.display(row, model.SEEN) == format_date_nl(LONG_AGO)
    assert model.display(row, model.STATE) == _("Held for its whole period")
    ctx.undo_stack.undo()
    assert model.display(model.row_at(0), model.HISTORY) == _("Not judged yet")
    ctx.undo_stack.redo()
    assert model.row_at(0).track.held


def goals_period_words() -> str:
    from jeugdtool.framework.goal_rules import period_words

    return period_words(3, "months")


def test_a_judgement_in_the_future_stays_in_the_dialog_with_its_message(page, qtbot):
    dialog = page.goal_tracks.judge(None)
    assert dialog is not None
    dialog.judgement.setCurrentIndex(dialog.judgement.findData(Judgement.NOT_MET.value))
    dialog.on.setText(format_date_nl(TODAY + dt.timedelta(days=3)))
    dialog.note.setPlainText("Nog niet gezien")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors["judged_on"].isVisibleTo(dialog)
    assert dialog.note.toPlainText() == "Nog niet gezien"


def test_the_overview_proposes_closure_and_the_closing_starts_from_the_outcomes(
    ctx, case, goal, qtbot
):
    panel = ClosureProposalPanel(ctx, case.id)
    qtbot.addWidget(panel)
    assert panel.isHidden()  # not judged yet: no proposal
    goals.judge_goal(ctx.uow, case.id, goal.lineage, Judgement.MET, on=TODAY, seen_since=LONG_AGO)
    panel.reload()
    assert not panel.isHidden()
    assert format_date_nl(panel.proposal.held_since) in panel.text.text()
    form = closing.closing_form(ctx.uow, case.id)
    dialog = ClosingDialog(ctx, case.id, form, None)
    qtbot.addWidget(dialog)
    data = dialog.input()
    assert data.goal_outcomes == ((goal.lineage, goal.text, GoalOutcome.FULLY.value),)
    why = dialog.findChild(QLabel, f"why-{goal.lineage}")
    assert why is not None and format_date_nl(LONG_AGO) in why.text()
    dialog.fields["network_keeps"].setText("Oma haalt de kinderen op dinsdag op")
    dialog.fields["whom_to_call"].setText("Oma Ria, 06-12345678\n\nBuurvrouw Els")
    data = dialog.input()
    assert data.network_keeps == "Oma haalt de kinderen op dinsdag op"
    assert [line for line in data.whom_to_call if line] == ["Oma Ria, 06-12345678", "Buurvrouw Els"]
