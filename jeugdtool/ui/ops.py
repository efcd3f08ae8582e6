"""Long work off the GUI thread (after Anki's CollectionOp and taskman).

The worker never touches widgets: it gets its own unit of work, and its result comes back on the
GUI thread through a queued signal. Jobs run one at a time (SQLite has one writer), and a
progress dialog appears when a job takes longer than half a second.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.context import AppContext

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Show the progress dialog only for work that takes longer than this (milliseconds).
PROGRESS_DELAY_MS = 500

_pool: QThreadPool | None = None


def writer_pool() -> QThreadPool:
    """The single-thread pool every job runs in: one writer at a time."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], done: Signal):
        super().__init__()
        self._work = work
        self._done = done

    def run(self) -> None:
        try:
            result, error = self._work(), None
        except BaseException as exc:  # delivered to the GUI thread, which decides
            result, error = None, exc
        self._done.emit(result, error)


class BackgroundTask(QObject, Generic[T]):
    """One job: `work()` in the pool, then `on_success(result)` on the GUI thread.

    A JeugdtoolError is shown as its (Dutch) message; anything else is logged and reported as
    an unexpected error. Nothing is lost either way: the work owns its transaction.
    """

    _done = Signal(object, object)
    #: Emitted on the GUI thread when the job is over, successful or not.
    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        work: Callable[[], T],
        *,
        label: str,
        on_success: Callable[[T], None] | None = None,
        on_error: Callable[[str], None],
    ):
        super().__init__(parent)
        self._work = work
        self._on_success = on_success
        self._on_error = on_error
        self._progress = QProgressDialog(label, "", 0, 0, parent)
        self._progress.setWindowTitle(_("Please wait"))
        self._progress.setCancelButton(None)
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(self) -> BackgroundTask[T]:
        self._progress.setValue(0)  # starts the delay timer; shown only if still busy then
        writer_pool().start(_Runnable(self._work, self._done))
        return self

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self._progress.reset()
        self._progress.deleteLater()
        try:
            if error is None:
                if self._on_success is not None:
                    self._on_success(result)
            elif isinstance(error, JeugdtoolError):
                self._on_error(str(error))
            else:
                log.error("background job failed", exc_info=error)
                self._on_error(_("Something unexpected went wrong: {error}").format(error=error))
        finally:
            self.finished.emit()
            self.deleteLater()


def run_in_background(
    ctx: AppContext,
    parent: QWidget,
    work: Callable[[], T],
    *,
    label: str,
    on_success: Callable[[T], None] | None = None,
) -> BackgroundTask[T]:
    """Run `work()` (which must not touch widgets) off the GUI thread."""
    return BackgroundTask(
        parent, work, label=label, on_success=on_success, on_error=ctx.dialogs.error
    ).start()


def run_op(
    ctx: AppContext,
    parent: QWidget,
    op: Callable[[UnitOfWork], Outcome[T]],
    *,
    label: str,
    on_success: Callable[[T], None] | None = None,
) -> BackgroundTask[Outcome[T]]:
    """Run a writing service off the GUI thread and broadcast its ChangeSet when it is done."""
    uow = UnitOfWork(ctx.database, ctx.uow.author)  # the GUI's own uow stays free

    def deliver(outcome: Outcome[T]) -> None:
        ctx.signals.emit_changes(outcome.changes)
        if on_success is not None:
            on_success(outcome.value)

    return run_in_background(ctx, parent, lambda: op(uow), label=label, on_success=deliver)
