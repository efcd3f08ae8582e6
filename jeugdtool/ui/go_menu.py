"""The pages of the case in view at the end of the View menu, each with its key (Ctrl+1 …
Ctrl+0, Ctrl+Shift+K, Ctrl+Shift+B), so the keys can be found without hovering over the page
list. The pages are named in the words of the case in view ("Welzijnsplan")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QActionGroup
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from jeugdtool.i18n import _

if TYPE_CHECKING:
    from jeugdtool.ui.workspace import CaseWorkspace


class PageSection:
    """The part of `menu` below its last separator: rebuilt each time the menu opens."""

    def __init__(self, menu: QMenu):
        self.menu = menu
        menu.addSeparator()
        self.actions: list[QAction] = []
        self.group = QActionGroup(menu)  # the page shown has a mark

    def fill(self, workspace: CaseWorkspace | None) -> None:
        """One entry per page of `workspace` ("1 Overview  Ctrl+1"); without an open case, a
        line that says where the pages are."""
        for action in self.actions:
            self.menu.removeAction(action)
            self.group.removeAction(action)
            action.deleteLater()
        self.actions = []
        if workspace is None:
            hint = QAction(_("Pages of a case: open a case (then Ctrl+1 to Ctrl+0)"), self.menu)
            hint.setEnabled(False)
            self._add(hint)
            return
        # Here, not at the top: the window is painted before the case pages (and the data
        # layer under them) are imported.
        from jeugdtool.framework.wording import for_mode

        from jeugdtool.ui.workspace.workspace import page_key

        # The menu is the main window's, not under the case's tab: worded here for the case
        # in view ("Welzijnsplan"), whether or not its page list was already.
        household = workspace.household
        current = workspace.nav.currentRow()
        for row in range(workspace.nav.count()):
            label = workspace.nav.item(row).text()
            if household is not None:
                label = for_mode(label, household.mode)
            label = label.replace("&", "&&")
            # The digit of its key is its letter here; the page past the digits has none.
            digit = page_key(row).removeprefix("Ctrl+")
            text = f"&{digit}  {label}" if digit.isdigit() else label
            action = QAction(text, self.menu)
            action.setShortcut(QKeySequence(page_key(row)))
            # Shown here, handled by the case's own shortcut; active only while the menu is
            # open, so the two never make the key ambiguous.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setCheckable(True)
            action.setChecked(row == current)
            self.group.addAction(action)
            action.triggered.connect(lambda _checked=False, r=row: workspace.show_page(r))
            self._add(action)

    def _add(self, action: QAction) -> None:
        self.menu.addAction(action)
        self.actions.append(action)
