"""Tables of the network meeting (netwerkberaad): the family's network around the table.

A meeting records who came (household, network, professionals) and who chaired, what the network
was told (the worries, danger statements and goals shared: `shared` holds their lineages, which
marks the plan's safety network as told on that day), and what was decided. Scale scores given
in its round, plan reviews held in it and goal judgements given in it point to it
(`network_meeting_id` on those tables); a journal entry records it in the case journal.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.framework.models import BelongsToCase
from jeugdtool.framework.models import SourceColumns
from jeugdtool.store.base import Base
from jeugdtool.store.base import Tracked
from jeugdtool.store.columns import Lines


class NetworkMeeting(BelongsToCase, Tracked, Base):
    __tablename__ = "network_meetings"
    __audit_entity__ = "network_meeting"
    __table_args__ = (Index("ix_network_meetings_household", "household_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    place: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: The plan version discussed (the newest when the meeting was recorded), if any.
    plan_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="SET NULL")
    )
    #: What was shared with the network: statement lineages (worries, danger statements, safety
    #: goals, bottom lines), one per line.
    shared: Mapped[tuple[str, ...]] = mapped_column(Lines, nullable=False, default=())
    #: What the network was told, in words (what the lineages do not say).
    told: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decisions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: The journal entry that records the meeting (made with it), if any.
    journal_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("journal_entries.id", ondelete="SET NULL")
    )

    def audit_label(self) -> str:
        return self.held_on.isoformat()


class NetworkMeetingAttendee(BelongsToCase, SourceColumns, Tracked, Base):
    """One person at a network meeting: a household member, a network member (family, friends,
    professionals), the consultant or someone else, named as they were then."""

    __tablename__ = "network_meeting_attendees"
    __audit_entity__ = "network_meeting_attendee"
    __table_args__ = (Index("ix_network_meeting_attendees_meeting", "meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("network_meetings.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: Chaired the meeting (one attendee at most; the service checks).
    chaired: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    def audit_label(self) -> str:
        return self.source_label
