"""Vernietigen: destroy a closed case for good, after naming it, its retention date, the legal
ground, a reason and the case number typed again (cases/destruction.py does the work).

Enter never destroys: no button is the default, and the destroy button is enabled only once
everything is filled in and the case number is typed again. The work runs off the GUI thread
(ui/ops.py: overwriting the freed space of a large file takes seconds); meanwhile the dialog
takes no input and cannot be closed, since a destruction that has begun is not stopped.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import destruction
from jeugdtool.cases import retention
from jeugdtool.cases.destruction import Candidate
from jeugdtool.cases.destruction import Destroyed
from jeugdtool.cases.destruction import Ground
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.roles import StaffRole

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.ops import BackgroundTask
from jeugdtool.ui.ops import run_in_background

WARNING = N_(
    "Destroying cannot be undone. The case, everything in it and its history are removed for "
    "good; only the case number, the dates, the legal ground, the reason and your name remain."
)
BUSY = N_(
    "Case {number} is being destroyed. This cannot be stopped once it has begun, and cannot be "
    "undone. Overwriting the space it took in the file may take a while on a large database."
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
        #: The destruction under way, if any (the dialog waits for it).
        self.task: BackgroundTask[Destroyed] | None = None
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
        style_text(self.warning, Role.ERROR, "font-weight: bold;")
        self.confirm = QLineEdit(self)
        self.busy_note = QLabel(self)
        self.busy_note.setWordWrap(True)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # no steps to count: it moves while the work runs
        self.busy_bar.setAccessibleName(_("Destroying"))
        self.busy_note.hide()
        self.busy_bar.hide()
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
        layout.addWidget(self.busy_note)
        layout.addWidget(self.busy_bar)
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

    @property
    def busy(self) -> bool:
        return self.task is not None

    def destroy_case(self) -> None:
        """Destroy the case in the background; then say what was removed and close."""
        if not self.ready() or self.case is None or self.busy:
            return
        case_id = None if self.ctx.team_mode else self._case_id()
        number, reason = self.case.case_number, self.reason.text()
        ground, by = str(self.ground.currentData()), self.ctx.user.name
        uow = self.ctx.uow.sibling()  # the worker's own session; the GUI's stays free
        self._set_busy(True, number)
        self.task = run_in_background(
            self.ctx,
            self,
            lambda: destruction.destroy_case(uow, number, reason, ground, by=by),
            label=_(BUSY).format(number=number),
            on_success=lambda done: self._destroyed(done, case_id),
            on_failure=self._failed,
        )
        self.task.finished.connect(self._job_over)

    def _set_busy(self, busy: bool, number: str = "") -> None:
        """While the work runs nothing can be changed, pressed or closed; the note says why."""
        for widget in (self.number, self.ground, self.reason, self.confirm, self.buttons):
            widget.setEnabled(not busy)
        self.busy_note.setText(_(BUSY).format(number=number) if busy else "")
        self.busy_note.setVisible(busy)
        self.busy_bar.setVisible(busy)
        # Room for the note below the rest: the form rows do not give up theirs (a wrapping
        # label's height is not asked again), they would overlap.
        spacing = self.layout().spacing()
        extra = self.busy_note.heightForWidth(self.width()) + self.busy_bar.sizeHint().height()
        self.resize(self.width(), self.height() + (1 if busy else -1) * (extra + 2 * spacing))
        if not busy:
            self._update()

    def _destroyed(self, done: Destroyed, case_id: int | None) -> None:
        self.outcome = done
        # Undo steps of the case would act on rows that no longer exist.
        self.ctx.undo_stack.clear()
        cases = frozenset() if case_id is None else frozenset({case_id})
        self.ctx.signals.emit_changes(ChangeSet(frozenset({"household"}), cases))
        self.ctx.dialogs.info(self._report(done), _("Case destroyed"))

    def _failed(self, error: JeugdtoolError) -> None:
        self.ctx.dialogs.error(str(error), _("The case was not destroyed"))

    def _job_over(self) -> None:
        self.task = None
        if self.outcome is not None:
            self.accept()
        else:  # refused or failed: everything as it was, to correct and try again
            self._set_busy(False)
            self.look_up()

    def reject(self) -> None:
        if not self.busy:  # Esc and Cancel wait for a destruction under way
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

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
