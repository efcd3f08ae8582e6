"""Every PDF jeugdtool writes is PDF/A-2b and accessible as far as reportlab allows: the checks
of `archive.archive_problems` (output intent, XMP, Info and XMP alike, fonts embedded, no
encryption or JavaScript, an ID, DisplayDocTitle, /Lang, the outline shown) over every document
kind of the demo households, pikepdf's PDF/A validator where it can run, and bookmarks."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Callable
from collections.abc import Iterator

import pikepdf
import pytest
from PIL import Image

from jeugdtool.cases import queries
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.dossier import meldcode
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.archive import OUTPUT_CONDITION
from jeugdtool.export.pdf.archive import archive_problems
from jeugdtool.export.pdf.archive import to_pdfa
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.meetings.meetings import list_meetings

TODAY = dt.date(2026, 3, 10)
#: Every kind of PDF; the child's voice only where a demo child has something recorded.
KINDS = (
    "plan",
    "map",
    "zrm",
    "network_plan",
    "minutes",
    "meldcode",
    "access_request",
    "experience_form",
    "child_voice",
)


def _cases(uow) -> Iterator[tuple[str, int]]:
    for summary in queries.list_case_summaries(uow):
        yield summary.case_number, summary.id


def _case_documents(uow, number: str, case_id: int) -> Iterator[tuple[str, Callable[[], bytes]]]:
    from jeugdtool.export.access_request import collect
    from jeugdtool.export.pdf import dossier as dossier_pdf
    from jeugdtool.export.pdf.experience_form import render_experience_form
    from jeugdtool.export.pdf.network_plan import render_network_plan

    for kind, document in (("plan", Document.PLAN), ("map", Document.MAP), ("zrm", Document.ZRM)):
        selection = default_selection(document)
        yield kind, lambda s=selection: documents.render(uow, case_id, s, today=TODAY).data
    yield "network_plan", lambda: render_network_plan(uow, case_id, today=TODAY).data
    yield "experience_form", lambda: render_experience_form(uow, case_id, today=TODAY).data
    for record in meldcode.records(uow, case_id):
        yield "meldcode", lambda r=record: _meldcode(uow, r.id)
    dossier = lambda: collect(uow, case_id, today=TODAY)  # noqa: E731
    yield "access_request", lambda: dossier_pdf.render(dossier(), request_for="de ouders").data
    yield from _child_voices(uow, case_id)


def _meldcode(uow, record_id: int) -> bytes:
    from jeugdtool.export.pdf.meldcode_record import render_meldcode

    return render_meldcode(uow, record_id, today=TODAY).data


def _child_voices(uow, case_id: int) -> Iterator[tuple[str, Callable[[], bytes]]]:
    from jeugdtool.export.pdf.child_voice import render_child_voice

    for person in queries.get_case(uow, case_id).persons:
        if person.role == PersonRole.CHILD:
            yield "child_voice", lambda p=person: render_child_voice(uow, case_id, p.id).data


def _picture(mode: str) -> bytes:
    """A small PNG: "RGBA" has transparency (a soft mask in the PDF, which PDF/A-2 allows)."""
    out = io.BytesIO()
    Image.new(mode, (60, 40), (30, 120, 200, 128) if mode == "RGBA" else (30, 120, 200)).save(
        out, "PNG"
    )
    return out.getvalue()


def _give_a_child_a_voice(uow) -> None:
    """A Three Houses talk with a drawing and a story page with a picture for the first child
    of 2026-0001, so that the child's document is among the PDFs."""
    from jeugdtool.framework import child_voice as cv

    case_id = queries.find_case_id(uow, "2026-0001")
    assert case_id is not None
    child = next(p for p in queries.get_case(uow, case_id).persons if p.role == PersonRole.CHILD)
    talk = cv.add_three_houses(
        uow,
        case_id,
        child_id=child.id,
        held_on=TODAY,
        talked_with="A. de Boer",
        worries="Als papa en mama ruzie maken.",
        good_things="Voetbal met opa.",
        dreams="Een hond.",
    ).value
    cv.set_drawing(uow, talk.id, _picture("RGBA"))
    story = cv.add_story(uow, case_id, child_id=child.id, title="Jouw verhaal").value
    page = cv.add_story_page(uow, story.id, text="Iedereen let op dat het thuis veilig is.").value
    cv.set_page_picture(uow, page.id, _picture("RGB"))


def _every_pdf(uow, *, one_per_kind: bool = False) -> list[tuple[str, str, bytes]]:
    """(kind, case number or meeting, PDF) of every document the demo households have (or
    the first of each kind); the test asks for demo_households."""
    from jeugdtool.export.pdf.minutes import render_minutes

    _give_a_child_a_voice(uow)
    out: list[tuple[str, str, bytes]] = []
    for number, case_id in _cases(uow):
        for kind, make in _case_documents(uow, number, case_id):
            if one_per_kind and kind in {k for k, _n, _d in out}:
                continue
            with contextlib.suppress(JeugdtoolError):  # the case has no such document
                out.append((kind, number, make()))
    for meeting in list_meetings(uow)[: 1 if one_per_kind else None]:
        out.append(("minutes", str(meeting.id), render_minutes(uow, meeting.id, today=TODAY)))
    return out


def _accessible(data: bytes) -> list[str]:
    """What a screen reader or a viewer misses: bookmarks, the title shown, the language, the
    program as Creator and Producer."""
    problems = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_outline() as outline:
            if not [item.title for item in outline.root]:
                problems.append("no bookmarks")
        if pdf.Root.get("/PageMode") != pikepdf.Name.UseOutlines:
            problems.append("bookmarks not shown")
        if not bool(pdf.Root.ViewerPreferences.get("/DisplayDocTitle", False)):
            problems.append("the file name shown, not the title")
        if str(pdf.Root.get("/Lang", "")) != "nl-NL":
            problems.append("no /Lang nl-NL")
        if {str(pdf.docinfo.get(k, "")) for k in ("/Creator", "/Producer")} != {"jeugdtool"}:
            problems.append("Creator or Producer is not jeugdtool")
    return problems


def test_every_document_of_the_demo_households_is_pdfa_2b_and_accessible(uow, demo_households):
    every = _every_pdf(uow)
    assert {kind for kind, _n, _d in every} >= set(KINDS)
    found = {(kind, n): archive_problems(data) + _accessible(data) for kind, n, data in every}
    assert {where: problems for where, problems in found.items() if problems} == {}


def test_pikepdfs_pdfa_validator_approves_each_kind_of_document(uow, demo_households) -> None:
    """pikepdf's allowlist validator (veraPDF's rules for PDF/A-2b; it needs fonttools): it
    approves a file only when every construct in it is known to conform."""
    pdfa = pytest.importorskip(
        "pikepdf.pdfa", reason="pikepdf's PDF/A validator: pikepdf 10.18 or later, and fonttools"
    )

    failed = {}
    for kind, number, data in _every_pdf(uow, one_per_kind=True):
        report = pdfa.validate_written(io.BytesIO(data), "2b")
        if not report.passed:
            failed[(kind, number)] = [str(f) for f in report.findings][:5]
    assert failed == {}


# ---------------------------------------------------------------- the checks themselves


def _plan(uow) -> bytes:
    """The demo plan of 2026-0001 (the test asks for demo_households)."""
    case_id = queries.find_case_id(uow, "2026-0001")
    assert case_id is not None
    return documents.render(uow, case_id, default_selection(Document.PLAN), today=TODAY).data


def _changed(data: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_the_output_intent_carries_the_srgb_profile(uow, demo_households) -> None:
    with pikepdf.open(io.BytesIO(_plan(uow))) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1
        assert str(intent.OutputConditionIdentifier) == OUTPUT_CONDITION
        icc = intent.DestOutputProfile.read_bytes()
        assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["dc:title"] == str(pdf.docinfo["/Title"])


def test_the_checks_find_what_pdfa_forbids(uow, demo_households) -> None:
    good = _plan(uow)
    assert archive_problems(good) == []

    def helvetica(pdf: pikepdf.Pdf) -> None:
        font = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1)
        )
        font.BaseFont = pikepdf.Name.Helvetica
        pdf.pages[0].Resources.Font.F99 = font

    def javascript(pdf: pikepdf.Pdf) -> None:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(action)

    def other_title(pdf: pikepdf.Pdf) -> None:
        pdf.docinfo["/Title"] = pikepdf.String("Iets anders")

    def no_intent(pdf: pikepdf.Pdf) -> None:
        del pdf.Root["/OutputIntents"]

    def not_shown(pdf: pikepdf.Pdf) -> None:
        del pdf.Root.ViewerPreferences["/DisplayDocTitle"]

    cases = {
        helvetica: "font Helvetica is not embedded",
        javascript: "JavaScript or a launch action",
        other_title: "Info /Title and XMP dc:title differ",
        no_intent: "no PDF/A output intent",
        not_shown: "DisplayDocTitle is not set",
    }
    for change, problem in cases.items():
        found = archive_problems(_changed(good, change))
        assert any(p.startswith(problem) for p in found), (change.__name__, found)


def test_the_archive_step_keeps_a_pdf_reproducible(uow, demo_households) -> None:
    """The same reportlab output gives the same PDF/A bytes (ID from the content, XMP dates
    from the Info dictionary, the ICC profile from a file)."""
    good = _plan(uow)
    assert to_pdfa(good, language="nl") == to_pdfa(good, language="nl")
