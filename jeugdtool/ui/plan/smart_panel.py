"""The SMART check shown live: per letter a green or red badge, its name and the hints."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.framework.smart import LETTERS
from jeugdtool.framework.smart import SmartResult
from jeugdtool.framework.smart import letter_name
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.workspace.inline import WrappingLabel

BADGE_SIZE = 24
#: A badge's fill: fixed, because its white letter is on it, not on the palette (5.1:1 and 5.6:1).
BADGE_FILL = {True: "#2e7d32", False: "#c62828"}


def badge_style(ok: bool) -> str:
    return (
        f"background: {BADGE_FILL[ok]}; color: white; font-weight: bold; border-radius: 4px;"
        " qproperty-alignment: AlignCenter;"
    )


class SmartPanel(QWidget):
    """Five rows S M A R T; `hints[letter]` holds the text shown beside a letter."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(2, 1)
        self.badges: dict[str, QLabel] = {}
        self.hints: dict[str, WrappingLabel] = {}
        for row, letter in enumerate(LETTERS):
            badge = QLabel(letter, self)
            badge.setFixedSize(BADGE_SIZE, BADGE_SIZE)
            name = QLabel(letter_name(letter), self)
            hint = WrappingLabel("", self)
            hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.badges[letter], self.hints[letter] = badge, hint
            grid.addWidget(badge, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(name, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(hint, row, 2)

    def show_result(self, result: SmartResult) -> None:
        for check in result.letters:
            badge, hint = self.badges[check.letter], self.hints[check.letter]
            badge.setStyleSheet(badge_style(check.ok))
            state = _("in order") if check.ok else _("not in order")
            badge.setAccessibleName(f"{letter_name(check.letter)}: {state}")
            badge.setToolTip(badge.accessibleName())
            if check.ok:
                hint.setText(_("In order."))
                style_text(hint, Role.MUTED)
            else:
                hint.setText("\n".join(h.message for h in check.hints))
                style_text(hint, None)

    def failing(self) -> tuple[str, ...]:
        """The letters shown as not in order (for tests and screen readers)."""
        return tuple(
            letter
            for letter, badge in self.badges.items()
            if BADGE_FILL[False] in badge.styleSheet()
        )
