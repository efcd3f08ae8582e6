"""On the case overview: when every safety goal has held for its period, the proposal to close
the case (the core decides: `outcomes.closure.closure_proposal`), with the button that opens the
closing dialog, started from the goals' outcomes and the network's plan. Follows the case's
changes while the overview is seen (`seen_with`), else once when it is shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.outcomes import closure

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import WrappingLabel

#: What can make the proposal come or go.
CLOSURE_ENTITIES = (
    "goal_judgement",
    "statement",
    "mapping_moment",
    "plan_review",
    "household",
    "case_closing",
)
STYLE = (
    "QFrame#closureProposal { background: #e8f5e9; border: 1px solid #66bb6a;"
    " border-radius: 4px; } QFrame#closureProposal QLabel { color: #1b4d1f; }"
)


class ClosureProposalPanel(CaseWatcher, QFrame):
    ENTITIES = CLOSURE_ENTITIES
    HOUSEHOLD_STATUS_ONLY = True  # renaming the family changes neither

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.proposal: closure.ClosureProposal | None = None
        self.setObjectName("closureProposal")  # styled when first shown (mostly it is not)
        self.text = WrappingLabel("", self)
        self.button = QPushButton(_("Close case…"), self)
        self.button.setObjectName("close-from-proposal")
        self.button.setToolTip(_("Opens the closing, started from the goals' outcomes"))
        self.button.clicked.connect(self.close_case)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.watch_case(ctx, case_id)
        self.reload()

    def reload(self, today: dt.date | None = None) -> None:
        try:
            self.proposal = closure.closure_proposal(self.ctx.uow, self.case_id, today)
        except NotFound:
            self.proposal = None
        proposal = self.proposal
        if proposal is not None:
            self.text.setText(
                _(
                    "Every safety goal has held for its period (the last one on {date}). "
                    "Is it time to close the case? The closing starts from the goals' "
                    "outcomes and the network's plan for afterwards."
                ).format(date=format_date_nl(proposal.held_since))
            )
        if proposal is not None and not self.styleSheet():
            self.setStyleSheet(STYLE)
        self.setVisible(proposal is not None)

    def close_case(self) -> bool:
        from jeugdtool.ui.closing.closing_dialog import close_interactively

        return close_interactively(self.ctx, self.window(), self.case_id)
