"""Undo and redo never overwrite a colleague's later change: the child's voice (Three Houses
records and their drawing, stories, their pages, their order and their pictures)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from conflict_kit import colleague_of
from conflict_kit import covers
from conflict_kit import refused
from PIL import Image

from jeugdtool.cases import members
from jeugdtool.framework import child_voice as cv

from jeugdtool.ui.child.commands import AddStoryCommand
from jeugdtool.ui.child.commands import AddStoryPageCommand
from jeugdtool.ui.child.commands import AddThreeHousesCommand
from jeugdtool.ui.child.commands import EditChildVoiceCommand
from jeugdtool.ui.child.commands import RemoveStoryCommand
from jeugdtool.ui.child.commands import RemoveStoryPageCommand
from jeugdtool.ui.child.commands import RemoveThreeHousesCommand
from jeugdtool.ui.child.commands import SetDrawingCommand
from jeugdtool.ui.child.commands import SetPagePictureCommand
from jeugdtool.ui.child.commands import move_page_command
from jeugdtool.ui.commands import execute

HELD_ON = dt.date(2026, 11, 2)


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def colleague(db):
    return colleague_of(db)


@pytest.fixture
def child(ctx, case):
    fields = {"first_name": "Daan", "last_name": "Jansen", "role": "child"}
    return members.add_person(ctx.uow, case.id, fields).value


@pytest.fixture
def record(ctx, case, child) -> cv.ThreeHousesDTO:
    return cv.add_three_houses(
        ctx.uow, case.id, child_id=child.id, held_on=HELD_ON, talked_with="A. de Boer"
    ).value


@pytest.fixture
def story(ctx, case, child) -> cv.StoryDTO:
    return cv.add_story(ctx.uow, case.id, child_id=child.id, title="Wat er gebeurde").value


@pytest.fixture
def page(ctx, story) -> cv.StoryPageDTO:
    return cv.add_story_page(ctx.uow, story.id, text="Eerst").value


def _record(ctx, record_id: int) -> cv.ThreeHousesDTO:
    return cv.get_three_houses(ctx.uow, record_id)


def _pages(ctx, story_id: int) -> list[str]:
    return [p.text for p in cv.get_story(ctx.uow, story_id).pages]


@covers(AddThreeHousesCommand)
def test_undo_of_adding_a_talk_keeps_a_colleagues_words(ctx, case, child, colleague, fake_dialogs):
    fields = {"child_id": child.id, "held_on": HELD_ON, "talked_with": "A. de Boer"}
    command = AddThreeHousesCommand(ctx, case.id, fields)
    execute(ctx, command)
    cv.update_three_houses(colleague, command.dto.id, {"dreams": "een hond"})
    refused(ctx, fake_dialogs, command)
    (kept,) = cv.list_three_houses(ctx.uow, case.id)
    assert kept.dreams == "een hond"


@covers(EditChildVoiceCommand)
def test_undo_of_the_childs_words_keeps_a_colleagues_correction(
    ctx, case, record, colleague, fake_dialogs
):
    command = EditChildVoiceCommand(
        ctx, case.id, cv.update_three_houses, record.id, "worries", "", "boos", visit=1
    )
    execute(ctx, command)
    cv.update_three_houses(colleague, record.id, {"worries": "heel boos"})
    refused(ctx, fake_dialogs, command)
    assert _record(ctx, record.id).worries == "heel boos"


@covers(RemoveThreeHousesCommand)
def test_redo_of_removing_a_talk_keeps_a_colleagues_words(
    ctx, case, record, colleague, fake_dialogs
):
    command = RemoveThreeHousesCommand(ctx, record)
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert _record(ctx, record.id).id == record.id  # back, with its own id
    cv.update_three_houses(colleague, record.id, {"good_things": "voetbal"})
    refused(ctx, fake_dialogs, command, "redo")
    assert _record(ctx, record.id).good_things == "voetbal"


@covers(SetDrawingCommand)
def test_undo_of_adding_a_drawing_keeps_a_colleagues_drawing(
    ctx, case, record, colleague, fake_dialogs
):
    command = SetDrawingCommand(ctx, record, png("red"))
    execute(ctx, command)
    theirs = cv.set_drawing(colleague, record.id, png("blue")).value.drawing_id
    refused(ctx, fake_dialogs, command)
    assert _record(ctx, record.id).drawing_id == theirs


def test_undo_of_removing_a_drawing_puts_the_same_picture_back(ctx, case, record, fake_dialogs):
    with_drawing = cv.set_drawing(ctx.uow, record.id, png("red")).value
    before = cv.picture(ctx.uow, with_drawing.drawing_id).data
    execute(ctx, SetDrawingCommand(ctx, with_drawing, None))
    assert _record(ctx, record.id).drawing_id is None
    ctx.undo_stack.undo()
    back = _record(ctx, record.id).drawing_id
    assert back is not None
    assert Image.open(io.BytesIO(cv.picture(ctx.uow, back).data)).getpixel((0, 0)) == (
        Image.open(io.BytesIO(before)).getpixel((0, 0))
    )


@covers(AddStoryCommand)
def test_undo_of_adding_a_story_keeps_a_colleagues_page(ctx, case, child, colleague, fake_dialogs):
    command = AddStoryCommand(ctx, case.id, child.id, "Wat er gebeurde")
    execute(ctx, command)
    cv.add_story_page(colleague, command.dto.id, text="Van mijn collega")
    refused(ctx, fake_dialogs, command)
    assert _pages(ctx, command.dto.id) == ["Van mijn collega"]


@covers(RemoveStoryCommand)
def test_redo_of_removing_a_story_keeps_a_colleagues_title(
    ctx, case, story, page, colleague, fake_dialogs
):
    shown = cv.get_story(ctx.uow, story.id)
    command = RemoveStoryCommand(ctx, shown)
    execute(ctx, command)
    ctx.undo_stack.undo()
    assert _pages(ctx, story.id) == ["Eerst"]  # the story is back with its page
    cv.update_story(colleague, story.id, {"title": "Wat er thuis gebeurde"})
    refused(ctx, fake_dialogs, command, "redo")
    assert cv.get_story(ctx.uow, story.id).title == "Wat er thuis gebeurde"


@covers(AddStoryPageCommand)
def test_undo_of_adding_a_page_keeps_a_colleagues_text(ctx, case, story, colleague, fake_dialogs):
    command = AddStoryPageCommand(ctx, case.id, story.id)
    execute(ctx, command)
    cv.update_story_page(colleague, command.dto.id, {"text": "Van mijn collega"})
    refused(ctx, fake_dialogs, command)
    assert _pages(ctx, story.id) == ["Van mijn collega"]


@covers(RemoveStoryPageCommand)
def test_redo_of_removing_a_page_keeps_a_colleagues_text(
    ctx, case, story, page, colleague, fake_dialogs
):
    command = RemoveStoryPageCommand(ctx, page)
    execute(ctx, command)
    assert _pages(ctx, story.id) == []
    ctx.undo_stack.undo()
    cv.update_story_page(colleague, page.id, {"text": "Eerst, zei oma"})
    refused(ctx, fake_dialogs, command, "redo")
    assert _pages(ctx, story.id) == ["Eerst, zei oma"]


def test_undo_of_moving_a_page_keeps_a_colleagues_reordering(
    ctx, case, story, page, colleague, fake_dialogs
):
    second = cv.add_story_page(ctx.uow, story.id, text="Dan").value
    command = move_page_command(ctx, case.id, second, 1)
    execute(ctx, command)
    assert _pages(ctx, story.id) == ["Dan", "Eerst"]
    cv.move_story_page(colleague, second.id, 2)  # a colleague put it back first
    refused(ctx, fake_dialogs, command)
    assert _pages(ctx, story.id) == ["Eerst", "Dan"]


@covers(SetPagePictureCommand)
def test_undo_of_a_page_picture_keeps_a_colleagues_picture(
    ctx, case, page, colleague, fake_dialogs
):
    command = SetPagePictureCommand(ctx, page, png("green"))
    execute(ctx, command)
    theirs = cv.set_page_picture(colleague, page.id, None).value.picture_id
    assert theirs is None
    refused(ctx, fake_dialogs, command)
    assert cv.get_story(ctx.uow, page.story_id).pages[0].picture_id is None
