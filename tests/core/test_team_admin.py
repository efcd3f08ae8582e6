"""Administering a team database (jeugdtool/team_admin.py): set up, upgrade, users and logins.

The test server's superuser plays the database's owner; users get their own logins with
passwords, as `jeugdtool admin user add --password-stdin` gives them. Needs the PostgreSQL test
server (JEUGDTOOL_TEST_PG_URL); skipped without it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import create_engine
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.engine import make_url

from jeugdtool import team_admin
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import LoginRefused
from jeugdtool.errors import NoPermission
from jeugdtool.errors import SchemaNotReady
from jeugdtool.i18n import _
from jeugdtool.store import team_sql
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import resolve
from jeugdtool.store.uow import UnitOfWork

TEAM = "Team Noord"


def _as(url: str, login: str, password: str) -> str:
    return (
        make_url(url).set(username=login, password=password).render_as_string(hide_password=False)
    )


@pytest.fixture
def roles(pg_admin) -> Iterator[Callable[..., str]]:
    """`roles(prefix, options)` makes a server role of this test (dropped afterwards) with the
    password "pw"; the logins `add_user` makes are dropped with the test database."""
    made: list[str] = []

    def make(prefix: str, options: str = "LOGIN") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:6]}"
        with pg_admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE ROLE \"{name}\" {options} PASSWORD 'pw'")
        made.append(name)
        return name

    yield make
    with pg_admin.connect() as conn:
        for name in made:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def owner(pg_url: str) -> Iterator[Database]:
    """The team database, set up, with one team, opened by its owner."""
    team_admin.init(pg_url)
    db = open_database(pg_url)
    staff.add_team(UnitOfWork(db, "beheer"), TEAM)
    yield db
    db.close()


def _login(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:6]}"


def _opens(url: str) -> str:
    """The name of the person this URL's login signs in as."""
    db = open_database(url)
    try:
        person = staff.current_person(UnitOfWork(db, ""))
        assert person is not None
        return person.name
    finally:
        db.close()


# ---------------------------------------------------------------- setting up


def test_init_by_a_login_without_rights_says_who_may(pg_url: str, roles) -> None:
    stranger = roles("stranger")
    url = _as(pg_url, stranger, "pw")
    with pytest.raises(NoPermission) as info:
        team_admin.init(url)
    assert str(info.value) == _(
        "Your login may not set up or upgrade the team database {db}. Run this as the "
        "login that owns the database (it needs the right to create roles); see the "
        "team mode guide."
    ).format(db=resolve(url).display)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []  # nothing half set up
    engine.dispose()


def test_upgrade_by_a_client_says_who_may(owner: Database, pg_url: str) -> None:
    login = _login("anna")
    team_admin.add_user(owner, login, "Anna", ["consultant"], [TEAM], password="pw-anna")
    url = _as(pg_url, login, "pw-anna")
    with pytest.raises(NoPermission) as info:
        team_admin.upgrade(url)
    assert str(info.value) == _(
        "Your login may not set up or upgrade the team database {db}. Run this as the "
        "login that owns the database (it needs the right to create roles); see the "
        "team mode guide."
    ).format(db=resolve(url).display)


# ---------------------------------------------------------------- users and logins


def test_a_user_added_with_a_password_logs_in_as_themselves(owner: Database, pg_url: str) -> None:
    login = _login("anna")
    member = team_admin.add_user(
        owner, login, "Anna de Vries", ["consultant", "reviewer"], [TEAM], password="geheim-1"
    )
    assert (member.login, member.active) == (login, True)
    assert {r.value for r in member.roles} == {"consultant", "reviewer"}
    assert [t.name for t in member.teams] == [TEAM]
    assert _opens(_as(pg_url, login, "geheim-1")) == "Anna de Vries"
    with pytest.raises(LoginRefused) as info:
        open_database(_as(pg_url, login, "geheim-2"))
    assert "geheim" not in str(info.value)
    with psycopg.connect(**_conninfo(pg_url, login, "geheim-1")) as conn:  # a client, no more
        assert not conn.execute(
            "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user"
        ).fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE mine (x integer)")


def _signs_in(url: str) -> str:
    """`team_admin.sign_in` as the login of `url`: the person's name."""
    db = open_database(url)
    try:
        person = team_admin.sign_in(db)
        assert person is not None
        return person.name
    finally:
        db.close()


def test_rules_of_another_version_stop_sign_in_until_the_upgrade(
    owner: Database, pg_url: str
) -> None:
    """A server whose access rules are older (or newer) than this version's would refuse
    things the client cannot explain: sign-in says who must act, and `admin upgrade` mends it."""
    login = _login("bram")
    team_admin.add_user(owner, login, "Bram Jansen", ["consultant"], [TEAM], password="pw-1")
    url = _as(pg_url, login, "pw-1")
    assert _signs_in(url) == "Bram Jansen"
    stale = (
        f"CREATE OR REPLACE FUNCTION {team_sql.RULES_FUNCTION}() RETURNS text "
        "LANGUAGE sql AS $$ SELECT 'older'::text $$"
    )
    for tamper in (stale, f"DROP FUNCTION {team_sql.RULES_FUNCTION}()"):
        with owner.engine.begin() as conn:
            conn.exec_driver_sql(tamper)
        with pytest.raises(SchemaNotReady) as info:
            _signs_in(url)
        assert "admin upgrade" in str(info.value)
        assert "older" not in str(info.value)
        team_admin.upgrade(pg_url)
        assert _signs_in(url) == "Bram Jansen"


def test_the_written_down_fingerprint_is_this_versions() -> None:
    """The sign-in compares the server's rules with `RULES_FINGERPRINT` (no model imported for
    it): it must be the digest of the rules this version lays."""
    import jeugdtool.models

    laid = team_sql.fingerprint(jeugdtool.models.Base.metadata)
    assert laid == team_sql.RULES_FINGERPRINT, (
        f"the access rules changed: set team_sql.RULES_FINGERPRINT = {laid!r}"
    )


def test_the_rules_fingerprint_follows_the_rules() -> None:
    import jeugdtool.models

    metadata = jeugdtool.models.Base.metadata
    before = team_sql.fingerprint(metadata)
    assert before == team_sql.fingerprint(metadata)  # the same rules, the same digest
    saved = team_sql.TRIGGERS
    try:
        team_sql.TRIGGERS = saved[:-1]
        assert team_sql.fingerprint(metadata) != before
    finally:
        team_sql.TRIGGERS = saved


def _conninfo(url: str, login: str, password: str) -> dict[str, object]:
    u = make_url(url)
    return {
        "host": u.host,
        "port": u.port,
        "dbname": u.database,
        "user": login,
        "password": password,
        "autocommit": True,
    }


def test_adding_a_user_again_keeps_the_password_unless_a_new_one_is_given(
    owner: Database, pg_url: str
) -> None:
    login = _login("bert")
    team_admin.add_user(owner, login, "Bert", ["consultant"], [TEAM], password="eerste")
    again = team_admin.add_user(owner, login, "Bert Bakker", ["team_leader"], [TEAM])
    assert {r.value for r in again.roles} == {"team_leader"}
    assert _opens(_as(pg_url, login, "eerste")) == "Bert Bakker"
    team_admin.add_user(owner, login, "Bert Bakker", ["team_leader"], [TEAM], password="tweede")
    with pytest.raises(LoginRefused):
        open_database(_as(pg_url, login, "eerste"))
    assert _opens(_as(pg_url, login, "tweede")) == "Bert Bakker"
    assert len(staff.list_staff(UnitOfWork(owner, "beheer"))) == 1  # one person, not two


def test_a_removed_user_cannot_log_in_and_keeps_their_name_in_history(
    owner: Database, pg_url: str
) -> None:
    login = _login("carla")
    carla = team_admin.add_user(owner, login, "Carla", ["consultant"], [TEAM], password="pw-c")
    url = _as(pg_url, login, "pw-c")
    db = open_database(url)
    made = households.create_case(
        UnitOfWork(db, "wie dan ook"),
        name="Gezin Smit",
        case_manager_id=carla.id,
        team_id=carla.teams[0].id,
    ).value
    db.close()

    removed = team_admin.remove_user(owner, login)
    assert removed.active is False
    with pytest.raises(LoginRefused):
        open_database(url)
    boss = UnitOfWork(owner, "beheer")
    assert {e.who for e in queries.case_history(boss, made.id)} == {"Carla"}
    assert queries.get_case(boss, made.id).household.case_manager_name == "Carla"
    assert [p.name for p in staff.list_staff(boss, include_inactive=True)] == ["Carla"]
    assert staff.list_staff(boss) == []

    team_admin.add_user(owner, login, "Carla", ["consultant"], [TEAM])  # back, same password
    assert _opens(url) == "Carla"


def test_only_the_owner_and_administrators_add_users(owner: Database, pg_url: str) -> None:
    anna, ada, new = _login("anna"), _login("ada"), _login("nieuw")
    team_admin.add_user(owner, anna, "Anna", ["consultant"], [TEAM], password="pw-anna")
    team_admin.add_user(owner, ada, "Ada", ["administrator"], [], password="pw-ada")
    refusal = _(
        "Your login may not add or remove users of the team database {db}: only its "
        "owner and administrators may."
    )
    consultant = open_database(_as(pg_url, anna, "pw-anna"))
    try:
        for attempt in (
            lambda: team_admin.add_user(consultant, new, "Nieuw", ["consultant"], [TEAM]),
            lambda: team_admin.add_user(consultant, anna, "Anna", ["administrator"], [TEAM]),
            lambda: team_admin.remove_user(consultant, ada),
        ):
            with pytest.raises(NoPermission) as info:
                attempt()
            assert str(info.value) == refusal.format(db=consultant.location.display)
    finally:
        consultant.close()
    boss = UnitOfWork(owner, "beheer")
    assert sorted(p.name for p in staff.list_staff(boss)) == ["Ada", "Anna"]

    administrator = open_database(_as(pg_url, ada, "pw-ada"))
    try:
        team_admin.add_user(administrator, new, "Nieuw", ["consultant"], [TEAM], password="pw-n")
        assert _opens(_as(pg_url, new, "pw-n")) == "Nieuw"
        team_admin.remove_user(administrator, new)
        with pytest.raises(LoginRefused):
            open_database(_as(pg_url, new, "pw-n"))
    finally:
        administrator.close()


def test_an_administrator_cannot_take_over_other_logins(
    owner: Database, pg_url: str, roles
) -> None:
    """The login functions run with the owner's rights: an administrator (a client) must not
    use them to set the password of a powerful login, or to join a powerful role."""
    ada = _login("ada")
    team_admin.add_user(owner, ada, "Ada", ["administrator"], [], password="pw-ada")
    boss = roles("boss", "LOGIN CREATEROLE")
    group = roles("jeugdtool_elders_client", "NOLOGIN")
    with owner.engine.connect() as conn:
        client = team_sql.client_role(conn.execute(text("SELECT current_database()")).scalar())
    verifier = "SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy"  # any verifier: never accepted
    with psycopg.connect(**_conninfo(pg_url, ada, "pw-ada")) as conn:
        fresh = _login("vers")
        for target, role in ((boss, client), (group, client), (client, client), (fresh, group)):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("SELECT jt_add_login(%s, %s, %s)", (target, verifier, role))
        for target in (boss, client):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("SELECT jt_disable_login(%s)", (target,))
    assert _opens_raw(pg_url, boss, "pw")  # untouched: its own password, still a login
    with owner.engine.connect() as conn:
        members = conn.execute(
            text(
                "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname IN (:c, :g)"
            ),
            {"c": client, "g": group},
        ).scalars()
        assert sorted(members) == [ada]


def _opens_raw(url: str, login: str, password: str) -> bool:
    """Whether the login may log in to the server (to its own `postgres` database)."""
    with psycopg.connect(**{**_conninfo(url, login, password), "dbname": "postgres"}) as conn:
        return conn.execute("SELECT session_user").fetchone()[0] == login


def test_a_login_name_must_be_a_plain_name(owner: Database) -> None:
    for bad in ("Anna", "anna; DROP TABLE households", "pg_anna", ""):
        with pytest.raises(InvalidInput):
            team_admin.add_user(owner, bad, "Anna", ["consultant"], [TEAM], password="pw")
    assert staff.list_staff(UnitOfWork(owner, "beheer")) == []
