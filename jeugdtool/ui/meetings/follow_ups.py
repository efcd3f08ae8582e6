"""Follow-up actions of one agenda item: what, who, by when, done. They show on the case until
done. Added from the entry line below the table, corrected in the table, ticked off there."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import FollowUpDTO
from jeugdtool.meetings.dto import ItemDTO

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import brush
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import execute_inline
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.meetings.fields import RemoveOnDelete
from jeugdtool.ui.meetings.fields import fit_height
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import heading

WHAT, OWNER, DUE, DONE = range(4)
FIELDS = {WHAT: "what", OWNER: "owner", DUE: "due_on"}


class FollowUpsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item: ItemDTO | None = None
        self._filling = False
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("What"), _("Who"), _("Due"), _("Done")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(_("Follow-up actions"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        self.what = line_edit(
            self, "", _("What will be done"), _("New follow-up: what will be done")
        )
        self.owner = line_edit(self, "", _("Who does it"), _("Who"))
        self.due = line_edit(self, "", _("Due date"), _("Due dd-mm-jjjj"))
        self.due.setMaximumWidth(130)
        self.add = QPushButton(_("Add &follow-up"), self)
        self.remove = QPushButton(_("Remove"), self)
        self.error = ErrorLabel(self)
        self.none = QLabel(_("No follow-ups yet."), self)
        style_text(self.none, Role.MUTED)
        top = QHBoxLayout()
        top.addWidget(heading(_("Follow-up actions"), self, 1.05))
        top.addStretch(1)
        top.addWidget(self.remove)
        entry = QHBoxLayout()
        entry.addWidget(self.what, 3)
        entry.addWidget(self.owner, 1)
        entry.addWidget(self.due)
        entry.addWidget(self.add)
        vbox(self, top, self.none, self.table, entry, self.error)
        for edit in (self.what, self.owner, self.due):
            edit.returnPressed.connect(self._add)
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self.table.itemChanged.connect(self._edited)
        RemoveOnDelete(self.table, self._remove)

    def set_item(self, item: ItemDTO | None) -> None:
        self.item = item
        rows = item.follow_ups if item else ()
        today = dt.date.today()
        self._filling = True
        try:
            self.table.setRowCount(len(rows))
            for n, f in enumerate(rows):
                texts = {WHAT: f.what, OWNER: f.owner, DUE: format_date_nl(f.due_on)}
                for column, text in texts.items():
                    cell = QTableWidgetItem(text)
                    if column == DUE and f.overdue(today):
                        cell.setForeground(brush(Role.ERROR))
                        cell.setToolTip(_("Overdue"))
                    self.table.setItem(n, column, cell)
                done = QTableWidgetItem()
                done.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                done.setCheckState(Qt.CheckState.Checked if f.done else Qt.CheckState.Unchecked)
                self.table.setItem(n, DONE, done)
        finally:
            self._filling = False
        fit_height(self.table, 220)
        self.table.setVisible(bool(rows))
        self.none.setVisible(not rows)
        self.remove.setEnabled(bool(rows))

    def follow_up(self, row: int) -> FollowUpDTO | None:
        if self.item is None or not 0 <= row < len(self.item.follow_ups):
            return None
        return self.item.follow_ups[row]

    def _add(self) -> None:
        if self.item is None:
            return
        fields = {"what": self.what.text(), "owner": self.owner.text(), "due_on": self.due.text()}
        if not execute_inline(
            self.ctx, mc.AddFollowUpCommand(self.ctx, self.item, fields), self.error
        ):
            return
        for edit in (self.what, self.owner, self.due):
            edit.clear()
        self.what.setFocus()

    def _remove(self) -> None:
        dto = self.follow_up(self.table.currentRow())
        if dto is not None:
            self._run(mc.RemoveFollowUpCommand(self.ctx, dto))

    def _edited(self, cell: QTableWidgetItem) -> None:
        dto = self.follow_up(cell.row())
        if self._filling or dto is None:
            return
        if cell.column() == DONE:
            done = cell.checkState() == Qt.CheckState.Checked
            if done != dto.done:
                self._run(mc.edit_follow_up(self.ctx, dto, "done", done))
            return
        field = FIELDS[cell.column()]
        old = format_date_nl(dto.due_on) if field == "due_on" else getattr(dto, field)
        if cell.text().strip() != old:
            self._run(mc.edit_follow_up(self.ctx, dto, field, cell.text()))

    def _run(self, command: mc.MeetingCommand) -> None:
        try:
            execute(self.ctx, command)
        except InvalidInput as exc:
            self.error.show_message(str(exc))  # it names what was typed; the cell shows the saved
            self.set_item(self.item)
            return
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            mc.refresh_meetings(self.ctx)
            return
        self.error.show_message(None)
