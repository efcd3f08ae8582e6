"""What the outcome services read of a case the same way: a member as named, and the safety
goals of its newest mapping moment."""

from __future__ import annotations

from jeugdtool.cases.models import Person
from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework.models import Statement
from jeugdtool.framework.vocab import StatementType
from jeugdtool.store.rows import in_order
from jeugdtool.store.uow import UnitOfWork


def person_label(person: Person) -> str:
    """A household member as the outcome screens, help's "for whom" and experiences name them."""
    return f"{person.first_name} {person.last_name}".strip()


def current_goals(uow: UnitOfWork, case_id: int) -> list[tuple[str, str]]:
    """The safety goals of the case's newest mapping moment: (lineage, words), in order."""
    moment_id = latest_moment_id(uow, case_id)
    if moment_id is None:
        return []
    rows = in_order(
        uow,
        Statement,
        Statement.moment_id == moment_id,
        Statement.type == StatementType.SAFETY_GOAL.value,
    )
    # The sentence is generated from the parts; a goal saved before it was, has its parts only.
    return [(row.lineage, row.text or row.carers_will) for row in rows]
