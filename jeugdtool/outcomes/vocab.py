"""Closed vocabularies of the outcomes package, with the labels the user sees."""

from __future__ import annotations

from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum

__all__ = [
    "DecidedBy",
    "EndedAs",
    "EndedEarlyBy",
    "ExperienceQuestion",
    "FurtherHelp",
    "GoalOutcome",
    "HelpUnit",
    "NewStartKind",
]


class DecidedBy(LabelledEnum):
    """Who decided the help (the legal route to it, Jeugdwet art. 2.6 / 2.3)."""

    MUNICIPALITY = "municipality", N_("Municipality")
    GP = "gp", N_("GP")
    MEDICAL_SPECIALIST = "medical_specialist", N_("Medical specialist")
    YOUTH_DOCTOR = "youth_doctor", N_("Youth doctor")
    CERTIFIED_INSTITUTION = "certified_institution", N_("Certified institution")
    COURT = "court", N_("Court or public prosecutor")
    FREE_ACCESS = "free_access", N_("Freely accessible (no decision)")


class HelpUnit(LabelledEnum):
    """What one unit of help is, for the cost per unit."""

    HOUR = "hour", N_("hour")
    DAY_PART = "day_part", N_("day part")
    DAY = "day", N_("day (24 hours)")
    WEEK = "week", N_("week")
    MONTH = "month", N_("month")
    TRAJECTORY = "trajectory", N_("trajectory")


class GoalOutcome(LabelledEnum):
    """How far a goal was reached when the case closed."""

    FULLY = "fully", N_("Fully reached")
    MOSTLY = "mostly", N_("Mostly reached")
    PARTLY = "partly", N_("Partly reached")
    NOT = "not", N_("Not reached")

    @property
    def realised(self) -> bool:
        """Counts as realised for the `goals_realised` indicator (docs/indicators.md)."""
        return self in (GoalOutcome.FULLY, GoalOutcome.MOSTLY)


class FurtherHelp(LabelledEnum):
    """Whether help is still needed after closing."""

    NONE = "none", N_("No further help needed")
    COMMUNITY = "community", N_("Help from the voorliggend veld (community services)")
    OTHER = "other", N_("Other help")


class EndedAs(LabelledEnum):
    PLANNED = "planned", N_("As planned")
    EARLY = "early", N_("Early")


class EndedEarlyBy(LabelledEnum):
    """Who ended the help early (uitval)."""

    FAMILY = "family", N_("The family")
    PROVIDER = "provider", N_("The provider")
    MUNICIPALITY = "municipality", N_("The municipality")


class NewStartKind(LabelledEnum):
    REOPENED = "reopened", N_("Case reopened")
    NEW_CASE = "new_case", N_("New case for the same child")


class ExperienceQuestion(LabelledEnum):
    """The three questions of the family's experience (each answered 1–5)."""

    HEARD = "heard", N_("I felt heard")
    HELPED = "helped", N_("The help helped me")
    KNOWS_WHAT_TO_DO = "knows_what_to_do", N_("I know what to do if it goes wrong again")
