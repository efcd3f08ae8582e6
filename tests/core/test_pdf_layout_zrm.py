"""The ZRM summary's layout, on every demo household: no heading alone at the bottom of a page,
no empty table piece, nothing outside the frame (the chart's legend ran past it); each chart
says whose it is and of which day; the level axis starts at a labelled 1."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.base import MARGIN
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.pdf.zrm_chart import FONT_SIZE
from jeugdtool.export.pdf.zrm_chart import LATEST
from jeugdtool.export.pdf.zrm_summary import PERSON_SIZE
from jeugdtool.export.pdf.zrm_summary import SECTION_SIZE
from jeugdtool.export.pdf.zrm_summary_data import NoAssessments
from jeugdtool.export.pdf.zrm_summary_data import gather_zrm
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from tests import pdf_layout

TODAY = dt.date(2026, 12, 7)
#: The person's heading, base.py's heading, a section's heading.
SECTION = SECTION_SIZE
HEADINGS = {PERSON_SIZE, styles().heading.fontSize, SECTION}
DAY = re.compile(r"\b\d\d-\d\d-\d{4}\b")
#: Whose summaries are made: the persons each names (from the same selection).
NAMES: dict[str, tuple[str, ...]] = {}


@pytest.fixture(scope="module")
def summaries(sqlite_demo, tmp_path_factory) -> dict[str, bytes]:
    def render(uow, case_id: int) -> bytes | None:
        selection = default_selection(Document.ZRM)
        try:
            data = gather_zrm(uow, case_id, selection, today=TODAY)
        except NoAssessments:
            return None
        NAMES[data.case.household.case_number] = tuple(p.person.full_name for p in data.persons)
        return documents.render(uow, case_id, selection, today=TODAY).data

    found = pdf_layout.demo_pdfs(sqlite_demo.path, tmp_path_factory.mktemp("zrm"), render)
    assert len(found) >= 4
    return found


def test_every_summary_keeps_its_layout(summaries) -> None:
    for number, pdf in summaries.items():
        try:
            pdf_layout.assert_no_heading_alone_at_bottom(pdf, HEADINGS)
            pdf_layout.assert_no_empty_table_piece(pdf)
            pdf_layout.assert_inside_frame(pdf, MARGIN)
        except AssertionError as problem:
            raise AssertionError(f"{number}: {problem}") from None


def _chart_pages(pdf: bytes) -> list[int]:
    """The pages with a chart: its level axis (the levels in the chart's small print)."""
    return sorted({w.page for w in pdf_layout.words(pdf) if w.size == FONT_SIZE and w.text == "5"})


def test_each_chart_page_names_the_person_and_the_day(summaries) -> None:
    for number, pdf in summaries.items():
        pages = _chart_pages(pdf)
        assert len(pages) == len(NAMES[number]), number
        lines = pdf_layout.frame_lines(pdf)
        for page, name in zip(pages, NAMES[number], strict=True):
            headings = [line.text for line in lines[page - 1] if line.size == SECTION]
            assert any(name in text and DAY.search(text) for text in headings), (
                number,
                page,
                headings,
            )


def test_the_level_axis_starts_at_a_labelled_one(summaries) -> None:
    for number, pdf in summaries.items():
        for page in _chart_pages(pdf):
            levels = {
                w.text
                for w in pdf_layout.words(pdf)
                if w.page == page and w.size == FONT_SIZE and w.text.isdigit()
            }
            assert levels == {"1", "2", "3", "4", "5"}, (number, page, levels)
            one = next(
                w
                for w in pdf_layout.words(pdf)
                if w.page == page and w.size == FONT_SIZE and w.text == "1"
            )
            latest = [b for b in pdf_layout.boxes(pdf) if b.page == page and _is(b, LATEST)]
            assert latest, (number, page)
            # Every bar starts at the axis's 1, not at a 0 left of it.
            axis = (one.x0 + one.x1) / 2
            assert all(abs(b.x0 - axis) < 1.5 for b in latest), (number, page, axis)


def _is(box: pdf_layout.Box, colour) -> bool:
    want = (colour.red, colour.green, colour.blue)
    if len(box.fill) != 3:
        return False
    return all(abs(a - b) < 0.01 for a, b in zip(box.fill, want, strict=True))


def test_a_person_is_named_as_in_every_document(summaries) -> None:
    """The role from the one rule (framework/relations.py): a child is "kind" here as in the
    plan and the map, not "jongere"."""
    text = " ".join(" ".join(pdf_layout.page_texts(summaries["2026-0003"])).split())
    assert "(jongere" not in text
    assert "Lars van der Meer (kind" in text or "Lars van der Meer" not in text
    assert "Petra Meijer (ouder" in text
