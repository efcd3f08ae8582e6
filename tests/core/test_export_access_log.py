"""Every case-file export, import and PDF writes its access-log row first, on both backends.

The calls live in the core functions the command line and the window share
(export/casefile.py, export/pdf/documents.py, export/pdf/minutes.py), so both write the same
rows. When the row cannot be written, the access does not happen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jeugdtool import resources
from jeugdtool.cases import access
from jeugdtool.cases import consultants
from jeugdtool.cases.access import AccessLogFilter
from jeugdtool.cases.access import AccessRow
from jeugdtool.errors import DiskFull
from jeugdtool.export import casefile
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.minutes import export_minutes
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import default_selection
from jeugdtool.meetings.meetings import list_meetings
from jeugdtool.store import access_log
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.uow import UnitOfWork

pytestmark = pytest.mark.both_backends

DEMO = resources.path("demo")


def _doc(name: str) -> dict:
    return json.loads((DEMO / name).read_text(encoding="utf-8"))


@pytest.fixture
def worker(db) -> UnitOfWork:
    """The unit of work of a known consultant, as the command line and the window make it."""
    person = consultants.add_consultant(UnitOfWork(db, "setup"), "R. de Wit").value
    return UnitOfWork(db, person.name, person.id)


def _rows(uow: UnitOfWork, action: AccessAction) -> list[AccessRow]:
    return access.entries(uow, AccessLogFilter(action=action))


def _fail_to_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every access-log row fails to be written, as on a full disk."""

    def full(*_args: object, **_kwargs: object) -> None:
        raise DiskFull("the disk is full")

    monkeypatch.setattr(access_log, "add_row", full)


def test_an_import_logs_the_new_case_with_its_id(worker: UnitOfWork) -> None:
    case = casefile.import_case(worker, _doc("02-bakker.json")).value
    [row] = _rows(worker, AccessAction.IMPORT)
    assert (row.case_number, row.who) == (case.case_number, "R. de Wit")
    assert access.entries(worker, AccessLogFilter(person_id=worker.person_id)) == [row]


def test_an_import_whose_row_cannot_be_written_adds_no_case(
    worker: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jeugdtool.cases.queries import find_case_id

    _fail_to_log(monkeypatch)
    with pytest.raises(DiskFull):
        casefile.import_case(worker, _doc("02-bakker.json"))
    assert find_case_id(worker, "2026-0002") is None


def test_a_case_file_export_is_logged(worker: UnitOfWork) -> None:
    case = casefile.import_case(worker, _doc("05-ozturk.json")).value
    casefile.export_case(worker, case.id)
    [row] = _rows(worker, AccessAction.EXPORT)
    assert (row.case_number, row.who, row.action_label) == (
        "2026-0005",
        "R. de Wit",
        AccessAction.EXPORT.label,
    )


def test_a_case_file_export_that_cannot_be_logged_does_not_happen(
    worker: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = casefile.import_case(worker, _doc("05-ozturk.json")).value
    _fail_to_log(monkeypatch)
    with pytest.raises(DiskFull):
        casefile.export_case(worker, case.id)


@pytest.mark.parametrize("document", list(Document))
def test_every_pdf_is_logged_with_the_document_and_for_whom(
    document: Document, worker: UnitOfWork, tmp_path: Path
) -> None:
    case = casefile.import_case(worker, _doc("01-jansen.json")).value
    selection = Selection(**{**vars(default_selection(document)), "audience": "school"})
    documents.export(worker, case.id, selection, tmp_path / "doc.pdf")
    [row] = _rows(worker, AccessAction.PDF)
    assert row.case_number == "2026-0001" and row.who == "R. de Wit"
    assert row.detail == documents.access_detail(selection)
    assert "school" in row.detail


def test_a_pdf_without_for_whom_says_so() -> None:
    for document in Document:
        detail = documents.access_detail(default_selection(document))
        assert detail != documents.access_detail(
            Selection(**{**vars(default_selection(document)), "audience": "huisarts"})
        )
        assert "huisarts" not in detail


def test_a_pdf_that_cannot_be_logged_is_not_written(
    worker: UnitOfWork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = casefile.import_case(worker, _doc("01-jansen.json")).value
    _fail_to_log(monkeypatch)
    target = tmp_path / "plan.pdf"
    with pytest.raises(DiskFull):
        documents.export(worker, case.id, default_selection(Document.PLAN), target)
    assert not target.exists()


def test_minutes_log_a_pdf_for_every_case_on_the_agenda(worker: UnitOfWork, tmp_path: Path) -> None:
    casefile.import_case(worker, _doc("02-bakker.json"))
    casefile.import_case(worker, _doc("05-ozturk.json"))
    [meeting, *_others] = list_meetings(worker)
    export_minutes(worker, meeting.id, tmp_path / "notulen.pdf")
    logged = _rows(worker, AccessAction.PDF)
    from jeugdtool.meetings.meetings import get_meeting

    agenda = {item.case_number for item in get_meeting(worker, meeting.id).items}
    assert agenda and {r.case_number for r in logged} == agenda
    assert len(logged) == len(agenda)
    assert all(str(meeting.held_on) in r.detail for r in logged)
