"""The privacy registers of a case: requests of the family, and what went to whom.

A `PrivacyRequest` is a request by a parent or young person about their own file: to see it
(access, AVG art. 15), to correct it (AVG art. 16) or to destroy it (Jeugdwet art. 7.3.9). Its
deadline follows from the kind and the day it was received (a rule of `cases/privacy`, not a
column). A `Disclosure` records one document or case file that left the program: for whom,
which parts, when and by whom (the disclosure log an access request shows the family).

Both belong to the household and go with it when it is destroyed (ON DELETE CASCADE).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Index
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import utcnow
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str200


class RequestKind(enum.StrEnum):
    ACCESS = "access"  # inzage, AVG art. 15
    CORRECTION = "correction"  # correctie, AVG art. 16
    DESTRUCTION = "destruction"  # vernietiging, Jeugdwet art. 7.3.9


class RequestStatus(enum.StrEnum):
    OPEN = "open"
    GRANTED = "granted"  # done: shown, corrected or destroyed
    PARTLY = "partly"  # partly granted (e.g. some data kept for another person's interest)
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class DisclosureKind(enum.StrEnum):
    PDF = "pdf"
    CASE_FILE = "case_file"
    ACCESS_REQUEST = "access_request"


class PrivacyRequest(BelongsToCase, Tracked, Entity):
    """A request of the family about their own file, and what was done with it."""

    __tablename__ = "privacy_requests"
    __audit_entity__ = "privacy_request"
    __table_args__ = (Index("ix_privacy_requests_household", "household_id"),)

    #: A RequestKind value.
    kind: Mapped[str20]
    received_on: Mapped[dt.date]
    #: Who asked, in the consultant's words ("moeder", "Sanne (16)").
    requested_by: Mapped[str200]
    #: What is asked (for a correction: what should be corrected, and how).
    subject: Mapped[str] = mapped_column(default="")
    #: A RequestStatus value.
    status: Mapped[str20] = mapped_column(default="open")
    decided_on: Mapped[dt.date | None]
    #: What was done (a correction: what was changed), or why not.
    outcome: Mapped[str] = mapped_column(default="")
    #: For a refused or partly granted destruction: the grounds of Jeugdwet art. 7.3.9,
    #: comma-separated keys of `cases/privacy.REFUSAL_GROUNDS`.
    refusal_grounds: Mapped[str200] = mapped_column(default="")
    #: An access request: the day the documents were handed over.
    delivered_on: Mapped[dt.date | None]

    def audit_label(self) -> str:
        return f"{self.kind} {self.received_on.isoformat()}"


class Disclosure(Entity):
    """One document or case file that left the program. Never edited: a log."""

    __tablename__ = "disclosures"
    __table_args__ = (Index("ix_disclosures_household", "household_id"),)

    household_id: Mapped[int] = parent_fk("households")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: A DisclosureKind value.
    kind: Mapped[str20]
    #: What left: the document ("Veiligheidsplan versie 3", "Casusbestand").
    document: Mapped[str200]
    #: For whom ("school", "de ouders"); "" when nobody was named.
    recipient: Mapped[str200] = mapped_column(default="")
    #: Which parts, as the user saw them named, separated by "; ".
    parts: Mapped[str] = mapped_column(default="")
    #: Who made it (the name stamped on changes).
    made_by: Mapped[str200] = mapped_column(default="")
    #: The signed-in person (team mode), for the server to check; None on a file.
    person_id: Mapped[int | None] = optional_fk("consultants")
