"""What every screen needs, in one object: the services' unit of work, signals, undo, dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QUndoStack

from jeugdtool.cases.dto import ConsultantDTO, HouseholdDTO
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.settings import Settings
from jeugdtool.store.changes import Outcome

from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.signals import AppSignals

if TYPE_CHECKING:  # the data layer is imported after the window is on screen (app.py)
    from jeugdtool.store.engine import Database
    from jeugdtool.store.uow import UnitOfWork

    from jeugdtool.ui.pending import PendingEdits

T = TypeVar("T")


def read_only_note() -> str:
    """What a screen of a read-only database says where it would otherwise offer changes."""
    return _("This database can only be read, so nothing can be changed here.")


@dataclass
class AppContext:
    database: Database
    #: Bound to the signed-in consultant: everything done through it is stamped with their name.
    uow: UnitOfWork
    user: ConsultantDTO
    settings: Settings
    signals: AppSignals
    undo_stack: QUndoStack
    dialogs: DialogService

    @property
    def read_only(self) -> bool:
        """The database may only be read (store/engine.py): the screens show everything and
        offer no change at all (see `can_edit`)."""
        return bool(getattr(self.database, "read_only", False))

    def can_edit(self, household: HouseholdDTO | None) -> bool:
        """The one rule for whether a case's screens offer changes: the case is open (a closed
        one changes only by reopening it) and the database may be written."""
        return household is not None and household.status == CaseStatus.OPEN and not self.read_only

    def locked_note(self, closed: str) -> str:
        """Why a case's screen offers no change (for a banner or a tooltip): the database may
        only be read, or else `closed`, the screen's own words about a closed case."""
        return read_only_note() if self.read_only else closed

    @cached_property
    def pending(self) -> PendingEdits:
        """Edits kept because a storage fault stopped them; saved as soon as possible."""
        from jeugdtool.ui.pending import PendingEdits

        return PendingEdits(self.undo_stack, self.dialogs)

    def run(self, service: Callable[..., Outcome[T]], *args: object, **kwargs: object) -> T:
        """Call a writing service and broadcast what it changed. Errors propagate."""
        outcome = service(self.uow, *args, **kwargs)
        self.signals.emit_changes(outcome.changes)
        return outcome.value

    def try_run(
        self, service: Callable[..., Outcome[T]], *args: object, **kwargs: object
    ) -> T | None:
        """Like `run`, but a user-facing error is shown in a dialog and None is returned."""
        try:
            return self.run(service, *args, **kwargs)
        except JeugdtoolError as exc:
            self.dialogs.error(str(exc))
            return None
