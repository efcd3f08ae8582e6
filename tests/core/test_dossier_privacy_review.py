"""The privacy officer's review of issue 17's dossier: an access request is not answered with a
dossier that lacks colleagues' working notes; the afwegingskader's unasked questions and a
kindcheck done within the meldcode are explained, not contradicted; the history names a Veilig
Thuis contact and an afwegingskader question in words, not codes; destruction names every
dossier part it removed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest

from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import privacy
from jeugdtool.cases import queries
from jeugdtool.cases.destruction import Ground
from jeugdtool.cases.dto import AuditEntryDTO
from jeugdtool.dossier import meldcode_text
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.export import access_request as ar
from jeugdtool.export.demo import load_demo
from jeugdtool.export.history_words import history_rows
from jeugdtool.export.pdf.texts import Texts
from jeugdtool.i18n import _
from jeugdtool.models import Base
from jeugdtool.store import team_sql
from jeugdtool.store.uow import UnitOfWork
from tests.core.test_dossier_rls import DOSSIER_TABLES

#: Gezin Jansen: a closed meldcode record with a report to Veilig Thuis, decided after two
#: questions, and the kindcheck answered within the record (none outside it).
JANSEN = "2026-0001"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(block: str) -> str:
    return _flat(Texts("access_request").plain(block))


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def jansen(uow: UnitOfWork) -> int:
    load_demo(uow)
    case_id = queries.find_case_id(uow, JANSEN)
    assert case_id is not None
    return case_id


def test_a_dossier_without_colleagues_working_notes_is_not_delivered(
    uow: UnitOfWork, jansen: int, tmp_path: Path
) -> None:
    """Team mode: two working notes the maker cannot read. The family has a right to them, so
    nothing is registered, written or marked delivered; the message says whom to ask."""
    dossier = dataclasses.replace(ar.collect(uow, jansen), unread_working_notes=2)
    before = privacy.list_requests(uow, jansen)
    who = ar.Requester(requested_by="moeder")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ar.WorkingNotesMissing) as refused:
        ar.deliver(uow, jansen, dossier, out, [], who)
    assert ar.missing_working_notes(dossier) in str(refused.value)
    assert _("Nothing was registered or written.") in str(refused.value)
    assert list(out.iterdir()) == []
    assert privacy.list_requests(uow, jansen) == before


def test_the_dossier_explains_unasked_questions_and_the_kindcheck_in_the_meldcode(
    uow: UnitOfWork, jansen: int, tmp_path: Path
) -> None:
    dossier = ar.collect(uow, jansen)
    record = dossier.case_file["meldcode"][0]
    answered = [a for a in record["answers"] if a.get("answer") is not None]
    assert 0 < len(answered) < len(meldcode_text.questions())
    assert record["kindcheck_children_depend"] and not dossier.case_file["kindchecks"]
    done = ar.deliver(uow, jansen, dossier, tmp_path, [], ar.Requester(requested_by="moeder"))
    text = _pdf_text(done.pdf)
    assert _words("weighing_rest_not_needed") in text
    assert _words("none_kindchecks_outside") in text
    assert _words("none_kindchecks") not in text  # "no kindcheck" would contradict part 12
    # Veilig Thuis contacts in the family's words, not the method's ("Consultatie").
    assert _words("vt_consultation") in text and _words("vt_report") in text
    assert privacy.list_requests(uow, jansen)[0].delivered_on is not None


def test_the_history_names_contacts_and_questions_in_words() -> None:
    at = dt.datetime(2026, 2, 13, 10, 30)
    entries = [
        AuditEntryDTO(
            1,
            at,
            "A. de Boer",
            "veilig_thuis_contact",
            7,
            "create",
            None,
            None,
            "report 2026-02-13",
        ),
        AuditEntryDTO(2, at, "A. de Boer", "meldcode_answer", 8, "create", None, None, "suspicion"),
    ]
    contact, answer = history_rows(entries, {})
    assert contact.what.endswith(f"{VeiligThuisKind.REPORT.label} 13-02-2026")
    assert answer.what.endswith(meldcode_text.question("suspicion").text)


def test_destruction_names_every_dossier_part_it_removed(uow: UnitOfWork, jansen: int) -> None:
    """The destruction report says in words what went of the dossier: the journal (working
    notes too), the meldcode, Veilig Thuis contacts — not counted in with "other rows"."""
    households.close_case(uow, jansen, "Hulp afgerond, veiligheid stabiel", dt.date(2026, 11, 20))
    done = destruction.destroy_case(
        uow, JANSEN, "Bewaartermijn verstreken", Ground.RETENTION, by=""
    )
    lines = dict(destruction.summary(done))
    went = {t for t in DOSSIER_TABLES if done.removed.get(t)}
    assert {"journal_entries", "meldcode_records", "veilig_thuis_contacts"} <= went
    for table in went:
        assert lines[_(destruction.PART_LABELS[table])] == done.removed[table], table
    assert set(DOSSIER_TABLES) <= set(team_sql.case_tables(Base.metadata))
