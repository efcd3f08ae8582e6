"""A page that builds its real widget the first time it is shown.

Opening a case builds only the page shown: the map, statements and scale pages (with their
charts and queries) are made when the consultant first goes there, so a case opens at once.

The overview is the first page of every case, but a case opened to another page (the go-menu,
a link to the ZRM) passes it by: `defer=True` builds it on the next turn of the event loop,
before the window is painted, and only if it is still the page shown then.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import NotFound


class LazyPage(QWidget):
    def __init__(
        self,
        build: Callable[[QWidget], QWidget],
        parent: QWidget | None = None,
        *,
        defer: bool = False,
    ):
        super().__init__(parent)
        self._build = build
        self._defer = defer
        self._scheduled = False
        self.page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self.page is not None

    def ensure_built(self) -> QWidget:
        """The page, built now if it was not yet (and shown at once if this is on screen)."""
        if self.page is None:
            self._make()
            if self.isVisible():
                self.page.show()
        assert self.page is not None
        return self.page

    def _make(self) -> None:
        self.page = self._build(self)
        self.layout().addWidget(self.page)  # shown just after, when this is being shown
        # The focus given to this page goes to the real one (Qt gives it also where it does
        # not call `setFocus` below: the stack showing a page, the F1 help asking what is in
        # front).
        self.setFocusProxy(self.page)

    def showEvent(self, event: QShowEvent) -> None:
        if self.page is None and not self._defer:
            self._make()
        super().showEvent(event)
        if self.page is None and self._defer and not self._scheduled:
            # A posted call runs before the (low priority) paint it would otherwise miss.
            self._scheduled = True
            QTimer.singleShot(0, self, self._build_if_seen)

    def _build_if_seen(self) -> None:
        self._scheduled = False
        if self.isVisible() and self.page is None:
            # The case may have gone before this turn came (destroyed, or no longer to be
            # seen): then nothing is built, and its tab is closed by whoever removed it.
            with contextlib.suppress(NotFound):
                self.ensure_built()  # shown at once, not queued: the coming paint shows it

    def setFocus(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        # With the reason Qt's own setFocus takes (the auto-lock gives the focus back so).
        self.ensure_built().setFocus(reason)
