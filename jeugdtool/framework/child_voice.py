"""Services for the child's voice: Three Houses records and Words & Pictures stories, and their
pictures (kept in the database; see child_voice_models and child_voice_rules).

Every change follows the house conventions: an `Outcome` of the new state; `expected=` (what the
caller last saw) makes undo and redo refuse with ConflictError when a colleague changed it
since; a removal returns the `Snapshot` its `restore_*` puts back (pictures included). Only an
open case changes. A record or a story is about one child: a person of the case whose role is
child.

Pictures are checked and cleaned (child_voice_rules.clean_image) before anything is written;
setting one replaces the one there was, under a new id (ids are never handed out twice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import replace
from typing import Any
from typing import TypeVar

from sqlalchemy import select

from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import InvalidInput
from jeugdtool.framework._common import in_order
from jeugdtool.framework._common import move_to
from jeugdtool.framework._common import open_row
from jeugdtool.framework._common import remove_unchanged
from jeugdtool.framework._common import save_checked
from jeugdtool.framework.child_voice_dto import PictureDTO
from jeugdtool.framework.child_voice_dto import StoryDTO
from jeugdtool.framework.child_voice_dto import StoryPageDTO
from jeugdtool.framework.child_voice_dto import ThreeHousesDTO
from jeugdtool.framework.child_voice_models import ChildStory
from jeugdtool.framework.child_voice_models import ChildStoryPage
from jeugdtool.framework.child_voice_models import ChildVoicePicture
from jeugdtool.framework.child_voice_models import ThreeHouses
from jeugdtool.framework.child_voice_pictures import PictureOwner
from jeugdtool.framework.child_voice_pictures import pictures_of
from jeugdtool.framework.child_voice_pictures import set_picture
from jeugdtool.framework.child_voice_rules import check_page_count
from jeugdtool.framework.child_voice_rules import clean_page
from jeugdtool.framework.child_voice_rules import clean_story
from jeugdtool.framework.child_voice_rules import clean_three_houses
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

__all__ = [
    "add_story",
    "add_story_page",
    "add_three_houses",
    "get_story",
    "get_three_houses",
    "list_stories",
    "list_three_houses",
    "move_story_page",
    "picture",
    "remove_story",
    "remove_story_page",
    "remove_three_houses",
    "restore_story",
    "restore_story_page",
    "restore_three_houses",
    "set_drawing",
    "set_page_picture",
    "update_story",
    "update_story_page",
    "update_three_houses",
]


# ---- children and pictures -------------------------------------------------------------


def check_child(uow: UnitOfWork, case_id: int, child_id: Any) -> Person:
    """Inside an open unit of work: the child `child_id` of case `case_id`; InvalidInput
    (field "child_id") when it is no person of the case whose role is child."""
    person = uow.session.get(Person, child_id) if isinstance(child_id, int) else None
    if person is None or person.household_id != case_id or person.role != PersonRole.CHILD:
        raise InvalidInput.at("child_id", _("Choose a child of this household."))
    return person


def picture(uow: UnitOfWork, picture_id: int) -> PictureDTO:
    """A stored picture with its bytes (NotFound when it is gone)."""
    with uow:
        row = get(uow, ChildVoicePicture, picture_id)
        return as_dto(PictureDTO, row)


# ---- what a record and a story share ------------------------------------------------------

_Row = TypeVar("_Row", ThreeHouses, ChildStory)
_Dto = TypeVar("_Dto")


def _per_child(
    uow: UnitOfWork, case_id: int, model: type[_Row], then: Callable[[_Row], tuple[int, ...]]
) -> list[_Row]:
    """Inside an open unit of work: the case's rows of `model` per child, in the order the case
    lists its children, then by `then(row)` (NotFound when the case is gone)."""
    get(uow, Household, case_id)
    children = select(Person.id).where(Person.household_id == case_id)
    ids = uow.session.scalars(children.order_by(Person.position, Person.id))
    order = {pid: n for n, pid in enumerate(ids)}
    rows = uow.session.scalars(select(model).where(model.household_id == case_id))
    return sorted(rows, key=lambda r: (order.get(r.child_id, len(order)), *then(r)))


def _add_for_child(uow: UnitOfWork, row: _Row, read: Callable[[], _Dto]) -> Outcome[_Dto]:
    """Add `row` (a record or a story) if its case is open and its child is a child of it."""
    with uow:
        ensure_open(uow, row.household_id)
        check_child(uow, row.household_id, row.child_id)
        uow.session.add(row)
        return committed(uow, read)


def _save_for_child(
    uow: UnitOfWork,
    model: type[_Row],
    row_id: int,
    changes: Changes,
    clean: dict[str, Any],
    expected: Expected,
    read: Callable[[UnitOfWork, _Row], _Dto],
) -> Outcome[_Dto]:
    """Save the `clean` fields of a record or a story (`changes` as given); a new child must
    be a child of its case."""

    def check(row: _Row) -> dict[str, Any]:
        if "child_id" in changes:
            clean["child_id"] = check_child(uow, row.household_id, changes["child_id"]).id
        return clean

    return save_checked(
        uow, lambda: open_row(uow, model, row_id), check, expected, lambda row: read(uow, row)
    )


def _put_back(
    uow: UnitOfWork,
    taken: Snapshot,
    model: type[_Row],
    read: Callable[[UnitOfWork, _Row], _Dto],
) -> Outcome[_Dto]:
    """Put a removed record or story back from its snapshot (undo), if its case is open."""
    with uow:
        ensure_open(uow, taken.values["household_id"])
        row = snapshot.put_back(uow, taken)
        assert isinstance(row, model)
        return committed(uow, lambda: read(uow, row))


# ---- Three Houses ------------------------------------------------------------------------


def _record_dto(uow: UnitOfWork, row: ThreeHouses, drawing_id: Any = ...) -> ThreeHousesDTO:
    if drawing_id is ...:
        drawing_id = pictures_of(uow, ChildVoicePicture.three_houses_id, [row.id]).get(row.id)
    return as_dto(ThreeHousesDTO, row, drawing_id=drawing_id)


def list_three_houses(uow: UnitOfWork, case_id: int) -> tuple[ThreeHousesDTO, ...]:
    """The case's Three Houses records: per child (in the case's order), the newest first."""
    with uow:
        rows = _per_child(uow, case_id, ThreeHouses, lambda r: (-r.held_on.toordinal(), -r.id))
        drawings = pictures_of(uow, ChildVoicePicture.three_houses_id, [r.id for r in rows])
        return tuple(_record_dto(uow, r, drawings.get(r.id)) for r in rows)


def get_three_houses(uow: UnitOfWork, record_id: int) -> ThreeHousesDTO:
    with uow:
        return _record_dto(uow, get(uow, ThreeHouses, record_id))


def add_three_houses(
    uow: UnitOfWork,
    case_id: int,
    *,
    child_id: int,
    held_on: dt.date,
    talked_with: str,
    worries: str = "",
    good_things: str = "",
    dreams: str = "",
) -> Outcome[ThreeHousesDTO]:
    """A new Three Houses record for a child of the case (its drawing: `set_drawing`)."""
    clean = clean_three_houses(
        {
            "held_on": held_on,
            "talked_with": talked_with,
            "worries": worries,
            "good_things": good_things,
            "dreams": dreams,
        }
    )
    row = ThreeHouses(household_id=case_id, child_id=child_id, **clean)
    return _add_for_child(uow, row, lambda: _record_dto(uow, row, None))


def update_three_houses(
    uow: UnitOfWork, record_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[ThreeHousesDTO]:
    """Change a record's date, who talked with the child, the words of a house, or the child
    (`changes` names the fields; `expected`: their values as the caller last saw them)."""
    clean = clean_three_houses(changes)
    return _save_for_child(uow, ThreeHouses, record_id, changes, clean, expected, _record_dto)


def remove_three_houses(
    uow: UnitOfWork, record_id: int, *, expected: ThreeHousesDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a record with its drawing; `restore_three_houses` puts the snapshot back.

    `expected`: the record as the caller last saw it (undo/redo); ConflictError when it (or its
    drawing) changed since, and nothing is removed.
    """
    with uow:
        row = open_row(uow, ThreeHouses, record_id)
        return remove_unchanged(uow, row, _record_dto(uow, row), expected)


def restore_three_houses(uow: UnitOfWork, taken: Snapshot) -> Outcome[ThreeHousesDTO]:
    """Put a removed record back with its id and drawing (undo). ConflictError when the child
    left the case since."""
    return _put_back(uow, taken, ThreeHouses, _record_dto)


def set_drawing(
    uow: UnitOfWork, record_id: int, image: bytes | None, *, expected: Expected = None
) -> Outcome[ThreeHousesDTO]:
    """Add or replace the child's drawing (a PNG or JPEG: checked, cleaned of metadata, scaled
    down), or take it away (None).

    `expected` (undo/redo): {"drawing_id": the id the caller saw, None for none}.
    """
    owner = PictureOwner(ThreeHouses, "three_houses_id", "drawing")
    return set_picture(uow, owner, record_id, image, expected, _record_dto)


# ---- Words & Pictures ---------------------------------------------------------------------


def _page_dto(uow: UnitOfWork, row: ChildStoryPage, picture_id: Any = ...) -> StoryPageDTO:
    if picture_id is ...:
        picture_id = pictures_of(uow, ChildVoicePicture.page_id, [row.id]).get(row.id)
    return as_dto(StoryPageDTO, row, picture_id=picture_id)


def _pages(uow: UnitOfWork, story_id: int) -> list[ChildStoryPage]:
    return in_order(uow, ChildStoryPage, ChildStoryPage.story_id == story_id)


def _story_dto(uow: UnitOfWork, row: ChildStory) -> StoryDTO:
    return _story_dtos(uow, [row])[0]


def _story_dtos(uow: UnitOfWork, rows: Sequence[ChildStory]) -> list[StoryDTO]:
    ids = [r.id for r in rows]
    pages: dict[int, list[ChildStoryPage]] = {i: [] for i in ids}
    if ids:
        found = uow.session.scalars(
            select(ChildStoryPage)
            .where(ChildStoryPage.story_id.in_(ids))
            .order_by(ChildStoryPage.position, ChildStoryPage.id)
        )
        for page in found:
            pages[page.story_id].append(page)
    pictures = pictures_of(
        uow, ChildVoicePicture.page_id, [p.id for group in pages.values() for p in group]
    )
    return [
        as_dto(
            StoryDTO,
            row,
            pages=tuple(_page_dto(uow, p, pictures.get(p.id)) for p in pages[row.id]),
        )
        for row in rows
    ]


def list_stories(uow: UnitOfWork, case_id: int) -> tuple[StoryDTO, ...]:
    """The case's stories with their pages: per child (in the case's order), oldest first."""
    with uow:
        rows = _per_child(uow, case_id, ChildStory, lambda r: (r.id,))
        return tuple(_story_dtos(uow, rows))


def get_story(uow: UnitOfWork, story_id: int) -> StoryDTO:
    with uow:
        return _story_dto(uow, get(uow, ChildStory, story_id))


def add_story(uow: UnitOfWork, case_id: int, *, child_id: int, title: str) -> Outcome[StoryDTO]:
    """A new, empty story for a child of the case (its pages: `add_story_page`)."""
    clean = clean_story({"title": title})
    row = ChildStory(household_id=case_id, child_id=child_id, **clean)
    return _add_for_child(uow, row, lambda: _story_dto(uow, row))


def update_story(
    uow: UnitOfWork, story_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[StoryDTO]:
    """Change a story's title or its child."""
    clean = clean_story(changes)
    return _save_for_child(uow, ChildStory, story_id, changes, clean, expected, _story_dto)


def remove_story(
    uow: UnitOfWork, story_id: int, *, expected: StoryDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a story with its pages and their pictures; `restore_story` puts it back.

    `expected`: the story (pages included) as the caller last saw it; ConflictError when any
    of it changed since, and nothing is removed.
    """
    with uow:
        row = open_row(uow, ChildStory, story_id)
        return remove_unchanged(uow, row, _story_dto(uow, row), expected)


def restore_story(uow: UnitOfWork, taken: Snapshot) -> Outcome[StoryDTO]:
    """Put a removed story back with its pages and pictures (undo)."""
    return _put_back(uow, taken, ChildStory, _story_dto)


def add_story_page(
    uow: UnitOfWork, story_id: int, *, text: str, position: int | None = None
) -> Outcome[StoryPageDTO]:
    """A new page in a story: at `position` (1 = first), or at the end (None)."""
    clean = clean_page({"text": text})
    with uow:
        story = open_row(uow, ChildStory, story_id)
        pages = _pages(uow, story.id)
        check_page_count(len(pages))
        row = ChildStoryPage(
            story_id=story.id, household_id=story.household_id, position=len(pages) + 1, **clean
        )
        uow.session.add(row)
        if position is not None:
            move_to(pages, row, position)
        return committed(uow, lambda: _page_dto(uow, row, None))


def update_story_page(
    uow: UnitOfWork, page_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[StoryPageDTO]:
    """Change a page's text."""
    clean = clean_page(changes)
    return save_checked(
        uow,
        lambda: open_row(uow, ChildStoryPage, page_id),
        lambda _row: clean,
        expected,
        lambda row: _page_dto(uow, row),
    )


def move_story_page(
    uow: UnitOfWork, page_id: int, position: int, *, expected: Expected = None
) -> Outcome[StoryPageDTO]:
    """Put a page at `position` (1 = first; clamped to the story).

    `expected` (undo/redo): {"position": where the caller left it}.
    """
    with uow:
        row = open_row(uow, ChildStoryPage, page_id)
        apply(row, {}, expected=expected)
        move_to(_pages(uow, row.story_id), row, position)
        return committed(uow, lambda: _page_dto(uow, row))


def remove_story_page(
    uow: UnitOfWork, page_id: int, *, expected: StoryPageDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a page with its picture; the pages after it move up. `restore_story_page` puts
    it back where it was. `expected`: the page as the caller last saw it (its place apart)."""
    with uow:
        row = open_row(uow, ChildStoryPage, page_id)
        if expected is not None:
            expected = _placed(expected, row.position)
        ensure_as_seen(_page_dto(uow, row), expected)
        story_id = row.story_id
        taken = snapshot.remove(uow, row)
        snapshot.close_gap(_pages(uow, story_id))
        return Outcome(taken, uow.commit())


def _placed(page: StoryPageDTO, position: int) -> StoryPageDTO:
    """`page` at `position` (a page's place shifts when others come and go; not compared)."""
    return replace(page, position=position)


def restore_story_page(uow: UnitOfWork, taken: Snapshot) -> Outcome[StoryPageDTO]:
    """Put a removed page back at its place, with its picture (undo). ConflictError when its
    story is gone."""
    values = taken.values
    with uow:
        story = uow.session.get(ChildStory, values["story_id"])
        if story is None:
            raise conflict_error()
        ensure_open(uow, story.household_id)
        row = snapshot.put_back_at(uow, taken, lambda: _pages(uow, story.id))
        assert isinstance(row, ChildStoryPage)
        return committed(uow, lambda: _page_dto(uow, row))


def set_page_picture(
    uow: UnitOfWork, page_id: int, image: bytes | None, *, expected: Expected = None
) -> Outcome[StoryPageDTO]:
    """Add or replace a page's picture (checked and cleaned like a drawing), or take it away
    (None). `expected` (undo/redo): {"picture_id": the id the caller saw, None for none}."""
    owner = PictureOwner(ChildStoryPage, "page_id", "picture")
    return set_picture(uow, owner, page_id, image, expected, _page_dto)
