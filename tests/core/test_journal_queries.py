"""The dossier's lists read in a fixed handful of statements, whatever their length: a journal of
thousands of entries with their links and corrections, a case's meldcode records, the meldcode
and verwijsindex reminders over every case, a case's verwijsindex signals with their matches.
A loop that asks the database once per row (N+1) makes a long journal slow to open; these tests
count the statements that reach the driver while the list is read, at two sizes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterator
from typing import Any

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.dossier import journal as j
from jeugdtool.dossier import meldcode as mc
from jeugdtool.dossier import verwijsindex as vi
from jeugdtool.dossier.dto import JournalFilter
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.store import org_settings
from jeugdtool.store.uow import UnitOfWork
from tests.statements import statements_sent

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()


@pytest.fixture
def statements(db) -> Iterator[list[str]]:
    """Every statement that reaches the driver from now on."""
    with statements_sent(db) as seen:
        yield seen


def _counted(statements: list[str], read: Callable[[], Any]) -> tuple[int, Any]:
    statements.clear()
    result = read()
    return len(statements), result


def _entries(uow: UnitOfWork, case_id: int, n: int, *, start: int = 0) -> None:
    """`n` entries of the case, each linked to two things; every third corrects the one before
    it and every fifth is the current user's working note (as a busy year of a case has)."""
    with uow:
        previous = None
        for i in range(start, start + n):
            row = JournalEntry(
                household_id=case_id,
                occurred_on=TODAY - dt.timedelta(days=i % 300),
                kind=JournalKind.HOME_VISIT.value if i % 2 else JournalKind.PHONE_CALL.value,
                author=uow.author,
                author_id=uow.person_id,
                participants=("Sanne Jansen",),
                note=f"Gesprek {i} over de afspraken",
                working_note=i % 5 == 0,
                corrects_id=previous.id if previous is not None and i % 3 == 0 else None,
            )
            uow.session.add(row)
            uow.flush()
            for kind, key in ((LinkKind.MAP_ITEM, f"item{i % 7}"), (LinkKind.HELP_ITEM, "1")):
                uow.session.add(
                    JournalLink(
                        household_id=case_id,
                        entry_id=row.id,
                        target_kind=kind.value,
                        target_key=key,
                        target_label=f"Zorg {i % 7}",
                    )
                )
            previous = row
        uow.commit()


def test_the_journal_reads_in_the_same_statements_for_10_or_400_entries(
    uow, case, statements
) -> None:
    _entries(uow, case.id, 10)
    few, short = _counted(statements, lambda: j.journal(uow, case.id))
    _entries(uow, case.id, 390, start=10)
    many, long = _counted(statements, lambda: j.journal(uow, case.id))
    assert (len(short), len(long)) == (10, 400)
    assert all(len(entry.links) == 2 for entry in long)
    assert sum(len(entry.corrected_by) for entry in long) == len(range(3, 400, 3))
    assert many == few <= 8, statements
    # The filters and the overview's lists read the same way.
    for read in (
        lambda: j.journal(uow, case.id, JournalFilter(text="afspraken zorg")),
        lambda: j.entries_about(uow, case.id, LinkKind.MAP_ITEM.value, "item3"),
        lambda: j.latest_contacts(uow, case.id),
    ):
        assert _counted(statements, read)[0] == few


def _cases_with_open_records(uow: UnitOfWork, n: int, start: int) -> None:
    begun = TODAY - dt.timedelta(days=40)
    for i in range(start, start + n):
        case = households.create_case(uow, name=f"Gezin {i}", case_number=f"2026-{i:04d}").value
        members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"})
        mc.start_record(uow, case.id, on=begun)


def test_the_meldcode_reminders_read_in_the_same_statements_for_3_or_30_cases(
    uow, statements
) -> None:
    _cases_with_open_records(uow, 3, 1)
    few, found = _counted(statements, lambda: mc.meldcode_reminders(uow, today=TODAY))
    assert len(found) == 3
    _cases_with_open_records(uow, 27, 4)
    many, found = _counted(statements, lambda: mc.meldcode_reminders(uow, today=TODAY))
    assert len(found) == 30 and many == few, statements


def test_a_cases_meldcode_records_read_in_the_same_statements_for_1_or_6(
    uow, case, statements
) -> None:
    members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"})

    def closed_record() -> None:
        record = mc.start_record(uow, case.id, on=TODAY).value
        mc.answer_question(uow, record.id, "suspicion", False, "Geen aanwijzingen")
        mc.close_record(uow, record.id, on=TODAY)

    closed_record()
    few, found = _counted(statements, lambda: mc.records(uow, case.id))
    for _ in range(5):
        closed_record()
    many, found = _counted(statements, lambda: mc.records(uow, case.id))
    assert len(found) == 6 and all(len(r.steps) == 5 for r in found)
    assert many == few, statements


def test_verwijsindex_signals_and_reminders_read_in_the_same_statements(
    uow, case, statements
) -> None:
    with uow:
        org_settings.write(uow.session, org_settings.VERWIJSINDEX_MONTHS, "1")
        uow.commit()

    def signal(i: int) -> None:
        child = members.add_person(uow, case.id, {"first_name": f"Kind {i}", "role": "child"})
        made = vi.add_signal(uow, case.id, {"person_id": child.value.id, "signalled_on": TODAY})
        for org in ("School", "GGD"):
            vi.add_match(uow, made.value.id, {"organisation": org, "matched_on": TODAY})

    signal(0)
    few = _counted(statements, lambda: vi.signals(uow, case.id))[0]
    reminders = _counted(statements, lambda: vi.verwijsindex_reminders(uow, today=TODAY))[0]
    for i in range(1, 8):
        signal(i)
    many, found = _counted(statements, lambda: vi.signals(uow, case.id))
    assert len(found) == 8 and all(len(s.matches) == 2 for s in found)
    assert many == few, statements
    more, due = _counted(statements, lambda: vi.verwijsindex_reminders(uow, today=TODAY))
    assert len(due) == 8 and more == reminders
