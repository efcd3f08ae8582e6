"""Reading ZRM assessments as frozen DTOs: a case's or a person's, with which may still change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.dto import DomainScore
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore
from jeugdtool.zrm.vocab import CarriedBy

ADULT_AGE = 18


def is_adult(role: str, birth_date: dt.date | None, on: dt.date) -> bool:
    """Parents, carers and other adults; a child counts from their 18th birthday."""
    if role != PersonRole.CHILD.value:
        return True
    if birth_date is None:
        return False
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return age >= ADULT_AGE


# ---- reading ------------------------------------------------------------------------------


def _domain(row: Any) -> DomainScore:
    """A domain row (ORM object or plain row) as a DTO."""
    return as_dto(
        DomainScore,
        row,
        carried_by=CarriedBy(row.carried_by) if row.carried_by else None,
        plan_links=tuple(line for line in row.plan_links.splitlines() if line.strip()),
    )


def newest_id(uow: UnitOfWork, person_id: int, matrix_id: str) -> int | None:
    return uow.session.scalar(
        select(ZrmAssessment.id)
        .where(ZrmAssessment.person_id == person_id, ZrmAssessment.matrix_id == matrix_id)
        .order_by(ZrmAssessment.assessed_on.desc(), ZrmAssessment.id.desc())
        .limit(1)
    )


def to_dtos(uow: UnitOfWork, rows: Sequence[ZrmAssessment]) -> list[AssessmentDTO]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    scores: dict[int, list[Any]] = {i: [] for i in ids}
    # Plain rows, not ORM objects: a case's matrices are hundreds of rows, read on every edit.
    for score in uow.session.execute(
        select(*ZrmDomainScore.__table__.columns)
        .where(ZrmDomainScore.assessment_id.in_(ids))
        .order_by(ZrmDomainScore.position, ZrmDomainScore.id)
    ):
        scores[score.assessment_id].append(score)
    persons = {
        p.id: p
        for p in uow.session.scalars(
            select(Person).where(Person.id.in_({r.person_id for r in rows}))
        )
    }
    open_cases = set(
        uow.session.scalars(
            select(Household.id).where(
                Household.id.in_({r.household_id for r in rows}),
                Household.status == CaseStatus.OPEN.value,
            )
        )
    )
    newest: dict[tuple[int, str], ZrmAssessment] = {}
    for row in sorted(rows, key=lambda r: (r.assessed_on, r.id)):
        newest[(row.person_id, row.matrix_id)] = row
    out = []
    for row in rows:
        person = persons.get(row.person_id)
        is_newest = newest[(row.person_id, row.matrix_id)] is row
        out.append(
            as_dto(
                AssessmentDTO,
                row,
                person_name=f"{person.first_name} {person.last_name}".strip() if person else "",
                domains=tuple(_domain(s) for s in scores[row.id]),
                editable=is_newest and row.household_id in open_cases,
            )
        )
    return out


def to_dto(uow: UnitOfWork, row: ZrmAssessment) -> AssessmentDTO:
    siblings = list(
        uow.session.scalars(
            select(ZrmAssessment).where(
                ZrmAssessment.person_id == row.person_id,
                ZrmAssessment.matrix_id == row.matrix_id,
            )
        )
    )
    return next(d for d in to_dtos(uow, siblings) if d.id == row.id)


def list_assessments(
    uow: UnitOfWork, case_id: int, *, person_id: int | None = None
) -> tuple[AssessmentDTO, ...]:
    """The case's assessments (or one person's), oldest first."""
    with uow:
        get(uow, Household, case_id)
        query = select(ZrmAssessment).where(ZrmAssessment.household_id == case_id)
        if person_id is not None:
            query = query.where(ZrmAssessment.person_id == person_id)
        rows = list(
            uow.session.scalars(query.order_by(ZrmAssessment.assessed_on, ZrmAssessment.id))
        )
        # Every assessment of each person listed is among the rows (a person belongs to one
        # household), so which one is the newest per person and matrix can be told from them.
        return tuple(to_dtos(uow, rows))


def get_assessment(uow: UnitOfWork, assessment_id: int) -> AssessmentDTO:
    with uow:
        return to_dto(uow, get(uow, ZrmAssessment, assessment_id))


def eligible(person_role: str, birth_date: dt.date | None, on: dt.date, allow_youth: bool) -> bool:
    return allow_youth or is_adult(person_role, birth_date, on)


def load_person_assessments(uow: UnitOfWork, person_id: int) -> tuple[AssessmentDTO, ...]:
    """Inside an open unit of work: every assessment of a person, oldest first."""
    rows = list(
        uow.session.scalars(
            select(ZrmAssessment)
            .where(ZrmAssessment.person_id == person_id)
            .order_by(ZrmAssessment.assessed_on, ZrmAssessment.id)
        )
    )
    return tuple(to_dtos(uow, rows))


def person_assessments(uow: UnitOfWork, person_id: int) -> tuple[AssessmentDTO, ...]:
    """Every assessment of a person, oldest first (kept by the UI before removing the person,
    so undo can put them back)."""
    with uow:
        return load_person_assessments(uow, person_id)
