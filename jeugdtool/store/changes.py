"""What a service changed, so each screen can decide whether to redraw (after Anki's OpChanges)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Generic
from typing import TypeAlias
from typing import TypeVar

T = TypeVar("T")

#: The fields a service is asked to change, by name (the service's checks say which it takes).
Changes: TypeAlias = Mapping[str, Any]
#: The caller's view of a row before its change, as undo and redo pass it: the service refuses
#: with ConflictError when the row no longer looks like that. None: change the row as it is.
Expected: TypeAlias = Mapping[str, Any] | None


@dataclass(frozen=True)
class ChangeSet:
    #: Entity kinds touched, by their audit name ("household", "person", "network_member", …).
    entities: frozenset[str] = frozenset()
    #: Ids of the cases whose data changed.
    cases: frozenset[int] = frozenset()

    def touches(self, *entities: str) -> bool:
        return bool(self.entities.intersection(entities))

    def touches_case(self, case_id: int) -> bool:
        return case_id in self.cases

    def __bool__(self) -> bool:
        return bool(self.entities or self.cases)

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(self.entities | other.entities, self.cases | other.cases)


NO_CHANGES = ChangeSet()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A service's result: the value the caller asked for plus what changed."""

    value: T
    changes: ChangeSet = field(default=NO_CHANGES)
