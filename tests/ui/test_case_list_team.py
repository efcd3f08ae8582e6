"""The case list in team mode (issue 20): the paged model, asked as each person's own login
under the database's access policies, pages, searches and counts only the cases that person
may see; "my cases" are those they manage or work on; the main window's look-ups of one case
(`case_summary`, `visible_cases`) answer the same. The world of test_team_rls.py.

Needs the PostgreSQL test server (JEUGDTOOL_TEST_PG_URL); skipped without it.
"""

from __future__ import annotations

import pytest

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt

from jeugdtool.cases.case_search import case_summary
from jeugdtool.cases.case_search import visible_cases
from jeugdtool.cases.queries import CaseScope
from tests.core.test_team_rls import ACCESS
from tests.core.test_team_rls import CASES
from tests.core.test_team_rls import COWORKERS
from tests.core.test_team_rls import World

from jeugdtool.ui.case_list_model import NAME
from jeugdtool.ui.case_list_model import PagedCaseListModel


def _numbers(model: PagedCaseListModel) -> list[str]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.case_at(r).case_number for r in range(model.rowCount())]


@pytest.mark.parametrize("who", ["anna", "bert", "carla", "teun", "pim"])
def test_the_list_pages_and_searches_as_the_persons_own_login(team_world: World, who: str):
    allowed = ACCESS[who]
    model = PagedCaseListModel(team_world.uow(who), page=1)
    model.set_filter("", None)
    assert model.rowCount() == min(1, len(allowed))  # one page, not every case
    listed = _numbers(model)
    assert listed == sorted(allowed)  # by case number, each once, none of another's
    assert model.total == model.matching == len(allowed)
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter("2026-000", None)
    assert sorted(_numbers(model)) == sorted(allowed)
    model.set_filter("gezin 2026-0003", None)
    assert _numbers(model) == sorted(allowed & {"2026-0003"})
    assert (model.matching, model.total) == (len(allowed & {"2026-0003"}), len(allowed))


@pytest.mark.parametrize("who", ["anna", "bert", "carla"])
def test_my_cases_in_the_list_are_those_i_manage_or_work_on(team_world: World, who: str):
    mine = {n for n, (_team, manager) in CASES.items() if manager == who}
    mine |= {n for n, coworker in COWORKERS.items() if coworker == who}
    model = PagedCaseListModel(team_world.uow(who), page=1)
    model.ask(statuses=None, scope=CaseScope.MINE, person_id=team_world.person_ids[who])
    assert _numbers(model) == sorted(mine)
    assert (model.matching, model.total) == (len(mine), len(ACCESS[who]))


@pytest.mark.parametrize("who", ["anna", "carla", "pim"])
def test_one_case_is_there_only_for_who_may_see_it(team_world: World, who: str):
    uow = team_world.uow(who)
    every = set(team_world.case_ids.values())
    assert visible_cases(uow, every) == team_world.ids(ACCESS[who])
    for number, case_id in team_world.case_ids.items():
        found = case_summary(uow, case_id)
        if number in ACCESS[who]:
            assert found is not None and found.case_number == number
        else:
            assert found is None
