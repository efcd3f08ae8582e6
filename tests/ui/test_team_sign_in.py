"""Signing in to a team database from the window, who the window says is working, and the access
log of opening and presenting a case (on the real PostgreSQL server; skipped without one)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url
from team_kit import PASSWORD
from team_kit import TeamDb
from team_kit import answer_modals
from team_kit import team_fixture  # noqa: F401  (the `team` fixture)

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLineEdit

from jeugdtool import app as jeugdtool_app
from jeugdtool.errors import LoginRefused
from jeugdtool.i18n import _
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import resolve

from jeugdtool.ui.login import Credentials
from jeugdtool.ui.login import LoginDialog
from jeugdtool.ui.login import LoginRequest
from jeugdtool.ui.login import TeamSignIn
from jeugdtool.ui.main_window import MainWindow


def refusal(url: str) -> str:
    """What the server's refusal of `url` says (the message the login dialog must show)."""
    with pytest.raises(LoginRefused) as refused:
        open_database(url)
    return str(refused.value)


class Answers:
    """Answers the login prompts in order, keeping what each prompt showed."""

    def __init__(self, *answers: Credentials | None):
        self.answers = list(answers)
        self.requests: list[LoginRequest] = []

    def __call__(self, request: LoginRequest, parent=None) -> Credentials | None:
        self.requests.append(request)
        assert self.answers, f"unexpected login prompt: {request.message}"
        return self.answers.pop(0)


@pytest.fixture
def launch(qtbot, fake_dialogs):
    """Start the window on a URL as the program does; returns (window or None, open errors)."""
    windows: list[MainWindow] = []

    def start(url: str, answers: Answers | None = None, ask_other=None, choose=None):
        errors: list[str] = []

        def ask(message: str) -> str | None:
            errors.append(message)
            return ask_other.pop(0) if ask_other else None

        sign_in = TeamSignIn(answers) if answers is not None else None
        launcher = jeugdtool_app.Launcher(
            ask=ask,
            choose=choose or (lambda db: pytest.fail("a team database asks for no name")),
            make_dialogs=lambda: fake_dialogs,
            make_sign_in=lambda window: sign_in or TeamSignIn(parent=window),
        )
        window = launcher.start(url)
        if window is not None:
            qtbot.addWidget(window)
            window._launcher = launcher
            windows.append(window)
        return window, errors

    yield start
    for window in windows:
        window.close()
        window.list_page._load_alerts_if_pending()  # not later, from its fallback timer
        QApplication.processEvents()
        window.ctx.database.close()


def test_the_login_dialog_signs_a_user_in_as_themselves(team: TeamDb, launch, qtbot):
    """No name is asked: the person is the login's. The server wants a password, the dialog
    asks for it (the real one, by keyboard), and the window says who works, in which team."""
    url = team.url_for(team.anna)

    def sign_in(dialog) -> None:
        assert isinstance(dialog, LoginDialog)
        assert dialog.login.text() == team.anna  # from the URL
        assert dialog.message.text() == refusal(url)
        assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
        assert dialog.parent() is not None  # over the program's window
        assert dialog.focusWidget() is dialog.password  # the login name is known
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    answered = answer_modals(sign_in)
    window, errors = launch(url)
    assert answered and not errors
    assert window is not None
    ctx = window.ctx
    assert ctx.team_mode and ctx.staff.login == team.anna
    assert ctx.user.name == "Anna de Vries" and ctx.uow.person_id == team.anna_id
    assert window.user_label.text() == _("Signed in as {name} · {teams}").format(
        name="Anna de Vries", teams="Team Noord"
    )
    assert team.anna in window.user_label.toolTip()
    shown = [window.windowTitle(), window.user_label.text(), window.user_label.toolTip()]
    assert not any(PASSWORD in text for text in shown)
    # Only the cases of her case team are in the list.
    assert {c.id for c in window.list_page.model.loaded_rows()} == {team.anna_case.id}
    assert window.list_page.model.total == 1


def test_a_wrong_password_asks_again_with_the_reason_and_the_login_name_kept(
    team: TeamDb, launch, monkeypatch
):
    monkeypatch.setenv("PGUSER", "iemand_anders")  # the URL names no login: libpq's default
    url = team.url_for(None)
    answers = Answers(Credentials(team.anna, "verkeerd"), Credentials(team.anna, PASSWORD))
    window, errors = launch(url, answers)
    assert window is not None and not errors
    first, second = answers.requests
    assert first.login == "iemand_anders"
    assert second.login == team.anna  # as typed the first time
    assert second.message == refusal(team.url_for(team.anna, "verkeerd"))
    assert "verkeerd" not in second.message
    assert second.server == first.server and team.anna not in second.server
    assert window.ctx.staff.login == team.anna


def test_cancelling_the_login_offers_another_database_or_quitting(team: TeamDb, launch):
    url = team.url_for(team.anna)
    window, errors = launch(url, Answers(None))
    assert window is None
    assert errors == [refusal(url)]


def test_a_login_that_is_no_user_of_the_database_is_refused_with_what_to_do(
    team: TeamDb, launch, pg_admin, qtbot
):
    from jeugdtool.store.team_sql import client_role

    stranger = f"stranger_{team.anna[5:]}"
    database = make_url(team.url).database
    with pg_admin.connect() as conn:  # let in by the server, but no person of this database
        conn.exec_driver_sql(f"CREATE ROLE \"{stranger}\" LOGIN PASSWORD '{PASSWORD}'")
        conn.exec_driver_sql(f'GRANT "{client_role(database)}" TO "{stranger}"')
    url = team.url_for(stranger, PASSWORD)
    window, errors = launch(url)
    assert window is None
    assert errors == [
        _(
            "The login '{login}' is not a user of the team database {db} (or no longer is). "
            "Ask your administrator to add you as a user (jeugdtool admin user add)."
        ).format(login=stranger, db=resolve(url).display)
    ]


def test_the_owner_login_is_for_administration_only(team: TeamDb, launch):
    """The owner is not bound by the access rules: it may never be used to work with cases."""
    window, errors = launch(team.url)
    assert window is None
    owner = make_url(team.url).username
    assert errors == [
        _(
            "'{login}' owns the team database {db}: that login is for administration "
            "(jeugdtool admin …) only, not for working with cases. Sign in with your own "
            "login."
        ).format(login=owner, db=resolve(team.url).display)
    ]


def test_after_a_refused_login_another_database_can_be_chosen(team: TeamDb, launch, tmp_path):
    from jeugdtool.ui.first_run import sign_in

    own_file = tmp_path / "eigen.sqlite"
    url = team.url_for(team.anna)
    window, errors = launch(
        url, Answers(None), ask_other=[str(own_file)], choose=lambda db: sign_in(db, "A. de Boer")
    )
    assert errors == [refusal(url)]
    assert window is not None and window.ctx.database.location.path == own_file
    assert not window.ctx.team_mode and not window.break_glass_action.isEnabled()
    assert window.user_label.text() == _("Signed in as {name}").format(name="A. de Boer")


# ---------------------------------------------------------------- the keyring


def entry(team: TeamDb, login: str) -> tuple[str, str]:
    host, port = make_url(team.url).host, make_url(team.url).port
    return "jeugdtool", f"{login}@{host}:{port}/{make_url(team.url).database}"


def test_a_password_kept_in_the_keyring_signs_in_without_asking(
    team: TeamDb, launch, memory_keyring
):
    memory_keyring.saved[entry(team, team.anna)] = PASSWORD
    window, errors = launch(team.url_for(team.anna), Answers())  # any prompt fails the test
    assert window is not None and not errors
    assert window.ctx.staff.login == team.anna


def test_remember_password_keeps_it_once_the_server_took_it(team: TeamDb, launch, memory_keyring):
    answers = Answers(
        Credentials(team.anna, "verkeerd", True), Credentials(team.anna, PASSWORD, True)
    )
    window, _errors = launch(team.url_for(team.anna), answers)
    assert window is not None
    assert all(request.keyring for request in answers.requests)  # the box is offered
    assert memory_keyring.saved == {entry(team, team.anna): PASSWORD}  # never the wrong one


def test_a_stale_kept_password_asks_and_unticking_remember_forgets_it(
    team: TeamDb, launch, memory_keyring
):
    memory_keyring.saved[entry(team, team.anna)] = "oud-wachtwoord"
    answers = Answers(Credentials(team.anna, PASSWORD, remember=False))
    window, _errors = launch(team.url_for(team.anna), answers)
    assert window is not None
    (request,) = answers.requests
    assert request.remember  # ticked: a password was kept for this login
    assert request.message == refusal(team.url_for(team.anna, "oud-wachtwoord"))
    assert memory_keyring.saved == {}


# ---------------------------------------------------------------- the dialog itself


def request(**changes) -> LoginRequest:
    values = {
        "server": "postgresql+psycopg://db.team.example/jeugdtool",
        "message": "De databaseserver vraagt om je wachtwoord.",
        "login": "a.devries",
        "keyring": False,
        "remember": False,
    }
    return LoginRequest(**{**values, **changes})


def test_without_a_keyring_the_remember_box_is_not_offered(qtbot):
    dialog = LoginDialog(request(keyring=False))
    qtbot.addWidget(dialog)
    assert not dialog.remember.isVisibleTo(dialog)
    offered = LoginDialog(request(keyring=True, remember=True))
    qtbot.addWidget(offered)
    assert offered.remember.isVisibleTo(offered) and offered.remember.isChecked()


def test_the_dialog_wants_a_password_and_is_driven_by_the_keyboard(qtbot):
    dialog = LoginDialog(request(login=""))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.login  # no login name known: start there
    qtbot.keyClicks(dialog.login, "a.devries")
    qtbot.keyClick(dialog.login, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.password
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # no password yet
    assert dialog.isVisible() and dialog.credentials is None
    assert dialog.error.text() == _("Type your password.")
    qtbot.keyClicks(dialog.password, "geheim")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.credentials == Credentials("a.devries", "geheim", False)
    assert "geheim" not in repr(dialog.credentials)


def test_escape_cancels_the_login(qtbot):
    dialog = LoginDialog(request())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.credentials is None


# ---------------------------------------------------------------- the access log


@pytest.fixture
def anna_window(team: TeamDb, qtbot, fake_dialogs):
    """The window as Anna works in it."""
    from jeugdtool import team_admin

    database = team.open_as(team.anna)
    person = team_admin.sign_in(database)
    window = MainWindow()
    fake_dialogs.parent = window
    ctx = jeugdtool_app.build_context(
        database, person.as_consultant(), fake_dialogs, window.undo_stack, person
    )
    window.attach(ctx)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()  # its screens are done with the database before the test's logins go
    window.list_page._load_alerts_if_pending()  # not later, from its fallback timer
    QApplication.processEvents()
    database.close()


def test_opening_a_case_is_logged_once_per_opening(team: TeamDb, anna_window):
    number = team.anna_case.case_number
    anna_window.open_case(team.anna_case.id)
    (row,) = team.log(number)
    assert (row.action, row.login, row.who) == (AccessAction.OPEN, team.anna, "Anna de Vries")
    anna_window.show_list()
    anna_window.open_case(team.anna_case.id)  # back to its tab: no new opening
    workspace = anna_window.workspaces[team.anna_case.id]
    workspace.reload()  # a reload shows the same opening
    assert len(team.log(number)) == 1
    anna_window.close_current_tab()
    anna_window.open_case(team.anna_case.id)
    assert len(team.log(number, AccessAction.OPEN)) == 2


def test_a_case_whose_opening_cannot_be_logged_is_not_opened(
    team: TeamDb, anna_window, fake_dialogs
):
    from jeugdtool.store.team_sql import client_role

    database = make_url(team.url).database
    with team.owner.engine.begin() as conn:  # the log refuses her row: nothing may be shown
        conn.exec_driver_sql(f'REVOKE INSERT ON access_log FROM "{client_role(database)}"')
    anna_window.open_case(team.anna_case.id)
    assert team.anna_case.id not in anna_window.workspaces
    assert anna_window.tabs.count() == 1
    (message,) = fake_dialogs.errors
    assert message.startswith(
        _(
            "Case {number} is not shown, because the access log could not record that you "
            "open it: {reason}"
        ).format(number=team.anna_case.case_number, reason="")
    )
    assert team.log(team.anna_case.case_number) == []


# ---------------------------------------------------------------- single-user mode logs too


def test_a_single_user_file_logs_openings_and_presentations_too(ctx, qtbot):
    """One consultant's own file keeps the same log (it belongs in a family's access request);
    a presentation logs each case of the agenda once, with the meeting, before showing it."""
    from jeugdtool.cases import access
    from jeugdtool.export.demo import load_demo
    from jeugdtool.meetings import agenda
    from jeugdtool.meetings import meetings

    from jeugdtool.ui.meetings.presentation import PresentationWindow

    first, second = load_demo(ctx.uow).value[:2]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.open_case(first.id)
    (opened,) = access.entries(ctx.uow, access.AccessLogFilter(action=AccessAction.OPEN))
    assert (opened.action, opened.case_number, opened.who) == (
        AccessAction.OPEN,
        first.case_number,
        "A. de Boer",
    )
    meeting = meetings.create_meeting(ctx.uow, {"title": "Intervisie Oost"}).value.meeting
    agenda.add_case(ctx.uow, meeting.id, first.id, "Veilig genoeg?")
    agenda.add_case(ctx.uow, meeting.id, second.id, "Hoe verder?")
    presenting = access.AccessLogFilter(action=AccessAction.PRESENT)
    show = PresentationWindow(ctx, meeting.id)
    qtbot.addWidget(show)
    show.start()
    (row,) = access.entries(ctx.uow, presenting)
    assert (row.case_number, row.detail) == (
        first.case_number,
        f"Intervisie Oost, {meeting.held_on.isoformat()}",
    )
    for _step in range(3):
        qtbot.keyClick(show, Qt.Key.Key_Right)
    assert len(access.entries(ctx.uow, presenting)) == 1  # views of the same case
    qtbot.keyClick(show, Qt.Key.Key_Down)
    assert [r.case_number for r in access.entries(ctx.uow, presenting)] == [
        second.case_number,
        first.case_number,
    ]
    qtbot.keyClick(show, Qt.Key.Key_Up)  # back to the first: presented already
    assert len(access.entries(ctx.uow, presenting)) == 2
    show.close()


def test_another_consultant_chosen_in_settings_is_who_the_log_names(ctx, qtbot):
    from jeugdtool.cases import access
    from jeugdtool.cases import consultants
    from jeugdtool.cases import households

    from jeugdtool.ui.settings_dialog import apply_settings

    colleague = consultants.add_consultant(ctx.uow, "B. Kaya").value
    case = households.create_case(ctx.uow, name="Gezin Smit").value
    apply_settings(ctx, "nl", colleague)
    assert (ctx.staff.id, ctx.staff.name, ctx.uow.person_id) == (
        colleague.id,
        "B. Kaya",
        colleague.id,
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.user_label.text() == _("Signed in as {name}").format(name="B. Kaya")
    window.open_case(case.id)
    (row,) = access.entries(ctx.uow, access.AccessLogFilter(action=AccessAction.OPEN))
    assert row.who == "B. Kaya"
