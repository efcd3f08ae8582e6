"""Marking a ZRM note as holding special categories of personal data (health, addiction,
justice; `framework/special_rules`): a domain's note or an assessment's note. A marked note
stays out of the ZRM summary unless its selection includes special categories.

Earlier assessments may be marked too (through `framework.special.mark_row`): the mark does not
change what was seen, only what an export shows. Only an open case changes.
"""

from __future__ import annotations

from jeugdtool.framework.special import mark_row
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore
from jeugdtool.zrm.reading import to_dto


def _assessment_of(uow: UnitOfWork, score: ZrmDomainScore) -> AssessmentDTO:
    return to_dto(uow, get(uow, ZrmAssessment, score.assessment_id))


def mark_domain_note(
    uow: UnitOfWork,
    score_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[AssessmentDTO]:
    """Mark the note of one domain score (`DomainScore.id`); the assessment as it is now."""
    return mark_row(uow, ZrmDomainScore, score_id, category, expected, _assessment_of)


def mark_assessment_note(
    uow: UnitOfWork,
    assessment_id: int,
    category: SpecialCategory | str,
    *,
    expected: Expected = None,
) -> Outcome[AssessmentDTO]:
    """Mark an assessment's own note."""
    return mark_row(uow, ZrmAssessment, assessment_id, category, expected, to_dto)
