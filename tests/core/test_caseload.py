"""The caseload: counts per consultant (pure), read from plans, reviews and follow-ups; and the
case list's plan columns and scopes."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.cases.queries import CaseScope
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings import caseload
from jeugdtool.meetings import meetings
from jeugdtool.meetings.caseload import LoadCase
from jeugdtool.meetings.caseload import PlanState
from jeugdtool.meetings.caseload import consultant_loads

TODAY = dt.date.today()
FINAL = PlanState(PlanStatus.FINAL, has_final=True)
DRAFT = PlanState(PlanStatus.DRAFT, has_final=False)


def load_case(case_id: int, manager_id: int | None, **kw) -> LoadCase:
    fields = {
        "case_number": f"2026-{case_id:04d}",
        "name": f"Gezin {case_id}",
        "manager": {1: "A. de Boer", 2: "M. Kaya", 3: "Oud-collega"}.get(manager_id or 0, ""),
        "team_id": None,
        "plan": FINAL,
        "next_review": None,
        "review_overdue": False,
        "open_follow_ups": 0,
        **kw,
    }
    return LoadCase(id=case_id, manager_id=manager_id, **fields)


def test_counts_per_consultant() -> None:
    cases = [
        load_case(1, 1, plan=DRAFT, open_follow_ups=2),
        load_case(2, 1, next_review=TODAY - dt.timedelta(days=3), review_overdue=True),
        load_case(3, 1, next_review=TODAY + dt.timedelta(days=30)),
        load_case(4, 1, next_review=TODAY + dt.timedelta(days=7), open_follow_ups=1),
        load_case(5, 2, plan=caseload.NO_PLAN),
    ]
    boer, kaya, smit = consultant_loads(
        cases, [(1, "A. de Boer"), (2, "M. Kaya"), (4, "J. Smit")], TODAY
    )
    assert (boer.open_cases, boer.without_final_plan, boer.overdue_reviews) == (4, 1, 1)
    assert boer.next_review == TODAY + dt.timedelta(days=7)  # the soonest still to come
    assert boer.open_follow_ups == 3
    assert (kaya.open_cases, kaya.without_final_plan, kaya.next_review) == (1, 1, None)
    assert (smit.name, smit.open_cases) == ("J. Smit", 0)  # in the team, no cases: listed


def test_managers_outside_the_team_and_cases_without_one_are_listed_last() -> None:
    cases = [load_case(1, 3), load_case(2, None), load_case(3, 1)]
    rows = consultant_loads(cases, [(1, "A. de Boer")], TODAY)
    assert [(r.person_id, r.name, r.open_cases) for r in rows] == [
        (1, "A. de Boer", 1),
        (3, "Oud-collega", 1),
        (None, _("(no case manager)"), 1),
    ]


def test_a_finalised_plan_with_a_new_draft_still_counts_as_finalised() -> None:
    both = PlanState(PlanStatus.DRAFT, has_final=True)
    (row,) = consultant_loads([load_case(1, 1, plan=both)], [(1, "A. de Boer")], TODAY)
    assert row.without_final_plan == 0
    assert both.label == _("Finalised, new draft")
    assert caseload.NO_PLAN.label == _("No plan")
    assert [s.order for s in (caseload.NO_PLAN, DRAFT, both, FINAL)] == [0, 1, 2, 3]


# ---- read from the database ------------------------------------------------------------------


@pytest.fixture
def people(uow):
    return {n: consultants.add_consultant(uow, n).value for n in ("A. de Boer", "M. Kaya")}


def _finalised(uow, case_id: int, next_review: dt.date) -> int:
    draft = plans.start_draft(uow, case_id).value
    plans.update_plan(uow, draft.id, {"next_review_on": next_review})
    plans.add_agreement(uow, draft.id, {"what": "Oma haalt Noa elke woensdag op"})
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="spoed")
    return draft.id


def _follow_up(uow, case_id: int, what: str, done: bool = False) -> None:
    meeting = meetings.create_meeting(uow, {"title": "Casuïstiek"}).value.meeting
    item = agenda.add_case(uow, meeting.id, case_id).value.items[-1]
    row = agenda.add_follow_up(uow, item.id, {"what": what}).value
    if done:
        agenda.update_follow_up(uow, row.id, {"done": True})


def test_caseload_reads_plans_reviews_and_follow_ups(uow, people):
    boer, kaya = people["A. de Boer"], people["M. Kaya"]

    def new(name: str, manager) -> int:
        return households.create_case(uow, name=name, case_manager_id=manager.id).value.id

    late, soon, draft_only, bare = (
        new("Gezin Laat", boer),
        new("Gezin Straks", boer),
        new("Gezin Concept", boer),
        new("Gezin Kaal", kaya),
    )
    _finalised(uow, late, TODAY - dt.timedelta(days=2))
    _finalised(uow, soon, TODAY + dt.timedelta(days=14))
    plans.start_draft(uow, soon)  # a new draft over the finalised plan
    plans.start_draft(uow, draft_only)
    _follow_up(uow, late, "Huisarts bellen")
    _follow_up(uow, soon, "Verslag sturen", done=True)
    closed = new("Gezin Dicht", boer)
    households.close_case(uow, closed, "Doelen bereikt")

    load = caseload.caseload(uow, today=TODAY)
    assert [c.name for c in load.cases_of(boer.id)] == [
        "Gezin Laat",
        "Gezin Straks",
        "Gezin Concept",
    ]
    row = next(p for p in load.people if p.person_id == boer.id)
    assert (row.open_cases, row.without_final_plan, row.overdue_reviews) == (3, 1, 1)
    assert row.next_review == TODAY + dt.timedelta(days=14)
    assert row.open_follow_ups == 1
    other = next(p for p in load.people if p.person_id == kaya.id)
    assert (other.open_cases, other.without_final_plan) == (1, 1)

    columns = caseload.list_columns(uow, TODAY)
    assert columns[late].review_overdue and columns[late].alert
    assert columns[soon].plan.label == _("Finalised, new draft")
    assert columns[soon].next_review == TODAY + dt.timedelta(days=14)
    assert columns[draft_only].plan.newest is PlanStatus.DRAFT
    assert bare not in columns  # no plan


def test_caseload_of_a_team_leaves_other_teams_out(uow, people):
    noord = staff.add_team(uow, "Team Noord").value
    zuid = staff.add_team(uow, "Team Zuid").value
    staff.save_person(uow, "a.deboer", "A. de Boer", ["consultant"], ["Team Noord"])
    staff.save_person(uow, "m.kaya", "M. Kaya", ["consultant"], ["Team Zuid"])
    households.create_case(
        uow, name="Gezin Noord", case_manager_id=people["A. de Boer"].id, team_id=noord.id
    )
    households.create_case(
        uow, name="Gezin Zuid", case_manager_id=people["M. Kaya"].id, team_id=zuid.id
    )
    load = caseload.caseload(uow, {noord.id}, today=TODAY)
    assert [c.name for c in load.cases] == ["Gezin Noord"]
    assert [p.name for p in load.people] == ["A. de Boer"]


def test_the_case_list_scopes(uow, people):
    noord = staff.add_team(uow, "Team Noord").value
    boer, kaya = people["A. de Boer"], people["M. Kaya"]
    mine = households.create_case(uow, name="Mijn gezin", case_manager_id=boer.id).value
    helping = households.create_case(
        uow, name="Gezin Hulp", case_manager_id=kaya.id, team_id=noord.id
    ).value
    households.create_case(uow, name="Gezin Team", case_manager_id=kaya.id, team_id=noord.id)
    households.create_case(uow, name="Gezin Elders", case_manager_id=kaya.id)
    staff.add_coworker(uow, helping.id, boer.id)
    rows = queries.list_case_summaries(uow)
    by_name = {r.name: r for r in rows}
    assert by_name["Gezin Hulp"].coworker_ids == {boer.id}
    assert by_name["Gezin Team"].team == "Team Noord"

    def names(scope: CaseScope) -> set[str]:
        return {c.name for c in queries.scoped(rows, scope, boer.id, {noord.id})}

    assert names(CaseScope.MINE) == {mine.name, helping.name}
    assert names(CaseScope.TEAM) == {"Gezin Hulp", "Gezin Team"}
    assert names(CaseScope.ALL) == {"Mijn gezin", "Gezin Hulp", "Gezin Team", "Gezin Elders"}
    assert queries.scoped(rows, CaseScope.MINE, None, ()) == []


def test_on_the_server_a_team_leader_sees_the_caseload_of_the_team(pg_url: str) -> None:
    """The same queries on PostgreSQL, read by a team leader's own login through the access
    rules: the team's cases and plans, nothing of the other team."""
    import uuid

    from sqlalchemy import make_url

    from jeugdtool import team_admin
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    team_admin.init(pg_url)
    owner = open_database(pg_url)
    tag = uuid.uuid4().hex[:6]
    try:
        for team in ("Team Noord", "Team Zuid"):
            staff.add_team(UnitOfWork(owner, "beheer"), team)
        people = {}
        for who, role, team in (
            ("boer", "consultant", "Team Noord"),
            ("leider", "team_leader", "Team Noord"),
            ("smit", "consultant", "Team Zuid"),
        ):
            people[who] = team_admin.add_user(
                owner, f"{who}_{tag}", who.title(), [role], [team], password="geheim-1"
            )

        def login(who: str) -> UnitOfWork:
            url = make_url(pg_url).set(username=f"{who}_{tag}", password="geheim-1")
            db = open_database(url.render_as_string(hide_password=False))
            return UnitOfWork(db, who.title(), people[who].id)

        boer, leider, smit = login("boer"), login("leider"), login("smit")
        noord, zuid = people["boer"].teams[0].id, people["smit"].teams[0].id
        case = households.create_case(
            boer, name="Gezin Noord", case_manager_id=people["boer"].id, team_id=noord
        ).value
        _finalised(boer, case.id, TODAY - dt.timedelta(days=1))
        households.create_case(
            smit, name="Gezin Zuid", case_manager_id=people["smit"].id, team_id=zuid
        )
        load = caseload.caseload(leider, {noord}, today=TODAY)
        assert [c.name for c in load.cases] == ["Gezin Noord"]
        row = next(p for p in load.people if p.person_id == people["boer"].id)
        assert (row.open_cases, row.overdue_reviews, row.without_final_plan) == (1, 1, 0)
        columns = caseload.list_columns(leider, TODAY)
        assert set(columns) == {case.id} and columns[case.id].review_overdue
        for uow in (boer, leider, smit):
            uow.database.close()
    finally:
        owner.close()


def test_the_plan_columns_of_some_cases_equal_those_of_every_case(uow, demo_households) -> None:
    """The case list asks for the rows it has loaded, and after a change for the cases it
    touched: the same columns as for every case, in the same handful of queries."""
    every = caseload.list_columns(uow, TODAY)
    ids = sorted(c.id for c in queries.list_case_summaries(uow))
    assert any(c.alert for c in every.values()) and len(every) < len(ids) + 1
    for some in (ids, ids[::2], ids[1:2], [], [max(ids) + 1]):
        want = {i: every[i] for i in some if i in every}
        assert caseload.list_columns(uow, TODAY, case_ids=some) == want, some


def test_asking_for_some_cases_asks_no_more_queries_than_for_all(uow, demo_households) -> None:
    """A page of the list asks the same handful of queries as every case together (no query
    per case; a few more only when there is more to look up, such as late agreements)."""
    from sqlalchemy import event

    ids = sorted(c.id for c in queries.list_case_summaries(uow))
    with uow:
        engine = uow.session.get_bind()
    counted: list[str] = []

    def count(*_args) -> None:
        counted.append("q")

    def queries_for(case_ids) -> int:
        counted.clear()
        caseload.list_columns(uow, TODAY, case_ids=case_ids)
        return len(counted)

    event.listen(engine, "before_cursor_execute", count)
    try:
        every, some, one = queries_for(None), queries_for(ids), queries_for(ids[:1])
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(ids) > 3 and one > 0
    assert some == every
    assert one <= every < one + len(ids)
