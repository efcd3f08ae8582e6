"""Pages that reload only while seen (ui/stale.StaleWhileHidden): a change while hidden marks
them stale, and showing them reloads them once."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import scale
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

from jeugdtool.ui.framework.map_page import FrameworkPage
from jeugdtool.ui.plan.network_flags import PlanNetworkAndFlags
from jeugdtool.ui.plan.plan_page import PlanPage
from jeugdtool.ui.plan.reviews import PlanReviews
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.case_team import CaseTeamRow
from jeugdtool.ui.workspace.closure_proposal import ClosureProposalPanel
from jeugdtool.ui.workspace.disclosures import DisclosuresPage
from jeugdtool.ui.workspace.history import HistoryPage
from jeugdtool.ui.workspace.household_form import HouseholdForm
from jeugdtool.ui.workspace.meetings_summary import MeetingsSummary
from jeugdtool.ui.workspace.overview import OverviewPage
from jeugdtool.ui.workspace.plan_alerts import PlanAlertsPanel
from jeugdtool.ui.workspace.plan_status import PlanStatusLine
from jeugdtool.ui.workspace.privacy_requests import OpenRequestsLabel
from jeugdtool.ui.workspace.scale_summary import ScaleSummary
from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import HISTORY
from jeugdtool.ui.workspace.workspace import OVERVIEW
from jeugdtool.ui.workspace.workspace import SAFETY_PLAN
from jeugdtool.ui.workspace.workspace import ZRM
from jeugdtool.ui.workspace.zrm_summary import ZrmSummary
from jeugdtool.ui.zrm.page import ZrmPage


class Counting(StaleWhileHidden, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.reloads = 0

    def reload(self) -> None:
        self.reloads += 1


def test_a_hidden_page_reloads_once_when_shown_and_not_while_hidden(qtbot) -> None:
    page = Counting()
    qtbot.addWidget(page)
    for _change in range(3):
        page.reload_when_seen()
    assert page.reloads == 0 and page.stale
    page.show()
    assert page.reloads == 1 and not page.stale
    page.hide()
    page.show()  # nothing changed meanwhile: no reload
    assert page.reloads == 1


def test_a_shown_page_reloads_at_once(qtbot) -> None:
    page = Counting()
    qtbot.addWidget(page)
    page.show()
    page.reload_when_seen()
    page.reload_when_seen()
    assert page.reloads == 2 and not page.stale


@pytest.mark.parametrize(
    "kind",
    [
        ZrmSummary,
        MeetingsSummary,
        ScaleSummary,
        PlanStatusLine,
        PlanAlertsPanel,
        ClosureProposalPanel,
        HistoryPage,
        DisclosuresPage,
        OverviewPage,
        FrameworkPage,
        ZrmPage,
        PlanPage,
        PlanReviews,
        PlanNetworkAndFlags,
        HouseholdForm,
        CaseTeamRow,
        OpenRequestsLabel,
    ],
)
def test_the_workspace_pages_use_the_one_helper(kind: type) -> None:
    assert issubclass(kind, StaleWhileHidden)
    assert "showEvent" not in vars(kind)  # no copy of the logic of its own
    assert "reload_when_seen" not in vars(kind) and "stale" not in vars(kind)


def _score(ctx, case_id: int, score: int, days_ago: int) -> None:
    fields = {
        "source": Source(SourceKind.OTHER, label="Ria"),
        "role": RaterRole.CASE_MANAGER,
        "score": score,
        "scored_on": dt.date.today() - dt.timedelta(days=days_ago),
        "reason": "Het gaat beter thuis.",
    }
    ctx.run(scale.add_score, case_id, fields)


def _formal(score: int, days_ago: int) -> str:
    day = dt.date.today() - dt.timedelta(days=days_ago)
    return _("Formal score (case manager): {score} on {date}, {name}").format(
        score=score, date=format_date_nl(day), name="Ria"
    )


def test_the_scale_summary_is_not_rebuilt_while_the_overview_is_hidden(
    ctx, case, qtbot, monkeypatch
) -> None:
    summary = ScaleSummary(ctx, case.id)
    qtbot.addWidget(summary)
    summary.show()
    _score(ctx, case.id, 4, days_ago=3)
    assert summary.formal.text() == _formal(4, days_ago=3)

    reloads: list[None] = []
    original = summary.reload
    monkeypatch.setattr(summary, "reload", lambda: (reloads.append(None), original()))
    summary.hide()  # the consultant scores on the scale page
    _score(ctx, case.id, 6, days_ago=2)
    _score(ctx, case.id, 7, days_ago=1)
    assert reloads == [] and summary.stale
    assert summary.formal.text() == _formal(4, days_ago=3)
    summary.show()
    assert len(reloads) == 1 and not summary.stale
    assert summary.formal.text() == _formal(7, days_ago=1)


# ---- the pages of a case ---------------------------------------------------------------------


def _rename(ctx, case_id: int, name: str) -> None:
    from jeugdtool.cases import households

    ctx.run(households.update_case, case_id, {"name": name})


PAGES = {
    "overview": (OVERVIEW, lambda ws: ws.overview),
    "map": (FRAMEWORK, lambda ws: ws.framework.ensure_built().map),
    "zrm": (ZRM, lambda ws: ws.zrm.ensure_built()),
    "plan": (SAFETY_PLAN, lambda ws: ws.plan.ensure_built()),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_hidden_page_of_the_case_reloads_once_when_shown_again(
    workspace, ctx, case, qtbot, monkeypatch, name
) -> None:
    row, built = PAGES[name]
    workspace.show_page(row)
    page = built(workspace)
    qtbot.waitUntil(page.isVisible)  # a page built on showing is shown just after
    reloads: list[None] = []
    original = page.reload
    monkeypatch.setattr(page, "reload", lambda: (reloads.append(None), original()))
    _rename(ctx, case.id, "Gezin de Vries")  # seen: at once
    assert len(reloads) == 1 and not page.stale

    workspace.show_page(HISTORY)
    for n in range(3):  # the household is part of what each page shows
        _rename(ctx, case.id, f"Gezin Bakker {n}")
    assert len(reloads) == 1 and page.stale
    workspace.show_page(row)
    assert len(reloads) == 2 and not page.stale
    workspace.show_page(HISTORY)
    workspace.show_page(row)  # nothing changed meanwhile
    assert len(reloads) == 2


def test_opening_a_case_to_its_map_builds_neither_the_overview_nor_its_summaries(
    started_window, qtbot
) -> None:
    from jeugdtool.cases import households

    window = started_window
    case = households.create_case(window.ctx.uow, name="Gezin Jansen", case_number="2026-0012")
    window.open_case(case.value.id)
    workspace = window.workspaces[case.value.id]
    workspace.show_page(FRAMEWORK)  # as the go-menu does, right after opening
    qtbot.waitUntil(lambda: workspace.framework.built and workspace.framework.isVisible())
    qtbot.wait(50)  # the turns of the event loop that would have built the overview
    assert not workspace.overview_page.built
    for kind in (OverviewPage, ScaleSummary, ZrmSummary, MeetingsSummary, PlanStatusLine):
        assert workspace.findChildren(kind) == []
    assert workspace.household is not None  # the header knows the case all the same

    workspace.show_page(OVERVIEW)  # first shown: built then, showing the case
    assert workspace.overview_page.built
    assert workspace.overview.form.edits["name"].text() == "Gezin Jansen"


def test_the_overview_is_built_before_it_is_first_painted(ctx, case, qtbot) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtCore import QObject

    built_at_paint: list[bool] = []
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not built_at_paint:
                built_at_paint.append(workspace.overview_page.built)
            return False

    watcher = FirstPaint()
    workspace.overview_page.installEventFilter(watcher)
    assert not workspace.overview_page.built  # made, not shown: not built
    workspace.resize(1366, 768)
    workspace.show()
    qtbot.waitUntil(lambda: bool(built_at_paint))
    assert built_at_paint == [True]  # never painted empty
    assert workspace.overview.form.edits["name"].text() == "Gezin Jansen"


def test_the_comparison_of_moments_is_built_when_first_used(ctx, case, qtbot) -> None:
    from jeugdtool.framework import moments

    from jeugdtool.ui.framework.compare import CompareView
    from jeugdtool.ui.framework.map_page import COMPARE

    for held_on in (dt.date(2026, 1, 5), dt.date(2026, 2, 5)):
        ctx.run(moments.start_moment, case.id, author="A. de Boer", held_on=held_on)
    page = FrameworkPage(ctx, case.id)
    qtbot.addWidget(page)
    page.show()
    assert page.findChildren(CompareView) == []
    first, second = (m.id for m in moments.list_moments(ctx.uow, case.id))
    page.show_comparison(first, second)
    assert len(page.findChildren(CompareView)) == 1
    assert page.stack.currentIndex() == COMPARE and page.stack.currentWidget() is page.compare
    page.show_map()
    page.show_comparison(first, second)  # the same view again, not a second one
    assert len(page.findChildren(CompareView)) == 1


def test_an_alert_that_hid_itself_comes_back_while_its_overview_is_seen(
    workspace, ctx, case, qtbot
) -> None:
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plans

    alerts = workspace.overview.alerts
    assert alerts.isHidden()  # nothing to say: hidden, yet seen with the overview
    workspace.show_page(HISTORY)
    draft = ctx.run(plans.start_draft, case.id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": dt.date(2026, 1, 5)})
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")
    assert alerts.isHidden() and alerts.stale  # the overview is hidden: only noted
    workspace.show_page(OVERVIEW)
    assert not alerts.isHidden() and not alerts.stale
    assert "05-01-2026" in alerts.text.text()
