"""Frozen views of statements: harm and danger statements, safety goals, bottom lines.

`StatementParts` is what the consultant fills in (the sentence generator and the writing checks
work on it, so a form can check what is typed before anything is saved); `StatementDTO` is a
saved statement of one mapping moment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdtool.framework.vocab import StatementType

#: The parts each type of statement has (besides `text`), in the order a form shows them.
PARTS: dict[StatementType, tuple[str, ...]] = {
    StatementType.HARM: ("children", "behaviour", "incident_on", "incident_marks", "impact"),
    StatementType.DANGER: ("who_worried", "behaviour", "example", "children", "impact"),
    StatementType.SAFETY_GOAL: (
        "pairs_with",
        "who_will",
        "carers_will",
        "child_will_experience",
        "professionals_will_see",
        "sustained_amount",
        "sustained_unit",
        "sustained_for",
    ),
    StatementType.BOTTOM_LINE: ("set_by", "set_on", "guards"),
}


@dataclass(frozen=True, kw_only=True)
class StatementParts:
    type: StatementType
    #: Harm, danger: the children it is about (person ids), in the order the sentence names them.
    children: tuple[int, ...] = ()
    #: Danger: who is worried (persons, organisations), in order.
    who_worried: tuple[str, ...] = ()
    #: Harm: what happened. Danger: the carers' concrete behaviour.
    behaviour: str = ""
    #: Danger: an example of that behaviour.
    example: str = ""
    #: Harm: when it happened, and whether it was the first, worst and/or last time
    #: (vocab.IncidentMark codes).
    incident_on: dt.date | None = None
    incident_marks: tuple[str, ...] = ()
    #: Harm: what it meant for the child. Danger: what could happen if nothing changes.
    impact: str = ""
    #: Safety goal: the lineage of the danger statement it answers.
    pairs_with: str | None = None
    #: Safety goal: who will do it (names as given; empty: the parents or carers).
    who_will: tuple[str, ...] = ()
    carers_will: str = ""
    child_will_experience: str = ""
    professionals_will_see: str = ""
    #: Safety goal: how long the change must be seen (amount + vocab.PeriodUnit code).
    sustained_amount: int | None = None
    sustained_unit: str | None = None
    #: Safety goal: a period older versions kept as text the upgrade could not read.
    sustained_for: str = ""
    #: Bottom line: who set it (Veilig Thuis, the team), when, and the safety goals (lineages)
    #: it guards.
    set_by: str = ""
    set_on: dt.date | None = None
    guards: tuple[str, ...] = ()
    #: The statement as one sentence (a bottom line is only this text).
    text: str = ""
    #: True once the consultant wrote the sentence; it then no longer follows the parts.
    text_edited: bool = False
    #: The statement in the family's own words, for the family's version of the plan ("": the
    #: statement's own words are used).
    family_words: str = ""
    #: A vocab.SpecialCategory value ("" when not marked).
    special_category: str = ""


@dataclass(frozen=True, kw_only=True)
class StatementDTO(StatementParts):
    id: int
    moment_id: int
    household_id: int
    #: The same statement across mapping moments (a copy keeps it).
    lineage: str
    #: 1-based, within its type and moment.
    position: int
    version: int = 1

    def parts(self) -> StatementParts:
        """Only what the consultant fills in (to compare, or to check a changed copy)."""
        return StatementParts(**{name: getattr(self, name) for name in PART_NAMES})


PART_NAMES: tuple[str, ...] = tuple(StatementParts.__dataclass_fields__)
