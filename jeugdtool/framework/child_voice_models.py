"""Tables of the child's voice: per child, Three Houses records (the house of worries, of good
things and of dreams, in the child's own words) and Words & Pictures stories (pages of text,
each with an optional picture the consultant adds).

Pictures — the scan of a Three Houses drawing, a story page's picture — are kept as bytes in a
table of their own, inside the (encrypted) database like every other part of the case: never as
files beside it, never in a cloud. Each picture belongs to exactly one record or one page and
goes with it (ON DELETE CASCADE), so removing a record, a story, a child or the whole case
removes its pictures too, and undo puts them back from the removal's snapshot.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import short_label
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str200


class ThreeHouses(BelongsToCase, Tracked, Entity):
    """One talk with a child about the three houses, in the child's own words (verbatim)."""

    __tablename__ = "three_houses"
    __audit_entity__ = "three_houses"
    __table_args__ = (Index("ix_three_houses_child", "child_id", "held_on"),)

    #: The child (a person of the case whose role is child); the record goes with the child.
    child_id: Mapped[int] = parent_fk("persons")
    held_on: Mapped[dt.date]
    #: Who talked with the child (a name as it was then).
    talked_with: Mapped[str200] = mapped_column(default="")
    #: The house of worries, of good things and of dreams: the child's words as said.
    worries: Mapped[str] = mapped_column(default="")
    good_things: Mapped[str] = mapped_column(default="")
    dreams: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return self.held_on.isoformat()


class ChildStory(BelongsToCase, Tracked, Entity):
    """A Words & Pictures explanation for a child: what happened and what happens now, told in
    a few pages."""

    __tablename__ = "child_stories"
    __audit_entity__ = "child_story"

    child_id: Mapped[int] = parent_fk("persons")
    title: Mapped[str200]

    def audit_label(self) -> str:
        return short_label(self.title)


class ChildStoryPage(BelongsToCase, Tracked, Entity):
    """One page of a story: its text and, if the consultant added one, a picture."""

    __tablename__ = "child_story_pages"
    __audit_entity__ = "child_story_page"
    __table_args__ = (Index("ix_child_story_pages_story", "story_id", "position"),)

    story_id: Mapped[int] = parent_fk("child_stories")
    #: 1-based, within the story.
    position: Mapped[ordinal]
    text: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return short_label(self.text)


class ChildVoicePicture(BelongsToCase, Tracked, Entity):
    """A picture: the drawing of a Three Houses record or the picture of a story page.

    `data` is the cleaned copy (child_voice_rules.clean_image): a PNG or JPEG re-encoded without
    EXIF/GPS or other metadata, at most `MAX_SIDE` pixels on its long side. A picture is never
    changed, only replaced (under a new id): the history records that it came and went, never
    its bytes.
    """

    __tablename__ = "child_voice_pictures"
    __audit_entity__ = "child_voice_picture"
    __audit_ignore__ = frozenset({"data"})
    __table_args__ = (
        CheckConstraint("(three_houses_id IS NULL) <> (page_id IS NULL)", name="one_owner"),
        # An id is never handed out twice (SQLite would reuse the highest after a removal): a
        # replaced picture always gets a new id, so a screen may keep a picture by its id.
        {"sqlite_autoincrement": True},
    )

    three_houses_id: Mapped[int | None] = mapped_column(
        ForeignKey("three_houses.id", ondelete="CASCADE"), unique=True
    )
    page_id: Mapped[int | None] = mapped_column(
        ForeignKey("child_story_pages.id", ondelete="CASCADE"), unique=True
    )
    #: "image/png" or "image/jpeg".
    media_type: Mapped[str20]
    width: Mapped[int]
    height: Mapped[int]
    data: Mapped[bytes]

    def audit_label(self) -> str:
        return f"{self.media_type} {self.width}×{self.height}"
