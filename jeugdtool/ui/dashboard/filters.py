"""The dashboard's filters: the period (by default the last four whole quarters), team,
consultant, mode, and whether small counts are shown or hidden as in the municipality's files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.i18n import _
from jeugdtool.outcomes.indicators import IndicatorFilter

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.dashboard.figures import last_full_quarters

#: The choice of the suppression combo: real numbers (internal) or hidden as for the municipality.
INTERNAL, SHIELDED = "internal", "shielded"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class FilterBar(QWidget):
    """Two rows of filters; `changed` fires when what is counted changes (the window computes
    again), `shown_changed` when only the way of showing it does."""

    changed = Signal()
    #: Only how the numbers are shown changed (real or shielded): nothing to compute again.
    shown_changed = Signal()

    def __init__(
        self,
        teams: Sequence[tuple[int, str]],
        consultants: Sequence[tuple[int, str]],
        today: dt.date,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.today = today
        self.start_edit = self._date_edit(_("Period from"))
        self.end_edit = self._date_edit(_("Period to"))
        self.quarters_button = QPushButton(_("Last four &quarters"), self)
        self.quarters_button.setToolTip(_("The four whole quarters before this one"))
        self.team_combo = QComboBox(self)
        self.team_combo.setAccessibleName(_("Team"))
        self.team_combo.addItem(_("All teams"), None)
        for team_id, name in teams:
            self.team_combo.addItem(name, team_id)
        self.consultant_combo = QComboBox(self)
        self.consultant_combo.setAccessibleName(_("Case manager"))
        self.consultant_combo.addItem(_("All case managers"), None)
        for person_id, name in consultants:
            self.consultant_combo.addItem(name, person_id)
        self.mode_combo = QComboBox(self)
        self.mode_combo.setAccessibleName(_("Way of working"))
        self.mode_combo.addItem(_("Both ways of working"), None)
        for mode in CaseMode:
            self.mode_combo.addItem(mode.label, mode.value)
        self.numbers_combo = QComboBox(self)
        self.numbers_combo.setAccessibleName(_("Numbers"))
        self.numbers_combo.addItem(_("Actual numbers (internal)"), INTERNAL)
        self.numbers_combo.addItem(_("Shielded (as for the municipality)"), SHIELDED)
        self.numbers_combo.setToolTip(
            _(
                "Shielded: counts below 5 are shown as <5 and their shares hidden, as in the "
                "files for the municipality."
            )
        )
        #: Says which numbers are shown (and that the figures are being computed).
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        style_text(self.note, Role.MUTED)
        self._lay_out(show_teams=bool(teams))
        self.set_default_period()
        self._connect()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd-MM-yyyy")
        edit.setAccessibleName(name)
        return edit

    def _lay_out(self, show_teams: bool) -> None:
        """What to count on the first line; how to show it, and what is shown, on the second."""
        first, second = QHBoxLayout(), QHBoxLayout()
        pairs = (
            (first, _("&From:"), self.start_edit),
            (first, _("&until:"), self.end_edit),
            (first, None, self.quarters_button),
            (first, _("&Team:"), self.team_combo),
            (first, _("Case &manager:"), self.consultant_combo),
            (first, _("&Way of working:"), self.mode_combo),
            (second, _("&Numbers:"), self.numbers_combo),
        )
        for row, caption, field in pairs:
            if caption is not None:
                label = QLabel(caption, self)
                label.setBuddy(field)
                label.setVisible(show_teams or field is not self.team_combo)
                row.addWidget(label)
            row.addWidget(field)
        self.team_combo.setVisible(show_teams)
        first.addStretch(1)
        second.addWidget(self.note, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(first)
        box.addLayout(second)

    def _connect(self) -> None:
        for edit in (self.start_edit, self.end_edit):
            edit.dateChanged.connect(self.changed)
        for combo in (self.team_combo, self.consultant_combo, self.mode_combo):
            combo.currentIndexChanged.connect(self.changed)
        self.numbers_combo.currentIndexChanged.connect(self.shown_changed)
        self.quarters_button.clicked.connect(self.set_default_period)

    def set_default_period(self) -> None:
        """The last four whole quarters (one change, one reload)."""
        start, end = last_full_quarters(self.today)
        self.set_period(start, end)

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.blockSignals(True)
        try:
            self.start_edit.setDate(_qdate(start))
            self.end_edit.setDate(_qdate(end))
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def set_team(self, team_id: int | None) -> None:
        index = self.team_combo.findData(team_id)
        if index >= 0:
            self.team_combo.setCurrentIndex(index)

    @property
    def suppress(self) -> bool:
        return self.numbers_combo.currentData() == SHIELDED

    def current(self) -> IndicatorFilter:
        start, end = _date(self.start_edit.date()), _date(self.end_edit.date())
        if end < start:
            start, end = end, start  # a period typed backwards means the same days
        return IndicatorFilter(
            start=start,
            end=end,
            team_id=self.team_combo.currentData(),
            consultant_id=self.consultant_combo.currentData(),
            mode=self.mode_combo.currentData(),
        )
