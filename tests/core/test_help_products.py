"""The product lists: the shipped list is sound and checked at start-up, a region imports its own
(on the command line too), a bad file is refused naming its problems, undo of a removal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from jeugdtool import resources
from jeugdtool.cli import main
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.outcomes import products

IJW = "ijw-productcategorieen"


def _own(**changes: Any) -> dict[str, Any]:
    doc = {
        "list_id": "regio-groningen",
        "name": "Productenboek Jeugd Groningen",
        "version": "2026",
        "source": "Regionale inkoopafspraken jeugdhulp Groningen 2026",
        "categories": [
            {"code": "45A48", "label": "Ouderschapsbeoordeling ambulant", "group": "Ambulant"},
            {"code": "VV9", "label": "Buurtgezinnen", "free_access": True},
        ],
    }
    doc.update(changes)
    return doc


def _write(folder: Path, name: str, doc: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# ---- the shipped list -------------------------------------------------------------------------


def test_every_shipped_list_fits_the_schema() -> None:
    files = sorted(resources.path("help").glob("*.json"))
    assert files
    for file in files:
        doc = json.loads(file.read_text(encoding="utf-8"))
        assert resources.schema_problems(doc, *products.SCHEMA) == [], file.name
        assert products.check_document(doc) == []


def test_the_shipped_list_has_the_national_categories_and_the_voorliggend_veld() -> None:
    [ijw] = [p for p in products.shipped_lists() if p.list_id == IJW]
    assert ijw.builtin and "iJw" in ijw.source and "importeert" in ijw.source
    assert ijw.product("45").label == "Jeugdhulp ambulant"
    assert ijw.product("48").label == "Jeugdbescherming"
    assert ijw.product("47").label == "Jeugdreclassering"
    free = [p for p in ijw.categories if p.free_access]
    assert {p.label for p in free} >= {"Algemene voorziening", "Maatschappelijk werk"}
    assert not ijw.product("45").free_access


def test_a_damaged_shipped_list_is_named_with_its_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "resources"
    shutil.copytree(resources.path("schemas"), root / "schemas")
    doc = resources.load_json("help", f"{IJW}.json")
    doc["categories"][1]["code"] = doc["categories"][0]["code"]
    (root / "help").mkdir()
    _write(root / "help", f"{IJW}.json", doc)
    monkeypatch.setattr(resources, "root", lambda: root)
    products.shipped_lists.cache_clear()
    try:
        with pytest.raises(products.ProductListError) as exc:
            products.shipped_lists()
    finally:
        products.shipped_lists.cache_clear()
    assert f"{IJW}.json" in str(exc.value) and "categories[1].code" in str(exc.value)


def test_a_label_falls_back_to_the_code_when_the_list_is_gone() -> None:
    lists = products.shipped_lists()
    assert products.category_label(lists, IJW, "46") == "Jeugdhulp crisis"
    assert products.category_label(lists, "weg", "46") == "46"
    assert products.category_label({p.list_id: p for p in lists}, IJW, "99") == "99"


# ---- importing (services) ---------------------------------------------------------------------


@pytest.mark.both_backends
def test_an_imported_list_is_in_use_beside_the_shipped_ones(uow, tmp_path: Path) -> None:
    done = products.import_product_list(uow, _write(tmp_path, "groningen.json", _own()))
    assert done.changes.touches("help_product_list")
    own = done.value
    assert (own.list_id, own.file_name, own.imported_by) == (
        "regio-groningen",
        "groningen.json",
        "A. de Boer",
    )
    assert own.product("VV9").free_access and own.product("45A48").group == "Ambulant"
    assert [p.list_id for p in products.product_lists(uow)] == [IJW, "regio-groningen"]


@pytest.mark.both_backends
@pytest.mark.parametrize(
    ("doc", "field"),
    [
        (_own(list_id="Regio Groningen"), "list_id"),
        (_own(list_id=IJW), "list_id"),  # the shipped list's id
        (_own(version=" "), "version"),
        (_own(categories=[]), "categories"),
        (
            _own(categories=[{"code": "1", "label": "a"}, {"code": "1", "label": "b"}]),
            "categories[1].code",
        ),
        (_own(categories=[{"code": "1"}]), "categories[0].label"),
        (_own(categories=[{"code": "1", "label": "a", "price": 3}]), "categories[0].price"),
        ({k: v for k, v in _own().items() if k != "source"}, "source"),
        ([1, 2], "(root)"),
    ],
)
def test_a_bad_list_is_refused_naming_the_place(uow, doc, field) -> None:
    with pytest.raises(InvalidInput) as exc:
        products.import_document(uow, doc)
    assert field in [p.field for p in exc.value.problems]
    assert [p.list_id for p in products.product_lists(uow)] == [IJW]


def test_a_file_that_is_no_json_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "lijst.json"
    broken.write_text("{ niet af", encoding="utf-8")
    with pytest.raises(products.ProductListError) as exc:
        products.read_file(broken)
    assert "lijst.json" in str(exc.value)


@pytest.mark.both_backends
def test_the_same_list_again_needs_replace_which_keeps_the_codes_in_use(uow, case) -> None:
    from jeugdtool.outcomes import help as h

    products.import_document(uow, _own())
    with pytest.raises(products.ProductListExists) as exists:
        products.import_document(uow, _own(version="2027"))
    assert "2026" in str(exists.value)  # the version in the database: the list's own
    fields = {"product_list": "regio-groningen", "category": "45A48", "starts_on": "2026-01-05"}
    h.add_help(uow, case.id, {**fields, "decided_by": "municipality"})
    without = _own(version="2027", categories=[{"code": "VV9", "label": "Buurtgezinnen"}])
    with pytest.raises(InvalidInput) as exc:
        products.import_document(uow, without, replace=True)
    assert "45A48" in str(exc.value)
    renamed = _own(version="2027", categories=[{"code": "45A48", "label": "Ouderschapsonderzoek"}])
    products.import_document(uow, renamed, replace=True)
    assert h.list_help(uow, case.id)[0].category_label == "Ouderschapsonderzoek"


@pytest.mark.both_backends
def test_removing_a_list_and_undo(uow) -> None:
    seen = products.import_document(uow, _own()).value
    doc = products.remove_product_list(uow, "regio-groningen", expected=seen).value
    assert [p.list_id for p in products.product_lists(uow)] == [IJW]
    back = products.import_document(uow, doc, file_name=seen.file_name).value  # undo
    assert back.categories == seen.categories
    products.import_document(uow, _own(version="2027"), replace=True)  # by a colleague
    with pytest.raises(ConflictError):  # redo of the removal
        products.remove_product_list(uow, "regio-groningen", expected=back)
    with pytest.raises(InvalidInput) as exc:
        products.remove_product_list(uow, IJW)  # shipped lists are not in the database
    assert IJW in str(exc.value)


# ---- on the command line ---------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_import_list_and_remove_on_the_command_line(
    db, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _write(tmp_path, "groningen.json", _own())
    base = ("--db", str(db_path), "--user", "T. Tester", "help-products")
    code, out, _err = _run(capsys, *base, "import", str(file))
    assert code == 0 and "regio-groningen" in out and "2 kinds of help" in out
    code, out, err = _run(capsys, *base, "import", str(file))
    assert code == 1 and "--replace" in err
    code, out, _err = _run(capsys, *base, "list")
    rows = [line.split("\t") for line in out.splitlines() if "\t" in line]
    assert [r[:5] for r in rows] == [
        [IJW, "2026.1", rows[0][2], "shipped", "18"],
        ["regio-groningen", "2026", "Productenboek Jeugd Groningen", "imported", "2"],
    ]
    assert rows[1][5:] == ["groningen.json", "T. Tester"]
    assert "Source of regio-groningen: Regionale inkoopafspraken" in out
    code, out, _err = _run(capsys, *base, "remove", "regio-groningen")
    assert code == 0 and "removed" in out
    code, _out, err = _run(capsys, *base, "remove", "regio-groningen")
    assert code == 1 and "regio-groningen" in err


def test_a_bad_file_on_the_command_line_names_each_problem(
    db, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _own(categories=[{"code": "45 A", "label": "x"}, {"label": "y"}])
    file = _write(tmp_path, "fout.json", doc)
    code, out, err = _run(capsys, "--db", str(db_path), "help-products", "import", str(file))
    assert code == 2 and out == ""
    assert "categories[0].code: '45 A' is not a valid code" in err
    assert "categories[1].code: required field is missing." in err
    assert "Nothing was imported: 2 problems in" in err
    not_json = tmp_path / "kapot.json"
    not_json.write_text("[", encoding="utf-8")
    code, _out, err = _run(capsys, "--db", str(db_path), "help-products", "import", str(not_json))
    assert code == 2 and "kapot.json" in err


def test_a_damaged_stored_list_is_left_out_and_the_others_still_serve(uow) -> None:
    from jeugdtool.outcomes.models import HelpProductList

    with uow:
        uow.session.add(
            HelpProductList(list_id="kapot", name="Kapot", list_version="1", document="{}")
        )
        uow.commit()
    assert [p.list_id for p in products.product_lists(uow)] == [IJW]
