"""The bar above the map: which mapping moment is shown, start, correct or compare moments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.dto import CaseDetail
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.framework.dto import MomentSummary
from jeugdtool.framework.relations import member_relation
from jeugdtool.framework.relations import named
from jeugdtool.framework.relations import person_relation
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.framework import checklist
from jeugdtool.ui.widgets import add_form_row
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error
from jeugdtool.ui.widgets import show_problems
from jeugdtool.ui.widgets import submitted
from jeugdtool.ui.widgets import vbox
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel

BANNER_STYLE = (
    "background: #fff3e0; color: #5d3a00; border: 1px solid #e0a04c; border-radius: 4px;"
    " padding: 6px 10px;"
)


def guided_tip() -> str:
    return _("Fill the map cell by cell, with the questions")


def closed_note() -> str:
    """Why the map of a closed or archived case cannot change (banner and tooltips)."""
    return _("This case is closed; reopen it to change the map.")


def change_tip(shown: MomentSummary | None) -> str:
    """What "Change moment…" does, or why it cannot (the case's own reason comes first)."""
    if shown is None:
        return _("There is no mapping moment to change yet.")
    if not shown.editable:
        return _("Only the newest moment can be corrected; earlier moments stay as they were.")
    return _("Correct the date or who was present at this moment")


def moment_label(moment: MomentSummary) -> str:
    items = ngettext("{n} item", "{n} items", moment.item_count).format(n=moment.item_count)
    text = f"{format_date_nl(moment.held_on)} — {moment.author} ({items})"
    return text + (" · " + _("current") if moment.editable else "")


class MomentBar(QWidget):
    #: Payload: the id of the moment the user chose to look at.
    moment_chosen = Signal(int)
    new_requested = Signal()
    #: The user asked to correct the date or who was present of the shown (newest) moment.
    change_requested = Signal()
    compare_requested = Signal()
    guided_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(_("Mapping moment"))
        self.combo.setMinimumContentsLength(28)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label = QLabel(_("&Moment:"), self)
        label.setBuddy(self.combo)
        self.new_button = QPushButton(_("&New moment…"), self)
        self.change_button = QPushButton(_("Ch&ange moment…"), self)
        self.compare_button = QPushButton(_("Com&pare…"), self)
        self.guided_button = QPushButton(_("&Guided mode"), self)
        self.guided_button.setToolTip(guided_tip())
        self.banner = WrappingLabel("", self)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.empty_hint = WrappingLabel(
            _("No mapping moment yet. Start the first one with “New moment…”."), self
        )
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.combo)
        row.addWidget(self.new_button)
        row.addWidget(self.change_button)
        row.addWidget(self.compare_button)
        row.addStretch(1)
        row.addWidget(self.guided_button)
        vbox(self, row, self.banner, self.empty_hint)
        self.combo.activated.connect(lambda row: self.moment_chosen.emit(self.combo.itemData(row)))
        self.new_button.clicked.connect(self.new_requested.emit)
        self.change_button.clicked.connect(self.change_requested.emit)
        self.compare_button.clicked.connect(self.compare_requested.emit)
        self.guided_button.clicked.connect(self.guided_requested.emit)

    def set_moments(
        self,
        moments: Sequence[MomentSummary],
        shown: MomentSummary | None,
        closed: bool = False,
        note: str | None = None,
    ) -> None:
        """Newest first in the list; `shown` selected; the banner when it is a past moment or
        the case is `closed` (closed or archived, or the database may only be read: nothing to
        start or change, compare only; `note` says why, the closed case's words by default)."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for moment in reversed(moments):
            self.combo.addItem(moment_label(moment), moment.id)
        if shown is not None:
            self.combo.setCurrentIndex(self.combo.findData(shown.id))
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(moments))
        self.compare_button.setEnabled(len(moments) >= 2)
        locked = (note or closed_note()) if closed else ""
        self.new_button.setEnabled(not closed)
        self.new_button.setToolTip(locked)
        self.change_button.setEnabled(not closed and shown is not None and shown.editable)
        self.change_button.setToolTip(locked or change_tip(shown))
        self.guided_button.setEnabled(not closed and shown is not None and shown.editable)
        self.guided_button.setToolTip(locked or guided_tip())
        self.empty_hint.setVisible(not moments and not closed)
        past = shown is not None and not shown.editable
        self.banner.setVisible(past or closed)
        if closed:
            self.banner.setText(locked)
        elif past:
            self.banner.setText(
                _(
                    "This is the moment of {date}; earlier moments stay as they were. "
                    "Choose the current moment, or start a new one, to change the map."
                ).format(date=format_date_nl(shown.held_on))
            )


# ---- starting or correcting a moment ----------------------------------------------------

#: Saves the moment from the dialog's values; raises JeugdtoolError to keep it open.
MomentSubmit = Callable[["MomentDialog", dict[str, Any]], None]


class MomentDialog(QDialog):
    """The date (dd-mm-jjjj) and who was present (members and network ticked, others typed),
    with a problem of the date under it: the form of starting a moment and of correcting one."""

    def __init__(
        self,
        parent: QWidget | None,
        detail: CaseDetail | None,
        submit: MomentSubmit,
        *,
        title: str,
        note: str,
        held_on: dt.date,
        present: Sequence[str] = (),
    ):
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.date = QLineEdit(format_date_nl(held_on), self)
        self.date.setPlaceholderText(_("dd-mm-jjjj"))
        self.date_error = error_label(self)
        options = present_names(detail)
        self.present = QListWidget(self)
        self.present.setAccessibleName(_("Who was present"))
        checklist.fill(self.present, [(name, name) for name in options], present)
        self.others = QLineEdit(", ".join(n for n in present if n not in options), self)
        self.others.setPlaceholderText(_("Others, separated by commas"))
        self.error = ErrorLabel(self)
        form = QFormLayout()
        add_form_row(form, self, _("&Date"), self.date, self.date_error)
        form.addRow(_("&Present"), self.present)
        form.addRow(_("&Also present"), self.others)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(WrappingLabel(note, self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.present.setMaximumHeight(max(60, min(220, 26 * self.present.count() + 8)))

    def values(self) -> dict[str, Any]:
        names = [*checklist.ticked(self.present)]
        names += [n.strip() for n in self.others.text().split(",") if n.strip()]
        return {"held_on": self.date.text().strip(), "present": names}

    def accept(self) -> None:
        self.error.show_message(None)
        if submitted(lambda: self._submit(self, self.values()), self._problems, self._failed):
            super().accept()

    def _problems(self, exc: InvalidInput) -> None:
        show_problems({"held_on": self.date_error, "": self.error}, exc)
        if self.date_error.isVisible():
            self.date.setFocus()

    def _failed(self, message: str) -> None:
        show_error(self.date_error, [])
        self.error.show_message(message)


class NewMomentDialog(MomentDialog):
    """Start a moment: today by default, nobody ticked yet."""

    def __init__(
        self,
        parent: QWidget | None,
        detail: CaseDetail | None,
        submit: MomentSubmit,
        copies: bool,
    ):
        note = (
            _("The new moment starts as a copy of the latest map; the latest stays as it was.")
            if copies
            else _("This is the first mapping moment of this case; it starts empty.")
        )
        super().__init__(
            parent,
            detail,
            submit,
            title=_("New mapping moment"),
            note=note,
            held_on=dt.date.today(),
        )


class ChangeMomentDialog(MomentDialog):
    """Correct the date or who was present of the newest moment, as it is now."""

    def __init__(
        self,
        parent: QWidget | None,
        detail: CaseDetail | None,
        submit: MomentSubmit,
        moment: MomentSummary,
    ):
        super().__init__(
            parent,
            detail,
            submit,
            title=_("Change mapping moment"),
            note=_("Correct the date or who was present; the map itself stays as it is."),
            held_on=moment.held_on,
            present=moment.present,
        )
        self.moment = moment


def present_names(detail: CaseDetail | None) -> list[str]:
    """Who can have been present: the household's members and the network, with their role."""
    if detail is None:
        return []
    names = [named(p.full_name, person_relation(p)) for p in detail.persons]
    names += [named(m.name, member_relation(m)) for m in detail.network]
    return names


class ComparePicker(QDialog):
    """Choose the two moments to compare: the one before the current and the current."""

    def __init__(self, parent: QWidget | None, moments: Sequence[MomentSummary]):
        super().__init__(parent)
        self.setWindowTitle(_("Compare mapping moments"))
        self.older = QComboBox(self)
        self.newer = QComboBox(self)
        for box in (self.older, self.newer):
            for moment in moments:
                box.addItem(moment_label(moment), moment.id)
        self.older.setCurrentIndex(max(0, len(moments) - 2))
        self.newer.setCurrentIndex(len(moments) - 1)
        form = QFormLayout(self)
        form.addRow(_("&From"), self.older)
        form.addRow(_("&To"), self.newer)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[int, int]:
        """(older, newer), in time order whichever way round they were picked."""
        a, b = self.older.currentIndex(), self.newer.currentIndex()
        first, second = sorted((a, b))
        return self.older.itemData(first), self.older.itemData(second)
