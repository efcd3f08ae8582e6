"""The batch export's work, off the GUI thread: one PDF per case, each written whole or not.

`export_cases` is plain Python (it runs in the worker and in tests as is); `BatchThread` runs it
in a QThread and reports each case through signals, which Qt delivers on the GUI thread.
Cancelling takes effect between cases, so a file is never left half-written.

Threads and the database: every case is read through its own UnitOfWork, so the worker never
shares a session with the GUI. The SQLite engine is made with `check_same_thread=False` and
SQLAlchemy's pool hands each session its own connection, so using it from this thread is safe;
the database is in WAL mode. A read transaction starts with BEGIN IMMEDIATE (store/engine.py),
which takes the write lock for the few milliseconds of gathering a case's data; a GUI edit in
that moment waits (busy_timeout 5 s) rather than failing. The layout itself runs outside any
transaction.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtCore import QThread
from PySide6.QtCore import Signal

from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import unexpected_reason
from jeugdtool.export.disclose import Written
from jeugdtool.export.pdf import documents
from jeugdtool.export.selection import Selection
from jeugdtool.store.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchCase:
    id: int
    #: "2026-0012 Gezin Jansen", as the progress and the summary name it.
    label: str


@dataclass(frozen=True)
class Skipped:
    case: BatchCase
    reason: str


@dataclass(frozen=True)
class Unlogged:
    """A case whose PDF was written but is not in its disclosure log, and why."""

    case: BatchCase
    written: Written


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    #: Cases that could not be exported (no plan, a file that could not be written…), with
    #: the reason.
    skipped: list[Skipped] = field(default_factory=list)
    #: Cases not reached because the user cancelled.
    not_done: list[BatchCase] = field(default_factory=list)
    #: Cases whose PDF was written but could not be recorded in their disclosure log.
    unlogged: list[Unlogged] = field(default_factory=list)


def export_cases(
    worker: UnitOfWork,
    cases: Sequence[BatchCase],
    selection: Selection,
    folder: Path,
    *,
    should_stop: Callable[[], bool] = lambda: False,
    on_start: Callable[[int, BatchCase], None] = lambda _i, _case: None,
    on_done: Callable[[int, BatchCase], None] = lambda _i, _case: None,
) -> BatchResult:
    """Write each case's document (its default version) to `folder` under its proposed name,
    each recorded in its case's disclosure log (`documents.save`)."""
    result = BatchResult()
    for index, case in enumerate(cases):
        if should_stop():
            result.not_done = list(cases[index:])
            break
        on_start(index, case)
        try:
            uow = worker.sibling()  # a fresh session per case, for the same person
            rendered = documents.render(uow, case.id, selection)
            written = documents.save(uow, case.id, selection, rendered, folder / rendered.file_name)
            result.written.append(written.path)
            if not written.logged:
                result.unlogged.append(Unlogged(case, written))
        except JeugdtoolError as exc:  # NoPlan, PdfWriteError (nothing of the file remains)…
            result.skipped.append(Skipped(case, str(exc)))
        except Exception as exc:  # one faulty document must not cost the others
            log.exception("PDF export of case %s failed", case.id)
            reason = unexpected_reason(exc)
            result.skipped.append(Skipped(case, reason))
        on_done(index, case)
    return result


class BatchThread(QThread):
    """Runs `export_cases`; `cancel()` may be called from any thread."""

    #: A case is being exported: its position (0-based) and label.
    case_started = Signal(int, str)
    #: A case is finished (written or skipped): its position.
    case_done = Signal(int)
    #: Everything is over: the BatchResult.
    result_ready = Signal(object)

    def __init__(
        self,
        worker: UnitOfWork,
        cases: Sequence[BatchCase],
        selection: Selection,
        folder: Path,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._args = (worker, list(cases), selection, folder)
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        result = export_cases(
            *self._args,
            should_stop=self._stop.is_set,
            on_start=lambda i, case: self.case_started.emit(i, case.label),
            on_done=lambda i, _case: self.case_done.emit(i),
        )
        self.result_ready.emit(result)
