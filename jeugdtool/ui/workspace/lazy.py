"""A page that builds its real widget the first time it is shown.

Opening a case builds only the overview; the map, statements and scale pages (with their charts
and queries) are made when the consultant first goes there, so a case opens at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget


class LazyPage(QWidget):
    def __init__(self, build: Callable[[QWidget], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build = build
        self.page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.page is None:
            self.page = self._build(self)
            self.layout().addWidget(self.page)
        return self.page

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()
        super().showEvent(event)

    def setFocus(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        # With the reason Qt's own setFocus takes (the auto-lock gives the focus back so).
        self.ensure_built().setFocus(reason)
