"""The case's "Meldcode" page: three tabs — the meldcode records with their five steps, the
Veilig Thuis contacts, and the verwijsindex signals — and the way other pages open it
(`open_meldcode_page`, used by the map's "Start meldcode…")."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meldcode.meldcode_tab import MeldcodeTab
from jeugdtool.ui.workspace.lazy import LazyPage

MELDCODE, VEILIG_THUIS, VERWIJSINDEX = range(3)


def _veilig_thuis_tab(ctx: AppContext, case_id: int, parent: QWidget) -> QWidget:
    try:
        from jeugdtool.ui.meldcode.veilig_thuis_tab import VeiligThuisTab
    except ImportError:  # not built yet (ui-signals' part): an empty tab, not a copy
        return QWidget(parent)
    return VeiligThuisTab(ctx, case_id, parent)


def _verwijsindex_tab(ctx: AppContext, case_id: int, parent: QWidget) -> QWidget:
    try:
        from jeugdtool.ui.meldcode.verwijsindex_tab import VerwijsindexTab
    except ImportError:  # not built yet (ui-signals' part): an empty tab, not a copy
        return QWidget(parent)
    return VerwijsindexTab(ctx, case_id, parent)


class MeldcodePage(QWidget):
    """`(ctx, case_id, parent)`: each tab loads when first shown."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MeldcodePage")
        self.ctx, self.case_id = ctx, case_id
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.meldcode = MeldcodeTab(ctx, case_id, self.tabs)
        self.veilig_thuis = _veilig_thuis_tab(ctx, case_id, self.tabs)
        self.verwijsindex = _verwijsindex_tab(ctx, case_id, self.tabs)
        self.tabs.addTab(self.meldcode, _("Meldcode"))
        self.tabs.addTab(self.veilig_thuis, _("Veilig Thuis"))
        self.tabs.addTab(self.verwijsindex, _("Verwijsindex"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.meldcode)

    def start_record(self, preselect: str | None = None) -> QWidget | None:
        """Show the meldcode tab and start a record there (`preselect`: a lineage ticked)."""
        self.tabs.setCurrentIndex(MELDCODE)
        return self.meldcode.start_record(preselect)


def open_meldcode_page(widget: QWidget) -> MeldcodePage | None:
    """Show the Meldcode page of the case `widget` is on, and return it (None when `widget` is
    not on a case's pages). The workspace names its pages; this finds ours by its class, so
    the pages can be registered in any order and with any key."""
    workspace = _workspace_of(widget)
    if workspace is None:
        return None
    stack: QStackedWidget = workspace.stack
    built = workspace.findChild(MeldcodePage)
    order = list(range(stack.count()))
    if built is None:  # build the lazy pages last first: the meldcode page is a late one
        for row in reversed(order):
            page = stack.widget(row)
            unbuilt = isinstance(page, LazyPage) and page.page is None
            if unbuilt and isinstance(page.ensure_built(), MeldcodePage):
                break
        built = workspace.findChild(MeldcodePage)
    if built is None:
        return None
    row = next(r for r in order if stack.widget(r).isAncestorOf(built) or stack.widget(r) is built)
    workspace.show_page(row)
    return built


def _workspace_of(widget: QWidget) -> QWidget | None:
    """The nearest ancestor with a page stack and `show_page` (the case workspace)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(getattr(parent, "stack", None), QStackedWidget) and hasattr(
            parent, "show_page"
        ):
            return parent
        parent = parent.parentWidget()
    return None
