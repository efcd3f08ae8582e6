"""What every jeugdtool PDF shares: the embedded font, the styles, the page border and building.

The page border ("Vertrouwelijk", "pagina x van y", version and date) is drawn after the whole
story is laid out, by a canvas that keeps each page until it knows how many there are.

Every document gets here what makes it accessible and fit for archives (docs/pdf.md): a
bookmark for each heading, the title shown by the viewer, the language, only embedded fonts,
honest metadata (the consultant as author, never the computer's login) and PDF/A-2b
(`archive.to_pdfa`).
"""

from __future__ import annotations

import getpass
import io
import re
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from functools import cache
from functools import lru_cache
from functools import partial
from typing import Any

import pyphen
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate
from reportlab.platypus import CondPageBreak
from reportlab.platypus import Flowable
from reportlab.platypus import Frame
from reportlab.platypus import PageTemplate
from reportlab.platypus import Paragraph
from reportlab.platypus import Table
from reportlab.platypus import TableStyle
from reportlab.platypus import tables

from jeugdtool import resources
from jeugdtool.export.pdf.archive import language_tag
from jeugdtool.export.pdf.archive import to_pdfa

#: DejaVu Sans covers Latin (ë ç ğ ł ş), Greek, Cyrillic and Arabic letters.
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
#: Room above and below the text frame for the page border.
BORDER = 12 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: Height of the text frame (see `build_pdf`).
FRAME_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - BORDER * 3 / 4
#: Landscape A4 (the framework map): its page size and text frame.
LANDSCAPE = landscape(A4)
LANDSCAPE_FRAME_WIDTH = LANDSCAPE[0] - 2 * MARGIN
LANDSCAPE_FRAME_HEIGHT = LANDSCAPE[1] - 2 * MARGIN - BORDER * 3 / 4
MUTED = colors.HexColor("#555555")
LINE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e8eef4")
#: "Confidential" in the page border and a plan's warnings.
WARNING = colors.HexColor("#a01818")
WATERMARK = colors.Color(0.86, 0.86, 0.86)
#: The program, as the PDF's Creator and Producer; the Author when no consultant is known.
PROGRAM = "jeugdtool"
#: The smallest size the top-right header may shrink to before it is cut with "…".
HEADER_MIN_SIZE = 6.0


@cache
def register_fonts() -> None:
    """Register the shipped TTFs once per process; reportlab embeds the glyphs used."""
    pdfmetrics.registerFont(TTFont(FONT, str(resources.path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resources.path("fonts", "DejaVuSans-Bold.ttf"))))
    # <b> and <i> in Paragraph markup map onto the two faces we ship.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    # What a canvas or a chart (reportlab.graphics) starts with when nobody sets a font: else
    # Helvetica, a font that is not embedded (PDF/A forbids that) and has no ł or ğ.
    # A table cell's font when its style names none (e.g. a table of paragraphs only) too.
    rl_config.canvas_basefontname = FONT
    rl_config.defaultGraphicsFontName = FONT
    tables.CellStyle.fontname = FONT


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle


#: The language whose syllables break a long word (the case's words are Dutch in either
#: language of the documents), and the shortest word broken.
HYPHENATION_LANGUAGE = "nl_NL"
HYPHENATION_MIN_WORD = 7


SHY = "\u00ad"
_TOKEN = re.compile(r"\S+")
_LETTERS = re.compile(rf"[^\W\d_]{{{HYPHENATION_MIN_WORD},}}")


@cache
def _dictionary() -> pyphen.Pyphen:
    """pyphen's Dutch syllables, loaded once."""
    return pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)


def _soften(text: str, width: float, font: str, size: float) -> tuple[str, bool]:
    """`text` with soft hyphens at the syllables of every word too wide for a line of its own
    (`width`), and whether each such word got one (an IBAN or a web address gets none)."""
    breakable = True

    def token(found: re.Match[str]) -> str:
        nonlocal breakable
        word = found.group(0)
        if SHY in word or stringWidth(word, font, size) <= width:
            return word
        soft = _LETTERS.sub(lambda m: _dictionary().inserted(m.group(0), hyphen=SHY), word)
        breakable = breakable and SHY in soft
        return soft

    return _TOKEN.sub(token, text), breakable


@lru_cache(maxsize=256)
def _no_cutting(style: ParagraphStyle) -> ParagraphStyle:
    """`style`, but a word is never cut where a line ends: it breaks at its soft hyphens."""
    return ParagraphStyle(f"{style.name}_syllables", style, splitLongWords=0)


def hyphenate_long_words(cell: Any, width: float) -> None:
    """Let the paragraphs of a table cell (a flowable or a list of them) `width` wide break a
    word too wide for the column at a Dutch syllable, with a hyphen ("Jeugdbe-/scher-/
    mingstafel"), instead of mid-letter where the line ends. A word that fits goes whole to the
    next line, as before; soft hyphens (pyphen's Dutch dictionary) mark where it may break,
    because reportlab's own hyphenation (`hyphenationLang`) never breaks a word that starts a
    line and drops the hyphen of "POH-GGZ" (reportlab 4-5). When a long word has no syllable
    to break at (an IBAN), reportlab cuts it where the line ends, as it did."""
    if isinstance(cell, (list, tuple)):
        for part in cell:
            hyphenate_long_words(part, width)
        return
    if not isinstance(cell, Paragraph):
        return
    changed, breakable = False, True
    for frag in cell.frags:
        text = getattr(frag, "text", None)
        if not isinstance(text, str) or not text.strip():
            continue
        soft, ok = _soften(text, width, frag.fontName, frag.fontSize)
        if soft != text:
            frag.text, changed = soft, True
        breakable = breakable and ok
    if changed and breakable:
        cell.style = _no_cutting(cell.style)


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=10, leading=14, spaceAfter=4, alignment=TA_LEFT
    )
    return Styles(
        title=ParagraphStyle("title", body, fontName=BOLD, fontSize=20, leading=25, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", body, fontSize=12, leading=16, spaceAfter=10),
        heading=ParagraphStyle(
            "heading",
            body,
            fontName=BOLD,
            fontSize=13,
            leading=17,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        body=body,
        small=ParagraphStyle("small", body, fontSize=8.5, leading=11, textColor=MUTED),
        cell=ParagraphStyle("cell", body, fontSize=8.5, leading=11, spaceAfter=0),
        cell_head=ParagraphStyle("cell_head", body, fontName=BOLD, fontSize=8.5, leading=11),
    )


#: Table text in the documents families and partners read: 10 pt (8.5 pt was too small).
READING_CELL_SIZE = 10
READING_CELL_LEADING = 13


@cache
def reading_styles() -> Styles:
    """The shared styles with table text at `READING_CELL_SIZE` (the plan, the map and the ZRM
    summary: documents families and partners read)."""
    s = styles()
    size = {"fontSize": READING_CELL_SIZE, "leading": READING_CELL_LEADING}
    return replace(
        s,
        cell=ParagraphStyle("reading_cell", s.cell, **size),
        cell_head=ParagraphStyle("reading_cell_head", s.cell_head, **size),
    )


def table_heading(text: str, room: float = 45 * mm) -> list[Flowable]:
    """A heading over a table that may be longer than a page. Not kept with the table (that
    would push a table taller than the rest of the page to the next page, leaving a gap), but
    on a new page when less than `room` is left, so it never ends a page alone."""
    style = ParagraphStyle("table_heading", styles().heading, keepWithNext=0)
    return [CondPageBreak(room), Paragraph(text, style)]


@dataclass(frozen=True)
class PageBorder:
    """The plain text around every page."""

    #: Top left, e.g. "Vertrouwelijk".
    confidential: str
    #: Top right, e.g. "Gezin Jansen · 2026-0012".
    top_right: str
    #: Bottom left, e.g. "Veiligheidsplan versie 3 · vastgesteld 24-02-2026".
    bottom_left: str
    #: Bottom right: "pagina x van y", given the page and the number of pages.
    page_label: Callable[[int, int], str]
    #: Drawn diagonally across every page (e.g. "CONCEPT"); None for none.
    watermark: str | None = None
    #: A second line under `bottom_left` (e.g. "Selectie voor: school"); empty for none.
    footer_note: str = ""


@dataclass(frozen=True)
class Metadata:
    """What the PDF says about itself (Info dictionary and XMP, the same in both).

    `title`: the document and the case number only, never a household (the templates'
    `doc_title` blocks); `subject`: no personal data either; `author`: the consultant, made
    safe by `pdf_author` when building."""

    title: str
    author: str
    subject: str
    #: "nl" or "en".
    language: str


def pdf_author(author: str) -> str:
    """The PDF's Author: the consultant the program runs as (`--user`, the settings, the
    team login's person). Not a consultant but the computer's login (the command line falls
    back to it when no consultant is chosen), or nobody: the program's name, so that a login
    such as "root" or a colleague's account never travels with a document."""
    name = " ".join(author.split())
    if not name or name == _os_login():
        return PROGRAM
    return name


def _os_login() -> str:
    try:
        return getpass.getuser().strip()
    except (OSError, KeyError):  # no login name in the environment or the password database
        return ""


def _fitting_size(text: str, font: str, size: float, width: float) -> float:
    """`size`, or smaller so that `text` fits `width` (a long "for whom" never runs off)."""
    needed = stringWidth(text, font, size)
    return size if needed <= width else max(4.0, size * width / needed)


def fit_text(
    text: str,
    font: str,
    size: float,
    width: float,
    min_size: float = HEADER_MIN_SIZE,
    *,
    tail: str = "",
) -> tuple[str, float]:
    """`text` + `tail` and a size at which they fit `width`: `size`, or smaller down to
    `min_size`, and at `min_size` with `text` cut with "…" (`tail`, e.g. " · 2026-0012",
    always whole): a 120-character household name never runs over the other header text."""
    fitted = _fitting_size(text + tail, font, size, width)
    if fitted >= min_size:
        return text + tail, fitted
    cut = text
    while cut and stringWidth(cut.rstrip() + "…" + tail, font, min_size) > width:
        cut = cut[:-1]
    return (cut.rstrip() + "…" if cut else "") + tail, min_size


def _top_right_room(border: PageBorder, width: float) -> float:
    """The width the top-right text may take: the line less "Vertrouwelijk" and a gap."""
    confidential = stringWidth(border.confidential, BOLD, 9)
    return max(0.0, width - 2 * MARGIN - confidential - 6 * mm)


def _draw_border(canvas: Canvas, border: PageBorder, page: int, pages: int) -> None:
    width, height = canvas._pagesize  # reportlab's name; portrait or landscape
    canvas.saveState()
    top = height - MARGIN + 6 * mm
    bottom = MARGIN - 8 * mm
    canvas.setFont(BOLD, 9)
    canvas.setFillColor(WARNING)
    canvas.drawString(MARGIN, top, border.confidential)
    canvas.setFillColor(MUTED)
    # "Gezin … · 2026-0012": the household is cut, the case number after the last " · " stays.
    head, dot, tail = border.top_right.rpartition(" · ")
    top_right, size = fit_text(
        head if dot else tail,
        FONT,
        8,
        _top_right_room(border, width),
        tail=dot + tail if dot else "",
    )
    canvas.setFont(FONT, size)
    canvas.drawRightString(width - MARGIN, top, top_right)
    canvas.setFont(FONT, 8)
    canvas.drawString(MARGIN, bottom, border.bottom_left)
    canvas.drawRightString(width - MARGIN, bottom, border.page_label(page, pages))
    if border.footer_note:
        room = width - 2 * MARGIN
        canvas.setFont(FONT, _fitting_size(border.footer_note, FONT, 8, room))
        canvas.drawString(MARGIN, bottom - 3.5 * mm, border.footer_note)
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
    canvas.line(MARGIN, bottom + 3.5 * mm, width - MARGIN, bottom + 3.5 * mm)
    canvas.restoreState()


def _draw_watermark(text: str, canvas: Canvas, _doc: Any) -> None:
    """Under the page's content (page templates draw before the flowables)."""
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.setFont(BOLD, 96)
    width, height = canvas._pagesize
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -32, text)
    canvas.restoreState()


class _CountingCanvas(Canvas):
    """Keeps every page until `save`, then draws the border knowing the number of pages.

    Bookmarks are kept with their page too: reportlab binds a bookmark to the page being
    written, which is the first one for as long as the pages are kept."""

    def __init__(self, *args: Any, border: PageBorder, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._border = border
        self._pages: list[dict[str, Any]] = []
        #: Per kept page (its index): the bookmarks on it, (key, top of the heading).
        self._marks: dict[int, list[tuple[str, float]]] = {}
        self._outline_level = -1
        self._outline_base: int | None = None

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def outline_heading(self, title: str, level: int, top: float) -> None:
        """A bookmark to the heading `title` at height `top` of the page being laid out.
        `level`: 0 the document's title, 1 a heading, 2 a heading under it; counted from the
        first bookmark's level (a document without a title has its headings at the top), and
        never deeper than one below the previous bookmark (the outline cannot skip a level)."""
        if self._outline_base is None:
            self._outline_base = level
        level = max(0, min(level - self._outline_base, self._outline_level + 1))
        key = f"h{sum(len(m) for m in self._marks.values())}"
        self._marks.setdefault(len(self._pages), []).append((key, top))
        self.addOutlineEntry(title, key, level=level, closed=level > 0)
        self._outline_level = level

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            _draw_border(self, self._border, number, total)
            for key, top in self._marks.get(number - 1, ()):
                self.bookmarkPage(key, fit="XYZ", top=top)
            super().showPage()
        if self._marks:
            self.showOutline()
        super().save()


#: Heading levels in the outline by paragraph style: a style that is (or derives from) the
#: title is level 0, one from the heading level 1, or 2 when it is smaller than the heading.
_TITLE_STYLES = frozenset({"title"})
_HEADING_STYLES = frozenset({"heading"})


def heading_level(style: ParagraphStyle) -> int | None:
    """The outline level of a paragraph in `style`; None for text that is no heading."""
    names: set[str] = set()
    current: Any = style
    while current is not None:
        names.add(current.name)
        current = getattr(current, "parent", None)
    if names & _TITLE_STYLES:
        return 0
    if names & _HEADING_STYLES:
        return 1 if style.fontSize >= styles().heading.fontSize else 2
    return None


class _Document(BaseDocTemplate):
    """Adds a bookmark for each heading as it is laid out."""

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's name
        if not isinstance(flowable, Paragraph):
            return
        level = heading_level(flowable.style)
        title = " ".join(flowable.getPlainText().split())
        if level is None or not title:
            return
        frame = self.frame
        top = frame._y + flowable.height + flowable.getSpaceAfter()  # reportlab's name
        canvas = self.canv
        if isinstance(canvas, _CountingCanvas):
            canvas.outline_heading(title, level, min(top + 4, self.pagesize[1]))


@dataclass(frozen=True)
class Built:
    data: bytes
    pages: int


def build_pdf(story: Sequence[Flowable], meta: Metadata, border: PageBorder) -> bytes:
    """Lay out `story` on A4 pages with the border on every page; the PDF as bytes."""
    return build_document(story, meta, border).data


def build_document(
    story: Sequence[Flowable],
    meta: Metadata,
    border: PageBorder,
    *,
    pagesize: tuple[float, float] = A4,
) -> Built:
    """Lay out `story` on pages of `pagesize` (A4, or `LANDSCAPE`) with the border on every
    page; the PDF and its number of pages."""
    register_fonts()
    out = io.BytesIO()
    doc = _Document(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + BORDER / 2,
        bottomMargin=MARGIN + BORDER / 4,
        title=meta.title,
        author=pdf_author(meta.author),
        subject=meta.subject,
        creator=PROGRAM,
        producer=PROGRAM,
        lang=language_tag(meta.language),
        displayDocTitle=True,
        initialFontName=FONT,
    )
    # No padding: the frame is exactly the text area, so a table of FRAME_WIDTH fits it.
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    on_page = partial(_draw_watermark, border.watermark) if border.watermark else None
    template = (
        PageTemplate(id="page", frames=[frame], onPage=on_page)
        if on_page
        else PageTemplate(id="page", frames=[frame])
    )
    doc.addPageTemplates([template])
    canvases: list[_CountingCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> _CountingCanvas:
        canvases.append(_CountingCanvas(*args, border=border, **kwargs))
        return canvases[-1]

    doc.build(list(story), canvasmaker=make_canvas)
    return Built(to_pdfa(out.getvalue(), language=meta.language), canvases[-1].page_count)


def data_table(
    rows: Sequence[Sequence[Flowable | list[Flowable]]],
    col_widths: Sequence[float],
    *,
    header: bool,
    frame_height: float = FRAME_HEIGHT,
    grid: bool = True,
    split_in_row: bool | None = None,
) -> Table:
    """A table whose header row repeats on every page. Rows stay whole, unless one is too tall
    for a page (a 5,000-character cell): then rows may split at the end of a page, since a row
    that never fits would stop the whole document. `split_in_row` says so beforehand (None:
    measure; cells holding lists of flowables need it said). `col_widths` in points. A word
    too long for its column breaks at a syllable (`hyphenate_long_words`)."""
    for row in rows:
        for cell, w in zip(row, col_widths, strict=False):
            hyphenate_long_words(cell, w - 6)  # the paddings
    too_tall = split_in_row
    if too_tall is None:
        too_tall = any(
            max(cell.wrap(w - 6, frame_height)[1] for cell, w in zip(row, col_widths, strict=True))
            > frame_height / 2
            for row in rows
        )
    table = Table(
        [list(row) for row in rows],
        colWidths=list(col_widths),
        repeatRows=1 if header else 0,
        splitInRow=1 if too_tall else 0,
        hAlign="LEFT",
    )
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.4, LINE))
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    table.setStyle(TableStyle(style))
    return table


def facts_table(
    rows: Sequence[tuple[str, str]],
    styles: Styles,
    *,
    label_width: float = 32 * mm,
    bottom_padding: float = 2,
    frame_width: float = FRAME_WIDTH,
) -> Table:
    """The facts under a document's title (label in bold, value beside it), as every document
    shows them. `rows` hold Paragraph mark-up: user text must already be escaped.
    `frame_width`: the page's text width (LANDSCAPE_FRAME_WIDTH on a landscape page)."""
    table = Table(
        [
            [Paragraph(f"<b>{label}</b>", styles.cell), Paragraph(value, styles.cell)]
            for label, value in rows
        ],
        colWidths=[label_width, frame_width - label_width],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # else the page references Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), bottom_padding),
            ]
        )
    )
    return table
