"""The case file carries all of migration 0016: the family's own goals, the family's words on
statements and agreements, and the special-category marks on statements, "how the children are
told", reviews, review results and ZRM notes — out and back in, checked, and optional for files
made before them."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.casefile import validate_case_document
from jeugdtool.framework import plans
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import FamilyGoal
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.store.uow import UnitOfWork


def _demo(name: str = "01-jansen.json") -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", name)))


def _without(doc: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != key}


def _marked(doc: dict[str, Any]) -> None:
    """Every mark and family word of 0016 set somewhere in the document, to see it come back."""
    plan = doc["plans"][0]
    plan["children_told_category"] = "health"
    plan["reviews"][0]["special_category"] = "justice"
    plan["reviews"][0]["results"][0]["special_category"] = "addiction"
    assessment = doc["zrm_assessments"][0]
    assessment["special_category"] = "health"
    next(iter(assessment["domains"].values()))["special_category"] = "addiction"


def test_the_demo_round_trip_keeps_goals_words_and_marks(uow: UnitOfWork) -> None:
    doc = _demo()
    _marked(doc)
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    exported = export_case(uow, case.id)
    assert _without(exported, "exported_at") == _without(doc, "exported_at")
    newest = plans.current_plan(uow, case.id)
    assert newest is not None
    goals = newest.family_goals
    assert [g.text for g in goals] == [g["text"] for g in doc["plans"][-1]["family_goals"]]
    assert [g.source.kind for g in goals] == [SourceKind.PERSON] * 3
    assert goals[0].source.label == "Sandra Jansen"
    older = plans.get_plan(uow, plans.list_versions(uow, case.id)[1].id).family_goals
    assert [g.lineage for g in older] == [g.lineage for g in goals[:2]]  # linked across versions
    assert any(a.family_words for a in newest.agreements)
    (care,) = [s for s in newest.statements if "verslavingszorg" in s.text]
    assert care.special_category == "addiction"
    assert any(s.family_words for s in newest.statements)


def test_the_goals_lineages_are_fresh_for_each_import(uow: UnitOfWork) -> None:
    one = import_case(uow, _demo()).value
    two = import_case(uow, _demo(), as_new=True).value
    with uow:
        rows = uow.session.scalars(select(FamilyGoal)).all()
        by_case = {c: {r.lineage for r in rows if r.household_id == c} for c in (one.id, two.id)}
    assert len(by_case[one.id]) == 3
    assert not by_case[one.id] & by_case[two.id]


def test_a_file_made_before_0016_imports_without_goals_words_or_marks(uow: UnitOfWork) -> None:
    doc = _demo()
    for statement in doc["statements"]:
        del statement["family_words"], statement["special_category"]
    for plan in doc["plans"]:
        del plan["family_goals"], plan["children_told_category"]
        for agreement in plan["agreements"]:
            del agreement["family_words"]
        for review in plan["reviews"]:
            del review["special_category"]
            for result in review["results"]:
                del result["special_category"]
    for assessment in doc["zrm_assessments"]:
        del assessment["special_category"]
        for domain in assessment["domains"].values():
            del domain["special_category"]
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    again = export_case(uow, case.id)
    assert all(p["family_goals"] == [] for p in again["plans"])
    assert {s["special_category"] for s in again["statements"]} == {""}
    assert {s["family_words"] for s in again["statements"]} == {""}
    assert {p["children_told_category"] for p in again["plans"]} == {""}
    with uow:
        assert uow.session.scalars(select(Statement.family_words)).all()


def test_goal_problems_are_found_at_their_place() -> None:
    doc = _demo()
    goals = doc["plans"][2]["family_goals"]
    goals[1]["lineage"] = goals[0]["lineage"]
    goals[2]["who"] = {"kind": "person", "ref": "p9", "label": "Onbekend"}
    doc["plans"][1]["family_goals"][0]["text"] = "  "
    doc["statements"][0]["special_category"] = "gezondheid"
    problems = {p.field for p in validate_case_document(doc)}
    assert problems == {
        "plans[2].family_goals[1].lineage",
        "plans[2].family_goals[2].who.ref",
        "plans[1].family_goals[0].text",
        "statements[0].special_category",
    }


def test_the_demo_households_have_goals_and_words_of_their_own() -> None:
    from jeugdtool.export.demo import demo_files
    from jeugdtool.framework import special_rules

    with_goals = 0
    goals_with_words = goals_in_all = 0
    for path in demo_files():
        doc = read_case_file(path)
        persons = {p["id"] for p in doc["persons"]}
        if doc["plans"]:
            goals = doc["plans"][-1]["family_goals"]
            if goals:
                with_goals += 1
                assert 2 <= len(goals) <= 3, path.name
                assert all(g["who"]["kind"] == "person" for g in goals)
                assert all(g["who"]["ref"] in persons for g in goals)
        newest = max((s["moment"] for s in doc["statements"]), key=lambda m: int(m[1:]))
        for statement in doc["statements"]:
            if statement["moment"] == newest and statement["type"] == "safety_goal":
                goals_in_all += 1
                goals_with_words += bool(statement["family_words"])
            texts = [statement["text"], statement.get("behaviour", "")]
            if any(w in " ".join(texts) for w in ("verslavingszorg", "migraine")):
                expected = special_rules.suggest(texts).value
                assert statement["special_category"] == expected, statement["id"]
    assert with_goals >= 3
    assert goals_with_words > goals_in_all / 2
