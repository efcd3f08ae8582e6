"""One case on screen: a page list on the left (Ctrl+1…Ctrl+9, Ctrl+0, Ctrl+Shift+K,
Ctrl+Shift+B, Ctrl+Shift+S), the pages on the right."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui import commands as c
from jeugdtool.ui.case_wording import follow
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import told_head
from jeugdtool.ui.workspace.history import HistoryPage
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import style_badge
from jeugdtool.ui.workspace.lazy import LazyPage
from jeugdtool.ui.workspace.overview import OverviewPage

(
    OVERVIEW,
    FRAMEWORK,
    STATEMENTS,
    SCALE,
    SAFETY_PLAN,
    ZRM,
    HISTORY,
    DISCLOSURES,
    HELP,
    JOURNAL,
    MELDCODE,
    NETWORK,
    CHILD_VOICE,
) = range(13)

#: The meldcode page's key: past the digits, a letter no window uses (K: kindveiligheid). The
#: Shift+digit keys are not used: they give another character on most keyboard layouts.
MELDCODE_KEY = "Ctrl+Shift+K"
#: The network meetings page's key (B: netwerkberaad; N is the ZRM page's new assessment).
NETWORK_KEY = "Ctrl+Shift+B"
#: The child's voice page's key (S: stem van het kind).
CHILD_VOICE_KEY = "Ctrl+Shift+S"


#: What the case as the workspace reads it (`queries.get_case`: the household, its members and
#: network, the case manager), and who may change it, is made of: the workspace reads the case
#: again only when one of these changed (or its case is not open: the banner shows its closing).
CASE_ENTITIES = (
    "household",
    "person",
    "network_member",
    "case_coworker",
    "case_handover",
    "team",
    "team_member",
    "staff_role",
)
#: What changes more of the case than its head (`reload(household_only=True)` for the rest).
_BEYOND_THE_HOUSEHOLD = tuple(e for e in CASE_ENTITIES if e != "household")
#: Changes that may touch every case (a colleague's name as case manager).
EVERY_CASE = ("consultant",)


def page_key(row: int) -> str:
    """The key that shows the page at `row`: Ctrl+1 … Ctrl+9, Ctrl+0 for the tenth, then the
    meldcode's, the network meetings' and the child's voice's own."""
    if row < 9:
        return f"Ctrl+{row + 1}"
    return {9: "Ctrl+0", MELDCODE: MELDCODE_KEY, CHILD_VOICE: CHILD_VOICE_KEY}.get(row, NETWORK_KEY)


BANNER_STYLE = (
    "#closedBanner { background: #fff3e0; border: 1px solid #e0a050;"
    " border-radius: 4px; } #closedBanner QLabel { color: #5d3a00; }"
)


class CaseWorkspace(QWidget):
    #: "2026-0012 Gezin Jansen", whenever the number or name changes.
    title_changed = Signal(str)
    #: The HouseholdDTO after every reload (the main window enables its Case menu from it).
    household_changed = Signal(object)

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._case_id = case_id
        self.detail: CaseDetail | None = None
        self._title = ""
        self.nav = QListWidget(self)
        self.stack = QStackedWidget(self)
        # Built when first shown, not on the way to another page (a case opened to its map).
        self.overview_page = LazyPage(self._build_overview, defer=True)
        self.title = heading("", self, scale=1.5)
        self.badge = QLabel(self)
        self.subtitle = QLabel(self)
        self.banner = QFrame(self)
        self.banner_text = QLabel(self.banner)
        # A letter no page of a closed case uses (the Case menu's is taken on the plan or ZRM).
        self.reopen_button = QPushButton(_("Re&open case"), self.banner)
        # No Alt+letter: each is taken on some page; the Case menu item is the keyboard's way.
        self.experience_button = QPushButton(_("Family's experience…"), self.banner)
        self.network_plan_button = QPushButton(_("Network's plan (PDF)…"), self.banner)
        # Asks the kindcheck right after a change raised one (a ZRM, a worry about an adult).
        # Imported here: the dialog's module uses the workspace's widgets (a cycle at the top).
        from jeugdtool.ui.journal.kindcheck_dialog import KindcheckBar

        self.kindcheck_bar = KindcheckBar(ctx, case_id, self)
        self._build()
        self.reopen_button.clicked.connect(self.reopen_case)
        self.experience_button.clicked.connect(self.record_experience)
        self.network_plan_button.clicked.connect(self.network_plan_pdf)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        ctx.signals.changed.connect(self._on_changed)
        self.reload()

    @property
    def case_id(self) -> int:
        return self._case_id

    @property
    def household(self) -> HouseholdDTO | None:
        return self.detail.household if self.detail else None

    @property
    def overview(self) -> OverviewPage:
        """The overview page, built now if it was not yet."""
        page = self.overview_page.ensure_built()
        assert isinstance(page, OverviewPage)
        return page

    @property
    def history(self) -> HistoryPage:
        """The history page, built now if it was not yet (it loads when first shown)."""
        page = self.history_page.ensure_built()
        assert isinstance(page, HistoryPage)
        return page

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.framework = LazyPage(self._build_framework)
        self.statements = LazyPage(self._build_statements)
        self.scale = LazyPage(self._build_scale)
        self.plan = LazyPage(self._build_plan)
        self.zrm = LazyPage(self._build_zrm)
        self.history_page = LazyPage(self._build_history)
        self.disclosures = LazyPage(self._build_disclosures)
        self.help_deployed = LazyPage(self._build_help)
        self.journal = LazyPage(self._build_journal)
        self.meldcode = LazyPage(self._build_meldcode)
        self.network = LazyPage(self._build_network)
        self.child_voice = LazyPage(self._build_child_voice)
        pages = [
            (_("Overview"), self.overview_page),
            (_("Mapping"), self.framework),
            (_("Danger and goals"), self.statements),
            (_("Scale"), self.scale),
            (_("Safety plan"), self.plan),
            (_("ZRM"), self.zrm),
            (_("History"), self.history_page),
            (_("Disclosures"), self.disclosures),
            (_("Help deployed"), self.help_deployed),
            (_("Journal"), self.journal),
            (_("Meldcode"), self.meldcode),
            (_("Network meetings"), self.network),
            (_("Child's voice"), self.child_voice),
        ]
        for row, (label, page) in enumerate(pages):
            self.nav.addItem(label)
            self.nav.item(row).setToolTip(page_key(row))
            self.stack.addWidget(page)
            shortcut = QShortcut(QKeySequence(page_key(row)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda row=row: self.show_page(row))
        self.nav.setAccessibleName(_("Parts of the case"))
        self.nav.setStyleSheet(
            "QListWidget { border: none; border-right: 1px solid palette(mid);"
            " background: palette(base); padding-top: 8px; }"
            " QListWidget::item { padding: 7px 14px; }"
        )
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 36))
        self.nav.setCurrentRow(OVERVIEW)
        self._build_banner()
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.title)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addStretch(1)
        header.addWidget(self.subtitle)
        right = QVBoxLayout()
        right.setContentsMargins(16, 10, 16, 0)
        right.addLayout(header)
        right.addWidget(self.banner)
        right.addWidget(self.kindcheck_bar)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        content.addLayout(right)
        content.addWidget(self.stack, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addLayout(content, 1)

    def _build_banner(self) -> None:
        self.banner.setObjectName("closedBanner")
        self.banner_text.setWordWrap(True)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.experience_button)
        row.addWidget(self.network_plan_button)
        row.addWidget(self.reopen_button)
        self.banner.hide()

    def _build_overview(self, parent: QWidget) -> QWidget:
        page = OverviewPage(self.ctx, self._case_id, parent)
        page.scale.open_requested.connect(lambda: self.show_page(SCALE))
        page.zrm.open_requested.connect(lambda: self.show_page(ZRM))
        page.plan_status.open_requested.connect(lambda: self.show_page(SAFETY_PLAN))
        page.contacts.open_requested.connect(lambda: self.show_page(JOURNAL))
        page.meldcode.open_requested.connect(lambda: self.show_page(MELDCODE))
        if self.detail is not None:
            page.show_detail(self.detail)
        return page

    def _build_framework(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.workspace.framework_area import FrameworkArea

        # The case as read here (it reads again before its pages on every change).
        area = FrameworkArea(self.ctx, self._case_id, parent, case_detail=lambda: self.detail)
        pages = {"statements": STATEMENTS, "scale": SCALE, "plan": SAFETY_PLAN}
        area.page_requested.connect(lambda name: self.show_page(pages[name]))
        return area

    def _build_statements(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.framework.statements_page import StatementsPage

        page = StatementsPage(self.ctx, self._case_id, parent)
        page.start_moment_requested.connect(self.start_first_moment)
        return page

    def _build_scale(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.framework.scale_page import ScalePage

        return ScalePage(self.ctx, self._case_id, parent)

    def _build_plan(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.plan.plan_page import PlanPage

        return PlanPage(self.ctx, self._case_id, parent)

    def _build_history(self, parent: QWidget) -> QWidget:
        page = HistoryPage(self.ctx, self._case_id, parent)
        page.detail = self.detail  # it reads the trail when shown (it starts stale)
        return page

    def _build_disclosures(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.workspace.disclosures import DisclosuresPage

        return DisclosuresPage(self.ctx, self._case_id, parent)

    def _build_help(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.help.page import HelpPage

        return HelpPage(self.ctx, self._case_id, parent)

    def _build_journal(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.journal.page import JournalPage

        return JournalPage(self.ctx, self._case_id, parent)

    def _build_meldcode(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.meldcode.page import MeldcodePage

        return MeldcodePage(self.ctx, self._case_id, parent)

    def _build_network(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.network.page import NetworkMeetingsPage

        return NetworkMeetingsPage(self.ctx, self._case_id, parent)

    def _build_child_voice(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.child.page import ChildVoicePage

        return ChildVoicePage(self.ctx, self._case_id, parent)

    def _build_zrm(self, parent: QWidget) -> QWidget:
        from jeugdtool.ui.zrm.page import ZrmPage

        # The case as the workspace read it (it reloads before its pages on every change).
        return ZrmPage(self.ctx, self._case_id, parent, case_detail=lambda: self.detail)

    def start_first_moment(self) -> None:
        """From a page that needs a mapping moment: go to the map, which starts one."""
        self.show_page(FRAMEWORK)
        area = self.framework.ensure_built()
        area.map.start_new_moment()

    def show_journal_about(self, target: str, label: str = "") -> None:
        """The journal, showing only the entries about `target` ("kind:key", e.g. a meldcode
        step), for pages that link to what was written about their parts."""
        self.show_page(JOURNAL)
        self.journal.ensure_built().show_about(target, label)

    def show_page(self, row: int) -> None:
        self.nav.setCurrentRow(row)
        self.stack.currentWidget().setFocus()

    # ---- showing -------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches(*EVERY_CASE):
            self.reload()
        elif changes.touches_case(self._case_id):
            detail = self.detail
            if detail is None or detail.household.status != CaseStatus.OPEN:
                self.reload()  # a closed case's banner also shows its closing
            elif changes.touches(*_BEYOND_THE_HOUSEHOLD):
                self.reload()
            elif changes.touches("household"):
                # A name, a date: not its members again; its head as saved when told.
                self.reload(household_only=True, head=told_head(self.ctx, self._case_id, changes))
            else:
                # A ZRM level, a map item: the case's head stays as read. The history lists
                # every change: it reads again when next seen (a page not built yet reads
                # when first shown).
                self._history_follows(detail)

    def reload(self, household_only: bool = False, head: HouseholdDTO | None = None) -> None:
        """Read the case again (`household_only`: only its head — `head` when it is known as
        stored — its members and network as they were read)."""
        try:
            if household_only and self.detail is not None:
                if head is None:
                    head = queries.get_household(self.ctx.uow, self._case_id)
                detail = replace(self.detail, household=head)
            else:
                detail = queries.get_case(self.ctx.uow, self._case_id)
        except NotFound:
            self._show_gone()
            return
        self.detail = detail
        if self.overview_page.built:
            self.overview.set_detail(detail)
        self._history_follows(detail)
        self._show_household(detail.household)
        self.household_changed.emit(detail.household)

    def _history_follows(self, detail: CaseDetail) -> None:
        if self.history_page.built:
            self.history.set_detail(detail)

    def _show_household(self, h: HouseholdDTO) -> None:
        # Every page and dialog of a wellbeing case in its words ("welzijnsplan").
        follow(self, h.mode)
        title = f"{h.case_number} {h.name}"
        self.title.setText(title)
        style_badge(self.badge, h.status)
        manager = h.case_manager_name or _("no case manager yet")
        self.subtitle.setText(
            _("{mode} · case manager: {manager}").format(mode=h.mode.label, manager=manager)
        )
        self._show_banner(h)
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)

    def _show_banner(self, h: HouseholdDTO) -> None:
        """A closed case says so above its pages, with its closing's summary."""
        if h.status == CaseStatus.OPEN:
            self.banner.hide()
            return
        from jeugdtool.ui.closing.experience_dialog import last_closing
        from jeugdtool.ui.closing.summary import fill_banner

        hint = self.ctx.locked_note(_("To change anything, reopen the case first."))
        fill_banner(self.banner_text, h, last_closing(self.ctx, self._case_id), hint)
        self.reopen_button.setVisible(not self.ctx.read_only)
        self.experience_button.setVisible(h.status == CaseStatus.CLOSED and not self.ctx.read_only)
        self.network_plan_button.show()  # a PDF: also from a database that may only be read
        self._show_the_banner()

    def _show_the_banner(self) -> None:
        # Styled when first shown: an open case never shows it, and a style sheet costs time
        # on every open.
        if not self.banner.styleSheet():
            self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.show()

    def _show_gone(self) -> None:
        self.detail = None
        self.banner_text.setText(_("This case no longer exists; it may have been removed."))
        self.reopen_button.hide()
        self.experience_button.hide()
        self.network_plan_button.hide()
        self._show_the_banner()
        self.stack.setEnabled(False)

    # ---- lifecycle (the main window's Case menu) ------------------------------------------

    def close_case(self) -> bool:
        """Ask what the closing records (ui/closing), close the case; undoable. True when
        closed."""
        if not self._require(CaseStatus.OPEN, _("This case is already closed.")):
            return False
        from jeugdtool.ui.closing.closing_dialog import close_interactively

        return close_interactively(self.ctx, self, self._case_id)

    def reopen_case(self) -> bool:
        """Ask since when help starts again, reopen the case; undoable. True when reopened."""
        if self.household is None or self.household.status == CaseStatus.OPEN:
            self.ctx.dialogs.info(_("This case is already open."))
            return False
        from jeugdtool.ui.closing.reopen_dialog import reopen_interactively

        return reopen_interactively(self.ctx, self, self._case_id, self.household.closed_on)

    def record_experience(self) -> bool:
        """The family's experience at the closing (Case menu, banner); True when saved."""
        if not self._require(CaseStatus.CLOSED, _("Close the case first.")):
            return False
        from jeugdtool.ui.closing.experience_dialog import record_experience

        return record_experience(self.ctx, self, self._case_id)

    def network_plan_pdf(self) -> Path | None:
        """The network's plan after closure as PDF (Case menu, banner): the file, or None."""
        h = self.household
        if h is None or h.status == CaseStatus.OPEN:
            self.ctx.dialogs.info(_("Close the case first."))
            return None
        from jeugdtool.ui.closing.network_plan import save_network_plan

        return save_network_plan(self.ctx, self._case_id)

    def child_voice_pdf(self) -> Path | None:
        """A child's own PDF (Case menu): the child's voice page, for the child chosen there."""
        self.show_page(CHILD_VOICE)
        return self.child_voice.ensure_built().save_pdf()

    def archive_case(self) -> bool:
        """Archive after a confirmation; an open case is closed first (with a reason)."""
        h = self.household
        if h is None or h.status == CaseStatus.ARCHIVED:
            self.ctx.dialogs.info(_("This case is already archived."))
            return False
        question = _(
            "Archive case {title}?\nAn archived case is kept for the record and can "
            "be reopened later."
        ).format(title=self._title)
        if not self.ctx.dialogs.confirm(question, _("Archive case")):
            return False
        if h.status == CaseStatus.OPEN and not self.close_case():
            return False
        return self._run(c.LifecycleCommand(self.ctx, self._case_id, "archive"))

    def _require(self, status: CaseStatus, otherwise: str) -> bool:
        if self.household is not None and self.household.status == status:
            return True
        self.ctx.dialogs.info(otherwise)
        return False

    def _run(self, command: c.ServiceCommand) -> bool:
        return c.run_command(self.ctx, self._case_id, command)
