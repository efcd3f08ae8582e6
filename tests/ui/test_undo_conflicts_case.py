"""Undo and redo never overwrite a colleague's later change: the case, its members, the map,
statements and the scale. Each test does the command, lets a colleague (another author, on the
same database) change the same thing, then undoes or redoes: the colleague's value stays, the
"someone else changed this" message is shown and the command is dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.framework import moments
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import StatementType as T
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.zrm import assessments as za

from jeugdtool.ui import case_team_commands as ctc
from jeugdtool.ui import commands as c
from jeugdtool.ui.framework import commands as mc
from jeugdtool.ui.framework import scale_commands as sc
from jeugdtool.ui.framework import statement_commands as stc
from jeugdtool.ui.handover import HandoverCommand
from jeugdtool.ui.new_case import CreateCaseCommand


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def noa(ctx, case):
    fields = {"first_name": "Noa", "last_name": "Jansen", "role": "child"}
    return members.add_person(ctx.uow, case.id, fields).value


@pytest.fixture
def moment(ctx, case):
    return moments.start_moment(ctx.uow, case.id, author="A. de Boer").value


def _household(ctx, case):
    return queries.get_case(ctx.uow, case.id).household


def _persons(ctx, case):
    return queries.get_case(ctx.uow, case.id).persons


def _items(ctx, moment):
    return moments.get_moment(ctx.uow, moment.id).items()


# ---- the case and its members ----------------------------------------------------------------


@covers(c.EditHouseholdCommand)
def test_undo_of_a_case_edit_keeps_a_colleagues_later_edit(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "Gezin J")
    c.execute(ctx, command)
    households.update_case(colleague, case.id, {"name": "Familie Jansen"})
    refused(ctx, fake_dialogs, command)
    assert _household(ctx, case).name == "Familie Jansen"


def test_merged_case_edits_expect_the_first_old_and_the_last_new(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = c.EditHouseholdCommand(ctx, case.id, "name", "Gezin Jansen", "Gezin J")
    c.execute(ctx, command)
    c.execute(ctx, c.EditHouseholdCommand(ctx, case.id, "name", "Gezin J", "Gezin Janssen"))
    assert (ctx.undo_stack.count(), command.old, command.new) == (
        1,
        "Gezin Jansen",
        "Gezin Janssen",
    )
    ctx.undo_stack.undo()  # expects the last new value: the whole quick edit is undone
    assert _household(ctx, case).name == "Gezin Jansen"
    households.update_case(colleague, case.id, {"name": "Familie Jansen"})
    refused(ctx, fake_dialogs, command, "redo")  # redo expects the first old value
    assert _household(ctx, case).name == "Familie Jansen"


@covers(CreateCaseCommand)
def test_undo_of_a_new_case_keeps_what_a_colleague_recorded_in_it(
    ctx, colleague, fake_dialogs
) -> None:
    command = CreateCaseCommand(ctx, {"name": "Gezin Smit", "case_number": "2026-0001"})
    command.redo()
    ctx.undo_stack.push(command)
    members.add_person(colleague, command.case.id, {"first_name": "Sem", "role": "child"})
    refused(ctx, fake_dialogs, command)
    assert [p.first_name for p in queries.get_case(ctx.uow, command.case.id).persons] == ["Sem"]


@covers(c.AddPersonCommand)
def test_undo_of_adding_a_person_keeps_a_colleagues_edit(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = c.AddPersonCommand(ctx, case.id, {"first_name": "Noa", "role": "child"})
    c.execute(ctx, command)
    members.update_person(colleague, command.dto.id, {"notes": "astma"})
    refused(ctx, fake_dialogs, command)
    assert [(p.first_name, p.notes) for p in _persons(ctx, case)] == [("Noa", "astma")]


def test_undo_of_adding_a_person_keeps_a_colleagues_assessment_of_them(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = c.AddPersonCommand(ctx, case.id, {"first_name": "Sanne", "role": "parent"})
    c.execute(ctx, command)
    za.create_assessment(colleague, command.dto.id, assessed_on=dt.date(2026, 1, 12))
    refused(ctx, fake_dialogs, command)  # removing Sanne would take the assessment along
    assert len(za.person_assessments(ctx.uow, command.dto.id)) == 1


@covers(c.EditPersonCommand)
def test_undo_of_a_person_edit_keeps_a_colleagues_edit(
    ctx, case, noa, colleague, fake_dialogs
) -> None:
    command = c.EditPersonCommand(ctx, noa, {"first_name": "Noah"})
    c.execute(ctx, command)
    members.update_person(colleague, noa.id, {"first_name": "Noë"})
    refused(ctx, fake_dialogs, command)
    assert _persons(ctx, case)[0].first_name == "Noë"


@covers(c.RemovePersonCommand)
def test_redo_of_removing_a_person_keeps_a_colleagues_edit(
    ctx, case, noa, colleague, fake_dialogs
) -> None:
    command = c.RemovePersonCommand(ctx, noa)
    c.execute(ctx, command)
    ctx.undo_stack.undo()
    members.update_person(colleague, noa.id, {"notes": "astma"})
    refused(ctx, fake_dialogs, command, "redo")
    assert [p.notes for p in _persons(ctx, case)] == ["astma"]


def test_redo_of_removing_a_person_keeps_a_colleagues_work_on_their_assessment(
    ctx, case, colleague, fake_dialogs
) -> None:
    sanne = members.add_person(ctx.uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    assessment = za.create_assessment(ctx.uow, sanne.id, assessed_on=dt.date(2026, 1, 12)).value
    command = c.RemovePersonCommand(ctx, sanne)
    c.execute(ctx, command)
    ctx.undo_stack.undo()  # the person and her assessment are back
    za.set_domain(colleague, assessment.id, "financien", {"level": 2})
    refused(ctx, fake_dialogs, command, "redo")
    assert za.get_assessment(ctx.uow, assessment.id).level("financien") == 2


@covers(c.AddNetworkMemberCommand)
def test_undo_of_adding_a_network_member_keeps_a_colleagues_edit(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = c.AddNetworkMemberCommand(ctx, case.id, {"name": "oma Ria", "kind": "family"})
    c.execute(ctx, command)
    members.update_network_member(colleague, command.dto.id, {"phone": "06-12345678"})
    refused(ctx, fake_dialogs, command)
    assert [n.phone for n in queries.get_case(ctx.uow, case.id).network] == ["06-12345678"]


@covers(c.EditNetworkMemberCommand)
def test_undo_of_a_network_member_edit_keeps_a_colleagues_edit(
    ctx, case, colleague, fake_dialogs
) -> None:
    ria = members.add_network_member(ctx.uow, case.id, {"name": "oma Ria", "kind": "family"})
    command = c.EditNetworkMemberCommand(ctx, ria.value, {"phone": "06-12345678"})
    c.execute(ctx, command)
    members.update_network_member(colleague, ria.value.id, {"phone": "06-87654321"})
    refused(ctx, fake_dialogs, command)
    assert [n.phone for n in queries.get_case(ctx.uow, case.id).network] == ["06-87654321"]


@covers(c.RemoveNetworkMemberCommand)
def test_redo_of_removing_a_network_member_keeps_a_colleagues_edit(
    ctx, case, colleague, fake_dialogs
) -> None:
    ria = members.add_network_member(ctx.uow, case.id, {"name": "oma Ria", "kind": "family"})
    command = c.RemoveNetworkMemberCommand(ctx, ria.value)
    c.execute(ctx, command)
    ctx.undo_stack.undo()
    members.update_network_member(colleague, ria.value.id, {"relation": "oma"})
    refused(ctx, fake_dialogs, command, "redo")
    assert [n.relation for n in queries.get_case(ctx.uow, case.id).network] == ["oma"]


def test_undo_of_a_removal_refuses_when_the_id_was_given_to_a_colleagues_row(
    ctx, case, noa, colleague, fake_dialogs
) -> None:
    adding = c.AddPersonCommand(ctx, case.id, {"first_name": "Sem", "role": "child"})
    c.execute(ctx, adding)
    ctx.undo_stack.undo()
    other = members.add_person(colleague, case.id, {"first_name": "Fenna", "role": "child"})
    assert other.value.id == adding.dto.id  # SQLite hands the freed id to the next new row
    refused(ctx, fake_dialogs, adding, "redo")
    assert [(p.id, p.first_name) for p in _persons(ctx, case)] == [
        (noa.id, "Noa"),
        (other.value.id, "Fenna"),
    ]


# ---- the map -----------------------------------------------------------------------------------


@covers(mc.StartMomentCommand)
def test_undo_of_starting_a_moment_keeps_a_colleagues_items(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = mc.StartMomentCommand(ctx, case.id, "A. de Boer")
    mc.execute(ctx, command)
    moments.add_item(colleague, command.moment.id, Cell.DANGER, {"text": "Vader drinkt"})
    refused(ctx, fake_dialogs, command)
    assert [i.text for i in _items(ctx, command.moment)] == ["Vader drinkt"]


@covers(mc.AddMapItemCommand)
def test_undo_of_adding_an_item_keeps_a_colleagues_edit(
    ctx, case, moment, colleague, fake_dialogs
) -> None:
    command = mc.AddMapItemCommand(ctx, case.id, moment.id, Cell.DANGER, {"text": "Drinkt"})
    mc.execute(ctx, command)
    moments.update_item(colleague, command.dto.id, {"text": "Vader drinkt elke avond"})
    refused(ctx, fake_dialogs, command)
    assert [i.text for i in _items(ctx, moment)] == ["Vader drinkt elke avond"]


@covers(mc.EditMapItemCommand)
def test_undo_of_an_item_edit_keeps_a_colleagues_edit(
    ctx, case, moment, colleague, fake_dialogs
) -> None:
    item = moments.add_item(ctx.uow, moment.id, Cell.DANGER, {"text": "Drinkt"}).value
    command = mc.EditMapItemCommand(ctx, case.id, item, {"text": "Vader drinkt"})
    mc.execute(ctx, command)
    moments.update_item(colleague, item.id, {"text": "Vader drinkt soms"})
    refused(ctx, fake_dialogs, command)
    assert [i.text for i in _items(ctx, moment)] == ["Vader drinkt soms"]


@covers(mc.RemoveMapItemCommand)
def test_redo_of_removing_an_item_keeps_a_colleagues_stance(
    ctx, case, moment, colleague, fake_dialogs
) -> None:
    item = moments.add_item(ctx.uow, moment.id, Cell.DANGER, {"text": "Vader drinkt"}).value
    command = mc.RemoveMapItemCommand(ctx, case.id, item)
    mc.execute(ctx, command)
    ctx.undo_stack.undo()
    moments.set_stance(colleague, item.id, "Sanne", Stance.DISPUTES)
    refused(ctx, fake_dialogs, command, "redo")
    assert [s.who for s in _items(ctx, moment)[0].stances] == ["Sanne"]


@covers(mc.MoveMapItemCommand)
def test_undo_of_a_move_keeps_where_a_colleague_put_the_item(
    ctx, case, moment, colleague, fake_dialogs
) -> None:
    item = moments.add_item(
        ctx.uow, moment.id, Cell.DANGER, {"text": "Drinkt", "worry_kind": WorryKind.PROBLEM}
    ).value
    command = mc.MoveMapItemCommand(ctx, case.id, item, Cell.COMPLICATING_FACTORS, 1)
    mc.execute(ctx, command)
    moments.move_item(colleague, item.id, Cell.STRENGTHS, 1)
    refused(ctx, fake_dialogs, command)
    assert _items(ctx, moment)[0].cell is Cell.STRENGTHS


@covers(mc.SetStanceCommand)
def test_undo_of_a_stance_keeps_a_colleagues_later_stance(
    ctx, case, moment, colleague, fake_dialogs
) -> None:
    item = moments.add_item(ctx.uow, moment.id, Cell.DANGER, {"text": "Vader drinkt"}).value
    command = mc.SetStanceCommand(ctx, case.id, item, "Sanne", Stance.AGREES)
    mc.execute(ctx, command)
    moments.set_stance(colleague, item.id, "Sanne", Stance.DISPUTES)
    refused(ctx, fake_dialogs, command)
    assert [s.stance for s in _items(ctx, moment)[0].stances] == [Stance.DISPUTES]


# ---- the scale -------------------------------------------------------------------------------

SCORE = {"score": 4, "reason": "Geen vangnet", "source": Source(SourceKind.CONSULTANT)}


def _scores(ctx, case) -> list[int]:
    return [s.score for s in scale.list_scores(ctx.uow, case.id)]


@covers(sc.AddScoreCommand)
def test_undo_of_adding_a_score_keeps_a_colleagues_correction(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = sc.AddScoreCommand(ctx, case.id, SCORE)
    c.execute(ctx, command)
    scale.update_score(colleague, command.dto.id, {"score": 5})
    refused(ctx, fake_dialogs, command)
    assert _scores(ctx, case) == [5]


@covers(sc.EditScoreCommand)
def test_undo_of_a_score_edit_keeps_a_colleagues_correction(
    ctx, case, colleague, fake_dialogs
) -> None:
    score = scale.add_score(ctx.uow, case.id, SCORE).value
    command = sc.EditScoreCommand(ctx, score, {"score": 6})
    c.execute(ctx, command)
    scale.update_score(colleague, score.id, {"score": 7})
    refused(ctx, fake_dialogs, command)
    assert _scores(ctx, case) == [7]


@covers(sc.RemoveScoreCommand)
def test_redo_of_removing_a_score_keeps_a_colleagues_correction(
    ctx, case, colleague, fake_dialogs
) -> None:
    score = scale.add_score(ctx.uow, case.id, SCORE).value
    command = sc.RemoveScoreCommand(ctx, score)
    c.execute(ctx, command)
    ctx.undo_stack.undo()
    scale.update_score(colleague, score.id, {"reason": "Oma helpt nu"})
    refused(ctx, fake_dialogs, command, "redo")
    assert [s.reason for s in scale.list_scores(ctx.uow, case.id)] == ["Oma helpt nu"]


@covers(sc.SetScaleWordingCommand)
def test_undo_of_the_scale_wording_keeps_a_colleagues_wording(
    ctx, case, colleague, fake_dialogs
) -> None:
    before = scale.get_scale(ctx.uow, case.id)
    command = sc.SetScaleWordingCommand(ctx, before, "Noa is niet veilig", None)
    c.execute(ctx, command)
    scale.set_scale_wording(colleague, case.id, "Noa is nergens veilig", None)
    refused(ctx, fake_dialogs, command)
    assert scale.get_scale(ctx.uow, case.id).custom_zero == "Noa is nergens veilig"


# ---- statements -------------------------------------------------------------------------------


def _statements(ctx, moment):
    return statements.list_statements(ctx.uow, moment.id)


@pytest.fixture
def harm(ctx, moment, noa):
    fields = {"children": [noa.id], "behaviour": "Noa zag geweld", "impact": "slaapt slecht"}
    return statements.add_statement(ctx.uow, moment.id, T.HARM, fields).value


@covers(stc.AddStatementCommand)
def test_undo_of_adding_a_statement_keeps_a_colleagues_edit(
    ctx, case, moment, colleague, fake_dialogs
) -> None:
    command = stc.AddStatementCommand(ctx, case.id, moment.id, T.BOTTOM_LINE, {"text": "Nooit"})
    stc.execute(ctx, command)
    statements.update_statement(colleague, command.dto.id, {"text": "Nooit alleen"})
    refused(ctx, fake_dialogs, command)
    assert [s.text for s in _statements(ctx, moment)] == ["Nooit alleen"]


@covers(stc.EditStatementCommand)
def test_undo_of_a_statement_edit_keeps_a_colleagues_edit(
    ctx, moment, harm, colleague, fake_dialogs
) -> None:
    command = stc.EditStatementCommand(ctx, harm, {"impact": "is bang"})
    stc.execute(ctx, command)
    statements.update_statement(colleague, harm.id, {"impact": "is erg bang"})
    refused(ctx, fake_dialogs, command)
    assert _statements(ctx, moment)[0].impact == "is erg bang"


@covers(stc.RegenerateTextCommand)
def test_undo_of_making_the_sentence_again_keeps_a_colleagues_sentence(
    ctx, moment, harm, colleague, fake_dialogs
) -> None:
    own = statements.update_statement(ctx.uow, harm.id, {"text": "Noa zag het."}).value
    command = stc.RegenerateTextCommand(ctx, own)
    stc.execute(ctx, command)
    statements.update_statement(colleague, harm.id, {"text": "Noa zag alles."})
    refused(ctx, fake_dialogs, command)
    assert _statements(ctx, moment)[0].text == "Noa zag alles."


@covers(stc.RemoveStatementCommand)
def test_redo_of_removing_a_statement_keeps_a_colleagues_edit(
    ctx, moment, harm, colleague, fake_dialogs
) -> None:
    command = stc.RemoveStatementCommand(ctx, harm)
    stc.execute(ctx, command)
    ctx.undo_stack.undo()
    statements.update_statement(colleague, harm.id, {"behaviour": "Noa zag vaak geweld"})
    refused(ctx, fake_dialogs, command, "redo")
    assert _statements(ctx, moment)[0].behaviour == "Noa zag vaak geweld"


# ---- handing a case over ---------------------------------------------------------------------


@pytest.fixture
def handed_over(ctx, case):
    """The case, led by the signed-in consultant, handed over to M. Kaya as an undo command."""
    from jeugdtool.cases import consultants

    households.update_case(ctx.uow, case.id, {"case_manager_id": ctx.user.id})
    kaya = consultants.add_consultant(ctx.uow, "M. Kaya").value
    command = HandoverCommand(ctx, case.id, kaya.id, kaya.name, "Over naar Kaya")
    c.execute(ctx, command)
    return command, consultants.add_consultant(ctx.uow, "J. Smit").value


@covers(HandoverCommand)
def test_undo_of_a_handover_keeps_a_colleagues_later_handover(
    ctx, case, handed_over, colleague, fake_dialogs
) -> None:
    from jeugdtool.cases import handover

    command, smit = handed_over
    handover.hand_over(colleague, case.id, smit.id, by=ctx.staff)
    refused(ctx, fake_dialogs, command)
    assert _household(ctx, case).case_manager_id == smit.id


def test_redo_of_a_handover_keeps_a_colleagues_later_handover(
    ctx, case, handed_over, colleague, fake_dialogs
) -> None:
    from jeugdtool.cases import handover

    command, smit = handed_over
    ctx.undo_stack.undo()
    handover.hand_over(colleague, case.id, smit.id, by=ctx.staff)
    refused(ctx, fake_dialogs, command, "redo")
    assert _household(ctx, case).case_manager_id == smit.id


# ---- the case team ---------------------------------------------------------------------------


@pytest.fixture
def kaya(ctx):
    from jeugdtool.cases import consultants

    return consultants.add_consultant(ctx.uow, "M. Kaya").value


def _coworkers(ctx, case) -> list[tuple[int, str]]:
    return [(w.id, w.name) for w in staff.list_coworkers(ctx.uow, case.id)]


@covers(ctc.AddCoworkerCommand)
def test_undo_of_adding_a_coworker_keeps_them_when_a_colleague_added_them_again(
    ctx, case, kaya, colleague, fake_dialogs
) -> None:
    command = ctc.AddCoworkerCommand(ctx, case.id, kaya)
    c.execute(ctx, command)
    staff.remove_from_case_team(colleague, staff.list_coworkers(colleague, case.id)[0].id)
    again = staff.add_coworker(colleague, case.id, kaya.id).value
    assert again == command.dto.id  # SQLite hands the freed id out again: the id cannot tell
    refused(ctx, fake_dialogs, command)
    assert _coworkers(ctx, case) == [(again, "M. Kaya")]


def test_redo_of_adding_a_coworker_refuses_when_a_colleague_added_them_meanwhile(
    ctx, case, kaya, colleague, fake_dialogs
) -> None:
    command = ctc.AddCoworkerCommand(ctx, case.id, kaya)
    c.execute(ctx, command)
    ctx.undo_stack.undo()
    theirs = staff.add_coworker(colleague, case.id, kaya.id).value
    refused(ctx, fake_dialogs, command, "redo")  # its undo would take the colleague's row away
    assert _coworkers(ctx, case) == [(theirs, "M. Kaya")]


@covers(ctc.RemoveCoworkerCommand)
def test_redo_of_removing_a_coworker_keeps_them_when_a_colleague_added_them_again(
    ctx, case, kaya, colleague, fake_dialogs
) -> None:
    staff.add_coworker(ctx.uow, case.id, kaya.id)
    command = ctc.RemoveCoworkerCommand(ctx, staff.list_coworkers(ctx.uow, case.id)[0])
    c.execute(ctx, command)
    ctx.undo_stack.undo()  # Kaya is back, with the same row id
    assert _coworkers(ctx, case) == [(command.dto.id, "M. Kaya")]
    staff.remove_from_case_team(colleague, staff.list_coworkers(colleague, case.id)[0].id)
    again = staff.add_coworker(colleague, case.id, kaya.id).value
    refused(ctx, fake_dialogs, command, "redo")
    assert _coworkers(ctx, case) == [(again, "M. Kaya")]


def test_undo_of_removing_a_coworker_refuses_when_a_colleague_added_them_meanwhile(
    ctx, case, kaya, colleague, fake_dialogs
) -> None:
    staff.add_coworker(ctx.uow, case.id, kaya.id)
    command = ctc.RemoveCoworkerCommand(ctx, staff.list_coworkers(ctx.uow, case.id)[0])
    c.execute(ctx, command)
    theirs = staff.add_coworker(colleague, case.id, kaya.id).value
    refused(ctx, fake_dialogs, command)  # a later redo would remove the colleague's row
    assert _coworkers(ctx, case) == [(theirs, "M. Kaya")]
