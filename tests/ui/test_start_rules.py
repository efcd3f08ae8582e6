"""A team server's access rules are compared at sign-in with the digest this version wrote
down (`team_sql.RULES_FINGERPRINT`: no model is imported for it, so the case list still
paints before the other models load): rules of another version end the start with their message
and the choice of another database, before any case is shown (PostgreSQL; skipped without a
server)."""

from __future__ import annotations

from shiboken6 import isValid
from team_kit import PASSWORD
from team_kit import TeamDb
from team_kit import team_fixture  # noqa: F401  (the `team` fixture)

from jeugdtool import app as jeugdtool_app
from jeugdtool.errors import SchemaNotReady
from jeugdtool.store import team_sql


def _launcher(fake_dialogs, asked: list[str]) -> jeugdtool_app.Launcher:
    def ask(message: str) -> str | None:
        asked.append(message)
        return None  # quit

    return jeugdtool_app.Launcher(
        ask=ask,
        choose=lambda db: None,
        make_dialogs=lambda: fake_dialogs,
    )


def test_rules_of_another_version_end_the_start_before_any_case_is_shown(
    team: TeamDb, qtbot, fake_dialogs
):
    with team.owner.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.exec_driver_sql(
            f"CREATE OR REPLACE FUNCTION {team_sql.RULES_FUNCTION}() RETURNS text "
            "LANGUAGE sql AS $$ SELECT 'older'::text $$"
        )
    asked: list[str] = []
    launcher = _launcher(fake_dialogs, asked)
    window = launcher.start_shown(team.url_for(team.anna, PASSWORD))  # it deletes itself
    with qtbot.waitSignal(launcher.gave_up, timeout=60_000):
        pass
    assert launcher.window is None and not (isValid(window) and window.isVisible())
    assert not (isValid(window) and window.attached)  # no list of cases was shown
    from jeugdtool import team_admin

    database = jeugdtool_app.open_database_interactively(
        team.url_for(team.anna, PASSWORD), lambda message: None
    )
    assert database is not None
    try:
        try:
            team_admin.check_rules(database)
        except SchemaNotReady as exc:
            expected = str(exc)
    finally:
        database.close()
    assert asked == [expected]
    assert "admin upgrade" in expected


def test_current_rules_leave_the_window_working(team: TeamDb, qtbot, fake_dialogs):
    asked: list[str] = []
    launcher = _launcher(fake_dialogs, asked)
    window = launcher.start_shown(team.url_for(team.anna, PASSWORD))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.attached, timeout=60_000)
    with qtbot.waitSignal(window.settled, timeout=60_000):
        pass
    qtbot.wait(0)
    assert asked == []
    assert launcher.window is window and window.isVisible()
    assert window.ctx.team_mode and window.ctx.user.name == "Anna de Vries"
    window.close()
    window.ctx.database.close()
