"""Undo and redo never overwrite a colleague's later change in a network meeting: recording,
changing and removing a meeting, its scale round, the acceptance given in it and the plan review
held in it. Each test does the command, lets a colleague change the same thing, then undoes (or
redoes): the colleague's work stays, the "someone else changed this" message is shown and the
command is dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused
from network_data import TODAY
from network_data import meeting_input
from network_data import network_family

from jeugdtool.dossier import network_meetings as nm
from jeugdtool.dossier.network_dto import RoundScore
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import Kept
from jeugdtool.framework.vocab import RaterRole

from jeugdtool.ui.commands import execute
from jeugdtool.ui.network import commands as nc


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def n(ctx, case):
    return network_family(ctx.uow, case.id)


@pytest.fixture
def meeting(ctx, case, n):
    return nm.record_meeting(ctx.uow, case.id, meeting_input(n)).value.meeting


def _places(ctx, case) -> list[str]:
    return [m.place for m in nm.list_meetings(ctx.uow, case.id)]


@covers(nc.RecordMeetingCommand)
def test_undo_of_recording_a_meeting_keeps_a_colleagues_change(
    ctx, case, n, colleague, fake_dialogs
):
    command = nc.RecordMeetingCommand(ctx, case.id, meeting_input(n), author=ctx.staff)
    execute(ctx, command)
    nm.update_meeting(colleague, command.dto.id, meeting_input(n, place="Op kantoor"))
    refused(ctx, fake_dialogs, command)
    assert _places(ctx, case) == ["Op kantoor"]


@covers(nc.EditMeetingCommand)
def test_undo_of_a_meeting_change_keeps_a_colleagues_later_change(
    ctx, case, n, meeting, colleague, fake_dialogs
):
    new = meeting_input(n, decisions="Oma Ria haalt Noa op")
    command = nc.EditMeetingCommand(ctx, case.id, meeting, meeting_input(n), new)
    execute(ctx, command)
    nm.update_meeting(colleague, meeting.id, meeting_input(n, place="Op school"))
    refused(ctx, fake_dialogs, command)
    assert _places(ctx, case) == ["Op school"]


@covers(nc.RemoveMeetingCommand)
def test_redo_of_removing_a_meeting_keeps_a_colleagues_change(
    ctx, case, n, meeting, colleague, fake_dialogs
):
    command = nc.RemoveMeetingCommand(ctx, meeting)
    execute(ctx, command)
    assert _places(ctx, case) == []
    ctx.undo_stack.undo()
    assert _places(ctx, case) == ["Bij Sanne thuis"]  # back, with its own id
    nm.update_meeting(colleague, meeting.id, meeting_input(n, place="Bij oma Ria"))
    refused(ctx, fake_dialogs, command, "redo")
    assert _places(ctx, case) == ["Bij oma Ria"]


@covers(nc.ScoreRoundCommand)
def test_undo_of_a_scale_round_keeps_a_score_a_colleague_corrected(
    ctx, case, n, meeting, colleague, fake_dialogs
):
    scores = [
        RoundScore(n.f.source(n.f.sanne), RaterRole.PARENT, 6, "Geen ruzie meer", "Hulp", None),
        RoundScore(n.f.source(n.f.ria), RaterRole.NETWORK, 4, "Zorgen", "Afspraken", None),
    ]
    command = nc.ScoreRoundCommand(ctx, case.id, meeting.id, scores)
    execute(ctx, command)
    assert len(command.saved) == 2
    scale.update_score(colleague, command.saved[0].id, {"reason": "Rustiger thuis"})
    refused(ctx, fake_dialogs, command)
    kept = {s.id: s.reason for s in scale.list_scores(ctx.uow, case.id)}
    assert kept[command.saved[0].id] == "Rustiger thuis"


@covers(nc.AcceptInMeetingCommand)
def test_undo_of_acceptance_in_a_meeting_keeps_a_colleagues_later_record(
    ctx, case, n, meeting, colleague, fake_dialogs
):
    ria = next(p for p in n.agreement.parties if p.source.network_id == n.f.ria.id)
    command = nc.AcceptInMeetingCommand(
        ctx, case.id, meeting.id, TODAY, n.agreement.parties, [(ria.id, True)]
    )
    execute(ctx, command)
    party = _party(ctx, n, ria.id)
    assert (party.accepted, party.accepted_how) == (True, AcceptedHow.MEETING)
    plans.record_acceptance(colleague, ria.id, False, how=AcceptedHow.PHONE)
    refused(ctx, fake_dialogs, command)
    party = _party(ctx, n, ria.id)
    assert (party.accepted, party.accepted_how) == (False, AcceptedHow.PHONE)


def _party(ctx, n, party_id: int):
    plan = plans.get_plan(ctx.uow, n.draft.id)
    return next(p for a in plan.agreements for p in a.parties if p.id == party_id)


@covers(nc.ReviewInMeetingCommand)
def test_undo_of_a_review_in_a_meeting_keeps_a_colleagues_correction(
    ctx, case, n, meeting, colleague, fake_dialogs
):
    plan_finalise.finalise(
        ctx.uow, n.draft.id, by="A. de Boer", override_reason="test",
        today=TODAY - dt.timedelta(7),
    )  # fmt: skip
    result = ResultInput(n.agreement.lineage, Kept.YES)
    command = nc.ReviewInMeetingCommand(
        ctx, case.id, meeting.id, n.draft.id, "Goed gegaan", [result], []
    )
    execute(ctx, command)
    plan_reviews.update_review(colleague, command.dto.id, {"note": "Oma was ziek"})
    refused(ctx, fake_dialogs, command)
    (review,) = plan_reviews.list_reviews(ctx.uow, case.id)
    assert (review.note, review.network_meeting_id) == ("Oma was ziek", meeting.id)
