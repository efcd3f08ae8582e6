"""The cases behind a number: what was counted, the list (only the cases the user may read), and
"Open case" (Enter) to the case's tab in the main window.

Access is logged as for the other lists of cases: the case list and the caseload show number,
household, case manager and status without a row in the access log (NEN 7513 logs access to a
case's file); opening a case from here goes through the main window's `open_case`, which logs
the opening before the case is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.outcomes.indicators import CaseRef

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.dashboard.numbers import DrillRequest
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table
from jeugdtool.ui.widgets import vbox

#: How many rows the column widths are measured on (case numbers and names are alike in width).
SAMPLE_ROWS = 100
#: The household column whole up to this many widths of "M" (a longer name has its tooltip).
HOUSEHOLD_EMS = 22
HOUSEHOLD = 1

CASE_COLUMNS = (
    Column(N_("Case number"), lambda c: c.case_number),
    Column(N_("Household"), lambda c: c.name, tip=lambda c: c.name),
    Column(N_("Case manager"), lambda c: c.case_manager),
    Column(N_("Status"), lambda c: c.status),
)


def unseen_note(asked: int, shown: int) -> str:
    """Why the list is shorter than the number: cases outside the user's access."""
    hidden = asked - shown
    if hidden <= 0:
        return ""
    return ngettext(
        "{n} case is not listed: you have no access to it.",
        "{n} cases are not listed: you have no access to them.",
        hidden,
    ).format(n=hidden)


class DrillPane(QWidget):
    """The list of cases behind the chosen number; `show_cases` fills it."""

    #: Open this case in the main window.
    case_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(_("Choose a number to see the cases behind it."), self)
        self.title.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        style_text(self.note, Role.MUTED)
        self.cases = RowsModel(CASE_COLUMNS, self)
        self.view = make_table(self.cases, _("Cases behind the number"), self, stretch=1)
        self.title.setBuddy(self.view)
        # A long list: one line a case, as close as the text allows.
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Column widths from the first rows only: measuring thousands of cases froze the window.
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.setResizeContentsPrecision(SAMPLE_ROWS)
        self.open_button = QPushButton(_("&Open case"), self)
        self.open_button.setToolTip(_("Open the chosen case in the main window (Enter)"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        vbox(self, self.title, self.note, self.view, buttons, stretch=self.view)
        self.view.activated.connect(lambda _index: self.open_case())
        self.open_button.clicked.connect(self.open_case)
        self.view.selectionModel().currentRowChanged.connect(self._enable)
        self._enable()

    def show_cases(self, request: DrillRequest, cases: Sequence[CaseRef]) -> None:
        count = len(cases)
        self.title.setText(
            ngettext("{what}: {n} case", "{what}: {n} cases", count).format(
                what=request.title, n=count
            )
        )
        self.note.setText(unseen_note(len(request.case_ids), count))
        self.note.setVisible(bool(self.note.text()))
        self.cases.set_rows(cases)
        fit_columns(self.view)
        if cases:
            self.view.selectRow(0)
        self._enable()

    def wanted_width(self) -> int:
        """How wide the pane must be to show every column whole (the household's up to
        HOUSEHOLD_EMS), as measured on the rows now shown."""
        view, header = self.view, self.view.horizontalHeader()
        widest = self.fontMetrics().horizontalAdvance("M") * HOUSEHOLD_EMS
        columns = 0
        for column in range(self.cases.columnCount()):
            width = max(header.sectionSizeHint(column), view.sizeHintForColumn(column))
            columns += min(width, widest) if column == HOUSEHOLD else width
        frame = view.frameWidth() * 2 + view.verticalScrollBar().sizeHint().width()
        margins = self.contentsMargins()
        return columns + frame + margins.left() + margins.right()

    def show_loading(self, request: DrillRequest) -> None:
        """The list is being read: say what for (the old rows no longer belong here)."""
        self.title.setText(_("{what}: reading the cases…").format(what=request.title))
        self.note.setVisible(False)
        self.cases.set_rows(())
        self._enable()

    def clear(self) -> None:
        """Other filters: the old list no longer belongs to a number on screen."""
        self.title.setText(_("Choose a number to see the cases behind it."))
        self.note.setVisible(False)
        self.cases.set_rows(())
        self._enable()

    def current_case(self) -> CaseRef | None:
        index = self.view.currentIndex()
        return self.cases.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        self.open_button.setEnabled(self.current_case() is not None)

    def open_case(self) -> None:
        case = self.current_case()
        if case is not None:
            self.case_activated.emit(case.id)
