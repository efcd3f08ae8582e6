"""Rules for the child's voice in a case file (`three_houses`, `child_stories`) that the JSON
Schema cannot express: the child named is a child of the file, dates, texts and pictures pass
the same rules as in the program (framework/child_voice_rules.py). The schema has checked the
shapes; what it flagged is skipped here.

A picture in the file is base64 text; it must decode to a PNG or JPEG that the picture rules
take (magic bytes, Pillow opens it, size) and its `media_type` must say which. Import cleans
it again as any picture added in the program, so metadata a file may carry never gets in.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import Problems
from jeugdtool.export.framework_check import _day
from jeugdtool.export.framework_check import _dicts
from jeugdtool.export.paths import PathPart
from jeugdtool.export.paths import json_path
from jeugdtool.framework.child_voice_rules import CleanImage
from jeugdtool.framework.child_voice_rules import clean_image
from jeugdtool.framework.child_voice_rules import clean_page
from jeugdtool.framework.child_voice_rules import clean_story
from jeugdtool.framework.child_voice_rules import clean_three_houses
from jeugdtool.framework.child_voice_rules import media_type_of
from jeugdtool.i18n import _

#: The parts this module checks, in file order.
PARTS = ("three_houses", "child_stories")

#: A record's field in the rules -> its key in the file.
RECORD_KEYS = {
    "held_on": "date",
    "talked_with": "talked_with",
    "worries": "worries",
    "good_things": "good_things",
    "dreams": "dreams",
}


def picture_bytes(picture: Mapping[str, Any]) -> bytes:
    """The bytes of a file's picture (`data`, base64); ValueError when it is not base64."""
    data = picture.get("data")
    if not isinstance(data, str):
        raise ValueError("no data")
    try:
        return base64.b64decode(data.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("not base64") from exc


def picture_text(data: bytes) -> str:
    """A picture's bytes as the file writes them (base64)."""
    return base64.b64encode(data).decode("ascii")


def checked_picture(picture: Mapping[str, Any]) -> CleanImage:
    """The file's picture as it is kept (cleaned); InvalidInput (field "data" or "media_type")
    when it is no picture the program would take, or not of the type it says."""
    try:
        data = picture_bytes(picture)
    except ValueError:
        raise InvalidInput(Problem("data", _("is not a picture written as base64 text."))) from None
    clean = clean_image(data, field="data")
    if media_type_of(data) != picture.get("media_type"):
        raise InvalidInput(
            Problem(
                "media_type",
                _("does not match the picture, which is {kind}.").format(kind=clean.media_type),
            )
        )
    return clean


class _VoiceChecker:
    def __init__(self, doc: dict[str, Any], today: dt.date):
        self.doc = doc
        self.today = today
        self.problems = Problems()
        persons = doc.get("persons")
        #: File id -> role of the household members (None: the part is broken; said there).
        self.roles: dict[str, Any] | None = (
            {p["id"]: p.get("role") for _i, p in _dicts(persons) if isinstance(p.get("id"), str)}
            if isinstance(persons, list)
            else None
        )

    def _rule(
        self, where: list[PathPart], keys: Mapping[str, str], rule: Callable[[], Any]
    ) -> None:
        """Run `rule`; each problem it names is filed under the file's key for its field."""
        try:
            rule()
        except InvalidInput as exc:
            for problem in exc.problems:
                key = keys.get(problem.field, problem.field)
                self.problems.add(Problem(json_path([*where, key]), problem.message))

    def child(self, where: list[PathPart], ref: Any) -> None:
        if self.roles is None or not isinstance(ref, str):
            return
        if ref not in self.roles:
            message = _("'{ref}' is not a person in this file (see persons).")
            self.problems.add(Problem(json_path([*where, "child"]), message.format(ref=ref)))
        elif self.roles[ref] != "child":
            message = _("'{ref}' is not a child; the child's voice belongs to a child.")
            self.problems.add(Problem(json_path([*where, "child"]), message.format(ref=ref)))

    def picture(self, where: list[PathPart], picture: Any) -> None:
        if isinstance(picture, dict):
            self._rule(where, {}, lambda: checked_picture(picture))

    def records(self) -> None:
        for index, record in _dicts(self.doc.get("three_houses")):
            where: list[PathPart] = ["three_houses", index]
            self.child(where, record.get("child"))
            fields = {
                name: record[key]
                for name, key in RECORD_KEYS.items()
                if isinstance(record.get(key), str)
            }
            if "held_on" in fields:
                day = _day(fields["held_on"])
                if day is None:
                    del fields["held_on"]  # the schema said what is wrong with it
                else:
                    fields["held_on"] = day
            self._rule(where, RECORD_KEYS, lambda f=fields: clean_three_houses(f, today=self.today))
            self.picture([*where, "drawing"], record.get("drawing"))

    def stories(self) -> None:
        for index, story in _dicts(self.doc.get("child_stories")):
            where: list[PathPart] = ["child_stories", index]
            self.child(where, story.get("child"))
            if isinstance(story.get("title"), str):
                self._rule(where, {}, lambda s=story: clean_story({"title": s["title"]}))
            for number, page in _dicts(story.get("pages")):
                at: list[PathPart] = [*where, "pages", number]
                if isinstance(page.get("text"), str):
                    self._rule(at, {}, lambda p=page: clean_page({"text": p["text"]}))
                self.picture([*at, "picture"], page.get("picture"))


def child_voice_rules(doc: dict[str, Any], today: dt.date) -> list[Problem]:
    """The problems of the document's Three Houses records and stories (each part may be
    missing: a file made before them)."""
    checker = _VoiceChecker(doc, today)
    checker.records()
    checker.stories()
    return checker.problems.found
