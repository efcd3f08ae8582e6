"""Closed vocabularies of the ZRM, with the labels the user sees (marked for gettext)."""

from __future__ import annotations

from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum


class CarriedBy(LabelledEnum):
    """Who carries the functioning in a domain. Self-sufficiency includes help: someone who
    manages well with help from the network or professionals is self-sufficient (seed 004 §5.2,
    the third definition)."""

    SELF = "self", N_("Mostly the person themselves")
    NETWORK = "network", N_("Mostly the network")
    PROFESSIONAL = "professional", N_("Mostly professional help")
    SHARED = "shared", N_("Network and professionals together")


class Direction(LabelledEnum):
    """How a domain's level moved between two assessments."""

    UP = "up", N_("better")
    DOWN = "down", N_("worse")
    SAME = "same", N_("the same")
    #: Assessed now, not before (or the other way round): no comparison.
    NEW = "new", N_("newly assessed")
    GONE = "gone", N_("no longer assessed")

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼", "same": "=", "new": "•", "gone": "∅"}[self.value]
