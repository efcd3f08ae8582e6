"""The case team on the case's screen: the co-workers' names, the dialog that adds and removes
them (by keyboard, undoable), and who may change it: anyone in single-user mode; in team mode
(on the real PostgreSQL server) the case manager and a team leader of the case's team."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from team_kit import PASSWORD
from team_kit import TeamDb
from team_kit import answer_modals
from team_kit import team_fixture  # noqa: F401  (the `team` fixture)

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import consultants
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.staff import StaffMember
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.case_list import LIST_ENTITIES
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.case_team import CaseTeamDialog
from jeugdtool.ui.workspace.case_team import who_may_change
from jeugdtool.ui.workspace.household_form import manager_by_handover_note

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def _mnemonic(text: str) -> str:
    """The letter Alt+ reaches in a label or button text ("Co&lleagues…" -> "l")."""
    at = text.replace("&&", "").index("&")
    return text.replace("&&", "")[at + 1].lower()


def _alt(qtbot, widget: QWidget, text: str) -> None:
    qtbot.keyClick(widget, Key(ord(_mnemonic(text).upper())), ALT)


def _show(qtbot, ctx, case_id: int) -> CaseWorkspace:
    ws = CaseWorkspace(ctx, case_id)
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    with qtbot.waitActive(ws):
        ws.show()
        ws.activateWindow()
    return ws


def _dialog(qtbot) -> CaseTeamDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CaseTeamDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CaseTeamDialog)
    qtbot.waitUntil(dialog.isActiveWindow)  # its Alt+letters and Ctrl+Z work only then
    return dialog


def _listed(dialog: CaseTeamDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def _offered(dialog: CaseTeamDialog) -> list[str]:
    return [dialog.person_combo.itemText(i) for i in range(dialog.person_combo.count())]


# ---- single-user mode -------------------------------------------------------------------------


@pytest.fixture
def led(ctx, case):
    """The case, led by the signed-in consultant, with two colleagues in the database."""
    households.update_case(ctx.uow, case.id, {"case_manager_id": ctx.user.id})
    for name in ("M. Kaya", "J. Smit"):
        consultants.add_consultant(ctx.uow, name)
    return case


def test_add_undo_redo_and_remove_a_coworker_by_keyboard(ctx, led, qtbot) -> None:
    ws = _show(qtbot, ctx, led.id)
    row = ws.overview.form.team
    assert row.names.text() == _("No co-workers yet")
    broadcast: list[ChangeSet] = []
    ctx.signals.changed.connect(broadcast.append)

    ws.overview.form.edits["name"].setFocus()
    _alt(qtbot, ws, row.button.text())  # "Colleagues…" from anywhere in the form
    dialog = _dialog(qtbot)
    assert _offered(dialog) == ["J. Smit", "M. Kaya"]  # not the case manager herself
    assert dialog.focusWidget() is dialog.person_combo
    qtbot.keyClicks(dialog.person_combo, "M")
    _alt(qtbot, dialog, dialog.add_button.text())
    qtbot.waitUntil(lambda: _listed(dialog) == ["M. Kaya"])  # a button's Alt+letter: animated
    assert [w.name for w in staff.list_coworkers(ctx.uow, led.id)] == ["M. Kaya"]
    assert (_listed(dialog), _offered(dialog)) == (["M. Kaya"], ["J. Smit"])
    assert row.names.text() == "M. Kaya"  # the form behind the dialog shows it at once
    assert ctx.undo_stack.undoText() == _("Add {name} to the case team").format(name="M. Kaya")
    # The case list's "My cases" reloads on what was broadcast.
    assert any(c.touches(*LIST_ENTITIES) and c.touches_case(led.id) for c in broadcast)

    qtbot.keySequence(dialog, QKeySequence(QKeySequence.StandardKey.Undo))
    assert staff.list_coworkers(ctx.uow, led.id) == []
    assert _listed(dialog) == [] and dialog.empty.isVisible()
    assert row.names.text() == _("No co-workers yet")
    qtbot.keySequence(dialog, QKeySequence(QKeySequence.StandardKey.Redo))
    assert _listed(dialog) == ["M. Kaya"]
    assert [w.name for w in staff.list_coworkers(ctx.uow, led.id)] == ["M. Kaya"]

    _alt(qtbot, dialog, _("&Co-workers on this case:"))
    assert dialog.focusWidget() is dialog.list
    qtbot.keyClick(dialog.list, Key.Key_Delete)
    assert staff.list_coworkers(ctx.uow, led.id) == []
    assert ctx.undo_stack.undoText() == _("Remove {name} from the case team").format(name="M. Kaya")
    assert dialog.focusWidget() is dialog.person_combo  # nobody left to remove
    qtbot.keyClick(dialog, Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert ws.focusWidget() is row.button
    ctx.undo_stack.undo()  # the removal is undone from the window too
    assert row.names.text() == "M. Kaya"


def test_the_colleagues_button_has_a_letter_of_its_own(ctx, led, qtbot) -> None:
    form = _show(qtbot, ctx, led.id).overview.form
    others = [w.text() for w in form.findChildren(QLabel) if w.buddy() is not None]
    others += [_("Re&open case")]  # the banner's button on the same page
    taken = {_mnemonic(t) for t in others}
    mine = {_mnemonic(form.team.button.text()), _mnemonic(form.handover_button.text())}
    assert len(mine) == 2 and not mine & taken, (mine, taken)
    # Nor the menu bar's: Alt+letter of a top-level menu would win.
    for menu in (_("&File"), _("&Edit"), _("&Case"), _("&View"), _("&Team"), _("&Help")):
        assert _mnemonic(menu) not in mine


def test_someone_added_by_a_colleague_meanwhile_is_not_added_twice(ctx, led, qtbot) -> None:
    ws = _show(qtbot, ctx, led.id)
    ws.overview.form.team.button.click()
    dialog = _dialog(qtbot)
    kaya = next(p for p in consultants.list_consultants(ctx.uow) if p.name == "M. Kaya")
    staff.add_coworker(UnitOfWork(ctx.database, "M. Kaya"), led.id, kaya.id)  # another window
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findText("M. Kaya"))
    dialog.add_button.click()
    assert dialog.error.text() == _("{name} is already in the case team.").format(name="M. Kaya")
    assert _listed(dialog) == ["M. Kaya"] and _offered(dialog) == ["J. Smit"]
    assert ctx.undo_stack.count() == 0  # nothing claimed that undo would take away
    dialog.reject()


def test_a_closed_case_shows_its_team_read_only(ctx, led, qtbot) -> None:
    kaya = next(p for p in consultants.list_consultants(ctx.uow) if p.name == "M. Kaya")
    staff.add_coworker(ctx.uow, led.id, kaya.id)
    households.close_case(ctx.uow, led.id, "Hulp afgerond")
    row = _show(qtbot, ctx, led.id).overview.form.team
    assert row.names.text() == "M. Kaya"
    assert not row.button.isEnabled()
    assert row.button.toolTip() == _("The case is closed: reopen it to change its team.")


def test_single_user_mode_keeps_the_case_manager_a_field(ctx, led, qtbot) -> None:
    form = _show(qtbot, ctx, led.id).overview.form
    assert form.combos["case_manager_id"].isEnabled()
    assert form.handover_button.isHidden()
    assert form.team.button.isEnabled()


# ---- team mode (PostgreSQL) -------------------------------------------------------------------


@dataclass
class Noord:
    """Team Noord: Anna manages its case 2026-0003; Carla (consultant) and Teun (team leader)
    work in the team too."""

    logins: dict[str, str]
    people: dict[str, StaffMember]
    case: HouseholdDTO


@pytest.fixture
def noord(team: TeamDb) -> Noord:
    from jeugdtool import team_admin

    owner = UnitOfWork(team.owner, "beheer")
    team_id = next(t.id for t in staff.list_teams(owner) if t.name == "Team Noord")
    case = households.create_case(
        owner,
        name="Gezin de Boer",
        case_number="2026-0003",
        case_manager_id=team.anna_id,
        team_id=team_id,
    ).value
    suffix = uuid.uuid4().hex[:6]
    logins = {"carla": f"carla_{suffix}", "teun": f"teun_{suffix}"}
    people = {
        "carla": team_admin.add_user(
            team.owner,
            logins["carla"],
            "Carla Mulder",
            ["consultant"],
            ["Team Noord"],
            password=PASSWORD,
        ),
        "teun": team_admin.add_user(
            team.owner,
            logins["teun"],
            "Teun Bos",
            ["team_leader"],
            ["Team Noord"],
            password=PASSWORD,
        ),
    }
    return Noord(logins, people, case)


@pytest.fixture
def sign_in(team: TeamDb, qtbot, fake_dialogs):
    """Open a case's screen as a login: `sign_in(login, case_id)` -> the workspace."""
    from jeugdtool import app as jeugdtool_app
    from jeugdtool import team_admin

    opened = []

    def open_as(login: str, case_id: int) -> CaseWorkspace:
        database = team.open_as(login)
        person = team_admin.sign_in(database)
        ctx = jeugdtool_app.build_context(
            database, person.as_consultant(), fake_dialogs, None, person
        )
        workspace = _show(qtbot, ctx, case_id)
        opened.append((workspace, database))
        return workspace

    yield open_as
    for workspace, database in opened:
        workspace.close()  # its screens are done with the database before the logins go
        QApplication.processEvents()
        database.close()


def _case_numbers(team: TeamDb, login: str) -> set[str]:
    database = team.open_as(login)
    try:
        return {c.case_number for c in queries.list_case_summaries(UnitOfWork(database, login))}
    finally:
        database.close()


def test_the_case_manager_adds_a_colleague_of_her_team_who_then_sees_the_case(
    team: TeamDb, noord: Noord, sign_in, qtbot
) -> None:
    carla = noord.logins["carla"]
    assert "2026-0003" not in _case_numbers(team, carla)
    ws = sign_in(team.anna, noord.case.id)
    row = ws.overview.form.team
    assert row.button.isEnabled()
    row.button.click()
    dialog = _dialog(qtbot)
    assert _offered(dialog) == ["Carla Mulder", "Teun Bos"]  # her team; not Bram of Zuid
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findText("Carla Mulder"))
    dialog.add_button.click()
    assert dialog.error.isHidden(), dialog.error.text()
    assert _listed(dialog) == ["Carla Mulder"]
    dialog.accept()
    assert row.names.text() == "Carla Mulder"
    assert "2026-0003" in _case_numbers(team, carla)
    ws.ctx.undo_stack.undo()  # her own step: the database lets her undo it
    assert "2026-0003" not in _case_numbers(team, carla)


def test_a_coworker_sees_the_case_team_read_only(team: TeamDb, noord: Noord, sign_in) -> None:
    owner = UnitOfWork(team.owner, "beheer")
    staff.add_coworker(owner, noord.case.id, noord.people["carla"].id)
    form = sign_in(noord.logins["carla"], noord.case.id).overview.form
    assert form.team.names.text() == "Carla Mulder"
    assert not form.team.button.isEnabled()
    household = queries.get_case(form.ctx.uow, noord.case.id).household
    assert form.team.button.toolTip() == who_may_change(household)
    assert "Anna de Vries" in form.team.button.toolTip()
    assert not form.combos["case_manager_id"].isEnabled()
    assert form.handover_button.isHidden()


def test_in_team_mode_the_case_manager_changes_only_by_a_handover(
    team: TeamDb, noord: Noord, sign_in
) -> None:
    anna = sign_in(team.anna, noord.case.id).overview.form
    combo = anna.combos["case_manager_id"]
    assert not combo.isEnabled() and combo.currentText() == "Anna de Vries"
    assert combo.toolTip() == manager_by_handover_note()
    assert anna.handover_button.isHidden()  # she is no team leader
    assert not anna.edits["name"].isReadOnly()  # the rest of the form stays hers to change

    teun = sign_in(noord.logins["teun"], noord.case.id).overview.form
    assert not teun.combos["case_manager_id"].isEnabled()
    assert teun.handover_button.isVisibleTo(teun)  # a team leader of the case's team
    assert teun.team.button.isEnabled()  # who also forms its case team


def test_a_team_leader_hands_the_case_over_from_its_screen(
    team: TeamDb, noord: Noord, sign_in, qtbot
) -> None:
    from jeugdtool.ui.handover import HandoverDialog

    form = sign_in(noord.logins["teun"], noord.case.id).overview.form
    seen: list[list[str]] = []

    def hand_to_carla(dialog) -> None:
        assert isinstance(dialog, HandoverDialog)
        combo = dialog.person_combo
        seen.append([combo.itemText(i) for i in range(combo.count())])
        combo.setCurrentIndex(combo.findText("Carla Mulder"))
        dialog.ok_button.click()

    answer_modals(hand_to_carla)
    form.handover_button.click()
    assert seen == [["Carla Mulder", "Teun Bos"]]  # the team, without Anna who leads it now
    assert form.combos["case_manager_id"].currentText() == "Carla Mulder"
    assert "2026-0003" in _case_numbers(team, noord.logins["carla"])
