"""Services for the consultants (users of the tool and possible case managers)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import convert
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.models import Consultant
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.folding import fold
from jeugdtool.i18n import _
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork


def _clean(changes: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "name" in changes:
        out["name"] = v.text("name", changes["name"], label=_("Name"), max_len=200, required=True)
    if "email" in changes:
        out["email"] = v.email("email", changes["email"])
    if "phone" in changes:
        out["phone"] = v.phone("phone", changes["phone"])
    if "active" in changes:
        out["active"] = bool(changes["active"])
    return out


def _same_name(a: str, b: str) -> bool:
    # In Python, not SQL: SQLite's lower() folds ASCII only, and "Ö. YILMAZ" must find
    # "Ö. Yılmaz" (dotless i). Names differing only in accents would confuse people anyway.
    return fold(a.strip()) == fold(b.strip())


def _find_by_name(uow: UnitOfWork, name: str) -> Consultant | None:
    # A team has tens of consultants, never thousands: reading them all is cheap.
    return next(
        (c for c in uow.session.scalars(select(Consultant)) if _same_name(c.name, name)), None
    )


def _check_unique(uow: UnitOfWork, name: str, except_id: int | None = None) -> None:
    # Until this action ends, no colleague can check or store a name (PostgreSQL runs actions
    # side by side; both would find the name free, and one would fail on the unique index).
    uow.serialize("consultant-name")
    found = _find_by_name(uow, name)
    if found is not None and found.id != except_id:
        raise InvalidInput(
            Problem("name", _("There is already a consultant named '{name}'.").format(name=name))
        )


def list_consultants(uow: UnitOfWork, *, include_inactive: bool = False) -> list[ConsultantDTO]:
    with uow:
        stmt = select(Consultant).order_by(Consultant.name)
        if not include_inactive:
            stmt = stmt.where(Consultant.active.is_(True))
        return [convert.consultant(c) for c in uow.session.scalars(stmt)]


def get_consultant(uow: UnitOfWork, consultant_id: int) -> ConsultantDTO | None:
    # The table's row (Core), not the mapped object: who is working is read at the start,
    # before the case list, which configures no mapper either (cases/case_search.py).
    table = Consultant.__table__
    with uow:
        row = uow.session.execute(select(table).where(table.c.id == consultant_id)).first()
        return convert.consultant(row) if row else None


def add_consultant(
    uow: UnitOfWork, name: str, email: str | None = None, phone: str | None = None
) -> Outcome[ConsultantDTO]:
    clean = _clean({"name": name, "email": email, "phone": phone})
    with uow:
        _check_unique(uow, clean["name"])
        row = Consultant(**clean, active=True)
        uow.session.add(row)
        return committed(uow, lambda: convert.consultant(row))


def update_consultant(
    uow: UnitOfWork, consultant_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[ConsultantDTO]:
    clean = _clean(changes)
    with uow:
        row = get(uow, Consultant, consultant_id)
        if "name" in clean:
            _check_unique(uow, clean["name"], except_id=consultant_id)
        apply(row, clean, expected=expected)
        return committed(uow, lambda: convert.consultant(row))


def ensure_consultant(uow: UnitOfWork, name: str) -> Outcome[ConsultantDTO]:
    """The consultant with this name (case-insensitive), added when there is none yet."""
    with uow:
        row = _find_by_name(uow, name)
        if row is not None:
            return Outcome(convert.consultant(row))
    return add_consultant(uow, name)
