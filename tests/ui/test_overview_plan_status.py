"""The case overview tells where the safety plan stands and who is which line in the chart."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings import caseload

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.framework.scale_chart import PALETTE
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.workspace import OVERVIEW
from jeugdtool.ui.workspace.workspace import SAFETY_PLAN


def _status(workspace: CaseWorkspace) -> str:
    return workspace.overview.plan_status.text.text()


def _finalised_plan(ctx, case_id: int, next_review: dt.date) -> int:
    draft = ctx.run(plans.start_draft, case_id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": next_review})
    ctx.run(plans.add_agreement, draft.id, {"what": "Moeder belt elke vrijdag de school"})
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")
    return draft.id


def test_a_case_without_a_plan_says_so(workspace) -> None:
    text = _status(workspace)
    assert _("Safety plan: {status}").format(status=_("No plan")) in text
    assert _("next review {date}").split("{")[0] not in text


def test_a_draft_shows_as_draft_as_soon_as_it_is_started(workspace, ctx, case) -> None:
    ctx.run(plans.start_draft, case.id)  # the change signal alone must redraw the line
    assert _("Safety plan: {status}").format(status=PlanStatus.DRAFT.label) in _status(workspace)


def test_an_overdue_review_shows_the_date_and_how_late_in_red(workspace, ctx, case) -> None:
    today = dt.date.today()
    due = today - dt.timedelta(days=3)
    _finalised_plan(ctx, case.id, due)
    line = workspace.overview.plan_status
    text = line.text.text()
    assert _("Safety plan: {status}").format(status=PlanStatus.FINAL.label) in text
    assert _("next review {date}").format(date=due.strftime("%d-%m-%Y")) in text
    late = ngettext("{n} day overdue", "{n} days overdue", 3).format(n=3)
    assert f'<b style="color:{colour(Role.ERROR)}">({late})</b>' in text
    assert line.text.toolTip() == line.columns.alert != ""
    # The same rule as the case list's columns.
    assert line.columns == caseload.list_columns(ctx.uow, today)[case.id]


def test_a_review_still_to_come_counts_down_without_red(workspace, ctx, case) -> None:
    due = dt.date.today() + dt.timedelta(days=5)
    _finalised_plan(ctx, case.id, due)
    text = _status(workspace)
    assert ngettext("in {n} day", "in {n} days", 5).format(n=5) in text
    assert colour(Role.ERROR) not in text


def test_a_review_held_since_the_date_is_shown_muted(workspace, ctx, case) -> None:
    from jeugdtool.framework import plan_reviews

    due = dt.date.today() - dt.timedelta(days=10)
    version_id = _finalised_plan(ctx, case.id, due)
    ctx.run(plan_reviews.add_review, version_id, dt.date.today(), "", [])
    line = workspace.overview.plan_status
    assert _("held; no later review date set yet") in line.text.text()
    assert colour(Role.ERROR) not in line.text.text()
    assert line.text.toolTip() == caseload.review_held_note()


def test_the_button_opens_the_plan_page(workspace, qtbot) -> None:
    assert workspace.nav.currentRow() == OVERVIEW
    qtbot.mouseClick(workspace.overview.plan_status.button, Qt.MouseButton.LeftButton)
    assert workspace.nav.currentRow() == SAFETY_PLAN


def test_review_countdown_rule() -> None:
    today = dt.date(2026, 12, 6)
    assert caseload.review_countdown(None, False, today) == ""
    assert caseload.review_countdown(today, False, today) == _("today")
    one = ngettext("in {n} day", "in {n} days", 1).format(n=1)
    assert caseload.review_countdown(dt.date(2026, 12, 7), False, today) == one
    late = ngettext("{n} day overdue", "{n} days overdue", 10).format(n=10)
    assert caseload.review_countdown(dt.date(2026, 11, 26), True, today) == late
    # Passed but a review was held since: no countdown (the date is shown muted).
    assert caseload.review_countdown(dt.date(2026, 11, 26), False, today) == ""


def _score(ctx, case_id: int, who: str, role: RaterRole, score: int, day: dt.date) -> None:
    source = Source(SourceKind.OTHER, label=who)
    fields = {"source": source, "role": role, "score": score, "scored_on": day, "reason": "r"}
    ctx.run(scale.add_score, case_id, fields)


def test_the_scale_legend_names_each_line_in_its_colour(workspace, ctx, case) -> None:
    summary = workspace.overview.scale
    assert summary.legend.isHidden()  # no scores: no chart and no legend
    _score(ctx, case.id, "Sanne Bakker", RaterRole.CASE_MANAGER, 4, dt.date(2026, 10, 1))
    _score(ctx, case.id, "Opa Kees", RaterRole.NETWORK, 6, dt.date(2026, 10, 8))
    assert not summary.legend.isHidden()
    names = summary.chart.series_names()
    assert len(names) == 2
    legend = summary.legend.text()
    for number, name in enumerate(names):
        entry = f'<span style="color:{PALETTE[number]}">&#9679;</span>&nbsp;'
        assert entry in legend
        assert name.replace(" ", "&nbsp;") in legend
    # In the chart's order: the first line's name comes first.
    first, second = (legend.index(n.replace(" ", "&nbsp;")) for n in names)
    assert first < second
