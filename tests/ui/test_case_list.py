"""The case list: model contract, sorting, filtering as you type (asked of the database once
typing pauses), keeping place across reloads, plan columns loaded only for the rows shown."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import Qt

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.case_list import CHANGED
from jeugdtool.ui.case_list import MANAGER
from jeugdtool.ui.case_list import NAME
from jeugdtool.ui.case_list import NUMBER
from jeugdtool.ui.case_list import PLAN
from jeugdtool.ui.case_list import REVIEW
from jeugdtool.ui.case_list import STATUS
from jeugdtool.ui.case_list import CaseListPage
from jeugdtool.ui.case_list import PagedCaseListModel

ALL = None


@pytest.fixture
def four(uow):
    """Four cases: two open (with members), one closed, one archived; changed in that order."""
    boer = consultants.ensure_consultant(uow, "A. de Boer").value
    zwart = consultants.add_consultant(uow, "Z. Zwart").value
    for number, name, manager, person in [
        ("2026-0003", "Gezin Öztürk", boer, ("Ayşe", "Öztürk")),
        ("2026-0001", "Gezin Jansen", zwart, ("Noa", "Jansen")),
    ]:
        case = households.create_case(
            uow, name=name, case_number=number, case_manager_id=manager.id
        ).value
        members.add_person(uow, case.id, {"first_name": person[0], "last_name": person[1]})
    bakker = households.create_case(
        uow, name="Gezin Bakker", case_number="2026-0002", case_manager_id=boer.id
    ).value
    households.close_case(uow, bakker.id, "Doelen bereikt")
    meijer = households.create_case(
        uow, name="Gezin Meijer", case_number="2025-0100", case_manager_id=boer.id
    ).value
    households.close_case(uow, meijer.id, "Verhuisd")
    households.archive_case(uow, meijer.id)
    return uow


def column(model: PagedCaseListModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_model_passes_the_qt_model_tester(qtmodeltester, four):
    model = PagedCaseListModel(four)
    model.set_filter("", ALL)
    qtmodeltester.check(model, force_py=True)
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter("gezin", frozenset({CaseStatus.OPEN}))


def test_shows_open_cases_by_default_with_dutch_dates(four):
    model = PagedCaseListModel(four)
    model.refresh()
    assert column(model, NUMBER) == ["2026-0001", "2026-0003"]
    jansen = model.case_at(0)
    local = jansen.last_change_at.astimezone().strftime("%d-%m-%Y %H:%M")
    assert model.index(0, CHANGED).data() == local
    assert model.index(0, STATUS).data() == "Open"
    assert model.headerData(NUMBER, Qt.Orientation.Horizontal) == "Casusnummer"
    assert model.index(0, PLAN).data() == ""  # the plan columns are not loaded yet


def test_sorts_by_each_column_in_both_directions(four):
    model = PagedCaseListModel(four)
    model.set_filter("", ALL)
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert column(model, NAME) == ["Gezin Bakker", "Gezin Jansen", "Gezin Meijer", "Gezin Öztürk"]
    model.sort(MANAGER, Qt.SortOrder.DescendingOrder)
    assert column(model, MANAGER)[0] == "Z. Zwart"
    model.sort(STATUS, Qt.SortOrder.DescendingOrder)
    assert model.index(0, STATUS).data() == CaseStatus.ARCHIVED.label
    model.sort(CHANGED, Qt.SortOrder.DescendingOrder)
    assert column(model, NUMBER) == ["2025-0100", "2026-0002", "2026-0001", "2026-0003"]
    meijer = model.case_at(0)
    assert model.index(0, CHANGED).data(PagedCaseListModel.SortRole) == meijer.last_change_at


def test_filter_ignores_accents_and_keeps_sort_order(four):
    model = PagedCaseListModel(four)
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter("ozturk", ALL)
    assert column(model, NAME) == ["Gezin Öztürk"]
    model.set_filter("AYSE", ALL)
    assert column(model, NAME) == ["Gezin Öztürk"]
    model.set_filter("gezin", ALL)
    assert column(model, NAME) == ["Gezin Öztürk", "Gezin Meijer", "Gezin Jansen", "Gezin Bakker"]


def test_status_filter(four):
    model = PagedCaseListModel(four)
    model.set_filter("", frozenset({CaseStatus.CLOSED}))
    assert column(model, NAME) == ["Gezin Bakker"]
    model.set_filter("", frozenset({CaseStatus.ARCHIVED}))
    assert column(model, NAME) == ["Gezin Meijer"]
    model.set_filter("", ALL)
    assert model.rowCount() == model.matching == model.total == 4


def test_sorting_keeps_the_selected_case_selected(qtbot, four):
    from PySide6.QtWidgets import QTableView

    model = PagedCaseListModel(four)
    model.set_filter("", ALL)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    chosen = model.case_at(1).id
    view.selectRow(1)
    model.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    assert view.currentIndex().data(PagedCaseListModel.IdRole) == chosen
    assert view.currentIndex().row() == model.row_of(chosen) == 2


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
    widget.show()  # on screen: a change reloads it at once (hidden, only when shown)
    qtbot.waitExposed(widget)
    return widget


def test_typing_in_the_filter_finds_a_member_without_accents(page, qtbot):
    asked = []
    page.model.modelReset.connect(lambda: asked.append(page.model.query.text))
    qtbot.keyClicks(page.filter_edit, "ayse ozt")
    assert asked == []  # not per keystroke: once typing pauses
    qtbot.waitUntil(lambda: asked == ["ayse ozt"])
    assert column(page.model, NAME) == ["Gezin Öztürk"]
    expected = ngettext("{shown} of {total} case", "{shown} of {total} cases", 3)
    assert page.count_label.text() == expected.format(shown=1, total=3)  # "1 van 3 casussen"
    assert page.current_case_id() == page.model.case_at(0).id


def test_enter_in_the_filter_opens_the_found_case_at_once(page, qtbot):
    opened = []
    page.case_activated.connect(opened.append)
    qtbot.keyClicks(page.filter_edit, "bakker")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)  # before typing paused: as typed
    assert [page.model.case_at(r).name for r in range(page.model.rowCount())] == ["Gezin Bakker"]
    assert opened == [page.model.case_at(0).id]


def test_down_moves_into_the_found_cases_and_esc_clears(page, qtbot):
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # a window manager does this; offscreen Qt does not
    page.filter_edit.setFocus()
    qtbot.keyClicks(page.filter_edit, "jansen")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Down)
    assert column(page.model, NAME) == ["Gezin Jansen"]  # as typed, not waiting for a pause
    qtbot.waitUntil(page.view.hasFocus)
    assert page.current_case_id() == page.model.case_at(0).id
    page.filter_edit.setFocus()
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Escape)
    assert page.filter_edit.text() == ""
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)


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
    page.apply_filter_now()
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
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plans

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
    # Overdue in words too, not by colour alone.
    late = ngettext("{n} day overdue", "{n} days overdue", 3).format(n=3)
    assert model.index(row, REVIEW).data().endswith(f"({late})")


def test_on_screen_the_markers_follow_the_painted_list(ctx, page, qtbot) -> None:
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plans

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


def test_plan_columns_load_for_the_rows_shown_and_after_a_change_for_its_case(
    ctx, page, qtbot, monkeypatch
) -> None:
    from jeugdtool.meetings import caseload

    asked: list[list[int] | None] = []
    real = caseload.list_columns

    def spy(uow, today=None, case_id=None, *, case_ids=None):
        asked.append(None if case_ids is None else sorted(case_ids))
        return real(uow, today, case_id, case_ids=case_ids)

    monkeypatch.setattr(caseload, "list_columns", spy)
    page.model.page_size = 2
    page.filter_edit.setText("gezin")
    page.apply_filter_now()
    first = [page.model.case_at(r).id for r in range(2)]
    page.load_alerts()
    assert asked == [sorted(first)]
    assert page.model.index(0, PLAN).data() == _("No plan")
    assert page.model.canFetchMore(QModelIndex())
    page.model.fetchMore(QModelIndex())
    page.load_alerts()
    third = page.model.case_at(2).id
    assert asked[-1] == [third] and page.model.index(2, PLAN).data() == _("No plan")
    ctx.run(households.update_case, first[0], {"name": "Gezin Jansen-de Wit"})
    qtbot.waitUntil(lambda: len(asked) == 3)
    assert asked[-1] == [first[0]]  # not every case: the one the change touched


# ---- plan columns, scopes and remembered choices ------------------------------------------


def _row_of_name(model: PagedCaseListModel, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.case_at(r).name == name)


def test_the_plan_columns_show_status_and_next_review(ctx, page, qtbot) -> None:
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plans

    review_on = dt.date.today() + dt.timedelta(days=20)
    final = ctx.run(households.create_case, name="Gezin Plan")
    draft = ctx.run(plans.start_draft, final.id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": review_on})
    ctx.run(plans.add_agreement, draft.id, {"what": "Oma haalt Noa elke woensdag op"})
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")
    concept = ctx.run(households.create_case, name="Gezin Concept")
    ctx.run(plans.start_draft, concept.id)
    page.load_alerts()
    model = page.model
    plan_of = {model.case_at(r).name: model.index(r, PLAN).data() for r in range(model.rowCount())}
    assert plan_of["Gezin Plan"] == _("Finalised")
    assert plan_of["Gezin Concept"] == _("Draft")
    assert plan_of["Gezin Jansen"] == _("No plan")
    row = _row_of_name(model, "Gezin Plan")
    assert model.index(row, REVIEW).data() == review_on.strftime("%d-%m-%Y")
    model.sort(PLAN, Qt.SortOrder.DescendingOrder)
    assert model.case_at(0).name == "Gezin Plan"
    model.sort(REVIEW, Qt.SortOrder.AscendingOrder)
    assert model.case_at(0).name == "Gezin Plan"  # cases without a review date come after


def test_a_passed_review_that_was_held_is_shown_apart(ctx, page) -> None:
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plan_reviews
    from jeugdtool.framework import plans
    from jeugdtool.meetings.caseload import review_held_note

    today = dt.date.today()
    opened, due = today - dt.timedelta(days=60), today - dt.timedelta(days=30)
    case = ctx.run(households.create_case, name="Gezin Gehouden", opened_on=opened)
    draft = ctx.run(plans.start_draft, case.id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": due})
    ctx.run(plans.add_agreement, draft.id, {"what": "Oma haalt Noa elke woensdag op"})
    finalised = {"by": "A. de Boer", "override_reason": "spoed", "today": opened}
    ctx.run(plan_finalise.finalise, draft.id, **finalised)
    ctx.run(plan_reviews.add_review, draft.id, due, "Goed gegaan", [])
    page.load_alerts()
    row = _row_of_name(page.model, "Gezin Gehouden")
    index = page.model.index(row, REVIEW)
    assert index.data() == due.strftime("%d-%m-%Y")
    assert index.data(Qt.ItemDataRole.ToolTipRole) == review_held_note()
    assert page.model.alert(case.id) is None


def _team_mode(ctx, teams=(), roles=("consultant",)):
    """Make the signed-in person of `ctx` a team-mode member (the database's rules aside)."""
    from jeugdtool.cases.staff import StaffMember
    from jeugdtool.cases.staff import TeamDTO
    from jeugdtool.store.roles import StaffRole

    ctx.staff = StaffMember(
        id=ctx.user.id,
        name=ctx.user.name,
        login="a.deboer",
        email=None,
        active=True,
        roles=frozenset(StaffRole(r) for r in roles),
        teams=tuple(TeamDTO(t.id, t.name, True, 1) for t in teams),
        team_mode=True,
    )


@pytest.fixture
def team_cases(ctx):
    """Team Noord with three cases: mine, one I help on, and a colleague's; and one elsewhere."""
    from jeugdtool.cases import consultants
    from jeugdtool.cases import staff

    noord = ctx.run(staff.add_team, "Team Noord")
    kaya = ctx.run(consultants.add_consultant, "M. Kaya")
    ctx.run(
        households.create_case, name="Mijn Gezin", case_manager_id=ctx.user.id, team_id=noord.id
    )
    helping = ctx.run(
        households.create_case, name="Gezin Hulp", case_manager_id=kaya.id, team_id=noord.id
    )
    ctx.run(staff.add_coworker, helping.id, ctx.user.id)
    ctx.run(households.create_case, name="Gezin Team", case_manager_id=kaya.id, team_id=noord.id)
    ctx.run(households.create_case, name="Gezin Elders", case_manager_id=kaya.id)
    return noord


def _names(page: CaseListPage) -> set[str]:
    return {page.model.case_at(r).name for r in range(page.model.rowCount())}


def test_single_user_mode_hides_the_scope_and_shows_every_case(ctx, team_cases, qtbot) -> None:
    page = CaseListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.scope_combo.isVisible()
    assert _names(page) == {"Mijn Gezin", "Gezin Hulp", "Gezin Team", "Gezin Elders"}


def test_in_team_mode_the_list_starts_with_my_cases(ctx, team_cases, qtbot) -> None:
    from jeugdtool.cases.queries import CaseScope

    _team_mode(ctx, [team_cases])
    page = CaseListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.scope_combo.isVisible()
    assert page.current_scope() is CaseScope.MINE
    assert page.scope_combo.currentText() == _("My cases")
    assert _names(page) == {"Mijn Gezin", "Gezin Hulp"}  # case manager or co-worker
    expected = ngettext("{shown} of {total} case", "{shown} of {total} cases", 4)
    assert page.count_label.text() == expected.format(shown=2, total=4)
    page.scope_combo.setCurrentIndex(page.scope_combo.findData(CaseScope.TEAM))
    assert _names(page) == {"Mijn Gezin", "Gezin Hulp", "Gezin Team"}
    page.scope_combo.setCurrentIndex(page.scope_combo.findData(CaseScope.ALL))
    assert _names(page) == {"Mijn Gezin", "Gezin Hulp", "Gezin Team", "Gezin Elders"}


def test_scope_and_status_are_remembered_for_the_database(ctx, team_cases, qtbot) -> None:
    from jeugdtool.cases.queries import CaseScope

    _team_mode(ctx, [team_cases])
    first = CaseListPage(ctx)
    qtbot.addWidget(first)
    first.scope_combo.setCurrentIndex(first.scope_combo.findData(CaseScope.TEAM))
    first.status_combo.setCurrentIndex(3)  # Alle
    qtbot.keyClicks(first.filter_edit, "gezin")
    again = CaseListPage(ctx)  # e.g. the next start
    qtbot.addWidget(again)
    assert again.current_scope() is CaseScope.TEAM
    assert again.status_combo.currentIndex() == 3
    assert again.filter_edit.text() == ""  # a search may name a client: never written down
    assert _names(again) == {"Mijn Gezin", "Gezin Hulp", "Gezin Team"}


def test_selecting_a_case_outside_the_scope_shows_it(ctx, team_cases, qtbot) -> None:
    from jeugdtool.cases.queries import CaseScope

    _team_mode(ctx, [team_cases])
    page = CaseListPage(ctx)
    qtbot.addWidget(page)
    elsewhere = next(c for c in queries.list_case_summaries(ctx.uow) if c.name == "Gezin Elders")
    assert page.select_case(elsewhere.id)
    assert page.current_scope() is CaseScope.ALL
    assert page.current_case_id() == elsewhere.id


# ---- what a keystroke and a change cost: the one stale-while-hidden mechanism ---------------


def test_the_list_uses_the_one_stale_while_hidden_helper() -> None:
    from jeugdtool.ui.stale import StaleWhileHidden

    assert issubclass(CaseListPage, StaleWhileHidden)
    assert "showEvent" not in vars(CaseListPage)  # no copy of its own
    assert "reload_when_seen" not in vars(CaseListPage) and "stale" not in vars(CaseListPage)


def test_a_change_while_hidden_costs_the_list_nothing_and_it_reloads_once_when_shown(
    page, ctx, qtbot
) -> None:
    resets: list[None] = []
    page.model.modelReset.connect(lambda: resets.append(None))
    page.hide()  # a case tab is in front
    for number in ("2026-0004", "2026-0005"):
        ctx.run(households.create_case, name=f"Gezin {number}", case_number=number)
    assert resets == [] and page.stale and page.model.rowCount() == 3
    page.show()
    qtbot.waitExposed(page)
    assert len(resets) == 1 and not page.stale
    assert page.model.rowCount() == 5
    expected = ngettext("{shown} of {total} case", "{shown} of {total} cases", 5)
    assert page.count_label.text() == expected.format(shown=5, total=5)


def test_an_empty_list_follows_changes_even_hidden(ctx, qtbot) -> None:
    """The window shows its welcome in place of an empty list: the list must still learn
    that the first case came."""
    widget = CaseListPage(ctx)
    qtbot.addWidget(widget)
    totals: list[int] = []
    widget.reloaded.connect(totals.append)
    ctx.run(households.create_case, name="Gezin Eerst", case_number="2026-0001")
    assert totals == [1] and widget.model.rowCount() == 1


def test_a_change_that_cannot_move_a_shown_case_reads_only_its_row(page, ctx, qtbot) -> None:
    from jeugdtool.framework import plans

    page.load_alerts()
    case_id = page.model.case_at(1).id
    resets: list[None] = []
    page.model.modelReset.connect(lambda: resets.append(None))
    ctx.run(plans.start_draft, case_id)  # its plan columns change, not its place
    assert resets == []
    qtbot.waitUntil(lambda: page.model.index(1, PLAN).data() == _("Draft"))
    ctx.run(households.update_case, case_id, {"name": "Gezin Aa"})  # its place may change
    assert len(resets) == 1
    page.model.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert page.model.case_at(0).id == case_id


def test_a_change_to_what_the_list_does_not_sort_or_search_by_reads_the_row_in_place(
    page, ctx
) -> None:
    page.view.selectRow(1)
    case_id = page.current_case_id()
    before = page.model.summary(case_id)
    resets: list[None] = []
    page.model.modelReset.connect(lambda: resets.append(None))
    opened = dt.date.today() - dt.timedelta(days=10)
    ctx.run(households.update_case, case_id, {"opened_on": opened})
    assert resets == []  # not asked again: its row read again where it is
    assert page.model.summary(case_id) is not before
    assert page.model.summary(case_id).last_change_at >= before.last_change_at
    assert page.current_case_id() == case_id and page.model.row_of(case_id) == 1
    page.model.sort(CHANGED, Qt.SortOrder.DescendingOrder)  # now its last change moves it
    ctx.run(households.update_case, case_id, {"opened_on": opened - dt.timedelta(days=1)})
    assert len(resets) == 1 and page.model.case_at(0).id == case_id


def test_the_selected_case_stays_selected_while_typing_if_it_still_matches(page, qtbot) -> None:
    qtbot.keyClicks(page.filter_edit, "gezin")
    page.apply_filter_now()
    row = _row_of_name(page.model, "Gezin Öztürk")
    page.view.selectRow(row)
    chosen = page.current_case_id()
    qtbot.keyClicks(page.filter_edit, " o")  # Jansen (Noa) and Öztürk match
    page.apply_filter_now()
    assert _names(page) == {"Gezin Jansen", "Gezin Öztürk"}
    assert page.current_case_id() == chosen
    qtbot.keyClicks(page.filter_edit, "a")  # "gezin oa": Jansen (Noa) only
    page.apply_filter_now()
    assert page.current_case_id() == page.model.case_at(0).id  # the first found: Enter opens it


def test_the_count_keeps_its_width_while_typing(page, ctx, qtbot) -> None:
    """Fewer digits found than there are cases: the count's label stays as wide, so typing
    moves nothing beside it (no new layout and repaint of the field and the choices)."""
    for n in range(7):  # ten cases: "1 van 10" is narrower than "10 van 10"
        ctx.run(households.create_case, name=f"Gezin Extra {n}", case_number=f"2026-01{n:02}")
    page.reload()
    qtbot.waitUntil(lambda: page.model.total == 10)
    page.resize(1000, 400)
    qtbot.wait(10)
    field, label = page.filter_edit.geometry(), page.count_label.geometry()
    qtbot.keyClicks(page.filter_edit, "ozt")
    page.apply_filter_now()
    assert page.model.matching == 1
    qtbot.wait(10)  # the layout had its turn
    assert page.filter_edit.geometry() == field and page.count_label.geometry() == label
