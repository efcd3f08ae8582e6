"""Long work off the GUI thread (after Anki's CollectionOp and taskman).

The worker never touches widgets: it gets its own unit of work, and its result comes back on the
GUI thread through a queued signal. Jobs run one at a time (SQLite has one writer), and a
progress dialog appears when a job takes longer than half a second. A job that only reads (and
so may be abandoned) can offer a Cancel button and name its steps (`run_cancellable`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any
from typing import Generic
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtCore import QRunnable
from PySide6.QtCore import Qt
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import unexpected_message
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


class Cancelled(Exception):
    """The user cancelled the job; raised inside it by `Progress.step`."""


class Progress(QObject):
    """Handed to a cancellable job, which calls it from the worker thread: `step(label)`
    shows what it is doing now, and stops the job (raises Cancelled) once the user cancelled."""

    stepped = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def step(self, label: str) -> None:
        if self._cancelled.is_set():
            raise Cancelled
        self.stepped.emit(label)  # queued to the progress dialog on the GUI thread


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

    A JeugdtoolError goes to `on_failure`, or is shown as its (Dutch) message; anything else
    is logged and reported as an unexpected error. Nothing is lost either way: the work owns
    its transaction. With `progress`, the dialog has a Cancel button: after a cancel the job's
    result (or error) is dropped, so only work that may be abandoned gets one.
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
        on_failure: Callable[[JeugdtoolError], None] | None = None,
        progress: Progress | None = None,
    ):
        super().__init__(parent)
        self._work = work
        self._on_success = on_success
        self._on_error = on_error
        self._on_failure = on_failure
        self._steps = progress
        #: True once the user cancelled: what the job still delivers is dropped.
        self.cancelled = False
        self._progress = QProgressDialog(label, "", 0, 0, parent)
        self._progress.setWindowTitle(_("Please wait"))
        if progress is None:
            self._progress.setCancelButton(None)
        else:
            progress.setParent(self)
            self._progress.setCancelButtonText(_("Cancel"))
            self._progress.canceled.connect(self.cancel)
            progress.stepped.connect(
                self._progress.setLabelText, Qt.ConnectionType.QueuedConnection
            )
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def progress_dialog(self) -> QProgressDialog:
        return self._progress

    def cancel(self) -> None:
        """Stop waiting for the job (the Cancel button): it stops at its next step, and
        whatever it still delivers is dropped."""
        if self._steps is None or self.cancelled:
            return
        self.cancelled = True
        self._steps.cancel()
        self._progress.cancel()

    def start(self) -> BackgroundTask[T]:
        self._progress.setValue(0)  # starts the delay timer; shown only if still busy then
        writer_pool().start(_Runnable(self._work, self._done))
        return self

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self._progress.reset()
        self._progress.deleteLater()
        try:
            if self.cancelled or isinstance(error, Cancelled):
                if error is not None and not isinstance(error, (Cancelled, JeugdtoolError)):
                    log.error("cancelled background job failed", exc_info=error)
            elif error is None:
                if self._on_success is not None:
                    self._on_success(result)
            elif isinstance(error, JeugdtoolError):
                if self._on_failure is not None:
                    self._on_failure(error)
                else:
                    self._on_error(str(error))
            else:
                log.error("background job failed", exc_info=error)
                self._on_error(unexpected_message(error))
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
    on_failure: Callable[[JeugdtoolError], None] | None = None,
) -> BackgroundTask[T]:
    """Run `work()` (which must not touch widgets) off the GUI thread. A JeugdtoolError goes
    to `on_failure` on the GUI thread, or is shown in a dialog."""
    return BackgroundTask(
        parent,
        work,
        label=label,
        on_success=on_success,
        on_error=ctx.dialogs.error,
        on_failure=on_failure,
    ).start()


def run_cancellable(
    ctx: AppContext,
    parent: QWidget,
    work: Callable[[Progress], T],
    *,
    label: str,
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[JeugdtoolError], None] | None = None,
) -> BackgroundTask[T]:
    """Run `work(progress)` off the GUI thread with a Cancel button. The work names its steps
    with `progress.step(label)` and stops at the next one once the user cancelled; what it
    delivers after a cancel is dropped, so it must not write (read and check, then write in
    a `run_op` from `on_success`)."""
    progress = Progress()
    return BackgroundTask(
        parent,
        lambda: work(progress),
        label=label,
        on_success=on_success,
        on_error=ctx.dialogs.error,
        on_failure=on_failure,
        progress=progress,
    ).start()


def run_op(
    ctx: AppContext,
    parent: QWidget,
    op: Callable[[UnitOfWork], Outcome[T]],
    *,
    label: str,
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[JeugdtoolError], None] | None = None,
) -> BackgroundTask[Outcome[T]]:
    """Run a writing service off the GUI thread and broadcast its ChangeSet when it is done.
    A JeugdtoolError goes to `on_failure` on the GUI thread, or is shown in a dialog."""
    uow = ctx.uow.sibling()  # the GUI's own uow stays free

    def deliver(outcome: Outcome[T]) -> None:
        ctx.signals.emit_changes(outcome.changes, outcome.value)
        if on_success is not None:
            on_success(outcome.value)

    return run_in_background(
        ctx, parent, lambda: op(uow), label=label, on_success=deliver, on_failure=on_failure
    )
