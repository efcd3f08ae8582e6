"""Closed vocabularies of the framework, with the labels the user sees (marked for gettext).

The wording that differs between Signs of Safety and Signs of Wellbeing (cell titles, questions,
examples) is content and lives in `resources/framework/`; these are the stable codes.
"""

from __future__ import annotations

from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum


class Column(LabelledEnum):
    WORRIES = "worries", N_("What are we worried about?")
    WORKING_WELL = "working_well", N_("What is working well?")
    NEEDS = "needs", N_("What needs to happen?")


class Cell(LabelledEnum):
    """The eight cells of the map, in the order the method works through them."""

    HARM = "harm", N_("What happened?")
    DANGER = "danger", N_("What are we afraid of?")
    COMPLICATING_FACTORS = "complicating_factors", N_("Complicating factors")
    STRENGTHS = "strengths", N_("Existing strengths")
    EXISTING_SAFETY = "existing_safety", N_("Existing safety")
    PROFESSIONAL_GOALS = "professional_goals", N_("Goals of the professional")
    FAMILY_GOALS = "family_goals", N_("Goals of the family")
    IMMEDIATE_NEEDS = "immediate_needs", N_("What must happen right away")

    @property
    def column(self) -> Column:
        return CELL_COLUMN[self]

    @property
    def is_worry(self) -> bool:
        return CELL_COLUMN[self] is Column.WORRIES


CELL_COLUMN = {
    Cell.HARM: Column.WORRIES,
    Cell.DANGER: Column.WORRIES,
    Cell.COMPLICATING_FACTORS: Column.WORRIES,
    Cell.STRENGTHS: Column.WORKING_WELL,
    Cell.EXISTING_SAFETY: Column.WORKING_WELL,
    Cell.PROFESSIONAL_GOALS: Column.NEEDS,
    Cell.FAMILY_GOALS: Column.NEEDS,
    Cell.IMMEDIATE_NEEDS: Column.NEEDS,
}


class WorryKind(LabelledEnum):
    """A problem has a solution; a limitation (beperking) has none and is lived with."""

    PROBLEM = "problem", N_("Problem")
    LIMITATION = "limitation", N_("Limitation")


class SourceKind(LabelledEnum):
    """Who said something, gave a score or was present."""

    PERSON = "person", N_("Household member")
    NETWORK = "network", N_("Network member")
    CONSULTANT = "consultant", N_("Consultant")
    OTHER = "other", N_("Other")


class Stance(LabelledEnum):
    AGREES = "agrees", N_("Agrees")
    DISPUTES = "disputes", N_("Disputes")


class StatementType(LabelledEnum):
    HARM = "harm", N_("Harm statement")
    DANGER = "danger", N_("Danger statement")
    SAFETY_GOAL = "safety_goal", N_("Safety goal")
    BOTTOM_LINE = "bottom_line", N_("Bottom line")


class ScoreContext(LabelledEnum):
    CONVERSATION = "conversation", N_("Conversation")
    NETWORK_MEETING = "network_meeting", N_("Network meeting")
    REFLECTIVE_PRACTICE = "reflective_practice", N_("Reflective practice")


class RaterRole(LabelledEnum):
    CASE_MANAGER = "case_manager", N_("Case manager")
    CONSULTANT = "consultant", N_("Consultant")
    PARENT = "parent", N_("Parent")
    CHILD = "child", N_("Child")
    NETWORK = "network", N_("Network member")
    PROFESSIONAL = "professional", N_("Professional")
    COLLEAGUE = "colleague", N_("Colleague in reflective practice")


class PlanStatus(LabelledEnum):
    DRAFT = "draft", N_("Draft")
    FINAL = "final", N_("Finalised")


class AgreementStatus(LabelledEnum):
    PROPOSED = "proposed", N_("Proposed")
    AGREED = "agreed", N_("Agreed")
    KEPT = "kept", N_("Kept")
    NOT_KEPT = "not_kept", N_("Not kept")
    LAPSED = "lapsed", N_("Lapsed")


class AcceptedHow(LabelledEnum):
    MEETING = "meeting", N_("In a meeting")
    PHONE = "phone", N_("By phone")
    SIGNED = "signed", N_("Signed")
    OTHER = "other", N_("Otherwise")


class Kept(LabelledEnum):
    YES = "yes", N_("Kept")
    PARTLY = "partly", N_("Partly kept")
    NO = "no", N_("Not kept")


class PeriodUnit(LabelledEnum):
    """The unit of how long a safety goal's change must be seen."""

    WEEKS = "weeks", N_("weeks")
    MONTHS = "months", N_("months")


class IncidentMark(LabelledEnum):
    """Which time a harm statement describes (the method asks for the first, the worst and the
    most recent time; one incident can be more than one of them)."""

    FIRST = "first", N_("First time")
    WORST = "worst", N_("Worst time")
    LAST = "last", N_("Most recent time")


class Judgement(LabelledEnum):
    """A safety goal at a review: is what it asks for seen?"""

    MET = "met", N_("Met")
    PARTLY = "partly", N_("Partly met")
    NOT_MET = "not_met", N_("Not met")


class ApprovalState(LabelledEnum):
    """A plan version submitted for review (toetsing) by a werkbegeleider or
    gedragsdeskundige."""

    SUBMITTED = "submitted", N_("Submitted for review")
    APPROVED = "approved", N_("Approved")
    RETURNED = "returned", N_("Returned with comments")
    WITHDRAWN = "withdrawn", N_("Withdrawn")


class CommentTarget(LabelledEnum):
    """What a reviewer's comment is about."""

    AGREEMENT = "agreement", N_("Agreement")
    STATEMENT = "statement", N_("Statement")
    SECTION = "section", N_("Part of the plan")
    PLAN = "plan", N_("The plan as a whole")


class PlanState(LabelledEnum):
    """A case's plan as the case list and the overview show it (computed, never stored)."""

    NONE = "none", N_("No plan")
    DRAFT = "draft", N_("Draft")
    FINAL = "final", N_("Finalised, not submitted")
    SUBMITTED = "submitted", N_("Submitted for review")
    RETURNED = "returned", N_("Returned with comments")
    APPROVED = "approved", N_("Approved")
    REVIEW_OVERDUE = "review_overdue", N_("Review overdue")


class SpecialCategory(LabelledEnum):
    """A special category of personal data (AVG art. 9 and 10) an agreement or a help item is
    about; NONE: not marked. A marked item stays out of an export unless its selection includes
    special categories (export/selection.py)."""

    NONE = "", N_("Not marked")
    HEALTH = "health", N_("Health")
    ADDICTION = "addiction", N_("Addiction")
    JUSTICE = "justice", N_("Justice (police, court, probation)")
