"""The "New case" dialog and the undoable command that creates the case."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import staff
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store.snapshot import Snapshot

from jeugdtool.ui.commands import refresh_case
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error

#: The order of the fields, as the services name them.
FIELDS = ("name", "mode", "team_id", "case_manager_id", "case_number", "opened_on")


class CreateCaseCommand(QUndoCommand):
    """Create a case; undo removes it, redo puts it back with the same id.

    The first `redo()` creates the case and raises InvalidInput when the input is wrong, so the
    caller runs it once *before* pushing; the push's own `redo()` then has nothing to do.
    """

    def __init__(self, ctx: AppContext, fields: dict[str, Any]):
        super().__init__(_("New case {name}").format(name=fields.get("name", "")))
        self.ctx = ctx
        self.fields = fields
        #: The created case (set by the first redo).
        self.case: HouseholdDTO | None = None
        #: What undo removed, to put back on redo.
        self._removed: Snapshot | None = None
        #: The case as created (or put back by redo): undo removes it only while it is still
        #: exactly that, so nothing a colleague recorded in it meanwhile goes with it.
        self._left: CaseDetail | None = None

    def redo(self) -> None:
        if self.case is None:
            self.case = self.ctx.run(households.create_case, **self.fields)
            self._left = CaseDetail(household=self.case, persons=(), network=())
        elif self._removed is not None:
            removed = self._removed
            back = self._guarded(lambda: self.ctx.run(households.restore_case, removed))
            if back is not None and self._left is not None:
                self._left = replace(self._left, household=back)
            self._removed = None

    def undo(self) -> None:
        assert self.case is not None
        self._removed = self._guarded(
            lambda: self.ctx.run(households.delete_case, self.case.id, expected=self._left)
        )

    def _guarded(self, action: Any) -> Any:
        """Run `action`; when the database refuses, say why and drop this step from the stack."""
        try:
            return action()
        except JeugdtoolError as exc:
            self.setObsolete(True)
            self.ctx.dialogs.error(str(exc))
            if self.case is not None:
                refresh_case(self.ctx, self.case.id)  # show the case as it is now
            return None


class NewCaseDialog(QDialog):
    """Asks for what a new case needs; wrong input is explained next to the field."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        #: The created case, once the dialog was accepted.
        self.case: HouseholdDTO | None = None
        self.setWindowTitle(_("New case"))
        self._build()

    def _build(self) -> None:
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(_("For example: Gezin Jansen"))
        self.mode_combo = QComboBox(self)
        for mode in CaseMode:
            self.mode_combo.addItem(mode.label, mode)
        # Team mode: the case belongs to a team of the creator (the first, unless they choose),
        # with a consultant of that team as case manager: themselves unless they choose.
        self.team_combo = QComboBox(self)
        for team in self.ctx.staff.teams:
            self.team_combo.addItem(team.name, team.id)
        self.manager_combo = QComboBox(self)
        self._fill_managers()
        self.team_combo.currentIndexChanged.connect(self._fill_managers)
        self.number_edit = QLineEdit(households.next_case_number(self.ctx.uow), self)
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.date_edit.setCalendarPopup(True)
        self.errors = {field: error_label(self) for field in (*FIELDS, "")}
        form = QFormLayout()
        rows = (
            (_("Household &name:"), self.name_edit, "name"),
            (_("&Way of working:"), self.mode_combo, "mode"),
            (_("&Team:"), self.team_combo, "team_id"),
            (_("Case &manager:"), self.manager_combo, "case_manager_id"),
            (_("Case n&umber:"), self.number_edit, "case_number"),
            (_("&Opening date:"), self.date_edit, "opened_on"),
        )
        for text, widget, field in rows:
            if widget is self.team_combo and self.team_combo.count() < 2:
                continue  # one team (or single-user mode): nothing to choose
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
            form.addRow("", self.errors[field])
        buttons = ok_cancel(self, _("Create case"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors[""])
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    def _fill_managers(self) -> None:
        """The possible case managers: everyone (single-user mode) or the chosen team's people;
        the signed-in person first chosen."""
        team_id = self.team_combo.currentData()
        if self.ctx.team_mode and team_id is not None:
            people = staff.team_members(self.ctx.uow, team_id)
        else:
            people = consultants.list_consultants(self.ctx.uow)
        self.manager_combo.clear()
        for person in people:
            self.manager_combo.addItem(person.name, person.id)
        self.manager_combo.setCurrentIndex(max(0, self.manager_combo.findData(self.ctx.user.id)))

    def fields(self) -> dict[str, Any]:
        date = self.date_edit.date()
        team, manager = staff.default_assignment(
            self.ctx.staff, self.team_combo.currentData(), self.manager_combo.currentData()
        )
        return {
            "name": self.name_edit.text(),
            "mode": self.mode_combo.currentData(),
            "team_id": team,
            "case_manager_id": manager,
            "case_number": self.number_edit.text().strip(),
            "opened_on": dt.date(date.year(), date.month(), date.day()),
        }

    def accept(self) -> None:
        command = CreateCaseCommand(self.ctx, self.fields())
        try:
            command.redo()
        except InvalidInput as exc:
            self._show_problems(exc)
            return
        except JeugdtoolError as exc:
            self._show_problems(InvalidInput([]), general=str(exc))
            return
        self.ctx.undo_stack.push(command)
        self.case = command.case
        super().accept()

    def _show_problems(self, exc: InvalidInput, general: str = "") -> None:
        known = set(FIELDS)
        other = [p.message for p in exc.problems if p.field not in known]
        if general:
            other.append(general)
        for field, label in self.errors.items():
            show_error(label, exc.for_field(field) if field else other)
        first = next((f for f in FIELDS if exc.for_field(f)), None)
        widgets = dict(
            zip(
                FIELDS,
                (
                    self.name_edit,
                    self.mode_combo,
                    self.team_combo,
                    self.manager_combo,
                    self.number_edit,
                    self.date_edit,
                ),
                strict=True,
            )
        )
        if first is not None:
            widgets[first].setFocus()


def create_case_interactively(
    ctx: AppContext, parent: QWidget | None = None
) -> HouseholdDTO | None:
    """Show the dialog; the created case, or None when the user cancelled."""
    dialog = NewCaseDialog(ctx, parent)
    dialog.exec()
    return dialog.case
