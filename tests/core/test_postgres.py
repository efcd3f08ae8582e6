"""A team database on a PostgreSQL server works like the SQLite file, once its owner set it up.

Each test gets a new, empty database on the server JEUGDTOOL_TEST_PG_URL names (`make test`
starts a throwaway one: scripts/with-postgres.sh), with an odd time zone (see `pg_url` in
tests/conftest.py); without that variable these tests are skipped, saying so. The URL's login is
the server's superuser: here it plays the database's owner, who runs `jeugdtool admin`
(team_admin). A client never creates or upgrades a team database; it says who should. The
case services themselves run on both backends too: tests/core/test_cases.py and test_audit.py
are marked `both_backends`; the access rules are tested in test_team_rls.py.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy import inspect
from sqlalchemy import text

from jeugdtool import team_admin
from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.search import filter_cases
from jeugdtool.errors import ConflictError
from jeugdtool.errors import DatabaseUnavailable
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NewerSchema
from jeugdtool.errors import SchemaNotReady
from jeugdtool.store import engine as store_engine
from jeugdtool.store import schema
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import resolve
from jeugdtool.store.uow import UnitOfWork


def _tables() -> set[str]:
    """Every table the models define, plus Alembic's bookkeeping."""
    import jeugdtool.models

    return set(jeugdtool.models.Base.metadata.tables) | {"alembic_version"}


TABLES = _tables()


def _snapshot(url: str) -> dict[str, Any]:
    """Everything in the database: its columns and every row of every table."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            columns = conn.execute(
                text(
                    "SELECT table_name, column_name, data_type, is_nullable "
                    "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2"
                )
            ).all()
            names = sorted(inspect(conn).get_table_names())
            rows = {
                name: sorted(map(repr, conn.execute(text(f'SELECT * FROM "{name}"'))))
                for name in names
            }
        return {"columns": columns, "rows": rows}
    finally:
        engine.dispose()


def _policies(url: str) -> list[tuple[str, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(text("SELECT tablename, policyname FROM pg_policies")).all())
    finally:
        engine.dispose()


def _at_revision(url: str, revision: str) -> None:
    """Set the database up as an older jeugdtool's administrator would have: schema `revision`."""
    from alembic import command

    from jeugdtool.store.migrate import alembic_config

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def test_a_client_never_sets_up_an_empty_team_database(pg_url: str) -> None:
    with pytest.raises(SchemaNotReady) as info:
        open_database(pg_url)
    assert "admin init" in str(info.value)
    assert resolve(pg_url).url.password not in str(info.value)
    assert _snapshot(pg_url) == {"columns": [], "rows": {}}


def test_admin_init_sets_up_the_schema_at_head(pg_url: str) -> None:
    said = team_admin.init(pg_url)
    assert schema.HEAD in said
    db = open_database(pg_url)
    try:
        assert db.opened_from == schema.HEAD
        assert not db.location.is_sqlite
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == TABLES
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == schema.HEAD
    finally:
        db.close()
    policies = _policies(pg_url)
    assert ("households", "jt_read") in policies
    # Again is harmless: the access rules are laid anew, nothing doubles, the data stays.
    db = open_database(pg_url)
    households.create_case(UnitOfWork(db, "x"), name="Gezin Jansen")
    db.close()
    before = _snapshot(pg_url)
    team_admin.init(pg_url)
    assert _policies(pg_url) == policies
    assert _snapshot(pg_url) == before


def test_reopening_does_not_import_alembic(pg_url: str) -> None:
    team_admin.init(pg_url)
    code = textwrap.dedent("""
        import os, sys
        from jeugdtool.store.engine import open_database
        db = open_database(os.environ["JEUGDTOOL_TEST_REOPEN_URL"])
        db.close()
        print(db.opened_from, "alembic" in sys.modules)
    """)
    env = {**os.environ, "JEUGDTOOL_TEST_REOPEN_URL": pg_url}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == [schema.HEAD, "False"]


def test_migrations_match_the_models(pg_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import jeugdtool.models

    def laid_here(obj, _name, type_, reflected, _compare_to) -> bool:
        """Not the indexes the model lays on SQLite only (`Index.ddl_if`, migration 0019)."""
        only = getattr(obj, "_ddl_if", None)
        return reflected or type_ != "index" or only is None or only.dialect == "postgresql"

    team_admin.init(pg_url)
    db = open_database(pg_url)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": laid_here})
            assert compare_metadata(context, jeugdtool.models.Base.metadata) == []
    finally:
        db.close()


def _at_once(code: str, url: str, count: int) -> list[tuple[int, str, str]]:
    """Run `code` in `count` programs that start their work at the same moment: (exit code,
    output, errors) of each."""
    env = {**os.environ, "JEUGDTOOL_TEST_REOPEN_URL": url}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(count)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=120) for proc in procs]
    finally:
        for proc in procs:
            proc.kill()
    return [(p.returncode, out.strip(), err) for p, (out, err) in zip(procs, results, strict=True)]


def test_colleagues_opening_a_database_not_set_up_all_get_the_clear_message(
    pg_url: str,
) -> None:
    """Three colleagues start jeugdtool on a new team database at the same moment: none of them
    sets it up (nor trips over another doing so); each is told to ask the administrator."""
    code = """
        import os, sys
        from jeugdtool.errors import SchemaNotReady
        from jeugdtool.store.engine import open_database
        print("ready", flush=True)
        sys.stdin.readline()
        try:
            open_database(os.environ["JEUGDTOOL_TEST_REOPEN_URL"]).close()
            print("opened", flush=True)
        except SchemaNotReady as exc:
            print("refused", "admin init" in str(exc), flush=True)
    """
    for returncode, out, err in _at_once(code, pg_url, 3):
        assert (returncode, out) == (0, "refused True"), err
    assert _snapshot(pg_url) == {"columns": [], "rows": {}}


def test_two_admin_inits_at_once_both_succeed(pg_url: str) -> None:
    """The first sets the database up; the other waits for it (an advisory lock) and then
    lays the access rules again, instead of failing on "relation already exists"."""
    code = """
        import os, sys
        from jeugdtool import team_admin
        from jeugdtool.store import migrate  # alembic loaded before the start signal
        print("ready", flush=True)
        sys.stdin.readline()
        team_admin.init(os.environ["JEUGDTOOL_TEST_REOPEN_URL"])
        print("done", flush=True)
    """
    for returncode, out, err in _at_once(code, pg_url, 2):
        assert (returncode, out) == (0, "done"), err
    reopened = open_database(pg_url)
    reopened.close()
    assert reopened.opened_from == schema.HEAD
    once = _policies(pg_url)
    assert len(once) == len(set(once))
    team_admin.init(pg_url)
    assert _policies(pg_url) == once


def test_an_older_team_database_waits_for_admin_upgrade(pg_url: str) -> None:
    _at_revision(pg_url, "0006")
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO households (case_number, name, mode, status, opened_on, "
                "last_change_at, version, created_at, created_by, updated_at, updated_by) "
                "VALUES ('2025-0001', 'Gezin Ouder', 'safety', 'open', '2025-01-02', now(), 1, "
                "now(), 'x', now(), 'x')"
            )
        )
    engine.dispose()
    before = _snapshot(pg_url)
    with pytest.raises(SchemaNotReady) as info:
        open_database(pg_url)
    assert "0006" in str(info.value)
    assert "admin upgrade" in str(info.value)
    with pytest.raises(JeugdtoolError) as refused:  # init is for a new database only
        team_admin.init(pg_url)
    assert "admin upgrade" in str(refused.value)
    assert _snapshot(pg_url) == before

    said = team_admin.upgrade(pg_url)
    assert "0006" in said and schema.HEAD in said
    db = open_database(pg_url)
    try:
        assert db.opened_from == schema.HEAD
        assert [s.name for s in queries.list_case_summaries(UnitOfWork(db, "x"))] == ["Gezin Ouder"]
    finally:
        db.close()
    assert ("households", "jt_read") in _policies(pg_url)
    assert schema.HEAD in team_admin.upgrade(pg_url)  # again: up to date, rules laid anew


def test_case_work_from_start_to_finish(pg_url: str) -> None:
    team_admin.init(pg_url)
    db = open_database(pg_url)
    try:
        boer = UnitOfWork(db, "A. de Boer")
        kaya = UnitOfWork(db, "M. Kaya")
        manager = consultants.add_consultant(boer, "A. de Boer").value
        made = households.create_case(
            boer, name="Gezin Öztürk", case_manager_id=manager.id, opened_on=dt.date(2026, 3, 1)
        ).value
        other = households.create_case(boer, name="Gezin Jansen", opened_on=dt.date(2026, 3, 2))
        assert (made.case_number, other.value.case_number) == ("2026-0001", "2026-0002")
        assert made.case_manager_name == "A. de Boer"

        noa = members.add_person(
            boer, made.id, {"first_name": "Noa", "last_name": "Öztürk", "birth_date": "14-05-2016"}
        ).value
        ria = members.add_network_member(
            boer, made.id, {"name": "Oma Ria", "kind": "family", "safety_network": True}
        ).value
        assert noa.birth_date == dt.date(2016, 5, 14)
        assert ria.safety_network is True

        renamed = households.update_case(
            kaya, made.id, {"name": "Gezin Öztürk-Bakker"}, expected={"name": "Gezin Öztürk"}
        ).value
        assert (renamed.version, renamed.updated_by) == (made.version + 1, "M. Kaya")
        with pytest.raises(ConflictError):  # undo of a change a colleague has changed again
            households.update_case(boer, made.id, {"name": "X"}, expected={"name": "Gezin Öztürk"})
        with pytest.raises(ConflictError):  # a screen showing an old version
            households.update_case(boer, made.id, {"name": "X"}, expected_version=made.version)

        before = queries.get_case(boer, made.id)
        removed = households.delete_case(boer, made.id).value
        assert queries.find_case_id(boer, made.case_number) is None
        households.restore_case(boer, removed)
        after = queries.get_case(boer, made.id)
        assert after.household.case_number == before.household.case_number
        assert [p.id for p in after.persons] == [noa.id]
        assert [n.id for n in after.network] == [ria.id]
        # Ids put back explicitly must not trip the sequences that number new rows.
        daan = members.add_person(boer, made.id, {"first_name": "Daan"}).value
        third = households.create_case(boer, name="Gezin Bakker", opened_on=dt.date(2026, 4, 1))
        assert daan.id > noa.id
        assert third.value.id not in {made.id, other.value.id}

        summaries = queries.list_case_summaries(boer)
        assert [s.case_number for s in summaries] == ["2026-0001", "2026-0002", "2026-0003"]
        assert summaries[0].case_manager == "A. de Boer"
        assert summaries[0].last_change_at.tzinfo is not None
        found = filter_cases(summaries, "ozturk DAAN")
        assert [s.name for s in found] == ["Gezin Öztürk-Bakker"]

        history = queries.case_history(boer, made.id)
        assert history[0].at >= history[-1].at
        trail = {(e.who, e.entity, e.action, e.field) for e in history}
        assert ("M. Kaya", "household", "update", "name") in trail
        assert ("A. de Boer", "household", "delete", None) in trail
        assert ("A. de Boer", "person", "create", None) in trail
        assert ("A. de Boer", "network_member", "create", None) in trail
        assert {e.who for e in history} == {"A. de Boer", "M. Kaya"}
    finally:
        db.close()


def test_times_are_utc_whatever_the_server_time_zone(pg_url: str) -> None:
    """The test databases run in Pacific/Chatham (+13:45 in March): stored times must not move."""
    team_admin.init(pg_url)
    db = open_database(pg_url)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SHOW TimeZone")).scalar() == "Pacific/Chatham"
        start = dt.datetime.now(dt.UTC)
        made = households.create_case(UnitOfWork(db, "x"), name="Gezin Tijd").value
        end = dt.datetime.now(dt.UTC)
        assert start <= made.created_at <= end
        stored = queries.get_case(UnitOfWork(db, "x"), made.id).household
        assert stored.created_at == made.created_at
        assert stored.created_at.utcoffset() == dt.timedelta(0)
    finally:
        db.close()


def test_newer_schema_is_refused_by_client_and_admin_untouched(pg_url: str) -> None:
    team_admin.init(pg_url)
    db = open_database(pg_url)
    households.create_case(UnitOfWork(db, "x"), name="Gezin Jansen")
    db.close()
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    before = _snapshot(pg_url)
    with pytest.raises(NewerSchema) as info:
        open_database(pg_url)
    assert "nieuwere versie" in str(info.value)
    assert "9999" in str(info.value)
    for administer in (team_admin.init, team_admin.upgrade):
        with pytest.raises(NewerSchema) as info:
            administer(pg_url)
        assert "9999" in str(info.value)
    assert _snapshot(pg_url) == before


def test_the_password_is_never_shown(pg_url: str) -> None:
    password = resolve(pg_url).url.password
    assert password
    team_admin.init(pg_url)
    db = open_database(pg_url)
    db.close()
    assert password not in db.location.display
    assert password not in db.location.key
    assert db.location.display.startswith("postgresql+psycopg://")
    assert "***" not in db.location.display  # left out, not starred
    assert f"{resolve(pg_url).url.username}@" in db.location.display
    in_query = resolve("postgresql://team@db.example/jeugd?password=geheim&sslmode=require")
    assert "geheim" not in in_query.display
    assert "sslmode=require" in in_query.display
    assert in_query.url.drivername == "postgresql+psycopg"  # the driver the extra installs
    # Nor in an error message about the server.
    wrong = resolve(pg_url).url.set(database="does_not_exist")
    with pytest.raises(DatabaseUnavailable) as info:
        open_database(wrong.render_as_string(hide_password=False))
    assert password not in str(info.value)
    assert "does_not_exist" in str(info.value)


# ---- without a server -------------------------------------------------------------------


def test_unreachable_server_gives_up_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server that never answers (a VPN that is down) is given up on after the connect
    timeout, instead of the operating system's minutes with a frozen window."""
    monkeypatch.setattr(store_engine, "PG_CONNECT_TIMEOUT_S", 2)  # libpq's minimum
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the handshake completes, then nothing is ever said
        port = silent.getsockname()[1]
        started = dt.datetime.now()
        with pytest.raises(DatabaseUnavailable) as info:
            open_database(f"postgresql+psycopg://team:geheim@127.0.0.1:{port}/jeugd")
        waited = dt.datetime.now() - started
    assert waited < dt.timedelta(seconds=20)
    assert "kan niet worden geopend" in str(info.value)
    assert "geheim" not in str(info.value)


def test_missing_driver_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    with pytest.raises(DatabaseUnavailable) as info:
        open_database("postgresql+psycopg://team:geheim@db.example/jeugd")
    assert "niet geïnstalleerd" in str(info.value)
    assert "jeugdtool[postgres]" in str(info.value)
    assert "geheim" not in str(info.value)
