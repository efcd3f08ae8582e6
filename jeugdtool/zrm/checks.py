"""Checks shared by the assessment services: levels, fields, dates, plan links, and which
assessment may still change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import clean_fields
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.zrm.definitions import LEVELS
from jeugdtool.zrm.definitions import Matrix
from jeugdtool.zrm.library import matrices_in
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore
from jeugdtool.zrm.reading import newest_id
from jeugdtool.zrm.vocab import CarriedBy

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


class ReadOnlyAssessment(JeugdtoolError):
    """A past assessment is the record of what was seen then; it does not change."""


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
        raise InvalidInput.at(
            field,
            _("{label} is a level from 1 to 5; '{value}' is not.").format(
                label=label or _("The level"), value=value
            ),
        )
    return value


def _carried_by(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    return v.choice(field, value, CarriedBy, _("Carried by")).value


def _links(field: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.splitlines()
    return tuple(dict.fromkeys(str(x).strip() for x in (value or ()) if str(x).strip()))


def check_links(uow: UnitOfWork, case_id: int, links: Collection[str]) -> None:
    wanted = set(links)
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
        raise InvalidInput.at(
            "plan_links",
            _("Link a focus domain only to safety goals and agreements of this case's plan."),
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
    return clean_fields(changes, _domain_rules())


def matrix_named(uow: UnitOfWork, matrix_id: str) -> Matrix:
    found = matrices_in(uow).get(matrix_id)
    if found is None:
        raise InvalidInput.at(
            "matrix", _("Unknown matrix '{id}'; choose one of the list.").format(id=matrix_id)
        )
    return found


def editable_assessment(uow: UnitOfWork, assessment_id: int) -> ZrmAssessment:
    row = get(uow, ZrmAssessment, assessment_id)
    ensure_open(uow, row.household_id)
    if newest_id(uow, row.person_id, row.matrix_id) != row.id:
        raise ReadOnlyAssessment(
            _(
                "This is an earlier assessment; it stays as it was. Start a new assessment to "
                "record what has changed."
            )
        )
    return row


def check_date(
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
        raise InvalidInput.at(
            "assessed_on",
            _(
                "There is already an assessment of {date}; a newer assessment cannot be "
                "dated earlier."
            ).format(date=v.format_date_nl(latest)),
        )
    return day


def carried_targets(uow: UnitOfWork, row: ZrmAssessment) -> dict[str, dt.date]:
    """The target dates of the assessment `row` started from, by domain. Carried forward
    unchanged, a target is still the one set then (see `compare.targets`), so it may lie before
    this assessment: it is overdue, not a typing error."""
    if row.copied_from_id is None:
        return {}
    found = uow.session.execute(
        select(ZrmDomainScore.domain, ZrmDomainScore.target_date).where(
            ZrmDomainScore.assessment_id == row.copied_from_id,
            ZrmDomainScore.target_date.is_not(None),
        )
    )
    return {domain: day for domain, day in found}


def check_targets_after(uow: UnitOfWork, row: ZrmAssessment, day: dt.date) -> None:
    carried = carried_targets(uow, row)
    before = uow.session.execute(
        select(ZrmDomainScore.domain, ZrmDomainScore.target_date)
        .where(
            ZrmDomainScore.assessment_id == row.id,
            ZrmDomainScore.target_date.is_not(None),
            ZrmDomainScore.target_date < day,
        )
        .order_by(ZrmDomainScore.target_date)
    )
    earliest = next((t for d, t in before if carried.get(d) != t), None)
    if earliest is not None:
        raise InvalidInput.at(
            "assessed_on",
            _("A target date of this assessment ({date}) would lie before it.").format(
                date=v.format_date_nl(earliest)
            ),
        )
