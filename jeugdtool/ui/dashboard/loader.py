"""Reading off the GUI thread for the dashboard: the latest request of each kind wins.

The figures of 10,000 households take about a second (SQLite) and the cases behind a large
count a fifth of one: the window must not freeze meanwhile. Each kind of job ("figures",
"cases") is numbered; a result that a newer request of its kind has overtaken is dropped, so
turning the filters quickly shows only the last choice. A job overtaken while it waited, or
whose window has gone, is not run at all: the program's one background thread is shared with
saving, so a burst of filter changes must not queue a second of work each. The work gets its own
unit of work (a session belongs to one thread) and runs in that thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtCore import QRunnable
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal

from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import unexpected_message

from jeugdtool.ui.ops import writer_pool

log = logging.getLogger(__name__)


class _Tickets:
    """The number of the latest job asked for per kind, shared with the worker thread. Plain
    Python, not the Loader: the worker may read it after the window and its Loader are gone."""

    def __init__(self) -> None:
        self.asked: dict[str, int] = {}
        self.stopped = False

    def stop(self) -> None:
        """No job waiting now will be wanted (the window is going)."""
        self.stopped = True

    def wanted(self, kind: str, number: int) -> bool:
        return not self.stopped and self.asked.get(kind) == number


class _Job(QRunnable):
    def __init__(self, kind: str, number: int, work: Callable[[], Any], loader: Loader):
        super().__init__()
        self.kind, self.number, self.work, self.loader = kind, number, work, loader
        self.tickets = loader.tickets

    def run(self) -> None:
        if not self.tickets.wanted(self.kind, self.number):
            return  # overtaken while it waited, or its window closed: nobody will show it
        try:
            result, error = self.work(), None
        except BaseException as exc:  # handed to the GUI thread, which decides
            result, error = None, exc
        try:
            self.loader.done.emit(self.kind, self.number, result, error)
        except RuntimeError:  # the window was closed meanwhile: nobody waits for it
            log.debug("dashboard closed before its %s were ready", self.kind)


class Loader(QObject):
    """`run(kind, work, on_success)`: `work()` in the background, `on_success(result)` on the
    GUI thread unless a newer job of the same kind was asked for meanwhile."""

    done = Signal(str, int, object, object)

    def __init__(self, on_error: Callable[[str], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_error = on_error
        #: Per kind: the number of the latest job asked for (`tickets.asked`), and of the
        #: latest delivered.
        self.tickets = _Tickets()
        self._asked = self.tickets.asked
        self._delivered: dict[str, int] = {}
        self._callbacks: dict[str, Callable[[Any], None]] = {}
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        # A bound method of the plain object: it must still run while this QObject is deleted.
        self.destroyed.connect(self.tickets.stop)

    def busy(self, kind: str) -> bool:
        """A job of `kind` was asked for whose result has not come yet."""
        return self._asked.get(kind, 0) != self._delivered.get(kind, 0)

    def run(self, kind: str, work: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        number = self._asked.get(kind, 0) + 1
        self._asked[kind] = number
        self._callbacks[kind] = on_success
        writer_pool().start(_Job(kind, number, work, self))

    def _deliver(self, kind: str, number: int, result: Any, error: BaseException | None) -> None:
        if number != self._asked.get(kind):
            return  # overtaken: a newer request of this kind is on its way
        self._delivered[kind] = number
        if error is None:
            self._callbacks[kind](result)
        elif isinstance(error, JeugdtoolError):
            self._on_error(str(error))
        else:
            log.error("dashboard %s failed", kind, exc_info=error)
            self._on_error(unexpected_message(error))
