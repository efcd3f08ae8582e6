"""Step 4, the afwegingskader: five yes/no questions answered by keyboard (J or Y for yes, N for
no, Delete to clear; Tab to the reason, Tab to the next question), with the formal scale score
and the danger statements beside them and the outcome sentence updating as one answers."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import meldcode_rules
from jeugdtool.dossier import meldcode_text
from jeugdtool.dossier.dto import AfwegingOutcome
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted

YES_KEYS = (Qt.Key.Key_J, Qt.Key.Key_Y)
NO_KEYS = (Qt.Key.Key_N,)
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
CHOICE_STYLE = (
    "AnswerChoice { border: 1px solid palette(mid); border-radius: 4px; }"
    " AnswerChoice:focus { border: 2px solid palette(highlight); }"
    " QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " font-weight: bold; border-radius: 3px; }"
)
CONTEXT_STYLE = (
    "#weighContext { background: palette(alternate-base); border: 1px solid palette(mid);"
    " border-radius: 4px; }"
)


class AnswerChoice(QFrame):
    """Yes / no for one question: a single stop in the tab order that takes J/Y, N and
    Delete; the two buttons are for the mouse. `chosen` carries True, False or None."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(CHOICE_STYLE)
        self.value: bool | None = None
        self.yes = self._button(_("Yes (Y)"), True)
        self.no = self._button(_("No (N)"), False)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(4)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        self.setToolTip(_("Y or J: yes · N: no · Delete: not answered · Tab: to the reason"))

    def _button(self, text: str, value: bool) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the frame is the one keyboard stop
        button.clicked.connect(
            lambda _checked=False: self._choose(None if self.value is value else value)
        )
        return button

    def set_value(self, value: bool | None) -> None:
        """Show `value` without announcing it (a reload)."""
        self.value = value
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.setAccessibleDescription(self.describe())

    def describe(self) -> str:
        return {True: _("Yes"), False: _("No"), None: _("Not answered")}[self.value]

    def _choose(self, value: bool | None) -> None:
        if not self.isEnabled():
            return
        self.set_value(value)
        self.chosen.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)  # Alt+letter, Ctrl+Z: not an answer
        elif key in YES_KEYS:
            self._choose(True)
        elif key in NO_KEYS:
            self._choose(False)
        elif key in CLEAR_KEYS:
            self._choose(None)
        else:
            super().keyPressEvent(event)


class QuestionRow(QWidget):
    """One question: its number and text, the explanation, the answer and the reason."""

    def __init__(self, number: int, key: str, text: str, help_text: str, parent: QWidget):
        super().__init__(parent)
        self.key = key
        title = WrappingLabel(f"{number}. {text}", self)
        title.setStyleSheet("font-weight: bold;")
        explanation = muted(help_text, self)
        self.choice = AnswerChoice(self)
        self.choice.setAccessibleName(text)
        hint = _("Why? The reason for this answer")
        self.reason = line_edit(self, "", _("Reason: {question}").format(question=text), hint)
        self.reason.setMaxLength(4000)
        self.hint = QLabel(self)
        style_text(self.hint, Role.MUTED, "font-style: italic;")
        #: What is saved: (answer, reason).
        self.stored: tuple[bool | None, str] = (None, "")
        self.message = WrappingLabel("", self)
        self.message.hide()
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.choice)
        answer_row.addWidget(self.reason, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(3)
        layout.addWidget(title)
        if help_text:
            layout.addWidget(explanation)
        else:
            explanation.hide()
        layout.addLayout(answer_row)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        self.hint.hide()

    def show_stored(self, answer: bool | None, reason: str) -> None:
        """The saved answer and reason, unless the user is giving another one right now (an
        answer waiting for its reason, a reason being typed)."""
        self.stored = (answer, reason)
        if not self.waiting:
            self.choice.set_value(answer)
        if not (self.reason.hasFocus() and self.reason.isModified()) and not self.waiting:
            self.reason.setText(reason)
            self.reason.setModified(False)
            self.reason.setCursorPosition(0)  # a long reason is read from its start

    def given(self) -> tuple[bool | None, str]:
        return (self.choice.value, self.reason.text().strip())

    @property
    def waiting(self) -> bool:
        """An answer given whose reason is not written yet (it is saved with its reason)."""
        return (
            self.choice.value is not None
            and self.choice.value != self.stored[0]
            and not (self.reason.text().strip())
        )

    def show_message(self, message: str, role: Role = Role.MUTED) -> None:
        self.message.setText(message)
        style_text(self.message, role)
        self.message.setVisible(bool(message))


class AfwegingPanel(QWidget):
    """The five questions, what they are weighed against, and the outcome."""

    #: (question key, answer: True / False / None, reason) — to save as an undoable command.
    answered = Signal(str, object, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[QuestionRow] = []
        questions = QVBoxLayout()
        questions.setSpacing(4)
        for number, question in enumerate(meldcode_text.questions(), start=1):
            row = QuestionRow(number, question.key, question.text, question.help, self)
            row.choice.chosen.connect(lambda value, r=row: self._chosen(r, value))
            row.reason.editingFinished.connect(lambda r=row: self._reason_left(r))
            questions.addWidget(row)
            self.rows.append(row)
        for earlier, later in zip(self.rows, self.rows[1:], strict=False):
            QWidget.setTabOrder(earlier.choice, earlier.reason)
            QWidget.setTabOrder(earlier.reason, later.choice)
        QWidget.setTabOrder(self.rows[-1].choice, self.rows[-1].reason)
        self.context = self._context_box()
        self.outcome = WrappingLabel("", self)
        self.outcome.setObjectName("afwegingOutcome")
        self.outcome.setAccessibleName(_("Outcome of the afwegingskader"))
        left = QVBoxLayout()
        left.addLayout(questions)
        left.addWidget(self.outcome)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(left, 3)
        layout.addWidget(self.context, 2, Qt.AlignmentFlag.AlignTop)
        self.setFocusProxy(self.rows[0].choice)

    def _context_box(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("weighContext")
        box.setStyleSheet(CONTEXT_STYLE)
        self.heading = heading = QLabel(_("Weigh these against"), box)
        heading.setStyleSheet("font-weight: bold;")
        self.score = WrappingLabel("", box)
        self.dangers = WrappingLabel("", box)
        self.dangers.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 8, 12, 8)
        for widget in (heading, self.score, self.dangers):
            layout.addWidget(widget)
        return box

    # ---- showing ---------------------------------------------------------------------------

    def set_record(self, record: MeldcodeRecordDTO, editable: bool) -> None:
        answers = {a.question: a for a in record.answers}
        for row in self.rows:
            answer = answers.get(row.key)
            row.show_stored(answer.answer if answer else None, answer.reason if answer else "")
            row.choice.setEnabled(editable)
            row.reason.setReadOnly(not editable)
        # The context is today's case: beside a closed record it is only a comparison.
        self.heading.setText(
            _("Weigh these against")
            if record.status == MeldcodeStatus.OPEN
            else _("The case today, for comparison")
        )
        self.show_outcome(meldcode_rules.afweging_outcome(self.current()))

    def set_context(self, score: int | None, scored_on: object, dangers: Sequence[str]) -> None:
        """The formal scale score (and its date) and the danger statements' texts."""
        if score is None:
            self.score.setText(_("Formal scale score: none recorded yet."))
        else:
            day = format_date_nl(scored_on) if scored_on else ""
            self.score.setText(
                _("Formal scale score: {score} ({day})").format(score=score, day=day)
            )
        if not dangers:
            self.dangers.setText(_("No danger statements on the newest map."))
            return
        items = "".join(f"<li>{escape(text)}</li>" for text in dangers)
        title = escape(_("Danger statements:"))
        self.dangers.setText(f"{title}<ul style='margin-left: -20px'>{items}</ul>")

    def current(self) -> dict[str, bool | None]:
        return {row.key: row.choice.value for row in self.rows}

    def show_outcome(self, outcome: AfwegingOutcome) -> None:
        role = Role.MUTED
        if outcome.complete:
            role = Role.WARNING if outcome.report else Role.OK
        self.outcome.setText(outcome.summary)
        style_text(self.outcome, role, "font-weight: bold;")
        for row in self.rows:
            unneeded = outcome.complete and row.choice.value is None
            row.hint.setText(_("Not needed for the outcome.") if unneeded else "")
            row.hint.setVisible(unneeded)

    # ---- answering -------------------------------------------------------------------------

    def _chosen(self, row: QuestionRow, value: bool | None) -> None:
        self.show_outcome(meldcode_rules.afweging_outcome(self.current()))
        if row.waiting:  # saved together with its reason, when that is written (Tab)
            row.show_message(_("Now write why (Tab to the reason); it is saved with it."))
            return
        self._save(row)

    def _reason_left(self, row: QuestionRow) -> None:
        if row.reason.isReadOnly():
            return
        if row.waiting:
            row.show_message(
                _("Write why you answer this way; the answer is saved with its reason."),
                Role.ERROR,
            )
            return
        self._save(row)

    def _save(self, row: QuestionRow) -> None:
        """Ask to save what the row shows when it differs from what is saved."""
        given = row.given()
        if given == (row.stored[0], row.stored[1].strip()):
            row.show_message("")
            return
        row.reason.setModified(False)
        row.show_message("")
        self.answered.emit(row.key, given[0], given[1])
