"""The rules of the child's voice, pure (no database, no Qt): what a Three Houses record, a
story and a page may hold, and which pictures are taken and how they are kept.

The services call these before they save; the screens call the same functions for inline
feedback; the case file and the PDFs read what they allowed.

The child's words are kept verbatim: only whitespace around the whole text goes (and NUL, which
no database keeps); spelling, line breaks and spaces inside stay as the child said them.

A picture is taken only when it is a PNG or a JPEG by its first bytes *and* Pillow can open and
decode it as that format; at most `MAX_BYTES` and `MAX_PIXELS`. What is stored is a new
encoding of the pixels only: no EXIF (camera, time, GPS position), no comments, no XMP or ICC
data — a photo of a drawing taken with a phone must not tell where the child lives — turned
upright as the camera said, and scaled down to at most `MAX_SIDE` pixels on the long side. A
PNG stays a PNG unless its copy would be larger than `MAX_PNG_BYTES` (a photo saved as PNG):
then it is kept as a JPEG.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image
from PIL import ImageOps
from PIL import UnidentifiedImageError

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import format_megabytes
from jeugdtool.i18n import format_number

#: The longest text of one house (worries, good things, dreams).
MAX_HOUSE_LENGTH = 5000
#: Who talked with the child; a story's title.
MAX_NAME_LENGTH = 200
MAX_TITLE_LENGTH = 200
#: The longest text of one story page (a page is read aloud with a child: short).
MAX_PAGE_LENGTH = 2000
#: The most pages a story has.
MAX_PAGES = 40

#: The largest file taken (bytes), the most pixels (width × height) it may decode to, and the
#: longest side of the copy kept.
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000
#: JPEG quality of the copy kept (a scan of a drawing stays sharp; a photo stays small).
JPEG_QUALITY = 88
#: A PNG whose copy is larger than this (a photo or a grainy scan saved as PNG) is kept as a
#: JPEG instead, so a case file with its pictures stays a file one can send.
MAX_PNG_BYTES = 1_500_000

PNG = "image/png"
JPEG = "image/jpeg"
MEDIA_TYPES = (PNG, JPEG)
#: For a file dialog's filter.
FILE_PATTERNS = ("*.png", "*.jpg", "*.jpeg")

_MAGIC = ((b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
_PIL_FORMAT = {PNG: "PNG", JPEG: "JPEG"}

#: The three houses, in the order they are talked about and shown: the field and its label.
HOUSES: tuple[tuple[str, str], ...] = (
    ("worries", N_("House of worries")),
    ("good_things", N_("House of good things")),
    ("dreams", N_("House of dreams")),
)


def child_words(field: str, value: Any, *, label: str, max_len: int) -> str:
    """The child's words as said: surrounding whitespace (and NUL) removed, nothing else."""
    return v.text(field, value, label=label, max_len=max_len)


def clean_three_houses(
    changes: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """The checked fields of a Three Houses record among `changes` (held_on, talked_with,
    worries, good_things, dreams); InvalidInput naming the field otherwise."""
    clean: dict[str, Any] = {}
    if "held_on" in changes:
        clean["held_on"] = v.date(
            "held_on",
            changes["held_on"],
            label=_("Date"),
            required=True,
            not_after=today or dt.date.today(),
        )
    if "talked_with" in changes:
        clean["talked_with"] = v.text(
            "talked_with",
            changes["talked_with"],
            label=_("Talked with the child"),
            max_len=MAX_NAME_LENGTH,
            required=True,
        )
    for field, label in HOUSES:
        if field in changes:
            clean[field] = child_words(
                field, changes[field], label=_(label), max_len=MAX_HOUSE_LENGTH
            )
    return clean


def clean_story(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The checked fields of a story (its title)."""
    clean: dict[str, Any] = {}
    if "title" in changes:
        clean["title"] = v.text(
            "title", changes["title"], label=_("Title"), max_len=MAX_TITLE_LENGTH, required=True
        )
    return clean


def clean_page(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The checked fields of a story page (its text, kept as written)."""
    clean: dict[str, Any] = {}
    if "text" in changes:
        clean["text"] = child_words(
            "text", changes["text"], label=_("Text"), max_len=MAX_PAGE_LENGTH
        )
    return clean


def check_page_count(count: int) -> None:
    """Refuse another page when a story has `count` pages already."""
    if count >= MAX_PAGES:
        raise InvalidInput.at(
            "text",
            _("A story has at most {n} pages. Make it shorter, or start a second one.").format(
                n=MAX_PAGES
            ),
        )


def has_words(record: Mapping[str, Any]) -> bool:
    """Whether any house of a record (its field values) holds words."""
    return any(str(record.get(field) or "").strip() for field, _label in HOUSES)


# ---- pictures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanImage:
    """The copy of a picture that is stored."""

    media_type: str
    width: int
    height: int
    data: bytes


def media_type_of(data: bytes) -> str | None:
    """ "image/png" or "image/jpeg" by the file's first bytes; None for anything else."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def _refuse(field: str, message: str) -> InvalidInput:
    return InvalidInput(Problem(field, message))


def clean_image(data: bytes, *, field: str = "image") -> CleanImage:
    """The picture `data` as it is kept: checked, upright, scaled down, without metadata.

    InvalidInput (on `field`) when it is empty, too large, not a PNG or JPEG, or damaged.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise _refuse(field, _("Choose a picture file."))
    data = bytes(data)
    if not data:
        raise _refuse(field, _("The file is empty."))
    if len(data) > MAX_BYTES:
        raise _refuse(
            field,
            _("The picture is too large: at most {max} MB, this one is {n} MB.").format(
                max=format_megabytes(MAX_BYTES), n=format_megabytes(len(data))
            ),
        )
    media_type = media_type_of(data)
    if media_type is None:
        raise _refuse(field, _("Only PNG and JPEG pictures can be added."))
    damaged = _refuse(field, _("The picture cannot be read; the file may be damaged."))
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused below by its size, before any pixel is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[media_type]]) as image:
                width, height = image.size
                if width < 1 or height < 1:
                    raise damaged
                if width * height > MAX_PIXELS:
                    raise _refuse(
                        field,
                        _(
                            "The picture has too many pixels: at most {max} million, this one"
                            " has {n} million."
                        ).format(
                            max=format_number(MAX_PIXELS / 1_000_000),
                            n=format_number(width * height / 1_000_000),
                        ),
                    )
                image.load()
                upright = ImageOps.exif_transpose(image)
                kept = _pixels_only(upright, media_type)
    except InvalidInput:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise damaged from None
    kept.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if media_type == PNG:
        out = _encoded(kept, "PNG", optimize=True)
        if len(out) <= MAX_PNG_BYTES:
            return CleanImage(PNG, kept.width, kept.height, out)
        kept = _pixels_only(_on_white(kept), JPEG)
    out = _encoded(kept, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanImage(JPEG, kept.width, kept.height, out)


def _encoded(image: Image.Image, kind: str, **options: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, format=kind, **options)
    return out.getvalue()


def _on_white(image: Image.Image) -> Image.Image:
    """`image` with its transparent parts on white paper (a JPEG has no transparency)."""
    if image.mode not in ("LA", "RGBA"):
        return image
    paper = Image.new("RGB", image.size, "white")
    paper.paste(image, mask=image.getchannel("A"))
    return paper


def _pixels_only(image: Image.Image, media_type: str) -> Image.Image:
    """A new image with `image`'s pixels and nothing else (no info, no EXIF, no palette
    tricks), in a mode its format keeps."""
    if media_type == JPEG:
        mode = "L" if image.mode in ("1", "L", "I;16", "I") else "RGB"
    elif image.mode in ("1", "L", "LA", "RGB", "RGBA"):
        mode = image.mode
    else:  # a palette, CMYK, 16-bit: as RGBA, which keeps transparency
        mode = "RGBA"
    converted = image.convert(mode) if image.mode != mode else image
    fresh = Image.new(mode, converted.size)
    fresh.paste(converted)
    return fresh
