"""The statement part of a case file: several children, a harm's date and marks, a goal's
who_will and period; an older file (one `child`, a period as text) still imports."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from jeugdtool import resources
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.framework_check import framework_rules
from jeugdtool.store.uow import UnitOfWork

TODAY = dt.date.today()
NEW_FIELDS = ("incident_on", "incident_marks", "who_will", "sustained_amount", "sustained_unit")


def _demo() -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", "01-jansen.json")))


def _import(uow: UnitOfWork, doc: dict[str, Any]) -> dict[str, Any]:
    uow = UnitOfWork(uow.database, doc["household"]["case_manager"])
    return export_case(uow, import_case(uow, doc, as_new=True).value.id)


def test_the_new_parts_go_out_and_come_back(uow: UnitOfWork) -> None:
    doc = _demo()
    harm = next(s for s in doc["statements"] if s["type"] == "harm")
    goal = next(s for s in doc["statements"] if s["type"] == "safety_goal")
    children = [p["id"] for p in doc["persons"] if p["role"] == "child"][:2]
    harm.update(children=children[::-1], incident_on="2026-01-05", incident_marks=["first", "last"])
    goal.update(who_will=["Sanne", "oma Ria"], sustained_amount=6, sustained_unit="weeks")
    goal["sustained_for"] = ""
    out = _import(uow, doc)
    harm_out = next(s for s in out["statements"] if s["id"] == harm["id"])
    goal_out = next(s for s in out["statements"] if s["id"] == goal["id"])
    assert harm_out["children"] == children[::-1]
    assert (harm_out["incident_on"], harm_out["incident_marks"]) == (
        "2026-01-05",
        ["first", "last"],
    )
    assert (goal_out["who_will"], goal_out["sustained_amount"], goal_out["sustained_unit"]) == (
        ["Sanne", "oma Ria"],
        6,
        "weeks",
    )
    assert "child" not in harm_out
    assert _import(uow, out)["statements"] == out["statements"]


def test_an_older_file_with_one_child_and_a_period_as_text_imports(uow: UnitOfWork) -> None:
    doc = _demo()
    for statement in doc["statements"]:
        children = statement.pop("children", None)
        if children is not None:
            statement["child"] = children[0] if children else None
        for name in NEW_FIELDS:
            statement.pop(name, None)
        if statement["type"] == "safety_goal":
            statement["sustained_for"] = "3 maanden"
    goals = [s for s in doc["statements"] if s["type"] == "safety_goal"]
    goals[0]["sustained_for"] = "tot de zomervakantie"
    assert framework_rules(doc, TODAY) == []
    out = _import(uow, doc)
    by_id = {s["id"]: s for s in out["statements"]}
    for statement in doc["statements"]:
        if "child" in statement:
            wanted = [statement["child"]] if statement["child"] else []
            assert by_id[statement["id"]]["children"] == wanted
    assert by_id[goals[0]["id"]]["sustained_for"] == "tot de zomervakantie"
    assert by_id[goals[0]["id"]]["sustained_amount"] is None
    assert (by_id[goals[1]["id"]]["sustained_amount"], by_id[goals[1]["id"]]["sustained_unit"]) == (
        3,
        "months",
    )
    assert by_id[goals[1]["id"]]["sustained_for"] == ""


def test_child_and_children_together_and_an_unknown_child_are_problems() -> None:
    doc = _demo()
    harm = next(s for s in doc["statements"] if s["type"] == "harm")
    harm["child"] = harm["children"][0]
    harm["children"] = [harm["children"][0], "p99"]
    goal = next(s for s in doc["statements"] if s["type"] == "safety_goal")
    goal["sustained_amount"], goal["sustained_unit"] = 3, None
    fields = {p.field for p in framework_rules(doc, TODAY)}
    index = doc["statements"].index(harm)
    assert f"statements[{index}].child" in fields
    assert f"statements[{index}].children[1]" in fields
    assert f"statements[{doc['statements'].index(goal)}].sustained_unit" in fields
