"""What a ZRM focus domain may be linked to (the newest moment's safety goals, the newest plan
version's agreements) is read in one statement, with the same answer as reading the newest
moment and version first."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from statements import statements_sent

from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plans import newest_version_id
from jeugdtool.framework.vocab import StatementType
from jeugdtool.zrm import reading

pytestmark = pytest.mark.both_backends


def _step_by_step(uow, case_id: int) -> tuple[list, list]:
    """The answer as read before: the newest moment and version first, then their rows."""
    with uow:
        moment_id = latest_moment_id(uow, case_id)
        goals = [
            tuple(r)
            for r in uow.session.execute(
                select(Statement.lineage, Statement.text)
                .where(
                    Statement.moment_id == moment_id,
                    Statement.type == StatementType.SAFETY_GOAL.value,
                )
                .order_by(Statement.position, Statement.id)
            )
        ]
        version_id = newest_version_id(uow, case_id)
        agreements = [
            tuple(r)
            for r in uow.session.execute(
                select(Agreement.lineage, Agreement.position, Agreement.what)
                .where(Agreement.plan_version_id == version_id)
                .order_by(Agreement.position, Agreement.id)
            )
        ]
    return goals, agreements


def test_one_statement_gives_what_the_steps_gave(uow, demo_households) -> None:
    seen_goals = seen_agreements = 0
    for household in demo_households:
        with statements_sent(uow, "SELECT") as sent:
            goals, agreements = reading.plan_link_targets(uow, household.id)
        assert len(sent) == 1
        assert (goals, agreements) == _step_by_step(uow, household.id)
        seen_goals += len(goals)
        seen_agreements += len(agreements)
    assert seen_goals and seen_agreements  # the demo has both, so both parts were compared


def test_a_case_without_a_map_or_plan_has_no_targets(uow, case) -> None:
    assert reading.plan_link_targets(uow, case.id) == ([], [])
