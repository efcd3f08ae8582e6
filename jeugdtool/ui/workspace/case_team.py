"""The case team on the case's own screen: its co-workers' names, and a small dialog to add and
remove them (each step undoable).

Who may change it follows the database's own rule (cases/staff.py, `may_form_case_team`): in
team mode the case manager and a team leader of the case's team; everyone else sees the names
with a tooltip saying who may change them. In single-user mode the consultant may.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import staff
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.staff import CoworkerDTO
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.case_team_commands import AddCoworkerCommand
from jeugdtool.ui.case_team_commands import RemoveCoworkerCommand
from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import refresh_case
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.undo_keys import add_undo_keys


def who_may_change(household: HouseholdDTO) -> str:
    """The tooltip of a case team someone may only read: who may change it."""
    if household.case_manager_name:
        return _(
            "Only the case manager ({name}) or a team leader of the case's team can change "
            "the case team."
        ).format(name=household.case_manager_name)
    return _("Only a team leader of the case's team can change the case team.")


class CaseTeamRow(CaseWatcher, QWidget):
    """The co-workers' names and the "Colleagues…" button that opens `CaseTeamDialog`; the
    names are read again only when the case team (or a colleague's name) changes."""

    ENTITIES = ("case_coworker", "case_handover")
    ANY_CASE = ("consultant",)

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.household: HouseholdDTO | None = None
        self.coworkers: list[CoworkerDTO] = []
        self.names = WrappingLabel("", self)
        self.names.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(_("Co&lleagues…"), self)
        self.button.clicked.connect(self.open_dialog)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.names, 1)
        # At the right edge, like "Hand over…" above it and the sections' buttons below.
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.setFocusProxy(self.button)
        self.watch_case(ctx, case_id)

    def set_household(self, household: HouseholdDTO) -> None:
        """Who may change the team follows the household (its manager, team and status)."""
        self.household = household
        if self.loaded:
            self._show()
        else:
            self.reload_now()

    def reload(self) -> None:
        if self.household is None:
            return  # shown with the household (set_household)
        self.loaded = True
        self.coworkers = staff.list_coworkers(self.ctx.uow, self.case_id)
        self._show()

    def _show(self) -> None:
        text = ", ".join(c.name for c in self.coworkers) or _("No co-workers yet")
        if text != self.names.text():  # a new style sheet costs a restyle: only when it changes
            self.names.setText(text)
            if self.coworkers:
                self.names.setStyleSheet("")
            else:
                style_text(self.names, Role.MUTED)
        may = self.may_change()
        self.button.setEnabled(may)
        tip = self._tooltip(may)
        self.button.setToolTip(tip)
        self.names.setToolTip(tip)

    def may_change(self) -> bool:
        h = self.household
        return (
            h is not None
            and self.ctx.can_edit(h)
            and staff.may_form_case_team(self.ctx.staff, h.case_manager_id, h.team_id)
        )

    def _tooltip(self, may: bool) -> str:
        assert self.household is not None
        if may:
            return _("Add colleagues who work on this case with the case manager, or remove them.")
        if not self.ctx.can_edit(self.household):
            return self.ctx.locked_note(_("The case is closed: reopen it to change its team."))
        return who_may_change(self.household)

    def open_dialog(self) -> None:
        if self.household is None or not self.may_change():
            return
        dialog = CaseTeamDialog(self.ctx, self.household, origin=self.button, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.button.setFocus())
        dialog.open()


class CaseTeamDialog(QDialog):
    """The case's co-workers: remove one, or add a colleague; Ctrl+Z undoes a step."""

    def __init__(
        self,
        ctx: AppContext,
        household: HouseholdDTO,
        origin: QWidget | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.household, self.origin = ctx, household, origin
        self.coworkers: list[CoworkerDTO] = []
        self.choices: list[ConsultantDTO] = []
        self.setWindowTitle(
            _("Case team of {number} {name}").format(
                number=household.case_number, name=household.name
            )
        )
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Co-workers"))
        self.empty = QLabel(_("No co-workers yet."), self)
        style_text(self.empty, Role.MUTED)
        self.remove_button = QPushButton(_("&Remove"), self)
        self.person_combo = QComboBox(self)
        self.person_combo.setAccessibleName(_("New co-worker"))
        self.add_button = QPushButton(_("&Add"), self)
        self.error = ErrorLabel(self)
        self._build()
        self._add_keys()
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_button.clicked.connect(self.add_chosen)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        ctx.signals.changed.connect(self._on_changed)
        self._listening = True
        self.reload()
        self.person_combo.setFocus()

    def _build(self) -> None:
        intro = WrappingLabel(self._intro(), self)
        listed = QLabel(_("&Co-workers on this case:"), self)
        listed.setBuddy(self.list)
        chosen = QLabel(_("&New co-worker:"), self)
        chosen.setBuddy(self.person_combo)
        self.list.setMinimumHeight(self.fontMetrics().height() * 6)
        grid = QGridLayout()
        grid.addWidget(listed, 0, 0, 1, 2)
        grid.addWidget(self.list, 1, 0)
        grid.addWidget(self.remove_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.empty, 2, 0, 1, 2)
        grid.addWidget(chosen, 3, 0, 1, 2)
        grid.addWidget(self.person_combo, 4, 0)
        grid.addWidget(self.add_button, 4, 1)
        grid.setColumnStretch(0, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    def _intro(self) -> str:
        manager = self.household.case_manager_name
        text = (
            _(
                "Co-workers see and work on this case together with its case manager, {name}."
            ).format(name=manager)
            if manager
            else _("Co-workers see and work on this case together with its case manager.")
        )
        return text + " " + _("Undo a step with Ctrl+Z.")

    def _add_keys(self) -> None:
        """Del removes the selected co-worker; Ctrl+Z / Ctrl+Y undo and redo here too (the
        window's Edit menu cannot be reached from a dialog)."""
        remove = QAction(self.list)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.list.addAction(remove)
        add_undo_keys(self, self.ctx.undo_stack)

    # ---- showing -------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.household.id) or changes.touches("consultant"):
            self.reload()

    def reload(self) -> None:
        """Show the co-workers and who can be added, as saved now."""
        selected = self.current()
        self.coworkers = staff.list_coworkers(self.ctx.uow, self.household.id)
        self.choices = staff.coworker_choices(self.ctx.uow, self.household.id)
        self.list.clear()
        for coworker in self.coworkers:
            item = QListWidgetItem(coworker.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, coworker.id)
        ids = [c.id for c in self.coworkers]
        if self.coworkers:
            keep = selected.id if selected is not None and selected.id in ids else ids[0]
            self.list.setCurrentRow(ids.index(keep))
        picked = self.person_combo.currentData()
        self.person_combo.clear()
        for person in self.choices:
            self.person_combo.addItem(person.name, person.id)
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(picked)))
        self.empty.setVisible(not self.coworkers)
        self.list.setVisible(bool(self.coworkers))
        self._enable()

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.current() is not None)
        self.add_button.setEnabled(bool(self.choices))
        self.person_combo.setEnabled(bool(self.choices))
        if not self.choices:
            self.person_combo.setPlaceholderText(_("Nobody else to add"))

    def current(self) -> CoworkerDTO | None:
        row = self.list.currentRow()
        return self.coworkers[row] if 0 <= row < len(self.coworkers) else None

    # ---- changing ------------------------------------------------------------------------

    def add_chosen(self) -> None:
        person = next((p for p in self.choices if p.id == self.person_combo.currentData()), None)
        if person is not None:
            self._do(AddCoworkerCommand(self.ctx, self.household.id, person))
            self.person_combo.setFocus()

    def remove_selected(self) -> None:
        coworker = self.current()
        if coworker is not None:
            self._do(RemoveCoworkerCommand(self.ctx, coworker))
            (self.list if self.coworkers else self.person_combo).setFocus()

    def _do(self, command: ServiceCommand) -> None:
        """Do the step (undoable); a refusal is shown in the dialog, with the latest team."""
        self.error.show_message(None)
        try:
            execute(self.ctx, command, origin=self.origin)
        except InvalidInput as exc:
            self.error.show_message("\n".join(p.message for p in exc.problems))
            self.reload()
        except JeugdtoolError as exc:
            self.error.show_message(str(exc))
            refresh_case(self.ctx, self.household.id)

    def done(self, result: int) -> None:
        if self._listening:  # the context outlives this dialog
            self._listening = False
            self.ctx.signals.changed.disconnect(self._on_changed)
        super().done(result)
