"""A new case in team mode belongs to a team of its creator, with a case manager of that team
(on the real PostgreSQL server; skipped without one)."""

from __future__ import annotations

import pytest
from team_kit import PASSWORD
from team_kit import TeamDb
from team_kit import team_fixture  # noqa: F401  (the `team` fixture)

from jeugdtool import app as jeugdtool_app
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.new_case import NewCaseDialog


@pytest.fixture
def anna_ctx(team: TeamDb, fake_dialogs):
    from jeugdtool import team_admin

    database = team.open_as(team.anna)
    person = team_admin.sign_in(database)
    yield jeugdtool_app.build_context(database, person.as_consultant(), fake_dialogs, None, person)
    database.close()


def test_the_new_case_is_the_creators_in_their_team(team: TeamDb, anna_ctx, qtbot):
    from jeugdtool import team_admin

    # A colleague in Anna's team, and one in another team.
    team_admin.add_user(
        team.owner,
        f"cees_{team.anna[-6:]}",
        "Cees Mulder",
        ["consultant"],
        ["Team Noord"],
        password=PASSWORD,
    )
    dialog = NewCaseDialog(anna_ctx)
    qtbot.addWidget(dialog)
    managers = [dialog.manager_combo.itemText(i) for i in range(dialog.manager_combo.count())]
    assert managers == ["Anna de Vries", "Cees Mulder"]  # Bram Smit is of Team Zuid
    assert dialog.manager_combo.currentText() == "Anna de Vries"
    assert dialog.team_combo.count() == 1  # one team: nothing to choose, so not shown
    dialog.name_edit.setText("Gezin Visser")
    dialog.accept()
    assert dialog.case is not None
    made = queries.get_case(UnitOfWork(team.owner, "beheer"), dialog.case.id)
    noord = next(t for t in anna_ctx.staff.teams if t.name == "Team Noord")
    assert (made.household.team_id, made.household.case_manager_id) == (noord.id, team.anna_id)
    # The database lets her see it (her case), and not Bram.
    seen = {c.case_number for c in queries.list_case_summaries(anna_ctx.uow)}
    assert dialog.case.case_number in seen
    bram = team.open_as(team.bram)
    try:
        theirs = {c.case_number for c in queries.list_case_summaries(UnitOfWork(bram, "Bram"))}
    finally:
        bram.close()
    assert dialog.case.case_number not in theirs


def test_a_case_cannot_be_given_to_someone_of_another_team(team: TeamDb, anna_ctx):
    from jeugdtool.errors import NoPermission

    noord = anna_ctx.staff.teams[0].id
    with pytest.raises(NoPermission):  # refused by the database's access rules
        households.create_case(
            anna_ctx.uow, name="Gezin Fout", team_id=noord, case_manager_id=team.bram_id
        )
