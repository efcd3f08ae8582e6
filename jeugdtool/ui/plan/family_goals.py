"""The family's own goals in the safety plan: what the family wants to reach, in their own
words, and who said it (a household member, someone of the network, or someone else by name).

The family's version of the plan prints them as "Onze eigen doelen". `PlanFamilyGoals(ctx,
case_id)` works as the safety network and red flags do (`network_flags.PlanRows`): the plan page
calls `set_plan(detail, editable, people)`; add / change / remove by button or key (Ins, Enter,
Del) through a small dialog with inline checks, Alt+Up / Alt+Down move a goal, all undoable; a
finalised version is read-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.framework import plan_rules
from jeugdtool.framework import plan_sections
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.plan import plan_commands as pc
from jeugdtool.ui.plan.network_flags import MAX_ROWS_HEIGHT
from jeugdtool.ui.plan.network_flags import Choices
from jeugdtool.ui.plan.network_flags import PlanRows
from jeugdtool.ui.plan.network_flags import source_of
from jeugdtool.ui.plan.network_flags import text_of
from jeugdtool.ui.plan.network_flags import who_picker
from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.table_fit import RowFitter
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import Submit
from jeugdtool.ui.workspace.member_models import DtoTableModel
from jeugdtool.ui.workspace.member_section import MemberSection

#: Entities whose change can alter what this section shows.
WATCHED = ("family_goal", "plan_version", "person", "network_member")
#: Lines the goal's text box shows.
TEXT_LINES = 4


class FamilyGoalModel(DtoTableModel[Any]):
    GOAL, SAID_BY = range(2)
    HEADERS = (N_("Goal"), N_("Said by"))
    STRETCH = GOAL

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        #: The choices of who, to show a person as the dialog does ("Sanne Jansen (ouder)").
        self.people: Choices = ()

    def set_rows(self, rows: Iterable[FamilyGoalDTO], people: Choices = ()) -> None:
        self.people = tuple(people)
        super().set_rows(rows)

    def display(self, dto: FamilyGoalDTO, column: int) -> str:
        if column == self.GOAL:
            return dto.text
        if column == self.SAID_BY:
            return text_of(dto.source, self.people)
        return ""

    def tooltip(self, dto: FamilyGoalDTO, column: int) -> str | None:
        return self.display(dto, column) or None


class FamilyGoalDialog(MemberDialog):
    """The goal in the family's words, and who said it (picked or typed)."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        submit: Submit,
        people: Choices,
        goal: FamilyGoalDTO | None = None,
    ):
        title = _("Change the family's goal") if goal else _("Add a goal of the family")
        self._people = list(people)
        # Every field is sent: the same rule checks a new goal (text and who both required).
        super().__init__(parent, title, dialogs, submit, plan_rules.family_goal, baseline=goal)
        self.setMinimumWidth(640)
        text = QPlainTextEdit(goal.text if goal else "", self)
        text.setTabChangesFocus(True)
        text.setFixedHeight(text.fontMetrics().lineSpacing() * TEXT_LINES + 12)
        text.setPlaceholderText(
            _("In their own words, e.g. 'We want to eat together at the table every evening.'")
        )
        text.setAccessibleName(_("The family's goal"))
        self.add_field("text", _("The &goal, in their words"), text)
        who = who_picker(self, self._people, goal.source if goal else None)
        who.setAccessibleName(_("Said by"))
        self.add_field("source", _("&Said by"), who)
        who.editTextChanged.connect(lambda *_a: self._live("source"))
        who.lineEdit().editingFinished.connect(lambda: self._left("source"))

    def raw_value(self, name: str) -> Any:
        widget = self.fields[name]
        if name == "source" and isinstance(widget, QComboBox):
            before = self.baseline.source if isinstance(self.baseline, FamilyGoalDTO) else None
            return source_of(widget.currentText().strip(), self._people, before)
        return super().raw_value(name)


class PlanFamilyGoals(PlanRows):
    """The family's own goals of the plan version shown (see `network_flags.PlanRows`)."""

    WATCHED = WATCHED

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.model = FamilyGoalModel(self)
        self.section = MemberSection(
            _("The family's own goals"),
            self.model,
            _("No goals of the family's own in this plan yet."),
            self,
        )
        self.intro = self._intro(
            _(
                "What the family itself wants to reach, in their own words, and who said it. "
                "The family's version of the plan shows these goals."
            )
        )
        self.section.add_button.setText(_("Add…"))
        style_text(self.section.empty_hint, Role.MUTED, "font-style: italic;")
        self._fitter = RowFitter(self.section, self._widths, MAX_ROWS_HEIGHT)
        self.section.add_requested.connect(self.add_goal)
        self.section.edit_requested.connect(self.edit_goal)
        self.section.remove_requested.connect(self.remove_goal)
        self._move_actions = self._add_move_actions(self.section, self.move_goal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.section.layout().insertWidget(1, self.intro)
        layout.addWidget(self.section)
        self.setFocusProxy(self.section.table)

    # ---- showing -----------------------------------------------------------------------------

    def _show(self) -> None:
        goals = self.detail.family_goals if self.detail is not None else ()
        self.section.set_rows(goals, people=tuple(self.people))
        self.section.set_editable(self.editable)
        for action in self._move_actions:
            action.setEnabled(self.editable)
        self._fitter.fit()

    def _widths(self, width: int) -> dict[int, int]:
        table, m = self.section.table, FamilyGoalModel
        return {m.SAID_BY: max(160, min(table.sizeHintForColumn(m.SAID_BY) + 16, width // 3))}

    # ---- changing ----------------------------------------------------------------------------

    def add_goal(self) -> FamilyGoalDialog | None:
        if not self._can_change():
            return None
        title = _("Add a goal of the family")
        submit = self._adding(pc.FamilyGoals, self.section, self.model, title)
        dialog = FamilyGoalDialog(self, self.ctx.dialogs, submit, self.people)
        return self._open(dialog, self.section)

    def edit_goal(self, goal: FamilyGoalDTO) -> FamilyGoalDialog | None:
        if not self._can_change():
            return None
        submit = self._editing(pc.FamilyGoals, goal, _("Change the family's goal"))
        dialog = FamilyGoalDialog(self, self.ctx.dialogs, submit, self.people, goal=goal)
        return self._open(dialog, self.section)

    def remove_goal(self, goal: FamilyGoalDTO) -> None:
        question = _(
            "Remove the family's goal \u201c{text}\u201d?\nYou can bring it back with Undo "
            "(Ctrl+Z)."
        ).format(text=short(goal.text, 80))
        self._remove(pc.FamilyGoals, goal, question, _("Remove the family's goal"))

    def move_goal(self, goal: FamilyGoalDTO, delta: int) -> None:
        """Move a goal `delta` places (-1: up, +1: down)."""
        text = _("Move the family's goal \u201c{text}\u201d").format(text=short(goal.text, 40))
        self._move(self.section, plan_sections.move_family_goal, goal, delta, text)
