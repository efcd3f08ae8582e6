"""Pick step 1's signals from the map: the harm and danger items and statements of the newest
mapping moment, each a check box (Space ticks, Enter confirms). Used to start a meldcode record
and to add signals to an open one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QWidget

from jeugdtool.dossier.dto import SignalChoice
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted


def choice_label(choice: SignalChoice) -> str:
    """ "Text" with where it comes from and whom it is about."""
    parts = [SignalSource(choice.source).label]
    if choice.about:
        parts.append(choice.about)
    return "{text}  ({where})".format(text=choice.text, where=", ".join(parts))


class SignalPicker(QDialog):
    """The choices as check boxes; `picked()` the ticked ones in the map's order."""

    def __init__(
        self,
        parent: QWidget | None,
        choices: Sequence[SignalChoice],
        *,
        title: str,
        ok_text: str,
        preselect: str | None = None,
        allow_none: bool = True,
    ):
        super().__init__(parent)
        self.setObjectName("SignalPicker")
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.choices = list(choices)
        self.allow_none = allow_none
        intro = muted(
            _(
                "Which signals from the map does this meldcode record start from? Tick them "
                "with Space. You can add your own observations in step 1 afterwards."
            ),
            self,
        )
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Signals from the map"))
        self.list.setWordWrap(True)
        for choice in self.choices:
            item = QListWidgetItem(choice_label(choice), self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            picked = preselect is not None and choice.lineage == preselect
            item.setCheckState(Qt.CheckState.Checked if picked else Qt.CheckState.Unchecked)
            if picked:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.empty = muted(
            _("The newest map has no harm or danger items or statements to pick."),
            self,
            italic=True,
        )
        self.empty.setVisible(not self.choices)
        self.list.setVisible(bool(self.choices))
        self.error = WrappingLabel("", self)
        style_text(self.error, Role.ERROR)
        self.error.hide()
        self.buttons = ok_cancel(self, ok_text)
        vbox(self, intro, self.list, self.empty, self.error, self.buttons, stretch=self.list)
        self.list.setFocus()

    def picked(self) -> list[SignalChoice]:
        return [
            choice
            for row, choice in enumerate(self.choices)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        if not self.allow_none and not self.picked():
            self.error.setText(_("Tick at least one signal with Space, or choose Cancel."))
            self.error.show()
            return
        super().accept()
