"""The agenda: the cases in the order they are discussed. A case is added by typing its number or
a name into the search field (Down/Enter picks it), moved with Alt+Up/Alt+Down and taken off
with Delete (undoable)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseSummary
from jeugdtool.cases.search import filter_cases
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import MeetingDetail

from jeugdtool.ui.commands import attempt
from jeugdtool.ui.commands import execute_inline
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import heading

#: Found cases shown under the search field at most.
MAX_FOUND = 8


def item_label(number: int, item: ItemDTO) -> str:
    question = item.question.strip().splitlines()[0] if item.question.strip() else ""
    head = f"{number}. {item.case_number} {item.case_name}"
    return f"{head}\n    {question}" if question else head


class AgendaPanel(QWidget):
    #: The agenda item chosen (id) or None.
    current_changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail: MeetingDetail | None = None
        self._cases: list[CaseSummary] | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Agenda"))
        self.list.setWordWrap(True)
        self.search = line_edit(
            self, "", _("Add a case to the agenda"), _("Add a case: type its number or a name")
        )
        self.found = QListWidget(self)
        self.found.setAccessibleName(_("Cases found"))
        self.found.hide()
        self.up = QPushButton(_("Up"), self)
        self.up.setToolTip(_("Earlier on the agenda (Alt+Up)"))
        self.down = QPushButton(_("Down"), self)
        self.down.setToolTip(_("Later on the agenda (Alt+Down)"))
        # The word every other list uses ("Verwijderen"); the tooltip says from what.
        self.remove = QPushButton(_("Remove"), self)
        self.remove.setToolTip(_("Take the case off the agenda (Delete); Undo puts it back"))
        self.error = ErrorLabel(self)
        self._lay_out()
        self.search.textChanged.connect(self._find)
        self.search.returnPressed.connect(self._add_chosen)
        self.search.installEventFilter(self)
        self.found.itemActivated.connect(lambda _i: self._add_chosen())
        self.list.installEventFilter(self)
        self.list.currentRowChanged.connect(lambda _r: self.current_changed.emit(self.current_id()))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.remove.clicked.connect(self._remove)
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=step: self._move(s))

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(heading(_("Agenda"), self, 1.05))
        top.addStretch(1)
        for button in (self.up, self.down, self.remove):
            top.addWidget(button)
        vbox(self, top, self.search, self.found, self.error, self.list, stretch=self.list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            row = max(0, min(self.found.currentRow() + step, self.found.count() - 1))
            self.found.setCurrentRow(row)
            return True
        if watched is self.search and key == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return True
        if watched is self.list and key == Qt.Key.Key_Delete:
            self._remove()
            return True
        return super().eventFilter(watched, event)

    # ---- showing ---------------------------------------------------------------------------

    def set_detail(self, detail: MeetingDetail | None) -> None:
        keep = self.current_id()
        self.detail = detail
        blocked = self.list.blockSignals(True)
        self.list.clear()
        for number, item in enumerate(detail.items if detail else (), start=1):
            row = QListWidgetItem(item_label(number, item), self.list)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
        self.list.blockSignals(blocked)
        ids = [i.id for i in detail.items] if detail else []
        self.set_current(keep if keep in ids else (ids[0] if ids else None))
        self.setEnabled(detail is not None)
        self._cases = None  # read again on the next search (new cases, other names)

    def current_id(self) -> int | None:
        row = self.list.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row is not None else None

    def set_current(self, item_id: int | None) -> None:
        before = self.current_id()
        for n in range(self.list.count()):
            if self.list.item(n).data(Qt.ItemDataRole.UserRole) == item_id:
                self.list.setCurrentRow(n)
                break
        else:
            self.list.setCurrentRow(-1)
        if self.current_id() == before:
            self.current_changed.emit(before)  # the item's data may be new all the same

    def _current_item(self) -> ItemDTO | None:
        item_id = self.current_id()
        return self.detail.item(item_id) if self.detail and item_id is not None else None

    # ---- adding ----------------------------------------------------------------------------

    def _find(self, text: str) -> None:
        self.found.clear()
        self.error.show_message(None)
        if not text.strip():
            self.found.hide()
            return
        if self._cases is None:
            self._cases = queries.list_case_summaries(self.ctx.uow)
        on_agenda = {i.household_id for i in self.detail.items} if self.detail else set()
        hits = [
            c
            for c in filter_cases(self._cases, text, frozenset({CaseStatus.OPEN}))
            if c.id not in on_agenda
        ][:MAX_FOUND]
        for case in hits:
            row = QListWidgetItem(f"{case.case_number} {case.name} · {case.case_manager}")
            row.setData(Qt.ItemDataRole.UserRole, case)
            self.found.addItem(row)
        if not hits:
            self.found.addItem(_("No open case matches; closed cases cannot be discussed."))
        else:
            self.found.setCurrentRow(0)
        rows = max(1, self.found.count())
        self.found.setFixedHeight(self.found.sizeHintForRow(0) * rows + 6)
        self.found.show()

    def _add_chosen(self) -> None:
        row = self.found.currentItem()
        case = row.data(Qt.ItemDataRole.UserRole) if row is not None else None
        if self.detail is None or not isinstance(case, CaseSummary):
            return
        label = f"{case.case_number} {case.name}"
        command = mc.AddCaseCommand(self.ctx, self.detail.meeting.id, case.id, label)
        if not execute_inline(self.ctx, command, self.error):
            return
        self.search.clear()
        self.set_current(command.row_id)

    # ---- order and removal -----------------------------------------------------------------

    def _move(self, step: int) -> None:
        item = self._current_item()
        if item is None or self.detail is None:
            return
        old = self.list.currentRow() + 1
        new = old + step
        if not 1 <= new <= len(self.detail.items):
            return
        attempt(self.ctx, mc.MoveItemCommand(self.ctx, item, old, new))
        self.set_current(item.id)
        self.list.setFocus()

    def _remove(self) -> None:
        item = self._current_item()
        if item is None:
            return
        if (item.round or item.follow_ups) and not self.ctx.dialogs.confirm(
            _(
                "Take {case} off the agenda?\nIts scale round and follow-ups go with it. You can "
                "bring it all back with Undo (Ctrl+Z)."
            ).format(case=f"{item.case_number} {item.case_name}"),
            _("Take off the agenda"),
        ):
            return
        attempt(self.ctx, mc.RemoveItemCommand(self.ctx, item))
