"""PDF/A-2b: what reportlab's output lacks to be a PDF for archives, added with pikepdf.

reportlab writes embedded TrueType subsets, an Info dictionary, a document ID and no
encryption, JavaScript or embedded files. PDF/A-2b asks for more: an output intent with an ICC
profile (the sRGB profile in resources/icc/), XMP metadata that says the part and conformance
and agrees with the Info dictionary, and annotations that print. `to_pdfa` adds those to a
finished PDF; the result stays as reproducible as its input (the ID is computed from the
content, the XMP dates are the Info dictionary's).

The checks a validator would do that tests can do too are in `archive_problems`, used by the
tests and by nothing else at run time (a document is not checked twice on every export).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from functools import cache
from typing import Any

import pikepdf
from pikepdf import Array
from pikepdf import Dictionary
from pikepdf import Name
from pikepdf import Pdf
from pikepdf import String
from pikepdf.models.metadata import decode_pdf_date

from jeugdtool import resources

#: The output condition the ICC profile describes.
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
#: The annotation flags PDF/A requires set (Print) and forbids (Invisible, Hidden, NoView).
_PRINT, _NOT_SHOWN = 4, 1 | 2 | 32
#: The /Lang of each document language: PDF/A and screen readers want a full tag for Dutch.
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en"}


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile (version 2.3, "no copyright, use freely"; resources/icc/)."""
    return resources.path("icc", "sRGB.icc").read_bytes()


def language_tag(language: str) -> str:
    """The /Lang (BCP 47) of a document in `language` ("nl" -> "nl-NL")."""
    return LANGUAGE_TAGS.get(language, language)


def _output_intent(pdf: Pdf) -> Dictionary:
    profile = pdf.make_stream(srgb_profile())
    profile.N = 3
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String(OUTPUT_CONDITION),
        RegistryName=String("http://www.color.org"),
        Info=String(OUTPUT_CONDITION),
        DestOutputProfile=pdf.make_indirect(profile),
    )


def _annotations(pdf: Pdf) -> Iterator[Dictionary]:
    for page in pdf.pages:
        yield from page.obj.get(Name.Annots, Array())


def _write_xmp(pdf: Pdf, language: str) -> None:
    """XMP from the Info dictionary (title, author, subject, creator, producer, dates), with
    the PDF/A identification and the document's language."""
    for key in list(pdf.docinfo.keys()):
        # reportlab's /Trapped /False has no place in XMP; an empty text says nothing
        if key == Name.Trapped or not str(pdf.docinfo[key]).strip():
            del pdf.docinfo[key]
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.load_from_docinfo(pdf.docinfo, delete_missing=True)
        xmp["pdfaid:part"] = "2"
        xmp["pdfaid:conformance"] = "B"
        xmp["dc:language"] = [language_tag(language)]
        if "xmp:ModifyDate" in xmp:
            xmp["xmp:MetadataDate"] = xmp["xmp:ModifyDate"]


def to_pdfa(data: bytes, *, language: str) -> bytes:
    """The PDF `data` (as reportlab wrote it) as PDF/A-2b: output intent, XMP, printable
    annotations, /Lang; the same content and metadata otherwise."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        root.OutputIntents = Array([_output_intent(pdf)])
        root.Lang = String(language_tag(language))
        for page in pdf.pages:  # reportlab's empty page transition: nothing, and not PDF/A
            if Name.Trans in page.obj and not page.obj.Trans.keys():
                del page.obj[Name.Trans]
        for annotation in _annotations(pdf):
            flags = int(annotation.get(Name.F, 0))
            annotation.F = (flags | _PRINT) & ~_NOT_SHOWN
        _write_xmp(pdf, language)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


#: The base-14 fonts a viewer substitutes: PDF/A wants every font embedded.
_BASE_14 = frozenset(
    {
        "Courier",
        "Courier-Bold",
        "Courier-BoldOblique",
        "Courier-Oblique",
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-BoldOblique",
        "Helvetica-Oblique",
        "Symbol",
        "Times-Bold",
        "Times-BoldItalic",
        "Times-Italic",
        "Times-Roman",
        "ZapfDingbats",
    }
)
#: The Info dictionary's entries and the XMP properties that must say the same.
_INFO_XMP = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Creator": "xmp:CreatorTool",
    "/Producer": "pdf:Producer",
    "/CreationDate": "xmp:CreateDate",
    "/ModDate": "xmp:ModifyDate",
}


def _font_problems(font: Dictionary, where: str) -> list[str]:
    subtype = font.get(Name.Subtype)
    if subtype == Name.Type3:  # glyphs drawn in the file itself
        return []
    if subtype == Name.Type0:
        descendants = font.get(Name.DescendantFonts, Array())
        return [p for d in descendants for p in _font_problems(d, where)]
    name = str(font.get(Name.BaseFont, "")).lstrip("/")
    descriptor = font.get(Name.FontDescriptor)
    embedded = descriptor is not None and any(
        key in descriptor for key in (Name.FontFile, Name.FontFile2, Name.FontFile3)
    )
    if name in _BASE_14 or not embedded:
        return [f"font {name or '?'} is not embedded ({where})"]
    return []


def _same(info: Any, xmp: Any) -> bool:
    """An Info value and its XMP property say the same (dates as moments, lists by their
    only element)."""
    if isinstance(xmp, list):
        xmp = xmp[0] if len(xmp) == 1 else xmp
    if isinstance(info, String) and str(info).startswith("D:"):
        moment = decode_pdf_date(str(info))
        try:
            return dt.datetime.fromisoformat(str(xmp)) == moment
        except ValueError:
            return False
    return str(info) == str(xmp)


def _metadata_problems(pdf: Pdf) -> list[str]:
    problems: list[str] = []
    meta = pdf.open_metadata()
    if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "B":
        problems.append("the XMP does not say PDF/A-2b")
    for key, prop in _INFO_XMP.items():
        info = pdf.docinfo.get(key)
        if info is None:
            if prop in meta:
                problems.append(f"XMP {prop} has no {key} in the Info dictionary")
        elif prop not in meta or not _same(info, meta[prop]):
            problems.append(f"Info {key} and XMP {prop} differ")
    return problems


def _catalogue_problems(pdf: Pdf) -> list[str]:
    problems: list[str] = []
    root = pdf.Root
    if Name.Encrypt in pdf.trailer:
        problems.append("encrypted")
    if len(pdf.trailer.get(Name.ID, Array())) != 2:
        problems.append("no document ID in the trailer")
    intents = [i for i in root.get(Name.OutputIntents, Array()) if i.get(Name.S) == "/GTS_PDFA1"]
    if len(intents) != 1:
        problems.append("no PDF/A output intent")
    else:
        profile = intents[0].get(Name.DestOutputProfile)
        icc = profile.read_bytes() if profile is not None else b""
        if icc[36:40] != b"acsp" or icc[16:20] != b"RGB " or int(profile.get(Name.N, 0)) != 3:
            problems.append("the output intent has no RGB ICC profile")
        elif icc[8] > 4:
            problems.append("the ICC profile is newer than PDF 1.7 allows")
    if Name.AA in root or Name.JavaScript in root.get(Name.Names, Dictionary()):
        problems.append("document actions or JavaScript")
    if Name.EmbeddedFiles in root.get(Name.Names, Dictionary()):
        problems.append("embedded files")
    if not root.get(Name.ViewerPreferences, Dictionary()).get(Name.DisplayDocTitle, False):
        problems.append("DisplayDocTitle is not set")
    if not str(root.get(Name.Lang, "")):
        problems.append("no /Lang")
    if Name.Outlines in root and root.get(Name.PageMode) != Name.UseOutlines:
        problems.append("bookmarks, but the viewer is not asked to show them")
    return problems


def _object_problems(pdf: Pdf) -> list[str]:
    problems: list[str] = []
    for obj in pdf.objects:
        number = obj.objgen[0] if isinstance(obj, pikepdf.Object) else 0
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get(Name.Filter)
            names = list(filters) if isinstance(filters, Array) else [filters]
            if Name.LZWDecode in names:
                problems.append(f"an LZW-compressed stream (object {number})")
        if not isinstance(obj, Dictionary | pikepdf.Stream):
            continue
        if obj.get(Name.Type) == Name.Font:
            problems += _font_problems(obj, f"object {number}")
        if obj.get(Name.S) in (Name.JavaScript, Name.Launch) or Name.JS in obj:
            problems.append(f"JavaScript or a launch action (object {number})")
        if obj.get(Name.Type) == Name.Annot and not int(obj.get(Name.F, 0)) & _PRINT:
            problems.append(f"an annotation that does not print (object {number})")
    return problems


def archive_problems(data: bytes) -> list[str]:
    """What keeps the PDF `data` from PDF/A-2b as far as it can be checked without a full
    validator: output intent and ICC profile, XMP identification, Info and XMP alike, fonts
    embedded, no encryption, JavaScript, embedded files or LZW, a document ID, printable
    annotations; and for accessibility DisplayDocTitle, /Lang and the outline shown. Empty:
    nothing found."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [*_catalogue_problems(pdf), *_metadata_problems(pdf), *_object_problems(pdf)]
