"""The access log window (privacy officer; everyone in single-user mode): who opened, exported,
printed, presented or handed over which case, when and why; filtered, and exported as CSV or
JSON. Below it, the emergency access (break-the-glass) in force, for the privacy officer and the
team leader.

The database decides which rows a reader sees (store/team_sql.py); this window only asks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import access
from jeugdtool.cases import staff
from jeugdtool.cases.access import AccessLogFilter
from jeugdtool.cases.access import AccessRow
from jeugdtool.cases.access import Grant
from jeugdtool.cases.validation import format_datetime_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.roles import StaffRole

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.row_table import RowsModel
from jeugdtool.ui.row_table import fit_columns
from jeugdtool.ui.row_table import make_table
from jeugdtool.ui.side_window import SideWindow
from jeugdtool.ui.widgets import vbox

#: At most this many rows are shown (the newest); an export holds every row that matches.
SHOWN_ROWS = 5000
#: The period shown when the window opens, in days back from today.
DEFAULT_DAYS = 30
#: The file dialog's kind for exports of the log: it remembers its own folder.
ACCESS_LOG_FILES = "access_log"

LOGIN = 2
LOG_COLUMNS = (
    Column(N_("When"), lambda r: format_datetime_nl(r.at), key=lambda r: (r.at, r.id)),
    Column(N_("Who"), lambda r: r.who),
    Column(N_("Login"), lambda r: r.login or ""),
    Column(N_("Case"), lambda r: r.case_number or ""),
    Column(N_("Action"), lambda r: r.action_label),
    Column(N_("Detail"), lambda r: r.detail, tip=lambda r: r.detail or None),
    Column(N_("Reason"), lambda r: r.reason, tip=lambda r: r.reason or None),
)


class GrantRow:
    """A grant of emergency access with the names a reader understands."""

    def __init__(self, grant: Grant, person: str, case_number: str):
        self.grant, self.person, self.case_number = grant, person, case_number


GRANT_COLUMNS = (
    Column.of_value(N_("Granted"), lambda g: g.grant.granted_at, format_datetime_nl),
    Column.of_value(N_("Until"), lambda g: g.grant.expires_at, format_datetime_nl),
    Column(N_("Who"), lambda g: g.person),
    Column(N_("Case"), lambda g: g.case_number),
    Column(N_("Reason"), lambda g: g.grant.reason, tip=lambda g: g.grant.reason),
)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def may_read_grants(ctx: AppContext) -> bool:
    """Emergency access is listed for the privacy officer and the team leader (team mode)."""
    member = ctx.staff
    return member.team_mode and (
        member.has(StaffRole.PRIVACY_OFFICER) or member.has(StaffRole.TEAM_LEADER)
    )


class AccessLogWindow(SideWindow):
    place_key = "access_log"
    preferred_size = QSize(1200, 760)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.rows: list[AccessRow] = []
        self.setWindowTitle(_("Access log"))
        self._refilter_soon = QTimer(self, singleShot=True, interval=250)
        self._refilter_soon.timeout.connect(self.reload)
        self._build()
        self.reload()
        self.restore_place()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.log = RowsModel(LOG_COLUMNS, self)
        self.log_view = make_table(
            self.log, _("Access log"), self, sort=(0, Qt.SortOrder.DescendingOrder)
        )
        self.log_view.setColumnHidden(LOGIN, not self.ctx.team_mode)  # logins are team mode's
        self.count_label = QLabel(self)
        self.csv_button = QPushButton(_("Export as &CSV…"), self)
        self.json_button = QPushButton(_("Export as &JSON…"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.csv_button)
        bottom.addWidget(self.json_button)
        upper = QWidget(self)
        vbox(upper, self._filters(), self.log_view, bottom, stretch=self.log_view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(upper)
        splitter.addWidget(self._grants_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        central = QWidget(self)
        QVBoxLayout(central).addWidget(splitter)
        self.setCentralWidget(central)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.json_button.clicked.connect(lambda: self.export("json"))
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

    def _filters(self) -> QGridLayout:
        self.case_edit = QLineEdit(self)
        self.case_edit.setPlaceholderText(_("e.g. 2026-0012"))
        self.case_edit.setClearButtonEnabled(True)
        self.person_combo = QComboBox(self)
        self.person_combo.addItem(_("Everyone"), None)
        for person in staff.list_staff(self.ctx.uow, include_inactive=True):
            label = f"{person.name} ({person.login})" if person.login else person.name
            self.person_combo.addItem(label, person.id)
        self.action_combo = QComboBox(self)
        self.action_combo.addItem(_("All actions"), None)
        for action in AccessAction:
            self.action_combo.addItem(action.label, action)
        today = dt.date.today()
        self.since_box = QCheckBox(_("&From"), self)
        self.since_box.setChecked(True)
        self.since_edit = self._date_edit(today - dt.timedelta(days=DEFAULT_DAYS))
        self.until_box = QCheckBox(_("&Until"), self)
        self.until_edit = self._date_edit(today)
        self.until_edit.setEnabled(False)
        grid = QGridLayout()
        for column, (text, widget) in enumerate(
            ((_("C&ase:"), self.case_edit), (_("&Person:"), self.person_combo))
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        action_label = QLabel(_("Ac&tion:"), self)
        action_label.setBuddy(self.action_combo)
        grid.addWidget(action_label, 0, 4)
        grid.addWidget(self.action_combo, 0, 5)
        period = QHBoxLayout()
        for widget in (self.since_box, self.since_edit, self.until_box, self.until_edit):
            period.addWidget(widget)
        period.addStretch(1)
        grid.addWidget(QLabel(_("Period:"), self), 1, 0)
        grid.addLayout(period, 1, 1, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        self.case_edit.textChanged.connect(lambda _t: self._refilter_soon.start())
        for combo in (self.person_combo, self.action_combo):
            combo.currentIndexChanged.connect(self.reload)
        for box, edit in ((self.since_box, self.since_edit), (self.until_box, self.until_edit)):
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self.reload)
            edit.dateChanged.connect(lambda _d: self._refilter_soon.start())
        return grid

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setDisplayFormat("dd-MM-yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _grants_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grants_title = QLabel(_("Emergency access in force (break-the-glass)"), panel)
        self.grants = RowsModel(GRANT_COLUMNS, panel)
        self.grants_view = make_table(
            self.grants, _("Emergency access"), panel, sort=(0, Qt.SortOrder.DescendingOrder)
        )
        layout.addWidget(self.grants_title)
        layout.addWidget(self.grants_view, 1)
        panel.setVisible(may_read_grants(self.ctx))
        self.grants_panel = panel
        return panel

    # ---- reading -------------------------------------------------------------------------

    def current_filter(self) -> AccessLogFilter:
        return AccessLogFilter(
            case_number=self.case_edit.text().strip() or None,
            person_id=self.person_combo.currentData(),
            action=AccessAction(action) if (action := self.action_combo.currentData()) else None,
            since=_pydate(self.since_edit.date()) if self.since_box.isChecked() else None,
            until=_pydate(self.until_edit.date()) if self.until_box.isChecked() else None,
        )

    def reload(self) -> None:
        self._refilter_soon.stop()
        try:
            self.rows = access.entries(self.ctx.uow, self.current_filter(), limit=SHOWN_ROWS + 1)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc), _("The access log could not be read"))
            return
        shown = self.rows[:SHOWN_ROWS]
        self.log.set_rows(shown)
        fit_columns(self.log_view)
        if len(self.rows) > SHOWN_ROWS:
            text = _(
                "The newest {n} entries are shown; narrow the filter to see older ones (an "
                "export holds every entry that matches)."
            ).format(n=SHOWN_ROWS)
        else:
            text = ngettext("{n} entry", "{n} entries", len(shown)).format(n=len(shown))
        self.count_label.setText(text)
        for button in (self.csv_button, self.json_button):
            button.setEnabled(bool(shown))
        if self.grants_panel.isVisibleTo(self):
            self._load_grants()

    def _load_grants(self) -> None:
        now = dt.datetime.now(dt.UTC)
        grants = [g for g in access.emergency_grants(self.ctx.uow) if g.expires_at > now]
        names = {p.id: p.name for p in staff.list_staff(self.ctx.uow, include_inactive=True)}
        # The case number from the grant's own access-log row (same moment, same reason): a
        # privacy officer may read the log, not the case itself.
        logged = access.entries(self.ctx.uow, AccessLogFilter(action=AccessAction.BREAK_GLASS))
        numbers = {(r.at, r.reason): r.case_number or "" for r in logged}
        self.grants.set_rows(
            [
                GrantRow(g, names.get(g.person_id, ""), numbers.get((g.granted_at, g.reason), ""))
                for g in grants
            ]
        )
        fit_columns(self.grants_view)
        self.grants_title.setText(
            ngettext(
                "Emergency access in force (break-the-glass): {n} grant",
                "Emergency access in force (break-the-glass): {n} grants",
                len(grants),
            ).format(n=len(grants))
        )

    def _on_changed(self, changes: ChangeSet) -> None:
        # New accesses are logged without a change set; a handover or an import comes with one.
        if changes.touches("household", "case_handover"):
            self._refilter_soon.start()

    # ---- export --------------------------------------------------------------------------

    def export(self, kind: str) -> Path | None:
        """Write every entry that matches the filter to a file the user chooses."""
        from jeugdtool.export.files import write_atomically

        suggested = f"toegangslog-{dt.date.today():%Y-%m-%d}.{kind}"
        filters = _("CSV files (*.csv)") if kind == "csv" else _("JSON files (*.json)")
        path = self.ctx.dialogs.save_file(
            _("Export the access log"), suggested, filters, kind=ACCESS_LOG_FILES
        )
        if not path:
            return None
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        try:
            rows = access.entries(self.ctx.uow, self.current_filter())
            text = access.to_csv(rows) if kind == "csv" else access.to_json(rows)
            written = write_atomically(text.encode("utf-8"), path, access.export_error)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc), _("The access log was not exported"))
            return None
        message = ngettext(
            "{n} entry of the access log exported to {path}",
            "{n} entries of the access log exported to {path}",
            len(rows),
        ).format(n=len(rows), path=written)
        self.ctx.signals.status_message.emit(message)
        self.ctx.dialogs.written(written, message, _("Access log exported"))
        return written
