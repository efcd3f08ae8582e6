"""The sitting of a network meeting: five steps the consultant goes through during the meeting,
by keyboard alone (steps.py). Each step is saved through the core when the consultant goes on
(Ctrl+Enter or Alt+the letter of Next) and is undone on its own (commands.py); Back shows an
earlier step again, and going on from it saves the change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases import validation as v
from jeugdtool.dossier import network_meetings as nm
from jeugdtool.dossier.network_dto import AttendeeInput
from jeugdtool.dossier.network_dto import MeetingDetail
from jeugdtool.dossier.network_dto import MeetingInput
from jeugdtool.dossier.network_dto import RoundScore
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import goals
from jeugdtool.framework import moments
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.goal_dto import JudgementInput
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.plan_rules import same_person
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework.score_input import who_options
from jeugdtool.ui.network import commands as nc
from jeugdtool.ui.network.steps import AcceptanceStep
from jeugdtool.ui.network.steps import Attendee
from jeugdtool.ui.network.steps import GoalChoice
from jeugdtool.ui.network.steps import MeetingStep
from jeugdtool.ui.network.steps import ReviewStep
from jeugdtool.ui.network.steps import ScaleStep
from jeugdtool.ui.network.steps import SharedStep
from jeugdtool.ui.widgets import show_problems
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import heading

#: The steps' titles, in order.
STEP_TITLES = (
    N_("Who and where"),
    N_("What was shared and decided"),
    N_("Scale round"),
    N_("Acceptance of the draft plan"),
    N_("Review of the plan (if held)"),
)

#: The field of a problem with the i-th score of a round, as the core names it.
ROUND_FIELD = re.compile(r"scores\[(\d+)\]")

#: Goes on to the next step (and saves this one), as the Next button does.
NEXT_KEY = "Ctrl+Return"


def attendee_of(row: Any) -> Attendee:
    """An attendee as the core returns it, for the first step (which knows each one's role)."""
    return Attendee(row.source, RaterRole.NETWORK, row.chaired)


class SittingDialog(QDialog):
    """Record (or continue) a network meeting step by step."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        meeting: MeetingDetail | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("NetworkSittingDialog")
        self.setWindowTitle(_("Record a network meeting"))
        self.ctx, self.case_id = ctx, case_id
        self.meeting: MeetingDetail | None = meeting
        self.title = heading("", self)
        self.stack = QStackedWidget(self)
        self.who = MeetingStep(self)
        self.shared = SharedStep(self)
        self.round = ScaleStep(self)
        self.acceptance = AcceptanceStep(self)
        self.review = ReviewStep(self)
        for step in (self.who, self.shared, self.round, self.acceptance, self.review):
            self.stack.addWidget(step)
        self.error = ErrorLabel(self)
        buttons = QDialogButtonBox(self)
        self.back_button = QPushButton(_("&Back"), self)
        self.next_button = QPushButton(_("&Next"), self)
        self.close_button = QPushButton(_("Close"), self)
        self.next_button.setDefault(False)
        self.next_button.setAutoDefault(False)
        self.back_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.next_button.setToolTip(_("Save this step and go on (Ctrl+Enter)"))
        vbox(self, self.title, self.stack, self.error, buttons, margins=(16, 12, 16, 12))
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.close_button.clicked.connect(self.reject)
        for key in (NEXT_KEY, "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(self.go_next)
        self.resize(980, 640)
        self._load()
        self._show_step(0)

    # ---- reading -----------------------------------------------------------------------------

    def _load(self) -> None:
        uow = self.ctx.uow
        detail = queries.get_case(uow, self.case_id)
        self.who.set_options(who_options(detail, self.ctx.user.id, self.ctx.user.name))
        self.definition = scale.get_scale(uow, self.case_id)
        found = moments.list_moments(uow, self.case_id)
        self.statements = statements.list_statements(uow, found[-1].id) if found else ()
        versions = plans.list_versions(uow, self.case_id)
        drafts = [x for x in versions if x.status is PlanStatus.DRAFT]
        finals = [x for x in versions if x.status is PlanStatus.FINAL]
        self.draft: PlanDetail | None = plans.get_plan(uow, drafts[-1].id) if drafts else None
        self.final: PlanDetail | None = plans.get_plan(uow, finals[-1].id) if finals else None
        self.tracks = goals.goal_tracks(uow, self.case_id)
        meeting = self.meeting
        if meeting is not None:
            row = meeting.meeting
            attendees = [attendee_of(a) for a in row.attendees]
            self.who.set_values(row.held_on, row.place, attendees)
            self.shared.told.setPlainText(row.told)
            self.shared.decisions.setPlainText(row.decisions)
        ticked = meeting.meeting.shared if meeting is not None else ()
        self.shared.set_statements(self.statements, ticked)

    # ---- moving -------------------------------------------------------------------------------

    def _show_step(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.title.setText(
            _("Step {n} of {total}: {title}").format(
                n=index + 1, total=len(STEP_TITLES), title=_(STEP_TITLES[index])
            )
        )
        self.back_button.setEnabled(index > 0)
        last = index == len(STEP_TITLES) - 1
        self.next_button.setText(_("&Finish") if last else _("&Next"))
        self.error.show_message(None)
        step = self.stack.currentWidget()
        (step.focusProxy() or step).setFocus()
        if index == 0:
            self.who.date.setFocus()
        elif index == 1:
            self.shared.statements.setFocus()

    def go_back(self) -> None:
        index = self.stack.currentIndex()
        if index > 0:
            self._show_step(index - 1)

    def go_next(self) -> None:
        index = self.stack.currentIndex()
        saves: list[Callable[[], bool]] = [
            self._save_meeting,
            self._save_meeting,
            self._save_round,
            self._save_acceptance,
            self._save_review,
        ]
        if not saves[index]():
            return
        if index == len(STEP_TITLES) - 1:
            self.accept()
            return
        self._prepare(index + 1)
        self._show_step(index + 1)

    def _prepare(self, index: int) -> None:
        attendees = self.who.attendees()
        if index == 2:
            self.round.set_attendees(
                [a for a in attendees if not self._scored(a)], self.definition.question
            )
        elif index == 3:
            label = (
                _("Draft plan, version {n}").format(n=self.draft.plan.number)
                if self.draft is not None
                else ""
            )
            agreements = self.draft.agreements if self.draft is not None else ()
            self.acceptance.set_plan(agreements, attendees, label)
        elif index == 4:
            final = self.final
            label = (
                _("Finalised plan, version {n}").format(n=final.plan.number)
                if final is not None
                else _("There is no finalised plan to review.")
            )
            choices = [GoalChoice(t.lineage, t.text) for t in self.tracks]
            since = {t.lineage: t.seen_since for t in self.tracks}
            agreements = final.agreements if final is not None else ()
            self.review.set_plan(agreements, choices if final is not None else [], label, since)

    def _scored(self, attendee: Attendee) -> bool:
        scores = self.meeting.scores if self.meeting is not None else ()
        return any(same_person(s.source, attendee.source) for s in scores)

    # ---- saving -------------------------------------------------------------------------------

    def _run(self, command: Any, errors: dict[str, Any] | None = None) -> bool:
        """Do `command` (and put it on the undo stack); problems under their fields, any other
        failure under the steps. What was typed stays."""
        try:
            execute(self.ctx, command, self)
        except InvalidInput as exc:
            show_problems({**(errors or {}), "": self.error}, exc)
            return False
        except JeugdtoolError as exc:
            self.error.show_message(str(exc))
            return False
        return True

    def _reread(self) -> None:
        assert self.meeting is not None
        self.meeting = nm.get_meeting(self.ctx.uow, self.meeting.meeting.id)

    def _input(self) -> MeetingInput:
        held_on = self.who.held_on()
        plan = self.draft or self.final
        return MeetingInput(
            held_on=held_on,
            place=self.who.place.text().strip(),
            attendees=[AttendeeInput(a.source, a.chaired) for a in self.who.attendees()],
            shared=self.shared.shared(),
            told=self.shared.told.toPlainText().strip(),
            decisions=self.shared.decisions.toPlainText().strip(),
            plan_version_id=plan.plan.id if plan is not None else None,
        )

    def _save_meeting(self) -> bool:
        errors = self.who.errors
        for label in errors.values():
            label.show_message(None)
        try:
            data = self._input()
        except InvalidInput as exc:
            show_problems({**errors, "": self.error}, exc)
            self.who.date.setFocus()
            return False
        if self.meeting is None:
            command: Any = nc.RecordMeetingCommand(
                self.ctx, self.case_id, data, author=self.ctx.staff
            )
            if not self._run(command, errors):
                return False
            self.meeting = nm.get_meeting(self.ctx.uow, command.dto.id)  # the detail
            return True
        old = input_of(self.meeting)
        if old == data:
            return True
        command = nc.EditMeetingCommand(self.ctx, self.case_id, self.meeting.meeting, old, data)
        if not self._run(command, errors):
            return False
        self._reread()
        return True

    def _save_round(self) -> bool:
        assert self.meeting is not None
        scores, rows = [], []
        for row in self.round.rows:
            row.error.show_message(None)
            value = row.row.score()
            if value is None:
                continue
            scores.append(
                RoundScore(
                    source=row.attendee.source,
                    role=row.attendee.role,
                    score=value,
                    reason=row.reason.toPlainText().strip(),
                    one_higher=row.one_higher.toPlainText().strip(),
                    about=None,
                )
            )
            rows.append(row)
        if not scores:
            return True
        command = nc.ScoreRoundCommand(self.ctx, self.case_id, self.meeting.meeting.id, scores)
        try:
            execute(self.ctx, command, self)
        except InvalidInput as exc:
            self._place_round_problems(exc, rows)
            return False
        except JeugdtoolError as exc:
            self.error.show_message(str(exc))
            return False
        self._reread()
        return True

    def _place_round_problems(self, exc: InvalidInput, rows: list[Any]) -> None:
        """Each problem under the row of the attendee it is about (the core names the score
        by its place: "scores[1].reason"); the keyboard to the first such row."""
        other = []
        shown: list[Any] = []
        for problem in exc.problems:
            found = ROUND_FIELD.match(problem.field)
            if found is None or int(found.group(1)) >= len(rows):
                other.append(problem.message)
                continue
            row = rows[int(found.group(1))]
            text = row.error.text() if row in shown else ""
            row.error.show_message("\n".join(t for t in (text, problem.message) if t))
            shown.append(row)
        self.error.show_message("\n".join(other) or None)
        if shown:
            target = shown[0]
            (target.reason if not target.reason.toPlainText().strip() else target.row).setFocus()

    def _save_acceptance(self) -> bool:
        assert self.meeting is not None
        answers = self.acceptance.changed()
        if not answers:
            return True
        command = nc.AcceptInMeetingCommand(
            self.ctx,
            self.case_id,
            self.meeting.meeting.id,
            self.meeting.meeting.held_on,
            self.acceptance.parties,
            answers,
        )
        if not self._run(command):
            return False
        if self.draft is not None:
            self.draft = plans.get_plan(self.ctx.uow, self.draft.plan.id)
        return True

    def _save_review(self) -> bool:
        assert self.meeting is not None
        step = self.review
        if not step.enabled.isChecked() or self.final is None:
            return True
        results = [
            ResultInput(agreement.lineage, combo.currentData())
            for agreement, combo in zip(step.agreements, step.kept, strict=True)
            if combo.currentData() is not None
        ]
        judgements = []
        try:
            for goal, combo, since in zip(step.goals, step.judged, step.seen, strict=True):
                if combo.currentData() is None:
                    continue
                seen = v.parse_date_nl(since.text(), "seen_since")
                judgements.append(JudgementInput(goal.lineage, combo.currentData(), seen))
        except InvalidInput as exc:
            show_problems({"": self.error}, exc)
            return False
        command = nc.ReviewInMeetingCommand(
            self.ctx,
            self.case_id,
            self.meeting.meeting.id,
            self.final.plan.id,
            step.note.toPlainText().strip(),
            results,
            judgements,
        )
        return self._run(command)


def input_of(detail: MeetingDetail) -> MeetingInput:
    """What the meeting holds, as the core takes it (to compare, and for undo)."""
    meeting = detail.meeting
    return MeetingInput(
        held_on=meeting.held_on,
        place=meeting.place,
        attendees=[AttendeeInput(a.source, a.chaired) for a in meeting.attendees],
        shared=list(meeting.shared),
        told=meeting.told,
        decisions=meeting.decisions,
        plan_version_id=meeting.plan_version_id,
    )
