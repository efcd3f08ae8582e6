"""Tables of the cases package.

Without `from __future__ import annotations`, so SQLAlchemy need not evaluate the `Mapped[...]`
annotations as text (see store/base.py); a class declared further down is named in quotes.
"""

import datetime as dt

from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from jeugdtool.cases import search
from jeugdtool.store import audit
from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import utcnow
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import ordered_index
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str30
from jeugdtool.store.model_types import str32
from jeugdtool.store.model_types import str40
from jeugdtool.store.model_types import str100
from jeugdtool.store.model_types import str200


class Consultant(Tracked, Entity):
    """A person who works with the tool (a consultant, reviewer, team leader, privacy officer or
    administrator): stamped on every change and access, and a possible case manager.

    In team mode `login` is their own PostgreSQL login: the database finds "who is this" from
    the connection (session_user), never from a name typed at start-up.
    """

    __tablename__ = "consultants"
    __audit_entity__ = "consultant"
    __table_args__ = (Index("ix_consultants_login", "login", unique=True),)

    name: Mapped[str200] = mapped_column(unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(default=True)
    #: The database login (team mode); None in single-user mode.
    login: Mapped[str | None] = mapped_column(String(63))
    #: The number a family or partner calls to reach this person as case manager.
    phone: Mapped[str40 | None]

    def audit_label(self) -> str:
        return self.name


class Team(Tracked, Entity):
    """A youth team (a CJG, a WIJ team): its members share its cases' reviews and caseload."""

    __tablename__ = "teams"
    __audit_entity__ = "team"

    name: Mapped[str100] = mapped_column(unique=True)
    active: Mapped[bool] = mapped_column(default=True)

    def audit_label(self) -> str:
        return self.name


class TeamMember(Tracked, Entity):
    """A person belongs to a team (a person may belong to several)."""

    __tablename__ = "team_members"
    __audit_entity__ = "team_member"
    __table_args__ = (UniqueConstraint("team_id", "person_id", name="uq_team_members_person"),)

    team_id: Mapped[int] = parent_fk("teams")
    person_id: Mapped[int] = parent_fk("consultants", index=True)


class StaffRoleGrant(Tracked, Entity):
    """A role a person holds (vocab.StaffRole); a person may hold several."""

    __tablename__ = "staff_roles"
    __audit_entity__ = "staff_role"
    __table_args__ = (UniqueConstraint("person_id", "role", name="uq_staff_roles_role"),)

    person_id: Mapped[int] = parent_fk("consultants")
    role: Mapped[str20]

    def audit_label(self) -> str:
        return self.role


class Household(Tracked, Entity):
    """A case: one household, one plan."""

    __tablename__ = "households"
    __audit_entity__ = "household"
    # The folded keys are kept by the program (cases/search.py), not changed by anyone.
    __audit_ignore__ = frozenset({"last_change_at", "search_key", "name_key"})
    # The new id is taken from the sequence first, not read back with INSERT … RETURNING: in team
    # mode PostgreSQL refuses to return a row its author may not read, i.e. a case a consultant
    # creates for a colleague of the team (store/team_sql.py).
    __table_args__ = (
        # The case list's search key has its index in cases/search_index.py (PostgreSQL's
        # trigram index: its options would load SQLAlchemy's PostgreSQL dialect on every start).
        # The list's status filter and its default order (open cases by case number).
        Index("ix_households_status_number", "status", "case_number"),
        # SQLite reads the typed words from these, in the list's order, and stops at the first
        # page: a search never reads the table (issue 20; PostgreSQL has the trigram index and
        # its access policies to narrow it, and limits the size of a btree entry).
        Index("ix_households_number_key", "case_number", "search_key").ddl_if(dialect="sqlite"),
        Index("ix_households_status_number_key", "status", "case_number", "search_key").ddl_if(
            dialect="sqlite"
        ),
        # The access policies' `jt_case_ids()` (store/team_sql.py) finds a login's cases from
        # these alone, without visiting the table (migration 0020; SQLite has no policies, and
        # its index on a column holds the row's id already).
        Index("ix_households_manager_case", "case_manager_id", "id").ddl_if(dialect="postgresql"),
        Index("ix_households_team_case", "team_id", "id").ddl_if(dialect="postgresql"),
        {"implicit_returning": False},
    )

    case_number: Mapped[str32] = mapped_column(unique=True)
    name: Mapped[str200]
    mode: Mapped[str20]
    status: Mapped[str20] = mapped_column(default="open")
    opened_on: Mapped[dt.date]
    closed_on: Mapped[dt.date | None]
    close_reason: Mapped[str | None]
    case_manager_id: Mapped[int | None] = optional_fk("consultants", index=True)
    #: The team the case belongs to (None: a single-user database, or a case from before teams).
    team_id: Mapped[int | None] = optional_fk("teams", index=True)
    #: Time of the latest audited change to anything in the case (kept by the audit listener).
    last_change_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: Case number, name and the members' names folded (`cases.search.search_key`), and the
    #: name folded: what the case list searches and sorts by in the database. Kept by
    #: `cases.search.keep_keys` in the transaction of every change of what they fold.
    search_key: Mapped[str] = mapped_column(default="", server_default="")
    name_key: Mapped[str] = mapped_column(default="", server_default="", index=True)

    case_manager: Mapped[Consultant | None] = relationship(lazy="raise")
    persons: Mapped[list["Person"]] = relationship(
        back_populates="household",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Person.position",
        lazy="raise",
    )
    network: Mapped[list["NetworkMember"]] = relationship(
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


class ListedInCase(BelongsToCase):
    """The people of a case (its members, its network), in the order the case lists them."""

    position: Mapped[ordinal]

    __table_args__ = ordered_index("household_id", "household")


class Person(ListedInCase, Tracked, Entity):
    """A member of the household: a child or an adult living in (or belonging to) it."""

    __tablename__ = "persons"
    __audit_entity__ = "person"

    first_name: Mapped[str100]
    last_name: Mapped[str100] = mapped_column(default="")
    role: Mapped[str20]
    birth_date: Mapped[dt.date | None]
    notes: Mapped[str] = mapped_column(default="")
    #: A child's trusted person (vertrouwenspersoon): a member of the same case's network
    #: (cases/validation.py checks both); cleared when that member is removed.
    trusted_person_id: Mapped[int | None] = optional_fk("network_members", index=True)

    household: Mapped[Household] = relationship(back_populates="persons", lazy="raise")

    def audit_label(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class NetworkMember(ListedInCase, Tracked, Entity):
    """Someone around the family: relatives, friends, neighbours and professionals."""

    __tablename__ = "network_members"
    __audit_entity__ = "network_member"

    name: Mapped[str200]
    relation: Mapped[str100] = mapped_column(default="")
    kind: Mapped[str30]
    organisation: Mapped[str200 | None]
    phone: Mapped[str40 | None]
    email: Mapped[str | None] = mapped_column(String(254))
    safety_network: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(default="")
    #: The chair of the network (voorzitter): at most one per case (cases/validation.py).
    chairs_network: Mapped[bool] = mapped_column(default=False)

    household: Mapped[Household] = relationship(back_populates="network", lazy="raise")

    def audit_label(self) -> str:
        return self.name


class CaseCoworker(BelongsToCase, Tracked, Entity):
    """A colleague added to a case: with the case manager, the case team."""

    __tablename__ = "case_coworkers"
    __audit_entity__ = "case_coworker"
    __table_args__ = (
        UniqueConstraint("household_id", "person_id", name="uq_case_coworkers_person"),
        Index("ix_case_coworkers_person", "person_id"),
    )

    person_id: Mapped[int] = parent_fk("consultants")
    #: The colleague's name for the history, set by the service that adds or removes the row
    #: (not a column: the name is the person's, and may change).
    audit_name = ""

    def audit_label(self) -> str:
        return self.audit_name


class CaseHandover(BelongsToCase, Tracked, Entity):
    """A case passed from one case manager to another, with the note that went with it."""

    __tablename__ = "case_handovers"
    __audit_entity__ = "case_handover"
    __table_args__ = (Index("ix_case_handovers_household", "household_id"),)

    #: No foreign keys: the record outlives a removed person (the names stay in it).
    from_name: Mapped[str200] = mapped_column(default="")
    to_person_id: Mapped[int | None]
    to_name: Mapped[str200]
    note: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return f"{self.from_name} -> {self.to_name}"


class BreakGlass(Entity):
    """Access to a case outside one's case team, granted for a limited time on a reason
    (noodtoegang). Written only through the database function `jt_break_glass` in team mode."""

    __tablename__ = "break_glass"
    __table_args__ = (Index("ix_break_glass_person", "person_id", "expires_at"),)

    household_id: Mapped[int] = parent_fk("households", index=True)
    person_id: Mapped[int] = parent_fk("consultants")
    granted_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    reason: Mapped[str]


audit.register_case_table(Household.__table__, "last_change_at")
search.keep_keys(Household.__table__, Person.__table__)
