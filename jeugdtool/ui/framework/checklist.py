"""A list to tick: who was present, who is worried, which safety goals a bottom line guards."""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem


def fill(widget: QListWidget, options: Sequence[tuple[str, str]], ticked: Collection[str]) -> None:
    """Show (value, label) rows with a tick box, ticked where the value is in `ticked`."""
    widget.clear()
    for value, label in options:
        item = QListWidgetItem(label, widget)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked)


def ticked(widget: QListWidget) -> tuple[str, ...]:
    """The values of the ticked rows, in the list's order."""
    items = (widget.item(row) for row in range(widget.count()))
    return tuple(
        item.data(Qt.ItemDataRole.UserRole)
        for item in items
        if item.checkState() == Qt.CheckState.Checked
    )
