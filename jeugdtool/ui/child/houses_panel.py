"""The Three Houses of one child: the earlier talks on the left (newest first), the chosen talk
on the right — its date and who talked with the child, the three houses side by side with the
child's words, and the drawing.

Every change is saved at once and undoable: the words after a pause in typing and when a field
is left (one visit is one undo step), the date and the name when changed, the drawing when
added or removed. A refused value shows its message under its field and stays as typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import child_voice
from jeugdtool.framework.child_voice_dto import ThreeHousesDTO
from jeugdtool.i18n import _

from jeugdtool.ui.child.commands import AddThreeHousesCommand
from jeugdtool.ui.child.commands import RemoveThreeHousesCommand
from jeugdtool.ui.child.commands import SetDrawingCommand
from jeugdtool.ui.child.houses import HOUSES
from jeugdtool.ui.child.houses import HouseColumn
from jeugdtool.ui.child.panel import ChildVoicePanel
from jeugdtool.ui.child.panel import PictureSlot
from jeugdtool.ui.child.panel import choice_list
from jeugdtool.ui.child.panel import fill_list
from jeugdtool.ui.child.panel import hint_label
from jeugdtool.ui.child.panel import key_action
from jeugdtool.ui.child.pictures import PicturePreview
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings.fields import SavingLine
from jeugdtool.ui.meetings.fields import TextBinding
from jeugdtool.ui.workspace.inline import ErrorLabel


def record_label(record: ThreeHousesDTO) -> str:
    """A talk in the list: its date and who talked with the child."""
    return _("{date} · with {name}").format(
        date=format_date_nl(record.held_on), name=record.talked_with or "–"
    )


class ThreeHousesPanel(ChildVoicePanel):
    """`set_child(case_id, child_id, records, editable)` shows one child's talks; the panel
    keeps the chosen one across reloads."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.records: list[ThreeHousesDTO] = []
        self.current: ThreeHousesDTO | None = None
        self._build()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.list_label, self.list = choice_list(
            _("Earlier ta&lks"), _("Talks about the three houses"), self
        )
        self.list.setMaximumWidth(230)
        self.add_button = QPushButton(_("&New talk"), self)
        self.add_button.setToolTip(_("A new talk about the three houses (key: Ins)"))
        self.remove_button = QPushButton(_("Remove the talk"), self)
        self.remove_button.setToolTip(_("Remove the chosen talk (key: Del)"))
        self.empty = hint_label(self)
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.list_label)
        left.addWidget(self.list, 1)
        left.addWidget(self.add_button)
        left.addWidget(self.remove_button)
        self.held_on = QDateEdit(self)
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("dd-MM-yyyy")
        self.held_on.setMaximumWidth(160)
        self.held_on_error = ErrorLabel(self)
        self.talked_with = SavingLine(self)
        self.talked_with.setAccessibleName(_("Talked with the child"))
        self.talked_with_error = ErrorLabel(self)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        date_box = QVBoxLayout()
        date_box.addWidget(self.held_on)
        date_box.addWidget(self.held_on_error)
        name_box = QVBoxLayout()
        name_box.addWidget(self.talked_with)
        name_box.addWidget(self.talked_with_error)
        date_label = QLabel(_("D&ate"), self)
        date_label.setBuddy(self.held_on)
        name_label = QLabel(_("Tal&ked with the child"), self)
        name_label.setBuddy(self.talked_with)
        form.addRow(date_label, date_box)
        form.addRow(name_label, name_box)
        self.columns = [HouseColumn(house, self) for house in HOUSES]
        houses = QHBoxLayout()
        houses.setSpacing(10)
        for column in self.columns:
            houses.addWidget(column, 1)
        self.drawing = PicturePreview(_("No drawing added"), self, height=150)
        self.drawing.setMaximumWidth(320)
        self.add_drawing = QPushButton(_("Add drawin&g…"), self)
        self.add_drawing.setToolTip(_("A photo or scan of the child's drawing (PNG or JPEG)"))
        self.remove_drawing = QPushButton(_("Remove the drawing"), self)
        self.drawing_error = ErrorLabel(self)
        self.drawing_slot = PictureSlot(
            self.drawing,
            self.add_drawing,
            self.remove_drawing,
            self.drawing_error,
            SetDrawingCommand,
            _("Add drawin&g…"),
            _("Replace drawin&g…"),
            _("Add the child's drawing"),
        )
        drawing_buttons = QVBoxLayout()
        drawing_buttons.addWidget(QLabel(_("The child's drawing"), self))
        drawing_buttons.addWidget(self.add_drawing)
        drawing_buttons.addWidget(self.remove_drawing)
        drawing_buttons.addWidget(self.drawing_error)
        drawing_buttons.addStretch(1)
        drawing_row = QHBoxLayout()
        drawing_row.addWidget(self.drawing, 1)
        drawing_row.addLayout(drawing_buttons, 1)
        self.detail = QWidget(self)
        right = QVBoxLayout(self.detail)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(8)
        right.addLayout(form)
        right.addLayout(houses, 1)
        right.addLayout(drawing_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(left)
        content = QVBoxLayout()
        content.addWidget(self.empty)
        content.addWidget(self.detail, 1)
        layout.addLayout(content, 1)
        self.bindings: dict[str, TextBinding] = {
            "talked_with": TextBinding(
                self.talked_with, self.talked_with_error, self._saver("talked_with")
            )
        }
        for column in self.columns:
            field = column.house.field
            self.bindings[field] = TextBinding(column.words, column.error, self._saver(field))
        self.list.currentRowChanged.connect(self._chosen)
        self.add_button.clicked.connect(self.add_record)
        self.remove_button.clicked.connect(self.remove_record)
        self.add_drawing.clicked.connect(self.choose_drawing)
        self.remove_drawing.clicked.connect(self.clear_drawing)
        self.held_on.editingFinished.connect(self._date_changed)
        key_action(self.list, "Ins", self.add_record)
        key_action(self.list, "Del", self.remove_record)
        self.setTabOrder(self.list, self.add_button)
        self.setTabOrder(self.add_button, self.remove_button)
        self.setTabOrder(self.remove_button, self.held_on)
        self.setTabOrder(self.held_on, self.talked_with)
        previous: QWidget = self.talked_with
        for column in self.columns:
            self.setTabOrder(previous, column.words)
            previous = column.words
        self.setTabOrder(previous, self.add_drawing)
        self.setTabOrder(self.add_drawing, self.remove_drawing)

    # ---- showing ---------------------------------------------------------------------------

    def set_child(
        self,
        case_id: int,
        child_id: int | None,
        records: list[ThreeHousesDTO],
        editable: bool,
    ) -> None:
        """Show `records` (this child's talks, newest first); keep the chosen talk if it is
        still there."""
        keep = self.current.id if self.current is not None and child_id == self.child_id else None
        self.case_id, self.child_id, self.editable = case_id, child_id, editable
        self.records = list(records)
        self._filling = True
        try:
            row = fill_list(self.list, [(r.id, record_label(r)) for r in self.records], keep)
        finally:
            self._filling = False
        self._show(self.records[row] if row >= 0 else None)

    def _chosen(self, row: int) -> None:
        if not self._filling:
            self._show(self.records[row] if 0 <= row < len(self.records) else None)

    def _show(self, record: ThreeHousesDTO | None) -> None:
        same = record is not None and self.current is not None and record.id == self.current.id
        self.current = record
        has_child = self.child_id is not None
        self.add_button.setEnabled(self.editable and has_child)
        self.remove_button.setEnabled(self.editable and record is not None)
        self.detail.setVisible(record is not None)
        self.empty.setVisible(record is None)
        if record is None:
            self.empty.setText(self._empty_text())
            return
        self._filling = True
        try:
            self.held_on.setDate(QDate(record.held_on))
        finally:
            self._filling = False
        self.held_on.setReadOnly(not self.editable)
        for field, binding in self.bindings.items():
            binding.widget.setReadOnly(not self.editable)
            binding.show(getattr(record, field), same_row=same)
        self._show_picture(self.drawing_slot, record)

    def _empty_text(self) -> str:
        return self._nothing_text(
            _(
                "No talk about the three houses with this child yet. Start one with "
                "\u201cNew talk\u201d (Ins)."
            ),
            _("No talk about the three houses with this child."),
        )

    # ---- changing ------------------------------------------------------------------------

    def _saver(self, field: str) -> Callable[[str, int], None]:
        def save(text: str, visit: int) -> None:
            record = self.current
            if record is None or not self.editable:
                return
            command = self._edit(child_voice.update_three_houses, record, field, text, visit)
            self._execute(command, self.bindings[field].widget)

        return save

    def _date_changed(self) -> None:
        record = self.current
        if self._filling or record is None or not self.editable:
            return
        new = self.held_on.date().toPython()
        if not isinstance(new, dt.date) or new == record.held_on:
            return
        command = self._edit(child_voice.update_three_houses, record, "held_on", new)
        self._execute_into(command, self.held_on, self.held_on_error)

    def add_record(self) -> ThreeHousesDTO | None:
        """A new talk with the child, today, with the one who is logged in."""
        if not self.editable or self.child_id is None:
            return None
        fields = {
            "child_id": self.child_id,
            "held_on": dt.date.today(),
            "talked_with": self.ctx.uow.author,
            "worries": "",
            "good_things": "",
            "dreams": "",
        }
        command = AddThreeHousesCommand(self.ctx, self.case_id, fields)
        if not self._run(command) or command.dto is None:
            return None
        self.current = command.dto
        self.columns[0].words.setFocus()
        return command.dto

    def remove_record(self) -> bool:
        record = self.current
        if not self.editable or record is None:
            return False
        question = _(
            "Remove the talk of {date}, with the child's words and drawing?\nYou can bring it "
            "back with Undo (Ctrl+Z)."
        ).format(date=format_date_nl(record.held_on))
        command = RemoveThreeHousesCommand(self.ctx, record)
        return self._run_confirmed(question, _("Remove talk"), command, self.list)

    def choose_drawing(self) -> bool:
        return self._choose_picture(self.drawing_slot, self.current)

    def set_drawing(self, data: bytes) -> bool:
        """Store `data` as the chosen talk's drawing (see `_store_picture`)."""
        return self._store_picture(self.drawing_slot, self.current, data)

    def clear_drawing(self) -> bool:
        return self._clear_picture(self.drawing_slot, self.current)
