"""The "Close case" dialog: the date, the consultant's words, how far each safety goal was
reached (proposed from its latest judgement, with why), whether help is still needed, whether
the help ended as planned or early, and the network's own plan for after closing (what the
network keeps doing, whom to call: proposed from the plan's safety network).

The core rules (`outcomes.closing_rules`) check it: OK with a problem left shows every message
under its field and keeps the dialog open with all that was typed; a field fixed afterwards
loses its message as soon as it is right.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import ClosingInput
from jeugdtool.outcomes.closing_rules import check_input
from jeugdtool.outcomes.closing_rules import goal_field
from jeugdtool.outcomes.dto import ClosingForm
from jeugdtool.outcomes.vocab import EndedAs
from jeugdtool.outcomes.vocab import EndedEarlyBy
from jeugdtool.outcomes.vocab import FurtherHelp
from jeugdtool.outcomes.vocab import GoalOutcome

from jeugdtool.ui import commands as c
from jeugdtool.ui.closing.choices import ChoiceRow
from jeugdtool.ui.closing.commands import CloseCaseCommand
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import scrolling
from jeugdtool.ui.window_state import available_area
from jeugdtool.ui.window_state import open_within_screen
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted

#: The fields without a goal, in the order they are shown (the first with a problem gets focus).
FIELDS = (
    "closed_on",
    "reason",
    "goals_outcome",
    "further_help",
    "further_help_detail",
    "ended_as",
    "ended_early_by",
    "network_keeps",
    "whom_to_call",
)


class ClosingDialog(QDialog):
    """Everything a closing records; `command` is the saved closing once accepted."""

    def __init__(self, ctx: AppContext, case_id: int, form: ClosingForm, parent: QWidget | None):
        super().__init__(parent)
        self.setObjectName("ClosingDialog")
        self.ctx, self.case_id, self.form = ctx, case_id, form
        #: The command that closed the case (set when OK saved it).
        self.command: CloseCaseCommand | None = None
        #: Field name -> the widget the user fills in, and the label of its message.
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        #: Fields that showed a problem: checked again on every change until right.
        self._flagged: set[str] = set()
        self.setWindowTitle(_("Close case"))
        self._build()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 46)
        open_within_screen(self, QSize(780, self._wanted_height()))

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(10)
        layout.addLayout(self._first_part())
        layout.addWidget(heading(_("Safety goals") if self.form.goals else _("Goals"), body))
        self._goal_part(layout)
        layout.addWidget(heading(_("After closing"), body))
        last = self._last_part()
        last.addRow(heading(_("The network's plan after closing"), body))
        self._network_part(last)
        layout.addLayout(last)
        layout.addStretch(1)
        self.scroll = scrolling(body, self, form=True)
        self.experience_next = QCheckBox(_("Record the family's experience ne&xt"), self)
        self.experience_next.setToolTip(
            _("You can also do this later from the case's banner or the Case menu.")
        )
        self.network_plan_next = QCheckBox(
            _("Save the &network's plan after closure as PDF next"), self
        )
        self.network_plan_next.setToolTip(
            _(
                "What the network keeps doing and whom to call, for the family and its "
                "network. You can also do this later from the case's banner or the Case menu."
            )
        )
        self.general = ErrorLabel(self)
        buttons = ok_cancel(self, _("Close case"))
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.experience_next)
        outer.addWidget(self.network_plan_next)
        outer.addWidget(self.general)
        outer.addWidget(buttons)

    def _row(self, form: QFormLayout, name: str, caption: str, widget: QWidget) -> None:
        """A captioned field with its message under it."""
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        self.errors[name] = ErrorLabel(self)
        box.addWidget(self.errors[name])
        label = QLabel(caption, self)
        label.setBuddy(widget)
        form.addRow(label, box)
        self.fields[name] = widget

    def _first_part(self) -> QFormLayout:
        form = QFormLayout()
        date = QLineEdit(format_date_nl(self.form.today), self)
        date.setPlaceholderText(_("dd-mm-jjjj"))
        date.setMaximumWidth(date.fontMetrics().horizontalAdvance("00-00-00000") + 24)
        date.textChanged.connect(lambda _t: self._changed("closed_on"))
        self._row(form, "closed_on", _("Closing &date"), date)
        reason = GrowingTextEdit(self, min_lines=3, max_lines=8)
        reason.setPlaceholderText(
            _("Why does the help end, and what changed for the family? In your own words.")
        )
        reason.textChanged.connect(lambda: self._changed("reason"))
        self._row(form, "reason", _("&Reason"), reason)
        return form

    def _goal_part(self, layout: QVBoxLayout) -> None:
        goals = self.form.goals
        if not goals:
            note = _(
                "This case has no safety goals. How far were the goals agreed with the family "
                "reached, taken together?"
            )
            layout.addWidget(muted(note, self))
            self._choice(layout, "goals_outcome", GoalOutcome, _("Goals' outcome"))
            return
        layout.addWidget(muted(_("How far was each safety goal reached?"), self))
        if any(g.proposed for g in goals):
            layout.addWidget(
                muted(
                    _("Proposed from each goal's latest judgement; change what is not right."),
                    self,
                )
            )
        for number, goal in enumerate(goals, start=1):
            text = WrappingLabel(f"{number}. {goal.text}", self)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(text)
            if goal.why:
                why = muted(goal.why, self)
                why.setIndent(18)
                why.setObjectName(f"why-{goal.lineage}")
                layout.addWidget(why)
            name = _("Safety goal {number}").format(number=number)
            field = goal_field(goal.lineage)
            self._choice(layout, field, GoalOutcome, name, indent=18)
            if goal.proposed:
                row = self.fields[field]
                assert isinstance(row, ChoiceRow)
                row.set_value(goal.proposed)

    def _last_part(self) -> QFormLayout:
        form = QFormLayout()
        further = ChoiceRow(FurtherHelp, _("Further help"), self, vertical=True)
        further.changed.connect(self._follow_further_help)
        further.changed.connect(lambda: self._changed("further_help"))
        self._row(form, "further_help", _("Further &help"), further)
        detail = QLineEdit(self)
        detail.setPlaceholderText(_("e.g. a parenting course at the community centre"))
        detail.textChanged.connect(lambda _t: self._changed("further_help_detail"))
        self._row(form, "further_help_detail", _("&Which help"), detail)
        ended = ChoiceRow(EndedAs, _("The help ended"), self)
        ended.changed.connect(self._follow_ended)
        ended.changed.connect(lambda: self._changed("ended_as"))
        self._row(form, "ended_as", _("The help &ended"), ended)
        early = ChoiceRow(EndedEarlyBy, _("Ended early by"), self)
        early.changed.connect(lambda: self._changed("ended_early_by"))
        self._row(form, "ended_early_by", _("Ended early &by"), early)
        self._follow_further_help()
        self._follow_ended()
        return form

    def _network_part(self, form: QFormLayout) -> None:
        """What the network keeps doing and whom to call, for the network's own plan (PDF)."""
        keeps = GrowingTextEdit(self, min_lines=2, max_lines=6)
        keeps.setPlaceholderText(
            _("e.g. grandma keeps picking the children up on Tuesdays; the neighbours look in")
        )
        keeps.textChanged.connect(lambda: self._changed("network_keeps"))
        self._row(form, "network_keeps", _("What the network &keeps doing"), keeps)
        call = GrowingTextEdit(self, min_lines=2, max_lines=8)
        call.setText("\n".join(self.form.whom_to_call))
        call.setPlaceholderText(_("One line each: who, how to reach them, what for"))
        call.textChanged.connect(lambda: self._changed("whom_to_call"))
        self._row(form, "whom_to_call", _("Whom to &call"), call)

    def _choice(
        self, layout: QVBoxLayout, field: str, vocab: Any, name: str, indent: int = 0
    ) -> None:
        row = ChoiceRow(vocab, name, self)
        row.changed.connect(lambda: self._changed(field))
        self.errors[field] = ErrorLabel(self)
        box = QVBoxLayout()
        box.setContentsMargins(indent, 0, 0, 4)
        box.setSpacing(2)
        box.addWidget(row)
        box.addWidget(self.errors[field])
        layout.addLayout(box)
        self.fields[field] = row

    def _wanted_height(self) -> int:
        """As tall as the contents need (only a long list of goals scrolls)."""
        chrome = self.height() - self.scroll.viewport().height() if self.isVisible() else 110
        return self.scroll.widget().sizeHint().height() + chrome

    def _grow(self) -> None:
        """Messages take room: grow to show them, as far as the screen allows."""
        room = available_area(self).height() - (self.frameGeometry().height() - self.height())
        wanted = min(self._wanted_height(), room)
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _follow_further_help(self) -> None:
        """Ask "which help" only when there is further help."""
        further = self.fields["further_help"]
        assert isinstance(further, ChoiceRow)
        chosen = further.value()
        self.fields["further_help_detail"].setEnabled(
            chosen in (FurtherHelp.COMMUNITY.value, FurtherHelp.OTHER.value)
        )

    def _follow_ended(self) -> None:
        """Ask "ended early by" only when the help ended early."""
        ended = self.fields["ended_as"]
        assert isinstance(ended, ChoiceRow)
        self.fields["ended_early_by"].setEnabled(ended.value() == EndedAs.EARLY.value)
        if ended.value() != EndedAs.EARLY.value:
            self.errors["ended_early_by"].show_message(None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fields["closed_on"].setFocus()

    # ---- values and checks -----------------------------------------------------------------

    def input(self) -> ClosingInput:
        """What the dialog says now, as the closing service takes it."""
        value = self._value
        details = self.fields["further_help_detail"]
        assert isinstance(details, QLineEdit)
        return ClosingInput(
            closed_on=value("closed_on"),
            reason=value("reason"),
            goals_outcome=value("goals_outcome") if not self.form.goals else None,
            goal_outcomes=tuple(
                (g.lineage, g.text, value(goal_field(g.lineage))) for g in self.form.goals
            ),
            further_help=value("further_help"),
            further_help_detail=details.text() if details.isEnabled() else "",
            ended_as=value("ended_as"),
            ended_early_by=value("ended_early_by"),
            network_keeps=value("network_keeps"),
            whom_to_call=tuple(value("whom_to_call").splitlines()),
        )

    def _value(self, name: str) -> Any:
        widget = self.fields.get(name)
        if isinstance(widget, ChoiceRow):
            return widget.value()
        if isinstance(widget, (QLineEdit, GrowingTextEdit)):
            return widget.text()
        return None

    def _changed(self, name: str) -> None:
        """A flagged field is checked again as it changes: its message goes once it is right."""
        if name not in self._flagged:
            return
        try:
            check_input(
                self.input(),
                goals=self._goals(),
                opened_on=self.form.earliest,
                today=self.form.today,
            )
            messages: list[str] = []
        except InvalidInput as exc:
            messages = exc.for_field(name)
        self.errors[name].show_message("\n".join(messages) or None)
        if not messages:
            self._flagged.discard(name)

    def _goals(self) -> tuple[tuple[str, str], ...]:
        return tuple((g.lineage, g.text) for g in self.form.goals)

    def show_problems(self, exc: InvalidInput) -> None:
        """Each message under its field; the first such field gets the keyboard."""
        for name, label in self.errors.items():
            messages = exc.for_field(name)
            label.show_message("\n".join(messages) or None)
            if messages:
                self._flagged.add(name)
        other = [p.message for p in exc.problems if p.field not in self.errors]
        self.general.show_message("\n".join(other) or None)
        QTimer.singleShot(0, self._grow)  # once the messages have their size
        first = next((n for n in self._order() if self.errors[n].isVisible()), None)
        if first is not None:
            widget = self.fields[first]
            widget.setFocus()
            self.scroll.ensureWidgetVisible(widget)

    def _order(self) -> list[str]:
        goals = [goal_field(g.lineage) for g in self.form.goals]
        return [n for n in (*FIELDS[:2], *goals, *FIELDS[2:]) if n in self.fields]

    # ---- OK ----------------------------------------------------------------------------------

    def accept(self) -> None:
        command = CloseCaseCommand(self.ctx, self.case_id, self.input())
        try:
            c.execute(self.ctx, command)  # False: kept until the fault is gone (pending.py)
        except InvalidInput as exc:
            self.show_problems(exc)
            return
        except JeugdtoolError as exc:
            self.show_problems(InvalidInput([]))
            self.general.show_message(str(exc))
            return
        self.command = command
        super().accept()


def close_interactively(ctx: AppContext, parent: QWidget | None, case_id: int) -> bool:
    """Ask everything a closing records and close the case (undoable); True when closed.
    Afterwards the family's experience is asked for when the consultant ticked it."""
    try:
        form = closing.closing_form(ctx.uow, case_id)
    except JeugdtoolError as exc:
        c.show_failure(ctx, case_id, exc)
        return False
    dialog = ClosingDialog(ctx, case_id, form, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    experience, network_plan = (
        dialog.experience_next.isChecked(),
        dialog.network_plan_next.isChecked(),
    )
    if experience or network_plan:
        # After this dialog has gone: the next one opens over the case, not over it.
        QTimer.singleShot(0, lambda: after_closing(ctx, parent, case_id, experience, network_plan))
    return True


def after_closing(
    ctx: AppContext, parent: QWidget | None, case_id: int, experience: bool, network_plan: bool
) -> None:
    """What the consultant ticked to do next, one after the other: the family's experience,
    then the network's plan as PDF."""
    if experience:
        from jeugdtool.ui.closing.experience_dialog import record_experience

        record_experience(ctx, parent, case_id)
    if network_plan:
        from jeugdtool.ui.closing.network_plan import save_network_plan

        save_network_plan(ctx, case_id)
