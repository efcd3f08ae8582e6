"""Windows of their own beside the main window: meetings, caseload, access log, administration.

Each is one per main window (asked again, the open one comes to the front), keeps its place on
the screen between runs (made to fit a smaller screen than it was left on), follows the
program's changes while it is open, and saves the field being typed in when it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import ClassVar
from typing import Self

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.window_state import restore_within_screen
from jeugdtool.ui.window_state import ui_settings


class SideWindow(QMainWindow):
    """Subclasses name `place_key` and `preferred_size`, build themselves, then call
    `restore_place()` last in `__init__`; they react to changes in `_on_changed`."""

    #: Where the window's place is kept in the settings ("caseload" keeps "caseload/geometry").
    place_key: ClassVar[str]
    #: Its size the first time (fitted to the screen).
    preferred_size: ClassVar[QSize]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ctx.signals.changed.connect(self._on_changed)

    def _on_changed(self, changes: ChangeSet) -> None:
        """Another window changed something; show what concerns this one."""

    def restore_place(self) -> None:
        restore_within_screen(self, f"{self.place_key}/geometry", self.preferred_size)

    def closeEvent(self, event: QCloseEvent) -> None:
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()  # a field being typed in saves as it is left
        store = ui_settings()
        store.setValue(f"{self.place_key}/geometry", self.saveGeometry())
        store.sync()
        self.ctx.signals.changed.disconnect(self._on_changed)
        super().closeEvent(event)

    @classmethod
    def show_one(cls, ctx: AppContext, parent: QWidget | None = None, **options: Any) -> Self:
        """Show this window: the one already open for `parent` raised, else a new one (made
        with `options`)."""
        open_ones = parent.findChildren(cls) if parent is not None else []
        window = next((w for w in open_ones if w.isVisible()), None)
        if window is None:
            window = cls(ctx, parent, **options)
        window.show()
        window.raise_()
        window.activateWindow()
        return window


class CaseListWindow(SideWindow):
    """A side window listing cases (the caseload, the review queue): `case_activated` opens
    one in the main window; it reads its rows again (`reload`) once after a burst of changes
    to the `reload_on` entities. Subclasses name `title` (a msgid) and build in `_build`."""

    #: The window's title (translated when shown).
    title: ClassVar[str]
    #: The entities whose changes alter the list.
    reload_on: ClassVar[tuple[str, ...]]

    #: Open this case in the main window.
    case_activated = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        open_case: Callable[[int], None] | None = None,
    ):
        """`open_case`: opens a case chosen here (in the main window)."""
        super().__init__(ctx, parent)
        if open_case is not None:
            self.case_activated.connect(open_case)
        self._open_case = open_case
        self.setWindowTitle(_(self.title))
        self._build()
        self._reload_soon = QTimer(self, singleShot=True, interval=0)
        self._reload_soon.timeout.connect(self.reload)
        self.reload()
        self.restore_place()

    def _build(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches(*self.reload_on):
            self._reload_soon.start()  # once, after a burst of changes
