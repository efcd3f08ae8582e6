"""What an empty database shows instead of an empty list: a greeting and the two ways to start."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import _


class WelcomePanel(QWidget):
    def __init__(self, new_case: QAction, load_demo: QAction, parent: QWidget | None = None):
        super().__init__(parent)
        card = QWidget(self)
        card.setFixedWidth(card.fontMetrics().horizontalAdvance("M") * 34)
        title = QLabel(_("Welcome to jeugdtool"), card)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            _(
                "There are no cases in this database yet. Start a new case for a household, "
                "or load a few fictional demo households to look around first."
            ),
            card,
        )
        text.setWordWrap(True)
        self.new_button = QPushButton(_("New case"), card)
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(new_case.trigger)
        self.demo_button = QPushButton(_("Load demo data"), card)
        self.demo_button.clicked.connect(load_demo.trigger)
        # A button is usable exactly when its menu action is (not for a read-only database).
        for button, action in ((self.new_button, new_case), (self.demo_button, load_demo)):
            button.setEnabled(action.isEnabled())
            action.enabledChanged.connect(button.setEnabled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(card)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(12)
        inner.addLayout(buttons)
        outer = QGridLayout(self)
        outer.addWidget(card, 1, 1)
        outer.setRowStretch(0, 1)
        outer.setRowStretch(2, 2)
        outer.setColumnStretch(0, 1)
        outer.setColumnStretch(2, 1)
        self.setFocusProxy(self.new_button)
