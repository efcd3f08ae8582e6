"""The child's own document ("Stem van het kind"): the child's newest Three Houses — one house
per page, their own words in large type, then their drawing; or (`side_by_side`) the three
houses next to each other on one landscape page, the drawing below them — and each Words &
Pictures story made for them, one story page per PDF page with its picture.

For a child to read, or to have read to them: large type (16 pt, headings larger), short
sentences, no words of the method or of youth care, only the child's first name on the pages.
The file's metadata names the document and the case number (for the case file), never the
child. The words are `resources/templates/child_voice.j2`; the data comes through the child's
voice services. Like every PDF it goes through `base.build_document`, is logged before it is
made (access log) and recorded as handed to the child once written (disclosure log).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import Image
from reportlab.platypus import KeepTogether
from reportlab.platypus import PageBreak
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from jeugdtool.cases import access
from jeugdtool.cases.privacy_models import DisclosureKind
from jeugdtool.cases.queries import get_case
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.colours import SEEDS
from jeugdtool.colours import Role
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.export.disclose import Disclosed
from jeugdtool.export.disclose import Written
from jeugdtool.export.disclose import log_written
from jeugdtool.export.pdf.base import BOLD
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import FRAME_HEIGHT
from jeugdtool.export.pdf.base import FRAME_WIDTH
from jeugdtool.export.pdf.base import LANDSCAPE
from jeugdtool.export.pdf.base import LANDSCAPE_FRAME_HEIGHT
from jeugdtool.export.pdf.base import LANDSCAPE_FRAME_WIDTH
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.files import write_atomically
from jeugdtool.export.pdf.layout import Layout
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.texts import page_border
from jeugdtool.framework import child_voice
from jeugdtool.framework.child_voice_dto import PictureDTO
from jeugdtool.i18n import _
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork

__all__ = [
    "ChildVoiceData",
    "NothingToPrint",
    "child_voice_file_name",
    "gather_child_voice",
    "render_child_voice",
    "write_child_voice",
]

#: The child's words: never smaller than this (the issue asks for at least 14 pt).
WORDS_SIZE = 16
#: The child's words when the three houses stand side by side (a third of a landscape page).
SIDE_WORDS_SIZE = 14
#: The gap between two houses side by side.
SIDE_GAP = 6 * mm
#: Each house's colour, on the page and on the screen alike (ui/child/houses.py).
HOUSE_COLOURS = {
    "worries": SEEDS[Role.ERROR],
    "good_things": SEEDS[Role.OK],
    "dreams": SEEDS[Role.ACCENT],
}
#: The three houses in the order the method asks about them.
HOUSES = ("worries", "good_things", "dreams")


class NothingToPrint(JeugdtoolError):
    """The child has no Three Houses and no story yet: there is nothing to print."""


@dataclass(frozen=True)
class HousesPart:
    held_on: dt.date
    talked_with: str
    #: The child's words per house ("worries", "good_things", "dreams"), verbatim.
    words: dict[str, str]
    drawing: PictureDTO | None


@dataclass(frozen=True)
class StoryPart:
    title: str
    #: Per page: its text and its picture (None: none).
    pages: tuple[tuple[str, PictureDTO | None], ...]


@dataclass(frozen=True)
class ChildVoiceData:
    """What the document shows, read through the services."""

    #: The child's first name: the only name on the pages.
    child: str
    #: The child's place among the household members (in the file name, not their name).
    child_position: int
    case_number: str
    houses: HousesPart | None
    stories: tuple[StoryPart, ...]


def gather_child_voice(uow: UnitOfWork, case_id: int, child_id: int) -> ChildVoiceData:
    """The child's newest Three Houses and all their stories (NotFound: not a child of the
    case; NothingToPrint: nothing recorded for the child yet)."""
    case = get_case(uow, case_id)
    child = next((p for p in case.persons if p.id == child_id and p.role is PersonRole.CHILD), None)
    if child is None:
        raise NotFound(_("This child is not (or no longer) part of the case."))
    records = [r for r in child_voice.list_three_houses(uow, case_id) if r.child_id == child_id]
    houses = None
    if records:
        newest = max(records, key=lambda r: (r.held_on, r.id))
        drawing = child_voice.picture(uow, newest.drawing_id) if newest.drawing_id else None
        houses = HousesPart(
            held_on=newest.held_on,
            talked_with=newest.talked_with,
            words={name: getattr(newest, name) for name in HOUSES},
            drawing=drawing,
        )
    stories = []
    for story in child_voice.list_stories(uow, case_id):
        if story.child_id != child_id:
            continue
        pages = tuple(
            (page.text, child_voice.picture(uow, page.picture_id) if page.picture_id else None)
            for page in story.pages
        )
        stories.append(StoryPart(story.title, pages))
    if houses is None and not stories:
        raise NothingToPrint(
            _(
                "Nothing of {name} has been recorded yet: add a talk about the three houses or "
                "a story on the page \u201cChild's voice\u201d first."
            ).format(name=child.first_name)
        )
    return ChildVoiceData(
        child=child.first_name,
        child_position=child.position,
        case_number=case.household.case_number,
        houses=houses,
        stories=tuple(stories),
    )


def child_voice_file_name(case_number: str, child_position: int) -> str:
    """`stem-van-het-kind-2026-0012-kind-2.pdf`: no name in it, only safe characters."""
    safe = re.sub(r"[^0-9A-Za-z-]+", "-", case_number).strip("-") or "casus"
    return f"stem-van-het-kind-{safe}-kind-{child_position}.pdf"


class HouseMark(Flowable):
    """A simple house (walls, roof, door) in the house's colour, with its name beside it."""

    def __init__(self, title: str, colour: str, size: float = 26 * mm):
        """`title` "": the house alone (its name is then a paragraph under it)."""
        super().__init__()
        self.title, self.colour, self.size = title, colors.HexColor(colour), size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.saveState()
        c.setStrokeColor(self.colour)
        c.setFillColor(colors.white)
        c.setLineWidth(2.2)
        wall = s * 0.55
        left = s * 0.1
        c.rect(left, 0, s * 0.8, wall, stroke=1, fill=1)
        roof = c.beginPath()
        roof.moveTo(0, wall)
        roof.lineTo(s / 2, s * 0.98)
        roof.lineTo(s, wall)
        roof.close()
        c.setFillColor(self.colour)
        c.drawPath(roof, stroke=1, fill=1)
        c.rect(s * 0.42, 0, s * 0.16, wall * 0.55, stroke=1, fill=1)
        if self.title:
            c.setFont(BOLD, 24)
            c.drawString(s + 6 * mm, s * 0.32, self.title)
        c.restoreState()


class _DrawingBelow(Flowable):
    """The drawing under the houses, with its title: as large as the rest of the page allows
    (at most `most_height`, never enlarged past twice its size); when less than
    `LEAST_HEIGHT` is left, on the next page."""

    LEAST_HEIGHT = 30 * mm
    GAP = 3 * mm

    def __init__(self, title: Paragraph, picture: PictureDTO, most_height: float):
        super().__init__()
        self.title, self.picture, self.most_height = title, picture, most_height
        self.scale = 1.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _w, title_height = self.title.wrap(available_width, available_height)
        room = min(
            max(available_height - title_height - self.GAP, self.LEAST_HEIGHT), self.most_height
        )
        p = self.picture
        self.scale = min(available_width / max(p.width, 1), room / max(p.height, 1), 2.0)
        self.title_height = title_height
        self.width = available_width
        self.height = title_height + self.GAP + p.height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        self.title.drawOn(self.canv, 0, self.height - self.title_height)
        p = self.picture
        width, height = p.width * self.scale, p.height * self.scale
        try:
            image = Image(io.BytesIO(p.data), width=width, height=height)
        except OSError:
            return
        image.drawOn(self.canv, (self.width - width) / 2, 0)


class _ChildLayout(Layout):
    def __init__(self, data: ChildVoiceData, texts: Texts, *, side_by_side: bool = False):
        super().__init__(texts)
        self.data = data
        self.side_by_side = side_by_side
        self.width, self.height = (
            (LANDSCAPE_FRAME_WIDTH, LANDSCAPE_FRAME_HEIGHT)
            if side_by_side
            else (FRAME_WIDTH, FRAME_HEIGHT)
        )
        self.title_style = ParagraphStyle(
            "child_title", self.s.title, fontSize=28, leading=34, spaceAfter=8
        )
        self.words_style = ParagraphStyle(
            "child_words",
            self.s.body,
            fontName=FONT,
            fontSize=WORDS_SIZE,
            leading=WORDS_SIZE * 1.4,
            spaceAfter=8,
        )
        self.ask_style = ParagraphStyle(
            "child_ask", self.words_style, fontName=BOLD, spaceBefore=4, spaceAfter=12
        )
        self.note_style = ParagraphStyle(
            "child_note",
            self.words_style,
            fontSize=14,
            leading=19,
            textColor=colors.HexColor("#444444"),
        )
        # Side by side: a third of the page each, the words still large.
        self.side_words_style = ParagraphStyle(
            "child_side_words",
            self.words_style,
            fontSize=SIDE_WORDS_SIZE,
            leading=SIDE_WORDS_SIZE * 1.4,
            spaceAfter=6,
        )
        self.side_ask_style = ParagraphStyle(
            "child_side_ask", self.side_words_style, fontName=BOLD, spaceBefore=2, spaceAfter=8
        )
        self.side_note_style = ParagraphStyle(
            "child_side_note", self.note_style, fontSize=SIDE_WORDS_SIZE
        )

    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        if self.data.houses is not None:
            out += self._houses(self.data.houses)
        for story in self.data.stories:
            if out:
                out.append(PageBreak())
            out += self._story(story)
        return out

    # ---- the three houses ---------------------------------------------------------------------

    def _houses(self, houses: HousesPart) -> list[Flowable]:
        intro = [self.t.text("houses_intro", held_on=houses.held_on)]
        if houses.talked_with.strip():
            intro.append(self.t.text("talked_with", person=houses.talked_with.strip()))
        out: list[Flowable] = [Paragraph(self.t.text("houses_title"), self.title_style)]
        if self.side_by_side:  # one paragraph: room for the drawing under the houses
            out += [Paragraph(" ".join(intro), self.note_style), Spacer(1, 3 * mm)]
            return out + self._houses_side_by_side(houses)
        out += [Paragraph(text, self.note_style) for text in intro]
        out.append(Spacer(1, 6 * mm))
        for number, name in enumerate(HOUSES):
            if number:
                out.append(PageBreak())
            out += self._house(name, houses.words[name])
        if houses.drawing is not None:
            out += [
                PageBreak(),
                Paragraph(self.t.text("drawing_title"), self.title_style),
                Spacer(1, 4 * mm),
                self._picture(houses.drawing, FRAME_HEIGHT - 30 * mm),
            ]
        return out

    def _houses_side_by_side(self, houses: HousesPart) -> list[Flowable]:
        """The three houses next to each other, each in its colour with the question and the
        child's words under it; the drawing below them (on the next page when it does not
        fit under them)."""
        column = (self.width - 2 * SIDE_GAP) / 3
        cells = [self._side_house(name, houses.words[name]) for name in HOUSES]
        table = Table(
            [cells],
            colWidths=[column + SIDE_GAP, column + SIDE_GAP, column],
            hAlign="LEFT",
            splitInRow=1,  # many words: the houses go on together on the next page
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (1, -1), SIDE_GAP),
                    ("RIGHTPADDING", (2, 0), (2, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        out: list[Flowable] = [table]
        if houses.drawing is not None:
            title = Paragraph(self.t.text("drawing_title"), self.side_ask_style)
            out += [Spacer(1, 4 * mm), _DrawingBelow(title, houses.drawing, self.height * 0.6)]
        return out

    def _side_house(self, name: str, words: str) -> list[Flowable]:
        """One house in its column: the house, its name, the question, the child's words."""
        title_style = ParagraphStyle(
            f"child_side_{name}",
            self.side_ask_style,
            fontSize=18,
            leading=22,
            textColor=colors.HexColor(HOUSE_COLOURS[name]),
        )
        out: list[Flowable] = [
            HouseMark("", HOUSE_COLOURS[name], size=14 * mm),
            Spacer(1, 1 * mm),
            Paragraph(self.t.text(f"house_{name}"), title_style),
            Paragraph(self.t.text(f"ask_{name}"), self.side_ask_style),
        ]
        lines = words.strip().split("\n") if words.strip() else []
        out += [Paragraph(markup(line) or "&nbsp;", self.side_words_style) for line in lines]
        if not lines:
            out.append(Paragraph(self.t.text("house_empty"), self.side_note_style))
        return out

    def _house(self, name: str, words: str) -> list[Flowable]:
        head = [
            HouseMark(self.t.plain(f"house_{name}"), HOUSE_COLOURS[name]),
            Spacer(1, 4 * mm),
            Paragraph(self.t.text(f"ask_{name}"), self.ask_style),
        ]
        lines = words.strip().split("\n") if words.strip() else []
        body: list[Flowable] = [
            Paragraph(markup(line) or "&nbsp;", self.words_style) for line in lines
        ]
        if not body:
            body = [Paragraph(self.t.text("house_empty"), self.note_style)]
        # The house never ends a page alone: it goes with the first of the child's words.
        return [KeepTogether([*head, body[0]]), *body[1:]]

    # ---- a story --------------------------------------------------------------------------------

    def _story(self, story: StoryPart) -> list[Flowable]:
        out: list[Flowable] = [Paragraph(markup(story.title), self.title_style)]
        if not story.pages:
            return [*out, Paragraph(self.t.text("story_empty"), self.note_style)]
        count = len(story.pages)
        for number, (text, picture) in enumerate(story.pages, 1):
            if number > 1:
                out.append(PageBreak())
            out.append(
                Paragraph(self.t.text("story_page", number=number, count=count), self.note_style)
            )
            if picture is not None:
                out += [self._picture(picture, self.height * 0.55), Spacer(1, 6 * mm)]
            for line in text.strip().split("\n") if text.strip() else ():
                out.append(Paragraph(markup(line) or "&nbsp;", self.words_style))
        return out

    def _picture(self, picture: PictureDTO, most_height: float) -> Flowable:
        """The picture as large as fits the width and `most_height`, never enlarged past
        twice its size (a small picture stays sharp)."""
        scale = min(
            self.width / max(picture.width, 1),
            most_height / max(picture.height, 1),
            2.0,
        )
        try:
            image = Image(
                io.BytesIO(picture.data), width=picture.width * scale, height=picture.height * scale
            )
            image.hAlign = "CENTER"
        except OSError:
            return Paragraph(self.t.text("picture_missing"), self.note_style)
        return image


def _render(
    data: ChildVoiceData,
    texts: Texts,
    *,
    author: str,
    today: dt.date,
    side_by_side: bool = False,
) -> Rendered:
    values = {"child": data.child, "case_number": data.case_number, "today": today}
    border = page_border(texts, **values)
    meta = Metadata(
        title=texts.plain("doc_title", **values),
        author=author,
        subject=texts.plain("subject"),
        language=texts.language,
    )
    story = _ChildLayout(data, texts, side_by_side=side_by_side).story()
    built = build_document(story, meta, border, pagesize=LANDSCAPE if side_by_side else A4)
    name = child_voice_file_name(data.case_number, data.child_position)
    return Rendered(built.data, name, meta.title, built.pages)


def render_child_voice(
    uow: UnitOfWork,
    case_id: int,
    child_id: int,
    *,
    language: str | None = None,
    today: dt.date | None = None,
    side_by_side: bool = False,
) -> Rendered:
    """The child's document as PDF bytes (NothingToPrint: nothing recorded for the child);
    `side_by_side`: the three houses next to each other on one landscape page (else one
    house a page). Logged first (access log): when that fails, no PDF is made."""
    data = gather_child_voice(uow, case_id, child_id)
    access.record(uow, AccessAction.PDF, case_id, detail=_("child's voice, for: the child"))
    texts = Texts("child_voice", language, mode=get_case(uow, case_id).household.mode)
    return _render(
        data, texts, author=uow.author, today=today or dt.date.today(), side_by_side=side_by_side
    )


def child_voice_disclosure(rendered: Rendered) -> Disclosed:
    """What the disclosure log says about the document handed to the child."""
    parts = (
        _("the child's newest Three Houses and drawing"),
        _("the Words & Pictures stories made for the child"),
    )
    return Disclosed(DisclosureKind.PDF, rendered.title, _("the child"), parts)


def write_child_voice(
    uow: UnitOfWork,
    case_id: int,
    child_id: int,
    path: str | os.PathLike[str],
    *,
    language: str | None = None,
    today: dt.date | None = None,
    side_by_side: bool = False,
) -> Written:
    """Render the child's document and write it atomically to `path` (PdfWriteError: nothing
    was written), then record it in the case's disclosure log as handed to the child;
    `Written.unlogged` says when that record failed."""
    rendered = render_child_voice(
        uow, case_id, child_id, language=language, today=today, side_by_side=side_by_side
    )
    written = write_atomically(rendered.data, path)
    return log_written(uow, [case_id], child_voice_disclosure(rendered), written)
