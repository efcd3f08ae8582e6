"""What the case's pages and overview parts share: following the changes of one case while
seen (`CaseWatcher`), and the list page — an intro saying what and why, the read-only note, a
load error, then the page's own tables, all scrolling down, never sideways (`CaseListPage`) —
with the small pieces such pages are built of (`scroll_into`, `list_section`, `name_buttons`,
`details_label`, `cap_columns`).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import EditRowCommand
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.stale import StaleWhileHidden
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import Submit
from jeugdtool.ui.workspace.member_models import DtoTableModel
from jeugdtool.ui.workspace.member_section import MemberSection

D = TypeVar("D", bound=QDialog)


class CaseWatcher(StaleWhileHidden):
    """Mixin for a QWidget showing part of one case (name it before the Qt base class):
    `watch_case(ctx, case_id)` reloads it when a change concerns it — at once while it is
    seen, else once when it is shown again.

    A change concerns it when it touches the case and one of `ENTITIES` (empty: anything of
    the case), or one of `ANY_CASE` whatever the case (a shared list, e.g. an import)."""

    ENTITIES: tuple[str, ...] = ()
    ANY_CASE: tuple[str, ...] = ()
    #: "household" in ENTITIES stands only for whether the case is open (closing, reopening):
    #: an edit of the household's other fields (its name, …) is no reason to reload.
    HOUSEHOLD_STATUS_ONLY: bool = False
    #: Filled by the first reload (for parts that load just after the window is painted).
    loaded: bool = False
    #: The case's status when a change of the household was last looked at (None: not yet).
    _status: CaseStatus | None = None

    ctx: AppContext
    case_id: int

    def watch_case(self, ctx: AppContext, case_id: int) -> None:
        self.ctx, self.case_id = ctx, case_id
        ctx.signals.changed.connect(self._on_changed)

    def load_after_paint(self) -> None:
        """Load just after the window is painted (unless something loaded it before)."""
        QTimer.singleShot(0, self._first_load)

    def _first_load(self) -> None:
        if not self.loaded:
            self.reload_when_seen()

    def concerns(self, changes: ChangeSet) -> bool:
        if self.ANY_CASE and changes.touches(*self.ANY_CASE):
            return True
        if not changes.touches_case(self.case_id):
            return False
        if not self.HOUSEHOLD_STATUS_ONLY or not changes.touches("household"):
            return not self.ENTITIES or changes.touches(*self.ENTITIES)
        moved = self._status_moved(changes)  # looked at every time, so it stays the latest
        return moved or changes.touches(*(e for e in self.ENTITIES if e != "household"))

    def _status_moved(self, changes: ChangeSet) -> bool:
        """Whether the case was opened or closed since the last change of its household."""
        status = _case_status(self.ctx, self.case_id, changes)
        moved = self._status is None or status != self._status
        self._status = status
        return moved

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.concerns(changes):
            self.reload_when_seen()

    def load_failed(self, label: QLabel, exc: JeugdtoolError) -> None:
        """A lost connection: say so in `label` (where the list would be), try again when
        shown next."""
        label.setText(str(exc))
        label.show()
        self.stale = True


#: The case's status after the change last asked about: (change, case id, status). The parts
#: of a case all hear the same change: it is read once, not once per part.
_last_status: tuple[ChangeSet, int, CaseStatus | None] | None = None


def note_status(ctx: AppContext, case_id: int, status: CaseStatus) -> None:
    """The case's status as read just now because of the change being told (the workspace
    reads the case's head again on a change of its household): the parts that follow the
    household only for its status take it from here instead of reading it once more."""
    global _last_status
    changes = ctx.signals.current
    if changes is not None:
        _last_status = (changes, case_id, status)


def told_head(ctx: AppContext, case_id: int, changes: ChangeSet) -> HouseholdDTO | None:
    """The case's head as the service being told returned it, when its change was of this
    household row alone (a name, a date): as stored, so not read again. None otherwise (a
    colleague's change, a change of more than the row: read it)."""
    value = ctx.signals.current_value
    if (
        changes is ctx.signals.current
        and isinstance(value, HouseholdDTO)
        and value.id == case_id
        and changes.entities == {"household"}
        and changes.cases == {case_id}
    ):
        return value
    return None


def _case_status(ctx: AppContext, case_id: int, changes: ChangeSet) -> CaseStatus | None:
    global _last_status
    last = _last_status
    if last is not None and last[0] is changes and last[1] == case_id:
        return last[2]
    head = told_head(ctx, case_id, changes)
    status = households.case_status(ctx.uow, case_id) if head is None else head.status
    _last_status = (changes, case_id, status)
    return status


def scroll_into(page: QWidget, body: QWidget) -> QScrollArea:
    """`body` fills `page`, scrolling down (never sideways: the tables fit the width)."""
    scroll = QScrollArea(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll


def list_section(
    title: str, model: DtoTableModel[Any], empty: str, parent: QWidget
) -> MemberSection:
    """A titled table with add / change / remove; its empty hint muted and in italics."""
    section = MemberSection(title, model, empty, parent)
    style_text(section.empty_hint, Role.MUTED, "font-style: italic;")
    return section


def name_buttons(
    section: MemberSection,
    add: str,
    change: str,
    remove: str,
    *more: tuple[QPushButton, str, str],
) -> None:
    """Alt+letters on the section's buttons (and on `more`: (button, text, key)), the keys of
    the table in their tooltips."""
    for button, text, key in (
        (section.add_button, add, "Ins"),
        (section.edit_button, change, "Enter"),
        (section.remove_button, remove, "Del"),
        *more,
    ):
        button.setText(text)
        plain = text.replace("&", "")
        button.setToolTip(_("{action} (key: {key})").format(action=plain, key=key))


def details_label(parent: QWidget, name: str = "") -> WrappingLabel:
    """The selected row in full, below its table: rich text the mouse can select."""
    label = WrappingLabel("", parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    return label


def cap_columns(table: QTableView, widest: Mapping[int, int]) -> None:
    """Columns no wider than `widest` (column: pixels), so the stretching one keeps room; the
    text cut with "…" shows in full in the tooltip and the details."""
    for column, most in widest.items():
        if table.columnWidth(column) > most:
            table.setColumnWidth(column, most)


def adding(
    ctx: AppContext, make: Callable[[dict[str, Any]], AddCommand], show_row: Callable[[int], None]
) -> Submit:
    """A dialog's submit that adds a row by the command `make(values)` and shows it selected
    (`show_row(new id)`)."""

    def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
        command = make(values)
        if execute(ctx, command) and command.dto is not None:
            show_row(command.dto.id)

    return submit


def changing(ctx: AppContext, make: Callable[[dict[str, Any]], EditRowCommand]) -> Submit:
    """A dialog's submit that changes a row by the command `make(values)`, if anything
    changed."""

    def submit(_dialog: MemberDialog, values: dict[str, Any]) -> None:
        command = make(values)
        if command.new:
            execute(ctx, command)

    return submit


class CaseListPage(CaseWatcher, QWidget):
    """`(ctx, case_id)`: a case's page of tables. `body` holds, in `rows`, the muted `INTRO`,
    the read-only note (`locked`, saying `CLOSED`) and the load error (`error`); subclasses
    add their sections to `rows`. Loads when first shown and again when the case changes
    while seen: `reload` reads the case, then `load()` (on NotFound: `clear()`), then says
    whether it can be changed (`editable`) and calls `show_rows()`."""

    INTRO = ""
    CLOSED = N_("This case is closed: it is shown as it was. To change it, reopen the case.")

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.stale = True
        self.case: CaseDetail | None = None
        self.editable = False
        self.body = QWidget(self)
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(16, 12, 16, 16)
        self.rows.setSpacing(8)
        intro = muted(_(self.INTRO), self.body)
        self.locked = WrappingLabel("", self.body)
        style_text(self.locked, Role.WARNING)
        self.error = WrappingLabel("", self.body)
        style_text(self.error, Role.ERROR)
        for widget in (intro, self.locked, self.error):
            self.rows.addWidget(widget)
        self.locked.hide()
        self.error.hide()
        scroll_into(self, self.body)
        self.watch_case(ctx, case_id)

    def reload(self) -> None:
        self.stale = False
        try:
            self.case = queries.get_case(self.ctx.uow, self.case_id)
            self.load()
        except NotFound:
            self.case = None
            self.clear()
        except JeugdtoolError as exc:
            self.load_failed(self.error, exc)
            return
        self.error.hide()
        household = self.case.household if self.case is not None else None
        self.editable = self.ctx.can_edit(household)
        self.show_locked()
        self.show_rows()

    def load(self) -> None:
        """Read what the page shows (the case is in `case`)."""
        raise NotImplementedError

    def clear(self) -> None:
        """The case is gone: show nothing."""
        raise NotImplementedError

    def show_rows(self) -> None:
        raise NotImplementedError

    def show_locked(self) -> None:
        """The read-only note on a case that cannot be changed (why, and what to do)."""
        if self.editable or self.case is None:
            self.locked.hide()
            return
        self.locked.setText(self.ctx.locked_note(_(self.CLOSED)))
        self.locked.show()

    def open_dialog(self, dialog: D, table: QWidget) -> D:
        """Open without a nested event loop; the keyboard goes back to the table afterwards."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: table.setFocus())
        dialog.open()
        return dialog
