"""The dialogs of plan review (toetsing): submitting a finalised version to a reviewer, and the
reviewer's decision (approve or return) with a comment per agreement and statement.

Both work by keyboard alone. What may be submitted or decided is the core's rule
(framework/plan_approval_rules.py): the dialogs hand what was typed to a `submit` callable that
raises on a refusal; the message is shown in the dialog and everything typed stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.staff import StaffMember
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import plan_approval
from jeugdtool.framework import plan_approval_rules
from jeugdtool.framework import plan_policy
from jeugdtool.framework.plan_approval_dto import ApprovalDTO
from jeugdtool.framework.plan_approval_dto import CommentInput
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.widgets import LinesTextEdit
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel

#: Submits (reviewer_id, reviewer name, note); raises to keep the dialog open.
SubmitSubmission = Callable[[int | None, str, str], None]
#: Decides (approve, decided_by or None, note, comments); raises to keep the dialog open.
SubmitDecision = Callable[[bool, str | None, str, Sequence[CommentInput]], None]


def _note_edit(parent: QWidget, lines: int, placeholder: str) -> QPlainTextEdit:
    edit = LinesTextEdit(parent, lines)
    edit.setPlaceholderText(placeholder)
    return edit


def _accept_keys(dialog: QDialog) -> None:
    for key in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(key), dialog, activated=dialog.accept)


def reviewers(uow: UnitOfWork, me: StaffMember) -> list[StaffMember]:
    """The active colleagues with the reviewer role, the submitter left out (a team database);
    none when the staff list cannot be read."""
    try:
        return plan_approval.reviewer_choices(uow, me)
    except JeugdtoolError:
        return []


class SubmitDialog(QDialog):
    """Submit version N for review: the reviewer (team mode: a colleague with the reviewer
    role, or any reviewer; single-user mode: the typed name of a colleague), a note, and the
    date by which the review is due."""

    def __init__(
        self,
        plan: PlanVersionDTO,
        *,
        team_mode: bool,
        choices: Sequence[StaffMember],
        due_on: dt.date,
        submit: SubmitSubmission,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._submit, self.team_mode = submit, team_mode
        self.setWindowTitle(_("Submit version {n} for review").format(n=plan.number))
        self.setMinimumWidth(560)
        intro = WrappingLabel(
            _(
                "A reviewer (werkbegeleider or gedragsdeskundige) looks at the finalised plan and "
                "approves it or returns it with comments. The review is due on {date}."
            ).format(date=format_date_nl(due_on)),
            self,
        )
        self.reviewer_combo = QComboBox(self)
        self.reviewer_combo.addItem(_("Any reviewer of the team"), None)
        for person in choices:
            self.reviewer_combo.addItem(person.name, person.id)
        self.reviewer_name = line_edit(
            self, "", _("Reviewer"), _("Name of the colleague who reviews the plan")
        )
        self.reviewer_combo.setAccessibleName(_("Reviewer"))
        reviewer_field: QWidget = self.reviewer_combo if team_mode else self.reviewer_name
        self.reviewer_combo.setVisible(team_mode)
        self.reviewer_name.setVisible(not team_mode)
        self.note = _note_edit(self, 4, _("What the reviewer should know or look at"))
        self.note.setAccessibleName(_("Note for the reviewer"))
        self.error = ErrorLabel(self)
        reviewer_label = QLabel(_("&Reviewer:"), self)
        reviewer_label.setBuddy(reviewer_field)
        note_label = QLabel(_("&Note:"), self)
        note_label.setBuddy(self.note)
        form = QFormLayout()
        form.addRow(reviewer_label, reviewer_field)
        form.addRow(note_label, self.note)
        buttons = ok_cancel(self, _("&Submit"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        _accept_keys(self)
        reviewer_field.setFocus()

    def accept(self) -> None:
        if self.team_mode:
            reviewer_id = self.reviewer_combo.currentData()
            name = self.reviewer_combo.currentText() if reviewer_id is not None else ""
        else:
            reviewer_id, name = None, self.reviewer_name.text().strip()
        try:
            self._submit(reviewer_id, name, self.note.toPlainText().strip())
        except JeugdtoolError as exc:
            self.error.show_message(str(exc))
            return
        super().accept()


@dataclass(frozen=True)
class Target:
    """What a comment can be about: an agreement, a statement, or the plan as a whole."""

    kind: CommentTarget
    key: str
    label: str
    text: str


def comment_targets(detail: PlanDetail) -> list[Target]:
    """The plan as a whole, each agreement (by number) and each danger statement, safety goal
    and bottom line, in the order the plan page shows them."""
    targets = [Target(CommentTarget.PLAN, "", _("The plan as a whole"), "")]
    for agreement in detail.agreements:
        label = _("Agreement {n}").format(n=agreement.position)
        targets.append(Target(CommentTarget.AGREEMENT, agreement.lineage, label, agreement.what))
    titles = {
        StatementType.DANGER: _("Danger statement {n}"),
        StatementType.SAFETY_GOAL: _("Safety goal {n}"),
        StatementType.BOTTOM_LINE: _("Bottom line {n}"),
    }
    for kind, title in titles.items():
        of_kind = [s for s in detail.statements if s.type is kind]
        for n, statement in enumerate(of_kind, 1):
            label = title.format(n=n)
            targets.append(
                Target(CommentTarget.STATEMENT, statement.lineage, label, statement.text)
            )
    return targets


class DecisionDialog(QDialog):
    """The reviewer's decision: approve or return, who decided (single-user mode: a colleague's
    name), a note, and a comment per agreement or statement — the list on the left chooses
    what the comment box on the right is about (arrow keys, then Tab)."""

    def __init__(
        self,
        approval: ApprovalDTO,
        detail: PlanDetail,
        *,
        team_mode: bool,
        submit: SubmitDecision,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._submit, self.team_mode, self.approval = submit, team_mode, approval
        self.setWindowTitle(_("Review version {n} of the plan").format(n=approval.version_number))
        self.setMinimumWidth(760)
        self.targets = comment_targets(detail)
        #: Target index -> the comment typed for it.
        self.texts: dict[int, str] = {}
        about = _("Submitted on {date} by {who}.").format(
            date=format_date_nl(approval.submitted_on), who=approval.submitted_by
        )
        if approval.note:
            about += " " + _("Note: {note}").format(note=approval.note)
        intro = WrappingLabel(about, self)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.approve_radio = QRadioButton(_("&Approve the plan"), self)
        self.return_radio = QRadioButton(_("Re&turn it with comments"), self)
        group = QButtonGroup(self)
        group.addButton(self.approve_radio)
        group.addButton(self.return_radio)
        self.approve_radio.setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(self.approve_radio)
        choice.addWidget(self.return_radio)
        choice.addStretch(1)

        self.decided_by = line_edit(
            self, "", _("Reviewed by"), _("Name of the colleague who reviewed the plan")
        )
        self.decided_label = decided_label = QLabel(_("Reviewed &by:"), self)
        decided_label.setBuddy(self.decided_by)
        for widget in (decided_label, self.decided_by):
            widget.setVisible(not team_mode)

        self.target_list = QListWidget(self)
        self.target_list.setAccessibleName(_("What the comment is about"))
        for target in self.targets:
            item = QListWidgetItem(target.label, self.target_list)
            item.setToolTip(target.text)
        self.target_list.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        self.target_list.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 18)
        self.target_text = WrappingLabel("", self)
        self.target_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment = _note_edit(self, 5, _("Your comment on this part of the plan"))
        self.comment.setAccessibleName(_("Comment"))
        self.targets_label = targets_label = QLabel(_("Comment o&n:"), self)
        targets_label.setBuddy(self.target_list)
        comment_label = QLabel(_("&Comment:"), self)
        comment_label.setBuddy(self.comment)
        right = QVBoxLayout()
        right.addWidget(self.target_text)
        right.addWidget(comment_label)
        right.addWidget(self.comment)
        right.addStretch(1)
        comments = QHBoxLayout()
        comments.addWidget(self.target_list)
        comments.addLayout(right, 1)

        self.note = _note_edit(self, 3, _("What the consultant should know about the decision"))
        self.note.setAccessibleName(_("Note with the decision"))
        note_label = QLabel(_("N&ote with the decision:"), self)
        note_label.setBuddy(self.note)
        self.error = ErrorLabel(self)
        buttons = ok_cancel(self, _("&Decide"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choice)
        who = QHBoxLayout()
        who.addWidget(decided_label)
        who.addWidget(self.decided_by, 1)
        layout.addLayout(who)
        layout.addWidget(targets_label)
        layout.addLayout(comments, 1)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        _accept_keys(self)
        self._current = -1
        self.target_list.currentRowChanged.connect(self._target_changed)
        self.comment.textChanged.connect(self._comment_changed)
        self.target_list.setCurrentRow(0)
        self.approve_radio.setFocus()

    def _target_changed(self, row: int) -> None:
        self._current = -1  # filling the box is not typing in it
        target = self.targets[row] if 0 <= row < len(self.targets) else None
        self.target_text.setText(short(target.text) if target is not None else "")
        self.target_text.setVisible(bool(target is not None and target.text))
        self.comment.setPlainText(self.texts.get(row, ""))
        self._current = row

    def _comment_changed(self) -> None:
        row = self._current
        if row < 0:
            return
        text = self.comment.toPlainText()
        if text.strip():
            self.texts[row] = text
        else:
            self.texts.pop(row, None)
        item = self.target_list.item(row)
        mark = " ✎" if text.strip() else ""
        item.setText(self.targets[row].label + mark)

    def comments(self) -> tuple[CommentInput, ...]:
        """The comments typed, in the order of the list."""
        return tuple(
            CommentInput(t.kind, t.key, t.label, self.texts[row].strip())
            for row, t in enumerate(self.targets)
            if row in self.texts
        )

    def set_comment(self, row: int, text: str) -> None:
        """Choose a target and type its comment (as a user would by keyboard; for tests)."""
        self.target_list.setCurrentRow(row)
        self.comment.setPlainText(text)

    def accept(self) -> None:
        approve = self.approve_radio.isChecked()
        decided_by = None if self.team_mode else self.decided_by.text().strip()
        try:
            self._submit(approve, decided_by, self.note.toPlainText().strip(), self.comments())
        except InvalidInput as exc:
            self.error.show_message("\n".join(p.message for p in exc.problems) or str(exc))
            return
        except JeugdtoolError as exc:
            self.error.show_message(str(exc))
            return
        super().accept()


def submit_due_on(uow: UnitOfWork, today: dt.date | None = None) -> dt.date:
    """The date a review submitted today is due (the organisation's working days)."""
    today = today or dt.date.today()
    return plan_approval_rules.due_date(today, plan_policy.review_days(uow))
