"""What every screen needs, in one object: the services' unit of work, signals, undo, dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QUndoStack

from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.errors import JeugdtoolError
from jeugdtool.settings import Settings
from jeugdtool.store.changes import Outcome

from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.signals import AppSignals

if TYPE_CHECKING:  # the data layer is imported after the window is on screen (app.py)
    from jeugdtool.store.engine import Database
    from jeugdtool.store.uow import UnitOfWork

T = TypeVar("T")


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
