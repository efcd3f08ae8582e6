"""The family's access request and the outcome data: the help, how the help ended (the goals'
outcome and each family member's own answers) and new starts are in the dossier; another case's
number never reaches the family; providers and whoever confirmed a new start are offered for
hiding; a destruction names the new parts."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pypdf
import pytest

from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.destruction import Ground
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cli import main
from jeugdtool.export import access_request as ar
from jeugdtool.export.access_redaction import RedactionKind
from jeugdtool.export.access_redaction import ticked
from jeugdtool.export.casecheck import validate_case_document
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.store.uow import UnitOfWork

#: Gezin Meijer-Dijkstra: closed on 15-10-2026 with goal outcomes and three family members'
#: answers; Gezin Smit: reopened after a closing (a new start of its own case).
MEIJER, SMIT = "2026-0003", "2026-0004"
#: A new case for Lars van der Meer of Gezin Meijer-Dijkstra: the household of another parent.
LATER = "2026-0100"
#: Who confirmed that Lars of the new case is the Lars of 2026-0003 (not its case manager).
CONFIRMER = "M. Visser"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(block: str, **values: Any) -> str:
    """A text of the dossier's template, in the language the dossier is made in."""
    return _flat(Texts("access_request").plain(block, **values))


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def demo(uow: UnitOfWork, demo_households) -> UnitOfWork:
    return uow


def _case_id(uow: UnitOfWork, number: str) -> int:
    found = queries.find_case_id(uow, number)
    assert found is not None
    return found


def _deliver(uow: UnitOfWork, number: str, folder: Path) -> tuple[ar.Dossier, ar.Delivery]:
    """The documents as the CLI makes them by default: the ticked proposals hidden."""
    case_id = _case_id(uow, number)
    dossier = ar.collect(uow, case_id)
    accepted = ticked(ar.proposals(dossier))
    requester = ar.Requester(requested_by="Petra Meijer (moeder)")
    return dossier, ar.deliver(uow, case_id, dossier, folder, accepted, requester)


@pytest.fixture
def later(demo: UnitOfWork, db: Any) -> int:
    """Case 2026-0100 (Gezin van der Meer, opened after 2026-0003 closed) with Lars, recorded
    by M. Visser as a new start after 2026-0003's closing."""
    opened = dt.date(2026, 11, 2)
    case = households.create_case(
        demo, name="Gezin van der Meer", case_number=LATER, opened_on=opened
    ).value
    fields = {
        "first_name": "Lars",
        "last_name": "van der Meer",
        "role": "child",
        "birth_date": dt.date(2013, 2, 11),
    }
    lars = members.add_person(demo, case.id, fields).value
    (earlier,) = closing.closings(demo, _case_id(demo, MEIJER))
    closing.record_new_start(
        UnitOfWork(db, CONFIRMER),
        case.id,
        person_id=lars.id,
        previous_closing_id=earlier.id,
        started_on=opened,
    )
    return case.id


# ---------------------------------------------------------------- what the family reads


def test_the_dossier_shows_the_help_the_closing_and_each_persons_answers(
    demo: UnitOfWork, tmp_path: Path
) -> None:
    dossier, done = _deliver(demo, MEIJER, tmp_path)
    text = _pdf_text(done.pdf)
    help_item = dossier.case_file["help"][0]
    # The help: its kind in words (not the code), what, by whom, from when.
    assert "Jeugdhulp ambulant" in text
    assert _flat(help_item["description"]) in text
    assert "Ambulante Jeugdhulp Zonnestraal" in text  # offered, not hidden by default
    assert format_date_nl(dt.date(2026, 4, 7)) in text
    # The closing: its date, reason, and the outcome of its one safety goal.
    (closed,) = dossier.case_file["closings"]
    assert format_date_nl(dt.date(2026, 10, 15)) in text
    assert _flat(closed["reason"]) in text
    assert _flat(closed["goal_outcomes"][0]["text"]) in text
    assert _flat(closed["further_help_detail"]) in text
    # Each family member's own answers and words.
    for answer in closed["experiences"]:
        assert answer["respondent"] in text
        assert _flat(answer["comment"]) in text
    lars = " ".join(_words("answer", value=v) for v in (4, 3, 4))
    assert f"Lars van der Meer {lars}" in text


def test_the_dossiers_parts_are_numbered_in_order(demo: UnitOfWork, tmp_path: Path) -> None:
    _dossier, done = _deliver(demo, MEIJER, tmp_path)
    text = _pdf_text(done.pdf)
    order = [
        "zrm",
        "help",
        "closing",
        "new_starts",
        "journal",
        "signals",
        "meetings",
        "child_voice",
        "disclosures",
    ]
    # rindex: the headings, not the same words in "difficult words"
    places = [text.rindex(_words(f"heading_{part}")) for part in order]
    assert places == sorted(places)
    assert _words("heading_help").startswith("8.") and _words("heading_disclosures")[:3] == "21."
    assert _words("none_new_starts") in text


def test_a_reopened_case_says_when_help_started_again(demo: UnitOfWork, tmp_path: Path) -> None:
    _dossier, done = _deliver(demo, SMIT, tmp_path)
    text = _pdf_text(done.pdf)
    after = _words("start_after", day=dt.date(2026, 7, 3))
    assert f"{_words('start_reopened')} {after}" in text
    assert format_date_nl(dt.date(2026, 8, 31)) in text


def test_no_other_case_number_reaches_the_family(
    demo: UnitOfWork, later: int, tmp_path: Path
) -> None:
    # The other case is really linked (the normal case file names it) ...
    case_file = ar.export_case(demo, later)
    (start,) = case_file["new_starts"]
    assert start["previous_case"] == {"case_number": MEIJER, "closed_on": "2026-10-15"}
    # ... but what goes to the family keeps only that help started again, and when.
    _dossier, done = _deliver(demo, LATER, tmp_path)
    pdf = _pdf_text(done.pdf)
    written = done.case_file.read_text(encoding="utf-8")
    for text in (pdf, written):
        assert MEIJER not in text
        assert "2026-10-15" not in text and format_date_nl(dt.date(2026, 10, 15)) not in text
    assert f"{_words('start_new_case')} {_words('start_after_earlier')}" in pdf
    (given,) = json.loads(written)["new_starts"]
    assert given["previous_case"] is None and given["date"] == "2026-11-02"
    assert given["kind"] == "new_case"
    assert validate_case_document(json.loads(written)) == []  # still a valid case file


def test_the_cli_writes_no_other_case_number(
    demo: UnitOfWork, later: int, db_path: Path, tmp_path: Path
) -> None:
    argv = ["--db", str(db_path), "--user", "A. de Boer", "access-request", LATER]
    assert main([*argv, "--out", str(tmp_path), "--from", "vader"]) == 0
    (pdf,) = tmp_path.glob("*.pdf")
    (written,) = tmp_path.glob("*.json")
    assert MEIJER not in _pdf_text(pdf)
    assert MEIJER not in written.read_text(encoding="utf-8")


# ---------------------------------------------------------------- proposals


def test_providers_and_the_confirmer_are_offered_unticked(demo: UnitOfWork, later: int) -> None:
    meijer = ar.proposals(ar.collect(demo, _case_id(demo, MEIJER)))
    providers = {p.secret for p in meijer if p.kind is RedactionKind.PROVIDER}
    assert providers == {"Ambulante Jeugdhulp Zonnestraal", "Budgetmaatjes Oost"}
    assert not any(p.checked for p in meijer if p.kind is RedactionKind.PROVIDER)
    assert any(p.checked for p in meijer)  # the network's phone numbers stay ticked
    later_proposals = ar.proposals(ar.collect(demo, later))
    (confirmer,) = [p for p in later_proposals if p.kind is RedactionKind.CONFIRMER]
    assert (confirmer.secret, confirmer.checked) == (CONFIRMER, False)
    # The case manager who reopened Gezin Smit is no datum about someone else.
    smit = ar.proposals(ar.collect(demo, _case_id(demo, SMIT)))
    assert not [p for p in smit if p.kind is RedactionKind.CONFIRMER]


def test_a_chosen_provider_is_hidden_everywhere(demo: UnitOfWork, tmp_path: Path) -> None:
    case_id = _case_id(demo, MEIJER)
    dossier = ar.collect(demo, case_id)
    chosen = [p for p in ar.proposals(dossier) if p.secret == "Budgetmaatjes Oost"]
    done = ar.deliver(demo, case_id, dossier, tmp_path, chosen, ar.Requester(requested_by="moeder"))
    text = _pdf_text(done.pdf)
    written = done.case_file.read_text(encoding="utf-8")
    # In the help and in the closing's free text ("… budgetbeheer bij Budgetmaatjes Oost").
    assert "Budgetmaatjes" not in text and "Budgetmaatjes" not in written
    assert "Ambulante Jeugdhulp Zonnestraal" in text  # not chosen: still there
    assert _("the name of a provider of help") in text  # the family reads what was left out
    assert validate_case_document(json.loads(written)) == []


def test_the_cli_hides_an_offered_datum_only_when_asked(
    demo: UnitOfWork, db_path: Path, tmp_path: Path
) -> None:
    argv = ["--db", str(db_path), "--user", "A. de Boer", "access-request", MEIJER]
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert main([*argv, "--out", str(first), "--from", "moeder"]) == 0
    assert "Budgetmaatjes Oost" in next(first.glob("*.json")).read_text(encoding="utf-8")
    keys = {p.secret: p.key for p in ar.proposals(ar.collect(demo, _case_id(demo, MEIJER)))}
    hide = keys["Budgetmaatjes Oost"]
    assert main([*argv, "--out", str(second), "--from", "moeder", "--hide", hide]) == 0
    assert "Budgetmaatjes" not in next(second.glob("*.json")).read_text(encoding="utf-8")
    assert main([*argv, "--out", str(second), "--from", "moeder", "--hide", "provider:99"]) != 0


# ---------------------------------------------------------------- destruction


def test_the_destruction_summary_names_the_new_parts(demo: UnitOfWork) -> None:
    reason = "Bewaartermijn verstreken, geen reden om langer te bewaren."
    done = destruction.destroy_case(demo, MEIJER, reason, Ground.RETENTION, by="A. de Boer")
    lines = dict(destruction.summary(done))
    assert lines[_("help deployed")] == 2
    assert lines[_("closings of the case")] == 1
    assert lines[_("goals' outcomes at closing")] == 1
    assert lines[_("the family's experiences")] == 3
    # Every row counted once: the named parts, the rest as "other rows", and the household.
    named = sum(
        lines[_(label)] for part, label in destruction.PART_LABELS.items() if part in done.removed
    )
    other = lines.get(_("other rows of the case"), 0)
    assert named + other + 1 == sum(done.removed.values())
