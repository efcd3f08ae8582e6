"""The base of the meldcode page's Veilig Thuis and verwijsindex tabs: an intro saying what and
why, the read-only note, a load error, a warning note, table sections and extra buttons beside a
section's own; it loads when first shown and again when the case changes while seen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.workspace.case_page import CaseListPage
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.member_section import MemberSection


class SignalsTab(CaseListPage):
    """Base of the meldcode page's Veilig Thuis and verwijsindex tabs: the list page with a
    warning note under the load error, and extra buttons beside a section's own."""

    #: The tab's main list (each tab makes it).
    section: MemberSection

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.note = WrappingLabel("", self.body)
        style_text(self.note, Role.WARNING)
        self.rows.addWidget(self.note)
        self.note.hide()

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def show_list(
        self, rows: Sequence[Any], empty: tuple[str, str], note: str, **more: Any
    ) -> None:
        """`rows` in the tab's `section` (`more`: what its model needs beside them), the first
        selected when none is. An empty list says `empty[0]` (how to add) while the case can
        change, else `empty[1]`; the warning `note` shows only while it can change: a closed
        case's marks stay, the request to add goes."""
        self.section.set_rows(tuple(rows), **more)
        self.section.set_editable(self.editable)
        self.section.empty_hint.setText(empty[0] if self.editable else empty[1])
        self.show_note(note if self.editable else "")
        if self.section.selected() is None and rows:
            self.section.select_row(0)

    def extra_button(
        self,
        section: MemberSection,
        text: str,
        key: str | None = None,
        after: QPushButton | None = None,
    ) -> QPushButton:
        """A button beside the section's own (after `after`, default its last), with its key
        on the table."""
        button = QPushButton(text, section)
        plain = text.replace("&", "")
        row = button_row(section)
        row.insertWidget(row.indexOf(after or section.remove_button) + 1, button)
        if key is None:
            return button
        button.setToolTip(_("{action} (key: {key})").format(action=plain, key=key))
        action = QAction(plain, section.table)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(button.click)
        section.table.addAction(action)
        return button


def button_row(section: MemberSection) -> QBoxLayout:
    """The row of the section's title and buttons (the layout holding its "Add…" button)."""
    outer = section.layout()
    for index in range(outer.count()):
        row = outer.itemAt(index).layout()
        if isinstance(row, QBoxLayout) and row.indexOf(section.add_button) >= 0:
            return row
    raise LookupError("the section has no row of buttons")  # a programming error
