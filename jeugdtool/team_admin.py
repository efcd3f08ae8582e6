"""Setting up and running a team database: what `jeugdtool admin …` does.

Only the schema's owner sets a team database up (`init`) and upgrades it (`upgrade`): the
tables, and PostgreSQL's own access rules (store/team_sql.py) which every upgrade lays again.
Clients never change the schema (store/engine.py refuses to). Users and teams are added by the
owner or by a person with the administrator role; each user gets their own PostgreSQL login.

Top-level (beside models.py) because it needs every package's tables.
"""

from __future__ import annotations

import dataclasses
import getpass
import logging
import os
from collections.abc import Sequence

from sqlalchemy import Connection
from sqlalchemy import Engine
from sqlalchemy import text

from jeugdtool.cases import staff
from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import LoginRefused
from jeugdtool.errors import NewerSchema
from jeugdtool.errors import NoPermission
from jeugdtool.errors import NotAUser
from jeugdtool.errors import Problem
from jeugdtool.errors import SchemaNotReady
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store import schema
from jeugdtool.store import team_sql
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import make_engine
from jeugdtool.store.engine import read_revision
from jeugdtool.store.location import Location
from jeugdtool.store.location import resolve
from jeugdtool.store.locks import hold_until_transaction_end
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.uow import UnitOfWork

log = logging.getLogger(__name__)


class NotATeamDatabase(JeugdtoolError):
    pass


def team_location(target: str | os.PathLike[str] | Location | None) -> Location:
    """The server database `target` names; a file is refused (it needs no administration)."""
    location = target if isinstance(target, Location) else resolve(target)
    if location.is_sqlite:
        raise NotATeamDatabase(
            _(
                "{db} is a database file for one consultant; `jeugdtool admin` is for a team "
                "database on a PostgreSQL server (--db postgresql://…). A file is set up when "
                "jeugdtool first opens it."
            ).format(db=location.display)
        )
    return location


def init(target: str | os.PathLike[str] | Location | None) -> str:
    """Set up an empty team database: the schema, the client role, the access rules. Returns
    what was done, for the administrator. A database already set up at this version gets its
    access rules laid again (harmless); an older one is left to `upgrade`."""
    location = team_location(target)
    engine = make_engine(location)
    try:
        revision = _revision(engine, location)
        if revision is not None and revision != schema.HEAD:
            raise JeugdtoolError(
                _(
                    "The team database {db} is already set up, by an earlier jeugdtool (schema "
                    "{revision}). Use `jeugdtool admin upgrade` to bring it up to date."
                ).format(db=location.display, revision=revision)
            )
        if revision is None:
            _as_owner(location, lambda: _migrate(engine, location, None))
        _as_owner(location, lambda: secure(engine))
        return _("The team database {db} is set up (schema {head}).").format(
            db=location.display, head=schema.HEAD
        )
    finally:
        engine.dispose()


def upgrade(target: str | os.PathLike[str] | Location | None) -> str:
    """Bring a team database to this version's schema and access rules."""
    location = team_location(target)
    engine = make_engine(location)
    try:
        revision = _revision(engine, location)
        if revision is None:
            raise JeugdtoolError(
                _(
                    "The team database {db} has not been set up yet: use `jeugdtool admin init`."
                ).format(db=location.display)
            )
        if revision != schema.HEAD:
            _as_owner(location, lambda: _migrate(engine, location, revision))
        _as_owner(location, lambda: secure(engine))
        if revision == schema.HEAD:
            return _(
                "The team database {db} was already up to date (schema {head}); its access "
                "rules were laid again."
            ).format(db=location.display, head=schema.HEAD)
        return _("The team database {db} is upgraded from schema {old} to {head}.").format(
            db=location.display, old=revision, head=schema.HEAD
        )
    finally:
        engine.dispose()


def secure(engine: Engine) -> None:
    """Lay the access rules (again), in one transaction."""
    import jeugdtool.models

    with engine.begin() as conn:
        hold_until_transaction_end(conn, "schema-upgrade")
        team_sql.install(conn, jeugdtool.models.Base.metadata)


def _revision(engine: Engine, location: Location) -> str | None:
    revision = read_revision(engine, location)
    if revision is not None and revision not in schema.REVISIONS:
        raise NewerSchema(
            _(
                "The team database {db} was set up by a newer version of jeugdtool (schema "
                "{revision}). Use that version to administer it; this one leaves it untouched."
            ).format(db=location.display, revision=revision)
        )
    return revision


def _migrate(engine: Engine, location: Location, revision: str | None) -> None:
    # Every model, so their steps after the upgrade run (the case list's keys, cases.search).
    import jeugdtool.models  # noqa: F401
    from jeugdtool.store import migrate

    migrate.upgrade(engine, location, revision)


def _as_owner(location: Location, work: object) -> None:
    """Run `work`; a refusal for lack of rights says who may do this."""
    try:
        work()  # type: ignore[operator]
    except NoPermission as exc:
        raise NoPermission(
            _(
                "Your login may not set up or upgrade the team database {db}. Run this as the "
                "login that owns the database (it needs the right to create roles); see the "
                "team mode guide."
            ).format(db=location.display)
        ) from exc


def whoami(engine: Engine) -> str:
    """The server's name for the connection's login."""
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT session_user")).scalar_one())


def is_owner(database: Database) -> bool:
    """Whether the connection's login owns the team database (or is a superuser): the login
    for administration, which PostgreSQL's policies do not bind."""
    with database.engine.connect() as conn:
        return bool(conn.execute(text("SELECT jt_is_owner()")).scalar_one())


def sign_in(database: Database, *, administration: bool = False) -> StaffMember | None:
    """The person whose login this team database connection uses: the one who is working.
    None only for the owner when `administration` (the owner has no person: it administers,
    it does not work on cases). Any other login that is no active person: NotAUser."""
    uow = UnitOfWork(database, "")
    person = staff.current_person(uow)
    if person is not None:
        check_rules(database)
        return person
    login = staff.login_name(uow)
    if is_owner(database):
        if administration:
            return None
        raise NotAUser(
            _(
                "'{login}' owns the team database {db}: that login is for administration "
                "(jeugdtool admin …) only, not for working with cases. Sign in with your own "
                "login."
            ).format(login=login, db=database.location.display)
        )
    raise NotAUser(
        _(
            "The login '{login}' is not a user of the team database {db} (or no longer is). "
            "Ask your administrator to add you as a user (jeugdtool admin user add)."
        ).format(login=login, db=database.location.display)
    )


def check_rules(database: Database) -> None:
    """SchemaNotReady when the server's access rules are not the ones this version lays: a
    client would meet refusals it cannot explain (a new table's policy, a new function)."""
    expected = team_sql.RULES_FINGERPRINT  # no model needs importing for it
    with database.engine.connect() as conn:
        laid = team_sql.laid_fingerprint(conn)
    if laid == expected:
        return
    log.warning("team database access rules %s, this version lays %s", laid, expected)
    raise SchemaNotReady(
        _(
            "The access rules of the team database {db} are not those of this version of "
            "jeugdtool. Ask your administrator to run `jeugdtool admin upgrade` with this "
            "version (if your colleagues use a newer jeugdtool, install that one). Nothing was "
            "changed."
        ).format(db=database.location.display)
    )


#: Why someone without the role may not do it ({db}: the team database).
_ONLY_ADMINISTRATORS = N_(
    "Only an administrator of the team database {db} (or the login that owns it) adds "
    "and removes teams and users. Ask your administrator."
)
_ONLY_PRIVACY_OFFICER = N_(
    "The access log of the team database {db} is read by the privacy officer. Ask "
    "your privacy officer if you need to know who opened a case."
)


def may_administer(database: Database, person: StaffMember | None) -> None:
    """NoPermission unless the owner (`person` None) or an administrator is signed in."""
    _require(database, person, StaffRole.ADMINISTRATOR, _ONLY_ADMINISTRATORS)


def may_read_access_log(database: Database, person: StaffMember | None) -> None:
    """NoPermission unless the owner (`person` None) or a privacy officer is signed in."""
    _require(database, person, StaffRole.PRIVACY_OFFICER, _ONLY_PRIVACY_OFFICER)


def _require(database: Database, person: StaffMember | None, role: StaffRole, refusal: str) -> None:
    """NoPermission with `refusal` (untranslated, naming {db}) unless the owner (`person`
    None) or someone holding `role` is signed in."""
    if person is None or person.has(role):
        return
    raise NoPermission(_(refusal).format(db=database.location.display))


#: The keyring service under which a team database's password may be kept.
KEYRING_SERVICE = "jeugdtool"


def keyring_user(location: Location) -> str:
    """The keyring entry's user name for a team database: `login@host:port/database`."""
    url, env = location.url, os.environ
    # What the URL leaves out, libpq takes from its environment variables, then its defaults.
    login = url.username or env.get("PGUSER") or getpass.getuser()
    host = url.host or env.get("PGHOST") or "localhost"
    port = url.port or env.get("PGPORT") or 5432
    return f"{login}@{host}:{port}/{url.database or env.get('PGDATABASE') or login}"


def keyring_password(location: Location) -> str | None:
    """The password kept in the system's keyring for this team database, if the optional
    `keyring` package is installed and has one; None otherwise (then libpq's own means or a
    prompt decide). A keyring that cannot be read is no error: it just has no password."""
    try:
        import keyring  # optional: pip install keyring
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, keyring_user(location))
    except Exception:  # a locked or missing keyring backend: fall back to the prompt
        log.info("no password from the keyring", exc_info=True)
        return None
    return found or None


def check_login(location: Location, password: str) -> bool:
    """Whether the server accepts `password` for the login this window works as (unlocking
    after the auto-lock). A fresh connection of its own, closed at once; the password is
    kept nowhere. A server it cannot reach raises (ConnectionLost, DatabaseUnavailable): that
    is no wrong password. On a server that lets the login in without a password (pg_hba
    `trust`, Kerberos) any password passes: there the operating system's lock protects."""
    if not password:
        return False
    url = location.url.difference_update_query(["password"]).set(password=password)
    engine = make_engine(dataclasses.replace(location, url=url))
    try:
        with engine.connect():
            return True
    except LoginRefused:
        return False
    finally:
        engine.dispose()


# ---------------------------------------------------------------- users

#: The shortest password a new login may get (a login without a password is also possible:
#: then the server's pg_hba.conf decides, e.g. Kerberos).
MIN_PASSWORD_LENGTH = 8


def check_password(password: str, again: str | None = None) -> str:
    """The new password, or InvalidInput: typed twice alike (`again`), long enough."""
    if again is not None and again != password:
        raise InvalidInput(
            Problem("password", _("The two passwords differ. Type the same password twice."))
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            Problem(
                "password",
                _("A password needs at least {n} characters. Nothing was changed.").format(
                    n=MIN_PASSWORD_LENGTH
                ),
            )
        )
    return password


def add_user(
    database: Database,
    login: str,
    name: str,
    roles: Sequence[str],
    teams: Sequence[str],
    *,
    password: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    author: str = "",
) -> StaffMember:
    """Add (or update) a person with their own PostgreSQL login, roles and teams.

    The person's row comes first (its checks: the login name, roles, teams that exist), then the
    login: a login without a person sees nothing, so an interruption between the two is
    harmless, and running the same command again completes it. The password reaches the server
    as a SCRAM verifier made here, never in plain text (nor in the server's statement log)."""
    location = team_location(database.location)
    _check_may_manage_users(database, location)
    member = staff.save_person(
        UnitOfWork(database, author), login, name, roles, teams, email=email, phone=phone
    ).value
    assert member.login is not None
    with database.engine.begin() as conn:
        client = team_sql.client_role(conn.execute(text("SELECT current_database()")).scalar_one())
        verifier = _verifier(conn, member.login, password) if password else None
        try:
            conn.execute(
                text("SELECT jt_add_login(:login, :verifier, :client)"),
                {"login": member.login, "verifier": verifier, "client": client},
            )
        except NoPermission as exc:
            raise _may_not_manage_users(location) from exc
    return member


def _may_not_manage_users(location: Location) -> NoPermission:
    return NoPermission(
        _(
            "Your login may not add or remove users of the team database {db}: only its "
            "owner and administrators may."
        ).format(db=location.display)
    )


def _check_may_manage_users(database: Database, location: Location) -> None:
    """Before the person's row: the database would refuse it too, but with a general message
    (or, for a change, by finding no row to change)."""
    with database.engine.connect() as conn:
        allowed = conn.execute(
            text("SELECT jt_is_owner() OR jt_has_role(:role)"),
            {"role": StaffRole.ADMINISTRATOR.value},
        ).scalar_one()
    if not allowed:
        raise _may_not_manage_users(location)


def remove_user(database: Database, login: str, *, author: str = "") -> StaffMember:
    """The person can no longer log in or work; their name stays in every history."""
    _check_may_manage_users(database, team_location(database.location))
    member = staff.deactivate_person(UnitOfWork(database, author), login).value
    with database.engine.begin() as conn:
        conn.execute(text("SELECT jt_disable_login(:login)"), {"login": member.login})
    return member


def _verifier(conn: Connection, login: str, password: str) -> str:
    raw = conn.connection.dbapi_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    return pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()
