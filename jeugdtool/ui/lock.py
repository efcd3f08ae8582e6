"""Auto-lock: after the organisation's idle period (cases/org_policy.py), or on "Lock", every
window of jeugdtool hides its content until the passphrase or the login password is given again.

One application-wide event filter notes the user's input in every window (main window, meeting
window, the presentation on the big screen, dialogs) and a timer compares the idle time with
the period. While unlocked the filter only needs to learn that *some* input came, and running
Python for every event of the program (thousands per opened case: paints, timers, layouts) is
what it would cost: so the first input takes the filter off for `REST_MS`, and putting it back
counts as input at that moment (whatever came in between is not seen, so it is assumed). The
lock therefore comes at most `REST_MS` + `CHECK_INTERVAL_MS` (3 + 5 seconds) after the
organisation's period without input, never earlier, and never while someone types. While
locked (from the first step of locking to the last of unlocking) the filter is always on.

Locking covers each top-level window with an opaque `LockOverlay` (also windows that appear
while locked, such as a finished job's message) and gives it a neutral title; nothing is
closed or hidden, so a modal dialog keeps its state and text being typed stays where it was.
While locked, the filter lets input reach only the unlock form, which sits in the window that
can take input (the topmost modal dialog, else the main window). A long job keeps running.
The widgets and what unlocks are in ui/lock_screen.py.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QRunnable
from PySide6.QtCore import Qt
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QToolTip
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.location import Location

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.lock_screen import LockOverlay
from jeugdtool.ui.lock_screen import Secret
from jeugdtool.ui.lock_screen import UnlockForm
from jeugdtool.ui.lock_screen import secret_of
from jeugdtool.ui.lock_screen import verify

E = QEvent.Type
#: What counts as someone using the program.
INPUT_EVENTS = frozenset(
    {
        E.KeyPress,
        E.MouseButtonPress,
        E.MouseButtonDblClick,
        E.MouseMove,
        E.Wheel,
        E.TouchBegin,
        E.TouchUpdate,
        E.TabletPress,
    }
)
#: What may reach nothing but the unlock form while locked (shortcuts would act on the hidden
#: case: Ctrl+P, Ctrl+W, a presentation's arrow keys).
BLOCKED_WHILE_LOCKED = INPUT_EVENTS | {
    E.KeyRelease,
    E.MouseButtonRelease,
    E.Shortcut,
    E.ShortcutOverride,
    E.ContextMenu,
    E.DragEnter,
    E.Drop,
    E.TouchEnd,
}
#: How often the idle time is compared with the period (milliseconds).
CHECK_INTERVAL_MS = 5000
#: How long the filter stays off after an input while unlocked (milliseconds); the lock may be
#: this much later than the period (never earlier).
REST_MS = 3000
#: After this many wrong tries the lock screen says plainly what to do (and keeps waiting).
TRIES_BEFORE_ADVICE = 3


class _Check(QRunnable):
    """`verify` in a thread of its own (not the writer pool: a long job may hold that)."""

    def __init__(self, location: Location, given: str, done: Signal):
        super().__init__()
        self._location, self._given, self._done = location, given, done

    def run(self) -> None:
        try:
            self._done.emit(verify(self._location, self._given), None)
        except Exception as exc:  # delivered to the GUI thread, which says it
            self._done.emit(False, exc)


_current: weakref.ReferenceType[AutoLock] | None = None


class AutoLock(QObject):
    """Locks every window of the program after `minutes` without input, or on `lock()`."""

    locked_changed = Signal(bool)
    _checked = Signal(bool, object)

    def __init__(
        self,
        ctx: AppContext,
        main_window: QWidget,
        *,
        clock: Callable[[], float] = time.monotonic,
        minutes: int | None = None,
    ):
        super().__init__(main_window)
        global _current
        if _current is not None and (old := _current()) is not None and isValid(old):
            old.uninstall()  # one lock for the whole program
        _current = weakref.ref(self)
        self.ctx, self.main_window, self.clock = ctx, main_window, clock
        self.minutes = minutes if minutes is not None else self._read_minutes()
        self.last_input = clock()
        self.wrong_tries = 0
        self._overlays: dict[QWidget, LockOverlay] = {}
        self._titles: dict[QWidget, str] = {}
        self._focus: dict[QWidget, QWidget] = {}
        self._locked = False
        self._form: UnlockForm | None = None
        self._titling = False
        self._checked.connect(self._on_checked, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        #: Puts the filter back after its rest (`resting`: it is off now).
        self.rest = QTimer(self)
        self.rest.setSingleShot(True)
        self.rest.setInterval(REST_MS)
        self.rest.timeout.connect(self.wake)
        self._filtering = False
        ctx.signals.changed.connect(self._on_changed)
        self._filter(True)

    def _read_minutes(self) -> int:
        from jeugdtool.cases import org_policy

        try:
            return org_policy.auto_lock_minutes(self.ctx.uow)
        except JeugdtoolError:  # the database is unreachable now: lock by the default
            return org_policy.clamp_minutes("")

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches("settings"):
            self.minutes = self._read_minutes()

    def uninstall(self) -> None:
        self.timer.stop()
        self.rest.stop()
        self._filter(False)

    def _filter(self, on: bool) -> None:
        """Put the application-wide event filter on or take it off."""
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        self._filtering = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    @property
    def resting(self) -> bool:
        """The filter is off for a moment after an input (unlocked only)."""
        return self.rest.isActive()

    def wake(self) -> None:
        """The rest is over: the input that may have come meanwhile counts as of now, and the
        filter watches again for the next one."""
        self.rest.stop()
        self.last_input = self.clock()
        self._filter(True)

    @property
    def locked(self) -> bool:
        return self._locked

    @property
    def form(self) -> UnlockForm | None:
        """The unlock form on screen (None when unlocked). A window that was deleted while
        locked takes its form along: `_place_form` then makes a new one."""
        form = self._form
        return form if form is not None and isValid(form) else None

    # ---- noticing use ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._locked:
            if kind in INPUT_EVENTS:
                # Someone is there: rest (the filter off) rather than run for every event.
                self.last_input = self.clock()
                self._filter(False)
                self.rest.start()
            return False
        if kind in INPUT_EVENTS:
            self.last_input = self.clock()
        if kind in BLOCKED_WHILE_LOCKED:
            return not self._for_form(watched)
        if kind == E.FocusOut and not self._for_form(watched):
            # Leaving a field saves it: the lock must not save half-typed text. The field gets
            # the keyboard back on unlocking.
            return True
        if kind == E.Close and watched in self._overlays and watched is not self.main_window:
            # A dialog closed while locked would lose what was typed in it. (The main window
            # asks about unsaved edits itself; that question waits behind the lock.)
            event.ignore()
            return True
        if kind == E.Show and isinstance(watched, QWidget) and self._coverable(watched):
            self._cover(watched)
            # A modal dialog counts as modal once it is on screen, after this event.
            QTimer.singleShot(0, self._place_form)
        elif kind == E.Hide and isinstance(watched, QWidget) and watched in self._overlays:
            self._uncover_hidden(watched)
        elif kind == E.WindowTitleChange and watched in self._titles and not self._titling:
            assert isinstance(watched, QWidget)
            self._titles[watched] = watched.windowTitle()  # what to show again after unlocking
            self._neutral_title(watched)
        return False

    def _for_form(self, watched: QObject) -> bool:
        """Input the lock lets through: to the unlock form, or to a window (which hands it on
        to one of its widgets, checked again then)."""
        if not isinstance(watched, QWidget):
            return watched.isWindowType()  # not an action's or a shortcut's key
        form = self.form
        return form is not None and (watched is form or form.isAncestorOf(watched))

    def check(self) -> None:
        """Lock when nobody used the program for the organisation's period."""
        if not self.locked and self.clock() - self.last_input >= self.minutes * 60:
            self.lock()

    # ---- locking -----------------------------------------------------------------------------

    @staticmethod
    def _coverable(widget: QWidget) -> bool:
        kind = widget.windowType()
        return (
            widget.isWindow()
            and kind not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)
            and not isinstance(widget, LockOverlay)
        )

    def lock(self) -> None:
        """Hide every window's content now (the timer, or Lock in the File menu)."""
        if self.locked:
            return
        self.rest.stop()
        self._filter(True)  # sees everything from here on (windows that open, input)
        QToolTip.hideText()
        for _attempt in range(10):  # open menus and drop-downs close first
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        self._locked = True
        self.wrong_tries = 0
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and self._coverable(window):
                self._cover(window)
        self._place_form()
        self.locked_changed.emit(True)

    def _cover(self, window: QWidget) -> None:
        if window in self._overlays:
            return
        focus = window.focusWidget()
        if focus is not None:
            self._focus[window] = focus
        self._overlays[window] = LockOverlay(window)
        self._titles[window] = window.windowTitle()
        self._neutral_title(window)

    def _neutral_title(self, window: QWidget) -> None:
        self._titling = True
        try:
            window.setWindowTitle(_("jeugdtool — locked"))
        finally:
            self._titling = False

    def _input_window(self) -> QWidget | None:
        """Where the form goes: the topmost modal dialog (it blocks the others), else the main
        window, else any covered window."""
        modal = QApplication.activeModalWidget()
        live = [w for w in self._overlays if isValid(w) and w.isVisible()]
        if modal is not None and modal in live:
            return modal
        if self.main_window in live:
            return self.main_window
        return live[0] if live else None

    def _new_form(self) -> UnlockForm:
        form = UnlockForm(secret_of(self.ctx.database.location))
        form.unlock_requested.connect(self._try_unlock)
        self._form = form
        return form

    def _place_form(self) -> None:
        window = self._input_window()
        if not self._locked or window is None:
            return
        form = self.form or self._new_form()
        overlay = self._overlays[window]
        if form.parentWidget() is overlay:
            return
        previous = form.parentWidget()
        if isinstance(previous, LockOverlay) and isValid(previous):
            previous.form_left()
        overlay.take_form(form)
        window.activateWindow()
        (form.field if form.field.isVisible() else form.button).setFocus()

    def _uncover_hidden(self, window: QWidget) -> None:
        """A covered window closed while locked (a job's progress ended): the form moves on."""
        overlay = self._overlays.pop(window)
        self._titles.pop(window, None)
        self._focus.pop(window, None)
        form = self.form
        if form is not None and form.parentWidget() is overlay:
            form.setParent(None)  # survives the window, which may be deleted now
            self._place_form()
        overlay.deleteLater()
        # A window shown again later is covered again (its Show event).

    # ---- unlocking ---------------------------------------------------------------------------

    def _try_unlock(self, given: str) -> None:
        form = self.form
        if form is None:
            return
        if secret_of(self.ctx.database.location) is Secret.NONE:
            self.unlock()
            return
        form.set_busy(True)
        QThreadPool.globalInstance().start(_Check(self.ctx.database.location, given, self._checked))

    def _on_checked(self, right: bool, error: BaseException | None) -> None:
        form = self.form
        if form is None:
            return
        form.set_busy(False)
        if error is not None:
            form.say(self._unreachable(error))
        elif right:
            self.unlock()
        else:
            self.wrong_tries += 1
            form.field.clear()
            form.say(self._wrong_message())

    def _unreachable(self, error: BaseException) -> str:
        reason = str(error) if isinstance(error, JeugdtoolError) else repr(error)
        return _(
            "Your password could not be checked: {reason} jeugdtool stays locked and keeps your "
            "work; try again in a moment."
        ).format(reason=reason)

    def _wrong_message(self) -> str:
        passphrase = secret_of(self.ctx.database.location) is Secret.PASSPHRASE
        if self.wrong_tries < TRIES_BEFORE_ADVICE:
            if passphrase:
                return _("That is not the passphrase of this database. Try again.")
            return _("That is not the password of your login. Try again.")
        count = ngettext("{n} wrong try.", "{n} wrong tries.", self.wrong_tries)
        if passphrase:
            advice = _(
                "jeugdtool stays locked and keeps your unsaved work; it does not close. Check the "
                "Caps Lock key and the keyboard layout, then try again. A forgotten passphrase "
                "cannot be recovered: nobody can open the database without it."
            )
        else:
            advice = _(
                "jeugdtool stays locked and keeps your unsaved work; it does not close. Check the "
                "Caps Lock key, then try again. Forgotten your password? Ask your administrator "
                "for a new one; your work waits here."
            )
        return f"{count.format(n=self.wrong_tries)} {advice}"

    def unlock(self) -> None:
        """Show everything again, as it was: titles, the field that had the keyboard."""
        if not self._locked:
            return
        self._locked = False
        form, self._form = self.form, None
        for window, overlay in list(self._overlays.items()):
            if isValid(overlay):
                overlay.deleteLater()
                overlay.hide()
            if isValid(window):
                self._titling = True
                try:
                    window.setWindowTitle(self._titles.get(window, window.windowTitle()))
                finally:
                    self._titling = False
        focus = {w: f for w, f in self._focus.items() if isValid(w) and isValid(f)}
        self._overlays.clear()
        self._titles.clear()
        self._focus.clear()
        if form is not None:
            form.deleteLater()
        for widget in focus.values():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        active = QApplication.activeWindow()
        if active is not None and active in focus:
            focus[active].setFocus(Qt.FocusReason.OtherFocusReason)
        self.last_input = self.clock()
        self.locked_changed.emit(False)


def install(ctx: AppContext, main_window: QWidget, **options: Any) -> AutoLock:
    """The program's auto-lock, for the main window of `ctx` (one for the whole program)."""
    return AutoLock(ctx, main_window, **options)
