"""ZRM assessments in the case file: export, check and import (docs/case-format.md)."""

from __future__ import annotations

import copy
import datetime as dt
import gettext
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy import text

from jeugdtool import i18n
from jeugdtool import resources
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.casefile import validate_case_document
from jeugdtool.export.demo import demo_files
from jeugdtool.framework import moments
from jeugdtool.framework import plans
from jeugdtool.framework.models import MappingMoment
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm import compare
from jeugdtool.zrm import library
from jeugdtool.zrm.definitions import MATRIX_FORMAT

TABLES = ("households", "persons", "zrm_assessments", "zrm_domain_scores", "agreements")


def _demo(name: str) -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", name)))


def _counts(uow: UnitOfWork) -> dict[str, int]:
    with uow.database.engine.connect() as conn:
        return {t: conn.scalar(text(f"SELECT count(*) FROM {t}")) for t in TABLES}


def _names(doc: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: f"{p['first_name']} {p['last_name']}".strip() for p in doc["persons"]}


class _Marked(gettext.NullTranslations):
    """Wraps every catalogue string in «…», so text that bypassed the catalogue shows."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", _Marked())


# ---------------------------------------------------------------- round trip


def _linked_in_file(doc: dict[str, Any]) -> list[tuple[str, str, str, set[str]]]:
    """(date, person, domain, texts of the linked goals and agreements), as the file says."""
    goals = {s["lineage"]: s["text"] for s in doc["statements"] if s["type"] == "safety_goal"}
    agreements = {a["lineage"]: a["what"] for plan in doc["plans"] for a in plan["agreements"]}
    texts = {**goals, **agreements}  # the newest version of each wins, as below
    names = _names(doc)
    return [
        (a["date"], names[a["person"]], code, {texts[ref] for ref in d["plan_links"]})
        for a in doc["zrm_assessments"]
        for code, d in a["domains"].items()
        if d["plan_links"]
    ]


def _linked_in_database(uow: UnitOfWork, case_id: int) -> list[tuple[str, str, str, set[str]]]:
    with uow:
        goals = uow.session.scalars(
            select(Statement)
            .join(MappingMoment, MappingMoment.id == Statement.moment_id)
            .where(Statement.household_id == case_id, Statement.type == "safety_goal")
            .order_by(MappingMoment.held_on, MappingMoment.id)
        )
        texts = {s.lineage: s.text for s in goals}
        agreements = uow.session.scalars(
            select(Agreement)
            .join(PlanVersion, PlanVersion.id == Agreement.plan_version_id)
            .where(Agreement.household_id == case_id)
            .order_by(PlanVersion.number)
        )
        texts.update({a.lineage: a.what for a in agreements})
    return [
        (a.assessed_on.isoformat(), a.person_name, d.domain, {texts[x] for x in d.plan_links})
        for a in za.list_assessments(uow, case_id)
        for d in a.domains
        if d.plan_links
    ]


@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.name)
def test_export_import_export_keeps_every_assessment(
    path: Path, uow: UnitOfWork, tmp_path: Path
) -> None:
    original = read_case_file(path)
    case = import_case(uow, original).value
    first = export_case(uow, case.id)
    assert first["zrm_assessments"] == original["zrm_assessments"]
    keys = list(first)
    at = keys.index("plans")
    assert keys[at : at + 3] == ["plans", "zrm_assessments", "meetings"]
    # The links point at the same safety goals and agreements: by meaning, not only by name.
    assert _linked_in_database(uow, case.id) == _linked_in_file(original)

    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
        case2 = import_case(uow2, first).value
        second = export_case(uow2, case2.id)
        assert _linked_in_database(uow2, case2.id) == _linked_in_file(original)
    finally:
        other.close()
    assert second["zrm_assessments"] == first["zrm_assessments"]


def test_imported_assessments_read_as_the_program_made_them(uow: UnitOfWork) -> None:
    doc = _demo("01-jansen.json")
    case = import_case(uow, doc).value
    found = za.list_assessments(uow, case.id)
    assert [a.assessed_on.isoformat() for a in found] == ["2026-02-12", "2026-05-12", "2026-09-15"]
    assert [a.level("middelengebruik") for a in found] == [1, 3, 3]
    assert [a.editable for a in found] == [False, False, True]  # only the newest changes
    assert found[0].copied_from_id is None
    assert [a.copied_from_id for a in found[1:]] == [found[0].id, found[1].id]
    assert found[0].acute_domains[0].domain == "middelengebruik"
    assert [len(a.domains) for a in found] == [13, 13, 13]
    change = compare.compare(found[1], found[2])
    assert change.improved >= 1 and change.worsened >= 1  # e.g. financien went down
    reached = {t.domain: t.reached_on for t in compare.targets(found)}
    assert reached["huiselijke_relaties"] == dt.date(2026, 9, 15)


def test_the_older_matrix_is_read_back_with_its_own_domains(uow: UnitOfWork) -> None:
    case = import_case(uow, _demo("06-wisniewski.json")).value
    first = za.list_assessments(uow, case.id)[0]
    assert (first.matrix_id, first.matrix_version) == ("zrm-11", "vóór 2017")
    assert [d.domain for d in first.domains][:3] == ["financien", "dagbesteding", "huisvesting"]
    later = za.list_assessments(uow, case.id)[2]
    assert later.matrix_id == "zrm-2017" and later.copied_from_id == first.id


def test_a_domain_left_out_of_the_file_is_not_assessed(uow: UnitOfWork) -> None:
    doc = _demo("04-smit.json")
    kept = doc["zrm_assessments"][0]["domains"]["lichamelijke_gezondheid"]
    doc["zrm_assessments"][0]["domains"] = {"lichamelijke_gezondheid": kept}
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    first = za.list_assessments(uow, case.id)[0]
    assert [d.domain for d in first.domains][:2] == ["financien", "werk_opleiding"]
    assert first.assessed_count == 1 and first.score("lichamelijke_gezondheid").limitation
    domains = export_case(uow, case.id)["zrm_assessments"][0]["domains"]
    assert len(domains) == 13 and domains["financien"]["level"] is None


def test_export_of_assessments_made_in_the_program(uow: UnitOfWork, case: Any) -> None:
    sandra = members.add_person(uow, case.id, {"first_name": "Sandra", "role": "parent"}).value
    moment = moments.start_moment(uow, case.id, author="A. de Boer").value
    with uow:
        goal = Statement(
            moment_id=moment.id, household_id=case.id, type="safety_goal", carers_will="Nuchter."
        )
        uow.session.add(goal)
        uow.commit()
        goal_lineage = goal.lineage
    draft = plans.start_draft(uow, case.id).value
    kept = plans.add_agreement(uow, draft.id, {"what": "Oma belt elke avond."}).value
    gone = plans.add_agreement(uow, draft.id, {"what": "Wordt geschrapt."}).value
    first = za.create_assessment(uow, sandra.id, assessed_on=dt.date(2026, 1, 12)).value
    za.set_domain(
        uow,
        first.id,
        "middelengebruik",
        {
            "level": 1,
            "focus": True,
            "target_level": 3,
            "target_date": dt.date(2026, 2, 1),
            "carried_by": "professional",
            "plan_links": [goal_lineage, kept.lineage, gone.lineage],
        },
    )
    plans.remove_agreement(uow, gone.id)
    za.create_assessment(uow, sandra.id, assessed_on=dt.date(2026, 3, 9), note="Met oma.")

    doc = export_case(uow, case.id)
    assert validate_case_document(doc) == []
    z1, z2 = doc["zrm_assessments"]
    assert (z1["id"], z1["person"], z1["copied_from"], z2["copied_from"]) == (
        "z1",
        "p1",
        None,
        "z1",
    )
    assert next(iter(z1["domains"])) == "financien" and len(z1["domains"]) == 13
    assert z1["domains"]["middelengebruik"] == {
        "level": 1,
        "note": "",
        "special_category": "",
        "limitation": False,
        "carried_by": "professional",
        "focus": True,
        "target_level": 3,
        "target_date": "2026-02-01",
        "plan_links": ["S1", "A1"],  # the removed agreement is left out
    }
    # Carried forward, the target of 1 February lies before the second assessment: overdue,
    # and still a file that imports.
    assert z2["domains"]["middelengebruik"]["target_date"] == "2026-02-01"
    assert z2["note"] == "Met oma."
    again = export_case(uow, import_case(uow, doc, as_new=True).value.id)
    assert again["zrm_assessments"] == doc["zrm_assessments"]


def test_a_carried_overdue_target_does_not_block_the_domain(uow: UnitOfWork, case: Any) -> None:
    """The program and the file agree: a target carried forward unchanged stays, and the rest
    of the domain can still be scored (and the date corrected)."""
    sandra = members.add_person(uow, case.id, {"first_name": "Sandra", "role": "parent"}).value
    first = za.create_assessment(uow, sandra.id, assessed_on=dt.date(2026, 1, 12)).value
    za.set_domain(
        uow,
        first.id,
        "financien",
        {"level": 2, "focus": True, "target_level": 3, "target_date": dt.date(2026, 2, 1)},
    )
    second = za.create_assessment(uow, sandra.id, assessed_on=dt.date(2026, 3, 9)).value
    assert za.set_domain(uow, second.id, "financien", {"level": 3}).value.level("financien") == 3
    moved = za.update_assessment(uow, second.id, {"assessed_on": dt.date(2026, 3, 10)}).value
    assert moved.assessed_on == dt.date(2026, 3, 10)
    with pytest.raises(InvalidInput) as caught:  # a new target before the date: a typing error
        za.set_domain(uow, second.id, "financien", {"target_date": dt.date(2026, 2, 2)})
    assert caught.value.problems[0].field == "target_date"

    doc = export_case(uow, case.id)
    assert validate_case_document(doc) == []
    doc["zrm_assessments"][1]["domains"]["financien"]["target_date"] = "2026-02-02"
    fields = [p.field for p in validate_case_document(doc)]
    assert fields == ["zrm_assessments[1].domains.financien.target_date"]


# ---------------------------------------------------------------- checks


def _broken_jansen() -> dict[str, Any]:
    """Six problems of the brief, one of each kind, in the Jansen file."""
    doc = _demo("01-jansen.json")
    z = doc["zrm_assessments"]
    z[0]["person"] = "p9"
    z[1]["copied_from"] = None  # z1 is someone unknown now
    z[0]["domains"]["financien"]["level"] = 7
    z[1]["matrix"] = "zrm-2030"
    z[1]["domains"]["middelengebruik"]["plan_links"] = ["S4", "A99"]
    z[2]["domains"]["huisvesting"]["target_date"] = "2026-08-31"
    z[2]["domains"]["geluk"] = copy.deepcopy(z[2]["domains"]["huisvesting"])
    z[2]["domains"]["geluk"]["target_date"] = None
    return doc


def test_each_problem_of_a_bad_zrm_part_is_reported_at_its_path(marked: None) -> None:
    problems = validate_case_document(_broken_jansen())
    assert [p.field for p in problems] == [
        "zrm_assessments[0].person",
        "zrm_assessments[0].domains.financien.level",
        "zrm_assessments[1].matrix",
        "zrm_assessments[1].domains.middelengebruik.plan_links[1]",
        "zrm_assessments[2].domains.huisvesting.target_date",
        "zrm_assessments[2].domains.geluk",
    ]
    person, level, matrix, link, target, domain = (p.message for p in problems)
    assert "p9" in person
    assert "7" in level and "1" in level and "5" in level
    assert "zrm-2030" in matrix and "zrm-2017" in matrix and "jeugdtool zrm import" in matrix
    assert "A99" in link
    assert "15-09-2026" in target
    assert "geluk" in domain and "financien" in domain
    assert all(p.message.startswith("«") and p.message.endswith("»") for p in problems)


def test_a_bad_zrm_part_imports_nothing(uow: UnitOfWork) -> None:
    before = _counts(uow)
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, _broken_jansen())
    assert len(caught.value.problems) == 6
    assert _counts(uow) == before


def test_a_wrong_reference_to_another_assessment_is_named() -> None:
    doc = _demo("03-meijer.json")
    z = doc["zrm_assessments"]
    z[3]["copied_from"] = "z4"  # itself
    z[4]["copied_from"] = "z1"  # Ronald's, not Petra's
    z[1]["copied_from"] = "z12"
    z[6]["id"] = "z6"  # twice
    z[7]["domains"]["huiselijke_relaties"]["plan_links"] = ["S1"]  # a harm statement
    z[7]["domains"]["huiselijke_relaties"]["carried_by"] = "zelf"
    fields = {p.field: p.message for p in validate_case_document(doc)}
    assert list(fields) == [
        "zrm_assessments[1].copied_from",
        "zrm_assessments[3].copied_from",
        "zrm_assessments[4].copied_from",
        "zrm_assessments[6].id",
        "zrm_assessments[7].domains.huiselijke_relaties.carried_by",
        "zrm_assessments[7].domains.huiselijke_relaties.plan_links[0]",
    ]
    assert (
        "self, network, professional, shared"
        in fields["zrm_assessments[7].domains.huiselijke_relaties.carried_by"]
    )


def test_a_missing_field_of_a_domain_points_at_the_key() -> None:
    doc = _demo("02-bakker.json")
    del doc["zrm_assessments"][0]["domains"]["financien"]["level"]
    doc["zrm_assessments"][1]["domains"]["justitie"]["level"] = "3"
    fields = [p.field for p in validate_case_document(doc)]
    assert fields == [
        "zrm_assessments[0].domains.financien.level",
        "zrm_assessments[1].domains.justitie.level",
    ]


def test_two_assessments_on_one_day_are_allowed(uow: UnitOfWork) -> None:
    doc = _demo("05-ozturk.json")
    z = doc["zrm_assessments"]
    z[2]["date"] = z[0]["date"]  # Mehmet twice on 15 September, as the program allows
    assert validate_case_document(doc) == []
    case = import_case(uow, doc).value
    mehmet = [a for a in za.list_assessments(uow, case.id) if a.person_name == "Mehmet Öztürk"]
    assert [a.editable for a in mehmet] == [False, True]


def test_the_example_of_the_format_page_is_a_valid_case_file() -> None:
    page = (Path(__file__).parents[2] / "docs" / "case-format.md").read_text(encoding="utf-8")
    example = page[page.index("## Example") :]
    start = example.index("```json") + len("```json")
    doc = json.loads(example[start : example.index("```", start)])
    assert validate_case_document(doc) == []
    assert doc["zrm_assessments"][0]["domains"]["middelengebruik"]["plan_links"] == ["S2", "A1"]


# ---------------------------------------------------------------- an organisation's matrix


def _own_matrix() -> dict[str, Any]:
    base = resources.load_json("zrm", "zrm-2017.json")
    return {
        "format": MATRIX_FORMAT,
        "id": "opvoeding",
        "version": "1",
        "kind": "supplement",
        "name": "Opvoedingsdomeinen",
        "levels": base["levels"],
        "domains": [
            {"code": "opvoeding", "name": "Opvoeding", "covers": "Grenzen stellen, ritme."},
            {"code": "ontwikkeling", "name": "Ontwikkeling kind", "covers": "Groei, school."},
        ],
    }


def test_a_case_with_an_organisations_own_matrix_moves_where_that_matrix_is(
    uow: UnitOfWork, tmp_path: Path
) -> None:
    library.import_document(uow, _own_matrix())
    case = households.create_case(uow, name="Gezin Dekker", case_number="2026-0100").value
    mother = members.add_person(uow, case.id, {"first_name": "Eva", "role": "parent"}).value
    own = za.create_assessment(uow, mother.id, matrix_id="opvoeding", assessed_on="2026-03-02")
    za.set_domain(uow, own.value.id, "opvoeding", {"level": 2, "note": "Geen vaste bedtijd."})
    doc = export_case(uow, case.id)
    assert list(doc["zrm_assessments"][0]["domains"]) == ["opvoeding", "ontwikkeling"]

    # On its own, the file can only be checked against the matrices jeugdtool ships.
    alone = validate_case_document(doc)
    assert [p.field for p in alone] == ["zrm_assessments[0].matrix"]
    assert "opvoeding" in alone[0].message

    other = open_database(tmp_path / "other.sqlite")
    try:
        uow2 = UnitOfWork(other, "J. Visser")
        with pytest.raises(InvalidInput) as caught:  # a database without that matrix
            import_case(uow2, doc)
        assert [p.field for p in caught.value.problems] == ["zrm_assessments[0].matrix"]
        assert _counts(uow2)["households"] == 0
        library.import_document(uow2, _own_matrix())
        again = export_case(uow2, import_case(uow2, doc).value.id)
        doc["zrm_assessments"][0]["domains"]["geluk"] = doc["zrm_assessments"][0]["domains"][
            "opvoeding"
        ]
        with pytest.raises(InvalidInput) as caught:
            import_case(uow2, doc, as_new=True)
        assert [p.field for p in caught.value.problems] == ["zrm_assessments[0].domains.geluk"]
    finally:
        other.close()
    del doc["zrm_assessments"][0]["domains"]["geluk"]
    assert again["zrm_assessments"] == doc["zrm_assessments"]


# ---------------------------------------------------------------- random files

BASE = read_case_file(resources.path("demo", "04-smit.json"))

_INTERESTING = st.sampled_from(
    [
        "p1",
        "p2",
        "p9",
        "z1",
        "z3",
        "z9",
        "S2",
        "S1",
        "A1",
        "2026-06-02",
        "2026-02-30",
        "2099-01-01",
        "zrm-2017",
        "zrm-11",
        "financien",
        "dagbesteding",
        "self",
        "",
        " ",
        3.0,
        2.5,
    ]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 8) | st.text(max_size=6) | _INTERESTING,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=6) | _INTERESTING.filter(lambda x: isinstance(x, str)),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)


def _mutate(data: st.DataObject, node: Any, key: Any) -> None:
    """Replace, remove or add something at or below `node[key]`."""
    child = node[key]
    if isinstance(child, (dict, list)) and child and data.draw(st.integers(0, 3)):
        inner = data.draw(
            st.sampled_from(list(child) if isinstance(child, dict) else range(len(child)))
        )
        _mutate(data, child, inner)
        return
    action = data.draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "replace":
        node[key] = data.draw(_JSON)
    elif action == "remove":
        del node[key]
    elif isinstance(child, dict):
        child[
            data.draw(_INTERESTING.filter(lambda x: isinstance(x, str)) | st.text(max_size=6))
        ] = data.draw(_JSON)
    elif isinstance(child, list):
        child.append(data.draw(_JSON))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_changes_to_the_assessments_give_problems_never_a_traceback(
    data: st.DataObject, tmp_path: Path, sqlite_at_head: Path
) -> None:
    doc = copy.deepcopy(BASE)
    for _ in range(data.draw(st.integers(1, 3))):
        if "zrm_assessments" in doc:
            _mutate(data, doc, "zrm_assessments")
    problems = validate_case_document(doc)
    assert all(isinstance(p, Problem) and p.field and p.message for p in problems)
    if problems:
        return
    # A file that passes the check imports, and comes back as it is meant: into a new database
    # (a copy of one at the newest schema, made once: the migrations have tests of their own).
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        shutil.copyfile(sqlite_at_head, Path(folder) / "db.sqlite")
        database = open_database(Path(folder) / "db.sqlite")
        try:
            uow = UnitOfWork(database, "A. de Boer")
            exported = export_case(uow, import_case(uow, doc).value.id)
        finally:
            database.close()
    assert validate_case_document(exported) == []
    assert len(exported["zrm_assessments"]) == len(doc.get("zrm_assessments") or [])
