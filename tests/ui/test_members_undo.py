"""Undo of removing a household member: the person comes back with their ZRM assessments and
what referred to them in one step — or, when the step is refused, nothing comes back."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import refused

from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm.models import ZrmAssessment

from jeugdtool.ui import commands as c

JAN = dt.date(2026, 1, 12)


@pytest.fixture
def sanne(ctx, case):
    fields = {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    return members.add_person(ctx.uow, case.id, fields).value


def _picture(ctx, case_id: int, moment_id: int) -> tuple[object, ...]:
    """Who is in the household, their assessments' first levels, whom the map item is about."""
    persons = [p.first_name for p in queries.get_case(ctx.uow, case_id).persons]
    levels = [(a.id, a.level("financien")) for a in za.list_assessments(ctx.uow, case_id)]
    item = moments.get_moment(ctx.uow, moment_id).items()[0]
    return persons, levels, item.concerns_person_id


def test_undo_brings_the_person_and_their_assessments_back_in_one_step(ctx, case, sanne):
    first = za.create_assessment(ctx.uow, sanne.id, assessed_on=JAN).value
    za.set_domain(ctx.uow, first.id, "financien", {"level": 2})
    moment = moments.start_moment(ctx.uow, case.id, author="A. de Boer").value
    about = {"text": "Sanne schreeuwt", "concerns_person_id": sanne.id}
    moments.add_item(ctx.uow, moment.id, Cell.HARM, about)
    before = _picture(ctx, case.id, moment.id)
    assert before == (["Sanne"], [(first.id, 2)], sanne.id)

    c.execute(ctx, c.RemovePersonCommand(ctx, sanne))
    assert _picture(ctx, case.id, moment.id) == ([], [], None)
    broadcast = []
    ctx.signals.changed.connect(broadcast.append)
    ctx.undo_stack.undo()
    # One transaction, so one change for the screens, naming the person and the assessment.
    assert len(broadcast) == 1
    assert {"person", "zrm_assessment"} <= broadcast[0].entities
    assert _picture(ctx, case.id, moment.id) == before
    # Redo and undo again: the assessments put back are the ones redo expects to take along.
    ctx.undo_stack.redo()
    assert _picture(ctx, case.id, moment.id) == ([], [], None)
    ctx.undo_stack.undo()
    assert _picture(ctx, case.id, moment.id) == before


def test_nothing_comes_back_when_the_undo_is_refused(ctx, case, sanne, db, fake_dialogs):
    started = za.create_assessment(ctx.uow, sanne.id, assessed_on=JAN).value
    command = c.RemovePersonCommand(ctx, sanne)
    c.execute(ctx, command)
    colleague = UnitOfWork(db, "M. Kaya")
    kees = members.add_person(colleague, case.id, {"first_name": "Kees", "role": "parent"}).value
    with colleague:  # the colleague's assessment got the id of Sanne's (SQLite reuses ids)
        colleague.session.add(
            ZrmAssessment(
                id=started.id,
                household_id=case.id,
                person_id=kees.id,
                assessed_on=JAN,
                assessor="M. Kaya",
                matrix_id=started.matrix_id,
                matrix_version=started.matrix_version,
            )
        )
        colleague.commit()
    refused(ctx, fake_dialogs, command)
    assert [p.first_name for p in queries.get_case(ctx.uow, case.id).persons] == ["Kees"]
    assert [a.person_id for a in za.list_assessments(ctx.uow, case.id)] == [kees.id]
