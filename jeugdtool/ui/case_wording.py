"""A case's screens in the words of its way of working: a wellbeing case's pages, dialogs and
presentation views say "zorgomschrijving", "welzijnsdoel", "welzijnsplan", "steunnetwerk".

The program's texts are written with the Signs of Safety words; the rule that turns them into
the wellbeing words is `framework.wording.for_mode` (one rule for the screens, the PDFs and the
manual). Rather than each of the many widgets calling it, the widget that shows a case (the
workspace, a presentation view) says which case it shows with `follow(widget, mode)`; for a
wellbeing case every label, button, group box, tab, list item, placeholder, tooltip, window
title and action under it is given the mode's words — when it is first shown, whenever its
texts change (a changed text asks its parent for a new layout), and for every widget and dialog
made under it later. The source text is kept beside the words shown, so a case that changes to
safety gets its own words back and a text set again by its page is worded again. For a safety
case nothing is installed.

A table model draws its header and cells itself: the table models' bases call `worded` (the
model keeps the mode it found, so a cell costs a look at one attribute). Not covered: texts of
windows that are not children of the case's widget (the main window's menus, the undo history,
a message box parented to the main window).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QTextEdit
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.framework.wording import for_mode

#: The dynamic property on the widget that shows a case: its way of working ("wellbeing").
MODE_PROPERTY = "jeugdtoolCaseMode"
#: Per text of a widget, the dynamic property holding [source text, text shown].
_SOURCE = "jeugdtoolWording_"
#: The events after which a widget's texts are looked at again: shown (each widget gets its own
#: when its window opens), and a new layout (posted to the parent of a widget whose text changed).
_LOOK_AGAIN = (QEvent.Type.Show, QEvent.Type.LayoutRequest)
#: A child widget or dialog made under a watched widget (polished: it is fully made then).
_ADDED = (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished)


def mode_of(widget: QObject | None) -> CaseMode:
    """The way of working of the case `widget` (or a widget or dialog above it) shows; safety
    when none is marked."""
    return _look_up(widget)[0]


def _look_up(obj: QObject | None) -> tuple[CaseMode, bool]:
    """The mode, and whether a case's widget says so (False: none above `obj`)."""
    while obj is not None:
        value = obj.property(MODE_PROPERTY)
        if value:
            return CaseMode(value), True
        obj = obj.parent()
    return CaseMode.SAFETY, False


#: Raised whenever a case's way of working is set or changed: the modes the table models keep
#: (`worded`) are then looked up again.
_generation = 0


def worded(obj: QObject, text: Any) -> Any:
    """`text` in the words of the case `obj` (a table model under a case's page) belongs to:
    what the table models call for their headers and cells, which no widget holds. Called for
    every cell drawn, so the model keeps the mode it found (looking up through its parents
    costs more than the drawing)."""
    if not isinstance(text, str) or not text:
        return text
    return for_mode(text, _kept_mode(obj))


def _kept_mode(obj: QObject) -> CaseMode:
    """`mode_of(obj)`, kept on `obj` until a case's way of working is set again."""
    kept = getattr(obj, "_case_wording_mode", None)
    if kept is not None and kept[0] == _generation:
        return kept[1]
    mode, found = _look_up(obj)
    if found:  # not yet under a case (a model made before it is given a parent): look again
        with suppress(AttributeError):  # a Qt object made by Qt keeps nothing: look each time
            obj._case_wording_mode = (_generation, mode)  # type: ignore[attr-defined]
    return mode


def follow(root: QWidget, mode: CaseMode | str) -> None:
    """Mark `root` as showing a case of `mode` and keep everything under it in its words (see
    the module's text). Call it again when the case's way of working changes."""
    global _generation
    mode = CaseMode(mode)
    before = root.property(MODE_PROPERTY)
    if before != mode.value:
        _generation += 1
        root.setProperty(MODE_PROPERTY, mode.value)
    if mode is CaseMode.WELLBEING:
        _Follower.of(root).watch(root)
    if mode is CaseMode.WELLBEING or before == CaseMode.WELLBEING.value:
        apply(root, mode)


def apply(root: QWidget, mode: CaseMode | str) -> None:
    """Give `root` and every widget under it the words of `mode` now (a safety case: each text
    its own words back)."""
    mode = CaseMode(mode)
    for widget in [root, *root.findChildren(QWidget)]:
        _word_widget(widget, mode)


# ---- one widget ----------------------------------------------------------------------------


def _worded(obj: QObject, key: str, current: str, mode: CaseMode) -> str | None:
    """The text to show instead of `current` (None: leave it), remembering its source."""
    name = _SOURCE + key
    stored = obj.property(name)
    source = stored[0] if stored and len(stored) == 2 and current == stored[1] else current
    shown = for_mode(source, mode)
    if shown != source:
        obj.setProperty(name, [source, shown])
    elif stored:
        obj.setProperty(name, None)
    return shown if shown != current else None


def _word(
    obj: QObject, key: str, get: Callable[[], str], put: Callable[[str], None], mode: CaseMode
) -> None:
    current = get()
    if not current and not obj.property(_SOURCE + key):
        return
    new = _worded(obj, key, current, mode)
    if new is not None:
        put(new)


def _word_widget(widget: QWidget, mode: CaseMode) -> None:
    w = widget
    _word(w, "toolTip", w.toolTip, w.setToolTip, mode)
    _word(w, "accessibleName", w.accessibleName, w.setAccessibleName, mode)
    if w.isWindow():
        _word(w, "windowTitle", w.windowTitle, w.setWindowTitle, mode)
    if isinstance(w, QLabel | QAbstractButton):
        _word(w, "text", w.text, w.setText, mode)
    elif isinstance(w, QGroupBox):
        _word(w, "title", w.title, w.setTitle, mode)
    elif isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
        # Never what the user typed: only the grey hint.
        _word(w, "placeholder", w.placeholderText, w.setPlaceholderText, mode)
    elif isinstance(w, QTabWidget):
        for i in range(w.count()):
            _word(w, f"tab{i}", lambda i=i: w.tabText(i), lambda t, i=i: w.setTabText(i, t), mode)
    elif isinstance(w, QListWidget):
        for i in range(w.count()):
            item = w.item(i)
            _word(w, f"item{i}", item.text, item.setText, mode)
            # The item's hover text too (a long statement shows whole there).
            _word(w, f"itemTip{i}", item.toolTip, item.setToolTip, mode)
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            _word(
                w, f"item{i}", lambda i=i: w.itemText(i), lambda t, i=i: w.setItemText(i, t), mode
            )
    for action in w.actions():
        _word_action(action, mode)


def _word_action(action: QAction, mode: CaseMode) -> None:
    _word(action, "text", action.text, action.setText, mode)
    _word(action, "toolTip", action.toolTip, action.setToolTip, mode)


# ---- keeping up ----------------------------------------------------------------------------


def _word_combo_later(combo: QComboBox) -> None:
    """After the rows being added now (the caller may still set their data)."""
    QTimer.singleShot(0, combo, lambda: _word_widget(combo, mode_of(combo)))


class _Follower(QObject):
    """The event filter on every widget under a wellbeing case's root: a widget shown, or one
    whose texts changed, is worded again; a widget or dialog added is watched too."""

    @classmethod
    def of(cls, root: QWidget) -> _Follower:
        found = root.findChild(_Follower, "jeugdtoolWordingFollower")
        if found is None:
            found = cls(root)
            found.setObjectName("jeugdtoolWordingFollower")
        return found

    def watch(self, widget: QObject) -> None:
        if isinstance(widget, QComboBox) and not widget.property("jeugdtoolWordingRows"):
            # Rows added to a combo box that is already shown ask for no new layout. (Known
            # as a combo box only once made: when polished, not yet when added.)
            widget.setProperty("jeugdtoolWordingRows", True)
            widget.model().rowsInserted.connect(lambda *_a, w=widget: _word_combo_later(w))
        if widget.property("jeugdtoolWordingWatched"):
            return
        widget.setProperty("jeugdtoolWordingWatched", True)
        widget.installEventFilter(self)
        for child in widget.children():
            if isinstance(child, QWidget):
                self.watch(child)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ADDED:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                self.watch(child)
        elif kind in _LOOK_AGAIN and isinstance(watched, QWidget):
            mode = _kept_mode(watched)
            if mode is CaseMode.WELLBEING:
                _word_widget(watched, mode)
                if kind == QEvent.Type.LayoutRequest:
                    # A text changed under it: it is one of the widget's own children.
                    for child in watched.children():
                        if isinstance(child, QWidget):
                            _word_widget(child, mode)
        return False
