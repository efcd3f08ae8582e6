"""Long Dutch words in narrow table columns break at a syllable, with a hyphen (pyphen's Dutch
dictionary through reportlab's hyphenation), never mid-letter where the line happens to end;
a word that fits its column is not broken at all (it goes whole to the next line).

Checked in the PDF itself: a table in the documents' cell style is drawn with narrow columns,
its lines are read back with pdfplumber, and each word cut across two lines must be cut where
pyphen would cut it, its first part ending in a hyphen."""

from __future__ import annotations

import io
import re

import pdfplumber
import pyphen
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate

from jeugdtool.export.pdf.base import BOLD
from jeugdtool.export.pdf.base import HYPHENATION_LANGUAGE
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import reading_styles
from jeugdtool.export.pdf.base import styles

LONG_WORDS = ("Gezinsondersteuning", "verslavingszorg", "Jeugdbeschermingstafel")
TEXT = (
    "Gezinsondersteuning door verslavingszorg en de Jeugdbeschermingstafel; "
    "<b>Schuldhulpverlening</b> bij de Jeugdbeschermingstafel en Gezinsondersteuning, "
    "met de POH-GGZ."
)
#: The words as printed (the markup aside).
PRINTED = TEXT.replace("<b>", "").replace("</b>", "")
_WORD = re.compile(r"[\w-]+")


def _lines(width_mm: float, style_name: str, reading: bool) -> list[str]:
    """The cell's text lines as the PDF shows them, in a column `width_mm` wide."""
    style = getattr(reading_styles() if reading else styles(), style_name)
    table = data_table([[Paragraph(TEXT, style)]], [width_mm * mm], header=False)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([table])
    with pdfplumber.open(out) as pdf:
        return [line for page in pdf.pages for line in page.extract_text().splitlines()]


def _words(lines: list[str]) -> list[tuple[str, tuple[int, ...]]]:
    """The text's words as the lines show them, each with where it was cut across lines (the
    number of letters before each cut; TEXT has no hyphen of its own, so a line ending in "-"
    was cut there)."""
    out: list[tuple[str, tuple[int, ...]]] = []
    word, cuts, open_word = "", [], False
    for line in lines:
        tokens = line.split()
        for n, token in enumerate(tokens):
            if open_word and n == 0:
                word += token
            else:
                if word:
                    out.append((word, tuple(cuts)))
                word, cuts = token, []
            open_word = False
        if word.endswith("-"):
            word = word[:-1]
            cuts.append(len(word))
            open_word = True
    if word:
        out.append((word, tuple(cuts)))
    return out


@pytest.mark.parametrize(
    ("width_mm", "style", "reading"),
    [
        (22, "cell", True),
        (30, "cell", True),
        (45, "cell", True),
        (38, "cell_head", True),
        (22, "cell", False),
    ],
)
def test_a_long_word_breaks_only_at_a_syllable(width_mm: float, style: str, reading: bool):
    lines = _lines(width_mm, style, reading)
    found = _words(lines)
    # Nothing lost, nothing cut without a hyphen: the words are the text's words.
    assert [w for w, _cuts in found] == PRINTED.split(), lines
    assert any(cuts for _w, cuts in found), lines  # narrow enough to cut: the test can fail
    dictionary = pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)
    chosen = getattr(reading_styles() if reading else styles(), style)
    for word, cuts in found:
        bare = _WORD.search(word).group(0)
        allowed = set(dictionary.positions(bare))
        assert set(cuts) <= allowed, (word, cuts, sorted(allowed), lines)
        # Only a word too wide for a line of its own is cut; one that fits goes to the next.
        if cuts:
            width = stringWidth(word, BOLD, chosen.fontSize)  # the widest it is printed
            assert width > width_mm * mm - 6, (word, lines)


def test_a_word_that_fits_its_column_is_never_cut() -> None:
    lines = _lines(60, "cell", True)
    assert not [w for w, cuts in _words(lines) if cuts], lines
    assert len(lines) > 2  # the text wraps, so the test can fail


def test_each_long_word_of_the_issue_is_cut_at_a_syllable() -> None:
    cut = {w for w, cuts in _words(_lines(22, "cell", True)) if cuts}
    assert set(LONG_WORDS) <= cut
