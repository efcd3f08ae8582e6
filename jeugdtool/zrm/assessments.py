"""Services for ZRM assessments: start one (from the previous), score domains, correct, remove.

An assessment belongs to one person of the household (adults; youth when the organisation
uses it). A new assessment starts from the previous one's values, so only changes are entered;
the first starts empty. Only the newest assessment of a person with a matrix can change: the
earlier ones are the record of what was seen then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household, Person
from jeugdtool.cases.vocab import CaseStatus, PersonRole
from jeugdtool.errors import InvalidInput, JeugdtoolError, Problem
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import apply, get
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.definitions import DEFAULT_MATRIX, LEVELS, Matrix
from jeugdtool.zrm.dto import AssessmentDTO, DomainScore
from jeugdtool.zrm.library import matrices_in
from jeugdtool.zrm.models import ZrmAssessment, ZrmDomainScore
from jeugdtool.zrm.vocab import CarriedBy

ADULT_AGE = 18
MAX_NOTE = 5000
DOMAIN_FIELDS = (
    "level",
    "note",
    "limitation",
    "carried_by",
    "focus",
    "target_level",
    "target_date",
    "plan_links",
)
ASSESSMENT_FIELDS = ("assessed_on", "assessor", "note")


class ReadOnlyAssessment(JeugdtoolError):
    """A past assessment is the record of what was seen then; it does not change."""


def is_adult(role: str, birth_date: dt.date | None, on: dt.date) -> bool:
    """Parents, carers and other adults; a child counts from their 18th birthday."""
    if role != PersonRole.CHILD.value:
        return True
    if birth_date is None:
        return False
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return age >= ADULT_AGE


# ---- reading ------------------------------------------------------------------------------


def _domain(row: ZrmDomainScore) -> DomainScore:
    return DomainScore(
        domain=row.domain,
        level=row.level,
        note=row.note,
        limitation=row.limitation,
        carried_by=CarriedBy(row.carried_by) if row.carried_by else None,
        focus=row.focus,
        target_level=row.target_level,
        target_date=row.target_date,
        plan_links=tuple(line for line in row.plan_links.splitlines() if line.strip()),
        id=row.id,
        version=row.version,
    )


def _newest_id(uow: UnitOfWork, person_id: int, matrix_id: str) -> int | None:
    return uow.session.scalar(
        select(ZrmAssessment.id)
        .where(ZrmAssessment.person_id == person_id, ZrmAssessment.matrix_id == matrix_id)
        .order_by(ZrmAssessment.assessed_on.desc(), ZrmAssessment.id.desc())
        .limit(1)
    )


def _dtos(uow: UnitOfWork, rows: Sequence[ZrmAssessment]) -> list[AssessmentDTO]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    scores: dict[int, list[ZrmDomainScore]] = {i: [] for i in ids}
    for score in uow.session.scalars(
        select(ZrmDomainScore)
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
            AssessmentDTO(
                id=row.id,
                household_id=row.household_id,
                person_id=row.person_id,
                person_name=f"{person.first_name} {person.last_name}".strip() if person else "",
                assessed_on=row.assessed_on,
                assessor=row.assessor,
                matrix_id=row.matrix_id,
                matrix_version=row.matrix_version,
                copied_from_id=row.copied_from_id,
                note=row.note,
                domains=tuple(_domain(s) for s in scores[row.id]),
                editable=is_newest and row.household_id in open_cases,
                version=row.version,
            )
        )
    return out


def _one(uow: UnitOfWork, row: ZrmAssessment) -> AssessmentDTO:
    siblings = list(
        uow.session.scalars(
            select(ZrmAssessment).where(
                ZrmAssessment.person_id == row.person_id,
                ZrmAssessment.matrix_id == row.matrix_id,
            )
        )
    )
    return next(d for d in _dtos(uow, siblings) if d.id == row.id)


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
        # "editable" needs every assessment of the person with the matrix, not just these.
        by_person = {r.person_id for r in rows}
        every = list(
            uow.session.scalars(select(ZrmAssessment).where(ZrmAssessment.person_id.in_(by_person)))
        )
        wanted = {r.id for r in rows}
        found = {d.id: d for d in _dtos(uow, every) if d.id in wanted}
        return tuple(found[r.id] for r in rows)


def get_assessment(uow: UnitOfWork, assessment_id: int) -> AssessmentDTO:
    with uow:
        return _one(uow, get(uow, ZrmAssessment, assessment_id))


def eligible(person_role: str, birth_date: dt.date | None, on: dt.date, allow_youth: bool) -> bool:
    return allow_youth or is_adult(person_role, birth_date, on)


# ---- checking -----------------------------------------------------------------------------


def check_level(value: Any, field: str = "level", *, label: str | None = None) -> int | None:
    """1–5, or None for "not assessed / not applicable" (also typed as text, "3")."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if value.isdigit():
            value = int(value)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
        raise InvalidInput(
            Problem(
                field,
                _("{label} is a level from 1 to 5; '{value}' is not.").format(
                    label=label or _("The level"), value=value
                ),
            )
        )
    return value


def _carried_by(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    return v.choice(field, value, CarriedBy, _("Carried by")).value


def _links(field: str, value: Any) -> str:
    if isinstance(value, str):
        value = value.splitlines()
    items = [str(x).strip() for x in (value or ()) if str(x).strip()]
    return "\n".join(dict.fromkeys(items))


def _check_links(uow: UnitOfWork, case_id: int, links: str) -> None:
    wanted = set(links.splitlines())
    if not wanted:
        return
    goals = set(
        uow.session.scalars(
            select(Statement.lineage).where(
                Statement.household_id == case_id,
                Statement.type == StatementType.SAFETY_GOAL.value,
                Statement.lineage.in_(wanted),
            )
        )
    )
    agreements = set(
        uow.session.scalars(
            select(Agreement.lineage).where(
                Agreement.household_id == case_id, Agreement.lineage.in_(wanted)
            )
        )
    )
    if wanted - goals - agreements:
        raise InvalidInput(
            Problem(
                "plan_links",
                _("Link a focus domain only to safety goals and agreements of this case's plan."),
            )
        )


def _domain_rules() -> dict[str, Any]:
    return {
        "level": lambda f, x: check_level(x, f),
        "target_level": lambda f, x: check_level(x, f, label=_("The target level")),
        "note": lambda f, x: v.text(f, x, label=_("Note"), max_len=MAX_NOTE),
        "limitation": lambda f, x: bool(x),
        "focus": lambda f, x: bool(x),
        "carried_by": _carried_by,
        "target_date": lambda f, x: v.date(f, x, label=_("Target date")),
        "plan_links": _links,
    }


def check_domain_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The domain fields, clean; every problem collected (the UI calls this while typing)."""
    unknown = set(changes) - set(DOMAIN_FIELDS)
    if unknown:
        raise KeyError(f"unknown fields {sorted(unknown)!r}")  # a programming error
    rules = _domain_rules()
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    for field, value in changes.items():
        try:
            clean[field] = rules[field](field, value)
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems)
    return clean


def _matrix(uow: UnitOfWork, matrix_id: str) -> Matrix:
    found = matrices_in(uow).get(matrix_id)
    if found is None:
        raise InvalidInput(
            Problem(
                "matrix", _("Unknown matrix '{id}'; choose one of the list.").format(id=matrix_id)
            )
        )
    return found


def _editable(uow: UnitOfWork, assessment_id: int) -> ZrmAssessment:
    row = get(uow, ZrmAssessment, assessment_id)
    ensure_open(uow, row.household_id)
    if _newest_id(uow, row.person_id, row.matrix_id) != row.id:
        raise ReadOnlyAssessment(
            _(
                "This is an earlier assessment; it stays as it was. Start a new assessment to "
                "record what has changed."
            )
        )
    return row


def _check_date(
    uow: UnitOfWork, person_id: int, matrix_id: str, day: Any, exclude: int | None = None
) -> dt.date:
    day = v.date("assessed_on", day, label=_("Date"), required=True, not_after=dt.date.today())
    latest = uow.session.scalar(
        select(ZrmAssessment.assessed_on)
        .where(
            ZrmAssessment.person_id == person_id,
            ZrmAssessment.matrix_id == matrix_id,
            ZrmAssessment.id != (exclude or -1),
        )
        .order_by(ZrmAssessment.assessed_on.desc())
        .limit(1)
    )
    if latest is not None and day < latest:
        raise InvalidInput(
            Problem(
                "assessed_on",
                _(
                    "There is already an assessment of {date}; a newer assessment cannot be "
                    "dated earlier."
                ).format(date=v.format_date_nl(latest)),
            )
        )
    return day


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
    return {name: getattr(row, name) for name in DOMAIN_FIELDS}


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
    restore: AssessmentDTO | None = None,
) -> Outcome[AssessmentDTO]:
    """A new assessment of `person_id`, starting from their previous one's values.

    `restore` puts a removed assessment back exactly, with its ids (undo).
    """
    with uow:
        person = get(uow, Person, person_id)
        ensure_open(uow, person.household_id)
        if restore is not None:
            matrix_id, assessed_on, assessor, note = (
                restore.matrix_id,
                restore.assessed_on,
                restore.assessor,
                restore.note,
            )
        matrix = _matrix(uow, matrix_id)
        day = _check_date(uow, person_id, matrix_id, assessed_on or dt.date.today())
        if restore is None and not eligible(person.role, person.birth_date, day, allow_youth):
            raise InvalidInput(
                Problem(
                    "person",
                    _(
                        "{name} is a child. The ZRM is filled in for the adults of the household; "
                        "switch on 'ZRM for youth too' in the settings if your organisation "
                        "uses it for young people."
                    ).format(name=person.first_name),
                )
            )
        assessor = v.text(
            "assessor", assessor or uow.author, label=_("Assessor"), max_len=200, required=True
        )
        note = v.text("note", note, label=_("Note"), max_len=MAX_NOTE)
        previous = _previous(uow, person_id, matrix) if copy_forward and restore is None else None
        row = ZrmAssessment(
            household_id=person.household_id,
            person_id=person_id,
            assessed_on=day,
            assessor=assessor,
            matrix_id=matrix.id,
            matrix_version=restore.matrix_version if restore else matrix.version,
            copied_from_id=restore.copied_from_id
            if restore
            else (previous.id if previous else None),
            note=note,
            **({"id": restore.id} if restore is not None else {}),
        )
        uow.session.add(row)
        uow.flush()
        _add_domains(uow, row, matrix, previous, restore)
        uow.flush()
        dto = _one(uow, row)
        return Outcome(dto, uow.commit())


def _add_domains(
    uow: UnitOfWork,
    row: ZrmAssessment,
    matrix: Matrix,
    previous: ZrmAssessment | None,
    restore: AssessmentDTO | None,
) -> None:
    if restore is not None:
        for position, d in enumerate(restore.domains, start=1):
            uow.session.add(
                ZrmDomainScore(
                    id=d.id,
                    household_id=row.household_id,
                    assessment_id=row.id,
                    domain=d.domain,
                    position=position,
                    **_dto_columns(d),
                )
            )
        return
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


def _dto_columns(d: DomainScore) -> dict[str, Any]:
    return {
        "level": d.level,
        "note": d.note,
        "limitation": d.limitation,
        "carried_by": d.carried_by.value if d.carried_by else None,
        "focus": d.focus,
        "target_level": d.target_level,
        "target_date": d.target_date,
        "plan_links": "\n".join(d.plan_links),
    }


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
    uow: UnitOfWork,
    assessment_id: int,
    domain: str,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[AssessmentDTO]:
    """Change fields of one domain of the newest assessment; `expected` guards undo/redo."""
    clean = check_domain_fields(changes)
    with uow:
        row = _editable(uow, assessment_id)
        score = uow.session.scalar(
            select(ZrmDomainScore).where(
                ZrmDomainScore.assessment_id == row.id, ZrmDomainScore.domain == domain
            )
        )
        if score is None:
            raise InvalidInput(
                Problem("domain", _("This matrix has no domain '{code}'.").format(code=domain))
            )
        if "plan_links" in clean:
            _check_links(uow, row.household_id, clean["plan_links"])
        target_date = clean.get("target_date", score.target_date)
        if target_date is not None and target_date < row.assessed_on:
            raise InvalidInput(
                Problem(
                    "target_date",
                    _("The target date lies before the assessment ({date}).").format(
                        date=v.format_date_nl(row.assessed_on)
                    ),
                )
            )
        apply(score, clean, expected=_columns(expected))
        uow.flush()
        dto = _one(uow, row)
        return Outcome(dto, uow.commit())


def _columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if expected is None:
        return None
    out = dict(check_domain_fields(expected))
    return out


def update_assessment(
    uow: UnitOfWork,
    assessment_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[AssessmentDTO]:
    """Correct the date, the assessor or the note of the newest assessment."""
    unknown = set(changes) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise KeyError(f"unknown fields {sorted(unknown)!r}")
    with uow:
        row = _editable(uow, assessment_id)
        clean: dict[str, Any] = {}
        problems: list[Problem] = []
        for field, value in changes.items():
            try:
                if field == "assessed_on":
                    clean[field] = _check_date(
                        uow, row.person_id, row.matrix_id, value, exclude=row.id
                    )
                    _check_targets_after(uow, row.id, clean[field])
                elif field == "assessor":
                    clean[field] = v.text(
                        field, value, label=_("Assessor"), max_len=200, required=True
                    )
                else:
                    clean[field] = v.text(field, value, label=_("Note"), max_len=MAX_NOTE)
            except InvalidInput as exc:
                problems.extend(exc.problems)
        if problems:
            raise InvalidInput(problems)
        apply(row, clean, expected=expected)
        uow.flush()
        dto = _one(uow, row)
        return Outcome(dto, uow.commit())


def _check_targets_after(uow: UnitOfWork, assessment_id: int, day: dt.date) -> None:
    earliest = uow.session.scalar(
        select(ZrmDomainScore.target_date)
        .where(
            ZrmDomainScore.assessment_id == assessment_id,
            ZrmDomainScore.target_date.is_not(None),
        )
        .order_by(ZrmDomainScore.target_date)
        .limit(1)
    )
    if earliest is not None and earliest < day:
        raise InvalidInput(
            Problem(
                "assessed_on",
                _("A target date of this assessment ({date}) would lie before it.").format(
                    date=v.format_date_nl(earliest)
                ),
            )
        )


def remove_assessment(uow: UnitOfWork, assessment_id: int) -> Outcome[AssessmentDTO]:
    """Remove the newest assessment (a mistake); `create_assessment(restore=…)` puts it back."""
    with uow:
        row = _editable(uow, assessment_id)
        dto = _one(uow, row)
        for score in uow.session.scalars(
            select(ZrmDomainScore).where(ZrmDomainScore.assessment_id == row.id)
        ):
            uow.session.delete(score)
        uow.flush()
        uow.session.delete(row)
        return Outcome(dto, uow.commit())


def person_assessments(uow: UnitOfWork, person_id: int) -> tuple[AssessmentDTO, ...]:
    """Every assessment of a person, oldest first (kept by the UI before removing the person,
    so undo can put them back)."""
    with uow:
        rows = list(
            uow.session.scalars(
                select(ZrmAssessment)
                .where(ZrmAssessment.person_id == person_id)
                .order_by(ZrmAssessment.assessed_on, ZrmAssessment.id)
            )
        )
        return tuple(_dtos(uow, rows))


def restore_assessments(
    uow: UnitOfWork, assessments: Sequence[AssessmentDTO]
) -> Outcome[tuple[AssessmentDTO, ...]]:
    """Put removed assessments back exactly (oldest first), in one transaction."""
    with uow:
        restored: list[ZrmAssessment] = []
        for dto in sorted(assessments, key=lambda a: (a.assessed_on, a.id)):
            ensure_open(uow, dto.household_id)
            get(uow, Person, dto.person_id)
            row = ZrmAssessment(
                id=dto.id,
                household_id=dto.household_id,
                person_id=dto.person_id,
                assessed_on=dto.assessed_on,
                assessor=dto.assessor,
                matrix_id=dto.matrix_id,
                matrix_version=dto.matrix_version,
                copied_from_id=None,
                note=dto.note,
            )
            uow.session.add(row)
            uow.flush()
            for position, d in enumerate(dto.domains, start=1):
                uow.session.add(
                    ZrmDomainScore(
                        id=d.id,
                        household_id=dto.household_id,
                        assessment_id=dto.id,
                        domain=d.domain,
                        position=position,
                        **_dto_columns(d),
                    )
                )
            restored.append(row)
        uow.flush()
        for dto, row in zip(
            sorted(assessments, key=lambda a: (a.assessed_on, a.id)), restored, strict=True
        ):
            row.copied_from_id = dto.copied_from_id
        uow.flush()
        return Outcome(tuple(_dtos(uow, restored)), uow.commit())
