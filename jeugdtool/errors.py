"""Errors a user can cause or meet, each with a Dutch (translated) message that says what to do."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from typing import ClassVar
from typing import TypeVar

from jeugdtool.i18n import N_
from jeugdtool.i18n import _


class JeugdtoolError(Exception):
    """Base class: `str(error)` is a complete, translated message fit for a dialog."""


# ---- opening a database -------------------------------------------------------------


class DatabaseOpenError(JeugdtoolError):
    """The database could not be opened; nothing was changed."""


class NotADatabase(DatabaseOpenError):
    pass


class DatabaseCorrupt(DatabaseOpenError):
    pass


class DatabaseLocked(DatabaseOpenError):
    pass


class NewerSchema(DatabaseOpenError):
    pass


class DatabaseUnavailable(DatabaseOpenError):
    pass


class DatabaseMissing(DatabaseOpenError):
    """The database file does not exist, and this action only reads (it never creates one)."""


class EmptyDatabaseFile(DatabaseOpenError):
    """The file is there but has 0 bytes: perhaps emptied by a sync tool or a broken copy.

    Never silently made into a new database, which would look like "no cases"."""


class NeedsWriteAccess(DatabaseOpenError):
    """The database may only be read, and what was asked (an upgrade, a command that changes
    it, starting a new database in it) needs to write."""


class LoginRefused(DatabaseOpenError):
    """The server did not let this login in: a password is needed (`needs_password`), or the
    login name or password is wrong (PostgreSQL does not say which, on purpose)."""

    def __init__(self, message: str, *, needs_password: bool = False):
        super().__init__(message)
        self.needs_password = needs_password


class SchemaNotReady(DatabaseOpenError):
    """A team database that is not set up, or set up by an older jeugdtool: only its
    administrator sets it up or upgrades it (`jeugdtool admin init|upgrade`), never a client."""


class NotAUser(DatabaseOpenError):
    """The login is let in by the server, but is no (active) person of this team database."""


class NeedsPassphrase(DatabaseOpenError):
    """The file is encrypted and no passphrase was given: ask for it (`path`: which file)."""

    def __init__(self, message: str, *, path: str = ""):
        super().__init__(message)
        self.path = path


class WrongPassphrase(NeedsPassphrase):
    """The passphrase given does not open the encrypted file; the file was not touched."""


class NeedsEncryptionChoice(DatabaseOpenError):
    """A new database is to be made and nobody said how: with a passphrase, or explicitly
    without encryption (`--no-encryption`, the setting)."""


class BackupFailed(DatabaseOpenError):
    """The copy taken before an upgrade could not be made; the upgrade did not happen."""


# ---- while working -------------------------------------------------------------------


class ConflictError(JeugdtoolError):
    """Someone else changed the same record since it was read (optimistic lock)."""


class StorageFault(JeugdtoolError):
    """The database could not do what was asked for a reason outside the program (a full disk,
    a read-only file, a lost connection): nothing was saved, and the same action can be tried
    again once the cause is gone. Raised by the store for every driver error (store/faults.py).
    """

    #: The cause in a few words, for a status bar ("the disk is full"); translate with `_()`.
    cause: ClassVar[str] = N_("the database could not be reached")


class DatabaseBusy(StorageFault):
    """Another program holds the database; the edit was not saved and can be retried."""

    cause = N_("the database is busy with another program")


class DiskFull(StorageFault):
    cause = N_("the disk is full")


class ReadOnlyStorage(StorageFault):
    """The file, its folder, its mount or the server only allows reading."""

    cause = N_("the database may only be read")


class ConnectionLost(StorageFault):
    """The connection to the database server broke (or the server is down)."""

    cause = N_("no connection to the database server")


class NoPermission(StorageFault):
    """The database login lacks the rights for this action."""

    cause = N_("no rights for this in the database")


class StorageError(StorageFault):
    """Another fault of the drive or the database (an I/O error, an unknown driver error)."""

    cause = N_("the drive could not be read or written")


class IntegrityViolation(JeugdtoolError):
    """A write broke a database constraint; `detail` names it for the code, never for the user
    (the driver's text may quote a value)."""

    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(message)
        self.detail = detail


class NotFound(JeugdtoolError):
    pass


class CaseClosed(JeugdtoolError):
    """A closed or archived case is the record of help that ended; it changes only by reopening."""


@dataclass(frozen=True)
class Problem:
    #: The field (or JSON path) the problem is about, e.g. "email" or "persons[2].birth_date".
    field: str
    #: Translated message naming what is wrong.
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InvalidInput(JeugdtoolError):
    """Input that breaks a rule; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.message for p in self.problems))

    @classmethod
    def at(cls, field: str, message: str) -> InvalidInput:
        """One problem: `raise InvalidInput.at("email", _("…"))`."""
        return cls(Problem(field, message))

    def for_field(self, field: str) -> list[str]:
        return [p.message for p in self.problems if p.field == field]


T = TypeVar("T")


class Problems:
    """Problems gathered while checking several things; `collect()` raises them together."""

    def __init__(self) -> None:
        #: Every problem found so far, in the order found.
        self.found: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.found.append(problem)

    def check(self, rule: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """`rule(*args, **kwargs)`; its problems are kept (and None returned) if it raises."""
        try:
            return rule(*args, **kwargs)
        except InvalidInput as exc:
            self.found.extend(exc.problems)
            return None

    @contextmanager
    def catching(self, at: str | None = None) -> Iterator[None]:
        """Keep the problems of what the block raises, and go on after it. `at`: the field to
        file them under instead of the rule's own (a form's rule checked inside a document)."""
        try:
            yield
        except InvalidInput as exc:
            moved = exc.problems if at is None else [Problem(at, p.message) for p in exc.problems]
            self.found.extend(moved)

    def raise_any(self) -> None:
        if self.found:
            raise InvalidInput(self.found)


@contextmanager
def collect() -> Iterator[Problems]:
    """Gather problems, raise once: `with collect() as problems: problems.check(rule, …)`
    raises InvalidInput with every problem found when the block ends (not when it fails); an
    InvalidInput raised straight out of the block ends it, with the problems found before."""
    problems = Problems()
    try:
        yield problems
    except InvalidInput as exc:
        problems.found.extend(exc.problems)
    problems.raise_any()


def clean_fields(
    changes: Mapping[str, Any], rules: Mapping[str, Callable[[str, Any], Any]]
) -> dict[str, Any]:
    """Each field of `changes` through its rule `rules[field](field, value)`, every problem
    gathered (InvalidInput once); a field without a rule is a programming error (KeyError)."""
    unknown = set(changes) - set(rules)
    if unknown:
        raise KeyError(f"unknown fields {sorted(unknown)!r}")  # a programming error
    clean: dict[str, Any] = {}
    with collect() as problems:
        for field, value in changes.items():
            with problems.catching():
                clean[field] = rules[field](field, value)
    return clean


def unexpected_reason(error: BaseException) -> str:
    """A fault nobody foresaw, in one line: a JeugdtoolError's own (translated) text, else only
    its kind (an exception's text can quote SQL or a person's data)."""
    what = str(error) if isinstance(error, JeugdtoolError) else type(error).__name__
    return _("Something unexpected went wrong: {error}").format(error=what)


def unexpected_message(error: BaseException) -> str:
    """`unexpected_reason` for a dialog: that saved work is safe, and where the log is."""
    from jeugdtool import paths

    return _(
        "{reason}\n\nEverything you saved before is safe. If this keeps happening, please tell "
        "your administrator. What happened is written in the log in this folder:\n{folder}"
    ).format(reason=unexpected_reason(error), folder=paths.log_dir())


def unexpected_summary(error: BaseException) -> str:
    """What may be shown or logged of an error nobody expected: the kinds of it and its causes,
    never their text (a driver's or a library's text can quote SQL and a person's data)."""
    kinds: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kinds.append(f"{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or current.__context__
    return " <- ".join(kinds)


def unexpected_traceback(error: BaseException) -> str:
    """The places an unexpected error passed (file, line, function) for the log, without the
    source lines' values or any exception text."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    return "".join(f"  {f.filename}:{f.lineno} in {f.name}\n" for f in frames)


def clean_row(
    fields: Mapping[str, Any],
    rules: Mapping[str, Callable[[str, Any], Any]],
    required: Iterable[str],
    *,
    new: bool,
) -> dict[str, Any]:
    """`fields` through `rules` (`clean_fields`). `new`: each field of `required` that is
    missing goes through its rule as None, so its own "required" problem is named with the
    others (InvalidInput once) — a new row's fields asked for even when the caller left them
    out (a journal entry, a help item, a verwijsindex signal or match)."""
    with collect() as problems:
        if new:
            for field in required:
                if field not in fields:
                    with problems.catching():
                        rules[field](field, None)
        clean = problems.check(clean_fields, fields, rules) or {}
    return clean
