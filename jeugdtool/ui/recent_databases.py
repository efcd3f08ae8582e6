"""File > Recent databases: the database files opened lately, newest first.

The list lives in the settings (Settings.recent_databases; app.remember_database keeps it) and
is read each time the menu opens, so a file opened in another window shows up and a file that
has gone does not. Only SQLite files are listed: a server URL may hold a password, and a team
works on one server that --db or JEUGDTOOL_DB names anyway.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QWidget

from jeugdtool import settings as settings_file
from jeugdtool.i18n import _

#: The widest an entry gets (pixels); a longer path loses its middle ("…").
ENTRY_WIDTH = 560


class RecentDatabasesMenu(QMenu):
    """The submenu; choosing an entry emits `chosen` with its path, like "Open another"."""

    #: The path of the database file chosen.
    chosen = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(_("&Recent databases"), parent)
        #: The database open in this window (not offered: it is open already).
        self.current: str | None = None
        self.aboutToShow.connect(self.refill)

    def refill(self) -> None:
        self.clear()
        files = [p for p in settings_file.load().recent_files() if not self._is_current(p)]
        for number, path in enumerate(files, start=1):
            self.addAction(self._entry(number, path))
        if not files:
            empty = self.addAction(_("No other databases opened lately"))
            empty.setEnabled(False)
        self.addSeparator()
        clear = self.addAction(_("&Clear list"))
        clear.setEnabled(bool(settings_file.load().recent_databases))
        clear.triggered.connect(self.clear_list)

    def _entry(self, number: int, path: str) -> QAction:
        shown = self.fontMetrics().elidedText(path, Qt.TextElideMode.ElideMiddle, ENTRY_WIDTH)
        # A digit as mnemonic for the first nine; "&" in a path is no mnemonic.
        label = f"&{number}  {shown.replace('&', '&&')}"
        action = QAction(label, self)
        action.setToolTip(path)
        action.setStatusTip(path)
        action.triggered.connect(lambda _checked=False, p=path: self.chosen.emit(p))
        return action

    def _is_current(self, path: str) -> bool:
        if self.current is None:
            return False
        return Path(path).resolve() == Path(self.current).resolve()

    def clear_list(self) -> None:
        """Forget the list (the files stay; start-up still opens the last one)."""
        settings_file.save(settings_file.load().without_recent_databases())
