"""Team mode and the outcome tables (issue 16): help deployed, closings with their goal outcomes
and the family's experience, and new starts are case data like any other — the case team reads
and writes them, nobody else sees or adds a row — and an organisation's product lists are
reference data that only the administrator changes. Checked in raw SQL as each login, the way
`psql` would try (store/team_sql.py has the rules), on the world of test_team_rls.py.

Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL); skipped without it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import dict_row

from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import ClientExperience
from jeugdtool.outcomes.models import ClosingGoalOutcome
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.outcomes.models import HelpProductList
from jeugdtool.outcomes.models import NewStart
from jeugdtool.store import team_sql
from jeugdtool.store.uow import UnitOfWork
from tests.core.test_team_rls import ACCESS
from tests.core.test_team_rls import METADATA
from tests.core.test_team_rls import World

#: The outcome tables that hold case data, parents before children.
OUTCOME_TABLES = (
    "help_items",
    "case_closings",
    "closing_goal_outcomes",
    "client_experiences",
    "new_starts",
)
PRODUCT_LISTS = "help_product_lists"
#: Logins that work on cases (the others see none: privacy officer, administrator, no person).
WORKERS = sorted(who for who, cases in ACCESS.items() if cases)
REASON = "Bewaartermijn verstreken, dossier afgesloten"


def _fill_outcomes(world: World) -> None:
    """In every case: a help item, a closing with a goal outcome and an experience, and a new
    start after that closing; one imported product list."""
    boss = UnitOfWork(world.owner, "beheer")
    with boss:
        for number, case_id in world.case_ids.items():
            boss.session.add(
                HelpItem(
                    household_id=case_id,
                    product_list="generic",
                    category="ambulant",
                    description=f"Gezinscoaching {number}",
                    starts_on=dt.date(2026, 1, 5),
                    decided_by="municipality",
                    serves=("zrm:finances",),
                )
            )
            closing = CaseClosing(household_id=case_id, closed_on=dt.date(2026, 3, 1))
            boss.session.add(closing)
            boss.session.flush()
            boss.session.add_all(
                [
                    ClosingGoalOutcome(
                        household_id=case_id,
                        closing_id=closing.id,
                        goal_lineage="a" * 32,
                        goal_text="De kinderen zijn veilig thuis",
                        outcome="mostly",
                    ),
                    ClientExperience(
                        household_id=case_id,
                        closing_id=closing.id,
                        respondent="Moeder",
                        heard=4,
                        helped=3,
                        knows_what_to_do=5,
                    ),
                    NewStart(
                        household_id=case_id,
                        started_on=dt.date(2026, 5, 1),
                        kind="reopened",
                        previous_closing_id=closing.id,
                    ),
                ]
            )
        boss.session.add(
            HelpProductList(
                list_id="regio-west", name="Regio West", list_version="2026", document="{}"
            )
        )
        boss.commit()


@pytest.fixture
def world(team_world: World) -> World:
    _fill_outcomes(team_world)
    return team_world


def _owner_rows(world: World, table: str) -> list[tuple[int, int]]:
    """(household_id, id) of every row, as the owner (not bound by the policies) sees them."""
    with world.owner_psql() as conn:
        query = sql.SQL("SELECT household_id, id FROM {} ORDER BY household_id, id").format(
            sql.Identifier(table)
        )
        return [tuple(r) for r in conn.execute(query).fetchall()]


def _own_row(world: World, table: str, case_ids: set[int]) -> dict[str, Any]:
    """One row of `table` in one of `case_ids`, as a dict, read as the owner."""
    with world.owner_psql() as conn:
        conn.row_factory = dict_row
        query = sql.SQL("SELECT * FROM {} WHERE household_id = ANY(%s) ORDER BY id LIMIT 1")
        row = conn.execute(query.format(sql.Identifier(table)), (sorted(case_ids),)).fetchone()
    assert row is not None, table
    return row


def _insert(conn: psycopg.Connection, table: str, row: dict[str, Any]) -> None:
    """Insert a copy of `row` (a new id; a goal outcome for another goal, as one goal has one
    outcome per closing)."""
    values = {k: v for k, v in row.items() if k != "id"}
    if table == "closing_goal_outcomes":
        values["goal_lineage"] = "b" * 32
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(sql.Placeholder() * len(values)),
    )
    conn.execute(query, list(values.values()))


# ---------------------------------------------------------------- the rules cover the tables


def test_the_outcome_tables_are_case_tables_and_the_product_lists_reference_data() -> None:
    cases = team_sql.case_tables(METADATA)
    assert set(OUTCOME_TABLES) <= set(cases)
    assert PRODUCT_LISTS not in cases
    assert PRODUCT_LISTS in team_sql.REFERENCE_TABLES


def test_every_case_has_rows_in_every_outcome_table(world: World) -> None:
    """Else "sees only their rows" would pass for a table that is simply empty."""
    for table in OUTCOME_TABLES:
        assert {h for h, _id in _owner_rows(world, table)} == set(world.case_ids.values()), table


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_each_login_reads_the_outcome_rows_of_their_cases_only(world: World, who: str) -> None:
    """A consultant their case team's cases, a reviewer and a team leader their team's, the
    privacy officer, the administrator and a login without a person none."""
    allowed = world.ids(ACCESS[who])
    with world.psql(who) as conn:
        for table in OUTCOME_TABLES:
            query = sql.SQL("SELECT household_id, id FROM {} ORDER BY household_id, id")
            seen = [tuple(r) for r in conn.execute(query.format(sql.Identifier(table)))]
            expected = [r for r in _owner_rows(world, table) if r[0] in allowed]
            assert seen == expected, table
            if allowed:
                assert seen, table


# ---------------------------------------------------------------- writing


@pytest.mark.parametrize("who", WORKERS)
def test_the_case_team_writes_outcome_rows_of_its_cases(world: World, who: str) -> None:
    mine = world.ids(ACCESS[who])
    before = {t: _owner_rows(world, t) for t in OUTCOME_TABLES}
    own = {t: len([r for r in rows if r[0] in mine]) for t, rows in before.items()}
    with world.psql(who, autocommit=False) as conn:
        for table in OUTCOME_TABLES:
            _insert(conn, table, _own_row(world, table, mine))
            changed = conn.execute(
                sql.SQL("UPDATE {} SET version = version + 1").format(sql.Identifier(table))
            )
            assert changed.rowcount == own[table] + 1, table
        # Removing the closings takes their goal outcomes and experiences along; the new starts
        # stay, without their link (previous_closing_id NULL).
        assert conn.execute("DELETE FROM case_closings").rowcount == own["case_closings"] + 1
        assert conn.execute("SELECT count(*) FROM client_experiences").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM closing_goal_outcomes").fetchone() == (0,)
        linked = conn.execute("SELECT count(*) FROM new_starts WHERE previous_closing_id > 0")
        assert linked.fetchone() == (0,)
        conn.commit()
    after = {t: _owner_rows(world, t) for t in OUTCOME_TABLES}
    for table in ("help_items", "new_starts"):
        assert len(after[table]) == len(before[table]) + 1, table
    for table in ("case_closings", "closing_goal_outcomes", "client_experiences"):
        # Only the login's own closings went: the other cases' rows are all there.
        assert after[table] == [r for r in before[table] if r[0] not in mine], table


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_no_login_adds_changes_or_removes_outcome_rows_of_other_cases(
    world: World, who: str
) -> None:
    forbidden = world.forbidden(who)
    before = {t: _owner_rows(world, t) for t in OUTCOME_TABLES}
    with world.psql(who) as conn:
        for table in OUTCOME_TABLES:
            row = _own_row(world, table, forbidden)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                _insert(conn, table, row)
            tab = sql.Identifier(table)
            where = sql.SQL(" WHERE household_id = ANY(%s)")
            update = sql.SQL("UPDATE {} SET version = version + 1").format(tab) + where
            delete = sql.SQL("DELETE FROM {}").format(tab) + where
            assert conn.execute(update, (sorted(forbidden),)).rowcount == 0, table
            assert conn.execute(delete, (sorted(forbidden),)).rowcount == 0, table
    assert {t: _owner_rows(world, t) for t in OUTCOME_TABLES} == before


@pytest.mark.parametrize("who", ["anna", "teun"])
def test_a_row_cannot_be_moved_into_a_case_outside_ones_access(world: World, who: str) -> None:
    mine = sorted(world.ids(ACCESS[who]))
    other = sorted(world.forbidden(who))[0]
    before = {t: _owner_rows(world, t) for t in OUTCOME_TABLES}
    with world.psql(who) as conn:
        for table in OUTCOME_TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(
                    sql.SQL("UPDATE {} SET household_id = %s WHERE household_id = %s").format(
                        sql.Identifier(table)
                    ),
                    (other, mine[0]),
                )
    assert {t: _owner_rows(world, t) for t in OUTCOME_TABLES} == before


# ---------------------------------------------------------------- product lists


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_everyone_reads_the_product_lists_only_the_administrator_changes_them(
    world: World, who: str
) -> None:
    insert = (
        "INSERT INTO help_product_lists (list_id, name, list_version, document, file_name, "
        "version, created_at, created_by, updated_at, updated_by) "
        "VALUES (%s, 'Eigen lijst', '1', '{}', '', 1, now(), '', now(), '')"
    )
    with world.psql(who) as conn:
        listed = conn.execute("SELECT list_id FROM help_product_lists").fetchall()
        assert listed == [("regio-west",)]
        if who == "ada":
            conn.execute(insert, ("ada-lijst",))
            changed = conn.execute("UPDATE help_product_lists SET name = 'Regio West 2'")
            assert changed.rowcount == 2
            assert conn.execute("DELETE FROM help_product_lists").rowcount == 2
            return
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(insert, (f"{who}-lijst",))
        assert conn.execute("UPDATE help_product_lists SET name = 'x'").rowcount == 0
        assert conn.execute("DELETE FROM help_product_lists").rowcount == 0
    with world.owner_psql() as conn:
        rows = conn.execute("SELECT list_id, name FROM help_product_lists").fetchall()
    assert rows == [("regio-west", "Regio West")]


# ---------------------------------------------------------------- destruction


def test_destroying_a_case_removes_its_outcome_rows_and_keeps_the_others(world: World) -> None:
    victim, other = world.case_ids["2026-0001"], world.case_ids["2026-0002"]
    with world.owner_psql() as conn:
        conn.execute(
            "UPDATE households SET status = 'closed', closed_on = '2026-03-01' WHERE id = %s",
            (victim,),
        )
        (closing,) = conn.execute(
            "SELECT id FROM case_closings WHERE household_id = %s", (victim,)
        ).fetchone()
        # A new case for the same child, in another case, after the victim's closing.
        conn.execute(
            "INSERT INTO new_starts (household_id, started_on, kind, previous_closing_id, "
            "confirmed_by, version, created_at, created_by, updated_at, updated_by) VALUES "
            "(%s, '2026-06-01', 'new_case', %s, 'Anna', 1, now(), '', now(), '')",
            (other, closing),
        )
    before = {t: _owner_rows(world, t) for t in OUTCOME_TABLES}
    with world.psql("anna") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM jt_destroy_case('2026-0001', %s, 'retention')", (REASON,))
    with world.psql("pim") as conn:
        parts = dict(
            conn.execute(
                "SELECT * FROM jt_destroy_case('2026-0001', %s, 'retention')", (REASON,)
            ).fetchall()
        )
    for table in OUTCOME_TABLES:  # counted in the report, and gone
        assert parts[table] == len([r for r in before[table] if r[0] == victim]), table
        assert _owner_rows(world, table) == [r for r in before[table] if r[0] != victim], table
    with world.owner_psql() as conn:
        kept = conn.execute(
            "SELECT previous_closing_id FROM new_starts WHERE household_id = %s AND kind = "
            "'new_case'",
            (other,),
        ).fetchall()
    assert kept == [(None,)]  # the other case's new start stays, without the destroyed link


# ---------------------------------------------------------------- new starts after a closing


@pytest.mark.parametrize("who", WORKERS)
def test_a_new_start_in_a_case_one_cannot_read_is_read_by_whoever_reads_its_closing(
    world: World, who: str
) -> None:
    """ "Did help start again after our closing?" — the indicators ask it of cases whose child
    came back in another team: the earlier case's team reads that new start (not change it),
    while the new case itself stays out of their sight."""
    mine, elsewhere = min(world.ids(ACCESS[who])), min(world.forbidden(who))
    with world.owner_psql() as conn:
        (closing,) = conn.execute(
            "SELECT id FROM case_closings WHERE household_id = %s", (mine,)
        ).fetchone()
        (start,) = conn.execute(
            "INSERT INTO new_starts (household_id, started_on, kind, previous_closing_id, "
            "confirmed_by, version, created_at, created_by, updated_at, updated_by) VALUES "
            "(%s, '2026-06-01', 'new_case', %s, 'Collega', 1, now(), '', now(), '') "
            "RETURNING id",
            (elsewhere, closing),
        ).fetchone()
    with world.psql(who) as conn:
        # The day only, through jt_new_starts_after_mine (test_outcomes_privacy.py): the row
        # itself (the new case, the child, who confirmed it) stays with that case's team.
        query = "SELECT started_on FROM jt_new_starts_after_mine() WHERE closing_id = %s"
        assert (dt.date(2026, 6, 1),) in conn.execute(query, (closing,)).fetchall()
        assert conn.execute("SELECT 1 FROM new_starts WHERE id = %s", (start,)).fetchall() == []
        assert conn.execute("SELECT 1 FROM households WHERE id = %s", (elsewhere,)).fetchall() == []
        changed = conn.execute("UPDATE new_starts SET confirmed_by = 'x' WHERE id = %s", (start,))
        assert changed.rowcount == 0
        assert conn.execute("DELETE FROM new_starts WHERE id = %s", (start,)).rowcount == 0
    for other in sorted(ACCESS):
        if mine not in world.ids(ACCESS[other]) and elsewhere not in world.ids(ACCESS[other]):
            with world.psql(other) as conn:
                query = "SELECT 1 FROM new_starts WHERE id = %s"
                assert conn.execute(query, (start,)).fetchall() == [], other
