"""The disclosure log: every PDF and case file that leaves the program records for whom, which
parts and when — from the window's core functions and the command line alike, only after the
file was written, and never the file's path. A log that cannot be written says so."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from jeugdtool.cases import disclosures
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases.disclosures import MAX_TEXT
from jeugdtool.cases.disclosures import check_disclosure
from jeugdtool.cases.disclosures import check_recipient
from jeugdtool.cases.disclosures import join_parts
from jeugdtool.cases.disclosures import split_parts
from jeugdtool.cases.privacy_models import DisclosureKind
from jeugdtool.cli import main
from jeugdtool.errors import DiskFull
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NotFound
from jeugdtool.export import casefile
from jeugdtool.export import disclose
from jeugdtool.export.demo import load_demo
from jeugdtool.export.pdf import documents
from jeugdtool.export.pdf.files import PdfWriteError
from jeugdtool.export.pdf.minutes import export_minutes
from jeugdtool.export.selection import Document
from jeugdtool.export.selection import Selection
from jeugdtool.export.selection import default_selection
from jeugdtool.export.selection import section_label
from jeugdtool.i18n import _
from jeugdtool.meetings import meetings
from jeugdtool.store import access
from jeugdtool.store.access import Access
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

# ---------------------------------------------------------------- the rules (pure)


def test_parts_are_stored_tidy_and_split_back_into_the_same_parts() -> None:
    stored = join_parts(["  Afspraken ", "", "Netwerk; rode vlaggen", "Afspraken", "met\ndata"])
    assert stored == "Afspraken; Netwerk, rode vlaggen; met data"
    assert split_parts(stored) == ("Afspraken", "Netwerk, rode vlaggen", "met data")
    assert split_parts("") == ()


def test_for_whom_may_be_empty_but_not_too_long() -> None:
    assert check_recipient("  de   huisarts ") == "de huisarts"
    assert check_recipient(None) == ""
    assert disclosures.recipient_label("") == _("not given")
    with pytest.raises(InvalidInput) as caught:
        check_recipient("x" * (MAX_TEXT + 1))
    assert caught.value.problems[0].field == "recipient"


def test_a_long_title_is_shortened_never_refused_and_a_kind_must_be_known() -> None:
    clean = check_disclosure("pdf", "Veiligheidsplan " * 40, "", ["Afspraken"])
    assert len(clean.document) == MAX_TEXT and clean.document.endswith("…")
    assert clean.kind is DisclosureKind.PDF
    with pytest.raises(ValueError):
        check_disclosure("fax", "Plan", "", [])
    with pytest.raises(ValueError):
        check_disclosure("pdf", "  ", "", [])


def test_a_pdf_records_the_sections_chosen_and_the_personal_details() -> None:
    selection = Selection(
        Document.PLAN, audience="school", sections=frozenset({"agreements"}), birth_dates=True
    )
    what = disclose.pdf_disclosure(selection, "Veiligheidsplan, versie 3")
    assert what.recipient == "school"
    assert what.parts[0] == section_label(Document.PLAN, "agreements")
    assert section_label(Document.PLAN, "signatures") not in what.parts
    assert _("with birth dates") in what.parts
    assert _("with phone numbers and e-mail addresses") in what.parts
    assert _("without people not involved in the agreements") in what.parts


# ---------------------------------------------------------------- the services


@pytest.mark.both_backends
def test_recorded_disclosures_are_listed_newest_first_with_who_made_them(db) -> None:
    uow = UnitOfWork(db, "A. de Boer")
    case = households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value
    earlier = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    disclosures.record_for_cases(
        uow, [case.id], DisclosureKind.CASE_FILE, "Casusbestand", "", ["alles"], at=earlier
    )
    done = disclosures.record(uow, case.id, DisclosureKind.PDF, "Plan", "school", ["Afspraken"])
    listed = disclosures.list_disclosures(uow, case.id)
    assert [d.id for d in listed] == [done.id, listed[1].id]
    assert listed[0] == done and done.made_by == "A. de Boer"
    assert (done.recipient_label, done.parts) == ("school", ("Afspraken",))
    assert listed[1].at == earlier and listed[1].recipient_label == _("not given")


@pytest.mark.both_backends
def test_for_several_cases_every_log_has_it_or_none(db) -> None:
    uow = UnitOfWork(db, "A. de Boer")
    one = households.create_case(uow, name="Gezin Een", case_number="2026-0001").value
    two = households.create_case(uow, name="Gezin Twee", case_number="2026-0002").value
    with pytest.raises(NotFound):
        disclosures.record_for_cases(uow, [one.id, 9999], DisclosureKind.PDF, "Verslag", "", [])
    assert disclosures.list_disclosures(uow, one.id) == []
    rows = disclosures.record_for_cases(uow, [one.id, two.id], DisclosureKind.PDF, "V", "", [])
    assert {r.household_id for r in rows} == {one.id, two.id}


# ---------------------------------------------------------------- every export records


@pytest.fixture
def demo(uow: UnitOfWork) -> dict[str, int]:
    return {h.case_number: h.id for h in load_demo(uow).value}


def _new(uow: UnitOfWork, case_id: int, before: int) -> list[disclosures.DisclosureDTO]:
    rows = disclosures.list_disclosures(uow, case_id)
    return rows[: len(rows) - before]


def _stored_texts(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT document, recipient, parts, made_by FROM disclosures")
        return " ".join(" ".join(r) for r in rows)
    finally:
        conn.close()


def test_the_demo_cases_have_disclosures(uow: UnitOfWork, demo: dict[str, int]) -> None:
    jansen = disclosures.list_disclosures(uow, demo["2026-0001"])
    assert [d.recipient for d in jansen] == ["huisarts", "school"]
    assert disclosures.list_disclosures(uow, demo["2026-0003"])[0].kind is DisclosureKind.CASE_FILE


def test_a_pdf_records_for_whom_and_which_parts_but_not_where(
    uow: UnitOfWork, demo: dict[str, int], tmp_path: Path, db_path: Path
) -> None:
    case_id = demo["2026-0002"]
    before = len(disclosures.list_disclosures(uow, case_id))
    selection = Selection(Document.ZRM, audience="huisarts", sections=frozenset({"focus"}))
    target = tmp_path / "Sanne Bakker" / "voor de huisarts.pdf"
    target.parent.mkdir()
    written = documents.export(uow, case_id, selection, target)
    assert written.logged and written.path == target and target.exists()
    [row] = _new(uow, case_id, before)
    assert (row.kind, row.recipient) == (DisclosureKind.PDF, "huisarts")
    assert "2026-0002" in row.document
    assert row.parts[0] == section_label(Document.ZRM, "focus") and len(row.parts) == 5
    stored = _stored_texts(db_path)
    assert "Sanne" not in stored and "voor de huisarts" not in stored


def test_a_pdf_that_could_not_be_written_records_nothing(
    uow: UnitOfWork, demo: dict[str, int], tmp_path: Path
) -> None:
    case_id = demo["2026-0001"]
    before = disclosures.list_disclosures(uow, case_id)
    with pytest.raises(PdfWriteError):
        documents.export(
            uow, case_id, default_selection(Document.PLAN), tmp_path / "missing" / "plan.pdf"
        )
    assert disclosures.list_disclosures(uow, case_id) == before


def test_a_case_file_records_for_whom_and_checks_it_before_writing(
    uow: UnitOfWork, demo: dict[str, int], tmp_path: Path
) -> None:
    case_id = demo["2026-0004"]
    target = tmp_path / "smit.json"
    with pytest.raises(InvalidInput):
        casefile.save_case_file(uow, case_id, target, recipient="x" * (MAX_TEXT + 1))
    assert not target.exists() and disclosures.list_disclosures(uow, case_id) == []
    written = casefile.save_case_file(uow, case_id, target, recipient=" Jeugdbescherming ")
    assert written.logged and target.exists()
    [row] = disclosures.list_disclosures(uow, case_id)
    assert (row.kind, row.recipient) == (DisclosureKind.CASE_FILE, "Jeugdbescherming")
    assert row.parts == tuple(_(p) for p in disclose.CASE_FILE_PARTS)


def test_minutes_record_one_disclosure_per_case_discussed(
    uow: UnitOfWork, demo: dict[str, int], tmp_path: Path
) -> None:
    [summary] = meetings.list_meetings(uow)
    agenda = {item.household_id for item in meetings.get_meeting(uow, summary.id).items}
    assert len(agenda) >= 2
    before = {c: len(disclosures.list_disclosures(uow, c)) for c in demo.values()}
    assert export_minutes(uow, summary.id, tmp_path / "verslag.pdf").logged
    for case_id in demo.values():
        new = _new(uow, case_id, before[case_id])
        assert len(new) == (1 if case_id in agenda else 0)
        if new:  # the demo meeting hides names
            assert _("names hidden (initials and roles)") in new[0].parts
            assert new[0].recipient_label == _("not given")


# ---------------------------------------------------------------- when the log fails


def test_a_log_that_fails_after_writing_keeps_the_file_and_says_so(
    uow: UnitOfWork, demo: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = demo["2026-0001"]
    before = disclosures.list_disclosures(uow, case_id)

    def full(*_args: object) -> None:
        raise DiskFull("De schijf is vol.")

    monkeypatch.setattr(disclosures, "_new_row", full)
    target = tmp_path / "plan.pdf"
    written = documents.export(uow, case_id, default_selection(Document.PLAN), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert not written.logged and written.fault
    assert str(target) in written.unlogged and _(DiskFull.cause) in written.unlogged
    assert "De schijf is vol." not in written.unlogged  # its "nothing was saved" is untrue here
    assert disclosures.list_disclosures(uow, case_id) == before


def test_a_read_only_database_exports_and_says_it_could_not_log(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(db_path)
    case_id = load_demo(UnitOfWork(db, "A. de Boer")).value[0].id
    db.close()
    monkeypatch.setattr(access, "probe", lambda _path: Access(True, "test"))
    reader = open_database(db_path)
    try:
        assert reader.read_only
        uow = UnitOfWork(reader, "A. de Boer")
        before = disclosures.list_disclosures(uow, case_id)
        written = casefile.save_case_file(uow, case_id, tmp_path / "case.json", recipient="GI")
        assert (tmp_path / "case.json").exists()
        assert not written.logged and not written.fault
        assert written.why == _("this database can only be read")
        assert str(tmp_path / "case.json") in written.unlogged
        assert disclosures.list_disclosures(uow, case_id) == before
    finally:
        reader.close()


# ---------------------------------------------------------------- the command line


def test_the_command_line_records_for_whom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["--db", str(path), "demo"]) == 0
    out = tmp_path / "jansen.json"
    assert main(["--db", str(path), "export", "2026-0004", "--out", str(out), "--for", "GI"]) == 0
    pdf = tmp_path / "plan.pdf"
    argv = ["--db", str(path), "pdf", "2026-0004", "--zrm", "--out", str(pdf), "--for", "school"]
    assert main(argv) == 0
    capsys.readouterr()
    db = open_database(path)
    try:
        uow = UnitOfWork(db, "lezer")
        case_id = queries.find_case_id(uow, "2026-0004")
        assert case_id is not None
        rows = disclosures.list_disclosures(uow, case_id)
    finally:
        db.close()
    assert [(r.kind, r.recipient) for r in rows] == [
        (DisclosureKind.PDF, "school"),
        (DisclosureKind.CASE_FILE, "GI"),
    ]


def test_the_command_line_says_when_the_log_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["--db", str(path), "demo"]) == 0

    def full(*_args: object) -> None:
        raise DiskFull("De schijf is vol.")

    monkeypatch.setattr(disclosures, "_new_row", full)
    capsys.readouterr()
    out = tmp_path / "case.json"
    assert main(["--db", str(path), "export", "2026-0001", "--out", str(out)]) == 1
    _out, err = capsys.readouterr()
    assert out.exists() and str(out) in err and _(DiskFull.cause) in err
