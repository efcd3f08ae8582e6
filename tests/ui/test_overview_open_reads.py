"""Opening a case to its overview reads the plan's alerts once (the status line and the alerts
panel share the read) and styles a part that is seldom shown only when it first shows."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.inline import ErrorLabel

TODAY = dt.date.today()


def _overdue_plan(ctx, case_id: int) -> None:
    draft = ctx.run(plans.start_draft, case_id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": TODAY - dt.timedelta(days=9)})
    ctx.run(plans.add_agreement, draft.id, {"what": "Moeder belt elke vrijdag de school"})
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")


def test_the_overview_reads_what_needs_attention_in_the_plan_once(
    ctx, case, qtbot, monkeypatch
) -> None:
    _overdue_plan(ctx, case.id)
    reads = []
    original = plan_reviews._alerts

    def counted(*args, **kwargs):
        reads.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(plan_reviews, "_alerts", counted)
    ws = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    ws.show()
    overview = ws.overview
    assert len(reads) == 1
    # Both show it: the line the review date in red, the panel the overdue review, styled.
    assert colour(Role.ERROR) in overview.plan_status.text.text()
    assert overview.alerts.isVisibleTo(overview)
    assert format_date_nl(TODAY - dt.timedelta(days=9)) in overview.alerts.text.text()
    assert "#planAlerts" in overview.alerts.styleSheet()


def test_panels_with_nothing_to_say_carry_no_style_sheet(workspace) -> None:
    overview = workspace.overview
    for panel in (overview.alerts, overview.closure):
        assert not panel.isVisibleTo(overview) and panel.styleSheet() == ""
    for error in overview.form.errors.values():
        assert not error.isVisibleTo(overview) and error.styleSheet() == ""


def test_an_error_label_takes_the_error_colour_when_first_shown(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    shown, messaged = ErrorLabel(parent), ErrorLabel(parent)
    assert shown.styleSheet() == "" and shown.isHidden()
    shown.show()
    messaged.show_message(_("Fill in a name."))
    for label in (shown, messaged):
        assert colour(Role.ERROR) in label.styleSheet()
    messaged.show_message(None)
    assert messaged.isHidden()
