"""A person's ZRM progress (table with arrows, the summary line, the chart), the household heat
map, and the ZRM summary on the case overview, as a consultant reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from PySide6.QtCore import Qt

from jeugdtool.cases import members
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.colours import contrast_ratio as contrast
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.zrm import assessments as za
from jeugdtool.zrm import library
from jeugdtool.zrm.compare import latest_per_person
from jeugdtool.zrm.dto import AssessmentDTO

from jeugdtool.ui.workspace.zrm_summary import ZrmSummary
from jeugdtool.ui.zrm.heat_colours import LEVEL_COLOURS
from jeugdtool.ui.zrm.heat_colours import NOT_ASSESSED
from jeugdtool.ui.zrm.heat_model import FIRST_DOMAIN
from jeugdtool.ui.zrm.household_map import HouseholdMap
from jeugdtool.ui.zrm.progress import ProgressView
from jeugdtool.ui.zrm.progress_chart import BARS
from jeugdtool.ui.zrm.progress_chart import RADAR

TODAY = dt.date.today()


def _day(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).strftime("%d-%m-%Y")


#: Three assessments of Sandra: (days ago, {domain: level}); Financiën is her focus domain.
HISTORY = (
    (200, {"financien": 1, "werk_opleiding": 2, "huisvesting": 3}),
    (100, {"financien": 2, "werk_opleiding": 1, "huisvesting": 3}),
    (10, {"financien": 3, "werk_opleiding": 2, "huisvesting": 2}),
)


@dataclass(frozen=True)
class Household:
    sandra: PersonDTO
    mark: PersonDTO
    noa: PersonDTO
    assessments: tuple[AssessmentDTO, ...]

    @property
    def persons(self) -> list[tuple[int, str]]:
        return [(p.id, p.full_name) for p in (self.sandra, self.mark, self.noa)]


@pytest.fixture
def household(uow, case) -> Household:
    def person(first: str, role: str) -> PersonDTO:
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case.id, fields).value

    sandra, mark, noa = person("Sandra", "parent"), person("Mark", "parent"), person("Noa", "child")
    for number, (days_ago, levels) in enumerate(HISTORY):
        on = TODAY - dt.timedelta(days=days_ago)
        assessment = za.create_assessment(uow, sandra.id, assessed_on=on).value
        for code, level in levels.items():
            za.set_domain(uow, assessment.id, code, {"level": level})
        if number == 0:  # carried forward unchanged: one target
            za.set_domain(uow, assessment.id, "financien", {"focus": True, "target_level": 3})
    return Household(sandra, mark, noa, za.list_assessments(uow, case.id))


@pytest.fixture
def view(qtbot) -> ProgressView:
    widget = ProgressView()
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.show()
    return widget


def _row(view: ProgressView, name: str) -> list[str]:
    model = view.model
    for row in range(model.rowCount()):
        if str(model.headerData(row, Qt.Orientation.Vertical)).endswith(name):
            return [model.index(row, c).data() for c in range(model.columnCount())]
    raise AssertionError(f"no row {name!r}")


def test_the_table_shows_each_level_with_its_arrow_oldest_first(view, uow, household):
    view.show_person(household.sandra.id, household.assessments, library.matrices(uow))
    model = view.model
    dates = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    expected = [(TODAY - dt.timedelta(days=d)).strftime("%d-%m-%Y") for d, _levels in HISTORY]
    assert dates == expected

    finances = _row(view, "Financiën")
    assert [cell.split(" · ")[0] for cell in finances] == ["1", "2 ▲", "3 ▲"]
    assert all("★" in cell and "3" in cell.split("★")[1] for cell in finances)  # target 3
    assert model.headerData(0, Qt.Orientation.Vertical).startswith("★")
    assert _row(view, "Werk & opleiding") == ["2", "1 ▼", "2 ▲"]
    assert _row(view, "Huisvesting") == ["3", "3 =", "2 ▼"]
    assert _row(view, "Justitie") == ["–", "–", "–"]  # never assessed: no arrow

    first = model.index(0, 0)
    background = first.data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert background == LEVEL_COLOURS[1][0]  # acute is red; the number is written too
    assert "Acute" in first.data(Qt.ItemDataRole.ToolTipRole)


def test_the_summary_counts_first_to_latest_and_targets(view, uow, household):
    view.show_person(household.sandra.id, household.assessments, library.matrices(uow))
    # Financiën 1 → 3 better, Huisvesting 3 → 2 worse, Werk & opleiding 2 → 2 the same; the
    # target (3, set on the first and carried forward) is reached on the third.
    expected = _("From {first} to {latest}: {improved}, {worsened} worsened, {goals}.").format(
        first=_day(200),
        latest=_day(10),
        improved=ngettext("{n} domain improved", "{n} domains improved", 1).format(n=1),
        worsened=1,
        goals=_("targets reached {reached} of {total}").format(reached=1, total=1),
    )
    assert view.summary.text() == expected
    assert "Sandra Jansen" in view.title.text()


def test_the_chart_builds_as_bars_and_as_radar(view, uow, household):
    view.show_person(household.sandra.id, household.assessments, library.matrices(uow))
    chart = view.chart
    assert view.bars_button.isChecked()
    names = chart.series_names()
    assert len(names) == 3  # latest, previous, target
    assert chart.mode == BARS
    bars = chart.plot.targets()
    assert bars and all(t.rect.width() > t.rect.height() for t in bars)  # horizontal bars
    assert all(n.replace(" ", "&nbsp;") in chart.legend.text() for n in names)

    view.radar_button.click()
    assert chart.mode == RADAR
    assert chart.series_names() == names
    assert len(chart.plot.targets()) == len(bars)  # a point for every bar
    assert "&#9733;" in chart.legend.text()  # targets are stars on the radar

    first_only = household.assessments[:1]
    view.show_person(household.sandra.id, first_only, library.matrices(uow))
    assert len(chart.series_names()) == 2  # no previous assessment yet


def test_nobody_or_somebody_not_assessed_says_so(view, uow, household):
    view.show_person(None, household.assessments, library.matrices(uow))
    assert view.empty.isVisibleTo(view) and not view.table.isVisibleTo(view)
    view.show_person(household.mark.id, household.assessments, library.matrices(uow))
    assert view.empty.isVisibleTo(view) and view.model.rowCount() == 0
    assert view.chart.series_names() == []


def test_level_colours_are_readable():
    for background, text in [*LEVEL_COLOURS.values(), NOT_ASSESSED]:
        assert contrast(background, text) >= 4.5


# ---- the household heat map --------------------------------------------------------------


@pytest.fixture
def heat(qtbot, uow, household) -> HouseholdMap:
    widget = HouseholdMap()
    qtbot.addWidget(widget)
    widget.set_data(
        latest_per_person(household.persons, household.assessments), library.matrices(uow)
    )
    widget.show()
    return widget


def _heat_cell(heat: HouseholdMap, person: str, domain: str) -> str:
    model = heat.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == person)
    column = next(
        c
        for c in range(FIRST_DOMAIN, model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == domain
    )
    return model.index(row, column).data()


def test_the_heat_map_shows_the_latest_levels(heat):
    assert _heat_cell(heat, "Sandra Jansen", "Financiën") == "3★"
    assert _heat_cell(heat, "Sandra Jansen", "Huisvesting") == "2"
    assert _heat_cell(heat, "Sandra Jansen", "Justitie") == "–"
    model = heat.model
    assert model.index(0, 1).data() == (TODAY - dt.timedelta(days=10)).strftime("%d-%m-%Y")
    assert model.index(1, 0).data() == "Mark Jansen"
    assert model.index(1, 1).data() == _("not assessed yet")
    assert _heat_cell(heat, "Mark Jansen", "Financiën") == ""
    assert "Acute" in heat.legend.text()  # the five levels are explained under the map


def test_enter_or_double_click_on_a_row_chooses_the_person(heat, qtbot, household):
    table = heat.table
    table.setFocus()
    table.setCurrentIndex(heat.model.index(1, 0))
    with qtbot.waitSignal(heat.person_chosen) as chosen:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert chosen.args == [household.mark.id]

    centre = table.visualRect(heat.model.index(0, 3)).center()
    with qtbot.waitSignal(heat.person_chosen) as chosen:
        # As the mouse sends it: the first click, then the second as a double-click.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert chosen.args == [household.sandra.id]


# ---- the summary on the case overview ------------------------------------------------------


def test_the_overview_summary_shows_each_assessed_person_and_follows_changes(
    ctx, case, household, qtbot
):
    summary = ZrmSummary(ctx, case.id)
    qtbot.addWidget(summary)
    summary.show()
    qtbot.waitUntil(lambda: summary.loaded)
    text = summary.text.text()
    assert "Sandra Jansen" in text and "Mark Jansen" not in text
    assert (TODAY - dt.timedelta(days=10)).strftime("%d-%m-%Y") in text
    assert ngettext("{n} focus domain", "{n} focus domains", 1).format(n=1) in text
    acute = _("⚠ acute: {domains}")
    assert acute.split("{")[0] not in text

    newest = household.assessments[-1]
    ctx.run(za.set_domain, newest.id, "huisvesting", {"level": 1})
    assert acute.format(domains="Huisvesting") in summary.text.text()

    # Hidden (the consultant is on the ZRM page), it only notes the change; shown, it catches up.
    summary.hide()
    ctx.run(za.set_domain, newest.id, "huisvesting", {"level": 3})
    assert summary.stale and acute.format(domains="Huisvesting") in summary.text.text()
    summary.show()
    assert not summary.stale and acute.split("{")[0] not in summary.text.text()
