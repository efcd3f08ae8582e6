"""The Three Houses on screen: a simple house drawn in each house's colour, and a column per
house — the house, its name, the question, and the child's words in large plain type exactly as
typed. The colours are the PDF's (export/pdf/child_voice.HOUSE_COLOURS: the same seeds)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtCore import QRectF
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPen
from PySide6.QtGui import QPixmap
from PySide6.QtGui import QPolygonF
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.colours import SEEDS
from jeugdtool.colours import Role
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.zrm.domain_form import NoteEdit

#: The child's words on screen: this much larger than the window's text.
WORDS_SCALE = 1.35


@dataclass(frozen=True)
class House:
    #: The record's field with the child's words.
    field: str
    #: The house's name, with the letter that jumps into its words.
    title: str
    #: What the consultant asks the child.
    question: str
    colour: str


HOUSES = (
    House(
        "worries",
        N_("House of wo&rries"),
        N_("What worries you? What is not going well?"),
        SEEDS[Role.ERROR],
    ),
    House(
        "good_things",
        N_("House of good thing&s"),
        N_("What is going well? What do you like?"),
        SEEDS[Role.OK],
    ),
    House(
        "dreams",
        N_("House of drea&ms"),
        N_("What do you wish for? What would make it better?"),
        SEEDS[Role.ACCENT],
    ),
)


def house_icon(colour: str, size: int = 40) -> QPixmap:
    """A house: walls, a filled roof and a door, in `colour`, on a transparent ground."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor(colour)
    pen = QPen(ink, max(1.5, size / 18))
    painter.setPen(pen)
    s = float(size)
    wall_top = s * 0.45
    painter.setBrush(QColor("#ffffff"))
    painter.drawRect(QRectF(s * 0.14, wall_top, s * 0.72, s * 0.5))
    painter.setBrush(ink)
    roof = [QPointF(s * 0.04, wall_top), QPointF(s / 2, s * 0.06), QPointF(s * 0.96, wall_top)]
    painter.drawPolygon(QPolygonF(roof))
    painter.drawRect(QRectF(s * 0.42, s * 0.68, s * 0.16, s * 0.27))
    painter.end()
    return pixmap


def words_font(base: QFont) -> QFont:
    """The child's words: larger than the window's text, plain (not bold, not italic)."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * WORDS_SCALE)
    return font


class HouseColumn(QFrame):
    """One house: its picture, name and question above the child's words (`words`, saved by
    the panel that owns it; a refused text shows its message in `error` and stays)."""

    def __init__(self, house: House, parent: QWidget | None = None):
        super().__init__(parent)
        self.house = house
        self.setObjectName(f"house_{house.field}")
        self.setStyleSheet(
            f"#house_{house.field} {{ border: 2px solid {house.colour}; border-radius: 6px; }}"
        )
        icon = QLabel(self)
        icon.setPixmap(house_icon(house.colour))
        icon.setAccessibleName(_("House"))
        self.title = QLabel(_(house.title), self)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.title.setStyleSheet(f"color: {house.colour};")
        self.question = WrappingLabel(_(house.question), self)
        self.words = NoteEdit(self)
        self.words.setFont(words_font(self.words.font()))
        # Room for what a child says in a talk; a longer text scrolls in its house.
        self.words.min_lines, self.words.max_lines = 6, 14
        self.words.setPlainText("")  # takes the height of those lines
        self.words.setAccessibleName(_(house.title).replace("&", ""))
        self.words.setPlaceholderText(_("The child's own words, exactly as said"))
        self.title.setBuddy(self.words)
        self.error = ErrorLabel(self)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.title, 1, Qt.AlignmentFlag.AlignVCenter)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 10)
        column.setSpacing(6)
        column.addLayout(top)
        column.addWidget(self.question)
        column.addWidget(self.words)
        column.addWidget(self.error)
        column.addStretch(1)
