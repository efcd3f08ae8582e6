"""What "fits the screen" means for a window, measured: used by test_fit_1366 and by hand
(`python -m tests.ui.fit_kit` is not needed; import `misfits` and `shoot`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractScrollArea
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QWidget

#: A 1366×768 screen less a title bar and a panel: what a window may use.
USABLE = QSize(1366, 720)
#: Rounding of styles and frames: a widget a pixel or two over its parent is not cut off.
SLACK = 2


def _clipped_by_scroll(widget: QWidget, top: QWidget) -> bool:
    """True when an ancestor below `top` is a scroll area's viewport: it may be larger (scrolls)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget) -> str:
    name = widget.objectName() or widget.accessibleName()
    text = getattr(widget, "text", None)
    label = text() if callable(text) else ""
    detail = name or (label[:40] if isinstance(label, str) else "")
    return f"{type(widget).__name__}({detail!r})"


def _is_scroll_content(widget: QWidget) -> bool:
    """The widget a scroll area shows: it may be larger than the viewport (it scrolls)."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def misfits(top: QWidget) -> list[str]:
    """Every visible widget of `top` that leaves its parent, or the window (unless it sits in
    a scroll area, which shows the rest when scrolled to), and every scroll area whose
    content is cut off where it cannot scroll."""
    for _pass in range(3):  # a field that grew asks its layouts again, one level a pass
        QApplication.processEvents()
    window = QRect(QPoint(0, 0), top.size())
    found: list[str] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        parent = widget.parentWidget()
        inside_parent = (
            parent is None
            or _is_scroll_content(widget)
            or QRect(QPoint(0, 0), parent.size())
            .adjusted(-SLACK, -SLACK, SLACK, SLACK)
            .contains(widget.geometry())
        )
        inside_window = _clipped_by_scroll(widget, top) or window.adjusted(
            -SLACK, -SLACK, SLACK, SLACK
        ).contains(rect)
        if not (inside_parent and inside_window):
            found.append(f"{_describe(widget)} at {rect.getRect()} in {window.getRect()}")
    return found + _cut_off_in_scroll_areas(top)


def _cut_off_in_scroll_areas(top: QWidget) -> list[str]:
    found = []
    for area in top.findChildren(QScrollArea):
        content = area.widget()
        if not area.isVisible() or content is None or not content.isVisible():
            continue
        view = area.viewport().size()
        wide = content.width() > view.width() + SLACK
        tall = content.height() > view.height() + SLACK
        if (wide and not area.horizontalScrollBar().isVisible()) or (
            tall and not area.verticalScrollBar().isVisible()
        ):
            found.append(
                f"{_describe(area)} cuts off its content: {content.width()}×{content.height()}"
                f" in {view.width()}×{view.height()} without a scroll bar"
            )
    return found


def too_big(top: QWidget, usable: QSize = USABLE) -> str | None:
    """Why `top` cannot be made as small as the usable screen, or None."""
    hint = top.minimumSizeHint().expandedTo(top.minimumSize())
    if hint.width() > usable.width() or hint.height() > usable.height():
        return f"{type(top).__name__} needs at least {hint.width()}×{hint.height()}"
    return None


def shoot(top: QWidget, folder: str | Path | None, name: str) -> None:
    """Save `top` as folder/name.png (nothing when no folder is given)."""
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    top.grab().save(str(Path(folder) / f"{name}.png"))


def scrolls_sideways(top: QWidget) -> list[str]:
    """Every visible list, table or scroll area of `top` whose content is wider than it is
    (a column or field to scroll to: out of sight on this screen)."""
    QApplication.processEvents()
    found = []
    for area in top.findChildren(QAbstractScrollArea):
        bar = area.horizontalScrollBar()
        if area.isVisible() and not area.isWindow() and bar.isVisible() and bar.maximum() > 0:
            found.append(f"{_describe(area)} scrolls sideways by {bar.maximum()} px")
    return found
