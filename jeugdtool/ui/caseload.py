"""The caseload window (team leader): per consultant their open cases, plans without a finalised
version, overdue and next reviews and open follow-ups; a consultant's cases, opened or handed
over from here."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.handover import may_hand_over
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings import caseload
from jeugdtool.meetings.caseload import Caseload
from jeugdtool.meetings.caseload import ConsultantLoad
from jeugdtool.meetings.caseload import LoadCase

from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table
from jeugdtool.ui.side_window import CaseListWindow
from jeugdtool.ui.widgets import vbox

#: Changes that alter a count: the cases, their managers and teams, plans, reviews, follow-ups.
CASELOAD_ENTITIES = (
    "household",
    "consultant",
    "team_member",
    "plan_version",
    "plan_review",
    "review_result",
    "meeting_item",
    "meeting_follow_up",
    "meldcode_record",
    "meldcode_step",
    "verwijsindex_signal",
)


#: No consultant was chosen (None is the row of the cases without a case manager).
_NOBODY = object()


def _date(day: dt.date | None) -> str:
    return format_date_nl(day) if day is not None else ""


def _review_tip(case: LoadCase) -> str | None:
    if case.review_overdue:
        return _("The review is overdue.")
    if caseload.review_held(case.next_review, case.review_overdue, dt.date.today()):
        return caseload.review_held_note()
    return None


def _dossier_tip() -> str:
    return _(
        "Meldcode steps open longer than the organisation's term, and verwijsindex signals "
        "that expire soon or have expired"
    )


def _count(n: int) -> str:
    return str(n) if n else ""


def _count_column(header: str, attribute: str, **marks: Any) -> Column:
    """A count (blank when none) of a consultant's or a case's row, sorting by the number."""
    count = attrgetter(attribute)
    return Column(header, lambda row: _count(count(row)), key=count, right=True, **marks)


def _review_column(**marks: Any) -> Column:
    """The next review of a consultant's or a case's row; reviews without a date sort last."""
    return Column(
        N_("Next review"),
        lambda row: _date(row.next_review),
        key=lambda row: row.next_review or dt.date.max,
        right=True,
        **marks,
    )


def _follow_up_columns() -> tuple[Column, Column]:
    """The last two columns of a consultant's or a case's row: open follow-ups and dossier
    reminders (warned of, with what they are in the tooltip)."""
    return (
        _count_column(N_("Open follow-ups"), "open_follow_ups"),
        _count_column(
            N_("Dossier reminders"),
            "dossier_reminders",
            warn=lambda row: row.dossier_reminders > 0,
            tip=lambda row: _dossier_tip() if row.dossier_reminders else None,
        ),
    )


PEOPLE_COLUMNS = (
    Column(N_("Consultant"), lambda p: p.name, key=lambda p: (p.person_id is None, p.name)),
    Column(N_("Open cases"), lambda p: str(p.open_cases), key=lambda p: p.open_cases, right=True),
    _count_column(N_("Without finalised plan"), "without_final_plan"),
    _count_column(N_("Overdue reviews"), "overdue_reviews", warn=lambda p: p.overdue_reviews > 0),
    _review_column(),
    *_follow_up_columns(),
)

CASE_COLUMNS = (
    Column(N_("Case number"), lambda c: c.case_number),
    Column(N_("Household"), lambda c: c.name),
    Column(N_("Safety plan"), lambda c: c.plan.label, key=lambda c: c.plan.order),
    _review_column(
        warn=lambda c: c.review_overdue,
        tip=_review_tip,
        grey=lambda c: caseload.review_held(c.next_review, c.review_overdue, dt.date.today()),
    ),
    *_follow_up_columns(),
)


class CaseloadWindow(CaseListWindow):
    """Consultants above, the chosen one's cases below; Enter opens a case."""

    place_key = "caseload"
    preferred_size = QSize(1180, 720)
    title = N_("Caseload")
    reload_on = CASELOAD_ENTITIES

    load: Caseload

    def _build(self) -> None:
        self.team_combo = QComboBox(self)
        self.team_combo.setAccessibleName(_("Team"))
        self.team_combo.addItem(_("All my teams"), None)
        for team in self.ctx.staff.teams:
            self.team_combo.addItem(team.name, team.id)
        team_label = QLabel(_("&Team:"), self)
        team_label.setBuddy(self.team_combo)
        for widget in (team_label, self.team_combo):
            widget.setVisible(self.ctx.team_mode)
        self.summary = QLabel(self)
        self.results_button = QPushButton(_("&Results of this team"), self)
        self.results_button.setToolTip(
            _("The outcome indicators and production figures of the team chosen here")
        )
        if not self.ctx.team_mode:  # no teams on one computer: the button shows every case
            self.results_button.setText(_("&Results"))
            self.results_button.setToolTip(
                _("The outcome indicators and production figures of all cases")
            )
        self.people = RowsModel(PEOPLE_COLUMNS, self)
        self.people_view = make_table(self.people, _("Consultants"), self, stretch=None)
        self.cases = RowsModel(CASE_COLUMNS, self)
        self.cases_view = make_table(self.cases, _("Cases"), self, stretch=1)
        self.cases_title = QLabel(self)
        self.open_button = QPushButton(_("&Open case"), self)
        self.handover_button = QPushButton(_("&Hand over…"), self)
        top = QHBoxLayout()
        top.addWidget(team_label)
        top.addWidget(self.team_combo)
        top.addWidget(self.summary, 1)
        top.addWidget(self.results_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cases_title, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.handover_button)
        lower = QWidget(self)
        vbox(lower, buttons, self.cases_view, stretch=self.cases_view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.people_view)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.team_combo.currentIndexChanged.connect(self.reload)
        self.people_view.selectionModel().currentRowChanged.connect(self._show_cases)
        self.cases_view.selectionModel().currentRowChanged.connect(self._enable_buttons)
        self.cases_view.activated.connect(lambda _index: self.open_case())
        self.open_button.clicked.connect(self.open_case)
        self.handover_button.clicked.connect(self.hand_over)
        self.results_button.clicked.connect(self.show_results)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

    # ---- loading -------------------------------------------------------------------------

    def _team_ids(self) -> frozenset[int] | None:
        if not self.ctx.team_mode:
            return None  # single-user mode: every case is the consultant's
        chosen = self.team_combo.currentData()
        return frozenset({chosen}) if chosen is not None else self.ctx.staff.team_ids

    def reload(self) -> None:
        """Read the caseload again, keeping the chosen consultant and case."""
        person, case = self.current_person(), self.current_case()
        self.load = caseload.caseload(self.ctx.uow, self._team_ids())
        self.people.set_rows(self.load.people)
        fit_columns(self.people_view, narrowest=self.fontMetrics().horizontalAdvance("M") * 8)
        wanted = person.person_id if person is not None else _NOBODY
        self._select(self.people_view, [p.person_id for p in self.people.rows], wanted)
        self._show_cases()
        if case is not None:
            self._select(self.cases_view, [c.id for c in self.cases.rows], case.id)
        total = len(self.load.cases)
        overdue = sum(1 for c in self.load.cases if c.review_overdue)
        parts = [
            ngettext("{n} open case", "{n} open cases", total).format(n=total),
            ngettext("{n} overdue review", "{n} overdue reviews", overdue).format(n=overdue),
        ]
        reminders = sum(c.dossier_reminders for c in self.load.cases)
        if reminders:  # meldcode steps past their term, verwijsindex signals expiring
            parts.append(
                ngettext("{n} dossier reminder", "{n} dossier reminders", reminders).format(
                    n=reminders
                )
            )
        self.summary.setText(" · ".join(parts))

    @staticmethod
    def _select(view: QTableView, keys: list[object], wanted: object) -> None:
        """Make the row whose key is `wanted` current (else the first)."""
        if keys:
            row = keys.index(wanted) if wanted in keys else 0
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            view.selectionModel().setCurrentIndex(view.model().index(row, 0), flags)

    def _show_cases(self) -> None:
        person = self.current_person()
        rows = self.load.cases_of(person.person_id) if person is not None else ()
        self.cases.set_rows(rows)
        fit_columns(self.cases_view)
        self.cases_title.setText(
            _("Cases of {name}").format(name=person.name) if person is not None else ""
        )
        if rows:
            self.cases_view.selectRow(0)
        self._enable_buttons()

    # ---- choosing and acting -------------------------------------------------------------

    def current_person(self) -> ConsultantLoad | None:
        index = self.people_view.currentIndex()
        return self.people.row(index.row()) if index.isValid() else None

    def current_case(self) -> LoadCase | None:
        index = self.cases_view.currentIndex()
        return self.cases.row(index.row()) if index.isValid() else None

    def _enable_buttons(self) -> None:
        case = self.current_case()
        self.open_button.setEnabled(case is not None)
        allowed = case is not None and may_hand_over(self.ctx.staff, case.team_id)
        self.handover_button.setEnabled(allowed and not self.ctx.read_only)

    def open_case(self) -> None:
        case = self.current_case()
        if case is not None:
            self.case_activated.emit(case.id)

    def show_results(self) -> None:
        """The dashboard, filtered on the team chosen here (all teams when none is)."""
        from jeugdtool.ui.dashboard import open_dashboard

        team_id = self.team_combo.currentData() if self.ctx.team_mode else None
        parent = self.parentWidget() or self  # beside the main window, like this one
        open_dashboard(self.ctx, parent, open_case=self._open_case, team_id=team_id)

    def hand_over(self) -> None:
        from jeugdtool.ui.handover import hand_over_interactively

        case = self.current_case()
        if case is not None and hand_over_interactively(self.ctx, case.id, self) is not None:
            self.ctx.signals.status_message.emit(
                _("Case {number} was handed over.").format(number=case.case_number)
            )
