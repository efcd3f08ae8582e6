"""The wording of the PDFs: jinja2 templates in `resources/templates/<language>/`.

A document's template is a set of named `{% block %}`s (a heading, a fixed sentence, a legend);
the layout code asks for one block at a time with the values it needs. Autoescaping is on, so a
value ("Gezin <Jansen> & co") arrives as reportlab Paragraph markup that shows it literally,
while the template's own markup (`<b>…</b>`) still works. One Environment for all exports:
StrictUndefined, so a misspelt variable fails loudly instead of printing nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache
from typing import Any

import jinja2
from markupsafe import escape

from jeugdtool import i18n, resources
from jeugdtool.export.pdf.base import PageBorder


def format_day(day: dt.date | None) -> str:
    """dd-mm-jjjj, as Dutch users read and write dates (and as the rest of jeugdtool shows)."""
    return day.strftime("%d-%m-%Y") if day else ""


#: Hebrew and Arabic letters (with their presentation forms), and the spaces between them.
_RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_RUN = re.compile(f"[{_RTL_LETTERS}]+(?:[ \u00a0]+[{_RTL_LETTERS}]+)*")
#: Arabic vowel marks (harakat) and other combining signs.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
#: A letter with the marks that follow it: reversed as one, so the marks stay on their letter.
_CLUSTER = re.compile(f"[^{_MARKS}][{_MARKS}]*", re.S)


def _rtl_support() -> bool:
    from reportlab.pdfgen.textobject import rtlSupport

    return bool(rtlSupport)


@cache
def _reshaper() -> Any:
    """Arabic letters take a different form at the start, middle and end of a word; the
    reshaper swaps each for its joined presentation form, which the font has as a glyph."""
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def visual(text: str) -> str:
    """Right-to-left runs (an Arabic name) shaped and in visual order, as a PDF stores them.

    Arabic letters are first put in their joined forms (`arabic_reshaper`); then each run is
    reversed, which is the bidi algorithm's result for a run that stays on one line (names,
    short phrases). reportlab reorders by itself only with the optional `rlbidi` package; when
    that is installed the reordering is left to it.
    """
    if not _RTL_RUN.search(text):
        return text
    shaped = _RTL_RUN.sub(lambda m: _reshaper().reshape(m.group(0)), text)
    if _rtl_support():
        return shaped
    return _RTL_RUN.sub(lambda m: "".join(reversed(_CLUSTER.findall(m.group(0)))), shaped)


def markup(text: str) -> str:
    """User text as Paragraph markup: XML-escaped, line breaks kept, RTL runs in visual order."""
    return "<br/>".join(str(escape(visual(line))) for line in text.splitlines()) if text else ""


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.path("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = format_day
    return env


class Texts:
    """The blocks of one document's template in one language."""

    def __init__(self, document: str, language: str | None = None):
        language = language or i18n.current_language()
        if language not in i18n.LANGUAGES:
            language = i18n.DEFAULT_LANGUAGE
        #: "nl" or "en": also the PDF's language metadata.
        self.language = language
        self._template = environment().get_template(f"{language}/{document}.j2")

    def _render(self, name: str, values: dict[str, Any]) -> str:
        try:
            block = self._template.blocks[name]
        except KeyError:
            raise KeyError(f"template {self._template.name} has no block {name!r}") from None
        return "".join(block(self._template.new_context(values)))

    def text(self, name: str, **values: Any) -> str:
        """The block as one line of Paragraph markup (white space collapsed)."""
        return visual(" ".join(self._render(name, values).split()))

    def paragraphs(self, name: str, **values: Any) -> list[str]:
        """The block as Paragraph markup, one item per paragraph (blank line in the template)."""
        chunks = self._render(name, values).split("\n\n")
        return [visual(" ".join(c.split())) for c in chunks if c.strip()]

    def plain(self, name: str, **values: Any) -> str:
        """The block as plain text in logical order, for metadata (`visual()` it to draw it)."""
        return html.unescape(" ".join(self._render(name, values).split()))


def page_border(
    texts: Texts,
    *,
    audience: str = "",
    watermark: str | None = None,
    **values: Any,
) -> PageBorder:
    """The text around every page from the document's template blocks (confidential,
    top_right, bottom_left, page_label) and, for a partner's selection, "Selectie voor: …"."""
    return PageBorder(
        confidential=texts.plain("confidential"),
        top_right=visual(texts.plain("top_right", **values)),
        bottom_left=visual(texts.plain("bottom_left", **values)),
        page_label=lambda page, pages: texts.plain("page_label", page=page, pages=pages),
        watermark=watermark,
        footer_note=visual(texts.plain("selection_for", audience=audience)) if audience else "",
    )
