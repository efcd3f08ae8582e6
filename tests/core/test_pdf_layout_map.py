"""The framework map's layout, on every demo household: no heading alone at the bottom of a page,
no empty piece of the columns' table, nothing outside the frame; who said an item stays with
the item; the scale's heading and its chart share a page; one name for one person."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.base import LANDSCAPE_FRAME_WIDTH
from jeugdtool.export.pdf.base import MARGIN
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from tests import pdf_layout

TODAY = dt.date(2026, 12, 7)
DEMO = ("2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006")
#: base.py's heading and table heading.
HEADINGS = {styles().heading.fontSize}


@pytest.fixture(scope="module")
def maps(sqlite_demo, tmp_path_factory) -> dict[str, bytes]:
    """Every demo household's map, made once for the module."""

    def render(uow, case_id: int) -> bytes:
        selection = default_selection(Document.MAP)
        return documents.render(uow, case_id, selection, today=TODAY).data

    found = pdf_layout.demo_pdfs(sqlite_demo.path, tmp_path_factory.mktemp("maps"), render)
    assert sorted(found) == list(DEMO)
    return found


def test_every_map_keeps_its_layout(maps) -> None:
    for number, pdf in maps.items():
        try:
            pdf_layout.assert_no_heading_alone_at_bottom(pdf, HEADINGS)
            pdf_layout.assert_no_empty_table_piece(pdf)
            pdf_layout.assert_inside_frame(pdf, MARGIN)
        except AssertionError as problem:
            raise AssertionError(f"{number}: {problem}") from None


def _column_tops(pdf: bytes) -> list[tuple[int, str]]:
    """Per page after the first, the first line of each column under the repeated header."""
    found = pdf_layout.words(pdf)
    out = []
    for page in sorted({w.page for w in found}):
        on_page = [w for w in found if w.page == page and w.upright]
        header = [w for w in on_page if w.text == "bezorgd"]
        if not header:
            continue
        below = header[0].bottom + 4
        width = LANDSCAPE_FRAME_WIDTH / 3
        for column in range(3):
            left = MARGIN + column * width
            inside = [w for w in on_page if left <= w.x0 < left + width and w.top > below]
            if not inside:
                continue
            top = min(w.top for w in inside)
            line = sorted((w for w in inside if abs(w.top - top) < 2), key=lambda w: w.x0)
            out.append((page, " ".join(w.text for w in line)))
    return out


def test_who_said_an_item_never_starts_a_page(maps) -> None:
    for number, pdf in maps.items():
        tops = _column_tops(pdf)
        alone = [(page, text) for page, text in tops if text.startswith("gezegd door")]
        assert not alone, f"{number}: {alone}"


def test_the_scale_heading_and_its_chart_share_a_page(maps) -> None:
    for number, pdf in maps.items():
        pages = pdf_layout.page_texts(pdf)
        heading = [i for i, text in enumerate(pages) if "\nDe schaal\n" in f"\n{text}\n"]
        chart = [i for i, text in enumerate(pages) if "Scores door de tijd heen" in text]
        assert heading and heading == chart, number


def test_one_person_has_one_name_across_the_map(maps) -> None:
    text = " ".join(pdf_layout.page_texts(maps["2026-0001"]))
    flat = " ".join(text.split())
    # Present, the chart's legend and the scores: the network's relation, not "netwerklid".
    assert flat.count("Ria Jansen (grootmoeder)") >= 3
    assert "(netwerklid)" not in flat
    assert "(oma)" not in flat
    assert "Sandra Jansen (moeder)" not in flat and "Sandra Jansen (ouder)" in flat
