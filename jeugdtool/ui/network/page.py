"""The case's network meetings page (netwerkberaad): the meetings held, newest first, and the
selected one in full below. A new meeting is recorded step by step during the meeting itself
(sitting.py); Enter opens a meeting to go on with it or change it; Del removes one recorded by
mistake. Every change is an undoable command; a closed case is shown read-only.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import network_meetings as nm
from jeugdtool.dossier.network_dto import MeetingDetail
from jeugdtool.dossier.network_dto import MeetingDTO
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.network.commands import RemoveMeetingCommand
from jeugdtool.ui.row_table import Column
from jeugdtool.ui.widgets import add_all
from jeugdtool.ui.widgets import connect_rows
from jeugdtool.ui.workspace.case_page import CaseListPage
from jeugdtool.ui.workspace.case_page import cap_columns
from jeugdtool.ui.workspace.case_page import details_label
from jeugdtool.ui.workspace.case_page import list_section
from jeugdtool.ui.workspace.case_page import name_buttons
from jeugdtool.ui.workspace.member_models import DtoTableModel


class MeetingTableModel(DtoTableModel[Any]):
    DATE, PLACE, PRESENT, DECISIONS = range(4)
    COLUMNS = (
        Column(N_("Date"), lambda meeting: format_date_nl(meeting.held_on)),
        Column(N_("Place"), lambda meeting: meeting.place),
        Column(N_("Present"), lambda m: ", ".join(a.source.label for a in m.attendees)),
        Column(N_("Decisions"), lambda meeting: " ".join(meeting.decisions.split())),
    )
    STRETCH = DECISIONS


#: Widest a column is drawn (pixels) before its text is cut with "…" (in full: the tooltip and
#: the details below); the decisions take the rest.
WIDEST = {MeetingTableModel.PLACE: 200, MeetingTableModel.PRESENT: 320}


class NetworkMeetingsPage(CaseListPage):
    """`(ctx, case_id)`: loads when first shown, reloads when the case changes while seen."""

    INTRO = N_(
        "The meetings with the family's network: who came, what they were told, what "
        "was decided, their scores and their answer to the plan. Record a meeting "
        "while it is held, step by step."
    )
    CLOSED = N_("This case is closed: its meetings can be read.")

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.setObjectName("NetworkMeetingsPage")
        self.meetings: list[MeetingDTO] = []
        self.model = MeetingTableModel(self)
        self.section = list_section(_("Network meetings"), self.model, "", self.body)
        name_buttons(self.section, _("&New network meeting…"), _("&Open…"), _("Re&move"))
        self.details = details_label(self.body, _("The selected meeting"))
        add_all(self.rows, self.section, self.details).addStretch(1)
        slots = (self.new_meeting, self.open_meeting, self.remove_meeting)
        connect_rows(self.section, *slots, selected=self._show_details)
        self.setFocusProxy(self.section.table)

    # ---- showing -----------------------------------------------------------------------------

    def load(self) -> None:
        self.meetings = nm.list_meetings(self.ctx.uow, self.case_id)

    def clear(self) -> None:
        self.meetings = []

    def show_locked(self) -> None:
        """Read-only whenever it cannot be changed (a case gone too)."""
        self.locked.setText(self.ctx.locked_note(_(self.CLOSED)))
        self.locked.setVisible(not self.editable)

    def show_rows(self) -> None:
        self.section.set_rows(tuple(self.meetings))
        cap_columns(self.section.table, WIDEST)
        self.section.set_editable(self.editable)
        self.section.edit_button.setEnabled(bool(self.meetings))
        self.section.empty_hint.setText(
            _(
                "No network meetings yet. Record the first with "
                "\u201cNew network meeting\u201d (Ins)."
            )
            if self.editable
            else _("No network meetings for this case.")
        )
        if self.section.selected() is None and self.meetings:
            self.section.select_row(0)
        self._show_details()

    def _show_details(self) -> None:
        meeting = self.section.selected()
        if meeting is None:
            self.details.setText("")
            return
        try:
            detail = nm.get_meeting(self.ctx.uow, meeting.id)
        except JeugdtoolError as exc:
            self.details.setText(html.escape(str(exc)))
            return
        self.details.setText(details_html(detail))

    # ---- acting ------------------------------------------------------------------------------

    def _may_edit(self) -> bool:
        """Whether the case's meetings can be changed, read now if not read yet (a key or the
        menu can ask before the page was first shown)."""
        if self.stale:
            self.reload_now()
        return self.editable

    def new_meeting(self) -> None:
        if not self._may_edit():
            return
        from jeugdtool.ui.network.sitting import SittingDialog

        SittingDialog(self.ctx, self.case_id, self).exec()

    def open_meeting(self, meeting: MeetingDTO) -> None:
        """Go on with a meeting (or change it); read-only cases only show it."""
        if not self._may_edit():
            return
        from jeugdtool.ui.network.sitting import SittingDialog

        try:
            detail = nm.get_meeting(self.ctx.uow, meeting.id)
        except JeugdtoolError as exc:
            self.ctx.dialogs.error(str(exc))
            return
        SittingDialog(self.ctx, self.case_id, self, detail).exec()

    def remove_meeting(self, meeting: MeetingDTO) -> None:
        if not self._may_edit():
            return
        question = _(
            "Remove the network meeting of {date}? Its journal entry goes with it; scores and "
            "reviews given in it stay. Undo (Ctrl+Z) puts it back."
        ).format(date=format_date_nl(meeting.held_on))
        if self.ctx.dialogs.confirm(question, _("Remove network meeting")):
            run_command(self.ctx, self.case_id, RemoveMeetingCommand(self.ctx, meeting))


def details_html(detail: MeetingDetail) -> str:
    """The selected meeting in full: who came and chaired, what was shared and decided, the
    scores of its round."""
    e = html.escape
    meeting = detail.meeting
    parts = [
        "<b>{}</b>".format(
            e(
                _("Network meeting of {date}").format(date=format_date_nl(meeting.held_on))
                + (f" \u2014 {meeting.place}" if meeting.place else "")
            )
        )
    ]
    names = [
        a.source.label + (" ({})".format(_("chair")) if a.chaired else "")
        for a in meeting.attendees
    ]
    if names:
        parts.append("{}: {}".format(e(_("Present")), e(", ".join(names))))
    if detail.shared:
        items = "".join(f"<li>{e(shared.text)}</li>" for shared in detail.shared)
        parts.append("{}:<ul>{}</ul>".format(e(_("Shared with the network")), items))
    if meeting.told:
        parts.append("{}: {}".format(e(_("Told as well")), e(meeting.told)))
    if meeting.decisions:
        parts.append("{}: {}".format(e(_("Decisions")), e(meeting.decisions)))
    if detail.scores:
        scores = ", ".join(f"{s.source.label} {s.score}" for s in detail.scores)
        parts.append("{}: {}".format(e(_("Scale round")), e(scores)))
    return "<br>".join(parts)
