"""One statement on the statements page: a title, who/what/when, its sentence, the family's own
words and the special-category mark when it has them, gentle hints, and the buttons to change it,
make its sentence again or remove it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.statement_text import Hint
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.framework.statement_dialog import HintLabel
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted

#: A calm card: a light frame that reads as one thing on light and dark themes.
CARD_STYLE = (
    "QFrame#statementCard { border: 1px solid palette(mid); border-radius: 6px;"
    " background: palette(base); }"
)


def family_line(words: str) -> str:
    """ "Family: …" for a statement or agreement with the family's own words; "" otherwise."""
    words = " ".join(words.split())
    return _("Family: {words}").format(words=words) if words else ""


def mark_line(category: str) -> str:
    """ "Special category of personal data: Health" for a marked item; "" otherwise."""
    if not category:
        return ""
    label = SpecialCategory(category).label
    return _("Special category of personal data: {category}").format(category=label)


class StatementCard(QFrame):
    """Asks; the page decides. Each signal carries the StatementDTO."""

    edit_requested = Signal(object)
    regenerate_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(
        self,
        dto: StatementDTO,
        title: str,
        meta: str,
        hints: Sequence[Hint],
        editable: bool,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.dto = dto
        self.setObjectName("statementCard")
        self.setStyleSheet(CARD_STYLE)
        self.setAccessibleName(title)
        self.title = QLabel(title, self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.own = QLabel(_("own wording"), self)
        style_text(self.own, Role.MUTED, "font-style: italic;")
        self.own.setVisible(dto.text_edited)
        #: The mark for special categories of personal data, under the title (it wraps).
        self.mark = WrappingLabel(mark_line(dto.special_category), self)
        self.mark.setObjectName(f"mark-{dto.id}")
        self.mark.setToolTip(
            _("Left out of every PDF unless its selection includes special categories.")
        )
        style_text(self.mark, Role.WARNING)
        self.mark.setVisible(bool(dto.special_category))
        self.meta = muted(meta, self)
        self.meta.setVisible(bool(meta))
        empty = _("(nothing filled in yet)")
        self.sentence = WrappingLabel(dto.text or empty, self)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        #: The statement in the family's own words (for the family's version of the plan).
        self.family = WrappingLabel(family_line(dto.family_words), self)
        self.family.setObjectName(f"family-{dto.id}")
        self.family.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = QFont(self.family.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.family.setFont(small)
        style_text(self.family, Role.MUTED, "font-style: italic;")
        self.family.setVisible(bool(dto.family_words.strip()))
        self.hints = HintLabel(self)
        self.hints.show_hints(hints)
        self.edit_button = QPushButton(_("Change…"), self)
        self.edit_button.setObjectName(f"edit-{dto.id}")
        self.regenerate_button = QPushButton(_("Make sentence again"), self)
        self.regenerate_button.setObjectName(f"regenerate-{dto.id}")
        self.regenerate_button.setToolTip(
            _("Forget the own wording and make the sentence from the fields again")
        )
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setObjectName(f"remove-{dto.id}")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.dto))
        self.regenerate_button.clicked.connect(lambda: self.regenerate_requested.emit(self.dto))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.dto))
        self._layout()
        self.regenerate_button.setVisible(editable and dto.text_edited)
        for button in (self.edit_button, self.remove_button):
            button.setVisible(editable)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.own)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.edit_button, self.regenerate_button, self.remove_button):
            buttons.addWidget(button)
        parts = (top, self.mark, self.meta, self.sentence, self.family, self.hints, buttons)
        vbox(self, *parts, margins=(12, 10, 12, 8), spacing=6)
