"""Tables of the framework: mapping moments with their map items and statements, the scale.

A mapping moment is a dated version of the whole map. Starting a new one copies the latest;
copies keep the `lineage` of what they were copied from, so two moments can be compared item by
item and the plan can refer to "this danger statement" across versions. Only the newest moment
of a case can change; earlier ones are the record of what was known then.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Index
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.store.base import Base
from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import short_label
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str10
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str30
from jeugdtool.store.model_types import str32
from jeugdtool.store.model_types import str100
from jeugdtool.store.model_types import str200


def new_lineage() -> str:
    return uuid.uuid4().hex


class MappingMoment(BelongsToCase, Tracked, Entity):
    __tablename__ = "mapping_moments"
    __audit_entity__ = "mapping_moment"
    __table_args__ = (Index("ix_mapping_moments_household", "household_id", "held_on"),)

    held_on: Mapped[dt.date]
    #: Who mapped (the consultant's name as it was then).
    author: Mapped[str200]
    #: Who was present ("Sanne Jansen (moeder)", "oma Ria"); one per line in the file.
    present: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: The moment this one was started from (None for the first).
    copied_from_id: Mapped[int | None] = optional_fk("mapping_moments")

    def audit_label(self) -> str:
        return self.held_on.isoformat()


class SourceColumns:
    """Who said it: a household member, a network member, the consultant, or someone else.

    The label is kept as it was, so an item still says who said it when that person is later
    removed from the case.
    """

    source_kind: Mapped[str20] = mapped_column(default="consultant")
    source_person_id: Mapped[int | None] = optional_fk("persons")
    source_network_id: Mapped[int | None] = optional_fk("network_members")
    source_label: Mapped[str200] = mapped_column(default="")


class InMoment(BelongsToCase):
    """Rows of one mapping moment (removed with it), copied into the next with their lineage.

    The household is repeated so the audit trail can name the case without a lookup.
    """

    moment_id: Mapped[int] = parent_fk("mapping_moments")
    #: The same item or statement across mapping moments (a copy keeps it).
    lineage: Mapped[str32] = mapped_column(default=new_lineage)
    #: 1-based, within its cell (an item) or its type (a statement) in the moment.
    position: Mapped[ordinal]


class MapItem(InMoment, SourceColumns, Tracked, Entity):
    """One entry in one cell of the map."""

    __tablename__ = "map_items"
    __audit_entity__ = "map_item"
    __table_args__ = (Index("ix_map_items_moment", "moment_id", "cell", "position"),)

    cell: Mapped[str30]
    text: Mapped[str]
    #: The person the item is about (usually a child), if any.
    concerns_person_id: Mapped[int | None] = optional_fk("persons")
    #: For worries: "problem" or "limitation" (None: not decided yet).
    worry_kind: Mapped[str20 | None]

    def audit_label(self) -> str:
        return short_label(self.text)


class ItemStance(BelongsToCase, Tracked, Entity):
    """Who agrees with, or disputes, a worry (families often see it differently)."""

    __tablename__ = "item_stances"
    __audit_entity__ = "item_stance"
    __table_args__ = (UniqueConstraint("item_id", "who", name="uq_item_stances_item_who"),)

    item_id: Mapped[int] = parent_fk("map_items")
    who: Mapped[str200]
    stance: Mapped[str20]

    def audit_label(self) -> str:
        return f"{self.who}: {self.stance}"


class Statement(InMoment, Tracked, Entity):
    """A harm or danger statement, a safety goal or a bottom line, as of one mapping moment."""

    __tablename__ = "statements"
    __audit_entity__ = "statement"
    __table_args__ = (Index("ix_statements_moment", "moment_id", "type", "position"),)

    type: Mapped[str20]
    #: The children a harm or danger statement is about: rows of StatementChild.
    #: Danger: who is worried (persons, organisations); one per line in the file.
    who_worried: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: Harm: what happened. Danger: the carers' concrete behaviour.
    behaviour: Mapped[str] = mapped_column(default="")
    #: Danger: an example of that behaviour.
    example: Mapped[str] = mapped_column(default="")
    #: Harm: the impact on the child. Danger: what could happen to the child if nothing changes.
    impact: Mapped[str] = mapped_column(default="")
    #: Safety goal: the danger statement (its lineage) it answers.
    pairs_with: Mapped[str32 | None]
    carers_will: Mapped[str] = mapped_column(default="")
    child_will_experience: Mapped[str] = mapped_column(default="")
    professionals_will_see: Mapped[str] = mapped_column(default="")
    #: Safety goal: how long the change must be seen before the goal counts as met — a period
    #: (amount and unit, vocab.PeriodUnit). `sustained_for` is the free text older versions
    #: kept; the migration turned every text it could read into a period and emptied it, so it
    #: holds only what could not be read (shown until the consultant picks a period).
    sustained_amount: Mapped[int | None]
    sustained_unit: Mapped[str10 | None]
    sustained_for: Mapped[str100] = mapped_column(default="")
    #: Safety goal: who will do it (names as given, one per line; empty: the carers).
    who_will: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: Harm: when it happened, and whether it was the first, the worst and/or the last time
    #: (vocab.IncidentMark codes, one per line).
    incident_on: Mapped[dt.date | None]
    incident_marks: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: Bottom line: who set it and when, and the safety goals (lineages) it guards.
    set_by: Mapped[str200] = mapped_column(default="")
    set_on: Mapped[dt.date | None]
    guards: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: The statement as one sentence; generated from the parts until the consultant edits it.
    text: Mapped[str] = mapped_column(default="")
    text_edited: Mapped[bool] = mapped_column(default=False)
    #: The statement as the family says it (a safety goal, a bottom line in the family's own
    #: words), for the family's version of the plan ("": the statement's own words are used).
    family_words: Mapped[str] = mapped_column(default="")
    #: The special category of personal data (framework/special.py) the statement holds.
    special_category: Mapped[str20] = mapped_column(default="")

    def audit_label(self) -> str:
        return short_label(self.text or self.behaviour or self.carers_will)


class CaseScale(Tracked, Base):
    """What 0 and 10 mean for this case (None: the method's default wording for its mode)."""

    __tablename__ = "case_scales"
    __audit_entity__ = "case_scale"

    household_id: Mapped[int] = parent_fk("households", primary_key=True)
    zero: Mapped[str | None]
    ten: Mapped[str | None]

    def audit_case_id(self) -> int | None:
        return self.household_id


class ScaleScore(BelongsToCase, SourceColumns, Tracked, Entity):
    """One rater's 0–10 judgement on one day, with the reason and what one point higher needs."""

    __tablename__ = "scale_scores"
    __audit_entity__ = "scale_score"
    __table_args__ = (Index("ix_scale_scores_household", "household_id", "scored_on"),)

    scored_on: Mapped[dt.date]
    role: Mapped[str20]
    score: Mapped[int]
    #: None: the case as a whole; else the danger statement (lineage) of a danger/goal pair.
    about: Mapped[str32 | None]
    reason: Mapped[str] = mapped_column(default="")
    one_higher: Mapped[str] = mapped_column(default="")
    context: Mapped[str30] = mapped_column(default="conversation")
    #: The network meeting whose scale round this score was given in (dossier/network_models).
    network_meeting_id: Mapped[int | None] = optional_fk("network_meetings")

    def audit_label(self) -> str:
        return f"{self.source_label}: {self.score}"


class StatementChild(BelongsToCase, Tracked, Entity):
    """A child a harm or danger statement is about (a statement can be about several)."""

    __tablename__ = "statement_children"
    __audit_entity__ = "statement_child"
    __table_args__ = (
        UniqueConstraint("statement_id", "person_id", name="uq_statement_children_person"),
    )

    statement_id: Mapped[int] = parent_fk("statements")
    person_id: Mapped[int] = parent_fk("persons")
    #: 1-based order in which the sentence names them.
    position: Mapped[ordinal]

    def audit_label(self) -> str:
        return f"{self.statement_id}: {self.person_id}"
