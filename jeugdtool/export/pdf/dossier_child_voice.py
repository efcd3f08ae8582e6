"""The child's voice in the access-request dossier (export/pdf/dossier.py): each Three Houses
talk with the child's words as said and the drawing, and each Words & Pictures story page by
page with its pictures — what the family has a right to see, as the case file holds it.
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import Image
from reportlab.platypus import KeepTogether

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.export.pdf.dossier_parts import Pieces
from jeugdtool.export.pdf.dossier_parts import day_of
from jeugdtool.export.pdf.texts import markup
from jeugdtool.framework.child_voice_rules import HOUSES
from jeugdtool.i18n import _

#: The largest a picture is drawn in the dossier (it keeps its proportions).
PICTURE_WIDTH, PICTURE_HEIGHT = 90 * mm, 70 * mm


def words(text: str) -> str:
    """The child's words as Paragraph markup: as said, line breaks kept."""
    return "<br/>".join(markup(line) for line in text.split("\n"))


def picture(value: Mapping[str, Any] | None) -> Flowable | None:
    """A case file's picture, drawn at most PICTURE_WIDTH × PICTURE_HEIGHT; None for none (or
    one that cannot be read: the case file in the dossier still holds it whole)."""
    if not value:
        return None
    try:
        data = base64.b64decode(str(value.get("data") or ""), validate=True)
    except (binascii.Error, ValueError):
        return None
    if not data:
        return None
    image = Image(io.BytesIO(data))
    scale = min(PICTURE_WIDTH / image.imageWidth, PICTURE_HEIGHT / image.imageHeight, 1.0)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    image.hAlign = "LEFT"
    return image


class ChildVoiceParts(Pieces):
    """The part "What your children told us"."""

    def child_voice_part(self) -> list[Flowable]:
        content = self.each("three_houses", self.talk) + self.each("child_stories", self.story_of)
        return self.section("child_voice", content, "none_child_voice")

    def talk(self, record: Mapping[str, Any]) -> list[Flowable]:
        title = self.t.text(
            "heading_talk",
            child=markup(self.persons.get(record.get("child") or "", "")),
            day=format_date_nl(day_of(record.get("date"))),
            who=markup(record.get("talked_with") or ""),
        )
        rows = [
            [f"<b>{markup(_(label))}</b>", words(record.get(field) or "")]
            for field, label in HOUSES
        ]
        out = [*self.sub(title), self.table(("col_house", "col_child_words"), rows, (45, 125))]
        drawing = picture(record.get("drawing"))
        if drawing is not None:
            out.append(KeepTogether([self.p(self.t.text("drawing"), "small"), drawing]))
        return out

    def story_of(self, story: Mapping[str, Any]) -> list[Flowable]:
        title = self.t.text(
            "heading_story",
            child=markup(self.persons.get(story.get("child") or "", "")),
            title=markup(story.get("title") or ""),
        )
        out = self.sub(title)
        for number, page in enumerate(story.get("pages") or [], start=1):
            label = self.t.text("story_page", number=number)
            piece: list[Flowable] = [self.p(f"<b>{label}</b> {words(page.get('text') or '')}")]
            drawn = picture(page.get("picture"))
            if drawn is not None:
                piece.append(drawn)
            out.append(KeepTogether(piece))
        return out
