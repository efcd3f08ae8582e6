"""Dark palettes as desktops ship them, for tests of colours and contrast on screen."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

R = QPalette.ColorRole
#: (Window, WindowText, Base, AlternateBase, Text), as desktops ship them.
DARK = {
    "breeze-dark": ("#202326", "#fcfcfc", "#141618", "#1d1f22", "#fcfcfc"),
    "fusion-dark": ("#353535", "#ffffff", "#2a2a2a", "#424242", "#ffffff"),
}


def dark_palette(name: str) -> QPalette:
    """The dark palette `name` of `DARK`."""
    window, window_text, base, alternate, text = DARK[name]
    palette = QPalette(QColor(window))  # derives buttons and shades from the window colour
    for role, value in (
        (R.Window, window),
        (R.WindowText, window_text),
        (R.Base, base),
        (R.AlternateBase, alternate),
        (R.Text, text),
        (R.ButtonText, window_text),
    ):
        palette.setColor(role, QColor(value))
    return palette


def named_palette(name: str, qapp: QApplication) -> QPalette:
    """ "light" (the style's own palette) or a dark one of `DARK`."""
    return qapp.style().standardPalette() if name == "light" else dark_palette(name)
