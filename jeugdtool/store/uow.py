"""Unit of work: one session per user action, committed as a whole or not at all."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm.exc import StaleDataError

from jeugdtool.errors import ConflictError
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.engine import Database
from jeugdtool.store.engine import JeugdtoolSession
from jeugdtool.store.locks import hold_until_transaction_end


class UnitOfWork:
    """`with uow: … uow.commit()` — a fresh session each time, stamped with the author.

    One object can be reused for many actions (the GUI keeps one per signed-in consultant).
    """

    session: JeugdtoolSession

    def __init__(self, database: Database, author: str, person_id: int | None = None):
        self.database = database
        self.author = author
        #: The person working (consultants.id), for the access log; None for a maintenance
        #: command. In team mode the database itself fills in who is working.
        self.person_id = person_id
        #: What the last committed action changed.
        self.changes = ChangeSet()

    def sibling(self) -> UnitOfWork:
        """Another unit of work for the same person, e.g. a worker thread's own (a session
        belongs to one thread; the GUI's stays free)."""
        return UnitOfWork(self.database, self.author, self.person_id)

    def __enter__(self) -> UnitOfWork:
        self.session = self.database.sessions()
        self.session.info["author"] = self.author
        self.changes = ChangeSet()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        except JeugdtoolError:
            # The connection is gone or the disk failed: the transaction ends with it. Keep
            # the error that brought us here, if any; else say why the action failed.
            if exc is None:
                raise
        finally:
            self.session.close()

    def serialize(self, name: str) -> None:
        """Hold the lock `name` until this action ends: use it before checking something the
        action then relies on (a free case number), so two users cannot both pass the check."""
        hold_until_transaction_end(self.session.connection(), name)

    def flush(self) -> None:
        # Driver errors (a full disk, a lost connection) arrive already translated into
        # JeugdtoolErrors by the engine's hook (store/faults.py).
        try:
            self.session.flush()
        except StaleDataError as exc:
            raise _conflict() from exc

    def commit(self) -> ChangeSet:
        self.flush()
        touched = self.session.info.pop("touched", None)
        self.session.commit()
        if touched:
            self.changes = ChangeSet(
                entities=frozenset(touched["entities"]), cases=frozenset(touched["cases"])
            )
        return self.changes


def _conflict() -> ConflictError:
    return ConflictError(
        _(
            "Someone else changed this in the meantime, so your change was not saved. "
            "The screen now shows the latest version; make your change again if it is still needed."
        )
    )


def conflict_error() -> ConflictError:
    """The error for a write based on an outdated read (shared by services and the store)."""
    return _conflict()
