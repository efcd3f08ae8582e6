"""Undo and redo of the structured closing never overwrite a colleague's later change: closing,
reopening, archiving, the family's experience and a child's new start. Each test does the
command, lets a colleague change the same thing, then undoes: the colleague's work stays, the
"someone else changed this" message is shown and the command is dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import COLLEAGUE
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import ClosingInput

from jeugdtool.ui import commands as c
from jeugdtool.ui.closing import commands as cc
from jeugdtool.ui.closing import new_start

TODAY = dt.date.today()
#: A closing of a case without safety goals, every outcome given.
CLOSING = ClosingInput(
    closed_on=TODAY,
    reason="Doelen bereikt",
    goals_outcome="fully",
    further_help="none",
    ended_as="planned",
)


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def noa(ctx, case):
    fields = {"first_name": "Noa", "last_name": "Jansen", "role": "child"}
    return members.add_person(ctx.uow, case.id, fields).value


def _status(ctx, case) -> CaseStatus:
    return queries.get_case(ctx.uow, case.id).household.status


def _closing(ctx, case):
    return closing.closings(ctx.uow, case.id)[-1]


def _experiences(ctx, case):
    return _closing(ctx, case).experiences


@covers(cc.CloseCaseCommand)
def test_undo_of_closing_keeps_a_colleagues_experience(ctx, case, noa, colleague, fake_dialogs):
    command = cc.CloseCaseCommand(ctx, case.id, CLOSING)
    c.execute(ctx, command)
    closing.add_experience(colleague, command.closing.id, {"person_id": noa.id, "heard": 5})
    refused(ctx, fake_dialogs, command)
    assert _status(ctx, case) == CaseStatus.CLOSED
    assert [e.heard for e in _experiences(ctx, case)] == [5]


@covers(cc.ReopenCaseCommand)
def test_undo_of_reopening_keeps_a_colleagues_new_closing(ctx, case, colleague, fake_dialogs):
    closing.close_case(ctx.uow, case.id, CLOSING)
    command = cc.ReopenCaseCommand(ctx, case.id, TODAY)
    c.execute(ctx, command)
    closing.close_case(colleague, case.id, ClosingInput(**{**vars(CLOSING), "reason": "Verhuisd"}))
    refused(ctx, fake_dialogs, command)
    assert _closing(ctx, case).reason == "Verhuisd"
    assert _status(ctx, case) == CaseStatus.CLOSED


@covers(c.LifecycleCommand)
def test_undo_of_archiving_keeps_a_colleagues_reopening(ctx, case, colleague, fake_dialogs):
    closing.close_case(ctx.uow, case.id, CLOSING)
    command = c.LifecycleCommand(ctx, case.id, "archive")
    c.execute(ctx, command)
    closing.reopen_case(colleague, case.id)
    refused(ctx, fake_dialogs, command)
    assert _status(ctx, case) == CaseStatus.OPEN


@covers(cc.AddExperienceCommand)
def test_undo_of_an_experience_keeps_a_colleagues_comment(ctx, case, noa, colleague, fake_dialogs):
    closing.close_case(ctx.uow, case.id, CLOSING)
    fields = {"person_id": noa.id, "heard": 4}
    command = cc.AddExperienceCommand(ctx, case.id, _closing(ctx, case).id, fields)
    c.execute(ctx, command)
    closing.update_experience(colleague, command.dto.id, {"comment": "Noa was blij"})
    refused(ctx, fake_dialogs, command)
    assert [e.comment for e in _experiences(ctx, case)] == ["Noa was blij"]


@covers(cc.EditExperienceCommand)
def test_undo_of_a_changed_answer_keeps_a_colleagues_answer(
    ctx, case, noa, colleague, fake_dialogs
):
    closing.close_case(ctx.uow, case.id, CLOSING)
    before = closing.add_experience(
        ctx.uow, _closing(ctx, case).id, {"person_id": noa.id, "heard": 2}
    ).value
    command = cc.EditExperienceCommand(ctx, case.id, before, {"heard": 4})
    c.execute(ctx, command)
    closing.update_experience(colleague, before.id, {"heard": 5})
    refused(ctx, fake_dialogs, command)
    assert [e.heard for e in _experiences(ctx, case)] == [5]


@covers(cc.RemoveExperienceCommand)
def test_undo_of_removing_an_experience_keeps_a_colleagues_new_one(
    ctx, case, noa, colleague, fake_dialogs
):
    closing.close_case(ctx.uow, case.id, CLOSING)
    closing_id = _closing(ctx, case).id
    before = closing.add_experience(ctx.uow, closing_id, {"person_id": noa.id, "heard": 2}).value
    command = cc.RemoveExperienceCommand(ctx, case.id, before)
    c.execute(ctx, command)
    closing.add_experience(colleague, closing_id, {"person_id": noa.id, "heard": 3})
    refused(ctx, fake_dialogs, command)
    assert [e.heard for e in _experiences(ctx, case)] == [3]


@covers(cc.AddChildCommand)
def test_undo_of_a_child_with_a_new_start_keeps_a_colleagues_edit(
    ctx, case, colleague, fake_dialogs
):
    fields = {
        "first_name": "Noa",
        "last_name": "Jansen",
        "role": "child",
        "birth_date": "14-05-2016",
    }
    members.add_person(ctx.uow, case.id, fields)
    closing.close_case(ctx.uow, case.id, CLOSING)
    other = households.create_case(ctx.uow, name="Gezin de Vries", case_number="2026-0040").value
    command = cc.AddChildCommand(ctx, other.id, fields, _closing(ctx, case).id, TODAY)
    c.execute(ctx, command)
    members.update_person(colleague, command.dto.id, {"notes": "astma"})
    refused(ctx, fake_dialogs, command)
    assert [p.notes for p in queries.get_case(ctx.uow, other.id).persons] == ["astma"]
    assert len(closing.new_starts(ctx.uow, other.id)) == 1  # stays with the child


def _earlier_child_and_other_case(ctx, case):
    """Noa (born 14-05-2016) in `case`, now closed, and a new case with a child Noa whose
    birth date is not known yet: (the closing, the other case, its Noa)."""
    fields = {"first_name": "Noa", "last_name": "Jansen", "role": "child"}
    members.add_person(ctx.uow, case.id, {**fields, "birth_date": "14-05-2016"})
    closing.close_case(ctx.uow, case.id, CLOSING)
    other = households.create_case(ctx.uow, name="Gezin de Vries", case_number="2026-0041").value
    child = members.add_person(ctx.uow, other.id, fields).value
    return _closing(ctx, case), other, child


@covers(new_start.RecordNewStartCommand)
def test_undo_of_a_recorded_new_start_keeps_a_colleagues_own_record(
    ctx, case, colleague, fake_dialogs
):
    earlier, other, child = _earlier_child_and_other_case(ctx, case)
    command = new_start.RecordNewStartCommand(ctx, other.id, child.id, earlier.id, TODAY)
    c.execute(ctx, command)
    # The colleague took it away and recorded it again: theirs now, with another id.
    closing.remove_new_start(colleague, command.new_start.id)
    closing.record_new_start(
        colleague, other.id, person_id=child.id, previous_closing_id=earlier.id, started_on=TODAY
    )
    refused(ctx, fake_dialogs, command)
    assert [s.confirmed_by for s in closing.new_starts(ctx.uow, other.id)] == [COLLEAGUE]


@covers(new_start.EditChildCommand)
def test_undo_of_a_child_edit_with_a_new_start_keeps_a_colleagues_edit(
    ctx, case, colleague, fake_dialogs
):
    earlier, other, child = _earlier_child_and_other_case(ctx, case)
    changes = {"birth_date": "14-05-2016"}
    command = new_start.EditChildCommand(ctx, child, changes, earlier.id, TODAY)
    c.execute(ctx, command)
    members.update_person(colleague, child.id, {"birth_date": "15-05-2016"})  # a correction
    refused(ctx, fake_dialogs, command)
    (noa,) = queries.get_case(ctx.uow, other.id).persons
    assert noa.birth_date == dt.date(2016, 5, 15)
    assert len(closing.new_starts(ctx.uow, other.id)) == 1  # taken away only with the change


def test_a_command_with_a_new_start_must_say_whose_it_is():
    """`WithNewStart.child_id` is abstract: a command that leaves it out is refused when its
    class is defined (Shiboken's metaclass does not mix with ABCMeta)."""
    with pytest.raises(TypeError, match="child_id"):

        class _Nameless(cc.WithNewStart, c.AddPersonCommand):
            pass

    assert not getattr(cc.AddChildCommand.child_id, "__isabstractmethod__", False)
    assert not getattr(new_start.EditChildCommand.child_id, "__isabstractmethod__", False)
