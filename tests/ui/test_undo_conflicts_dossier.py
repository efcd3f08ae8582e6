"""Undo and redo never overwrite a colleague's later change in the dossier: journal entries
(add, change, remove, correct), the kindcheck, and the meldcode record (start, signals, step
fields, the kindcheck of step 1, the afwegingskader, the decision and closing). Each test does
the command, lets a colleague change the same thing, then undoes (or redoes): the colleague's
work stays, the "someone else changed this" message is shown and the command is dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused
from meldcode_data import meldcode_family

from jeugdtool.dossier import journal
from jeugdtool.dossier import kindcheck
from jeugdtool.dossier import meldcode
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.i18n import _

from jeugdtool.ui.commands import execute
from jeugdtool.ui.journal import commands as jc
from jeugdtool.ui.journal.kindcheck_dialog import AnswerKindcheckCommand
from jeugdtool.ui.meldcode import commands as mc

TODAY = dt.date.today()
#: Why an entry that a later entry corrects is never taken away (journal.ensure_uncorrected).
CORRECTED = (
    "A later entry corrects this one, so it stays in the file. To change what it "
    "says, add another correction."
)
VISIT = {"occurred_on": TODAY, "kind": "home_visit", "note": "Huisbezoek bij Sanne"}


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def elsewhere(ctx):
    """The same consultant in another window or on another computer: only an entry's author
    may change it, so this is who changes an entry "meanwhile"."""
    return ctx.uow.sibling()


@pytest.fixture
def entry(ctx, case) -> JournalEntryDTO:
    return journal.add_entry(ctx.uow, case.id, VISIT).value


@pytest.fixture
def family(ctx, case):
    return meldcode_family(ctx.uow, case.id)


@pytest.fixture
def record(ctx, case, family) -> MeldcodeRecordDTO:
    choices = meldcode.signal_choices(ctx.uow, case.id)
    return meldcode.start_record(ctx.uow, case.id, signals=choices[:1]).value


def _notes(ctx, case) -> list[str]:
    return [e.note for e in journal.journal(ctx.uow, case.id)]


def _record(ctx, record_id: int) -> MeldcodeRecordDTO:
    return meldcode.get_record(ctx.uow, record_id)


def _weighed(ctx, record: MeldcodeRecordDTO) -> MeldcodeRecordDTO:
    """`record` with steps 1–4 done and the afwegingskader answered: ready for the decision."""
    uow = ctx.uow
    meldcode.update_record(uow, record.id, {"kindcheck_children_depend": "no"})
    meldcode.update_step(uow, record.id, 1, {"done_on": TODAY})
    meldcode.update_step(uow, record.id, 2, {"with_whom": "Petra", "done_on": TODAY})
    meldcode.update_step(uow, record.id, 3, {"talk_held": True, "with_whom": "Sanne"})
    meldcode.update_step(uow, record.id, 3, {"done_on": TODAY})
    meldcode.answer_question(uow, record.id, "suspicion", True, "Noa vertelde het")
    meldcode.answer_question(uow, record.id, "unsafety", True, "Herhaald geweld")
    return meldcode.update_step(uow, record.id, 4, {"done_on": TODAY}).value


# ---- the journal ------------------------------------------------------------------------------


@covers(jc.AddEntryCommand)
def test_undo_of_adding_an_entry_keeps_an_edit_made_elsewhere(ctx, case, elsewhere, fake_dialogs):
    command = jc.AddEntryCommand(ctx, case.id, VISIT)
    execute(ctx, command)
    journal.update_entry(elsewhere, command.dto.id, {"note": "Huisbezoek bij Sanne en Mark"})
    refused(ctx, fake_dialogs, command)
    assert _notes(ctx, case) == ["Huisbezoek bij Sanne en Mark"]


@covers(jc.EditEntryCommand)
def test_undo_of_an_entry_edit_keeps_an_edit_made_elsewhere(
    ctx, case, entry, elsewhere, fake_dialogs
):
    command = jc.EditEntryCommand(ctx, entry, {"note": "Huisbezoek bij Sanne en Noa"})
    execute(ctx, command)
    journal.update_entry(elsewhere, entry.id, {"note": "Huisbezoek bij Sanne, Noa en Mark"})
    refused(ctx, fake_dialogs, command)
    assert _notes(ctx, case) == ["Huisbezoek bij Sanne, Noa en Mark"]


@covers(jc.RemoveEntryCommand)
def test_redo_of_removing_an_entry_keeps_an_edit_made_elsewhere(
    ctx, case, entry, elsewhere, fake_dialogs
):
    command = jc.RemoveEntryCommand(ctx, entry)
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert _notes(ctx, case) == [VISIT["note"]]  # back, with its own id
    journal.update_entry(elsewhere, entry.id, {"participants": ("Sanne Jansen",)})
    refused(ctx, fake_dialogs, command, "redo")
    (kept,) = journal.journal(ctx.uow, case.id)
    assert (kept.id, kept.participants) == (entry.id, ("Sanne Jansen",))


@covers(jc.CorrectEntryCommand)
def test_undo_of_a_correction_keeps_an_edit_of_it_made_elsewhere(
    ctx, case, entry, elsewhere, fake_dialogs
):
    command = jc.CorrectEntryCommand(ctx, entry, {"note": "Het was bij Mark thuis"})
    execute(ctx, command)
    journal.update_entry(elsewhere, command.dto.id, {"note": "Het was bij Mark en Sanne thuis"})
    refused(ctx, fake_dialogs, command)
    assert sorted(_notes(ctx, case)) == sorted([VISIT["note"], "Het was bij Mark en Sanne thuis"])


def test_undo_of_adding_an_entry_keeps_a_colleagues_correction_of_it(
    ctx, case, colleague, fake_dialogs
):
    command = jc.AddEntryCommand(ctx, case.id, VISIT)
    execute(ctx, command)
    journal.correct_entry(colleague, command.dto.id, {"note": "Het was op kantoor"})
    assert ctx.undo_stack.canUndo()
    fake_dialogs.errors.clear()
    ctx.undo_stack.undo()
    # Refused in words that say why (the file is a record), and dropped from the stack.
    assert fake_dialogs.errors == [_(CORRECTED)]
    assert ctx.undo_stack.count() == 0
    assert sorted(_notes(ctx, case)) == sorted([VISIT["note"], "Het was op kantoor"])


# ---- the kindcheck ------------------------------------------------------------------------------


@covers(AnswerKindcheckCommand)
def test_redo_of_a_kindcheck_keeps_a_colleagues_answer(ctx, case, family, colleague, fake_dialogs):
    (trigger, *_others) = kindcheck.pending_kindchecks(ctx.uow, case.id)
    values = {"children_depend": "yes", "safety_assessed": "no"}
    command = AnswerKindcheckCommand(ctx, case.id, trigger, values)
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert kindcheck.kindchecks(ctx.uow, case.id) == []
    kindcheck.answer_kindcheck(
        colleague, case.id, trigger, children_depend="yes", safety_assessed="yes"
    )
    refused(ctx, fake_dialogs, command, "redo")
    answers = [(k.asked_by, k.safety_assessed) for k in kindcheck.kindchecks(ctx.uow, case.id)]
    assert answers == [("M. Kaya", "yes")]


# ---- the meldcode record ------------------------------------------------------------------------


@covers(mc.StartRecordCommand)
def test_undo_of_starting_a_record_keeps_a_colleagues_step(
    ctx, case, family, colleague, fake_dialogs
):
    command = mc.StartRecordCommand(ctx, case.id)
    execute(ctx, command)
    meldcode.update_step(
        colleague, command.dto.id, 2, {"with_whom": "Petra (gedragswetenschapper)"}
    )
    refused(ctx, fake_dialogs, command)
    (kept,) = meldcode.records(ctx.uow, case.id)
    assert mc.step_of(kept, 2).with_whom == "Petra (gedragswetenschapper)"


@covers(mc.AddSignalCommand)
def test_undo_of_adding_a_signal_keeps_a_colleagues_edit(
    ctx, case, record, colleague, fake_dialogs
):
    fields = {"source": "own", "text": "Noa komt vaak te laat op school"}
    command = mc.AddSignalCommand(ctx, case.id, record.id, fields)
    execute(ctx, command)
    meldcode.update_signal(colleague, command.dto.id, {"text": "Noa verzuimt vaak"})
    refused(ctx, fake_dialogs, command)
    assert [s.text for s in _record(ctx, record.id).signals][-1] == "Noa verzuimt vaak"


@covers(mc.RemoveSignalCommand)
def test_redo_of_removing_a_signal_keeps_a_colleagues_edit(
    ctx, case, record, colleague, fake_dialogs
):
    (signal,) = record.signals
    command = mc.RemoveSignalCommand(ctx, case.id, signal)
    execute(ctx, command)
    ctx.undo_stack.undo()
    meldcode.update_signal(colleague, signal.id, {"text": "Mark sloeg Sanne, Noa zag het"})
    refused(ctx, fake_dialogs, command, "redo")
    assert [(s.id, s.text) for s in _record(ctx, record.id).signals] == [
        (signal.id, "Mark sloeg Sanne, Noa zag het")
    ]


@covers(mc.StepFieldsCommand)
def test_undo_of_a_step_field_keeps_a_colleagues_edit(ctx, case, record, colleague, fake_dialogs):
    command = mc.StepFieldsCommand(ctx, record, 2, {"with_whom": "Petra"})
    execute(ctx, command)
    meldcode.update_step(colleague, record.id, 2, {"with_whom": "Petra en Veilig Thuis"})
    refused(ctx, fake_dialogs, command)
    assert mc.step_of(_record(ctx, record.id), 2).with_whom == "Petra en Veilig Thuis"


@covers(mc.RecordFieldsCommand)
def test_undo_of_the_records_kindcheck_keeps_a_colleagues_edit(
    ctx, case, record, colleague, fake_dialogs
):
    command = mc.RecordFieldsCommand(ctx, record, {"kindcheck_note": "Noa woont bij Sanne"})
    execute(ctx, command)
    meldcode.update_record(colleague, record.id, {"kindcheck_note": "Noa woont bij Sanne en oma"})
    refused(ctx, fake_dialogs, command)
    assert _record(ctx, record.id).kindcheck_note == "Noa woont bij Sanne en oma"


@covers(mc.AnswerCommand)
def test_undo_of_an_answer_keeps_a_colleagues_answer(ctx, case, record, colleague, fake_dialogs):
    command = mc.AnswerCommand(ctx, record, "suspicion", True, "Noa vertelde het")
    execute(ctx, command)
    meldcode.answer_question(colleague, record.id, "suspicion", True, "Noa en school vertelden het")
    refused(ctx, fake_dialogs, command)
    answers = {a.question: (a.answer, a.reason) for a in _record(ctx, record.id).answers}
    assert answers["suspicion"] == (True, "Noa en school vertelden het")


@covers(mc.DecideCommand)
def test_undo_of_the_decision_keeps_a_colleagues_notes(ctx, case, record, colleague, fake_dialogs):
    weighed = _weighed(ctx, record)
    command = mc.DecideCommand(ctx, weighed, report=True, help=True, reason="")
    execute(ctx, command)
    meldcode.update_step(colleague, record.id, 5, {"notes": "Besproken met de teamleider"})
    refused(ctx, fake_dialogs, command)
    kept = _record(ctx, record.id)
    assert (kept.decided_report, kept.decided_help) == (True, True)
    assert mc.step_of(kept, 5).notes == "Besproken met de teamleider"


def test_redo_of_the_decision_keeps_a_colleagues_decision(
    ctx, case, record, colleague, fake_dialogs
):
    weighed = _weighed(ctx, record)
    command = mc.DecideCommand(ctx, weighed, report=True, help=True, reason="")
    execute(ctx, command)
    ctx.undo_stack.undo()
    meldcode.decide(colleague, record.id, report=True, help=False, reason="")
    fake_dialogs.errors.clear()
    ctx.undo_stack.redo()
    # Refused with the colleague's decision named, never decided over it; the step is dropped.
    (message,) = fake_dialogs.errors
    assert "M. Kaya" in message
    assert not ctx.undo_stack.canRedo() and ctx.undo_stack.count() == 0
    kept = _record(ctx, record.id)
    assert (kept.decided_report, kept.decided_help) == (True, False)
    assert mc.step_of(kept, 5).done_by == "M. Kaya"


@covers(mc.CloseRecordCommand)
def test_undo_of_closing_keeps_a_colleagues_new_record(ctx, case, record, colleague, fake_dialogs):
    weighed = _weighed(ctx, record)
    meldcode.update_step(ctx.uow, record.id, 5, {"notes": "Hulp via de wijk"})
    meldcode.decide(ctx.uow, record.id, report=False, help=True, reason="Hulp wordt aanvaard")
    command = mc.CloseRecordCommand(ctx, _record(ctx, weighed.id))
    execute(ctx, command)
    second = meldcode.start_record(colleague, case.id).value
    refused(ctx, fake_dialogs, command)
    states = {r.id: r.status for r in meldcode.records(ctx.uow, case.id)}
    assert states == {record.id: "closed", second.id: "open"}


def test_undo_of_a_kindcheck_keeps_an_edit_of_its_entry_made_elsewhere(
    ctx, case, family, elsewhere, fake_dialogs
):
    (trigger, *_others) = kindcheck.pending_kindchecks(ctx.uow, case.id)
    values = {"children_depend": "yes", "safety_assessed": "no"}
    command = AnswerKindcheckCommand(ctx, case.id, trigger, values)
    execute(ctx, command)
    entry_id = command.dto.journal_entry_id
    note = journal.get_entry(ctx.uow, entry_id).note + " Besproken met Sanne."
    journal.update_entry(elsewhere, entry_id, {"note": note})
    refused(ctx, fake_dialogs, command)
    assert [k.id for k in kindcheck.kindchecks(ctx.uow, case.id)] == [command.dto.id]
    assert journal.get_entry(ctx.uow, entry_id).note == note


def test_redo_of_starting_a_record_keeps_a_colleagues_record(
    ctx, case, family, colleague, fake_dialogs
):
    command = mc.StartRecordCommand(ctx, case.id)
    execute(ctx, command)
    ctx.undo_stack.undo()
    theirs = meldcode.start_record(colleague, case.id).value
    refused(ctx, fake_dialogs, command, "redo")
    assert [(r.id, r.started_by) for r in meldcode.records(ctx.uow, case.id)] == [
        (theirs.id, "M. Kaya")
    ]
