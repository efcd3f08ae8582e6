"""Opening the map fast (issue 20) without losing anything: the cells' keys are made only when a
cell first gets the focus, yet work from the first key press; the case's members are read only
when a dialog needs them; an edit right after opening lands and undoes."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _

from jeugdtool.ui.framework.item_dialog import MapItemDialog
from jeugdtool.ui.framework.map_page import FrameworkPage


@pytest.fixture
def mapped(ctx, case):
    """A case with two moments: the older with one harm item, the newer (copied) with two."""
    members.add_person(ctx.uow, case.id, {"first_name": "Sanne", "role": "parent"})
    older = moments.start_moment(ctx.uow, case.id, author="A. de Boer").value
    moments.add_item(ctx.uow, older.id, Cell.HARM, {"text": "Blauwe plek"})
    newer = moments.start_moment(ctx.uow, case.id, author="A. de Boer").value
    moments.add_item(ctx.uow, newer.id, Cell.HARM, {"text": "Vader schreeuwt"})
    return older, newer


@pytest.fixture
def page(ctx, case, mapped, qtbot):
    widget = FrameworkPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def texts(page: FrameworkPage, cell: Cell) -> list[str]:
    return [i.text for i in page.cells[cell].model.rows()]


def test_the_newest_moment_is_shown_and_no_cell_has_made_its_keys(page, mapped) -> None:
    _older, newer = mapped
    assert page.moment.moment.id == newer.id and page.editable
    assert texts(page, Cell.HARM) == ["Blauwe plek", "Vader schreeuwt"]
    assert all(widget._actions is None for widget in page.cells.values())
    assert page._detail is None  # members and network: not read for the map itself


def test_a_key_right_after_opening_moves_the_item_and_undo_puts_it_back(page, ctx, qtbot) -> None:
    harm = page.cells[Cell.HARM]
    first = harm.model.rows()[0]
    harm.view.setFocus()
    harm.select_item(first.id)
    assert harm._actions is not None  # made as the focus came in
    qtbot.keyClick(harm.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert texts(page, Cell.HARM) == ["Vader schreeuwt"]
    assert texts(page, Cell.DANGER) == ["Blauwe plek"]
    assert page.cells[Cell.DANGER].selected().id == first.id
    ctx.undo_stack.undo()
    assert texts(page, Cell.HARM) == ["Blauwe plek", "Vader schreeuwt"]
    assert not texts(page, Cell.DANGER)
    ctx.undo_stack.redo()
    assert texts(page, Cell.DANGER) == ["Blauwe plek"]


def test_ctrl_enter_in_an_add_line_never_used_opens_the_editor_with_the_members(
    page, ctx, case, qtbot
) -> None:
    line = page.cells[Cell.STRENGTHS].add_line
    line.setFocus()
    qtbot.keyClicks(line, "Oma helpt")
    qtbot.keyClick(line, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (dialog,) = [d for d in page.findChildren(MapItemDialog) if d.isVisible()]
    assert dialog.text.toPlainText() == "Oma helpt"
    assert dialog.source.findText("Sanne", Qt.MatchFlag.MatchStartsWith) >= 0
    dialog.reject()
    # A member added later is in the next dialog: the page reads them again after a change.
    members.add_person(ctx.uow, case.id, {"first_name": "Daan", "role": "child"})
    page.reload()
    assert [p.first_name for p in page.detail.persons] == ["Sanne", "Daan"]


def test_a_past_moment_chosen_stays_shown_and_its_keys_only_open_items(page, mapped) -> None:
    older, _newer = mapped
    page.bar.moment_chosen.emit(older.id)
    assert page.moment.moment.id == older.id and not page.editable
    page.reload()
    assert page.moment.moment.id == older.id  # a reload keeps the moment the user chose
    harm = page.cells[Cell.HARM]
    harm.view.setFocus()
    assert [a.text() for a in harm.actions_ if a.isEnabled()] == [_("Change…")]
