"""What a PDF says about itself and around its pages (issue 19): the consultant as Author, never
the computer's login; a title naming the document and the case number only; no names in the
subject; a bookmark per heading; only embedded fonts, also where a chart or a table sets none;
a long household name in the header that never runs over "Vertrouwelijk"."""

from __future__ import annotations

import io

import pikepdf
import pypdf
import pytest
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.shapes import String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak
from reportlab.platypus import Paragraph
from reportlab.platypus import Table

from jeugdtool.cases import queries
from jeugdtool.export.pdf import base
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.archive import archive_problems
from jeugdtool.export.pdf.base import BOLD
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import PageBorder
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import fit_text
from jeugdtool.export.pdf.base import pdf_author
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.store.uow import UnitOfWork
from tests.core.test_pdf_archive import TODAY
from tests.core.test_pdf_archive import _every_pdf
from tests.pdf_layout import words

LONG_NAME = "Gezin " + " ".join(["Van den Bergh-Oosterhuis"] * 5)[:114]


def _meta(**changes: str) -> Metadata:
    values = {
        "title": "Document 2026-0001",
        "author": "A. de Boer",
        "subject": "",
        "language": "nl",
    }
    return Metadata(**{**values, **changes})


def _border(top_right: str = "2026-0001") -> PageBorder:
    return PageBorder(
        confidential="Vertrouwelijk",
        top_right=top_right,
        bottom_left="Document",
        page_label=lambda page, pages: f"pagina {page} van {pages}",
    )


def _info(data: bytes) -> dict[str, str]:
    meta = pypdf.PdfReader(io.BytesIO(data)).metadata
    return {key: str(value) for key, value in meta.items()}


# ---------------------------------------------------------------- the author


def test_the_author_is_the_consultant(uow, demo_households) -> None:
    case_id = queries.find_case_id(uow, "2026-0001")
    done = documents.render(uow, case_id, default_selection(Document.ZRM), today=TODAY)
    assert _info(done.data)["/Author"] == "A. de Boer"


def test_the_computers_login_never_becomes_the_author(uow, demo_households, monkeypatch):
    """The command line's fallback when no consultant is chosen is the OS login ("root");
    the PDF then says "jeugdtool" instead."""
    monkeypatch.setattr(base.getpass, "getuser", lambda: "root")
    case_id = queries.find_case_id(uow, "2026-0001")
    as_login = UnitOfWork(uow.database, "root")
    done = documents.render(as_login, case_id, default_selection(Document.ZRM), today=TODAY)
    info = _info(done.data)
    assert info["/Author"] == "jeugdtool"
    assert "root" not in " ".join(info.values())
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        assert pdf.open_metadata()["dc:creator"] == ["jeugdtool"]


def test_pdf_author_rules(monkeypatch) -> None:
    monkeypatch.setattr(base.getpass, "getuser", lambda: "kees")
    assert pdf_author("  A.  de Boer ") == "A. de Boer"
    assert pdf_author("kees") == "jeugdtool"
    assert pdf_author("") == "jeugdtool"
    assert pdf_author("Kees Jansen") == "Kees Jansen"

    def no_login() -> str:
        raise OSError("no login name")

    monkeypatch.setattr(base.getpass, "getuser", no_login)
    assert pdf_author("A. de Boer") == "A. de Boer" and pdf_author(" ") == "jeugdtool"


# ---------------------------------------------------------------- title and subject


def test_no_document_names_the_family_in_its_metadata(uow, demo_households) -> None:
    """Title, subject, keywords and author of one document of each kind: the case number
    in the title (the minutes: their date), no household or member name anywhere."""
    every = _every_pdf(uow, one_per_kind=True)
    names: dict[str, set[str]] = {}
    for summary in queries.list_case_summaries(uow):
        case = queries.get_case(uow, summary.id)
        words_of = {case.household.name, *(p.first_name for p in case.persons)}
        words_of |= {p.last_name for p in case.persons if p.last_name}
        words_of |= {m.name for m in case.network}
        names[summary.case_number] = {w for w in words_of if len(w) > 2}
    every_name = set().union(*names.values())
    for kind, number, data in every:
        info = _info(data)
        metadata = " ".join(info.get(k, "") for k in ("/Title", "/Subject", "/Keywords", "/Author"))
        leaked = sorted(n for n in every_name if n in metadata)
        assert leaked == [], (kind, number, leaked)
        if kind != "minutes":
            assert number in info["/Title"], (kind, info["/Title"])


# ---------------------------------------------------------------- bookmarks


def test_a_bookmark_for_each_heading_at_its_level_and_page() -> None:
    s = styles()
    section = ParagraphStyle("zrm_section", s.heading, fontSize=11)
    story = [
        Paragraph("Veiligheidsplan", s.title),
        Paragraph("Afspraken", s.heading),
        Paragraph("gewone tekst", s.body),
        PageBreak(),
        Paragraph("Netwerk", s.heading),
        Paragraph("Oma Ria", section),
        *base.table_heading("Evaluatie"),
    ]
    data = build_document(story, _meta(), _border()).data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.Root.PageMode == pikepdf.Name.UseOutlines
        with pdf.open_outline() as outline:
            (top,) = outline.root
            assert top.title == "Veiligheidsplan"
            assert [c.title for c in top.children] == ["Afspraken", "Netwerk", "Evaluatie"]
            assert [c.title for c in top.children[1].children] == ["Oma Ria"]
            pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
            on_page = {
                item.title: pages[item.destination[0].objgen]
                for item in (top, *top.children, *top.children[1].children)
            }
    assert on_page == {
        "Veiligheidsplan": 0,
        "Afspraken": 0,
        "Netwerk": 1,
        "Oma Ria": 1,
        "Evaluatie": 1,
    }


def test_a_document_starting_with_a_heading_still_gets_a_valid_outline() -> None:
    s = styles()
    story = [Paragraph("Stap 1", s.heading), Paragraph("Stap 2", s.heading)]
    data = build_document(story, _meta(), _border()).data
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:
        assert [item.title for item in outline.root] == ["Stap 1", "Stap 2"]


# ---------------------------------------------------------------- fonts


def test_a_chart_or_a_table_without_a_font_still_uses_the_embedded_font() -> None:
    drawing = Drawing(100, 20)  # no initialFontName: reportlab's default is Helvetica
    drawing.add(String(0, 5, "0 1 2"))
    table = Table([["een", "twee"]])  # no FONTNAME in its style
    data = build_document([drawing, table], _meta(), _border()).data
    assert archive_problems(data) == []
    fonts = {w.fontname.split("+")[-1] for w in words(data)}
    assert fonts <= {FONT, BOLD}


# ---------------------------------------------------------------- the header


def test_fit_text_shrinks_then_cuts() -> None:
    base.register_fonts()
    assert fit_text("Gezin Jansen", FONT, 8, 200) == ("Gezin Jansen", 8)
    text, size = fit_text("Gezin Jansen", FONT, 8, 40)
    assert text == "Gezin Jansen" and 6 <= size < 8
    text, size = fit_text(LONG_NAME, FONT, 8, 100)
    assert size == 6 and text.endswith("…") and LONG_NAME.startswith(text[:-1])
    assert base.stringWidth(text, FONT, size) <= 100
    text, size = fit_text(LONG_NAME, FONT, 8, 100, tail=" · 2026-0001")
    assert size == 6 and text.endswith("… · 2026-0001")
    assert base.stringWidth(text, FONT, size) <= 100


@pytest.mark.parametrize("landscape", [False, True])
def test_a_long_household_name_never_prints_over_vertrouwelijk(landscape) -> None:
    assert len(f"{LONG_NAME} · 2026-0001") >= 120
    story = [Paragraph("tekst", styles().body)]
    pagesize = base.LANDSCAPE if landscape else base.A4
    data = build_document(
        story, _meta(), _border(f"{LONG_NAME} · 2026-0001"), pagesize=pagesize
    ).data
    top = [w for w in words(data) if w.top < base.MARGIN]
    confidential = [w for w in top if w.text == "Vertrouwelijk"]
    assert len(confidential) == 1
    others = [w for w in top if w.text != "Vertrouwelijk"]
    assert others[-1].text == "2026-0001"  # the case number stays whole
    cut = [w.text for w in others if w.text.endswith("…")]
    assert bool(cut) != landscape  # the name is cut on a portrait page only
    assert min(w.x0 for w in others) > confidential[0].x1 + 3 * mm
    assert max(w.x1 for w in others) <= pagesize[0] - base.MARGIN + 0.5
