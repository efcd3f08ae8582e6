"""The map as a new consultant meets it: questions in empty cells, who said it by default, a
named "…" button, one highlighted item, and a next step after guided mode."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from jeugdtool.cases import members
from jeugdtool.cases.vocab import CaseMode
from jeugdtool.framework import moments
from jeugdtool.framework import prompts
from jeugdtool.framework.speakers import NOT_RECORDED
from jeugdtool.framework.speakers import the_family
from jeugdtool.framework.vocab import Cell

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.framework.guided import GuidedMapping
from jeugdtool.ui.framework.item_dialog import MapItemDialog
from jeugdtool.ui.framework.map_page import FrameworkPage
from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import SAFETY_PLAN
from jeugdtool.ui.workspace.workspace import SCALE
from jeugdtool.ui.workspace.workspace import CaseWorkspace

TODAY = dt.date.today()


@pytest.fixture
def moment(ctx, case):
    members.add_person(
        ctx.uow, case.id, {"first_name": "Sanne", "last_name": "Bakker", "role": "parent"}
    )
    return moments.start_moment(ctx.uow, case.id, author="A. de Boer", held_on=TODAY).value


@pytest.fixture
def page(ctx, case, moment, qtbot) -> FrameworkPage:
    widget = FrameworkPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def add(ctx, moment, cell: Cell, text: str) -> None:
    moments.add_item(ctx.uow, moment.id, cell, {"text": text})


def muted_pixels(image: QImage) -> int:
    """Pixels in the palette's muted grey-blue of the question (item text is black)."""
    muted = qcolor(Role.MUTED)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if abs(colour.red() - muted.red()) < 24 and colour.blue() - colour.red() > 4:
                count += 1
    return count


# ---- questions in empty cells ------------------------------------------------------------------


def test_an_empty_cell_shows_its_question_and_a_filled_one_does_not(page, ctx, moment, qtbot):
    cell = page.cells[Cell.DANGER]
    question = prompts.cell_guide(Cell.DANGER, CaseMode.SAFETY).questions[0]
    assert cell.view.placeholder == question  # the guided mode's own words, from resources/
    assert cell.view.accessibleDescription() == question  # a screen reader hears it too
    assert muted_pixels(cell.view.viewport().grab().toImage()) > 20
    add(ctx, moment, Cell.DANGER, "Als vader drinkt, slaat hij.")
    page.reload()
    qtbot.waitUntil(lambda: cell.model.rowCount() == 1)
    assert muted_pixels(cell.view.viewport().grab().toImage()) == 0


def test_every_question_fits_its_cell_at_1366_by_768(page):
    """Wrapped, each cell's question is no taller than the cell's list, so it is read whole."""
    QApplication.processEvents()
    for cell, widget in page.cells.items():
        viewport = widget.view.viewport()
        font = widget.view.font()
        font.setItalic(True)
        needed = QFontMetrics(font).boundingRect(
            QRect(0, 0, viewport.width() - 16, 10_000),
            int(Qt.TextFlag.TextWordWrap),
            widget.view.placeholder,
        )
        assert widget.view.placeholder, cell
        assert needed.height() + 12 <= viewport.height(), cell


def test_wellbeing_cases_ask_their_own_questions(page, ctx, case):
    from jeugdtool.cases import households

    households.update_case(ctx.uow, case.id, {"mode": CaseMode.WELLBEING.value})
    page.reload()
    wellbeing = prompts.cell_guide(Cell.HARM, CaseMode.WELLBEING).questions[0]
    assert page.cells[Cell.HARM].view.placeholder == wellbeing


# ---- who said it ----------------------------------------------------------------------------


def test_enter_adds_an_item_said_by_nobody_or_by_the_family(page, qtbot):
    for cell, text in ((Cell.HARM, "Noa had een blauwe plek"), (Cell.FAMILY_GOALS, "Rust")):
        line = page.cells[cell].add_line
        line.setFocus()
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    (harm,) = page.cells[Cell.HARM].model.rows()
    (goal,) = page.cells[Cell.FAMILY_GOALS].model.rows()
    assert harm.source == NOT_RECORDED and "A. de Boer" not in harm.source.label
    assert goal.source == the_family()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(Cell.HARM, NOT_RECORDED), (Cell.FAMILY_GOALS, None), (Cell.PROFESSIONAL_GOALS, "me")],
)
def test_the_item_dialog_proposes_the_cells_speaker_as_a_choice(page, cell, expected):
    dialog = MapItemDialog(page, cell, "titel", page.detail, "A. de Boer", lambda *a: None)
    chosen = dialog.source.currentData()
    if expected is None:
        assert chosen == the_family()
    elif expected == "me":
        assert chosen.label == "A. de Boer"
    else:
        assert chosen == expected
    labels = [dialog.source.itemText(row) for row in range(dialog.source.count())]
    assert labels[0] == dialog.source.itemText(0) and NOT_RECORDED in [
        dialog.source.itemData(row) for row in range(dialog.source.count())
    ]
    assert not dialog.other_name.isVisibleTo(dialog)  # "the family" needs no typed name
    dialog.deleteLater()


def test_editing_an_item_keeps_who_said_it(page, ctx, moment):
    moments.add_item(ctx.uow, moment.id, Cell.HARM, {"text": "Iets", "source": the_family()})
    page.reload()
    (item,) = page.cells[Cell.HARM].model.rows()
    dialog = MapItemDialog(page, Cell.HARM, "t", page.detail, "A. de Boer", lambda *a: None, item)
    assert dialog.source.currentData() == the_family()
    assert dialog.values()["source"] == the_family()
    dialog.deleteLater()


# ---- the "…" button -------------------------------------------------------------------------


def test_the_more_button_is_named_and_reached_by_tab(page, qtbot):
    cell = page.cells[Cell.STRENGTHS]
    button = cell.more_button
    title = cell.title.text()
    assert title in button.accessibleName() and button.toolTip()
    assert "Ctrl+Enter" in button.toolTip()
    cell.add_line.setFocus()
    qtbot.keyClick(cell.add_line, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(MapItemDialog)))
    (dialog,) = [d for d in page.findChildren(MapItemDialog) if d.isVisible()]
    assert dialog.cell is Cell.STRENGTHS
    dialog.reject()


# ---- one highlighted item ---------------------------------------------------------------------


def test_only_the_cell_with_the_focus_shows_a_selected_item(page, ctx, moment, qtbot):
    for cell in Cell:
        add(ctx, moment, cell, f"Punt in {cell.value}")
    page.reload()
    for widget in page.cells.values():  # a keyboard user going through every cell
        widget.view.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
    selected = [c for c, w in page.cells.items() if w.view.selectionModel().selectedIndexes()]
    assert selected == [Cell.IMMEDIATE_NEEDS]
    back = page.cells[Cell.HARM]
    back.view.setFocus(Qt.FocusReason.TabFocusReason)  # back in a cell: its item again
    QApplication.processEvents()
    assert back.selected() is not None and back.selected().cell is Cell.HARM
    assert not page.cells[Cell.IMMEDIATE_NEEDS].view.selectionModel().selectedIndexes()


def test_a_dialog_of_the_cell_keeps_its_item_selected(page, ctx, moment, qtbot):
    add(ctx, moment, Cell.HARM, "Punt")
    page.reload()
    cell = page.cells[Cell.HARM]
    cell.view.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(cell.view, Qt.Key.Key_F2)  # the editor is a window of its own
    qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(MapItemDialog)))
    assert cell.selected() is not None
    (dialog,) = [d for d in page.findChildren(MapItemDialog) if d.isVisible()]
    dialog.reject()


# ---- after guided mode ------------------------------------------------------------------------


@pytest.fixture
def workspace(moment, workspace) -> CaseWorkspace:
    """The conftest's workspace, of a case that has a moment before the window is made."""
    return workspace


def guided_summary(workspace: CaseWorkspace) -> GuidedMapping:
    workspace.show_page(FRAMEWORK)
    QApplication.processEvents()  # a page built on first showing appears on the next turn
    area = workspace.framework.ensure_built()
    area.start_guided()
    guided = area.guided
    assert isinstance(guided, GuidedMapping) and guided.moment is not None  # today's moment
    guided.show_summary()
    return guided


def test_the_summary_says_what_comes_next_in_the_methods_order(workspace):
    summary = guided_summary(workspace).summary_page
    assert summary.next_title.isVisible() and summary.next_text.text()
    assert list(summary.next_buttons) == ["statements", "scale", "plan"]
    assert all(b.isVisible() and b.isEnabled() for b in summary.next_buttons.values())


@pytest.mark.parametrize(("key", "row"), [("scale", SCALE), ("plan", SAFETY_PLAN)])
def test_a_next_step_saves_the_typed_text_and_opens_that_page(workspace, ctx, case, key, row):
    guided = guided_summary(workspace)
    guided.go_to(0)
    guided.entry.input.setPlainText("Vader sloeg Noa")
    guided._leave_to_summary()  # the text waits as a draft
    guided.summary_page.next_buttons[key].click()
    assert workspace.nav.currentRow() == row
    latest = moments.latest_moment(ctx.uow, case.id)
    assert [i.text for i in latest.cells[guided.order[0]]] == ["Vader sloeg Noa"]
    area = workspace.framework.ensure_built()
    assert area.currentWidget() is area.map  # coming back to the map shows the whole map


def test_guided_mode_starts_each_cell_with_its_speaker_until_one_is_chosen(workspace):
    guided = guided_summary(workspace)
    guided.jump_to(Cell.FAMILY_GOALS)
    assert guided.entry.chosen_source() == the_family()
    guided.jump_to(Cell.HARM)
    assert guided.entry.chosen_source() == NOT_RECORDED
    sanne = next(
        r for r in range(guided.entry.source.count()) if "Sanne" in guided.entry.source.itemText(r)
    )
    guided.entry.source.setCurrentIndex(sanne)
    guided.entry.source.activated.emit(sanne)  # as a choice by mouse or keyboard reports it
    guided.jump_to(Cell.FAMILY_GOALS)
    assert "Sanne" in guided.entry.chosen_source().label  # the user's choice is kept


def test_a_cell_that_is_no_worry_shows_no_stray_problem_field(page):
    dialog = MapItemDialog(page, Cell.STRENGTHS, "t", page.detail, "A. de Boer", lambda *a: None)
    dialog.show()
    assert not dialog.worry_kind.isVisible()  # it used to float over the top left corner
    dialog.close()
    dialog.deleteLater()


def test_focus_moving_after_the_map_is_gone_is_harmless(ctx, case, moment, qtbot):
    """Each cell follows the application's focus; a closed case's cells stop following."""
    import shiboken6

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QLineEdit

    page = FrameworkPage(ctx, case.id)
    page.show()
    page.cells[Cell.HARM].view.setFocus()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(page)
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.setFocus()  # pytest-qt fails the test on an exception in a slot
    QApplication.processEvents()
