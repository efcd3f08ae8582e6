"""What every chart shares: colours from the widget's palette, a small font for axes, and a
canvas whose points (or bars) show their details on hover and, one by one, by the arrow keys."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtCore import QPointF
from PySide6.QtCore import QRectF
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetricsF
from PySide6.QtGui import QHelpEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPalette
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QStackedLayout
from PySide6.QtWidgets import QToolTip
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.ui.charts.geometry import nearest

#: How far (pixels) from a dot the mouse may be and still show the dot's details.
MIN_REACH = 8.0


@dataclass(frozen=True)
class Ink:
    """The colours a chart draws with, from the widget's palette (so a dark palette works)."""

    background: QColor
    text: QColor
    #: Axis lines and tick marks: the text colour, a little softer.
    axis: QColor
    #: Grid lines: faint, behind the data.
    grid: QColor
    #: The keyboard's chosen point.
    highlight: QColor
    dark: bool


def blend(colour: QColor, background: QColor, share: float) -> QColor:
    """`share` of colour over the background (an opaque colour: grabs and prints stay alike)."""
    mix = [
        round(a * share + b * (1 - share))
        for a, b in zip(colour.getRgb()[:3], background.getRgb()[:3], strict=True)
    ]
    return QColor(*mix)


def ink(palette: QPalette) -> Ink:
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return Ink(
        background=background,
        text=text,
        axis=blend(text, background, 0.6),
        grid=blend(text, background, 0.15),
        highlight=palette.color(QPalette.ColorRole.Highlight),
        dark=background.lightnessF() < 0.5,
    )


def small_font(font: QFont, share: float) -> QFont:
    """The axes' type: `share` of the widget's, never below 7 pt (it follows a presentation's
    large type, since the widget's own font does)."""
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(max(7.0, small.pointSizeF() * share))
    else:  # a font sized in pixels
        small.setPixelSize(max(9, round(small.pixelSize() * share)))
    return small


@dataclass(frozen=True)
class Target:
    """A thing on the chart that has details: a dot (a small square around it) or a bar."""

    rect: QRectF
    #: Rich text for the tooltip.
    text: str


class ChartCanvas(QWidget):
    """A widget that paints a chart; subclasses give `targets()` in the order the arrow keys
    visit them, and paint the keyboard's choice with `paint_choice`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: The target the arrow keys chose (None: none).
        self.chosen: int | None = None

    def targets(self) -> list[Target]:
        """What the mouse and the arrow keys can point at; every chart gives its own (an
        abstract method: QWidget's metaclass rules out abc.ABC)."""
        raise NotImplementedError

    def ink(self) -> Ink:
        return ink(self.palette())

    def target_at(self, pos: QPointF) -> Target | None:
        """The bar under `pos`, or the dot nearest to it within reach."""
        found = self.targets()
        for target in found:
            if target.rect.width() > 2 * MIN_REACH and target.rect.contains(pos):
                return target
        reach = max(MIN_REACH, QFontMetricsF(self.font()).height() * 0.6)
        centres = [(t.rect.center().x(), t.rect.center().y()) for t in found]
        index = nearest(centres, pos.x(), pos.y(), reach)
        return None if index is None else found[index]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            target = self.target_at(QPointF(event.pos()))
            if target is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), target.text, self, target.rect.toRect())
            return True
        return super().event(event)

    # ---- the keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        found = self.targets()
        key = Qt.Key(event.key())
        steps = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}
        if not found or key not in (*steps, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Escape):
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Escape:
            self.choose(None)
        elif key == Qt.Key.Key_Home:
            self.choose(0)
        elif key == Qt.Key.Key_End:
            self.choose(len(found) - 1)
        elif self.chosen is None:
            self.choose(0 if steps[key] > 0 else len(found) - 1)
        else:
            self.choose(max(0, min(len(found) - 1, self.chosen + steps[key])))

    def choose(self, index: int | None) -> None:
        """Mark target `index` (None: none) and show its details as the mouse would."""
        self.chosen = index
        self.update()
        found = self.targets()
        if index is None or not 0 <= index < len(found):
            QToolTip.hideText()
            return
        target = found[index]
        where = self.mapToGlobal(target.rect.center().toPoint())
        QToolTip.showText(where, target.text, self, target.rect.toRect())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.chosen = None
        self.update()

    def forget_choice(self) -> None:
        """New data: the old choice means nothing any more."""
        self.chosen = None

    # ---- painting ----------------------------------------------------------------------------

    def paint_choice(self, painter: QPainter, colours: Ink) -> None:
        """A ring around the keyboard's target, and a thin frame while the chart has focus."""
        if not self.hasFocus():
            return
        painter.save()
        pen = QPen(colours.highlight, 1.0, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        found = self.targets()
        if self.chosen is not None and 0 <= self.chosen < len(found):
            rect = found[self.chosen].rect
            painter.setPen(QPen(colours.highlight, 2.5))
            grow = max(3.0, math.ceil(min(rect.width(), rect.height()) * 0.25))
            painter.drawRoundedRect(rect.adjusted(-grow, -grow, grow, grow), 3, 3)
        painter.restore()


@dataclass(frozen=True)
class ChartFrame:
    """A chart's frame: the plot with its legend under it, or the empty text instead."""

    empty: QLabel
    legend: QLabel
    page: QWidget
    stack: QStackedLayout


def chart_frame(
    owner: QWidget, plot: ChartCanvas, empty_text: str, legend_name: str, spacing: int
) -> ChartFrame:
    """Lay out `plot` in `owner`: a wrapping rich-text legend under it (long names wrap, never
    cut), on a stack whose first page is `empty_text` (shown while there is nothing to chart)."""
    empty = QLabel(empty_text, owner)
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    legend = QLabel(owner)
    legend.setWordWrap(True)
    legend.setTextFormat(Qt.TextFormat.RichText)
    legend.setAccessibleName(legend_name)
    page = QWidget(owner)
    box = QVBoxLayout(page)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(spacing)
    box.addWidget(plot, 1)
    box.addWidget(legend)
    stack = QStackedLayout(owner)
    stack.addWidget(empty)
    stack.addWidget(page)
    return ChartFrame(empty, legend, page, stack)
