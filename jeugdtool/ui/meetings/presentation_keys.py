"""The keys of presentation mode in one table: the window's key handling and shortcuts are
built from it and the key overlay (`?`) lists it, so what is shown cannot drift from what works."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QKeyCombination
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import N_
from jeugdtool.i18n import _

Mod = Qt.KeyboardModifier


@dataclass(frozen=True)
class Binding:
    """Keys (QKeySequence's portable text), what they do, and the window method that does it."""

    keys: tuple[str, ...]
    #: What the keys do, as the overlay says it (translated when shown).
    does: str
    #: The name of the PresentationWindow method called; it gets the number of the key pressed
    #: within `keys` when `numbered` (1–9: the case).
    command: str
    numbered: bool = False
    #: A shortcut (a QAction): it also works while the cursor is in a field.
    shortcut: bool = False
    #: How the keys are written in the overlay when not simply listed ("1–9").
    shown_as: str = ""


#: Every key of presentation mode, in the order the overlay lists them.
KEYS: tuple[Binding, ...] = (
    Binding(("Right", "PgDown"), N_("Next view (on into the next case)"), "next_view"),
    Binding(("Left", "PgUp"), N_("Previous view"), "previous_view"),
    Binding(("Down", "Ctrl+PgDown"), N_("Next case"), "next_case"),
    Binding(("Up", "Ctrl+PgUp"), N_("Previous case"), "previous_case"),
    Binding(("Home",), N_("First view of the first case"), "first_view"),
    Binding(("End",), N_("Last view of the last case"), "last_view"),
    Binding(
        tuple(str(n) for n in range(1, 10)),
        N_("Case 1 to 9 of the agenda"),
        "go_to_case",
        numbered=True,
        shown_as="1–9",
    ),
    Binding(("Space",), N_("Scroll down a view that is longer than the screen"), "page_down"),
    Binding(("Shift+Space",), N_("Scroll back up"), "page_up"),
    Binding(("Ctrl+E",), N_("Unlock or lock editing"), "toggle_editing", shortcut=True),
    Binding(
        ("Return", "Enter"),
        N_("When unlocked: type in the round (view 4) or the conclusions (view 8)"),
        "start_entry",
        shown_as="Enter",
    ),
    Binding(("Ctrl+H",), N_("Hide or show names"), "toggle_names", shortcut=True),
    Binding(("Ctrl+Z",), N_("Undo"), "undo", shortcut=True),
    Binding(("Ctrl+Shift+Z", "Ctrl+Y"), N_("Redo"), "redo", shortcut=True),
    Binding(("?",), N_("Show or hide this list of keys"), "toggle_keys"),
    Binding(("Esc",), N_("Leave a field; else leave presentation"), "escape"),
)


def _combination(text: str) -> QKeyCombination:
    return QKeySequence(text)[0]


def _plain(event: QKeyEvent) -> QKeyCombination:
    """The event as a combination to compare: without the keypad flag, and without Shift on
    a character that needs Shift to be typed ("?")."""
    mods = event.modifiers() & ~Mod.KeypadModifier
    if event.key() == Qt.Key.Key_Question:
        mods &= ~Mod.ShiftModifier
    return QKeyCombination(mods, Qt.Key(event.key()))


def binding_for(event: QKeyEvent) -> tuple[Binding, int] | None:
    """The binding a key press belongs to and which of its keys it was (shortcuts excluded:
    their QActions fire first)."""
    pressed = _plain(event)
    for binding in KEYS:
        if binding.shortcut:
            continue
        for number, text in enumerate(binding.keys):
            if _combination(text) == pressed:
                return binding, number
    return None


def key_names(binding: Binding) -> str:
    """The keys as people read them (the platform's native names: "PgDown", "Ctrl+H")."""
    if binding.shown_as:
        return binding.shown_as
    names = (QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in binding.keys)
    return " / ".join(names)


class KeyOverlay(QFrame):
    """The list of keys over the whole presentation; any key closes it again."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("keyOverlay")
        self.setStyleSheet(
            "#keyOverlay { background: #111111; }"  # opaque: the view behind would be noise
            " QLabel { color: #ffffff; background: transparent; }"
        )
        self.heading = QLabel(_("Keys in presentation mode"), self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(4)
        #: (keys label, what it does) per binding, in the table's order.
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row, binding in enumerate(KEYS):
            keys = QLabel(key_names(binding), self)
            does = QLabel(_(binding.does), self)
            does.setWordWrap(True)
            grid.addWidget(keys, row, 0)
            grid.addWidget(does, row, 1)
            self.rows.append((keys, does))
        grid.setColumnStretch(1, 1)
        self.closing = QLabel(_("Press any key to close this list."), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.closing)
        self.hide()

    def show_over(self, base_pt: float) -> None:
        """Cover the window with the list, its type sized from the window's body text."""
        self.set_size(base_pt)
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def set_size(self, base_pt: float) -> None:
        # The whole list must fit the screen: 15 rows and a heading in about 80% of the height.
        size = base_pt * 0.8
        margin = int(size * 2)
        self.layout().setContentsMargins(margin, margin // 2, margin, margin // 2)
        for label in self.findChildren(QLabel):
            font = label.font()
            font.setPointSizeF(size)
            font.setBold(label is self.heading or any(label is k for k, _d in self.rows))
            label.setFont(font)
        font = self.heading.font()
        font.setPointSizeF(size * 1.4)
        self.heading.setFont(font)
