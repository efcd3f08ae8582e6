"""The child's voice in the family's access-request dossier: each Three Houses talk with the
child's own words and the drawing, and each story page by page with its pictures, in the PDF;
the JSON case file beside it holds the pictures whole, also when names are hidden."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pypdf

from jeugdtool.cases import queries
from jeugdtool.export import access_request as ar
from jeugdtool.export.access_redaction import ticked
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.framework import child_voice
from jeugdtool.store.uow import UnitOfWork


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(block: str, **values: Any) -> str:
    return _flat(Texts("access_request").plain(block, **values))


def _images(reader: pypdf.PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def test_the_childrens_words_and_drawings_are_in_the_dossier(
    uow: UnitOfWork, demo_households, tmp_path: Path
) -> None:
    jansen = queries.find_case_id(uow, "2026-0001")
    assert jansen is not None
    dossier = ar.collect(uow, jansen)
    requester = ar.Requester(requested_by="Sandra Jansen (moeder)")
    done = ar.deliver(uow, jansen, dossier, tmp_path, ticked(ar.proposals(dossier)), requester)
    reader = pypdf.PdfReader(io.BytesIO(done.pdf.read_bytes()))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    (record,) = child_voice.list_three_houses(uow, jansen)
    (story,) = child_voice.list_stories(uow, jansen)
    assert _words("heading_child_voice") in text
    for said in (record.worries, record.good_things, record.dreams):
        assert _flat(said) in text  # the child's words, as said
    assert _flat(story.title) in text
    assert all(_flat(page.text) in text for page in story.pages)
    # The drawing and the five story pictures are drawn.
    pictures = 1 + sum(page.picture_id is not None for page in story.pages)
    assert _images(reader) == pictures == 6
    case_file = json.loads(done.case_file.read_text(encoding="utf-8"))
    drawing = case_file["three_houses"][0]["drawing"]
    assert base64.b64decode(drawing["data"]) == child_voice.picture(uow, record.drawing_id).data


def test_a_case_without_the_childs_voice_says_so(
    uow: UnitOfWork, demo_households, tmp_path: Path
) -> None:
    smit = queries.find_case_id(uow, "2026-0004")
    assert smit is not None
    dossier = ar.collect(uow, smit)
    requester = ar.Requester(requested_by="Kim Smit (moeder)")
    done = ar.deliver(uow, smit, dossier, tmp_path, ticked(ar.proposals(dossier)), requester)
    reader = pypdf.PdfReader(io.BytesIO(done.pdf.read_bytes()))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert _words("none_child_voice") in text
