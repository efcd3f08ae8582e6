"""Reflective practice on the case overview: the meetings the case was discussed in (date,
question, advice and decisions in short) and its open follow-ups, overdue ones in red.

Like the ZRM summary it loads just after the overview is painted, and while the overview is
hidden it only notes that it is stale and reloads when shown again. Meeting items and
follow-ups carry the case, so their changes name it; a change of a meeting itself (its date or
title) concerns every case on it and is taken as a reason to reload too.
"""

from __future__ import annotations

import datetime as dt
import html
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.meetings import agenda
from jeugdtool.meetings.dto import CaseMeeting
from jeugdtool.meetings.dto import FollowUpDTO

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meetings import open_meetings
from jeugdtool.ui.workspace.case_page import CaseWatcher
from jeugdtool.ui.workspace.inline import overview_section

#: Meeting changes that name the case.
CASE_MEETING_ENTITIES = ("meeting_item", "meeting_follow_up")
#: How much of the advice and decisions the overview shows.
SHORT = 140
#: Meetings shown at most (newest first).
MAX_MEETINGS = 5


def short(text: str, limit: int = SHORT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def meeting_line(m: CaseMeeting) -> str:
    date = html.escape(format_date_nl(m.held_on))
    head = f'<a href="meeting:{m.meeting_id}"><b>{date}</b></a>'
    if m.title:
        head += " " + html.escape(m.title)
    parts = [head]
    if m.question.strip():
        parts.append(html.escape(_("Question: {text}").format(text=short(m.question))))
    if m.advice.strip():
        parts.append(html.escape(_("Advice: {text}").format(text=short(m.advice))))
    if m.decisions.strip():
        parts.append(html.escape(_("Decisions: {text}").format(text=short(m.decisions))))
    return "<br>&nbsp;&nbsp;".join(parts)


def follow_up_line(f: FollowUpDTO, today: dt.date) -> str:
    text = html.escape(short(f.what))
    if f.owner:
        text += " · " + html.escape(f.owner)
    if f.due_on is not None:
        due = html.escape(_("due {date}").format(date=format_date_nl(f.due_on)))
        if f.overdue(today):
            overdue = html.escape(_("overdue"))
            red = colour(Role.ERROR)
            due = f'<span style="color:{red}; font-weight:bold;">{due} ({overdue})</span>'
        text += " · " + due
    return "☐ " + text


class MeetingsSummary(CaseWatcher, QWidget):
    ENTITIES = CASE_MEETING_ENTITIES
    ANY_CASE = ("meeting",)

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.meetings = self._label(_("Meetings this case was discussed in"))
        self.follow_ups = self._label(_("Open follow-ups from meetings"))
        self.meetings.linkActivated.connect(self._link)
        title, button = _("Reflective practice"), _("To the meetings…")
        to_meetings = partial(self.open_meeting, None)
        overview_section(self, title, button, to_meetings, self.meetings, self.follow_ups)
        self.watch_case(ctx, case_id)
        self.load_after_paint()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAccessibleName(name)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        return label

    def _link(self, href: str) -> None:
        if href.startswith("meeting:"):
            self.open_meeting(int(href.split(":", 1)[1]))

    def open_meeting(self, meeting_id: int | None) -> None:
        """The meetings window beside the case, on the meeting chosen."""
        window = open_meetings(self.ctx, self.window())
        if meeting_id is not None:
            window.choose(meeting_id)

    def reload(self) -> None:
        self.loaded = True
        try:
            found = agenda.case_meetings(self.ctx.uow, self.case_id)
            open_ones = agenda.case_follow_ups(self.ctx.uow, self.case_id)
        except NotFound:  # the case is gone; the workspace says so
            return
        muted = f'<span style="color:{colour(Role.MUTED)};">{{}}</span>'
        if found:
            lines = [meeting_line(m) for m in found[:MAX_MEETINGS]]
            if len(found) > MAX_MEETINGS:
                earlier = len(found) - MAX_MEETINGS
                more = ngettext(
                    "and {n} earlier meeting", "and {n} earlier meetings", earlier
                ).format(n=earlier)
                lines.append(muted.format(html.escape(more)))
            self.meetings.setText("<br>".join(lines))
        else:
            self.meetings.setText(
                muted.format(html.escape(_("Not yet discussed in a reflective practice meeting.")))
            )
        today = dt.date.today()
        if open_ones:
            title = html.escape(_("Open follow-ups"))
            body = "<br>".join(follow_up_line(f, today) for f in open_ones)
            self.follow_ups.setText(f"<b>{title}</b><br>{body}")
        else:
            self.follow_ups.setText(muted.format(html.escape(_("No open follow-ups."))))
