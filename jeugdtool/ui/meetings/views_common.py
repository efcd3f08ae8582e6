"""Shared pieces of the big-screen views: large high-contrast type sized from the screen, and a
view that shrinks its type (down to a floor) until every text fits, scrolling only beyond that."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLayout
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.names import NameMask

from jeugdtool.ui.case_wording import follow
from jeugdtool.ui.meetings.views_data import CaseData

#: Body text in pixels is the window's height divided by this (1080 px: 40 px, 30 pt at 96 dpi;
#: 768 px: 28 px) ...
LINES_PER_HEIGHT = 27
#: ... or its width divided by this when the window is narrow for its height (1024×768: 21 px).
EMS_PER_WIDTH = 48
#: Never smaller than this (pixels), however small the window.
MIN_BASE_PX = 14
#: A view shrinks its type to fit, down to this share of the screen's body text ...
MIN_RATIO = 0.7
#: ... and a short one (the ZRM picture) grows it up to this share: no empty lower half.
MAX_RATIO = 1.25
#: The sizes a view tries are this far apart.
STEP = 0.94
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
    # Not Maximum: that caps the height at the hint for a wide label, cutting a narrow one.
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


def base_point_size(width: int, height: int, dpi: float) -> float:
    """The body text's point size for a window of width × height pixels: read from across a
    room on a projector, and the same share of the screen on a laptop and a 4K screen."""
    pixels = max(MIN_BASE_PX, min(height / LINES_PER_HEIGHT, width / EMS_PER_WIDTH))
    return pixels * 72.0 / max(dpi, 1.0)


def clipped_labels(root: QWidget) -> list[QWidget]:
    """Shown labels (and text fields) under `root` whose geometry gives their text less room
    than it needs."""
    found: list[QWidget] = []
    for field in root.findChildren(QPlainTextEdit):
        if field.isVisibleTo(root) and field.verticalScrollBar().maximum() > 0:
            found.append(field)
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text():
            continue
        if label.wordWrap():
            short = label.heightForWidth(label.width()) > label.height() + 1
            narrow = label.minimumSizeHint().width() > label.width() + 1  # one long word
        else:
            hint = label.sizeHint()
            short = hint.height() > label.height() + 1
            narrow = hint.width() > label.width() + 1
        if short or narrow:
            found.append(label)
    return found


def overflowing(root: QWidget) -> list[QWidget]:
    """Shown widgets under `root` that reach below its bottom (a fixed-height table that the
    layout could not fit)."""
    bottom = root.height()
    return [
        widget
        for widget in root.findChildren(QWidget)
        if widget.isVisibleTo(root) and widget.mapTo(root, QPoint(0, widget.height())).y() > bottom
    ]


def laid_out(layout: QLayout) -> list[QWidget]:
    """The widgets a layout places, also those of its nested layouts."""
    found = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is not None:
            found.append(item.widget())
        elif item.layout() is not None:
            found += laid_out(item.layout())
    return found


def overlapping(root: QWidget) -> list[QWidget]:
    """Shown widgets that a layout had to place over a neighbour (it had less room than their
    fixed or minimum heights need)."""
    found = []
    for parent in [root, *root.findChildren(QWidget)]:
        if parent.layout() is None or not (parent is root or parent.isVisibleTo(root)):
            continue
        placed = [w for w in laid_out(parent.layout()) if w.isVisibleTo(root)]
        for number, widget in enumerate(placed):
            box = widget.geometry().adjusted(0, 0, -1, -1)
            if any(box.intersects(other.geometry()) for other in placed[number + 1 :]):
                found.append(widget)
    return found


def show_pending(root: QWidget) -> None:
    """Show the widgets a layout will show from the event loop, so that geometry can be
    measured now (a widget hidden on purpose stays hidden)."""
    attribute = Qt.WidgetAttribute
    for widget in root.findChildren(QWidget):
        explicit = widget.testAttribute(attribute.WA_WState_ExplicitShowHide)
        if widget.isHidden() and not explicit:
            widget.show()


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
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll, 1)
        #: The screen's body text size (points) at the last fit; the views' text is relative to it.
        self.base_pt: float = base_point_size(1920, 1080, 96)
        #: The point size the body got at the last fit (relative to `base_pt`: see MAX_RATIO).
        self.point_size: float = self.base_pt

    def show_title(self, heading: str) -> None:
        """The case's `heading` and this view's name above the view (its title line)."""
        self.title.setText(heading + " \u2014 " + _(self.name))

    def show_case(self, data: CaseData, item: ItemDTO, mask: NameMask, heading: str) -> None:
        self.show_title(heading)
        clear(self.body_layout)
        self.fill(data, item, mask)
        # A wellbeing case on the big screen in its words ("welzijnsdoelen"), before the fit.
        follow(self, data.case.household.mode)
        self.fit()

    def fill(self, data: CaseData, item: ItemDTO, mask: NameMask) -> None:
        raise NotImplementedError

    def add(self, widget: QWidget, stretch: int = 0) -> QWidget:
        self.body_layout.addWidget(widget, stretch)
        return widget

    def only_note(self, text: str) -> None:
        """The body is just `text`, at the top: why there is nothing to show yet."""
        self.add(note_label(text))
        self.body_layout.addStretch(1)

    # ---- fitting the screen ------------------------------------------------------------------

    def screen_base(self) -> float:
        """The body text size for the window this view is in."""
        top = self.window()
        return base_point_size(top.width(), top.height(), self.logicalDpiY())

    def fit(self) -> None:
        """The largest type (MAX_RATIO of the screen's size down to MIN_RATIO of it) at which
        every text of the body fits without scrolling; below the floor the body grows and
        Space scrolls it."""
        self.base_pt = base = self.screen_base()
        self._set_margins(base)
        apply_size(self, base)
        self.layout().activate()
        viewport = self.scroll.viewport()
        width, room = viewport.width(), viewport.height()
        if width < 200 or room < 100:  # not laid out yet: fitted again on resize
            return
        self.before_fit(room)
        show_pending(self.body)
        self.point_size = self._largest_fitting(base, width, room)
        height = room
        if self._place(width, height):  # even the floor does not fit: grow, and scroll
            width -= self.scroll.verticalScrollBar().sizeHint().width()
            while self._place(width, height) and height < room * 20:
                height = int(height * 1.2)
        self.scroll.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            if height > room
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.body.setFixedHeight(height)

    def _largest_fitting(self, base: float, width: int, room: int) -> float:
        """The largest of the sizes from MAX_RATIO down to MIN_RATIO (6% apart) that fits,
        found by halving (a long map is laid out five times, not fifteen); the floor when none
        does. The body is left laid out at the size returned."""
        sizes = [base * MAX_RATIO]
        while sizes[-1] * STEP > base * MIN_RATIO:
            sizes.append(sizes[-1] * STEP)
        sizes.append(base * MIN_RATIO)
        if self._fits(sizes[0], width, room):
            return sizes[0]
        if not self._fits(sizes[-1], width, room):
            return sizes[-1]
        failing, fitting = 0, len(sizes) - 1
        while fitting - failing > 1:
            middle = (failing + fitting) // 2
            if self._fits(sizes[middle], width, room):
                fitting = middle
            else:
                failing = middle
        self._fits(sizes[fitting], width, room)
        return sizes[fitting]

    def before_fit(self, room: int) -> None:
        """Sizes that follow the room the body has (a chart's height): set before measuring."""

    def _set_margins(self, base: float) -> None:
        # Margins grow with the type: a thin white edge on a 4K screen looks cramped.
        unit = int(base * self.logicalDpiY() / 72.0)
        self.layout().setContentsMargins(unit * 3 // 2, unit, unit * 3 // 2, unit // 3)
        self.layout().setSpacing(unit // 2)
        self.body_layout.setSpacing(unit // 2)

    def _fits(self, size: float, width: int, room: int) -> bool:
        apply_size(self.body, size)
        self.after_size()
        return not self._place(width, room)

    def after_size(self) -> None:
        """Sizes that follow the type (a table's rows): set after each change of type."""

    def _place(self, width: int, height: int) -> list[QWidget]:
        """Lay the body out at width × height now; the widgets that do not fit there."""
        # A holder's size is cached by its parent's layout until the event loop runs: forget
        # every cached size first, or a size tried earlier decides this one.
        widgets = self.body.findChildren(QWidget)
        for widget in reversed(widgets):
            widget.updateGeometry()
        layouts = [self.body.layout(), *self.body.findChildren(QLayout)]
        for layout in layouts:
            layout.invalidate()
        self.body.setFixedHeight(height)
        self.body.resize(width, height)
        for layout in layouts:
            layout.activate()
        return clipped_labels(self.body) + overflowing(self.body) + overlapping(self.body)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def scroll_by_page(self, pages: int) -> None:
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.value() + pages * bar.pageStep())
