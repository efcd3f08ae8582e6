"""The pieces every PDF's layout is written with, and how a partner document becomes a PDF.

`Layout`: the document's words and styles, a paragraph, a cell, a header row, a heading (every
document). `PartnerLayout` and `partner_pdf`: the opening, the selected sections, the page
border and the metadata of the plan, the map and the ZRM summary. `KeepRows`: a table that
never leaves a single row alone at the top or bottom of a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph
from reportlab.platypus import Table

from jeugdtool.export.pdf.base import FRAME_HEIGHT
from jeugdtool.export.pdf.base import Built
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import Styles
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import reading_styles
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import page_border
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import section_codes

#: A table split at the end of a page leaves at least this many of its rows on each side.
KEEP_ROWS = 2


class KeepRows(Flowable):
    """`table` (a reportlab Table, its header rows repeated) that splits across pages like a
    table, but never leaves fewer than `KEEP_ROWS` rows of its own on either page: a single
    row alone on a page (a near-empty last page) moves across with the one before it. Rows
    split inside themselves (`splitInRow`), or rows too tall to keep that many together on
    one page (`frame_height`), split as the table would."""

    def __init__(self, table: Table, frame_height: float = FRAME_HEIGHT):
        super().__init__()
        self.table = table
        self.frame_height = frame_height
        self.hAlign = table.hAlign

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return self.table.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.table.getSpaceAfter()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = self.table
        pieces = table.split(availWidth, availHeight)
        if table.splitInRow or len(pieces) != 2:
            return [self._again(p) for p in pieces]
        header = table.repeatRows if isinstance(table.repeatRows, int) else 0
        first, rest = pieces
        kept_first = first._nrows - header
        kept_rest = rest._nrows - header
        heights = table._rowHeights  # set by table.split's layout
        if kept_first < KEEP_ROWS:
            if sum(heights[: header + KEEP_ROWS]) > self.frame_height:
                return [self._again(p) for p in pieces]
            return []  # the table's first rows go to the next page together
        if kept_rest < KEEP_ROWS and kept_first - (KEEP_ROWS - kept_rest) >= KEEP_ROWS:
            moved = KEEP_ROWS - kept_rest
            shorter = sum(heights[: first._nrows - moved]) + 0.01
            pieces = table.split(availWidth, shorter) or pieces
        return [self._again(p) for p in pieces]

    def _again(self, piece: Flowable) -> Flowable:
        return KeepRows(piece, self.frame_height) if isinstance(piece, Table) else piece


class Layout:
    """The base of each document's layout: `t` its words, `s` the styles."""

    def __init__(self, texts: Texts):
        self.t = texts
        self.s: Styles = styles()

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, getattr(self.s, style))

    def cell(self, text: str) -> Paragraph:
        return Paragraph(text, self.s.cell)

    def head_row(self, *names: str) -> list[Flowable]:
        """A table's header: the template's words for each column."""
        return [Paragraph(self.t.text(n), self.s.cell_head) for n in names]

    def heading(self, name: str) -> Paragraph:
        return self.p(self.t.text(name), "heading")


class PartnerLayout(Layout):
    """A document for network partners, cut by the consultant's `selection`."""

    def __init__(self, texts: Texts, today: dt.date, selection: Selection):
        super().__init__(texts)
        self.today, self.selection = today, selection
        self.s = reading_styles()  # families and partners read it: table text at 10 pt

    def opening(self, subtitle: str) -> list[Flowable]:
        """The title, the subtitle and, for a named audience, for whom the selection is."""
        out: list[Flowable] = [self.p(self.t.text("title"), "title"), self.p(subtitle, "subtitle")]
        if self.selection.audience:
            for_whom = self.t.text("selection_for", audience=self.selection.audience)
            out.append(self.p(f"<b>{for_whom}</b>"))
        return out

    def selected(self, sections: Mapping[str, Callable[[], list[Flowable]]]) -> list[Flowable]:
        """The sections the selection includes, in the document's order (`sections`: how to
        lay out each, by code)."""
        parts: list[Flowable] = []
        for code in section_codes(self.selection.document):
            if self.selection.includes(code):
                parts += sections[code]()
        return parts

    def partial(self) -> list[Flowable]:
        """The sentence that parts were left out, when they were."""
        if set(section_codes(self.selection.document)) - self.selection.sections:
            return [self.p(self.t.text("selection_partial"))]
        return []


def partner_pdf(
    story: Sequence[Flowable],
    texts: Texts,
    values: Mapping[str, Any],
    *,
    author: str,
    subject: str,
    audience: str,
    watermark: str | None = None,
    pagesize: tuple[float, float] = A4,
) -> tuple[Built, str]:
    """A partner document as PDF, and its title: the page border and the title from the
    template's blocks with `values`, "for whom" under every page when there is an audience."""
    border = page_border(texts, audience=audience, watermark=watermark, **values)
    meta = Metadata(
        title=texts.plain("doc_title", **values),
        author=author,
        subject=subject,
        language=texts.language,
    )
    return build_document(story, meta, border, pagesize=pagesize), meta.title
