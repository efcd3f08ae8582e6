"""The organisation's auto-lock period: default, range, who may change it (also on the server),
and checking a team login's password for unlocking."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from jeugdtool import team_admin
from jeugdtool.cases import org_policy
from jeugdtool.cases import staff
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NoPermission
from jeugdtool.i18n import _
from jeugdtool.store import org_settings
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import resolve
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.uow import UnitOfWork


def _single(uow: UnitOfWork) -> staff.StaffMember:
    return staff.single_user(ConsultantDTO(1, "A. de Boer", None, True, 1))


def test_the_default_is_ten_minutes(uow: UnitOfWork) -> None:
    assert org_policy.auto_lock_minutes(uow) == 10


def test_the_consultant_of_a_file_sets_it_and_it_is_kept(uow: UnitOfWork) -> None:
    assert org_policy.set_auto_lock_minutes(uow, 3, _single(uow)) == 3
    assert org_policy.auto_lock_minutes(uow) == 3
    assert org_policy.set_auto_lock_minutes(uow, 60, _single(uow)) == 60
    assert org_policy.auto_lock_minutes(uow) == 60


@pytest.mark.parametrize("minutes", [0, -5, 61, 240])
def test_off_and_out_of_range_are_refused_naming_the_range(uow: UnitOfWork, minutes: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        org_policy.set_auto_lock_minutes(uow, minutes, _single(uow))
    (message,) = caught.value.for_field("auto_lock_minutes")
    assert "1" in message and "60" in message and str(minutes) in message
    assert org_policy.auto_lock_minutes(uow) == 10


@pytest.mark.parametrize(("stored", "read"), [("abc", 10), ("0", 1), ("500", 60), ("7", 7)])
def test_a_broken_stored_value_still_locks(uow: UnitOfWork, stored: str, read: int) -> None:
    with uow:
        org_settings.write(uow.session, org_settings.AUTO_LOCK_MINUTES, stored)
        uow.commit()
    assert org_policy.auto_lock_minutes(uow) == read


def test_who_may_set_it_in_team_mode() -> None:
    def member(*roles: StaffRole) -> staff.StaffMember:
        return staff.StaffMember(
            id=1, name="X", login="x", email=None, active=True, roles=frozenset(roles), teams=()
        )

    assert org_policy.may_set_auto_lock(member(StaffRole.ADMINISTRATOR))
    assert org_policy.may_set_auto_lock(member(StaffRole.PRIVACY_OFFICER))
    assert not org_policy.may_set_auto_lock(member(StaffRole.CONSULTANT))
    assert not org_policy.may_set_auto_lock(member(StaffRole.TEAM_LEADER))


# ---- team mode --------------------------------------------------------------------------------


@pytest.fixture
def team(pg_url: str) -> Iterator[dict[str, Any]]:
    """A team database with a consultant, a privacy officer and an administrator."""
    team_admin.init(pg_url)
    owner = open_database(pg_url)
    suffix = uuid.uuid4().hex[:6]
    logins: dict[str, str] = {}
    for name, role in (
        ("anna", "consultant"),
        ("pim", "privacy_officer"),
        ("bea", "administrator"),
    ):
        login = f"{name}_{suffix}"
        team_admin.add_user(owner, login, name.capitalize(), [role], [], password=f"pw-{login}")
        logins[name] = login
    opened: list[Database] = []

    def url_of(name: str, password: str | None = None) -> str:
        login = logins[name]
        url = make_url(pg_url).set(username=login, password=password or f"pw-{login}")
        return url.render_as_string(hide_password=False)

    def as_(name: str) -> tuple[UnitOfWork, staff.StaffMember]:
        database = open_database(url_of(name))
        opened.append(database)
        member = team_admin.sign_in(database)
        assert member is not None
        return UnitOfWork(database, member.name, member.id), member

    yield {"as": as_, "url": url_of, "owner": owner}
    for database in opened:
        database.close()
    owner.close()


def test_team_the_privacy_officer_and_the_administrator_set_it(team: dict[str, Any]) -> None:
    pim_uow, pim = team["as"]("pim")
    assert org_policy.set_auto_lock_minutes(pim_uow, 5, pim) == 5
    anna_uow, _anna = team["as"]("anna")
    assert org_policy.auto_lock_minutes(anna_uow) == 5  # the same for every colleague
    bea_uow, bea = team["as"]("bea")
    assert org_policy.set_auto_lock_minutes(bea_uow, 15, bea) == 15
    assert org_policy.auto_lock_minutes(anna_uow) == 15


def test_team_a_consultant_may_not_even_with_sql(team: dict[str, Any]) -> None:
    anna_uow, anna = team["as"]("anna")
    with pytest.raises(NoPermission) as caught:
        org_policy.set_auto_lock_minutes(anna_uow, 30, anna)
    assert str(caught.value) == _(
        "Only an administrator or the privacy officer changes after how many minutes "
        "jeugdtool locks. Ask one of them."
    )
    # The server's policy, without the service:
    with pytest.raises(NoPermission), anna_uow.database.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO org_settings (key, value) VALUES ('auto_lock_minutes', '60')")
        )
    assert org_policy.auto_lock_minutes(anna_uow) == 10


def test_team_the_privacy_officer_may_not_change_other_settings(team: dict[str, Any]) -> None:
    pim_uow, _pim = team["as"]("pim")
    with pytest.raises(NoPermission), pim_uow.database.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO org_settings (key, value) VALUES ('break_glass_hours', '99')")
        )


def test_check_login_takes_only_the_logins_own_password(team: dict[str, Any]) -> None:
    location = resolve(team["url"]("anna"))
    login = location.url.username
    assert team_admin.check_login(location, f"pw-{login}")
    assert not team_admin.check_login(location, "wrong password")
    assert not team_admin.check_login(location, "")
    # The password the window connected with is not what is checked: the one typed is.
    other = resolve(team["url"]("anna", password="not-the-password"))
    assert team_admin.check_login(other, f"pw-{login}")
    assert not team_admin.check_login(other, "not-the-password")
