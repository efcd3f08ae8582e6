"""On the case overview: where the safety plan stands and when its next review is, by the case
list's rule (`meetings.caseload.case_columns`), with a button to the plan page. What needs
attention in the plan is read with it (`caseload.case_plan`), for the alerts panel under it."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import plan_reviews
from jeugdtool.framework.plan_approval_dto import PlanStatusDTO
from jeugdtool.framework.vocab import PlanState
from jeugdtool.i18n import _
from jeugdtool.meetings import caseload

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.plan_alerts import PLAN_ENTITIES

#: Closing or reopening the case changes whether a review can be overdue.
STATUS_ENTITIES = (*PLAN_ENTITIES, "household", "plan_approval", "settings")


def status_html(columns: caseload.PlanColumns, today: dt.date) -> str:
    """ "Safety plan: <status> · next review <date> (<countdown>)", an overdue one in red."""
    text = html.escape(_("Safety plan: {status}").format(status=columns.plan.label))
    text += approval_html(columns.approval, today)
    day = columns.next_review
    if day is None:
        return text
    review = html.escape(_("next review {date}").format(date=format_date_nl(day)))
    countdown = caseload.review_countdown(day, columns.review_overdue, today)
    if columns.review_overdue:
        review += f' <b style="color:{colour(Role.ERROR)}">({html.escape(countdown)})</b>'
    elif caseload.review_held(day, columns.review_overdue, today):
        # Shown apart from a date to come, as in the case list: kept, but no later date yet.
        held = html.escape(_("held; no later review date set yet"))
        review = f'<span style="color:{colour(Role.MUTED)}">{review} ({held})</span>'
    elif countdown:
        review += f" ({html.escape(countdown)})"
    return f"{text} · {review}"


def approval_html(status: PlanStatusDTO, today: dt.date) -> str:
    """ " · review: <state> (<date>)" of the plan in force; a late one in red and in words;
    "" when nothing was finalised yet."""
    if status.state in (PlanState.NONE, PlanState.DRAFT):
        return ""
    text = html.escape(_("plan review: {state}").format(state=status.state.label.lower()))
    day = status.due_on or status.next_review_on
    if status.state is PlanState.REVIEW_OVERDUE and day is not None:
        # "plan review 58 days late", not "plan review: review overdue (58 days late)".
        late = caseload.review_countdown(day, True, today)
        words = html.escape(_("plan review {late}").format(late=late))
        text = f'<b style="color:{colour(Role.ERROR)}">{words}</b>'
    elif status.state is PlanState.APPROVED and status.approved_on is not None:
        text += " " + html.escape(
            _("on {date} by {who}").format(
                date=format_date_nl(status.approved_on), who=status.approved_by
            )
        )
        if status.next_review_on is not None:
            text += html.escape(
                "; "
                + _("review again by {date}").format(date=format_date_nl(status.next_review_on))
            )
    elif day is not None:
        text += " " + html.escape(_("(by {date})").format(date=format_date_nl(day)))
    return " · " + text


class PlanStatusLine(CaseWatcher, QWidget):
    #: The consultant wants the safety plan page.
    open_requested = Signal()
    ENTITIES = STATUS_ENTITIES
    HOUSEHOLD_STATUS_ONLY = True  # renaming the family changes neither

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.columns = caseload.PlanColumns()
        #: What needs attention in the plan, as read with the columns (`PlanAlertsPanel`).
        self.alerts = plan_reviews.PlanAlerts()
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.button = QPushButton(_("To the safety plan…"), self)
        self.button.clicked.connect(self.open_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.watch_case(ctx, case_id)
        self.reload()

    def reload(self, today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        # The alerts come with it (one read): the overview's alerts panel shows them at once.
        self.columns, self.alerts = caseload.case_plan(self.ctx.uow, self.case_id, today)
        self.text.setText(status_html(self.columns, today))
        held = caseload.review_held(self.columns.next_review, self.columns.review_overdue, today)
        self.text.setToolTip(self.columns.alert or (caseload.review_held_note() if held else ""))
