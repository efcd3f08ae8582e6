"""Right-to-left text in the PDFs: Arabic letters joined (arabic-reshaper), every line in display
order by the Unicode Bidirectional Algorithm (python-bidi), markup and left-to-right text intact.

A PDF stores glyphs in the order they are drawn, left to right; `visual()` gives that order.
NFKC turns the joined presentation forms back into the letters as typed, so the expected
strings below are written with ordinary letters, in drawing order.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata

import pytest

from jeugdtool.cases import households
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.texts import visual
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework import plans
from jeugdtool.store.uow import UnitOfWork

#: Logical order (as typed) -> drawing order, with the reasoning of the algorithm (UAX #9); the
#: paragraph is left-to-right, as the Dutch or English document around it.
CASES = {
    # The digits follow Arabic letters (W7 leaves them European numbers), so the space between
    # letters and digits takes the right-to-left direction (N1): one right-to-left run
    # "شارع 12", the digits in it kept left to right (level 2). Drawn: the number left of the
    # street name, which is read first, from the right.
    "شارع 12": "12 عراش",
    # "Hebreeuws: " stays left to right; "שלום 123" is one right-to-left run as above.
    "Hebreeuws: שלום 123": "Hebreeuws: 123 םולש",
    # " - " between two right-to-left names is right-to-left too (N1): the whole is one run,
    # so the first name (أحمد) is drawn at the right, where reading starts.
    "أحمد - فاطمة": "ةمطاف - دمحأ",
}


def _drawn(text: str) -> str:
    return unicodedata.normalize("NFKC", visual(text))


@pytest.mark.parametrize(("typed", "drawn"), CASES.items())
def test_a_line_is_drawn_in_the_bidi_algorithms_order(typed: str, drawn: str) -> None:
    assert _drawn(typed) == drawn


@pytest.mark.parametrize("typed", CASES)
def test_the_order_is_python_bidis(typed: str) -> None:
    from bidi import get_display

    assert _drawn(typed) == get_display(typed, base_dir="L")


def test_arabic_letters_are_joined_and_keep_their_vowel_marks_after_them() -> None:
    shown = visual("مُحَمَّد")  # Muhammad, with damma, fatha and shadda
    assert all("\ufe70" <= c <= "\ufeff" or "\u064b" <= c <= "\u0652" for c in shown), shown
    # Drawn from the left: dal, then meem with shadda and fatha, haa with fatha, meem with damma
    # (reportlab draws a mark over the letter before it). NFKC puts fatha before shadda.
    assert unicodedata.normalize("NFKC", shown) == "دم\u064e\u0651ح\u064eم\u064f"


def test_left_to_right_text_is_left_alone() -> None:
    for text in ("Zoë Çelik (tante) 06-1234", "a < b & c", ""):
        assert visual(text) is text


def test_markup_reorders_the_text_and_never_the_tags() -> None:
    # User text: escaped after reordering, so "<" and "&" stay characters, not markup.
    assert unicodedata.normalize("NFKC", markup("أحمد & فاطمة")) == "ةمطاف &amp; دمحأ"
    # A template's sentence with a name in it: the tags stay where they are.
    texts = Texts("zrm_summary", "en")
    line = texts.text("person_heading", person="أحمد - فاطمة", role="parent", born=None)
    assert unicodedata.normalize("NFKC", line) == 'ةمطاف - دمحأ <font size="10">(parent)</font>'
    line = texts.text(
        "assessed", day=dt.date(2026, 3, 1), assessor="شارع 12", matrix="M", version=1
    )
    assert unicodedata.normalize("NFKC", line) == (
        "Latest assessment <b>01-03-2026</b> by 12 عراش · M (version 1)"
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_a_pdf_reads_back_in_the_right_order(uow: UnitOfWork) -> None:
    """poppler lists the words of a line from left to right as drawn, each right-to-left word
    spelt as it is read; the lines hand-reversal printed came out the other way round."""
    case = households.create_case(uow, name="Gezin Haddad", case_number="2026-0042").value
    draft = plans.start_draft(uow, case.id).value
    for typed in CASES:
        plans.add_agreement(uow, draft.id, {"what": typed})
    selection = default_selection(Document.PLAN)
    done = documents.render(uow, case.id, selection, language="en", today=dt.date(2026, 3, 10))
    read = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=done.data, capture_output=True
    )
    # Embedding marks (RLE, PDF) and spaces as poppler places them are not the order.
    text = "".join(
        c for c in unicodedata.normalize("NFKC", read.stdout.decode()) if c not in "\u202b\u202c "
    )
    assert "1.12شارع" in text  # the number left of the street: read from the right, street first
    assert "2.Hebreeuws:123שלום" in text
    assert "3.فاطمة-أحمد" in text  # أحمد at the right: read first
