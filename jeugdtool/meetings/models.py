"""Tables of reflective-practice meetings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import short_label
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str200


class Meeting(Tracked, Entity):
    __tablename__ = "meetings"
    __audit_entity__ = "meeting"
    __table_args__ = (Index("ix_meetings_held_on", "held_on"),)

    held_on: Mapped[dt.date]
    title: Mapped[str200] = mapped_column(default="")
    #: Who chairs (a name as it was then).
    chair: Mapped[str200] = mapped_column(default="")
    #: Initials and roles instead of names, on every view and in the minutes.
    hide_names: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return f"{self.held_on.isoformat()} {self.title}".strip()


class InMeeting:
    """Rows of one meeting (its participants, its agenda), in their order: removed with it."""

    meeting_id: Mapped[int] = parent_fk("meetings")
    position: Mapped[ordinal]


class MeetingParticipant(InMeeting, Tracked, Entity):
    __tablename__ = "meeting_participants"
    __audit_entity__ = "meeting_participant"
    __table_args__ = (Index("ix_meeting_participants_meeting", "meeting_id", "position"),)

    name: Mapped[str200]
    #: "consultant" (a colleague) or "partner" (invited: school, GP, police…).
    kind: Mapped[str20] = mapped_column(default="consultant")
    #: Organisation or role ("IB'er basisschool De Regenboog").
    organisation: Mapped[str200] = mapped_column(default="")

    def audit_label(self) -> str:
        return self.name


class MeetingItem(InMeeting, BelongsToCase, Tracked, Entity):
    """One case on the agenda, with the question asked about it and what was concluded."""

    __tablename__ = "meeting_items"
    __audit_entity__ = "meeting_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "household_id", name="uq_meeting_items_case"),
        Index("ix_meeting_items_household", "household_id"),
    )

    question: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(default="")
    advice: Mapped[str] = mapped_column(default="")
    decisions: Mapped[str] = mapped_column(default="")
    #: Is the help deployed still the lightest that works? What overlaps? (seed 004 §5.3)
    cheapest_help: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return short_label(self.question)


class OnAgendaItem(BelongsToCase):
    """Rows of one agenda item (round scores, follow-ups): removed with it."""

    item_id: Mapped[int] = parent_fk("meeting_items")


class RoundScore(OnAgendaItem, Tracked, Entity):
    """A participant's score in the scale round of an agenda item; the score itself is a scale
    score of the case (rater role: colleague in reflective practice)."""

    __tablename__ = "meeting_round_scores"
    __audit_entity__ = "meeting_round_score"
    __table_args__ = (
        UniqueConstraint("item_id", "participant_id", name="uq_meeting_round_scores_participant"),
    )

    participant_id: Mapped[int | None] = optional_fk("meeting_participants")
    score_id: Mapped[int] = parent_fk("scale_scores", unique=True)


class FollowUp(OnAgendaItem, Tracked, Entity):
    """An action the meeting agreed on: what, who, by when; shown on the case until done."""

    __tablename__ = "meeting_follow_ups"
    __audit_entity__ = "meeting_follow_up"
    __table_args__ = (Index("ix_meeting_follow_ups_household", "household_id", "done"),)

    position: Mapped[ordinal]
    what: Mapped[str]
    owner: Mapped[str200] = mapped_column(default="")
    due_on: Mapped[dt.date | None]
    done: Mapped[bool] = mapped_column(default=False)

    def audit_label(self) -> str:
        return short_label(self.what)
