"""The dashboard window (View > Results) as a team leader uses it: filters change the numbers,
a number lists the cases behind it and opens one, everything works from the keyboard, and an
empty period says so."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import staff
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.outcomes import closing
from jeugdtool.outcomes import help as help_services
from jeugdtool.outcomes.closing_rules import ClosingInput

from jeugdtool.ui.caseload import CaseloadWindow
from jeugdtool.ui.dashboard import open_dashboard
from jeugdtool.ui.dashboard.figures import format_count
from jeugdtool.ui.dashboard.figures import format_euros
from jeugdtool.ui.dashboard.figures import last_full_quarters
from jeugdtool.ui.dashboard.figures import trend
from jeugdtool.ui.dashboard.figures import trend_word
from jeugdtool.ui.dashboard.numbers import DrillRequest
from jeugdtool.ui.dashboard.window import DashboardWindow

#: Tooltips (a chart's chosen bar) and show_one raise windows: the offscreen platform cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

#: The dashboard's "today": the default period is 01-10-2025 – 30-09-2026.
TODAY = dt.date(2026, 10, 15)


def _close(ctx, case_id: int, on: dt.date, further: str, ended: str, goals: str) -> None:
    data = ClosingInput(
        closed_on=on,
        reason="Doelen besproken met het gezin",
        goals_outcome=goals,
        further_help=further,
        further_help_detail="GGZ" if further == "other" else "",
        ended_as=ended,
        ended_early_by="family" if ended == "early" else None,
    )
    ctx.run(closing.close_case, case_id, data)


@pytest.fixture
def cases(ctx):
    """Three closed cases in three quarters (two of A. de Boer, one of M. Kaya in Signs of
    Wellbeing) and one open case; returns them by name."""
    kaya = ctx.run(consultants.add_consultant, "M. Kaya")
    made = {}
    for name, manager, mode, opened in (
        ("Gezin Jansen", ctx.user.id, "safety", dt.date(2025, 1, 10)),
        ("Gezin Bakker", ctx.user.id, "safety", dt.date(2025, 2, 1)),
        ("Gezin Smit", kaya.id, "wellbeing", dt.date(2025, 3, 1)),
        ("Gezin Open", kaya.id, "safety", dt.date(2026, 4, 1)),
    ):
        made[name] = ctx.run(
            households.create_case, name=name, case_manager_id=manager, mode=mode, opened_on=opened
        )
    _close(ctx, made["Gezin Jansen"].id, dt.date(2025, 11, 15), "none", "planned", "fully")
    _close(ctx, made["Gezin Bakker"].id, dt.date(2026, 2, 10), "other", "early", "partly")
    _close(ctx, made["Gezin Smit"].id, dt.date(2026, 5, 20), "community", "planned", "mostly")
    return made


def _open(ctx, qtbot, **options) -> DashboardWindow:
    window = DashboardWindow(ctx, today=TODAY, **options)
    qtbot.addWidget(window)
    window.show()
    _wait(window, qtbot)
    return window


def _wait(window: DashboardWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.busy and window.figures is not None, timeout=10_000)


def _tile(window: DashboardWindow, name: str):
    return next(tile for tile in window.tiles if tile.name == name)


def _whole(window: DashboardWindow, name: str) -> tuple[str, str]:
    line = _tile(window, name).total
    return line.numerator.text(), line.denominator.text()


@pytest.fixture
def window(ctx, cases, qtbot) -> DashboardWindow:
    return _open(ctx, qtbot)


# ---- the figures ---------------------------------------------------------------------------


def test_the_default_period_is_the_last_four_whole_quarters(window) -> None:
    assert last_full_quarters(TODAY) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert last_full_quarters(dt.date(2026, 1, 1)) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    flt = window.filters.current()
    assert (flt.start, flt.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert [q.period.start.month for q in window.figures.quarters] == [10, 1, 4, 7]


def test_the_tiles_show_the_period_and_the_latest_quarter(window) -> None:
    assert _whole(window, "without_further_help") == ("2", "3")  # none and community, of 3
    assert _whole(window, "dropout") == ("1", "3")
    assert _whole(window, "goals_realised") == ("2", "3")  # fully and mostly
    tile = _tile(window, "without_further_help")
    # The latest quarter with a closing is 2026 Q2: Gezin Smit, community help only.
    assert tile.latest.caption.text().startswith(window.figures.quarters[2].period.label)
    assert (tile.latest.numerator.text(), tile.latest.denominator.text()) == ("1", "1")
    assert tile.share.text() == "100%"
    assert [bar.share for bar in tile.chart.bars] == [1.0, 0.0, 1.0, None]
    assert window.production.counts["closed"].text() == "3"
    assert window.production.counts["open"].text() == "1"


def test_filters_change_the_numbers(window, ctx, qtbot) -> None:
    kaya = window.filters.consultant_combo.findText("M. Kaya")
    window.filters.consultant_combo.setCurrentIndex(kaya)
    _wait(window, qtbot)
    assert _whole(window, "without_further_help") == ("1", "1")
    assert window.production.counts["open"].text() == "1"
    window.filters.consultant_combo.setCurrentIndex(0)
    window.filters.mode_combo.setCurrentIndex(window.filters.mode_combo.findData("safety"))
    _wait(window, qtbot)
    assert _whole(window, "without_further_help") == ("1", "2")
    assert _whole(window, "dropout") == ("1", "2")
    window.filters.mode_combo.setCurrentIndex(0)
    window.filters.set_period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    _wait(window, qtbot)
    assert _whole(window, "without_further_help") == ("0", "1")  # only Gezin Bakker


def test_a_change_elsewhere_reloads_the_figures(window, ctx, cases, qtbot) -> None:
    opened = cases["Gezin Open"].id
    _close(ctx, opened, dt.date(2026, 9, 1), "none", "planned", "fully")
    qtbot.waitUntil(lambda: _whole(window, "without_further_help") == ("3", "4"), timeout=10_000)


def test_figures_are_computed_off_the_gui_thread_and_the_last_choice_wins(window, qtbot) -> None:
    shown: list[object] = []
    window.loaded.connect(lambda: shown.append(window.figures.flt))
    window.filters.set_period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    window.reload()  # asked for at once, then again with other filters before it is done
    assert window.busy
    assert window.filters.note.text().startswith(_("Computing the figures…"))
    window.filters.set_period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    _wait(window, qtbot)
    assert [(flt.start, flt.end) for flt in shown] == [
        (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    ]
    assert _whole(window, "without_further_help") == ("1", "1")  # Gezin Jansen only
    assert not window.filters.note.text().startswith(_("Computing the figures…"))


def test_the_shielded_view_hides_counts_below_five(window, qtbot) -> None:
    assert window.filters.note.text() == _(
        "Actual numbers, for internal use. Choose 'Shielded' to see what the "
        "municipality's files show."
    )
    combo = window.filters.numbers_combo
    computed = window.figures
    combo.setCurrentIndex(combo.findData("shielded"))
    assert not window.busy and window.figures is computed  # shown again, not computed again
    assert _whole(window, "without_further_help") == ("<5", "<5")
    tile = _tile(window, "without_further_help")
    assert tile.share.text() == "–"  # the share of hidden counts is hidden too
    assert not tile.total.numerator.isEnabled()  # its cases would tell the count
    assert all(bar.share is None for bar in tile.chart.bars)
    assert window.filters.note.text() == _(
        "Shielded view, as in the files for the municipality: counts below 5 are "
        "shown as <5 and their shares are hidden."
    )
    assert format_count(7, True) == "7" and format_count(4, True) == "<5"


def test_an_empty_period_says_there_are_no_closed_cases(ctx, qtbot) -> None:
    window = _open(ctx, qtbot)
    assert not window.empty.isHidden()
    assert window.empty.text() == _(
        "No closed cases in this period. The indicators count closed cases: choose a "
        "longer period, or another team, case manager or way of working."
    )
    assert window.tile_grid.isHidden()
    assert window.production.counts["closed"].text() == "0"
    assert not window.production.counts["closed"].isEnabled()


def test_trend_lines() -> None:
    assert trend([0.2, None, 0.6]) == pytest.approx((0, 0.2, 2, 0.6))
    assert trend([None, 0.0, 1.0, None]) == pytest.approx((1, 0.0, 2, 1.0))  # not over K1, K4
    assert trend([0.5]) is None
    assert trend_word([0.2, 0.4, 0.6]) == _("rising")
    assert trend_word([0.6, 0.6]) == _("level")
    assert trend_word([0.9, 0.5]) == _("falling")


# ---- the cases behind a number ---------------------------------------------------------------


def test_a_number_lists_its_cases_and_opens_one(ctx, cases, qtbot) -> None:
    opened: list[int] = []
    window = _open(ctx, qtbot, open_case=opened.append)
    qtbot.mouseClick(
        _tile(window, "without_further_help").total.numerator, Qt.MouseButton.LeftButton
    )
    _wait(window, qtbot)
    listed = [c.name for c in window.drill_pane.cases.rows]
    assert listed == ["Gezin Jansen", "Gezin Smit"]
    assert _("Without further help") in window.drill_pane.title.text()
    qtbot.mouseClick(window.drill_pane.open_button, Qt.MouseButton.LeftButton)
    assert opened == [cases["Gezin Jansen"].id]


def test_the_keyboard_reaches_every_number_and_opens_a_case(ctx, cases, qtbot) -> None:
    opened: list[int] = []
    window = _open(ctx, qtbot, open_case=opened.append)
    window.activateWindow()
    dropout = _tile(window, "dropout").total.numerator
    assert dropout.focusPolicy() & Qt.FocusPolicy.TabFocus
    dropout.setFocus()
    qtbot.keyClick(dropout, Qt.Key.Key_Return)
    _wait(window, qtbot)
    assert [c.name for c in window.drill_pane.cases.rows] == ["Gezin Bakker"]
    assert window.drill_pane.view.hasFocus()  # Enter again opens it
    qtbot.keyClick(window.drill_pane.view, Qt.Key.Key_Return)
    assert opened == [cases["Gezin Bakker"].id]


def test_a_quarter_of_the_chart_opens_its_cases(window, qtbot) -> None:
    chart = _tile(window, "without_further_help").chart
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Home)  # 2025 Q4: Gezin Jansen, no further help
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    _wait(window, qtbot)
    assert [c.name for c in window.drill_pane.cases.rows] == ["Gezin Jansen"]
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # 2026 Q1: nobody in the numerator
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    _wait(window, qtbot)
    assert [c.name for c in window.drill_pane.cases.rows] == ["Gezin Jansen"]  # unchanged


def test_the_help_table_lists_the_cases_with_that_help(ctx, cases, qtbot) -> None:
    for category, units in (("45", 10), ("43", None)):
        ctx.run(
            help_services.add_help,
            cases["Gezin Open"].id,
            {
                "product_list": "ijw-productcategorieen",
                "category": category,
                "starts_on": dt.date(2026, 4, 10),
                "decided_by": "municipality",
                "unit": "hour",
                "unit_cost_cents": 9_550 if units else None,
                "units": units,
            },
        )
    opened: list[int] = []
    window = _open(ctx, qtbot, open_case=opened.append)
    production = window.production
    assert production.kinds_view.isVisibleTo(window) and production.no_help.isHidden()
    rows = {row.kind.category: row for row in production.kinds.rows}
    assert (rows["45"].items, rows["45"].cases, rows["45"].cost) == ("1", "1", format_euros(95_500))
    assert rows["43"].cost == "–"  # no cost recorded
    view = production.kinds_view
    view.setFocus()
    view.setCurrentIndex(production.kinds.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    _wait(window, qtbot)
    assert [c.name for c in window.drill_pane.cases.rows] == ["Gezin Open"]
    qtbot.keyClick(window.drill_pane.view, Qt.Key.Key_Return)
    assert opened == [cases["Gezin Open"].id]


# ---- ways in ---------------------------------------------------------------------------------


def test_the_view_menu_opens_the_results(ctx, cases, qtbot) -> None:
    from jeugdtool.ui.main_window import MainWindow

    main = MainWindow(ctx)
    qtbot.addWidget(main)
    assert main.results_action.shortcut().toString() == "Ctrl+Shift+R"
    assert main.results_action in main.view_menu.actions()
    main.results_action.trigger()
    shown = main.findChildren(DashboardWindow)
    assert len(shown) == 1 and shown[0].isVisible()
    main.results_action.trigger()  # asked again: the same window comes forward
    assert len(main.findChildren(DashboardWindow)) == 1
    _wait(shown[0], qtbot)
    shown[0].close()


def test_the_caseload_links_to_its_teams_results(ctx, cases, qtbot) -> None:
    opened: list[int] = []
    caseload = CaseloadWindow(ctx, open_case=opened.append)
    qtbot.addWidget(caseload)
    caseload.show()
    caseload.results_button.click()
    found = caseload.findChildren(DashboardWindow)
    assert len(found) == 1 and found[0].isVisible()
    _wait(found[0], qtbot)
    found[0].show_cases(DrillRequest("test", (cases["Gezin Smit"].id,)))
    _wait(found[0], qtbot)
    found[0].drill_pane.open_case()
    assert opened == [cases["Gezin Smit"].id]  # a case opens the way the caseload opens one
    found[0].close()


def test_a_team_filter_counts_only_that_teams_cases(ctx, cases, qtbot) -> None:
    team = ctx.run(staff.add_team, "Team Oost")
    theirs = ctx.run(
        households.create_case, name="Gezin Oost", opened_on=dt.date(2025, 6, 1), team_id=team.id
    )
    _close(ctx, theirs.id, dt.date(2026, 3, 3), "none", "planned", "fully")
    window = open_dashboard(ctx, None, team_id=team.id)
    qtbot.addWidget(window)
    window.today = TODAY
    window.filters.today = TODAY
    window.filters.set_default_period()
    _wait(window, qtbot)
    assert window.filters.team_combo.currentText() == "Team Oost"
    assert _whole(window, "without_further_help") == ("1", "1")
    window.filters.team_combo.setCurrentIndex(0)  # all teams
    _wait(window, qtbot)
    assert _whole(window, "without_further_help") == ("3", "4")


def test_cases_the_user_may_not_read_are_counted_but_not_listed(window, cases, qtbot) -> None:
    """In team mode the database leaves out cases outside the user's access (and a destroyed
    case is gone everywhere): the list says how many it leaves out."""
    gone = max(c.id for c in cases.values()) + 100
    window.show_cases(DrillRequest("Zonder vervolghulp", (cases["Gezin Smit"].id, gone)))
    _wait(window, qtbot)
    assert [c.name for c in window.drill_pane.cases.rows] == ["Gezin Smit"]
    assert window.drill_pane.note.text() == ngettext(
        "{n} case is not listed: you have no access to it.",
        "{n} cases are not listed: you have no access to them.",
        1,
    ).format(n=1)
    assert not window.drill_pane.note.isHidden()


def test_numbers_are_written_the_dutch_way() -> None:
    from jeugdtool import i18n

    assert i18n.current_language() == "nl"
    assert format_count(12_500) == "12.500"
    assert format_euros(1_250_000) == "€\u00a012.500"
    assert format_euros(None) == "–"
