"""Matrix definitions: the shipped files, and checking matrix and descriptor files (good,
broken, and random broken ones: always problems with a path, never a traceback)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from jeugdtool import resources
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.i18n import _ as translated
from jeugdtool.zrm import definitions as d
from jeugdtool.zrm import library

ZRM_2017 = (
    "financien",
    "werk_opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "middelengebruik",
    "basale_adl",
    "instrumentele_adl",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
    "justitie",
)
ZRM_11 = (
    "financien",
    "dagbesteding",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "verslaving",
    "adl",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
    "justitie",
)


def descriptor_file(of: d.Matrix | None = None, **changes: Any) -> dict[str, Any]:
    matrix = of or d.builtin_matrices()[0]
    doc = {
        "format": d.DESCRIPTOR_FORMAT,
        "matrix": matrix.id,
        "version": matrix.version,
        "source": "GGD Amsterdam, licentie 2026-17 voor Gemeente Stadskanaal",
        "descriptors": {
            code: {str(n): f"Criteria {code} niveau {n}" for n in d.LEVELS} for code in matrix.codes
        },
    }
    doc.update(changes)
    return doc


def supplement(**changes: Any) -> dict[str, Any]:
    base = resources.load_json("zrm", "zrm-2017.json")
    doc = {
        "format": d.MATRIX_FORMAT,
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
    doc.update(changes)
    return doc


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


# ---- what is shipped -----------------------------------------------------------------------


def test_zrm_2017_and_the_older_11_domain_matrix_ship() -> None:
    found = {m.id: m for m in d.builtin_matrices()}
    assert found["zrm-2017"].codes == ZRM_2017
    assert found["zrm-11"].codes == ZRM_11
    assert d.builtin_matrices()[0].id == d.DEFAULT_MATRIX
    for matrix in found.values():
        assert [lv.level for lv in matrix.levels] == [1, 2, 3, 4, 5]
        assert matrix.level(1).name.nl == "Acute problematiek"
        assert matrix.level(4).name.nl == "Voldoende zelfredzaam"
        assert matrix.domain("financien").name.nl == "Financiën"
        assert matrix.domain("financien").name.get("en") == "Finances"


def test_the_shipped_files_hold_no_cell_criteria() -> None:
    """The official per-cell texts are copyrighted: only our own domain and level texts ship."""
    for matrix in d.builtin_matrices():
        assert not matrix.descriptors
        assert matrix.cell("financien", 3).descriptor is None
        assert "GGD Amsterdam" in matrix.source.nl
    for name in d.BUILTIN_FILES:
        assert "descriptors" not in resources.load_json("zrm", name)


def test_the_fourth_level_includes_help() -> None:
    """The municipality's third definition: self-sufficient includes help that is in place."""
    meaning = d.builtin_matrices()[0].level(4).meaning
    assert "netwerk" in meaning.nl and "professionals" in meaning.nl


def test_a_damaged_shipped_file_names_file_and_place(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = resources.load_json("zrm", "zrm-2017.json")
    del broken["levels"][2]["meaning"]["en"]
    real = resources.load_json
    monkeypatch.setattr(
        resources, "load_json", lambda *p: broken if p == ("zrm", "zrm-2017.json") else real(*p)
    )
    d.builtin_matrices.cache_clear()
    try:
        with pytest.raises(d.ZrmDefinitionError) as caught:
            d.builtin_matrices()
        assert "zrm-2017.json" in str(caught.value)
        assert "levels[2].meaning" in str(caught.value)
    finally:
        d.builtin_matrices.cache_clear()


# ---- matrix files ---------------------------------------------------------------------------


def test_a_good_supplement_matrix_passes() -> None:
    assert d.check_matrix(supplement()) == []
    matrix = d.matrix_from(supplement(), builtin=False)
    assert matrix.codes == ("opvoeding", "ontwikkeling")
    assert matrix.domain("opvoeding").name.get("en") == "Opvoeding"  # Dutch when no English


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda doc: doc.pop("domains"), "domains"),
        (lambda doc: doc["levels"].pop(), "levels"),
        (lambda doc: doc["levels"].reverse(), "levels[0].level"),
        (lambda doc: doc["domains"][1].update(code="opvoeding"), "domains[1].code"),
        (lambda doc: doc["domains"][0].update(code="Opvoeding!"), "domains[0].code"),
        (lambda doc: doc["domains"][0].update(name="  "), "domains[0].name"),
        (lambda doc: doc.update(colour="blauw"), "colour"),
        (lambda doc: doc.update(kind="extra"), "kind"),
        (
            lambda doc: doc.update(descriptors={"opvoeding": {"1": "a"}, "ontwikkeling": {}}),
            "descriptors.opvoeding",
        ),
        (lambda doc: doc.update(descriptors={"geld": {}}), "descriptors.geld"),
    ],
)
def test_a_broken_matrix_says_where(change: Any, where: str) -> None:
    doc = supplement()
    change(doc)
    problems = d.check_matrix(doc)
    assert where in fields(problems), problems
    assert all(p.message for p in problems)


def test_a_descriptor_file_is_not_a_matrix() -> None:
    assert fields(d.check_matrix(descriptor_file())) == ["format"]
    assert fields(d.check_matrix({"format": "iets anders"})) == ["format"]
    assert fields(d.check_matrix([1, 2])) == ["(bestand)"]


# ---- descriptor files (a licence) ------------------------------------------------------------


def known() -> dict[str, d.Matrix]:
    return {m.id: m for m in d.builtin_matrices()}


def test_a_good_descriptor_file_passes_and_applies() -> None:
    doc = descriptor_file()
    assert d.check_descriptor_file(doc, known()) == []
    matrix = d.builtin_matrices()[0].with_descriptors(d.descriptors_from(doc), doc["source"])
    cell = matrix.cell("huisvesting", 2)
    assert cell.descriptor is not None and cell.descriptor.nl == "Criteria huisvesting niveau 2"
    assert cell.descriptor_source == doc["source"]
    assert cell.level.name.nl == "Niet zelfredzaam"


def test_unknown_domain_missing_level_and_wrong_version_each_get_a_message() -> None:
    doc = descriptor_file()
    doc["descriptors"]["geluk"] = {str(n): "x" for n in d.LEVELS}
    del doc["descriptors"]["justitie"]["3"]
    del doc["descriptors"]["financien"]
    problems = d.check_descriptor_file(doc, known())
    by_field = {p.field: p.message for p in problems}
    assert set(by_field) == {
        "descriptors.geluk",
        "descriptors.justitie",
        "descriptors.financien",
    }
    assert "geluk" in by_field["descriptors.geluk"]
    assert "3" in by_field["descriptors.justitie"]
    wrong = d.check_descriptor_file(descriptor_file(version="2013"), known())
    assert fields(wrong) == ["version"]
    assert "2013" in wrong[0].message and "2017" in wrong[0].message
    unknown = d.check_descriptor_file(descriptor_file(matrix="zrm-2030"), known())
    assert fields(unknown) == ["matrix"] and "zrm-2017" in unknown[0].message


def test_a_level_key_outside_one_to_five_is_named() -> None:
    doc = descriptor_file()
    doc["descriptors"]["financien"]["6"] = "x"
    problems = d.check_descriptor_file(doc, known())
    assert fields(problems) == ["descriptors.financien"]


# ---- random broken files: always problems, never a traceback ---------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 9) | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def _mutate(doc: Any, data: st.DataObject) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            return data.draw(json_values)
        path = data.draw(st.sampled_from(paths))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()):
            parent[path[-1]] = data.draw(json_values)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_broken_files_give_problems_not_tracebacks(data: st.DataObject) -> None:
    good = data.draw(
        st.sampled_from(
            [supplement(), descriptor_file(), resources.load_json("zrm", "zrm-11.json")]
        )
    )
    doc = _mutate(good, data)
    for problems in (d.check_matrix(doc), d.check_descriptor_file(doc, known())):
        assert all(isinstance(p, Problem) and p.field and p.message for p in problems)
    # Whatever passes the check can be turned into a matrix.
    if isinstance(doc, dict) and doc.get("format") == d.MATRIX_FORMAT and not d.check_matrix(doc):
        d.matrix_from(doc, builtin=False)


# ---- imports into the database ---------------------------------------------------------------


def test_import_a_licence_then_replace_and_remove(uow) -> None:
    stored = library.import_document(uow, descriptor_file(), file_name="zrm-licentie.json")
    assert stored.changes.touches("zrm_import")
    assert stored.value.kind == "descriptors" and stored.value.imported_by == "A. de Boer"
    matrix = library.matrices(uow)[0]
    assert matrix.licensed and matrix.cell("financien", 1).descriptor is not None
    with pytest.raises(library.ImportExists):
        library.import_document(uow, descriptor_file())
    newer = descriptor_file(source="GGD Amsterdam, licentie 2027")
    library.import_document(uow, newer, replace=True)
    assert [i.source for i in library.list_imports(uow)] == ["GGD Amsterdam, licentie 2027"]
    removed = library.remove_import(uow, library.list_imports(uow)[0].id).value
    assert removed == newer
    assert not library.matrices(uow)[0].licensed


def test_a_bad_import_stores_nothing(uow) -> None:
    doc = descriptor_file()
    del doc["descriptors"]["financien"]["5"]
    with pytest.raises(InvalidInput) as caught:
        library.import_document(uow, doc)
    assert [p.field for p in caught.value.problems] == ["descriptors.financien"]
    assert library.list_imports(uow) == ()


def test_a_supplement_matrix_is_added_and_cannot_reuse_a_shipped_id(uow) -> None:
    library.import_document(uow, supplement())
    assert [m.id for m in library.matrices(uow)] == ["zrm-2017", "zrm-11", "opvoeding"]
    with pytest.raises(InvalidInput) as caught:
        library.import_document(uow, supplement(id="zrm-2017"))
    assert caught.value.problems[0].field == "id"
    # Licensed descriptors for the supplement fit it, too.
    opvoeding = library.matrices(uow)[2]
    library.import_document(uow, descriptor_file(opvoeding))
    assert library.matrices(uow)[2].licensed


def test_reading_a_file_that_is_not_json_says_so(tmp_path) -> None:
    path = tmp_path / "licentie.json"
    path.write_text("{ niet af", encoding="utf-8")
    with pytest.raises(library.ZrmFileError) as caught:
        library.read_file(path)
    assert "licentie.json" in str(caught.value)
    with pytest.raises(library.ZrmFileError):
        library.read_file(tmp_path / "weg.json")
    path.write_text(json.dumps(descriptor_file()), encoding="utf-8")
    assert library.read_file(path)["format"] == d.DESCRIPTOR_FORMAT


def test_descriptor_problems_come_in_file_order_each_with_its_message() -> None:
    doc = descriptor_file()
    doc["descriptors"]["geluk"] = {str(n): "x" for n in d.LEVELS}
    del doc["descriptors"]["justitie"]["3"]
    del doc["descriptors"]["justitie"]["5"]
    del doc["descriptors"]["financien"]
    missing = translated("level {levels} is missing; every domain needs all five levels.")
    unknown = translated("unknown domain '{code}'; this matrix has: {codes}.")
    absent = translated("domain '{code}' is missing; the file must describe every domain.")
    assert [(p.field, p.message) for p in d.check_descriptor_file(doc, known())] == [
        ("descriptors.justitie", missing.format(levels="3, 5")),
        ("descriptors.geluk", unknown.format(code="geluk", codes=", ".join(ZRM_2017))),
        ("descriptors.financien", absent.format(code="financien")),
    ]
