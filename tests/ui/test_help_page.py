"""The case's help page as a consultant uses it: by keyboard, with inline checks from the core
rules, undo and redo, the warnings above the table, and read-only once the case is closed."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_data import TODAY
from plan_data import Family
from plan_data import family

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.outcomes import help as help_services
from jeugdtool.outcomes.dto import HelpItemDTO

from jeugdtool.ui.help.dialog import HelpDialog
from jeugdtool.ui.help.dialog import kind_key
from jeugdtool.ui.help.model import HelpTableModel
from jeugdtool.ui.help.page import HelpPage
from jeugdtool.ui.help.summary import HelpSummary

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LIST = "ijw-productcategorieen"
AMBULANT = kind_key(LIST, "45")


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def page(ctx, case, fam, qtbot) -> HelpPage:
    shown = HelpPage(ctx, case.id)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    return shown


def _add(uow, case_id: int, **fields) -> HelpItemDTO:
    given = {
        "product_list": LIST,
        "category": "45",
        "starts_on": TODAY - dt.timedelta(days=30),
        "decided_by": "municipality",
        **fields,
    }
    return help_services.add_help(uow, case_id, given).value


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _dialog(qtbot) -> HelpDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), HelpDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, HelpDialog)
    return dialog


def _closed(qtbot, dialog: QDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _reactivate(qtbot, window: QWidget) -> None:
    """The offscreen platform has no window manager to re-activate a window after a dialog."""
    qtbot.waitUntil(lambda: not isinstance(QApplication.activeModalWidget(), QDialog))
    with qtbot.waitActive(window):
        window.activateWindow()


def _key_on_table(qtbot, page: HelpPage, key: Key) -> None:
    page.section.table.setFocus()
    qtbot.waitUntil(page.section.table.hasFocus)
    _press(qtbot, key)


def _field(dialog: HelpDialog, name: str) -> QWidget:
    return dialog.fields[name]


def _set_text(qtbot, dialog: HelpDialog, name: str, text: str) -> None:
    """Go to the field, type over what is there and leave it (as Tab does)."""
    edit = _field(dialog, name)
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    _press(qtbot, Key.Key_A, CTRL)
    _type(qtbot, text)
    _press(qtbot, Key.Key_Tab)


def _cell(page: HelpPage, row: int, column: int) -> str:
    return page.model.index(row, column).data()


def test_add_help_by_keyboard_with_inline_checks(page, ctx, uow, case, fam, qtbot):
    assert page.section.empty_hint.isVisible()
    _key_on_table(qtbot, page, Key.Key_Insert)
    dialog = _dialog(qtbot)
    assert _focus() is _field(dialog, "person_id")  # typing starts at "for whom"
    whom = _field(dialog, "person_id")
    assert isinstance(whom, QComboBox)
    whom.setCurrentIndex(whom.findData(fam.noa.id))
    kind = _field(dialog, "kind")
    assert isinstance(kind, QComboBox)
    _press(qtbot, Key.Key_Tab)
    assert _focus() is kind
    _type(qtbot, "Jeugdhulp")  # typing picks the (first) kind it starts with
    assert kind.currentData() == AMBULANT
    _set_text(qtbot, dialog, "provider", "Kwadraad")
    _set_text(qtbot, dialog, "starts_on", "31-02-2026")
    assert dialog.errors["starts_on"].isVisible()  # shown as soon as the field is left
    start = TODAY - dt.timedelta(days=10)
    _set_text(qtbot, dialog, "starts_on", format_date_nl(start))
    assert not dialog.errors["starts_on"].isVisible()  # gone as soon as it is fixed
    _set_text(qtbot, dialog, "planned_end", format_date_nl(start - dt.timedelta(days=1)))
    assert dialog.errors["planned_end"].isVisible()  # before the start: said at once
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.isVisible()  # refused: everything typed stays
    assert dialog.raw_value("provider") == "Kwadraad"
    end = start + dt.timedelta(days=90)
    _set_text(qtbot, dialog, "planned_end", format_date_nl(end))
    assert not dialog.errors["planned_end"].isVisible()
    _set_text(qtbot, dialog, "intensity", "2 uur per week")
    dialog.serves.setFocus()
    qtbot.waitUntil(dialog.serves.hasFocus)
    _press(qtbot, Key.Key_Space)  # ticks the goal the list starts at
    _press(qtbot, Key.Key_Return, CTRL)
    _closed(qtbot, dialog)

    (item,) = help_services.list_help(uow, case.id)
    assert (item.person_id, item.provider, item.starts_on, item.planned_end) == (
        fam.noa.id,
        "Kwadraad",
        start,
        end,
    )
    assert item.serves == (fam.goal.lineage,)
    assert page.model.rowCount() == 1
    assert _cell(page, 0, HelpTableModel.WHOM) == "Noa Jansen"
    assert _cell(page, 0, HelpTableModel.PROVIDER) == "Kwadraad"
    assert _cell(page, 0, HelpTableModel.END) == format_date_nl(end)
    assert page.section.selected() == item
    assert not page.warning_box.isVisible()  # it serves a goal and is on time

    ctx.undo_stack.undo()
    assert help_services.list_help(uow, case.id) == []
    assert page.model.rowCount() == 0
    ctx.undo_stack.redo()
    (back,) = help_services.list_help(uow, case.id)
    assert back.id == item.id and page.model.rowCount() == 1


def test_a_cost_that_is_no_amount_keeps_what_was_typed(page, ctx, uow, case, qtbot):
    item = _add(uow, case.id, provider="Kwadraad")
    page.reload()
    page.section.select_row(0)
    _key_on_table(qtbot, page, Key.Key_Return)
    dialog = _dialog(qtbot)
    _set_text(qtbot, dialog, "unit_cost_cents", "twaalf euro")
    assert dialog.errors["unit_cost_cents"].isVisible()
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert dialog.raw_value("unit_cost_cents") == "twaalf euro"  # nothing typed is lost
    _set_text(qtbot, dialog, "unit_cost_cents", "95,50")
    assert not dialog.errors["unit_cost_cents"].isVisible()
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.isVisible()  # a cost needs its unit
    assert dialog.errors["unit"].isVisible()
    unit = _field(dialog, "unit")
    assert isinstance(unit, QComboBox)
    unit.setCurrentIndex(unit.findData("hour"))
    _set_text(qtbot, dialog, "units", "20")
    _press(qtbot, Key.Key_Return, CTRL)
    _closed(qtbot, dialog)

    (changed,) = help_services.list_help(uow, case.id)
    assert (changed.unit_cost_cents, changed.unit, changed.units) == (9550, "hour", 20)
    assert changed.provider == "Kwadraad"  # what was not touched stays
    ctx.undo_stack.undo()
    (undone,) = help_services.list_help(uow, case.id)
    assert (undone.unit_cost_cents, undone.unit, undone.units) == (None, None, None)
    assert undone.version > item.version
    ctx.undo_stack.redo()
    assert help_services.list_help(uow, case.id)[0].unit_cost_cents == 9550


def test_remove_asks_first_and_undo_brings_it_back(page, ctx, uow, case, fake_dialogs, qtbot):
    first = _add(uow, case.id, provider="Kwadraad")
    second = _add(uow, case.id, category="VV05", provider="Buurtmaatje", decided_by="free_access")
    page.reload()
    page.section.select_row(0)
    fake_dialogs.answers.append(False)
    _key_on_table(qtbot, page, Key.Key_Delete)
    assert len(help_services.list_help(uow, case.id)) == 2  # said no: nothing happened
    fake_dialogs.answers.append(True)
    _press(qtbot, Key.Key_Delete)
    assert [i.id for i in help_services.list_help(uow, case.id)] == [second.id]
    assert page.model.rowCount() == 1
    ctx.undo_stack.undo()
    assert [i.id for i in help_services.list_help(uow, case.id)] == [first.id, second.id]
    assert _cell(page, 0, HelpTableModel.PROVIDER) == "Kwadraad"
    ctx.undo_stack.redo()
    assert [i.id for i in help_services.list_help(uow, case.id)] == [second.id]


def test_alt_up_and_down_move_the_selected_help_undoably(page, ctx, uow, case, qtbot):
    first = _add(uow, case.id, provider="Kwadraad")
    second = _add(uow, case.id, provider="Humanitas", category="VV05")
    page.reload()
    page.section.select_row(0)
    page.section.table.setFocus()
    qtbot.waitUntil(page.section.table.hasFocus)
    _press(qtbot, Key.Key_Down, ALT)
    assert [i.id for i in help_services.list_help(uow, case.id)] == [second.id, first.id]
    assert page.section.selected().id == first.id  # the moved help stays selected
    assert _cell(page, 1, HelpTableModel.PROVIDER) == "Kwadraad"
    _press(qtbot, Key.Key_Down, ALT)  # already at the bottom: nothing happens
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert [i.id for i in help_services.list_help(uow, case.id)] == [first.id, second.id]


def test_warnings_name_the_item_they_are_about(page, uow, case, fam, qtbot):
    past = TODAY - dt.timedelta(days=5)
    _add(uow, case.id, person_id=fam.noa.id, serves=[fam.goal.lineage], planned_end=past)
    _add(uow, case.id, person_id=fam.noa.id, serves=[fam.goal.lineage])
    _add(uow, case.id, person_id=fam.mark.id, category="VV02", decided_by="free_access")
    page.reload()
    assert page.warning_box.isVisible()
    text = page.warning_text.text()
    assert text.count("Noa Jansen") == 3  # same kind twice (two items) and the past end
    assert "Mark Jansen" in text  # serves nothing
    assert format_date_nl(past) in text
    # The rows a warning is about are marked, and say why when hovered.
    assert _cell(page, 0, HelpTableModel.WHOM).startswith("⚠")
    tip = page.model.index(2, HelpTableModel.WHOM).data(Qt.ItemDataRole.ToolTipRole)
    assert tip and _("Maatschappelijk werk") in tip
    # A warning's name selects its item.
    mark_row = page.model.row_of(help_services.list_help(uow, case.id)[2].id)
    page._warning_clicked(str(page.model.row_at(mark_row).id))
    assert page.section.selected().person_id == fam.mark.id


def test_a_closed_case_is_read_only(page, ctx, uow, case, qtbot):
    _add(uow, case.id, provider="Kwadraad")
    households.close_case(uow, case.id, "Doelen bereikt", TODAY)
    page.reload()
    assert page.model.rowCount() == 1  # shown as it was
    assert page.locked.isVisible()
    section = page.section
    assert not section.add_button.isEnabled()
    assert not section.edit_button.isEnabled() and not section.remove_button.isEnabled()
    page.section.select_row(0)
    _key_on_table(qtbot, page, Key.Key_Insert)
    _press(qtbot, Key.Key_Return)
    assert not isinstance(QApplication.activeModalWidget(), HelpDialog)
    assert page.add_help() is None
    assert len(help_services.list_help(uow, case.id)) == 1


def test_alt_letters_and_enter_open_the_dialog(page, uow, case, qtbot):
    _add(uow, case.id, provider="Kwadraad")
    page.reload()
    page.section.table.setFocus()
    qtbot.waitUntil(page.section.table.hasFocus)
    letter = page.section.add_button.text().split("&", 1)[1][0]
    qtbot.keyClick(page.section.table, letter, ALT)
    dialog = _dialog(qtbot)
    assert dialog.windowTitle() == _("Add help")
    dialog.reject()
    _reactivate(qtbot, page)
    page.section.select_row(0)
    _key_on_table(qtbot, page, Key.Key_Return)
    dialog = _dialog(qtbot)
    assert dialog.windowTitle() == _("Change help")
    assert dialog.raw_value("provider") == "Kwadraad"
    _press(qtbot, Key.Key_Escape)
    _closed(qtbot, dialog)


def test_the_meeting_shows_the_help_next_to_its_reflection(ctx, uow, case, fam, qtbot):
    from jeugdtool.meetings import agenda
    from jeugdtool.meetings import meetings

    from jeugdtool.ui.meetings.window import MeetingsWindow

    _add(uow, case.id, person_id=fam.noa.id, provider="Kwadraad", serves=[fam.goal.lineage])
    meeting = meetings.create_meeting(uow, {"title": "Reflectie"}).value.meeting
    agenda.add_case(uow, meeting.id, case.id)
    window = MeetingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.choose(meeting.id)
    panel = window.editor.item_panel
    assert panel.item is not None and panel.item.household_id == case.id
    summary = panel.help_summary
    qtbot.waitUntil(summary.isVisible)
    assert "Noa Jansen" in summary.text.text() and "Kwadraad" in summary.text.text()
    reflection = panel.edits["cheapest_help"]
    beside = reflection.geometry().center().y()
    assert summary.geometry().top() <= beside <= summary.geometry().bottom()  # side by side
    assert not any(  # read-only: nothing to type in
        w.isEnabled() for w in summary.findChildren(QLineEdit)
    )


def test_the_case_has_a_help_page_on_ctrl_9(ctx, case, fam, qtbot):
    from jeugdtool.ui.workspace.workspace import HELP
    from jeugdtool.ui.workspace.workspace import CaseWorkspace

    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.show()
    item = workspace.nav.item(HELP)
    assert item.text() == _("Help deployed") and item.toolTip() == "Ctrl+9"
    workspace.show_page(HELP)
    page = workspace.help_deployed.page
    assert isinstance(page, HelpPage)
    qtbot.waitUntil(page.section.empty_hint.isVisible)  # loaded when first shown


def test_the_meeting_summary_lists_help_and_warnings(ctx, uow, case, fam, qtbot):
    _add(uow, case.id, person_id=fam.noa.id, provider="Kwadraad", serves=[fam.goal.lineage])
    summary = HelpSummary(ctx)
    qtbot.addWidget(summary)
    summary.show()
    summary.set_case(case.id)
    assert "Kwadraad" in summary.text.text() and "⚠" not in summary.text.text()
    # Added elsewhere (the case's page, a colleague's window): the summary follows.
    fields = {"product_list": LIST, "category": "VV02", "decided_by": "free_access"}
    fields |= {"person_id": fam.sanne.id, "starts_on": TODAY}
    ctx.run(help_services.add_help, case.id, fields)
    assert "Sanne Jansen" in summary.text.text() and "⚠" in summary.text.text()


def test_ok_without_a_change_changes_nothing(page, ctx, uow, case, fam, qtbot):
    item = _add(uow, case.id, person_id=fam.noa.id, serves=[fam.goal.lineage], units=3)
    page.reload()
    page.section.select_row(0)
    _key_on_table(qtbot, page, Key.Key_Return)
    dialog = _dialog(qtbot)
    _press(qtbot, Key.Key_Return, CTRL)
    _closed(qtbot, dialog)
    assert ctx.undo_stack.count() == 0  # nothing to undo: nothing was saved
    assert help_services.list_help(uow, case.id) == [item]


def test_long_texts_wrap_and_nothing_scrolls_sideways(page, uow, case, fam, qtbot):
    long = "Gezinsbehandeling met video-hometraining en netwerkberaad " * 3
    _add(uow, case.id, person_id=fam.noa.id, description=long, provider=long[:150])
    _add(uow, case.id, intensity="twee dagdelen per week plus een avond per maand", serves=[])
    page.resize(820, 600)
    page.reload()
    table = page.section.table
    qtbot.waitUntil(lambda: table.horizontalHeader().length() <= table.viewport().width() + 2)
    for column in range(page.model.columnCount()):
        assert table.columnWidth(column) >= 60, column
    assert table.horizontalScrollBar().maximum() == 0
    assert page.details.isVisible() and long.strip()[:40] in page.details.text()


def test_help_from_the_community_needs_no_decision(page, qtbot):
    dialog = page.add_help()
    assert dialog is not None
    kind, decided = _field(dialog, "kind"), _field(dialog, "decided_by")
    assert isinstance(kind, QComboBox) and isinstance(decided, QComboBox)
    kind.setCurrentIndex(kind.findData(kind_key(LIST, "VV05")))  # informal help, a buddy
    assert decided.currentData() == "free_access"
    kind.setCurrentIndex(kind.findData(AMBULANT))
    assert decided.currentData() == "municipality"
    decided.setCurrentIndex(decided.findData("gp"))
    decided.activated.emit(decided.currentIndex())  # the consultant chose: it stays
    kind.setCurrentIndex(kind.findData(kind_key(LIST, "VV05")))
    assert decided.currentData() == "gp"
    dialog.reject()


def test_the_big_screen_shows_the_help_with_names_hidden(ctx, uow, case, fam, qtbot):
    from jeugdtool.meetings import agenda
    from jeugdtool.meetings import meetings

    from jeugdtool.ui.meetings.presentation import PresentationWindow

    _add(uow, case.id, person_id=fam.noa.id, provider="Kwadraad", serves=[])
    meeting = meetings.create_meeting(uow, {"title": "Team Oost", "hide_names": True}).value
    agenda.add_case(uow, meeting.meeting.id, case.id)
    window = PresentationWindow(ctx, meeting.meeting.id)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_position(0, len(window.views) - 1)  # the conclusions, with the reflection
    shown = window.conclusions.help_list
    assert shown.isVisible()
    assert "Kwadraad" in shown.text() and "⚠" in shown.text()  # it serves no goal
    assert "Noa" not in shown.text()  # names hidden, as everywhere on the big screen
