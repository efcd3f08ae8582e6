"""The administration window: teams and users, as an administrator of a team database uses it."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import make_url

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from jeugdtool.cases import staff
from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import DatabaseOpenError
from jeugdtool.i18n import _
from jeugdtool.store.roles import StaffRole

from jeugdtool.ui.admin_window import AdminWindow
from jeugdtool.ui.admin_window import UserDialog


def _fill(dialog: UserDialog, login: str, name: str, roles, teams, password: str, again: str):
    if not dialog.login_edit.isReadOnly():
        dialog.login_edit.setText(login)
    dialog.name_edit.setText(name)
    for role, box in dialog.role_boxes.items():
        box.setChecked(role in roles)
    for team, box in dialog.team_boxes.items():
        box.setChecked(team in teams)
    dialog.password_edit.setText(password)
    dialog.again_edit.setText(again)
    dialog.accept()


# ---- on a file: teams, and what the form checks itself ------------------------------------


@pytest.fixture
def window(ctx, qtbot):
    widget = AdminWindow(ctx)
    qtbot.addWidget(widget)
    return widget


def test_a_team_is_added_by_name_and_a_second_one_of_that_name_refused(window, ctx, qtbot):
    qtbot.keyClicks(window.team_edit, "CJGV Stadskanaal")
    qtbot.mouseClick(window.add_team_button, Qt.MouseButton.LeftButton)
    assert [t.name for t in staff.list_teams(ctx.uow)] == ["CJGV Stadskanaal"]
    assert window.team_list.item(0).text().startswith("CJGV Stadskanaal")
    assert window.team_edit.text() == ""
    qtbot.keyClicks(window.team_edit, "CJGV Stadskanaal")
    window.add_team()
    assert window.team_error.text() == _("There is already a team named '{name}'.").format(
        name="CJGV Stadskanaal"
    )
    assert len(staff.list_teams(ctx.uow)) == 1


def test_the_two_passwords_must_agree(ctx, qtbot):
    dialog = UserDialog(ctx)
    qtbot.addWidget(dialog)
    _fill(dialog, "m.kaya", "M. Kaya", {StaffRole.CONSULTANT}, set(), "geheim-1", "geheim-2")
    assert dialog.saved is None
    assert dialog.errors["password"].text() == _(
        "The two passwords differ. Type the same password twice."
    )


def test_a_file_has_no_users_to_administer(ctx, qtbot):
    dialog = UserDialog(ctx)
    qtbot.addWidget(dialog)
    _fill(dialog, "m.kaya", "M. Kaya", {StaffRole.CONSULTANT}, set(), "", "")
    assert dialog.saved is None
    assert "PostgreSQL" in dialog.errors[""].text()
    assert [m.login for m in staff.list_staff(ctx.uow)] == [None]  # nothing was added


# ---- on a team database: users with their own login ----------------------------------------


@pytest.fixture
def team_ctx(pg_url, fake_dialogs):
    """The administration on a team database, done by its owner (who set it up)."""
    from jeugdtool import team_admin
    from jeugdtool.settings import Settings
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    from jeugdtool.ui.context import AppContext
    from jeugdtool.ui.signals import AppSignals

    team_admin.init(pg_url)
    db = open_database(pg_url)
    staff.add_team(UnitOfWork(db, "beheer"), "Team Noord")
    admin = StaffMember(0, "Beheer", None, None, True, frozenset({StaffRole.ADMINISTRATOR}), ())
    ctx = AppContext(
        database=db,
        uow=UnitOfWork(db, "Beheer"),
        user=admin.as_consultant(),
        settings=Settings(),
        signals=AppSignals(),
        undo_stack=QUndoStack(),
        dialogs=fake_dialogs,  # type: ignore[arg-type]
        staff=admin,
    )
    yield ctx
    db.close()


def _sign_in(pg_url: str, login: str, password: str):
    from jeugdtool.store.engine import open_database

    url = make_url(pg_url).set(username=login, password=password)
    return open_database(url.render_as_string(hide_password=False))


def _row_of(window: AdminWindow, login: str) -> int:
    return next(i for i, m in enumerate(window.users.rows) if m.login == login)


def test_add_change_and_remove_a_user(team_ctx, pg_url, qtbot):
    ctx = team_ctx
    window = AdminWindow(ctx)
    qtbot.addWidget(window)
    login = f"kaya_{uuid.uuid4().hex[:6]}"
    dialog = UserDialog(ctx, None, window)
    qtbot.addWidget(dialog)
    roles = {StaffRole.CONSULTANT}
    _fill(dialog, login, "M. Kaya", roles, {"Team Noord"}, "geheim-1", "geheim-1")
    assert dialog.saved is not None, dialog.errors[""].text()
    qtbot.waitUntil(lambda: any(m.login == login for m in window.users.rows))
    row = _row_of(window, login)
    assert window.users.index(row, 2).data() == StaffRole.CONSULTANT.label
    assert window.users.index(row, 3).data() == "Team Noord"
    signed_in = _sign_in(pg_url, login, "geheim-1")  # their own login works
    signed_in.close()

    window.users_view.selectRow(row)
    change = UserDialog(ctx, window.current_user(), window)
    qtbot.addWidget(change)
    assert change.login_edit.isReadOnly()
    _fill(change, login, "M. Kaya", roles | {StaffRole.REVIEWER}, {"Team Noord"}, "", "")
    assert change.saved is not None and StaffRole.REVIEWER in change.saved.roles
    _sign_in(pg_url, login, "geheim-1").close()  # an empty password kept the old one

    window.users_view.selectRow(
        next(i for i, m in enumerate(window.users.rows) if m.login == login)
    )
    ctx.dialogs.answers.append(True)  # "Remove M. Kaya?"
    window.remove_user()
    (_kind, question), *_rest = ctx.dialogs.questions
    assert login in question
    assert login not in [m.login for m in staff.list_staff(ctx.uow)]
    window.show_removed.setChecked(True)
    removed = next(m for m in window.users.rows if m.login == login)
    assert not removed.active
    with pytest.raises(DatabaseOpenError):
        _sign_in(pg_url, login, "geheim-1")
