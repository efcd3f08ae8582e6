"""Who accepted an agreement: per named person yes / no / not asked, when and how.

"Accepted by everyone" is computed from these rows and shown, never ticked; "Everyone has
accepted" records, in one step, that every person not yet accepting did so (how and when: one
answer for all, e.g. in the network meeting). Each change is recorded at once (an undoable
command, through the page); the agreement's status follows in the core (`plans.accept_for_all`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import validation as v
from jeugdtool.errors import InvalidInput
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import muted

#: The answers a person can have given (None: not asked yet).
ANSWERS: tuple[bool | None, ...] = (None, True, False)


def answer_label(accepted: bool | None) -> str:
    if accepted is None:
        return _("Not asked yet")
    return _("Accepted") if accepted else _("Does not accept")


class AcceptanceRow:
    """The widgets of one person's acceptance, in a row of the section's grid."""

    def __init__(self, box: AcceptanceBox, party: PartyDTO):
        self.party = party
        self.name = QLabel(party.source.label, box)
        self.answer = QComboBox(box)
        for accepted in ANSWERS:
            self.answer.addItem(answer_label(accepted), accepted)
        self.answer.setAccessibleName(_("Acceptance of {name}").format(name=party.source.label))
        self.how = QComboBox(box)
        for how in AcceptedHow:
            self.how.addItem(how.label, how)
        self.how.setAccessibleName(_("How {name} answered").format(name=party.source.label))
        self.on = QLineEdit(box)
        self.on.setPlaceholderText(_("dd-mm-jjjj"))
        self.on.setMaximumWidth(110)
        self.on.setAccessibleName(_("Date {name} answered").format(name=party.source.label))
        self.error = ErrorLabel(box)
        self.show(party)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.answer, self.how, self.on)

    def show(self, party: PartyDTO) -> None:
        self.party = party
        for widget in (self.answer, self.how, self.on):
            widget.blockSignals(True)
        self.answer.setCurrentIndex(ANSWERS.index(party.accepted))
        how = party.accepted_how or AcceptedHow.MEETING
        self.how.setCurrentIndex(max(0, self.how.findData(how)))
        self.on.setText(v.format_date_nl(party.accepted_on))
        for widget in (self.answer, self.how, self.on):
            widget.blockSignals(False)
        self._enable()

    def _enable(self) -> None:
        answered = self.answer.currentData() is not None
        self.how.setEnabled(answered and self.answer.isEnabled())
        self.on.setEnabled(answered and self.answer.isEnabled())

    def state(self) -> tuple[bool | None, dt.date | None, AcceptedHow | None]:
        """What the row says now; raises InvalidInput for a date that is not one."""
        accepted = self.answer.currentData()
        if accepted is None:
            return None, None, None
        on = v.parse_date_nl(self.on.text(), "accepted_on") or dt.date.today()
        return accepted, on, self.how.currentData()


class EveryoneRow(QWidget):
    """ "Everyone has accepted", how and on which day (today unless changed)."""

    #: (on, how): the user said everyone accepted.
    accepted = Signal(object, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.button = QPushButton(_("Everyone has accepte&d"), self)
        self.button.setObjectName("everyone-accepted")
        self.button.setToolTip(
            _("Record that every person this agreement names accepted it, in one step")
        )
        self.how = QComboBox(self)
        for how in AcceptedHow:
            self.how.addItem(how.label, how)
        self.how.setCurrentIndex(max(0, self.how.findData(AcceptedHow.MEETING)))
        self.how.setAccessibleName(_("How everyone answered"))
        self.on = QLineEdit(v.format_date_nl(dt.date.today()), self)
        self.on.setPlaceholderText(_("dd-mm-jjjj"))
        self.on.setMaximumWidth(110)
        self.on.setAccessibleName(_("Date everyone answered"))
        self.error = ErrorLabel(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.how)
        row.addWidget(self.on)
        row.addStretch(1)
        vbox(self, row, self.error, spacing=2, margins=(0, 0, 0, 0))
        self.button.clicked.connect(self._clicked)
        self.on.returnPressed.connect(self._clicked)

    def _clicked(self) -> None:
        if not self.button.isEnabled():
            return
        try:
            on = v.parse_date_nl(self.on.text(), "accepted_on") or dt.date.today()
        except InvalidInput as exc:
            self.error.show_message(str(exc))
            self.on.setFocus()
            return
        self.error.show_message(None)
        self.accepted.emit(on, self.how.currentData())

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.button, self.how, self.on):
            widget.setEnabled(enabled)


class AcceptanceBox(QWidget):
    """The acceptance of every person the agreement names, and whether everyone accepted."""

    #: (PartyDTO, accepted, on, how): the user changed a person's acceptance.
    recorded = Signal(object, object, object, object)
    #: (on, how): everyone the agreement names accepted (`EveryoneRow`).
    all_accepted = Signal(object, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: dict[int, AcceptanceRow] = {}
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 1)
        self.everyone = QLabel(self)
        self.everyone.setObjectName("accepted-by-everyone")
        self.note = muted("", self)
        self.everyone_row = EveryoneRow(self)
        self.everyone_row.accepted.connect(self.all_accepted)
        vbox(self, self.grid, self.note, self.everyone, self.everyone_row, spacing=4)
        self._editable = True
        self._agreement: AgreementDTO | None = None

    def show_agreement(self, agreement: AgreementDTO | None, note: str = "") -> None:
        """Show its people; rows of the same people are updated in place (focus stays)."""
        self._agreement = agreement
        parties: Sequence[PartyDTO] = agreement.parties if agreement is not None else ()
        if [p.id for p in parties] != list(self.rows):
            self._rebuild(parties)
        else:
            for party in parties:
                self.rows[party.id].show(party)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._show_everyone(agreement)
        self.set_editable(self._editable)

    def _rebuild(self, parties: Sequence[PartyDTO]) -> None:
        for row in self.rows.values():
            for widget in (*row.widgets(), row.error):
                widget.deleteLater()
        self.rows = {}
        for n, party in enumerate(parties):
            row = AcceptanceRow(self, party)
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, 2 * n, column)
                widget.show()  # at once, not after the next event loop pass (focus, tests)
            self.grid.addWidget(row.error, 2 * n + 1, 0, 1, 4)
            row.answer.currentIndexChanged.connect(lambda *_a, r=row: self._changed(r))
            row.how.currentIndexChanged.connect(lambda *_a, r=row: self._changed(r))
            row.on.editingFinished.connect(lambda r=row: self._date_changed(r))
            self.rows[party.id] = row

    def _show_everyone(self, agreement: AgreementDTO | None) -> None:
        if agreement is None or not agreement.parties:
            text, role = _("Accepted by everyone: nobody is named yet"), Role.MUTED
        elif agreement.accepted_by_all:
            text, role = _("Accepted by everyone: yes"), Role.OK
        else:
            done = sum(1 for p in agreement.parties if p.accepted is True)
            text = _("Accepted by everyone: not yet ({done} of {total})").format(
                done=done, total=len(agreement.parties)
            )
            role = Role.ERROR
        self.everyone.setText(text)
        style_text(self.everyone, role, "font-weight: bold;")

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        for row in self.rows.values():
            row.answer.setEnabled(editable)
            row._enable()
        agreement = self._agreement
        waiting = agreement is not None and bool(agreement.parties)
        waiting = waiting and not agreement.accepted_by_all
        self.everyone_row.set_enabled(editable and waiting)
        self.everyone_row.setVisible(editable and agreement is not None and bool(agreement.parties))

    def _date_changed(self, row: AcceptanceRow) -> None:
        if row.answer.currentData() is not None and row.on.text() != v.format_date_nl(
            row.party.accepted_on
        ):
            self._changed(row)

    def _changed(self, row: AcceptanceRow) -> None:
        row._enable()
        try:
            accepted, on, how = row.state()
        except InvalidInput as exc:
            row.error.show_message(str(exc))
            return
        row.error.show_message(None)
        party = row.party
        if (accepted, on, how) != (party.accepted, party.accepted_on, party.accepted_how):
            self.recorded.emit(party, accepted, on, how)
