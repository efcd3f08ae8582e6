"""Before an export: what the PDF leaves out of the case's free text ("Afspraak 3 — Waar: een
adres wordt weggelaten") and what to check first (an item that looks like health data but is
not marked), as a list the keyboard reaches. The lines come from the Qt-free
`export.pdf.before_export`, the same walk the PDF's selection makes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _

#: How many lines the list shows at least (beside the choices it grows with them).
ROWS = 4


class ExportNotices(QWidget):
    """A label and a read-only list; `show_lines` fills it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(_("&Left out, and what to check:"), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Left out, and what to check"))
        self.list.setAccessibleDescription(
            _(
                "What the PDF leaves out of free text because of the choices, and what to "
                "check first: the item and field, never the data itself."
            )
        )
        self.list.setWordWrap(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        rows = self.list.fontMetrics().lineSpacing() * ROWS
        self.list.setMinimumHeight(rows + 2 * self.list.frameWidth() + 6)
        self.label.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)
        self.show_lines(())

    def show_lines(self, lines: tuple[str, ...] | list[str]) -> None:
        self.list.clear()
        if not lines:
            item = QListWidgetItem(_("Nothing: the free text holds nothing the choices leave out."))
            item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
            return
        for line in lines:
            self.list.addItem(QListWidgetItem(line))

    def lines(self) -> list[str]:
        """The lines shown (none when the list says there is nothing)."""
        items = [self.list.item(row) for row in range(self.list.count())]
        return [i.text() for i in items if i.flags() & Qt.ItemFlag.ItemIsSelectable]
