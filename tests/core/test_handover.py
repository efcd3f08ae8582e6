"""Handing a case over: who may, to whom, what is recorded, and undoing it by handing back."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from sqlalchemy import make_url

from jeugdtool.cases import access
from jeugdtool.cases import consultants
from jeugdtool.cases import handover
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.cases.access import AccessLogFilter
from jeugdtool.cases.handover import HandoverNotAllowed
from jeugdtool.cases.handover import hand_back
from jeugdtool.cases.handover import hand_over
from jeugdtool.cases.handover import may_hand_over
from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NoPermission
from jeugdtool.i18n import _
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.uow import UnitOfWork


@pytest.fixture
def people(uow):
    return {
        name: consultants.add_consultant(uow, name).value
        for name in ("A. de Boer", "M. Kaya", "J. Smit")
    }


@pytest.fixture
def me(people) -> StaffMember:
    """The single-user consultant: may reassign any case of their own file."""
    return staff.single_user(people["A. de Boer"])


@pytest.fixture
def case_of_boer(uow, people):
    return households.create_case(
        uow, name="Gezin Jansen", case_manager_id=people["A. de Boer"].id
    ).value


def _manager(uow, case_id: int) -> int | None:
    return queries.get_case(uow, case_id).household.case_manager_id


def _coworkers(uow, case_id: int) -> set[str]:
    return {c.name for c in staff.case_team(uow, case_id)}


def test_a_handover_changes_the_manager_and_records_the_note(uow, people, me, case_of_boer):
    kaya = people["M. Kaya"]
    done = hand_over(uow, case_of_boer.id, kaya.id, "Let op: vader bellen na 17 uur", by=me).value
    assert _manager(uow, case_of_boer.id) == kaya.id
    (record,) = handover.case_handovers(uow, case_of_boer.id)
    assert (record.from_name, record.to_name, record.note) == (
        "A. de Boer",
        "M. Kaya",
        "Let op: vader bellen na 17 uur",
    )
    assert record.by == "A. de Boer" and done.record == record
    # Audited (the change of case manager) and in the access log.
    changes = [e for e in queries.case_history(uow, case_of_boer.id) if e.field]
    assert any(e.field == "case_manager_id" for e in changes)
    assert any(e.entity == "case_handover" for e in queries.case_history(uow, case_of_boer.id))
    (logged,) = access.entries(uow, AccessLogFilter(action=AccessAction.HANDOVER))
    assert logged.case_number == case_of_boer.case_number
    assert "A. de Boer" in logged.detail and "M. Kaya" in logged.detail
    # The previous case manager keeps no place in the case team.
    assert _coworkers(uow, case_of_boer.id) == set()


def test_the_previous_manager_can_stay_on_as_co_worker(uow, people, me, case_of_boer):
    hand_over(uow, case_of_boer.id, people["M. Kaya"].id, by=me, keep_previous=True)
    assert _coworkers(uow, case_of_boer.id) == {"A. de Boer"}


def test_a_co_worker_who_becomes_manager_is_no_longer_listed_as_co_worker(
    uow, people, me, case_of_boer
):
    kaya = people["M. Kaya"]
    staff.add_coworker(uow, case_of_boer.id, kaya.id)
    done = hand_over(uow, case_of_boer.id, kaya.id, by=me).value
    assert done.removed_coworker
    assert _coworkers(uow, case_of_boer.id) == set()
    hand_back(uow, done, by=me)  # undo puts the case team back as it was
    assert _manager(uow, case_of_boer.id) == people["A. de Boer"].id
    assert _coworkers(uow, case_of_boer.id) == {"M. Kaya"}


def test_handing_back_undoes_a_handover_and_is_recorded_too(uow, people, me, case_of_boer):
    done = hand_over(uow, case_of_boer.id, people["M. Kaya"].id, by=me, keep_previous=True).value
    back = hand_back(uow, done, by=me).value
    assert _manager(uow, case_of_boer.id) == people["A. de Boer"].id
    assert _coworkers(uow, case_of_boer.id) == set()  # the co-worker row it added went too
    assert (back.record.from_name, back.record.to_name) == ("M. Kaya", "A. de Boer")
    assert len(handover.case_handovers(uow, case_of_boer.id)) == 2
    logged = access.entries(uow, AccessLogFilter(action=AccessAction.HANDOVER))
    assert len(logged) == 2


def test_undo_refuses_when_someone_else_handed_the_case_on(uow, people, me, case_of_boer):
    done = hand_over(uow, case_of_boer.id, people["M. Kaya"].id, by=me).value
    hand_over(uow, case_of_boer.id, people["J. Smit"].id, by=me)
    with pytest.raises(ConflictError):
        hand_back(uow, done, by=me)
    assert _manager(uow, case_of_boer.id) == people["J. Smit"].id


def test_redo_refuses_when_the_manager_changed_since(uow, people, me, case_of_boer):
    seen = {"case_manager_id": people["J. Smit"].id}  # not who manages it now
    with pytest.raises(ConflictError):
        hand_over(uow, case_of_boer.id, people["M. Kaya"].id, by=me, expected=seen)
    assert _manager(uow, case_of_boer.id) == people["A. de Boer"].id
    assert handover.case_handovers(uow, case_of_boer.id) == []
    assert access.entries(uow, AccessLogFilter(action=AccessAction.HANDOVER)) == []


def test_undo_says_so_when_the_previous_manager_left(uow, people, me, case_of_boer):
    done = hand_over(uow, case_of_boer.id, people["M. Kaya"].id, by=me).value
    consultants.update_consultant(uow, people["A. de Boer"].id, {"active": False})
    with pytest.raises(InvalidInput) as info:
        hand_back(uow, done, by=me)
    assert "A. de Boer" in str(info.value)
    assert _manager(uow, case_of_boer.id) == people["M. Kaya"].id


@pytest.mark.parametrize("who", ["A. de Boer", "nobody", "inactive"])
def test_the_new_manager_must_be_an_active_other_colleague(uow, people, me, case_of_boer, who):
    if who == "inactive":
        consultants.update_consultant(uow, people["J. Smit"].id, {"active": False})
    person_id = {"A. de Boer": people["A. de Boer"].id, "nobody": 9999}.get(
        who, people["J. Smit"].id
    )
    with pytest.raises(InvalidInput) as info:
        hand_over(uow, case_of_boer.id, person_id, by=me)
    assert info.value.for_field("to_person_id")
    assert _manager(uow, case_of_boer.id) == people["A. de Boer"].id


def test_a_note_has_a_limit(uow, people, me, case_of_boer):
    with pytest.raises(InvalidInput) as info:
        hand_over(uow, case_of_boer.id, people["M. Kaya"].id, "x" * 5001, by=me)
    assert info.value.for_field("note")


def test_a_closed_case_is_not_handed_over(uow, people, me, case_of_boer):
    households.close_case(uow, case_of_boer.id, "Doelen bereikt")
    with pytest.raises(CaseClosed):
        hand_over(uow, case_of_boer.id, people["M. Kaya"].id, by=me)


# ---- teams ---------------------------------------------------------------------------------


@pytest.fixture
def teams(uow):
    noord = staff.add_team(uow, "Team Noord").value
    zuid = staff.add_team(uow, "Team Zuid").value
    for login, name, roles, team in (
        ("a.deboer", "A. de Boer", ["consultant"], "Team Noord"),
        ("m.kaya", "M. Kaya", ["consultant"], "Team Noord"),
        ("j.smit", "J. Smit", ["consultant"], "Team Zuid"),
        ("t.leider", "T. Leider", ["team_leader"], "Team Noord"),
        ("z.leider", "Z. Leider", ["team_leader"], "Team Zuid"),
    ):
        staff.save_person(uow, login, name, roles, [team])
    return noord, zuid


def _member(uow, login: str) -> StaffMember:
    return next(m for m in staff.list_staff(uow) if m.login == login)


def test_only_a_team_leader_of_the_case_team_may_hand_over(uow, people, teams):
    noord, _zuid = teams
    leader, other_leader = _member(uow, "t.leider"), _member(uow, "z.leider")
    consultant = _member(uow, "a.deboer")
    assert may_hand_over(leader, noord.id)
    assert not may_hand_over(other_leader, noord.id)
    assert not may_hand_over(consultant, noord.id)
    assert not may_hand_over(leader, None)  # team mode: a case without a team has no leader
    assert may_hand_over(staff.single_user(people["A. de Boer"]), None)  # single-user mode
    case = households.create_case(
        uow, name="Gezin Noord", case_manager_id=consultant.id, team_id=noord.id
    ).value
    with pytest.raises(HandoverNotAllowed) as info:
        hand_over(uow, case.id, _member(uow, "m.kaya").id, by=consultant)
    assert str(info.value) == _(
        "Only a team leader of the case's team can hand a case over to another case "
        "manager. Ask your team leader."
    )
    hand_over(uow, case.id, _member(uow, "m.kaya").id, by=leader)
    assert _manager(uow, case.id) == _member(uow, "m.kaya").id


def test_the_new_manager_must_be_in_the_case_team(uow, people, teams):
    noord, _zuid = teams
    leader = _member(uow, "t.leider")
    case = households.create_case(
        uow, name="Gezin Noord", case_manager_id=_member(uow, "a.deboer").id, team_id=noord.id
    ).value
    choice = handover.handover_choice(uow, case.id)
    assert [c.name for c in choice.candidates] == ["A. de Boer", "M. Kaya", "T. Leider"]
    assert choice.manager_name == "A. de Boer"
    with pytest.raises(InvalidInput) as info:
        hand_over(uow, case.id, _member(uow, "j.smit").id, by=leader)
    assert "J. Smit" in info.value.for_field("to_person_id")[0]


# ---- on the team database: the database itself refuses --------------------------------------


def _login_db(pg_url: str, login: str, password: str):
    from jeugdtool.store.engine import open_database

    url = make_url(pg_url).set(username=login, password=password)
    return open_database(url.render_as_string(hide_password=False))


def test_on_the_server_a_handover_moves_the_access_with_it(pg_url: str) -> None:
    """The old case manager no longer sees the case after a handover (unless kept on as a
    co-worker); a consultant cannot hand over, even bypassing the window's check."""
    from jeugdtool import team_admin
    from jeugdtool.store.engine import open_database

    team_admin.init(pg_url)
    db = open_database(pg_url)  # as the owner, who runs `jeugdtool admin`
    staff.add_team(UnitOfWork(db, "beheer"), "Team Noord")
    tag = uuid.uuid4().hex[:6]
    logins = {who: f"{who}_{tag}" for who in ("boer", "kaya", "leider")}
    for who, name, role in (
        ("boer", "A. de Boer", "consultant"),
        ("kaya", "M. Kaya", "consultant"),
        ("leider", "T. Leider", "team_leader"),
    ):
        team_admin.add_user(db, logins[who], name, [role], ["Team Noord"], password="geheim-1")
    connections = {who: _login_db(pg_url, login, "geheim-1") for who, login in logins.items()}
    try:
        members = {who: staff.current_person(UnitOfWork(c, who)) for who, c in connections.items()}
        me = {who: UnitOfWork(c, who, members[who].id) for who, c in connections.items()}
        boer, kaya, leider = members["boer"], members["kaya"], members["leider"]
        case = households.create_case(
            me["boer"], name="Gezin Noord", case_manager_id=boer.id, team_id=boer.teams[0].id
        ).value
        # A consultant pretending to be a team leader: the database refuses all the same.
        pretend = replace(boer, roles=frozenset({StaffRole.TEAM_LEADER}))
        with pytest.raises(NoPermission):
            hand_over(me["boer"], case.id, kaya.id, by=pretend)
        assert queries.list_case_summaries(me["kaya"]) == []
        hand_over(me["leider"], case.id, kaya.id, "Over naar Kaya", by=leider)
        assert [c.id for c in queries.list_case_summaries(me["kaya"])] == [case.id]
        assert queries.list_case_summaries(me["boer"]) == []  # no access any more
        (logged,) = access.entries(me["leider"], AccessLogFilter(action=AccessAction.HANDOVER))
        assert logged.who == "T. Leider" and logged.login == logins["leider"]
        hand_over(me["leider"], case.id, leider.id, by=leider, keep_previous=True)
        assert [c.id for c in queries.list_case_summaries(me["kaya"])] == [case.id]
    finally:
        for c in connections.values():
            c.close()
        db.close()
