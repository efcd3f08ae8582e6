"""Undo and redo of removals in a meeting, back and forth: what was removed comes back with its
ids, at its place, with everything that went with it (the round's scale scores, follow-ups,
a participant's links to the scores they gave), and the next step still fits."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.framework import scale
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.store.guards import comparable

from jeugdtool.ui.commands import execute
from jeugdtool.ui.meetings import commands as mc

DAY = dt.date(2026, 11, 12)


@pytest.fixture
def meeting(ctx, case):
    detail = meetings.create_meeting(ctx.uow, {"held_on": DAY, "title": "Reflectie"}).value
    mid = detail.meeting.id
    for name in ("A. de Boer", "B. Visser"):
        meetings.add_participant(ctx.uow, mid, {"name": name})
    second = households.create_case(ctx.uow, name="Gezin Smit", case_number="2026-0031").value
    agenda.add_case(ctx.uow, mid, case.id, "Afschalen?")
    detail = agenda.add_case(ctx.uow, mid, second.id, "Lichtste hulp?").value
    item = detail.items[0]
    for participant, score in zip(detail.participants, (6, 4), strict=True):
        agenda.record_score(ctx.uow, item.id, participant.id, score, "Reden")
    agenda.add_follow_up(ctx.uow, item.id, {"what": "School bellen"})
    agenda.add_follow_up(ctx.uow, item.id, {"what": "Oma bellen"})
    return meetings.get_meeting(ctx.uow, mid)


def _now(ctx, meeting):
    return meetings.get_meeting(ctx.uow, meeting.meeting.id)


def _twice(ctx, gone, back) -> None:
    """Undo and redo twice, checking what the user sees after each step."""
    for _round in range(2):
        ctx.undo_stack.undo()
        back()
        ctx.undo_stack.redo()
        gone()


def test_a_case_taken_off_comes_back_first_with_its_round_and_follow_ups(
    ctx, case, meeting, fake_dialogs
) -> None:
    first = meeting.items[0]
    execute(ctx, mc.RemoveItemCommand(ctx, first))

    def gone() -> None:
        now = _now(ctx, meeting)
        assert [(i.case_number, i.position) for i in now.items] == [("2026-0031", 1)]
        assert scale.list_scores(ctx.uow, case.id) == ()

    def back() -> None:
        now = _now(ctx, meeting)
        assert comparable(now) == comparable(meeting)  # its place, round and follow-ups
        assert len(scale.list_scores(ctx.uow, case.id)) == 2

    gone()
    _twice(ctx, gone, back)
    assert fake_dialogs.errors == []


def test_a_follow_up_removed_comes_back_at_its_place(ctx, meeting, fake_dialogs) -> None:
    school, oma = meeting.items[0].follow_ups
    execute(ctx, mc.RemoveFollowUpCommand(ctx, school))

    def gone() -> None:
        follow_ups = _now(ctx, meeting).items[0].follow_ups
        assert [(f.what, f.position) for f in follow_ups] == [("Oma bellen", 1)]

    def back() -> None:
        follow_ups = _now(ctx, meeting).items[0].follow_ups
        assert [(f.id, f.what, f.position) for f in follow_ups] == [
            (school.id, "School bellen", 1),
            (oma.id, "Oma bellen", 2),
        ]

    gone()
    _twice(ctx, gone, back)
    assert fake_dialogs.errors == []


def test_a_participant_removed_comes_back_with_their_scores(ctx, meeting, fake_dialogs) -> None:
    boer = meeting.participants[0]
    execute(ctx, mc.RemoveParticipantCommand(ctx, boer))

    def gone() -> None:
        now = _now(ctx, meeting)
        assert [(p.name, p.position) for p in now.participants] == [("B. Visser", 1)]
        # The score stays, under the name it was given with.
        given = now.items[0].round[0]
        assert (given.participant_id, given.name) == (None, "A. de Boer")

    def back() -> None:
        assert comparable(_now(ctx, meeting)) == comparable(meeting)

    gone()
    _twice(ctx, gone, back)
    assert fake_dialogs.errors == []


def test_a_participant_added_is_taken_away_and_put_back(ctx, meeting, fake_dialogs) -> None:
    command = mc.AddParticipantCommand(ctx, meeting.meeting.id, {"name": "Fatma Yıldız"})
    execute(ctx, command)
    assert command.dto is not None
    added = command.dto

    def names() -> list[str]:
        return [p.name for p in _now(ctx, meeting).participants]

    for _round in range(2):
        ctx.undo_stack.undo()
        assert names() == ["A. de Boer", "B. Visser"]
        ctx.undo_stack.redo()
        assert names() == ["A. de Boer", "B. Visser", "Fatma Yıldız"]
        assert command.dto.id == added.id
    assert fake_dialogs.errors == []


def test_a_removed_meeting_comes_back_whole(ctx, case, meeting, fake_dialogs) -> None:
    execute(ctx, mc.RemoveMeetingCommand(ctx, meeting.meeting.id))

    def gone() -> None:
        assert meetings.list_meetings(ctx.uow) == ()
        assert scale.list_scores(ctx.uow, case.id) == ()

    def back() -> None:
        assert comparable(_now(ctx, meeting)) == comparable(meeting)
        assert len(scale.list_scores(ctx.uow, case.id)) == 2

    gone()
    _twice(ctx, gone, back)
    assert fake_dialogs.errors == []
