"""The case overview's plan status line and alerts panel read their plan once
(`caseload.case_plan`): the same as `case_columns` and `case_alerts` read apart, in fewer
queries."""

from __future__ import annotations

import datetime as dt

from jeugdtool.cases import queries
from jeugdtool.framework import plan_reviews
from jeugdtool.meetings import caseload
from tests.statements import statements_sent


def _statements(uow, read, *args) -> int:
    with statements_sent(uow) as counted:
        read(*args)
    return len(counted)


def test_the_case_plan_equals_its_columns_and_alerts_read_apart(uow, demo_households) -> None:
    ids = sorted(c.id for c in queries.list_case_summaries(uow))
    alerted = 0
    for day in (dt.date(2026, 1, 1), dt.date.today(), dt.date(2030, 6, 1)):
        for case_id in (*ids, max(ids) + 1):
            columns, alerts = caseload.case_plan(uow, case_id, day)
            assert columns == caseload.case_columns(uow, case_id, day), (case_id, day)
            assert alerts == plan_reviews.case_alerts(uow, case_id, day), (case_id, day)
            alerted += bool(alerts)
    assert alerted  # the demo has a case whose plan needs attention on some day


def test_the_case_plan_asks_fewer_queries_than_two_reads(uow, demo_households) -> None:
    day = dt.date(2030, 6, 1)  # every demo plan's review has passed: the most to look up
    for case_id in sorted(c.id for c in queries.list_case_summaries(uow)):
        apart = _statements(uow, caseload.case_columns, uow, case_id, day)
        apart += _statements(uow, plan_reviews.case_alerts, uow, case_id, day)
        together = _statements(uow, caseload.case_plan, uow, case_id, day)
        assert together < apart, case_id
