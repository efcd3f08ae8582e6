"""One case on the agenda, as the meeting records it: the question, the scale round, notes,
advice, decisions, the reflection on the cheapest adequate help, and follow-up actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import MeetingDetail

from jeugdtool.ui.commands import execute
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.help.summary import HelpSummary
from jeugdtool.ui.meetings import commands as mc
from jeugdtool.ui.meetings.fields import Save
from jeugdtool.ui.meetings.fields import TextBinding
from jeugdtool.ui.meetings.fields import note_edit
from jeugdtool.ui.meetings.follow_ups import FollowUpsPanel
from jeugdtool.ui.meetings.round_grid import RoundGrid
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import heading
from jeugdtool.ui.workspace.inline import muted

#: From the municipality's description of the reflective practice (seed §5.3).
CHEAPEST_HELP_PROMPT = N_(
    "The reflective practice is also where we learn to see the cheapest adequate help. Is the "
    "help deployed still the lightest that works? Could the family's network, school or another "
    "service in the community do part of it? What overlaps?"
)

#: (field, caption, placeholder, lines)
TEXT_FIELDS = (
    ("question", N_("&Question to the meeting"), N_("e.g. Is this safe enough to scale down?"), 2),
    ("notes", N_("&Notes"), N_("What was said"), 3),
    ("advice", N_("&Advice"), N_("The meeting's advice to the case manager"), 3),
    ("decisions", N_("Dec&isions"), N_("What was decided"), 3),
    ("cheapest_help", N_("Cheapest adequate he&lp"), N_("Lightest help that works; overlaps"), 3),
)


class ItemPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.item: ItemDTO | None = None
        self.body = QWidget(self)
        body = self.body
        self.title = heading("", body, 1.3)
        self.round = RoundGrid(ctx, body)
        self.follow_ups = FollowUpsPanel(ctx, body)
        self.help_summary = HelpSummary(ctx, body)
        self.bindings: dict[str, TextBinding] = {}
        self.edits: dict[str, QWidget] = {}
        self.empty = muted(
            _("Add a case to the agenda, then choose it to record the discussion."), self
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty)
        outer.addWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        for field, caption, placeholder, lines in TEXT_FIELDS:
            if field == "notes":
                layout.addWidget(heading(_("Scale round"), body, 1.05))
                layout.addWidget(self.round)
            edit = note_edit(body, lines)
            edit.setPlaceholderText(_(placeholder))
            label = QLabel(_(caption), body)
            label.setBuddy(edit)
            error = ErrorLabel(body)
            layout.addWidget(label)
            if field == "cheapest_help":
                prompt = muted(_(CHEAPEST_HELP_PROMPT), body)
                layout.addWidget(prompt)
                # The reflection next to what it is about: the case's help and its warnings.
                beside = QHBoxLayout()
                beside.addWidget(edit, 1, Qt.AlignmentFlag.AlignTop)
                beside.addWidget(self.help_summary, 1)
                layout.addLayout(beside)
            else:
                layout.addWidget(edit)
            layout.addWidget(error)
            self.edits[field] = edit
            self.bindings[field] = TextBinding(edit, error, self._saver(field, edit))
        layout.addWidget(self.follow_ups)
        layout.addStretch(1)
        self.round.finished.connect(lambda: self.edits["notes"].setFocus())
        self.set_item(None, None)

    def _saver(self, field: str, edit: QWidget) -> Save:
        def save(text: str, visit: int) -> None:
            assert self.item is not None
            command = mc.edit_item(self.ctx, self.item, field, text, visit)
            execute(self.ctx, command, origin=edit)  # a fault keeps it, marked (pending.py)

        return save

    def set_item(self, item: ItemDTO | None, detail: MeetingDetail | None) -> None:
        same = item is not None and self.item is not None and item.id == self.item.id
        self.item = item
        self.help_summary.set_case(item.household_id if item is not None else None)
        self.body.setVisible(item is not None)
        self.empty.setVisible(item is None)
        if item is None or detail is None:
            return
        self.title.setText(f"{item.case_number} {item.case_name}")
        for field, binding in self.bindings.items():
            binding.show(getattr(item, field), same_row=same)
        self.round.set_item(item, detail.participants)
        self.follow_ups.set_item(item)
