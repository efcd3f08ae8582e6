"""The ZRM page paints and reads with less work (issue 20), showing the same: the grid's cells
are painted from one look per cell (`MatrixModel.cell_look`, made of the parts `data` answers
with), the current cell keeps its frame, and the page reads the case's assessments, matrices and
plan in one transaction without reading the case again."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QPalette

from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.zrm import assessments

from jeugdtool.ui.zrm import data as zrm_data
from jeugdtool.ui.zrm.grid import FOCUS_FRAME
from jeugdtool.ui.zrm.grid_model import COLUMNS
from jeugdtool.ui.zrm.page import ZrmPage

Role = Qt.ItemDataRole
TODAY = dt.date.today()


@pytest.fixture
def scored(ctx, case):
    """Sanne with two assessments: levels, a focus domain with a target, an acute domain."""
    fields = {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    sanne = members.add_person(ctx.uow, case.id, fields).value
    first = assessments.create_assessment(
        ctx.uow, sanne.id, assessed_on=TODAY - dt.timedelta(days=90)
    ).value
    for code, level in (("financien", 2), ("huisvesting", 3), ("werk_opleiding", 4)):
        assessments.set_domain(ctx.uow, first.id, code, {"level": level})
    second = assessments.create_assessment(ctx.uow, sanne.id, assessed_on=TODAY).value
    changes = {
        "financien": {"level": 1},
        "huisvesting": {"level": 4, "focus": True, "target_level": 5},
        "werk_opleiding": {"level": 2},
    }
    for code, fields in changes.items():
        assessments.set_domain(ctx.uow, second.id, code, fields)
    return sanne


def _page(ctx, case, qtbot) -> ZrmPage:
    page = ZrmPage(ctx, case.id)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page


def _same_brush(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.color() == b.color()


def _looks_as_data_says(model) -> None:
    """Every cell's look is what `data` answers for its roles."""
    model.follow_palette()
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        for column in range(COLUMNS):
            index = model.index(row, column)
            look = model.cell_look(row, column)
            assert look.text == model.data(index, Role.DisplayRole)
            assert _same_brush(look.background, model.data(index, Role.BackgroundRole))
            assert _same_brush(look.foreground, model.data(index, Role.ForegroundRole))
            font = model.data(index, Role.FontRole)
            assert look.bold == (isinstance(font, QFont) and font.bold())
            assert int(look.alignment.value) == int(model.data(index, Role.TextAlignmentRole))


def test_each_cell_is_painted_as_its_data_says(ctx, case, scored, qtbot):
    page = _page(ctx, case, qtbot)
    model = page.editor.model
    _looks_as_data_says(model)
    # Something to see: a chosen level in its colour, the focus domain bold, a change coloured.
    looks = [model.cell_look(r, c) for r in range(model.rowCount()) for c in range(COLUMNS)]
    assert any(look.background is not None for look in looks)
    assert any(look.bold for look in looks)
    assert any(look.foreground is not None for look in looks)
    # A level typed: the looks follow (the grid is painted from the new assessment).
    grid = page.editor.grid
    grid.setFocus()
    grid.go_to(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_5)
    assert page.editor.model.score_at(0).level == 5
    _looks_as_data_says(model)
    # Read again after the level (only the assessments): as the service reads them.
    assert page.data.assessments == assessments.list_assessments(ctx.uow, case.id)
    assert {a.person_name for a in page.data.assessments} == {"Sanne Jansen"}
    ctx.undo_stack.undo()
    assert page.editor.model.score_at(0).level != 5
    _looks_as_data_says(model)


def test_the_looks_follow_a_new_palette(ctx, case, scored, qtbot):
    page = _page(ctx, case, qtbot)
    model = page.editor.model
    _looks_as_data_says(model)
    app = QGuiApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    try:
        app.setPalette(dark)
        page.editor.grid.viewport().repaint()
        _looks_as_data_says(model)
    finally:
        app.setPalette(before)


def test_the_current_cell_keeps_its_frame(ctx, case, scored, qtbot):
    page = _page(ctx, case, qtbot)
    grid = page.editor.grid
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    grid.go_to(1, 4)
    image = grid.viewport().grab().toImage()
    rect = grid.visualRect(grid.currentIndex())
    frame = QColor(FOCUS_FRAME)
    # The strong frame, three pixels wide, just inside the cell, on each side.
    for x, y in (
        (rect.left() + 2, rect.center().y()),
        (rect.right() - 2, rect.center().y()),
        (rect.center().x(), rect.top() + 2),
        (rect.center().x(), rect.bottom() - 2),
    ):
        assert image.pixelColor(x, y) == frame, (x, y)
    # Not around another cell.
    other = grid.visualRect(grid.model().index(3, 4))
    assert image.pixelColor(other.left() + 2, other.center().y()) != frame


def test_the_page_reads_in_one_transaction_without_the_case_again(ctx, case, scored):
    detail = queries.get_case(ctx.uow, case.id)
    seen: list[str] = []

    def record(_conn, _cursor, statement: str, *_args) -> None:
        seen.append(" ".join(statement.split()).upper())

    engine = ctx.uow.database.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        loaded = zrm_data.load(ctx.uow, case.id, False, case=detail)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert [s for s in seen if s.startswith("BEGIN")] == [seen[0]]  # one transaction
    assert not [s for s in seen if " FROM HOUSEHOLDS" in s or " FROM PERSONS" in s]
    # As read before, statement by statement.
    assert [a.person_name for a in loaded.assessments] == ["Sanne Jansen"] * 2
    assert [a.editable for a in loaded.assessments] == [False, True]
    assert loaded.assessments == assessments.list_assessments(ctx.uow, case.id)
    assert scored.id in [p.id for p in loaded.persons]
