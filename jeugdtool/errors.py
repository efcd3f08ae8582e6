"""Errors a user can cause or meet, each with a Dutch (translated) message that says what to do."""

from __future__ import annotations

from dataclasses import dataclass


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


# ---- while working -------------------------------------------------------------------


class ConflictError(JeugdtoolError):
    """Someone else changed the same record since it was read (optimistic lock)."""


class DatabaseBusy(JeugdtoolError):
    """Another program holds the database; the edit was not saved and can be retried."""


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

    def for_field(self, field: str) -> list[str]:
        return [p.message for p in self.problems if p.field == field]
