"""The help table's columns: as wide as their text up to a limit, wrapping when the page is
narrow, the "serves" column taking the rest, so nothing scrolls sideways at 1366 pixels."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jeugdtool.ui.help.model import HelpTableModel
from jeugdtool.ui.table_fit import RowFitter
from jeugdtool.ui.workspace.member_section import MemberSection

#: Rows the table grows to before it scrolls itself (the page scrolls around it).
MAX_TABLE_HEIGHT = 440
#: Widest a column is drawn before its text wraps: pixels, or a share of the table's width
#: when that is more (the "serves" column takes the rest).
WIDEST = {
    HelpTableModel.WHOM: (170, 0.12),
    HelpTableModel.KIND: (260, 0.26),
    HelpTableModel.PROVIDER: (170, 0.14),
    HelpTableModel.INTENSITY: (150, 0.12),
    HelpTableModel.DECIDED: (150, 0.1),
}
#: Narrowest a wrapping column gets when the window is small.
NARROWEST = 90
#: Lines a row shows at most (the selected item is shown in full below the table).
MAX_ROW_LINES = 3


class ColumnFitter(RowFitter):
    """Columns as wide as their text up to `WIDEST`, narrower (their text wrapping) when the
    page is narrow, the "serves" column taking the rest; rows as tall as their text and the
    table as tall as its rows (up to `MAX_TABLE_HEIGHT`), so nothing scrolls sideways."""

    def __init__(self, section: MemberSection):
        super().__init__(section, self.widths, MAX_TABLE_HEIGHT, MAX_ROW_LINES)
        section.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def widths(self, available: int) -> dict[int, int]:
        """Each column but the last: its text's width, shrunk where needed to leave the last
        (serves) a fair share."""
        table, header = self.section.table, self.section.table.horizontalHeader()
        wanted = {}
        for column in range(self.section.model.columnCount()):
            if column == HelpTableModel.STRETCH:
                continue
            natural = max(table.sizeHintForColumn(column), header.sectionSizeHint(column)) + 12
            pixels, share = WIDEST.get(column, (natural, 0.0))
            wanted[column] = min(natural, max(pixels, int(available * share)))
        room = available - max(160, available // 6)  # what the serves column leaves
        excess = sum(wanted.values()) - room
        wrapping = [c for c in WIDEST if wanted[c] > NARROWEST]
        while excess > 0 and wrapping:
            share = max(1, excess // len(wrapping))
            for column in list(wrapping):
                cut = min(share, wanted[column] - NARROWEST, excess)
                wanted[column] -= cut
                excess -= cut
                if wanted[column] <= NARROWEST:
                    wrapping.remove(column)
        return wanted
