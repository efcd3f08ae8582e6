"""Closed vocabularies of the cases package, with the labels the user sees (marked for gettext)."""

from __future__ import annotations

from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum
from jeugdtool.store.roles import StaffRole

__all__ = ["CaseMode", "CaseStatus", "LabelledEnum", "NetworkKind", "PersonRole", "StaffRole"]


class CaseMode(LabelledEnum):
    SAFETY = "safety", N_("Signs of Safety")
    WELLBEING = "wellbeing", N_("Signs of Wellbeing")


class CaseStatus(LabelledEnum):
    OPEN = "open", N_("Open")
    CLOSED = "closed", N_("Closed")
    ARCHIVED = "archived", N_("Archived")


class PersonRole(LabelledEnum):
    CHILD = "child", N_("Child")
    PARENT = "parent", N_("Parent")
    CARER = "carer", N_("Carer")
    OTHER = "other", N_("Other household member")


class NetworkKind(LabelledEnum):
    FAMILY = "family", N_("Family")
    FRIEND = "friend", N_("Friend")
    NEIGHBOUR = "neighbour", N_("Neighbour")
    SCHOOL = "school", N_("School")
    GP = "gp", N_("GP")
    POLICE = "police", N_("Police")
    SOCIAL_WORK = "social_work", N_("Social work")
    YOUTH_CARE = "youth_care", N_("Youth care")
    OTHER_PROFESSIONAL = "other_professional", N_("Other professional")
    OTHER = "other", N_("Other")

    @property
    def is_professional(self) -> bool:
        return self not in (
            NetworkKind.FAMILY,
            NetworkKind.FRIEND,
            NetworkKind.NEIGHBOUR,
            NetworkKind.OTHER,
        )
