"""Team mode and the dossier (issue 17): the journal, meldcode records, kindchecks, Veilig Thuis
contacts and verwijsindex signals are case data like any other (test_team_rls.py checks every
case table on its world), and a working note (werkaantekening) is its author's: read by its
author and the privacy officer only, written by its author only, and its links and its rows in
the audit trail (which hold the note's text when it was edited) are hidden alike. Checked through
jeugdtool and in raw SQL as each login, the way `psql` would try (store/team_sql.py).

Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL); skipped without it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import psycopg
import pytest
from sqlalchemy import select

from jeugdtool.cases import staff
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.export import access_request
from jeugdtool.store import team_sql
from jeugdtool.store.uow import UnitOfWork
from tests.core.test_team_rls import ACCESS
from tests.core.test_team_rls import METADATA
from tests.core.test_team_rls import World

DOSSIER_TABLES = (
    "journal_entries",
    "journal_links",
    "meldcode_records",
    "meldcode_steps",
    "meldcode_signals",
    "meldcode_answers",
    "kindchecks",
    "veilig_thuis_contacts",
    "verwijsindex_signals",
    "verwijsindex_matches",
)
#: Anna's case, in team A: Rita (reviewer) and Teun (team leader) read it too.
CASE = "2026-0001"
SECRET = "Vermoed dat moeder meer drinkt dan ze zegt"


@dataclass(frozen=True)
class Notes:
    """Anna's working note and her ordinary entry in CASE, each with a link."""

    case_id: int
    working: int
    public: int
    working_link: int


def _write(uow: UnitOfWork, case_id: int, *, working: bool, note: str) -> tuple[int, int]:
    """An entry written through jeugdtool as `uow`'s person, with a link: (entry, link) ids."""
    with uow:
        entry = JournalEntry(
            household_id=case_id,
            occurred_on=dt.date(2026, 11, 30),
            kind="home_visit",
            author_id=uow.person_id,
            author=uow.author,
            note=note,
            working_note=working,
        )
        uow.session.add(entry)
        uow.session.flush()
        link = JournalLink(
            household_id=case_id,
            entry_id=entry.id,
            target_kind="zrm_domain",
            target_key="1:verslaving",
            target_label="ZRM Middelengebruik",
        )
        uow.session.add(link)
        uow.session.flush()
        ids = entry.id, link.id
        uow.commit()
    return ids


@pytest.fixture
def world(team_world: World) -> World:
    return team_world


@pytest.fixture
def notes(world: World) -> Notes:
    case_id = world.case_ids[CASE]
    anna = world.uow("anna")
    working, link = _write(anna, case_id, working=True, note=SECRET)
    public, _link = _write(anna, case_id, working=False, note="Huisbezoek, moeder en kinderen")
    with anna:  # an edit: the audit trail now holds the old and the new text
        entry = anna.session.get(JournalEntry, working)
        assert entry is not None
        entry.note = SECRET + ", en dat de kinderen het merken"
        anna.commit()
    return Notes(case_id, working, public, link)


def _journal(world: World, who: str, case_id: int) -> set[int]:
    """The journal entries of the case `who` reads in raw SQL."""
    with world.psql(who) as conn:
        query = "SELECT id FROM journal_entries WHERE household_id = %s"
        return {r[0] for r in conn.execute(query, (case_id,))}


def _audit_of(world: World, who: str, entity: str, entity_id: int) -> list[tuple]:
    with world.psql(who) as conn:
        query = "SELECT action, field, new FROM audit_entries WHERE entity = %s AND entity_id = %s"
        return conn.execute(query, (entity, entity_id)).fetchall()


def test_the_dossier_tables_are_case_tables() -> None:
    assert set(DOSSIER_TABLES) <= set(team_sql.case_tables(METADATA))


def test_the_author_reads_and_edits_her_working_note(world: World, notes: Notes) -> None:
    assert _journal(world, "anna", notes.case_id) >= {notes.working, notes.public}
    anna = world.uow("anna")
    with anna:  # through jeugdtool: the ORM's INSERT … RETURNING and versioned UPDATE work
        entry = anna.session.get(JournalEntry, notes.working)
        assert entry is not None and entry.note.startswith(SECRET)
    changes = _audit_of(world, "anna", "journal_entry", notes.working)
    assert ("update", "note", SECRET + ", en dat de kinderen het merken") in changes


@pytest.mark.parametrize("who", ["rita", "teun"])
def test_colleagues_in_the_case_do_not_see_a_working_note(
    world: World, notes: Notes, who: str
) -> None:
    """The reviewer and the team leader read Anna's case, but not her working note: not the
    entry, not its links, not its audit rows (with the note's text); her other entry they do."""
    seen = _journal(world, who, notes.case_id)
    assert notes.public in seen and notes.working not in seen
    with world.psql(who) as conn:
        links = conn.execute(
            "SELECT entry_id FROM journal_links WHERE household_id = %s", (notes.case_id,)
        )
        entries = {r[0] for r in links}
        assert notes.public in entries and notes.working not in entries
        trail = conn.execute("SELECT coalesce(old, '') || coalesce(new, '') FROM audit_entries")
        assert not [t for (t,) in trail if SECRET in t]
    assert _audit_of(world, who, "journal_entry", notes.working) == []
    assert _audit_of(world, who, "journal_link", notes.working_link) == []
    assert _audit_of(world, who, "journal_entry", notes.public)  # the rest of the trail is there
    uow = world.uow(who)
    with uow:  # nor through jeugdtool
        ids = set(uow.session.scalars(select(JournalEntry.id)))
    assert notes.public in ids and notes.working not in ids


def test_a_colleague_cannot_change_remove_or_write_a_working_note_in_her_name(
    world: World, notes: Notes
) -> None:
    with world.psql("rita") as conn:
        # Blind writes, without a WHERE that reads the row, pass by it too; and by her
        # ordinary entry: every entry is its author's to change.
        assert conn.execute("UPDATE journal_entries SET note = 'weg'").rowcount == 0
        assert conn.execute("DELETE FROM journal_links").rowcount == 0
        assert conn.execute("UPDATE journal_links SET target_label = 'weg'").rowcount == 0
        assert conn.execute("UPDATE journal_entries SET working_note = false").rowcount == 0
        assert conn.execute("DELETE FROM journal_entries").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(  # a working note in Anna's name
                "INSERT INTO journal_entries (household_id, occurred_on, kind, author_id, "
                "author, participants, note, working_note, recorded_at, version, created_at, "
                "created_by, updated_at, updated_by) VALUES (%s, '2026-12-01', 'other', %s, "
                "'Anna', '', 'namens Anna', true, now(), 1, now(), '', now(), '')",
                (notes.case_id, world.person_ids["anna"]),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(  # a link to the entry she cannot see
                "INSERT INTO journal_links (household_id, entry_id, target_kind, target_key, "
                "target_label, version, created_at, created_by, updated_at, updated_by) VALUES "
                "(%s, %s, 'help_item', '9', '', 1, now(), '', now(), '')",
                (notes.case_id, notes.working),
            )
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT note, working_note FROM journal_entries WHERE id = %s", (notes.working,)
        ).fetchone()
        links = conn.execute(
            "SELECT id FROM journal_links WHERE entry_id = %s", (notes.working,)
        ).fetchall()
        public = conn.execute(
            "SELECT note FROM journal_entries WHERE id = %s", (notes.public,)
        ).fetchone()
    assert row == (SECRET + ", en dat de kinderen het merken", True)
    assert links == [(notes.working_link,)]
    assert public == ("Huisbezoek, moeder en kinderen",)


@pytest.mark.parametrize("who", ["rita", "teun"])
def test_a_colleague_cannot_claim_an_entry_and_hide_it_as_her_working_note(
    world: World, notes: Notes, who: str
) -> None:
    """Taking over Anna's ordinary entry and making it one's own working note would hide it
    from Anna and the case team; putting words in it would speak in her name."""
    me = world.person_ids[who]
    with world.psql(who) as conn:
        claimed = conn.execute(
            "UPDATE journal_entries SET author_id = %s, working_note = true WHERE id = %s",
            (me, notes.public),
        )
        assert claimed.rowcount == 0
        worded = conn.execute(
            "UPDATE journal_entries SET note = 'Moeder weigert alles' WHERE id = %s",
            (notes.public,),
        )
        assert worded.rowcount == 0
    assert notes.public in _journal(world, "anna", notes.case_id)
    assert notes.public in _journal(world, "rita" if who == "teun" else "teun", notes.case_id)
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT author_id, working_note, note FROM journal_entries WHERE id = %s",
            (notes.public,),
        ).fetchone()
    assert row == (world.person_ids["anna"], False, "Huisbezoek, moeder en kinderen")


def test_a_colleague_writes_her_own_entries_and_changes_only_those(
    world: World, notes: Notes
) -> None:
    """The rule that stops her at Anna's entries lets Rita write and edit her own, through
    jeugdtool (INSERT … RETURNING, the versioned UPDATE) as in raw SQL."""
    rita = world.uow("rita")
    mine, _link = _write(rita, notes.case_id, working=False, note="Gebeld met school")
    with rita:
        entry = rita.session.get(JournalEntry, mine)
        assert entry is not None
        entry.note = "Gebeld met school: Daan was er"
        rita.commit()
    with world.psql("rita") as conn:
        assert conn.execute("UPDATE journal_links SET target_label = 'x'").rowcount == 1
        assert conn.execute("DELETE FROM journal_entries").rowcount == 1
    assert mine not in _journal(world, "anna", notes.case_id)
    assert notes.public in _journal(world, "anna", notes.case_id)


def test_the_privacy_officer_reads_working_notes_and_does_not_change_them(
    world: World, notes: Notes
) -> None:
    """Working notes are part of an access request (the courts ruled so): the privacy officer,
    once in the case team, reads them all; changing them stays the author's."""
    assert _journal(world, "pim", notes.case_id) == set()  # no case of theirs: nothing at all
    assert _audit_of(world, "pim", "journal_entry", notes.working)  # the whole trail, as ever
    boss = UnitOfWork(world.owner, "beheer")
    staff.add_coworker(boss, notes.case_id, world.person_ids["pim"])
    assert _journal(world, "pim", notes.case_id) >= {notes.working, notes.public}
    with world.psql("pim") as conn:
        query = "SELECT id FROM journal_links WHERE entry_id = %s"
        assert conn.execute(query, (notes.working,)).fetchall() == [(notes.working_link,)]
        changed = conn.execute(
            "UPDATE journal_entries SET note = 'x' WHERE id = %s", (notes.working,)
        )
        assert changed.rowcount == 0
        assert (
            conn.execute("DELETE FROM journal_entries WHERE id = %s", (notes.working,)).rowcount
            == 0
        )


@pytest.mark.parametrize("who", sorted(set(ACCESS) - {"anna", "rita", "teun"}))
def test_nobody_outside_the_case_sees_any_of_its_journal(
    world: World, notes: Notes, who: str
) -> None:
    assert _journal(world, who, notes.case_id) == set()


def test_a_removed_working_note_takes_its_links_and_leaves_no_trace_for_colleagues(
    world: World, notes: Notes
) -> None:
    """Undo of adding removes the entry: its trail (was it a working note?) is then the
    privacy officer's only."""
    anna = world.uow("anna")
    with anna:
        entry = anna.session.get(JournalEntry, notes.working)
        anna.session.delete(entry)
        anna.commit()
    with world.owner_psql() as conn:
        left = conn.execute(
            "SELECT count(*) FROM journal_links WHERE id = %s", (notes.working_link,)
        )
        assert left.fetchone() == (0,)
    assert _audit_of(world, "rita", "journal_entry", notes.working) == []
    actions = {a for a, _f, _n in _audit_of(world, "pim", "journal_entry", notes.working)}
    assert actions == {"create", "update", "delete"}


def _unread(world: World, who: str, case_id: int) -> int:
    """The working notes of the case not written by `who`, as the owner counts them."""
    with world.owner_psql() as conn:
        query = (
            "SELECT count(*) FROM journal_entries WHERE household_id = %s AND working_note "
            "AND author_id IS DISTINCT FROM %s"
        )
        return conn.execute(query, (case_id, world.person_ids[who])).fetchone()[0]


def test_whoever_makes_an_access_request_is_told_of_working_notes_they_cannot_read(
    world: World, notes: Notes
) -> None:
    """The family has a right to every working note; a colleague's are not in the dossier
    its maker reads, so the maker is told how many (and nothing of them)."""
    for who in ("rita", "anna"):
        dossier = access_request.collect(world.uow(who), notes.case_id)
        assert dossier.unread_working_notes == _unread(world, who, notes.case_id), who
        texts = [e["note"] for e in dossier.case_file["journal"]]
        assert (SECRET in " ".join(texts)) is (who == "anna")
    rita = access_request.collect(world.uow("rita"), notes.case_id)
    assert rita.unread_working_notes >= 1
    assert str(rita.unread_working_notes) in access_request.missing_working_notes(rita)
    with world.psql("carla") as conn:  # not her case: nothing to count
        query = f"SELECT {team_sql.UNREAD_WORKING_NOTES}(%s)"
        assert conn.execute(query, (notes.case_id,)).fetchone() == (0,)
    staff.add_coworker(UnitOfWork(world.owner, "beheer"), notes.case_id, world.person_ids["pim"])
    pim = access_request.collect(world.uow("pim"), notes.case_id)
    assert pim.unread_working_notes == 0
    assert access_request.missing_working_notes(pim) == ""
    assert SECRET in " ".join(e["note"] for e in pim.case_file["journal"])
