"""The two small forms of the privacy requests panel: registering a request, and recording the
decision on it. Each saves through an undo command (ui/privacy_request_commands.py); a problem
appears under its field and the form stays open with what was typed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import privacy
from jeugdtool.cases.privacy import KIND_LABELS
from jeugdtool.cases.privacy import REFUSAL_GROUNDS
from jeugdtool.cases.privacy import STATUS_LABELS
from jeugdtool.cases.privacy import RequestDTO
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus
from jeugdtool.cases.validation import MIN_REASON_LENGTH
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.commands import refresh_case
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.privacy_request_commands import DecideRequestCommand
from jeugdtool.ui.privacy_request_commands import RegisterRequestCommand
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted

#: The decisions offered, in this order (granted first: the usual answer).
DECISIONS = (
    RequestStatus.GRANTED,
    RequestStatus.PARTLY,
    RequestStatus.REFUSED,
    RequestStatus.WITHDRAWN,
)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())


def _date_edit(parent: QWidget, today: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(today), parent)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    edit.setMaximumDate(_qdate(today))  # neither may be in the future (the core says so too)
    return edit


class RequestForm(QDialog):
    """A small form whose problems show under their fields, keeping what was typed."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors: dict[str, ErrorLabel] = {}
        #: The field each message is about (the width a message has under it).
        self.fields: dict[str, QWidget] = {}
        self.general = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.command: ServiceCommand | None = None

    def add_row(self, text: str, widget: QWidget, field: str) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        self.form.addRow(label, widget)
        self.errors[field] = ErrorLabel(self)
        self.fields[field] = widget
        self.form.addRow("", self.errors[field])

    def finish_layout(self, ok_text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)
        self.sync_rows()

    def make_command(self) -> ServiceCommand:
        """The undoable step this form does: each form says its own (registering a request,
        deciding one); this base class is never shown on its own."""
        raise NotImplementedError

    def save(self) -> None:
        """Do the step (undoable); problems appear under their fields and nothing closes."""
        for label in (*self.errors.values(), self.general):
            label.show_message(None)
        self.sync_rows()
        command = self.make_command()
        try:
            # No origin to mark: this form closes; the status bar says the step waits.
            saved = execute(self.ctx, command)
        except InvalidInput as exc:
            self._show(exc)
            return
        except JeugdtoolError as exc:
            self.general.show_message(str(exc))
            refresh_case(self.ctx, command.case_id)
            return
        if saved:
            self.command = command
        self.accept()  # a held edit (storage fault) is kept and saved later; the bar says so

    def _show(self, exc: InvalidInput) -> None:
        other = [p.message for p in exc.problems if p.field not in self.errors]
        for field, label in self.errors.items():
            label.show_message("\n".join(exc.for_field(field)) or None)
            self._fit(label, self.fields[field].width() if field in self.fields else 0)
        self.general.show_message("\n".join(other) or None)
        self._fit(self.general, 0)
        self.shown_problems()
        self.sync_rows()
        # Room for the messages now shown (a form does not grow by itself while open), at
        # the width it has: wrapped messages are as tall as that width makes them.
        layout = self.layout()
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        self.resize(self.width(), max(self.height(), needed))

    def _fit(self, label: ErrorLabel, width: int) -> None:
        """Wrap a message only when it is wider than its room (`width`, or the dialog's): a
        wrapping label asks for two lines even for a short text, leaving a gap in the form."""
        room = width or self.contentsRect().width() - 24
        widest = max(
            (label.fontMetrics().horizontalAdvance(t) for t in label.text().split("\n")), default=0
        )
        label.setWordWrap(widest > room)

    def sync_rows(self) -> None:
        """A row whose message or hint is hidden takes no room (its empty label would)."""
        for widget in self.optional_rows():
            self.form.setRowVisible(widget, not widget.isHidden())

    def optional_rows(self) -> list[QWidget]:
        return list(self.errors.values())

    def shown_problems(self) -> None:
        """After problems are shown: a form may hide what they repeat."""


class RegisterRequestDialog(RequestForm):
    """Register a new request: kind, day received (today), from whom, what is asked."""

    def __init__(
        self, ctx: AppContext, case_id: int, today: dt.date, parent: QWidget | None = None
    ):
        super().__init__(ctx, _("New privacy request"), parent)
        self.case_id = case_id
        self.kind = QComboBox(self)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(_(label), kind.value)
        self.received = _date_edit(self, today)
        self.requested_by = QLineEdit(self)
        self.requested_by.setMaxLength(privacy.MAX_REQUESTED_BY)
        self.requested_by.setPlaceholderText(_("For example: mother, or Sanne (16)"))
        self.subject = QPlainTextEdit(self)
        self.subject.setTabChangesFocus(True)
        self.subject.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.deadline = QLabel(self)
        style_text(self.deadline, Role.MUTED)
        self.add_row(_("&Kind of request:"), self.kind, "kind")
        self.add_row(_("&Received on:"), self.received, "received_on")
        self.form.addRow("", self.deadline)
        self.add_row(_("Re&quested by:"), self.requested_by, "requested_by")
        self.add_row(_("&What is asked:"), self.subject, "subject")
        self.finish_layout(_("Register"))
        self.kind.currentIndexChanged.connect(lambda _i: self._show_deadline())
        self.received.dateChanged.connect(lambda _d: self._show_deadline())
        self._show_deadline()

    def _show_deadline(self) -> None:
        until = privacy.deadline(RequestKind(self.kind.currentData()), _day(self.received))
        self.deadline.setText(_("Answer by {date}.").format(date=format_date_nl(until)))

    def make_command(self) -> ServiceCommand:
        return RegisterRequestCommand(
            self.ctx,
            self.case_id,
            RequestKind(self.kind.currentData()),
            _day(self.received),
            self.requested_by.text(),
            self.subject.toPlainText(),
        )


class DecideRequestDialog(RequestForm):
    """Record the decision: granted, partly, refused or withdrawn; what was done or why not;
    for a destruction request that is (partly) refused, the grounds of art. 7.3.9."""

    def __init__(
        self, ctx: AppContext, request: RequestDTO, today: dt.date, parent: QWidget | None = None
    ):
        super().__init__(ctx, _("Decide privacy request"), parent)
        self.request = request
        self.status = QComboBox(self)
        for status in DECISIONS:
            self.status.addItem(_(STATUS_LABELS[status]), status.value)
        self.decided = _date_edit(self, today)
        self.decided.setMinimumDate(_qdate(request.received_on))
        self.outcome = QPlainTextEdit(self)
        self.outcome.setTabChangesFocus(True)
        self.outcome.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.hint = muted("", self)
        self.grounds_box = QWidget(self)
        box = QVBoxLayout(self.grounds_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.grounds = {
            key: QCheckBox(_(label), self.grounds_box) for key, label in REFUSAL_GROUNDS.items()
        }
        for check in self.grounds.values():
            box.addWidget(check)
        about = WrappingLabel(
            _("{kind} request from {who}, received on {date}.").format(
                kind=_(KIND_LABELS[request.kind]),
                who=request.requested_by,
                date=format_date_nl(request.received_on),
            ),
            self,
        )
        about.setTextFormat(Qt.TextFormat.PlainText)  # who asked, as typed
        self.form.addRow(about)
        self.add_row(_("&Decision:"), self.status, "status")
        self.add_row(_("Decided &on:"), self.decided, "decided_on")
        self.add_row(self._outcome_label(), self.outcome, "outcome")
        self.form.addRow("", self.hint)
        # The grounds are long sentences: the full width, under their own heading.
        self.grounds_label = QLabel(_("Grounds (Jeugdwet art. 7.3.9):"), self)
        self.form.addRow(self.grounds_label)
        self.form.addRow(self.grounds_box)
        self.errors["refusal_grounds"] = ErrorLabel(self)
        self.form.addRow(self.errors["refusal_grounds"])
        self.finish_layout(_("Save decision"))
        margins = self.layout().contentsMargins()
        wide = self.grounds_box.sizeHint().width() + margins.left() + margins.right()
        self.setMinimumWidth(max(self.minimumWidth(), wide))
        self.status.currentIndexChanged.connect(lambda _i: self._update())
        self._update()

    def _outcome_label(self) -> str:
        if self.request.kind == RequestKind.CORRECTION:
            return _("&What was changed, or why not:")
        return _("&Outcome:")

    def chosen(self) -> RequestStatus:
        return RequestStatus(self.status.currentData())

    def _update(self) -> None:
        kind, status = self.request.kind, self.chosen()
        needs_grounds = kind == RequestKind.DESTRUCTION and status in (
            RequestStatus.REFUSED,
            RequestStatus.PARTLY,
        )
        self.grounds_label.setVisible(needs_grounds)
        self.grounds_box.setVisible(needs_grounds)
        if not needs_grounds:  # a message about grounds no longer asked for
            self.errors["refusal_grounds"].show_message(None)
        self.hint.setVisible(self.errors["outcome"].isHidden())
        if privacy.outcome_required(kind, status):
            advice = privacy.outcome_advice(kind, status).format(n=MIN_REASON_LENGTH)
        else:
            advice = _("Optional.")
        self.hint.setText(advice)
        self.sync_rows()

    def shown_problems(self) -> None:
        # The message under the outcome repeats the hint: show it once.
        self.hint.setVisible(self.errors["outcome"].isHidden())

    def optional_rows(self) -> list[QWidget]:
        return [*super().optional_rows(), self.hint, self.grounds_label, self.grounds_box]

    def picked_grounds(self) -> tuple[str, ...]:
        if self.grounds_box.isHidden():  # not asked for this decision
            return ()
        return tuple(key for key, check in self.grounds.items() if check.isChecked())

    def make_command(self) -> ServiceCommand:
        return DecideRequestCommand(
            self.ctx,
            self.request,
            self.chosen(),
            _day(self.decided),
            self.outcome.toPlainText(),
            self.picked_grounds(),
        )
