"""Which cases the case list starts with, for whom (a pure rule)."""

from __future__ import annotations

import datetime as dt

from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.queries import CaseScope
from jeugdtool.cases.queries import first_scope
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus


def _case(number: str, manager: int | None, coworkers: frozenset[int] = frozenset()) -> CaseSummary:
    return CaseSummary(
        id=int(number[-1]),
        case_number=number,
        name="Gezin",
        case_manager="",
        status=CaseStatus.OPEN,
        mode=CaseMode.SAFETY,
        last_change_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        search_key="",
        case_manager_id=manager,
        team_id=1,
        coworker_ids=coworkers,
    )


CASES = [_case("2026-0001", 7), _case("2026-0002", 8, frozenset({9}))]


def test_a_consultant_starts_with_their_own_cases() -> None:
    assert first_scope(CASES, 7, oversees=False) is CaseScope.MINE
    assert first_scope(CASES, 9, oversees=False) is CaseScope.MINE  # a co-worker's too


def test_a_team_leader_without_own_cases_starts_with_the_team() -> None:
    assert first_scope(CASES, 42, oversees=True) is CaseScope.TEAM


def test_a_team_leader_who_manages_cases_starts_with_their_own() -> None:
    assert first_scope(CASES, 8, oversees=True) is CaseScope.MINE


def test_a_consultant_without_cases_still_starts_with_their_own() -> None:
    """Not their team's: a consultant sees only their own cases anyway."""
    assert first_scope(CASES, 42, oversees=False) is CaseScope.MINE
