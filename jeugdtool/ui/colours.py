"""Role colours (muted, error, warning, ok, accent) read from the palette in use.

Every coloured text in the window comes from here, so a dark palette gets colours that pass
WCAG AA on it (`jeugdtool.colours` derives them); `tint` does the same for a light status tint
behind text. Labels styled with `style_text` follow a palette change at once; a model's colours
follow on the next paint; colours baked into rich text or a style sheet at construction follow when
the screen is built again (a case opened after the change).
"""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.colours import Role
from jeugdtool.colours import role_colour
from jeugdtool.colours import tint as core_tint

__all__ = ["Role", "brush", "colour", "qcolor", "style_text", "tint"]

#: The dynamic properties `style_text` leaves on a widget, so a palette change can restyle it.
ROLE_PROPERTY = "jeugdtoolColourRole"
EXTRA_PROPERTY = "jeugdtoolColourExtra"
#: Text sits on the window, on views' Base and on their alternating rows: it must pass on each.
BACKGROUNDS = (
    QPalette.ColorRole.Window,
    QPalette.ColorRole.Base,
    QPalette.ColorRole.AlternateBase,
)


def _palette(widget: QWidget | None) -> QPalette:
    return widget.palette() if widget is not None else QApplication.palette()


def colour(role: Role, widget: QWidget | None = None) -> str:
    """`#rrggbb` for `role` on the palette of `widget` (default: the application's)."""
    palette = _palette(widget)
    text = palette.color(QPalette.ColorRole.WindowText).name()
    grounds = [palette.color(ground).name() for ground in BACKGROUNDS]
    return role_colour(role, text, grounds)


def qcolor(role: Role, widget: QWidget | None = None) -> QColor:
    return QColor(colour(role, widget))


def brush(role: Role, widget: QWidget | None = None) -> QBrush:
    """For an item model's ForegroundRole: read at paint time, so it follows the palette."""
    return QBrush(qcolor(role, widget))


def tint(fill: str, widget: QWidget | None = None) -> QColor:
    """A status tint behind view items: `fill` on a light Base, a dark shade of it on a dark one
    (the palette's text and every role's colour pass on it)."""
    palette = _palette(widget)
    inks = (palette.color(QPalette.ColorRole.Text).name(), *(colour(r, widget) for r in Role))
    return QColor(core_tint(fill, inks, palette.color(QPalette.ColorRole.Base).name()))


def style_text(widget: QWidget, role: Role | None, extra: str = "") -> None:
    """Give `widget` the `role` text colour (and `extra` style) and keep it on palette changes.

    `None` gives it back the palette's own text colour (and no style sheet).
    """
    if role is None:
        widget.setProperty(ROLE_PROPERTY, None)
        widget.setStyleSheet("")
        return
    widget.setProperty(ROLE_PROPERTY, role.value)
    widget.setProperty(EXTRA_PROPERTY, extra)
    _apply(widget)


def _apply(widget: QWidget) -> None:
    role = Role(widget.property(ROLE_PROPERTY))
    extra = widget.property(EXTRA_PROPERTY) or ""
    widget.setStyleSheet(f"color: {colour(role)};{' ' + extra if extra else ''}")


def restyle_all() -> None:
    """Give every `style_text` widget its role's colour in the palette now in use (the
    application calls this on a palette change: `ui/application.Application`)."""
    for widget in QApplication.allWidgets():
        if widget.property(ROLE_PROPERTY):
            _apply(widget)
