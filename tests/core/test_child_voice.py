"""The child's voice: Three Houses records and Words & Pictures stories, with their pictures
kept (cleaned) in the database, undoable, on both backends."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NotFound
from jeugdtool.framework import child_voice as cv
from jeugdtool.framework.child_voice_rules import MAX_SIDE

pytestmark = pytest.mark.both_backends

MARCH_1, MARCH_20 = dt.date(2026, 3, 1), dt.date(2026, 3, 20)


def _jpeg_with_gps(size: tuple[int, int] = (2400, 1200)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 5.0)}
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _png(colour: str = "blue") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def kids(uow, case):
    noa = members.add_person(uow, case.id, {"first_name": "Noa", "role": "child"}).value
    mum = members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    sem = members.add_person(uow, case.id, {"first_name": "Sem", "role": "child"}).value
    return noa, sem, mum


def _record(uow, case, child, held_on=MARCH_1, **words):
    return cv.add_three_houses(
        uow, case.id, child_id=child.id, held_on=held_on, talked_with="Eva de Vries", **words
    ).value


def test_the_childs_words_are_kept_as_said_and_listed_newest_first_per_child(
    uow, case, kids
) -> None:
    noa, sem, _mum = kids
    said = "papa  en mama schreeuwen\nen dan ben ik bang"
    _record(uow, case, sem, MARCH_1, dreams="een hond")
    old = _record(uow, case, noa, MARCH_1, worries="  " + said + "\n ")
    new = _record(uow, case, noa, MARCH_20, good_things="oma's pannenkoeken")
    assert old.worries == said  # only the whitespace around it goes
    listed = cv.list_three_houses(uow, case.id)
    assert [(r.child_id, r.held_on) for r in listed] == [
        (noa.id, MARCH_20),
        (noa.id, MARCH_1),
        (sem.id, MARCH_1),
    ]
    assert listed[0] == new and new.drawing_id is None


def test_only_a_child_of_the_case_and_no_day_ahead(uow, case, kids) -> None:
    _noa, _sem, mum = kids
    other = households.create_case(uow, name="Gezin Bakker", case_number="2026-0099").value
    stranger = members.add_person(uow, other.id, {"first_name": "Lot", "role": "child"}).value
    for who in (mum, stranger):
        with pytest.raises(InvalidInput) as refused:
            _record(uow, case, who)
        assert refused.value.problems[0].field == "child_id"
    with pytest.raises(InvalidInput) as refused:
        _record(uow, case, kids[0], dt.date.today() + dt.timedelta(days=1))
    assert refused.value.problems[0].field == "held_on"
    with pytest.raises(InvalidInput) as refused:
        cv.add_three_houses(uow, case.id, child_id=kids[0].id, held_on=MARCH_1, talked_with="  ")
    assert refused.value.problems[0].field == "talked_with"
    assert cv.list_three_houses(uow, case.id) == ()


def test_update_refuses_when_someone_changed_it_meanwhile(uow, case, kids) -> None:
    record = _record(uow, case, kids[0], worries="bang")
    changed = cv.update_three_houses(
        uow, record.id, {"worries": "boos", "child_id": kids[1].id}, expected={"worries": "bang"}
    ).value
    assert (changed.worries, changed.child_id) == ("boos", kids[1].id)
    with pytest.raises(ConflictError):
        cv.update_three_houses(uow, record.id, {"worries": "x"}, expected={"worries": "bang"})
    with pytest.raises(InvalidInput):
        cv.update_three_houses(uow, record.id, {"child_id": kids[2].id})


def test_a_drawing_is_stored_without_its_metadata_and_scaled_down(uow, case, kids) -> None:
    record = _record(uow, case, kids[0])
    photo = _jpeg_with_gps()
    with_drawing = cv.set_drawing(uow, record.id, photo, expected={"drawing_id": None}).value
    stored = cv.picture(uow, with_drawing.drawing_id)
    assert stored.media_type == "image/jpeg"
    assert (stored.width, stored.height) == (MAX_SIDE, MAX_SIDE // 2)
    assert b"PhoneMaker" not in stored.data and b"Exif" not in stored.data
    assert not Image.open(io.BytesIO(stored.data)).getexif()
    # Replaced: a new id (never one handed out before); the old picture is gone.
    replaced = cv.set_drawing(uow, record.id, _png()).value
    assert replaced.drawing_id > with_drawing.drawing_id
    with pytest.raises(NotFound):
        cv.picture(uow, with_drawing.drawing_id)
    with pytest.raises(ConflictError):
        cv.set_drawing(uow, record.id, None, expected={"drawing_id": with_drawing.drawing_id})
    cleared = cv.set_drawing(uow, record.id, None).value
    assert cleared.drawing_id is None
    again = cv.set_drawing(uow, record.id, _png("red")).value
    assert again.drawing_id > replaced.drawing_id


def test_not_a_picture_is_refused_and_nothing_changes(uow, case, kids) -> None:
    record = _record(uow, case, kids[0])
    for data in (b"%PDF-1.7 not a picture", b"\x89PNG\r\n\x1a\n broken", b""):
        with pytest.raises(InvalidInput) as refused:
            cv.set_drawing(uow, record.id, data)
        assert refused.value.problems[0].field == "drawing"
    assert cv.get_three_houses(uow, record.id).drawing_id is None


def test_removal_takes_the_drawing_and_undo_puts_both_back(uow, case, kids) -> None:
    record = _record(uow, case, kids[0], worries="bang")
    seen = cv.set_drawing(uow, record.id, _png()).value
    data = cv.picture(uow, seen.drawing_id).data
    with pytest.raises(ConflictError):
        cv.remove_three_houses(uow, record.id, expected=record)  # it has a drawing by now
    taken = cv.remove_three_houses(uow, record.id, expected=seen).value
    assert cv.list_three_houses(uow, case.id) == ()
    with pytest.raises(NotFound):
        cv.picture(uow, seen.drawing_id)
    back = cv.restore_three_houses(uow, taken).value
    assert back == seen
    assert cv.picture(uow, back.drawing_id).data == data


def test_the_records_and_stories_go_with_the_child_and_come_back_with_it(uow, case, kids) -> None:
    noa = kids[0]
    record = cv.set_drawing(uow, _record(uow, case, noa).id, _png()).value
    story = cv.add_story(uow, case.id, child_id=noa.id, title="Wat er gebeurde").value
    page = cv.add_story_page(uow, story.id, text="Papa woont nu bij opa.").value
    page = cv.set_page_picture(uow, page.id, _png("green")).value
    taken = members.remove_person(uow, noa.id).value
    assert cv.list_three_houses(uow, case.id) == () and cv.list_stories(uow, case.id) == ()
    members.restore_person(uow, taken)
    assert cv.list_three_houses(uow, case.id) == (record,)
    (back,) = cv.list_stories(uow, case.id)
    assert back.pages == (page,)


def test_story_pages_in_order_moved_removed_and_put_back(uow, case, kids) -> None:
    story = cv.add_story(uow, case.id, child_id=kids[1].id, title="  Jouw verhaal ").value
    assert story.title == "Jouw verhaal" and story.pages == ()
    one = cv.add_story_page(uow, story.id, text="Er was ruzie thuis.").value
    three = cv.add_story_page(uow, story.id, text="Nu is iedereen veilig.").value
    two = cv.add_story_page(uow, story.id, text="De juf maakte zich zorgen.", position=2).value
    texts = lambda: [p.text for p in cv.get_story(uow, story.id).pages]  # noqa: E731
    assert texts() == [one.text, two.text, three.text]
    assert [p.position for p in cv.get_story(uow, story.id).pages] == [1, 2, 3]
    cv.move_story_page(uow, three.id, 1, expected={"position": 3})
    assert texts() == [three.text, one.text, two.text]
    with pytest.raises(ConflictError):
        cv.move_story_page(uow, three.id, 3, expected={"position": 3})
    page = cv.set_page_picture(uow, one.id, _png(), expected={"picture_id": None}).value
    taken = cv.remove_story_page(uow, one.id, expected=page).value
    assert texts() == [three.text, two.text]
    restored = cv.restore_story_page(uow, taken).value
    assert restored.picture_id == page.picture_id and restored.position == 2
    assert texts() == [three.text, one.text, two.text]
    updated = cv.update_story_page(uow, one.id, {"text": "Er was veel ruzie."}).value
    assert updated.text == "Er was veel ruzie."
    full = cv.get_story(uow, story.id)
    taken = cv.remove_story(uow, story.id, expected=full).value
    with pytest.raises(NotFound):
        cv.picture(uow, page.picture_id)
    assert cv.restore_story(uow, taken).value == full


def test_a_closed_case_does_not_change(uow, case, kids) -> None:
    record = _record(uow, case, kids[0])
    story = cv.add_story(uow, case.id, child_id=kids[0].id, title="Verhaal").value
    households.close_case(uow, case.id, "Hulp afgerond")
    with pytest.raises(CaseClosed):
        _record(uow, case, kids[0])
    with pytest.raises(CaseClosed):
        cv.set_drawing(uow, record.id, _png())
    with pytest.raises(CaseClosed):
        cv.add_story_page(uow, story.id, text="Nog een bladzijde")
    assert cv.list_three_houses(uow, case.id) == (record,)
