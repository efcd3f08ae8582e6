"""Services for ZRM assessments: start one (from the previous), score domains, correct, remove.

An assessment belongs to one person of the household (adults; youth when the organisation
uses it). A new assessment starts from the previous one's values, so only changes are entered;
the first starts empty. Only the newest assessment of a person with a matrix can change: the
earlier ones are the record of what was seen then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import cast

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.members import Guard
from jeugdtool.cases.models import Person
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import clean_fields
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.checks import DOMAIN_FIELDS
from jeugdtool.zrm.checks import MAX_NOTE
from jeugdtool.zrm.checks import ReadOnlyAssessment
from jeugdtool.zrm.checks import carried_targets
from jeugdtool.zrm.checks import check_date
from jeugdtool.zrm.checks import check_domain_fields
from jeugdtool.zrm.checks import check_level
from jeugdtool.zrm.checks import check_links
from jeugdtool.zrm.checks import check_targets_after
from jeugdtool.zrm.checks import editable_assessment
from jeugdtool.zrm.checks import matrix_named
from jeugdtool.zrm.definitions import DEFAULT_MATRIX
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.dto import AssessmentDTO
from jeugdtool.zrm.dto import DomainScore
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore
from jeugdtool.zrm.reading import ADULT_AGE
from jeugdtool.zrm.reading import eligible
from jeugdtool.zrm.reading import get_assessment
from jeugdtool.zrm.reading import is_adult
from jeugdtool.zrm.reading import list_assessments
from jeugdtool.zrm.reading import load_person_assessments
from jeugdtool.zrm.reading import person_assessments
from jeugdtool.zrm.reading import to_dto

__all__ = [
    "ADULT_AGE",
    "ASSESSMENT_FIELDS",
    "DOMAIN_FIELDS",
    "MAX_NOTE",
    "ReadOnlyAssessment",
    "check_domain_fields",
    "check_level",
    "create_assessment",
    "domain_fields",
    "eligible",
    "get_assessment",
    "is_adult",
    "list_assessments",
    "person_assessments",
    "person_assessments_as_seen",
    "remove_assessment",
    "restore_assessment",
    "set_domain",
    "update_assessment",
]

ASSESSMENT_FIELDS = ("assessed_on", "assessor", "note")

#: Derived from other rows (the person's name, whether a newer one exists): not compared when
#: undo checks an assessment is as it left it.
_DERIVED = ("person_name", "editable")

# ---- creating -----------------------------------------------------------------------------


def _previous(uow: UnitOfWork, person_id: int, matrix: Matrix) -> ZrmAssessment | None:
    """The person's newest assessment with any of this matrix's domains (same matrix first:
    an older-version assessment also carries over the domains the versions share)."""
    rows = uow.session.scalars(
        select(ZrmAssessment)
        .where(ZrmAssessment.person_id == person_id)
        .order_by(ZrmAssessment.assessed_on.desc(), ZrmAssessment.id.desc())
    )
    codes = set(matrix.codes)
    for row in rows:
        shared = uow.session.scalar(
            select(ZrmDomainScore.id)
            .where(ZrmDomainScore.assessment_id == row.id, ZrmDomainScore.domain.in_(codes))
            .limit(1)
        )
        if shared is not None:
            return row
    return None


def _copied_values(row: ZrmDomainScore) -> dict[str, Any]:
    """A domain's values for the next assessment; the note keeps its special-category mark."""
    return {name: getattr(row, name) for name in (*DOMAIN_FIELDS, "special_category")}


def create_assessment(
    uow: UnitOfWork,
    person_id: int,
    *,
    matrix_id: str = DEFAULT_MATRIX,
    assessed_on: dt.date | str | None = None,
    assessor: str | None = None,
    note: str = "",
    copy_forward: bool = True,
    allow_youth: bool = False,
) -> Outcome[AssessmentDTO]:
    """A new assessment of `person_id`, starting from their previous one's values."""
    with uow:
        person = get(uow, Person, person_id)
        ensure_open(uow, person.household_id)
        matrix = matrix_named(uow, matrix_id)
        day = check_date(uow, person_id, matrix_id, assessed_on or dt.date.today())
        if not eligible(person.role, person.birth_date, day, allow_youth):
            raise InvalidInput.at(
                "person",
                _(
                    "{name} is a child. The ZRM is filled in for the adults of the "
                    "household; switch on 'Use the ZRM for young people too' in the "
                    "settings if your organisation uses it for young people."
                ).format(name=person.first_name),
            )
        assessor = v.text(
            "assessor", assessor or uow.author, label=_("Assessor"), max_len=200, required=True
        )
        note = v.text("note", note, label=_("Note"), max_len=MAX_NOTE)
        previous = _previous(uow, person_id, matrix) if copy_forward else None
        row = ZrmAssessment(
            household_id=person.household_id,
            person_id=person_id,
            assessed_on=day,
            assessor=assessor,
            matrix_id=matrix.id,
            matrix_version=matrix.version,
            copied_from_id=previous.id if previous else None,
            note=note,
        )
        uow.session.add(row)
        uow.flush()
        _add_domains(uow, row, matrix, previous)
        return committed(uow, lambda: to_dto(uow, row))


def _add_domains(
    uow: UnitOfWork, row: ZrmAssessment, matrix: Matrix, previous: ZrmAssessment | None
) -> None:
    carried: dict[str, dict[str, Any]] = {}
    if previous is not None:
        for old in uow.session.scalars(
            select(ZrmDomainScore).where(ZrmDomainScore.assessment_id == previous.id)
        ):
            carried[old.domain] = _copied_values(old)
    for position, domain in enumerate(matrix.domains, start=1):
        uow.session.add(
            ZrmDomainScore(
                household_id=row.household_id,
                assessment_id=row.id,
                domain=domain.code,
                position=position,
                **carried.get(domain.code, {}),
            )
        )


def domain_fields(d: DomainScore) -> dict[str, Any]:
    """A domain's fields as `set_domain` takes them (and `expected` compares them)."""
    return {
        "level": d.level,
        "note": d.note,
        "limitation": d.limitation,
        "carried_by": d.carried_by,
        "focus": d.focus,
        "target_level": d.target_level,
        "target_date": d.target_date,
        "plan_links": d.plan_links,
    }


# ---- changing -----------------------------------------------------------------------------


def set_domain(
    uow: UnitOfWork, assessment_id: int, domain: str, changes: Changes, *, expected: Expected = None
) -> Outcome[AssessmentDTO]:
    """Change fields of one domain of the newest assessment; `expected` guards undo/redo."""
    clean = check_domain_fields(changes)
    with uow:
        row = editable_assessment(uow, assessment_id)
        score = uow.session.scalar(
            select(ZrmDomainScore).where(
                ZrmDomainScore.assessment_id == row.id, ZrmDomainScore.domain == domain
            )
        )
        if score is None:
            raise InvalidInput.at(
                "domain", _("This matrix has no domain '{code}'.").format(code=domain)
            )
        if "plan_links" in clean:
            check_links(uow, row.household_id, clean["plan_links"])
        target_date = clean.get("target_date")
        if (
            target_date is not None
            and target_date < row.assessed_on
            and target_date != carried_targets(uow, row).get(domain)
        ):
            raise InvalidInput.at(
                "target_date",
                _("The target date lies before the assessment ({date}).").format(
                    date=v.format_date_nl(row.assessed_on)
                ),
            )
        apply(score, clean, expected=_columns(expected))
        return committed(uow, lambda: to_dto(uow, row))


def _columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if expected is None:
        return None
    return dict(check_domain_fields(expected))


def _moved_date(uow: UnitOfWork, row: ZrmAssessment, value: Any) -> dt.date:
    """A new date for an existing assessment: valid for its person and matrix, and not after
    the target dates set in it."""
    moved = check_date(uow, row.person_id, row.matrix_id, value, exclude=row.id)
    check_targets_after(uow, row, moved)
    return moved


def update_assessment(
    uow: UnitOfWork, assessment_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[AssessmentDTO]:
    """Correct the date, the assessor or the note of the newest assessment."""
    with uow:
        row = editable_assessment(uow, assessment_id)
        rules = {
            "assessed_on": lambda _f, x: _moved_date(uow, row, x),
            "assessor": lambda f, x: v.text(f, x, label=_("Assessor"), max_len=200, required=True),
            "note": lambda f, x: v.text(f, x, label=_("Note"), max_len=MAX_NOTE),
        }
        clean = clean_fields(changes, rules)
        apply(row, clean, expected=expected)
        return committed(uow, lambda: to_dto(uow, row))


def remove_assessment(
    uow: UnitOfWork, assessment_id: int, *, expected: AssessmentDTO | None = None
) -> Outcome[Snapshot]:
    """Remove the newest assessment (a mistake) with its domains; the snapshot is what
    `restore_assessment` puts back.

    `expected`: the assessment with its domains as the caller last saw it (undo/redo); when
    someone else changed it since, ConflictError and nothing is removed.
    """
    with uow:
        row = editable_assessment(uow, assessment_id)
        ensure_as_seen(to_dto(uow, row), expected, ignore=_DERIVED)
        taken = snapshot.remove(uow, row)
        return Outcome(taken, uow.commit())


def restore_assessment(uow: UnitOfWork, taken: Snapshot) -> Outcome[AssessmentDTO]:
    """Undo of `remove_assessment`: the assessment exactly as it was, ids too, as the newest
    again — refused when the case is closed, the person or the matrix is gone, or a later
    assessment was started since (it would no longer be the newest)."""
    if taken.root[0] != ZrmAssessment.__tablename__:
        raise ValueError("not a snapshot of an assessment")  # a programming error
    values = taken.values
    with uow:
        person = get(uow, Person, values["person_id"])
        ensure_open(uow, person.household_id)
        matrix_named(uow, values["matrix_id"])
        check_date(uow, person.id, values["matrix_id"], values["assessed_on"])
        row = cast(ZrmAssessment, snapshot.put_back(uow, taken))
        return committed(uow, lambda: to_dto(uow, row))


def person_assessments_as_seen(person_id: int, expected: Sequence[AssessmentDTO]) -> Guard:
    """For `members.remove_person(guard=…)`: the person's assessments (which go with them)
    must be exactly `expected`, else ConflictError and the person stays."""

    def guard(uow: UnitOfWork) -> None:
        ensure_as_seen(load_person_assessments(uow, person_id), tuple(expected), ignore=_DERIVED)

    return guard
