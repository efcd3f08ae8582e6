"""Undo and redo never overwrite a colleague's later change: meetings (the meeting, its fields,
participants, the agenda, the scale round, follow-ups) and the ZRM (assessments, imported
files)."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import privacy
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm import definitions
from jeugdtool.zrm import library

from jeugdtool.ui.commands import execute
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.privacy_request_commands import DecideRequestCommand
from jeugdtool.ui.privacy_request_commands import RegisterRequestCommand
from jeugdtool.ui.zrm import commands as zc
from jeugdtool.ui.zrm.import_commands import ImportFileCommand
from jeugdtool.ui.zrm.import_commands import RemoveImportCommand

DAY = dt.date(2026, 11, 12)
JAN = dt.date(2026, 1, 12)


@pytest.fixture
def colleague(db):
    return colleague_of(db)


# ---- meetings -----------------------------------------------------------------------------


@pytest.fixture
def meeting(ctx, case):
    detail = meetings.create_meeting(ctx.uow, {"held_on": DAY, "title": "Reflectie"}).value
    meetings.add_participant(ctx.uow, detail.meeting.id, {"name": "B. Visser"})
    return agenda.add_case(ctx.uow, detail.meeting.id, case.id, "Afschalen?").value


def _detail(ctx, meeting):
    return meetings.get_meeting(ctx.uow, meeting.meeting.id)


@covers(mc.CreateMeetingCommand)
def test_undo_of_a_new_meeting_keeps_a_colleagues_participant(ctx, colleague, fake_dialogs) -> None:
    command = mc.CreateMeetingCommand(ctx, {"held_on": DAY})
    execute(ctx, command)
    meetings.add_participant(colleague, command.meeting_id, {"name": "B. Visser"})
    refused(ctx, fake_dialogs, command)
    names = [p.name for p in meetings.get_meeting(ctx.uow, command.meeting_id).participants]
    assert names == ["B. Visser"]


@covers(mc.RemoveMeetingCommand)
def test_redo_of_removing_a_meeting_keeps_a_colleagues_edit(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    command = mc.RemoveMeetingCommand(ctx, meeting.meeting.id)
    execute(ctx, command)
    ctx.undo_stack.undo()
    agenda.update_item(colleague, meeting.items[0].id, {"decisions": "Afschalen"})
    refused(ctx, fake_dialogs, command, "redo")
    assert _detail(ctx, meeting).items[0].decisions == "Afschalen"


@covers(mc.EditFieldCommand)
def test_undo_of_a_meeting_edit_keeps_a_colleagues_edit(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    command = mc.edit_meeting(ctx, meeting, "title", "Reflectie team", visit=1)
    execute(ctx, command)
    shown = _detail(ctx, meeting)  # the text field saves as it is typed
    execute(ctx, mc.edit_meeting(ctx, shown, "title", "Reflectie team Noord", visit=1))
    assert (ctx.undo_stack.count(), command.old, command.new) == (
        1,
        "Reflectie",
        "Reflectie team Noord",
    )
    meetings.update_meeting(colleague, meeting.meeting.id, {"title": "Intervisie"})
    refused(ctx, fake_dialogs, command)
    assert _detail(ctx, meeting).meeting.title == "Intervisie"


@covers(mc.AddParticipantCommand)
def test_undo_of_adding_a_participant_keeps_a_colleagues_edit(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    command = mc.AddParticipantCommand(ctx, meeting.meeting.id, {"name": "Fatma Yıldız"})
    execute(ctx, command)
    meetings.update_participant(colleague, command.dto.id, {"organisation": "De Regenboog"})
    refused(ctx, fake_dialogs, command)
    assert _detail(ctx, meeting).participants[1].organisation == "De Regenboog"


@covers(mc.RemoveParticipantCommand)
def test_redo_of_removing_a_participant_keeps_a_colleagues_edit(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    visser = meeting.participants[0]
    command = mc.RemoveParticipantCommand(ctx, visser)
    execute(ctx, command)
    ctx.undo_stack.undo()
    meetings.update_participant(colleague, visser.id, {"organisation": "Team Noord"})
    refused(ctx, fake_dialogs, command, "redo")
    assert _detail(ctx, meeting).participants[0].organisation == "Team Noord"


@covers(mc.AddCaseCommand)
def test_undo_of_putting_a_case_on_the_agenda_keeps_a_colleagues_follow_up(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    other = households.create_case(ctx.uow, name="Gezin Smit", case_number="2026-0031").value
    command = mc.AddCaseCommand(ctx, meeting.meeting.id, other.id, "2026-0031")
    execute(ctx, command)
    agenda.add_follow_up(colleague, command.row_id, {"what": "School bellen"})
    refused(ctx, fake_dialogs, command)
    item = _detail(ctx, meeting).item(command.row_id)
    assert [f.what for f in item.follow_ups] == ["School bellen"]


@covers(mc.AddFollowUpCommand)
def test_undo_of_a_follow_up_keeps_a_colleague_ticking_it_off(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    command = mc.AddFollowUpCommand(ctx, meeting.items[0], {"what": "Oma bellen"})
    execute(ctx, command)
    agenda.update_follow_up(colleague, command.row_id, {"done": True})
    refused(ctx, fake_dialogs, command)
    assert [f.done for f in _detail(ctx, meeting).items[0].follow_ups] == [True]


@covers(mc.RemoveItemCommand)
def test_redo_of_taking_a_case_off_keeps_a_colleagues_notes(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    command = mc.RemoveItemCommand(ctx, meeting.items[0])
    execute(ctx, command)
    ctx.undo_stack.undo()
    agenda.update_item(colleague, meeting.items[0].id, {"notes": "Oma is er elke dag"})
    refused(ctx, fake_dialogs, command, "redo")
    assert _detail(ctx, meeting).items[0].notes == "Oma is er elke dag"


@covers(mc.RemoveScoreCommand)
def test_redo_of_removing_a_round_score_keeps_a_colleagues_correction(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    item, visser = meeting.items[0], meeting.participants[0]
    agenda.record_score(ctx.uow, item.id, visser.id, 6, "Netwerk sterk")
    item = _detail(ctx, meeting).items[0]
    command = mc.RemoveScoreCommand(ctx, item, item.round[0])
    execute(ctx, command)
    ctx.undo_stack.undo()
    agenda.record_score(colleague, item.id, visser.id, 5, "Toch zorgen")
    refused(ctx, fake_dialogs, command, "redo")
    assert [e.score for e in _detail(ctx, meeting).items[0].round] == [5]


@covers(mc.RemoveFollowUpCommand)
def test_redo_of_removing_a_follow_up_keeps_a_colleagues_edit(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    follow_up = agenda.add_follow_up(ctx.uow, meeting.items[0].id, {"what": "Oma bellen"}).value
    command = mc.RemoveFollowUpCommand(ctx, follow_up)
    execute(ctx, command)
    ctx.undo_stack.undo()
    agenda.update_follow_up(colleague, follow_up.id, {"owner": "B. Visser"})
    refused(ctx, fake_dialogs, command, "redo")
    assert [f.owner for f in _detail(ctx, meeting).items[0].follow_ups] == ["B. Visser"]


@covers(mc.MoveItemCommand)
def test_undo_of_a_move_on_the_agenda_keeps_a_colleagues_order(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    other = households.create_case(ctx.uow, name="Gezin Smit", case_number="2026-0031").value
    first, second = agenda.add_case(ctx.uow, meeting.meeting.id, other.id).value.items
    command = mc.MoveItemCommand(ctx, second, 2, 1)
    execute(ctx, command)
    third = households.create_case(ctx.uow, name="Gezin Visser", case_number="2026-0040").value
    added = agenda.add_case(colleague, meeting.meeting.id, third.id).value
    agenda.move_item(colleague, added.items[-1].id, 1)  # the colleague puts Visser first
    refused(ctx, fake_dialogs, command)
    cases = [i.household_id for i in _detail(ctx, meeting).items]
    assert cases == [third.id, other.id, first.household_id]


@covers(mc.RecordScoreCommand)
def test_undo_of_a_round_score_keeps_a_colleagues_correction(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    item, visser = meeting.items[0], meeting.participants[0]
    command = mc.RecordScoreCommand(ctx, item, visser, 6, "Netwerk sterk")
    execute(ctx, command)
    agenda.record_score(colleague, item.id, visser.id, 5, "Toch zorgen")
    refused(ctx, fake_dialogs, command)
    assert [e.reason for e in _detail(ctx, meeting).items[0].round] == ["Toch zorgen"]


def test_undo_of_a_corrected_round_score_keeps_a_colleagues_correction(
    ctx, meeting, colleague, fake_dialogs
) -> None:
    item, visser = meeting.items[0], meeting.participants[0]
    agenda.record_score(ctx.uow, item.id, visser.id, 6, "Netwerk sterk")
    item = _detail(ctx, meeting).items[0]
    command = mc.RecordScoreCommand(ctx, item, visser, 7, "Oma helpt")
    execute(ctx, command)
    agenda.record_score(colleague, item.id, visser.id, 4, "Toch zorgen")
    refused(ctx, fake_dialogs, command)
    assert [e.score for e in _detail(ctx, meeting).items[0].round] == [4]


# ---- ZRM ---------------------------------------------------------------------------------------


@pytest.fixture
def mother(ctx, case):
    fields = {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"}
    return members.add_person(ctx.uow, case.id, fields).value


@covers(zc.StartAssessmentCommand)
def test_undo_of_a_new_assessment_keeps_a_colleagues_scores(
    ctx, case, mother, colleague, fake_dialogs
) -> None:
    command = zc.StartAssessmentCommand(ctx, case.id, mother.id, {"assessed_on": JAN})
    execute(ctx, command)
    za.set_domain(colleague, command.dto.id, "financien", {"level": 2})
    refused(ctx, fake_dialogs, command)
    assert za.get_assessment(ctx.uow, command.dto.id).level("financien") == 2


@covers(zc.RemoveAssessmentCommand)
def test_redo_of_removing_an_assessment_keeps_a_colleagues_scores(
    ctx, mother, colleague, fake_dialogs
) -> None:
    started = za.create_assessment(ctx.uow, mother.id, assessed_on=JAN).value
    command = zc.RemoveAssessmentCommand(ctx, started)
    execute(ctx, command)
    ctx.undo_stack.undo()
    za.set_domain(colleague, started.id, "huisvesting", {"level": 4})
    refused(ctx, fake_dialogs, command, "redo")
    assert za.get_assessment(ctx.uow, started.id).level("huisvesting") == 4


@covers(zc.EditAssessmentCommand)
def test_undo_of_an_assessment_edit_keeps_a_colleagues_edit(
    ctx, mother, colleague, fake_dialogs
) -> None:
    started = za.create_assessment(ctx.uow, mother.id, assessed_on=JAN).value
    command = zc.EditAssessmentCommand(ctx, started, "note", "Met moeder")
    execute(ctx, command)
    za.update_assessment(colleague, started.id, {"note": "Met moeder en oma"})
    refused(ctx, fake_dialogs, command)
    assert za.get_assessment(ctx.uow, started.id).note == "Met moeder en oma"


@covers(zc.SetDomainCommand)
def test_undo_of_a_domain_edit_keeps_a_colleagues_edit(
    ctx, mother, colleague, fake_dialogs
) -> None:
    started = za.create_assessment(ctx.uow, mother.id, assessed_on=JAN).value
    command = zc.SetDomainCommand(ctx, started, "financien", {"note": "Schuld"}, visit=1)
    execute(ctx, command)
    shown = za.get_assessment(ctx.uow, started.id)  # the note saves as it is typed
    execute(ctx, zc.SetDomainCommand(ctx, shown, "financien", {"note": "Schulden"}, visit=1))
    assert (ctx.undo_stack.count(), command.old, command.new) == (
        1,
        {"note": ""},
        {"note": "Schulden"},
    )
    za.set_domain(colleague, started.id, "financien", {"note": "Schulden, met bewind"})
    refused(ctx, fake_dialogs, command)
    assert za.get_assessment(ctx.uow, started.id).score("financien").note == (
        "Schulden, met bewind"
    )


def _descriptors(source: str) -> dict:
    matrix = definitions.builtin_matrices()[0]
    return {
        "format": definitions.DESCRIPTOR_FORMAT,
        "matrix": matrix.id,
        "version": matrix.version,
        "source": source,
        "descriptors": {
            code: {str(n): f"Criteria {code} niveau {n}" for n in definitions.LEVELS}
            for code in matrix.codes
        },
    }


@covers(ImportFileCommand)
def test_undo_of_an_import_keeps_a_colleagues_newer_file(ctx, colleague, fake_dialogs) -> None:
    command = ImportFileCommand(ctx, _descriptors("Licentie 2026"), "ons.json")
    execute(ctx, command)
    library.import_document(
        colleague, _descriptors("Licentie 2027"), file_name="hun.json", replace=True
    )
    refused(ctx, fake_dialogs, command)
    assert [i.source for i in library.list_imports(ctx.uow)] == ["Licentie 2027"]


def test_undo_of_a_replacing_import_keeps_a_colleagues_newer_file(
    ctx, colleague, fake_dialogs
) -> None:
    old = _descriptors("Licentie 2025")
    library.import_document(ctx.uow, old, file_name="oud.json")
    command = ImportFileCommand(
        ctx,
        _descriptors("Licentie 2026"),
        "ons.json",
        replace=True,
        replaced=old,
        replaced_file_name="oud.json",
    )
    execute(ctx, command)
    library.import_document(
        colleague, _descriptors("Licentie 2027"), file_name="hun.json", replace=True
    )
    refused(ctx, fake_dialogs, command)  # putting the old file back would replace theirs
    assert [i.source for i in library.list_imports(ctx.uow)] == ["Licentie 2027"]


@covers(RemoveImportCommand)
def test_redo_of_removing_an_import_keeps_a_colleagues_newer_file(
    ctx, colleague, fake_dialogs
) -> None:
    ours = library.import_document(
        ctx.uow, _descriptors("Licentie 2026"), file_name="ons.json"
    ).value
    command = RemoveImportCommand(ctx, ours)
    execute(ctx, command)
    ctx.undo_stack.undo()
    library.import_document(
        colleague, _descriptors("Licentie 2027"), file_name="hun.json", replace=True
    )
    refused(ctx, fake_dialogs, command, "redo")
    assert [i.source for i in library.list_imports(ctx.uow)] == ["Licentie 2027"]


# ---- privacy requests ---------------------------------------------------------------------


@covers(RegisterRequestCommand)
def test_undo_of_registering_a_request_keeps_a_colleagues_decision(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = RegisterRequestCommand(ctx, case.id, RequestKind.ACCESS, JAN, "moeder")
    execute(ctx, command)
    assert command.row is not None
    privacy.decide_request(colleague, command.row.id, command.row.version, "granted", DAY, "")
    refused(ctx, fake_dialogs, command)  # removing it would throw their decision away
    assert [r.status for r in privacy.list_requests(ctx.uow, case.id)] == ["granted"]


@covers(DecideRequestCommand)
def test_undo_of_a_decision_keeps_a_colleagues_later_decision(
    ctx, case, colleague, fake_dialogs
) -> None:
    request = privacy.register_request(ctx.uow, case.id, "destruction", JAN, "moeder")
    command = DecideRequestCommand(ctx, request, RequestStatus.GRANTED, DAY, "")
    execute(ctx, command)
    privacy.reopen_request(colleague, request.id, command.row.version)
    privacy.decide_request(
        colleague, request.id, command.row.version + 1, "withdrawn", DAY, "Moeder trekt in"
    )
    refused(ctx, fake_dialogs, command)
    assert privacy.get_request(ctx.uow, request.id).status == "withdrawn"
