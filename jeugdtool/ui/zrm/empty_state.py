"""What the editor shows instead of a matrix: who can be assessed, and how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import PersonDTO
from jeugdtool.i18n import _

from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.zrm.data import ZrmData


class EmptyState(QWidget):
    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = heading("", self, 1.25)
        self.text = WrappingLabel("", self)
        self.button = QPushButton(_("Start the &first assessment…"), self)
        self.button.clicked.connect(self.start_requested.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_for(self, data: ZrmData, person: PersonDTO | None) -> None:
        """`person` has no assessment yet; None: nobody in the household can be assessed."""
        if person is not None:
            self.title.setText(_("No assessment of {name} yet").format(name=person.full_name))
            if data.open:
                text = _("Start the first assessment: it starts empty.")
            else:
                text = data.locked_note or _(
                    "This case is closed; reopen it to start an assessment."
                )
        elif data.hidden_young and not data.allow_youth:
            self.title.setText(_("No adults in this household"))
            text = _(
                "The ZRM is filled in for the adults of a household. Add the parents or other "
                "adults as household members first (Overview, Ctrl+1). If your organisation uses "
                "the ZRM for young people too, switch on 'Use the ZRM for young people too' in "
                "the settings."
            )
        else:
            self.title.setText(_("Nobody to assess yet"))
            text = _("Add household members first (Overview, Ctrl+1); then assess them here.")
        self.text.setText(text)
        self.button.setVisible(person is not None)
        self.button.setEnabled(person is not None and data.open)
