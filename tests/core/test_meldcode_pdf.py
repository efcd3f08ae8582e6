"""The PDF of one meldcode record for the case file: every step with its date, who and notes,
step 1's signals and kindcheck, the Veilig Thuis consultation and report, the afwegingskader's
answers, the decision, the journal entries linked to the steps (working notes left out); logged
in the access log, not in the disclosure log; `jeugdtool pdf CASE --meldcode N` writes it."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from jeugdtool.cases import access
from jeugdtool.cases import disclosures
from jeugdtool.cli import main
from jeugdtool.dossier import journal
from jeugdtool.dossier import meldcode as mc
from jeugdtool.dossier import meldcode_text
from jeugdtool.dossier import veilig_thuis as vt
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.export.pdf.meldcode_record import meldcode_file_name
from jeugdtool.export.pdf.meldcode_record import meldcode_pdf
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.i18n import _
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork
from tests.core.test_meldcode import START
from tests.core.test_meldcode import TODAY
from tests.core.test_meldcode import _start
from tests.core.test_meldcode import _to_step_4
from tests.core.test_meldcode import family  # noqa: F401

VISIT = "Huisbezoek: Sanne vertelt over de ruzies thuis"
PRIVATE = "Eigen gedachte: praat Sanne mee met haar partner?"
REFERENCE = "VT-2026-04411"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


def _words(block: str, **values: object) -> str:
    return _flat(Texts("meldcode_record").plain(block, **values))


def _link(record: MeldcodeRecordDTO, step: int) -> JournalLinkDTO:
    return JournalLinkDTO("meldcode_step", f"{record.id}:{step}", f"Meldcode stap {step}")


@pytest.fixture
def record(uow: UnitOfWork, family) -> MeldcodeRecordDTO:  # noqa: F811
    """A closed record: a report to Veilig Thuis after a consultation, with a journal entry
    about step 3 and a working note about it too."""
    started = _start(uow, family)
    mc.update_record(uow, started.id, {"kindcheck_adults": ["Sanne"]})
    _to_step_4(uow, started, {"suspicion": True, "unsafety": True})
    vt.add_contact(
        uow,
        family.case.id,
        {
            "kind": "consultation",
            "contact_on": START,
            "channel": "phone",
            "with_whom": "Mevr. Bos",
            "advice": "Advies: in gesprek gaan en daarna melden",
            "meldcode_record_id": started.id,
        },
    )
    for note, working in ((VISIT, False), (PRIVATE, True)):
        fields = {
            "occurred_on": START,
            "kind": "home_visit",
            "note": note,
            "working_note": working,
            "participants": ["Sanne"],
            "links": [_link(started, 3)],
        }
        journal.add_entry(uow, family.case.id, fields)
    mc.decide(uow, started.id, report=True, help=True, reason="", on=TODAY)
    vt.add_contact(
        uow,
        family.case.id,
        {
            "kind": "report",
            "contact_on": TODAY,
            "channel": "online",
            "with_whom": "Dhr. Kok",
            "reference": REFERENCE,
            "meldcode_record_id": started.id,
        },
    )
    return mc.close_record(uow, started.id).value


def test_the_pdf_holds_every_step_the_answers_and_the_report(
    uow: UnitOfWork, record: MeldcodeRecordDTO, tmp_path: Path
) -> None:
    path = tmp_path / meldcode_file_name("2026-0012", record.number)
    written = meldcode_pdf(uow, record.id, path)
    assert written.path == path and path.name == "meldcode-2026-0012-1.pdf"
    text = _pdf_text(path)
    for step in meldcode_text.steps():
        assert _flat(step.title) in text
    for question in meldcode_text.questions():
        assert _flat(question.text)[:40] in text
    for shown in (
        "Sanne sloeg Noa",  # the signal picked from the map
        "Aandachtsfunctionaris",  # step 2's colleague
        "Mevr. Bos",  # the consultation of Veilig Thuis
        "in gesprek gaan en daarna melden",
        REFERENCE,
        "Dhr. Kok",
        VISIT,
        "Besproken in het team",  # the answers' reason
        _words("decided_report"),
        _flat(record.outcome.summary),
        _words("for_file"),
    ):
        assert _flat(shown) in text, shown
    assert PRIVATE not in text
    assert _words("working_notes_left_out") in text


def test_an_open_record_shows_the_open_steps_and_no_decision(
    uow: UnitOfWork,
    family,  # noqa: F811
    tmp_path: Path,
) -> None:
    started = _start(uow, family)
    path = tmp_path / "open.pdf"
    meldcode_pdf(uow, started.id, path)
    text = _pdf_text(path)
    assert _words("not_decided") in text
    assert _words("status_open") in text
    assert _words("answer_none") in text
    assert REFERENCE not in text


def test_making_it_is_logged_and_no_disclosure_is_recorded(
    uow: UnitOfWork, record: MeldcodeRecordDTO, tmp_path: Path
) -> None:
    meldcode_pdf(uow, record.id, tmp_path / "m.pdf")
    newest = access.case_entries(uow, record.household_id)[0]
    assert newest.action == AccessAction.PDF
    assert newest.detail == _("meldcode record {number}, for the case file").format(number=1)
    assert disclosures.list_disclosures(uow, record.household_id) == []


def test_the_cli_writes_the_record_by_its_number(
    uow: UnitOfWork,
    record: MeldcodeRecordDTO,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "meldcode.pdf"
    code = main(["--db", str(db_path), "pdf", "2026-0012", "--meldcode", "1", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert REFERENCE in _pdf_text(out)
    missing = main(["--db", str(db_path), "pdf", "2026-0012", "--meldcode", "7", "--out", str(out)])
    assert missing != 0
    assert "7" in capsys.readouterr().err


def test_the_file_name_is_safe_on_every_system() -> None:
    assert meldcode_file_name("2026/0012", 2) == "meldcode-2026-0012-2.pdf"
