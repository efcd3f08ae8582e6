"""The family's requests about their own file: access, correction and destruction.

A request is registered the day it arrives (who asked, what about); its deadline follows from
the law: one month for access (AVG art. 15) and correction (AVG art. 16, both AVG art. 12.3),
three months for destruction (Jeugdwet art. 7.3.9). Deciding records what was done or why not;
refusing a destruction needs a ground of art. 7.3.9 (another person's substantial interest, a
legal duty to keep). The rules are pure functions in cases/privacy_rules.py (re-exported here),
called by the services, the CLI and the panel alike. Every service opens its own unit of work;
`reopen_request` is the undo of a decision, `remove_request` / `restore_request` of a
registration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from jeugdtool.cases.models import Household
from jeugdtool.cases.privacy_models import PrivacyRequest
from jeugdtool.cases.privacy_models import RequestKind
from jeugdtool.cases.privacy_models import RequestStatus
from jeugdtool.cases.privacy_rules import MAX_REQUESTED_BY
from jeugdtool.cases.privacy_rules import MAX_TEXT
from jeugdtool.cases.privacy_rules import REFUSAL_GROUNDS
from jeugdtool.cases.privacy_rules import Decision
from jeugdtool.cases.privacy_rules import check_decided_on
from jeugdtool.cases.privacy_rules import check_decision
from jeugdtool.cases.privacy_rules import check_delivered_on
from jeugdtool.cases.privacy_rules import check_grounds
from jeugdtool.cases.privacy_rules import check_kind
from jeugdtool.cases.privacy_rules import check_new_request
from jeugdtool.cases.privacy_rules import check_outcome
from jeugdtool.cases.privacy_rules import check_received_on
from jeugdtool.cases.privacy_rules import check_requested_by
from jeugdtool.cases.privacy_rules import check_status
from jeugdtool.cases.privacy_rules import check_subject
from jeugdtool.cases.privacy_rules import outcome_advice
from jeugdtool.cases.privacy_rules import outcome_required
from jeugdtool.dates import add_months
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import snapshot
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import get
from jeugdtool.store.rows import newest_first
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

__all__ = [
    "KIND_LABELS",
    "MAX_REQUESTED_BY",
    "MAX_TEXT",
    "REFUSAL_GROUNDS",
    "STATUS_LABELS",
    "Decision",
    "RequestDTO",
    "RequestKind",
    "RequestStatus",
    "add_months",
    "check_decided_on",
    "check_decision",
    "check_delivered_on",
    "check_grounds",
    "check_kind",
    "check_outcome",
    "check_received_on",
    "check_requested_by",
    "check_status",
    "check_subject",
    "days_note",
    "deadline",
    "decide_request",
    "get_request",
    "list_requests",
    "mark_delivered",
    "open_requests",
    "outcome_advice",
    "outcome_required",
    "register_request",
    "remove_request",
    "reopen_request",
    "requests_due",
    "restore_request",
]

#: Months the organisation has to answer, per kind of request.
TERM_MONTHS: dict[RequestKind, int] = {
    RequestKind.ACCESS: 1,
    RequestKind.CORRECTION: 1,
    RequestKind.DESTRUCTION: 3,
}

KIND_LABELS: dict[RequestKind, str] = {
    RequestKind.ACCESS: N_("Access"),
    RequestKind.CORRECTION: N_("Correction"),
    RequestKind.DESTRUCTION: N_("Destruction"),
}

STATUS_LABELS: dict[RequestStatus, str] = {
    RequestStatus.OPEN: N_("Open"),
    RequestStatus.GRANTED: N_("Granted"),
    RequestStatus.PARTLY: N_("Partly granted"),
    RequestStatus.REFUSED: N_("Refused"),
    RequestStatus.WITHDRAWN: N_("Withdrawn"),
}


@dataclass(frozen=True)
class RequestDTO:
    """One request of the family, with its deadline."""

    id: int
    household_id: int
    case_number: str
    kind: RequestKind
    received_on: dt.date
    #: Who asked, in the consultant's words ("moeder", "Sanne (16)").
    requested_by: str
    #: What is asked.
    subject: str
    status: RequestStatus
    decided_on: dt.date | None
    #: What was done (a correction: what was changed), or why not.
    outcome: str
    #: Keys of REFUSAL_GROUNDS (a refused or partly granted destruction request).
    refusal_grounds: tuple[str, ...]
    #: An access request: the day the documents were handed over.
    delivered_on: dt.date | None
    deadline: dt.date
    version: int

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    def days_left(self, today: dt.date) -> int:
        """Days from `today` until the deadline; negative once it has passed."""
        return (self.deadline - today).days


# ---- dates -----------------------------------------------------------------------------------


def deadline(kind: RequestKind | str, received_on: dt.date) -> dt.date:
    """The day by which a request received on `received_on` must be answered."""
    return add_months(received_on, TERM_MONTHS[RequestKind(kind)])


def days_note(days_left: int) -> str:
    """How far a deadline is, in words: "12 days left", "due today", "3 days overdue"."""
    if days_left == 0:
        return _("due today")
    if days_left < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -days_left).format(n=-days_left)
    return ngettext("{n} day left", "{n} days left", days_left).format(n=days_left)


# ---- reading ---------------------------------------------------------------------------------


def _dto(row: PrivacyRequest, case_number: str) -> RequestDTO:
    kind = RequestKind(row.kind)
    return as_dto(
        RequestDTO,
        row,
        case_number=case_number,
        kind=kind,
        status=RequestStatus(row.status),
        refusal_grounds=tuple(g for g in row.refusal_grounds.split(",") if g),
        deadline=deadline(kind, row.received_on),
    )


def _number(uow: UnitOfWork, case_id: int) -> str:
    return get(uow, Household, case_id).case_number


def list_requests(uow: UnitOfWork, case_id: int) -> list[RequestDTO]:
    """The requests of a case, the most recently received first."""
    with uow:
        number = _number(uow, case_id)
        rows = newest_first(
            uow.session, PrivacyRequest.household_id, case_id, PrivacyRequest.received_on
        )
        return [_dto(r, number) for r in rows]


def get_request(uow: UnitOfWork, request_id: int) -> RequestDTO | None:
    """One request (of a case this person may see), or None."""
    with uow:
        found = uow.session.execute(
            select(PrivacyRequest, Household.case_number)
            .join(Household, Household.id == PrivacyRequest.household_id)
            .where(PrivacyRequest.id == request_id)
        ).one_or_none()
        return None if found is None else _dto(found[0], found[1])


def requests_due(uow: UnitOfWork, today: dt.date, within_days: int) -> list[RequestDTO]:
    """The open requests (of the cases this person may see) whose deadline is on or before
    `today + within_days`, the earliest deadline first."""
    horizon = today + dt.timedelta(days=max(0, within_days))
    return [r for r in open_requests(uow) if r.deadline <= horizon]


def open_requests(uow: UnitOfWork, kind: RequestKind | None = None) -> list[RequestDTO]:
    """Every open request (of `kind`), the earliest deadline first."""
    query = (
        select(PrivacyRequest, Household.case_number)
        .join(Household, Household.id == PrivacyRequest.household_id)
        .where(PrivacyRequest.status == RequestStatus.OPEN.value)
    )
    if kind is not None:
        query = query.where(PrivacyRequest.kind == kind.value)
    with uow:
        found = [_dto(row, number) for row, number in uow.session.execute(query).all()]
    return sorted(found, key=lambda r: (r.deadline, r.case_number, r.id))


# ---- writing ---------------------------------------------------------------------------------


def register_request(
    uow: UnitOfWork,
    case_id: int,
    kind: RequestKind | str,
    received_on: dt.date,
    requested_by: str,
    subject: str = "",
    *,
    today: dt.date | None = None,
) -> RequestDTO:
    """Register a request received on `received_on`. Allowed on a closed case too: a request
    to destroy a file usually comes after the help ended."""
    new = check_new_request(kind, received_on, requested_by, subject, today or dt.date.today())
    with uow:
        number = _number(uow, case_id)
        row = PrivacyRequest(
            household_id=case_id,
            kind=new.kind.value,
            received_on=new.received_on,
            requested_by=new.requested_by,
        )
        row.subject = new.subject
        row.status = RequestStatus.OPEN.value
        row.outcome, row.refusal_grounds = "", ""
        uow.session.add(row)
        uow.flush()
        dto = _dto(row, number)
        uow.commit()
        return dto


def remove_request(
    uow: UnitOfWork, request_id: int, *, expected: RequestDTO | None = None
) -> Snapshot:
    """Remove a request (undo of registering it); `restore_request` puts it back.

    `expected`: the request as the caller last saw it (undo/redo); ConflictError when it
    changed (a decision, a delivery) or went meanwhile, and nothing is removed.
    """
    with uow:
        row = uow.session.get(PrivacyRequest, request_id)
        if row is None and expected is not None:
            raise conflict_error()
        row = row or get(uow, PrivacyRequest, request_id)
        if expected is not None:
            if row.household_id != expected.household_id:
                raise conflict_error()
            ensure_as_seen(_dto(row, expected.case_number), expected)
        taken = snapshot.remove(uow, row)
        uow.commit()
        return taken


def restore_request(
    uow: UnitOfWork, taken: Snapshot, *, today: dt.date | None = None
) -> RequestDTO:
    """Put back a request `remove_request` removed, with its own id and decision (redo of a
    registration). The rules of registering still hold (InvalidInput); ConflictError when
    its id belongs to another request by now."""
    values = taken.values
    check_new_request(
        values["kind"],
        values["received_on"],
        values["requested_by"],
        values["subject"],
        today or dt.date.today(),
    )
    with uow:
        number = _number(uow, values["household_id"])
        row = snapshot.put_back(uow, taken)  # with its version: a decision's undo/redo expects it
        dto = _dto(row, number)
        uow.commit()
        return dto


def _open_row(uow: UnitOfWork, request_id: int, expected_version: int | None) -> PrivacyRequest:
    row = get(uow, PrivacyRequest, request_id)
    if expected_version is not None and row.version != expected_version:
        raise conflict_error()
    return row


def decide_request(
    uow: UnitOfWork,
    request_id: int,
    expected_version: int | None,
    status: RequestStatus | str,
    decided_on: dt.date,
    outcome: str,
    refusal_grounds: Sequence[str] = (),
    *,
    today: dt.date | None = None,
) -> RequestDTO:
    """Decide an open request: what was done, or why not (see `check_decision`)."""
    with uow:
        row = _open_row(uow, request_id, expected_version)
        if row.status != RequestStatus.OPEN.value:
            raise InvalidInput(
                Problem(
                    "status",
                    _("This request has been decided already. Undo that decision first."),
                )
            )
        kind = RequestKind(row.kind)
        decision = check_decision(
            kind,
            row.received_on,
            status,
            decided_on,
            outcome,
            refusal_grounds,
            today or dt.date.today(),
        )
        clean = {
            "status": decision.status.value,
            "decided_on": decision.decided_on,
            "outcome": decision.outcome,
            "refusal_grounds": ",".join(decision.refusal_grounds),
        }
        return _save(uow, row, clean)


def _save(uow: UnitOfWork, row: PrivacyRequest, clean: dict[str, Any]) -> RequestDTO:
    apply(row, clean)
    uow.flush()
    dto = _dto(row, _number(uow, row.household_id))
    uow.commit()
    return dto


def reopen_request(uow: UnitOfWork, request_id: int, expected_version: int | None) -> RequestDTO:
    """Take a decision back (undo of `decide_request`): the request is open again."""
    with uow:
        row = _open_row(uow, request_id, expected_version)
        clean = {"status": RequestStatus.OPEN.value, "decided_on": None, "outcome": ""}
        clean["refusal_grounds"] = ""
        return _save(uow, row, clean)


def mark_delivered(
    uow: UnitOfWork,
    request_id: int,
    expected_version: int | None,
    delivered_on: dt.date,
    *,
    today: dt.date | None = None,
) -> RequestDTO:
    """The documents of an access request were handed over on `delivered_on`; an open request
    is granted that day."""
    with uow:
        row = _open_row(uow, request_id, expected_version)
        if row.kind != RequestKind.ACCESS.value:
            raise InvalidInput(
                Problem("delivered_on", _("Only an access request has documents to deliver."))
            )
        day = check_delivered_on(delivered_on, row.received_on, today or dt.date.today())
        clean: dict[str, Any] = {"delivered_on": day}
        if row.status == RequestStatus.OPEN.value:
            clean |= {"status": RequestStatus.GRANTED.value, "decided_on": day}
        return _save(uow, row, clean)
