"""The household's own fields, edited in place: each committed edit is one undoable command.

A text field commits on Enter or when it is left; a choice commits when picked. Invalid text
stays in the field with the message under it and nothing is saved until it is valid.

In team mode the case manager is not a field: the database lets only a team leader of the
case's team change it, by a handover (the combo is read-only; such a team leader gets the
"Hand over…" button next to it). Under it, the case team (workspace/case_team.py).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import consultants
from jeugdtool.cases import retention
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.handover import may_hand_over
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

from jeugdtool.ui.commands import EditHouseholdCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import refresh_case
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.handover import hand_over_interactively
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.case_team import CaseTeamRow
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import style_badge
from jeugdtool.ui.workspace.privacy_requests import OpenRequestsLabel

QWIDGETSIZE_MAX = (1 << 24) - 1
TEXT_FIELDS = ("case_number", "name", "opened_on")
CHOICE_FIELDS = ("mode", "case_manager_id")


def manager_by_handover_note() -> str:
    """Why the case manager is no field in team mode, and how it changes instead."""
    return _(
        "In a team database the case manager changes by a handover, done by a team leader of "
        "the case's team (Hand over… here or in the Caseload window)."
    )


class HouseholdForm(CaseWatcher, QWidget):
    """`set_household` shows the household as read; what it shows besides (the colleagues to
    choose as case manager, the case team, the open privacy requests) each part reads again
    only when a change touches it, not after every edit of a field."""

    #: The choices of case manager: every colleague's name.
    ENTITIES = ANY_CASE = ("consultant",)

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.household: HouseholdDTO | None = None
        self._consultants: list[ConsultantDTO] = []
        #: The choices of case manager and the one chosen, as last put in the combo.
        self._managers_shown: tuple[list[ConsultantDTO], int | None] | None = None
        self._saving = False  # a modal error box moves focus: ignore the echo of that
        self.edits = {name: QLineEdit(self) for name in TEXT_FIELDS}
        self.edits["opened_on"].setPlaceholderText(_("dd-mm-jjjj"))
        # Sized to what they hold: a date or number in a 600-pixel field reads as broken.
        self.edits["case_number"].setFixedWidth(220)
        self.edits["opened_on"].setFixedWidth(140)
        self.combos = {name: QComboBox(self) for name in CHOICE_FIELDS}
        for combo in self.combos.values():
            combo.setMinimumWidth(260)
            combo.setMaximumWidth(440)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for mode in CaseMode:
            self.combos["mode"].addItem(mode.label, mode.value)
        self.errors = {name: ErrorLabel(self) for name in (*TEXT_FIELDS, *CHOICE_FIELDS)}
        self.handover_button = QPushButton(_("H&and over…"), self)
        self.handover_button.setToolTip(
            _("Make a colleague of the case's team its case manager, with a note for them.")
        )
        self.handover_button.hide()
        self.handover_button.clicked.connect(self._hand_over)
        self.team = CaseTeamRow(ctx, case_id, self)
        self.badge = QLabel(self)
        self.closed_on = QLabel(self)
        self.close_reason = WrappingLabel("", self)
        self.retention = QLabel(self)
        self.requests = OpenRequestsLabel(ctx, case_id, self)
        for label in (self.closed_on, self.close_reason, self.retention):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._info_labels: dict[QWidget, QLabel] = {}
        self._layout()
        # The open requests hide themselves when there is none: seen while the form is.
        self.requests.caption = self._info_labels[self.requests]
        self.requests.seen_with(self)
        self.watch_case(ctx, case_id)
        for name, edit in self.edits.items():
            edit.editingFinished.connect(lambda name=name: self._commit_text(name))
        for name, combo in self.combos.items():
            combo.activated.connect(lambda _i, name=name: self._commit_choice(name))

    def _layout(self) -> None:
        """Two columns of label / field, each field with its message right under it."""
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnMinimumWidth(2, 24)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(4, 1)
        left = [
            (_("Case &number"), "case_number"),
            (_("Household na&me"), "name"),
            (_("&Way of working"), "mode"),
        ]
        for row, (label, name) in enumerate(left):
            self._field(2 * row, 0, label, name)
        self._manager_field(0, 3)
        self._info(2, _("Case team"), self.team)
        self._field(4, 3, _("Opening &date"), "opened_on")
        order = [
            self.edits["case_number"],
            self.edits["name"],
            self.combos["mode"],
            self.combos["case_manager_id"],
            self.handover_button,
            self.team.button,
            self.edits["opened_on"],
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)  # reading order, column by column
        self._info(6, _("Status"), self.badge)
        self._info(8, _("Closing date"), self.closed_on)
        self._info(10, _("Closing reason"), self.close_reason)
        self._info(12, _("Keep until"), self.retention)
        self._info(14, _("Privacy requests"), self.requests)

    def _field(self, row: int, column: int, label: str, name: str) -> None:
        widget = self.edits.get(name) or self.combos[name]
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        fixed = widget.minimumWidth() == widget.maximumWidth()
        self.grid.addWidget(caption, row, column)
        self.grid.addWidget(
            widget, row, column + 1, Qt.AlignmentFlag.AlignLeft if fixed else Qt.AlignmentFlag(0)
        )
        self.grid.addWidget(self.errors[name], row + 1, column + 1)

    def _manager_field(self, row: int, column: int) -> None:
        """The case manager's combo, with "Hand over…" beside it (shown to a team leader)."""
        combo = self.combos["case_manager_id"]
        caption = QLabel(_("Case mana&ger"), self)
        caption.setBuddy(combo)
        box = QWidget(self)
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(combo, 1)
        line.addWidget(self.handover_button)
        self.grid.addWidget(caption, row, column)
        self.grid.addWidget(box, row, column + 1)
        self.grid.addWidget(self.errors["case_manager_id"], row + 1, column + 1)

    def _info(self, row: int, label: str, value: QWidget) -> None:
        caption = QLabel(label, self)
        caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(caption, row, 3)
        # Only the badge keeps its own width; an aligned wrapping label would be clipped.
        align = Qt.AlignmentFlag.AlignLeft if value is self.badge else Qt.AlignmentFlag(0)
        self.grid.addWidget(value, row, 4, align)
        self._info_labels[value] = caption

    # ---- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        """The colleagues to choose from, read again (one of them changed)."""
        self._consultants = consultants.list_consultants(self.ctx.uow, include_inactive=True)
        self.loaded = True
        if self.household is not None:
            self._fill_managers(self._consultants, self.household.case_manager_id)

    def set_household(self, household: HouseholdDTO) -> None:
        """Show the saved values; a field the user is still changing keeps their text."""
        self.household = household
        if not self.loaded:
            self.reload_now()
        texts = {
            "case_number": household.case_number,
            "name": household.name,
            "opened_on": v.format_date_nl(household.opened_on),
        }
        for name, text in texts.items():
            edit = self.edits[name]
            if not edit.isModified() and edit.text() != text:
                edit.setText(text)
        self._fill_managers(self._consultants, household.case_manager_id)
        self.combos["mode"].setCurrentIndex(self.combos["mode"].findData(household.mode.value))
        style_badge(self.badge, household.status)
        closed = household.status != CaseStatus.OPEN
        self.closed_on.setText(v.format_date_nl(household.closed_on))
        self.close_reason.setText(household.close_reason or "")
        if closed:  # hidden while the case is open
            self._show_retention(household)
        for value in (self.closed_on, self.close_reason, self.retention):
            value.setVisible(closed)
            self._info_labels[value].setVisible(closed)
        self.team.set_household(household)
        if not self.requests.loaded:
            self.requests.reload_now()
        self.set_editable(self.ctx.can_edit(household))

    def _show_retention(self, household: HouseholdDTO) -> None:
        """The date until which a closed case is kept, with the rule and its source."""
        try:
            rule = retention.load_rule()
        except JeugdtoolError as exc:  # a damaged rule file: start-up has said so already
            self.retention.setText("—")
            self.retention.setToolTip(str(exc))
            return
        until = retention.retention_date(household.closed_on, rule)
        self.retention.setText(v.format_date_nl(until) if until else "")
        note = retention.rule_note(rule, household.closed_on)
        for label in (self.retention, self._info_labels[self.retention]):
            label.setToolTip(note)

    def _fill_managers(self, people: list[ConsultantDTO], current: int | None) -> None:
        combo = self.combos["case_manager_id"]
        if (people, current) == self._managers_shown:  # refilling resizes and lays out
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
            return
        self._managers_shown = (people, current)
        combo.clear()
        combo.addItem(_("(none)"), None)
        for c in people:
            if c.active or c.id == current:
                combo.addItem(
                    c.name if c.active else _("{name} (inactive)").format(name=c.name), c.id
                )
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)

    def set_editable(self, editable: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(not editable)
        for combo in self.combos.values():
            combo.setEnabled(editable)
        if self.ctx.team_mode:
            self._manager_by_handover(editable)

    def _manager_by_handover(self, editable: bool) -> None:
        """Team mode: the case manager changes only by a handover (the database refuses any
        other change of it), so the combo is read-only and says how it changes instead."""
        combo = self.combos["case_manager_id"]
        combo.setEnabled(False)
        combo.setToolTip(manager_by_handover_note())
        team_id = self.household.team_id if self.household is not None else None
        self.handover_button.setVisible(editable and may_hand_over(self.ctx.staff, team_id))

    def _hand_over(self) -> None:
        hand_over_interactively(self.ctx, self.case_id, self)
        self.handover_button.setFocus()

    # ---- committing ----------------------------------------------------------------------

    def _commit_text(self, name: str) -> None:
        edit = self.edits[name]
        if self._saving or not edit.isModified() or edit.isReadOnly():
            return
        try:
            new = v.household({name: edit.text()})[name]
        except InvalidInput as exc:
            self.errors[name].show_message(str(exc))
            return
        self._save(name, new)

    def _commit_choice(self, name: str) -> None:
        data = self.combos[name].currentData()
        self._save(name, CaseMode(data) if name == "mode" else data)

    def _save(self, name: str, new: Any) -> None:
        """Push the edit; a refusal stays visible next to the field with the text kept."""
        if self.household is None:
            return
        edit = self.edits.get(name)
        old = getattr(self.household, name)
        if edit is not None:
            edit.setModified(False)  # saved values may now replace the text on reload
        if new == old:
            self.errors[name].show_message(None)
            self.set_household(self.household)
            return
        self._saving = True
        widget = edit if edit is not None else self.combos[name]
        try:
            command = EditHouseholdCommand(self.ctx, self.case_id, name, old, new)
            if not execute(self.ctx, command, origin=widget):
                self._keep(edit)  # kept until it can be saved: the text must stay
            self.errors[name].show_message(None)
        except InvalidInput as exc:
            self._keep(edit)
            self.errors[name].show_message(str(exc))
        except JeugdtoolError as exc:
            self._keep(edit)
            self.ctx.dialogs.error(str(exc))
            refresh_case(self.ctx, self.case_id)
        finally:
            self._saving = False

    @staticmethod
    def _keep(edit: QLineEdit | None) -> None:
        if edit is not None:
            edit.setModified(True)
