"""Frozen views of the child's voice for screens, commands, exports and the case file.

A record or page names its picture by id (`drawing_id`, `picture_id`), never carries its bytes:
lists stay light, and the bytes are read once, where they are shown (`child_voice.picture`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ThreeHousesDTO:
    """One talk with a child about the three houses; the words are the child's, as said."""

    id: int
    household_id: int
    child_id: int
    held_on: dt.date
    talked_with: str
    worries: str
    good_things: str
    dreams: str
    #: The scan or photo of the child's drawing (a PictureDTO's id), if one was added.
    drawing_id: int | None
    version: int


@dataclass(frozen=True)
class StoryPageDTO:
    id: int
    story_id: int
    household_id: int
    #: 1-based, within the story.
    position: int
    text: str
    #: The page's picture (a PictureDTO's id), if the consultant added one.
    picture_id: int | None
    version: int


@dataclass(frozen=True)
class StoryDTO:
    """A Words & Pictures explanation for a child, with its pages in order."""

    id: int
    household_id: int
    child_id: int
    title: str
    pages: tuple[StoryPageDTO, ...]
    version: int


@dataclass(frozen=True)
class PictureDTO:
    """A stored picture: the cleaned copy (PNG or JPEG, no metadata, at most
    child_voice_rules.MAX_SIDE pixels on its long side)."""

    id: int
    #: "image/png" or "image/jpeg".
    media_type: str
    width: int
    height: int
    data: bytes
