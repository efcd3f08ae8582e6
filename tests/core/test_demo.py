"""The demo households: a newcomer's first look at jeugdtool."""

from __future__ import annotations

from jeugdtool import resources
from jeugdtool.cases import consultants, households, queries
from jeugdtool.cases.vocab import CaseMode, CaseStatus
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.demo import demo_files, load_demo, load_demo_report
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
