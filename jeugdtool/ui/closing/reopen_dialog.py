"""Reopening a case: asks since when the family gets help again (that day is the new start the
indicators count), then reopens through an undoable command."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.validation import parse_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

from jeugdtool.ui import commands as c
from jeugdtool.ui.closing.commands import ReopenCaseCommand
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel


class ReopenDialog(QDialog):
    """The date of the reopening, today unless changed; OK reopens (undoable)."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        closed_on: dt.date | None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("ReopenDialog")
        self.ctx, self.case_id = ctx, case_id
        #: The command that reopened the case (set when OK did).
        self.command: ReopenCaseCommand | None = None
        self.setWindowTitle(_("Reopen case"))
        intro = _(
            "Reopening records that help starts again for this family; that counts as a new "
            "start in the results."
        )
        if closed_on is not None:
            intro = (
                _("The case was closed on {date}.").format(date=format_date_nl(closed_on))
                + " "
                + intro
            )
        self.date_edit = QLineEdit(format_date_nl(today or dt.date.today()), self)
        self.date_edit.setPlaceholderText(_("dd-mm-jjjj"))
        self.error = ErrorLabel(self)
        self.date_edit.textChanged.connect(lambda _text: self.error.show_message(None))
        form = QFormLayout()
        label = QLabel(_("Help starts again &on"), self)
        label.setBuddy(self.date_edit)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(self.date_edit)
        box.addWidget(self.error)
        form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.addWidget(WrappingLabel(intro, self))
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, _("Reopen case")))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)

    def _fit_height(self) -> None:
        """A window does not follow its contents' height-for-width by itself."""
        layout = self.layout()
        self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))

    def accept(self) -> None:
        try:
            on = parse_date_nl(self.date_edit.text(), "started_on")
            if on is None:  # an emptied field is not "today": the new start counts this day
                self._problem(
                    _("Type the date help starts again as dd-mm-jjjj, e.g. today: {today}.").format(
                        today=format_date_nl(dt.date.today())
                    )
                )
                return
            command = ReopenCaseCommand(self.ctx, self.case_id, on)
            c.execute(self.ctx, command)
        except JeugdtoolError as exc:  # a wrong date, or the case changed meanwhile
            self._problem(str(exc))
            return
        self.command = command
        super().accept()

    def _problem(self, message: str) -> None:
        self.error.show_message(message)
        self.date_edit.setFocus()
        QTimer.singleShot(0, self, self._fit_height)  # once the message has its width


def reopen_interactively(
    ctx: AppContext, parent: QWidget | None, case_id: int, closed_on: dt.date | None
) -> bool:
    """Ask the date and reopen the case (undoable); True when reopened."""
    dialog = ReopenDialog(ctx, case_id, closed_on, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
