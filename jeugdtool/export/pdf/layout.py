"""The pieces every PDF's layout is written with, and how a partner document becomes a PDF.

`Layout`: the document's words and styles, a paragraph, a cell, a header row, a heading (every
document). `PartnerLayout` and `partner_pdf`: the opening, the selected sections, the page
border and the metadata of the plan, the map and the ZRM summary.
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

from jeugdtool.export.pdf.base import Built
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import Styles
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import page_border
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import section_codes


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
