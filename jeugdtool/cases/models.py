"""Tables of the cases package."""

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
from sqlalchemy.orm import relationship

from jeugdtool.store import audit
from jeugdtool.store.base import Base
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import UTCDateTime
from jeugdtool.store.base import utcnow


class Consultant(Tracked, Base):
    """A person who works with the tool (a consultant, reviewer, team leader, privacy officer or
    administrator): stamped on every change and access, and a possible case manager.

    In team mode `login` is their own PostgreSQL login: the database finds "who is this" from
    the connection (session_user), never from a name typed at start-up.
    """

    __tablename__ = "consultants"
    __audit_entity__ = "consultant"
    __table_args__ = (Index("ix_consultants_login", "login", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    #: The database login (team mode); None in single-user mode.
    login: Mapped[str | None] = mapped_column(String(63))

    def audit_label(self) -> str:
        return self.name


class Team(Tracked, Base):
    """A youth team (a CJG, a WIJ team): its members share its cases' reviews and caseload."""

    __tablename__ = "teams"
    __audit_entity__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    def audit_label(self) -> str:
        return self.name


class TeamMember(Tracked, Base):
    """A person belongs to a team (a person may belong to several)."""

    __tablename__ = "team_members"
    __audit_entity__ = "team_member"
    __table_args__ = (UniqueConstraint("team_id", "person_id", name="uq_team_members_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), nullable=False)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("consultants.id", ondelete="CASCADE"), nullable=False, index=True
    )


class StaffRoleGrant(Tracked, Base):
    """A role a person holds (vocab.StaffRole); a person may hold several."""

    __tablename__ = "staff_roles"
    __audit_entity__ = "staff_role"
    __table_args__ = (UniqueConstraint("person_id", "role", name="uq_staff_roles_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("consultants.id", ondelete="CASCADE"), nullable=False
    )
    role: Mapped[str] = mapped_column(String(20), nullable=False)

    def audit_label(self) -> str:
        return self.role


class Household(Tracked, Base):
    """A case: one household, one plan."""

    __tablename__ = "households"
    __audit_entity__ = "household"
    __audit_ignore__ = frozenset({"last_change_at"})
    # The new id is taken from the sequence first, not read back with INSERT … RETURNING: in team
    # mode PostgreSQL refuses to return a row its author may not read, i.e. a case a consultant
    # creates for a colleague of the team (store/team_sql.py).
    __table_args__ = ({"implicit_returning": False},)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_number: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    mode: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    opened_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    close_reason: Mapped[str | None] = mapped_column(Text)
    case_manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultants.id", ondelete="SET NULL"), index=True
    )
    #: The team the case belongs to (None: a single-user database, or a case from before teams).
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    #: Time of the latest audited change to anything in the case (kept by the audit listener).
    last_change_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=utcnow
    )

    case_manager: Mapped[Consultant | None] = relationship(lazy="raise")
    persons: Mapped[list[Person]] = relationship(
        back_populates="household",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Person.position",
        lazy="raise",
    )
    network: Mapped[list[NetworkMember]] = relationship(
        back_populates="household",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="NetworkMember.position",
        lazy="raise",
    )

    def audit_case_id(self) -> int | None:
        return self.id

    def audit_label(self) -> str:
        return f"{self.case_number} {self.name}"


class Person(Tracked, Base):
    """A member of the household: a child or an adult living in (or belonging to) it."""

    __tablename__ = "persons"
    __audit_entity__ = "person"
    __table_args__ = (Index("ix_persons_household", "household_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    first_name: Mapped[str] = mapped_column(String(100), nullable=False)
    last_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    household: Mapped[Household] = relationship(back_populates="persons", lazy="raise")

    def audit_case_id(self) -> int | None:
        return self.household_id

    def audit_label(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class NetworkMember(Tracked, Base):
    """Someone around the family: relatives, friends, neighbours and professionals."""

    __tablename__ = "network_members"
    __audit_entity__ = "network_member"
    __table_args__ = (Index("ix_network_members_household", "household_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    relation: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    organisation: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    safety_network: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    household: Mapped[Household] = relationship(back_populates="network", lazy="raise")

    def audit_case_id(self) -> int | None:
        return self.household_id

    def audit_label(self) -> str:
        return self.name


class CaseCoworker(Tracked, Base):
    """A colleague added to a case: with the case manager, the case team."""

    __tablename__ = "case_coworkers"
    __audit_entity__ = "case_coworker"
    __table_args__ = (
        UniqueConstraint("household_id", "person_id", name="uq_case_coworkers_person"),
        Index("ix_case_coworkers_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), nullable=False
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("consultants.id", ondelete="CASCADE"), nullable=False
    )
    #: The colleague's name for the history, set by the service that adds or removes the row
    #: (not a column: the name is the person's, and may change).
    audit_name = ""

    def audit_case_id(self) -> int | None:
        return self.household_id

    def audit_label(self) -> str:
        return self.audit_name


class CaseHandover(Tracked, Base):
    """A case passed from one case manager to another, with the note that went with it."""

    __tablename__ = "case_handovers"
    __audit_entity__ = "case_handover"
    __table_args__ = (Index("ix_case_handovers_household", "household_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), nullable=False
    )
    #: No foreign keys: the record outlives a removed person (the names stay in it).
    from_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    to_person_id: Mapped[int | None] = mapped_column(Integer)
    to_name: Mapped[str] = mapped_column(String(200), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_case_id(self) -> int | None:
        return self.household_id

    def audit_label(self) -> str:
        return f"{self.from_name} -> {self.to_name}"


class BreakGlass(Base):
    """Access to a case outside one's case team, granted for a limited time on a reason
    (noodtoegang). Written only through the database function `jt_break_glass` in team mode."""

    __tablename__ = "break_glass"
    __table_args__ = (Index("ix_break_glass_person", "person_id", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), nullable=False, index=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("consultants.id", ondelete="CASCADE"), nullable=False
    )
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)


audit.register_case_table(Household.__table__, "last_change_at")
