"""Whom to call (issue 19): a consultant's phone number (the case manager's, on the case), the
chair of the network (one per case) and a child's trusted person (a member of the same case's
network) — the rules, the services with undo's guards, the case file, the demo and the history."""

from __future__ import annotations

import copy
import io
from typing import Any

import pypdf
import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import contact_rules
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.export import access_request
from jeugdtool.export import demo
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.casefile import validate_case_document
from jeugdtool.export.history_words import history_rows
from jeugdtool.export.pdf import dossier as dossier_pdf
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

pytestmark = pytest.mark.both_backends


def _member(ident: int, name: str, chairs: bool = False) -> NetworkMemberDTO:
    return NetworkMemberDTO(
        id=ident,
        household_id=1,
        position=ident,
        name=name,
        relation="",
        kind=NetworkKind.FAMILY,
        organisation=None,
        phone=None,
        email=None,
        safety_network=False,
        notes="",
        version=1,
        chairs_network=chairs,
    )


RIA, HENK = _member(1, "Ria Jansen", chairs=True), _member(2, "Henk Bos")


# ---- the rules (pure) ------------------------------------------------------------------------


def test_one_chair_per_network() -> None:
    assert contact_rules.chair_of([HENK, RIA]) == RIA
    assert contact_rules.chair_problem(RIA.id, True, [RIA, HENK]) is None  # stays chair
    assert contact_rules.chair_problem(HENK.id, False, [RIA, HENK]) is None
    message = contact_rules.chair_problem(HENK.id, True, [RIA, HENK])
    assert message is not None and "Ria Jansen" in message
    assert contact_rules.chair_problem(None, True, [RIA]) is not None  # a new member too
    with pytest.raises(InvalidInput) as caught:
        contact_rules.check_chair(None, True, [RIA])
    assert caught.value.problems[0].field == "chairs_network"


def test_a_trusted_person_is_for_a_child_and_in_the_network() -> None:
    network = [RIA, HENK]
    assert contact_rules.trusted_person_problem(PersonRole.CHILD, RIA.id, network) is None
    assert contact_rules.trusted_person_problem("parent", None, network) is None
    assert contact_rules.trusted_person_problem("parent", RIA.id, network) is not None
    assert contact_rules.trusted_person_problem("child", 99, network) is not None
    with pytest.raises(InvalidInput) as caught:
        contact_rules.check_trusted_person("carer", HENK.id, network)
    assert caught.value.problems[0].field == "trusted_person_id"


# ---- the services ------------------------------------------------------------------------------


@pytest.fixture
def people(uow, case) -> dict[str, Any]:
    add = members.add_network_member
    return {
        "ria": add(uow, case.id, {"name": "Ria Jansen", "chairs_network": True}).value,
        "henk": add(uow, case.id, {"name": "Henk Bos", "kind": "neighbour"}).value,
        "daan": members.add_person(uow, case.id, {"first_name": "Daan", "role": "child"}).value,
        "sandra": members.add_person(
            uow, case.id, {"first_name": "Sandra", "role": "parent"}
        ).value,
    }


def test_a_second_chair_is_refused_until_the_first_steps_down(uow, people) -> None:
    ria, henk = people["ria"], people["henk"]
    assert ria.chairs_network
    with pytest.raises(InvalidInput) as caught:
        members.update_network_member(uow, henk.id, {"chairs_network": True})
    assert caught.value.problems[0].field == "chairs_network"
    with pytest.raises(InvalidInput):
        members.add_network_member(uow, ria.household_id, {"name": "Nog een", "chairs_network": 1})
    members.update_network_member(
        uow, ria.id, {"chairs_network": False}, expected={"chairs_network": True}
    )
    moved = members.update_network_member(uow, henk.id, {"chairs_network": True}).value
    assert moved.chairs_network
    chair = contact_rules.chair_of(queries.get_case(uow, ria.household_id).network)
    assert chair is not None and chair.id == henk.id


def test_undo_refuses_a_chair_changed_meanwhile(uow, db, people) -> None:
    colleague = UnitOfWork(db, "M. Kaya")
    ria = people["ria"]
    members.update_network_member(colleague, ria.id, {"chairs_network": False})
    with pytest.raises(ConflictError):  # undo of "make Ria chair" expected her to be it
        members.update_network_member(
            uow, ria.id, {"chairs_network": False}, expected={"chairs_network": True}
        )


def test_putting_back_a_removed_chair_is_refused_when_another_chairs(uow, people) -> None:
    ria, henk = people["ria"], people["henk"]
    taken = members.remove_network_member(uow, ria.id, expected=ria).value
    members.update_network_member(uow, henk.id, {"chairs_network": True})
    with pytest.raises(InvalidInput):
        members.restore_network_member(uow, taken)
    assert [m.name for m in queries.get_case(uow, ria.household_id).network] == ["Henk Bos"]


def test_a_child_gets_a_trusted_person_of_the_case(uow, people, case) -> None:
    daan, henk = people["daan"], people["henk"]
    changed = members.update_person(
        uow, daan.id, {"trusted_person_id": henk.id}, expected={"trusted_person_id": None}
    ).value
    assert changed.trusted_person_id == henk.id
    detail = queries.get_case(uow, case.id)
    child = next(p for p in detail.persons if p.id == daan.id)
    assert contact_rules.trusted_person_of(child, detail.network) == next(
        m for m in detail.network if m.id == henk.id
    )


def test_a_trusted_person_is_refused_for_an_adult_and_from_another_case(uow, people) -> None:
    sandra, daan, henk = people["sandra"], people["daan"], people["henk"]
    with pytest.raises(InvalidInput) as caught:
        members.update_person(uow, sandra.id, {"trusted_person_id": henk.id})
    assert caught.value.problems[0].field == "trusted_person_id"
    other = households.create_case(uow, name="Gezin Bakker", case_number="2026-0099").value
    stranger = members.add_network_member(uow, other.id, {"name": "Marga de Vries"}).value
    with pytest.raises(InvalidInput):
        members.update_person(uow, daan.id, {"trusted_person_id": stranger.id})
    with pytest.raises(InvalidInput):
        members.add_person(
            uow, henk.household_id, {"first_name": "Ot", "trusted_person_id": stranger.id}
        )
    members.update_person(uow, daan.id, {"trusted_person_id": henk.id})
    with pytest.raises(InvalidInput):  # a child with a trusted person does not become an adult
        members.update_person(uow, daan.id, {"role": "parent"})
    adult = members.update_person(uow, daan.id, {"role": "parent", "trusted_person_id": None})
    assert adult.value.trusted_person_id is None


def test_removing_the_trusted_person_clears_it_and_undo_puts_it_back(uow, people, case) -> None:
    daan, henk = people["daan"], people["henk"]
    members.update_person(uow, daan.id, {"trusted_person_id": henk.id})
    taken = members.remove_network_member(uow, henk.id, expected=henk).value
    after = {p.id: p for p in queries.get_case(uow, case.id).persons}
    assert after[daan.id].trusted_person_id is None
    members.restore_network_member(uow, taken)
    back = {p.id: p for p in queries.get_case(uow, case.id).persons}
    assert back[daan.id].trusted_person_id == henk.id


def test_the_case_manager_s_phone_is_on_the_case(uow, case) -> None:
    me = consultants.ensure_consultant(uow, "A. de Boer").value
    households.update_case(uow, case.id, {"case_manager_id": me.id})
    assert queries.get_case(uow, case.id).household.case_manager_phone is None
    with pytest.raises(InvalidInput) as caught:
        consultants.update_consultant(uow, me.id, {"phone": "bel maar"})
    assert caught.value.problems[0].field == "phone"
    saved = consultants.update_consultant(
        uow, me.id, {"phone": "06-12345678"}, expected={"phone": None}
    ).value
    assert saved.phone == "06-12345678"
    assert queries.get_case(uow, case.id).household.case_manager_phone == "06-12345678"
    with pytest.raises(ConflictError):  # undo expects the number it set
        consultants.update_consultant(uow, me.id, {"phone": None}, expected={"phone": "06-1"})


def test_single_user_staff_carries_the_phone(uow) -> None:
    me = consultants.add_consultant(uow, "B. Jansen", phone="050-1234567").value
    assert staff.single_user(me).phone == "050-1234567"
    assert staff.single_user(me).as_consultant().phone == "050-1234567"


# ---- the case file -------------------------------------------------------------------------


def _demo_doc() -> dict[str, Any]:
    return read_case_file(demo.demo_files()[0])


def test_chair_and_trusted_persons_go_through_the_case_file(uow) -> None:
    doc = _demo_doc()
    case = import_case(uow, doc).value
    detail = queries.get_case(uow, case.id)
    by_ref = {f"n{i}": m for i, m in enumerate(detail.network, start=1)}
    for person, item in zip(detail.persons, doc["persons"], strict=True):
        wanted = item["trusted_person"]
        assert person.trusted_person_id == (by_ref[wanted].id if wanted else None)
    assert [m.chairs_network for m in detail.network] == [
        n["chairs_network"] for n in doc["network"]
    ]
    again = export_case(uow, case.id)
    assert again["persons"] == doc["persons"] and again["network"] == doc["network"]


def test_a_file_from_before_has_no_chair_and_no_trusted_person(uow) -> None:
    doc = _demo_doc()
    for person in doc["persons"]:
        del person["trusted_person"]
    for member in doc["network"]:
        del member["chairs_network"]
    assert validate_case_document(doc) == []
    detail = queries.get_case(uow, import_case(uow, doc).value.id)
    assert not any(m.chairs_network for m in detail.network)
    assert all(p.trusted_person_id is None for p in detail.persons)


def test_the_check_refuses_a_second_chair_and_a_wrong_trusted_person() -> None:
    doc = copy.deepcopy(_demo_doc())
    for member in doc["network"][:2]:
        member["chairs_network"] = True
    parent = next(i for i, p in enumerate(doc["persons"]) if p["role"] == "parent")
    child = next(i for i, p in enumerate(doc["persons"]) if p["role"] == "child")
    doc["persons"][parent]["trusted_person"] = "n1"
    doc["persons"][child]["trusted_person"] = "n99"
    fields = [p.field for p in validate_case_document(doc)]
    assert "network[1].chairs_network" in fields
    assert "network[0].chairs_network" not in fields
    assert f"persons[{parent}].trusted_person" in fields
    assert f"persons[{child}].trusted_person" in fields


# ---- the demo and the history ------------------------------------------------------------------


def test_every_demo_case_has_a_chair_a_trusted_person_and_a_manager_s_phone(uow) -> None:
    loaded = demo.load_demo(uow).value
    assert loaded
    for case in loaded:
        detail = queries.get_case(uow, case.id)
        assert contact_rules.chair_of(detail.network) is not None, case.case_number
        children = [p for p in detail.persons if p.role is PersonRole.CHILD]
        assert any(contact_rules.trusted_person_of(c, detail.network) for c in children), (
            case.case_number
        )
        assert detail.household.case_manager_phone, case.case_number
        assert detail.household.case_manager_phone.startswith("06-")


def test_the_history_names_the_trusted_person(uow, people, case) -> None:
    daan, henk = people["daan"], people["henk"]
    members.update_person(uow, daan.id, {"trusted_person_id": henk.id})
    entries = queries.case_history(uow, case.id)
    rows = history_rows(entries, {}, queries.get_case(uow, case.id))
    row = next(r for r in rows if r.field == _("Trusted person"))
    assert row.change.endswith("→ Henk Bos")


def test_the_access_request_shows_the_chair_and_the_trusted_person(
    uow, tmp_path, monkeypatch
) -> None:
    # The children's own words are another part of the dossier, with tests of their own.
    monkeypatch.setattr(dossier_pdf._Layout, "child_voice_part", lambda _self: [], raising=False)
    demo.load_demo(uow)
    case_id = queries.find_case_id(uow, "2026-0001")
    assert case_id is not None
    dossier = access_request.collect(uow, case_id)
    requester = access_request.Requester(requested_by="Sandra Jansen (moeder)")
    done = access_request.deliver(uow, case_id, dossier, tmp_path, (), requester)
    reader = pypdf.PdfReader(io.BytesIO(done.pdf.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    detail = queries.get_case(uow, case_id)
    daan = next(p for p in detail.persons if p.first_name == "Daan")
    trusted = contact_rules.trusted_person_of(daan, detail.network)
    assert trusted is not None
    words = Texts("access_request")
    assert words.text("trusted_person", who=trusted.name) in text
    assert words.text("chairs_network") in text
