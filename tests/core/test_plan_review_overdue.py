"""One rule decides whether a plan's review is overdue (`plan_rules.review_overdue`): the case
list's alert (`plan_reviews`) and the plan PDF's warning (`plan_front.past_review`) both call it,
so they cannot disagree."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdtool.export.pdf.plan_front import past_review
from jeugdtool.framework import plan_rules
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import PlanStatus

TODAY = dt.date(2026, 12, 7)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("due", "last", "overdue"),
    [
        (None, None, False),  # no review date
        (TODAY, None, False),  # due today: not yet past
        (TODAY + DAY, None, False),
        (TODAY - DAY, None, True),  # past, never reviewed
        (TODAY - 10 * DAY, TODAY - 11 * DAY, True),  # the last review was before the date
        (TODAY - 10 * DAY, TODAY - 10 * DAY, False),  # reviewed on the day
        (TODAY - 10 * DAY, TODAY - 2 * DAY, False),  # reviewed since
    ],
)
def test_the_rule(due, last, overdue) -> None:
    assert plan_rules.review_overdue(due, last, TODAY) is overdue
    assert plan_rules.review_date_passed(due, TODAY) is (due is not None and due < TODAY)


def _plan(due: dt.date | None) -> PlanVersionDTO:
    return PlanVersionDTO(1, 1, 1, PlanStatus.FINAL, None, None, TODAY, "A", None, "", "", due, "")


@pytest.mark.parametrize("last", [None, TODAY - 11 * DAY, TODAY - 10 * DAY, TODAY - DAY])
def test_the_pdf_says_what_the_rule_says(last) -> None:
    due = TODAY - 10 * DAY
    past = past_review(_plan(due), last, TODAY)
    assert past is not None and past.due == due
    assert (past.held_on is None) is plan_rules.review_overdue(due, last, TODAY)


def test_the_case_list_calls_the_rule(monkeypatch, uow, demo_households) -> None:
    """The alert is the rule's answer: a rule that says "never" silences it."""
    from jeugdtool.framework import plan_reviews

    later = dt.date(2030, 1, 1)  # every demo plan's review date has passed by then
    with uow:
        before = plan_reviews._alerts(uow, later)
    assert any(found.review_overdue for found in before.values())
    monkeypatch.setattr(plan_rules, "review_overdue", lambda *_args: False)
    with uow:
        after = plan_reviews._alerts(uow, later)
    assert not any(found.review_overdue for found in after.values())
