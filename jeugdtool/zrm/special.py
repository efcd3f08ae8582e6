"""Marking a ZRM note as holding special categories of personal data (health, addiction,
justice; `framework/special_rules`): a domain's note or an assessment's note. A marked note
stays out of the ZRM summary unless its selection includes special categories.

Earlier assessments may be marked too (through `framework.special.Marker`): the mark does not
change what was seen, only what an export shows. Only an open case changes.
"""

from __future__ import annotations

from jeugdtool.framework.special import Marker
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore
from jeugdtool.zrm.reading import to_dto


def _assessment_of(uow: UnitOfWork, score: ZrmDomainScore) -> AssessmentDTO:
    return to_dto(uow, get(uow, ZrmAssessment, score.assessment_id))


#: Mark the note of one domain score (`DomainScore.id`); the assessment as it is now.
mark_domain_note: Marker[ZrmDomainScore, AssessmentDTO] = Marker(ZrmDomainScore, _assessment_of)
#: Mark an assessment's own note.
mark_assessment_note: Marker[ZrmAssessment, AssessmentDTO] = Marker(ZrmAssessment, to_dto)
