"""Frozen views of framework data for screens, commands and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import Stance
from jeugdtool.framework.vocab import WorryKind


@dataclass(frozen=True)
class Source:
    """Who said it (or scored, or was present)."""

    kind: SourceKind = SourceKind.CONSULTANT
    person_id: int | None = None
    network_id: int | None = None
    #: The name as shown ("Sanne (moeder)"), kept even if the person leaves the case.
    label: str = ""


@dataclass(frozen=True)
class StanceDTO:
    id: int
    who: str
    stance: Stance


@dataclass(frozen=True)
class MapItemDTO:
    id: int
    moment_id: int
    lineage: str
    cell: Cell
    position: int
    text: str
    source: Source
    concerns_person_id: int | None
    worry_kind: WorryKind | None
    stances: tuple[StanceDTO, ...] = ()
    version: int = 1


@dataclass(frozen=True)
class MomentSummary:
    id: int
    household_id: int
    held_on: dt.date
    author: str
    present: tuple[str, ...]
    copied_from_id: int | None
    #: Only the newest moment of a case can change.
    editable: bool
    item_count: int


@dataclass(frozen=True)
class MomentDetail:
    moment: MomentSummary
    #: Every cell, in method order, with its items in order (empty cells included).
    cells: dict[Cell, tuple[MapItemDTO, ...]] = field(default_factory=dict)

    def items(self) -> list[MapItemDTO]:
        return [item for cell in Cell for item in self.cells.get(cell, ())]


@dataclass(frozen=True)
class ItemChange:
    """How one item differs between two moments (matched by lineage)."""

    kind: str  # "added", "removed", "changed", "moved", "same"
    before: MapItemDTO | None
    after: MapItemDTO | None


@dataclass(frozen=True)
class MomentComparison:
    older: MomentSummary
    newer: MomentSummary
    changes: tuple[ItemChange, ...]

    def of_kind(self, kind: str) -> list[ItemChange]:
        return [c for c in self.changes if c.kind == kind]
