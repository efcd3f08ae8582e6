"""Team mode: the review queue (toetsing) and the list of late reviews show a reviewer or team
leader only the cases of their own teams — the database's policies decide, the services add
nothing of their own. The world is test_team_rls.py's: 2026-0001 is Anna's (team A),
2026-0005 Carla's (team B, Bert co-works on it); Rita (reviewer) and Teun (team leader) are in
team A only. Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL); skipped without it."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.framework import plan_approval
from tests.core.test_team_rls import World

TODAY = dt.date(2026, 12, 7)
LONG_AGO = dt.date(2026, 9, 1)


@pytest.fixture
def world(team_world: World) -> World:
    return team_world


def _add(world: World, case: str, *, state: str) -> None:
    """As the owner (past every policy): a submission in `case`, long due; or an approval whose
    re-review date has long passed."""
    case_id = world.case_ids[case]
    with world.owner_psql() as conn:
        (version,) = conn.execute(
            "SELECT max(id) FROM plan_versions WHERE household_id = %s", (case_id,)
        ).fetchone()
        assert version is not None, case
        decided = state == "approved"
        conn.execute(
            "INSERT INTO plan_approvals (household_id, plan_version_id, state, submitted_on, "
            "submitted_by, reviewer, due_on, note, decided_on, decided_by, decision_note, "
            "re_review_on, version, created_at, created_by, updated_at, updated_by) VALUES "
            "(%s, %s, %s, %s, 'Iemand', '', %s, '', %s, %s, '', %s, 1, now(), '', now(), '')",
            (
                case_id,
                version,
                state,
                LONG_AGO,
                LONG_AGO + dt.timedelta(days=7),
                LONG_AGO + dt.timedelta(days=3) if decided else None,
                "Toetser" if decided else "",
                LONG_AGO + dt.timedelta(days=30) if decided else None,
            ),
        )


def _cases(items: list[plan_approval.QueueItem]) -> set[str]:
    return {item.case_number for item in items}


def test_the_queue_and_the_late_list_show_only_the_own_teams_cases(world: World) -> None:
    _add(world, "2026-0001", state="submitted")  # team A (Anna's), long due
    _add(world, "2026-0005", state="submitted")  # team B (Carla's, Bert co-works), long due
    for who in ("rita", "teun"):  # team A's reviewer and team leader
        uow = world.uow(who)
        assert _cases(plan_approval.review_queue(uow, today=TODAY)) == {"2026-0001"}, who
        assert _cases(plan_approval.overdue_reviews(uow, today=TODAY)) == {"2026-0001"}, who
    # Carla (team B) sees her own case only; Bert (team A) the team B case he co-works on,
    # not his team's case he is not on.
    for who, seen in (("carla", {"2026-0005"}), ("bert", {"2026-0005"})):
        uow = world.uow(who)
        assert _cases(plan_approval.review_queue(uow, today=TODAY)) == seen, who
        assert _cases(plan_approval.overdue_reviews(uow, today=TODAY)) == seen, who
