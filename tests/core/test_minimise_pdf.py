"""Minimisation that holds, proven on the real PDFs of the demo households: what a selection
leaves out is absent from the extracted text and the metadata, wherever it was written."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

import pypdf
import pytest

from jeugdtool.cases import queries
from jeugdtool.export.minimise import Kind
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.framework_map_data import gather_map
from jeugdtool.export.pdf.framework_map_data import map_findings
from jeugdtool.export.pdf.framework_map_data import select_map
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.pdf.plan_data import minimisation_findings
from jeugdtool.export.pdf.plan_data import select_plan
from jeugdtool.export.pdf.zrm_summary_data import gather_zrm
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.i18n import set_language

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def dutch():
    set_language("nl")
    yield
    set_language("en")


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def demo(uow, demo_households) -> dict[str, int]:
    """Case number -> case id of every demo household."""
    return {c.case_number: c.id for c in queries.list_case_summaries(uow)}


def _pdf(uow, case_id: int, document: Document = Document.PLAN, **changes) -> str:
    """The PDF's text and its metadata (Title, Subject, Keywords, Author, XMP), white space
    removed, as one string."""
    selection = replace(default_selection(document), **changes)
    done = documents.render(uow, case_id, selection, today=TODAY)
    reader = pypdf.PdfReader(io.BytesIO(done.data))
    text = "".join(page.extract_text() for page in reader.pages)
    meta = reader.metadata or {}
    values = [str(v) for v in meta.values()]
    xmp = reader.trailer["/Root"].get("/Metadata")
    if xmp is not None:
        values.append(xmp.get_object().get_data().decode("utf-8", "replace"))
    return _squash(text + " ".join(values))


# ---- leak 1: addresses, phone numbers and e-mail addresses in free text


JANSEN_ADDRESSES = ("Parkstraat 12", "Stationsweg 4", "Molenweg 3", "Parkstraat 14")


def test_contact_details_off_removes_the_addresses_written_in_an_agreement(uow, demo):
    case_id = demo["2026-0001"]
    # With the items marked as health data: the addiction care's address is in one of them.
    with_contacts = _pdf(uow, case_id, special_categories=True)
    for address in JANSEN_ADDRESSES:  # the addresses are really there in the full plan
        assert _squash(address) in with_contacts, address
    without = _pdf(uow, case_id, contact_details=False, special_categories=True)
    for address in JANSEN_ADDRESSES:
        assert _squash(address) not in without, address
    # What is around the address stays: the reader still knows where, roughly.
    assert "VerslavingszorgNoord" in without and "bijomaRia" in without


def test_contact_details_off_removes_them_in_every_part_and_selection(uow, demo):
    case_id = demo["2026-0003"]
    assert "Lindenlaan3" in _pdf(uow, case_id, uninvolved_persons=True)
    for changes in (
        {"uninvolved_persons": True},
        {"sections": frozenset({"agreements"})},
        {"audience": "school"},
    ):
        text = _pdf(uow, case_id, contact_details=False, **changes)
        assert "Lindenlaan3" not in text, changes
        detail = gather_plan(uow, case_id).case
        for member in detail.network:
            for value in (member.phone, member.email):
                if value:
                    assert _squash(value) not in text, (changes, member.name)


def test_a_phone_number_typed_into_free_text_goes_too(uow, demo):
    """The free text of every part: an agreement's what and check, a red flag's action."""
    data = gather_plan(uow, demo["2026-0001"])
    agreement = replace(
        data.plan.agreements[0],
        what="Bel Ria op 06-11223344 of mail ria@example.nl.",
        check="Henk belt 050 123 4567.",
    )
    flag = replace(data.plan.red_flags[0], action="Ga naar Kerkstraat 7a, 9711 AB Groningen.")
    plan = replace(data.plan, agreements=(agreement, *data.plan.agreements[1:]), red_flags=(flag,))
    selection = replace(default_selection(Document.PLAN), contact_details=False)
    shown = select_plan(replace(data, plan=plan), selection)
    texts = [shown.plan.agreements[0].what, shown.plan.agreements[0].check]
    texts.append(shown.plan.red_flags[0].action)
    for gone in ("06-11223344", "ria@example.nl", "050 123 4567", "Kerkstraat", "9711"):
        assert all(gone not in t for t in texts), gone


# ---- leak 2: names of persons outside the selection in free text


@pytest.mark.parametrize(
    ("case_number", "names"),
    [
        ("2026-0005", ("E. Vos", "M. Jonker")),  # "Controleert", "Wie let erop"
        ("2026-0002", ("I. Postma",)),
        ("2026-0006", ("G. Meester",)),
        ("2026-0003", ("P. de Groot",)),
    ],
)
def test_names_of_persons_not_involved_are_masked_in_every_free_text_field(
    uow, demo, case_number, names
):
    case_id = demo[case_number]
    everyone = _pdf(uow, case_id, uninvolved_persons=True)
    selected = _pdf(uow, case_id)
    for name in names:
        assert _squash(name) in everyone, name
        assert _squash(name) not in selected, name
        surname = name.split()[-1]
        assert surname not in selected, surname


def test_the_household_stays_named(uow, demo):
    text = _pdf(uow, demo["2026-0005"])
    assert "Mehmet" in text and "Fatma" in text


# ---- leak 3: the recipient's own people stay in a selection for them


def test_a_selection_for_the_school_keeps_the_schools_own_staff(uow, demo):
    case_id = demo["2026-0001"]
    hoekstra = next(n for n in gather_plan(uow, case_id).case.network if n.name == "K. Hoekstra")
    assert hoekstra.phone
    general = _pdf(uow, case_id)
    assert "Hoekstra" not in general
    for_school = _pdf(uow, case_id, audience="school")
    assert "Hoekstra" in for_school
    assert _squash(hoekstra.phone) in for_school  # contact details on: they can be reached
    # Other uninvolved professionals stay out of the school's copy.
    assert "Mulder" not in for_school and "Smit" not in for_school


# ---- what the dialog says before the export is what the PDF does


def test_the_findings_name_the_field_and_never_the_data(uow, demo):
    data = gather_plan(uow, demo["2026-0001"])
    selection = replace(
        default_selection(Document.PLAN), contact_details=False, special_categories=True
    )
    findings = minimisation_findings(data, selection)
    where = {(f.item, f.kind) for f in findings}
    assert {(f"Afspraak {n}", Kind.ADDRESS) for n in (1, 3, 5, 6)} <= where
    # Agreements 1 and 3 are marked as addiction care: left out, so nothing to say of them.
    without_special = replace(selection, special_categories=False)
    items = {f.item for f in minimisation_findings(data, without_special)}
    assert "Afspraak 5" in items and not {"Afspraak 1", "Afspraak 3"} & items
    for finding in findings:
        for address in JANSEN_ADDRESSES:
            assert address.split()[0] not in finding.message
    assert minimisation_findings(data, default_selection(Document.PLAN)) == ()


def test_findings_follow_the_parts_chosen(uow, demo):
    data = gather_plan(uow, demo["2026-0005"])
    selection = default_selection(Document.PLAN)
    items = {f.item for f in minimisation_findings(data, selection)}
    assert any(item.startswith("Afspraak") for item in items)
    only_review = replace(selection, sections=frozenset({"review"}))
    assert minimisation_findings(data, only_review) == ()
    everyone = replace(selection, uninvolved_persons=True)
    assert minimisation_findings(data, everyone) == ()


# ---- the map and the ZRM summary: the same minimisation where they print free text


def _text(uow, case_id: int, document: Document, **changes) -> str:
    selection = replace(default_selection(document), **changes)
    done = documents.render(uow, case_id, selection, today=TODAY)
    reader = pypdf.PdfReader(io.BytesIO(done.data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _uninvolved(uow, case_id: int) -> list[str]:
    """The last names of the network members party to no agreement of the plan."""
    data = gather_plan(uow, case_id)
    parties = {p.source.network_id for a in data.plan.agreements for p in a.parties}
    return [n.name.split()[-1] for n in data.case.network if n.id not in parties]


@pytest.mark.parametrize("document", [Document.MAP, Document.ZRM])
def test_the_map_and_the_zrm_summary_mask_the_names_of_persons_not_involved(uow, demo, document):
    case_id = demo["2026-0005"]
    names = _uninvolved(uow, case_id)
    everyone = _text(uow, case_id, document, uninvolved_persons=True)
    shown = [n for n in names if re.search(rf"\b{re.escape(n)}\b", everyone)]
    assert shown  # the document names some of them when everyone is included
    selected = _text(uow, case_id, document)
    for name in shown:
        assert not re.search(rf"\b{re.escape(name)}\b", selected), name
    assert "Mehmet" in selected  # the household stays named


def test_the_map_leaves_contact_details_out_of_its_free_text(uow, demo):
    data = gather_map(uow, demo["2026-0001"])
    cell, items = next((c, i) for c, i in data.moment.cells.items() if i)
    first = replace(items[0], text="Oma woont op de Molenweg 3, bel 06-12345678.")
    moment = replace(data.moment, cells={**data.moment.cells, cell: (first, *items[1:])})
    data = replace(data, moment=moment)
    selection = replace(default_selection(Document.MAP), contact_details=False)
    shown = select_map(data, selection).moment.cells[cell][0].text
    assert "Molenweg" not in shown and "12345678" not in shown
    assert shown.startswith("Oma woont op de ")
    findings = map_findings(data, replace(selection, uninvolved_persons=True))
    assert {(f.item, f.kind) for f in findings} == {
        (findings[0].item, Kind.ADDRESS),
        (findings[0].item, Kind.PHONE),
    }
    with_contacts = select_map(data, default_selection(Document.MAP))
    assert with_contacts.moment.cells[cell][0].text == first.text


def test_the_zrm_notes_mask_household_members_party_to_no_agreement(uow, demo):
    case_id = demo["2026-0001"]  # the children are party to no agreement of the plan
    everyone = gather_zrm(
        uow, case_id, replace(default_selection(Document.ZRM), uninvolved_persons=True)
    )
    sandra = next(p for p in everyone.persons if p.person.first_name == "Sandra")
    assert "Daan" in sandra.latest.note  # "… de mentor van Daan gebeld."
    selected = gather_zrm(uow, case_id, default_selection(Document.ZRM))
    sandra = next(p for p in selected.persons if p.person.first_name == "Sandra")
    notes = [sandra.latest.note, *(d.note for d in sandra.latest.domains)]
    notes += [line.latest.note for line in sandra.lines if line.latest is not None]
    assert not any(re.search(r"\bDaan\b", note) for note in notes)
    assert "Sandra" in sandra.latest.note and "D." in sandra.latest.note
