"""ZRM domains in plain words for families and partners: every shipped domain has a plain name
(the schema requires it of a shipped matrix, not of an imported one), the plain names carry none
of the jargon a family must not meet, and the family documents print them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from jeugdtool import resources
from jeugdtool.export.pdf.plan_data import domain_name_in
from jeugdtool.folding import fold
from jeugdtool.readability import words
from jeugdtool.zrm import definitions as d
from tests.core.test_family_wording import JARGON


def _shipped(name: str) -> dict[str, Any]:
    return copy.deepcopy(resources.load_json("zrm", name))


@pytest.mark.parametrize("name", d.BUILTIN_FILES)
def test_a_shipped_matrix_without_a_plain_name_is_refused(name: str) -> None:
    doc = _shipped(name)
    del doc["domains"][2]["plain_name"]
    assert d.check_matrix(doc) == []  # an imported matrix may leave it out
    problems = d.check_matrix(doc, builtin=True)
    assert [p.field for p in problems] == ["domains[2].plain_name"], problems


@pytest.mark.parametrize("name", d.BUILTIN_FILES)
def test_a_shipped_plain_name_needs_its_english_text(name: str) -> None:
    doc = _shipped(name)
    doc["domains"][0]["plain_name"] = "Geld"
    assert d.check_matrix(doc, builtin=True) == []
    assert [p.field for p in d._untranslated(doc)] == ["domains[0].plain_name"]


def test_every_shipped_domain_has_a_plain_name_without_jargon() -> None:
    for matrix in d.builtin_matrices():
        for domain in matrix.domains:
            assert domain.plain_name is not None, (matrix.id, domain.code)
            for language in ("nl", "en"):
                plain = d.family_domain_name(domain, language)
                assert plain.strip(), (domain.code, language)
                jargon = [w for w in words(plain) if fold(w).startswith(JARGON)]
                assert not jargon, (matrix.id, domain.code, plain)


def test_the_adl_domains_read_as_what_they_are_about() -> None:
    m2017 = d.builtin_matrices()[0]
    assert d.family_domain_name(m2017.domain("basale_adl"), "nl") == (
        "Zelf eten, wassen en aankleden"
    )
    for matrix in d.builtin_matrices():
        for domain in matrix.domains:
            assert "ADL" not in d.family_domain_name(domain, "nl").upper().split()
            assert "adl" not in fold(d.family_domain_name(domain, "nl"))


def test_an_imported_domain_without_a_plain_name_keeps_its_name() -> None:
    domain = d.MatrixDomain("opvoeding", d.LocalText("Opvoeding", "Parenting"), d.LocalText("x"))
    assert d.family_domain_name(domain, "nl") == "Opvoeding"
    assert d.family_domain_name(domain, "en") == "Parenting"


def test_an_imported_matrix_reads_its_plain_names() -> None:
    doc = _shipped("zrm-11.json")
    doc["id"] = "eigen-matrix"
    matrix = d.matrix_from(doc, builtin=False)
    assert d.family_domain_name(matrix.domain("adl"), "en") == ("Eating, washing and housework")


def test_the_family_documents_name_a_domain_in_plain_words() -> None:
    """The plan's help part and the ZRM summary name domains through `domain_name_in`."""
    matrices = d.builtin_matrices()
    assert domain_name_in("instrumentele_adl", matrices, "nl") == ("Huishouden en dagelijkse zaken")
    assert domain_name_in("adl", matrices, "nl") == "Zelf eten, wassen en huishouden"
    assert domain_name_in("onbekend", matrices, "nl") == "onbekend"


def test_every_shipped_level_has_a_plain_name_without_jargon() -> None:
    for matrix in d.builtin_matrices():
        for level in matrix.levels:
            assert level.plain_name is not None, (matrix.id, level.level)
            for language in ("nl", "en"):
                plain = d.family_level_name(level, language)
                jargon = [w for w in words(plain) if fold(w).startswith(JARGON)]
                assert plain.strip() and not jargon, (matrix.id, level.level, plain)
                assert "zelfredzaam" not in fold(plain)
    assert d.family_level_name(d.builtin_matrices()[0].level(1), "nl") == (
        "Er is nu direct hulp nodig"
    )


@pytest.mark.parametrize("name", d.BUILTIN_FILES)
def test_a_shipped_level_without_a_plain_name_is_refused(name: str) -> None:
    doc = _shipped(name)
    del doc["levels"][0]["plain_name"]
    assert d.check_matrix(doc) == []  # an imported matrix may leave it out
    problems = d.check_matrix(doc, builtin=True)
    assert [p.field for p in problems] == ["levels[0].plain_name"], problems


def test_an_imported_level_without_a_plain_name_keeps_its_name() -> None:
    level = d.MatrixLevel(1, d.LocalText("Acute problematiek", "Acute problems"), d.LocalText("x"))
    assert d.family_level_name(level, "nl") == "Acute problematiek"
