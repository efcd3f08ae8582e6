"""The wording of the PDFs: one jinja2 template per document in `resources/templates/`, its words
from the gettext catalogue.

A document's template is a set of named `{% block %}`s (a heading, a fixed sentence, a legend);
the layout code asks for one block at a time with the values it needs. The template holds only
layout; every word is a `{% trans %}` block (or a `_()` call) whose English is the msgid, so the
Dutch comes from the same catalogue as the screens' (`make i18n` extracts it; a test fails on
words outside it). Autoescaping is on, so a value ("Gezin <Jansen> & co") arrives as reportlab
Paragraph markup that shows it literally, while the template's own markup (`<b>…</b>`) still
works. One Environment for all exports: StrictUndefined, so a misspelt variable fails loudly
instead of printing nothing.
"""

from __future__ import annotations

import gettext
import html
import re
from functools import cache
from typing import Any

import jinja2
from jinja2.ext import InternationalizationExtension
from markupsafe import escape

from jeugdtool import i18n
from jeugdtool import resources
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.export.pdf.base import PageBorder
from jeugdtool.framework.wording import for_mode

#: Hebrew and Arabic letters (with their presentation forms): text without them needs no bidi.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
#: Arabic vowel marks (harakat) and other combining signs.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
#: Marks the bidi algorithm left in front of their letter, with that letter.
_MARKS_FIRST = re.compile(f"([{_MARKS}]+)([^{_MARKS}])")
#: A reportlab Paragraph tag (`<b>`, `<br/>`, `<font size="10">`): never reordered.
_TAG = re.compile(r"(<[^<>]*>)")


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
    """One line of plain text as a PDF stores it: Arabic letters joined, right-to-left runs in
    display order.

    `arabic_reshaper` puts each Arabic letter in its joined form; `python-bidi` (the Unicode
    Bidirectional Algorithm) gives the display order, with the paragraph left-to-right as the
    document is (so "Hebreeuws: שלום 123" keeps the number left of the Hebrew word it follows).
    The algorithm leaves a letter's vowel marks in front of it; reportlab draws a mark over the
    letter before it, so they are put back after their letter. reportlab reorders by itself only
    with the optional `rlbidi` package; when that is installed the reordering is left to it.
    """
    if not _RTL.search(text):
        return text
    shaped = _reshaper().reshape(text)
    if _rtl_support():
        return shaped
    from bidi import get_display

    return _MARKS_FIRST.sub(r"\2\1", get_display(shaped, base_dir="L"))


def _visual_markup(markup: str) -> str:
    """`visual()` for Paragraph markup: the text between tags, never the tags themselves."""
    if not _RTL.search(markup):
        return markup
    parts = _TAG.split(markup)
    return "".join(
        part if _TAG.fullmatch(part) else str(escape(visual(html.unescape(part)))) for part in parts
    )


def markup(text: str) -> str:
    """User text as Paragraph markup: XML-escaped, line breaks kept, RTL runs in visual order."""
    return "<br/>".join(str(escape(visual(line))) for line in text.splitlines()) if text else ""


def _catalogue(context: jinja2.runtime.Context) -> gettext.NullTranslations:
    # The document's language, which may differ from the window's (`Texts(language=...)`).
    return i18n.translations(context["language"])


def _worded(context: jinja2.runtime.Context, text: str) -> str:
    """A template's word in the case's way of working (`Texts(mode=...)`): a wellbeing case's
    document says "welzijnsplan" where the catalogue says "veiligheidsplan". Applied before the
    values are filled in, so a family's own words are never changed."""
    return for_mode(text, context.get("mode", CaseMode.SAFETY), context["language"])


@jinja2.pass_context
def _gettext(context: jinja2.runtime.Context, message: str) -> str:
    return _worded(context, _catalogue(context).gettext(message))


@jinja2.pass_context
def _ngettext(context: jinja2.runtime.Context, singular: str, plural: str, n: int) -> str:
    return _worded(context, _catalogue(context).ngettext(singular, plural, n))


@jinja2.pass_context
def _pgettext(context: jinja2.runtime.Context, msgctxt: str, message: str) -> str:
    return _worded(context, _catalogue(context).pgettext(msgctxt, message))


@jinja2.pass_context
def _npgettext(
    context: jinja2.runtime.Context, msgctxt: str, singular: str, plural: str, n: int
) -> str:
    return _worded(context, _catalogue(context).npgettext(msgctxt, singular, plural, n))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.path("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=[InternationalizationExtension],
    )
    # A msgid is its text with white space collapsed, so a sentence may wrap in the template
    # (babel.cfg extracts with the same `trimmed = true`).
    env.policies["ext.i18n.trimmed"] = True
    # newstyle: `%(name)s` filled in by jinja, values escaped like any other value.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext
    )
    env.filters["day"] = format_date_nl  # every date the user reads: one rule
    return env


class Texts:
    """The blocks of one document's template in one language, in the words of the case's way
    of working (`mode`: a wellbeing case's plan is a "Welzijnsplan"; see `framework.wording`)."""

    def __init__(
        self,
        document: str,
        language: str | None = None,
        mode: CaseMode | str = CaseMode.SAFETY,
    ):
        language = language or i18n.current_language()
        if language not in i18n.LANGUAGES:
            language = i18n.DEFAULT_LANGUAGE
        #: "nl" or "en": also the PDF's language metadata.
        self.language = language
        #: The case's way of working: the words of every block (`word` for the layout's own).
        self.mode = CaseMode(mode)
        self._template = environment().get_template(f"{document}.j2")

    def _render(self, name: str, values: dict[str, Any]) -> str:
        try:
            block = self._template.blocks[name]
        except KeyError:
            raise KeyError(f"template {self._template.name} has no block {name!r}") from None
        context = {**values, "language": self.language, "mode": self.mode}
        return "".join(block(self._template.new_context(context)))

    def word(self, text: str) -> str:
        """A translated text the layout writes itself (a cell title, a label) in the words of
        the document's case (`framework.wording.for_mode`)."""
        return for_mode(text, self.mode, self.language)

    def text(self, name: str, **values: Any) -> str:
        """The block as one line of Paragraph markup (white space collapsed)."""
        return _visual_markup(" ".join(self._render(name, values).split()))

    def paragraphs(self, name: str, **values: Any) -> list[str]:
        """The block as Paragraph markup, one item per paragraph (blank line in the template)."""
        chunks = self._render(name, values).split("\n\n")
        return [_visual_markup(" ".join(c.split())) for c in chunks if c.strip()]

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
