"""The main window's own menus speak of the case in view in its words: the View menu's pages
and the Edit menu's Undo/Redo of a change made in a wellbeing case say "welzijnsplan", while a
safety case keeps "veiligheidsplan" (framework/wording.py `for_mode`)."""

from __future__ import annotations

import pytest

from jeugdtool.export.demo import load_demo

from jeugdtool.ui import commands as c
from jeugdtool.ui.plan.plan_commands import StartDraftCommand

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

#: Demo household 02 (Bakker) works with Signs of Wellbeing; 01 (Jansen) with Signs of Safety.
WELLBEING_CASE, SAFETY_CASE = "2026-0002", "2026-0001"


@pytest.fixture
def window(started_window):
    loaded = load_demo(started_window.ctx.uow).value
    started_window.list_page.reload()
    ids = {case.case_number: case.id for case in loaded}
    started_window.case_ids = ids
    for number in (SAFETY_CASE, WELLBEING_CASE):
        started_window.open_case(ids[number])
    return started_window


def _pages(window) -> str:
    window._fill_pages()
    return " ".join(a.text().replace("&", "") for a in window.pages_section.actions)


def test_the_view_menu_names_the_pages_in_the_words_of_the_case_in_view(window) -> None:
    window.open_case(window.case_ids[WELLBEING_CASE])
    pages = _pages(window)
    assert "Welzijnsplan" in pages and "Zorg en doelen" in pages
    assert "Veiligheidsplan" not in pages and "Gevaar en doelen" not in pages

    window.open_case(window.case_ids[SAFETY_CASE])
    pages = _pages(window)
    assert "Veiligheidsplan" in pages and "Gevaar en doelen" in pages
    assert "Welzijnsplan" not in pages


@pytest.mark.parametrize(
    ("number", "shown", "not_shown"),
    [
        (WELLBEING_CASE, "welzijnsplan", "veiligheidsplan"),
        (SAFETY_CASE, "veiligheidsplan", "welzijnsplan"),
    ],
)
def test_undo_and_redo_name_the_change_in_the_words_of_its_case(
    window, number, shown, not_shown
) -> None:
    case_id = window.case_ids[number]
    window.open_case(case_id)
    assert c.run_command(window.ctx, case_id, StartDraftCommand(window.ctx, case_id))
    undo = window.undo_action.text().lower()
    assert shown in undo and not_shown not in undo
    window.undo_action.trigger()
    redo = window.redo_action.text().lower()
    assert shown in redo and not_shown not in redo
    assert window.undo_action.text().lower().count(not_shown) == 0
