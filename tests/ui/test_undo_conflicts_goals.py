"""Undo and redo of a safety goal's judgement and of "everyone has accepted" never overwrite a
colleague's later change: the colleague's work stays, the "someone else changed this" message
is shown and the command is dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import members
from jeugdtool.framework import goals
from jeugdtool.framework import moments
from jeugdtool.framework import plans
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType

from jeugdtool.ui import commands as c
from jeugdtool.ui.framework import goal_commands as gc
from jeugdtool.ui.plan.acceptance_commands import AcceptForAllCommand

TODAY = dt.date.today()


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def goal(uow, case):
    fields = {"first_name": "Noa", "last_name": "Jansen", "role": "child"}
    members.add_person(uow, case.id, fields)
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=TODAY).value
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


def _judgements(ctx, case):
    return goals.judgements_of(ctx.uow, case.id)


@covers(gc.JudgeGoalCommand)
def test_undo_of_a_judgement_keeps_a_colleagues_correction(
    ctx, case, goal, colleague, fake_dialogs
):
    fields = {"judgement": "partly", "on": TODAY, "note": ""}
    command = gc.JudgeGoalCommand(ctx, case.id, goal.lineage, fields)
    c.execute(ctx, command)
    goals.update_judgement(colleague, command.dto.id, {"note": "Gezien door de school"})
    refused(ctx, fake_dialogs, command)
    assert [j.note for j in _judgements(ctx, case)] == ["Gezien door de school"]


@covers(gc.RemoveJudgementCommand)
def test_redo_of_removing_a_judgement_keeps_a_colleagues_correction(
    ctx, case, goal, colleague, fake_dialogs
):
    given = goals.judge_goal(ctx.uow, case.id, goal.lineage, Judgement.MET, on=TODAY).value
    command = gc.RemoveJudgementCommand(ctx, case.id, given)
    c.execute(ctx, command)
    assert _judgements(ctx, case) == []
    ctx.undo_stack.undo()
    assert [j.id for j in _judgements(ctx, case)] == [given.id]
    goals.update_judgement(colleague, given.id, {"note": "Gezien door de school"})
    refused(ctx, fake_dialogs, command, "redo")
    assert [j.note for j in _judgements(ctx, case)] == ["Gezien door de school"]


@pytest.fixture
def agreement(uow, case):
    people = [
        members.add_person(
            uow, case.id, {"first_name": n, "last_name": "Jansen", "role": "parent"}
        ).value
        for n in ("Sanne", "Mark")
    ]
    draft = plans.start_draft(uow, case.id).value
    who = [Source(SourceKind.PERSON, person_id=p.id, label=p.full_name) for p in people]
    fields = {"what": "Sanne en Mark brengen Noa samen naar school", "parties": who}
    return plans.add_agreement(uow, draft.id, fields).value


def _parties(ctx, agreement):
    detail = plans.get_plan(ctx.uow, agreement.plan_version_id)
    return next(a for a in detail.agreements if a.id == agreement.id).parties


@covers(AcceptForAllCommand)
def test_undo_of_everyone_accepted_keeps_a_colleagues_later_answer(
    ctx, case, agreement, colleague, fake_dialogs
):
    command = AcceptForAllCommand(ctx, case.id, agreement, TODAY, AcceptedHow.MEETING)
    c.execute(ctx, command)
    assert all(p.accepted for p in _parties(ctx, agreement))
    mark = _parties(ctx, agreement)[1]
    plans.record_acceptance(colleague, mark.id, False, on=TODAY, how=AcceptedHow.PHONE)
    refused(ctx, fake_dialogs, command)
    # Nothing was put back: Sanne's acceptance and the colleague's "no" for Mark both stay.
    assert [p.accepted for p in _parties(ctx, agreement)] == [True, False]


def test_redo_of_everyone_accepted_refuses_after_a_colleagues_answer(
    ctx, case, agreement, colleague, fake_dialogs
):
    command = AcceptForAllCommand(ctx, case.id, agreement, TODAY, AcceptedHow.MEETING)
    c.execute(ctx, command)
    ctx.undo_stack.undo()
    assert [p.accepted for p in _parties(ctx, agreement)] == [None, None]
    sanne = _parties(ctx, agreement)[0]
    plans.record_acceptance(colleague, sanne.id, False, on=TODAY, how=AcceptedHow.PHONE)
    refused(ctx, fake_dialogs, command, "redo")
    assert [p.accepted for p in _parties(ctx, agreement)] == [False, None]
