"""The child's own PDF (issue 19): the newest three houses, one house a page, in the child's
own words in large type, the drawing, each story page on a page of its own with its picture;
only the child's first name on the pages (the case number in the file's metadata only);
inside the frame; logged and recorded as handed to the child; the command line writes it."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pypdf
import pytest
from PIL import Image

from jeugdtool.cases import access
from jeugdtool.cases import disclosures
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cli import main
from jeugdtool.export.pdf.child_voice import WORDS_SIZE
from jeugdtool.export.pdf.child_voice import NothingToPrint
from jeugdtool.export.pdf.child_voice import child_voice_file_name
from jeugdtool.export.pdf.child_voice import render_child_voice
from jeugdtool.export.pdf.child_voice import write_child_voice
from jeugdtool.framework import child_voice as cv
from jeugdtool.i18n import _
from jeugdtool.store.access_log import AccessAction
from tests.pdf_layout import assert_inside_frame
from tests.pdf_layout import assert_no_heading_alone_at_bottom
from tests.pdf_layout import page_texts
from tests.pdf_layout import words

TODAY = dt.date(2026, 12, 7)
WORRIES = "Papa en mama maken ruzie.\nIk hoor het 's nachts."


def png(width: int, height: int, colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def case(uow):
    return households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value


@pytest.fixture
def daan(uow, case):
    members.add_person(
        uow, case.id, {"first_name": "Sandra", "last_name": "Jansen", "role": "parent"}
    )
    return members.add_person(
        uow, case.id, {"first_name": "Daan", "last_name": "Jansen", "role": "child"}
    ).value


@pytest.fixture
def filled(uow, case, daan):
    cv.add_three_houses(
        uow,
        case.id,
        child_id=daan.id,
        held_on=dt.date(2026, 9, 1),
        talked_with="M. Kaya",
        worries="een oude zorg",
    )
    record = cv.add_three_houses(
        uow,
        case.id,
        child_id=daan.id,
        held_on=dt.date(2026, 11, 2),
        talked_with="A. de Boer",
        worries=WORRIES,
        good_things="Voetbal met opa!",
        dreams="",
    ).value
    cv.set_drawing(uow, record.id, png(900, 600, "orange"))
    story = cv.add_story(uow, case.id, child_id=daan.id, title="Wat er thuis gebeurde").value
    first = cv.add_story_page(uow, story.id, text="Op een avond was het heel druk thuis.").value
    cv.set_page_picture(uow, first.id, png(400, 300, "green"))
    cv.add_story_page(uow, story.id, text="Nu komt Anna praten.")
    return case


def test_one_house_a_page_in_the_childs_own_words_then_the_drawing_and_the_story(
    uow, filled, daan
) -> None:
    done = render_child_voice(uow, filled.id, daan.id, language="en", today=TODAY)
    texts = page_texts(done.data)
    assert done.pages == len(texts) == 6  # three houses, the drawing, two story pages
    assert "House of worries" in texts[0] and "Papa en mama maken ruzie." in texts[0]
    assert "Ik hoor het 's nachts." in texts[0]
    assert "een oude zorg" not in "".join(texts)  # the newest talk only
    assert "House of good things" in texts[1] and "Voetbal met opa!" in texts[1]
    assert "House of dreams" in texts[2] and "You did not say anything here." in texts[2]
    assert "Your drawing" in texts[3]
    assert "Op een avond" in texts[4] and "Nu komt Anna praten." in texts[5]
    with pdfplumber.open(io.BytesIO(done.data)) as pdf:
        images = [len(page.images) for page in pdf.pages]
    assert images == [0, 0, 0, 1, 1, 0]


def test_large_type_and_everything_inside_the_frame(uow, filled, daan) -> None:
    data = render_child_voice(uow, filled.id, daan.id, today=TODAY).data
    found = words(data)
    said = [w for w in found if w.text in ("Papa", "Voetbal", "Anna")]
    assert said and all(w.size >= 14 for w in said)
    assert all(w.size >= WORDS_SIZE for w in said)
    assert_inside_frame(data)


def test_only_the_first_name_on_the_pages_the_case_number_in_the_metadata(
    uow, filled, daan
) -> None:
    done = render_child_voice(uow, filled.id, daan.id, language="nl", today=TODAY)
    everything = "\n".join(page_texts(done.data))
    assert "Daan" in everything
    for hidden in ("2026-0012", "Jansen", "Sandra", "Gezin"):
        assert hidden not in everything
    info = pypdf.PdfReader(io.BytesIO(done.data)).metadata
    assert "2026-0012" in info.title and "Daan" not in info.title
    assert done.file_name == child_voice_file_name("2026-0012", daan.position)
    assert "Daan" not in done.file_name


def test_a_child_without_anything_recorded_has_no_document(uow, case, daan) -> None:
    with pytest.raises(NothingToPrint) as raised:
        render_child_voice(uow, case.id, daan.id)
    assert "Daan" in str(raised.value)


def test_writing_it_is_logged_and_recorded_as_given_to_the_child(uow, filled, daan, tmp_path):
    path = tmp_path / "kind.pdf"
    written = write_child_voice(uow, filled.id, daan.id, path, today=TODAY)
    assert path.exists() and not written.unlogged
    (given,) = disclosures.list_disclosures(uow, filled.id)
    assert given.recipient == _("the child")
    logged = [e for e in access.case_entries(uow, filled.id) if e.action is AccessAction.PDF]
    assert logged and _("the child") in logged[0].detail


def test_the_pdf_command_writes_the_childs_document(uow, filled, daan, db_path, tmp_path, capsys):
    out = tmp_path / "daan.pdf"
    code = main(
        ["--db", str(db_path), "pdf", "2026-0012", "--child-voice", "daan", "--out", str(out)]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert str(out) in captured.out and out.exists()
    code = main(
        ["--db", str(db_path), "pdf", "2026-0012", "--child-voice", "Sandra", "--out", str(out)]
    )
    assert code != 0 and "Daan" in capsys.readouterr().err  # says which children there are
    code = main(
        [
            "--db",
            str(db_path),
            "pdf",
            "2026-0012",
            "--child-voice",
            "Daan",
            "--for",
            "school",
            "--out",
            str(out),
        ]
    )
    assert code != 0 and "--for" in capsys.readouterr().err


def test_long_words_run_on_to_the_next_page_and_no_house_ends_a_page_alone(uow, case, daan) -> None:
    long_words = "\n".join(f"Regel {n}: ik vind het stom dat het zo gaat thuis." for n in range(60))
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
    data = render_child_voice(uow, case.id, daan.id, today=TODAY).data
    texts = page_texts(data)
    assert len(texts) > 3  # each house runs on over a page
    assert sum(text.count("Regel 59:") for text in texts) == 3  # nothing is cut off
    assert_inside_frame(data)
    assert_no_heading_alone_at_bottom(data, heading_sizes=(24, 28))
