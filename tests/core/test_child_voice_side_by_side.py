"""The child's PDF with the three houses side by side: one landscape page with the three
houses next to each other (worries, good things, dreams, left to right), the child's words in
large type (at least 14 pt), the drawing below them; the stories after it as before; and the
command line's `--side-by-side`."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber

from jeugdtool.cli import main
from jeugdtool.export.pdf.child_voice import SIDE_WORDS_SIZE
from jeugdtool.export.pdf.child_voice import render_child_voice
from jeugdtool.framework import child_voice as cv
from tests.core.test_child_voice_pdf import case  # noqa: F401 (fixtures)
from tests.core.test_child_voice_pdf import daan  # noqa: F401
from tests.core.test_child_voice_pdf import filled  # noqa: F401
from tests.pdf_layout import assert_inside_frame
from tests.pdf_layout import page_sizes
from tests.pdf_layout import page_texts
from tests.pdf_layout import words

TODAY = dt.date(2026, 12, 7)


def test_the_three_houses_side_by_side_on_one_landscape_page(uow, filled, daan) -> None:  # noqa: F811
    done = render_child_voice(
        uow, filled.id, daan.id, language="en", today=TODAY, side_by_side=True
    )
    sizes = page_sizes(done.data)
    assert all(width > height for width, height in sizes)  # landscape
    texts = page_texts(done.data)
    assert done.pages == len(texts) == 3  # the houses with the drawing, two story pages
    first = texts[0]
    for said in ("House of worries", "House of good things", "House of dreams", "Your drawing"):
        assert said in first, said
    assert "Papa en mama maken ruzie." in first and "Voetbal met opa!" in first
    assert "You did not say anything here." in first
    assert "Op een avond" in texts[1] and "Nu komt Anna praten." in texts[2]
    on_first = [w for w in words(done.data) if w.page == 1]
    # Side by side: each house's name starts further right, on about the same height.
    houses = [next(w for w in on_first if w.text == "House" and w.x0 > x) for x in (-1, 250, 500)]
    assert houses[0].x0 < houses[1].x0 < houses[2].x0
    assert max(h.top for h in houses) - min(h.top for h in houses) < 30
    # The drawing below the houses, on the same page.
    with pdfplumber.open(io.BytesIO(done.data)) as pdf:
        (image,) = pdf.pages[0].images
        lowest_words = max(w.bottom for w in on_first if w.text in ("Papa", "Voetbal", "You"))
        assert image["top"] > lowest_words
    said = [w for w in on_first if w.text in ("Papa", "Voetbal", "nachts.")]
    assert said and all(w.size >= 14 for w in said)
    assert all(w.size >= SIDE_WORDS_SIZE for w in said)
    assert_inside_frame(done.data)


def test_many_words_run_on_with_the_houses_next_to_each_other(uow, case, daan) -> None:  # noqa: F811
    long_words = "\n".join(f"Regel {n}: ik vind het stom dat het zo gaat thuis." for n in range(40))
    cv.add_three_houses(
        uow,
        case.id,
        child_id=daan.id,
        held_on=dt.date(2026, 11, 2),
        talked_with="A. de Boer",
        worries=long_words,
        good_things=long_words,
        dreams=long_words,
    )
    data = render_child_voice(uow, case.id, daan.id, today=TODAY, side_by_side=True).data
    texts = page_texts(data)
    assert len(texts) > 1  # the houses run on over a page
    assert sum(text.count("Regel 39:") for text in texts) == 3  # nothing is cut off
    assert_inside_frame(data)


def test_the_pdf_command_prints_the_houses_side_by_side(
    uow,
    filled,  # noqa: F811
    daan,  # noqa: F811
    db_path,
    tmp_path,
    capsys,
) -> None:
    out = tmp_path / "daan.pdf"
    args = ["--db", str(db_path), "pdf", "2026-0012", "--child-voice", "Daan", "--out", str(out)]
    assert main([*args, "--side-by-side"]) == 0, capsys.readouterr().err
    width, height = page_sizes(out.read_bytes())[0]
    assert width > height
    assert main(args) == 0
    width, height = page_sizes(out.read_bytes())[0]
    assert width < height  # without it: one house a page, upright
    plan = ["--db", str(db_path), "pdf", "2026-0012", "--plan", "--side-by-side", "--out", str(out)]
    assert main(plan) != 0 and "--child-voice" in capsys.readouterr().err
