"""The framework page: the moment bar and the whole map in three columns, editable in place.

Every change is an undo command (`commands.py`); the page reloads from the services when the
case's map changes (`AppSignals.changed`), keeping the selected item, also across cells — at once
while seen, else once when shown again (`StaleWhileHidden`). The comparison of two moments is
built the first time it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import queries
from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.validation import parse_date_nl
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.errors import ConflictError
from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import moments
from jeugdtool.framework.dto import MapItemDTO
from jeugdtool.framework.dto import MomentDetail
from jeugdtool.framework.dto import MomentSummary
from jeugdtool.framework.speakers import default_speaker
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.framework import commands as fc
from jeugdtool.ui.framework.cell_widget import CellWidget
from jeugdtool.ui.framework.cell_widget import three_columns
from jeugdtool.ui.framework.item_dialog import MapItemDialog
from jeugdtool.ui.framework.moment_bar import ChangeMomentDialog
from jeugdtool.ui.framework.moment_bar import ComparePicker
from jeugdtool.ui.framework.moment_bar import MomentBar
from jeugdtool.ui.framework.moment_bar import MomentDialog
from jeugdtool.ui.framework.moment_bar import NewMomentDialog
from jeugdtool.ui.framework.moment_bar import closed_note
from jeugdtool.ui.framework.titles import cell_question
from jeugdtool.ui.framework.titles import cell_title
from jeugdtool.ui.stale import StaleWhileHidden

if TYPE_CHECKING:
    from jeugdtool.ui.framework.compare import CompareView

CELLS = list(Cell)
MAP, COMPARE = range(2)
#: What the page shows: the map, the case's names, its wording.
#: Starts a meldcode from the map (D: dreiging, what we are afraid of).
MELDCODE_KEY = "Ctrl+Shift+D"
RELOAD_ON = ("mapping_moment", "map_item", "item_stance", "person", "network_member", "household")


class FrameworkPage(StaleWhileHidden, QWidget):
    #: The user asked to fill the map cell by cell (the workspace shows guided mode).
    guided_requested = Signal()

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        parent: QWidget | None = None,
        case_detail: Callable[[], CaseDetail | None] | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        #: The case as its window read it (it reads the case again before its pages on every
        #: change): its head and members are then not read again for the map. None (a page on
        #: its own, the tests) or no case there: the map reads the head itself.
        self._case_detail = case_detail
        #: The case's head, read with the map; its members and network (`detail`) only when
        #: a dialog needs them.
        self.household: HouseholdDTO | None = None
        self._detail: CaseDetail | None = None
        self.moments: list[MomentSummary] = []
        self.moment: MomentDetail | None = None
        #: The past moment the user chose to look at; None follows the newest.
        self._chosen_id: int | None = None
        #: The item to select and focus after the next reload (it moved to another cell).
        self._follow_id: int | None = None
        self._comparing: tuple[int, int] | None = None
        self.bar = MomentBar(self)
        self.stack = QStackedWidget(self)
        self.cells: dict[Cell, CellWidget] = {}
        # Each cell made in its column's place (in method order: the order of Tab).
        self.columns = three_columns(self.stack, self._make_cell)
        self.cells = {cell: self.cells[cell] for cell in CELLS}
        self._compare: CompareView | None = None
        #: Starts a meldcode record with the selected harm or danger item as its signal.
        self.meldcode_button = QPushButton(_("Start meldcode…"), self)
        self._build()
        self._connect()
        self.reload()

    def _make_cell(self, cell: Cell, box: QWidget) -> CellWidget:
        widget = self.cells[cell] = CellWidget(cell, cell.label, box)
        return widget

    def _build(self) -> None:
        self.columns.setSizes([1000, 1000, 1000])
        self.stack.addWidget(self.columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.bar, 1)
        top.addWidget(self.meldcode_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.bar.moment_chosen.connect(self._choose_moment)
        self.bar.new_requested.connect(self._new_moment)
        self.bar.change_requested.connect(self._change_moment)
        self.bar.compare_requested.connect(self._pick_comparison)
        self.bar.guided_requested.connect(self.guided_requested.emit)
        self.meldcode_button.clicked.connect(self.start_meldcode)
        # From a selected harm or danger item, without leaving it (the button is also on Tab).
        meldcode_key = QShortcut(QKeySequence(MELDCODE_KEY), self)
        meldcode_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        meldcode_key.activated.connect(self.start_meldcode)
        for widget in self.cells.values():
            widget.add_requested.connect(self._add)
            widget.add_detailed_requested.connect(self._add_detailed)
            widget.edit_requested.connect(self._edit)
            widget.remove_requested.connect(self._remove)
            widget.reorder_requested.connect(self._reorder)
            widget.step_requested.connect(self._step)
            widget.model.move_requested.connect(self._dropped, Qt.ConnectionType.QueuedConnection)
        self.ctx.signals.changed.connect(self._on_changed)

    # ---- loading -------------------------------------------------------------------------

    @property
    def mode(self) -> CaseMode:
        return self.household.mode if self.household else CaseMode.SAFETY

    @property
    def detail(self) -> CaseDetail:
        """The case with its members and network (who was present, who said it), read the
        first time a dialog asks after each reload."""
        if self._detail is None:
            known = self._known_case()
            self._detail = known or queries.get_case(self.ctx.uow, self.case_id)
        return self._detail

    def _known_case(self) -> CaseDetail | None:
        """The case as the window showing this page read it (None: read it here)."""
        return self._case_detail() if self._case_detail is not None else None

    def title_of(self, cell: Cell) -> str:
        return cell_title(cell, self.mode)

    @property
    def compare(self) -> CompareView:
        """The comparison of two moments, built the first time it is needed."""
        if self._compare is None:
            from jeugdtool.ui.framework.compare import CompareView

            self._compare = CompareView(self.title_of, self)
            self._compare.back_requested.connect(self.show_map)
            self.stack.insertWidget(COMPARE, self._compare)
        return self._compare

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches_case(self.case_id) and changes.touches(*RELOAD_ON):
            self.reload_when_seen()

    def reload(self) -> None:
        """Read the case's moments and the shown map again; keep the selected item."""
        keep = self._follow_id or self._selected_id()
        focus = self._follow_id is not None or any(w.view.hasFocus() for w in self.cells.values())
        # The case's head, its moments and the map shown: one unit of work, three queries (the
        # head as the case's window read it: two).
        known = self._known_case()
        self.household, self.moments, self.moment = moments.read_map(
            self.ctx.uow,
            self.case_id,
            self._chosen_id,
            head=known.household if known is not None else None,
        )
        self._detail = None
        if self.moment is None or self.moment.moment.id != self._chosen_id:
            self._chosen_id = None  # the newest is shown (the chosen one is gone, or none was)
        editable = self.editable
        for cell, widget in self.cells.items():
            items = self.moment.cells.get(cell, ()) if self.moment else ()
            widget.set_title(self.title_of(cell))
            widget.set_question(cell_question(cell, self.mode))
            widget.set_items(items, editable)
            # A fuller cell gets more of its column's height; an empty one still keeps room.
            widget.parentWidget().layout().setStretchFactor(widget, 3 + len(items))
        shown_moment = self.moment.moment if self.moment else None
        self.bar.set_moments(
            self.moments,
            shown_moment,
            closed=not self.case_open,
            note=self.ctx.locked_note(closed_note()),
        )
        self._follow_id = None
        self.meldcode_button.setEnabled(self.case_open)
        self.meldcode_button.setToolTip(
            _(
                "Start the meldcode, with the selected harm or danger item as its first signal "
                "({key})"
            ).format(key=MELDCODE_KEY)
            if self.case_open
            else self.ctx.locked_note(closed_note())
        )
        if keep is not None:
            self.select_item(keep, focus=focus)
        if self._comparing and self._compare is not None and self.stack.currentIndex() == COMPARE:
            self.show_comparison(*self._comparing)

    def _selected_id(self) -> int | None:
        chosen = [w for w in self.cells.values() if w.selected() is not None]
        focused = [w for w in chosen if w.view.hasFocus()]
        widget = (focused or chosen or [None])[0]
        item = widget.selected() if widget else None
        return item.id if item else None

    def select_item(self, item_id: int, focus: bool = False) -> bool:
        for widget in self.cells.values():
            if widget.select_item(item_id):
                if focus:
                    widget.view.setFocus()
                return True
        return False

    @property
    def case_open(self) -> bool:
        """Whether the map may change at all: an open case in a database that may be written
        (`AppContext.can_edit`); a closed case changes only once it is reopened."""
        return self.household is not None and self.ctx.can_edit(self.household)

    @property
    def editable(self) -> bool:
        """The current moment of an open case; past moments and closed cases only show."""
        return self.case_open and self.moment is not None and self.moment.moment.editable

    # ---- moments -------------------------------------------------------------------------

    def _choose_moment(self, moment_id: int) -> None:
        latest = self.moments[-1].id if self.moments else None
        self._chosen_id = None if moment_id == latest else moment_id
        self.reload()

    def start_new_moment(self) -> None:
        """Ask for the date and who is present, then start a moment (used by other pages)."""
        self._new_moment()

    def _new_moment(self) -> None:
        if not self.case_open:
            return
        dialog = NewMomentDialog(self, self.detail, self._start_moment, copies=bool(self.moments))
        self._open(dialog)

    def _change_moment(self) -> None:
        if self.moment is None or not self.editable:
            return
        moment = self.moment.moment
        self._open(ChangeMomentDialog(self, self.detail, self._save_moment, moment))

    def _save_moment(self, dialog: MomentDialog, values: dict[str, Any]) -> None:
        """Save the corrected date and who was present (nothing changed: nothing to undo)."""
        assert isinstance(dialog, ChangeMomentDialog)
        typed, present = values["held_on"], tuple(values["present"])
        if sorted(present) == sorted(dialog.moment.present):
            present = dialog.moment.present  # the same people: no change of order to undo
        changes = {
            "held_on": parse_date_nl(typed, "held_on") or typed,  # empty: "Date is required"
            "present": present,
        }
        command = fc.ChangeMomentCommand(self.ctx, self.case_id, dialog.moment, changes)
        if command.new:
            fc.execute(self.ctx, command)

    def _start_moment(self, _dialog: MomentDialog, values: dict[str, Any]) -> None:
        held_on = parse_date_nl(values["held_on"], "held_on") if values["held_on"] else None
        command = fc.StartMomentCommand(
            self.ctx, self.case_id, self.ctx.user.name, held_on, values["present"]
        )
        self._chosen_id = None
        fc.execute(self.ctx, command)

    def _pick_comparison(self) -> None:
        picker = ComparePicker(self, self.moments)
        picker.accepted.connect(lambda: self.show_comparison(*picker.chosen()))
        self._open(picker)

    def show_comparison(self, older_id: int, newer_id: int) -> None:
        comparison = moments.compare_moments(self.ctx.uow, older_id, newer_id)
        self._comparing = (older_id, newer_id)
        self.compare.set_comparison(comparison)
        self.stack.setCurrentIndex(COMPARE)
        self.compare.back_button.setFocus()

    def show_map(self) -> None:
        self._comparing = None
        self.stack.setCurrentIndex(MAP)

    def start_meldcode(self) -> QWidget | None:
        """Go to the case's meldcode page and start a record there, the selected harm or
        danger item ticked as its signal. The signal picker opened, or None."""
        from jeugdtool.ui.meldcode.page import open_meldcode_page

        selected = self._item(self._selected_id() or 0)
        worry = selected is not None and selected.cell in (Cell.HARM, Cell.DANGER)
        page = open_meldcode_page(self) if self.case_open else None
        return page.start_record(selected.lineage if worry else None) if page else None

    # ---- items ---------------------------------------------------------------------------

    def _add(self, cell: Cell, text: str) -> None:
        """Enter in a cell's add line: the item, said by whom the cell implies (or nobody
        named); the "…" button and Ctrl+Enter ask who said it."""
        if self.moment is None or not self.editable:
            return
        fields = {"text": text, "source": default_speaker(cell, self.ctx.user.name)}
        command = fc.AddMapItemCommand(self.ctx, self.case_id, self.moment.moment.id, cell, fields)
        try:
            fc.execute(self.ctx, command)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))  # the typed text stays in the add line
            return
        self.cells[cell].add_line.clear()
        if command.dto is not None:
            self.cells[cell].select_item(command.dto.id)

    def _add_detailed(self, cell: Cell, text: str) -> None:
        if self.editable:
            self._open_item_dialog(cell, None, text)

    def _edit(self, item: MapItemDTO) -> None:
        self._open_item_dialog(item.cell, item, "")

    def _open_item_dialog(self, cell: Cell, item: MapItemDTO | None, text: str) -> None:
        dialog = MapItemDialog(
            self,
            cell,
            self.title_of(cell),
            self.detail,
            self.ctx.user.name,
            self._save_item,
            item=item,
            text=text,
            read_only=not self.editable,
        )
        self._open(dialog, self.cells[cell])

    def _save_item(self, dialog: MapItemDialog, values: dict[str, Any]) -> None:
        try:
            item = save_item(self, dialog.cell, dialog.baseline, values)
        except ConflictError:
            # Show the latest version; OK again then saves what is in the dialog.
            fc.refresh_map(self.ctx, self.case_id)
            dialog.baseline = self._item(dialog.baseline.id) if dialog.baseline else None
            raise
        if dialog.baseline is None:
            self.cells[dialog.cell].add_line.clear()
        if item is not None:
            self.select_item(item.id)

    def _item(self, item_id: int) -> MapItemDTO | None:
        items = self.moment.items() if self.moment else []
        return next((i for i in items if i.id == item_id), None)

    def _remove(self, item: MapItemDTO) -> None:
        if not self.editable:
            return
        question = _("Remove “{text}” from the map?\nYou can bring it back with Undo (Ctrl+Z).")
        short = item.text if len(item.text) <= 80 else item.text[:77] + "…"
        if self.ctx.dialogs.confirm(question.format(text=short), _("Remove")):
            self._run(fc.RemoveMapItemCommand(self.ctx, self.case_id, item))

    def _reorder(self, item: MapItemDTO, delta: int) -> None:
        row = self.cells[item.cell].model.row_of(item.id)
        count = self.cells[item.cell].model.rowCount()
        if 0 <= row + delta < count:
            self._move(item, item.cell, row + delta + 1)

    def _step(self, item: MapItemDTO, delta: int) -> None:
        index = CELLS.index(item.cell) + delta
        if 0 <= index < len(CELLS):
            target = CELLS[index]
            self._move(item, target, self.cells[target].model.rowCount() + 1)

    def _dropped(self, item_id: int, cell: Cell, position: int) -> None:
        item = self._item(item_id)
        if item is not None:
            self._move(item, cell, position)

    def _move(self, item: MapItemDTO, cell: Cell, position: int) -> None:
        if not self.editable:
            return
        row = self.cells[item.cell].model.row_of(item.id) + 1
        if (cell, position) == (item.cell, row):
            return
        self._follow_id = item.id
        command = fc.MoveMapItemCommand(
            self.ctx, self.case_id, item, cell, position, from_position=row
        )
        self._run(command)

    # ---- shared --------------------------------------------------------------------------

    def _run(self, command: fc.MapCommand) -> None:
        try:
            fc.execute(self.ctx, command)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            fc.refresh_map(self.ctx, self.case_id)

    def _open(self, dialog: QDialog, cell: CellWidget | None = None) -> None:
        """Open without a nested event loop; focus goes back to the cell afterwards."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if cell is not None:
            dialog.finished.connect(lambda _result: cell.view.setFocus())
        dialog.open()


def save_item(
    page: FrameworkPage, cell: Cell, before: MapItemDTO | None, values: dict[str, Any]
) -> MapItemDTO | None:
    """Add or change an item and who agrees or disputes it: one undo step. Raises on failure
    before anything is pushed (the dialog stays open with what was typed)."""
    ctx, case_id = page.ctx, page.case_id
    values = dict(values)
    stances = values.pop("stances", {})
    first: fc.MapCommand | None
    if before is None:
        assert page.moment is not None
        first = fc.AddMapItemCommand(ctx, case_id, page.moment.moment.id, cell, values)
    else:
        first = fc.EditMapItemCommand(ctx, case_id, before, values)
        first = first if first.new else None
    if first is not None:
        first.perform()
    item = first.dto if isinstance(first, fc.AddMapItemCommand) else before
    if item is None:
        return None
    current = {s.who: s.stance for s in item.stances}
    pending = [
        fc.SetStanceCommand(ctx, case_id, item, who, stance)
        for who, stance in stances.items()
        if current.get(who) != stance
    ]
    _push(ctx, first, pending, _("Add to the map") if before is None else _("Change item"))
    return item


def _push(
    ctx: AppContext,
    performed: fc.MapCommand | None,
    pending: list[fc.SetStanceCommand],
    text: str,
) -> None:
    """Push `performed` (done already) and do the `pending` steps, several as one macro."""
    if performed is None:
        if not pending:
            return
        performed = pending.pop(0)
        performed.perform()  # raises before anything is on the stack
    if not pending:
        ctx.undo_stack.push(performed)
        return
    ctx.undo_stack.beginMacro(text)
    try:
        ctx.undo_stack.push(performed)
        for step in pending:
            fc.execute(ctx, step)
    finally:
        ctx.undo_stack.endMacro()
