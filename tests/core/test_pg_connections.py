"""A team database's pooled connections: no round trip to check them on every use, and still
replaced unnoticed when the server ended them while they rested (store/engine.py,
`watch_connections`)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from jeugdtool import team_admin
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.store import engine as store_engine
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import open_database
from jeugdtool.store.uow import UnitOfWork


@pytest.fixture
def team_db(pg_url: str) -> Iterator[Database]:
    team_admin.init(pg_url)
    database = open_database(pg_url)
    yield database
    database.close()


@pytest.fixture
def pings(team_db: Database, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every ping the pool sends (one item per ping)."""
    sent: list[int] = []
    dialect = team_db.engine.dialect
    real = dialect.do_ping

    def counting(dbapi_conn: object) -> bool:
        sent.append(1)
        return real(dbapi_conn)

    monkeypatch.setattr(dialect, "do_ping", counting)
    return sent


def _backends(pg_admin, database: Database) -> list[int]:
    """The server processes of `database`'s connections (as its administrator sees them)."""
    with pg_admin.connect() as conn:
        return list(
            conn.scalars(
                text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = :db "
                    "AND pid <> pg_backend_pid()"
                ),
                {"db": database.engine.url.database},
            )
        )


def _end_sessions(pg_admin, database: Database) -> None:
    """An administrator ends every session of `database` (as a server restart would); back
    once the server has closed them."""
    pids = _backends(pg_admin, database)
    assert pids, "the program holds a pooled connection"
    with pg_admin.connect() as conn:
        for pid in pids:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    for _ in range(500):  # the server closes them at once; this only waits for that
        if not set(pids) & set(_backends(pg_admin, database)):
            return
        time.sleep(0.01)
    pytest.fail("the server did not end the sessions")


def test_a_connection_used_again_soon_is_not_pinged(team_db: Database, pings: list[int]) -> None:
    uow = UnitOfWork(team_db, "A. de Boer")
    case = households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value
    for i in range(5):
        households.update_case(uow, case.id, {"name": f"Gezin Jansen {i}"})
        assert queries.get_household(uow, case.id).name == f"Gezin Jansen {i}"
    assert pings == []


def test_a_connection_that_rested_long_is_pinged_first(
    team_db: Database, pings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    uow = UnitOfWork(team_db, "A. de Boer")
    case = households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value
    monkeypatch.setattr(store_engine, "PING_AFTER_IDLE_S", -1.0)  # every rest counts as long
    households.update_case(uow, case.id, {"name": "Gezin de Vries"})
    assert pings
    assert queries.get_household(uow, case.id).name == "Gezin de Vries"


def test_a_connection_the_server_ended_while_resting_is_replaced_unnoticed(
    team_db: Database, pings: list[int], pg_admin
) -> None:
    uow = UnitOfWork(team_db, "A. de Boer")
    case = households.create_case(uow, name="Gezin Jansen", case_number="2026-0012").value
    _end_sessions(pg_admin, team_db)
    # Used again within a moment: no ConnectionLost, the change is saved.
    households.update_case(uow, case.id, {"name": "Gezin de Vries"})
    assert pings, "the server's goodbye on the socket made the pool check the connection"
    assert queries.get_household(uow, case.id).name == "Gezin de Vries"
