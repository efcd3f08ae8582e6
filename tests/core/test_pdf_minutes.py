"""The minutes of a reflective-practice meeting as a PDF: every case with its round, decisions
and follow-ups; 'hide names' in the text and the metadata; page border; file name; writing."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pypdf
import pytest

from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.export.pdf.files import PdfWriteError
from jeugdtool.export.pdf.minutes import export_minutes
from jeugdtool.export.pdf.minutes import minutes_file_name
from jeugdtool.export.pdf.minutes import render_minutes
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.store.uow import UnitOfWork

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def meeting(uow: UnitOfWork, demo_households) -> MeetingDetail:
    """The demo meeting: Gezin Bakker-de Vries and Gezin Öztürk, names hidden."""
    [summary] = meetings.list_meetings(uow)
    return meetings.get_meeting(uow, summary.id)


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _text(reader: pypdf.PdfReader) -> str:
    """All pages' text with white space made single: lines break wherever the layout wants."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _squash(text: str) -> str:
    return "".join(text.split())


def _metadata(reader: pypdf.PdfReader) -> str:
    meta = reader.metadata
    return " ".join(str(v) for v in (meta.title, meta.subject, meta.author))


def _names(uow: UnitOfWork, meeting: MeetingDetail) -> set[str]:
    """Every full, first and last name 'hide names' must hide: the agenda's household and
    network members and the invited partners (parts of two letters, 'de', are no names)."""
    full: set[str] = {p.name for p in meeting.participants if p.kind == "partner"}
    for item in meeting.items:
        case = queries.get_case(uow, item.household_id)
        full |= {p.full_name for p in case.persons} | {n.name for n in case.network}
    parts = {part for name in full for part in re.split(r"[\s\-]+", name) if len(part) > 2}
    return full | parts


def test_the_minutes_hold_every_case_with_round_decisions_and_follow_ups(
    uow: UnitOfWork, meeting: MeetingDetail
) -> None:
    text = _text(_reader(render_minutes(uow, meeting.meeting.id, hide_names=False, today=TODAY)))
    assert "Verslag reflectieve praktijk" in text and "15-10-2026" in text
    assert "Reflectieve praktijk wijkteam Noord" in text
    for participant in meeting.participants:
        assert participant.name in text
    squashed = _squash(text)
    for item in meeting.items:
        assert f"{item.case_number} — {item.case_name}" in text
        assert _squash(item.question) in squashed
        for entry in item.round:
            assert _squash(f"{entry.name} {entry.score} {entry.reason}") in squashed
        for part in (item.notes, item.advice, item.decisions, item.cheapest_help):
            assert _squash(part) in squashed
        for f in item.follow_ups:
            due = f.due_on.strftime("%d-%m-%Y") if f.due_on else ""
            status = "Gedaan" if f.done else "Open"
            assert _squash(f"{f.what} {f.owner} {due} {status}") in squashed
    assert "Spreiding: 6 tot 7, mediaan 6 (3 cijfers)." in text
    assert "Spreiding: 3 tot 5, mediaan 4 (4 cijfers)." in text


def test_with_names_hidden_no_name_of_a_family_network_member_or_partner_appears(
    uow: UnitOfWork, meeting: MeetingDetail
) -> None:
    assert meeting.meeting.hide_names  # the default follows the meeting's switch
    reader = _reader(render_minutes(uow, meeting.meeting.id, today=TODAY))
    text, meta = _text(reader), _metadata(reader)
    names = _names(uow, meeting)
    assert {"Lisa de Vries", "Gülşen", "Öztürk", "H. Schouten", "Schouten", "Bakker"} <= names
    for name in names:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        assert not pattern.search(text), name
        assert not pattern.search(meta), name
        if " " in name:
            assert _squash(name).casefold() not in _squash(text).casefold(), name
    # What stays: case numbers, the family's initial, roles, the team's colleagues.
    assert "2026-0002 — Gezin B." in text and "2026-0005 — Gezin Ö." in text
    assert "H.S. (Veilig Thuis)" in text
    assert "M. Kaya" in text and "A. de Boer" in text and "J. Visser" in text
    assert "L. belt haar moeder nu zelf" in text
    assert "F.." not in text  # a masked name ending a sentence keeps one full stop
    assert "2026-0002" in reader.metadata.subject and "Gezin" not in reader.metadata.subject


def test_hide_names_can_be_switched_for_the_minutes_only(
    uow: UnitOfWork, meeting: MeetingDetail
) -> None:
    shown = _text(_reader(render_minutes(uow, meeting.meeting.id, hide_names=False)))
    assert "Gezin Öztürk" in shown and "H. Schouten" in shown
    meetings.update_meeting(uow, meeting.meeting.id, {"hide_names": False})
    assert "Gezin Öztürk" in _text(_reader(render_minutes(uow, meeting.meeting.id)))
    hidden = _text(_reader(render_minutes(uow, meeting.meeting.id, hide_names=True)))
    assert "Öztürk" not in hidden and "Schouten" not in hidden


def test_every_page_has_the_border_and_is_numbered(uow: UnitOfWork, meeting: MeetingDetail) -> None:
    reader = _reader(render_minutes(uow, meeting.meeting.id, today=TODAY))
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert "Vertrouwelijk" in text
        assert f"pagina {number} van {pages}" in text
        assert "Reflectieve praktijk · 15-10-2026" in text
        assert "Verslag gemaakt op 23-11-2026" in text
    meta = reader.metadata
    assert meta.title == "Verslag reflectieve praktijk 15-10-2026"  # no free text (issue 19)
    assert meta.author == "A. de Boer"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


def test_the_minutes_in_english(uow: UnitOfWork, meeting: MeetingDetail) -> None:
    reader = _reader(render_minutes(uow, meeting.meeting.id, language="en", today=TODAY))
    text = _text(reader)
    assert "Minutes of the reflective practice" in text
    assert "Spread: 3 to 5, median 4 (4 scores)." in text
    assert "page 1 of" in text and "Family Ö." in text
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_a_meeting_without_round_or_cases_still_prints(uow: UnitOfWork, case) -> None:
    empty = meetings.create_meeting(uow, {"held_on": dt.date(2026, 11, 2)}).value
    text = _text(_reader(render_minutes(uow, empty.meeting.id)))
    assert "Er stonden geen casussen op de agenda." in text
    detail = agenda.add_case(uow, empty.meeting.id, case.id, "Wat is de lichtste hulp?").value
    text = _text(_reader(render_minutes(uow, detail.meeting.id)))
    assert "Er is geen schaalronde gehouden." in text
    assert "Geen vervolgacties afgesproken." in text
    assert "Geen deelnemers vastgelegd." in text


def test_the_file_name_and_writing(uow: UnitOfWork, meeting: MeetingDetail, tmp_path: Path) -> None:
    name = minutes_file_name(meeting.meeting)
    assert name == "verslag-reflectieve-praktijk-2026-10-15.pdf"
    path = export_minutes(uow, meeting.meeting.id, tmp_path / name, today=TODAY).path
    assert path == tmp_path / name
    assert path.read_bytes().startswith(b"%PDF")
    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(PdfWriteError) as caught:
        export_minutes(uow, meeting.meeting.id, tmp_path / "missing" / name)
    assert "missing" in str(caught.value)
    assert not (tmp_path / "missing").exists()


def test_a_colleague_keeps_their_name_when_a_family_shares_it(uow: UnitOfWork, case) -> None:
    members.add_person(
        uow, case.id, {"first_name": "Kees", "last_name": "Visser", "role": "parent"}
    )
    detail = meetings.create_meeting(
        uow, {"held_on": dt.date(2026, 11, 2), "chair": "J. Visser", "hide_names": True}
    ).value
    mid = detail.meeting.id
    colleague = meetings.add_participant(uow, mid, {"name": "J. Visser"}).value
    item = agenda.add_case(uow, mid, case.id, "Kan Kees Visser het alleen?").value.items[0]
    agenda.record_score(uow, item.id, colleague.id, 5, "Kees belt zelf als het misgaat.")
    agenda.add_follow_up(uow, item.id, {"what": "Kees Visser bellen.", "owner": "J. Visser"})
    text = _text(_reader(render_minutes(uow, mid)))
    assert "Kees" not in text and "K.V." in text
    assert _squash("J. Visser 5 K. belt zelf") in _squash(text)
    assert _squash("K.V. bellen. J. Visser") in _squash(text)
    assert "Voorzitter J. Visser" in text
