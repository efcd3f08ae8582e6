"""The framework map PDF: the three columns of one mapping moment, the statements, the scale
chart, a past moment, a long map, the selection, and `jeugdtool pdf --map` (and the others)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from jeugdtool import i18n
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cli import main
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.framework_map_data import NoMoment
from jeugdtool.export.pdf.framework_map_data import gather_map
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.export.selection import get_selection
from jeugdtool.framework import moments
from jeugdtool.framework import prompts
from jeugdtool.framework import scale
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import CELL_COLUMN
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Column
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _

TODAY = dt.date(2026, 11, 20)
MM = 72 / 25.4
#: Landscape A4 and the text area of its columns (20 mm margins, three equal columns).
WIDTH, HEIGHT = 841.8898, 595.2756
COLUMN = (WIDTH - 40 * MM) / 3

NO_MOMENT = "This case has no mapping moment yet, so there is no map to print."


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def jansen(uow, demo_households) -> int:
    found = queries.find_case_id(uow, "2026-0001")
    assert found is not None
    return found


def _render(uow, case_id: int, *, version: int | None = None, **changes):
    selection = replace(default_selection(Document.MAP), **changes)
    done = documents.render(uow, case_id, selection, version=version, today=TODAY)
    return done, pypdf.PdfReader(io.BytesIO(done.data))


def _text(reader: pypdf.PdfReader) -> str:
    return _squash("".join(page.extract_text() for page in reader.pages))


def _fragments(reader: pypdf.PdfReader) -> list[tuple[int, float, float, str, str, float]]:
    """Every piece of text: page, x, y, text, font name, font size."""
    found = []
    for number, page in enumerate(reader.pages, start=1):

        def visit(text, cm, tm, font, size, number=number) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = (tm[0] * cm[0] + tm[1] * cm[2]) or 1
                name = str(font.get("/BaseFont", "")) if font else ""
                found.append((number, x, y, text, name, size * scale))

        page.extract_text(visitor_text=visit)
    return found


def _columns(reader: pypdf.PdfReader) -> list[str]:
    """The regular (not bold: no titles, no repeated header row) text inside each third of the
    text area (page border left out), white space removed: the items of the map's three
    columns, page after page."""
    columns = ["", "", ""]
    for _page, x, y, text, font, _size in _fragments(reader):
        inside = 20 * MM <= x < WIDTH - 20 * MM and 20 * MM < y < HEIGHT - 20 * MM
        if inside and not font.endswith("-Bold"):
            columns[min(2, int((x - 20 * MM) // COLUMN))] += text
    return [_squash(c) for c in columns]


def test_the_newest_map_shows_every_cell_item_who_said_it_and_the_marks(uow, jansen) -> None:
    # Everyone included: without, the names of people not involved are masked (minimise.py).
    done, reader = _render(uow, jansen, uninvolved_persons=True)
    data = gather_map(uow, jansen)
    m = data.moment.moment
    assert m.held_on == dt.date(2026, 9, 15) and not data.is_past
    assert done.file_name == "framework-2026-0001-2026-09-15.pdf"
    assert done.title == reader.metadata.title == "Overzicht 2026-0001, 15-09-2026"
    assert done.pages == len(reader.pages) >= 3
    page = reader.pages[0].mediabox
    assert float(page.width) > float(page.height)  # landscape
    text = _text(reader)
    for number, p in enumerate(reader.pages, start=1):
        assert f"pagina {number} van {done.pages}" in p.extract_text()
    expected = [prompts.column_title(c, data.case.household.mode) for c in Column]
    expected += [prompts.cell_title(c, data.case.household.mode) for c in Cell]
    expected += [*m.present, "15-09-2026 door A. de Boer", "Gezin Jansen", "2026-0001"]
    assert [t for t in expected if _squash(t) not in text] == []
    # An item may run on at the top of the next page: read each column page after page.
    columns = "".join(_columns(reader))
    items = [item.text for item in data.moment.items()]
    items += [f"gezegd door {item.source.label}" for item in data.moment.items()]
    assert [t for t in items if _squash(t) not in columns] == []
    assert "probleem·2eens" in text and "beperking" in text  # marks as short text


def test_each_column_prints_its_own_cells_side_by_side(uow, jansen) -> None:
    _done, reader = _render(uow, jansen)
    data = gather_map(uow, jansen)
    columns, order = _columns(reader), list(Column)
    for item in data.moment.items():
        assert _squash(item.text) in columns[order.index(CELL_COLUMN[item.cell])], item.text


def test_the_statements_and_the_scale_with_its_chart(uow, jansen) -> None:
    _done, reader = _render(uow, jansen)
    data = gather_map(uow, jansen)
    text = _text(reader)
    said = [s for s in data.statements if s.type is not StatementType.HARM]
    # A statement marked as a special category stays out (the selection does not include
    # them, test_pdf_special_statements.py); the others are all there.
    shown = [s for s in said if not s.special_category]
    assert shown and all(_squash(s.text) in text for s in shown)
    assert all(_squash(s.text) not in text for s in said if s.special_category)
    definition = scale.get_scale(uow, jansen)
    assert _squash(definition.zero) in text and _squash(definition.ten) in text
    assert "Descoredietelt:7." in text
    # The chart's legend names every rater as every document names them (relations.py:
    # "Ria Jansen (grootmoeder)", not "netwerklid"); each score's reason is listed.
    for series in data.history.series:
        assert _squash(data.rater_name(series.rater)) in text
        assert all(_squash(p.reason) in text for p in series.points)
    # Vector graphics: lines drawn in the page content, no embedded picture anywhere.
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    # Each rater's line is stroked in its own colour on the chart's page.
    from reportlab.lib import colors
    from reportlab.lib.rl_accel import fp_str

    from jeugdtool.export.pdf.charts import PALETTE

    page = next(p for p in reader.pages if "Scores door de tijd heen" in p.extract_text())
    content = page.get_contents().get_data()
    for i in range(len(data.history.series)):
        c = colors.HexColor(PALETTE[i])
        assert f"{fp_str(c.red, c.green, c.blue)} RG".encode() in content, PALETTE[i]


def test_a_past_moment_prints_as_the_state_of_that_day(uow, jansen) -> None:
    past = next(m for m in moments.list_moments(uow, jansen) if m.held_on == dt.date(2026, 5, 12))
    done, reader = _render(uow, jansen, version=past.id)
    assert done.file_name == "framework-2026-0001-2026-05-12.pdf"
    text = _text(reader)
    assert "GezinJansen—standvan12-05-2026" in text
    assert _squash("het laatst op 15-09-2026") in text
    # Only scores given up to that day; the formal score is the one of that day.
    assert "Descoredietelt:5." in text
    later = [s for s in scale.list_scores(uow, jansen, about=None) if s.scored_on > past.held_on]
    assert later and not [s for s in later if _squash(s.reason) in text]
    assert "15-09-2026" not in reader.pages[-1].extract_text().split("Vertrouwelijk")[0]
    columns, order = _columns(reader), list(Column)
    items = moments.get_moment(uow, past.id).items()
    missing = [i for i in items if _squash(i.text) not in columns[order.index(i.cell.column)]]
    assert items and missing == []


def test_no_moment_or_an_unknown_one_says_so(uow) -> None:
    case = households.create_case(uow, name="Gezin Leeg", case_number="2026-0077").value
    with pytest.raises(
        NoMoment,
        match=re.escape(_(NO_MOMENT)),
    ):
        _render(uow, case.id)
    moments.start_moment(uow, case.id, author="A. de Boer", held_on=dt.date(2026, 1, 5))
    with pytest.raises(NoMoment, match="9999"):
        _render(uow, case.id, version=9999)
    _done, reader = _render(uow, case.id)  # an empty map still prints, saying so
    text = _text(reader)
    assert text.count("Nognietsingevuld.") == len(Cell)
    assert "Er zijn nog geen scores." in reader.pages[-1].extract_text()


@pytest.mark.parametrize(
    ("left_out", "marks", "word"),
    [
        ("map", ["Wat is er gebeurd?", "gezegd door"], "kolommen"),
        ("statements", ["Veiligheidsdoel 1", "Eis 1"], "eisen"),
        ("scale", ["De schaal", "De score die telt", "Waarom dit cijfer"], "schaalscores"),
    ],
)
def test_a_section_left_out_is_absent(uow, jansen, left_out, marks, word) -> None:
    sections = frozenset({"map", "statements", "scale"}) - {left_out}
    _done, reader = _render(uow, jansen, sections=sections, audience="huisarts")
    text = _text(reader)
    assert [m for m in marks if _squash(m) in text] == []
    assert word not in str(reader.metadata.subject)
    assert _squash("Dit document bevat een deel van het overzicht.") in text
    pages = [p.extract_text() for p in reader.pages]
    assert pages[0].count("Selectie voor: huisarts") == 2
    assert all("Selectie voor: huisarts" in p for p in pages)


@pytest.fixture
def long_map(uow) -> tuple[int, dict[Cell, list[str]]]:
    """Every cell with six items of 1,500 characters: a map over many pages."""
    case = households.create_case(uow, name="Gezin Lang", case_number="2026-0098").value
    member = members.add_network_member(
        uow, case.id, {"name": "Łucja Wałęsa", "kind": "family", "relation": "tante"}
    ).value
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=TODAY).value
    source = Source(SourceKind.NETWORK, network_id=member.id, label="Łucja Wałęsa")
    texts: dict[Cell, list[str]] = {}
    for c, cell in enumerate(Cell):
        for i in range(6):
            text = f"[{c}.{i}] " + " ".join(f"woord{c}{i}{n}" for n in range(150))
            texts.setdefault(cell, []).append(text[:1500])
            fields = {"text": text[:1500], "source": source}
            moments.add_item(uow, moment.id, cell, fields)
    return case.id, texts


def test_a_long_map_flows_over_pages_without_losing_or_overflowing_text(uow, long_map) -> None:
    case_id, texts = long_map
    done, reader = _render(uow, case_id)
    assert done.pages > 4
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for _page, x, y, text, font, size in _fragments(reader):
        face = "DejaVuSans-Bold" if font.endswith("-Bold") else "DejaVuSans"
        right = x + stringWidth(text.rstrip("\n"), face, size)
        assert 10 * MM <= y <= HEIGHT - 10 * MM, text
        assert x >= 20 * MM - 0.5 and right <= WIDTH - 20 * MM + 2, text
    columns, order = _columns(reader), list(Column)
    for cell, found in texts.items():
        column = columns[order.index(CELL_COLUMN[cell])]
        assert [t[:8] for t in found if _squash(t) not in column] == []


def test_an_english_user_gets_the_english_map(uow, jansen) -> None:
    i18n.set_language("en")
    _done, reader = _render(uow, jansen)
    text = _text(reader)
    assert "Confidential" in text and "saidby" in text and "Thescale" in text
    assert reader.trailer["/Root"]["/Lang"] == "en"


# ---------------------------------------------------------------- the command line


@pytest.fixture
def demo_db(tmp_path: Path, sqlite_demo) -> Path:
    """A database file with the demo, as `jeugdtool demo` makes it (tests/core/test_cli.py runs
    that command): a copy of the one loaded once per test process."""
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(sqlite_demo.path, db)
    return db


def test_the_pdf_command_writes_the_map_and_the_plan_with_a_selection(demo_db, tmp_path, capsys):
    out = tmp_path / "map.pdf"
    assert main(["--db", str(demo_db), "pdf", "2026-0001", "--map", "--out", str(out)]) == 0
    text = _text(pypdf.PdfReader(out))
    assert "Hetoverzicht" in text and "15-09-2026" in text
    plan = tmp_path / "plan.pdf"
    args = ["--db", str(demo_db), "pdf", "2026-0001", "--plan", "--out", str(plan)]
    args += ["--for", "school", "--sections", "agreements,network", "--no-contact-details"]
    assert main(args) == 0, capsys.readouterr().err
    text = _text(pypdf.PdfReader(plan))
    assert "Selectievoor:school" in text and "Afspraken" in text
    assert "Handtekening" not in text and "06-12345678" not in text
    assert "R.Smit" not in text  # in no agreement, and --all-persons was not given
    assert main([*args, "--all-persons"]) == 0
    assert "R.Smit" in _text(pypdf.PdfReader(plan))


def test_the_pdf_command_does_not_remember_the_selection(demo_db, tmp_path, uow) -> None:
    out = tmp_path / "plan.pdf"
    args = ["--db", str(demo_db), "pdf", "2026-0001", "--plan", "--out", str(out)]
    assert main([*args, "--for", "politie", "--sections", "statements"]) == 0
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    database = open_database(demo_db)
    try:
        case_id = queries.find_case_id(UnitOfWork(database, "x"), "2026-0001")
        remembered = get_selection(UnitOfWork(database, "x"), case_id, Document.PLAN)
    finally:
        database.close()
    assert remembered == default_selection(Document.PLAN)


def test_an_unknown_section_lists_the_known_ones(demo_db, tmp_path, capsys) -> None:
    out = tmp_path / "map.pdf"
    args = ["--db", str(demo_db), "pdf", "2026-0001", "--map", "--out", str(out)]
    assert main([*args, "--sections", "map,agreements"]) == 2
    err = capsys.readouterr().err
    assert "agreements" in err and "map, statements, scale" in err
    assert not out.exists()


@pytest.mark.skipif(
    not (Path(documents.__file__).parent / "zrm_summary.py").exists(),
    reason="the ZRM summary is not there yet",
)
def test_the_pdf_command_writes_the_zrm_summary(demo_db, tmp_path, capsys) -> None:
    out = tmp_path / "zrm.pdf"
    code = main(["--db", str(demo_db), "pdf", "2026-0001", "--zrm", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "Gezin Jansen" in pypdf.PdfReader(out).pages[0].extract_text()
