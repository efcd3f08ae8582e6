"""The framework page in map mode: moments, items by keyboard, moves, undo, compare, layout."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework.speakers import the_family
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import WorryKind

from jeugdtool.ui.framework.compare import DIFFERENCES
from jeugdtool.ui.framework.compare import NEWER
from jeugdtool.ui.framework.compare import OLDER
from jeugdtool.ui.framework.compare import SIDE_BY_SIDE
from jeugdtool.ui.framework.compare import CompareCellModel
from jeugdtool.ui.framework.compare import CompareView
from jeugdtool.ui.framework.item_delegate import OldTextRole
from jeugdtool.ui.framework.item_delegate import StatusRole
from jeugdtool.ui.framework.item_dialog import MapItemDialog
from jeugdtool.ui.framework.map_model import MIME_TYPE
from jeugdtool.ui.framework.map_model import CellItemModel
from jeugdtool.ui.framework.map_model import MarksRole
from jeugdtool.ui.framework.map_page import FrameworkPage
from jeugdtool.ui.framework.moment_bar import NewMomentDialog
from jeugdtool.ui.framework.moment_bar import closed_note
from jeugdtool.ui.workspace.framework_area import FrameworkArea

NOV_1 = dt.date(2026, 11, 1)


@pytest.fixture
def people(ctx, case):
    sanne = members.add_person(
        ctx.uow, case.id, {"first_name": "Sanne", "last_name": "Bakker", "role": "parent"}
    ).value
    ria = members.add_network_member(ctx.uow, case.id, {"name": "Oma Riëtte"}).value
    return sanne, ria


@pytest.fixture
def page(ctx, case, people, qtbot):
    widget = FrameworkPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def texts(page: FrameworkPage, cell: Cell) -> list[str]:
    return [i.text for i in page.cells[cell].model.rows()]


def open_dialog(page: FrameworkPage, kind: type):
    """The dialog of that kind on screen (closed ones linger until deleted later)."""
    (dialog,) = [d for d in page.findChildren(kind) if d.isVisible()]
    return dialog


def start_moment(page: FrameworkPage, qtbot, date: str = "01-11-2026") -> None:
    page.bar.new_button.click()
    dialog = open_dialog(page, NewMomentDialog)
    dialog.date.setText(date)
    dialog.present.item(0).setCheckState(Qt.CheckState.Checked)  # Sanne
    dialog.others.setText("juf Aïcha")
    activate(dialog, qtbot)
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()


def activate(window, qtbot) -> None:
    if not window.isActiveWindow():
        with qtbot.waitActive(window):
            window.activateWindow()


def type_item(page: FrameworkPage, qtbot, cell: Cell, text: str) -> None:
    line = page.cells[cell].add_line
    line.setFocus()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:  # QTest cannot type every character; insert it as an input method would
        line.insert(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_first_moment_then_items_by_keyboard_edit_moves_and_undo(page, ctx, case, qtbot) -> None:
    assert page.bar.empty_hint.isVisibleTo(page)
    assert not page.cells[Cell.HARM].add_line.isEnabled()
    start_moment(page, qtbot)
    summary = moments.list_moments(ctx.uow, case.id)[0]
    assert summary.present[0].startswith("Sanne Bakker (") and summary.present[1] == "juf Aïcha"
    assert page.cells[Cell.HARM].add_line.isEnabled() and page.moment.items() == []

    type_item(page, qtbot, Cell.HARM, "Noa kwam met een blauwe plek op school")
    type_item(page, qtbot, Cell.HARM, "Vader schreeuwt 's avonds")
    type_item(page, qtbot, Cell.STRENGTHS, "Oma haalt Noa elke dag uit school")
    type_item(page, qtbot, Cell.FAMILY_GOALS, "Rust in huis")
    assert texts(page, Cell.HARM) == [
        "Noa kwam met een blauwe plek op school",
        "Vader schreeuwt 's avonds",
    ]
    assert page.cells[Cell.HARM].add_line.text() == ""  # cleared after adding
    first = page.cells[Cell.HARM].model.rows()[0]
    assert first.source.label == ""  # nobody named: not the consultant's words
    (goal,) = page.cells[Cell.FAMILY_GOALS].model.rows()
    assert goal.source == the_family()  # the family's goals are the family's

    # Edit: Enter on the selected item opens the editor; mark a limitation and a stance.
    view = page.cells[Cell.HARM].view
    view.setFocus()
    page.cells[Cell.HARM].select_item(first.id)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = open_dialog(page, MapItemDialog)
    dialog.text.setPlainText("Noa (6) kwam met een blauwe plek op haar arm op school")
    dialog.worry_kind.setCurrentIndex(dialog.worry_kind.findData(WorryKind.LIMITATION))
    dialog.source.setCurrentIndex(
        dialog.source.findText("Sanne Bakker", Qt.MatchFlag.MatchStartsWith)
    )
    box = dialog.stances["Oma Riëtte"]
    box.setCurrentIndex(box.findData(Stance.DISPUTES))
    dialog.accept()
    edited = page.cells[Cell.HARM].model.rows()[0]
    assert edited.text.startswith("Noa (6)") and edited.worry_kind is WorryKind.LIMITATION
    assert edited.source.label == "Sanne Bakker"
    assert [(s.who, s.stance) for s in edited.stances] == [("Oma Riëtte", Stance.DISPUTES)]
    assert ctx.undo_stack.count() == 6  # moment, 4 items, one edit (a macro with the stance)
    ctx.undo_stack.undo()
    undone = page.cells[Cell.HARM].model.rows()[0]
    assert undone.text == "Noa kwam met een blauwe plek op school" and not undone.stances
    assert undone.worry_kind is None
    ctx.undo_stack.redo()
    assert page.cells[Cell.HARM].model.rows()[0].worry_kind is WorryKind.LIMITATION

    # Alt+Right moves the selected item to the next cell; the selection follows it.
    second = page.cells[Cell.HARM].model.rows()[1]
    page.cells[Cell.HARM].select_item(second.id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert texts(page, Cell.HARM) == ["Noa (6) kwam met een blauwe plek op haar arm op school"]
    assert texts(page, Cell.DANGER) == ["Vader schreeuwt 's avonds"]
    assert page.cells[Cell.DANGER].selected().id == second.id
    assert page.cells[Cell.DANGER].view.hasFocus()
    ctx.undo_stack.undo()
    assert texts(page, Cell.HARM)[1] == "Vader schreeuwt 's avonds" and not texts(page, Cell.DANGER)
    ctx.undo_stack.redo()
    assert texts(page, Cell.DANGER) == ["Vader schreeuwt 's avonds"]

    # Alt+Up reorders within the cell.
    type_item(page, qtbot, Cell.HARM, "Politie kwam op 2 november")
    harm = page.cells[Cell.HARM]
    harm.select_item(harm.model.rows()[1].id)
    harm.view.setFocus()
    qtbot.keyClick(harm.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert texts(page, Cell.HARM)[0] == "Politie kwam op 2 november"
    assert harm.selected().text == "Politie kwam op 2 november"
    ctx.undo_stack.undo()
    assert texts(page, Cell.HARM)[1] == "Politie kwam op 2 november"
    ctx.undo_stack.redo()
    assert texts(page, Cell.HARM)[0] == "Politie kwam op 2 november"

    # Alt+Left of a worry with a limitation moved out and back keeps its mark.
    limitation = next(i for i in harm.model.rows() if i.worry_kind is WorryKind.LIMITATION)
    harm.select_item(limitation.id)
    for _ in range(3):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    moved = page.cells[Cell.STRENGTHS].model.rows()[-1]
    assert moved.id == limitation.id and moved.worry_kind is None
    for _ in range(3):
        ctx.undo_stack.undo()
    assert page._item(limitation.id).worry_kind is WorryKind.LIMITATION


def test_remove_asks_and_undo_puts_it_back(page, ctx, qtbot, fake_dialogs) -> None:
    start_moment(page, qtbot)
    type_item(page, qtbot, Cell.DANGER, "Dat Noa weer gewond raakt")
    cell = page.cells[Cell.DANGER]
    item = cell.model.rows()[0]
    cell.select_item(item.id)
    cell.view.setFocus()
    fake_dialogs.answers.append(False)
    qtbot.keyClick(cell.view, Qt.Key.Key_Delete)
    assert texts(page, Cell.DANGER) == ["Dat Noa weer gewond raakt"]
    fake_dialogs.answers.append(True)
    qtbot.keyClick(cell.view, Qt.Key.Key_Delete)
    assert texts(page, Cell.DANGER) == []
    ctx.undo_stack.undo()
    assert [i.id for i in cell.model.rows()] == [item.id]


def test_typed_text_is_kept_when_adding_fails(page, ctx, qtbot, fake_dialogs) -> None:
    start_moment(page, qtbot)
    line = page.cells[Cell.HARM].add_line
    text = "x" * (moments.MAX_ITEM_LENGTH + 1)
    line.setMaxLength(len(text))
    line.setText(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert fake_dialogs.errors and line.text() == text
    dialog_text = "Gesprek met school"
    page.cells[Cell.HARM].add_line.setText(dialog_text)
    page.cells[Cell.HARM].more_button.click()
    dialog = open_dialog(page, MapItemDialog)
    assert dialog.text.toPlainText() == dialog_text
    dialog.source.setCurrentIndex(dialog.source.count() - 1)  # someone else, no name given
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text()  # kept open with what was typed
    dialog.other_name.setText("Meester Jürgen")
    dialog.accept()
    assert not dialog.isVisible()
    assert page.cells[Cell.HARM].model.rows()[0].source.label == "Meester Jürgen"


def test_second_moment_copies_and_the_first_is_read_only(page, ctx, case, qtbot) -> None:
    start_moment(page, qtbot, "01-11-2026")
    type_item(page, qtbot, Cell.HARM, "Blauwe plek")
    type_item(page, qtbot, Cell.STRENGTHS, "Oma helpt")
    start_moment(page, qtbot, "20-11-2026")
    assert texts(page, Cell.HARM) == ["Blauwe plek"]  # copied
    assert page.moment.moment.held_on == dt.date(2026, 11, 20)
    assert page.bar.combo.count() == 2 and not page.bar.banner.isVisible()
    older = moments.list_moments(ctx.uow, case.id)[0]
    page.bar.combo.setCurrentIndex(1)
    page.bar.combo.activated.emit(1)
    assert page.moment.moment.id == older.id
    assert page.bar.banner.isVisible() and "01-11-2026" in page.bar.banner.text()
    assert not page.cells[Cell.HARM].add_line.isEnabled()
    assert not page.cells[Cell.HARM].model.flags(page.cells[Cell.HARM].model.index(0)) & (
        Qt.ItemFlag.ItemIsDragEnabled
    )
    # Undo of starting the second moment shows the first as current again.
    page._choose_moment(moments.list_moments(ctx.uow, case.id)[-1].id)
    ctx.undo_stack.undo()
    assert page.bar.combo.count() == 1 and page.moment.moment.id == older.id
    assert page.cells[Cell.HARM].add_line.isEnabled()
    ctx.undo_stack.redo()
    assert page.bar.combo.count() == 2 and texts(page, Cell.HARM) == ["Blauwe plek"]


def two_moments(page: FrameworkPage, ctx, case, qtbot) -> tuple[int, int]:
    """A first moment, and a second where one item changed, one moved, one went and one came."""
    start_moment(page, qtbot, "01-11-2026")
    for cell, text in [
        (Cell.HARM, "Blauwe plek"),
        (Cell.HARM, "Vader schreeuwt"),
        (Cell.STRENGTHS, "Oma helpt"),
        (Cell.FAMILY_GOALS, "Meer rust"),
    ]:
        type_item(page, qtbot, cell, text)
    start_moment(page, qtbot, "20-11-2026")
    harm = page.cells[Cell.HARM].model.rows()
    from jeugdtool.ui.framework import commands as fc

    fc.execute(ctx, fc.EditMapItemCommand(ctx, case.id, harm[0], {"text": "Blauwe plek op arm"}))
    fc.execute(ctx, fc.MoveMapItemCommand(ctx, case.id, harm[1], Cell.DANGER, 1))
    fc.execute(
        ctx, fc.RemoveMapItemCommand(ctx, case.id, page.cells[Cell.FAMILY_GOALS].model.rows()[0])
    )
    type_item(page, qtbot, Cell.EXISTING_SAFETY, "Buurvrouw Zoë belt elke avond")
    first, second = (m.id for m in moments.list_moments(ctx.uow, case.id))
    return first, second


def test_compare_shows_added_changed_removed_and_moved(page, ctx, case, qtbot) -> None:
    first, second = two_moments(page, ctx, case, qtbot)
    page.show_comparison(first, second)
    page.compare.diff_button.click()
    assert page.compare.columns.isVisible()
    kinds = {
        cell: [(m.index(r).data(StatusRole), m.index(r).data()) for r in range(m.rowCount())]
        for cell, m in page.compare.models.items()
    }
    assert kinds[Cell.HARM] == [("changed", "Blauwe plek op arm")]
    assert kinds[Cell.DANGER] == [("moved", "Vader schreeuwt")]
    assert kinds[Cell.EXISTING_SAFETY] == [("added", "Buurvrouw Zoë belt elke avond")]
    assert kinds[Cell.FAMILY_GOALS] == [("removed", "Meer rust")]
    assert kinds[Cell.STRENGTHS] == [(None, "Oma helpt")]
    harm_model = page.compare.models[Cell.HARM]
    assert harm_model.index(0).data(OldTextRole) == "Blauwe plek"
    assert "nieuw" in page.compare.summary.text().lower() or "new" in page.compare.summary.text()
    qtbot.keyClick(page.compare.back_button, Qt.Key.Key_Escape)
    assert page.columns.isVisible()


def mnemonic_click(widget, button, qtbot) -> None:
    """Press the button's Alt+letter (as translated) with the keyboard; Qt animates the press,
    so wait for the click."""
    key = QKeySequence.mnemonic(button.text())
    assert not key.isEmpty(), button.text()
    combo = key[0]
    activate(widget.window(), qtbot)  # closed dialogs may have taken the activation along
    with qtbot.waitSignal(button.clicked, timeout=1000):
        qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def test_compare_opens_side_by_side_and_the_toggle_works_by_keyboard(
    page, ctx, case, qtbot
) -> None:
    first, second = two_moments(page, ctx, case, qtbot)
    page.show_comparison(first, second)
    compare = page.compare
    assert compare.mode == SIDE_BY_SIDE and compare.side_columns.isVisible()
    assert compare.side_button.isChecked() and not compare.columns.isVisible()
    assert compare.side_button.text() != compare.diff_button.text()
    # Alt+letter (the translated accelerator) switches, from wherever the focus is.
    mnemonic_click(compare.back_button, compare.diff_button, qtbot)
    assert compare.mode == DIFFERENCES and compare.columns.isVisible()
    assert compare.diff_button.isChecked() and not compare.side_columns.isVisible()
    mnemonic_click(compare.back_button, compare.side_button, qtbot)
    assert compare.mode == SIDE_BY_SIDE
    # Tab to the toggle and Space works too.
    compare.diff_button.setFocus()
    qtbot.keyClick(compare.diff_button, Qt.Key.Key_Space)
    assert compare.mode == DIFFERENCES
    # A change while comparing reloads the same pair: the chosen view stays.
    page.reload()
    assert compare.mode == DIFFERENCES
    # Leaving and opening a comparison again starts side by side.
    qtbot.keyClick(compare.back_button, Qt.Key.Key_Escape)
    assert page.columns.isVisible()
    page.show_comparison(first, second)
    assert compare.mode == SIDE_BY_SIDE


def test_side_by_side_puts_each_version_on_its_side(page, ctx, case, qtbot, qtmodeltester) -> None:
    first, second = two_moments(page, ctx, case, qtbot)
    page.show_comparison(first, second)
    models = page.compare.side_models

    def rows(cell: Cell, role: int = Qt.ItemDataRole.DisplayRole) -> list[tuple]:
        model = models[cell]
        return [
            (model.index(r, OLDER).data(role), model.index(r, NEWER).data(role))
            for r in range(model.rowCount())
        ]

    # Changed: the old text left, the new right, on one row, both marked.
    assert rows(Cell.HARM)[0] == ("Blauwe plek", "Blauwe plek op arm")
    assert rows(Cell.HARM, StatusRole)[0] == ("changed", "changed")
    # Moved: left in its old cell, right in its new one, both marked.
    assert rows(Cell.HARM)[1] == ("Vader schreeuwt", None)
    assert rows(Cell.DANGER) == [(None, "Vader schreeuwt")]
    assert rows(Cell.DANGER, StatusRole) == [(None, "moved")]
    assert rows(Cell.HARM, StatusRole)[1] == ("moved", None)
    assert any("Waar zijn we bang voor?" in m for m in rows(Cell.HARM, MarksRole)[1][0])
    # Removed: only on the left; added: only on the right.
    assert rows(Cell.FAMILY_GOALS) == [("Meer rust", None)]
    assert rows(Cell.FAMILY_GOALS, StatusRole) == [("removed", None)]
    assert rows(Cell.EXISTING_SAFETY) == [(None, "Buurvrouw Zoë belt elke avond")]
    assert rows(Cell.EXISTING_SAFETY, StatusRole) == [(None, "added")]
    # Unchanged: the same on both sides, no mark.
    assert rows(Cell.STRENGTHS) == [("Oma helpt", "Oma helpt")]
    assert rows(Cell.STRENGTHS, StatusRole) == [(None, None)]
    # The words are there for a screen reader too, and each side has its date.
    spoken = rows(Cell.FAMILY_GOALS, Qt.ItemDataRole.AccessibleTextRole)[0]
    assert spoken[0].startswith("vervallen") and spoken[1]
    header = models[Cell.HARM].headerData
    assert header(OLDER, Qt.Orientation.Horizontal) == "01-11-2026"
    assert header(NEWER, Qt.Orientation.Horizontal) == "20-11-2026"
    qtmodeltester.check(models[Cell.HARM])


def test_side_by_side_shows_all_eight_cells_at_1180x600(page, ctx, case, qtbot) -> None:
    first, _second = two_moments(page, ctx, case, qtbot)
    for _ in range(6):  # a fuller cell that has to scroll
        type_item(page, qtbot, Cell.HARM, "Nog een zorg die over twee regels loopt in de cel")
    page.show_comparison(first, page.moments[-1].id)
    for size in ((1366, 768), (1180, 600)):
        page.resize(*size)
        QApplication.processEvents()
        QApplication.processEvents()
        area = page.rect()
        for cell, box in page.compare.side_cells.items():
            view = page.compare.side_views[cell]
            assert box.isVisible(), cell
            rect = box.rect().translated(box.mapTo(page, QPoint(0, 0)))
            assert area.contains(rect), (cell, rect, area)
            assert view.height() >= view.minimumHeight() >= 40, cell
            assert view.columnWidth(OLDER) > 120 and view.columnWidth(NEWER) > 120, cell
    harm = page.compare.side_views[Cell.HARM]
    assert harm.verticalScrollBar().maximum() > 0  # the fullest cell scrolls inside


def test_all_eight_cells_are_visible_at_1366x768(page, qtbot) -> None:
    for size in ((1366, 768), (1180, 600)):  # the page alone, and inside the workspace
        page.resize(*size)
        QApplication.processEvents()
        area = page.rect()
        for cell, widget in page.cells.items():
            assert widget.isVisible(), cell
            rect = widget.rect().translated(widget.mapTo(page, QPoint(0, 0)))
            assert area.contains(rect), (cell, rect, area)
            assert widget.view.height() >= 40, cell
            title = widget.title
            needed = title.fontMetrics().horizontalAdvance(title.text())
            lines = -(-needed // max(1, title.width()))
            assert title.height() >= lines * title.fontMetrics().height(), cell
            assert title.width() > 120, cell


def test_drag_and_drop_at_model_level_asks_for_a_move(page, ctx, qtbot) -> None:
    start_moment(page, qtbot)
    for text in ("Een", "Twee", "Drie"):
        type_item(page, qtbot, Cell.STRENGTHS, text)
    source = page.cells[Cell.STRENGTHS].model
    data = source.mimeData([source.index(0)])
    assert data.hasFormat(MIME_TYPE)
    # Within the cell: drop "Een" below "Drie".
    assert source.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    qtbot.waitUntil(lambda: texts(page, Cell.STRENGTHS) == ["Twee", "Drie", "Een"])
    # Across cells: drop "Twee" on the empty "existing safety".
    data = source.mimeData([source.index(0)])
    target = page.cells[Cell.EXISTING_SAFETY].model
    assert target.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    qtbot.waitUntil(lambda: texts(page, Cell.EXISTING_SAFETY) == ["Twee"])
    assert texts(page, Cell.STRENGTHS) == ["Drie", "Een"]
    ctx.undo_stack.undo()
    assert texts(page, Cell.STRENGTHS) == ["Twee", "Drie", "Een"]
    assert not source.removeRows(0, 1)  # the view's "move" clean-up never deletes


def test_models_pass_the_model_tester(page, ctx, qtbot, qtmodeltester) -> None:
    start_moment(page, qtbot)
    type_item(page, qtbot, Cell.HARM, "Blauwe plek")
    type_item(page, qtbot, Cell.HARM, "Vader schreeuwt")
    qtmodeltester.check(page.cells[Cell.HARM].model)
    qtmodeltester.check(CellItemModel(Cell.DANGER))
    start_moment(page, qtbot, dt.date.today().strftime("%d-%m-%Y"))
    first, second = (m.id for m in moments.list_moments(ctx.uow, page.case_id))
    page.show_comparison(first, second)
    qtmodeltester.check(page.compare.models[Cell.HARM])
    assert isinstance(page.compare, CompareView)
    assert isinstance(page.compare.models[Cell.HARM], CompareCellModel)


def test_guided_request_is_signalled(page, qtbot) -> None:
    start_moment(page, qtbot)
    with qtbot.waitSignal(page.guided_requested):
        page.bar.guided_button.click()


def close(ctx, case_id: int) -> None:
    outcome = households.close_case(ctx.uow, case_id, "Doelen bereikt")
    ctx.signals.emit_changes(outcome.changes)


def assert_read_only(page: FrameworkPage) -> None:
    assert not page.editable
    assert page.bar.banner.isVisible() and page.bar.banner.text() == closed_note()
    assert not page.bar.new_button.isEnabled()
    assert not page.bar.guided_button.isEnabled()
    assert page.bar.guided_button.toolTip() == closed_note()
    for widget in page.cells.values():
        assert not widget.add_line.isVisible() and not widget.more_button.isVisible()
        assert not widget.view.dragEnabled() and not widget.view.acceptDrops()
        enabled = [a.shortcut() for a in widget.actions_ if a.isEnabled()]
        assert enabled == [QKeySequence("Return")]  # Change… opens the item read-only
    harm = page.cells[Cell.HARM].model
    assert not harm.flags(harm.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not harm.canDropMimeData(
        harm.mimeData([harm.index(0)]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )


def test_a_closed_case_shows_the_map_read_only_until_it_is_reopened(page, ctx, case, qtbot) -> None:
    start_moment(page, qtbot, "01-11-2026")
    type_item(page, qtbot, Cell.HARM, "Blauwe plek")
    type_item(page, qtbot, Cell.HARM, "Vader schreeuwt")
    start_moment(page, qtbot, "20-11-2026")
    close(ctx, case.id)
    assert_read_only(page)
    assert texts(page, Cell.HARM) == ["Blauwe plek", "Vader schreeuwt"]
    # Nothing is started or moved, whichever way it is asked for.
    page.start_new_moment()
    assert not [d for d in page.findChildren(NewMomentDialog) if d.isVisible()]
    harm = page.cells[Cell.HARM]
    harm.select_item(harm.model.rows()[0].id)
    harm.view.setFocus()
    qtbot.keyClick(harm.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(harm.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert texts(page, Cell.HARM) == ["Blauwe plek", "Vader schreeuwt"]
    assert ctx.undo_stack.count() == 4  # two moments, two items: nothing since closing
    # Change… (Enter) still shows the item, read-only.
    qtbot.keyClick(harm.view, Qt.Key.Key_Return)
    dialog = open_dialog(page, MapItemDialog)
    assert dialog.text.isReadOnly() and not dialog.source.isEnabled()
    dialog.accept()  # Ctrl+Enter: nothing is saved, it stays open
    assert dialog.isVisible()
    dialog.reject()
    # Comparing still works.
    assert page.bar.compare_button.isEnabled()
    first, second = (m.id for m in moments.list_moments(ctx.uow, case.id))
    page.show_comparison(first, second)
    assert page.stack.currentWidget() is page.compare
    page.show_map()
    # Reopening makes it editable again, without opening the tab anew.
    ctx.run(households.reopen_case, case.id)
    assert page.editable
    assert not page.bar.banner.isVisible()
    assert page.bar.new_button.isEnabled() and page.bar.guided_button.isEnabled()
    assert page.bar.guided_button.toolTip() != closed_note()
    assert harm.add_line.isVisible() and harm.add_line.isEnabled()
    assert harm.view.dragEnabled()
    type_item(page, qtbot, Cell.HARM, "Moeder huilt")
    assert texts(page, Cell.HARM) == ["Blauwe plek", "Vader schreeuwt", "Moeder huilt"]


def test_a_closed_case_without_moments_offers_no_new_moment(page, ctx, case) -> None:
    close(ctx, case.id)
    assert page.bar.banner.isVisible() and page.bar.banner.text() == closed_note()
    assert not page.bar.empty_hint.isVisible()
    assert not page.bar.new_button.isEnabled()
    ctx.run(households.reopen_case, case.id)
    assert page.bar.new_button.isEnabled() and page.bar.empty_hint.isVisible()


def test_guided_mode_is_not_offered_for_a_closed_case(ctx, case, people, qtbot) -> None:
    area = FrameworkArea(ctx, case.id)
    qtbot.addWidget(area)
    area.resize(1366, 768)
    area.show()
    moments.start_moment(ctx.uow, case.id, author="A. de Boer", held_on=dt.date.today())
    area.map.reload()
    button = area.map.bar.guided_button
    assert button.isEnabled()
    # Open while the case is closed elsewhere: back to the map, and the button says why.
    button.click()
    assert area.guided is not None and area.currentWidget() is area.guided
    area.guided.entry.input.setPlainText("Vader schreeuwt")
    close(ctx, case.id)
    assert area.guided is None and area.currentWidget() is area.map
    latest = moments.latest_moment(ctx.uow, case.id)
    assert latest is not None and not latest.items()  # nothing typed went into the closed case
    assert not button.isEnabled() and button.toolTip() == closed_note()
    area.start_guided()  # asked another way: still refused
    assert area.guided is None and area.currentWidget() is area.map
    ctx.run(households.reopen_case, case.id)
    assert button.isEnabled()
    button.click()
    assert area.currentWidget() is area.guided
