"""The demo households: a newcomer's first look at jeugdtool."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from jeugdtool import resources
from jeugdtool.cases import consultants, households, queries
from jeugdtool.cases.vocab import CaseMode, CaseStatus
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.demo import demo_files, load_demo, load_demo_report
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell, Column
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
    assert queries.count_cases(uow) == 6
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
    assert 4 <= len(scores) <= 12
    roles = {s["role"] for s in scores}
    assert "case_manager" in roles and roles & {"parent", "child", "network", "professional"}
    assert all(s["reason"] and s["one_higher"] for s in scores)
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
