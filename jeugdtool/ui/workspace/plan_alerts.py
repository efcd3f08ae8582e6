"""On the case overview: what in the safety plan needs attention (shown only then); follows
the plan's changes while the overview is seen (`seen_with`), else once when it is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import plan_reviews
from jeugdtool.i18n import _

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import CaseWatcher

#: Changes after which the alerts may differ.
PLAN_ENTITIES = ("plan_version", "agreement", "plan_review", "review_result")
STYLE = (
    "#planAlerts { background: #fff3e0; border: 1px solid #e0a050; border-radius: 4px; }"
    " #planAlerts QLabel { color: #5d3a00; }"
)


class PlanAlertsPanel(CaseWatcher, QFrame):
    ENTITIES = PLAN_ENTITIES

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        alerts: plan_reviews.PlanAlerts | None = None,
    ):
        """`alerts`: as just read with the plan's status line (not read again)."""
        super().__init__(parent)
        self.setObjectName("planAlerts")  # styled when first shown (mostly it is not)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text)
        self.watch_case(ctx, case_id)
        self.reload(alerts)

    def reload(self, alerts: plan_reviews.PlanAlerts | None = None) -> None:
        if alerts is None:
            alerts = plan_reviews.case_alerts(self.ctx.uow, self.case_id)
        lines = []
        if alerts.review_overdue and alerts.review_due_on is not None:
            lines.append(
                _("⚠ The safety plan's review was planned for {date} and is overdue.").format(
                    date=format_date_nl(alerts.review_due_on)
                )
            )
        for agreement in alerts.agreements_past_date:
            passed = [d for d in (agreement.due_on, agreement.review_on) if d is not None]
            day = min(passed) if passed else None
            lines.append(
                _("⚠ Agreement past its date ({date}): {what}").format(
                    date=format_date_nl(day), what=agreement.what
                )
            )
        self.text.setText("\n".join(lines))
        if lines and not self.styleSheet():
            self.setStyleSheet(STYLE)
        self.setVisible(bool(lines))
