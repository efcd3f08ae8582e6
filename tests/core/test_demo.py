"""The demo households: a newcomer's first look at jeugdtool."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from jeugdtool import resources
from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.demo import demo_files
from jeugdtool.export.demo import load_demo
from jeugdtool.export.demo import load_demo_report
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Column
from jeugdtool.store.uow import UnitOfWork


def test_the_demo_loads_six_households_with_their_people(uow: UnitOfWork) -> None:
    outcome = load_demo(uow)
    loaded = outcome.value
    assert [c.case_number for c in loaded] == [f"2026-000{i}" for i in range(1, 7)]
    for case, path in zip(loaded, demo_files(), strict=True):
        doc = read_case_file(path)
        detail = queries.get_case(uow, case.id)
        assert case.name == doc["household"]["name"]
        assert case.case_manager_name == doc["household"]["case_manager"]
        assert [p.first_name for p in detail.persons] == [p["first_name"] for p in doc["persons"]]
        assert [n.name for n in detail.network] == [n["name"] for n in doc["network"]]
    assert {c.mode for c in loaded} == set(CaseMode)
    assert {c.status for c in loaded} == set(CaseStatus)
    assert outcome.changes.cases == {c.id for c in loaded}


def test_the_demo_consultants_exist(uow: UnitOfWork) -> None:
    load_demo(uow)
    names = [c.name for c in consultants.list_consultants(uow)]
    assert names == ["A. de Boer", "J. Visser", "M. Kaya"]


def test_loading_the_demo_twice_changes_nothing(uow: UnitOfWork) -> None:
    load_demo(uow)
    second = load_demo_report(uow)
    assert second.value.loaded == ()
    assert second.value.skipped == tuple(f"2026-000{i}" for i in range(1, 7))
    assert not second.changes
    assert len(queries.list_case_summaries(uow)) == 6
    assert len(consultants.list_consultants(uow)) == 3


def test_a_demo_case_whose_number_is_taken_is_skipped(uow: UnitOfWork) -> None:
    own = households.create_case(uow, name="Gezin Eigen", case_number="2026-0003").value
    report = load_demo_report(uow).value
    assert report.skipped == ("2026-0003",)
    assert len(report.loaded) == 5
    assert queries.get_case(uow, own.id).household.name == "Gezin Eigen"


def test_the_demo_files_are_found_through_the_resources() -> None:
    assert demo_files() == sorted(resources.path("demo").glob("*.json"))
    assert len(demo_files()) == 6


# ---------------------------------------------------------------- the demo maps


def _doc(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _items(doc: dict[str, Any], moment: int = -1) -> list[tuple[str, dict[str, Any]]]:
    cells = doc["mappings"][moment]["cells"]
    return [(cell, item) for cell, items in cells.items() for item in items]


def test_open_safety_cases_have_a_history_of_mapping_moments() -> None:
    for path in demo_files():
        doc = _doc(path)
        h = doc["household"]
        count = len(doc["mappings"])
        if h["mode"] == "safety" and h["status"] == "open":
            assert 2 <= count <= 3, path.name
        else:
            assert 1 <= count <= 2, path.name
        dates = [m["date"] for m in doc["mappings"]]
        assert dates == sorted(dates)
        assert all(h["opened_on"] <= d <= (h["closed_on"] or "2026-11-20") for d in dates)


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_each_map_is_rich_on_both_sides(path: Path) -> None:
    """Solution-focused: strengths and safety as rich as worries, every column filled,
    problems and limitations, and a worry a parent disputes."""
    doc = _doc(path)
    parents = {
        f"{p['first_name']} {p['last_name']}" for p in doc["persons"] if p["role"] != "child"
    }
    for index in range(len(doc["mappings"])):
        items = _items(doc, index)
        by_column = {column: 0 for column in Column}
        for cell, _item in items:
            by_column[Cell(cell).column] += 1
        assert all(by_column.values()), by_column
        assert by_column[Column.WORKING_WELL] >= by_column[Column.WORRIES] - 3
    kinds = {i["kind"] for m in range(len(doc["mappings"])) for _, i in _items(doc, m)}
    assert {"problem", "limitation"} <= kinds
    disputed = [
        s["who"]
        for m in range(len(doc["mappings"]))
        for _, i in _items(doc, m)
        for s in i["stances"]
        if s["stance"] == "disputes"
    ]
    assert set(disputed) & parents, "no worry disputed by a parent"


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_each_case_has_statements_and_a_score_history(path: Path) -> None:
    doc = _doc(path)
    latest = doc["mappings"][-1]["id"]
    types = [s["type"] for s in doc["statements"] if s["moment"] == latest]
    assert 1 <= types.count("danger") <= 2
    assert types.count("safety_goal") == types.count("danger")
    if doc["household"]["mode"] == "safety":
        assert "harm" in types
    if doc["household"]["case_number"] in ("2026-0001", "2026-0003", "2026-0005"):
        assert 1 <= types.count("bottom_line") <= 2
    scores = doc["scale"]["scores"]
    assert 4 <= len(scores) <= 14
    roles = {s["role"] for s in scores}
    assert "case_manager" in roles and roles & {"parent", "child", "network", "professional"}
    # A round in a meeting asks only a score and a short reason, as the program does.
    in_round = {r["score"] for m in doc["meetings"] for r in m["round"]}
    assert all(s["reason"] and (s["one_higher"] or s["id"] in in_round) for s in scores)
    births = {p["id"]: p["birth_date"] for p in doc["persons"]}
    for score in scores:  # a child who scores is at least 10 years old
        if score["role"] == "child":
            born = dt.date.fromisoformat(births[score["rater"]["ref"]])
            assert (dt.date.fromisoformat(score["date"]) - born).days >= 10 * 365


def test_every_demo_household_has_several_kinds_of_raters() -> None:
    roles = {s["role"] for path in demo_files() for s in _doc(path)["scale"]["scores"]}
    assert {"case_manager", "parent", "child", "network", "professional", "colleague"} <= roles


def test_the_demo_maps_load_with_their_history(uow: UnitOfWork) -> None:
    loaded = load_demo(uow).value
    for case, path in zip(loaded, demo_files(), strict=True):
        doc = _doc(path)
        summaries = moments.list_moments(uow, case.id)
        assert [m.held_on.isoformat() for m in summaries] == [m["date"] for m in doc["mappings"]]
        assert [m.editable for m in summaries] == [False] * (len(summaries) - 1) + [True]
        latest = moments.get_moment(uow, summaries[-1].id)
        assert [i.text for i in latest.items()] == [i["text"] for _, i in _items(doc)]
        if len(summaries) > 1:
            comparison = moments.compare_moments(uow, summaries[-2].id, summaries[-1].id)
            assert comparison.of_kind("added") and comparison.of_kind("same")


# ---------------------------------------------------------------- the demo plans

SAFETY_FILES = [p for p in demo_files() if _doc(p)["household"]["mode"] == "safety"]


def _agreements(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for plan in doc["plans"] for a in plan["agreements"]]


@pytest.mark.parametrize("path", SAFETY_FILES, ids=lambda p: p.name)
def test_safety_cases_have_a_plan_with_history(path: Path) -> None:
    doc = _doc(path)
    plans = doc["plans"]
    assert 2 <= len(plans) <= 3
    assert [p["version"] for p in plans] == list(range(1, len(plans) + 1))
    assert [p["status"] for p in plans[:2]] == ["final", "final"]
    first = plans[0]
    accepted_by_all = all(
        party["accepted"] is True for a in first["agreements"] for party in a["parties"]
    )
    assert first["override_reason"] or accepted_by_all
    if doc["household"]["status"] != "open":
        assert all(p["status"] == "final" for p in plans)
    for plan in plans:
        assert 4 <= len(plan["agreements"]) <= 8
        assert 2 <= len(plan["red_flags"]) <= 3
        assert plan["network"] and all(r["role"] for r in plan["network"])
        assert plan["children_told"] and plan["review_schedule"] and plan["when_not_kept"]
        assert all(a["parties"] and a["check"] and a["checked_by"] for a in plan["agreements"])
        assert all(a["when"] and a["serves"] for a in plan["agreements"])
    assert 1 <= sum(len(p["reviews"]) for p in plans) <= 2 * len(plans)


@pytest.mark.parametrize("path", SAFETY_FILES, ids=lambda p: p.name)
def test_a_final_plan_covers_every_bottom_line_it_shows(path: Path) -> None:
    """The method: a bottom line no agreement covers blocks finalising (unless overridden)."""
    doc = _doc(path)
    for plan in doc["plans"]:
        moment = plan["statements_from"] or doc["mappings"][-1]["id"]
        shown = [s for s in doc["statements"] if s["moment"] == moment]
        served = {ref for a in plan["agreements"] for ref in a["serves"]}
        for statement in shown:
            if statement["type"] in ("bottom_line", "safety_goal"):
                assert statement["lineage"] in served or plan["override_reason"], statement["id"]


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_the_plan_refers_to_the_case_and_its_dates_fit(path: Path) -> None:
    doc = _doc(path)
    h = doc["household"]
    last_day = h["closed_on"] or "2026-11-23"
    names = {p["id"]: f"{p['first_name']} {p['last_name']}" for p in doc["persons"]}
    names.update({n["id"]: n["name"] for n in doc["network"]})
    moments = {m["id"]: m["date"] for m in doc["mappings"]}
    for plan in doc["plans"]:
        if plan["status"] == "final":
            assert h["opened_on"] <= plan["finalised_on"] <= last_day
            assert plan["finalised_by"] == h["case_manager"]
            assert moments[plan["statements_from"]] <= plan["finalised_on"]
            for review in plan["reviews"]:
                assert plan["finalised_on"] <= review["date"] <= last_day
        for agreement in _agreements({"plans": [plan]}):
            for party in agreement["parties"]:
                who = party["who"]
                if who["ref"] is not None:
                    assert names[who["ref"]] == who["label"]
                if party["on"] is not None:
                    assert h["opened_on"] <= party["on"] <= (plan["finalised_on"] or last_day)


def test_acceptance_is_mostly_in_a_network_meeting() -> None:
    parties = [
        party
        for path in demo_files()
        for plan in _doc(path)["plans"]
        for a in plan["agreements"]
        for party in a["parties"]
    ]
    hows = [p["how"] for p in parties]
    assert hows.count("meeting") > len(hows) * 0.7
    assert "phone" in hows and None in hows
    assert all(p["accepted"] is not False for p in parties)


def test_the_reviews_show_every_outcome_with_who_reported_it() -> None:
    results = [
        r
        for path in demo_files()
        for plan in _doc(path)["plans"]
        for review in plan["reviews"]
        for r in review["results"]
    ]
    assert {r["kept"] for r in results} == {"yes", "partly", "no"}
    assert all(r["reported_by"] for r in results)
    assert all(r["note"] for r in results if r["kept"] != "yes")
    assert any(r["follow_up"] for r in results)


def test_the_wellbeing_cases_have_a_simple_plan_or_none() -> None:
    wellbeing = [_doc(p) for p in demo_files() if _doc(p)["household"]["mode"] == "wellbeing"]
    assert sorted(len(doc["plans"]) for doc in wellbeing) == [0, 1]


def test_the_demo_plans_load(uow: UnitOfWork) -> None:
    from jeugdtool.framework import plans
    from jeugdtool.framework.vocab import PlanStatus

    loaded = load_demo(uow).value
    for case, path in zip(loaded, demo_files(), strict=True):
        doc = _doc(path)
        versions = plans.list_versions(uow, case.id)
        assert [v.number for v in versions] == [p["version"] for p in doc["plans"]]
        current = plans.current_plan(uow, case.id)
        if not doc["plans"]:
            assert current is None
            continue
        assert current is not None
        newest = doc["plans"][-1]
        assert [a.what for a in current.agreements] == [a["what"] for a in newest["agreements"]]
        accepted = [all(p["accepted"] for p in a["parties"]) for a in newest["agreements"]]
        assert [a.accepted_by_all for a in current.agreements] == accepted
        if current.plan.status is PlanStatus.DRAFT:  # the draft shows the newest moment
            assert current.statements_moment_id == moments.list_moments(uow, case.id)[-1].id


def test_a_demo_plan_was_ready_when_it_was_finalised(uow: UnitOfWork) -> None:
    """Every agreement SMART and accepted on the day the version was finalised — or the
    consultant wrote why it was finalised anyway."""
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plans

    for case in load_demo(uow).value:
        for version in plans.list_versions(uow, case.id):
            if not version.is_final:
                continue
            ready = plan_finalise.readiness(uow, version.id, today=version.finalised_on)
            assert ready.ok != bool(version.override_reason), (case.case_number, version.number)


# ---------------------------------------------------------------- the demo ZRM assessments


def _assessments(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return doc["zrm_assessments"]


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_every_adult_is_assessed_two_or_three_times(path: Path) -> None:
    doc = _doc(path)
    h = doc["household"]
    adults = [p["id"] for p in doc["persons"] if p["role"] != "child"]
    found = _assessments(doc)
    per_person = {a["person"] for a in found}
    assert per_person == set(adults)  # the adults, and no children
    for adult in adults:
        mine = [a for a in found if a["person"] == adult]
        assert 2 <= len(mine) <= 3, adult
        assert [a["copied_from"] for a in mine[1:]] == [a["id"] for a in mine[:-1]]
    dates = [a["date"] for a in found]
    assert dates == sorted(dates)
    assert all(h["opened_on"] <= d <= (h["closed_on"] or "2026-11-23") for d in dates)
    for a in found:
        focus = [d for d in a["domains"].values() if d["focus"]]
        assert 1 <= len(focus) <= 3, a["id"]
        assert all(d["target_level"] and d["target_date"] for d in focus)
        assert all(not d["limitation"] for d in focus)  # a limitation is not worked on
        assessed = [d for d in a["domains"].values() if d["level"] is not None]
        assert all(d["note"] for d in assessed)
        assert sum(d["carried_by"] is not None for d in assessed) >= 0.8 * len(assessed)
        assert a["note"] and a["assessor"] in (h["case_manager"], "E. Bos (sociaal team)")


def test_the_demo_assessments_show_what_the_zrm_is_for() -> None:
    """Acute problems early, limitations, domains not assessed, links to the plan, levels that
    go up, down and stay — and older scores with the 11-domain matrix."""
    docs = [_doc(p) for p in demo_files()]
    every = [a for doc in docs for a in _assessments(doc)]
    domains = [d for a in every for d in a["domains"].values()]
    assert any(d["level"] == 1 for d in domains)
    assert any(d["limitation"] for d in domains)
    assert any(d["level"] is None for d in domains)
    assert any(d["plan_links"] and d["focus"] for d in domains)
    older = [a for a in every if a["matrix"] != "zrm-2017"]
    assert [(a["matrix"], a["matrix_version"]) for a in older] == [("zrm-11", "vóór 2017")]
    first_of_household = [_assessments(doc)[0] for doc in docs]
    assert older[0] in first_of_household
    moves = set()
    for doc in docs:
        by_id = {a["id"]: a for a in _assessments(doc)}
        for a in _assessments(doc):
            before = by_id.get(a["copied_from"]) if a["copied_from"] else None
            for code, d in a["domains"].items():
                old = before["domains"].get(code) if before else None
                if old and old["level"] and d["level"]:
                    moves.add((d["level"] > old["level"]) - (d["level"] < old["level"]))
    assert moves == {-1, 0, 1}


def test_the_demo_assessments_load(uow: UnitOfWork) -> None:
    from jeugdtool.zrm import assessments as za

    for case, path in zip(load_demo(uow).value, demo_files(), strict=True):
        doc = _doc(path)
        loaded = za.list_assessments(uow, case.id)
        assert [a.assessed_on.isoformat() for a in loaded] == [
            a["date"] for a in doc["zrm_assessments"]
        ]
        newest = {(a.person_id, a.matrix_id): a.id for a in loaded}
        is_open = doc["household"]["status"] == "open"
        assert [a.editable for a in loaded] == [
            is_open and newest[(a.person_id, a.matrix_id)] == a.id for a in loaded
        ]
