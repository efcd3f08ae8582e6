"""Reading ZRM assessments as frozen DTOs: a case's or a person's, with which may still change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import fields
from dataclasses import replace
from typing import Any

from sqlalchemy import literal_column
from sqlalchemy import select
from sqlalchemy import union_all

from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.framework._common import latest_moment_select
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plans import newest_version_select
from jeugdtool.framework.vocab import StatementType
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


#: A domain row is read with its assessment and then exactly its DTO's fields, in their order.
_DOMAIN_FIELDS = tuple(f.name for f in fields(DomainScore))
_DOMAIN_COLUMNS = tuple(
    ZrmDomainScore.__table__.c[name] for name in ("assessment_id", *_DOMAIN_FIELDS)
)
_CARRIED_BY = _DOMAIN_FIELDS.index("carried_by") + 1
#: An assessment row's columns its DTO shows (the rest of the DTO is given or read apart).
_ASSESSMENT_COLUMNS = tuple(
    ZrmAssessment.__table__.c[f.name]
    for f in fields(AssessmentDTO)
    if f.name in ZrmAssessment.__table__.c
)
#: Who carries a domain, by its stored value (a look-up: the enum's call for each of hundreds).
_CARRIERS = {c.value: c for c in CarriedBy}


def _domain(row: Sequence[Any]) -> DomainScore:
    """A domain row of `_DOMAIN_COLUMNS` as a DTO (by position: hundreds of rows a reload)."""
    values = list(row[1:])
    carried_by = row[_CARRIED_BY]
    values[_CARRIED_BY - 1] = (
        (_CARRIERS.get(carried_by) or CarriedBy(carried_by)) if carried_by else None
    )
    return DomainScore(*values)


def _known(known: Mapping[int, DomainScore], row: Any) -> DomainScore | None:
    found = known.get(row.id)
    return found if found is not None and found.version == row.version else None


def newest_id(uow: UnitOfWork, person_id: int, matrix_id: str) -> int | None:
    return uow.session.scalar(
        select(ZrmAssessment.id)
        .where(ZrmAssessment.person_id == person_id, ZrmAssessment.matrix_id == matrix_id)
        .order_by(ZrmAssessment.assessed_on.desc(), ZrmAssessment.id.desc())
        .limit(1)
    )


def to_dtos(
    uow: UnitOfWork,
    rows: Sequence[ZrmAssessment],
    known: Mapping[int, DomainScore] | None = None,
    *,
    open_cases: Collection[int] | None = None,
    names: Mapping[int, str] | None = None,
) -> list[AssessmentDTO]:
    """The assessments as DTOs. `known`: domains as read before, by id; a domain row of the
    same version is taken from there as it was instead of made anew. `open_cases`: which of
    the rows' cases are open, when the caller knows (else read here). `names`: the persons'
    full names by id, when the caller has them (else read here)."""
    if not rows:
        return []
    known = known or {}
    ids = [r.id for r in rows]
    scores: dict[int, list[Any]] = {i: [] for i in ids}
    # Plain rows, not ORM objects, of only the columns shown: a case's matrices are hundreds
    # of rows, read on every edit.
    for score in uow.session.execute(
        select(*_DOMAIN_COLUMNS)
        .where(ZrmDomainScore.assessment_id.in_(ids))
        .order_by(ZrmDomainScore.position, ZrmDomainScore.id)
    ):
        scores[score.assessment_id].append(score)
    persons = {r.person_id for r in rows}
    if names is None or not persons <= names.keys():
        # Only the names (whole person rows, as before, cost more to read and to build).
        names = {
            person_id: f"{first} {last}".strip()
            for person_id, first, last in uow.session.execute(
                select(Person.id, Person.first_name, Person.last_name).where(Person.id.in_(persons))
            )
        }
    if open_cases is None:
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
        is_newest = newest[(row.person_id, row.matrix_id)] is row
        out.append(
            as_dto(
                AssessmentDTO,
                row,
                person_name=names.get(row.person_id, ""),
                domains=tuple(_known(known, s) or _domain(s) for s in scores[row.id])
                if known
                else tuple(map(_domain, scores[row.id])),
                editable=is_newest and row.household_id in open_cases,
            )
        )
    return out


def to_dto(uow: UnitOfWork, row: ZrmAssessment) -> AssessmentDTO:
    dto = to_dtos(uow, [row])[0]  # taken there as the newest of its person and matrix
    if dto.editable and newest_id(uow, row.person_id, row.matrix_id) != row.id:
        dto = replace(dto, editable=False)
    return dto


def list_assessments(
    uow: UnitOfWork,
    case_id: int,
    *,
    person_id: int | None = None,
    known: Mapping[int, DomainScore] | None = None,
    names: Mapping[int, str] | None = None,
) -> tuple[AssessmentDTO, ...]:
    """The case's assessments (or one person's), oldest first. `known`: the domains as read
    before, by id (those not changed since are kept as they are: a reload after one level);
    `names`: the persons' full names by id, when the caller has them."""
    with uow:
        case = get(uow, Household, case_id)
        open_case = case.status == CaseStatus.OPEN.value
        return case_assessments_in(
            uow, case_id, open_case, person_id=person_id, known=known, names=names
        )


def case_assessments_in(
    uow: UnitOfWork,
    case_id: int,
    open_case: bool,
    *,
    person_id: int | None = None,
    known: Mapping[int, DomainScore] | None = None,
    names: Mapping[int, str] | None = None,
) -> tuple[AssessmentDTO, ...]:
    """Inside an open unit of work, for a caller that has just read the case (whether it is
    open, and its persons' `names` by id): as `list_assessments`."""
    # Plain rows of the columns the DTO shows, not ORM objects (read on every open and edit).
    query = select(*_ASSESSMENT_COLUMNS).where(ZrmAssessment.household_id == case_id)
    if person_id is not None:
        query = query.where(ZrmAssessment.person_id == person_id)
    rows: list[Any] = list(
        uow.session.execute(query.order_by(ZrmAssessment.assessed_on, ZrmAssessment.id))
    )
    # Every assessment of each person listed is among the rows (a person belongs to one
    # household), so which one is the newest per person and matrix can be told from them.
    open_cases = {case_id} if open_case else set()
    return tuple(to_dtos(uow, rows, known, open_cases=open_cases, names=names))


def plan_link_targets(
    uow: UnitOfWork, case_id: int
) -> tuple[list[tuple[str, str]], list[tuple[str, int, str]]]:
    """What a focus domain may be linked to, as the ZRM page names it: the safety goals of the
    case's newest mapping moment (lineage, text) and the agreements of its newest plan version
    (lineage, number, what), each in their order. Only the columns it names: reading the whole
    plan and map for these labels made the ZRM page slow to open."""
    with uow:
        return plan_link_targets_in(uow, case_id)


def plan_link_targets_in(
    uow: UnitOfWork, case_id: int
) -> tuple[list[tuple[str, str]], list[tuple[str, int, str]]]:
    """Inside an open unit of work: as `plan_link_targets`. One statement: the newest moment
    and plan version are found inside it (on PostgreSQL each statement is a round trip)."""
    goals = select(
        literal_column("0").label("part"),
        Statement.lineage,
        Statement.text,
        Statement.position,
        Statement.id,
    ).where(
        Statement.moment_id == latest_moment_select(case_id).scalar_subquery(),
        Statement.type == StatementType.SAFETY_GOAL.value,
    )
    agreements = select(
        literal_column("1").label("part"),
        Agreement.lineage,
        Agreement.what,
        Agreement.position,
        Agreement.id,
    ).where(Agreement.plan_version_id == newest_version_select(case_id).scalar_subquery())
    both = union_all(goals, agreements).subquery()
    found: tuple[list[tuple[str, str]], list[tuple[str, int, str]]] = ([], [])
    for part, lineage, text, position, _id in uow.session.execute(
        select(*both.c).order_by(both.c.part, both.c.position, both.c.id)
    ):
        if part == 0:
            found[0].append((lineage, text))
        else:
            found[1].append((lineage, position, text))
    return found


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
