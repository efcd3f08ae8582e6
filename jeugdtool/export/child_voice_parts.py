"""The child's voice in a case file: `three_houses` (per child, what the child said about the
house of worries, of good things and of dreams, with the drawing) and `child_stories` (Words &
Pictures explanations, page by page, with their pictures).

A record or story names its child by the file id (p1, …). A picture is written whole, as
base64 text with its media type ("image/png" or "image/jpeg"): the case file is the case, and
a drawing is part of what the child said. Import checks and cleans every picture again
(child_voice_check.checked_picture), as if it were added in the program. Records are written
oldest first, stories in the order they were made. See docs/case-format.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from jeugdtool.export.child_voice_check import checked_picture
from jeugdtool.export.child_voice_check import picture_text
from jeugdtool.export.framework_parts import Importer
from jeugdtool.export.part_columns import Columns
from jeugdtool.export.part_columns import date_of
from jeugdtool.export.part_columns import iso
from jeugdtool.framework.child_voice_models import ChildStory
from jeugdtool.framework.child_voice_models import ChildStoryPage
from jeugdtool.framework.child_voice_models import ChildVoicePicture
from jeugdtool.framework.child_voice_models import ThreeHouses
from jeugdtool.framework.child_voice_pictures import picture_row
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import oldest_first
from jeugdtool.store.rows import rows_of
from jeugdtool.store.uow import UnitOfWork

#: The parts this module writes and reads, in file order.
PARTS = ("three_houses", "child_stories")

#: The fields of each kind of item, in file order (see part_columns).
RECORD = Columns(
    "child",
    "date",
    "talked_with",
    "worries",
    "good_things",
    "dreams",
    "drawing",
    own=("child", "date", "drawing"),
)
STORY = Columns("child", "title", "pages", own=("child", "pages"))
PAGE = Columns("text", "picture", own=("picture",))


# ---------------------------------------------------------------- export


def _picture(row: ChildVoicePicture | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"media_type": row.media_type, "data": picture_text(row.data)}


def export_child_voice(
    uow: UnitOfWork, household_id: int, persons: Mapping[int, str]
) -> dict[str, Any]:
    """`three_houses` and `child_stories` of the case, inside an open unit of work. `persons`
    maps database ids to the file ids (p1, …) already given."""
    session = uow.session
    records = oldest_first(session, ThreeHouses.household_id, household_id, ThreeHouses.held_on)
    stories = rows_of(session, ChildStory.household_id, household_id, ChildStory.id)
    pages = children_in_order(session, ChildStoryPage.story_id, [s.id for s in stories])
    pictures = {
        (row.three_houses_id, row.page_id): row
        for row in session.scalars(
            select(ChildVoicePicture).where(ChildVoicePicture.household_id == household_id)
        )
    }
    return {
        "three_houses": [
            RECORD.dump(
                r,
                child=persons[r.child_id],
                date=iso(r.held_on),
                drawing=_picture(pictures.get((r.id, None))),
            )
            for r in records
        ],
        "child_stories": [
            STORY.dump(
                s,
                child=persons[s.child_id],
                pages=[
                    PAGE.dump(p, picture=_picture(pictures.get((None, p.id)))) for p in pages[s.id]
                ],
            )
            for s in stories
        ],
    }


# ---------------------------------------------------------------- import


def _add_picture(importer: Importer, picture: Mapping[str, Any] | None, **owner: int) -> None:
    if picture is None:
        return
    clean = checked_picture(picture)
    importer.uow.session.add(picture_row(importer.household_id, clean, **owner))


def import_child_voice(importer: Importer, doc: Mapping[str, Any]) -> None:
    """Add the checked document's `three_houses` and `child_stories` (each may be missing: a
    file made before them) to the new household."""
    session = importer.uow.session
    for item in doc.get("three_houses") or []:
        record = ThreeHouses(
            **RECORD.load(
                item,
                household_id=importer.household_id,
                child_id=importer.persons[item["child"]],
                held_on=date_of(item["date"]),
            )
        )
        session.add(record)
        session.flush()
        _add_picture(importer, item["drawing"], three_houses_id=record.id)
    for item in doc.get("child_stories") or []:
        story = ChildStory(
            **STORY.load(
                item, household_id=importer.household_id, child_id=importer.persons[item["child"]]
            )
        )
        session.add(story)
        session.flush()
        for position, entry in enumerate(item["pages"], start=1):
            page = ChildStoryPage(
                **PAGE.load(
                    entry,
                    household_id=importer.household_id,
                    story_id=story.id,
                    position=position,
                )
            )
            session.add(page)
            session.flush()
            _add_picture(importer, entry["picture"], page_id=page.id)
    session.flush()
