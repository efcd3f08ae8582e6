"""The ZRM summary as a PDF: per assessed person the latest assessment against the previous one,
the focus domains with their targets, a chart and the notes.

Data comes from `zrm_summary_data` (services only), wording from `resources/templates/
zrm_summary.j2`; this module lays them out. The consultant's selection decides which of the
four sections (table, focus, chart, notes) are in it and whether birth dates are shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import FRAME_WIDTH
from jeugdtool.export.pdf.base import HEADER_FILL
from jeugdtool.export.pdf.base import LINE
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.base import hyphenate_long_words
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.pdf.documents import Order
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.layout import PartnerLayout
from jeugdtool.export.pdf.layout import partner_pdf
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.zrm_chart import person_chart
from jeugdtool.export.pdf.zrm_summary_data import DomainLine
from jeugdtool.export.pdf.zrm_summary_data import FocusLine
from jeugdtool.export.pdf.zrm_summary_data import PersonZrm
from jeugdtool.export.pdf.zrm_summary_data import ZrmExport
from jeugdtool.export.pdf.zrm_summary_data import gather_zrm
from jeugdtool.export.pdf.zrm_summary_data import zrm_file_name
from jeugdtool.export.selection import Selection
from jeugdtool.framework.relations import person_relation
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.dto import FOCUS_ADVICE
from jeugdtool.zrm.dto import DomainScore
from jeugdtool.zrm.vocab import Direction

#: Column widths in mm (at 10 pt a header such as "Verandering" fits on its line): domain,
#: previous, latest, change, kind and who carries it.
_TABLE_COLUMNS = (34, 37, 37, 28, 34)
#: Domain, now, target, target date, reached, plan items.
_FOCUS_COLUMNS = (36, 10, 12, 28, 42, 42)
_UP, _DOWN = "#2e7d32", "#b3261e"
#: The sizes of a person's heading and of a section's heading (a chart's says whose it is).
PERSON_SIZE, SECTION_SIZE = 15.0, 11.0


@cache
def _person_style() -> ParagraphStyle:
    return ParagraphStyle(
        "person", styles().heading, fontSize=PERSON_SIZE, leading=19, spaceBefore=4
    )


@cache
def _section_style() -> ParagraphStyle:
    return ParagraphStyle(
        "zrm_section",
        styles().heading,
        fontSize=SECTION_SIZE,
        leading=14,
        spaceBefore=10,
        spaceAfter=4,
    )


def _grid(rows: list[list[Flowable]], widths: Sequence[float]) -> Table:
    for row in rows:
        for cell, width in zip(row, widths, strict=False):
            hyphenate_long_words(cell, width * mm - 6)  # the paddings
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("GRID", (0, 0), (-1, -1), 0.4, LINE),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


@dataclass
class _Section:
    """A section's flowables; `kept` stays on one page with the person's heading."""

    kept: list[Flowable]
    rest: list[Flowable]


class _ZrmLayout(PartnerLayout):
    """Builds the story of one ZRM summary."""

    def __init__(self, data: ZrmExport, selection: Selection, texts: Texts, today: dt.date):
        super().__init__(texts, today, selection)
        self.data = data
        self.lang = texts.language

    # ---- small helpers

    def small(self, text: str) -> str:
        return f'<font size="7.5" color="#555555">{text}</font>'

    def section_heading(self, name: str) -> Paragraph:
        return Paragraph(self.t.text(name), _section_style())

    def domain(self, person: PersonZrm, code: str) -> str:
        return markup(person.domain_name(code, self.lang))

    # ---- the document

    def story(self) -> list[Flowable]:
        out = self.front()
        for person in self.data.persons:
            out += self.person(person)
        return out

    def front(self) -> list[Flowable]:
        h = self.data.case.household
        manager = markup(h.case_manager_name or "") or self.t.text("no_case_manager")
        facts = [
            ("label_household", markup(h.name)),
            ("label_case_number", markup(h.case_number)),
            ("label_date", format_date_nl(self.today)),
            ("label_case_manager", manager),
            ("label_newest", format_date_nl(self.data.newest_on)),
        ]
        table = facts_table([(self.t.text(k), v) for k, v in facts], self.s, label_width=36 * mm)
        out = [*self.opening(markup(h.name)), table, Spacer(1, 4 * mm)]
        out += [self.p(text) for text in self.t.paragraphs("intro")]
        return out + self.partial()

    def person(self, person: PersonZrm) -> list[Flowable]:
        pd = person.person
        born = pd.birth_date if self.selection.birth_dates else None
        role = person_relation(pd)
        head: list[Flowable] = [
            Spacer(1, 6 * mm),
            Paragraph(
                self.t.text("person_heading", person=pd.full_name, role=role, born=born),
                _person_style(),
            ),
            self.p(self.assessed_line(person)),
        ]
        makers = {
            "table": self.table_section,
            "focus": self.focus_section,
            "chart": self.chart_section,
            "notes": self.notes_section,
        }
        sections = [make(person) for code, make in makers.items() if self.selection.includes(code)]
        if not sections:
            return [KeepTogether(head)]
        first, *others = sections
        out: list[Flowable] = [KeepTogether(head + first.kept), *first.rest]
        for section in others:
            out += [KeepTogether(section.kept), *section.rest]
        return out

    def assessed_line(self, person: PersonZrm) -> str:
        latest, previous = person.latest, person.previous
        line = self.t.text(
            "assessed",
            day=latest.assessed_on,
            assessor=latest.assessor,
            matrix=person.matrix.name.get(self.lang) if person.matrix else latest.matrix_id,
            version=latest.matrix_version,
        )
        if previous is None:
            return f"{line}<br/>{self.t.text('first')}"
        other_matrix = previous.matrix_id != latest.matrix_id
        pm = person.previous_matrix
        compared = self.t.text(
            "compared",
            day=previous.assessed_on,
            matrix=(pm.name.get(self.lang) if pm else previous.matrix_id) if other_matrix else "",
            version=previous.matrix_version,
        )
        return f"{line}<br/>{compared}"

    # ---- section: latest against previous

    def table_section(self, person: PersonZrm) -> _Section:
        previous = person.previous
        rows: list[list[Flowable]] = [
            [
                Paragraph(self.t.text("col_domain"), self.s.cell_head),
                Paragraph(
                    self.t.text("col_previous", day=previous.assessed_on if previous else None),
                    self.s.cell_head,
                ),
                Paragraph(
                    self.t.text("col_latest", day=person.latest.assessed_on), self.s.cell_head
                ),
                Paragraph(self.t.text("col_change"), self.s.cell_head),
                Paragraph(self.t.text("col_kind"), self.s.cell_head),
            ]
        ]
        rows += [self.table_row(person, line) for line in person.lines]
        kept: list[Flowable] = [self.section_heading("heading_table"), _grid(rows, _TABLE_COLUMNS)]
        acute = [a for a in person.advice if a.kind == "acute"]
        if acute:
            names = ", ".join(person.domain_name(c, self.lang) for c in acute[0].domains)
            kept += [Spacer(1, 2 * mm), self.p(self.t.text("advice_acute", domains=names))]
        return _Section(kept, [])

    def table_row(self, person: PersonZrm, line: DomainLine) -> list[Flowable]:
        name = f"<b>{self.domain(person, line.code)}</b>"
        if line.latest is not None and line.latest.focus:
            name += "<br/>" + self.small(self.t.text("focus_mark"))
        first = person.previous is None
        return [
            self.cell(name),
            self.cell("" if first else self.level(person, line.previous, previous=True)),
            self.cell(self.level(person, line.latest)),
            self.cell("" if first else self.change(line)),
            self.cell(self.kind(line.latest)),
        ]

    def level(self, person: PersonZrm, score: DomainScore | None, *, previous: bool = False) -> str:
        if score is None:
            return self.small(self.t.text("not_in_matrix"))
        if score.level is None:
            return self.small(self.t.text("not_assessed"))
        name = person.level_name(score.level, self.lang, previous=previous)
        return f"<b>{score.level}</b> {markup(name)}"

    def change(self, line: DomainLine) -> str:
        direction = line.change.direction
        if direction is None:
            return ""
        text = self.t.text(f"change_{direction.value}")
        colour = {Direction.UP: _UP, Direction.DOWN: _DOWN}.get(direction)
        return f'<font color="{colour}"><b>{text}</b></font>' if colour else text

    def kind(self, score: DomainScore | None) -> str:
        if score is None:
            return ""
        parts = []
        if score.limitation:
            parts.append(self.t.text("kind_limitation"))
        elif score.level is not None and score.level <= 3:
            parts.append(self.t.text("kind_problem"))
        if score.carried_by is not None:
            parts.append(self.t.text(f"carried_{score.carried_by.value}"))
        return " · ".join(parts)

    # ---- section: focus domains and targets

    def focus_section(self, person: PersonZrm) -> _Section:
        heading = self.section_heading("heading_focus")
        if not person.focus:
            return _Section([heading, self.p(self.t.text("no_focus"))], [])
        names = ("col_domain", "col_now", "col_target", "col_by", "col_reached", "col_plan")
        rows = [self.head_row(*names)]
        rows += [self.focus_row(person, f) for f in person.focus]
        kept: list[Flowable] = [heading, _grid(rows, _FOCUS_COLUMNS)]
        if any(a.kind == "focus" for a in person.advice):
            n = len(person.latest.focus_domains)
            kept += [Spacer(1, 2 * mm), self.p(self.t.text("advice_focus", n=n, max=FOCUS_ADVICE))]
        return _Section(kept, [])

    def focus_row(self, person: PersonZrm, f: FocusLine) -> list[Flowable]:
        name = f"<b>{self.domain(person, f.code)}</b>"
        if not f.current:
            name += "<br/>" + self.small(self.t.text("earlier_focus"))
        items = [self.t.text(f"item_{i.kind}", n=i.number) for i in f.plan_items]
        linked = [", ".join(items)] if items else []
        linked += [self.t.text("item_help", kind=kind) for kind in f.help]
        return [
            self.cell(name),
            self.cell(str(f.level) if f.level is not None else "–"),
            self.cell(f"<b>{f.target_level}</b>" if f.target_level is not None else "–"),
            self.cell(format_date_nl(f.target_date)),
            self.cell(self.reached(f)),
            self.cell("<br/>".join(linked)),
        ]

    def reached(self, f: FocusLine) -> str:
        r = f.result
        if f.target_level is None or r is None:
            return self.t.text("no_target")
        if r.reached_on is not None:
            return f'<font color="{_UP}">{self.t.text("reached_on", day=r.reached_on)}</font>'
        if r.overdue(self.today):
            return f'<font color="{_DOWN}">{self.t.text("overdue")}</font>'
        if r.latest_level is None:
            return self.t.text("not_measured")
        return self.t.text("not_yet")

    # ---- section: the chart

    def chart_section(self, person: PersonZrm) -> _Section:
        """The chart under a heading that says whose it is and of which day: it may start a
        page of its own, away from the person's heading."""
        drawing = person_chart(person, self.t, FRAME_WIDTH)
        heading = self.t.text(
            "heading_chart", person=person.person.full_name, day=person.latest.assessed_on
        )
        return _Section([Paragraph(heading, _section_style()), drawing], [])

    # ---- section: notes

    def notes_section(self, person: PersonZrm) -> _Section:
        notes: list[Flowable] = []
        if person.latest.note.strip():
            notes.append(self.p(f"{self.t.text('about_assessment')} {markup(person.latest.note)}"))
        for line in person.lines:
            score = line.latest
            if score is None or not score.note.strip():
                continue
            level = ""
            if score.level is not None:
                name = person.level_name(score.level, self.lang)
                level = f" ({score.level} — {markup(name)})"
            head = f"<b>{self.domain(person, line.code)}</b>{level}"
            notes.append(self.p(f"{head}: {markup(score.note)}"))
        if not notes:
            notes = [self.p(self.t.text("no_notes"), "small")]
        return _Section([self.section_heading("heading_notes"), notes[0]], notes[1:])


def render_zrm_document(uow: UnitOfWork, order: Order) -> Rendered:
    """The ZRM summary of the case with the order's selection. Its version is ignored: the
    summary always shows each person's latest assessment against the one before it.
    NoAssessments when the case has none (of a person the selection includes); the author is
    the consultant of `uow`."""
    data = gather_zrm(uow, order.case_id, order.selection, today=order.today)
    texts = Texts("zrm_summary", order.language)
    h = data.case.household
    values = {"household": h.name, "case_number": h.case_number, "today": order.today}
    story = _ZrmLayout(data, order.selection, texts, order.today).story()
    built, title = partner_pdf(
        story,
        texts,
        values,
        author=uow.author,
        # No person's name in the metadata: it would outlive a selection that leaves them out.
        subject=texts.plain("subject"),
        audience=order.selection.audience,
    )
    name = zrm_file_name(h.case_number, data.newest_on)
    return Rendered(data=built.data, file_name=name, title=title, pages=built.pages)
