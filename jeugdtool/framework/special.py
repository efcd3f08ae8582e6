"""Marking a text as holding special categories of personal data (health, addiction, justice;
`special_rules`): an agreement, a family's own goal, a statement, "how the children are told"
of a plan version, a review's note and a review result (note and follow-up). ZRM notes are marked in
`zrm/special.py`; a help item through `outcomes.help.update_help` with the field
"special_category". Every mark goes through `mark_row`.

The mark may change in a finalised plan version, a past mapping moment or a past review too: it
does not change what was said or agreed, only what an export shows — and those are what
partners receive, so the consultant must be able to mark them. Only an open case changes
(`ensure_open`).
"""

from __future__ import annotations

from collections.abc import Callable
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


def mark_row(
    uow: UnitOfWork,
    model: type[M],
    row_id: int,
    category: SpecialCategory | str,
    expected: Expected,
    read: Callable[[UnitOfWork, M], T],
    *,
    column: str = FIELD,
) -> Outcome[T]:
    """Mark the row of an open case with `category` (SpecialCategory.NONE or "": clear the
    mark) and return it as `read` shows it.

    `expected` (undo/redo): {column: the mark the caller believes is current}; when someone else
    changed it since, ConflictError and nothing changes.
    """
    clean = {column: special_rules.clean_category(category)}
    return save_fields(
        uow, lambda: open_row(uow, model, row_id), clean, expected, lambda row: read(uow, row)
    )


def mark_agreement(
    uow: UnitOfWork,
    agreement_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[AgreementDTO]:
    """Mark an agreement, in a draft or a finalised version."""
    return mark_row(uow, Agreement, agreement_id, category, expected, loaded_agreement)


def mark_family_goal(
    uow: UnitOfWork,
    goal_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[FamilyGoalDTO]:
    """Mark a goal of the family's own, in a draft or a finalised version."""
    return mark_row(
        uow, FamilyGoal, goal_id, category, expected, lambda _uow, row: family_goal_dto(row)
    )


def _statement(uow: UnitOfWork, row: Statement) -> StatementDTO:
    return next(s for s in load_statements(uow, row.moment_id) if s.id == row.id)


def mark_statement(
    uow: UnitOfWork,
    statement_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[StatementDTO]:
    """Mark a statement (danger, harm, complicating factor, …) of any mapping moment."""
    return mark_row(uow, Statement, statement_id, category, expected, _statement)


def mark_children_told(
    uow: UnitOfWork,
    version_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[PlanVersionDTO]:
    """Mark "how the children are told" of a plan version, a draft or a finalised one;
    `expected`: {"children_told_category": …}."""
    return mark_row(
        uow,
        PlanVersion,
        version_id,
        category,
        expected,
        lambda _uow, row: version_dto(row),
        column=CHILDREN_TOLD,
    )


def mark_review(
    uow: UnitOfWork,
    review_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[ReviewDTO]:
    """Mark a review's note."""
    return mark_row(
        uow,
        PlanReview,
        review_id,
        category,
        expected,
        lambda u, row: loaded_reviews(u, [row])[0],
    )


def mark_review_result(
    uow: UnitOfWork,
    result_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[ReviewResultDTO]:
    """Mark a review result: its note and its follow-up."""
    return mark_row(
        uow, ReviewResult, result_id, category, expected, lambda _uow, row: result_dto(row)
    )
