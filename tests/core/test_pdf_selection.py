"""Data minimisation in the safety plan PDF: the selection decides what a partner receives."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pypdf
import pytest

from jeugdtool.cases import queries
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.plan_data import gather_plan
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.export.selection import section_codes
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.outcomes.help import list_help

TODAY = dt.date(2026, 3, 10)


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def jansen(uow, demo_households) -> int:
    found = queries.find_case_id(uow, "2026-0001")
    assert found is not None
    return found


def _render(uow, case_id: int, **changes) -> tuple[pypdf.PdfReader, str, str]:
    """The PDF, its text (white space removed) and its metadata as one string."""
    selection = replace(default_selection(Document.PLAN), **changes)
    done = documents.render(uow, case_id, selection, today=TODAY)
    reader = pypdf.PdfReader(io.BytesIO(done.data))
    text = _squash("".join(page.extract_text() for page in reader.pages))
    meta = reader.metadata
    metadata = " ".join(str(meta.get(k, "")) for k in ("/Title", "/Subject", "/Keywords"))
    assert done.pages == len(reader.pages)
    return reader, text, metadata


def _section_marks(uow, case_id: int) -> dict[str, tuple[list[str], str]]:
    """Per section: texts only that section prints, and a word its metadata mention uses."""
    plan = gather_plan(uow, case_id).plan
    statements = [s.text for s in plan.statements if s.type is not StatementType.HARM]
    return {
        "statements": (["Waar zijn we bang voor?", "Eisen", *statements], "eisen"),
        "agreements": (["Hoe weten we het?", *(a.what for a in plan.agreements)], "afspraken"),
        "help": (
            # not the provider: a provider who is in the network is on page 1 ("whom to call")
            [h.description for h in list_help(uow, case_id)],
            _("help the family gets"),
        ),
        "network": (
            ["Het veiligheidsnetwerk", "Wie let erop", *(r.role for r in plan.network)]
            + [f.sign for f in plan.red_flags],
            "veiligheidsnetwerk",
        ),
        "children": (["Hoe de kinderen het horen", plan.plan.children_told], "kinderen"),
        "review": (
            ["Volgende evaluatie", plan.plan.review_schedule, plan.plan.when_not_kept],
            "evaluatie",
        ),
        "signatures": (["Handtekeningen", "Handtekening:"], "handtekeningen"),
    }


@pytest.mark.parametrize("left_out", section_codes(Document.PLAN))
def test_a_section_left_out_is_absent_from_the_text_and_the_metadata(uow, jansen, left_out):
    marks = _section_marks(uow, jansen)
    # Everything: the agreements and help marked as special categories too (the demo marks
    # Sandra's addiction care).
    everything = _render(uow, jansen, uninvolved_persons=True, special_categories=True)
    for texts, word in marks.values():  # the marks are real: all there in the whole plan
        assert all(_squash(t) in everything[1] for t in texts if t.strip())
        assert word in everything[2]
    sections = frozenset(section_codes(Document.PLAN)) - {left_out}
    _reader, text, metadata = _render(
        uow, jansen, sections=sections, uninvolved_persons=True, special_categories=True
    )
    texts, word = marks[left_out]
    assert [t for t in texts if t.strip() and _squash(t) in text] == []
    assert word not in metadata
    for other in sections:  # the rest is all there
        assert all(_squash(t) in text for t in marks[other][0] if t.strip()), other
    # The reader learns that this is a part, not which part is missing.
    assert _squash("Dit document bevat een deel van het veiligheidsplan.") in text
    assert _squash("Dit document bevat een deel") not in everything[1]


def test_only_the_agreements_for_a_partner(uow, jansen) -> None:
    _reader, text, metadata = _render(uow, jansen, sections=frozenset({"agreements"}))
    assert "Afspraken" in text and "Handtekening" not in text and "Eisen" not in text
    assert "Veiligheidsplan met afspraken — vertrouwelijk" in metadata


def test_contact_details_are_printed_only_when_chosen(uow, jansen) -> None:
    detail = gather_plan(uow, jansen).case
    ria = next(n for n in detail.network if n.name == "Ria Jansen")
    assert ria.phone
    _r, with_contact, _m = _render(uow, jansen)
    _r, without, _m = _render(uow, jansen, contact_details=False)
    assert _squash(ria.phone) in with_contact and "Contact" in with_contact
    assert _squash(ria.phone) not in without and "Contact" not in without
    assert "RiaJansen" in without  # the person stays, only how to reach them goes
    # Birth dates: the plan prints none, chosen or not.
    sandra = next(p for p in detail.persons if p.first_name == "Sandra")
    assert sandra.birth_date is not None
    _r, with_births, _m = _render(uow, jansen, birth_dates=True)
    for text in (with_contact, with_births):
        assert f"{sandra.birth_date:%d-%m-%Y}" not in text


def test_a_network_member_in_no_agreement_is_left_out_unless_chosen(uow, jansen) -> None:
    data = gather_plan(uow, jansen)
    hoekstra = next(n for n in data.case.network if n.name == "K. Hoekstra")
    role = next(r for r in data.plan.network if r.source.network_id == hoekstra.id)
    assert not any(
        p.source.network_id == hoekstra.id for a in data.plan.agreements for p in a.parties
    )
    _r, without, metadata = _render(uow, jansen, uninvolved_persons=False)
    _r, with_all, _m = _render(uow, jansen, uninvolved_persons=True)
    for shown in (_squash(hoekstra.name), _squash(role.role), _squash(hoekstra.phone or "")):
        assert shown in with_all
        assert shown not in without
    assert "Hoekstra" not in metadata
    # Everyone who is party to an agreement stays in the network list and signs.
    ria = next(r for r in data.plan.network if r.source.label == "Ria Jansen")
    assert _squash(ria.role) in without
    assert without.count("Handtekening:") == with_all.count("Handtekening:") == 3


def test_the_audience_is_named_on_the_first_page_and_in_every_footer(uow, jansen) -> None:
    reader, _text, _metadata = _render(uow, jansen, audience="school De Vlinder")
    pages = [page.extract_text() for page in reader.pages]
    assert pages[0].count("Selectie voor: school De Vlinder") == 2  # under the title, footer
    assert all("Selectie voor: school De Vlinder" in page for page in pages[1:])
    _reader, plain, _meta = _render(uow, jansen)
    assert "Selectievoor" not in plain
