"""The network's plan after closure, on every closed demo household: no heading alone at the
bottom of a page, no empty table piece, nothing outside the frame, no single row alone; and one
person has one name in it, the map and the ZRM summary (framework/relations.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.base import MARGIN
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.pdf.network_plan import NotClosed
from jeugdtool.export.pdf.network_plan import render_network_plan
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from tests import pdf_layout

TODAY = dt.date(2026, 12, 7)
HEADINGS = {styles().heading.fontSize}
#: A closed demo household and people of it who appear in all three documents.
CASE = "2026-0003"
PEOPLE = ("Annie Meijer", "Sanne Kuiper", "Petra Meijer")


@pytest.fixture(scope="module")
def plans(sqlite_demo, tmp_path_factory) -> dict[str, bytes]:
    def render(uow, case_id: int) -> bytes | None:
        try:
            return render_network_plan(uow, case_id, today=TODAY).data
        except NotClosed:
            return None

    found = pdf_layout.demo_pdfs(sqlite_demo.path, tmp_path_factory.mktemp("network"), render)
    assert CASE in found
    return found


def test_every_network_plan_keeps_its_layout(plans) -> None:
    for number, pdf in plans.items():
        try:
            pdf_layout.assert_no_heading_alone_at_bottom(pdf, HEADINGS)
            pdf_layout.assert_no_empty_table_piece(pdf)
            pdf_layout.assert_inside_frame(pdf, MARGIN)
        except AssertionError as problem:
            raise AssertionError(f"{number}: {problem}") from None


@pytest.fixture(scope="module")
def three(sqlite_demo, tmp_path_factory) -> list[str]:
    """The texts of the network plan, the map and the ZRM summary of CASE."""

    texts: list[str] = []

    def all_three(uow, case_id: int) -> bytes | None:
        from jeugdtool.cases import queries

        if queries.get_case(uow, case_id).household.case_number != CASE:
            return None
        made = [render_network_plan(uow, case_id, today=TODAY).data]
        for document in (Document.MAP, Document.ZRM):
            selection = default_selection(document)
            made.append(documents.render(uow, case_id, selection, today=TODAY).data)
        texts.extend(" ".join(" ".join(pdf_layout.page_texts(pdf)).split()) for pdf in made)
        return made[0]

    pdf_layout.demo_pdfs(sqlite_demo.path, tmp_path_factory.mktemp("three"), all_three)
    return texts


def test_one_person_is_named_one_way_in_every_document(three) -> None:
    for name in PEOPLE:
        relations = set()
        for text in three:
            # Short: a name wrapped in a table cell runs into the next column's words.
            relations |= set(re.findall(re.escape(name) + r" \(([^()]{1,25}?)[,)]", text))
        assert len(relations) == 1, (name, relations)
