"""Handing a case over: the dialog a team leader fills in, and its undo command (undo hands the
case back, refusing when someone changed the case manager since)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import handover
from jeugdtool.cases.handover import Handover
from jeugdtool.cases.handover import HandoverChoice
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_problems
from jeugdtool.ui.widgets import submitted


class HandoverCommand(ServiceCommand):
    """Hand a case over; undo hands it back, redo hands it over again."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        to_person_id: int,
        to_name: str,
        note: str = "",
        keep_previous: bool = False,
    ):
        super().__init__(ctx, case_id, _("Hand over to {name}").format(name=to_name))
        self.to_person_id, self.note, self.keep_previous = to_person_id, note, keep_previous
        #: The handover as last done (what undo hands back).
        self.done: Handover | None = None

    def _hand_over(self, expected: dict[str, int | None] | None) -> None:
        self.done = self.ctx.run(
            handover.hand_over,
            self.case_id,
            self.to_person_id,
            self.note,
            by=self.ctx.staff,
            keep_previous=self.keep_previous,
            expected=expected,
        )

    def first(self) -> None:
        self._hand_over(None)

    def replay(self) -> None:
        assert self.done is not None
        self._hand_over({"case_manager_id": self.done.from_person_id})

    def revert(self) -> None:
        assert self.done is not None
        self.ctx.run(handover.hand_back, self.done, by=self.ctx.staff)


class HandoverDialog(QDialog):
    """Who takes the case over, a note for them, and whether the previous one stays on."""

    def __init__(self, ctx: AppContext, choice: HandoverChoice, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.choice = ctx, choice
        #: The command, once the case was handed over.
        self.command: HandoverCommand | None = None
        self.setWindowTitle(_("Hand over case {number}").format(number=choice.case_number))
        self._build()

    def _build(self) -> None:
        choice = self.choice
        intro = QLabel(self._intro(), self)
        intro.setWordWrap(True)
        self.person_combo = QComboBox(self)
        self.person_combo.setAccessibleName(_("New case manager"))
        for person in choice.candidates:
            if person.id != choice.manager_id:
                self.person_combo.addItem(person.name, person.id)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName(_("Handover note"))
        self.note_edit.setPlaceholderText(
            _("What the new case manager needs to know first (optional)")
        )
        self.keep_box = QCheckBox(
            _("Keep {name} on the case as co-worker").format(name=choice.manager_name), self
        )
        self.keep_box.setVisible(bool(choice.manager_name))
        self.keep_box.setToolTip(
            _("Otherwise {name} no longer has access to this case after the handover.").format(
                name=choice.manager_name
            )
        )
        self.errors = {f: error_label(self) for f in ("to_person_id", "note", "")}
        form = QFormLayout()
        person_label = QLabel(_("&New case manager:"), self)
        person_label.setBuddy(self.person_combo)
        form.addRow(person_label, self.person_combo)
        form.addRow("", self.errors["to_person_id"])
        note_label = QLabel(_("N&ote:"), self)
        note_label.setBuddy(self.note_edit)
        form.addRow(note_label, self.note_edit)
        form.addRow("", self.errors["note"])
        form.addRow("", self.keep_box)
        buttons = ok_cancel(self, _("Hand over"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(self.person_combo.count() > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors[""])
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)

    def _intro(self) -> str:
        choice = self.choice
        case = f"{choice.case_number} {choice.case_name}"
        if not [p for p in choice.candidates if p.id != choice.manager_id]:
            return _(
                "{case} cannot be handed over: nobody else in its team can be case manager. Ask "
                "the administrator to add colleagues to the team."
            ).format(case=case)
        if choice.manager_name:
            return _("{case}, case manager now: {name}.").format(
                case=case, name=choice.manager_name
            )
        return _("{case} has no case manager yet.").format(case=case)

    def accept(self) -> None:
        command = HandoverCommand(
            self.ctx,
            self.choice.case_id,
            self.person_combo.currentData(),
            self.person_combo.currentText(),
            self.note_edit.toPlainText(),
            bool(self.choice.manager_name) and self.keep_box.isChecked(),
        )
        # A storage fault keeps the handover to save later (the status bar says so); the
        # dialog closes, so there is no field to mark.
        if submitted(lambda: execute(self.ctx, command), self._show_problems, self._show_failure):
            self.command = command
            super().accept()

    def _show_problems(self, exc: InvalidInput) -> None:
        show_problems(self.errors, exc)

    def _show_failure(self, message: str) -> None:
        show_problems(self.errors, InvalidInput([]), message)


def hand_over_interactively(
    ctx: AppContext, case_id: int, parent: QWidget | None = None
) -> Handover | None:
    """Ask to whom the case goes and hand it over; the handover, or None (cancelled, refused)."""
    try:
        choice = handover.handover_choice(ctx.uow, case_id)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc), _("The case was not handed over"))
        return None
    dialog = HandoverDialog(ctx, choice, parent)
    dialog.exec()
    return dialog.command.done if dialog.command is not None else None
