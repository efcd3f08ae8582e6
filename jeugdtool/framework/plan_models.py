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

from jeugdtool.framework.models import BelongsToCase
from jeugdtool.framework.models import SourceColumns
from jeugdtool.framework.models import new_lineage
from jeugdtool.store.base import Base
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import short_label
from jeugdtool.store.columns import Lines


class PlanVersion(BelongsToCase, Tracked, Base):
    __tablename__ = "plan_versions"
    __audit_entity__ = "plan_version"
    __table_args__ = (UniqueConstraint("household_id", "number", name="uq_plan_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 1, 2, 3 … per household, in order of creation.
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    #: "draft" or "final".
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="draft")
    based_on_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="SET NULL")
    )
    #: The mapping moment whose statements the plan shows; None while a draft (the newest).
    moment_id: Mapped[int | None] = mapped_column(
        ForeignKey("mapping_moments.id", ondelete="SET NULL")
    )
    finalised_on: Mapped[dt.date | None] = mapped_column(Date)
    finalised_by: Mapped[str | None] = mapped_column(String(200))
    #: Why the consultant finalised although not everything was SMART, accepted or covered.
    override_reason: Mapped[str | None] = mapped_column(Text)
    #: How the children are told about the plan, in words a child understands.
    children_told: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: When and how the plan is reviewed, and the next review date.
    review_schedule: Mapped[str] = mapped_column(Text, nullable=False, default="")
    next_review_on: Mapped[dt.date | None] = mapped_column(Date)
    #: What happens when an agreement is not kept.
    when_not_kept: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return f"v{self.number}"


class PlanNetworkRole(BelongsToCase, SourceColumns, Tracked, Base):
    """Someone of the safety network, their role in the plan, and when they were told."""

    __tablename__ = "plan_network_roles"
    __audit_entity__ = "plan_network_role"
    __table_args__ = (Index("ix_plan_network_roles_version", "plan_version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: E.g. "checks contact", "the child's trusted person", "chairs the network".
    role: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: The date they were told the worries and the goals.
    told_on: Mapped[dt.date | None] = mapped_column(Date)

    def audit_label(self) -> str:
        return short_label(f"{self.source_label}: {self.role}")


class RedFlag(BelongsToCase, Tracked, Base):
    """A sign network members watch for, who watches, and what they do when they see it."""

    __tablename__ = "red_flags"
    __audit_entity__ = "red_flag"
    __table_args__ = (Index("ix_red_flags_version", "plan_version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    sign: Mapped[str] = mapped_column(Text, nullable=False)
    #: Who watches for it (names, one per line).
    watched_by: Mapped[tuple[str, ...]] = mapped_column(Lines, nullable=False, default=())
    action: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return short_label(self.sign)


class Agreement(BelongsToCase, Tracked, Base):
    """One SMART agreement of a plan version."""

    __tablename__ = "agreements"
    __audit_entity__ = "agreement"
    __table_args__ = (Index("ix_agreements_version", "plan_version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False
    )
    lineage: Mapped[str] = mapped_column(String(32), nullable=False, default=new_lineage)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: What exactly will be done.
    what: Mapped[str] = mapped_column(Text, nullable=False)
    #: When or how often, as said ("elke woensdag", "vóór 1 december").
    when: Mapped[str] = mapped_column(Text, nullable=False, default="")
    start_on: Mapped[dt.date | None] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    #: Where, or in which situation.
    where: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: How we will know it happened (an observable check), and who checks.
    check: Mapped[str] = mapped_column(Text, nullable=False, default="")
    checked_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: The danger statements / safety goals / bottom lines (lineages, one per line) it serves.
    serves: Mapped[tuple[str, ...]] = mapped_column(Lines, nullable=False, default=())
    #: proposed / agreed / kept / not_kept / lapsed
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="proposed")
    #: The consultant confirmed it is realistic (the R of SMART).
    realistic_confirmed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    #: When this agreement is looked at again.
    review_on: Mapped[dt.date | None] = mapped_column(Date)

    def audit_label(self) -> str:
        return short_label(self.what)


class AgreementParty(BelongsToCase, SourceColumns, Tracked, Base):
    """A person an agreement names (who does it), and whether, when and how they accepted it.

    "Accepted by everyone" is computed from these rows, never ticked by hand.
    """

    __tablename__ = "agreement_parties"
    __audit_entity__ = "agreement_party"
    __table_args__ = (Index("ix_agreement_parties_agreement", "agreement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False
    )
    #: None: not asked yet; True: accepted; False: does not accept.
    accepted: Mapped[bool | None] = mapped_column(Boolean)
    accepted_on: Mapped[dt.date | None] = mapped_column(Date)
    #: meeting / phone / signed / other
    accepted_how: Mapped[str | None] = mapped_column(String(20))

    def audit_label(self) -> str:
        return self.source_label


class PlanReview(BelongsToCase, Tracked, Base):
    """A review moment: how the agreements of a (finalised) version were kept."""

    __tablename__ = "plan_reviews"
    __audit_entity__ = "plan_review"
    __table_args__ = (Index("ix_plan_reviews_household", "household_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False
    )
    held_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: The network meeting this review was held in (dossier/network_models), if any.
    network_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("network_meetings.id", ondelete="SET NULL")
    )

    def audit_label(self) -> str:
        return self.held_on.isoformat()


class ReviewResult(BelongsToCase, Tracked, Base):
    """For one agreement at one review: kept, partly kept or not kept, and who said so."""

    __tablename__ = "review_results"
    __audit_entity__ = "review_result"
    __table_args__ = (
        UniqueConstraint("review_id", "agreement_lineage", name="uq_review_results_agreement"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("plan_reviews.id", ondelete="CASCADE"), nullable=False
    )
    agreement_lineage: Mapped[str] = mapped_column(String(32), nullable=False)
    #: yes / partly / no
    kept: Mapped[str] = mapped_column(String(10), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reported_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: A follow-up to carry into the next draft as a new agreement (empty: none).
    follow_up: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return f"{self.agreement_lineage[:8]}: {self.kept}"


class PlanApproval(BelongsToCase, Tracked, Base):
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

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False
    )
    #: vocab.ApprovalState.
    state: Mapped[str] = mapped_column(String(12), nullable=False, default="submitted")
    submitted_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    #: Who submitted it: the staff member and the name as it was then.
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultants.id", ondelete="SET NULL")
    )
    submitted_by: Mapped[str] = mapped_column(String(200), nullable=False)
    #: The reviewer asked (None with an empty name: any reviewer of the case's team).
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultants.id", ondelete="SET NULL")
    )
    reviewer: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: The decision is due by this day (the organisation's working days after submission).
    due_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    #: What the submitter asks or explains.
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultants.id", ondelete="SET NULL")
    )
    decided_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: The reviewer's general comment (per item: PlanApprovalComment).
    decision_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Approved: when the plan must be reviewed again (the organisation's re-review period).
    re_review_on: Mapped[dt.date | None] = mapped_column(Date)

    def audit_label(self) -> str:
        return f"{self.submitted_on.isoformat()}: {self.state}"


class PlanApprovalComment(BelongsToCase, Tracked, Base):
    """A reviewer's comment on one agreement, statement or section of a submitted plan."""

    __tablename__ = "plan_approval_comments"
    __audit_entity__ = "plan_approval_comment"
    __table_args__ = (Index("ix_plan_approval_comments_approval", "approval_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    approval_id: Mapped[int] = mapped_column(
        ForeignKey("plan_approvals.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: vocab.CommentTarget: agreement / statement / section / plan.
    target_kind: Mapped[str] = mapped_column(String(20), nullable=False)
    #: An agreement's or statement's lineage, a section's code; "" for the plan as a whole.
    target_key: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    #: What the target was called when the comment was written (kept when it changes or goes).
    target_label: Mapped[str] = mapped_column(Text, nullable=False, default="")
    text: Mapped[str] = mapped_column(Text, nullable=False)

    def audit_label(self) -> str:
        return short_label(self.text)


class GoalJudgement(BelongsToCase, Tracked, Base):
    """At a review (or a network meeting): is a safety goal met, partly or not, and since when
    has the change been seen? The goal's clock runs from the latest `seen_since`."""

    __tablename__ = "goal_judgements"
    __audit_entity__ = "goal_judgement"
    __table_args__ = (
        Index("ix_goal_judgements_goal", "household_id", "goal_lineage", "judged_on"),
        UniqueConstraint("review_id", "goal_lineage", name="uq_goal_judgements_review"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The safety goal (its lineage: the same goal across mapping moments).
    goal_lineage: Mapped[str] = mapped_column(String(32), nullable=False)
    judged_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    #: vocab.GoalJudgement: met / partly / not_met.
    judgement: Mapped[str] = mapped_column(String(10), nullable=False)
    #: Since when the change the goal asks for has been seen (None: not seen yet).
    seen_since: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    judged_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: The plan review it was given at (removed with it), or None.
    review_id: Mapped[int | None] = mapped_column(ForeignKey("plan_reviews.id", ondelete="CASCADE"))
    #: The network meeting it was given in, or None.
    network_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("network_meetings.id", ondelete="SET NULL")
    )

    def audit_label(self) -> str:
        return f"{self.goal_lineage[:8]}: {self.judgement}"
