"""Who takes part: colleagues (picked from the consultants or typed) and invited partners with
their organisation or role. Names and organisations are corrected in the table itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import consultants
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.meetings.dto import ParticipantDTO

from jeugdtool.ui.commands import attempt
from jeugdtool.ui.commands import execute_inline
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.meetings.fields import RemoveOnDelete
from jeugdtool.ui.meetings.fields import fit_height
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import heading

NAME, KIND, ORGANISATION = range(3)


def kind_label(kind: str) -> str:
    return _("Colleague") if kind == "consultant" else _("Invited partner")


class ParticipantsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail: MeetingDetail | None = None
        self._filling = False
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Takes part as"), _("Organisation")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ORGANISATION, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Participants"))
        self.name = QComboBox(self)
        self.name.setEditable(True)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name.addItems([c.name for c in consultants.list_consultants(ctx.uow)])
        self.name.setCurrentIndex(-1)
        self.name.lineEdit().setPlaceholderText(_("Name: pick a colleague or type"))
        self.name.setAccessibleName(_("Name of the participant"))
        self.kind = QComboBox(self)
        self.kind.addItem(kind_label("consultant"), "consultant")
        self.kind.addItem(kind_label("partner"), "partner")
        self.kind.setAccessibleName(_("Takes part as"))
        self.organisation = QLineEdit(self)
        self.organisation.setPlaceholderText(_("Organisation or role (partners)"))
        self.add = QPushButton(_("Add &participant"), self)
        self.remove = QPushButton(_("Remove"), self)
        self.error = ErrorLabel(self)
        self._lay_out()
        self.add.clicked.connect(self._add)
        self.name.lineEdit().returnPressed.connect(self._add)
        self.organisation.returnPressed.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.table.itemChanged.connect(self._edited)
        RemoveOnDelete(self.table, self._remove)

    def _lay_out(self) -> None:
        entry = QGridLayout()  # two lines: the column is narrow beside the recording
        entry.addWidget(self.name, 0, 0)
        entry.addWidget(self.kind, 0, 1)
        entry.addWidget(self.organisation, 1, 0)
        entry.addWidget(self.add, 1, 1)
        entry.setColumnStretch(0, 3)
        entry.setColumnStretch(1, 2)
        top = QHBoxLayout()
        top.addWidget(heading(_("Participants"), self, 1.05))
        top.addStretch(1)
        top.addWidget(self.remove)
        vbox(self, top, self.table, entry, self.error)

    def set_detail(self, detail: MeetingDetail | None) -> None:
        self.detail = detail
        rows = detail.participants if detail else ()
        self._filling = True
        try:
            self.table.setRowCount(len(rows))
            for row, p in enumerate(rows):
                for column, text in ((NAME, p.name), (ORGANISATION, p.organisation)):
                    self.table.setItem(row, column, QTableWidgetItem(text))
                kind = QTableWidgetItem(kind_label(p.kind))
                kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, KIND, kind)
        finally:
            self._filling = False
        fit_height(self.table, 260)
        self.setEnabled(detail is not None)

    def participant(self, row: int) -> ParticipantDTO | None:
        if self.detail is None or not 0 <= row < len(self.detail.participants):
            return None
        return self.detail.participants[row]

    def _add(self) -> None:
        if self.detail is None:
            return
        fields = {
            "name": self.name.currentText(),
            "kind": self.kind.currentData(),
            "organisation": self.organisation.text(),
        }
        command = mc.AddParticipantCommand(self.ctx, self.detail.meeting.id, fields)
        if not execute_inline(self.ctx, command, self.error):
            return
        self.name.setCurrentIndex(-1)
        self.name.clearEditText()
        self.organisation.clear()
        self.name.setFocus()

    def _remove(self) -> None:
        dto = self.participant(self.table.currentRow())
        if dto is not None:
            attempt(self.ctx, mc.RemoveParticipantCommand(self.ctx, dto))

    def _edited(self, item: QTableWidgetItem) -> None:
        dto = self.participant(item.row())
        if self._filling or dto is None:
            return
        field = "name" if item.column() == NAME else "organisation"
        if item.text() == getattr(dto, field):
            return
        command = mc.edit_participant(self.ctx, dto, field, item.text())
        if not execute_inline(self.ctx, command, self.error):
            self.set_detail(self.detail)  # the stored value again; the message keeps the typed
