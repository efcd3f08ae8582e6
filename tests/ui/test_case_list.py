"""The case list: model contract, sorting, filtering as you type, keeping place across reloads."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt

from jeugdtool.cases import households, members
from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.search import search_key
from jeugdtool.cases.vocab import CaseMode, CaseStatus
from jeugdtool.i18n import ngettext

from jeugdtool.ui.case_list import (
    CHANGED,
    MANAGER,
    NAME,
    NUMBER,
    STATUS,
    CaseListModel,
    CaseListPage,
)

ALL = None
UTC = dt.UTC


def summary(
    case_id: int,
    number: str,
    name: str,
    *,
    status: CaseStatus = CaseStatus.OPEN,
    manager: str = "A. de Boer",
    members: tuple[str, ...] = (),
    changed: dt.datetime | None = None,
) -> CaseSummary:
    return CaseSummary(
        id=case_id,
        case_number=number,
        name=name,
        case_manager=manager,
        status=status,
        mode=CaseMode.SAFETY,
        last_change_at=changed or dt.datetime(2026, 3, case_id, 9, 30, tzinfo=UTC),
        search_key=search_key(number, name, members),
    )


@pytest.fixture
def rows() -> list[CaseSummary]:
    return [
        summary(1, "2026-0003", "Gezin Öztürk", members=("Ayşe Öztürk",)),
        summary(2, "2026-0001", "Gezin Jansen", manager="Z. Zwart", members=("Noa Jansen",)),
        summary(3, "2026-0002", "Gezin Bakker", status=CaseStatus.CLOSED),
        summary(4, "2025-0100", "Gezin Meijer", status=CaseStatus.ARCHIVED),
    ]


def column(model: CaseListModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_model_passes_the_qt_model_tester(qtmodeltester, rows):
    model = CaseListModel()
    model.set_rows(rows)
    model.set_filter("", ALL)
    qtmodeltester.check(model, force_py=True)
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter("gezin", frozenset({CaseStatus.OPEN}))
    qtmodeltester.check(model, force_py=True)


def test_shows_open_cases_by_default_with_dutch_dates(rows):
    model = CaseListModel()
    model.set_rows(rows)
    assert column(model, NUMBER) == ["2026-0001", "2026-0003"]
    local = rows[1].last_change_at.astimezone().strftime("%d-%m-%Y %H:%M")
    assert model.index(0, CHANGED).data() == local
    assert model.index(0, STATUS).data() == "Open"
    assert model.headerData(NUMBER, Qt.Orientation.Horizontal) == "Casusnummer"


def test_sorts_by_each_column_in_both_directions(rows):
    model = CaseListModel()
    model.set_rows(rows)
    model.set_filter("", ALL)
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert column(model, NAME) == ["Gezin Bakker", "Gezin Jansen", "Gezin Meijer", "Gezin Öztürk"]
    model.sort(MANAGER, Qt.SortOrder.DescendingOrder)
    assert column(model, MANAGER)[0] == "Z. Zwart"
    model.sort(STATUS, Qt.SortOrder.DescendingOrder)
    assert model.index(0, STATUS).data() == CaseStatus.ARCHIVED.label
    model.sort(CHANGED, Qt.SortOrder.DescendingOrder)
    assert column(model, NUMBER) == ["2025-0100", "2026-0002", "2026-0001", "2026-0003"]
    assert model.index(0, CHANGED).data(CaseListModel.SortRole) == rows[3].last_change_at


def test_filter_ignores_accents_and_keeps_sort_order(rows):
    model = CaseListModel()
    model.set_rows(rows)
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter("ozturk", ALL)
    assert column(model, NAME) == ["Gezin Öztürk"]
    model.set_filter("AYSE", ALL)
    assert column(model, NAME) == ["Gezin Öztürk"]
    model.set_filter("gezin", ALL)
    assert column(model, NAME) == ["Gezin Öztürk", "Gezin Meijer", "Gezin Jansen", "Gezin Bakker"]


def test_status_filter(rows):
    model = CaseListModel()
    model.set_rows(rows)
    model.set_filter("", frozenset({CaseStatus.CLOSED}))
    assert column(model, NAME) == ["Gezin Bakker"]
    model.set_filter("", frozenset({CaseStatus.ARCHIVED}))
    assert column(model, NAME) == ["Gezin Meijer"]
    model.set_filter("", ALL)
    assert model.rowCount() == 4


def test_sorting_keeps_the_selected_case_selected(qtbot, rows):
    from PySide6.QtWidgets import QTableView

    model = CaseListModel()
    model.set_rows(rows)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(model.row_of(2))
    model.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    assert view.currentIndex().data(CaseListModel.IdRole) == 2
    assert view.currentIndex().row() == model.row_of(2) == 1


# ---- the page on a real database ---------------------------------------------------------


@pytest.fixture
def page(ctx, qtbot):
    for number, name, first, last in [
        ("2026-0001", "Gezin Jansen", "Noa", "Jansen"),
        ("2026-0002", "Gezin Öztürk", "Ayşe", "Öztürk"),
        ("2026-0003", "Gezin Bakker", "Tim", "Bakker"),
    ]:
        case = ctx.run(households.create_case, name=name, case_number=number)
        ctx.run(members.add_person, case.id, {"first_name": first, "last_name": last})
    widget = CaseListPage(ctx)
    qtbot.addWidget(widget)
    return widget


def test_typing_in_the_filter_finds_a_member_without_accents(page, qtbot):
    qtbot.keyClicks(page.filter_edit, "ayse ozt")
    assert column(page.model, NAME) == ["Gezin Öztürk"]
    expected = ngettext("{shown} of {total} case", "{shown} of {total} cases", 3)
    assert page.count_label.text() == expected.format(shown=1, total=3)  # "1 van 3 casussen"
    assert page.current_case_id() == page.model.case_at(0).id


def test_enter_in_the_filter_opens_the_found_case(page, qtbot):
    qtbot.keyClicks(page.filter_edit, "bakker")
    with qtbot.waitSignal(page.case_activated) as opened:
        qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)
    assert opened.args == [page.model.case_at(0).id]


def test_status_combo_filters(page, ctx, qtbot):
    case_id = page.model.case_at(0).id
    ctx.run(households.close_case, case_id, "Doelen bereikt")
    assert page.model.rowCount() == 2
    page.status_combo.setCurrentIndex(1)  # Gesloten
    assert [c.id for c in (page.model.case_at(r) for r in range(page.model.rowCount()))] == [
        case_id
    ]
    page.status_combo.setCurrentIndex(3)  # Alle
    assert page.model.rowCount() == 3


def test_reload_after_a_change_keeps_filter_and_selection(page, ctx, qtbot):
    qtbot.keyClicks(page.filter_edit, "gezin")
    page.view.selectRow(1)
    selected = page.current_case_id()
    ctx.run(households.create_case, name="Gezin Smit", case_number="2026-0004")
    assert page.filter_edit.text() == "gezin"
    assert page.model.rowCount() == 4
    assert page.current_case_id() == selected
    ctx.run(households.update_case, selected, {"name": "Gezin Jansen-de Wit"})
    assert page.model.summary(selected).name == "Gezin Jansen-de Wit"
    assert page.current_case_id() == selected


def test_changes_elsewhere_do_not_reload(page, ctx):
    from jeugdtool.store.changes import ChangeSet

    calls = []
    page.model.modelReset.connect(lambda: calls.append(1))
    ctx.signals.emit_changes(ChangeSet(entities=frozenset({"network_member"})))
    assert calls == []


def test_a_case_whose_plan_review_is_overdue_is_marked(ctx, page, qtbot) -> None:
    """Overdue reviews show in the case list: a marker with the status, the reason as tip."""
    from jeugdtool.framework import plan_finalise, plans

    late = ctx.run(households.create_case, name="Gezin Laat")
    ctx.run(households.create_case, name="Gezin Op Tijd")
    draft = ctx.run(plans.start_draft, late.id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": dt.date.today() - dt.timedelta(days=3)})
    ctx.run(plans.add_agreement, draft.id, {"what": "Oma haalt Noa elke woensdag op"})
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")
    page.reload()  # the markers follow once the list is on screen
    qtbot.waitUntil(lambda: page.model.alert(late.id) is not None)
    model = page.model
    marked = {
        model.case_at(r).name: model.data(model.index(r, STATUS)) for r in range(model.rowCount())
    }
    assert marked["Gezin Laat"].endswith("⚠")
    assert not marked["Gezin Op Tijd"].endswith("⚠")
    row = next(r for r in range(model.rowCount()) if model.case_at(r).name == "Gezin Laat")
    assert model.data(model.index(row, STATUS), Qt.ItemDataRole.ToolTipRole)


def test_on_screen_the_markers_follow_the_painted_list(ctx, page, qtbot) -> None:
    from jeugdtool.framework import plan_finalise, plans

    late = ctx.run(households.create_case, name="Gezin Laat")
    draft = ctx.run(plans.start_draft, late.id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": dt.date(2026, 1, 5)})
    ctx.run(plans.add_agreement, draft.id, {"what": "Oma haalt Noa elke woensdag op"})
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")
    page.show()
    qtbot.waitExposed(page)
    page.reload()
    qtbot.waitUntil(lambda: page.model.alert(late.id) is not None)
    assert "05-01-2026" in page.model.alert(late.id)
