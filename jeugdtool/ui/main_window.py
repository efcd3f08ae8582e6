"""The main window: composes the case list and the open cases (as tabs) with the menus.

It holds no logic of its own: each menu item hands over to a screen, a dialog or a service.

It is built in two steps so it is on screen before the data layer exists: `MainWindow()` makes
the frame, menus and a "loading" page from Qt alone (this module imports no SQLAlchemy);
`attach(ctx)` adds everything that needs the database. Screens that do are imported there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from shiboken6 import isValid

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QTabBar
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui import read_only
from jeugdtool.ui import window_state
from jeugdtool.ui.case_drop import CaseFileDrop
from jeugdtool.ui.go_menu import PageSection
from jeugdtool.ui.recent_databases import RecentDatabasesMenu
from jeugdtool.ui.undo_keys import UndoKeyRouter
from jeugdtool.ui.welcome import WelcomePanel
from jeugdtool.ui.widgets import focus_first_child

if TYPE_CHECKING:
    from jeugdtool.ui.case_list import CaseListPage
    from jeugdtool.ui.context import AppContext
    from jeugdtool.ui.workspace import CaseWorkspace

Key = QKeySequence.StandardKey
#: The lifecycle steps of the Case menu: text, the workspace method, the statuses it fits.
LIFECYCLE = (
    (N_("&Close case…"), "close_case", {CaseStatus.OPEN}),
    (N_("&Reopen case"), "reopen_case", {CaseStatus.CLOSED, CaseStatus.ARCHIVED}),
    (N_("&Archive case"), "archive_case", {CaseStatus.OPEN, CaseStatus.CLOSED}),
    (N_("Record the family's &experience…"), "record_experience", {CaseStatus.CLOSED}),
)


class MainWindow(QMainWindow):
    #: The user chose another database file (the app decides whether it can be opened).
    open_database_requested = Signal(str)
    #: Once, after the case list's first paint: every model is loaded and configured.
    settled = Signal()

    ctx: AppContext
    list_page: CaseListPage

    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        #: The undo stack lives as long as the window; the context shares it.
        # No Qt parent: the stack and its commands must outlive the C++ window while the
        # context (held by Python) still refers to them.
        self.undo_stack = ctx.undo_stack if ctx is not None else QUndoStack()
        #: Open case tabs by case id.
        self.workspaces: dict[int, CaseWorkspace] = {}
        self._last_case: int | None = None
        self._build_actions()
        self._build_menus()
        self.loading = QLabel(_("Opening the database…"), self)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.loading)
        self.setWindowTitle("jeugdtool")
        self._set_data_actions_enabled(False)
        window_state.restore_window(self)  # as it was, or 1200×760 within the screen
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: AppContext) -> None:
        """Show the data of `ctx`: the case list, the signed-in user, the last open case."""
        from jeugdtool.ui.case_list import CaseListPage

        assert ctx.undo_stack is self.undo_stack, "the context must share the window's stack"
        self.ctx = ctx
        self.list_page = CaseListPage(ctx, self)
        self.welcome = WelcomePanel(self.new_case_action, self.demo_action, self)
        self.home = QStackedWidget(self)
        self.home.addWidget(self.welcome)
        self.home.addWidget(self.list_page)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.home, _("Cases"))
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.setCentralWidget(self._with_read_only_banner(self.tabs))
        self.loading.deleteLater()
        self._set_data_actions_enabled(True)
        self._disable_writing_actions()
        self._enable_encryption_actions()
        # Emergency access is granted by a team database; on a file everything is open anyway.
        self.break_glass_action.setEnabled(ctx.team_mode and not ctx.read_only)
        self._enable_role_actions()
        self.recent_menu.current = ctx.database.location.key
        #: A case file dropped on the window is imported (when Import is enabled).
        self.case_drop = CaseFileDrop(self)
        self._build_status_bar()
        from jeugdtool.ui import lock

        #: Hides every window's content after the organisation's idle period (or on Lock).
        self.auto_lock = lock.install(ctx, self)
        self._undo_keys = UndoKeyRouter(self)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.tabs.tabCloseRequested.connect(self._close_tab_at)
        self.list_page.case_activated.connect(self.open_case)
        self.list_page.reloaded.connect(self._on_reloaded)
        ctx.signals.changed.connect(self._on_changed)
        ctx.signals.user_changed.connect(self._show_user)
        ctx.signals.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._on_reloaded(self.list_page.model.total)
        self._on_tab_changed()
        self._reopen_last_case()
        # After the list has been painted: the rest of the models, and asking whether reviews
        # wait, cost imports and queries.
        if self.home.currentWidget() is self.list_page and self.tabs.currentIndex() == 0:
            self.list_page.first_painted.connect(
                self._after_first_paint, Qt.ConnectionType.SingleShotConnection
            )
        else:
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        # Every table's model and mapper (the list needed only its own): a case opens without
        # paying for them. A removal loads them itself when it comes first (store/snapshot.py).
        from jeugdtool.store.base import prepare_every_model

        prepare_every_model()
        self.settled.emit()
        self._show_waiting_reviews()

    @property
    def attached(self) -> bool:
        return hasattr(self, "ctx")

    def _set_data_actions_enabled(self, enabled: bool) -> None:
        """Until a database is attached only Quit works (and the menus can be looked at)."""
        own_state = (self.quit_action, self.undo_action, self.redo_action)  # stack-driven
        own_state += self.help_actions  # help needs no database
        for action in self.findChildren(QAction):
            if action not in own_state:
                action.setEnabled(enabled)

    # ---- building ---------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], object], *shortcuts: QKeySequence | Key | str
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_case_action = self._action(_("&New case…"), self.new_case, Key.New)
        self.import_action = self._action(_("&Import case…"), self.import_case, "Ctrl+I")
        self.export_action = self._action(_("&Export case…"), self.export_case, "Ctrl+E")
        self.batch_pdf_action = self._action(_("Export &PDFs of several cases…"), self.export_pdfs)
        self.demo_action = self._action(_("Load &demo data"), self.load_demo)
        self.open_db_action = self._action(_("&Open another database…"), self.open_database)
        self.recent_menu = RecentDatabasesMenu(self)
        self.recent_menu.chosen.connect(self.open_database_requested.emit)
        self.settings_action = self._action(_("&Settings…"), self.show_settings)
        self.encrypt_action = self._action(_("&Encrypt database…"), self.encrypt_database)
        self.passphrase_action = self._action(_("Change &passphrase…"), self.change_passphrase)
        self.zrm_library_action = self._action(
            _("&ZRM matrices and licences…"), self.show_zrm_library
        )
        self.quit_action = self._action(_("&Quit"), self.close, "Ctrl+Q")
        # Ctrl+L is the case list; Ctrl+Shift+L is free (and Win+L/Ctrl+Cmd+Q lock the system).
        self.lock_action = self._action(_("&Lock"), self.lock, "Ctrl+Shift+L")
        self.meetings_action = self._action(
            _("&Reflective practice meetings…"), self.show_meetings, "Ctrl+Shift+M"
        )
        self.save_action = self._action(_("&Save now"), self.save_pending, Key.Save)
        self.save_action.setToolTip(
            _("Every change is saved at once; this tries again the changes a fault held back")
        )
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence(Key.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # After the actions' own updates: their new text, in the words of the change's case.
        self.undo_stack.undoTextChanged.connect(self._word_undo_texts)
        self.undo_stack.redoTextChanged.connect(self._word_undo_texts)
        self.lifecycle_actions = {
            method: self._action(_(text), lambda m=method: self._lifecycle(m))
            for text, method, _statuses in LIFECYCLE
        }
        # Ctrl+P: what "print" means here is the PDF for partners (nothing else prints).
        self.pdf_action = self._action(_("Export as &PDF…"), self.export_pdf, "Ctrl+P")
        self.network_plan_action = self._action(
            _("&Network's plan after closure (PDF)…"), lambda: self._lifecycle("network_plan_pdf")
        )
        self.child_voice_action = self._action(
            _("C&hild's own document (PDF)…"), lambda: self._lifecycle("child_voice_pdf")
        )
        self.find_action = self._action(_("&Search"), self.focus_search, Key.Find)
        self.list_action = self._action(_("Case &list"), self.show_list, "Ctrl+L")
        self.results_action = self._action(_("&Results"), self.show_results, "Ctrl+Shift+R")
        self.review_queue_action = self._action(
            _("Plan re&view (toetsing)"), self.show_review_queue, "Ctrl+Shift+G"
        )
        self.close_tab_action = self._action(_("Close &tab"), self.close_current_tab, Key.Close)
        self.about_action = self._action(_("&About jeugdtool"), self.show_about)
        self.manual_action = self._action(_("&Manual"), self.show_manual, "F1")
        self.keys_action = self._action(_("&Keyboard shortcuts"), self.show_keyboard_map)
        self.help_actions = (self.manual_action, self.keys_action, self.about_action)
        self.break_glass_action = self._action(
            _("Emergency &access to a case…"), self.emergency_access
        )
        self.caseload_action = self._action(_("&Caseload"), self.show_caseload)
        self.access_log_action = self._action(_("Access &log…"), self.show_access_log)
        self.admin_action = self._action(_("&Administration…"), self.show_administration)
        self.retention_action = self._action(_("Re&tention periods…"), self.show_retention)
        self.destroy_action = self._action(_("&Destroy case…"), self.destroy_case)
        self.requests_action = self._action(_("Pri&vacy requests…"), self.show_requests)
        self.access_request_action = self._action(_("Access re&quest…"), self.access_request)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus: list[tuple[str, list[QAction | None]]] = [
            (
                _("&File"),
                [
                    self.new_case_action,
                    self.import_action,
                    self.export_action,
                    self.batch_pdf_action,
                    None,
                    self.demo_action,
                    None,
                    self.open_db_action,
                    self.recent_menu.menuAction(),
                    self.settings_action,
                    self.encrypt_action,
                    self.passphrase_action,
                    self.zrm_library_action,
                    None,
                    self.lock_action,
                    self.quit_action,
                ],
            ),
            (_("&Edit"), [self.undo_action, self.redo_action, None, self.save_action]),
            (
                _("&Case"),
                [
                    self.pdf_action,
                    self.network_plan_action,
                    self.child_voice_action,
                    self.requests_action,
                    self.access_request_action,
                    None,
                    *self.lifecycle_actions.values(),
                    None,
                    self.retention_action,
                    self.destroy_action,
                    self.break_glass_action,
                ],
            ),
            # Ending with the pages of the case in view (`_fill_pages`).
            (
                _("&View"),
                [
                    self.find_action,
                    self.list_action,
                    self.results_action,
                    self.review_queue_action,
                    self.close_tab_action,
                ],
            ),
            # Meetings are the team's (several cases, colleagues), not a way of viewing a case.
            (
                _("&Team"),
                [
                    self.meetings_action,
                    None,
                    self.caseload_action,
                    self.access_log_action,
                    self.admin_action,
                ],
            ),
            (_("&Help"), [self.manual_action, self.keys_action, None, self.about_action]),
        ]
        built: dict[str, QMenu] = {}
        for title, actions in menus:
            menu: QMenu = bar.addMenu(title)
            built[title] = menu
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        self.view_menu = built[_("&View")]
        self.pages_section = PageSection(self.view_menu)
        self.view_menu.aboutToShow.connect(self._fill_pages)
        self._fill_pages()

    def _fill_pages(self) -> None:
        """The View menu lists the pages of the case in view with their keys (Ctrl+1 …)."""
        self.pages_section.fill(self._workspace_in_view())

    def _workspace_in_view(self) -> CaseWorkspace | None:
        return self.workspaces.get(self._open_case_id() or -1) if self.attached else None

    def _with_read_only_banner(self, content: QWidget) -> QWidget:
        """A database that may only be read says so above everything, with why and what to do
        (and with a mark in the status bar, `_build_status_bar`); a plain database file says
        it is not encrypted, with "Encrypt now"."""
        from jeugdtool.ui import encryption

        location = self.ctx.database.location
        if encryption.shows_plain_banner(location, self.ctx.read_only):
            self.plain_banner = encryption.PlainBanner(self.encrypt_database, self)
            return read_only.above(self.plain_banner, content, self)
        return read_only.with_banner(self.ctx, content, self) if self.ctx.read_only else content

    def _enable_encryption_actions(self) -> None:
        location = self.ctx.database.location
        self.encrypt_action.setEnabled(
            location.is_sqlite and not location.encrypted and not self.ctx.read_only
        )
        self.passphrase_action.setEnabled(location.encrypted and not self.ctx.read_only)

    def database_encrypted(self) -> None:
        """The open database was encrypted (ui/encryption.py): no more warning about it."""
        banner = getattr(self, "plain_banner", None)
        if banner is not None:
            banner.hide()
            banner.deleteLater()
            del self.plain_banner
        self._enable_encryption_actions()
        self.statusBar().showMessage(_("The database is encrypted."), 8000)

    def encrypt_database(self) -> None:
        from jeugdtool.ui import encryption

        encryption.encrypt_now(self)

    def change_passphrase(self) -> None:
        from jeugdtool.ui import encryption

        encryption.change_passphrase(self)

    def _disable_writing_actions(self) -> None:
        """Nothing that would add or change anything is offered for a read-only database (the
        screens ask `AppContext.can_edit`; the case lifecycle `_update_case_actions`)."""
        if self.ctx.read_only:
            for action in (self.new_case_action, self.import_action, self.demo_action):
                action.setEnabled(False)

    def _build_status_bar(self) -> None:
        from jeugdtool.ui.auto_backup import BackupStatus
        from jeugdtool.ui.pending import PendingNotice

        self.pending_notice = PendingNotice(self.ctx.pending, self)
        self.statusBar().addPermanentWidget(self.pending_notice, 1)  # room to say what is wrong
        if self.ctx.read_only:
            self.statusBar().addPermanentWidget(read_only.status_mark(self.ctx, self))
        # The last automatic backup; starts today's copy in the background when it is due.
        self.backup_status = BackupStatus(self.ctx, self)
        self.statusBar().addPermanentWidget(self.backup_status)
        self.user_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.user_label)
        self._show_user(self.ctx.user)

    def save_pending(self) -> None:
        """Ctrl+S: everything is saved at once anyway; this tries the edits a fault held back."""
        if not self.attached:
            return
        if not len(self.ctx.pending):
            self.statusBar().showMessage(_("Everything is saved."), 4000)
        elif self.ctx.pending.retry():
            self.statusBar().showMessage(_("All changes are saved now."), 8000)

    def _may_close_with_pending(self) -> bool:
        """True when no edit is kept unsaved, or the user chose to close without them."""
        pending = self.ctx.pending
        if not len(pending) or pending.retry():
            return True
        edits = "\n".join(f"• {text}" for text in pending.descriptions())
        question = ngettext(
            "{n} change is not saved yet:\n{edits}\n\n{reason}\n\nIf you close jeugdtool "
            "now, it is lost. Close anyway?",
            "{n} changes are not saved yet:\n{edits}\n\n{reason}\n\nIf you close jeugdtool "
            "now, they are lost. Close anyway?",
            len(pending),
        ).format(n=len(pending), edits=edits, reason=pending.message)
        if not self.ctx.dialogs.confirm(question, _("Changes not saved")):
            return False
        pending.discard()
        return True

    def _show_user(self, user: ConsultantDTO) -> None:
        # In team mode with the person's teams; their login and roles in the tooltip.
        self.user_label.setText(self.ctx.signed_in_text())
        self.user_label.setToolTip(self.ctx.signed_in_details())

    # ---- cases as tabs ----------------------------------------------------------------

    def open_case(self, case_id: int, case_number: str | None = None) -> None:
        """Show the case's tab, opening it first when needed (and logging that opening).

        `case_number`: how the caller knows the case, for the message when it cannot be seen.
        """
        if case_id not in self.workspaces:
            workspace = self._load_case(case_id, case_number)
            if workspace is None:
                return
            household = workspace.household
            assert household is not None
            workspace.title_changed.connect(
                lambda title, w=workspace: self._set_tab_title(w, title)
            )
            workspace.household_changed.connect(lambda _household: self._update_case_actions())
            self.workspaces[case_id] = workspace
            self.tabs.addTab(workspace, f"{household.case_number} {household.name}")
        self.tabs.setCurrentWidget(self.workspaces[case_id])
        focus_first_child(self.workspaces[case_id])

    def _load_case(self, case_id: int, case_number: str | None) -> CaseWorkspace | None:
        """The case's workspace, not yet shown; the opening is in the access log before it is.
        None (having said why) when the case is not there, or its opening cannot be logged."""
        from jeugdtool.cases import access
        from jeugdtool.store.access_log import AccessAction

        from jeugdtool.ui.context import unlogged_access
        from jeugdtool.ui.workspace import CaseWorkspace

        try:
            # No parent yet (the tab gives it one): a workspace whose building fails goes away
            # with its pages, instead of lingering hidden in the window.
            workspace = CaseWorkspace(self.ctx, case_id)
        except NotFound:  # one of its pages did not find the case
            self._case_not_there(case_id, case_number)
            return None
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return None
        household = workspace.household
        if household is None:
            workspace.deleteLater()
            self._case_not_there(case_id, case_number)
            return None
        try:
            access.record(self.ctx.uow, AccessAction.OPEN, case_id)
        except JeugdtoolError as exc:  # a lost connection: the case stays unseen
            workspace.deleteLater()
            self.ctx.dialogs.error(unlogged_access(household.case_number, exc))
            return None
        return workspace

    def _case_not_there(self, case_id: int, case_number: str | None) -> None:
        """Removed in the meantime (another window, an undo); in team mode it may as well be a
        case this person may not see (handed over, or never theirs): the database does not say
        which, so they are offered emergency access."""
        summary = self.list_page.model.summary(case_id)  # as the list showed it, if loaded
        number = case_number or (summary.case_number if summary is not None else None)
        self.list_page.reload()
        if not self.ctx.team_mode:
            self.ctx.dialogs.error(_("This case no longer exists; it may have been removed."))
            return
        from jeugdtool.ui.break_glass import offer_emergency_access

        granted = offer_emergency_access(self.ctx, self, number)
        if granted is not None:
            self._open_granted(granted)

    def emergency_access(self) -> None:
        """Case > Emergency access: a case outside one's case team, on a reason (team mode)."""
        from jeugdtool.ui.break_glass import ask_emergency_access

        granted = ask_emergency_access(self.ctx, self)
        if granted is not None:
            self._open_granted(granted)

    def _open_granted(self, case_id: int) -> None:
        self.list_page.reload()  # the case is in the list now, for as long as access lasts
        self.open_case(case_id)

    def _set_tab_title(self, workspace: CaseWorkspace, title: str) -> None:
        index = self.tabs.indexOf(workspace)
        if index > 0:
            self.tabs.setTabText(index, title)
            self._update_title()

    def current_case_id(self) -> int | None:
        """The case in the current tab, or else the one selected in the list."""
        widget = self.tabs.currentWidget()
        for case_id, workspace in self.workspaces.items():
            if workspace is widget:
                return case_id
        return self.list_page.current_case_id() if widget is self.home else None

    def _open_case_id(self) -> int | None:
        widget = self.tabs.currentWidget()
        return next((i for i, w in self.workspaces.items() if w is widget), None)

    def _close_tab_at(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if index == 0 or widget is None:
            return
        case_id = next(i for i, w in self.workspaces.items() if w is widget)
        del self.workspaces[case_id]
        self.tabs.removeTab(index)
        widget.deleteLater()

    def close_current_tab(self) -> None:
        self._close_tab_at(self.tabs.currentIndex())

    def show_list(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.list_page.view.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.list_page.focus_filter()

    def _on_tab_changed(self) -> None:
        case_id = self._open_case_id()
        if case_id is not None:
            self._last_case = case_id
        self.close_tab_action.setEnabled(case_id is not None)
        self._update_case_actions()
        self._update_title()

    def _update_case_actions(self) -> None:
        """Close, reopen and archive as far as they fit the status of the case in view."""
        workspace = self.workspaces.get(self._open_case_id() or -1)
        household = workspace.household if workspace is not None else None
        for _text, method, statuses in LIFECYCLE:
            fits = household is not None and household.status in statuses
            fits = fits and not self.ctx.read_only
            self.lifecycle_actions[method].setEnabled(fits)
        self.pdf_action.setEnabled(household is not None)
        # After closure only; a PDF, so also from a database that may only be read.
        closed = household is not None and household.status != CaseStatus.OPEN
        self.network_plan_action.setEnabled(closed)
        self.child_voice_action.setEnabled(household is not None)
        self.requests_action.setEnabled(household is not None)
        self.access_request_action.setEnabled(household is not None and not self.ctx.read_only)

    def _update_title(self) -> None:
        title = _("jeugdtool — {database}").format(database=self.ctx.database.location.display)
        if self.ctx.read_only:
            title += " " + read_only.title_suffix()
        index = self.tabs.currentIndex()
        if index > 0:
            title += f" — {self.tabs.tabText(index)}"
        self.setWindowTitle(title)

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches("household") and any(i in self.workspaces for i in changes.cases):
            # After every screen has reloaded: a workspace whose case is gone shows nothing.
            QTimer.singleShot(0, self._close_vanished)

    def _close_vanished(self) -> None:
        for workspace in [w for w in self.workspaces.values() if w.household is None]:
            self._close_tab_at(self.tabs.indexOf(workspace))

    def _on_reloaded(self, total: int) -> None:
        self.home.setCurrentWidget(self.list_page if total else self.welcome)
        self.demo_action.setEnabled(total == 0 and not self.ctx.read_only)
        if not self.workspaces:
            return
        from jeugdtool.cases.case_search import visible_cases

        known = visible_cases(self.ctx.uow, self.workspaces)
        for case_id in [i for i in self.workspaces if i not in known]:  # undone or removed
            self._close_tab_at(self.tabs.indexOf(self.workspaces[case_id]))

    def _reopen_last_case(self) -> None:
        case_id = window_state.last_case(self.ctx.database.location.key)
        if case_id is None:
            return
        from jeugdtool.cases.case_search import case_summary

        if case_summary(self.ctx.uow, case_id) is not None:  # still there, and mine to see
            self.open_case(case_id)

    def _word_undo_texts(self) -> None:
        """Undo and Redo name the change in the words of the case it was made in: "Undo
        start a new draft of the welzijnsplan" for a wellbeing case (ui/case_wording.py does
        this for everything under a case's tab, not for the main window's menus)."""
        stack = self.undo_stack
        # The stack outlives the window but not the program: it says it is empty as it goes.
        if not (isValid(stack) and isValid(self.undo_action) and isValid(self.redo_action)):
            return
        for action, index in (
            (self.undo_action, stack.index() - 1),
            (self.redo_action, stack.index()),
        ):
            command = stack.command(index) if 0 <= index < stack.count() else None
            workspace = self.workspaces.get(getattr(command, "case_id", None) or -1)
            household = workspace.household if workspace is not None else None
            if household is not None:
                from jeugdtool.framework.wording import for_mode

                worded = for_mode(action.text(), household.mode)
                if worded != action.text():
                    action.setText(worded)

    def _lifecycle(self, method: str) -> None:
        workspace = self.workspaces.get(self._open_case_id() or -1)
        if workspace is not None:
            getattr(workspace, method)()

    # ---- File and Help ----------------------------------------------------------------

    def new_case(self) -> None:
        from jeugdtool.ui.new_case import create_case_interactively

        case = create_case_interactively(self.ctx, self)
        if case is not None:
            self.open_case(case.id)

    def import_case(self) -> None:
        from jeugdtool.ui import case_files

        case_files.import_case_file(self.ctx, self, on_done=lambda case: self.open_case(case.id))

    def export_case(self) -> None:
        case_id = self.current_case_id()
        if case_id is None:
            self.ctx.dialogs.info(_("Select the case to export in the list first."))
            return
        from jeugdtool.ui import case_files

        case_files.export_case_file(self.ctx, case_id)

    def export_pdf(self) -> None:
        case_id = self._open_case_id()
        if case_id is not None:
            from jeugdtool.ui.export.pdf_dialog import open_export_dialog

            open_export_dialog(self.ctx, case_id, self)

    def export_pdfs(self) -> None:
        from jeugdtool.ui.export.batch_dialog import open_batch_dialog

        open_batch_dialog(self.ctx, self, self.current_case_id())

    def load_demo(self) -> None:
        from jeugdtool.ui import case_files

        case_files.load_demo(self.ctx, self)

    def open_database(self) -> None:
        path = self.ctx.dialogs.open_file(
            _("Open another database"),
            "{} (*.sqlite *.db);;{} (*)".format(_("jeugdtool databases"), _("All files")),
        )
        if path:
            self.open_database_requested.emit(path)

    def lock(self) -> None:
        """File > Lock: hide the cases now, until the passphrase or password is given."""
        if self.attached:
            self.auto_lock.lock()

    def show_settings(self) -> None:
        from jeugdtool.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def show_zrm_library(self) -> None:
        """The ZRM matrices in use, and importing a licensed descriptor file."""
        from jeugdtool.ui.zrm.import_dialog import open_library_dialog

        open_library_dialog(self.ctx, self)

    def show_meetings(self) -> None:
        """The meetings window, beside the cases (one; a second call brings it forward)."""
        from jeugdtool.ui.meetings import open_meetings

        open_meetings(self.ctx, self)

    # ---- Team -------------------------------------------------------------------------

    def _enable_role_actions(self) -> None:
        """The Team menu by role: the caseload for team leaders, the access log for privacy
        officers, administration for administrators of a team database. In single-user mode
        the consultant holds every role, and a file has no users to administer."""
        from jeugdtool.store.roles import StaffRole

        member = self.ctx.staff
        self.caseload_action.setEnabled(member.has(StaffRole.TEAM_LEADER))
        self.access_log_action.setEnabled(member.has(StaffRole.PRIVACY_OFFICER))
        self.admin_action.setEnabled(member.team_mode and member.has(StaffRole.ADMINISTRATOR))
        self.destroy_action.setEnabled(
            member.has(StaffRole.PRIVACY_OFFICER) and not self.ctx.read_only
        )

    def show_results(self, team_id: int | None = None) -> None:
        """The dashboard of outcome indicators and production figures (`team_id`: that team's)."""
        from jeugdtool.ui.dashboard import open_dashboard

        open_dashboard(self.ctx, self, open_case=self.open_case, team_id=team_id)

    def show_review_queue(self) -> None:
        """The finalised plans waiting for a reviewer (toetsing), oldest due first."""
        from jeugdtool.ui.review_queue import open_review_queue

        open_review_queue(self.ctx, self, self.open_case)

    def _show_waiting_reviews(self) -> None:
        """At the start, a reviewer or team leader of a team database with plans waiting sees
        the review queue. The queue's window (and the plan dialogs it imports) is loaded only
        then, so the case list paints first."""
        from jeugdtool.framework.plan_approval import queue_at_start

        if queue_at_start(self.ctx.uow, self.ctx.staff):
            self.show_review_queue()

    def show_caseload(self) -> None:
        """Per consultant of my teams their cases, plans, reviews and follow-ups."""
        from jeugdtool.ui.caseload import CaseloadWindow

        CaseloadWindow.show_one(self.ctx, self, open_case=self.open_case)

    def show_access_log(self) -> None:
        from jeugdtool.ui.access_log_window import AccessLogWindow

        AccessLogWindow.show_one(self.ctx, self)

    def show_retention(self) -> None:
        """The closed cases whose retention date has passed or is near."""
        from jeugdtool.ui.retention_dialog import open_retention

        open_retention(self.ctx, self, self.open_case)

    def show_requests(self) -> None:
        """The family's requests about the file of the case in view (access, correction,
        destruction), with their deadlines."""
        from jeugdtool.ui.workspace.privacy_requests import open_privacy_requests

        open_privacy_requests(self.ctx, self, self._open_case_id())

    def access_request(self) -> None:
        """What the family receives when it asks to see its file: the PDF dossier and the case
        file, with data about others left out after review."""
        from jeugdtool.ui.export.access_request_dialog import open_access_request

        open_access_request(self.ctx, self, self._open_case_id())

    def destroy_case(self) -> None:
        """Destroy a closed case for good (the one in view, or a number typed in the dialog)."""
        from jeugdtool.ui.destroy_dialog import open_destroy

        open_destroy(self.ctx, self, self.current_case_id())

    def show_administration(self) -> None:
        from jeugdtool.ui.admin_window import AdminWindow

        AdminWindow.show_one(self.ctx, self)

    def show_about(self) -> None:
        """Version, licence (EUPL-1.2), third-party notices and Qt's About."""
        from jeugdtool.ui.help_window import show_about

        show_about(self.ctx.database.location.display if self.attached else None, self)

    def show_manual(self) -> None:
        """F1: the manual at the page about what is on screen (the case list, a case's page)."""
        from jeugdtool.ui.help_window import open_manual
        from jeugdtool.ui.help_window import topic_of

        open_manual(self, topic_of(self._screen_in_view()))

    def show_keyboard_map(self) -> None:
        from jeugdtool import manual

        from jeugdtool.ui.help_window import open_manual

        open_manual(self, manual.KEYBOARD)

    def _screen_in_view(self) -> QWidget | None:
        """The widget F1 explains: the focused one when it is on the current tab, else that
        tab's page (a case's page list sits beside its pages, so it names the page shown)."""
        if not self.attached:
            return self.focusWidget()
        tab = self.tabs.currentWidget()
        focus = self.focusWidget()
        workspace = self.workspaces.get(self._open_case_id() or -1)
        if workspace is not None:
            page = workspace.stack.currentWidget()
            inside = focus is not None and page is not None and page.isAncestorOf(focus)
            return focus if inside else getattr(page, "page", None) or page
        if tab is self.home:
            return self.home.currentWidget()
        return focus

    # ---- keyboard and closing ---------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc reaches the window only when no field or editor used it: back to the list.
        if self.attached and event.key() == Qt.Key.Key_Escape and self.tabs.currentIndex() > 0:
            self.show_list()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.attached and not self._may_close_with_pending():
            event.ignore()
            return
        window_state.save_window(self)
        if not self.attached:  # closed while the database was still being opened
            super().closeEvent(event)
            return
        last = self._open_case_id() or self._last_case
        window_state.save_last_case(
            self.ctx.database.location.key, last if last in self.workspaces else None
        )
        super().closeEvent(event)
