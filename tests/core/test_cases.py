"""Case services: numbers, lifecycle, members and network, undo support."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NotFound
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.store.guards import comparable

pytestmark = pytest.mark.both_backends


def test_case_numbers_are_generated_per_year(uow) -> None:
    first = households.create_case(uow, name="Gezin A", opened_on=dt.date(2026, 2, 3)).value
    second = households.create_case(uow, name="Gezin B", opened_on=dt.date(2026, 3, 1)).value
    other_year = households.create_case(uow, name="Gezin C", opened_on=dt.date(2025, 12, 1))
    assert (first.case_number, second.case_number) == ("2026-0001", "2026-0002")
    assert other_year.value.case_number == "2025-0001"
    households.create_case(uow, name="Gezin D", case_number="2026-0040")
    assert households.next_case_number(uow, 2026) == "2026-0041"


def test_case_number_must_be_unique(uow, case) -> None:
    with pytest.raises(InvalidInput) as info:
        households.create_case(uow, name="Gezin Ander", case_number=case.case_number)
    assert info.value.for_field("case_number") == [
        "Casusnummer 2026-0012 is al in gebruik. Kies een ander nummer."
    ]


def test_new_case_defaults(uow) -> None:
    boer = consultants.add_consultant(uow, "A. de Boer").value
    made = households.create_case(
        uow, name="  Gezin Kaya ", mode="wellbeing", case_manager_id=boer.id
    ).value
    assert made.name == "Gezin Kaya"
    assert made.mode is CaseMode.WELLBEING
    assert made.status is CaseStatus.OPEN
    assert made.opened_on == dt.date.today()
    assert made.case_manager_name == "A. de Boer"


def test_every_problem_is_reported_at_once(uow, case) -> None:
    with pytest.raises(InvalidInput) as info:
        households.update_case(uow, case.id, {"name": " ", "case_number": "nr 1?"})
    assert {p.field for p in info.value.problems} == {"name", "case_number"}


def test_close_reopen_archive(uow, case) -> None:
    with pytest.raises(InvalidInput):
        households.close_case(uow, case.id, reason="  ")
    with pytest.raises(InvalidInput):
        households.archive_case(uow, case.id)  # open cases are closed first
    closed = households.close_case(uow, case.id, "Doelen bereikt").value
    assert (closed.status, closed.closed_on) == (CaseStatus.CLOSED, dt.date.today())
    with pytest.raises(InvalidInput) as info:
        households.close_case(uow, case.id, "Nog een keer")
    assert info.value.problems[0].message == "Deze casus is al gesloten."
    archived = households.archive_case(uow, case.id).value
    assert archived.status is CaseStatus.ARCHIVED
    reopened = households.reopen_case(uow, case.id).value
    assert (reopened.status, reopened.closed_on, reopened.close_reason) == (
        CaseStatus.OPEN,
        None,
        None,
    )
    with pytest.raises(InvalidInput):
        households.reopen_case(uow, case.id)


def test_closing_date_cannot_precede_opening(uow, case) -> None:
    with pytest.raises(InvalidInput) as info:
        households.close_case(uow, case.id, "Verhuisd", case.opened_on - dt.timedelta(days=1))
    assert "voor de startdatum" in info.value.problems[0].message


def test_members_keep_their_order_and_age(uow, case) -> None:
    members.add_person(
        uow,
        case.id,
        {
            "first_name": "Sanne",
            "last_name": "Jansen",
            "role": "parent",
            "birth_date": "02-03-1990",
        },
    )
    members.add_person(
        uow,
        case.id,
        {"first_name": "Noa", "last_name": "Jansen", "birth_date": dt.date(2016, 5, 14)},
    )
    persons = queries.get_case(uow, case.id).persons
    assert [p.first_name for p in persons] == ["Sanne", "Noa"]
    assert persons[0].role is PersonRole.PARENT
    assert persons[1].role is PersonRole.CHILD
    assert persons[1].age_on(dt.date(2026, 5, 13)) == 9
    assert persons[1].age_on(dt.date(2026, 5, 14)) == 10


def test_birth_date_in_the_future_is_refused(uow, case) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput) as info:
        members.add_person(uow, case.id, {"first_name": "Noa", "birth_date": tomorrow})
    assert info.value.problems[0].field == "birth_date"
    assert queries.get_case(uow, case.id).persons == ()


def test_network_member_contact_is_validated(uow, case) -> None:
    with pytest.raises(InvalidInput) as info:
        members.add_network_member(
            uow,
            case.id,
            {"name": "Mentor", "kind": "school", "phone": "12345", "email": "mentor@school"},
        )
    assert {p.field for p in info.value.problems} == {"phone", "email"}
    made = members.add_network_member(
        uow,
        case.id,
        {
            "name": "Mw. Bakker",
            "kind": "school",
            "relation": "mentor",
            "organisation": "OBS De Vlinder",
            "phone": "0599-123456",
            "email": "mentor@obs-de-vlinder.example",
            "safety_network": True,
        },
    ).value
    assert made.kind is NetworkKind.SCHOOL and made.kind.is_professional
    assert made.safety_network


def test_removed_member_comes_back_with_the_same_id_in_their_place(uow, case) -> None:
    noa = members.add_person(uow, case.id, {"first_name": "Noa"}).value
    daan = members.add_person(uow, case.id, {"first_name": "Daan"}).value
    removed = members.remove_person(uow, noa.id, expected=noa).value
    assert [(p.first_name, p.position) for p in queries.get_case(uow, case.id).persons] == [
        ("Daan", 1)  # the gap is closed
    ]
    restored = members.restore_person(uow, removed).value
    assert comparable(restored) == comparable(noa)
    assert [(p.id, p.position) for p in queries.get_case(uow, case.id).persons] == [
        (noa.id, 1),
        (daan.id, 2),
    ]


def test_removed_network_member_comes_back_in_their_place(uow, case) -> None:
    ria = members.add_network_member(uow, case.id, {"name": "Oma Ria", "kind": "family"}).value
    members.add_network_member(uow, case.id, {"name": "Buurman Piet", "kind": "neighbour"})
    removed = members.remove_network_member(uow, ria.id).value
    members.add_network_member(uow, case.id, {"name": "Juf Els", "kind": "school"})
    back = members.restore_network_member(uow, removed).value
    assert comparable(back) == comparable(ria)
    network = queries.get_case(uow, case.id).network
    assert [(n.name, n.position) for n in network] == [
        ("Oma Ria", 1),
        ("Buurman Piet", 2),
        ("Juf Els", 3),
    ]


def test_undo_of_a_removal_brings_back_what_referred_to_the_member(uow, case) -> None:
    noa = members.add_person(uow, case.id, {"first_name": "Noa", "role": "child"}).value
    ria = members.add_network_member(uow, case.id, {"name": "Oma Ria", "kind": "family"}).value
    moment = moments.start_moment(uow, case.id, author="A. de Boer").value
    moments.add_item(
        uow,
        moment.id,
        Cell.HARM,
        {
            "text": "Noa had blauwe plekken",
            "concerns_person_id": noa.id,
            "source": Source(SourceKind.NETWORK, network_id=ria.id),
        },
    )
    statements.add_statement(
        uow, moment.id, StatementType.HARM, {"behaviour": "Noa werd geslagen", "children": [noa.id]}
    )

    def about() -> tuple[object, ...]:
        shown = moments.get_moment(uow, moment.id).items()[0]
        (statement,) = statements.list_statements(uow, moment.id)
        return shown.concerns_person_id, shown.source.network_id, statement.children

    gone_noa = members.remove_person(uow, noa.id).value
    gone_ria = members.remove_network_member(uow, ria.id).value
    assert about() == (None, None, ())  # the database cleared them (SET NULL, CASCADE)
    members.restore_network_member(uow, gone_ria)
    members.restore_person(uow, gone_noa)
    assert about() == (noa.id, ria.id, (noa.id,))


def test_a_member_is_not_put_back_into_a_closed_case(uow, case) -> None:
    noa = members.add_person(uow, case.id, {"first_name": "Noa"}).value
    removed = members.remove_person(uow, noa.id).value
    households.close_case(uow, case.id, "Hulp afgerond", closed_on=dt.date.today())
    with pytest.raises(CaseClosed):
        members.restore_person(uow, removed)
    assert queries.get_case(uow, case.id).persons == ()


def test_deleted_case_is_restored_whole(uow, case) -> None:
    members.add_person(uow, case.id, {"first_name": "Noa"})
    members.add_network_member(uow, case.id, {"name": "Oma Ria", "kind": "family"})
    moment = moments.start_moment(uow, case.id, author="A. de Boer").value
    moments.add_item(uow, moment.id, Cell.HARM, {"text": "Noa had blauwe plekken"})
    before = queries.get_case(uow, case.id)
    snapshot = households.delete_case(uow, case.id).value
    with pytest.raises(NotFound):
        queries.get_case(uow, case.id)
    back = households.restore_case(uow, snapshot).value
    assert comparable(back) == comparable(before.household)
    after = queries.get_case(uow, case.id)
    assert comparable(after) == comparable(before)
    # Everything the case held comes back, not only its members (the map too).
    assert [i.text for i in moments.get_moment(uow, moment.id).items()] == [
        "Noa had blauwe plekken"
    ]


def test_a_deleted_case_is_not_put_back_when_its_number_was_taken(uow, case) -> None:
    snapshot = households.delete_case(uow, case.id).value
    households.create_case(uow, name="Gezin Smit", case_number=case.case_number)
    with pytest.raises(InvalidInput) as info:
        households.restore_case(uow, snapshot)
    assert info.value.for_field("case_number")
    assert [s.name for s in queries.list_case_summaries(uow)] == ["Gezin Smit"]


def test_field_level_expectation_protects_undo(uow, case) -> None:
    noa = members.add_person(uow, case.id, {"first_name": "Noa"}).value
    members.update_person(uow, noa.id, {"first_name": "Noah"})  # e.g. a colleague
    with pytest.raises(ConflictError):
        members.update_person(uow, noa.id, {"first_name": "Noa"}, expected={"first_name": "Noë"})


def test_consultant_names_are_unique_case_insensitively(uow) -> None:
    consultants.add_consultant(uow, "A. de Boer")
    with pytest.raises(InvalidInput):
        consultants.add_consultant(uow, "a. de boer")
    assert consultants.ensure_consultant(uow, "A. DE BOER").value.name == "A. de Boer"
    assert [c.name for c in consultants.list_consultants(uow)] == ["A. de Boer"]


def test_consultant_names_with_diacritics_match_themselves(uow) -> None:
    first = consultants.ensure_consultant(uow, "Ö. Yılmaz").value
    assert consultants.ensure_consultant(uow, "ö. yılmaz").value == first
    with pytest.raises(InvalidInput):
        consultants.add_consultant(uow, "Ö. YILMAZ")
