"""The base of the meldcode page's Veilig Thuis and verwijsindex tabs: an intro saying what and
why, the read-only note, a load error, a warning note, table sections and extra buttons beside a
section's own; it loads when first shown and again when the case changes while seen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QBoxLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_section import MemberSection


class SignalsTab(StaleWhileHidden, QWidget):
    """Base of the meldcode page's Veilig Thuis and verwijsindex tabs: an intro, the read-only
    note, a load error, a table section and the selected row in full below it; loads when
    first shown and again when the case changes while seen."""

    INTRO = ""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.stale = True
        self.case: CaseDetail | None = None
        self.editable = False
        self.body = QWidget(self)
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(16, 12, 16, 16)
        self.rows.setSpacing(8)
        intro = WrappingLabel(_(self.INTRO), self.body)
        style_text(intro, Role.MUTED)
        self.locked = WrappingLabel("", self.body)
        style_text(self.locked, Role.WARNING)
        self.error = WrappingLabel("", self.body)
        style_text(self.error, Role.ERROR)
        self.note = WrappingLabel("", self.body)
        style_text(self.note, Role.WARNING)
        for widget in (intro, self.locked, self.error, self.note):
            self.rows.addWidget(widget)
        for widget in (self.locked, self.error, self.note):
            widget.hide()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        ctx.signals.changed.connect(self._on_changed)

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.case_id):
            self.reload_when_seen()

    def reload(self) -> None:
        try:
            self.case = queries.get_case(self.ctx.uow, self.case_id)
            self.load()
        except NotFound:
            self.case = None
            self.clear()
        except JeugdtoolError as exc:  # a lost connection: say so where the list would be
            self.error.setText(str(exc))
            self.error.show()
            self.stale = True  # try again when shown next
            return
        self.error.hide()
        household = self.case.household if self.case is not None else None
        self.editable = self.ctx.can_edit(household)
        self._show_locked()
        self.show_rows()

    def load(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def show_rows(self) -> None:
        raise NotImplementedError

    def _show_locked(self) -> None:
        if self.editable or self.case is None:
            self.locked.hide()
            return
        closed = _("This case is closed: it is shown as it was. To change it, reopen the case.")
        self.locked.setText(self.ctx.locked_note(closed))
        self.locked.show()

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

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

    def open_dialog(self, dialog: MemberDialog, table: QWidget) -> MemberDialog:
        """Open without a nested event loop; the keyboard goes back to the table afterwards."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: table.setFocus())
        dialog.open()
        return dialog


def button_row(section: MemberSection) -> QBoxLayout:
    """The row of the section's title and buttons (the layout holding its "Add…" button)."""
    outer = section.layout()
    for index in range(outer.count()):
        row = outer.itemAt(index).layout()
        if isinstance(row, QBoxLayout) and row.indexOf(section.add_button) >= 0:
            return row
    raise LookupError("the section has no row of buttons")  # a programming error


def name_buttons(section: MemberSection, add: str, change: str, remove: str) -> None:
    """Alt+letters on the section's buttons, the keys of the table in their tooltips."""
    for button, text, key in (
        (section.add_button, add, "Ins"),
        (section.edit_button, change, "Enter"),
        (section.remove_button, remove, "Del"),
    ):
        button.setText(text)
        plain = text.replace("&", "")
        button.setToolTip(_("{action} (key: {key})").format(action=plain, key=key))
