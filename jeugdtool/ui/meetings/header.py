"""The meeting itself: date, title, chair, 'hide names' and a note; each change saved at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import consultants
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import MeetingDetail

from jeugdtool.ui.commands import attempt
from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.meetings.fields import Save
from jeugdtool.ui.meetings.fields import SavingLine
from jeugdtool.ui.meetings.fields import TextBinding
from jeugdtool.ui.meetings.fields import note_edit
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import WrappingLabel

HIDE_NAMES_NOTE = N_(
    "Names are hidden: the presentation and the minutes show initials and roles instead of "
    "names. This screen is the chair's own and still shows them."
)


class MeetingHeader(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail: MeetingDetail | None = None
        self.held_on = SavingLine(self)
        self.held_on.setPlaceholderText(_("dd-mm-jjjj"))
        self.held_on.setMaximumWidth(130)
        self.title = SavingLine(self)
        self.title.setPlaceholderText(_("e.g. Reflective practice team North"))
        self.chair = SavingLine(self)
        self.chair.setPlaceholderText(_("Who leads the meeting"))
        names = [c.name for c in consultants.list_consultants(ctx.uow)]
        completer = QCompleter(names, self.chair)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.chair.setCompleter(completer)
        self.hide_names = QCheckBox(_("&Hide names in the presentation and the minutes"), self)
        self.hide_note = WrappingLabel(_(HIDE_NAMES_NOTE), self)
        self.hide_note.setStyleSheet(
            "color: #7a4d00; background: #fff4d6; border: 1px solid #e0b44c;"
            " border-radius: 4px; padding: 4px 8px;"
        )
        self.note = note_edit(self, 2)
        self.note.setPlaceholderText(_("Anything about the meeting as a whole"))
        self.bindings: dict[str, TextBinding] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, caption, widget in (
            ("held_on", _("&Date"), self.held_on),
            ("title", _("&Title"), self.title),
            ("chair", _("&Chair"), self.chair),
            ("note", _("N&ote"), self.note),
        ):
            error = ErrorLabel(self)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(caption, box)
            self.bindings[field] = TextBinding(widget, error, self._saver(field, widget))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.hide_names)
        layout.addWidget(self.hide_note)
        self._set_buddies(form)
        self.hide_names.toggled.connect(self._hide_toggled)

    def _set_buddies(self, form: QFormLayout) -> None:
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and field is not None and field.layout() is not None:
                label.widget().setBuddy(field.layout().itemAt(0).widget())

    def _saver(self, field: str, widget: QWidget) -> Save:
        def save(text: str, visit: int) -> None:
            assert self.detail is not None
            merge = visit if field in ("title", "chair", "note") else None
            command = mc.edit_meeting(self.ctx, self.detail, field, text, merge)
            execute(self.ctx, command, origin=widget)  # a fault keeps it, marked (pending.py)

        return save

    def set_detail(self, detail: MeetingDetail | None) -> None:
        same = (
            detail is not None
            and self.detail is not None
            and detail.meeting.id == self.detail.meeting.id
        )
        self.detail = detail
        m = detail.meeting if detail else None
        values = {
            "held_on": format_date_nl(m.held_on) if m else "",
            "title": m.title if m else "",
            "chair": m.chair if m else "",
            "note": m.note if m else "",
        }
        for field, binding in self.bindings.items():
            binding.show(values[field], same_row=same)
        blocked = self.hide_names.blockSignals(True)
        self.hide_names.setChecked(bool(m and m.hide_names))
        self.hide_names.blockSignals(blocked)
        self.hide_note.setVisible(bool(m and m.hide_names))

    def _hide_toggled(self, on: bool) -> None:
        if self.detail is None or on == self.detail.meeting.hide_names:
            return
        attempt(self.ctx, mc.edit_meeting(self.ctx, self.detail, "hide_names", on))
