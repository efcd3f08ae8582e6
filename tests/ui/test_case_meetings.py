"""The case overview shows the meetings the case was discussed in and its open follow-ups:
overdue ones in red, done ones gone; it follows changes made in the meetings window."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.meetings.window import MeetingsWindow
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.meetings_summary import MeetingsSummary

TODAY = dt.date.today()


@pytest.fixture
def item(ctx, case):
    mid = ctx.run(
        meetings.create_meeting, {"held_on": TODAY - dt.timedelta(days=7), "title": "Team Noord"}
    ).meeting.id
    detail = ctx.run(agenda.add_case, mid, case.id, "Is dit veilig genoeg om af te schalen?")
    return ctx.run(
        agenda.update_item,
        detail.items[0].id,
        {"advice": "Plan aanhouden tot de kerst.", "decisions": "Evaluatie in januari."},
    ).items[0]


@pytest.fixture
def summary(ctx, case, qtbot) -> MeetingsSummary:
    widget = MeetingsSummary(ctx, case.id)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.loaded)
    return widget


def test_a_case_never_discussed_says_so(summary) -> None:
    assert _("Not yet discussed in a reflective practice meeting.") in summary.meetings.text()
    assert _("No open follow-ups.") in summary.follow_ups.text()


def test_the_meeting_with_question_advice_and_decisions(item, summary) -> None:
    text = summary.meetings.text()
    assert (TODAY - dt.timedelta(days=7)).strftime("%d-%m-%Y") in text and "Team Noord" in text
    assert "Is dit veilig genoeg om af te schalen?" in text
    assert "Plan aanhouden tot de kerst." in text and "Evaluatie in januari." in text


def test_follow_ups_appear_overdue_in_red_and_go_when_done(ctx, item, summary) -> None:
    late = ctx.run(
        agenda.add_follow_up,
        item.id,
        {"what": "School bellen", "owner": "B. Visser", "due_on": TODAY - dt.timedelta(days=2)},
    )
    ctx.run(agenda.add_follow_up, item.id, {"what": "Netwerkberaad met oma"})
    text = summary.follow_ups.text()
    assert "School bellen" in text and "Netwerkberaad met oma" in text
    overdue = text.split("School bellen")[1].split("<br>")[0]
    assert colour(Role.ERROR) in overdue and _("overdue") in overdue
    assert colour(Role.ERROR) not in text.split("Netwerkberaad met oma")[1]

    ctx.run(agenda.update_follow_up, late.id, {"done": True})
    assert "School bellen" not in summary.follow_ups.text()

    # Hidden (the consultant is on another page) it only notes the change; shown, it catches up.
    summary.hide()
    ctx.run(agenda.update_follow_up, late.id, {"done": False})
    assert summary.stale and "School bellen" not in summary.follow_ups.text()
    summary.show()
    assert not summary.stale and "School bellen" in summary.follow_ups.text()


def test_a_follow_up_added_in_the_meetings_window_shows_on_the_open_case(
    ctx, case, item, qtbot
) -> None:
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.show()
    shown = workspace.overview.meetings
    qtbot.waitUntil(lambda: shown.loaded)
    assert "Team Noord" in shown.meetings.text()

    window = MeetingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.editor.detail is not None)
    follow = window.editor.item_panel.follow_ups
    follow.what.setText("Huisarts bellen")
    follow.owner.setText("A. de Boer")
    qtbot.keyClick(follow.what, Qt.Key.Key_Return)
    assert "Huisarts bellen" in shown.follow_ups.text()

    follow.table.item(0, 3).setCheckState(Qt.CheckState.Checked)  # done
    assert "Huisarts bellen" not in shown.follow_ups.text()

    # A new title of the meeting reaches the case too.
    header = window.editor.header
    header.title.setText("Team Zuid")
    header.title.save_requested.emit()
    assert "Team Zuid" in shown.meetings.text()
    ctx.undo_stack.undo()
    assert "Team Noord" in shown.meetings.text()


# Bringing the window forward is all a window manager's work; offscreen there is none.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_meeting_on_the_overview_opens_in_the_meetings_window(ctx, case, item, qtbot) -> None:
    later = ctx.run(meetings.create_meeting, {"held_on": TODAY, "title": "Team Zuid"})
    parent = QWidget()
    qtbot.addWidget(parent)
    summary = MeetingsSummary(ctx, case.id, parent)
    parent.show()
    qtbot.waitUntil(lambda: summary.loaded)
    summary.meetings.linkActivated.emit(f"meeting:{item.meeting_id}")
    window = parent.findChild(MeetingsWindow)
    assert window is not None and window.isVisible()
    assert window.editor.detail is not None
    assert window.editor.detail.meeting.title == "Team Noord"  # not the newest, Team Zuid
    assert window.list.model.row_of(later.meeting.id) >= 0
    summary.open_meeting(None)  # the same window comes forward again
    assert parent.findChildren(MeetingsWindow) == [window]
