"""`jeugdtool pdf CASE --plan --family`: the family's version from the command line, and the
choice in the remembered selection (`Selection.family_version`)."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from jeugdtool.cli import main
from jeugdtool.errors import InvalidInput
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import _from_json
from jeugdtool.export.selection import check_selection
from jeugdtool.export.selection import default_selection


def _text(pdf: bytes) -> str:
    return "".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_command_writes_the_family_version_of_the_plan(tmp_path, capsys) -> None:
    db, out = tmp_path / "demo.sqlite", tmp_path / "plan.pdf"
    assert main(["--db", str(db), "demo"]) == 0
    args = ["--db", str(db), "pdf", "2026-0001", "--plan", "--out", str(out)]
    assert main([*args, "--family"]) == 0, capsys.readouterr().err
    title = "".join(Texts("safety_plan", "nl").plain("title_family").split())
    family = _text(out.read_bytes())
    assert title in family
    assert main(args) == 0
    assert title not in _text(out.read_bytes())


def test_only_the_plan_has_a_family_version(tmp_path, capsys) -> None:
    db, out = tmp_path / "demo.sqlite", tmp_path / "map.pdf"
    assert main(["--db", str(db), "demo"]) == 0
    capsys.readouterr()
    args = ["--db", str(db), "pdf", "2026-0001", "--map", "--family", "--out", str(out)]
    assert main(args) != 0
    assert not out.exists()
    said = capsys.readouterr().err
    assert "--family" in said and "family_version" not in said  # the option, not a field name
    for other in (["--zrm"], ["--experience"], ["--child-voice", "Noa"]):
        command = ["--db", str(db), "pdf", "2026-0001", *other, "--family", "--out", str(out)]
        assert main(command) != 0
        said = capsys.readouterr().err
        assert "--family" in said and "family_version" not in said, other
    with pytest.raises(InvalidInput) as refused:
        check_selection(replace(default_selection(Document.ZRM), family_version=True))
    assert [p.field for p in refused.value.problems] == ["family_version"]


def test_the_remembered_selection_keeps_the_choice() -> None:
    chosen = replace(default_selection(Document.PLAN), family_version=True)
    assert chosen.as_json()["family_version"] is True
    assert _from_json(Document.PLAN, chosen.as_json()) == chosen
    older = {k: v for k, v in chosen.as_json().items() if k != "family_version"}
    assert _from_json(Document.PLAN, older).family_version is False
