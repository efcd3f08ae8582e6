"""The colours of the five ZRM levels, shared by the progress table, the chart and the heat map.

1 (acute) is red, 5 (fully self-sufficient) green. Each background has a text colour with a
contrast of at least 4.5:1 (WCAG AA), and the level number is always written in the cell too:
colour is never the only sign.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor

#: Level -> (background, text).
LEVEL_COLOURS: dict[int, tuple[str, str]] = {
    1: ("#c62828", "#ffffff"),
    2: ("#f57c00", "#000000"),
    3: ("#fbc02d", "#000000"),
    4: ("#9ccc65", "#000000"),
    5: ("#2e7d32", "#ffffff"),
}
#: A domain that was not assessed (or is not applicable).
NOT_ASSESSED = ("#eeeeee", "#424242")
#: Shown for a domain without a level.
NO_LEVEL = "–"


def level_colours(level: int | None) -> tuple[QColor, QColor]:
    """(background, text) for a level; a neutral grey for no level."""
    background, text = LEVEL_COLOURS.get(level, NOT_ASSESSED) if level else NOT_ASSESSED
    return QColor(background), QColor(text)


def level_brush(level: int | None, role: int) -> QBrush | None:
    """A level's background (BackgroundRole) or text (ForegroundRole) brush; None for other
    roles."""
    background, text = level_colours(level)
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(background)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(text)
    return None
