"""What every PDF layout test reads from a PDF, and the checks every document kind must pass.

Built on pdfplumber (each character's box on the page, in points from the page's top left):

- `words(pdf)`: every word with its page, box, font and size; `page_texts(pdf)`: each page's
  text.
- `assert_inside_frame(pdf, margin_pt)`: no character, line or box lies closer than
  `margin_pt` to the paper's sides, nor past the page border above and below (text that runs
  off the frame, a chart that sticks out).
- `assert_no_heading_alone_at_bottom(pdf, heading_sizes)`: no page (but the last) ends with a
  heading whose text starts on the next page.
- `assert_no_empty_table_piece(pdf)`: no page holds a piece of a table without a row of its
  own: a repeated header row alone, or a table's frame with nothing in it.

The page border ("Vertrouwelijk", "pagina x van y") lies outside the text frame; the checks on
headings and tables look at the text frame only. The diagonal watermark ("CONCEPT") is left
out of every check.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from jeugdtool.export.pdf.base import BORDER
from jeugdtool.export.pdf.base import LINE
from jeugdtool.export.pdf.base import MARGIN

#: The text frame's edges, from the page's top and bottom edge (export/pdf/base.py).
FRAME_TOP = MARGIN + BORDER / 2
FRAME_BOTTOM = MARGIN + BORDER / 4
#: Characters at least this big are the watermark, not the page's content.
WATERMARK_SIZE = 60.0
#: How far (points) a glyph's box may reach past the frame: ascenders and descenders.
SLACK = 1.5
#: The grey of a table's grid lines.
GRID_GREY = float(LINE.red)
#: How far from the paper's top and bottom edge the page border reaches (its footer note).
BORDER_REACH = 20.0
#: Sizes of two words on one line may differ this much (points) and still count as one size.
SIZE_TOLERANCE = 0.3


@dataclass(frozen=True)
class Word:
    """One word on a page: `page` counts from 1; the box in points from the page's top left."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    fontname: str
    size: float
    #: False for text at an angle or turned (a rotated date label under a chart).
    upright: bool = True

    @property
    def bold(self) -> bool:
        return "bold" in self.fontname.lower()


@dataclass(frozen=True)
class Line:
    """The words of a page's text frame that share a baseline, left to right."""

    page: int
    top: float
    bottom: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)


def _is_watermark(obj: dict[str, Any]) -> bool:
    return obj.get("object_type") == "char" and float(obj.get("size", 0)) >= WATERMARK_SIZE


@lru_cache(maxsize=16)
def _parsed(pdf: bytes) -> tuple[Any, ...]:
    """The pages of `pdf` without the watermark, parsed once for every check on it (the
    document stays open while it is cached)."""
    document = pdfplumber.open(io.BytesIO(pdf))
    return tuple(page.filter(lambda obj: not _is_watermark(obj)) for page in document.pages)


def _pages(pdf: bytes) -> Iterator[Any]:
    yield from _parsed(pdf)


@lru_cache(maxsize=16)
def _words_by_page(pdf: bytes) -> tuple[tuple[Word, ...], ...]:
    return tuple(
        tuple(_page_words(page, number)) for number, page in enumerate(_parsed(pdf), start=1)
    )


def _page_words(page: Any, number: int) -> list[Word]:
    found: list[Word] = []
    for upright in (True, False):
        part = page.filter(
            lambda obj, upright=upright: (
                obj.get("object_type") != "char" or bool(obj.get("upright", True)) is upright
            )
        )
        for w in part.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False):
            found.append(
                Word(
                    page=number,
                    x0=float(w["x0"]),
                    top=float(w["top"]),
                    x1=float(w["x1"]),
                    bottom=float(w["bottom"]),
                    text=w["text"],
                    fontname=str(w["fontname"]),
                    size=round(float(w["size"]), 2),
                    upright=upright,
                )
            )
    return found


def words(pdf: bytes) -> list[Word]:
    """Every word of `pdf` (without the watermark), page by page, top to bottom."""
    return [w for page in _words_by_page(pdf) for w in page]


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text (without the watermark), lines in reading order."""
    return [page.extract_text() or "" for page in _pages(pdf)]


@dataclass(frozen=True)
class Box:
    """A filled box drawn on a page (a bar of a chart, a header's fill): `fill` its colour."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    fill: tuple[float, ...]


def boxes(pdf: bytes) -> list[Box]:
    """Every filled box of `pdf`, page by page."""
    found = []
    for number, page in enumerate(_pages(pdf), start=1):
        for rect in page.rects:
            colour = rect.get("non_stroking_color")
            if not rect.get("fill") or colour is None:
                continue
            fill = tuple(float(c) for c in colour) if isinstance(colour, (tuple, list)) else ()
            found.append(
                Box(
                    number,
                    float(rect["x0"]),
                    float(rect["top"]),
                    float(rect["x1"]),
                    float(rect["bottom"]),
                    fill or (float(colour),),
                )
            )
    return found


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    return [(float(page.width), float(page.height)) for page in _pages(pdf)]


def frame_lines(pdf: bytes) -> list[list[Line]]:
    """Each page's lines of text inside the text frame (the page border left out), top down;
    only upright words (a chart's turned labels are no line of text)."""
    out: list[list[Line]] = []
    for number, page in enumerate(_pages(pdf), start=1):
        height = float(page.height)
        inside = [
            w
            for w in _words_by_page(pdf)[number - 1]
            if w.upright
            and w.top >= FRAME_TOP - SLACK * 2
            and w.bottom <= height - FRAME_BOTTOM + SLACK * 2
        ]
        out.append(_lines(number, inside))
    return out


def _lines(page: int, found: list[Word]) -> list[Line]:
    lines: list[list[Word]] = []
    for w in sorted(found, key=lambda w: (w.bottom, w.x0)):
        if lines and abs(lines[-1][-1].bottom - w.bottom) <= 1.0:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [
        Line(
            page,
            min(w.top for w in line),
            max(w.bottom for w in line),
            tuple(sorted(line, key=lambda w: w.x0)),
        )
        for line in lines
    ]


def assert_inside_frame(pdf: bytes, margin_pt: float = MARGIN) -> None:
    """No character (upright or turned), line, box, curve or image of `pdf` lies closer than
    `margin_pt` points to the paper's left or right edge, nor closer than the page border's
    reach (`BORDER_REACH`, or `margin_pt` when smaller) to its top or bottom edge.
    `margin_pt` = base.MARGIN (the default): nothing runs past the text frame's sides (the page
    border lines up with them too)."""
    problems: list[str] = []
    for number, page in enumerate(_pages(pdf), start=1):
        width, height = float(page.width), float(page.height)
        vertical = min(margin_pt, BORDER_REACH)
        low_x, high_x = margin_pt - SLACK, width - margin_pt + SLACK
        low_y, high_y = vertical - SLACK, height - vertical + SLACK
        for kind in ("chars", "lines", "rects", "curves", "images"):
            for obj in getattr(page, kind):
                x0, x1 = float(obj["x0"]), float(obj["x1"])
                top, bottom = float(obj["top"]), float(obj["bottom"])
                if x0 < low_x or x1 > high_x or top < low_y or bottom > high_y:
                    what = obj.get("text", kind[:-1])
                    problems.append(
                        f"page {number}: {what!r} at x {x0:.1f}–{x1:.1f}, "
                        f"y {top:.1f}–{bottom:.1f} (page {width:.0f}×{height:.0f})"
                    )
    assert not problems, "outside the frame:\n" + "\n".join(problems[:20])


def _is_heading(line: Line, heading_sizes: Collection[float]) -> bool:
    return all(
        any(abs(w.size - size) <= SIZE_TOLERANCE for size in heading_sizes) for w in line.words
    )


def assert_no_heading_alone_at_bottom(pdf: bytes, heading_sizes: Collection[float]) -> None:
    """No page but the last ends with a heading: the last lines of its text frame are never
    all heading lines (words in one of `heading_sizes`, e.g. {13.0} for base.py's heading),
    with what the heading is over on the next page."""
    pages = frame_lines(pdf)
    problems: list[str] = []
    for lines in pages[:-1]:
        if not lines:
            continue
        last = lines[-1]
        if _is_heading(last, heading_sizes):
            problems.append(f"page {last.page} ends with the heading {last.text!r}")
    assert not problems, "\n".join(problems)


def _cell_text(page: Any, box: tuple[float, float, float, float]) -> str:
    x0, top, x1, bottom = box
    inside = page.within_bbox(
        (max(x0, 0), max(top, 0), min(x1, float(page.width)), min(bottom, float(page.height)))
    )
    return (inside.extract_text() or "").strip()


def _is_grid_colour(colour: Any) -> bool:
    """The colour of a table's grid (base.LINE); a chart's lines and axes have others."""
    if colour is None:
        return False
    values = tuple(colour) if isinstance(colour, (tuple, list)) else (colour,)
    return all(abs(float(v) - GRID_GREY) < 0.01 for v in values)


def _table_rows(page: Any) -> list[list[list[tuple[float, float, float, float]]]]:
    """The rows of each ruled table on `page` (cells as boxes), found from the lines drawn in
    the grid's colour and the edges of the header's fill. A row split at the end of a page has
    no line under it (nor one above it on the next page): the ends of the grid's vertical
    lines close it."""
    grid = [e for e in page.edges if _is_grid_colour(e.get("stroking_color"))]
    verticals = [e for e in grid if e["orientation"] == "v"]
    if len(verticals) < 2:
        return []
    fills = [(f[1], f[3]) for f in _header_boxes(page)]
    ends = sorted({round(float(e[k]), 1) for e in verticals for k in ("top", "bottom")})
    horizontals = [e for e in grid if e["orientation"] == "h"]
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": verticals,
        "explicit_horizontal_lines": horizontals + ends + [y for f in fills for y in f],
    }
    return [
        [[tuple(cell) for cell in row.cells if cell is not None] for row in table.rows]
        for table in page.find_tables(settings)
    ]


def assert_no_empty_table_piece(pdf: bytes, is_header: Callable[[str], bool] | None = None) -> None:
    """No page holds a piece of a ruled table (base.py's data_table: a grid in base.LINE)
    whose rows are all empty, or that is only its header row repeated: a table split where
    nothing of it fits. `is_header(row_text)` names a header row; by default a row on a
    coloured fill (the header colour)."""
    problems: list[str] = []
    for number, page in enumerate(_pages(pdf), start=1):
        filled = _header_boxes(page)
        for rows in _table_rows(page):
            texts = [" ".join(_cell_text(page, cell) for cell in row).strip() for row in rows]
            if not any(texts):
                problems.append(f"page {number}: a table piece with {len(rows)} empty row(s)")
                continue
            body = [
                text
                for row, text in zip(rows, texts, strict=True)
                if not _row_is_header(row, text, filled, is_header)
            ]
            if not any(body):
                problems.append(f"page {number}: a table piece of only its header {texts[0]!r}")
    assert not problems, "\n".join(problems)


def _header_boxes(page: Any) -> list[tuple[float, float, float, float]]:
    """The boxes filled with a colour but not white or black: header rows' backgrounds."""
    out = []
    for rect in page.rects:
        fill = rect.get("non_stroking_color")
        if rect.get("fill") and fill and tuple(fill) not in {(1,), (0,), (1, 1, 1), (0, 0, 0)}:
            out.append(
                (float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"]))
            )
    return out


def _row_is_header(
    row: list[tuple[float, float, float, float]],
    text: str,
    filled: list[tuple[float, float, float, float]],
    is_header: Callable[[str], bool] | None,
) -> bool:
    if is_header is not None:
        return is_header(text)
    x0 = min(c[0] for c in row)
    top = min(c[1] for c in row)
    bottom = max(c[3] for c in row)
    return any(
        f[1] <= top + SLACK and f[3] >= bottom - SLACK and f[0] <= x0 + SLACK for f in filled
    )


@contextmanager
def demo_uow(template: Path, folder: Path) -> Iterator[Any]:
    """A unit of work of "A. de Boer", in Dutch, on a copy of the database `template` in
    `folder` (its own home there), with the demo households: the template is conftest's
    sqlite_demo (the demo loaded once per test process), or its sqlite_at_head (the demo is
    loaded into the copy first). For module-scoped fixtures; the copy may be changed."""
    import jeugdtool.models  # noqa: F401  (every model, as in the program)
    from jeugdtool import i18n
    from jeugdtool.export.demo import load_demo
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    path = folder / "demo.sqlite"
    shutil.copyfile(template, path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JEUGDTOOL_HOME", str(folder / "home"))
        patch.setenv("JEUGDTOOL_NO_ENCRYPTION", "1")
        patch.delenv("JEUGDTOOL_PASSPHRASE", raising=False)
        i18n.set_language("nl")
        database = open_database(path)
        try:
            uow = UnitOfWork(database, "A. de Boer")
            load_demo(uow)  # adds nothing when the template has the demo already
            yield uow
        finally:
            database.close()


def demo_pdfs(
    template: Path, folder: Path, render: Callable[[Any, int], bytes | None]
) -> dict[str, bytes]:
    """Each demo household's document as `render(uow, case_id)` makes it (None: that case has
    none), by case number, in the demo's order: on `demo_uow(template, folder)`."""
    from jeugdtool.cases import queries
    from jeugdtool.export.demo import load_demo_report

    out: dict[str, bytes] = {}
    with demo_uow(template, folder) as uow:
        # Loaded already: the report lists every demo household as skipped, in the demo's order.
        for number in load_demo_report(uow).value.skipped:
            case_id = queries.find_case_id(uow, number)
            assert case_id is not None, number
            made = render(uow, case_id)
            if made is not None:
                out[number] = made
    return out
