"""The case list's paged model (issue 20): pages fetched as the view scrolls, the same cases in
the same order as the in-memory filter (`search.filter_cases`, the list's sort as it was in
memory) on the demo households, for every filter, status choice and column (a plan column with
its plan columns loaded); the selected case kept across sorting, a case not loaded yet found by
fetching up to it."""

from __future__ import annotations

import itertools

import pytest

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QModelRoleData
from PySide6.QtCore import QModelRoleDataSpan
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTableView

from jeugdtool.cases import queries
from jeugdtool.cases.search import filter_cases
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.export.demo import load_demo
from jeugdtool.folding import fold
from jeugdtool.meetings import caseload

from jeugdtool.ui import case_list_model
from jeugdtool.ui.case_list_model import CHANGED
from jeugdtool.ui.case_list_model import MANAGER
from jeugdtool.ui.case_list_model import NAME
from jeugdtool.ui.case_list_model import NUMBER
from jeugdtool.ui.case_list_model import PLAN
from jeugdtool.ui.case_list_model import STATUS
from jeugdtool.ui.case_list_model import PagedCaseListModel

STATUSES = (None, frozenset({CaseStatus.OPEN}), frozenset({CaseStatus.CLOSED}))


@pytest.fixture
def demo(uow):
    load_demo(uow)
    return uow


def _fetch_all(model: PagedCaseListModel) -> list[int]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.case_at(r).id for r in range(model.rowCount())]


def test_the_paged_model_passes_the_qt_model_tester(qtmodeltester, demo) -> None:
    model = PagedCaseListModel(demo, page=2)
    model.set_filter("", None)
    # The Python tester: it knows that fetchMore inserts rows. Once, and it stays attached:
    # every change below is checked as it is signalled.
    qtmodeltester.check(model, force_py=True)
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.fetchMore(QModelIndex())
    model.sort(PLAN, Qt.SortOrder.AscendingOrder)
    model.set_filter("gezin", frozenset({CaseStatus.OPEN}))
    model.sort(NUMBER, Qt.SortOrder.AscendingOrder)
    model.set_filter("", None)
    assert model.row_of(_fetch_all(model)[-1]) == model.rowCount() - 1


def test_pages_come_as_the_list_scrolls(demo) -> None:
    model = PagedCaseListModel(demo, page=2)
    model.set_filter("", None)
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    assert model.total == model.matching == len(queries.list_case_summaries(demo)) >= 6
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4
    _fetch_all(model)
    assert model.rowCount() == model.matching and not model.canFetchMore(QModelIndex())


def _in_memory(cases, text, statuses, column, order, plans) -> list[int]:
    """The list as it was sorted and filtered in memory: the specification."""
    keys = {
        NUMBER: lambda c: c.case_number,
        NAME: lambda c: fold(c.name),
        MANAGER: lambda c: fold(c.case_manager),
        STATUS: lambda c: list(CaseStatus).index(c.status),
        CHANGED: lambda c: c.last_change_at,
        PLAN: lambda c: plans[c.id].plan.order if c.id in plans else -1,
    }
    rows = sorted(cases, key=lambda c: c.case_number)
    rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
    return [c.id for c in filter_cases(rows, text, statuses)]


def test_the_same_rows_as_the_in_memory_filter(demo) -> None:
    cases = queries.list_case_summaries(demo)
    plans = caseload.list_columns(demo)
    assert {p.plan.order for p in plans.values()} - {0}  # some plan state to sort by
    paged = PagedCaseListModel(demo, page=2)
    paged.plan_loader = lambda ids: caseload.list_columns(demo, case_ids=ids)
    texts = ("", "gezin", "oz", "ÖZTÜRK", "jansen noa", "2026-000", "zzz")
    columns = (NUMBER, NAME, MANAGER, STATUS, CHANGED, PLAN)
    for column, order in itertools.product(columns, Qt.SortOrder):
        paged.sort(column, order)
        for text, statuses in itertools.product(texts, STATUSES):
            paged.set_filter(text, statuses)
            want = _in_memory(cases, text, statuses, column, order, plans)
            assert _fetch_all(paged) == want, (column, order, text, statuses)
            assert paged.matching == len(want) and paged.total == len(cases)


def test_sorting_keeps_the_selected_case_selected(qtbot, demo) -> None:
    model = PagedCaseListModel(demo, page=3)
    model.set_filter("", None)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    chosen = model.case_at(1).id
    view.selectRow(1)
    model.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    row = view.currentIndex().row()
    assert row == model.row_of(chosen) and model.case_at(row).id == chosen


def test_a_case_not_loaded_yet_is_found_by_fetching_up_to_it(demo) -> None:
    model = PagedCaseListModel(demo, page=2)
    model.set_filter("", None)
    last = queries.list_case_summaries(demo)[-1]
    assert model.summary(last.id) is None
    row = model.row_of(last.id)
    assert row is not None and model.case_at(row).id == last.id
    model.set_filter("", frozenset({CaseStatus.ARCHIVED}))
    other = next(c for c in queries.list_case_summaries(demo) if c.status is CaseStatus.OPEN)
    assert model.row_of(other.id) is None


def test_row_of_follows_fetching_and_sorting(demo) -> None:
    model = PagedCaseListModel(demo, page=2)
    model.set_filter("", None)
    first = [model.case_at(r).id for r in range(model.rowCount())]
    assert [model.row_of(i) for i in first] == [0, 1]
    model.fetchMore(QModelIndex())  # rows 2 and 3 come: their places are known at once
    ids = [model.case_at(r).id for r in range(model.rowCount())]
    assert [model.loaded_row(i) for i in ids] == [0, 1, 2, 3]
    descending, ascending = Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder
    for column, order in ((NAME, descending), (PLAN, ascending)):
        model.sort(column, order)
        ids = [model.case_at(r).id for r in range(model.rowCount())]
        assert [model.row_of(i) for i in ids] == list(range(len(ids))), column
        assert all(model.summary(i).id == i for i in ids)


def test_a_case_that_does_not_match_costs_no_query_once_every_match_is_loaded(
    demo, monkeypatch
) -> None:
    from jeugdtool.ui import case_list_model

    model = PagedCaseListModel(demo)
    model.set_filter("", frozenset({CaseStatus.OPEN}))
    assert model.rowCount() == model.matching  # one page holds them all
    cases = queries.list_case_summaries(demo)
    elsewhere = next(c for c in cases if c.status is not CaseStatus.OPEN)

    def numbering(*_args):
        raise AssertionError("every match is loaded: nothing to look up")

    monkeypatch.setattr(case_list_model, "case_position", numbering)
    assert model.row_of(elsewhere.id) is None


def test_the_cells_read_again_after_the_plan_columns_change(demo) -> None:
    model = PagedCaseListModel(demo)
    model.set_filter("", None)
    case_id = model.case_at(0).id
    assert model.index(0, PLAN).data() == ""  # not loaded yet
    model.update_plan_columns({}, [case_id])
    assert model.index(0, PLAN).data() != ""  # "No plan": painted again, not kept
    model.forget_plan_columns([case_id])
    assert model.index(0, PLAN).data() == ""


def test_typing_keeps_the_cells_of_rows_that_read_as_before(demo, monkeypatch) -> None:
    from jeugdtool.cases import households

    model = PagedCaseListModel(demo)
    model.set_filter("", None)
    first, second = model.case_at(0), model.case_at(1)
    assert model.index(0, NAME).data() == first.name  # painted: its cells are made
    assert model.index(1, NAME).data() == second.name
    made: list[int] = []
    display = PagedCaseListModel._display

    def counted(self, case, column):
        made.append(case.id)
        return display(self, case, column)

    monkeypatch.setattr(PagedCaseListModel, "_display", counted)
    model.set_filter(first.case_number, None)  # a keystroke that finds a row shown before
    assert model.index(0, NAME).data() == first.name and made == []
    # A row that reads differently now (a colleague renamed the case) is made again.
    households.update_case(demo, first.id, {"name": "Gezin Anders"})
    model.set_filter(first.case_number + " ", None)
    assert model.index(0, NAME).data() == "Gezin Anders" and made
    made.clear()
    model.refresh()  # asked again after a change elsewhere: this row reads as before
    assert model.index(0, NAME).data() == "Gezin Anders" and made == []


# ---- what a keystroke costs: the first page, and one call per painted cell -------------------


class _AskedPerRole(PagedCaseListModel):
    """The list's model as Qt asks a model without `multiData`: `data` for each role."""

    multiData = QAbstractTableModel.multiData


def _painted(model: PagedCaseListModel, qtbot) -> QImage:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1100, 500)
    for column in range(model.columnCount()):
        view.setColumnWidth(column, 130)
    return view.grab().toImage()


def test_a_painted_cell_shows_what_data_answers(demo, qtbot) -> None:
    plans = caseload.list_columns(demo)
    models = []
    for kind in (PagedCaseListModel, _AskedPerRole):
        model = kind(demo)
        model.set_filter("", None)  # open, closed and archived rows: grey text among black
        model.set_plan_columns(plans)  # the plan columns, a late review in red
        models.append(model)
    fast, per_role = models
    statuses = {fast.case_at(r).status for r in range(fast.rowCount())}
    assert len(statuses) > 1 and fast.rowCount() > 4
    asked: list[int] = []
    real = PagedCaseListModel.data

    def spied(model, index, role=Qt.ItemDataRole.DisplayRole):
        asked.append(role)
        return real(model, index, role)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PagedCaseListModel, "data", spied)
        shown = _painted(fast, qtbot)
        assert asked == []  # the paint asked `multiData` only, once a cell
        assert shown == _painted(per_role, qtbot)
        assert len(asked) >= 7 * 5 * fast.columnCount()  # seven roles a cell, asked one by one
    # Another asker of several roles at once gets what `data` answers.
    index = fast.index(1, NAME)
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, fast.IdRole):
        role_data = QModelRoleData(role)
        fast.multiData(index, QModelRoleDataSpan(role_data))
        assert role_data.data() == index.data(role) is not None


def test_typing_asks_for_the_first_rows_and_a_tall_view_fetches_more(
    demo, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(case_list_model, "FIRST_PAGE", 2)
    model = PagedCaseListModel(demo, page=3)
    model.set_filter("", None)
    every = len(queries.list_case_summaries(demo))
    assert model.rowCount() == 2 and model.matching == every > 5  # counted apart
    model.set_filter("ozturk", None)  # fewer than the first rows: all of them
    found = filter_cases(queries.list_case_summaries(demo), "ozturk", None)
    assert model.rowCount() == model.matching == len(found) == 1
    model.set_filter("", None)
    view = QTableView()
    qtbot.addWidget(view)
    view.verticalHeader().setDefaultSectionSize(50)
    view.setModel(model)
    view.resize(600, 60)  # the first row only: nothing more fetched
    view.show()
    qtbot.waitExposed(view)
    assert view.viewport().height() < 50
    qtbot.wait(20)
    assert model.rowCount() == 2
    view.resize(600, 900)  # room for every row: the view fetches them, a page at a time
    qtbot.waitUntil(lambda: model.rowCount() == every)
