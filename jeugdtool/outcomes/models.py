"""Tables of the outcomes package: help deployed, case closings (with the goals' outcome and the
family's experience), new starts, and the product lists an organisation imported.

A closing is one end of one episode of a case: reopening keeps it (with `reopened_on`) and
records a new start, so the indicators can still say whether help started again within six or
twelve months. Child rows carry `household_id` so team mode's row-level security covers them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import ImportedDocument
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import short_label
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str30
from jeugdtool.store.model_types import str32
from jeugdtool.store.model_types import str40
from jeugdtool.store.model_types import str200


class HelpItem(BelongsToCase, Tracked, Entity):
    """One form of help for one person (or the household), part of the one plan."""

    __tablename__ = "help_items"
    __audit_entity__ = "help_item"
    __table_args__ = (
        Index("ix_help_items_household", "household_id", "position"),
        Index("ix_help_items_person", "person_id"),
    )

    position: Mapped[ordinal]
    #: For whom: a household member; None: the household as a whole.
    person_id: Mapped[int | None] = optional_fk("persons")
    #: Who it is for as it was named then (kept when the person is later removed).
    for_label: Mapped[str200] = mapped_column(default="")
    #: The product list (`resources/help/*.json` id, or an imported list's id) and its code.
    product_list: Mapped[str40]
    category: Mapped[str40]
    #: What exactly (a programme, a method); free text.
    description: Mapped[str] = mapped_column(default="")
    provider: Mapped[str200] = mapped_column(default="")
    starts_on: Mapped[dt.date]
    #: The planned end (None: not planned yet).
    planned_end: Mapped[dt.date | None]
    #: The day it really ended (None: still running).
    ended_on: Mapped[dt.date | None]
    #: How much: "2 uur per week", "3 dagdelen".
    intensity: Mapped[str200] = mapped_column(default="")
    decided_by: Mapped[str30]
    #: Optional cost: per unit (in euro cents, never a float) times the planned units.
    unit: Mapped[str20 | None]
    unit_cost_cents: Mapped[int | None]
    units: Mapped[int | None]
    #: Safety goals (lineages) and ZRM focus domains ("zrm:<domain>") it serves.
    serves: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: vocab.SpecialCategory (framework): health / addiction / justice data, or "" (not
    #: marked). A marked item is left out of an export unless its selection includes them.
    special_category: Mapped[str20] = mapped_column(default="")

    def audit_label(self) -> str:
        # The product list's words are not at hand here; what exactly says more than a code.
        return short_label(self.description or self.category)


class CaseClosing(BelongsToCase, Tracked, Entity):
    """How one episode of a case ended (one per closing; kept when the case is reopened)."""

    __tablename__ = "case_closings"
    __audit_entity__ = "case_closing"
    __table_args__ = (Index("ix_case_closings_household", "household_id", "closed_on"),)

    closed_on: Mapped[dt.date]
    #: The consultant's words.
    reason: Mapped[str] = mapped_column(default="")
    #: The goals' outcome as a whole (vocab.GoalOutcome); per goal in ClosingGoalOutcome.
    #: None: not recorded (a case closed before outcomes were recorded).
    goals_outcome: Mapped[str20 | None]
    #: vocab.FurtherHelp, and which help when "other" (or community).
    further_help: Mapped[str20 | None]
    further_help_detail: Mapped[str] = mapped_column(default="")
    #: vocab.EndedAs; when early, vocab.EndedEarlyBy.
    ended_as: Mapped[str20 | None]
    ended_early_by: Mapped[str20 | None]
    #: The day the case was reopened after this closing (None: it stayed closed).
    reopened_on: Mapped[dt.date | None]
    #: The network's own plan for after closure: what the network keeps doing, and whom to
    #: call (one line each: who, how to reach them, what for).
    network_keeps: Mapped[str] = mapped_column(default="")
    whom_to_call: Mapped[tuple[str, ...]] = mapped_column(default=())

    def audit_label(self) -> str:
        return self.closed_on.isoformat()


class AtClosing(BelongsToCase):
    """Rows recorded at one closing (goal outcomes, experiences): removed with it."""

    closing_id: Mapped[int] = parent_fk("case_closings")


class ClosingGoalOutcome(AtClosing, Tracked, Entity):
    """How far one safety goal was reached at a closing."""

    __tablename__ = "closing_goal_outcomes"
    __audit_entity__ = "closing_goal_outcome"
    __table_args__ = (
        UniqueConstraint("closing_id", "goal_lineage", name="uq_closing_goal_outcomes_goal"),
    )

    position: Mapped[ordinal]
    goal_lineage: Mapped[str32]
    #: The goal's words at closing (the map may change after a reopening).
    goal_text: Mapped[str] = mapped_column(default="")
    outcome: Mapped[str20]

    def audit_label(self) -> str:
        return short_label(self.goal_text)


class ClientExperience(AtClosing, Tracked, Entity):
    """One family member's experience at a closing: three questions on 1–5 and a comment."""

    __tablename__ = "client_experiences"
    __audit_entity__ = "client_experience"
    __table_args__ = (Index("ix_client_experiences_closing", "closing_id"),)

    person_id: Mapped[int | None] = optional_fk("persons")
    #: Who answered, as named then.
    respondent: Mapped[str200]
    #: 1–5 each; None: not answered.
    heard: Mapped[int | None]
    helped: Mapped[int | None]
    knows_what_to_do: Mapped[int | None]
    comment: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return self.respondent


class NewStart(BelongsToCase, Tracked, Entity):
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

    started_on: Mapped[dt.date]
    kind: Mapped[str20]
    #: The child in this case (None: the whole case reopened, or the child was removed).
    person_id: Mapped[int | None] = optional_fk("persons")
    #: The closing help started again after (None once that case is destroyed).
    previous_closing_id: Mapped[int | None] = optional_fk("case_closings")
    #: Who confirmed it is the same child.
    confirmed_by: Mapped[str200] = mapped_column(default="")

    def audit_label(self) -> str:
        return self.started_on.isoformat()


class HelpProductList(ImportedDocument, Tracked, Entity):
    """A product list an organisation imported (its regional list), kept whole as the checked
    JSON document; the shipped lists live in `resources/help/`."""

    __tablename__ = "help_product_lists"
    __audit_entity__ = "help_product_list"
    __table_args__ = (UniqueConstraint("list_id", name="uq_help_product_lists_list"),)

    list_id: Mapped[str40]
    name: Mapped[str200]
    #: The list's own version ("2026"); `version` is the row's edit counter (Tracked).
    list_version: Mapped[str40]

    def audit_label(self) -> str:
        return f"{self.list_id} {self.list_version}"
