"""The word list of a family's documents: the method terms that stay, each said in plain Dutch.

The documents for a family and its network avoid jargon; where a Signs of Safety term must stay
(the family meets it again in meetings and letters), the document explains it once in a short
box "Woorden in dit plan". One list for every document: the plan, the network plan and the
child's documents pick the terms they use. The words are gettext messages like every other
text, written at language level B1 (tests/core/test_family_wording.py measures them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jeugdtool.cases.vocab import CaseMode
from jeugdtool.framework.wording import for_mode
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

#: code -> (the term, what it means); in the order a plan uses them.
TERMS: dict[str, tuple[str, str]] = {
    "safety_plan": (
        N_("Safety plan"),
        N_("The agreements that keep the children safe. Everyone in the plan knows what to do."),
    ),
    "worry": (
        N_("Worry"),
        N_("What we are afraid of, if nothing changes."),
    ),
    "safety_goal": (
        N_("Safety goal"),
        N_("What must be there, so that everyone can see that the children are safe."),
    ),
    "bottom_line": (
        N_("Requirement"),
        N_("What must happen in any case. This is not up for discussion."),
    ),
    "safety_network": (
        N_("Safety network"),
        N_("The people around the family who help to keep the children safe."),
    ),
    "signs": (
        N_("Signs"),
        N_("What tells us that things are going wrong. Then we do what the plan says."),
    ),
    "review": (
        N_("Review"),
        N_("On a set day we look at the plan together: what went well, and what must change?"),
    ),
}


@dataclass(frozen=True)
class Entry:
    term: str
    meaning: str


def glossary(codes: Iterable[str], mode: CaseMode | str = CaseMode.SAFETY) -> tuple[Entry, ...]:
    """The entries for `codes` (in the list's order, each once), translated and in the words of
    the case's way of working (a wellbeing case: "welzijnsplan")."""
    wanted = set(codes)
    unknown = wanted - TERMS.keys()
    if unknown:
        raise ValueError(f"unknown glossary terms {sorted(unknown)!r}")  # a programming error
    return tuple(
        Entry(
            for_mode(_(term), mode),
            for_mode(_(meaning), mode),
        )
        for code, (term, meaning) in TERMS.items()
        if code in wanted
    )
