"""Tables of reflective-practice meetings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.framework.models import BelongsToCase
from jeugdtool.store.base import Base
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import short_label


class Meeting(Tracked, Base):
    __tablename__ = "meetings"
    __audit_entity__ = "meeting"
    __table_args__ = (Index("ix_meetings_held_on", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: Who chairs (a name as it was then).
    chair: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: Initials and roles instead of names, on every view and in the minutes.
    hide_names: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return f"{self.held_on.isoformat()} {self.title}".strip()


class MeetingParticipant(Tracked, Base):
    __tablename__ = "meeting_participants"
    __audit_entity__ = "meeting_participant"
    __table_args__ = (Index("ix_meeting_participants_meeting", "meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    #: "consultant" (a colleague) or "partner" (invited: school, GP, police…).
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="consultant")
    #: Organisation or role ("IB'er basisschool De Regenboog").
    organisation: Mapped[str] = mapped_column(String(200), nullable=False, default="")

    def audit_label(self) -> str:
        return self.name


class MeetingItem(BelongsToCase, Tracked, Base):
    """One case on the agenda, with the question asked about it and what was concluded."""

    __tablename__ = "meeting_items"
    __audit_entity__ = "meeting_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "household_id", name="uq_meeting_items_case"),
        Index("ix_meeting_items_household", "household_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    question: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    advice: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decisions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Is the help deployed still the lightest that works? What overlaps? (seed 004 §5.3)
    cheapest_help: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return short_label(self.question)


class RoundScore(BelongsToCase, Tracked, Base):
    """A participant's score in the scale round of an agenda item; the score itself is a scale
    score of the case (rater role: colleague in reflective practice)."""

    __tablename__ = "meeting_round_scores"
    __audit_entity__ = "meeting_round_score"
    __table_args__ = (
        UniqueConstraint("item_id", "participant_id", name="uq_meeting_round_scores_participant"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_items.id", ondelete="CASCADE"), nullable=False
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_participants.id", ondelete="SET NULL")
    )
    score_id: Mapped[int] = mapped_column(
        ForeignKey("scale_scores.id", ondelete="CASCADE"), nullable=False, unique=True
    )


class FollowUp(BelongsToCase, Tracked, Base):
    """An action the meeting agreed on: what, who, by when; shown on the case until done."""

    __tablename__ = "meeting_follow_ups"
    __audit_entity__ = "meeting_follow_up"
    __table_args__ = (Index("ix_meeting_follow_ups_household", "household_id", "done"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_items.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    what: Mapped[str] = mapped_column(Text, nullable=False)
    owner: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    def audit_label(self) -> str:
        return short_label(self.what)
