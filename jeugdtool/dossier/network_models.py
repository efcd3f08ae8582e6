"""Tables of the network meeting (netwerkberaad): the family's network around the table.

A meeting records who came (household, network, professionals) and who chaired, what the network
was told (the worries, danger statements and goals shared: `shared` holds their lineages, which
marks the plan's safety network as told on that day), and what was decided. Scale scores given
in its round, plan reviews held in it and goal judgements given in it point to it
(`network_meeting_id` on those tables); a journal entry records it in the case journal.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.framework.models import SourceColumns
from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str200


class NetworkMeeting(BelongsToCase, Tracked, Entity):
    __tablename__ = "network_meetings"
    __audit_entity__ = "network_meeting"
    __table_args__ = (Index("ix_network_meetings_household", "household_id", "held_on"),)

    held_on: Mapped[dt.date]
    place: Mapped[str200] = mapped_column(default="")
    #: The plan version discussed (the newest when the meeting was recorded), if any.
    plan_version_id: Mapped[int | None] = optional_fk("plan_versions")
    #: What was shared with the network: statement lineages (worries, danger statements, safety
    #: goals, bottom lines), one per line.
    shared: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: What the network was told, in words (what the lineages do not say).
    told: Mapped[str] = mapped_column(default="")
    decisions: Mapped[str] = mapped_column(default="")
    #: The journal entry that records the meeting (made with it), if any.
    journal_entry_id: Mapped[int | None] = optional_fk("journal_entries")

    def audit_label(self) -> str:
        return self.held_on.isoformat()


class NetworkMeetingAttendee(BelongsToCase, SourceColumns, Tracked, Entity):
    """One person at a network meeting: a household member, a network member (family, friends,
    professionals), the consultant or someone else, named as they were then."""

    __tablename__ = "network_meeting_attendees"
    __audit_entity__ = "network_meeting_attendee"
    __table_args__ = (Index("ix_network_meeting_attendees_meeting", "meeting_id", "position"),)

    meeting_id: Mapped[int] = parent_fk("network_meetings")
    position: Mapped[ordinal]
    #: Chaired the meeting (one attendee at most; the service checks).
    chaired: Mapped[bool] = mapped_column(default=False)

    def audit_label(self) -> str:
        return self.source_label
