"""`jeugdtool zrm import | list | remove`: the matrices in use, from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jeugdtool import resources
from jeugdtool.cli import main
from jeugdtool.zrm.definitions import DESCRIPTOR_FORMAT
from jeugdtool.zrm.definitions import LEVELS
from jeugdtool.zrm.definitions import MATRIX_FORMAT
from jeugdtool.zrm.definitions import builtin_matrices

SOURCE = "GGD Amsterdam, licentie 2026-17 voor Gemeente Stadskanaal"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _descriptors(**changes: Any) -> dict[str, Any]:
    matrix = builtin_matrices()[0]
    doc = {
        "format": DESCRIPTOR_FORMAT,
        "matrix": matrix.id,
        "version": matrix.version,
        "source": SOURCE,
        "descriptors": {
            code: {str(n): f"Criteria {code}, niveau {n}." for n in LEVELS} for code in matrix.codes
        },
    }
    doc.update(changes)
    return doc


def _own_matrix() -> dict[str, Any]:
    """An organisation's supplement matrix, with one domain."""
    return {
        "format": MATRIX_FORMAT,
        "id": "opvoeding",
        "version": "1",
        "kind": "supplement",
        "name": "Opvoedingsdomeinen",
        "levels": resources.load_json("zrm", "zrm-2017.json")["levels"],
        "domains": [{"code": "opvoeding", "name": "Opvoeding", "covers": "Grenzen stellen."}],
    }


def _write(folder: Path, name: str, doc: dict[str, Any]) -> str:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "db.sqlite")
    assert _run(capsys, "--db", path, "demo")[0] == 0
    return path


def _listing(out: str) -> tuple[list[list[str]], list[list[str]]]:
    """The matrices and the imported files of `zrm list`, as tab-separated rows."""
    lines = out.splitlines()
    assert lines[0] == "Matrices:"
    middle = lines.index("Imported files:")
    files = [line.split("\t") for line in lines[middle + 1 :] if line != "(none)"]
    return [line.split("\t") for line in lines[1:middle]], files


def test_import_list_replace_and_remove_licensed_descriptors(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    licence = _write(tmp_path, "licentie.json", _descriptors())
    code, out, _err = _run(capsys, "--db", db, "--user", "T. Tester", "zrm", "import", licence)
    assert code == 0
    assert "zrm-2017" in out and "licentie.json" in out

    code, out, _err = _run(capsys, "--db", db, "zrm", "list")
    assert code == 0
    matrices, files = _listing(out)
    assert [m[:2] for m in matrices] == [["zrm-2017", "2017"], ["zrm-11", "vóór 2017"]]
    assert matrices[0][3:] == ["shipped", f"licensed descriptors: yes ({SOURCE})"]
    assert matrices[1][3:] == ["shipped", "licensed descriptors: no"]
    [row] = files
    assert row[:6] == ["1", "descriptors", "zrm-2017", "2017", "licentie.json", "T. Tester"]
    assert row[7] == SOURCE

    # Again: refused, with the way out.
    code, out, err = _run(capsys, "--db", db, "zrm", "import", licence)
    assert code == 1 and out == ""
    assert "already has descriptors for 'zrm-2017'" in err and "--replace" in err
    newer = _write(tmp_path, "licentie-2.json", _descriptors(source="GGD Amsterdam, licentie 2027"))
    code, _out, _err = _run(capsys, "--db", db, "zrm", "import", newer, "--replace")
    assert code == 0
    _matrices, files = _listing(_run(capsys, "--db", db, "zrm", "list")[1])
    assert [(f[4], f[7]) for f in files] == [("licentie-2.json", "GGD Amsterdam, licentie 2027")]

    code, out, _err = _run(capsys, "--db", db, "zrm", "remove", files[0][0])
    assert code == 0 and "removed" in out
    matrices, files = _listing(_run(capsys, "--db", db, "zrm", "list")[1])
    assert files == [] and matrices[0][4] == "licensed descriptors: no"


def test_a_broken_file_shows_each_problem_and_imports_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _descriptors()
    doc["descriptors"]["geluk"] = doc["descriptors"].pop("justitie")
    del doc["descriptors"]["financien"]["3"]
    code, out, err = _run(capsys, "--db", db, "zrm", "import", _write(tmp_path, "bad.json", doc))
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [
        "descriptors.financien",
        "descriptors.geluk",
        "descriptors.justitie",
    ]
    assert "level 3 is missing" in lines[0]
    assert "unknown domain 'geluk'" in lines[1]
    assert "domain 'justitie' is missing" in lines[2]
    assert "Nothing was imported: 3 problems" in lines[3]

    older = _write(tmp_path, "oud.json", _descriptors(version="2014"))
    code, _out, err = _run(capsys, "--db", db, "zrm", "import", older)
    assert code == 2
    assert err.startswith("version: wrong version") and "'2014'" in err and "'2017'" in err
    _matrices, files = _listing(_run(capsys, "--db", db, "zrm", "list")[1])
    assert files == []


@pytest.mark.parametrize("content", [b"{ geen json", b"\xff\xfe", b"[]"])
def test_something_else_than_a_zrm_file_exits_2(
    content: bytes, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "x.json"
    bad.write_bytes(content)
    code, _out, err = _run(capsys, "--db", db, "zrm", "import", str(bad))
    assert code == 2 and err


def test_a_missing_file_or_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    licence = _write(tmp_path, "licentie.json", _descriptors())
    missing = tmp_path / "typo.sqlite"
    code, _out, err = _run(capsys, "--db", str(missing), "zrm", "import", licence)
    assert code == 1 and str(missing) in err
    assert not missing.exists()
    code, _out, err = _run(capsys, "--db", str(missing), "zrm", "import", "weg.json")
    assert code == 2 and "weg.json" in err


def test_an_organisations_own_matrix_stays_while_assessments_use_it(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = _own_matrix()
    code, out, _err = _run(capsys, "--db", db, "zrm", "import", _write(tmp_path, "o.json", own))
    assert code == 0 and "opvoeding" in out
    matrices, files = _listing(_run(capsys, "--db", db, "zrm", "list")[1])
    assert matrices[-1][:4] == ["opvoeding", "1", "Opvoedingsdomeinen", "imported"]
    assert files[0][1:3] == ["matrix", "opvoeding"]

    from jeugdtool.cases import queries
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork
    from jeugdtool.zrm import assessments as za

    database = open_database(Path(db))
    try:
        uow = UnitOfWork(database, "A. de Boer")
        case_id = queries.find_case_id(uow, "2026-0001")
        assert case_id is not None
        sandra = queries.get_case(uow, case_id).persons[0]
        za.create_assessment(uow, sandra.id, matrix_id="opvoeding")
    finally:
        database.close()
    code, _out, err = _run(capsys, "--db", db, "zrm", "remove", files[0][0])
    assert code == 1 and "opvoeding" in err and "assessment" in err
    assert len(_listing(_run(capsys, "--db", db, "zrm", "list")[1])[1]) == 1


def test_removing_an_unknown_import(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "--db", db, "zrm", "remove", "7")
    assert code == 1 and "7" in err and "jeugdtool zrm list" in err


@pytest.mark.parametrize("command", ["import", "list", "remove"])
def test_each_zrm_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "zrm", command, "--help")
    assert code == 0
    assert f"jeugdtool zrm {command}" in out and "--db" in out


def test_zrm_without_a_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "zrm")[0] == 2
    assert _run(capsys, "zrm", "remove", "eerste")[0] == 2


def test_a_case_file_with_an_own_matrix_imports_where_that_matrix_is(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`jeugdtool import` checks a case file's assessments against the database's matrices
    (a new database: the shipped ones, checked before it is created)."""
    case = json.loads(resources.path("demo", "04-smit.json").read_text(encoding="utf-8"))
    case["household"]["case_number"] = "2026-0100"
    for assessment in case["zrm_assessments"]:
        assessment.update(matrix="opvoeding", matrix_version="1", domains={})
    case_file = _write(tmp_path, "smit.json", case)
    fresh = tmp_path / "nieuw.sqlite"
    code, _out, err = _run(capsys, "--db", str(fresh), "import", case_file)
    assert code == 2 and err.startswith("zrm_assessments[0].matrix: unknown matrix 'opvoeding'")
    assert not fresh.exists()
    code, _out, err = _run(capsys, "--db", db, "import", case_file)
    assert code == 2 and "opvoeding" in err

    own = _own_matrix()
    assert _run(capsys, "--db", db, "zrm", "import", _write(tmp_path, "o.json", own))[0] == 0
    code, out, _err = _run(capsys, "--db", db, "import", case_file)
    assert code == 0 and "2026-0100" in out
