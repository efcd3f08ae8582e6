"""Team mode and the case list's database search (issue 20): every login finds, counts and pages
only the cases it may see, whatever it types — through the service and in raw SQL as its own
login — and the server searches with the trigram index. The world of test_team_rls.py.

Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL); skipped without it.
"""

from __future__ import annotations

import pytest

from jeugdtool.cases.case_search import CaseQuery
from jeugdtool.cases.case_search import count_cases
from jeugdtool.cases.case_search import search_cases
from jeugdtool.cases.queries import CaseScope
from jeugdtool.cases.search import search_key
from tests.core.test_team_rls import ACCESS
from tests.core.test_team_rls import CASES
from tests.core.test_team_rls import COWORKERS
from tests.core.test_team_rls import World


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_each_login_finds_and_counts_only_its_cases(team_world: World, who: str) -> None:
    uow = team_world.uow(who)
    allowed = ACCESS[who]
    for text in ("", "gezin", "2026", "e"):
        query = CaseQuery(text=text, statuses=None)
        found = [c.case_number for c in search_cases(uow, query, limit=2)]
        found += [c.case_number for c in search_cases(uow, query, offset=2)]
        assert set(found) <= allowed and len(found) == len(set(found))
        assert count_cases(uow, query).total == len(allowed)
        assert count_cases(uow, query).matching == len(found)
    assert {c.case_number for c in search_cases(uow, CaseQuery(statuses=None))} == allowed


@pytest.mark.parametrize("who", ["anna", "bert", "carla"])
def test_my_cases_are_those_managed_or_worked_on(team_world: World, who: str) -> None:
    mine = {n for n, (_, manager) in CASES.items() if manager == who}
    mine |= {n for n, coworker in COWORKERS.items() if coworker == who}
    query = CaseQuery(statuses=None, scope=CaseScope.MINE, person_id=team_world.person_ids[who])
    assert {c.case_number for c in search_cases(team_world.uow(who), query)} == mine


@pytest.mark.parametrize("who", sorted(ACCESS))
def test_raw_sql_as_the_login_reads_the_keys_of_its_cases_only(team_world: World, who: str) -> None:
    with team_world.psql(who) as conn:
        rows = conn.execute(
            "SELECT case_number FROM households WHERE search_key LIKE %s", ("%gezin%",)
        ).fetchall()
    assert {r[0] for r in rows} == ACCESS[who]


def test_the_keys_are_filled_and_the_search_key_has_a_trigram_index(team_world: World) -> None:
    with team_world.owner_psql() as conn:
        heads = conn.execute("SELECT id, case_number, name, search_key FROM households").fetchall()
        members = conn.execute(
            "SELECT household_id, first_name, last_name FROM persons"
            " ORDER BY household_id, position, id"
        ).fetchall()
        index = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_households_search_key'"
        ).fetchone()[0]
    names: dict[int, list[str]] = {}
    for hid, first, last in members:
        names.setdefault(hid, []).append(f"{first} {last}")
    assert heads and all(
        key == search_key(number, name, names.get(hid, [])) for hid, number, name, key in heads
    )
    assert "gin_trgm_ops" in index


def test_a_login_is_narrowed_by_index_and_the_owner_sees_every_case(team_world: World) -> None:
    """The list names the login's cases once more (`jt_case_ids()`, read by the primary key)
    only where the policies bind: every client login; never the owner, whom they do not bind
    and who must go on seeing every case."""
    from jeugdtool.cases.case_search import _bound_by_policies
    from jeugdtool.store.uow import UnitOfWork

    owner = UnitOfWork(team_world.owner, "owner")
    with owner:
        assert not _bound_by_policies(owner)
    everything = {c.case_number for c in search_cases(owner, CaseQuery(statuses=None))}
    assert everything == set(CASES)
    assert count_cases(owner, CaseQuery(text="gezin", statuses=None)).total == len(CASES)
    for who in sorted(ACCESS):
        uow = team_world.uow(who)
        with uow:
            assert _bound_by_policies(uow), who
        with team_world.psql(who) as conn:  # the policies alone, in SQL: the same cases
            seen = {r[0] for r in conn.execute("SELECT case_number FROM households")}
        found = {c.case_number for c in search_cases(uow, CaseQuery(statuses=None))}
        assert found == seen == ACCESS[who]
