"""The case's status alone (`households.case_status`), read by the screens that follow the
household only for whether the case is open."""

from __future__ import annotations

from jeugdtool.cases import households
from jeugdtool.cases.vocab import CaseStatus


def test_the_status_follows_closing_and_reopening(uow, case) -> None:
    assert households.case_status(uow, case.id) is CaseStatus.OPEN
    households.update_case(uow, case.id, {"name": "Gezin de Vries"})
    assert households.case_status(uow, case.id) is CaseStatus.OPEN
    households.close_case(uow, case.id, "Hulp afgerond")
    assert households.case_status(uow, case.id) is CaseStatus.CLOSED
    households.reopen_case(uow, case.id)
    assert households.case_status(uow, case.id) is CaseStatus.OPEN


def test_a_case_that_is_gone_has_no_status(uow, case) -> None:
    assert households.case_status(uow, case.id + 1000) is None
