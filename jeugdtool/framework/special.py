"""Marking a text as holding special categories of personal data (health, addiction, justice;
`special_rules`): an agreement, a family's own goal, a statement, "how the children are told"
of a plan version, a review's note and a review result (note and follow-up). ZRM notes are marked in
`zrm/special.py`; a help item through `outcomes.help.update_help` with the field
"special_category". Every mark goes through a `Marker`.

The mark may change in a finalised plan version, a past mapping moment or a past review too: it
does not change what was said or agreed, only what an export shows — and those are what
partners receive, so the consultant must be able to mark them. Only an open case changes
(`ensure_open`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic
from typing import TypeVar

from jeugdtool.framework import special_rules
from jeugdtool.framework._common import open_row
from jeugdtool.framework._common import save_fields
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import FamilyGoalDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_dto import ReviewDTO
from jeugdtool.framework.plan_dto import ReviewResultDTO
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import FamilyGoal
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.plan_models import ReviewResult
from jeugdtool.framework.plan_reviews import loaded_reviews
from jeugdtool.framework.plan_reviews import result_dto
from jeugdtool.framework.plans import family_goal_dto
from jeugdtool.framework.plans import loaded_agreement
from jeugdtool.framework.plans import version_dto
from jeugdtool.framework.statement_dto import StatementDTO
from jeugdtool.framework.statements import load_statements
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.store.base import Base
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.uow import UnitOfWork

M = TypeVar("M", bound=Base)
T = TypeVar("T")

#: The column of a mark (a plan version's is `CHILDREN_TOLD`).
FIELD = "special_category"
#: The column of the mark on a plan version's "how the children are told".
CHILDREN_TOLD = "children_told_category"


@dataclass(frozen=True)
class Marker(Generic[M, T]):
    """Marks one kind of row: `marker(uow, row_id, category, expected=…)` marks the row of an
    open case with `category` (SpecialCategory.NONE or "": clear the mark) and returns it as
    `read` shows it.

    `expected` (undo/redo): {column: the mark the caller believes is current}; when someone else
    changed it since, ConflictError and nothing changes.
    """

    model: type[M]
    read: Callable[[UnitOfWork, M], T]
    #: The column the mark is in.
    column: str = FIELD

    def __call__(
        self,
        uow: UnitOfWork,
        row_id: int,
        category: SpecialCategory | str,
        *,
        expected: Expected = None,
    ) -> Outcome[T]:
        clean = {self.column: special_rules.clean_category(category)}
        return save_fields(
            uow,
            lambda: open_row(uow, self.model, row_id),
            clean,
            expected,
            lambda row: self.read(uow, row),
        )


def _statement(uow: UnitOfWork, row: Statement) -> StatementDTO:
    return next(s for s in load_statements(uow, row.moment_id) if s.id == row.id)


#: Mark an agreement, in a draft or a finalised version.
mark_agreement: Marker[Agreement, AgreementDTO] = Marker(Agreement, loaded_agreement)
#: Mark a goal of the family's own, in a draft or a finalised version.
mark_family_goal: Marker[FamilyGoal, FamilyGoalDTO] = Marker(
    FamilyGoal, lambda _uow, row: family_goal_dto(row)
)
#: Mark a statement (danger, harm, complicating factor, …) of any mapping moment.
mark_statement: Marker[Statement, StatementDTO] = Marker(Statement, _statement)
#: Mark "how the children are told" of a plan version, a draft or a finalised one;
#: `expected`: {"children_told_category": …}.
mark_children_told: Marker[PlanVersion, PlanVersionDTO] = Marker(
    PlanVersion, lambda _uow, row: version_dto(row), column=CHILDREN_TOLD
)
#: Mark a review's note.
mark_review: Marker[PlanReview, ReviewDTO] = Marker(
    PlanReview, lambda uow, row: loaded_reviews(uow, [row])[0]
)
#: Mark a review result: its note and its follow-up.
mark_review_result: Marker[ReviewResult, ReviewResultDTO] = Marker(
    ReviewResult, lambda _uow, row: result_dto(row)
)
