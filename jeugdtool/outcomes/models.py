"""Tables of the outcomes package: help deployed, case closings (with the goals' outcome and the
family's experience), new starts, and the product lists an organisation imported.

A closing is one end of one episode of a case: reopening keeps it (with `reopened_on`) and
records a new start, so the indicators can still say whether help started again within six or
twelve months. Child rows carry `household_id` so team mode's row-level security covers them.
"""

from __future__ import annotations

import datetime as dt

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
from jeugdtool.store.columns import Lines


class HelpItem(BelongsToCase, Tracked, Base):
    """One form of help for one person (or the household), part of the one plan."""

    __tablename__ = "help_items"
    __audit_entity__ = "help_item"
    __table_args__ = (
        Index("ix_help_items_household", "household_id", "position"),
        Index("ix_help_items_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: For whom: a household member; None: the household as a whole.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    #: Who it is for as it was named then (kept when the person is later removed).
    for_label: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: The product list (`resources/help/*.json` id, or an imported list's id) and its code.
    product_list: Mapped[str] = mapped_column(String(40), nullable=False)
    category: Mapped[str] = mapped_column(String(40), nullable=False)
    #: What exactly (a programme, a method); free text.
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    provider: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    starts_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    #: The planned end (None: not planned yet).
    planned_end: Mapped[dt.date | None] = mapped_column(Date)
    #: The day it really ended (None: still running).
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    #: How much: "2 uur per week", "3 dagdelen".
    intensity: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    decided_by: Mapped[str] = mapped_column(String(30), nullable=False)
    #: Optional cost: per unit (in euro cents, never a float) times the planned units.
    unit: Mapped[str | None] = mapped_column(String(20))
    unit_cost_cents: Mapped[int | None] = mapped_column(Integer)
    units: Mapped[int | None] = mapped_column(Integer)
    #: Safety goals (lineages) and ZRM focus domains ("zrm:<domain>") it serves.
    serves: Mapped[tuple[str, ...]] = mapped_column(Lines, nullable=False, default=())

    def audit_label(self) -> str:
        # The product list's words are not at hand here; what exactly says more than a code.
        return short_label(self.description or self.category)


class CaseClosing(BelongsToCase, Tracked, Base):
    """How one episode of a case ended (one per closing; kept when the case is reopened)."""

    __tablename__ = "case_closings"
    __audit_entity__ = "case_closing"
    __table_args__ = (Index("ix_case_closings_household", "household_id", "closed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    closed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    #: The consultant's words.
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: The goals' outcome as a whole (vocab.GoalOutcome); per goal in ClosingGoalOutcome.
    #: None: not recorded (a case closed before outcomes were recorded).
    goals_outcome: Mapped[str | None] = mapped_column(String(20))
    #: vocab.FurtherHelp, and which help when "other" (or community).
    further_help: Mapped[str | None] = mapped_column(String(20))
    further_help_detail: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: vocab.EndedAs; when early, vocab.EndedEarlyBy.
    ended_as: Mapped[str | None] = mapped_column(String(20))
    ended_early_by: Mapped[str | None] = mapped_column(String(20))
    #: The day the case was reopened after this closing (None: it stayed closed).
    reopened_on: Mapped[dt.date | None] = mapped_column(Date)
    #: The network's own plan for after closure: what the network keeps doing, and whom to
    #: call (one line each: who, how to reach them, what for).
    network_keeps: Mapped[str] = mapped_column(Text, nullable=False, default="")
    whom_to_call: Mapped[tuple[str, ...]] = mapped_column(Lines, nullable=False, default=())

    def audit_label(self) -> str:
        return self.closed_on.isoformat()


class ClosingGoalOutcome(BelongsToCase, Tracked, Base):
    """How far one safety goal was reached at a closing."""

    __tablename__ = "closing_goal_outcomes"
    __audit_entity__ = "closing_goal_outcome"
    __table_args__ = (
        UniqueConstraint("closing_id", "goal_lineage", name="uq_closing_goal_outcomes_goal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    closing_id: Mapped[int] = mapped_column(
        ForeignKey("case_closings.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    goal_lineage: Mapped[str] = mapped_column(String(32), nullable=False)
    #: The goal's words at closing (the map may change after a reopening).
    goal_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)

    def audit_label(self) -> str:
        return short_label(self.goal_text)


class ClientExperience(BelongsToCase, Tracked, Base):
    """One family member's experience at a closing: three questions on 1–5 and a comment."""

    __tablename__ = "client_experiences"
    __audit_entity__ = "client_experience"
    __table_args__ = (Index("ix_client_experiences_closing", "closing_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    closing_id: Mapped[int] = mapped_column(
        ForeignKey("case_closings.id", ondelete="CASCADE"), nullable=False
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    #: Who answered, as named then.
    respondent: Mapped[str] = mapped_column(String(200), nullable=False)
    #: 1–5 each; None: not answered.
    heard: Mapped[int | None] = mapped_column(Integer)
    helped: Mapped[int | None] = mapped_column(Integer)
    knows_what_to_do: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return self.respondent


class NewStart(BelongsToCase, Tracked, Base):
    """Help started again for a child after a closing: the case reopened, or a new case for the
    same child (matched on name and birth date, confirmed by the consultant)."""

    __tablename__ = "new_starts"
    __audit_entity__ = "new_start"
    __table_args__ = (
        Index("ix_new_starts_household", "household_id"),
        Index("ix_new_starts_previous", "previous_closing_id"),
        # One child's new start after one closing is recorded once, also when two colleagues
        # confirm it at the same moment (a reopening has no child: NULLs never collide).
        UniqueConstraint("person_id", "previous_closing_id", name="uq_new_starts_child"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    started_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    #: The child in this case (None: the whole case reopened, or the child was removed).
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    #: The closing help started again after (None once that case is destroyed).
    previous_closing_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_closings.id", ondelete="SET NULL")
    )
    #: Who confirmed it is the same child.
    confirmed_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")

    def audit_label(self) -> str:
        return self.started_on.isoformat()


class HelpProductList(Tracked, Base):
    """A product list an organisation imported (its regional list), kept whole as the checked
    JSON document; the shipped lists live in `resources/help/`."""

    __tablename__ = "help_product_lists"
    __audit_entity__ = "help_product_list"
    __table_args__ = (UniqueConstraint("list_id", name="uq_help_product_lists_list"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[str] = mapped_column(String(40), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    #: The list's own version ("2026"); `version` is the row's edit counter (Tracked).
    list_version: Mapped[str] = mapped_column(String(40), nullable=False)
    document: Mapped[str] = mapped_column(Text, nullable=False)
    file_name: Mapped[str] = mapped_column(String(255), nullable=False, default="")

    def audit_label(self) -> str:
        return f"{self.list_id} {self.list_version}"
