"""The minutes of a reflective-practice meeting as a PDF: who took part, and per case on the
agenda the question, the scale round with its spread, notes, advice, decisions, the reflection
on the cheapest adequate help and the follow-ups.

Data comes from `minutes_data` (services only), wording from `resources/templates/
minutes.j2`; this module lays them out. With 'hide names' (by default the meeting's own
setting) every household member, network member and invited partner appears as initials and
role — in the text, the tables and the PDF's metadata alike; the team's colleagues keep their
names (see `minutes_data`). A case is then named by its number and "Gezin B." only.
"""

from __future__ import annotations

import datetime as dt
import os

from markupsafe import Markup
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Spacer

from jeugdtool.cases import access
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.export.disclose import Written
from jeugdtool.export.disclose import log_written
from jeugdtool.export.disclose import minutes_disclosure
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.files import write_atomically
from jeugdtool.export.pdf.layout import Layout
from jeugdtool.export.pdf.minutes_data import MinutesData
from jeugdtool.export.pdf.minutes_data import gather_minutes
from jeugdtool.export.pdf.minutes_data import household_initial
from jeugdtool.export.pdf.minutes_data import minutes_file_name
from jeugdtool.export.pdf.minutes_data import minutes_mask
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.texts import page_border
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import Spread
from jeugdtool.meetings.names import NameMask
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork

__all__ = ["export_minutes", "minutes_file_name", "render_minutes"]

#: Column widths in mm: the round (participant, score, reason) and the follow-ups.
_ROUND_COLUMNS = (45, 15, 110)
_FOLLOW_UP_COLUMNS = (88, 36, 24, 22)


class _MinutesLayout(Layout):
    """Builds the story of one meeting's minutes."""

    def __init__(self, data: MinutesData, texts: Texts, mask: NameMask):
        super().__init__(texts)
        self.data, self.mask = data, mask
        #: The team's colleagues keep their names, also when a family shares one.
        self.colleagues = {p.name for p in data.meeting.participants if p.kind == "consultant"}

    # ---- small helpers

    def user(self, text: str) -> str:
        """User text, names masked, as Paragraph markup."""
        return markup(self.mask.text(text))

    def block(self, heading: str, text: str, question: str | None = None) -> list[Flowable]:
        parts: list[Flowable] = [self.heading(heading)]
        if question:
            parts.append(self.p(f"<i>{self.t.text(question)}</i>", "small"))
        empty = self.p(self.t.text("not_recorded"), "small")
        parts.append(self.p(self.user(text)) if text.strip() else empty)
        return [KeepTogether(parts)]

    def who(self, name: str) -> str:
        """A name standing alone (a scorer, an owner, the chair), as Paragraph markup."""
        return markup(name if name in self.colleagues else self.mask.label(name))

    def case_name(self, item: ItemDTO) -> str:
        if self.mask.enabled:
            return self.t.text("family_initial", initial=household_initial(item.case_name))
        return markup(item.case_name)

    # ---- the front

    def story(self) -> list[Flowable]:
        out = self.front()
        items = self.data.meeting.items
        if not items:
            out.append(self.p(self.t.text("no_cases")))
        for number, item in enumerate(items, start=1):
            out += self.case(number, item)
        return out

    def front(self) -> list[Flowable]:
        m = self.data.meeting.meeting
        facts = [
            ("label_date", format_date_nl(m.held_on)),
            ("label_chair", self.who(m.chair) if m.chair.strip() else self.t.text("no_chair")),
            ("label_participants", self.participants()),
            (
                "label_cases",
                "<br/>".join(
                    f"{markup(i.case_number)} — {self.case_name(i)}"
                    for i in self.data.meeting.items
                ),
            ),
        ]
        table = facts_table([(self.t.text(k), v) for k, v in facts], self.s, bottom_padding=3)
        out: list[Flowable] = [self.p(self.t.text("title"), "title")]
        if m.title.strip():
            out.append(self.p(self.user(m.title), "subtitle"))
        out += [table, Spacer(1, 3 * mm)]
        out += [self.p(text) for text in self.t.paragraphs("intro")]
        if self.mask.enabled:
            out.append(self.p(self.t.text("names_hidden"), "small"))
        if m.note.strip():
            out += self.block("heading_note", m.note)
        return out

    def participants(self) -> str:
        found = self.data.meeting.participants
        if not found:
            return self.t.text("no_participants")
        lines = []
        for p in found:
            if p.kind == "partner" and self.mask.enabled:
                lines.append(markup(self.mask.label(p.name)))  # initials (organisation)
                continue
            line = markup(p.name)
            if p.organisation.strip():
                line += f" ({self.user(p.organisation)})"
            if p.kind == "partner":
                line += f" — {self.t.text('partner')}"
            lines.append(line)
        return "<br/>".join(lines)

    # ---- one case

    def case(self, number: int, item: ItemDTO) -> list[Flowable]:
        # The name is markup already (escaped, or the template's "Gezin B.").
        household = Markup(self.case_name(item))
        heading = self.t.text(
            "heading_case", number=number, case_number=item.case_number, household=household
        )
        question = item.question.strip()
        opening: list[Flowable] = [
            Spacer(1, 4 * mm),
            self.p(heading, "heading"),
            self.p(f"<b>{self.t.text('label_question')}</b>"),
            self.p(self.user(question)) if question else self.p(self.t.text("not_recorded")),
        ]
        return [
            KeepTogether(opening),
            *self.round(item),
            *self.block("heading_notes", item.notes),
            *self.block("heading_advice", item.advice),
            *self.block("heading_decisions", item.decisions),
            *self.block("heading_cheapest_help", item.cheapest_help, "cheapest_help_question"),
            *self.follow_ups(item),
        ]

    def round(self, item: ItemDTO) -> list[Flowable]:
        if not item.round:
            heading = self.heading("heading_round")
            return [KeepTogether([heading, self.p(self.t.text("no_round"), "small")])]
        rows = [self.head_row("col_participant", "col_score", "col_reason")]
        rows += [
            [
                self.cell(self.who(e.name)),
                self.cell(f"<b>{e.score}</b>"),
                self.cell(self.user(e.reason)),
            ]
            for e in item.round
        ]
        return [
            *table_heading(self.t.text("heading_round"), room=35 * mm),
            self.p(self.t.text("round_intro"), "small"),
            data_table(rows, [w * mm for w in _ROUND_COLUMNS], header=True),
            Spacer(1, 1.5 * mm),
            self.p(self.spread(item.spread)),
        ]

    def spread(self, spread: Spread | None) -> str:
        if spread is None:
            return ""
        median = f"{spread.median:g}"
        if self.t.language == "nl":
            median = median.replace(".", ",")
        return self.t.text(
            "spread", low=spread.low, high=spread.high, median=median, count=spread.count
        )

    def follow_ups(self, item: ItemDTO) -> list[Flowable]:
        if not item.follow_ups:
            heading = self.heading("heading_follow_ups")
            return [KeepTogether([heading, self.p(self.t.text("no_follow_ups"), "small")])]
        rows = [self.head_row("col_what", "col_who", "col_due", "col_status")]
        rows += [
            [
                self.cell(self.user(f.what)),
                self.cell(self.who(f.owner) if f.owner.strip() else ""),
                self.cell(format_date_nl(f.due_on)),
                self.cell(self.t.text("done" if f.done else "open")),
            ]
            for f in item.follow_ups
        ]
        return [
            *table_heading(self.t.text("heading_follow_ups"), room=30 * mm),
            data_table(rows, [w * mm for w in _FOLLOW_UP_COLUMNS], header=True),
        ]


def _case_labels(data: MinutesData) -> list[str]:
    """The agenda's cases for the metadata: their numbers only (a family's name, even its
    initial, stays out of the metadata)."""
    return [item.case_number for item in data.meeting.items]


def _render(
    data: MinutesData,
    *,
    author: str,
    hide_names: bool | None,
    language: str | None,
    today: dt.date,
) -> tuple[bytes, str, bool]:
    """The PDF, its title and whether names are hidden in it."""
    m = data.meeting.meeting
    mask = minutes_mask(data, enabled=m.hide_names if hide_names is None else hide_names)
    texts = Texts("minutes", language)
    border = page_border(texts, held_on=m.held_on, today=today)
    meta = Metadata(
        title=texts.plain("doc_title", held_on=m.held_on, title=mask.text(m.title.strip())),
        author=author,
        subject=texts.plain("subject", cases=_case_labels(data)),
        language=texts.language,
    )
    built = build_document(_MinutesLayout(data, texts, mask).story(), meta, border)
    return built.data, meta.title, mask.enabled


def render_minutes(
    uow: UnitOfWork,
    meeting_id: int,
    *,
    hide_names: bool | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The minutes as PDF bytes. `hide_names`: None follows the meeting's own switch. The
    author in the metadata is the consultant of `uow`. Logged first for every case on the
    agenda (access log): when that fails, no PDF is made."""
    pdf, _title, _hidden, _cases = _logged_render(uow, meeting_id, hide_names, language, today)
    return pdf


def _logged_render(
    uow: UnitOfWork,
    meeting_id: int,
    hide_names: bool | None,
    language: str | None,
    today: dt.date | None,
) -> tuple[bytes, str, bool, list[int]]:
    """The PDF, its title, whether names are hidden, and the agenda's cases (each logged)."""
    data = gather_minutes(uow, meeting_id)
    detail = _("minutes of the meeting of {day}").format(day=data.meeting.meeting.held_on)
    for case_id in data.cases:
        access.record(uow, AccessAction.PDF, case_id, detail=detail)
    pdf, title, hidden = _render(
        data,
        author=uow.author,
        hide_names=hide_names,
        language=language,
        today=today or dt.date.today(),
    )
    return pdf, title, hidden, list(data.cases)


def export_minutes(
    uow: UnitOfWork,
    meeting_id: int,
    path: str | os.PathLike[str],
    *,
    hide_names: bool | None = None,
    language: str | None = None,
    today: dt.date | None = None,
    recipient: str = "",
) -> Written:
    """Render the minutes, write them atomically to `path` (never half a file), then record
    them in the disclosure log of every case on the agenda, each with its own agenda item."""
    pdf, title, hidden, cases = _logged_render(uow, meeting_id, hide_names, language, today)
    written = write_atomically(pdf, path)
    what = minutes_disclosure(title, names_hidden=hidden, recipient=recipient)
    return log_written(uow, cases, what, written)
