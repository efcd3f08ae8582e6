"""The case team's services as undo uses them: who may form it, who can be added, and steps that
refuse rather than take away a co-worker someone else added."""

from __future__ import annotations

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import staff
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.staff import StaffMember
from jeugdtool.cases.staff import TeamDTO
from jeugdtool.cases.staff import may_form_case_team
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.store.roles import StaffRole

NOORD, ZUID = TeamDTO(1, "Team Noord", True, 1), TeamDTO(2, "Team Zuid", True, 1)


def _member(person_id: int, *roles: StaffRole, teams=(NOORD,)) -> StaffMember:
    return StaffMember(person_id, "x", "x", None, True, frozenset(roles), tuple(teams))


@pytest.mark.parametrize(
    ("member", "allowed"),
    [
        (_member(7, StaffRole.CONSULTANT), True),  # the case manager
        (_member(8, StaffRole.CONSULTANT), False),  # a colleague, even a co-worker
        (_member(8, StaffRole.REVIEWER), False),  # reads the team's cases, forms no team
        (_member(8, StaffRole.TEAM_LEADER), True),  # a team leader of the case's team
        (_member(8, StaffRole.TEAM_LEADER, teams=(ZUID,)), False),  # of another team
    ],
)
def test_who_forms_a_case_team_in_team_mode(member: StaffMember, allowed: bool) -> None:
    assert may_form_case_team(member, manager_id=7, team_id=NOORD.id) is allowed


def test_in_single_user_mode_the_consultant_forms_every_case_team() -> None:
    member = staff.single_user(ConsultantDTO(8, "A. de Boer", None, True, 1))
    assert may_form_case_team(member, manager_id=7, team_id=None)


@pytest.fixture
def people(uow, case):
    boer, kaya, smit = (
        consultants.add_consultant(uow, name).value for name in ("A. de Boer", "M. Kaya", "J. Smit")
    )
    households.update_case(uow, case.id, {"case_manager_id": boer.id})
    return boer, kaya, smit


def test_the_choices_are_active_colleagues_not_yet_in_the_case_team(uow, case, people) -> None:
    _boer, kaya, smit = people
    kok = consultants.add_consultant(uow, "P. Kok").value
    consultants.update_consultant(uow, kok.id, {"active": False})
    assert [p.name for p in staff.coworker_choices(uow, case.id)] == ["J. Smit", "M. Kaya"]
    staff.add_to_case_team(uow, case.id, kaya.id)
    assert [p.id for p in staff.coworker_choices(uow, case.id)] == [smit.id]


def test_the_case_manager_is_not_added_as_co_worker(uow, case, people) -> None:
    boer, _kaya, _smit = people
    with pytest.raises(InvalidInput):
        staff.add_to_case_team(uow, case.id, boer.id)
    assert staff.list_coworkers(uow, case.id) == []


def test_remove_and_put_back_keep_the_row_id(uow, case, people) -> None:
    _boer, kaya, _smit = people
    added = staff.add_to_case_team(uow, case.id, kaya.id).value
    removed = staff.remove_from_case_team(uow, added.id, expected=added).value
    assert staff.list_coworkers(uow, case.id) == []
    back = staff.restore_to_case_team(uow, removed).value
    assert (back.id, back.name, back.created_at) == (added.id, "M. Kaya", added.created_at)
    assert staff.list_coworkers(uow, case.id) == [back]
    staff.remove_from_case_team(uow, back.id, expected=back)
    assert staff.list_coworkers(uow, case.id) == []


def test_removing_refuses_a_row_a_colleague_added_again(uow, case, people) -> None:
    _boer, kaya, _smit = people
    added = staff.add_to_case_team(uow, case.id, kaya.id).value
    staff.remove_from_case_team(uow, added.id, expected=added)
    again = staff.add_to_case_team(uow, case.id, kaya.id).value
    assert again.id == added.id  # SQLite hands the freed id out again: the id cannot tell
    with pytest.raises(ConflictError):
        staff.remove_from_case_team(uow, added.id, expected=added)
    with pytest.raises(ConflictError):  # nor can it remove a row that is gone
        staff.remove_from_case_team(uow, again.id + 1, expected=again)
    assert staff.list_coworkers(uow, case.id) == [again]


def test_putting_back_refuses_the_colleague_twice_or_an_id_given_away(uow, case, people) -> None:
    _boer, kaya, smit = people
    added = staff.add_to_case_team(uow, case.id, kaya.id).value
    removed = staff.remove_from_case_team(uow, added.id).value
    theirs = staff.add_to_case_team(uow, case.id, kaya.id).value
    with pytest.raises(ConflictError):  # added again meanwhile: not twice
        staff.restore_to_case_team(uow, removed)
    staff.remove_from_case_team(uow, theirs.id)
    other = staff.add_to_case_team(uow, case.id, smit.id).value
    assert other.id == added.id  # SQLite hands the freed id out again
    with pytest.raises(ConflictError):
        staff.restore_to_case_team(uow, removed)
    assert [w.name for w in staff.list_coworkers(uow, case.id)] == ["J. Smit"]


def test_putting_back_keeps_the_rules_of_adding(uow, case, people) -> None:
    boer, kaya, _smit = people
    removed = staff.remove_from_case_team(
        uow, staff.add_to_case_team(uow, case.id, kaya.id).value.id
    ).value
    households.update_case(uow, case.id, {"case_manager_id": kaya.id})
    with pytest.raises(InvalidInput):  # the case manager by now: in the team already
        staff.restore_to_case_team(uow, removed)
    households.update_case(uow, case.id, {"case_manager_id": boer.id})
    households.close_case(uow, case.id, "Hulp afgerond")
    with pytest.raises(CaseClosed):
        staff.restore_to_case_team(uow, removed)
    assert staff.list_coworkers(uow, case.id) == []


def test_a_closed_case_keeps_its_team(uow, case, people) -> None:
    _boer, kaya, _smit = people
    added = staff.add_to_case_team(uow, case.id, kaya.id).value
    households.close_case(uow, case.id, "Hulp afgerond")
    with pytest.raises(CaseClosed):
        staff.remove_from_case_team(uow, added.id, expected=added)
    assert [w.name for w in staff.list_coworkers(uow, case.id)] == ["M. Kaya"]


def test_the_history_names_the_colleague_added_and_removed(uow, case) -> None:
    """The audit trail says who joined and left the case team, by name."""
    from jeugdtool.cases import consultants
    from jeugdtool.cases import queries
    from jeugdtool.cases import staff

    colleague = consultants.add_consultant(uow, "C. Mulder").value
    added = staff.add_to_case_team(uow, case.id, colleague.id).value
    removed = staff.remove_from_case_team(uow, added.id, expected=added).value
    staff.restore_to_case_team(uow, removed)  # undo: the history says who came back
    rows = [
        (e.action, e.new or e.old)
        for e in queries.case_history(uow, case.id)
        if e.entity == "case_coworker"
    ]
    assert rows == [("create", "C. Mulder"), ("delete", "C. Mulder"), ("create", "C. Mulder")]
