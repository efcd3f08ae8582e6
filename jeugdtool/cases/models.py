"""Tables of the cases package."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jeugdtool.store import audit
from jeugdtool.store.base import Base, Tracked, UTCDateTime, utcnow


class Consultant(Tracked, Base):
    """A user of the tool: stamped on every change, and a possible case manager."""

    __tablename__ = "consultants"
    __audit_entity__ = "consultant"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    def audit_label(self) -> str:
        return self.name


class Household(Tracked, Base):
    """A case: one household, one plan."""

    __tablename__ = "households"
    __audit_entity__ = "household"
    __audit_ignore__ = frozenset({"last_change_at"})

    id: Mapped[int] = mapped_column(primary_key=True)
    case_number: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    mode: Mapped[str] = mapped_column(String(20), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    opened_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    close_reason: Mapped[str | None] = mapped_column(Text)
    case_manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultants.id", ondelete="SET NULL")
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


audit.register_case_table(Household.__table__, "last_change_at")
