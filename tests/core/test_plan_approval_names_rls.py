"""Team mode: the names shown with a submission for review and its decision are the logins'
own, whatever a client sends in raw SQL (the ids are held by the policies; the names are what
people read on screen and in the PDFs). Needs the PostgreSQL test server
(JEUGDTOOL_TEST_PG_URL); skipped without it."""

from __future__ import annotations

import pytest

from tests.core.test_plan_approval_rls import _submit
from tests.core.test_team_rls import World


@pytest.fixture
def world(team_world: World) -> World:
    return team_world


def _names(world: World, approval: int) -> tuple[str, str]:
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT submitted_by, decided_by FROM plan_approvals WHERE id = %s", (approval,)
        ).fetchone()
    assert row is not None
    return (row[0], row[1])


def _name_of(world: World, who: str) -> str:
    with world.owner_psql() as conn:
        row = conn.execute(
            "SELECT name FROM consultants WHERE id = %s", (world.person_ids[who],)
        ).fetchone()
    assert row is not None
    return str(row[0])


def test_nobody_signs_a_submission_or_a_decision_with_anothers_name(world: World) -> None:
    approval = _submit(world, "bert")  # the raw insert sends the name "Iemand"
    assert _names(world, approval) == (_name_of(world, "bert"), "")
    with world.psql("rita") as conn:
        changed = conn.execute(
            "UPDATE plan_approvals SET state = 'approved', decided_on = '2026-12-03', "
            "decided_by_id = %s, decided_by = %s WHERE id = %s",
            (world.person_ids["rita"], _name_of(world, "teun"), approval),
        ).rowcount
    assert changed == 1
    assert _names(world, approval) == (_name_of(world, "bert"), _name_of(world, "rita"))
    with world.psql("rita") as conn:  # taking the decision back clears the name
        conn.execute(
            "UPDATE plan_approvals SET state = 'submitted', decided_on = NULL, "
            "decided_by_id = NULL, decided_by = '' WHERE id = %s",
            (approval,),
        )
    assert _names(world, approval) == (_name_of(world, "bert"), "")
