"""The child's voice on the big screen: each child's newest three houses side by side in the
child's own words, the stories by title, and 'hide names' masking the child's name and the names
in the child's words."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtWidgets import QLabel

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.framework import child_voice as cv
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings

from jeugdtool.ui.meetings.presentation import PresentationWindow
from jeugdtool.ui.meetings.views_child import ChildVoiceView


@pytest.fixture
def window(ctx, qtbot):
    case = households.create_case(ctx.uow, name="Gezin Jansen", case_number="2026-0012").value
    add = members.add_person
    daan = add(ctx.uow, case.id, {"first_name": "Daan", "last_name": "Jansen", "role": "child"})
    add(ctx.uow, case.id, {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"})
    child = daan.value
    for held_on, worries in ((dt.date(2026, 10, 1), "oud"), (dt.date(2026, 11, 2), "nieuw")):
        cv.add_three_houses(
            ctx.uow,
            case.id,
            child_id=child.id,
            held_on=held_on,
            talked_with="A. de Boer",
            worries=f"{worries}: Sandra Jansen schreeuwt",
            good_things="voetbal",
            dreams="",
        )
    cv.add_story(ctx.uow, case.id, child_id=child.id, title="Wat er thuis gebeurde")
    detail = meetings.create_meeting(ctx.uow, {"title": "Team Oost", "hide_names": True}).value
    agenda.add_case(ctx.uow, detail.meeting.id, case.id, "Hoe gaat het met Daan?")
    shown = PresentationWindow(ctx, detail.meeting.id)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    index = next(i for i, v in enumerate(shown.views) if isinstance(v, ChildVoiceView))
    shown.show_position(0, index)
    return shown


def _texts(window: PresentationWindow) -> str:
    view = window.stack.currentWidget()
    return "\n".join(label.text() for label in view.findChildren(QLabel) if label.isVisible())


def test_the_newest_houses_are_shown_side_by_side_with_names_hidden(window) -> None:
    texts = _texts(window)
    assert "nieuw: S.J. schreeuwt" in texts and "oud:" not in texts
    assert "voetbal" in texts and "Wat er thuis gebeurde" in texts
    assert "Daan" not in texts and "Sandra" not in texts
    view = window.stack.currentWidget()
    worries = next(label for label in view.findChildren(QLabel) if label.text().startswith("nieuw"))
    good = next(label for label in view.findChildren(QLabel) if label.text() == "voetbal")
    left, right = (
        worries.mapToGlobal(worries.rect().topRight()),
        good.mapToGlobal(good.rect().topLeft()),
    )
    assert right.x() > left.x() and abs(right.y() - left.y()) < 3 * worries.height()  # side by side
    assert worries.font().pointSizeF() >= 14


def test_names_show_when_not_hidden(ctx, window) -> None:
    window.toggle_names()
    texts = _texts(window)
    assert "Daan Jansen" in texts and "nieuw: Sandra Jansen schreeuwt" in texts
