"""The family's own goals in the safety plan: what the family wants to reach, in their own
words, and who said it (a household member, someone of the network, or someone else by name).

The family's version of the plan prints them as "Onze eigen doelen". `PlanFamilyGoals(ctx,
case_id)` works as the safety network and red flags do (`network_flags.PlanRows`): the plan page
calls `set_plan(detail, editable, people)`; add / change / remove by button or key (Ins, Enter,
Del) through a small dialog with inline checks, Alt+Up / Alt+Down move a goal, all undoable; a
finalised version is read-only.

Under the table, the selected goal's mark for special categories of personal data (a goal
about health, addiction or justice stays out of a PDF unless its selection includes them):
saved at once when chosen, one undo step (`MarkFamilyGoalCommand`), with the hint when the
words suggest a mark. A new goal is pre-marked by its words (`plan_sections.add_family_goal`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.framework import plan_rules
from jeugdtool.framework import plan_sections
from jeugdtool.framework import special_rules
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.plan import plan_commands as pc
from jeugdtool.ui.plan.network_flags import MAX_ROWS_HEIGHT
from jeugdtool.ui.plan.network_flags import Choices
from jeugdtool.ui.plan.network_flags import PlanRows
from jeugdtool.ui.plan.network_flags import SectionRows
from jeugdtool.ui.plan.network_flags import source_of
from jeugdtool.ui.plan.network_flags import text_of
from jeugdtool.ui.plan.network_flags import who_picker
from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.special_mark import MarkFamilyGoalCommand
from jeugdtool.ui.special_mark import SpecialCategoryBox
from jeugdtool.ui.special_mark import hint_label
from jeugdtool.ui.special_mark import show_hint
from jeugdtool.ui.table_fit import RowFitter
from jeugdtool.ui.widgets import labelled_row
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import Submit
from jeugdtool.ui.workspace.member_models import DtoTableModel

#: Entities whose change can alter what this section shows.
WATCHED = ("family_goal", "plan_version", "person", "network_member")
#: Lines the goal's text box shows.
TEXT_LINES = 4


class FamilyGoalModel(DtoTableModel[Any]):
    GOAL, SAID_BY, MARK = range(3)
    HEADERS = (N_("Goal"), N_("Said by"), N_("Special data"))
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
        if column == self.MARK and dto.special_category:
            return SpecialCategory(dto.special_category).label
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
        self.section = self._section(
            _("The family's own goals"),
            self.model,
            _("No goals of the family's own in this plan yet."),
            _(
                "What the family itself wants to reach, in their own words, and who said it. "
                "The family's version of the plan shows these goals."
            ),
        )
        self._fitter = RowFitter(self.section, self._widths, MAX_ROWS_HEIGHT)
        #: How the goals change.
        self.goals = SectionRows(
            pc.FamilyGoals,
            self.section,
            lambda submit, goal: FamilyGoalDialog(
                self, self.ctx.dialogs, submit, self.people, goal=goal
            ),
            _remove_question,
            N_("Remove the family's goal"),
            plan_sections.move_family_goal,
            lambda goal: _("Move the family's goal \u201c{text}\u201d").format(
                text=short(goal.text, 40)
            ),
        )
        self._move_actions = self._connect(self.goals)
        #: The selected goal's mark (saved at once, `mark_goal`), and the words' hint.
        self.mark = SpecialCategoryBox(self)
        self.mark.setAccessibleName(_("Special category of personal data in the selected goal"))
        self.mark.activated.connect(lambda _index: self.mark_goal(self.mark.category()))
        self.mark_hint = hint_label(self)
        self.section.table.selectionModel().selectionChanged.connect(self._show_mark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.section)
        layout.addLayout(self._mark_row())
        layout.addWidget(self.mark_hint)
        layout.addStretch(1)  # given more height than it needs, the room goes below
        self.setFocusProxy(self.section.table)

    def _mark_row(self) -> QHBoxLayout:
        row = labelled_row(self, _("Special data of the selected goal:"), self.mark)
        row.addStretch(1)
        return row

    # ---- showing -----------------------------------------------------------------------------

    def _show(self) -> None:
        goals = self.detail.family_goals if self.detail is not None else ()
        self.section.set_rows(goals, people=tuple(self.people))
        self.section.set_editable(self.editable)
        for action in self._move_actions:
            action.setEnabled(self.editable)
        self._fitter.fit()
        self._show_mark()

    def _show_mark(self, *_args: Any) -> None:
        """The selected goal's mark, changeable while the goals may change; the hint when its
        words suggest one it does not have."""
        goal = self.section.selected()
        marked = goal.special_category if goal is not None else ""
        self.mark.set_category(marked)
        self.mark.setEnabled(goal is not None and self.markable)
        suggested = special_rules.suggest_family_goal(goal) if goal is not None else None
        show_hint(self.mark_hint, marked, suggested or SpecialCategory.NONE)

    def _widths(self, width: int) -> dict[int, int]:
        table, m = self.section.table, FamilyGoalModel
        mark = max(table.horizontalHeader().sectionSizeHint(m.MARK), 100)
        return {
            m.SAID_BY: max(160, min(table.sizeHintForColumn(m.SAID_BY) + 16, width // 3)),
            m.MARK: min(mark + 8, width // 6),
        }

    # ---- changing ----------------------------------------------------------------------------

    def add_goal(self) -> FamilyGoalDialog | None:
        return self._open_row(self.goals)

    def mark_goal(self, category: str) -> None:
        """Mark the selected goal as a special category, or clear its mark (undoable)."""
        goal = self.section.selected()
        if goal is None or not self.markable or category == goal.special_category:
            return
        command = MarkFamilyGoalCommand(self.ctx, self.case_id, goal, category)
        if run_command(self.ctx, self.case_id, command):
            self.section.select_row(self.model.row_of(goal.id))


def _remove_question(goal: FamilyGoalDTO) -> str:
    return _(
        "Remove the family's goal \u201c{text}\u201d?\nYou can bring it back with Undo (Ctrl+Z)."
    ).format(text=short(goal.text, 80))
