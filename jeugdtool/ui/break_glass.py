"""No access to a case, and emergency access (break-the-glass) to it, in team mode.

A case outside one's case team is simply not there for the database (store/team_sql.py), so a
case that cannot be opened is met with `offer_emergency_access`: the no-access message with a
button to ask for emergency access. `ask_emergency_access` (also Case > Emergency access) asks
the case number and a reason, says plainly for how long and who will see it, and has the
database grant it (cases/access.break_glass), which logs it with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import access
from jeugdtool.cases import queries
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error


def duration_note(hours: int) -> str:
    return ngettext(
        "You get {n} hour of access; this is recorded with your reason and is visible to the "
        "privacy officer and your team leader.",
        "You get {n} hours of access; this is recorded with your reason and is visible to the "
        "privacy officer and your team leader.",
        hours,
    ).format(n=hours)


class ReasonEdit(QPlainTextEdit):
    """A reason of a few lines: Tab leaves it, Enter sends the dialog, Shift+Enter breaks a
    line (a reason is a sentence or two, and Enter accepts everywhere else in the dialog)."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        lines = self.fontMetrics().lineSpacing()
        self.setFixedHeight(lines * 4 + 12)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.insertPlainText("\n")  # a plain line break (Qt's own would be U+2028)
        else:
            self.submitted.emit()


class BreakGlassDialog(QDialog):
    """Case number and reason for emergency access; on Ok the database grants it."""

    def __init__(
        self,
        ctx: AppContext,
        hours: int,
        case_number: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        #: The case opened to this person, once accepted.
        self.case_id: int | None = None
        self.setWindowTitle(_("Emergency access to a case"))
        intro = QLabel(
            _(
                "Emergency access opens a case outside your case team, for a reason you give. "
                "Use it only when you must act now and cannot reach the case manager or your "
                "team leader."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.number = QLineEdit(case_number or "", self)
        self.number.setPlaceholderText(_("for example 2026-0012"))
        self.number_error = error_label(self)
        self.reason = ReasonEdit(self)
        # Enter sends the dialog; how to break a line is said where the reason is typed.
        self.reason.setPlaceholderText(
            _("Why do you need this case now? (Shift+Enter starts a new line)")
        )
        self.reason.setAccessibleName(_("Reason"))
        self.reason.submitted.connect(self.accept)
        self.reason_error = error_label(self)
        self.duration = QLabel(duration_note(hours), self)
        self.duration.setWordWrap(True)
        self.duration.setStyleSheet("font-weight: bold;")
        self.error = error_label(self)
        self._layout(intro)
        (self.reason if case_number else self.number).setFocus()

    def _layout(self, intro: QLabel) -> None:
        form = QFormLayout()
        form.addRow(_("Case &number:"), self.number)
        form.addRow("", self.number_error)
        form.addRow(_("&Reason:"), self.reason)
        buttons = ok_cancel(self, _("Open with emergency access"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        # Right under the reason field; outside the form, which gives a wrapped label too much
        # height.
        layout.addWidget(self.reason_error)
        layout.addWidget(self.duration)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 48)

    def _problems(self, number: list[str], reason: list[str], other: list[str]) -> None:
        show_error(self.number_error, number)
        show_error(self.reason_error, reason)
        show_error(self.error, other)
        # Grow to make room for the messages at this width, rather than squeeze the fields.
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def accept(self) -> None:
        number = self.number.text().strip()
        if not number:
            self._problems([_("Type the number of the case.")], [], [])
            self.number.setFocus()
            return
        try:
            visible = queries.find_case_id(self.ctx.uow, number)
            if visible is not None:  # in their case team after all: no emergency needed
                self._granted(visible, _("You have access to case {number}: opened as usual."))
                return
            case_id = access.break_glass(self.ctx.uow, number, self.reason.toPlainText())
        except InvalidInput as exc:  # the reason; the text stays as typed
            self._problems([], exc.for_field("reason") or [str(exc)], [])
            self.reason.setFocus()
            return
        except NotFound as exc:
            self._problems([str(exc)], [], [])
            self.number.setFocus()
            return
        except JeugdtoolError as exc:
            self._problems([], [], [str(exc)])
            return
        self._granted(case_id, _("Emergency access to case {number} is granted and recorded."))

    def _granted(self, case_id: int, message: str) -> None:
        self.case_id = case_id
        self.ctx.signals.status_message.emit(message.format(number=self.number.text().strip()))
        super().accept()


def ask_emergency_access(
    ctx: AppContext, parent: QWidget | None = None, case_number: str | None = None
) -> int | None:
    """Ask for emergency access to a case; its id once the database granted it, else None."""
    try:
        hours = access.emergency_hours(ctx.uow)
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc))
        return None
    dialog = BreakGlassDialog(ctx, hours, case_number, parent)
    dialog.exec()
    return dialog.case_id


class NoAccessBox(QMessageBox):
    """This person may not see the case; they may ask for emergency access from here."""

    def __init__(self, case_number: str | None, parent: QWidget | None = None):
        super().__init__(
            QMessageBox.Icon.Warning,
            _("No access to this case"),
            str(access.no_access(case_number)),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        self.emergency = self.addButton(_("Emergency access…"), QMessageBox.ButtonRole.ActionRole)
        close = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(close)
        self.setEscapeButton(close)


def offer_emergency_access(
    ctx: AppContext, parent: QWidget | None, case_number: str | None
) -> int | None:
    """Say the case cannot be seen; the case's id if the user then got emergency access."""
    box = NoAccessBox(case_number, parent)
    box.exec()
    if box.clickedButton() is not box.emergency:
        return None
    return ask_emergency_access(ctx, parent, case_number)
