"""Whom to call, on screen (issue 19): "Voorzitter van het netwerk" on a network member (one
per case, said at once in the dialog), "Vertrouwenspersoon van het kind" on a child (a choice of
the case's network, only for a child), both undoable; and one's own phone number in the
settings (a team database's administrator sets it in the administration)."""

from __future__ import annotations

import uuid

import pytest

from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog

from jeugdtool.cases import consultants
from jeugdtool.cases import contact_rules
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases import validation
from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import InvalidInput
from jeugdtool.store.roles import StaffRole
from tests.ui.test_admin_window import _fill
from tests.ui.test_admin_window import team_ctx  # noqa: F401 (a fixture)

from jeugdtool.ui.admin_window import UserDialog
from jeugdtool.ui.settings_dialog import SettingsDialog
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import NetworkDialog
from jeugdtool.ui.workspace.member_dialogs import PersonDialog
from jeugdtool.ui.workspace.member_models import NetworkTableModel
from jeugdtool.ui.workspace.member_models import PersonTableModel


@pytest.fixture
def family(ctx, case):
    add = members.add_network_member
    return {
        "ria": add(ctx.uow, case.id, {"name": "Ria Jansen", "chairs_network": True}).value,
        "henk": add(ctx.uow, case.id, {"name": "Henk Bos", "relation": "buurman"}).value,
        "daan": members.add_person(ctx.uow, case.id, {"first_name": "Daan"}).value,
        "sandra": members.add_person(
            ctx.uow, case.id, {"first_name": "Sandra", "role": "parent"}
        ).value,
    }


@pytest.fixture
def workspace(ctx, case, family, qtbot) -> CaseWorkspace:
    ws = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    with qtbot.waitActive(ws):
        ws.show()
        ws.activateWindow()
    return ws


def _dialog(qtbot) -> MemberDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, MemberDialog)
    return dialog


def _edit(qtbot, section, row: int) -> MemberDialog:
    section.select_row(row)
    section.edit_requested.emit(section.selected())
    return _dialog(qtbot)


def test_the_network_table_shows_the_chair(workspace) -> None:
    model = workspace.overview.network.model
    assert model.index(0, NetworkTableModel.CHAIR).data() == "✓"
    assert model.index(1, NetworkTableModel.CHAIR).data() == ""


def test_a_second_chair_is_said_at_once_and_nothing_is_saved(workspace, ctx, case, qtbot):
    dialog = _edit(qtbot, workspace.overview.network, 1)
    assert isinstance(dialog, NetworkDialog)
    dialog.fields["chairs_network"].setChecked(True)
    expected = contact_rules.chair_problem(dialog.baseline.id, True, [dialog.baseline])
    assert expected is None  # the rule is about the others
    message = contact_rules.chair_problem(
        dialog.baseline.id, True, queries.get_case(ctx.uow, case.id).network
    )
    assert dialog.errors["chairs_network"].isVisible()
    assert dialog.errors["chairs_network"].text() == message
    dialog.accept()
    assert dialog.isVisible()  # refused: the dialog stays, with the box ticked
    assert dialog.raw_value("chairs_network") is True
    assert ctx.undo_stack.count() == 0
    dialog.fields["chairs_network"].setChecked(False)
    assert not dialog.errors["chairs_network"].isVisible()
    dialog.reject()


def test_moving_the_chair_is_two_undoable_steps(workspace, ctx, case, family, qtbot):
    network = workspace.overview.network
    first = _edit(qtbot, network, 0)
    first.fields["chairs_network"].setChecked(False)
    first.accept()
    qtbot.waitUntil(lambda: not first.isVisible())
    second = _edit(qtbot, network, 1)
    second.fields["chairs_network"].setChecked(True)
    second.accept()
    qtbot.waitUntil(lambda: not second.isVisible())
    chair = contact_rules.chair_of(queries.get_case(ctx.uow, case.id).network)
    assert chair is not None and chair.id == family["henk"].id
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    chair = contact_rules.chair_of(queries.get_case(ctx.uow, case.id).network)
    assert chair is not None and chair.id == family["ria"].id


def test_a_child_chooses_a_trusted_person_from_the_network(workspace, ctx, case, family, qtbot):
    dialog = _edit(qtbot, workspace.overview.persons, 0)
    assert isinstance(dialog, PersonDialog)
    combo = dialog.fields["trusted_person_id"]
    assert combo.isEnabled()
    assert [combo.itemData(i) for i in range(combo.count())] == [
        None,
        family["ria"].id,
        family["henk"].id,
    ]
    assert "buurman" in combo.itemText(2)
    combo.setCurrentIndex(2)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    daan = queries.get_case(ctx.uow, case.id).persons[0]
    assert daan.trusted_person_id == family["henk"].id
    ctx.undo_stack.undo()
    assert queries.get_case(ctx.uow, case.id).persons[0].trusted_person_id is None


def test_an_adult_has_no_trusted_person(workspace, ctx, case, family, qtbot):
    members.update_person(ctx.uow, family["daan"].id, {"trusted_person_id": family["ria"].id})
    workspace.reload()
    adult = _edit(qtbot, workspace.overview.persons, 1)
    assert not adult.fields["trusted_person_id"].isEnabled()
    adult.reject()
    child = _edit(qtbot, workspace.overview.persons, 0)
    combo = child.fields["trusted_person_id"]
    assert combo.currentData() == family["ria"].id
    role = child.fields["role"]
    role.setCurrentIndex(role.findData("parent"))  # no longer a child: the choice goes
    assert combo.currentData() is None and not combo.isEnabled()
    child.accept()
    qtbot.waitUntil(lambda: not child.isVisible())
    daan = queries.get_case(ctx.uow, case.id).persons[0]
    assert (daan.role.value, daan.trusted_person_id) == ("parent", None)


def test_the_dialog_checks_the_trusted_person_with_the_same_rule(ctx, case, family, qtbot):
    network = queries.get_case(ctx.uow, case.id).network
    dialog = PersonDialog(None, ctx.dialogs, lambda _d, _v: None, network=network)
    qtbot.addWidget(dialog)
    dialog.fields["role"].setCurrentIndex(dialog.fields["role"].findData("child"))
    dialog.fields["trusted_person_id"].setCurrentIndex(1)
    assert dialog.problem("trusted_person_id") is None
    with pytest.raises(InvalidInput) as caught:
        dialog._checked_person({"role": "other", "trusted_person_id": family["ria"].id})
    assert caught.value.problems[0].message == contact_rules.trusted_person_problem(
        "other", family["ria"].id, network
    )


# ---- one's own phone number --------------------------------------------------------------


def _settings(ctx, qtbot) -> SettingsDialog:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_consultant_sets_their_phone_in_the_settings(ctx, qtbot):
    dialog = _settings(ctx, qtbot)
    assert dialog.phone_edit.text() == "" and not dialog.phone_edit.isReadOnly()
    dialog.phone_edit.setText("06-12345678")
    dialog.accept()
    saved = consultants.get_consultant(ctx.uow, ctx.user.id)
    assert saved is not None and saved.phone == "06-12345678"
    assert ctx.user.phone == "06-12345678"
    assert _settings(ctx, qtbot).phone_edit.text() == "06-12345678"


def test_a_wrong_phone_number_keeps_the_settings_open(ctx, qtbot):
    dialog = _settings(ctx, qtbot)
    dialog.phone_edit.setText("12345")
    dialog.accept()
    with pytest.raises(InvalidInput) as expected:
        validation.phone("phone", "12345")
    assert dialog.isVisible()
    assert dialog.error.text() == expected.value.problems[0].message
    assert dialog.phone_edit.text() == "12345"
    saved = consultants.get_consultant(ctx.uow, ctx.user.id)
    assert saved is not None and saved.phone is None


def test_in_team_mode_the_phone_is_shown_not_changed(ctx, qtbot):
    consultants.update_consultant(ctx.uow, ctx.user.id, {"phone": "050-1234567"})
    me = consultants.get_consultant(ctx.uow, ctx.user.id)
    assert me is not None
    ctx.user = me
    ctx.staff = StaffMember(
        me.id, me.name, "anna", None, True, frozenset({StaffRole.CONSULTANT}), ()
    )
    dialog = _settings(ctx, qtbot)
    assert dialog.phone_edit.isReadOnly() and dialog.phone_edit.text() == "050-1234567"


# ---- the administrator sets a colleague's phone (team database) ---------------------------


def test_the_administrator_sets_and_clears_a_phone(team_ctx, qtbot):  # noqa: F811
    ctx = team_ctx
    login = f"visser_{uuid.uuid4().hex[:6]}"
    dialog = UserDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.phone_edit.setText("12345")
    _fill(
        dialog, login, "J. Visser", {StaffRole.CONSULTANT}, {"Team Noord"}, "geheim-1", "geheim-1"
    )
    assert dialog.saved is None  # the rule of every phone number, next to the field
    with pytest.raises(InvalidInput) as expected:
        validation.phone("phone", "12345")
    assert dialog.errors["phone"].text() == expected.value.problems[0].message
    dialog.phone_edit.setText("06-12345672")
    _fill(
        dialog, login, "J. Visser", {StaffRole.CONSULTANT}, {"Team Noord"}, "geheim-1", "geheim-1"
    )
    assert dialog.saved is not None and dialog.saved.phone == "06-12345672"
    change = UserDialog(ctx, dialog.saved)
    qtbot.addWidget(change)
    assert change.phone_edit.text() == "06-12345672"
    change.phone_edit.clear()
    _fill(change, login, "J. Visser", {StaffRole.CONSULTANT}, {"Team Noord"}, "", "")
    assert change.saved is not None and change.saved.phone is None


def test_the_members_table_names_a_child_s_trusted_person(ctx, case, family, qtbot):
    members.update_person(ctx.uow, family["daan"].id, {"trusted_person_id": family["henk"].id})
    ws = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(ws)
    model = ws.overview.persons.model
    assert [model.index(r, PersonTableModel.TRUSTED).data() for r in range(2)] == [
        "Henk Bos",
        "",
    ]
