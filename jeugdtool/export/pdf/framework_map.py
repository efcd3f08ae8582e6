"""The framework map of one mapping moment as a PDF, on landscape A4: the three columns side by
side, the danger statements, safety goals and bottom lines, and the scale with its chart.

Data comes from `framework_map_data` (services only), wording from `resources/templates/
framework_map.j2`; this module lays them out.
"""

from __future__ import annotations

import datetime as dt
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
from jeugdtool.export.pdf.base import LANDSCAPE
from jeugdtool.export.pdf.base import LANDSCAPE_FRAME_HEIGHT
from jeugdtool.export.pdf.base import LANDSCAPE_FRAME_WIDTH
from jeugdtool.export.pdf.base import LINE
from jeugdtool.export.pdf.base import MUTED
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import facts_table
from jeugdtool.export.pdf.base import reading_styles
from jeugdtool.export.pdf.base import table_heading
from jeugdtool.export.pdf.charts import scale_chart
from jeugdtool.export.pdf.documents import Order
from jeugdtool.export.pdf.documents import Rendered
from jeugdtool.export.pdf.framework_map_data import MapExport
from jeugdtool.export.pdf.framework_map_data import gather_map
from jeugdtool.export.pdf.framework_map_data import map_file_name
from jeugdtool.export.pdf.framework_map_data import select_map
from jeugdtool.export.pdf.layout import KeepRows
from jeugdtool.export.pdf.layout import PartnerLayout
from jeugdtool.export.pdf.layout import partner_pdf
from jeugdtool.export.pdf.statements import statement_sections
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.export.pdf.texts import markup
from jeugdtool.export.pdf.texts import visual
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import section_codes
from jeugdtool.framework import prompts
from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.scale import default_wording
from jeugdtool.framework.vocab import CELL_COLUMN
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Column
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.store.uow import UnitOfWork

_MUTED = MUTED.hexval().replace("0x", "#")


@cache
def _item() -> ParagraphStyle:
    """An item in a column: the table cell's words; a split leaves no line alone on either
    page (the attribution is the item's last line)."""
    return ParagraphStyle("map_item", reading_styles().cell, allowWidows=0, allowOrphans=0)


#: Widths of the scores table (who, date, score, why), in mm; the rest goes to "why".
_SCORE_COLUMNS = (60, 24, 14)


class _MapLayout(PartnerLayout):
    """Builds the story of one map export."""

    def __init__(self, data: MapExport, texts: Texts, today: dt.date, selection: Selection):
        super().__init__(texts, today, selection)
        self.data = data
        self.mode = data.case.household.mode

    def story(self) -> list[Flowable]:
        sections = {"map": self.columns, "statements": self.statements, "scale": self.scale}
        return self.front() + self.selected(sections)

    # ---- the front

    def front(self) -> list[Flowable]:
        d, h = self.data, self.data.case.household
        m = d.moment.moment
        subtitle = "subtitle_past" if d.is_past else "subtitle_current"
        out = self.opening(self.t.text(subtitle, household=h.name, held_on=m.held_on))
        present = "; ".join(markup(name) for name in m.present) or self.t.text("nobody_recorded")
        facts = [
            ("label_household", markup(h.name)),
            ("label_case_number", markup(h.case_number)),
            ("label_moment", self.t.text("moment", held_on=m.held_on, author=m.author)),
            ("label_present", present),
            (
                "label_case_manager",
                markup(h.case_manager_name or "") or self.t.text("no_manager"),
            ),
            ("label_date", format_date_nl(self.today)),
        ]
        table = facts_table(
            [(self.t.text(k), v) for k, v in facts],
            self.s,
            label_width=38 * mm,
            frame_width=LANDSCAPE_FRAME_WIDTH,
        )
        out += [table, Spacer(1, 3 * mm)]
        if d.is_past:
            assert d.newest is not None
            notice = self.t.paragraphs("past_notice", newest=d.newest.held_on, held_on=m.held_on)
            out += [self.p(text) for text in notice]
        return out + self.partial()

    # ---- the three columns

    def columns(self) -> list[Flowable]:
        """One table: a header row with the column titles, and one row whose three cells hold
        each column's cells and items; that row splits across pages, so nothing is lost."""
        width = LANDSCAPE_FRAME_WIDTH / 3
        header = [
            Paragraph(visual(prompts.column_title(c, self.mode, self.t.language)), self.s.cell_head)
            for c in Column
        ]
        body = [self.column(c) for c in Column]
        table = data_table(
            [header, body],
            [width] * 3,
            header=True,
            frame_height=LANDSCAPE_FRAME_HEIGHT,
            split_in_row=True,  # the body row is as long as the longest column
        )
        return [
            *table_heading(self.t.text("heading_map")),
            table,
            Spacer(1, 2 * mm),
            self.p(self.t.text("map_legend"), "small"),
        ]

    def column(self, column: Column) -> list[Flowable]:
        """The column's cells and items, with no space after the last one: a row split at the
        end of a page never leaves a piece holding nothing but space."""
        out: list[Flowable] = []
        for cell in Cell:
            if CELL_COLUMN[cell] is not column:
                continue
            if out:
                out.append(Spacer(1, 3 * mm))
            # The title shares a paragraph with the first item, so that a page never ends
            # with a title alone (a paragraph leaves at least two lines behind when split).
            title = visual(prompts.cell_title(cell, self.mode, self.t.language))
            title = f"<b>{title}</b><br/>"
            items = self.data.moment.cells.get(cell, ())
            if not items:
                empty = self.t.text("empty_cell")
                out.append(Paragraph(f'{title}<font color="{_MUTED}">{empty}</font>', _item()))
            for n, item in enumerate(items):
                if n:
                    out.append(Spacer(1, 1.5 * mm))
                out.append(self.item(item, title if n == 0 else ""))
        return out

    def item(self, item: MapItemDTO, title: str) -> Paragraph:
        """The item's text, then who said it and its marks in small print, in one paragraph
        that never leaves its last line alone: "said by" stays with what was said."""
        text = f"{title}• {markup(item.text)}"
        marks = []
        if item.source.label:
            marks.append(self.t.text("said_by", who=item.source.label))
        if item.worry_kind is WorryKind.PROBLEM:
            marks.append(self.t.text("problem"))
        elif item.worry_kind is WorryKind.LIMITATION:
            marks.append(self.t.text("limitation"))
        agree = sum(1 for s in item.stances if s.stance is Stance.AGREES)
        if agree:
            marks.append(self.t.text("agree", n=agree))
        if len(item.stances) - agree:
            marks.append(self.t.text("dispute", n=len(item.stances) - agree))
        if marks:
            text += f'<br/><font color="{_MUTED}">{" · ".join(marks)}</font>'
        return Paragraph(text, _item())

    # ---- statements

    def statements(self) -> list[Flowable]:
        return statement_sections(self.data.statements, self.t, self.s)

    # ---- the scale

    def scale(self) -> list[Flowable]:
        d = self.data
        wording = default_wording(d.scale.mode, self.t.language)
        zero = d.scale.custom_zero or wording["zero"]
        ten = d.scale.custom_ten or wording["ten"]
        ends = Table(
            [
                [
                    self.p(f"<b>{self.t.text('label_zero')}</b>", "cell"),
                    self.p(markup(zero), "cell"),
                ],
                [self.p(f"<b>{self.t.text('label_ten')}</b>", "cell"), self.p(markup(ten), "cell")],
            ],
            colWidths=[30 * mm, LANDSCAPE_FRAME_WIDTH - 30 * mm],
            hAlign="LEFT",
        )
        ends.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.4, LINE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        # The heading, what 0 and 10 mean, the formal score and the chart stay on one page.
        out: list[Flowable] = [
            self.heading("heading_scale"),
            self.p(markup(wording["question"])),
            ends,
            Spacer(1, 2 * mm),
        ]
        f = d.formal
        if f is not None:
            out.append(
                self.p(self.t.text("formal", score=f.score, day=f.scored_on, who=f.source.label))
            )
        else:
            out.append(self.p(self.t.text("no_formal")))
        if d.history.is_empty:
            return [KeepTogether([*out, self.p(self.t.text("no_scores"))])]
        names = [visual(d.rater_name(s.rater)) for s in d.history.series]
        chart = scale_chart(
            d.history, LANDSCAPE_FRAME_WIDTH, name=names.__getitem__, day_label=format_date_nl
        )
        formal = any(s.formal for s in d.history.series)
        caption = self.t.text("chart_caption" if formal else "chart_caption_no_manager")
        out += [chart, self.p(caption, "small")]
        return [KeepTogether(out), Spacer(1, 3 * mm), self.scores()]

    def scores(self) -> Flowable:
        rows = [self.head_row("col_rater", "col_day", "col_score", "col_reason")]
        d = self.data
        points = sorted(
            ((p, d.rater_name(s.rater)) for s in d.history.series for p in s.points),
            key=lambda pair: (pair[0].scored_on, pair[0].score_id),
        )
        for point, who in points:
            why = markup(point.reason)
            if point.one_higher.strip():
                why += "<br/>" + self.t.text("one_higher", text=point.one_higher)
            day = format_date_nl(point.scored_on)
            rows.append([self.cell(text) for text in (markup(who), day, str(point.score), why)])
        widths = [w * mm for w in _SCORE_COLUMNS]
        widths.append(LANDSCAPE_FRAME_WIDTH - sum(widths))
        table = data_table(rows, widths, header=True, frame_height=LANDSCAPE_FRAME_HEIGHT)
        return KeepRows(table, LANDSCAPE_FRAME_HEIGHT)


def render_map_document(uow: UnitOfWork, order: Order) -> Rendered:
    """The mapping moment `order.version` (its id; default: the newest) as the selection has
    it; the author in the metadata is the consultant of `uow`."""
    data = select_map(gather_map(uow, order.case_id, order.version), order.selection)
    texts = Texts("framework_map", order.language, mode=data.case.household.mode)
    today, selection = order.today, order.selection
    h, m = data.case.household, data.moment.moment
    values = {
        "household": h.name,
        "case_number": h.case_number,
        "held_on": m.held_on,
        "today": today,
    }
    sections = [c for c in section_codes(Document.MAP) if selection.includes(c)]
    built, title = partner_pdf(
        _MapLayout(data, texts, today, selection).story(),
        texts,
        values,
        author=uow.author,
        subject=texts.plain("subject", sections=sections),
        audience=selection.audience,
        pagesize=LANDSCAPE,
    )
    return Rendered(built.data, map_file_name(h.case_number, m.held_on), title, built.pages)
