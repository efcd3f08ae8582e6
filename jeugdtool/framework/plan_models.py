"""Tables of the safety plan: versions, sections, agreements with their parties, reviews.

One plan per household (1 gezin, 1 plan) as a series of versions. A version is a draft until it
is finalised (vastgesteld); a finalised version never changes again — later changes start a new
draft, a copy. Agreements keep a `lineage` across versions so versions compare item by item and
reviews follow an agreement through versions. The plan's danger statements, safety goals and
bottom lines are not copied: a version refers to the mapping moment they come from (the newest
while it is a draft, fixed when it is finalised — past moments never change, so what a partner
signed can always be shown again).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.framework.models import SourceColumns
from jeugdtool.framework.models import new_lineage
from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import short_label
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import ordered_index
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str10
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str32
from jeugdtool.store.model_types import str200


class PlanVersion(BelongsToCase, Tracked, Entity):
    __tablename__ = "plan_versions"
    __audit_entity__ = "plan_version"
    __table_args__ = (UniqueConstraint("household_id", "number", name="uq_plan_versions_number"),)

    #: 1, 2, 3 … per household, in order of creation.
    number: Mapped[int]
    #: "draft" or "final".
    status: Mapped[str10] = mapped_column(default="draft")
    based_on_id: Mapped[int | None] = optional_fk("plan_versions")
    #: The mapping moment whose statements the plan shows; None while a draft (the newest).
    moment_id: Mapped[int | None] = optional_fk("mapping_moments")
    finalised_on: Mapped[dt.date | None]
    finalised_by: Mapped[str200 | None]
    #: Why the consultant finalised although not everything was SMART, accepted or covered.
    override_reason: Mapped[str | None]
    #: How the children are told about the plan, in words a child understands.
    children_told: Mapped[str] = mapped_column(default="")
    #: The special category of personal data (framework/special.py) that text holds ("": none).
    children_told_category: Mapped[str20] = mapped_column(default="")
    #: When and how the plan is reviewed, and the next review date.
    review_schedule: Mapped[str] = mapped_column(default="")
    next_review_on: Mapped[dt.date | None]
    #: What happens when an agreement is not kept.
    when_not_kept: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return f"v{self.number}"


class InPlanVersion(BelongsToCase):
    """Rows of one plan version: removed with it."""

    plan_version_id: Mapped[int] = parent_fk("plan_versions")


class PlanPart(InPlanVersion):
    """A part of a plan version, in the order the plan shows it."""

    position: Mapped[ordinal]

    __table_args__ = ordered_index("plan_version_id", "version")


class PlanNetworkRole(PlanPart, SourceColumns, Tracked, Entity):
    """Someone of the safety network, their role in the plan, and when they were told."""

    __tablename__ = "plan_network_roles"
    __audit_entity__ = "plan_network_role"

    #: E.g. "checks contact", "the child's trusted person", "chairs the network".
    role: Mapped[str] = mapped_column(default="")
    #: The date they were told the worries and the goals.
    told_on: Mapped[dt.date | None]

    def audit_label(self) -> str:
        return short_label(f"{self.source_label}: {self.role}")


class RedFlag(PlanPart, Tracked, Entity):
    """A sign network members watch for, who watches, and what they do when they see it."""

    __tablename__ = "red_flags"
    __audit_entity__ = "red_flag"

    sign: Mapped[str]
    #: Who watches for it (names, one per line).
    watched_by: Mapped[tuple[str, ...]] = mapped_column(default=())
    action: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return short_label(self.sign)


class FamilyGoal(PlanPart, SourceColumns, Tracked, Entity):
    """A goal the family set itself, in its own words and with who said it (the family's version
    of the plan puts these first)."""

    __tablename__ = "family_goals"
    __audit_entity__ = "family_goal"

    text: Mapped[str]
    #: Kept across plan versions, like an agreement's, so versions compare goal by goal.
    lineage: Mapped[str32] = mapped_column(default=new_lineage)
    #: vocab.SpecialCategory, or "" (not marked): a marked goal is left out of an export unless
    #: its selection includes special categories.
    special_category: Mapped[str20] = mapped_column(default="")

    def audit_label(self) -> str:
        return short_label(self.text)


class Agreement(PlanPart, Tracked, Entity):
    """One SMART agreement of a plan version."""

    __tablename__ = "agreements"
    __audit_entity__ = "agreement"

    lineage: Mapped[str32] = mapped_column(default=new_lineage)
    #: What exactly will be done.
    what: Mapped[str]
    #: When or how often, as said ("elke woensdag", "vóór 1 december").
    when: Mapped[str] = mapped_column(default="")
    start_on: Mapped[dt.date | None]
    due_on: Mapped[dt.date | None]
    #: Where, or in which situation.
    where: Mapped[str] = mapped_column(default="")
    #: How we will know it happened (an observable check), and who checks.
    check: Mapped[str] = mapped_column(default="")
    checked_by: Mapped[str200] = mapped_column(default="")
    #: The danger statements / safety goals / bottom lines (lineages, one per line) it serves.
    serves: Mapped[tuple[str, ...]] = mapped_column(default=())
    #: proposed / agreed / kept / not_kept / lapsed
    status: Mapped[str20] = mapped_column(default="proposed")
    #: The consultant confirmed it is realistic (the R of SMART).
    realistic_confirmed: Mapped[bool] = mapped_column(default=False)
    #: When this agreement is looked at again.
    review_on: Mapped[dt.date | None]
    #: vocab.SpecialCategory: health / addiction / justice data, or "" (not marked). A marked
    #: agreement is left out of an export unless its selection includes special categories.
    special_category: Mapped[str20] = mapped_column(default="")
    #: The agreement as the family says it, for the family's version of the plan ("": the
    #: agreement's own words are used).
    family_words: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return short_label(self.what)


class AgreementParty(BelongsToCase, SourceColumns, Tracked, Entity):
    """A person an agreement names (who does it), and whether, when and how they accepted it.

    "Accepted by everyone" is computed from these rows, never ticked by hand.
    """

    __tablename__ = "agreement_parties"
    __audit_entity__ = "agreement_party"
    __table_args__ = (Index("ix_agreement_parties_agreement", "agreement_id"),)

    agreement_id: Mapped[int] = parent_fk("agreements")
    #: None: not asked yet; True: accepted; False: does not accept.
    accepted: Mapped[bool | None]
    accepted_on: Mapped[dt.date | None]
    #: meeting / phone / signed / other
    accepted_how: Mapped[str20 | None]

    def audit_label(self) -> str:
        return self.source_label


class PlanReview(InPlanVersion, Tracked, Entity):
    """A review moment: how the agreements of a (finalised) version were kept."""

    __tablename__ = "plan_reviews"
    __audit_entity__ = "plan_review"
    __table_args__ = (Index("ix_plan_reviews_household", "household_id", "held_on"),)

    held_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(default="")
    #: The special category of personal data the note holds ("": none).
    special_category: Mapped[str20] = mapped_column(default="")
    #: The network meeting this review was held in (dossier/network_models), if any.
    network_meeting_id: Mapped[int | None] = optional_fk("network_meetings")

    def audit_label(self) -> str:
        return self.held_on.isoformat()


class ReviewResult(BelongsToCase, Tracked, Entity):
    """For one agreement at one review: kept, partly kept or not kept, and who said so."""

    __tablename__ = "review_results"
    __audit_entity__ = "review_result"
    __table_args__ = (
        UniqueConstraint("review_id", "agreement_lineage", name="uq_review_results_agreement"),
    )

    review_id: Mapped[int] = parent_fk("plan_reviews")
    agreement_lineage: Mapped[str32]
    #: yes / partly / no
    kept: Mapped[str10]
    note: Mapped[str] = mapped_column(default="")
    reported_by: Mapped[str200] = mapped_column(default="")
    #: The special category of personal data the note and follow-up hold ("": none).
    special_category: Mapped[str20] = mapped_column(default="")
    #: A follow-up to carry into the next draft as a new agreement (empty: none).
    follow_up: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return f"{self.agreement_lineage[:8]}: {self.kept}"


class PlanApproval(InPlanVersion, Tracked, Entity):
    """A finalised plan version submitted for review (toetsing) to a werkbegeleider or
    gedragsdeskundige, and their decision: approved, or returned with comments.

    States (vocab.ApprovalState): submitted → approved | returned; a submitter can withdraw a
    submission not yet decided. An approved plan is reviewed again by `re_review_on` (the
    organisation's schedule); a re-review is a new submission of the same or a newer version.
    Who decides is checked twice in team mode: by the service and by the database's policies
    (a reviewer who did not submit it).
    """

    __tablename__ = "plan_approvals"
    __audit_entity__ = "plan_approval"
    __table_args__ = (
        Index("ix_plan_approvals_version", "plan_version_id", "submitted_on"),
        Index("ix_plan_approvals_queue", "state", "due_on"),
    )

    #: vocab.ApprovalState.
    state: Mapped[str] = mapped_column(String(12), default="submitted")
    submitted_on: Mapped[dt.date]
    #: Who submitted it: the staff member and the name as it was then.
    submitted_by_id: Mapped[int | None] = optional_fk("consultants")
    submitted_by: Mapped[str200]
    #: The reviewer asked (None with an empty name: any reviewer of the case's team).
    reviewer_id: Mapped[int | None] = optional_fk("consultants")
    reviewer: Mapped[str200] = mapped_column(default="")
    #: The decision is due by this day (the organisation's working days after submission).
    due_on: Mapped[dt.date]
    #: What the submitter asks or explains.
    note: Mapped[str] = mapped_column(default="")
    decided_on: Mapped[dt.date | None]
    decided_by_id: Mapped[int | None] = optional_fk("consultants")
    decided_by: Mapped[str200] = mapped_column(default="")
    #: The reviewer's general comment (per item: PlanApprovalComment).
    decision_note: Mapped[str] = mapped_column(default="")
    #: Approved: when the plan must be reviewed again (the organisation's re-review period).
    re_review_on: Mapped[dt.date | None]

    def audit_label(self) -> str:
        return f"{self.submitted_on.isoformat()}: {self.state}"


class PlanApprovalComment(BelongsToCase, Tracked, Entity):
    """A reviewer's comment on one agreement, statement or section of a submitted plan."""

    __tablename__ = "plan_approval_comments"
    __audit_entity__ = "plan_approval_comment"
    __table_args__ = (Index("ix_plan_approval_comments_approval", "approval_id", "position"),)

    approval_id: Mapped[int] = parent_fk("plan_approvals")
    position: Mapped[ordinal]
    #: vocab.CommentTarget: agreement / statement / section / plan.
    target_kind: Mapped[str20]
    #: An agreement's or statement's lineage, a section's code; "" for the plan as a whole.
    target_key: Mapped[str] = mapped_column(String(64), default="")
    #: What the target was called when the comment was written (kept when it changes or goes).
    target_label: Mapped[str] = mapped_column(default="")
    text: Mapped[str]

    def audit_label(self) -> str:
        return short_label(self.text)


class GoalJudgement(BelongsToCase, Tracked, Entity):
    """At a review (or a network meeting): is a safety goal met, partly or not, and since when
    has the change been seen? The goal's clock runs from the latest `seen_since`."""

    __tablename__ = "goal_judgements"
    __audit_entity__ = "goal_judgement"
    __table_args__ = (
        Index("ix_goal_judgements_goal", "household_id", "goal_lineage", "judged_on"),
        UniqueConstraint("review_id", "goal_lineage", name="uq_goal_judgements_review"),
    )

    #: The safety goal (its lineage: the same goal across mapping moments).
    goal_lineage: Mapped[str32]
    judged_on: Mapped[dt.date]
    #: vocab.GoalJudgement: met / partly / not_met.
    judgement: Mapped[str10]
    #: Since when the change the goal asks for has been seen (None: not seen yet).
    seen_since: Mapped[dt.date | None]
    note: Mapped[str] = mapped_column(default="")
    judged_by: Mapped[str200] = mapped_column(default="")
    #: The plan review it was given at (removed with it), or None.
    review_id: Mapped[int | None] = mapped_column(ForeignKey("plan_reviews.id", ondelete="CASCADE"))
    #: The network meeting it was given in, or None.
    network_meeting_id: Mapped[int | None] = optional_fk("network_meetings")

    def audit_label(self) -> str:
        return f"{self.goal_lineage[:8]}: {self.judgement}"
