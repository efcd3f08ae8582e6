"""The review queue (Toetsing): the finalised plans waiting for a reviewer, oldest due first,
with the day each is due (an overdue one in red and in words). From here a reviewer decides
(approve or return with comments), opens the case, or puts the case on the agenda of the next
reflective-practice meeting. A team leader can show only the overdue reviews of the team.

Which submissions someone sees is the database's rule (team mode: row-level security); the
queue and the overdue list are the core's (framework/plan_approval.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import plan_approval
from jeugdtool.framework import plans
from jeugdtool.framework.plan_approval_dto import QueueItem
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings.caseload import review_countdown
from jeugdtool.store.roles import StaffRole

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.plan.approval_dialogs import DecisionDialog
from jeugdtool.ui.plan.approval_review import add_to_next_meeting
from jeugdtool.ui.plan.approval_review import may_decide
from jeugdtool.ui.plan.approval_review import open_decision
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table
from jeugdtool.ui.side_window import CaseListWindow

#: Changes that alter the queue: submissions and decisions, plans, the cases themselves.
QUEUE_ENTITIES = ("plan_approval", "plan_approval_comment", "plan_version", "household")


def due_of(item: QueueItem) -> dt.date | None:
    """A waiting submission's due day; an approved plan's re-review day (the overdue list)."""
    approval = item.approval
    return approval.due_on if approval.state is ApprovalState.SUBMITTED else approval.re_review_on


def due_text(item: QueueItem, today: dt.date | None = None) -> str:
    """The due date (of an approved plan: its re-review); an overdue one with how late in
    words (not by colour alone)."""
    day = due_of(item)
    if day is None:
        return ""
    if not item.overdue:
        return format_date_nl(day)
    late = review_countdown(day, True, today or dt.date.today())
    return f"{format_date_nl(day)} ({late})" if late else format_date_nl(day)


QUEUE_COLUMNS = (
    Column(
        N_("Due on"),
        due_text,
        key=lambda i: due_of(i) or dt.date.max,
        warn=lambda i: i.overdue,
        tip=lambda i: _("The review is overdue.") if i.overdue else None,
    ),
    Column(
        N_("State"),
        lambda i: i.approval.state.label,
    ),
    Column(N_("Case number"), lambda i: i.case_number),
    Column(N_("Household"), lambda i: i.case_name),
    Column.of_value(N_("Version"), lambda i: i.approval.version_number, str),
    Column.of_value(N_("Submitted on"), lambda i: i.approval.submitted_on, format_date_nl),
    Column(N_("Submitted by"), lambda i: i.approval.submitted_by),
    Column(N_("Reviewer"), lambda i: i.approval.reviewer or _("any reviewer")),
    # Last, taking the room left; cut off there, whole in the tooltip.
    Column(
        N_("Note"),
        lambda i: i.approval.note.replace("\n", " "),
        tip=lambda i: i.approval.note or None,
    ),
)


class ReviewQueueWindow(CaseListWindow):
    """The queue; Enter opens the decision, Ctrl+O the case."""

    place_key = "review_queue"
    preferred_size = QSize(1100, 620)
    title = N_("Plan review (toetsing)")
    reload_on = QUEUE_ENTITIES

    items: list[QueueItem]

    def _build(self) -> None:
        self.summary = QLabel(self)
        self.overdue_check = QCheckBox(_("Only overdue reviews of my &teams"), self)
        self.overdue_check.setToolTip(
            _("The submissions no reviewer decided on in time (for the team leader)")
        )
        self.overdue_check.setVisible(
            self.ctx.team_mode and self.ctx.staff.has(StaffRole.TEAM_LEADER)
        )
        self.overdue_check.toggled.connect(lambda _on: self.reload())
        self.model = RowsModel(QUEUE_COLUMNS, self)
        self.view = make_table(
            self.model, _("Plans waiting for review"), self, stretch=len(QUEUE_COLUMNS) - 1
        )
        self.empty = QLabel(_("No plans are waiting for review."), self)
        self.decide_button = QPushButton(_("&Review…"), self)
        self.decide_button.setToolTip(_("Approve the plan or return it with comments (Enter)"))
        self.open_button = QPushButton(_("&Open case"), self)
        self.open_button.setToolTip(_("Open the case in the main window (Ctrl+O)"))
        self.agenda_button = QPushButton(_("On the &agenda of the next meeting"), self)
        self.agenda_button.setToolTip(
            _("Put the case on the agenda of the next reflective-practice meeting")
        )
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.overdue_check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.decide_button, self.open_button, self.agenda_button):
            buttons.addWidget(button)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.setCentralWidget(central)
        self.view.activated.connect(lambda _index: self.decide())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._enable_buttons())
        self.decide_button.clicked.connect(self.decide)
        self.open_button.clicked.connect(self.open_case)
        self.agenda_button.clicked.connect(self.add_to_agenda)
        QShortcut(QKeySequence("Ctrl+O"), self, self.open_case)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

    # ---- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the queue again, keeping the chosen submission."""
        current = self.current()
        try:
            if self.overdue_check.isChecked():
                self.items = plan_approval.overdue_reviews(self.ctx.uow)
            else:
                self.items = plan_approval.review_queue(self.ctx.uow)
        except JeugdtoolError as exc:
            self.items = []
            self.summary.setText(str(exc))
        self.model.set_rows(self.items)
        fit_columns(self.view)
        rows = [i.approval.id for i in self.model.rows]
        if rows:
            wanted = current.approval.id if current is not None else None
            self.view.selectRow(rows.index(wanted) if wanted in rows else 0)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        overdue = sum(1 for i in self.items if i.overdue)
        self.summary.setText(
            " · ".join(
                (
                    ngettext("{n} plan waiting", "{n} plans waiting", len(self.items)).format(
                        n=len(self.items)
                    ),
                    ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue),
                )
            )
        )
        self._enable_buttons()
        (self.view if rows else self.overdue_check).setFocus()

    # ---- choosing and acting -------------------------------------------------------------

    def current(self) -> QueueItem | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _enable_buttons(self) -> None:
        item = self.current()
        self.decide_button.setEnabled(item is not None and may_decide(self.ctx, item.approval))
        self.open_button.setEnabled(item is not None)
        self.agenda_button.setEnabled(item is not None and not self.ctx.read_only)

    def decide(self) -> DecisionDialog | None:
        """The decision on the submission chosen (the dialog, for tests; None: not offered)."""
        item = self.current()
        if item is None or not may_decide(self.ctx, item.approval):
            return None
        try:
            detail = plans.get_plan(self.ctx.uow, item.approval.plan_version_id)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return None
        return open_decision(self.ctx, item.approval, detail, self)

    def open_case(self) -> None:
        item = self.current()
        if item is not None:
            self.case_activated.emit(item.case_id)

    def add_to_agenda(self) -> None:
        """Put the case on the next reflective-practice meeting's agenda, saying why."""
        item = self.current()
        if item is None:
            return
        add_to_next_meeting(self.ctx, item.case_id, f"{item.case_number} {item.case_name}")


def open_review_queue(
    ctx: AppContext, parent: QWidget, open_case: Callable[[int], None] | None = None
) -> ReviewQueueWindow:
    return ReviewQueueWindow.show_one(ctx, parent, open_case=open_case)
