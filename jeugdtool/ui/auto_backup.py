"""The daily automatic backup of a database file, and the status bar's word on it.

At the first start of a day the window copies its database file (store/backup.py:
`make_auto_backup`) on a thread of its own: the copy only reads the database, so it neither
waits for nor blocks the writer queue of ui/ops.py, and no progress dialog interrupts the work.
A failure (a full disk) is said in the status bar, never in a modal box; the next start tries
again, because a day counts as done only once its copy exists.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_datetime_nl
from jeugdtool.cases.validation import format_time_nl
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.store import backup

if TYPE_CHECKING:
    from jeugdtool.ui.context import AppContext

log = logging.getLogger(__name__)

#: How long after the window opens the copy starts (start-up and the first look come first).
START_DELAY_MS = 4000


def when_text(made: datetime, now: datetime | None = None) -> str:
    """A local time, as the status bar says it: "today 09:12" or "03-12-2026 17:40"."""
    now = now or datetime.now()
    if made.date() == now.date():
        return _("today {time}").format(time=format_time_nl(made))
    return format_datetime_nl(made)


class BackupStatus(QLabel):
    """When the last automatic backup of this database was made, or why today's failed; it
    starts today's copy when one is due."""

    #: From the copying thread: (the copy or None, the error or None); queued to the GUI thread.
    _done = Signal(object, object)
    #: Emitted on the GUI thread once a copy was made (its path) or failed (None).
    finished = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        #: The database file; None for a team database (its server makes the backups).
        self.source: Path | None = ctx.database.location.path
        self.folder = ctx.settings.backup_dir()
        self.thread: threading.Thread | None = None
        self._done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.setContentsMargins(0, 0, 16, 0)  # apart from "Signed in as …" beside it
        self.show_last()
        if self.wanted:
            QTimer.singleShot(START_DELAY_MS, self, self.start)  # dies with the label

    @property
    def wanted(self) -> bool:
        """Automatic copies are on, of a database file that can change."""
        settings = self._ctx.settings
        return settings.auto_backup and self.source is not None and not self._ctx.read_only

    def show_last(self) -> None:
        if self.source is None:
            self.hide()
            return
        made = backup.last_auto_backup(self.source, self.folder)
        if made is not None:
            self.setText(_("Last backup: {when}").format(when=when_text(made)))
        else:
            self.setText(_("No backup yet") if self.wanted else "")
        self.setToolTip(_("Automatic backups are kept in {folder}.").format(folder=self.folder))

    def start(self) -> bool:
        """Start today's copy in the background when it is due; whether one was started."""
        if not self.wanted or self.thread is not None:
            return False
        assert self.source is not None
        if not backup.auto_backup_due(self.source, self.folder):
            return False
        self.setText(_("Making the daily backup…"))
        source, keep = self.source, self._ctx.settings.auto_backup_keep
        # An encrypted database's copies are encrypted with its passphrase.
        key = self._ctx.database.location.passphrase
        self.thread = threading.Thread(
            target=self._copy, args=(source, self.folder, keep, key), name="auto-backup"
        )
        self.thread.start()
        return True

    def _copy(self, source: Path, folder: Path, keep: int, key: str | None) -> None:
        """On the copying thread: never touches a widget."""
        made: Path | None = None
        error: BaseException | None = None
        try:
            made = backup.make_auto_backup(source, folder, keep, key)
        except JeugdtoolError as exc:
            error = exc
        except Exception as exc:  # said in the status bar, not a crash of the window
            log.error("automatic backup failed", exc_info=exc)
            error = exc
        # The window may have closed meanwhile (the label is gone); the copy is complete anyway.
        with contextlib.suppress(RuntimeError):
            self._done.emit(made, error)

    def _finished(self, made: Path | None, error: BaseException | None) -> None:
        self.thread = None
        if error is None:
            self.show_last()
        else:
            message = (
                str(error)
                if isinstance(error, JeugdtoolError)
                else _(
                    "The automatic backup could not be made ({error}). Your work is saved as "
                    "usual; jeugdtool tries again at the next start."
                ).format(error=type(error).__name__)
            )
            self.setText(_("Automatic backup failed"))
            self.setToolTip(message)
            self._ctx.signals.status_message.emit(message)
        self.finished.emit(made)
