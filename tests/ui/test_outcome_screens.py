"""Found in a review of the outcome screens, driven as a team leader would on a laptop: the
list of cases behind a number shows the households' names whole, and a tile with nothing to
count says so; on one computer (no teams) the caseload's button does not promise a team;
reopening with the date erased asks for it instead of choosing today unseen; the help dialog
tells every problem at the first OK, and its empty list says how to fill it; figures of
filters already changed again are never shown."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QSize

from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import ClosingInput

from jeugdtool.ui.caseload import CaseloadWindow
from jeugdtool.ui.closing.reopen_dialog import ReopenDialog
from jeugdtool.ui.dashboard.drill import HOUSEHOLD
from jeugdtool.ui.dashboard.window import DashboardWindow
from jeugdtool.ui.help.page import HelpPage
from jeugdtool.ui.ops import writer_pool

#: Tooltips and show_one raise windows: the offscreen platform cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

TODAY = dt.date(2026, 10, 15)
LAPTOP = QSize(1366, 720)


@pytest.fixture
def closed_cases(ctx) -> list[int]:
    """Six closed cases with long double family names, as in a real caseload."""
    made = []
    for number in range(6):
        case = ctx.run(
            households.create_case,
            name=f"Gezin Bakker-van den Hoogenband {number}",
            case_manager_id=ctx.user.id,
            mode="safety",
            opened_on=dt.date(2025, 1, 10),
        )
        data = ClosingInput(
            closed_on=dt.date(2026, 2, 10),
            reason="Doelen besproken met het gezin",
            goals_outcome="fully",
            further_help="none",
            further_help_detail="",
            ended_as="planned",
            ended_early_by=None,
        )
        ctx.run(closing.close_case, case.id, data)
        made.append(case.id)
    return made


def test_the_cases_behind_a_number_show_the_household_whole_on_a_laptop(
    ctx, closed_cases, qtbot
) -> None:
    window = DashboardWindow(ctx, today=TODAY)
    qtbot.addWidget(window)
    window.resize(LAPTOP)
    window.show()
    qtbot.waitUntil(lambda: not window.busy and window.figures is not None, timeout=10_000)
    columns_before = window.tile_grid.columns
    closed = window.production.findChildren(type(window.tiles[0].total.numerator))
    button = next(b for b in closed if b.request and len(b.request.case_ids) == 6)
    button.click()
    qtbot.waitUntil(lambda: not window.busy and window.drill_pane.cases.rowCount() == 6)
    view = window.drill_pane.view
    qtbot.waitUntil(lambda: view.columnWidth(HOUSEHOLD) >= view.sizeHintForColumn(HOUSEHOLD))
    assert window.tile_grid.columns == columns_before  # the tiles keep their columns


def test_an_indicator_with_nothing_to_count_says_so(ctx, closed_cases, qtbot) -> None:
    """The closings are less than a year old: "no new start within 12 months" counts none
    yet, and its tile says so instead of only "– 0 of 0"."""
    window = DashboardWindow(ctx, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.busy and window.figures is not None, timeout=10_000)
    tiles = {tile.name: tile for tile in window.tiles}
    nothing = _("Nothing to count in this period yet: see below what counts.")
    assert tiles["no_new_start_12m"].total.denominator.text() == "0"
    assert tiles["no_new_start_12m"].trend.text() == nothing
    assert tiles["without_further_help"].trend.text() != nothing
    window.filters.numbers_combo.setCurrentIndex(1)  # shielded: the 0 is "<5", not told
    assert tiles["no_new_start_12m"].total.denominator.text() == "<5"
    assert tiles["no_new_start_12m"].trend.text() != nothing


def test_without_teams_the_caseload_offers_the_results_not_a_teams(ctx, qtbot) -> None:
    """On one computer there are no teams to choose: "Results of this team" promised a team
    the dashboard then did not filter on."""
    assert not ctx.team_mode
    caseload = CaseloadWindow(ctx)
    qtbot.addWidget(caseload)
    assert caseload.results_button.text() == _("&Results")
    assert _("team") not in caseload.results_button.toolTip()


def test_reopening_with_the_date_erased_asks_for_the_date(ctx, closed_cases, qtbot) -> None:
    """The date was erased to type another and Enter came first: nothing is reopened, the
    dialog says what to type."""
    case_id = closed_cases[0]
    dialog = ReopenDialog(ctx, case_id, dt.date(2026, 2, 10), None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.clear()
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "dd-mm-jjjj" in dialog.error.text()
    assert queries.get_case(ctx.uow, case_id).household.status == CaseStatus.CLOSED
    assert ctx.undo_stack.count() == 0


def test_the_help_dialog_tells_every_problem_at_the_first_ok(ctx, case, qtbot) -> None:
    """No kind chosen and an end before the start: both are said at once, not the second only
    after the first was fixed (a second round of OK at 9 pm)."""
    page = HelpPage(ctx, case.id)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    dialog = page.add_help()
    assert dialog is not None
    dialog.fields["starts_on"].setText("06-12-2026")
    dialog.fields["planned_end"].setText("01-01-2026")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors["kind"].isVisible()
    assert dialog.errors["planned_end"].isVisible()
    assert dialog.fields["planned_end"].text() == "01-01-2026"  # what was typed stays
    dialog.close()


def test_an_empty_help_list_says_how_to_fill_it_where_it_can(
    ctx, case, closed_cases, qtbot
) -> None:
    open_page, closed_page = HelpPage(ctx, case.id), HelpPage(ctx, closed_cases[0])
    for page in (open_page, closed_page):
        qtbot.addWidget(page)
        page.show()
        page.reload()
    hint = _("No help recorded for this case yet. Add it with \u201cAdd help\u201d (Ins).")
    assert open_page.section.empty_hint.isVisible()
    assert open_page.section.empty_hint.text() == hint
    # Closed: nothing can be added, so nothing is offered.
    assert closed_page.section.empty_hint.text() == _("No help recorded for this case yet.")


def test_figures_of_filters_changed_again_are_not_shown(ctx, closed_cases, qtbot) -> None:
    """The figures of one period are ready just as the team leader picks another: they are
    not shown for a moment (nor do they make the test of the last choice flaky)."""
    window = DashboardWindow(ctx, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.busy and window.figures is not None, timeout=10_000)
    shown: list[tuple[dt.date, dt.date]] = []
    window.loaded.connect(lambda: shown.append((window.figures.flt.start, window.figures.flt.end)))
    first = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    window.filters.blockSignals(True)
    window.filters.start_edit.setDate(first[0])
    window.filters.end_edit.setDate(first[1])
    window.filters.blockSignals(False)
    window.reload()
    writer_pool().waitForDone()  # the first figures are ready, not yet handed over
    second = (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    window.filters.set_period(*second)
    qtbot.waitUntil(lambda: not window.busy and bool(shown), timeout=10_000)
    assert shown == [second]
