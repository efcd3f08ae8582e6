"""The child's voice in the case file: Three Houses records and stories go out and come back
whole, pictures included (as base64), and a file's pictures pass the same rules as a picture
added in the program — cleaned again on import, so no metadata gets in."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import io
from typing import Any

import pytest
from PIL import Image

from jeugdtool import resources
from jeugdtool.errors import InvalidInput
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import read_case_file
from jeugdtool.export.casefile import validate_case_document
from jeugdtool.export.demo import load_demo
from jeugdtool.framework import child_voice
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

pytestmark = pytest.mark.both_backends


def _demo(name: str = "01-jansen.json") -> dict[str, Any]:
    return copy.deepcopy(read_case_file(resources.path("demo", name)))


def _picture(data: bytes, media_type: str = "image/png") -> dict[str, str]:
    return {"media_type": media_type, "data": base64.b64encode(data).decode("ascii")}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "purple").save(out, "PNG")
    return out.getvalue()


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 5.0)}
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_the_demo_writes_its_records_and_story_with_their_pictures(uow: UnitOfWork) -> None:
    (jansen, *_rest) = load_demo(uow).value
    doc = export_case(uow, jansen.id)
    (record,) = doc["three_houses"]
    assert (record["child"], record["date"]) == ("p3", "2026-02-12")  # Noa
    assert record["worries"].startswith("Als mama op de bank slaapt en niet wakker word.")
    drawing = base64.b64decode(record["drawing"]["data"])
    assert record["drawing"]["media_type"] == "image/png" and drawing.startswith(b"\x89PNG")
    (story,) = doc["child_stories"]
    assert story["child"] == "p4" and len(story["pages"]) == 6  # Sem
    assert [page["picture"] is not None for page in story["pages"]] == [
        True,
        True,
        True,
        False,
        True,
        True,
    ]
    assert validate_case_document(doc) == []
    # In again as a new case, and out: the same, pictures to the byte.
    again = export_case(uow, import_case(uow, doc, as_new=True).value.id)
    assert again["three_houses"] == doc["three_houses"]
    assert again["child_stories"] == doc["child_stories"]


def test_a_files_picture_is_cleaned_on_import(uow: UnitOfWork) -> None:
    doc = _demo()
    doc["three_houses"][0]["drawing"] = _picture(_jpeg_with_gps(), "image/jpeg")
    case = import_case(uow, doc).value
    (record,) = child_voice.list_three_houses(uow, case.id)
    kept = child_voice.picture(uow, record.drawing_id)
    assert kept.media_type == "image/jpeg" and (kept.width, kept.height) == (64, 48)
    assert b"PhoneMaker" not in kept.data
    assert not Image.open(io.BytesIO(kept.data)).getexif()


def _problems(doc: dict[str, Any]) -> dict[str, str]:
    return {p.field: p.message for p in validate_case_document(doc)}


def test_the_rules_of_the_program_hold_in_a_file() -> None:
    doc = _demo()
    record, story = doc["three_houses"][0], doc["child_stories"][0]
    record["child"] = "p1"  # Sandra, the mother: not a child
    record["date"] = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    record["talked_with"] = "\t"
    story["child"] = "p9"
    story["pages"][0]["picture"] = _picture(b"%PDF-1.7 not a picture")
    story["pages"][1]["picture"] = {"media_type": "image/png", "data": "not base64!"}
    story["pages"][2]["picture"] = _picture(_jpeg_with_gps(), "image/png")
    problems = _problems(doc)
    assert set(problems) == {
        "three_houses[0].child",
        "three_houses[0].date",
        "three_houses[0].talked_with",
        "child_stories[0].child",
        "child_stories[0].pages[0].picture.data",
        "child_stories[0].pages[1].picture.data",
        "child_stories[0].pages[2].picture.media_type",
    }
    assert problems["three_houses[0].child"] == _(
        "'{ref}' is not a child; the child's voice belongs to a child."
    ).format(ref="p1")


def test_the_schema_keeps_the_shape() -> None:
    doc = _demo()
    doc["three_houses"][0]["drawing"] = {"media_type": "image/gif", "data": "R0lG"}
    doc["child_stories"][0]["pages"][0]["text"] = "x" * 2001
    doc["child_stories"][0]["pages"].extend([{"text": "", "picture": None}] * 40)
    problems = _problems(doc)
    assert set(problems) == {
        "three_houses[0].drawing.media_type",
        "three_houses[0].drawing.data",  # a GIF: the rules say so too
        "child_stories[0].pages",
        "child_stories[0].pages[0].text",
    }
    assert problems["three_houses[0].drawing.data"] == _("Only PNG and JPEG pictures can be added.")


def test_a_bad_picture_imports_nothing(uow: UnitOfWork) -> None:
    doc = _demo()
    doc["child_stories"][0]["pages"][-1]["picture"] = _picture(b"\x89PNG\r\n\x1a\nbroken")
    with pytest.raises(InvalidInput) as caught:
        import_case(uow, doc)
    assert [p.field for p in caught.value.problems] == ["child_stories[0].pages[5].picture.data"]


def test_an_older_file_without_the_childs_voice_imports(uow: UnitOfWork) -> None:
    doc = _demo()
    del doc["three_houses"], doc["child_stories"]
    assert validate_case_document(doc) == []
    exported = export_case(uow, import_case(uow, doc).value.id)
    assert exported["three_houses"] == [] and exported["child_stories"] == []


def test_hiding_a_name_in_the_dossier_leaves_the_pictures_whole() -> None:
    """A name may happen to be spelled out in a picture's base64 letters ("+Ria/"); the
    access-request dossier masks names in every text, but a picture is no text."""
    from jeugdtool.export.access_redaction import Proposal
    from jeugdtool.export.access_redaction import RedactionKind
    from jeugdtool.export.access_redaction import redact

    doc = _demo()
    data = "AAAA+Ria/BBBB"
    doc["three_houses"][0]["drawing"] = {"media_type": "image/png", "data": data}
    doc["three_houses"][0]["good_things"] = "Oma Ria!! Bij Ria slapen."
    reporter = Proposal(
        "reporter", RedactionKind.REPORTER, "naam", "overal", "melder", "Ria", "naam", "melder"
    )
    hidden = redact(doc, [reporter])
    assert hidden["three_houses"][0]["drawing"]["data"] == data
    assert "Ria" not in hidden["three_houses"][0]["good_things"]
