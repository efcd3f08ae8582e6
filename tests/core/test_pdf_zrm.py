"""The ZRM summary PDF: persons, domains, levels and change, focus and targets, the chart, the
selection (sections, birth dates, persons not involved), page numbering and the older matrix."""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import replace

import pdfplumber
import pypdf
import pytest

from jeugdtool import resources
from jeugdtool.cases import queries
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.documents import render
from jeugdtool.export.pdf.zrm_summary_data import NoAssessments
from jeugdtool.export.pdf.zrm_summary_data import zrm_file_name
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import default_selection
from jeugdtool.zrm import assessments
from jeugdtool.zrm import library
from jeugdtool.zrm.definitions import family_domain_name
from jeugdtool.zrm.definitions import family_level_name

TODAY = dt.date(2026, 11, 23)
DEMO_CASES = ("2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006")
PAGE_WIDTH = 595.2756
MM = 72 / 25.4


def _squash(text: str) -> str:
    return "".join(text.split())


def _selection(**changes: object) -> Selection:
    return replace(default_selection(Document.ZRM), **changes)


def _render(uow, number: str, selection: Selection | None = None, **kw: object) -> Rendered:
    case_id = queries.find_case_id(uow, number)
    assert case_id is not None
    return render(uow, case_id, selection or _selection(), today=TODAY, **kw)


def _reader(done: Rendered, tmp_path) -> pypdf.PdfReader:
    path = tmp_path / done.file_name
    path.write_bytes(done.data)
    return pypdf.PdfReader(path)


def _text(reader: pypdf.PdfReader) -> str:
    return _squash("".join(page.extract_text() for page in reader.pages))


def _rows(reader: pypdf.PdfReader) -> str:
    """Every table row's cells, squashed, one row a line: a cell whose text wraps onto a
    second line ("Alcohol, drugs en / medicijnen") stays whole, as the reader sees it."""
    with pdfplumber.open(io.BytesIO(reader.stream.getvalue())) as pdf:
        return "\n".join(
            "".join(_squash(cell or "") for cell in row)
            for page in pdf.pages
            for table in page.extract_tables()
            for row in table
        )


def _metadata(reader: pypdf.PdfReader) -> str:
    return " ".join(str(v) for v in reader.metadata.values())


@pytest.fixture
def demo(uow, demo_households) -> None:
    """The demo households in the test's database."""


def _names(matrices, language: str = "nl") -> tuple[dict, dict]:
    """(matrix id -> {code: domain name as a family reads it}), (matrix id -> {level: level
    name as a family reads it})."""
    domains = {m.id: {d.code: family_domain_name(d, language) for d in m.domains} for m in matrices}
    levels = {m.id: {x.level: family_level_name(x, language) for x in m.levels} for m in matrices}
    return domains, levels


# ---------------------------------------------------------------- the demo households


@pytest.mark.parametrize("number", DEMO_CASES)
def test_every_assessed_person_domain_and_change_is_shown(uow, demo, tmp_path, number) -> None:
    done = _render(uow, number)
    reader = _reader(done, tmp_path)
    assert done.pages == len(reader.pages) >= 2
    for page, content in enumerate(reader.pages, start=1):
        assert f"pagina {page} van {done.pages}" in content.extract_text()
    text = _text(reader)
    rows = _rows(reader)
    case_id = queries.find_case_id(uow, number)
    found = assessments.list_assessments(uow, case_id)
    domain_names, level_names = _names(library.matrices(uow))

    def cell(a, code: str) -> str:
        level = a.level(code)
        return f"{level}{level_names[a.matrix_id][level]}" if level else "nietgemeten"

    words = {1: "▲beter", -1: "▼slechter", 0: "=gelijk"}
    for person_id in {a.person_id for a in found}:
        mine = [a for a in found if a.person_id == person_id]
        latest, previous = mine[-1], mine[-2]  # every demo person has two or more
        assert _squash(latest.person_name) in text
        assert f"Laatstemeting{latest.assessed_on:%d-%m-%Y}door{_squash(latest.assessor)}" in text
        assert f"Vergelekenmetdemetingvan{previous.assessed_on:%d-%m-%Y}" in text
        for d in latest.domains:
            name = _squash(domain_names[latest.matrix_id][d.domain])
            mark = "focusdomein" if d.focus else ""
            before, after = previous.level(d.domain), d.level
            change = words[(after > before) - (after < before)] if before and after else ""
            row = name + mark + cell(previous, d.domain) + cell(latest, d.domain) + change
            assert _squash(row) in rows, (latest.person_name, d.domain)
    # No method words for the levels ("Acute problematiek", "Beperkt zelfredzaam").
    assert "problematiek" not in text.lower() and "zelfredzaam" not in rows.lower()


def test_the_layout_stays_inside_the_page(uow, demo, tmp_path) -> None:
    reader = _reader(_render(uow, "2026-0003"), tmp_path)
    for page in reader.pages:
        xs: list[float] = []

        def visit(text, cm, tm, font, size, xs=xs) -> None:
            if text.strip():
                xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

        page.extract_text(visitor_text=visit)
        assert xs and min(xs) >= 20 * MM - 1 and max(xs) < PAGE_WIDTH - 20 * MM


def test_changes_focus_targets_and_plan_items_read_right(uow, demo, tmp_path) -> None:
    reader = _reader(_render(uow, "2026-0001"), tmp_path)
    text = _text(reader)
    rows = _rows(reader)
    # Sandra Jansen, 15-09-2026 against 12-05-2026.
    assert "Geldfocusdomein3Hetluktvooreendeel2Hetluktniet,ooknietmethulp▼slechter" in rows
    assert "Bezighedenoverdag3Hetluktvooreendeel4Hetluktgoedgenoeg,somsmethulp▲beter" in rows
    assert "Politieenrechternietgemetennietgemeten" in rows
    # Focus domains: target, date, reached, and the plan items they serve.
    assert "Focusdomeinenendoelen" in text
    assert "Geld2315-01-2027nognietopnieuwgemeten" in rows
    # Its plan items (goal 1, agreement 1) are marked as special categories in the demo: left
    # out of this selection.
    assert "Alcohol,drugsenmedicijnen3401-12-2026nognietopnieuwgemeten\n" in rows
    assert "Relatiesthuiseerderfocusdomein4401-09-2026ja,op15-09-2026Veiligheidsdoel2" in rows
    # The chart: a legend of the three series, vector (no image on any page).
    assert "Vorigemeting(12-05-2026)Laatstemeting(15-09-2026)Doel(focusdomein)" in text
    assert not any("/XObject" in page["/Resources"] for page in reader.pages)
    # Notes: the assessment's own note and each domain's.
    assert _squash("Over deze meting: Huisbezoek bij Sandra") in text
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"}  # ▲ ▼ from DejaVu


def test_an_english_summary(uow, demo, tmp_path) -> None:
    done = _render(uow, "2026-0001", language="en")
    reader = _reader(done, tmp_path)
    text = _text(reader)
    assert f"page1of{done.pages}" in text and "Confidential" in text
    assert "Moneyfocusdomain3Partlymanaging2Notmanaging,notevenwithhelp▼worse" in _rows(reader)
    assert reader.metadata.title == "ZRM summary 2026-0001"
    assert reader.trailer["/Root"]["/Lang"] == "en"


# ---------------------------------------------------------------- the selection


def test_left_out_sections_are_absent(uow, demo, tmp_path) -> None:
    full = _text(_reader(_render(uow, "2026-0001"), tmp_path))
    note = _squash("energieleverancier door een hoge eindafrekening")
    for present in ("Laatstemetingtegendevorige", "Focusdomeinenendoelen", "Grafiek", note):
        assert present in full
    only_table = _reader(_render(uow, "2026-0001", _selection(sections={"table"})), tmp_path)
    text = _text(only_table)
    assert "Geldfocusdomein3Hetluktvooreendeel2Hetluktniet,ooknietmethulp" in _rows(only_table)
    part = "Ditdocumentbevateendeel"  # says it is a selection, without naming what is left out
    assert part in text and part not in full
    for absent in ("Focusdomeinen", "Veiligheidsdoel", "Grafiek", "Vorigemeting(", note, "Over"):
        assert absent not in text, absent
    assert "Focus" not in _metadata(only_table) and "Toelichting" not in _metadata(only_table)

    only_notes = _text(_reader(_render(uow, "2026-0001", _selection(sections={"notes"})), tmp_path))
    assert note in only_notes and "SandraJansen" in only_notes
    for absent in ("Verandering", "▲", "Streefdatum", "Grafiek", "niveau:1"):
        assert absent not in only_notes, absent


def test_birth_dates_only_when_chosen(uow, demo, tmp_path) -> None:
    born = "12-09-1988"  # Sandra Jansen
    plain = _reader(_render(uow, "2026-0001"), tmp_path)
    assert born not in _text(plain) and born not in _metadata(plain)
    with_dates = _reader(_render(uow, "2026-0001", _selection(birth_dates=True)), tmp_path)
    assert f"SandraJansen(ouder,geboren{born})" in _text(with_dates)


def test_the_audience_shows_on_the_first_page_and_every_footer(uow, demo, tmp_path) -> None:
    audience = "huisarts dr. Öztürk, praktijk De Linde in Stadskanaal, ter voorbereiding"
    reader = _reader(_render(uow, "2026-0002", _selection(audience=audience)), tmp_path)
    pages = [_squash(p.extract_text()) for p in reader.pages]
    for_whom = _squash(f"Selectie voor: {audience}")
    assert pages[0].count(for_whom) == 2  # under the title, and in the footer
    assert all(page.endswith(for_whom) for page in pages)  # the footer of every page
    plain = _text(_reader(_render(uow, "2026-0002"), tmp_path))
    assert "Selectie" not in plain


def test_persons_not_involved_in_the_agreements_only_when_chosen(uow, demo, tmp_path) -> None:
    case_id = queries.find_case_id(uow, "2026-0001")
    daan = next(p for p in queries.get_case(uow, case_id).persons if p.first_name == "Daan")
    new = assessments.create_assessment(
        uow, daan.id, assessed_on=dt.date(2026, 10, 1), allow_youth=True
    ).value
    assessments.set_domain(uow, new.id, "financien", {"level": 4})
    left_out = _reader(_render(uow, "2026-0001", _selection(birth_dates=True)), tmp_path)
    assert "DaanJansen" not in _text(left_out) and "Daan" not in _metadata(left_out)
    assert daan.birth_date.strftime("%d-%m-%Y") not in _text(left_out)

    chosen = _reader(_render(uow, "2026-0001", _selection(uninvolved_persons=True)), tmp_path)
    text = _text(chosen)
    assert "DaanJansen(kind)" in text  # as every document names a child (relations.py)
    assert "Eerstemeting:erisnoggeeneerderemeting" in text  # one assessment: nothing to compare
    assert "Geld4Hetluktgoedgenoeg,somsmethulp" in _rows(chosen)  # previous, change: empty


# ---------------------------------------------------------------- names, errors, odd cases


def _wisniewski(uow, drop: set[str]) -> int:
    """The Wiśniewski household without Łukasz's assessments on the dates in `drop`."""
    doc = copy.deepcopy(read_case_file(resources.path("demo", "06-wisniewski.json")))
    doc["zrm_assessments"] = [
        a for a in doc["zrm_assessments"] if not (a["person"] == "p1" and a["date"] in drop)
    ]
    return import_case(uow, doc).value.id


def test_the_older_eleven_domain_matrix_reads_right(uow, tmp_path) -> None:
    case_id = _wisniewski(uow, {"2026-03-10", "2026-05-12"})
    done = render(uow, case_id, _selection(sections={"table", "chart"}), today=TODAY)
    reader = _reader(done, tmp_path)
    text = _text(reader)
    assert "ŁukaszWiśniewski" in text and "MałgorzataWiśniewska" in text
    assert _squash("ZRM, oudere versie (11 domeinen) (versie vóór 2017)") in text
    assert "Eerstemeting" in text
    rows = (
        "Bezighedenoverdag4Hetluktgoedgenoeg,somsmethulp",
        "Alcohol,drugsengokkennietgemeten",
        "Zelfeten,wassenenhuishouden4Hetluktgoedgenoeg,somsmethulp",
        "Wonenfocusdomein2Hetluktniet,ooknietmethulp",
    )
    for row in rows:
        assert row in _rows(reader), row
    assert done.title == "ZRM-samenvatting 2026-0006"


def test_a_change_of_matrix_compares_the_shared_domains(uow, tmp_path) -> None:
    case_id = _wisniewski(uow, {"2026-05-12"})  # 10-03 (ZRM 2017) against 14-01 (11 domains)
    reader = _reader(render(uow, case_id, _selection(), today=TODAY), tmp_path)
    assert _squash("Vergeleken met de meting van 14-01-2026 (ZRM, oudere versie") in _text(reader)
    rows = _rows(reader)
    assert "Wonenfocusdomein2Hetluktniet,ooknietmethulp2Hetluktniet,ooknietmethulp=gelijk" in rows
    assert "Werkenschoolnietindezematrix4Hetluktgoedgenoeg,somsmethulpnieuwgemeten" in rows
    assert "Bezighedenoverdag4Hetluktgoedgenoeg,somsmethulpnietindezematrixnietmeergemeten" in rows


def test_a_case_without_assessments_is_refused(uow, case, demo) -> None:
    with pytest.raises(NoAssessments, match="ZRM"):
        render(uow, case.id, _selection(), today=TODAY)


def test_the_file_name_carries_the_case_and_the_newest_assessment(uow, demo) -> None:
    assert zrm_file_name("2026-0012", dt.date(2026, 11, 2)) == "zrm-2026-0012-2026-11-02.pdf"
    assert zrm_file_name("../2026 12", dt.date(2026, 1, 5)) == "zrm-2026-12-2026-01-05.pdf"
    assert _render(uow, "2026-0002").file_name == "zrm-2026-0002-2026-11-18.pdf"


def test_the_method_advice_appears_as_a_remark(uow, demo, tmp_path) -> None:
    case_id = queries.find_case_id(uow, "2026-0001")
    sandra = assessments.list_assessments(uow, case_id)[-1]
    for code in ("huisvesting", "tijdsbesteding"):
        assessments.set_domain(uow, sandra.id, code, {"focus": True})
    assessments.set_domain(uow, sandra.id, "justitie", {"level": 1})
    text = _text(_reader(_render(uow, "2026-0001"), tmp_path))
    assert "Letop:4focusdomeinen" in text
    assert "Acuut:Politieenrechter." in text
