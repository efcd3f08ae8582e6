"""No access to a case, and emergency access (break-the-glass) from the window, in team mode (on
the real PostgreSQL server; skipped without one)."""

from __future__ import annotations

import pytest
from team_kit import TeamDb
from team_kit import answer_modals
from team_kit import team_fixture  # noqa: F401  (the `team` fixture)

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialogButtonBox

from jeugdtool import app as jeugdtool_app
from jeugdtool.cases import access
from jeugdtool.cases.case_search import visible_cases
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.store.access_log import AccessAction

from jeugdtool.ui.break_glass import BreakGlassDialog
from jeugdtool.ui.break_glass import NoAccessBox
from jeugdtool.ui.break_glass import duration_note
from jeugdtool.ui.main_window import MainWindow

REASON = "Melding politie vannacht, casusregisseur is met vakantie"


@pytest.fixture
def window(team: TeamDb, qtbot, fake_dialogs):
    """The window as Anna works in it: she manages 2026-0001; 2026-0002 is Bram's."""
    from jeugdtool import team_admin

    database = team.open_as(team.anna)
    person = team_admin.sign_in(database)
    found = MainWindow()
    fake_dialogs.parent = found
    found.attach(
        jeugdtool_app.build_context(
            database, person.as_consultant(), fake_dialogs, found.undo_stack, person
        )
    )
    qtbot.addWidget(found)
    found.show()
    yield found
    found.close()  # its screens are done with the database before the test's logins go
    found.list_page._load_alerts_if_pending()  # not later, from its fallback timer
    QApplication.processEvents()
    database.close()


def ok_button(dialog: BreakGlassDialog):
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok)


def test_a_case_outside_the_case_team_offers_emergency_access_with_a_reason(
    team: TeamDb, window: MainWindow, qtbot
):
    bram_case = team.bram_case
    assert not visible_cases(window.ctx.uow, [bram_case.id])  # not hers to see
    seen: dict[str, object] = {}

    def no_access(box) -> None:
        assert isinstance(box, NoAccessBox)
        seen["message"] = box.text()
        box.emergency.click()

    def emergency(dialog) -> None:
        assert isinstance(dialog, BreakGlassDialog)
        seen["number"] = dialog.number.text()
        seen["duration"] = dialog.duration.text()
        seen["focus"] = dialog.focusWidget() is dialog.reason
        qtbot.keyClicks(dialog.reason, "zie")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # too short: stays, says why
        seen["error"] = dialog.reason_error.text()
        seen["kept"] = dialog.reason.toPlainText()
        seen["still_open"] = dialog.isVisible()
        dialog.reason.selectAll()
        qtbot.keyClicks(dialog.reason, "Melding politie vannacht,")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        seen["two_lines"] = dialog.reason.toPlainText()
        qtbot.keyClicks(dialog.reason, "casusregisseur is met vakantie")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    answer_modals(no_access, emergency)
    window.open_case(bram_case.id, bram_case.case_number)
    assert seen["message"] == str(access.no_access(bram_case.case_number))
    assert seen["number"] == bram_case.case_number
    assert seen["focus"]
    assert seen["duration"] == duration_note(24)
    with pytest.raises(InvalidInput) as short:
        access.check_reason("zie")
    assert seen["error"] == short.value.for_field("reason")[0]
    assert seen["kept"] == "zie" and seen["still_open"]
    assert seen["two_lines"] == "Melding politie vannacht,\n"  # Shift+Enter breaks the line
    # Granted: the case is open in its tab and in the list, and both steps are logged.
    assert window.tabs.currentWidget() is window.workspaces[bram_case.id]
    assert visible_cases(window.ctx.uow, [bram_case.id]) == {bram_case.id}
    rows = team.log(bram_case.case_number)
    assert [(r.action, r.login) for r in rows] == [
        (AccessAction.OPEN, team.anna),
        (AccessAction.BREAK_GLASS, team.anna),
    ]
    assert rows[1].reason == REASON  # as one line


def test_closing_the_no_access_message_opens_nothing(team: TeamDb, window: MainWindow):
    answer_modals(lambda box: box.reject())
    window.open_case(team.bram_case.id)
    assert team.bram_case.id not in window.workspaces and window.tabs.count() == 1
    assert team.log(team.bram_case.case_number) == []


def test_emergency_access_from_the_case_menu_by_keyboard(team: TeamDb, window: MainWindow, qtbot):
    """Case > Emergency access asks the number too; an unknown one is said under the field,
    and Tab goes number -> reason -> buttons."""
    assert window.break_glass_action.isEnabled()
    seen: dict[str, object] = {}

    def emergency(dialog) -> None:
        seen["focus"] = dialog.focusWidget() is dialog.number
        qtbot.keyClicks(dialog.number, "2026-9999")
        qtbot.keyClick(dialog.number, Qt.Key.Key_Tab)
        seen["tab"] = dialog.focusWidget() is dialog.reason
        qtbot.keyClicks(dialog.reason, REASON)
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
        seen["buttons"] = dialog.focusWidget() is ok_button(dialog)
        qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
        seen["unknown"] = dialog.number_error.text()
        dialog.number.setText(team.bram_case.case_number)
        qtbot.keyClick(dialog.number, Qt.Key.Key_Return)

    answer_modals(emergency)
    window.break_glass_action.trigger()
    assert seen["focus"] and seen["tab"] and seen["buttons"]
    assert seen["unknown"] == _("There is no case with the number {number}.").format(
        number="2026-9999"
    )
    assert team.bram_case.id in window.workspaces
    (grant,) = team.log(team.bram_case.case_number, AccessAction.BREAK_GLASS)
    assert grant.reason == REASON


def test_escape_cancels_emergency_access(team: TeamDb, window: MainWindow, qtbot):
    def cancel(dialog) -> None:
        qtbot.keyClicks(dialog.reason, REASON)
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)

    answer_modals(cancel)
    window.break_glass_action.trigger()
    assert window.tabs.count() == 1
    assert team.log(action=AccessAction.BREAK_GLASS) == []


def test_a_case_one_may_see_opens_without_emergency_access(team: TeamDb, window: MainWindow):
    def ask(dialog) -> None:
        dialog.number.setText(team.anna_case.case_number)
        ok_button(dialog).click()

    answer_modals(ask)
    window.break_glass_action.trigger()
    assert team.anna_case.id in window.workspaces
    assert [r.action for r in team.log(team.anna_case.case_number)] == [AccessAction.OPEN]


def test_the_duration_is_the_organisations_setting(team: TeamDb, window: MainWindow):
    with team.owner.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO org_settings (key, value) VALUES ('break_glass_hours', '8')"
        )
    seen: list[str] = []

    def look(dialog) -> None:
        seen.append(dialog.duration.text())
        dialog.reject()

    answer_modals(look)
    window.break_glass_action.trigger()
    assert seen == [duration_note(8)]
