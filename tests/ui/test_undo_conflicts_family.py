"""Undo and redo never overwrite a colleague's later change: the family's own goals (add, change,
move, remove), the family's own words of a statement and of an agreement, and a statement's mark
for special categories of personal data chosen in the statement form."""

from __future__ import annotations

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework import special
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType as T

from jeugdtool.ui.commands import execute
from jeugdtool.ui.framework import statement_commands as stc
from jeugdtool.ui.plan import plan_commands as pc
from jeugdtool.ui.special_mark import MarkFamilyGoalCommand


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def sanne(ctx, case) -> Source:
    fields = {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    person = members.add_person(ctx.uow, case.id, fields).value
    return Source(SourceKind.PERSON, person_id=person.id, label="Sanne Jansen")


@pytest.fixture
def draft(ctx, case):
    return plans.start_draft(ctx.uow, case.id).value


def _goal(ctx, draft, sanne, text: str):
    return plan_sections.add_family_goal(ctx.uow, draft.id, {"source": sanne, "text": text}).value


def _goals(ctx, draft):
    return plans.get_plan(ctx.uow, draft.id).family_goals


@covers(pc.AddSectionRowCommand)
def test_undo_of_adding_a_family_goal_keeps_a_colleagues_edit(
    ctx, case, draft, sanne, colleague, fake_dialogs
) -> None:
    fields = {"source": sanne, "text": "Samen eten"}
    command = pc.AddSectionRowCommand(ctx, case.id, draft.id, pc.FamilyGoals, fields, "Add")
    execute(ctx, command)
    plan_sections.update_family_goal(colleague, command.dto.id, {"text": "Elke avond samen eten"})
    refused(ctx, fake_dialogs, command)
    assert [g.text for g in _goals(ctx, draft)] == ["Elke avond samen eten"]


@covers(pc.EditSectionRowCommand)
def test_undo_of_a_family_goal_edit_keeps_a_colleagues_edit(
    ctx, case, draft, sanne, colleague, fake_dialogs
) -> None:
    goal = _goal(ctx, draft, sanne, "Samen eten")
    command = pc.EditSectionRowCommand(
        ctx, case.id, pc.FamilyGoals, goal, {"text": "Elke avond samen eten"}, "Change"
    )
    execute(ctx, command)
    plan_sections.update_family_goal(colleague, goal.id, {"text": "Elke avond samen aan tafel"})
    refused(ctx, fake_dialogs, command)
    assert [g.text for g in _goals(ctx, draft)] == ["Elke avond samen aan tafel"]


@covers(pc.MoveSectionRowCommand)
def test_undo_of_moving_a_family_goal_keeps_a_colleagues_order(
    ctx, case, draft, sanne, colleague, fake_dialogs
) -> None:
    first = _goal(ctx, draft, sanne, "Samen eten")
    _goal(ctx, draft, sanne, "Naar oma op zaterdag")
    _goal(ctx, draft, sanne, "Rustig naar bed")
    command = pc.MoveSectionRowCommand(
        ctx, case.id, plan_sections.move_family_goal, first.id, 1, 2, "Move"
    )
    execute(ctx, command)
    plan_sections.move_family_goal(colleague, first.id, 3)
    refused(ctx, fake_dialogs, command)
    assert [g.text for g in _goals(ctx, draft)][2] == "Samen eten"


@covers(pc.RemoveRowCommand)
def test_redo_of_removing_a_family_goal_keeps_a_colleagues_edit(
    ctx, case, draft, sanne, colleague, fake_dialogs
) -> None:
    goal = _goal(ctx, draft, sanne, "Samen eten")
    command = pc.RemoveRowCommand(ctx, case.id, pc.FamilyGoals, goal, "Remove")
    execute(ctx, command)
    ctx.undo_stack.undo()
    plan_sections.update_family_goal(colleague, goal.id, {"text": "Elke avond samen eten"})
    refused(ctx, fake_dialogs, command, "redo")
    assert [g.text for g in _goals(ctx, draft)] == ["Elke avond samen eten"]


@pytest.fixture
def danger(ctx, case):
    moment = moments.start_moment(ctx.uow, case.id, author="A. de Boer").value
    fields = {"behaviour": "Mark drinkt en gaat naar de verslavingszorg"}
    return statements.add_statement(ctx.uow, moment.id, T.DANGER, fields).value


def _now(ctx, statement):
    found = statements.list_statements(ctx.uow, statement.moment_id)
    return next(s for s in found if s.id == statement.id)


@covers(stc.EditStatementCommand)
def test_undo_of_a_statements_family_words_keeps_a_colleagues_words(
    ctx, danger, colleague, fake_dialogs
) -> None:
    command = stc.EditStatementCommand(ctx, danger, {"family_words": "Papa drinkt niet"})
    stc.execute(ctx, command)
    statements.update_statement(colleague, danger.id, {"family_words": "Papa drinkt nooit"})
    refused(ctx, fake_dialogs, command)
    assert _now(ctx, danger).family_words == "Papa drinkt nooit"


def test_undo_and_redo_of_a_statements_mark_keep_a_colleagues_mark(
    ctx, danger, colleague, fake_dialogs
) -> None:
    command = stc.EditStatementCommand(ctx, danger, {"special_category": "addiction"})
    assert command.service is not statements.update_statement  # the mark's own service
    stc.execute(ctx, command)
    special.mark_statement(colleague, danger.id, "health")
    refused(ctx, fake_dialogs, command)
    assert _now(ctx, danger).special_category == "health"

    again = stc.EditStatementCommand(ctx, _now(ctx, danger), {"special_category": ""})
    stc.execute(ctx, again)
    ctx.undo_stack.undo()
    special.mark_statement(colleague, danger.id, "justice")
    refused(ctx, fake_dialogs, again, "redo")
    assert _now(ctx, danger).special_category == "justice"


@covers(pc.EditAgreementCommand)
def test_undo_of_an_agreements_family_words_keeps_a_colleagues_words(
    ctx, case, draft, colleague, fake_dialogs
) -> None:
    agreement = plans.add_agreement(ctx.uow, draft.id, {"what": "Mark drinkt geen alcohol"}).value
    command = pc.EditAgreementCommand(
        ctx, case.id, agreement, {"family_words": "Papa drinkt niet als hij voor ons zorgt"}
    )
    execute(ctx, command)
    plans.update_agreement(colleague, agreement.id, {"family_words": "Papa drinkt niet"})
    refused(ctx, fake_dialogs, command)
    assert plans.get_plan(ctx.uow, draft.id).agreements[0].family_words == "Papa drinkt niet"


@covers(MarkFamilyGoalCommand)
def test_undo_and_redo_of_a_goals_mark_keep_a_colleagues_mark(
    ctx, case, draft, sanne, colleague, fake_dialogs
) -> None:
    goal = _goal(ctx, draft, sanne, "Mama gaat naar de huisarts")
    assert goal.special_category == "health"  # pre-marked by its words
    command = MarkFamilyGoalCommand(ctx, case.id, goal, "")
    execute(ctx, command)
    assert _goals(ctx, draft)[0].special_category == ""
    ctx.undo_stack.undo()  # nobody changed it: marked again
    assert _goals(ctx, draft)[0].special_category == "health"
    special.mark_family_goal(colleague, goal.id, "addiction")
    refused(ctx, fake_dialogs, command, "redo")
    assert _goals(ctx, draft)[0].special_category == "addiction"
    again = MarkFamilyGoalCommand(ctx, case.id, _goals(ctx, draft)[0], "justice")
    execute(ctx, again)
    special.mark_family_goal(colleague, goal.id, "")
    refused(ctx, fake_dialogs, again)
    assert _goals(ctx, draft)[0].special_category == ""
