"""Throwaway databases on the PostgreSQL test server: made with the settings every test
database has, and dropped with the server-wide roles that came with them."""

from __future__ import annotations

from typing import Any


def create(pg_admin: Any, name: str, *, template: str | None = None) -> None:
    """A new database `name` (a copy of `template` if given). Its sessions run in an odd time
    zone (+12:45/+13:45), so a time that depends on the server's zone shows up as wrong; a
    database's settings are the server's, so a copy gets them here too."""
    copy = f' TEMPLATE "{template}"' if template else ""
    with pg_admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
        conn.exec_driver_sql(f"ALTER DATABASE \"{name}\" SET TimeZone TO 'Pacific/Chatham'")


def drop(pg_admin: Any, name: str, *more: str) -> None:
    """Drop the databases `name` and `more`, and the roles that belong to `name`: roles belong
    to the whole server, so its client role and the logins in it go with the database."""
    from jeugdtool.store.team_sql import client_role

    client = client_role(name)
    with pg_admin.connect() as conn:
        for database in (name, *more):
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        logins = conn.exec_driver_sql(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = %(client)s",
            {"client": client},
        ).scalars()
        for login in [*logins, client]:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')


def copy_team(pg_admin: Any, name: str) -> None:
    """A new database `name`, a copy of the team database `{name}_tpl` that `admin init` set up
    under the name `name` (and that was then renamed aside): everything that names the database
    stays true in the copy (the client role the rules grant to, the functions that name it).
    What a copy does not inherit from its template, the database's settings and grants, is set
    here as `create` and team_sql's grants set them."""
    from jeugdtool.store.team_sql import client_role

    create(pg_admin, name, template=f"{name}_tpl")
    with pg_admin.connect() as conn:
        conn.exec_driver_sql(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC')
        conn.exec_driver_sql(
            f'GRANT CONNECT, TEMPORARY ON DATABASE "{name}" TO "{client_role(name)}"'
        )


def drop_copy(pg_admin: Any, name: str) -> None:
    """Drop the copy `name` (`copy_team`) and the logins a test added to its client role; the
    client role itself is the template's and stays for the next copy."""
    from jeugdtool.store.team_sql import client_role

    with pg_admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        logins = conn.exec_driver_sql(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = %(client)s",
            {"client": client_role(name)},
        ).scalars()
        for login in list(logins):
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
