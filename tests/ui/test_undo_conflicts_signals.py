"""Undo and redo never overwrite a colleague's later change: the meldcode page's Veilig Thuis
contacts and verwijsindex signals with their matches (add, change, remove, extend, withdraw).
Each test does the command, lets a colleague change the same row, then undoes (or redoes): the
colleague's work stays, the "someone else changed this" message is shown and the command is
dropped. Where the step touches only its own field it is done and the colleague's change is
still there; undo of a contact a colleague's closed meldcode record rests on is refused with
that reason."""

from __future__ import annotations

import datetime as dt

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused

from jeugdtool.cases import members
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier import verwijsindex
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.dto import VerwijsindexMatchDTO
from jeugdtool.dossier.dto import VerwijsindexSignalDTO
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.i18n import _

from jeugdtool.ui.commands import execute
from jeugdtool.ui.meldcode import verwijsindex_tab as vi
from jeugdtool.ui.meldcode.veilig_thuis_tab import AddContactCommand
from jeugdtool.ui.meldcode.veilig_thuis_tab import EditContactCommand
from jeugdtool.ui.meldcode.veilig_thuis_tab import RemoveContactCommand

TODAY = dt.date.today()
#: A report to Veilig Thuis whose reference has not come yet.
REPORT = {
    "kind": VeiligThuisKind.REPORT.value,
    "contact_on": TODAY - dt.timedelta(days=2),
    "channel": ReportChannel.PHONE.value,
    "with_whom": "J. Bakker",
    "advice": "Melding gedaan over Noa",
}
MATCH = {"organisation": "OBS De Regenboog", "matched_on": TODAY - dt.timedelta(days=3)}


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def noa(ctx, case) -> PersonDTO:
    fields = {"first_name": "Noa", "last_name": "Jansen", "role": "child"}
    return members.add_person(ctx.uow, case.id, fields).value


@pytest.fixture
def contact(ctx, case) -> VeiligThuisContactDTO:
    return veilig_thuis.add_contact(ctx.uow, case.id, REPORT).value


@pytest.fixture
def signal(ctx, case, noa) -> VerwijsindexSignalDTO:
    """A signal about Noa of a month ago: running, so it can be extended and withdrawn."""
    fields = {"person_id": noa.id, "signalled_on": TODAY - dt.timedelta(days=30)}
    return verwijsindex.add_signal(ctx.uow, case.id, fields).value


@pytest.fixture
def match(ctx, signal) -> VerwijsindexMatchDTO:
    return verwijsindex.add_match(ctx.uow, signal.id, MATCH).value


def _contacts(ctx, case) -> list[VeiligThuisContactDTO]:
    return veilig_thuis.contacts(ctx.uow, case.id)


def _signal(ctx, signal_id: int) -> VerwijsindexSignalDTO:
    return verwijsindex.get_signal(ctx.uow, signal_id)


# ---- Veilig Thuis -----------------------------------------------------------------------------


@covers(AddContactCommand)
def test_undo_of_adding_a_report_keeps_a_colleagues_reference(
    ctx, case, colleague, fake_dialogs
) -> None:
    command = AddContactCommand(ctx, case.id, REPORT)
    execute(ctx, command)
    veilig_thuis.update_contact(colleague, command.dto.id, {"reference": "VT-2026-118"})
    refused(ctx, fake_dialogs, command)
    assert [c.reference for c in _contacts(ctx, case)] == ["VT-2026-118"]


@covers(AddContactCommand)
def test_undo_of_a_contact_of_a_record_a_colleague_closed_is_refused_with_the_reason(
    ctx, case, colleague, fake_dialogs
) -> None:
    record = meldcode.start_record(ctx.uow, case.id).value
    fields = {**REPORT, "kind": VeiligThuisKind.CONSULTATION.value, "meldcode_record_id": record.id}
    command = AddContactCommand(ctx, case.id, fields)
    execute(ctx, command)
    # The colleague finished the meldcode with this consultation in it: the record rests on it.
    meldcode.answer_question(colleague, record.id, "suspicion", False, "Geen vermoeden.")
    meldcode.close_record(colleague, record.id)
    ctx.undo_stack.undo()
    reason = _("This contact belongs to a closed meldcode record and stays in the file.")
    assert fake_dialogs.errors == [reason]
    assert ctx.undo_stack.count() == 0  # dropped: undo does not offer it again
    assert [c.meldcode_record_id for c in _contacts(ctx, case)] == [record.id]


@covers(EditContactCommand)
def test_undo_of_a_contact_edit_keeps_a_colleagues_correction(
    ctx, case, contact, colleague, fake_dialogs
) -> None:
    command = EditContactCommand(ctx, contact, {"reference": "VT-2026-11"})
    execute(ctx, command)
    veilig_thuis.update_contact(colleague, contact.id, {"reference": "VT-2026-118"})
    refused(ctx, fake_dialogs, command)
    assert [c.reference for c in _contacts(ctx, case)] == ["VT-2026-118"]


def test_undo_of_a_contact_edit_leaves_a_colleagues_other_field(
    ctx, case, contact, colleague, fake_dialogs
) -> None:
    command = EditContactCommand(ctx, contact, {"reference": "VT-2026-118"})
    execute(ctx, command)
    veilig_thuis.update_contact(colleague, contact.id, {"with_whom": "J. Bakker-de Wit"})
    ctx.undo_stack.undo()  # only the reference was this edit's: it goes, the name stays
    assert fake_dialogs.errors == []
    (kept,) = _contacts(ctx, case)
    assert (kept.reference, kept.with_whom) == ("", "J. Bakker-de Wit")


@covers(RemoveContactCommand)
def test_redo_of_removing_a_contact_keeps_a_colleagues_edit(
    ctx, case, contact, colleague, fake_dialogs
) -> None:
    command = RemoveContactCommand(ctx, contact)
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert [c.id for c in _contacts(ctx, case)] == [contact.id]  # back, with its own id
    veilig_thuis.update_contact(colleague, contact.id, {"reference": "VT-2026-118"})
    refused(ctx, fake_dialogs, command, "redo")
    (kept,) = _contacts(ctx, case)
    assert (kept.id, kept.reference) == (contact.id, "VT-2026-118")


@covers(RemoveContactCommand)
def test_undo_of_removing_a_contact_leaves_a_record_a_colleague_closed_as_it_is(
    ctx, case, colleague, fake_dialogs
) -> None:
    record = meldcode.start_record(ctx.uow, case.id).value
    fields = {**REPORT, "kind": VeiligThuisKind.CONSULTATION.value, "meldcode_record_id": record.id}
    contact = veilig_thuis.add_contact(ctx.uow, case.id, fields).value
    command = RemoveContactCommand(ctx, contact)
    execute(ctx, command)
    meldcode.answer_question(colleague, record.id, "suspicion", False, "Geen vermoeden.")
    meldcode.close_record(colleague, record.id)  # closed without the consultation
    ctx.undo_stack.undo()  # the consultation comes back, but not into the closed record
    assert fake_dialogs.errors == []
    assert [(c.id, c.meldcode_record_id) for c in _contacts(ctx, case)] == [(contact.id, None)]
    assert meldcode.get_record(ctx.uow, record.id).status == MeldcodeStatus.CLOSED.value


# ---- verwijsindex signals ---------------------------------------------------------------------


@covers(vi.AddSignalCommand)
def test_undo_of_adding_a_signal_keeps_a_colleagues_match(
    ctx, case, noa, colleague, fake_dialogs
) -> None:
    fields = {"person_id": noa.id, "signalled_on": TODAY - dt.timedelta(days=5)}
    command = vi.AddSignalCommand(ctx, case.id, fields)
    execute(ctx, command)
    verwijsindex.add_match(colleague, command.dto.id, MATCH)  # would go with the signal
    refused(ctx, fake_dialogs, command)
    (kept,) = verwijsindex.signals(ctx.uow, case.id)
    assert [m.organisation for m in kept.matches] == ["OBS De Regenboog"]


@covers(vi.EditSignalCommand)
def test_undo_of_a_signal_edit_keeps_a_colleagues_coordinator(
    ctx, signal, colleague, fake_dialogs
) -> None:
    command = vi.EditSignalCommand(ctx, signal, {"coordinator": "Jeugdarts GGD"})
    execute(ctx, command)
    verwijsindex.update_signal(colleague, signal.id, {"coordinator": "Leerplicht Deventer"})
    refused(ctx, fake_dialogs, command)
    assert _signal(ctx, signal.id).coordinator == "Leerplicht Deventer"


@covers(vi.RemoveSignalCommand)
def test_redo_of_removing_a_signal_keeps_a_colleagues_new_match(
    ctx, case, signal, match, colleague, fake_dialogs
) -> None:
    command = vi.RemoveSignalCommand(ctx, _signal(ctx, signal.id))
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert [m.id for m in _signal(ctx, signal.id).matches] == [match.id]  # back with its match
    verwijsindex.add_match(colleague, signal.id, {**MATCH, "organisation": "Huisarts Kaya"})
    refused(ctx, fake_dialogs, command, "redo")
    organisations = [m.organisation for m in _signal(ctx, signal.id).matches]
    assert sorted(organisations) == ["Huisarts Kaya", "OBS De Regenboog"]


@covers(vi.SignalDateCommand)
def test_undo_of_extending_keeps_a_colleagues_expiry(ctx, signal, colleague, fake_dialogs) -> None:
    command = vi.extend_command(ctx, signal)
    execute(ctx, command)
    assert _signal(ctx, signal.id).expires_on > signal.expires_on
    corrected = TODAY + dt.timedelta(days=100)
    verwijsindex.update_signal(colleague, signal.id, {"expires_on": corrected})
    refused(ctx, fake_dialogs, command)
    assert _signal(ctx, signal.id).expires_on == corrected


@covers(vi.SignalDateCommand)
def test_undo_of_extending_leaves_a_colleagues_withdrawal(
    ctx, signal, colleague, fake_dialogs
) -> None:
    command = vi.extend_command(ctx, signal)
    execute(ctx, command)
    verwijsindex.withdraw_signal(colleague, signal.id)
    ctx.undo_stack.undo()  # only the expiry was this step's: it goes back, the withdrawal stays
    assert fake_dialogs.errors == []
    now = _signal(ctx, signal.id)
    assert (now.expires_on, now.withdrawn_on) == (signal.expires_on, TODAY)


@covers(vi.SignalDateCommand)
def test_redo_of_extending_keeps_a_colleagues_withdrawal(
    ctx, signal, colleague, fake_dialogs
) -> None:
    command = vi.extend_command(ctx, signal)
    execute(ctx, command)
    ctx.undo_stack.undo()
    verwijsindex.withdraw_signal(colleague, signal.id)  # ended: a withdrawn signal runs no longer
    refused(ctx, fake_dialogs, command, "redo")
    now = _signal(ctx, signal.id)
    assert (now.expires_on, now.withdrawn_on) == (signal.expires_on, TODAY)


@covers(vi.SignalDateCommand)
def test_undo_of_withdrawing_keeps_a_colleagues_date(ctx, signal, colleague, fake_dialogs) -> None:
    command = vi.withdraw_command(ctx, signal)
    execute(ctx, command)
    yesterday = TODAY - dt.timedelta(days=1)
    verwijsindex.update_signal(colleague, signal.id, {"withdrawn_on": yesterday})
    refused(ctx, fake_dialogs, command)
    assert _signal(ctx, signal.id).withdrawn_on == yesterday


@covers(vi.SignalDateCommand)
def test_redo_of_withdrawing_keeps_a_colleagues_own_withdrawal(
    ctx, signal, colleague, fake_dialogs
) -> None:
    command = vi.withdraw_command(ctx, signal)
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert _signal(ctx, signal.id).withdrawn_on is None
    yesterday = TODAY - dt.timedelta(days=1)
    verwijsindex.withdraw_signal(colleague, signal.id, on=yesterday)
    refused(ctx, fake_dialogs, command, "redo")
    assert _signal(ctx, signal.id).withdrawn_on == yesterday


# ---- verwijsindex matches ---------------------------------------------------------------------


@covers(vi.AddMatchCommand)
def test_undo_of_adding_a_match_keeps_a_colleagues_contact(
    ctx, signal, colleague, fake_dialogs
) -> None:
    command = vi.AddMatchCommand(ctx, signal, MATCH)
    execute(ctx, command)
    verwijsindex.update_match(colleague, command.dto.id, {"contact": "mevr. Smit (IB)"})
    refused(ctx, fake_dialogs, command)
    assert [m.contact for m in _signal(ctx, signal.id).matches] == ["mevr. Smit (IB)"]


@covers(vi.EditMatchCommand)
def test_undo_of_a_match_edit_keeps_a_colleagues_contact(
    ctx, case, signal, match, colleague, fake_dialogs
) -> None:
    command = vi.EditMatchCommand(ctx, case.id, match, {"contact": "mevr. Smit"})
    execute(ctx, command)
    verwijsindex.update_match(colleague, match.id, {"contact": "mevr. Smit (IB)"})
    refused(ctx, fake_dialogs, command)
    assert [m.contact for m in _signal(ctx, signal.id).matches] == ["mevr. Smit (IB)"]


@covers(vi.RemoveMatchCommand)
def test_redo_of_removing_a_match_keeps_a_colleagues_edit(
    ctx, case, signal, match, colleague, fake_dialogs
) -> None:
    command = vi.RemoveMatchCommand(ctx, case.id, match)
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert [m.id for m in _signal(ctx, signal.id).matches] == [match.id]
    verwijsindex.update_match(colleague, match.id, {"contact": "mevr. Smit (IB)"})
    refused(ctx, fake_dialogs, command, "redo")
    (kept,) = _signal(ctx, signal.id).matches
    assert (kept.id, kept.contact) == (match.id, "mevr. Smit (IB)")


@covers(vi.RemoveMatchCommand)
def test_undo_of_removing_a_match_keeps_a_colleagues_removal_of_the_signal(
    ctx, case, signal, match, colleague, fake_dialogs
) -> None:
    command = vi.RemoveMatchCommand(ctx, case.id, match)
    execute(ctx, command)
    verwijsindex.remove_signal(colleague, signal.id)
    refused(ctx, fake_dialogs, command)  # no match put back on a signal that is gone
    assert verwijsindex.signals(ctx.uow, case.id) == []
