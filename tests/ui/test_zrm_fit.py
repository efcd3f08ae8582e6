"""The ZRM page on a 1366 screen: the matrix fits beside the persons and the details, long
names wrap instead of being cut off, and the plan links scroll with the side panel, not in a
list of their own."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jeugdtool.export.demo import load_demo

from jeugdtool.ui.zrm.page import ZrmPage

#: A 1366 screen less the case's page list and margins.
WIDTH = 1366 - 190
LONG_NAME = {"first_name": "Anna-Maria", "last_name": "van den Heuvel-Szymańska", "role": "parent"}


@pytest.fixture
def page(ctx, qtbot) -> ZrmPage:
    """The Jansens' ZRM (a plan with many goals and agreements) at 1366×720 less the page list."""
    case = load_demo(ctx.uow).value[0]
    shown = ZrmPage(ctx, case.id)
    qtbot.addWidget(shown)
    shown.resize(WIDTH, 600)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    return shown


def test_the_matrix_persons_and_details_fit_side_by_side(page) -> None:
    editor = page.editor
    assert page.width() == WIDTH  # not grown past the screen
    assert editor.minimumSizeHint().width() <= WIDTH
    assert editor.grid.width() >= editor.grid.minimumWidth()
    header = editor.grid.horizontalHeader()
    levels_right = header.sectionViewportPosition(7) + header.sectionSize(7)
    assert levels_right <= editor.grid.viewport().width() + 1  # "Since …" in view
    assert editor.grid.horizontalScrollBar().maximum() == 0


def test_a_long_name_wraps_and_has_a_tooltip(ctx, page, qtbot) -> None:
    from jeugdtool.cases import members

    members.add_person(ctx.uow, page.case_id, LONG_NAME)
    page.reload()
    tree = page.editor.tree
    item = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if "Szymańska" in tree.topLevelItem(i).text(0)
    )
    one_line = tree.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: tree.visualItemRect(item).height() > 1.5 * one_line)
    assert tree.visualItemRect(item).right() <= tree.viewport().width()
    assert item.toolTip(0) == item.text(0)
    assert tree.horizontalScrollBar().maximum() == 0


def test_the_plan_links_scroll_with_the_side_panel(page, qtbot) -> None:
    editor = page.editor
    editor.grid.go_to(0, 2)  # Financiën: a focus domain, linked to the plan
    links = editor.form.links
    assert links.count() >= 8
    qtbot.waitUntil(lambda: links.isVisible())
    qtbot.waitUntil(
        lambda: all(
            links.visualItemRect(links.item(i)).bottom() < links.viewport().height()
            for i in range(links.count())
        )
    )
    assert links.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert editor.side.verticalScrollBar().maximum() > 0  # the panel scrolls instead
