"""Shared pieces of the big-screen views: large high-contrast type, and a view that shrinks its
type (down to a floor) until everything fits the screen, scrolling only beyond that."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jeugdtool.i18n import _
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.names import NameMask

from jeugdtool.ui.meetings.views_data import CaseData

#: Body text on a 1920×1080 projector, read from across a room.
BASE_PT = 24
#: The view shrinks its type to fit, never below this.
MIN_PT = 16
INK = "#000000"
#: Headings and accents: dark enough for body text contrast on white.
ACCENT = "#0b3d91"
WORRY = "#9b1c1c"
WELL = "#1b5e20"
PAPER = "#ffffff"
#: Explanations ("not yet"): quieter than content, still dark.
NOTE = "#333333"
#: The Qt property holding a widget's size relative to the view's body text.
REL = "present_rel"


class BigLabel(QLabel):
    """A wrapping label whose height is only what its width needs: QLabel's own minimum assumes
    a narrow label, which spreads short lines far apart in a tall layout."""

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)


def text_label(
    text: str,
    rel: float = 1.0,
    *,
    bold: bool = False,
    colour: str = INK,
    parent: QWidget | None = None,
) -> QLabel:
    """A word-wrapped label sized relative to the body text (see `apply_size`)."""
    label = BigLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setStyleSheet(f"color: {colour}; background: transparent;")
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    sized(label, rel, bold=bold)
    return label


def note_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A short explanation where there is nothing to show yet."""
    label = text_label(text, 1.0, colour=NOTE, parent=parent)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


def sized(widget: QWidget, rel: float, *, bold: bool = False) -> QWidget:
    widget.setProperty(REL, rel)
    if bold:
        font = QFont(widget.font())
        font.setBold(True)
        widget.setFont(font)
    return widget


def apply_size(root: QWidget, base_pt: float) -> None:
    """Give every widget under `root` that has a relative size its point size."""
    for widget in [root, *root.findChildren(QWidget)]:
        rel = widget.property(REL)
        if rel is None:
            continue
        font = QFont(widget.font())
        font.setPointSizeF(base_pt * float(rel))
        widget.setFont(font)


def clear(layout: QLayout) -> None:
    while layout.count():
        entry = layout.takeAt(0)
        if entry.widget() is not None:
            entry.widget().deleteLater()
            entry.widget().setParent(None)
        elif entry.layout() is not None:
            clear(entry.layout())


def rule(colour: str = INK, parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFixedHeight(3)
    line.setStyleSheet(f"background: {colour}; border: none;")
    return line


class View(QWidget):
    """One screen of a case: a large title and a body that `fill` builds from the case data."""

    #: The view's name, in the footer and as its title.
    name = ""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"background: {PAPER}; color: {INK};")
        self.title = text_label("", 1.6, bold=True, colour=ACCENT, parent=self)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(14)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 12)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll, 1)
        #: The point size the body got at the last fit.
        self.point_size: float = BASE_PT

    def show_case(self, data: CaseData, item: ItemDTO, mask: NameMask, heading: str) -> None:
        self.title.setText(f"{heading} — {_(self.name)}")
        clear(self.body_layout)
        self.fill(data, item, mask)
        self.fit()

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        raise NotImplementedError

    def add(self, widget: QWidget) -> QWidget:
        self.body_layout.addWidget(widget)
        return widget

    # ---- fitting the screen ------------------------------------------------------------------

    def fit(self) -> None:
        """The largest type (BASE_PT down to MIN_PT) at which the body fits without scrolling."""
        apply_size(self, BASE_PT)
        width = self.scroll.viewport().width()
        room = self.scroll.viewport().height()
        if width < 200 or room < 100:  # not laid out yet: fitted again on resize
            return
        size = float(BASE_PT)
        while size > MIN_PT and self._needed(width, size) > room:
            size -= 1
        self.point_size = size
        # A wrapping label's minimum height assumes a narrow label; the body's height is the
        # one it needs at the width it has (it scrolls only when even MIN_PT does not fit).
        needed = self._needed(width, size)
        self.body.setFixedHeight(max(needed, room))
        # No empty scroll bar on a view that fits (rounding would otherwise show one).
        self.scroll.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if needed > room
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def _needed(self, width: int, size: float) -> int:
        apply_size(self.body, size)
        layout = self.body.layout()
        layout.activate()
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def scroll_by_page(self, pages: int) -> None:
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.value() + pages * bar.pageStep())
