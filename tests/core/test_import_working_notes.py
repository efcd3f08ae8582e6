"""A working note (werkaantekening) stays with its author: importing a case file leaves out the
working notes of everyone but the importer (names compared folded), in both modes; a correction
of a left-out note keeps its own text and loses only the reference; the importer is told how
many were left out, whose, and what to do. The demo keeps its case managers' notes in a
single-user file. Team mode (the real PostgreSQL, with its row-level security) at the end."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.cases.models import Consultant
from jeugdtool.cli import main
from jeugdtool.dossier import journal
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.export import demo
from jeugdtool.export.casefile import add_checked_case
from jeugdtool.export.casefile import check_case
from jeugdtool.export.casefile import export_case
from jeugdtool.export.casefile import import_case
from jeugdtool.export.casefile import left_out_notes_message
from jeugdtool.export.casefile import read_case_file
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.uow import UnitOfWork

JANSEN = resources.path("demo", "01-jansen.json")  # one working note (j6), by A. de Boer
BAKKER = resources.path("demo", "02-bakker.json")  # one working note (j9), by M. Kaya


def _jansen() -> dict[str, Any]:
    """01-jansen with a second working note by M. Kaya, and an ordinary entry (j12) that
    corrects A. de Boer's working note j6."""
    doc = copy.deepcopy(read_case_file(JANSEN))
    kaya = {
        **copy.deepcopy(doc["journal"][0]),
        "id": "j99",
        "author": "M. Kaya",
        "note": "Eigen gedachte van Kaya",
        "working_note": True,
        "corrects": None,
        "links": [],
    }
    doc["journal"].append(kaya)
    (j12,) = [e for e in doc["journal"] if e["id"] == "j12"]
    j12["corrects"] = "j6"
    return doc


def _as(uow: UnitOfWork, name: str) -> UnitOfWork:
    """The same database as the consultant `name` (single-user mode: the one chosen)."""
    with uow:
        ids = {row.name: row.id for row in uow.session.scalars(select(Consultant))}
    return UnitOfWork(uow.database, name, ids.get(name))


def _notes(uow: UnitOfWork, case_id: int) -> list[tuple[str, str, bool]]:
    """(author, note, working) of every entry in the case, as stored."""
    with uow:
        rows = uow.session.scalars(select(JournalEntry).where(JournalEntry.household_id == case_id))
        return sorted((r.author, r.note, r.working_note) for r in rows)


def _message(n: int, authors: str) -> str:
    text = ngettext(
        "{n} working note by {authors} was not imported: a working note is its author's own, "
        "and nobody else can read it in the journal. If you need it, ask {authors} to import "
        "the file themselves, or to write what you need to know in an ordinary journal entry "
        "and export the case again.",
        "{n} working notes by {authors} were not imported: a working note is its author's "
        "own, and nobody else can read it in the journal. If you need them, ask {authors} to "
        "import the file themselves, or to write what you need to know in an ordinary journal "
        "entry and export the case again.",
        n,
    )
    return text.format(n=n, authors=authors)


# ---------------------------------------------------------------- single-user mode


def test_a_colleagues_working_notes_stay_out_and_the_importer_is_told(db) -> None:
    uow = UnitOfWork(db, "J. Visser")
    doc = _jansen()
    checked = check_case(uow, doc)
    assert checked.left_out_working_notes == 2
    assert checked.notes_left_out == (("A. de Boer", 1), ("M. Kaya", 1))
    case = add_checked_case(uow, checked).value
    stored = _notes(uow, case.id)
    assert not any(working for _a, _n, working in stored)
    assert len(stored) == len(doc["journal"]) - 2  # every ordinary entry is in
    exported = export_case(uow, case.id)
    j12_note = next(e["note"] for e in doc["journal"] if e["id"] == "j12")
    (j12,) = [e for e in exported["journal"] if e["note"] == j12_note]
    assert j12["corrects"] is None  # the correction keeps its text, not its reference
    assert doc == _jansen()  # the document itself is left as read
    names = _("{names} and {last}").format(names="A. de Boer", last="M. Kaya")
    assert left_out_notes_message(checked) == _message(2, names)


def test_the_importers_own_working_notes_stay_and_they_read_them(db) -> None:
    """Compared folded: the file's "A. de Boer" is the user "a. de boer"."""
    uow = UnitOfWork(db, "a. de boer")
    checked = check_case(uow, _jansen())
    assert checked.notes_left_out == (("M. Kaya", 1),)
    assert left_out_notes_message(checked) == _message(1, "M. Kaya")
    case = add_checked_case(uow, checked).value
    stored = _notes(uow, case.id)
    assert [(a, w) for a, _n, w in stored if w] == [("A. de Boer", True)]
    mine = journal.journal(_as(uow, "A. de Boer"), case.id)
    (own,) = [e for e in mine if e.working_note]
    assert own.author == "A. de Boer"
    exported = export_case(uow, case.id)["journal"]
    own_id = next(e["id"] for e in exported if e["working_note"])
    assert [e["corrects"] for e in exported if e["corrects"]] == [own_id]  # j12 still corrects it


def test_a_file_without_other_peoples_notes_says_nothing(uow: UnitOfWork) -> None:
    checked = check_case(uow, read_case_file(JANSEN))  # the user is A. de Boer
    assert checked.left_out_working_notes == 0
    assert left_out_notes_message(checked) == ""
    case = import_case(uow, read_case_file(JANSEN)).value
    assert export_case(uow, case.id)["journal"] == read_case_file(JANSEN)["journal"]


def test_import_case_applies_the_rule_too(uow: UnitOfWork) -> None:
    case = import_case(uow, read_case_file(BAKKER)).value  # M. Kaya's note; the user: A. de Boer
    assert not any(working for _a, _n, working in _notes(uow, case.id))


def test_the_demo_keeps_each_case_managers_working_notes_for_them(db) -> None:
    """The demo is loaded as if each case manager imported their own case: whoever works as
    A. de Boer or M. Kaya reads their notes; the user loading it may be anyone."""
    uow = UnitOfWork(db, "Sanne")
    loaded = {c.case_number: c.id for c in demo.load_demo(uow).value}
    for path, manager in ((JANSEN, "A. de Boer"), (BAKKER, "M. Kaya")):
        doc = read_case_file(path)
        case_id = loaded[doc["household"]["case_number"]]
        theirs = [e for e in journal.journal(_as(uow, manager), case_id) if e.working_note]
        assert [e.note for e in theirs] == [e["note"] for e in doc["journal"] if e["working_note"]]
        assert not [e for e in journal.journal(uow, case_id) if e.working_note]  # Sanne's: none


# ---------------------------------------------------------------- the command line


def test_the_command_line_says_whose_notes_stayed_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite")
    assert main(["--db", db, "--user", "J. Visser", "import", str(JANSEN)]) == 0
    out = capsys.readouterr().out
    assert "2026-0001" in out and _message(1, "A. de Boer") in out
    assert main(["--db", db, "--user", "M. Kaya", "import", str(BAKKER)]) == 0
    out = capsys.readouterr().out
    assert "2026-0002" in out and len(out.strip().splitlines()) == 1  # nothing left out


# ---------------------------------------------------------------- team mode


@pytest.fixture
def world(team_world: Any) -> Any:
    return team_world


def _write_note(uow: UnitOfWork, case_id: int, *, working: bool, note: str) -> None:
    with uow:
        uow.session.add(
            JournalEntry(
                household_id=case_id,
                occurred_on=dt.date(2026, 11, 30),
                kind="home_visit",
                author_id=uow.person_id,
                author=uow.author,
                note=note,
                working_note=working,
            )
        )
        uow.commit()


def test_team_mode_a_colleagues_file_imports_without_her_working_note(world: Any) -> None:
    """Anna exports her case with her working note; Bert imports it (as a new case of his):
    the database would refuse her note in his hands, so it stays out and he is told; Anna
    imports it herself and keeps it."""
    from tests.core.test_team_rls import A

    anna = world.uow("anna")
    case_id = world.case_ids["2026-0001"]
    _write_note(anna, case_id, working=True, note="Anna's eigen gedachte")
    _write_note(anna, case_id, working=False, note="Huisbezoek met Anna")
    doc = export_case(anna, case_id)

    bert = world.uow("bert")
    checked = check_case(bert, doc)
    assert checked.notes_left_out == (("anna", 1),)
    bert_case = add_checked_case(
        bert, checked, as_new=True, assign_to=(world.team_ids[A], world.person_ids["bert"])
    ).value
    with world.owner_psql() as conn:  # what is really stored, past every policy
        rows = conn.execute(
            "SELECT note, working_note FROM journal_entries WHERE household_id = %s",
            (bert_case.id,),
        ).fetchall()
    assert ("Huisbezoek met Anna", False) in rows
    assert not [note for note, working in rows if working]

    again = check_case(anna, doc)
    assert again.left_out_working_notes == 0
    anna_case = add_checked_case(
        anna, again, as_new=True, assign_to=(world.team_ids[A], world.person_ids["anna"])
    ).value
    theirs = [e for e in journal.journal(anna, anna_case.id) if e.working_note]
    assert [(e.note, e.author_id) for e in theirs] == [
        ("Anna's eigen gedachte", world.person_ids["anna"])
    ]
