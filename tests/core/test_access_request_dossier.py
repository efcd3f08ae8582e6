"""The family's access request and the dossier of issue 17: the journal is in it with the working
notes (the courts ruled they are part of an access request), marked as working notes; the
meldcode records with their steps and the afwegingskader's answers, the kindchecks, the contacts
with Veilig Thuis and the verwijsindex signals are in it too, in plain words with the method's
words explained; what belongs to others is hidden there as everywhere."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pypdf
import pytest
from sqlalchemy import select

from jeugdtool.cases import disclosures
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.dossier import journal
from jeugdtool.dossier import meldcode_text
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier import verwijsindex
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.dossier.models import MeldcodeAnswer
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeSignal
from jeugdtool.dossier.models import MeldcodeStepRow
from jeugdtool.export import access_request as ar
from jeugdtool.export.access_redaction import RedactionKind
from jeugdtool.export.access_redaction import ticked
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

#: Gezin Bakker: the network holds the reporter I. Postma with her phone number.
BAKKER = "2026-0002"
DAY = dt.date.today() - dt.timedelta(days=20)
VISIT = "Huisbezoek, Fenna liet haar kamer zien"
PRIVATE = "Ik twijfel of vader de afspraken echt nakomt"
CALL = "Gebeld met I. Postma (06-41526374) over Fenna"
REFERENCE = "VT-2026-7781"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(block: str, **values: Any) -> str:
    return _flat(Texts("access_request").plain(block, **values))


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def bakker(uow: UnitOfWork, demo_households) -> int:
    """Gezin Bakker with a journal (a working note among it), a meldcode record up to a report
    to Veilig Thuis, a kindcheck and a verwijsindex signal with a match."""
    case_id = queries.find_case_id(uow, BAKKER)
    assert case_id is not None
    persons = {p.first_name: p for p in queries.get_case(uow, case_id).persons}
    for note, working in ((VISIT, False), (PRIVATE, True), (CALL, False)):
        fields = {"occurred_on": DAY, "kind": "home_visit", "note": note, "working_note": working}
        journal.add_entry(uow, case_id, {**fields, "participants": ["Lisa"]})
    _closed_record(uow, case_id)
    contact = {
        "kind": "report",
        "contact_on": DAY,
        "channel": "phone",
        "with_whom": "Dhr. Kok",
        "reference": REFERENCE,
    }
    veilig_thuis.add_contact(uow, case_id, contact)
    signal = verwijsindex.add_signal(
        uow, case_id, {"person_id": persons["Fenna"].id, "signalled_on": DAY}
    ).value
    verwijsindex.add_match(uow, signal.id, {"organisation": "GGZ Jeugd Noord", "matched_on": DAY})
    with uow:  # the kindcheck as its service writes it (its trigger is not what is tested)
        uow.session.add(
            Kindcheck(
                household_id=case_id,
                person_id=persons["Thomas"].id,
                adult_label="Thomas Bakker",
                trigger="worry:test",
                asked_on=DAY,
                asked_by="A. de Boer",
                children_depend="yes",
                safety_assessed="unknown",
                note="Fenna woont bij vader",
            )
        )
        uow.commit()
    return case_id


def _closed_record(uow: UnitOfWork, case_id: int) -> int:
    """A finished meldcode record after the demo's own (written as its services leave it:
    they are tested in test_meldcode.py): a report, the talk not held, two answers."""
    with uow:
        numbers = uow.session.scalars(
            select(MeldcodeRecord.number).where(MeldcodeRecord.household_id == case_id)
        )
        row = MeldcodeRecord(
            household_id=case_id,
            number=max(numbers, default=0) + 1,
            status="closed",
            started_on=DAY,
            started_by="A. de Boer",
            kindcheck_adults=("Thomas",),
            kindcheck_children_depend="yes",
            kindcheck_safety_assessed="yes",
            decided_report=True,
            decided_help=True,
            closed_on=DAY,
            closed_by="A. de Boer",
        )
        uow.session.add(row)
        uow.session.flush()
        owned = {"household_id": case_id, "record_id": row.id}
        steps = {
            2: {"with_whom": "Aandachtsfunctionaris"},
            3: {"talk_held": False, "not_held_reason": "Te onveilig"},
        }
        for step in range(1, 6):
            fields = steps.get(step, {})
            uow.session.add(
                MeldcodeStepRow(**owned, step=step, done_on=DAY, done_by="A. de Boer", **fields)
            )
        for key in meldcode_text.QUESTION_KEYS:
            answer = True if key in ("suspicion", "unsafety") else None
            reason = "Blauwe plekken gezien" if answer else ""
            uow.session.add(MeldcodeAnswer(**owned, question=key, answer=answer, reason=reason))
        uow.session.add(MeldcodeSignal(**owned, source="own", text="Fenna had blauwe plekken"))
        uow.commit()
        return row.id


def _deliver(uow: UnitOfWork, case_id: int, folder: Path) -> ar.Delivery:
    folder.mkdir(exist_ok=True)
    dossier = ar.collect(uow, case_id)
    accepted = ticked(ar.proposals(dossier))
    requester = ar.Requester(requested_by="Lisa Bakker (moeder)")
    return ar.deliver(uow, case_id, dossier, folder, accepted, requester)


def test_the_journal_is_in_it_with_the_working_notes_marked(
    uow: UnitOfWork, bakker: int, tmp_path: Path
) -> None:
    done = _deliver(uow, bakker, tmp_path)
    text = _pdf_text(done.pdf)
    assert _words("heading_journal") in text
    assert VISIT in text and PRIVATE in text
    # The mark stands with the working note, not with the others.
    mark = _words("working_note_mark")
    entries = json.loads(done.case_file.read_text(encoding="utf-8"))["journal"]
    assert text.count(mark) == len([e for e in entries if e["working_note"]])
    assert f"{mark} {PRIVATE}" in text
    assert f"{mark} {VISIT}" not in text
    for word in ("word_working_note", "word_meldcode", "word_afwegingskader", "word_verwijsindex"):
        assert _words(word) in text, word
    assert [e["working_note"] for e in entries if e["note"] == PRIVATE] == [True]


def test_the_meldcode_kindcheck_veilig_thuis_and_verwijsindex_are_in_it(
    uow: UnitOfWork, bakker: int, tmp_path: Path
) -> None:
    done = _deliver(uow, bakker, tmp_path)
    text = _pdf_text(done.pdf)
    for heading in ("meldcode", "kindchecks", "veilig_thuis", "signals"):
        assert _words(f"heading_{heading}") in text, heading
    for step in meldcode_text.steps():
        assert _flat(step.title) in text
    question = meldcode_text.question("suspicion").text
    assert _flat(question)[:40] in text
    for shown in (
        "Blauwe plekken gezien",  # the reason of an answer
        "Te onveilig",  # why the talk was not held
        _words("decided_report"),
        REFERENCE,
        "Dhr. Kok",
        "Thomas Bakker",
        "Fenna woont bij vader",
        "GGZ Jeugd Noord",
    ):
        assert _flat(shown) in text, shown
    (logged,) = disclosures.list_disclosures(uow, bakker)
    for part in ("journal, working notes included", "meldcode records", "verwijsindex signals"):
        assert _(part) in logged.parts


def test_what_belongs_to_others_is_hidden_in_the_journal_too(
    uow: UnitOfWork, bakker: int, tmp_path: Path
) -> None:
    done = _deliver(uow, bakker, tmp_path)
    pdf, case_file = _pdf_text(done.pdf), done.case_file.read_text(encoding="utf-8")
    for secret in ("06-41526374", "Postma"):
        assert secret not in pdf
        assert secret not in case_file
    assert "Gebeld met I.P." in pdf


def test_a_case_without_a_dossier_says_so(uow: UnitOfWork, tmp_path: Path) -> None:
    case = households.create_case(uow, name="Gezin Leeg", case_number="2026-0500").value
    text = _pdf_text(_deliver(uow, case.id, tmp_path).pdf)
    for empty in (
        "none_journal",
        "none_meldcode",
        "none_kindchecks",
        "none_veilig_thuis",
        "none_signals",
    ):
        assert _words(empty) in text, empty


def test_someone_outside_family_and_network_in_the_journal_is_offered_for_hiding(
    uow: UnitOfWork, bakker: int, tmp_path: Path
) -> None:
    """A neighbour the consultant spoke with: offered, not ticked (most people in a contact
    took part in the help the family knows about); hidden everywhere once chosen."""
    fields = {"occurred_on": DAY, "kind": "phone_call", "note": "Els Smit belde over Fenna"}
    journal.add_entry(uow, bakker, {**fields, "participants": ["Els Smit (buurvrouw)", "Lisa"]})
    dossier = ar.collect(uow, bakker)
    offered = [p for p in ar.proposals(dossier) if p.kind is RedactionKind.PARTICIPANT]
    els = [p for p in offered if p.secret == "Els Smit"]
    assert len(els) == 1 and not els[0].checked
    assert not [p for p in offered if p.secret in ("Lisa", "Marga de Vries")]  # family, network
    kept = _deliver(uow, bakker, tmp_path / "kept")
    assert "Els Smit" in _pdf_text(kept.pdf)
    chosen = (*ticked(ar.proposals(dossier)), els[0])
    requester = ar.Requester(requested_by="Lisa Bakker (moeder)")
    hidden = ar.deliver(uow, bakker, dossier, tmp_path, chosen, requester)
    assert "Els Smit" not in _pdf_text(hidden.pdf)
    assert "Els Smit" not in hidden.case_file.read_text(encoding="utf-8")


def test_network_meetings_and_the_plans_check_are_in_it(
    uow: UnitOfWork, demo_households, tmp_path: Path
) -> None:
    jansen = queries.find_case_id(uow, "2026-0001")
    assert jansen is not None
    done = _deliver(uow, jansen, tmp_path / "jansen")
    text = _pdf_text(done.pdf)
    case_file = json.loads(done.case_file.read_text(encoding="utf-8"))
    meeting = case_file["network_meetings"][0]
    assert _words("sub_network_meetings") in text
    assert _flat(meeting["decisions"]) in text
    assert _words("label_approvals") in text
    assert _words("approval_approved", day=dt.date(2026, 9, 17), who="E. Dekker") in text
    meijer = queries.find_case_id(uow, "2026-0003")
    assert meijer is not None
    text = _pdf_text(_deliver(uow, meijer, tmp_path / "meijer").pdf)
    assert _words("approval_returned", day=dt.date(2026, 4, 7), who="E. Dekker") in text
    assert "Noem een naam uit het netwerk." in text  # the reviewer's comment


def test_goal_judgements_and_the_plans_check_are_explained(
    uow: UnitOfWork, demo_households, tmp_path: Path
) -> None:
    """Whether the safety goals are reached is the family's data too: each judgement with its
    goal, what was seen and who judged; the plan's check says what it is and what the care
    worker asked the reviewer."""
    jansen = queries.find_case_id(uow, "2026-0001")
    assert jansen is not None
    done = _deliver(uow, jansen, tmp_path / "jansen")
    text = _pdf_text(done.pdf)
    case_file = json.loads(done.case_file.read_text(encoding="utf-8"))
    judgement = case_file["goal_judgements"][0]
    assert judgement["note"]
    assert _words("sub_goal_judgements") in text
    assert _words("about_goal_judgements") in text
    assert _flat(judgement["note"]) in text
    assert _words("about_approvals") in text
    asked = case_file["plans"][0]["approvals"][0]["note"]
    assert asked and _words("approval_asked", what=asked) in text
