"""Edits that could not be saved yet: kept, shown, and saved as soon as the cause is gone.

When an autosave meets a storage fault (a full disk, a read-only file, a lost connection, a busy
database: `StorageFault`), nothing reached the database. The edit must not be lost, and the
program must not pretend it was saved. `commands.execute` hands the command to `PendingEdits`,
which

- keeps it (in order), and marks the widget it came from as unsaved (a dynamic property the
  style sheet colours, and a tooltip with the reason) — the widget keeps the user's text;
- says in the status bar what is wrong and what to do, with a "Save now" button (Ctrl+S);
- tries again on a timer (so a freed disk or a returning server is noticed without the user
  doing anything), when the user edits again, and on Ctrl+S;
- once saved, puts the command on the undo stack as if it had worked the first time, and clears
  the marks; an edit that can no longer be saved for a reason of its own (someone else changed
  the same thing meanwhile) is reported by name and dropped;
- lets the window ask before closing while edits are still unsaved.

A newer edit of the same thing (same `pending_key()`) replaces a kept one: it carries the newest
value and was made against what the database still holds.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Hashable
from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import StorageFault
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from jeugdtool.ui.commands import ServiceCommand
    from jeugdtool.ui.dialogs import DialogService

log = logging.getLogger(__name__)

#: The dynamic property set on a widget whose edit is kept unsaved (styled by `UNSAVED_STYLE`).
UNSAVED_PROPERTY = "unsaved"
#: How a widget with an unsaved edit looks: an orange frame, whatever the palette.
UNSAVED_STYLE = '*[unsaved="true"] { border: 2px solid #d35400; }'
#: Retry intervals in ms: soon at first, then every 10 s while the cause lasts.
RETRY_MS = (1000, 3000, 10000)


@dataclass(eq=False)
class _Kept:
    command: ServiceCommand
    fault: StorageFault
    key: Hashable | None
    origin: weakref.ref[QWidget] | None = None
    #: The origin's tooltip before it was marked, to put back once saved.
    tooltip: str = field(default="")


class PendingEdits(QObject):
    """The window's edits that are not saved yet (see the module docstring)."""

    #: The number of kept edits and the newest fault's cause in a few words ("" when none).
    changed = Signal(int, str)

    def __init__(
        self, undo_stack: QUndoStack, dialogs: DialogService, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.dialogs = dialogs
        self._kept: list[_Kept] = []
        self._attempt = 0
        self._retrying = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.retry)

    # ---- what the commands call ----------------------------------------------------------

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def message(self) -> str:
        """The newest fault's full message (cause and remedy); "" when nothing is kept."""
        return str(self._kept[-1].fault) if self._kept else ""

    @property
    def cause(self) -> str:
        """The newest fault's cause in a few words ("the disk is full"); "" when none."""
        return _(self._kept[-1].fault.cause) if self._kept else ""

    @property
    def fault(self) -> StorageFault | None:
        """Why the kept edits are not saved (the newest fault met), None when none is kept."""
        return self._kept[-1].fault if self._kept else None

    def hold(self, command: ServiceCommand, fault: StorageFault, origin: QWidget | None) -> None:
        """Keep `command` (it failed with `fault`) until it can be saved."""
        key = command.pending_key()
        if key is not None:
            self._drop_key(key)
        kept = _Kept(command, fault, key)
        if origin is not None:
            kept.origin = weakref.ref(origin)
            kept.tooltip = origin.toolTip()
            _mark(origin, str(fault))
        self._kept.append(kept)
        log.info("edit kept unsaved (%s): %d waiting", type(fault).__name__, len(self._kept))
        self._schedule()
        self._announce()

    def supersede(self, command: ServiceCommand) -> None:
        """A new edit is about to be saved: drop a kept edit of the same thing it replaces."""
        key = command.pending_key()
        if key is not None and self._drop_key(key):
            self._announce()

    # ---- trying again --------------------------------------------------------------------

    def retry(self) -> bool:
        """Save the kept edits in order; True when none is left. Stops at the first that still
        meets a storage fault (the cause is not gone; later ones would fail the same way)."""
        if self._retrying:
            return not self._kept
        self._retrying = True
        try:
            while self._kept:
                kept = self._kept[0]
                try:
                    kept.command.perform()
                except StorageFault as fault:
                    kept.fault = fault
                    self._attempt += 1
                    self._schedule()
                    return False
                except JeugdtoolError as exc:  # the edit itself no longer fits: say which
                    self._kept.pop(0)
                    self._unmark(kept)
                    self.dialogs.error(
                        _(
                            "An earlier change could not be saved after all: {action}.\n\n{reason}"
                        ).format(action=kept.command.text(), reason=exc),
                        _("Change not saved"),
                    )
                    continue
                self._kept.pop(0)
                self._unmark(kept)
                self.undo_stack.push(kept.command)
            self._attempt = 0
            self.timer.stop()
            return True
        finally:
            self._retrying = False
            self._announce()

    def discard(self) -> None:
        """Forget every kept edit (the user chose to close without them)."""
        for kept in self._kept:
            self._unmark(kept)
        if self._kept:
            log.warning("%d unsaved edits discarded on the user's request", len(self._kept))
        self._kept.clear()
        self.timer.stop()
        self._announce()

    def descriptions(self) -> list[str]:
        """What each kept edit is, as undo names it ("Change name")."""
        return [kept.command.text() for kept in self._kept]

    # ---- inside ---------------------------------------------------------------------------

    def _drop_key(self, key: Hashable) -> bool:
        dropped = [k for k in self._kept if k.key == key]
        for kept in dropped:
            self._kept.remove(kept)
            self._unmark(kept)
        return bool(dropped)

    def _schedule(self) -> None:
        self.timer.start(RETRY_MS[min(self._attempt, len(RETRY_MS) - 1)])

    def _announce(self) -> None:
        if not self._kept:
            self.timer.stop()
        self.changed.emit(len(self._kept), self.cause)

    def _unmark(self, kept: _Kept) -> None:
        widget = kept.origin() if kept.origin is not None else None
        if widget is not None and not any(
            k.origin is not None and k.origin() is widget for k in self._kept
        ):
            _unmark(widget, kept.tooltip)


def _mark(widget: QWidget, reason: str) -> None:
    widget.setProperty(UNSAVED_PROPERTY, True)
    widget.setToolTip(
        _(
            "Not saved yet: {reason}\nWhat you typed stays here and is saved as soon as possible."
        ).format(reason=reason)
    )
    _restyle(widget)


def _unmark(widget: QWidget, tooltip: str) -> None:
    widget.setProperty(UNSAVED_PROPERTY, False)
    widget.setToolTip(tooltip)
    _restyle(widget)


def _restyle(widget: QWidget) -> None:
    if UNSAVED_STYLE not in widget.styleSheet():
        widget.setStyleSheet(widget.styleSheet() + UNSAVED_STYLE)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def summary(count: int, cause: str) -> str:
    """The status bar's text while edits are kept."""
    return ngettext(
        "{n} change not saved yet: {cause}. It stays on the screen and is saved as soon as "
        "possible.",
        "{n} changes not saved yet: {cause}. They stay on the screen and are saved as soon as "
        "possible.",
        count,
    ).format(n=count, cause=cause)


class _ElidedLabel(QLabel):
    """One line that shows as much of its text as fits, the whole text in its tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class PendingNotice(QWidget):
    """The status bar's notice while edits are kept: what is wrong, and "Save now" (Ctrl+S)."""

    def __init__(self, pending: PendingEdits, parent: QWidget | None = None):
        super().__init__(parent)
        self.pending = pending
        self.label = _ElidedLabel(self)
        style_text(self.label, Role.WARNING, "font-weight: bold;")
        self.button = QPushButton(_("Save now"), self)
        self.button.setToolTip(_("Try to save the changes that are not saved yet (Ctrl+S)"))
        self.button.clicked.connect(lambda _checked=False: pending.retry())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        pending.changed.connect(self.show_state)
        self.show_state(len(pending), pending.cause)

    def show_state(self, count: int, cause: str) -> None:
        self.setVisible(count > 0)
        if count:
            self.label.set_full_text(summary(count, cause))
            self.label.setToolTip(self.pending.message)  # the whole message, with the remedy
