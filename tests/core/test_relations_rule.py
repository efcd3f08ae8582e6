"""One rule for who someone is beside their name (framework/relations.py): the documents, the
score form's "who" list, the ZRM person list and the scale chart's raters all follow it."""

from __future__ import annotations

import datetime as dt

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.framework import relations
from jeugdtool.framework.scale_dto import Rater
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.meetings.names import Person
from jeugdtool.meetings.names import case_people


def _person(pid: int, role: PersonRole) -> PersonDTO:
    return PersonDTO(pid, 9, pid, "Sam", "Jansen", role, None, "", 1)


def _member(mid: int, relation: str, kind: NetworkKind) -> NetworkMemberDTO:
    return NetworkMemberDTO(
        mid, 9, mid, "Ria Jansen", relation, kind, None, None, None, True, "", 1
    )


def _household() -> HouseholdDTO:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return HouseholdDTO(
        9, "2026-0099", "Gezin Jansen", CaseMode.SAFETY, CaseStatus.OPEN, now.date(), None,
        None, None, None, 1, now, "test", now, "test", now,
    )  # fmt: skip


def test_a_household_member_scores_in_the_role_of_their_place_in_the_household() -> None:
    assert relations.rater_role_of_person(_person(1, PersonRole.CHILD)) is RaterRole.CHILD
    assert relations.rater_role_of_person(_person(2, PersonRole.PARENT)) is RaterRole.PARENT
    assert relations.rater_role_of_person(_person(3, PersonRole.CARER)) is RaterRole.PARENT
    assert relations.rater_role_of_person(_person(4, PersonRole.OTHER)) is RaterRole.NETWORK


def test_a_network_member_scores_as_professional_only_when_their_kind_is_one() -> None:
    assert relations.rater_role_of_member(_member(1, "", NetworkKind.SCHOOL)) is (
        RaterRole.PROFESSIONAL
    )
    assert relations.rater_role_of_member(_member(2, "oma", NetworkKind.FAMILY)) is (
        RaterRole.NETWORK
    )


def test_a_network_member_is_named_by_the_typed_relation_with_the_white_space_folded() -> None:
    assert relations.member_relation(_member(1, "  oma \n", NetworkKind.FAMILY)) == "oma"
    assert relations.member_relation(_member(2, " ", NetworkKind.SCHOOL)) == (
        NetworkKind.SCHOOL.label.lower()
    )


def test_the_chart_names_a_rater_by_the_same_rule() -> None:
    rater = Rater("Ria Jansen", RaterRole.NETWORK)
    assert rater.name == relations.named("Ria Jansen", relations.role_relation(RaterRole.NETWORK))
    assert rater.name == f"Ria Jansen ({RaterRole.NETWORK.label.lower()})"


def test_a_case_detail_is_enough_for_every_relation() -> None:
    household = _household()
    case = CaseDetail(household, (_person(1, PersonRole.CARER),), ())
    assert relations.renamed("Sam Jansen (stiefvader)", case) == relations.named(
        "Sam Jansen", PersonRole.CARER.label.lower()
    )


def test_hide_names_shows_the_same_relation_as_the_documents() -> None:
    """The minutes' and the meeting views' mask (meetings/names.case_people) label a person
    with the relation every document gives them, a blank relation as the member's kind."""
    household = _household()
    parent, school = _person(1, PersonRole.PARENT), _member(2, "  ", NetworkKind.SCHOOL)
    people = case_people(CaseDetail(household, (parent,), (school,)))
    assert people == [
        Person(parent.full_name, relations.person_relation(parent)),
        Person(school.name, NetworkKind.SCHOOL.label.lower()),
    ]
