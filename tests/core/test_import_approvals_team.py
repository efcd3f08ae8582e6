"""Importing a case file into a team database leaves the plan approvals out (nobody may record
a submission or a decision in someone else's name) and tells the importer how many and why;
a single-user import keeps them and says nothing about them."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select

from jeugdtool import resources
from jeugdtool.export.casefile import add_checked_case
from jeugdtool.export.casefile import check_case
from jeugdtool.export.casefile import left_out_notes_message
from jeugdtool.export.casefile import read_case_file
from jeugdtool.framework.plan_models import PlanApproval
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.i18n import ngettext
from jeugdtool.store.uow import UnitOfWork

JANSEN = resources.path("demo", "01-jansen.json")  # three approvals over its plan versions


def _approvals_in(doc: dict[str, Any]) -> int:
    return sum(len(version["approvals"]) for version in doc["plans"])


def _approvals_message(n: int) -> str:
    text = ngettext(
        "{n} plan approval (a submission for review, with the reviewer's decision and "
        "comments) was not imported: in a team database nobody can record a submission or a "
        "decision in someone else's name. The plan versions themselves were imported. If the "
        "plan needs approval here, submit it for review again.",
        "{n} plan approvals (submissions for review, with the reviewers' decisions and "
        "comments) were not imported: in a team database nobody can record a submission or a "
        "decision in someone else's name. The plan versions themselves were imported. If the "
        "plan needs approval here, submit it for review again.",
        n,
    )
    return text.format(n=n)


def test_single_user_keeps_the_approvals_and_says_nothing_of_them(uow: UnitOfWork) -> None:
    doc = read_case_file(JANSEN)
    checked = check_case(uow, doc)
    assert checked.approvals_left_out == 0
    assert _approvals_message(_approvals_in(doc)) not in left_out_notes_message(checked)
    case = add_checked_case(uow, checked, as_new=True).value
    with uow:
        query = select(func.count()).select_from(PlanApproval)
        stored = uow.session.scalar(query.where(PlanApproval.household_id == case.id))
    assert stored == _approvals_in(doc) > 0


@pytest.fixture
def world(team_world: Any) -> Any:
    return team_world


def test_team_mode_leaves_the_approvals_out_and_tells_how_many_and_why(world: Any) -> None:
    from tests.core.test_team_rls import A

    doc = read_case_file(JANSEN)
    count = _approvals_in(doc)
    assert count == 3
    bert = world.uow("bert")
    checked = check_case(bert, doc)
    assert checked.approvals_left_out == count
    message = left_out_notes_message(checked)
    assert _approvals_message(count) in message
    assert "M. Kaya" not in _approvals_message(count)  # nobody's name in this part
    case = add_checked_case(
        bert, checked, as_new=True, assign_to=(world.team_ids[A], world.person_ids["bert"])
    ).value
    with world.owner_psql() as conn:  # what is really stored, past every policy
        (approvals,) = conn.execute(
            "SELECT count(*) FROM plan_approvals WHERE household_id = %s", (case.id,)
        ).fetchone()
        (versions,) = conn.execute(
            "SELECT count(*) FROM plan_versions WHERE household_id = %s", (case.id,)
        ).fetchone()
    assert approvals == 0
    assert versions == len(doc["plans"])
    with bert:
        assert bert.session.scalar(
            select(func.count()).select_from(PlanVersion).where(PlanVersion.household_id == case.id)
        ) == len(doc["plans"])
