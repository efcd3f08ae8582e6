"""Opening the database for one command, and who runs it.

Who: on a database file, `--user`, else the consultant chosen for it in jeugdtool, else the OS
login (the OS account is the boundary there). On a team database, always the person whose
PostgreSQL login the connection uses (`sign_in`); `--user` is refused there, and a password the
server asks for and libpq did not find is taken from the keyring or asked at the terminal
(`with_password`). Imported only to run a command, like cli_commands.py.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import TypeVar

from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import NoSuchModuleError

from jeugdtool import settings
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import LoginRefused
from jeugdtool.errors import NeedsWriteAccess
from jeugdtool.folding import fold_key
from jeugdtool.i18n import _
from jeugdtool.store import access
from jeugdtool.store import cipher
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import open_database
from jeugdtool.store.location import Location
from jeugdtool.store.location import resolve
from jeugdtool.store.uow import UnitOfWork

if TYPE_CHECKING:
    from jeugdtool.cases.staff import StaffMember

T = TypeVar("T")


def location_of(args: argparse.Namespace) -> Location:
    """The database the command is for: --db, else $JEUGDTOOL_DB, else the last one opened."""
    try:
        return resolve(settings.load().database_target(args.db))
    except (ValueError, ArgumentError) as exc:
        raise JeugdtoolError(
            _("'{db}' is not a database file or database address.").format(db=args.db)
        ) from exc


class WrongOption(JeugdtoolError):
    """An option that does not fit this database (exit code 2, like a wrong command line)."""


def check_user_option(args: argparse.Namespace, location: Location) -> None:
    """On a team database the name on every change is the login's person: never a typed one."""
    if location.is_sqlite or not (getattr(args, "user", None) or "").strip():
        return
    raise WrongOption(
        _(
            "--user cannot be used with the team database {db}: there, the name on every "
            "change and every access is that of the person whose login you sign in with. "
            "Leave out --user, and sign in with your own login."
        ).format(db=location.display)
    )


def _single_user(args: argparse.Namespace, database: Database) -> tuple[str, int | None]:
    """(author, consultant id or None) on a database file: --user, else the consultant chosen
    for it in jeugdtool, else the OS login (the OS account is the boundary here)."""
    from jeugdtool.cases.consultants import get_consultant
    from jeugdtool.cases.consultants import list_consultants

    reader = UnitOfWork(database, "")
    if args.user and args.user.strip():
        name = str(args.user.strip())
        known = list_consultants(reader, include_inactive=True)
        found = next((c for c in known if fold_key(c.name) == fold_key(name)), None)
        return (found.name, found.id) if found else (name, None)
    consultant_id = settings.load().user_for(database.location.key)
    if consultant_id is not None:
        chosen = get_consultant(reader, consultant_id)
        if chosen is not None:
            return chosen.name, chosen.id
    try:
        return getpass.getuser(), None
    except (OSError, KeyError):
        return "jeugdtool", None


@dataclass(frozen=True)
class SignedIn:
    """Who runs this command, and their unit of work."""

    uow: UnitOfWork
    #: The person of a team database's login; None on a database file (the consultant is in
    #: `uow`), and for the owner of a team database doing administration.
    person: StaffMember | None


def sign_in(
    args: argparse.Namespace, database: Database, *, administration: bool = False
) -> SignedIn:
    """The unit of work of the person running the command. On a team database the login's
    person (NotAUser for any other login; the owner only for `administration`)."""
    if database.location.is_sqlite:
        author, person_id = _single_user(args, database)
        return SignedIn(UnitOfWork(database, author, person_id), None)
    from jeugdtool import team_admin

    person = team_admin.sign_in(database, administration=administration)
    if person is None:  # the owner: administration, under the login's own name
        owner = team_admin.whoami(database.engine)
        return SignedIn(UnitOfWork(database, owner), None)
    return SignedIn(UnitOfWork(database, person.name, person.id), person)


# ---------------------------------------------------------------- the passphrase


def with_passphrase(location: Location, attempt: Callable[[Location], T]) -> T:
    """`attempt(location)` with the passphrase an encrypted file needs: JEUGDTOOL_PASSPHRASE,
    else typed at the terminal (at most three tries; never shown). A new database without a
    passphrase and without the choice for no encryption asks for a new passphrase, twice."""
    from jeugdtool.errors import NeedsEncryptionChoice
    from jeugdtool.errors import NeedsPassphrase
    from jeugdtool.errors import WrongPassphrase

    given = cipher.passphrase_from_environment()
    if location.is_sqlite and given is not None:
        location = location.with_passphrase(given)
    tries = 0
    while True:
        try:
            return attempt(location)
        except NeedsEncryptionChoice:
            if not sys.stdin.isatty():
                raise
            location = location.with_passphrase(_ask_new_passphrase(location))
        except NeedsPassphrase as exc:
            if given is not None or not sys.stdin.isatty():
                raise _no_prompt(exc, given is not None) from None
            if isinstance(exc, WrongPassphrase):
                print(str(exc), file=sys.stderr)
            tries += 1
            if tries > cipher.MAX_TRIES:
                raise JeugdtoolError(too_many_tries_message()) from None
            typed = getpass.getpass(_("Passphrase for {path}: ").format(path=location.display))
            location = location.with_passphrase(typed)


def too_many_tries_message() -> str:
    return _(
        "The passphrase was wrong three times, so jeugdtool stops asking. The file was not "
        "changed. If the passphrase is lost, the data cannot be read by anyone (there is no "
        "back door): restore a backup of which you know the passphrase."
    )


def _no_prompt(exc: JeugdtoolError, from_environment: bool) -> JeugdtoolError:
    if from_environment:
        return type(exc)(
            _("{problem} (The passphrase came from JEUGDTOOL_PASSPHRASE.)").format(problem=exc)
        )
    return type(exc)(
        _(
            "{problem} This command cannot ask for it (no terminal is attached): set "
            "JEUGDTOOL_PASSPHRASE."
        ).format(problem=exc)
    )


def _ask_new_passphrase(location: Location) -> str:
    """A new passphrase for a new database, typed twice, with the advice on it."""
    print(
        _(
            "The new database {path} is encrypted. Choose a passphrase: a sentence of four "
            "or more words that only you know. Without it nobody can open the database, "
            "you included: keep it safe."
        ).format(path=location.display),
        file=sys.stderr,
    )
    for _try in range(cipher.MAX_TRIES):
        first = getpass.getpass(_("New passphrase: "))
        advice = cipher.advice(first)
        print(advice.message, file=sys.stderr)
        if not advice.acceptable:
            continue
        if getpass.getpass(_("The same passphrase again: ")) == first:
            return first
        print(cipher.mismatch_message(), file=sys.stderr)
    raise JeugdtoolError(
        _("No passphrase was chosen, so no database was made. Nothing was changed.")
    )


# ---------------------------------------------------------------- signing in


def with_password(location: Location, attempt: Callable[[Location], T]) -> T:
    """`attempt(location)`; when the server asks for a password that libpq did not find (in
    the URL, PGPASSWORD, ~/.pgpass or PGPASSFILE), once more with the one in the system's
    keyring, or else the one typed at a prompt. The password is never shown."""
    try:
        return attempt(location)
    except LoginRefused as exc:
        if not exc.needs_password:
            raise
        from jeugdtool import team_admin

        password = team_admin.keyring_password(location) or _ask_password(location)
    return attempt(Location(url=location.url.set(password=password), path=None))


def _ask_password(location: Location) -> str:
    if not sys.stdin.isatty():
        raise LoginRefused(
            _(
                "The database server {server} asks for your password, and this command cannot "
                "ask for it (no terminal is attached). Put it in ~/.pgpass (or the file "
                "PGPASSFILE names) or in the system's keyring; see the team mode guide."
            ).format(server=location.display),
            needs_password=True,
        )
    login = location.url.username or os.environ.get("PGUSER") or getpass.getuser()
    return getpass.getpass(
        _("Password for {login} on {server}: ").format(login=login, server=location.display)
    )


def _open(location: Location, *, create: bool, plain: bool = False) -> Database:
    # Every table's model, so that a removal's snapshot follows every cascade (store/snapshot.py).
    import jeugdtool.models  # noqa: F401

    try:
        return with_passphrase(
            location,
            lambda at: with_password(
                at, lambda there: open_database(there, create=create, allow_plain_new=plain)
            ),
        )
    except (ImportError, NoSuchModuleError) as exc:
        raise JeugdtoolError(
            _("The program needed for the database {db} is not installed ({reason}).").format(
                db=location.display, reason=exc
            )
        ) from exc


@contextmanager
def open_for(
    args: argparse.Namespace, *, create: bool = False, write: bool = False
) -> Iterator[Database]:
    """The database of `args`, opened for one command. `create`: a missing file becomes a new
    database (never an empty existing one: that may be a database a sync tool emptied).
    `write`: the command changes the database, so a read-only one is refused at once."""
    location = location_of(args)
    check_user_option(args, location)
    if not create and location.path is not None and not access.exists(location.path):
        raise JeugdtoolError(
            _(
                "The database {path} does not exist. Give an existing database with --db, "
                "or create one by starting jeugdtool or with `jeugdtool --db FILE demo`."
            ).format(path=location.display)
        )
    plain = cipher.plain_chosen(
        bool(getattr(args, "no_encryption", False)), settings.load().encrypt_new_databases
    )
    database = _open(location, create=create, plain=plain)
    try:
        if write and database.read_only:
            raise _read_only(database)
        yield database
    finally:
        database.close()


@contextmanager
def unit_of_work(
    args: argparse.Namespace, *, create: bool = False, write: bool = False
) -> Iterator[UnitOfWork]:
    """The unit of work of the person running the command (see `open_for`, `sign_in`)."""
    with open_for(args, create=create, write=write) as database:
        yield sign_in(args, database).uow


def _read_only(database: Database) -> NeedsWriteAccess:
    return NeedsWriteAccess(
        _(
            "The database {path} can only be read, because {reason}. This command changes "
            "the database, so it did nothing. Run it where you may write, or ask your "
            "administrator for write access."
        ).format(path=database.location.display, reason=database.read_only_reason)
    )
