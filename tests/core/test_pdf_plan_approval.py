"""The plan PDF says whether a colleague approved the plan (toetsing, issue 18): by whom and
when, waiting for review since a day, or not approved yet; and after finalising, an agreement
everyone accepted prints as agreed, not as proposed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from jeugdtool import i18n
from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.staff import StaffMember
from jeugdtool.cases.staff import single_user
from jeugdtool.export.pdf import documents
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework import plan_approval
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind

SUBMITTED = dt.date(2026, 12, 7)
DECIDED = dt.date(2026, 12, 9)
PRINTED = dt.date(2026, 12, 10)


def _text(path: Path) -> str:
    """The document's words with white space squashed (lines break wherever they fall)."""
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


@pytest.fixture
def boer(uow) -> StaffMember:
    return single_user(consultants.add_consultant(uow, "A. de Boer").value)


@pytest.fixture
def case_id(uow) -> int:
    """A finalised plan: one agreement both parties accepted, one only one of them did."""
    case = households.create_case(uow, name="Gezin Toets", case_number="2026-0077").value
    noa = members.add_person(
        uow, case.id, {"first_name": "Noa", "last_name": "Toets", "role": "parent"}
    ).value
    ria = members.add_network_member(uow, case.id, {"name": "Ria Toets", "kind": "family"}).value
    parties = [
        Source(SourceKind.PERSON, person_id=noa.id),
        Source(SourceKind.NETWORK, network_id=ria.id),
    ]
    draft = plans.start_draft(uow, case.id).value
    both = plans.add_agreement(
        uow, draft.id, {"what": "Oma Ria haalt de kinderen op", "parties": parties}
    ).value
    one = plans.add_agreement(
        uow, draft.id, {"what": "Noa belt elke avond met Ria", "parties": parties}
    ).value
    for party in both.parties:
        plans.record_acceptance(uow, party.id, True, on=SUBMITTED, how="meeting")
    plans.record_acceptance(uow, one.parties[0].id, True, on=SUBMITTED, how="phone")
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="Toets", today=SUBMITTED)
    return case.id


@pytest.fixture(autouse=True)
def english() -> None:
    """The English wording (the msgids): the Dutch comes with the catalogue."""
    i18n.set_language("en")


def _export(uow, case_id: int, path: Path) -> str:
    everything = replace(default_selection(Document.PLAN), uninvolved_persons=True)
    documents.export(uow, case_id, everything, path, today=PRINTED)
    return _text(path)


def _version_id(uow, case_id: int) -> int:
    return max(v.id for v in plans.list_versions(uow, case_id) if v.is_final)


def test_a_plan_nobody_reviewed_says_not_approved_yet(uow, case_id, tmp_path) -> None:
    text = _export(uow, case_id, tmp_path / "plan.pdf")
    assert "Approval Not approved yet" in text
    assert "Approved by" not in text


def test_after_finalising_an_agreement_everyone_accepted_is_agreed(uow, case_id, tmp_path) -> None:
    """The tester's finding: every party had accepted, the PDF still said
    "Voorgesteld" (Proposed)."""
    text = _export(uow, case_id, tmp_path / "plan.pdf")
    both = text.index("Oma Ria haalt de kinderen op")
    one = text.index("Noa belt elke avond met Ria")
    assert both < one
    assert "Agreed" in text[both:one] and "Proposed" not in text[both:one]
    assert "Proposed" in text[one : one + 200]


def test_the_review_shows_waiting_then_who_approved_and_when(uow, case_id, boer, tmp_path) -> None:
    version = _version_id(uow, case_id)
    waiting = plan_approval.submit(uow, version, by=boer, today=SUBMITTED).value
    text = _export(uow, case_id, tmp_path / "waiting.pdf")
    assert "Submitted for review on 07-12-2026, not approved yet" in text
    plan_approval.decide(
        uow, waiting.id, approve=True, by=boer, decided_by="R. Visser", today=DECIDED
    )
    text = _export(uow, case_id, tmp_path / "approved.pdf")
    assert "Approved by R. Visser on 09-12-2026" in text
    assert "Not approved yet" not in text and "Submitted for review" not in text


def test_a_re_review_that_returned_the_plan_takes_the_approval_away(
    uow, case_id, boer, tmp_path
) -> None:
    version = _version_id(uow, case_id)
    first = plan_approval.submit(uow, version, by=boer, today=SUBMITTED).value
    plan_approval.decide(
        uow, first.id, approve=True, by=boer, decided_by="R. Visser", today=DECIDED
    )
    again = plan_approval.submit(uow, version, by=boer, today=PRINTED).value
    text = _export(uow, case_id, tmp_path / "rereview.pdf")  # waiting: the approval stands
    assert "Approved by R. Visser on 09-12-2026" in text
    plan_approval.decide(
        uow,
        again.id,
        approve=False,
        by=boer,
        decided_by="R. Visser",
        note="De afspraken passen niet meer bij de situatie",
        today=PRINTED,
    )
    text = _export(uow, case_id, tmp_path / "returned.pdf")
    assert "Not approved yet" in text and "Approved by" not in text


def test_a_draft_is_not_approved(uow, case_id, tmp_path) -> None:
    draft = plans.start_draft(uow, case_id).value
    everything = replace(default_selection(Document.PLAN), uninvolved_persons=True)
    path = tmp_path / "draft.pdf"
    documents.export(uow, case_id, everything, path, version=draft.number, today=PRINTED)
    assert "Not approved yet" in _text(path)
