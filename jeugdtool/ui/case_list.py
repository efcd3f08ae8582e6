"""The case list: the page that filters, scopes and shows the cases (the model is in
case_list_model.py).

In team mode the list offers "my cases" (case manager or co-worker; the default), "team" and
"all I may see" (the database shows a person only what they may see); in single-user mode every
case is the consultant's and the choice is hidden. The list never loads every household: the
database searches, sorts and pages (`PagedCaseListModel`), and the filter asks it once typing
pauses (`FILTER_DELAY_MS`). The plan columns (status, next review, the attention marker) load
just after the list is painted, only for the rows loaded (and those fetched later), so they
never hold it up; after a change only those of the cases it touched load again.

A change while the list is hidden (a case is in front) only marks it stale: it asks again once,
when shown (`StaleWhileHidden`). While it is shown, a change to cases it shows whose place it
cannot alter (a plan, a member's phone number) reads only their rows again; one that may move
a case, or bring one in or out, asks the database again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QSignalBlocker
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.queries import CaseScope
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui import window_state
from jeugdtool.ui.case_list_model import APPROVAL
from jeugdtool.ui.case_list_model import CHANGED
from jeugdtool.ui.case_list_model import MANAGER
from jeugdtool.ui.case_list_model import NAME
from jeugdtool.ui.case_list_model import NUMBER
from jeugdtool.ui.case_list_model import PLAN
from jeugdtool.ui.case_list_model import REVIEW
from jeugdtool.ui.case_list_model import STATUS
from jeugdtool.ui.case_list_model import CaseTable
from jeugdtool.ui.case_list_model import PagedCaseListModel
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.row_table import read_only_rows
from jeugdtool.ui.stale import StaleWhileHidden

__all__ = [
    "APPROVAL",
    "CHANGED",
    "MANAGER",
    "NAME",
    "NUMBER",
    "PLAN",
    "REVIEW",
    "STATUS",
    "CaseListPage",
    "PagedCaseListModel",
]

#: When the plan columns load at the latest if the list was not painted before (milliseconds).
ALERTS_FALLBACK_MS = 400
#: How long typing pauses before the list asks the database (milliseconds).
FILTER_DELAY_MS = 150

#: Changes that alter a list row: names, status, case manager and case team, the plan (its
#: status, next review and alert marker), and the dossier's reminders in that marker (meldcode
#: steps open past the term, verwijsindex signals expiring; "settings": the terms changed).
LIST_ENTITIES = (
    "household",
    "person",
    "consultant",
    "case_coworker",
    "plan_version",
    "plan_approval",
    "agreement",
    "plan_review",
    "review_result",
    "meldcode_record",
    "meldcode_step",
    "verwijsindex_signal",
    "settings",
)


#: Changes of a case's plan or dossier reminders: they alter its plan columns only, never
#: whether or where the case is listed (unless the list sorts by its last change).
PLAN_ENTITIES = frozenset(LIST_ENTITIES) - {"household", "person", "consultant", "case_coworker"}


def _plans_only(changes: ChangeSet) -> bool:
    return changes.entities <= PLAN_ENTITIES


#: The status combo: label and the statuses it shows (None: all).
def _status_choices() -> list[tuple[str, frozenset[CaseStatus] | None]]:
    return [
        (_("Open"), frozenset({CaseStatus.OPEN})),
        (_("Closed"), frozenset({CaseStatus.CLOSED})),
        (_("Archived"), frozenset({CaseStatus.ARCHIVED})),
        (_("All"), None),
    ]


class _FilterEdit(QLineEdit):
    """Down moves into the list; Esc clears the filter before anything else sees it."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


def _state_key(database_key: str, name: str) -> str:
    # A database path is no good as an INI key (slashes make groups); a short hash is.
    return f"case_list/{hashlib.sha256(database_key.encode()).hexdigest()[:16]}/{name}"


class CaseListPage(StaleWhileHidden, QWidget):
    """Filter field, scope and status choice, count and the table; Enter or double-click opens
    a case. The scope and status chosen are remembered per database (window.ini); the filter
    text is kept while the program runs, never written to disk (it may name a client)."""

    #: A case was activated (Enter, double-click): its id.
    case_activated = Signal(int)
    #: The list was (re)loaded: the number of cases the person may see in the database.
    reloaded = Signal(int)
    #: The list was painted for the first time (what waits for that may start now).
    first_painted = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = PagedCaseListModel(ctx.uow, self)
        self._alerts_pending = False
        self._painted = False
        #: The widest count the count's label was made wide enough for (`_update_count`).
        self._count_widest = ""
        #: Typing restarts it; when it fires the list asks the database.
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_DELAY_MS)
        self.filter_timer.timeout.connect(self._apply_filter)
        #: Restarted as rows come; when it fires the plan columns of the new rows load.
        self.plans_timer = QTimer(self)
        self.plans_timer.setSingleShot(True)
        self.plans_timer.setInterval(FILTER_DELAY_MS)
        self.plans_timer.timeout.connect(self._load_alerts_if_pending)
        self._build()
        remembered = self._restore_choices()
        if not remembered and ctx.staff.team_mode:
            self._start_scope()
        self.view.viewport().installEventFilter(self)
        self.model.rowsInserted.connect(self._plans_after_paint)
        ctx.signals.changed.connect(self._on_changed)
        ctx.signals.user_changed.connect(lambda _user: self._apply_scope())
        self._update_scope_choice()
        self._ask(lambda: self.model.ask(**self._query_fields()), typed=True)
        self.reloaded.emit(self.model.total)

    def _start_scope(self) -> None:
        """The first time on this database: the scope the person's own cases call for."""
        from jeugdtool.cases import case_search

        member = self.ctx.staff
        scope = case_search.first_scope(self.ctx.uow, member.id, member.oversees)
        with QSignalBlocker(self.scope_combo):
            self.scope_combo.setCurrentIndex(self.scope_combo.findData(scope))

    def _build(self) -> None:
        self.filter_edit = _FilterEdit(self)
        self.filter_edit.setPlaceholderText(_("Search by case number, household or name…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(_("Search cases"))
        self.scope_combo = QComboBox(self)
        self.scope_combo.setAccessibleName(_("Show"))
        for scope in (CaseScope.MINE, CaseScope.TEAM, CaseScope.ALL):
            self.scope_combo.addItem(scope.label, scope)
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(_("Status"))
        for label, statuses in _status_choices():
            self.status_combo.addItem(label, statuses)
        self.count_label = QLabel(self)
        self.view = self._make_view()
        self.scope_label = QLabel(_("S&how:"), self)
        self.scope_label.setBuddy(self.scope_combo)
        status_label = QLabel(_("&Status:"), self)
        status_label.setBuddy(self.status_combo)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.scope_label)
        top.addWidget(self.scope_combo)
        top.addWidget(status_label)
        top.addWidget(self.status_combo)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.filter_edit.textChanged.connect(lambda _text: self.filter_timer.start())
        self.filter_edit.returnPressed.connect(self._open_from_filter)
        self.filter_edit.down_pressed.connect(self._focus_view)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.status_combo.currentIndexChanged.connect(self._save_choices)
        self.scope_combo.currentIndexChanged.connect(self._apply_scope)
        self.scope_combo.currentIndexChanged.connect(self._save_choices)
        self.view.activated.connect(self._on_activated)

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        read_only_rows(view)
        view.setSortingEnabled(True)
        view.sortByColumn(NUMBER, Qt.SortOrder.AscendingOrder)
        view.setAlternatingRowColors(True)
        # Fixed row heights and column widths: nothing measures the rows.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        metrics = view.fontMetrics()
        for column, sample in (
            (NUMBER, "2026-00000 M"),
            (MANAGER, "Mevr. J. van den Berg-M"),
            (STATUS, "Gearchiveerd ⚠ MM"),
            (PLAN, "Vastgesteld, nieuw concept"),
            (APPROVAL, "Ter toetsing (uiterlijk 00-00-0000)"),
            (REVIEW, "00-00-0000 MM"),
            (CHANGED, "00-00-0000 00:00 MM"),
        ):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            view.setColumnWidth(column, widest + 24)  # room for the sort arrow
        view.setMinimumWidth(metrics.horizontalAdvance("M") * 40)
        return view

    # ---- loading ----------------------------------------------------------------------

    def reload(self) -> None:
        """Ask the database again, keeping the filter, the rows loaded, the selected case and
        the scroll position."""
        self.stale = False
        self._ask(self.model.refresh)
        self.reloaded.emit(self.model.total)

    def _query_fields(self) -> dict[str, object]:
        """What the filter, status and scope choices ask of the database."""
        member = self.ctx.staff
        return {
            "text": self.filter_edit.text(),
            "statuses": self.status_combo.currentData(),
            "scope": self.current_scope() if member.team_mode else CaseScope.ALL,
            "person_id": member.id,
            "team_ids": member.team_ids,
        }

    def _ask(self, ask: Callable[[], None], typed: bool = False) -> None:
        """Ask the model (`ask`), then select the case selected before (or the first) and
        load the plan columns of new rows once the list has been painted.

        `typed`: asked for what was typed or chosen — the case selected before stays selected
        when it is among the first rows found, else the first is (what Enter opens), at the top;
        nothing is fetched to keep a case far down the list. After a change the list keeps
        its place, fetching up to the case selected if it moved down."""
        selected = self.current_case_id()
        scroll = self.view.verticalScrollBar().value()
        ask()
        kept = self._after_reset(selected, fetch=not typed)
        self.view.verticalScrollBar().setValue(scroll if kept else 0)
        self._plans_after_paint()

    def _plans_after_paint(self) -> None:
        """The plan markers (a few heavier queries) follow once the list has been painted the
        first time; later (rows found by typing, fetched by scrolling, changed) once the
        asking pauses (`plans_timer`), so typing never waits for them. (A list not on screen
        yet — e.g. while the window is being built — gets them shortly.)"""
        if not self.model.missing_plan_columns():
            return
        if self.model.plan_loader is not None:
            self._alerts_pending = True
            self.plans_timer.start()
            return
        if self._alerts_pending:
            return
        self._alerts_pending = True
        self.view.viewport().update()
        # With the page as context: a page deleted meanwhile gets no call.
        QTimer.singleShot(ALERTS_FALLBACK_MS, self, self._load_alerts_if_pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.view.viewport() or event.type() != QEvent.Type.Paint:
            return super().eventFilter(watched, event)
        if self._alerts_pending and self.model.plan_loader is None:
            self._alerts_pending = False
            QTimer.singleShot(0, self, self.load_alerts)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)
        return False

    def _load_alerts_if_pending(self) -> None:
        # Not for a window that was shown and then closed: its late timer must not read a
        # database that may be closed or gone by then.
        window = self.window()
        closed = (
            window.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
            and not window.isVisible()
        )
        if self._alerts_pending and not closed:
            self._alerts_pending = False
            self.load_alerts()

    def load_alerts(self) -> None:
        """The plan columns of the rows loaded whose columns are not loaded yet: status, next
        review, and a marker on the cases whose safety plan needs attention (overdue review,
        agreements past their date, the dossier's reminders)."""
        from jeugdtool.meetings import caseload  # after the list is painted, not before

        uow = self.ctx.uow
        self.model.plan_loader = lambda ids: caseload.list_columns(uow, case_ids=ids)
        missing = self.model.missing_plan_columns()
        if missing:
            self.model.update_plan_columns(self.model.plan_loader(missing), missing)

    # ---- scope and remembered choices -------------------------------------------------

    def _update_scope_choice(self) -> None:
        team_mode = self.ctx.staff.team_mode
        self.scope_label.setVisible(team_mode)
        self.scope_combo.setVisible(team_mode)

    def _apply_scope(self) -> None:
        """In team mode: my cases, my teams' or all I may see; single-user mode shows all (every
        case is the consultant's) and hides the choice."""
        self._update_scope_choice()
        self._apply_filter()

    def current_scope(self) -> CaseScope:
        """The scope chosen (Qt hands the combo's data back as a plain string)."""
        return CaseScope(self.scope_combo.currentData())

    def _restore_choices(self) -> bool:
        """Put back the scope and status chosen last time; whether a scope was remembered."""
        key = self.ctx.database.location.key
        store = window_state.ui_settings()
        scope = store.value(_state_key(key, "scope"))
        status = store.value(_state_key(key, "status"))
        with QSignalBlocker(self.scope_combo), QSignalBlocker(self.status_combo):
            if scope in set(CaseScope):
                self.scope_combo.setCurrentIndex(self.scope_combo.findData(CaseScope(scope)))
            statuses = [str(i) for i in range(self.status_combo.count())]
            if status in statuses:
                self.status_combo.setCurrentIndex(statuses.index(status))
        return scope in set(CaseScope)

    def _save_choices(self) -> None:
        key = self.ctx.database.location.key
        store = window_state.ui_settings()
        store.setValue(_state_key(key, "scope"), self.current_scope().value)
        store.setValue(_state_key(key, "status"), str(self.status_combo.currentIndex()))
        store.sync()

    def _on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches(*LIST_ENTITIES):
            return
        # The plan columns of the cases the change touched load again (of every case when the
        # change names none, or changed the organisation's terms).
        everything = not changes.cases or changes.touches("settings")
        self.model.forget_plan_columns(None if everything else changes.cases)
        if not self.model.total:
            # Nothing to list: the window shows its welcome in the list's place, and learns
            # from `reloaded` that the first case came.
            self.reload_now()
        elif not self.is_seen():
            self.stale = True  # asked again once, when shown
        elif everything or not self.model.reread(changes.cases, plans_only=_plans_only(changes)):
            self.reload_now()
        else:
            self._plans_after_paint()

    def apply_filter_now(self) -> None:
        """Ask the database for what is typed now, not waiting for typing to pause."""
        if self.filter_timer.isActive():
            self.filter_timer.stop()
            self._apply_filter()

    def _apply_filter(self) -> None:
        self.filter_timer.stop()
        self._ask(lambda: self.model.ask(**self._query_fields()), typed=True)

    def _after_reset(self, selected: int | None, fetch: bool = True) -> bool:
        """Select the previously selected case again (`fetch`: fetching up to it if it is not
        loaded), or else the first one; whether the case selected before was kept."""
        row = None
        if selected is not None:
            row = self.model.row_of(selected) if fetch else self.model.loaded_row(selected)
        kept = row is not None
        if row is None and self.model.rowCount() > 0:
            row = 0
        if row is not None:
            index = self.model.index(row, NUMBER)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.view.selectionModel().setCurrentIndex(index, flags)
        self._update_count()
        return kept

    def _update_count(self) -> None:
        total = self.model.total
        words = ngettext("{shown} of {total} case", "{shown} of {total} cases", total)
        label, widest = self.count_label, words.format(shown=total, total=total)
        if widest != self._count_widest:
            # As wide as the count gets for this total: typing moves nothing beside it (no
            # new layout, no repaint of the filter field and the choices, every keystroke).
            label.setText(widest)
            label.setMinimumWidth(label.sizeHint().width())
            self._count_widest = widest
        label.setText(words.format(shown=self.model.matching, total=total))

    # ---- navigation -------------------------------------------------------------------

    def current_case_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.data(index, CaseTable.IdRole)

    def select_case(self, case_id: int) -> bool:
        """Make `case_id` the current row (clearing the filter if that hides it)."""
        self.apply_filter_now()
        if self.model.row_of(case_id) is None:
            with (
                QSignalBlocker(self.filter_edit),
                QSignalBlocker(self.status_combo),
                QSignalBlocker(self.scope_combo),
            ):
                self.filter_edit.clear()
                self.status_combo.setCurrentIndex(self.status_combo.count() - 1)
                self.scope_combo.setCurrentIndex(self.scope_combo.findData(CaseScope.ALL))
            self._save_choices()
            self._apply_filter()
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self._after_reset(case_id)
        self.view.scrollTo(self.model.index(row, NUMBER))
        return True

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _focus_view(self) -> None:
        self.apply_filter_now()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_activated(self, index: QModelIndex) -> None:
        self.case_activated.emit(self.model.data(index, CaseTable.IdRole))

    def _open_from_filter(self) -> None:
        """Enter: the first case found for what was typed, at once."""
        self.apply_filter_now()
        case_id = self.current_case_id()
        if case_id is not None:
            self.case_activated.emit(case_id)
