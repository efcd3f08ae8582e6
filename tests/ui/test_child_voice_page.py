"""The child's voice page: per child the Three Houses side by side (the child's words saved as
typed, undoable), the drawing (a bad file refused in clear Dutch, the words kept), the Words &
Pictures story (pages added, moved and removed by key), read-only on a closed case, reachable
with Ctrl+Shift+S, and fitting a 1366×768 and a 1920×1080 screen."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from PIL import Image

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import child_voice as cv
from jeugdtool.framework.child_voice_rules import clean_image
from jeugdtool.i18n import _
from tests.ui.fit_kit import misfits
from tests.ui.fit_kit import scrolls_sideways
from tests.ui.fit_kit import shoot

from jeugdtool.ui.child.page import STORIES_TAB
from jeugdtool.ui.child.page import ChildVoicePage
from jeugdtool.ui.workspace.workspace import CHILD_VOICE
from jeugdtool.ui.workspace.workspace import CHILD_VOICE_KEY
from jeugdtool.ui.workspace.workspace import CaseWorkspace
from jeugdtool.ui.workspace.workspace import page_key

SHOTS = os.environ.get("JEUGDTOOL_SHOTS")


def png(width: int = 120, height: int = 80, colour: str = "orange") -> bytes:
    image = Image.new("RGB", (width, height), colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def daan(ctx, case):
    fields = {"first_name": "Daan", "last_name": "Jansen", "role": "child"}
    return members.add_person(ctx.uow, case.id, fields).value


@pytest.fixture
def page(ctx, case, daan, qtbot) -> ChildVoicePage:
    widget = ChildVoicePage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1176, 640)
    widget.show()
    widget.reload()
    return widget


def _record(ctx, case, child, **words) -> cv.ThreeHousesDTO:
    return cv.add_three_houses(
        ctx.uow,
        case.id,
        child_id=child.id,
        held_on=dt.date(2026, 11, 2),
        talked_with="A. de Boer",
        **words,
    ).value


def test_the_houses_stand_side_by_side_with_the_childs_words_as_typed(
    ctx, case, daan, page, qtbot
) -> None:
    assert page.child.currentText() == "Daan Jansen"
    record = page.houses.add_record()
    assert record is not None and record.talked_with == "A. de Boer"
    columns = page.houses.columns
    tops = {column.geometry().top() for column in columns}
    lefts = [column.geometry().left() for column in columns]
    assert len(tops) == 1 and lefts == sorted(lefts)  # three columns, one row
    worries = columns[0].words
    assert worries.font().pointSizeF() > page.font().pointSizeF()  # large type
    worries.setFocus()
    said = "  papa en mama  maken ruzie\nik hoor het 's nachts  "
    worries.setPlainText(said)
    columns[1].words.setFocus()  # leaving the field saves it
    (stored,) = cv.list_three_houses(ctx.uow, case.id)
    assert stored.worries == said.strip()  # verbatim: only the surrounding spaces go
    ctx.undo_stack.undo()
    assert cv.list_three_houses(ctx.uow, case.id)[0].worries == ""


def test_a_refused_text_stays_on_screen_with_its_message(ctx, case, daan, page) -> None:
    page.houses.add_record()
    dreams = page.houses.columns[2]
    too_long = "ik wil een hond " * 400
    dreams.words.setFocus()
    dreams.words.setPlainText(too_long)
    page.houses.columns[0].words.setFocus()
    assert dreams.error.isVisible() and dreams.error.text()
    assert dreams.words.toPlainText() == too_long
    assert cv.list_three_houses(ctx.uow, case.id)[0].dreams == ""


def test_a_file_that_is_no_picture_is_refused_in_dutch_and_the_words_stay(
    ctx, case, daan, page, fake_dialogs, tmp_path
) -> None:
    _record(ctx, case, daan, worries="boos")
    page.reload()
    bad = tmp_path / "tekening.png"
    bad.write_bytes(b"dit is geen plaatje")
    fake_dialogs.answers.append(str(bad))
    assert not page.houses.choose_drawing()
    with pytest.raises(InvalidInput) as refused:
        clean_image(b"dit is geen plaatje", field="drawing")
    assert page.houses.drawing_error.isVisible()
    assert page.houses.drawing_error.text() == str(refused.value)  # the core's rule, said
    assert page.houses.columns[0].words.toPlainText() == "boos"
    assert ctx.undo_stack.count() == 0
    assert cv.list_three_houses(ctx.uow, case.id)[0].drawing_id is None


def test_a_drawing_is_shown_and_its_removal_undone(ctx, case, daan, page, fake_dialogs, tmp_path):
    _record(ctx, case, daan)
    page.reload()
    good = tmp_path / "tekening.png"
    good.write_bytes(png())
    fake_dialogs.answers.append(str(good))
    assert page.houses.choose_drawing()
    assert page.houses.drawing.has_picture()
    assert page.houses.remove_drawing.isEnabled()
    assert page.houses.clear_drawing()
    assert not page.houses.drawing.has_picture()
    ctx.undo_stack.undo()
    assert cv.list_three_houses(ctx.uow, case.id)[0].drawing_id is not None
    assert page.houses.drawing.has_picture()


def test_earlier_talks_are_listed_newest_first_per_child(ctx, case, daan, page) -> None:
    noor = members.add_person(
        ctx.uow, case.id, {"first_name": "Noor", "last_name": "Jansen", "role": "child"}
    ).value
    _record(ctx, case, daan, worries="oud")
    cv.add_three_houses(
        ctx.uow, case.id, child_id=daan.id, held_on=dt.date(2026, 12, 1), talked_with="M. Kaya"
    )
    _record(ctx, case, noor, worries="van Noor")
    page.reload()
    labels = [page.houses.list.item(i).text() for i in range(page.houses.list.count())]
    assert labels == [
        _("{date} · with {name}").format(date="01-12-2026", name="M. Kaya"),
        _("{date} · with {name}").format(date="02-11-2026", name="A. de Boer"),
    ]
    page.choose_child(noor.id)
    assert page.houses.list.count() == 1
    assert page.houses.columns[0].words.toPlainText() == "van Noor"


def test_a_story_is_built_page_by_page_with_the_keys(
    ctx, case, daan, page, fake_dialogs, qtbot
) -> None:
    page.tabs.setCurrentIndex(STORIES_TAB)
    fake_dialogs.answers.append("Wat er thuis gebeurde")
    story = page.story.add_story()
    assert story is not None
    pages = page.story.page_list
    pages.setFocus()
    qtbot.keyClick(pages, Qt.Key.Key_Insert)
    page.story.text.setFocus()
    page.story.text.setPlainText("Eerst was het druk thuis.")
    pages.setFocus()  # leaving the text saves it
    qtbot.keyClick(pages, Qt.Key.Key_Insert)
    page.story.text.setFocus()
    page.story.text.setPlainText("Nu komt Anna praten.")
    pages.setFocus()
    texts = [p.text for p in cv.list_stories(ctx.uow, case.id)[0].pages]
    assert texts == ["Eerst was het druk thuis.", "Nu komt Anna praten."]
    assert page.story.page.position == 2
    qtbot.keyClick(pages, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    texts = [p.text for p in cv.list_stories(ctx.uow, case.id)[0].pages]
    assert texts == ["Nu komt Anna praten.", "Eerst was het druk thuis."]
    assert pages.currentRow() == 0  # the moved page stays chosen
    qtbot.keyClick(pages, Qt.Key.Key_Delete)
    texts = [p.text for p in cv.list_stories(ctx.uow, case.id)[0].pages]
    assert texts == ["Eerst was het druk thuis."]
    ctx.undo_stack.undo()  # the removal
    ctx.undo_stack.undo()  # the move
    texts = [p.text for p in cv.list_stories(ctx.uow, case.id)[0].pages]
    assert texts == ["Eerst was het druk thuis.", "Nu komt Anna praten."]
    preview = page.story.show_preview()
    assert preview is not None
    qtbot.addWidget(preview)
    shown = [w.text() for w in preview.findChildren(type(page.story.page_empty))]
    assert "Nu komt Anna praten." in shown


def test_a_page_picture_that_is_no_picture_is_refused(ctx, case, daan, page, fake_dialogs) -> None:
    story = cv.add_story(ctx.uow, case.id, child_id=daan.id, title="Mijn verhaal").value
    cv.add_story_page(ctx.uow, story.id, text="Hallo")
    page.reload()
    page.tabs.setCurrentIndex(STORIES_TAB)
    assert not page.story.set_page_picture(b"GIF89a nope")
    assert page.story.picture_error.isVisible()
    assert page.story.set_page_picture(png())
    assert page.story.picture.has_picture()
    assert not page.story.picture_error.isVisible()


def test_a_closed_case_is_shown_read_only(ctx, case, daan, page) -> None:
    _record(ctx, case, daan, worries="boos")
    households.close_case(ctx.uow, case.id, "Doelen bereikt")
    page.reload()
    assert page.locked.isVisible()
    assert page.houses.columns[0].words.isReadOnly()
    assert not page.houses.add_button.isEnabled()
    assert not page.houses.add_drawing.isEnabled()
    assert page.houses.add_record() is None
    assert page.pdf_button.isEnabled()  # a PDF: also from a closed case


def test_ctrl_shift_s_shows_the_page(ctx, case, daan, qtbot) -> None:
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.show()
    workspace.activateWindow()
    qtbot.waitUntil(workspace.isActiveWindow)
    assert page_key(CHILD_VOICE) == CHILD_VOICE_KEY == "Ctrl+Shift+S"
    qtbot.keyClick(
        workspace.nav,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert workspace.nav.currentRow() == CHILD_VOICE
    assert isinstance(workspace.child_voice.ensure_built(), ChildVoicePage)


@pytest.mark.parametrize("size", [(1366, 720), (1920, 1040)])
def test_the_page_fits_the_screen(ctx, case, daan, qtbot, size) -> None:
    record = _record(ctx, case, daan, worries="boos\n" * 8, good_things="voetbal", dreams="rust")
    cv.set_drawing(ctx.uow, record.id, png(1600, 1200))
    story = cv.add_story(ctx.uow, case.id, child_id=daan.id, title="Wat er thuis gebeurde").value
    first = cv.add_story_page(ctx.uow, story.id, text="Een lange zin over thuis. " * 6).value
    cv.set_page_picture(ctx.uow, first.id, png(800, 600, "green"))
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.resize(*size)
    workspace.show()
    workspace.show_page(CHILD_VOICE)
    page = workspace.child_voice.ensure_built()
    for tab in (0, STORIES_TAB):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        problems = misfits(workspace) + scrolls_sideways(workspace)
        assert not problems, problems
        shoot(workspace, SHOTS, f"child-voice-{tab}-{size[0]}")


def test_the_case_menus_pdf_is_the_chosen_childs_document(
    ctx, case, daan, qtbot, fake_dialogs, tmp_path
) -> None:
    _record(ctx, case, daan, worries="boos")
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    target = tmp_path / "voor daan"
    fake_dialogs.answers.append(str(target))
    written = workspace.child_voice_pdf()
    assert workspace.nav.currentRow() == CHILD_VOICE
    assert written == target.with_name("voor daan.pdf") and written.exists()
    assert written.read_bytes().startswith(b"%PDF")
    assert fake_dialogs.exported and "Daan" in fake_dialogs.exported[0]


def test_no_pdf_for_a_child_without_anything_recorded(ctx, case, daan, page) -> None:
    assert not page.pdf_button.isEnabled()
