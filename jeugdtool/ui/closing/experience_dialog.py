"""The family's experience at the closing: per household member three questions on 1–5 and a
comment. Saving adds, changes or removes each member's answers as one undo step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import person_relation
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import QUESTIONS
from jeugdtool.outcomes.closing_rules import clean_experience
from jeugdtool.outcomes.dto import ClosingDTO
from jeugdtool.outcomes.dto import ExperienceDTO
from jeugdtool.outcomes.vocab import ExperienceQuestion

from jeugdtool.ui import commands as c
from jeugdtool.ui.closing import commands as cc
from jeugdtool.ui.closing.choices import ScoreBar
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import scrolling
from jeugdtool.ui.window_state import open_within_screen
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted

SAVE_EXPERIENCE = N_("Record the family's experience")


@dataclass(frozen=True)
class Respondent:
    """Someone who can answer: a household member, or who answered before (since removed)."""

    person_id: int | None
    label: str
    #: What they answered before (None: nothing yet).
    answered: ExperienceDTO | None


class AnswerCard(QGroupBox):
    """One respondent's three answers and comment, with their messages."""

    def __init__(self, respondent: Respondent, parent: QWidget | None = None):
        super().__init__(respondent.label, parent)
        self.respondent = respondent
        self.scores: dict[str, ScoreBar] = {}
        self.errors: dict[str, ErrorLabel] = {}
        grid = QGridLayout(self)
        grid.setColumnStretch(0, 1)
        grid.setVerticalSpacing(4)
        for row, question in enumerate(ExperienceQuestion):
            text = WrappingLabel(question.label, self)
            bar = ScoreBar(f"{respondent.label}: {question.label}", self)
            text.setBuddy(bar)
            grid.addWidget(text, row * 2, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(bar, row * 2, 1)
            self.scores[question.value] = bar
            self._error_row(grid, question.value, row * 2 + 1)
        self.comment = GrowingTextEdit(self, min_lines=2, max_lines=5)
        self.comment.setPlaceholderText(_("What they said in their own words (optional)"))
        self.comment.setAccessibleName(_("{name}: comment").format(name=respondent.label))
        last = len(ExperienceQuestion) * 2
        grid.addWidget(self.comment, last, 0, 1, 2)
        self._error_row(grid, "comment", last + 1)
        self.clear_button = QPushButton(_("Clear answers"), self)
        self.clear_button.clicked.connect(self.clear)
        grid.addWidget(self.clear_button, last + 2, 1, Qt.AlignmentFlag.AlignRight)
        self.set_answers(respondent.answered)

    def _error_row(self, grid: QGridLayout, field: str, row: int) -> None:
        self.errors[field] = ErrorLabel(self)
        grid.addWidget(self.errors[field], row, 0, 1, 2)

    def set_answers(self, answered: ExperienceDTO | None) -> None:
        for field, bar in self.scores.items():
            bar.set_value(getattr(answered, field) if answered is not None else None)
        self.comment.setText(answered.comment if answered is not None else "")

    def clear(self) -> None:
        """Nothing answered: saving then removes what was recorded for them (undoable)."""
        self.set_answers(None)
        next(iter(self.scores.values())).setFocus()

    def fields(self) -> dict[str, Any]:
        """The answers as typed (a question left open is None)."""
        found: dict[str, Any] = {f: bar.value() for f, bar in self.scores.items()}
        found["comment"] = self.comment.text()
        return found

    def is_empty(self) -> bool:
        values = self.fields()
        return all(values[q] is None for q in QUESTIONS) and not values["comment"].strip()

    def show_problems(self, exc: InvalidInput | None) -> None:
        for field, label in self.errors.items():
            messages = exc.for_field(field) if exc is not None else []
            label.show_message("\n".join(messages) or None)


class ExperienceDialog(QDialog):
    """The answers of every household member at the case's last closing."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        closing_row: ClosingDTO,
        respondents: list[Respondent],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("ExperienceDialog")
        self.ctx, self.case_id, self.closing = ctx, case_id, closing_row
        self.setWindowTitle(_("The family's experience"))
        self.cards = [AnswerCard(r, self) for r in respondents]
        self.general = ErrorLabel(self)
        self._build()
        open_within_screen(self, QSize(720, self._body.sizeHint().height() + 170))

    def _build(self) -> None:
        intro = muted(
            _(
                "Ask each family member who wants to answer. 1 means not at all, 5 means "
                "completely. Click a number, or type 1 to 5 (Tab goes to the next question)."
            ),
            self,
        )
        self._body = QWidget(self)
        column = QVBoxLayout(self._body)
        column.setContentsMargins(0, 0, 8, 0)
        for card in self.cards:
            column.addWidget(card)
        if not self.cards:
            column.addWidget(WrappingLabel(_("This case has no household members."), self))
        column.addStretch(1)
        self.scroll = scrolling(self._body, self, form=True)
        self.buttons = ok_cancel(self, ok=QDialogButtonBox.StandardButton.Save)
        self.print_button = self._print_button()
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self._closed_text(), self))
        layout.addWidget(intro)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

    def _closed_text(self) -> str:
        from jeugdtool.cases.validation import format_date_nl

        return _("At the closing of {date}").format(date=format_date_nl(self.closing.closed_on))

    def _print_button(self) -> QPushButton | None:
        """The button for the one-page form to fill in on paper (when the PDF export exists)."""
        writer = form_writer()
        if writer is None:
            return None
        button = self.buttons.addButton(_("&Print form…"), QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: print_form(self.ctx, self.case_id, writer))
        return button

    # ---- saving ------------------------------------------------------------------------------

    def commands(self) -> list[c.ServiceCommand]:
        """What saving does: per card an add, a change or a removal (nothing when unchanged).
        Raises InvalidInput (shown on the cards) before anything is saved."""
        found: list[c.ServiceCommand] = []
        bad = False
        for card in self.cards:
            try:
                command = self._command(card)
            except InvalidInput as exc:
                card.show_problems(exc)
                bad = True
                continue
            card.show_problems(None)
            if command is not None:
                found.append(command)
        if bad:
            raise InvalidInput([])
        return found

    def _command(self, card: AnswerCard) -> c.ServiceCommand | None:
        before, fields = card.respondent.answered, card.fields()
        if before is None:
            if card.is_empty():
                return None
            # A member answers under their own name (the service fills it in).
            person_id = card.respondent.person_id
            new = {"person_id": person_id} if person_id else {"respondent": card.respondent.label}
            clean = clean_experience({**new, **fields}, new=True)
            return cc.AddExperienceCommand(self.ctx, self.case_id, self.closing.id, clean)
        if card.is_empty():
            return cc.RemoveExperienceCommand(self.ctx, self.case_id, before)
        clean = clean_experience(fields, new=False)
        if not c.changed_fields(before, clean):
            return None
        return cc.EditExperienceCommand(self.ctx, self.case_id, before, clean)

    def accept(self) -> None:
        try:
            commands = self.commands()
        except InvalidInput:
            self._focus_first_problem()
            return
        try:
            run_as_one(self.ctx, _(SAVE_EXPERIENCE), commands)
        except InvalidInput as exc:
            self.general.show_message(str(exc))
            return
        except JeugdtoolError as exc:
            self.general.show_message(str(exc))
            c.refresh_case(self.ctx, self.case_id)
            return
        super().accept()

    def _focus_first_problem(self) -> None:
        for card in self.cards:
            shown = next((f for f, label in card.errors.items() if label.isVisible()), None)
            if shown is not None:
                widget = card.scores.get(shown, card.comment)
                widget.setFocus()
                self.scroll.ensureWidgetVisible(widget)
                return


def run_as_one(ctx: AppContext, text: str, commands: list[c.ServiceCommand]) -> None:
    """Do `commands` as one undo step (one command: itself); a failure stops at that command,
    what was done before it stays one step."""
    if len(commands) == 1:
        c.execute(ctx, commands[0])
        return
    if not commands:
        return
    ctx.undo_stack.beginMacro(text)
    try:
        for command in commands:
            c.execute(ctx, command)
    finally:
        ctx.undo_stack.endMacro()


def respondents(ctx: AppContext, case_id: int, closing_row: ClosingDTO) -> list[Respondent]:
    """Every household member (with what they answered), then who answered and has left."""
    by_person = {e.person_id: e for e in closing_row.experiences if e.person_id is not None}
    members = queries.get_case(ctx.uow, case_id).persons
    found = [
        Respondent(p.id, named(p.full_name, person_relation(p)), by_person.get(p.id))
        for p in members
    ]
    known = {p.id for p in members}
    found += [
        Respondent(e.person_id, e.respondent, e)
        for e in closing_row.experiences
        if e.person_id is None or e.person_id not in known
    ]
    return found


def last_closing(ctx: AppContext, case_id: int) -> ClosingDTO | None:
    """The case's latest closing (the one the banner shows), or None."""
    rows = closing.closings(ctx.uow, case_id)
    return max(rows, key=lambda r: (r.closed_on, r.id)) if rows else None


def record_experience(ctx: AppContext, parent: QWidget | None, case_id: int) -> bool:
    """Show the family's experience at the case's last closing; True when saved."""
    try:
        closing_row = last_closing(ctx, case_id)
        if closing_row is None:
            ctx.dialogs.info(_("The family's experience is recorded when the case is closed."))
            return False
        people = respondents(ctx, case_id, closing_row)
    except JeugdtoolError as exc:
        c.show_failure(ctx, case_id, exc)
        return False
    dialog = ExperienceDialog(ctx, case_id, closing_row, people, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


# ---- the paper form -----------------------------------------------------------------------


def form_writer() -> Callable[..., Any] | None:
    """`write_experience_form(uow, case_id, path)` of the PDF exports, when it is there."""
    try:
        from jeugdtool.export.pdf.experience_form import write_experience_form
    except ImportError:
        return None
    return write_experience_form


def print_form(ctx: AppContext, case_id: int, writer: Callable[..., Any]) -> None:
    """Write the one-page form for the family to a PDF the consultant chooses (recorded in the
    disclosure log as handed to the family), and offer to open it."""
    from jeugdtool.ui.export.pdf_dialog import ask_pdf_target
    from jeugdtool.ui.workspace.disclosures import after_export

    target = ask_pdf_target(ctx, _("Print the experience form"), _("experience-form.pdf"))
    if target is None:
        return
    try:
        written = writer(ctx.uow, case_id, target)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc), _("Form not written"))
        return
    after_export(ctx, written, [case_id], _("Form written, not in the disclosure log"))
    ctx.dialogs.written(
        written.path,
        _("The form for the family is in {path}. Print it and hand it to them.").format(
            path=written.path
        ),
        _("Experience form"),
    )
