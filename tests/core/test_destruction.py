"""Destroying a case: nothing of it stays in the file, the other cases stay, a tombstone remains.

The SQLite tests search the bytes of the database file and its -wal for every name and text that
only the destroyed case had; the PostgreSQL tests (JEUGDTOOL_TEST_PG_URL) check that only the
privacy officer may destroy, through the server's own function.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import jeugdtool.models
from jeugdtool import team_admin
from jeugdtool.cases import access
from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import staff
from jeugdtool.cases.destruction import LEGAL_GROUND
from jeugdtool.cases.destruction import DestructionRefused
from jeugdtool.cases.destruction import Ground
from jeugdtool.cli import main
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NoPermission
from jeugdtool.errors import NotFound
from jeugdtool.export import casefile
from jeugdtool.export import demo
from jeugdtool.export import selection
from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.store import team_sql
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork

REASON = "Bewaartermijn verstreken, dossier gecontroleerd"
#: Keys of the case file whose values are the family's own words and names.
PERSONAL_KEYS = {
    "name",
    "first_name",
    "last_name",
    "notes",
    "note",
    "relation",
    "phone",
    "email",
    "present",
    "text",
    "label",
    "who",
    "behaviour",
    "impact",
    "example",
    "carers_will",
    "child_will_experience",
    "professionals_will_see",
    "reason",
    "one_higher",
    "children_told",
    "sign",
    "watched_by",
    "action",
    "what",
    "where",
    "check",
    "override_reason",
    "zero",
    "ten",
}


def _strings(doc: Any, keys: set[str] | None = None, key: str = "") -> Iterator[str]:
    """Every string in a case file (of `keys` only, if given)."""
    if isinstance(doc, dict):
        for k, value in doc.items():
            yield from _strings(value, keys, k)
    elif isinstance(doc, list):
        for value in doc:
            yield from _strings(value, keys, key)
    elif isinstance(doc, str) and (keys is None or key in keys):
        yield doc


def _file_bytes(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _export(uow: UnitOfWork, case_id: int) -> dict[str, Any]:
    doc = casefile.export_case(uow, case_id)
    doc.pop("exported_at")
    return doc


@pytest.fixture
def demo_cases(uow: UnitOfWork) -> dict[str, int]:
    return {h.case_number: h.id for h in demo.load_demo(uow).value}


def _prepare_jansen(uow: UnitOfWork, cases: dict[str, int]) -> int:
    """Case 2026-0001 with a meeting item (the meeting shares it with 2026-0002), a PDF
    selection for a partner named by the family, access-log rows; then closed."""
    jansen = cases["2026-0001"]
    meeting = meetings.create_meeting(
        uow, {"held_on": dt.date(2026, 11, 3), "title": "Reflectie november"}
    ).value.meeting
    agenda.add_case(uow, meeting.id, jansen, "Kan Sandra de avonden alleen aan?")
    agenda.add_case(uow, meeting.id, cases["2026-0002"], "Wat is de lichtste hulp?")
    chosen = selection.default_selection(selection.Document.PLAN)
    selection.remember_selection(uow, jansen, replace(chosen, audience="juf Anja van Daan"))
    access.record(uow, AccessAction.PDF, jansen, detail="veiligheidsplan, voor: juf Anja van Daan")
    households.close_case(uow, jansen, "Hulp afgerond, veiligheid stabiel", dt.date(2026, 11, 20))
    return jansen


def _logged(uow: UnitOfWork, number: str) -> int:
    with uow:
        return int(
            uow.session.execute(
                text("SELECT count(*) FROM access_log WHERE case_number = :n"), {"n": number}
            ).scalar_one()
        )


def _only_in(doc: dict[str, Any], others: list[dict[str, Any]], uow: UnitOfWork) -> set[str]:
    """The names and texts of `doc` that no other case (and no consultant) has."""
    elsewhere = "\n".join(s for other in others for s in _strings(other))
    consultants = {c.name for c in staff.list_staff(uow, include_inactive=True)}
    return {
        s
        for s in _strings(doc, PERSONAL_KEYS)
        if len(s) >= 4 and s not in elsewhere and s not in consultants
    }


def test_destroyed_case_cannot_be_found_in_the_file_and_the_others_stay(
    uow: UnitOfWork, db: Database, db_path: Path, demo_cases: dict[str, int]
) -> None:
    jansen = _prepare_jansen(uow, demo_cases)
    others = {n: _export(uow, i) for n, i in demo_cases.items() if i != jansen}
    secrets = _only_in(_export(uow, jansen), list(others.values()), uow)
    secrets |= {"Kan Sandra de avonden alleen aan?", "juf Anja van Daan", "Gezin Jansen"}
    before = _file_bytes(db_path)
    present = {s for s in secrets if s.encode() in before}
    assert len(present) > 150, "the case's texts are in the file before"

    done = destruction.destroy_case(uow, "2026-0001", REASON, Ground.RETENTION, by="A. de Boer")

    assert done.scrub_problem == ""
    after = _file_bytes(db_path)
    assert sorted(s for s in present if s.encode() in after) == []
    assert {n: _export(uow, demo_cases[n]) for n in others} == others
    assert done.removed["persons"] == 4 and done.removed["meeting_items"] == 1
    assert done.removed["export_selections"] == 1 and done.audit_rows > 100
    assert done.access_rows == _logged(uow, "2026-0001") >= 2  # the import and the PDF
    with uow:  # the meeting and its other case stay
        items = uow.session.execute(
            text(
                "SELECT i.household_id FROM meeting_items i JOIN meetings m "
                "ON m.id = i.meeting_id WHERE m.title = 'Reflectie november'"
            )
        ).scalars()
        assert list(items) == [demo_cases["2026-0002"]]


def test_nothing_of_the_case_is_left_in_any_table(
    uow: UnitOfWork, demo_cases: dict[str, int]
) -> None:
    jansen = _prepare_jansen(uow, demo_cases)
    destruction.destroy_case(uow, "2026-0001", REASON, Ground.REQUEST, by="A. de Boer")
    with uow:
        for table in team_sql.case_tables(jeugdtool.models.Base.metadata):
            n = uow.session.execute(
                text(f"SELECT count(*) FROM {table} WHERE household_id = :c"), {"c": jansen}
            ).scalar()
            assert n == 0, table
        assert (
            uow.session.execute(
                text("SELECT count(*) FROM audit_entries WHERE case_id = :c"), {"c": jansen}
            ).scalar()
            == 0
        )
        logged = uow.session.execute(
            text(
                "SELECT who, action, case_id, detail, reason FROM access_log "
                "WHERE case_number = '2026-0001' AND action = 'pdf'"
            )
        ).all()
        blanked = uow.session.execute(
            text(
                "SELECT count(*) FROM access_log WHERE case_number = '2026-0001' "
                "AND detail = '' AND reason = '' AND case_id IS NULL"
            )
        ).scalar()
    assert [tuple(r) for r in logged] == [("A. de Boer", "pdf", None, "", "")]
    assert blanked == _logged(uow, "2026-0001")


def test_the_tombstone_holds_no_personal_data(uow: UnitOfWork, demo_cases: dict[str, int]) -> None:
    jansen = _prepare_jansen(uow, demo_cases)
    names = set(_strings(_export(uow, jansen), {"name", "first_name", "last_name"}))
    destruction.destroy_case(uow, "2026-0001", REASON, Ground.REQUEST, by="A. de Boer")
    (stone,) = destruction.tombstones(uow)
    assert (stone.case_number, stone.opened_on, stone.closed_on) == (
        "2026-0001",
        dt.date(2026, 2, 3),
        dt.date(2026, 11, 20),
    )
    assert stone.legal_ground == LEGAL_GROUND[Ground.REQUEST] == "Jeugdwet art. 7.3.9: verzoek"
    assert (stone.reason, stone.destroyed_by) == (REASON, "A. de Boer")
    assert stone.destroyed_at.tzinfo is not None
    words = " ".join(str(v) for v in vars(stone).values())
    assert [n for n in names if n in words and n != "A. de Boer"] == []
    with uow:
        columns = [r[1] for r in uow.session.execute(text("PRAGMA table_info(destroyed_cases)"))]
    assert "name" not in columns


def test_an_open_case_is_refused_and_stays(uow: UnitOfWork, demo_cases: dict[str, int]) -> None:
    before = _export(uow, demo_cases["2026-0001"])
    with pytest.raises(InvalidInput) as refused:
        destruction.destroy_case(uow, "2026-0001", REASON, "retention", by="A. de Boer")
    (problem,) = refused.value.problems
    assert problem.field == "status" and "2026-0001" in problem.message
    assert _export(uow, demo_cases["2026-0001"]) == before
    assert destruction.tombstones(uow) == []


@pytest.mark.parametrize("reason", ["", "   ", "weg ermee"])
def test_a_reason_of_ten_characters_is_required(
    uow: UnitOfWork, demo_cases: dict[str, int], reason: str
) -> None:
    with pytest.raises(InvalidInput):
        destruction.destroy_case(uow, "2026-0003", reason, Ground.RETENTION, by="A. de Boer")
    assert destruction.find_case(uow, "2026-0003").name == "Gezin Meijer-Dijkstra"


def test_an_unknown_case_number_is_named(uow: UnitOfWork, demo_cases: dict[str, int]) -> None:
    with pytest.raises(NotFound):
        destruction.destroy_case(uow, "2026-9999", REASON, Ground.RETENTION, by="A. de Boer")


# ---- the command line ---------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite"
    assert _run(capsys, "--db", str(path), "demo")[0] == 0
    return path


def test_cli_destroys_with_yes_prints_counts_and_lists_the_tombstone(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_db)
    code, out, err = _run(
        capsys, "--db", db, "--user", "Pim", "destroy", "2026-0003", "--reason", REASON, "--yes"
    )
    assert (code, err) == (0, "")
    assert "2026-0003" in out and _("persons") + ": " in out
    assert "Meijer" not in out
    code, out, _err = _run(capsys, "--db", db, "cases")
    assert "2026-0003" not in out
    code, out, _err = _run(capsys, "--db", db, "destroyed")
    (line,) = out.splitlines()
    fields = line.split("\t")
    assert fields[0] == "2026-0003" and fields[4:] == [
        LEGAL_GROUND[Ground.RETENTION],
        "Pim",
        REASON,
    ]


def test_cli_refuses_an_open_case_and_a_short_reason(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_db)
    code, _out, err = _run(capsys, "--db", db, "destroy", "2026-0001", "--reason", REASON, "--yes")
    assert code == 1 and "2026-0001" in err
    code, _out, err = _run(capsys, "--db", db, "destroy", "2026-0003", "--reason", "weg", "--yes")
    assert code == 1
    assert _run(capsys, "--db", db, "destroyed")[1] == ""


def test_cli_asks_for_the_case_number_and_a_wrong_answer_destroys_nothing(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(demo_db)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["2026-0004", "2026-0003"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    code, out, err = _run(capsys, "--db", db, "destroy", "2026-0003", "--reason", REASON)
    assert code == 1 and "Gezin Meijer-Dijkstra" in out
    assert _("Nothing was destroyed.") in err
    code, out, _err = _run(capsys, "--db", db, "destroy", "2026-0003", "--reason", REASON)
    assert code == 0
    assert _run(capsys, "--db", db, "destroyed")[1].startswith("2026-0003\t")


def test_cli_without_a_terminal_needs_yes(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _out, err = _run(capsys, "--db", str(demo_db), "destroy", "2026-0003", "--reason", REASON)
    assert code == 1 and "--yes" in err
    assert _run(capsys, "--db", str(demo_db), "destroyed")[1] == ""


# ---- team mode --------------------------------------------------------------------------------


@pytest.fixture
def team(pg_url: str) -> Iterator[dict[str, Any]]:
    """The demo cases on a team database; Anna (consultant) manages them all; Pim is the privacy
    officer."""
    team_admin.init(pg_url)
    owner = open_database(pg_url)
    boss = UnitOfWork(owner, "beheer")
    team_id = staff.add_team(boss, "Team Noord").value.id
    suffix = uuid.uuid4().hex[:6]
    ids: dict[str, int] = {}
    for name, role, teams in (
        ("anna", "consultant", ["Team Noord"]),
        ("pim", "privacy_officer", []),
    ):
        login = f"{name}_{suffix}"
        ids[name] = team_admin.add_user(
            owner, login, name.capitalize(), [role], teams, password=f"pw-{login}"
        ).id
    cases = {h.case_number: h.id for h in demo.load_demo(boss).value}
    with owner.engine.begin() as conn:
        conn.execute(
            text("UPDATE households SET team_id = :t, case_manager_id = :m"),
            {"t": team_id, "m": ids["anna"]},
        )
    opened: list[Database] = []

    def uow_of(name: str) -> UnitOfWork:
        from sqlalchemy.engine import make_url

        login = f"{name}_{suffix}"
        url = make_url(pg_url).set(username=login, password=f"pw-{login}")
        database = open_database(url.render_as_string(hide_password=False))
        opened.append(database)
        return UnitOfWork(database, name.capitalize(), ids[name])

    yield {"owner": owner, "cases": cases, "uow": uow_of}
    for database in opened:
        database.close()
    owner.close()


def test_team_the_privacy_officer_destroys_and_everyone_sees_the_tombstone(
    team: dict[str, Any],
) -> None:
    pim, anna = team["uow"]("pim"), team["uow"]("anna")
    meijer = team["cases"]["2026-0003"]
    candidate = destruction.find_case(pim, "2026-0003")
    assert (candidate.status, candidate.name) == ("closed", "")  # the name is not for Pim

    done = destruction.destroy_case(pim, "2026-0003", REASON, Ground.RETENTION, by="ignored")

    assert done.removed["households"] == 1 and done.removed["persons"] > 0
    assert done.audit_rows > 0
    with team["owner"].engine.connect() as conn:
        for table in team_sql.case_tables(jeugdtool.models.Base.metadata):
            n = conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE household_id = :c"), {"c": meijer}
            ).scalar()
            assert n == 0, table
        assert (
            conn.execute(
                text("SELECT count(*) FROM audit_entries WHERE case_id = :c"), {"c": meijer}
            ).scalar()
            == 0
        )
    (stone,) = destruction.tombstones(anna)
    assert (stone.case_number, stone.destroyed_by) == ("2026-0003", "Pim")
    assert stone.legal_ground == LEGAL_GROUND[Ground.RETENTION]


def test_team_a_consultant_cannot_destroy_not_even_with_sql(team: dict[str, Any]) -> None:
    anna = team["uow"]("anna")
    with pytest.raises(DestructionRefused):
        destruction.destroy_case(anna, "2026-0003", REASON, Ground.RETENTION, by="Anna")
    with pytest.raises(NoPermission), anna:
        anna.session.execute(
            text("SELECT * FROM jt_destroy_case('2026-0003', :r, 'x')"), {"r": REASON}
        ).all()
    with pytest.raises(NoPermission), anna:
        anna.session.execute(
            text(
                "INSERT INTO destroyed_cases (case_number, opened_on, destroyed_at, "
                "legal_ground, reason, destroyed_by) VALUES ('x', now(), now(), 'x', 'x', 'x')"
            )
        )
    assert destruction.find_case(team["uow"]("pim"), "2026-0003").status == "closed"


def test_team_an_open_case_is_refused(team: dict[str, Any]) -> None:
    pim = team["uow"]("pim")
    with pytest.raises(InvalidInput):
        destruction.destroy_case(pim, "2026-0001", REASON, Ground.REQUEST, by="Pim")
    with pytest.raises(NotFound):
        destruction.find_case(pim, "2026-9999")
