"""On the plan page: where the review (toetsing) of the version shown stands — not submitted,
waiting for a reviewer (due date; overdue in red and in words), approved (by whom, when, the next
review), or returned with the reviewer's comments — with the steps that fit: submit, withdraw,
decide. The comments are also handed to the page, to show at the agreements and statements
they are about (`comments_by_key`)."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import plan_approval_rules
from jeugdtool.framework.plan_approval_dto import ApprovalDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.i18n import _
from jeugdtool.meetings.caseload import review_countdown

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour

PANEL_STYLE = (
    "#approval-panel { background: palette(base); border: 1px solid palette(mid);"
    " border-radius: 4px; }"
)


def latest_of(approvals: list[ApprovalDTO], version_id: int) -> ApprovalDTO | None:
    """The newest submission of a version (a withdrawn one too: it says what happened)."""
    own = plan_approval_rules.newest_first(a for a in approvals if a.plan_version_id == version_id)
    return own[0] if own else None


def comments_by_key(approval: ApprovalDTO | None) -> dict[tuple[str, str], list[str]]:
    """(target kind, target key) -> the reviewer's comments on it, of a returned or approved
    submission."""
    found: dict[tuple[str, str], list[str]] = {}
    if approval is None or approval.state not in (ApprovalState.RETURNED, ApprovalState.APPROVED):
        return found
    for comment in approval.comments:
        kind = CommentTarget(comment.target_kind)
        found.setdefault((kind.value, comment.target_key), []).append(comment.text)
    return found


def comment_label(kind: CommentTarget | str, label: str, limit: int = 60) -> str:
    """What a comment is about, as the list of comments names it: "The plan as a whole" for
    the plan (or a comment without a label), else its label shortened at a word boundary and
    without the sentence's own closing stop (a colon follows it)."""
    words = " ".join(label.split())
    if CommentTarget(kind) is CommentTarget.PLAN or not words:
        return CommentTarget.PLAN.label
    if len(words) > limit:
        cut = words[: limit - 1]
        words = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:.") + "…"
    return words.rstrip(".:;,")


def comment_line(texts: list[str] | tuple[str, ...]) -> str:
    """The reviewer's comments on one agreement or statement, as one line shown with it."""
    return _("Reviewer's comment: {text}").format(text=" / ".join(texts)) if texts else ""


def status_text(approval: ApprovalDTO | None, today: dt.date) -> str:
    """The review of a version in one rich-text paragraph (overdue in red and in words)."""
    esc = html.escape
    if approval is None or approval.state is ApprovalState.WITHDRAWN:
        text = _("Review: not submitted yet.")
        if approval is not None:
            text = _("Review: the submission was withdrawn; submit it again when ready.")
        return esc(text)
    state = ApprovalState(approval.state)
    if state is ApprovalState.SUBMITTED:
        who = approval.reviewer or _("any reviewer")
        text = esc(
            _("Review: submitted on {date} by {by} to {who}; due on {due}.").format(
                date=format_date_nl(approval.submitted_on),
                by=approval.submitted_by,
                who=who,
                due=format_date_nl(approval.due_on),
            )
        )
        if approval.overdue:
            words = _("Review overdue: {late}").format(
                late=review_countdown(approval.due_on, True, today)
            )
            text += f' <b style="color:{colour(Role.ERROR)}">{esc(words)}</b>'
        return text
    if state is ApprovalState.APPROVED:
        text = _("Approved on {date} by {who}.").format(
            date=format_date_nl(approval.decided_on), who=approval.decided_by
        )
        if approval.re_review_on is not None:
            text += " " + _("Next review by a reviewer: {date}.").format(
                date=format_date_nl(approval.re_review_on)
            )
        out = f'<b style="color:{colour(Role.OK)}">✓</b> ' + esc(text)
    else:
        text = _("Returned on {date} by {who}; see the comments below and start a new draft.")
        out = f'<b style="color:{colour(Role.ERROR)}">↩</b> ' + esc(
            text.format(date=format_date_nl(approval.decided_on), who=approval.decided_by)
        )
    if approval.decision_note:
        out += "<br>" + esc(_("Reviewer's note: {note}").format(note=approval.decision_note))
    return out


def returned_before_text(approval: ApprovalDTO) -> str:
    """Above a new draft: the version before was returned, its comments are to work on."""
    text = _(
        "Version {n} was returned on {date} by {who}. Work the comments into this draft; "
        "they are shown at what they are about."
    ).format(
        n=approval.version_number,
        date=format_date_nl(approval.decided_on),
        who=approval.decided_by,
    )
    out = f'<b style="color:{colour(Role.ERROR)}">↩</b> ' + html.escape(text)
    if approval.decision_note:
        note = _("Reviewer's note: {note}").format(note=approval.decision_note)
        out += "<br>" + html.escape(note)
    return out


class ApprovalPanel(QFrame):
    """The review of the version shown; its buttons ask the page to act."""

    submit_requested = Signal()
    withdraw_requested = Signal()
    decide_requested = Signal()
    agenda_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approval-panel")
        self.setStyleSheet(PANEL_STYLE)
        self.approval: ApprovalDTO | None = None
        self.text = QLabel(self)
        self.text.setObjectName("approval-status")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comments = QLabel(self)
        self.comments.setObjectName("approval-comments")
        self.comments.setTextFormat(Qt.TextFormat.RichText)
        self.comments.setWordWrap(True)
        self.comments.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.submit_button = QPushButton(_("Submit for re&view…"), self)
        self.submit_button.setToolTip(_("Ask a reviewer to approve this version (Ctrl+Shift+T)"))
        self.withdraw_button = QPushButton(_("&Withdraw from review"), self)
        self.decide_button = QPushButton(_("Appro&ve or return…"), self)
        self.decide_button.setToolTip(_("Approve this version or return it with comments"))
        self.agenda_button = QPushButton(_("On the a&genda of the next meeting"), self)
        self.agenda_button.setToolTip(
            _("Put the case on the agenda of the next reflective-practice meeting")
        )
        self.agenda_button.clicked.connect(self.agenda_requested)
        self.submit_button.clicked.connect(self.submit_requested)
        self.withdraw_button.clicked.connect(self.withdraw_requested)
        self.decide_button.clicked.connect(self.decide_requested)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        buttons = (self.submit_button, self.withdraw_button, self.decide_button, self.agenda_button)
        for button in buttons:
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(row)
        layout.addWidget(self.comments)

    def show_approval(
        self,
        plan: PlanVersionDTO | None,
        approval: ApprovalDTO | None,
        *,
        may_submit: bool,
        may_withdraw: bool,
        may_decide: bool,
        may_plan_meeting: bool = False,
        today: dt.date | None = None,
    ) -> None:
        """Show the review of `plan`; of a draft, the return of the version before it (its
        comments to work on); hidden otherwise."""
        self.approval = approval
        earlier = plan is not None and approval is not None and approval.plan_version_id != plan.id
        shown = plan is not None and (plan.is_final or earlier)
        self.setVisible(shown)
        if not shown:
            return
        if earlier and approval is not None:
            self.text.setText(returned_before_text(approval))
        else:
            self.text.setText(status_text(approval, today or dt.date.today()))
        self.submit_button.setVisible(may_submit)
        self.withdraw_button.setVisible(may_withdraw)
        self.decide_button.setVisible(may_decide)
        self.agenda_button.setVisible(may_plan_meeting)
        self._show_comments(approval)

    def _show_comments(self, approval: ApprovalDTO | None) -> None:
        """The comments on the plan as a whole here; the others also at what they are about."""
        lines = []
        decided = approval is not None and approval.state in (
            ApprovalState.RETURNED,
            ApprovalState.APPROVED,
        )
        for comment in approval.comments if approval is not None and decided else ():
            label = html.escape(comment_label(comment.target_kind, comment.target_label))
            lines.append(f"<b>{label}</b>: {html.escape(comment.text)}")
        if lines:
            title = html.escape(_("The reviewer's comments:"))
            self.comments.setText(f"{title}<br>" + "<br>".join(lines))
        self.comments.setVisible(bool(lines))
