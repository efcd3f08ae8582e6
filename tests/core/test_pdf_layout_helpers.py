"""The layout checks every PDF test uses (tests/pdf_layout.py) find what they are for, and pass
what is fine; `KeepRows` keeps rows together; the one rule for naming who someone is; the scale
chart's dates, markers and colours."""

from __future__ import annotations

import colorsys
import datetime as dt
import itertools

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.dto import NetworkMemberDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import NetworkKind
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.colours import RATER_COLOURS
from jeugdtool.export.pdf import charts
from jeugdtool.export.pdf.base import FONT
from jeugdtool.export.pdf.base import FRAME_HEIGHT
from jeugdtool.export.pdf.base import MARGIN
from jeugdtool.export.pdf.base import Metadata
from jeugdtool.export.pdf.base import PageBorder
from jeugdtool.export.pdf.base import build_document
from jeugdtool.export.pdf.base import data_table
from jeugdtool.export.pdf.base import styles
from jeugdtool.export.pdf.layout import KEEP_ROWS
from jeugdtool.export.pdf.layout import KeepRows
from jeugdtool.framework import relations
from jeugdtool.framework.dto import Source
from jeugdtool.framework.scale_dto import Rater
from jeugdtool.framework.scale_dto import RaterSeries
from jeugdtool.framework.scale_dto import ScoreHistory
from jeugdtool.framework.scale_dto import ScorePoint
from jeugdtool.framework.vocab import RaterRole
from tests import pdf_layout

HEADING = styles().heading.fontSize
BORDER = PageBorder("Vertrouwelijk", "Gezin Test · 2026-0099", "Test", lambda p, n: f"{p}/{n}")
META = Metadata(title="Test", author="A. de Boer", subject="test", language="nl")


def _pdf(story: list[Flowable]) -> bytes:
    return build_document(story, META, BORDER).data


def _filler(lines: int) -> list[Flowable]:
    return [Paragraph(f"Regel {n} van de vulling.", styles().body) for n in range(lines)]


def _lines_on_page_one() -> int:
    """How many body lines fill the first page (each 14 pt high and 4 pt apart)."""
    return int(FRAME_HEIGHT // 18)


# ---- words, page texts


def test_words_have_their_page_place_font_and_size() -> None:
    pdf = _pdf([Paragraph("Kopje", styles().heading), Paragraph("Tekst hier", styles().body)])
    found = pdf_layout.words(pdf)
    kop = next(w for w in found if w.text == "Kopje")
    tekst = next(w for w in found if w.text == "Tekst")
    assert (kop.page, kop.size, kop.bold) == (1, HEADING, True)
    assert (tekst.size, tekst.bold) == (10.0, False)
    assert kop.top < tekst.top and kop.x0 == pytest.approx(MARGIN, abs=1)
    assert "Vertrouwelijk" in pdf_layout.page_texts(pdf)[0]


# ---- a heading alone at the bottom of a page


def _story_with_heading_at(line: int, *, keep: bool) -> list[Flowable]:
    heading = Paragraph("Een kopje", styles().heading)
    heading.keepWithNext = keep
    return [*_filler(line), heading, *_filler(10)]


def test_a_heading_that_ends_a_page_is_found() -> None:
    # Enough lines that the heading is the last thing that fits on page 1.
    for line in range(_lines_on_page_one() - 4, _lines_on_page_one() + 1):
        pdf = _pdf(_story_with_heading_at(line, keep=False))
        last = pdf_layout.frame_lines(pdf)[0][-1]
        if last.text == "Een kopje":
            with pytest.raises(AssertionError, match="ends with the heading"):
                pdf_layout.assert_no_heading_alone_at_bottom(pdf, {HEADING})
            return
    pytest.fail("no story put the heading last on page 1")


def test_a_heading_kept_with_its_text_passes() -> None:
    for line in range(_lines_on_page_one() - 4, _lines_on_page_one() + 1):
        pdf = _pdf(_story_with_heading_at(line, keep=True))
        pdf_layout.assert_no_heading_alone_at_bottom(pdf, {HEADING})


# ---- an empty table piece


def _rows(n: int, text: str = "Een rij met tekst") -> list[list[Flowable]]:
    head = [Paragraph("Kop 1", styles().cell_head), Paragraph("Kop 2", styles().cell_head)]
    body = [
        [Paragraph(f"{text} {i}", styles().cell), Paragraph(f"cel {i}", styles().cell)]
        for i in range(n)
    ]
    return [head, *body]


def test_a_table_piece_of_only_its_header_is_found() -> None:
    # A header row whose body row is nothing but space: drawn, it is a header with an empty
    # row under it, the defect the map had at the top of its second page.
    rows = [_rows(0)[0], [Spacer(1, 8 * mm), Spacer(1, 8 * mm)]]
    table = data_table(rows, [80 * mm, 80 * mm], header=True, split_in_row=True)
    with pytest.raises(AssertionError, match="only its header"):
        pdf_layout.assert_no_empty_table_piece(_pdf([table]))


def test_a_table_with_rows_passes_also_across_pages() -> None:
    table = data_table(_rows(120), [80 * mm, 80 * mm], header=True)
    pdf = _pdf([table])
    assert len(pdf_layout.page_texts(pdf)) > 1
    pdf_layout.assert_no_empty_table_piece(pdf)


# ---- text outside the frame


class _Overflowing(Flowable):
    """Text drawn left of the frame, as a chart label with too little room would be."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, 20

    def draw(self) -> None:
        self.canv.setFont("DejaVuSans", 8)
        self.canv.drawString(-30, 5, "buiten")


def test_text_outside_the_frame_is_found_and_the_border_is_not() -> None:
    with pytest.raises(AssertionError, match="outside the frame"):
        pdf_layout.assert_inside_frame(_pdf([_Overflowing()]))
    pdf_layout.assert_inside_frame(_pdf(_filler(60)))


# ---- KeepRows

#: A row's words in a fixed style (not the documents', which may change): five lines a row.
_ROW = ParagraphStyle("row", fontName=FONT, fontSize=10, leading=12)
_ROW_LINES = "<br/>".join(["Een rij met tekst"] + ["meer"] * 4)


def _tall_rows(n: int) -> list[list[Flowable]]:
    head = [Paragraph("Kop 1", _ROW), Paragraph("Kop 2", _ROW)]
    return [head, *([Paragraph(_ROW_LINES, _ROW), Paragraph(str(i), _ROW)] for i in range(n))]


def _rows_per_page(pdf: bytes) -> list[int]:
    return [text.count("Een rij met tekst") for text in pdf_layout.page_texts(pdf)]


def _lonely_offset() -> float:
    """Space before a plain table of 20 rows that leaves a single row alone on a page."""
    row = 5 * 12 + 5.5  # five lines and the padding
    for step in range(12):
        before = step * row / 2
        table = data_table(_tall_rows(20), [80 * mm, 80 * mm], header=True)
        counts = [n for n in _rows_per_page(_pdf([Spacer(1, before), table])) if n]
        if min(counts) < KEEP_ROWS:
            return before
    pytest.fail("no offset left a single row alone")


def test_keep_rows_moves_a_single_row_with_the_one_before_it() -> None:
    before = _lonely_offset()
    table = KeepRows(data_table(_tall_rows(20), [80 * mm, 80 * mm], header=True))
    counts = [n for n in _rows_per_page(_pdf([Spacer(1, before), table])) if n]
    assert sum(counts) == 20
    assert all(n >= KEEP_ROWS for n in counts), counts


@pytest.mark.parametrize("before", [0, 200, 400, 600])
def test_keep_rows_keeps_every_row(before: int) -> None:
    table = KeepRows(data_table(_tall_rows(20), [80 * mm, 80 * mm], header=True))
    counts = [n for n in _rows_per_page(_pdf([Spacer(1, before), table])) if n]
    assert sum(counts) == 20
    assert all(n >= KEEP_ROWS for n in counts), counts


# ---- one rule for who someone is


def _case() -> CaseDetail:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    household = HouseholdDTO(
        9, "2026-0099", "Gezin Jansen", CaseMode.SAFETY, CaseStatus.OPEN, now.date(), None,
        None, None, None, 1, now, "test", now, "test", now,
    )  # fmt: skip
    persons = (
        PersonDTO(1, 9, 0, "Sandra", "Jansen", PersonRole.PARENT, None, "", 1),
        PersonDTO(2, 9, 1, "Noa", "Jansen", PersonRole.CHILD, None, "", 1),
    )
    network = (
        NetworkMemberDTO(
            3, 9, 0, "Ria Jansen", "oma", NetworkKind.FAMILY, None, None, None, True, "", 1
        ),
        NetworkMemberDTO(
            4, 9, 1, "Zeynep Yıldız", "  ", NetworkKind.SCHOOL, None, None, None, True, "", 1
        ),
    )
    return CaseDetail(household, persons, network)


def test_who_someone_is_follows_one_rule() -> None:
    case = _case()
    assert relations.person_relation(case.persons[0]) == "ouder"
    assert relations.member_relation(case.network[0]) == "oma"
    assert relations.member_relation(case.network[1]) == "school"
    assert relations.source_relation(Source(person_id=2), case) == "kind"
    assert relations.source_relation(Source(network_id=3), case) == "oma"
    assert relations.source_relation(Source(network_id=99), case, "netwerklid") == "netwerklid"
    assert relations.named("Ria Jansen", "oma") == "Ria Jansen (oma)"
    assert relations.named("A. de Boer", "") == "A. de Boer"
    # A rater who is no member: by role, the case manager in the family's word (issue 19).
    assert relations.rater_relation(RaterRole.CASE_MANAGER) == "vaste hulpverlener"
    assert relations.rater_relation(RaterRole.COLLEAGUE) == RaterRole.COLLEAGUE.label.lower()


def test_names_written_with_a_note_are_named_by_the_rule() -> None:
    case = _case()
    assert relations.renamed("Sandra Jansen (moeder)", case) == "Sandra Jansen (ouder)"
    assert relations.renamed("ria jansen (grootmoeder)", case) == "ria jansen (oma)"
    assert relations.renamed("Zeynep Yildiz", case) == "Zeynep Yildiz (school)"
    # Not in the case: as written.
    assert relations.renamed("tolk Pools (telefonisch)", case) == "tolk Pools (telefonisch)"


# ---- the scale chart


def test_date_labels_keep_their_distance_and_include_both_ends() -> None:
    days = [0, 1, 2, 3, 10, 11, 30, 31, 32, 60]

    def x(day: int) -> float:
        return day * 5.0

    gap = charts.date_gap()
    chosen = charts.label_days(days, x, gap)
    assert chosen[0] == 0 and chosen[-1] == 60
    assert all(x(b) - x(a) >= gap for a, b in itertools.pairwise(chosen))
    assert set(chosen) <= set(days)


def test_equal_scores_on_one_day_are_set_apart() -> None:
    moved = charts.dodged([[(5, 7), (9, 8)], [(5, 7), (9, 6)], [(5, 7)]], per_point=0.5)
    at_five = sorted(series[0][0] for series in moved)
    assert len(set(at_five)) == 3
    assert at_five[1] == 5  # the group centred on its day
    assert moved[0][1] == (9, 8) and moved[1][1] == (9, 6)  # alone: where it was


def _history(n: int, formal_at: int) -> ScoreHistory:
    point = (ScorePoint(1, dt.date(2026, 1, 1), 5, "", ""),)
    series = tuple(
        RaterSeries(
            Rater(f"R{i}", RaterRole.CASE_MANAGER if i == formal_at else RaterRole.NETWORK),
            point,
            formal=i == formal_at,
        )
        for i in range(n)
    )
    return ScoreHistory(1, None, series)


def test_every_rater_looks_different_and_the_case_manager_stands_out() -> None:
    history = _history(12, formal_at=4)
    looks = charts.styles_of(history)
    assert len({(colour, marker) for colour, marker, _ in looks}) == 12
    formal = looks[4]
    assert formal[0] == RATER_COLOURS[0] and formal[2] == charts.FORMAL_WIDTH
    others = looks[:4] + looks[5:]
    assert all(colour != RATER_COLOURS[0] and width < formal[2] for colour, _, width in others)
    assert charts.drawing_order(history)[0] == 4  # drawn first: a thin line along it shows


def test_no_rater_colour_is_the_case_managers_blue() -> None:
    """Every other colour differs from the case manager's in hue (25° at least) or clearly in
    saturation (a grey): the old tenth colour, a second blue, did neither."""

    def hsv(colour: str) -> tuple[float, float, float]:
        red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return colorsys.rgb_to_hsv(red, green, blue)

    hue, saturation, _ = hsv(RATER_COLOURS[0])
    for colour in RATER_COLOURS[1:]:
        other_hue, other_saturation, _ = hsv(colour)
        apart = abs(other_hue - hue) * 360
        apart = min(apart, 360 - apart)
        assert apart >= 25 or abs(other_saturation - saturation) >= 0.4, colour
    assert not (abs(hsv("#364fc7")[0] - hue) * 360 >= 25)  # the old tenth: too close
