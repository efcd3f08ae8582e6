"""Bewaartermijnen: the closed cases whose retention date has passed or passes within a chosen
period, and the cases with an open destruction request and its deadline (cases/retention.py
decides); Enter opens the chosen case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import retention
from jeugdtool.cases.retention import DueCase
from jeugdtool.cases.retention import RetentionRule
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table
from jeugdtool.ui.widgets import labelled_row

#: The periods to choose from: (label msgid, days ahead); the third is the default.
PERIODS = (
    (N_("Passed"), 0),
    (N_("Passed or within 30 days"), 30),
    (N_("Passed or within 3 months"), 90),
    (N_("Passed or within a year"), 365),
)
DEFAULT_PERIOD = 2
ASCENDING = Qt.SortOrder.AscendingOrder


def when_text(days_left: int) -> str:
    """How far the retention date is from today, in words."""
    if days_left == 0:
        return _("today")
    if days_left < 0:
        return ngettext("{n} day ago", "{n} days ago", -days_left).format(n=-days_left)
    return ngettext("in {n} day", "in {n} days", days_left).format(n=days_left)


def request_text(case: DueCase) -> str:
    """The deadline of an open destruction request and how far it is, or ""."""
    if case.request_deadline is None or case.request_days_left is None:
        return ""
    left = case.request_days_left
    if left < 0:
        when = ngettext("{n} day overdue", "{n} days overdue", -left).format(n=-left)
    else:
        when = when_text(left)
    return _("{date} ({when})").format(date=format_date_nl(case.request_deadline), when=when)


def _passed(case: DueCase) -> bool:
    return case.days_left is not None and case.days_left <= 0


REQUEST_TIP = N_(
    "The family asked to destroy the file (Jeugdwet art. 7.3.9): answer within three months."
)
#: Rows without a date sort after every date.
_LAST = dt.date.max

COLUMNS = (
    Column(N_("Case number"), lambda c: c.case_number),
    Column(N_("Name"), lambda c: c.name),
    Column(
        N_("Closing date"),
        lambda c: format_date_nl(c.closed_on),
        key=lambda c: c.closed_on or _LAST,
    ),
    Column(
        N_("Keep until"),
        lambda c: format_date_nl(c.retention_date),
        key=lambda c: c.retention_date or _LAST,
        warn=_passed,
    ),
    Column(
        N_("When"),
        lambda c: "" if c.days_left is None else when_text(c.days_left),
        key=lambda c: c.days_left if c.days_left is not None else 10**6,
        warn=_passed,
        right=True,
    ),
    Column(
        N_("Destruction request: answer by"),
        request_text,
        key=lambda c: c.request_deadline or _LAST,
        warn=lambda c: c.request_days_left is not None and c.request_days_left < 0,
        tip=lambda c: _(REQUEST_TIP) if c.request_deadline else None,
    ),
)


class RetentionDialog(QDialog):
    """The cases due within the chosen period, the earliest first."""

    #: Open this case in the main window.
    case_activated = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        rule: RetentionRule,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.rule = ctx, rule
        self.today = today or dt.date.today()
        self.setWindowTitle(_("Retention periods"))
        self.resize(960, 460)
        self.period = QComboBox(self)
        for label, days in PERIODS:
            self.period.addItem(_(label), days)
        self.period.setCurrentIndex(DEFAULT_PERIOD)
        self.model = RowsModel(COLUMNS, self)
        self.view = make_table(
            self.model, _("Cases by retention date"), self, stretch=1, sort=(3, ASCENDING)
        )
        self.count = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = self.buttons.addButton(
            _("&Open case"), QDialogButtonBox.ButtonRole.ActionRole
        )
        # Enter anywhere presses the default button: Open (the table passes Enter on).
        self.open_button.setDefault(True)
        self._layout()
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.doubleClicked.connect(lambda _index: self.open_case())
        self.open_button.clicked.connect(self.open_case)
        self.buttons.rejected.connect(self.reject)

    def _layout(self) -> None:
        note = QLabel(retention.rule_summary(self.rule), self)
        note.setWordWrap(True)
        top = labelled_row(self, _("&Show"), self.period)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

    def within_days(self) -> int:
        return int(self.period.currentData())

    def reload(self) -> bool:
        """Ask for the cases due again; False (after saying why) when they cannot be read."""
        try:
            cases = retention.due_cases(self.ctx.uow, self.rule, self.today, self.within_days())
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return False
        self.model.set_rows(cases)
        fit_columns(self.view)
        self.count.setText(ngettext("{n} case", "{n} cases", len(cases)).format(n=len(cases)))
        self.open_button.setEnabled(bool(cases))
        if cases:
            self.view.selectRow(0)
        return True

    def current_case(self) -> DueCase | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def open_case(self) -> None:
        """Open the chosen case and step aside for it."""
        case = self.current_case()
        if case is not None:
            self.case_activated.emit(case.case_id)
            self.accept()


def open_retention(
    ctx: AppContext, parent: QWidget | None, open_case: Callable[[int], None]
) -> RetentionDialog | None:
    """Show the retention dialog (window-modal); a case chosen there opens with `open_case`."""
    try:
        rule = retention.load_rule()
    except JeugdtoolError as exc:
        ctx.dialogs.error(str(exc))
        return None
    dialog = RetentionDialog(ctx, rule, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if not dialog.reload():
        dialog.close()
        return None
    dialog.case_activated.connect(open_case)
    dialog.open()
    dialog.view.setFocus()
    return dialog
