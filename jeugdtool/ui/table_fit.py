"""Tables of word-wrapped rows that fit their page: rows as tall as their text (up to a number
of lines), the table as tall as its rows (up to a height), so the page scrolls, not the table."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView

from jeugdtool.ui.workspace.member_section import MemberSection


class RowFitter(QObject):
    """Fits `section`'s table: `widths(viewport_width)` gives the widths of the columns that
    do not stretch (the model's `STRETCH` column takes the rest); rows are as tall as their
    text, at most `max_row_lines` lines (None: no limit), and the table as tall as its rows,
    at most `max_height` pixels.

    Row heights depend on the column widths, so they are measured again when the table's width
    changes.
    """

    def __init__(
        self,
        section: MemberSection,
        widths: Callable[[int], Mapping[int, int]],
        max_height: int,
        max_row_lines: int | None = None,
    ):
        super().__init__(section)
        self.section, self.widths = section, widths
        self.max_height, self.max_row_lines = max_height, max_row_lines
        self._width = -1
        table = section.table
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = table.horizontalHeader()
        for column in range(section.model.columnCount()):
            if column != section.model.STRETCH:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.section.table.width() != self._width:
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> None:
        table = self.section.table
        self._width = table.width()
        for column, width in self.widths(table.viewport().width()).items():
            table.setColumnWidth(column, width)
        table.resizeRowsToContents()
        rows = self.section.model.rowCount()
        if self.max_row_lines is not None:
            tallest = self.max_row_lines * table.fontMetrics().lineSpacing() + 8
            for row in range(rows):
                if table.rowHeight(row) > tallest:
                    table.setRowHeight(row, tallest)
        default = table.verticalHeader().defaultSectionSize()
        body = max(sum(table.rowHeight(r) for r in range(rows)), 2 * default)
        frame = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
        table.setFixedHeight(min(frame + body, self.max_height))
