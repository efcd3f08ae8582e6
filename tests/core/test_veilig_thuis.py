"""Veilig Thuis involvement without Qt: consultations and reports with their dates, how and with
whom; a report needs its date and channel while its reference may follow; links to the case's
meldcode records; contacts of a closed record stay; undo."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.dossier import meldcode as mc
from jeugdtool.dossier import veilig_thuis as vt
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
EARLIER = TODAY - dt.timedelta(days=10)


def _fields(exc: pytest.ExceptionInfo[InvalidInput]) -> set[str]:
    return {p.field for p in exc.value.problems}


def _report(**fields):
    return {"kind": "report", "contact_on": TODAY, "channel": "online", **fields}


def test_a_consultation_is_recorded_by_phone_unless_said_otherwise(uow, case) -> None:
    done = vt.add_contact(
        uow,
        case.id,
        {
            "kind": "consultation",
            "contact_on": EARLIER,
            "with_whom": "J. Smit (Veilig Thuis)",
            "advice": "Gesprek met moeder voeren, daarna terugbellen",
        },
    )
    contact = done.value
    assert done.changes.touches("veilig_thuis_contact") and done.changes.touches_case(case.id)
    assert (contact.kind, contact.channel, contact.recorded_by) == (
        "consultation",
        "phone",
        "A. de Boer",
    )
    assert not vt.missing_reference(contact)


def test_a_report_needs_its_date_and_channel_and_its_reference_may_follow(uow, case) -> None:
    with pytest.raises(InvalidInput) as exc:
        vt.add_contact(uow, case.id, {"kind": "report"})
    assert _fields(exc) == {"contact_on", "channel"}
    assert _("Say how the report was made (by phone, online, …).") in exc.value.for_field("channel")
    with pytest.raises(InvalidInput) as exc:
        vt.add_contact(uow, case.id, _report(contact_on=TODAY + dt.timedelta(days=1)))
    assert _fields(exc) == {"contact_on"}
    with pytest.raises(InvalidInput) as exc:
        vt.add_contact(uow, case.id, _report(channel="pigeon", kind="letter"))
    assert _fields(exc) == {"channel", "kind"}
    report = vt.add_contact(uow, case.id, _report()).value
    assert vt.missing_reference(report)  # the overview marks it until the number comes
    later = vt.update_contact(
        uow, report.id, {"reference": "VT-2026-04417"}, expected={"reference": ""}
    ).value
    assert later.reference == "VT-2026-04417" and not vt.missing_reference(later)
    with pytest.raises(InvalidInput) as exc:
        vt.update_contact(uow, report.id, {"channel": None})
    assert _fields(exc) == {"channel"}


def test_contacts_are_listed_newest_first(uow, case) -> None:
    old = vt.add_contact(uow, case.id, {"kind": "consultation", "contact_on": EARLIER}).value
    new = vt.add_contact(uow, case.id, _report()).value
    assert vt.contacts(uow, case.id) == [new, old]


def test_a_contact_links_only_to_an_open_record_of_its_own_case(uow, case) -> None:
    record = mc.start_record(uow, case.id, on=EARLIER).value
    other = households.create_case(uow, name="Gezin Bakker", case_number="2026-0013").value
    foreign = mc.start_record(uow, other.id).value
    with pytest.raises(InvalidInput) as exc:
        vt.add_contact(uow, case.id, _report(meldcode_record_id=foreign.id))
    assert _fields(exc) == {"meldcode_record_id"}
    linked = vt.add_contact(
        uow,
        case.id,
        {"kind": "consultation", "contact_on": EARLIER, "meldcode_record_id": record.id},
    ).value
    assert mc.get_record(uow, record.id).veilig_thuis_ids == (linked.id,)
    mc.answer_question(uow, record.id, "suspicion", False, "Uitleg van school klopt")
    mc.close_record(uow, record.id)
    with pytest.raises(InvalidInput) as exc:
        vt.add_contact(uow, case.id, _report(meldcode_record_id=record.id))
    assert exc.value.for_field("meldcode_record_id") == [
        _("That meldcode record is closed; a contact can no longer be added to it.")
    ]


def test_a_contact_of_a_closed_record_only_gets_its_reference(uow, case) -> None:
    record = mc.start_record(uow, case.id, on=EARLIER).value
    report = vt.add_contact(uow, case.id, _report(meldcode_record_id=record.id)).value
    mc.answer_question(uow, record.id, "suspicion", False, "Geen vermoeden meer")
    mc.close_record(uow, record.id)
    with pytest.raises(InvalidInput) as exc:
        vt.update_contact(uow, report.id, {"advice": "Anders opgeschreven"})
    assert _fields(exc) == {"reference"}
    assert vt.update_contact(uow, report.id, {"reference": "VT-88"}).value.reference == "VT-88"
    with pytest.raises(InvalidInput):
        vt.remove_contact(uow, report.id)
    assert [c.id for c in vt.contacts(uow, case.id)] == [report.id]


def test_undo_of_a_contact_and_its_guards(uow, case) -> None:
    contact = vt.add_contact(uow, case.id, _report(reference="VT-1")).value
    with pytest.raises(ConflictError):
        vt.remove_contact(uow, contact.id, expected=dataclasses.replace(contact, reference="VT-2"))
    with pytest.raises(ConflictError):
        vt.update_contact(uow, contact.id, {"reference": "VT-3"}, expected={"reference": "x"})
    taken = vt.remove_contact(uow, contact.id, expected=contact).value
    assert vt.contacts(uow, case.id) == []
    assert vt.restore_contact(uow, taken).value == contact


def test_redo_of_a_contact_whose_record_was_closed_meanwhile_comes_back_unlinked(uow, case) -> None:
    members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"})
    record = mc.start_record(uow, case.id, on=EARLIER).value
    consult = {"kind": "consultation", "contact_on": TODAY, "meldcode_record_id": record.id}
    contact = vt.add_contact(uow, case.id, consult).value
    taken = vt.remove_contact(uow, contact.id, expected=contact).value
    mc.answer_question(uow, record.id, "suspicion", False, "Geen aanwijzingen")
    mc.close_record(uow, record.id, on=TODAY)
    back = vt.restore_contact(uow, taken).value
    assert (back.id, back.meldcode_record_id) == (contact.id, None)
    assert mc.get_record(uow, record.id).veilig_thuis_ids == ()  # the closed record unchanged


def test_a_closed_case_refuses_contacts(uow, case) -> None:
    contact = vt.add_contact(uow, case.id, _report()).value
    households.close_case(uow, case.id, reason="Afgerond")
    with pytest.raises(CaseClosed):
        vt.add_contact(uow, case.id, _report())
    with pytest.raises(CaseClosed):
        vt.update_contact(uow, contact.id, {"reference": "VT-9"})
    assert vt.contacts(uow, case.id) == [contact]  # still read
