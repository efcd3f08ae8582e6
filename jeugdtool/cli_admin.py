"""`jeugdtool admin …`: set up a team database, its teams and users; export the access log.

Imported only to run one of these commands (cli_commands.run_command). Setting up and upgrading
is for the login that owns the team database; teams and users for the owner or an
administrator; the access log for the privacy officer (or the owner), and on a database file
for whoever may open it (the consultant's own log, for an access request).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from jeugdtool import team_admin
from jeugdtool.cli_base import OK
from jeugdtool.cli_session import SignedIn
from jeugdtool.cli_session import check_user_option
from jeugdtool.cli_session import location_of
from jeugdtool.cli_session import open_for
from jeugdtool.cli_session import sign_in
from jeugdtool.cli_session import with_password
from jeugdtool.errors import JeugdtoolError
from jeugdtool.folding import fold_key
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.engine import Database
from jeugdtool.store.location import Location


def _team_location(args: argparse.Namespace) -> Location:
    """The team database of `args`; a database file is refused (NotATeamDatabase)."""
    location = team_admin.team_location(location_of(args))
    check_user_option(args, location)
    return location


def cmd_admin_init(args: argparse.Namespace) -> int:
    print(with_password(_team_location(args), team_admin.init))
    return OK


def cmd_admin_upgrade(args: argparse.Namespace) -> int:
    print(with_password(_team_location(args), team_admin.upgrade))
    return OK


def _administrator(args: argparse.Namespace, database: Database) -> SignedIn:
    who = sign_in(args, database, administration=True)
    team_admin.may_administer(database, who.person)
    return who


def cmd_admin_team_add(args: argparse.Namespace) -> int:
    from jeugdtool.cases import staff

    _team_location(args)
    with open_for(args, write=True) as database:
        team = staff.add_team(_administrator(args, database).uow, args.name).value
    print(_("Team '{name}' added.").format(name=team.name))
    return OK


def cmd_admin_break_glass_hours(args: argparse.Namespace) -> int:
    from jeugdtool.cases import access

    _team_location(args)  # one consultant's file has no emergency access: everything is theirs
    with open_for(args, write=args.hours is not None) as database:
        if args.hours is None:
            hours = access.emergency_hours(sign_in(args, database, administration=True).uow)
            print(
                ngettext(
                    "Emergency access lasts {n} hour.", "Emergency access lasts {n} hours.", hours
                ).format(n=hours)
            )
            return OK
        hours = access.set_emergency_hours(_administrator(args, database).uow, args.hours)
    print(
        ngettext(
            "Emergency access now lasts {n} hour.", "Emergency access now lasts {n} hours.", hours
        ).format(n=hours)
    )
    return OK


# ---------------------------------------------------------------- users


def cmd_admin_user_add(args: argparse.Namespace) -> int:
    _team_location(args)
    with open_for(args, write=True) as database:
        who = _administrator(args, database)
        password = _new_password(args)
        member = team_admin.add_user(
            database,
            args.login,
            args.name,
            args.roles,
            args.teams,
            password=password,
            email=args.email,
            phone=args.phone,
            author=who.uow.author,
        )
    roles = ", ".join(sorted(r.label for r in member.roles))
    teams = ", ".join(t.name for t in member.teams) or _("none")
    print(
        _("User {login} ({name}) saved; roles: {roles}; teams: {teams}.").format(
            login=member.login, name=member.name, roles=roles, teams=teams
        )
    )
    if password is None:
        print(
            _(
                "No password was set (a login that already existed keeps its own): the login "
                "signs in as the server's pg_hba.conf allows, e.g. with Kerberos. To give it a "
                "password, run this command again with --password-stdin, or in a terminal."
            )
        )
    return OK


def _new_password(args: argparse.Namespace) -> str | None:
    """The new user's password: the first line of standard input (--password-stdin), else
    typed twice at a terminal; None without a terminal (or when nothing is typed)."""
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise JeugdtoolError(
                _(
                    "--password-stdin: standard input has no password on its first line. "
                    "Nothing was changed."
                )
            )
        return team_admin.check_password(line)
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(_("New password for {login}: ").format(login=args.login))
    if not first:
        return None
    return team_admin.check_password(first, getpass.getpass(_("The same password again: ")))


def cmd_admin_user_remove(args: argparse.Namespace) -> int:
    _team_location(args)
    with open_for(args, write=True) as database:
        who = _administrator(args, database)
        member = team_admin.remove_user(database, args.login, author=who.uow.author)
    print(
        _(
            "User {login} ({name}) removed: the login can no longer sign in. The name stays "
            "in every history."
        ).format(login=member.login, name=member.name)
    )
    return OK


# ---------------------------------------------------------------- the access log


def cmd_admin_access_log(args: argparse.Namespace) -> int:
    from jeugdtool.cases import access
    from jeugdtool.store.access_log import AccessAction

    if args.since and args.until and args.since > args.until:
        raise JeugdtoolError(
            _("--from ({since}) is after --to ({until}); swap them.").format(
                since=args.since, until=args.until
            )
        )
    with open_for(args) as database:
        who = sign_in(args, database, administration=True)
        team = not database.location.is_sqlite
        if team:
            team_admin.may_read_access_log(database, who.person)
        where = access.AccessLogFilter(
            case_number=args.case,
            login=args.log_user if team else None,
            action=AccessAction(args.action) if args.action else None,
            since=args.since,
            until=args.until,
        )
        rows = access.entries(who.uow, where)
    if args.log_user and not team:  # no logins in a file: the name of who did it
        wanted = fold_key(args.log_user)
        rows = [r for r in rows if fold_key(r.who) == wanted]
    text = access.to_csv(rows) if args.format == "csv" else access.to_json(rows)
    if args.out is None:
        sys.stdout.write(text)
        return OK
    _write(text, args.out)
    n = len(rows)
    print(
        ngettext(
            "{n} row of the access log written to {path}.",
            "{n} rows of the access log written to {path}.",
            n,
        ).format(n=n, path=args.out)
    )
    return OK


def _write(text: str, path: Path) -> None:
    """Write the export all at once, owner-only (it names people and cases)."""
    from jeugdtool.cases.access import export_error
    from jeugdtool.export.files import write_atomically

    write_atomically(text.encode("utf-8"), path, export_error)
