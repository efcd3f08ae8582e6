"""Vernietigen: destroy a closed case for good, after naming it, its retention date, the legal
ground, a reason and the case number typed again (cases/destruction.py does the work).

Enter never destroys: no button is the default, and the destroy button is enabled only once
everything is filled in and the case number is typed again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jeugdtool.cases import destruction, retention
from jeugdtool.cases.destruction import Candidate, Destroyed, Ground
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import InvalidInput, JeugdtoolError, NotFound
from jeugdtool.i18n import N_, _
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.roles import StaffRole

from jeugdtool.ui.context import AppContext

WARNING_STYLE = "color: #b00020; font-weight: bold;"
WARNING = N_(
    "Destroying cannot be undone. The case, everything in it and its history are removed for "
    "good; only the case number, the dates, the legal ground, the reason and your name remain."
)


def describe(case: Candidate, today: dt.date) -> tuple[str, bool]:
    """The case in one or two lines, and whether its retention date has passed."""
    named = f"{case.case_number} {case.name}".strip()
    status = CaseStatus(case.status).label
    if case.closed_on is None:
        return _("{case} — {status}.").format(case=named, status=status), False
    rule = retention.load_rule()
    until = retention.retention_date(case.closed_on, rule)
    assert until is not None
    passed = until <= today
    when = (
        _("the retention date has passed") if passed else _("the retention date has not passed yet")
    )
    text = _("{case} — {status}, closed on {closed}. Keep until {until}: {when}.").format(
        case=named,
        status=status,
        closed=format_date_nl(case.closed_on),
        until=format_date_nl(until),
        when=when,
    )
    return text, passed


def _reason_given(text: str) -> bool:
    """The core's rule for a kept reason (the button waits for it; the message comes from
    destroy_case if it is pressed anyway)."""
    try:
        destruction.check_reason(text)
    except InvalidInput:
        return False
    return True


class DestroyDialog(QDialog):
    """Destroy one closed case; `outcome` holds what was removed once it is destroyed."""

    def __init__(
        self,
        ctx: AppContext,
        case_number: str = "",
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self.case: Candidate | None = None
        self.outcome: Destroyed | None = None
        self.setWindowTitle(_("Destroy case"))
        self.resize(620, 0)
        self.number = QLineEdit(case_number, self)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        # Room for the case's description (three lines at this width) from the start: a form
        # row does not grow when a wrapping label's text arrives later, it clips it.
        self.about.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 4)
        self.about.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.ground = QComboBox(self)
        for ground, label in destruction.GROUND_LABELS.items():
            self.ground.addItem(_(label), ground.value)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("At least 10 characters; no names"))
        self.warning = QLabel(_(WARNING), self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.confirm = QLineEdit(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.destroy_button = self.buttons.addButton(
            _("&Destroy for good"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        for button in self.buttons.buttons():  # Enter presses nothing
            button.setAutoDefault(False)
            button.setDefault(False)
        self._layout()
        # Looked up as it is typed (a small query): not on editingFinished, which also fires
        # when the dialog closes and its fields are being taken down.
        self.number.textChanged.connect(lambda _t: self.look_up())
        self.reason.textChanged.connect(lambda _t: self._update())
        self.confirm.textChanged.connect(lambda _t: self._update())
        self.destroy_button.clicked.connect(self.destroy_case)
        self.buttons.rejected.connect(self.reject)
        if case_number:
            self.look_up()
        self._update()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(_("&Case number"), self.number)
        form.addRow(self.about)  # the full width: the description is long
        form.addRow(_("&Legal ground"), self.ground)
        form.addRow(_("&Reason"), self.reason)
        form.addRow(_("&Type the case number to confirm"), self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

    def look_up(self) -> None:
        """Show which case the number names, its retention date and whether it has passed."""
        number = self.number.text().strip()
        self.case = None
        if not number:
            self.about.clear()
        else:
            try:
                self.case = destruction.find_case(self.ctx.uow, number)
            except NotFound as exc:
                self.about.setText(str(exc))
            except JeugdtoolError as exc:
                self.ctx.dialogs.error(str(exc))
        if self.case is not None:
            text, passed = describe(self.case, self.today)
            if self.case.status == CaseStatus.OPEN.value:
                text += " " + _("An open case cannot be destroyed; close it first.")
            self.about.setText(text)
            ground = Ground.RETENTION if passed else Ground.REQUEST
            self.ground.setCurrentIndex(self.ground.findData(ground.value))
        self._update()

    def ready(self) -> bool:
        """Everything is filled in: a closed case, a reason, the number typed again."""
        case = self.case
        return (
            case is not None
            and case.status != CaseStatus.OPEN.value
            and _reason_given(self.reason.text())
            and self.confirm.text().strip() == case.case_number
        )

    def _update(self) -> None:
        self.destroy_button.setEnabled(self.ready())

    def destroy_case(self) -> None:
        """Destroy the case; say what was removed; close the dialog."""
        if not self.ready() or self.case is None:
            return
        case_id = None if self.ctx.team_mode else self._case_id()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.outcome = destruction.destroy_case(
                self.ctx.uow,
                self.case.case_number,
                self.reason.text(),
                str(self.ground.currentData()),
                by=self.ctx.user.name,
            )
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        # Undo steps of the case would act on rows that no longer exist.
        self.ctx.undo_stack.clear()
        cases = frozenset() if case_id is None else frozenset({case_id})
        self.ctx.signals.emit_changes(ChangeSet(frozenset({"household"}), cases))
        self.ctx.dialogs.info(self._report(self.outcome), _("Case destroyed"))
        self.accept()

    def _case_id(self) -> int | None:
        from jeugdtool.cases.queries import find_case_id

        assert self.case is not None
        return find_case_id(self.ctx.uow, self.case.case_number)

    @staticmethod
    def _report(done: Destroyed) -> str:
        lines = [
            _("Case {number} was destroyed ({ground}). Removed:").format(
                number=done.tombstone.case_number, ground=done.tombstone.legal_ground
            )
        ]
        lines += [f"  {what}: {count}" for what, count in destruction.summary(done)]
        if done.scrub_problem:
            lines.append(
                _(
                    "Warning: the space the case took in the file could not be overwritten yet "
                    "({reason}). Its rows are gone, but traces may remain in the file until "
                    "jeugdtool writes to it again."
                ).format(reason=done.scrub_problem)
            )
        return "\n".join(lines)


def may_destroy(ctx: AppContext) -> bool:
    """The consultant of a database file; in team mode only the privacy officer."""
    return not ctx.read_only and ctx.staff.has(StaffRole.PRIVACY_OFFICER)


def open_destroy(
    ctx: AppContext, parent: QWidget | None, case_id: int | None = None
) -> DestroyDialog | None:
    """Show the destroy dialog (window-modal) for the case in view, if any."""
    if not may_destroy(ctx):
        ctx.dialogs.error(str(destruction.not_privacy_officer()))
        return None
    number = ""
    if case_id is not None:
        try:
            number = destruction.case_number_of(ctx.uow, case_id) or ""
        except JeugdtoolError as exc:
            ctx.dialogs.error(str(exc))
            return None
    dialog = DestroyDialog(ctx, number, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    (dialog.reason if number else dialog.number).setFocus()
    return dialog
