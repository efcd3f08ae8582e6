"""The family's experience form as a PDF: one page per family member with the three questions
of the closing (vocab.ExperienceQuestion) — five boxes from 1 to 5 under simple faces, the words
at both ends — room for a comment and a line on what happens with the answers.

A child's page is in a child's words, an adult's in plain Dutch (B1); the wording is
`resources/templates/experience_form.j2`, the people come from `experience_form_data`. Only the
case number and each member's first name are printed. Everything is black on white, so the form
can be printed and copied on any printer. Like every PDF it is logged before it is made (access
log) and recorded as handed to the family once written (disclosure log).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import PageBreak
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer

from jeugdtool.cases import access
from jeugdtool.cases.privacy_models import DisclosureKind
from jeugdtool.export.disclose import Disclosed
from jeugdtool.export.disclose import Written
from jeugdtool.export.disclose import log_written
from jeugdtool.export.pdf.base import BOLD
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import LINE
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.experience_form_data import FormData
from jeugdtool.export.pdf.experience_form_data import Member
from jeugdtool.export.pdf.experience_form_data import experience_form_file_name
from jeugdtool.export.pdf.experience_form_data import gather_form
from jeugdtool.export.pdf.files import write_atomically
from jeugdtool.export.pdf.layout import Layout
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.texts import page_border
from jeugdtool.i18n import _
from jeugdtool.outcomes.vocab import ExperienceQuestion
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork

__all__ = ["experience_form_file_name", "render_experience_form", "write_experience_form"]

#: The answers, lowest first; the face over each goes from sad (-1) to happy (+1).
ANSWERS = (1, 2, 3, 4, 5)
_MOODS = (-1.0, -0.5, 0.0, 0.5, 1.0)
_FACE_RADIUS = 5 * mm
_BOX = 8 * mm
#: Between the centres of two answers, and of the first answer from the left edge.
_STEP = 27 * mm
_FIRST = 14 * mm
#: The comment box is never lower than this (a long name or translation takes room first).
_MIN_COMMENT = 30 * mm


def _draw_face(canvas: Canvas, x: float, y: float, r: float, mood: float) -> None:
    """A round face centred on (x, y): two eyes and a mouth curved by `mood` (-1 sad … 1 happy)."""
    canvas.circle(x, y, r, stroke=1, fill=0)
    for side in (-1, 1):
        canvas.circle(x + side * 0.33 * r, y + 0.22 * r, 0.09 * r, stroke=0, fill=1)
    ends = y - 0.40 * r + 0.12 * r * mood
    bend = ends - 0.38 * r * mood
    half = 0.42 * r
    mouth = canvas.beginPath()
    mouth.moveTo(x - half, ends)
    mouth.curveTo(x - half / 2, bend, x + half / 2, bend, x + half, ends)
    canvas.drawPath(mouth, stroke=1, fill=0)


class AnswerScale(Flowable):
    """Five boxes labelled 1–5, a face over each, "not at all" under 1 and "completely" under 5."""

    def __init__(self, low: str, high: str):
        super().__init__()
        self.low, self.high = low, high
        self.height = 2 * _FACE_RADIUS + 2 * mm + _BOX + 10 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.black)
        c.setFillColor(colors.black)
        c.setLineWidth(0.9)
        face_y = self.height - _FACE_RADIUS
        box_top = face_y - _FACE_RADIUS - 2 * mm
        number_y = box_top - _BOX - 3.8 * mm
        for i, (answer, mood) in enumerate(zip(ANSWERS, _MOODS, strict=True)):
            x = _FIRST + i * _STEP
            _draw_face(c, x, face_y, _FACE_RADIUS, mood)
            c.setLineWidth(1.2)
            c.rect(x - _BOX / 2, box_top - _BOX, _BOX, _BOX, stroke=1, fill=0)
            c.setLineWidth(0.9)
            c.setFont(BOLD, 10)
            c.drawCentredString(x, number_y, str(answer))
        c.setFont(FONT, 9)
        words_y = number_y - 4 * mm
        c.drawCentredString(_FIRST, words_y, self.low)
        c.drawCentredString(_FIRST + (len(ANSWERS) - 1) * _STEP, words_y, self.high)
        c.restoreState()


class CommentBox(Flowable):
    """A box to write (or draw) in, as high as the page allows after `below` (the flowables that
    must still fit under it); ruled lines for an adult's page, blank for a child's drawing."""

    def __init__(self, below: Sequence[Flowable], *, ruled: bool):
        super().__init__()
        self.below, self.ruled = below, ruled

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        under = sum(f.wrap(avail_width, avail_height)[1] + f.getSpaceBefore() for f in self.below)
        self.width = avail_width
        self.height = max(_MIN_COMMENT, avail_height - under - 3 * mm)
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.9)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        if self.ruled:
            c.setStrokeColor(LINE)
            c.setLineWidth(0.4)
            y = self.height - 9 * mm
            while y > 4 * mm:
                c.line(4 * mm, y, self.width - 4 * mm, y)
                y -= 9 * mm
        c.restoreState()


class _FormLayout(Layout):
    """Builds the story: one page per member."""

    def __init__(self, data: FormData, texts: Texts):
        super().__init__(texts)
        self.data = data
        self.adult_text = ParagraphStyle("form_adult", self.s.body, fontSize=11, leading=15.5)
        self.child_text = ParagraphStyle("form_child", self.s.body, fontSize=12.5, leading=17)

    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        for number, member in enumerate(self.data.members):
            if number:
                out.append(PageBreak())
            out += self.page(member)
        return out

    def page(self, member: Member) -> list[Flowable]:
        who = "child" if member.child else "adult"
        body = self.child_text if member.child else self.adult_text
        question = ParagraphStyle("form_question", body, fontName=BOLD, spaceBefore=7)
        facts = [
            (self.t.text("label_for"), markup(member.first_name)),
            (self.t.text("label_case_number"), markup(self.data.case_number)),
        ]
        out: list[Flowable] = [
            self.p(self.t.text(f"title_{who}"), "title"),
            facts_table(facts, self.s, label_width=30 * mm, bottom_padding=1),
            Spacer(1, 3 * mm),
        ]
        intro = self.t.paragraphs(f"intro_{who}", first_name=member.first_name)
        out += [Paragraph(text, body) for text in intro]
        low, high = self.t.plain("not_at_all"), self.t.plain("completely")
        for q in ExperienceQuestion:
            wording = Paragraph(self.t.text(f"question_{q.value}_{who}"), question)
            out.append(KeepTogether([wording, AnswerScale(low, high)]))
        after = Paragraph(
            f"<b>{self.t.text(f'after_heading_{who}')}</b> {self.t.text(f'after_{who}')}",
            ParagraphStyle(
                "form_after",
                self.s.small,
                fontSize=9,
                leading=12,
                spaceBefore=3,
                textColor=colors.black,
            ),
        )
        out += [
            Paragraph(self.t.text(f"comment_{who}"), question),
            CommentBox([after], ruled=not member.child),
            after,
        ]
        return out


def _render(data: FormData, texts: Texts, *, author: str, today: dt.date) -> Rendered:
    border = page_border(texts, case_number=data.case_number, today=today)
    meta = Metadata(
        title=texts.plain("doc_title", case_number=data.case_number),
        author=author,
        subject=texts.plain("subject"),
        language=texts.language,
    )
    built = build_document(_FormLayout(data, texts).story(), meta, border)
    name = experience_form_file_name(data.case_number)
    return Rendered(built.data, name, meta.title, built.pages)


def render_experience_form(
    uow: UnitOfWork,
    case_id: int,
    *,
    person_ids: Iterable[int] | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> Rendered:
    """The form as PDF bytes: a page for each household member, or for those of `person_ids`
    (NotFound for someone who is not a member, NoMembers for nobody). Logged first (access
    log): when that fails, no PDF is made."""
    data = gather_form(uow, case_id, person_ids)
    access.record(uow, AccessAction.PDF, case_id, detail=_("experience form, for: the family"))
    texts = Texts("experience_form", language)
    return _render(data, texts, author=uow.author, today=today or dt.date.today())


def experience_disclosure(rendered: Rendered) -> Disclosed:
    """What the disclosure log says about a form handed to the family."""
    parts = (
        _(
            "the experience form: three questions on a scale of 1 to 5 and room for a "
            "comment, one page per family member"
        ),
        _("the family members' first names and the case number only"),
    )
    return Disclosed(DisclosureKind.PDF, rendered.title, _("the family"), parts)


def write_experience_form(
    uow: UnitOfWork,
    case_id: int,
    path: str | os.PathLike[str],
    *,
    person_ids: Iterable[int] | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> Written:
    """Render the form and write it atomically to `path` (PdfWriteError: nothing was written),
    then record it in the case's disclosure log as handed to the family;
    `Written.unlogged` says when that record failed."""
    rendered = render_experience_form(
        uow, case_id, person_ids=person_ids, language=language, today=today
    )
    written = write_atomically(rendered.data, path)
    return log_written(uow, [case_id], experience_disclosure(rendered), written)
