"""Handing a case over to another case manager: by a team leader, with a note, audited and logged.

The case's `case_manager_id` changes (the audit trail records it), a `CaseHandover` row keeps
who handed it to whom with the note, and the access log gets a "handed the case over" row in the
same transaction, so the handover and its record happen together or not at all. The previous
case manager keeps no access unless they are kept on as a co-worker.

Only a team leader of the case's team hands a case over in team mode (the database refuses
anyone else: store/team_sql.py); in single-user mode the consultant may reassign. The new case
manager must be an active member of the case's team. A handover is undone by handing back
(`hand_back`), which refuses when someone changed the case manager since.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from jeugdtool.cases import convert
from jeugdtool.cases import validation as v
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import CaseCoworker
from jeugdtool.cases.models import CaseHandover
from jeugdtool.cases.models import Consultant
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import TeamMember
from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.store import access_log
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_values
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import newest_first
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

#: The longest handover note (a few paragraphs: what the next case manager needs to know).
MAX_NOTE = 5000


class HandoverNotAllowed(JeugdtoolError):
    """Only a team leader of the case's team hands it over (in team mode)."""


@dataclass(frozen=True)
class HandoverRecord:
    """One handover as the case's history keeps it."""

    id: int
    case_id: int
    from_name: str
    to_person_id: int | None
    to_name: str
    note: str
    at: dt.datetime
    by: str


@dataclass(frozen=True)
class Handover:
    """A handover just done, with what undoing it (`hand_back`) must put back."""

    record: HandoverRecord
    from_person_id: int | None
    to_person_id: int | None
    #: The previous case manager was added as co-worker by this handover.
    added_coworker: bool = False
    #: The new case manager was a co-worker; that row went (they lead the case now).
    removed_coworker: bool = False

    @property
    def case_id(self) -> int:
        return self.record.case_id


@dataclass(frozen=True)
class HandoverChoice:
    """What the handover dialog offers: the case's manager now and who may take it over."""

    case_id: int
    case_number: str
    case_name: str
    manager_id: int | None
    manager_name: str
    #: Active members of the case's team (every active colleague for a case without a team).
    candidates: tuple[ConsultantDTO, ...]


def may_hand_over(member: StaffMember, team_id: int | None) -> bool:
    """Whether this person may hand over a case of this team: a team leader of the team in team
    mode; anyone in single-user mode (one consultant's own file)."""
    if not member.team_mode:
        return True
    return member.has(StaffRole.TEAM_LEADER) and team_id is not None and team_id in member.team_ids


def check_note(note: str | None) -> str:
    return v.text("note", note or "", label=_("Handover note"), max_len=MAX_NOTE)


def _not_allowed() -> HandoverNotAllowed:
    return HandoverNotAllowed(
        _(
            "Only a team leader of the case's team can hand a case over to another case "
            "manager. Ask your team leader."
        )
    )


def _candidates(uow: UnitOfWork, team_id: int | None) -> list[Consultant]:
    stmt = select(Consultant).where(Consultant.active.is_(True)).order_by(Consultant.name)
    if team_id is not None:
        stmt = stmt.join(TeamMember, TeamMember.person_id == Consultant.id).where(
            TeamMember.team_id == team_id
        )
    return list(uow.session.scalars(stmt))


def _manager(uow: UnitOfWork, case: Household) -> Consultant | None:
    return uow.session.get(Consultant, case.case_manager_id) if case.case_manager_id else None


def handover_choice(uow: UnitOfWork, case_id: int) -> HandoverChoice:
    """The case's case manager and the colleagues it can be handed to."""
    with uow:
        case = ensure_open(uow, case_id)
        manager = _manager(uow, case)
        return HandoverChoice(
            case_id=case.id,
            case_number=case.case_number,
            case_name=case.name,
            manager_id=case.case_manager_id,
            manager_name=manager.name if manager is not None else "",
            candidates=tuple(convert.consultant(c) for c in _candidates(uow, case.team_id)),
        )


def _check_new_manager(uow: UnitOfWork, case: Household, person_id: int | None) -> Consultant:
    """The new case manager, if they may be one: an active member of the case's team."""
    person = uow.session.get(Consultant, person_id) if person_id is not None else None
    if person is None or not person.active:
        raise InvalidInput(
            Problem("to_person_id", _("Choose an active colleague as the new case manager."))
        )
    if person.id == case.case_manager_id:
        raise InvalidInput(
            Problem(
                "to_person_id",
                _("{name} is already the case manager of this case.").format(name=person.name),
            )
        )
    if case.team_id is not None and person.id not in {c.id for c in _candidates(uow, case.team_id)}:
        raise InvalidInput(
            Problem(
                "to_person_id",
                _(
                    "{name} is not a member of the case's team. Choose a colleague of the team, "
                    "or ask the administrator to add {name} to it."
                ).format(name=person.name),
            )
        )
    return person


def _coworker(uow: UnitOfWork, case_id: int, person_id: int) -> CaseCoworker | None:
    return uow.session.scalar(
        select(CaseCoworker).where(
            CaseCoworker.household_id == case_id, CaseCoworker.person_id == person_id
        )
    )


def _move(
    uow: UnitOfWork,
    case: Household,
    to: Consultant | None,
    note: str,
    *,
    keep_previous: bool,
    coworker_back: int | None = None,
) -> Handover:
    """Inside an open unit of work: make `to` the case manager and record it."""
    previous = _manager(uow, case)
    added = removed = False
    if to is not None and (row := _coworker(uow, case.id, to.id)) is not None:
        uow.session.delete(row)  # case manager now; a later handover must not leave them access
        removed = True
    if keep_previous and previous is not None and _coworker(uow, case.id, previous.id) is None:
        uow.session.add(CaseCoworker(household_id=case.id, person_id=previous.id))
        added = True
    if coworker_back is not None and _coworker(uow, case.id, coworker_back) is None:
        uow.session.add(CaseCoworker(household_id=case.id, person_id=coworker_back))
    case.case_manager_id = to.id if to is not None else None
    record = CaseHandover(
        household_id=case.id,
        from_name=previous.name if previous is not None else "",
        to_person_id=to.id if to is not None else None,
        to_name=to.name if to is not None else "",
        note=note,
    )
    uow.session.add(record)
    uow.flush()
    # In the same transaction as the handover itself: both are kept, or neither.
    access_log.log(
        uow,
        AccessAction.HANDOVER,
        case_id=case.id,
        case_number=case.case_number,
        detail=f"{record.from_name or '-'} -> {record.to_name or '-'}",
    )
    return Handover(
        record=_record(record),
        from_person_id=previous.id if previous is not None else None,
        to_person_id=record.to_person_id,
        added_coworker=added,
        removed_coworker=removed,
    )


def hand_over(
    uow: UnitOfWork,
    case_id: int,
    to_person_id: int,
    note: str = "",
    *,
    by: StaffMember,
    keep_previous: bool = False,
    expected: Expected = None,
) -> Outcome[Handover]:
    """Make `to_person_id` the case manager, with an optional note for them.

    `keep_previous`: the previous case manager stays on the case team as co-worker (otherwise
    they keep no access). `expected` (`{"case_manager_id": id}`): refuse (ConflictError)
    unless the case manager is still who the caller saw (redo).
    """
    clean_note = check_note(note)
    with uow:
        case = ensure_open(uow, case_id)
        if not may_hand_over(by, case.team_id):
            raise _not_allowed()
        ensure_values({"case_manager_id": case.case_manager_id}, expected)
        to = _check_new_manager(uow, case, to_person_id)
        done = _move(uow, case, to, clean_note, keep_previous=keep_previous)
        return Outcome(done, uow.commit())


def hand_back(uow: UnitOfWork, done: Handover, *, by: StaffMember) -> Outcome[Handover]:
    """Undo a handover: the previous case manager leads the case again (and a co-worker row the
    handover added or removed is put back as it was). ConflictError when the case manager
    changed since; InvalidInput when the previous one can no longer lead it."""
    with uow:
        case = ensure_open(uow, done.case_id)
        if not may_hand_over(by, case.team_id):
            raise _not_allowed()
        if case.case_manager_id != done.to_person_id:
            raise conflict_error()
        back = _previous_manager(uow, case, done)
        if done.added_coworker and done.from_person_id is not None:
            row = _coworker(uow, case.id, done.from_person_id)
            if row is not None:
                uow.session.delete(row)
                uow.flush()
        undone = _move(
            uow,
            case,
            back,
            "",
            keep_previous=False,
            coworker_back=done.to_person_id if done.removed_coworker else None,
        )
        return Outcome(undone, uow.commit())


def _previous_manager(uow: UnitOfWork, case: Household, done: Handover) -> Consultant | None:
    """The case manager a handover is undone to, if they can still lead the case."""
    if done.from_person_id is None:
        return None
    try:
        return _check_new_manager(uow, case, done.from_person_id)
    except InvalidInput:
        raise InvalidInput(
            Problem(
                "to_person_id",
                _(
                    "{name} can no longer be the case manager (no longer active, or no longer "
                    "in the case's team), so the handover cannot be undone. Hand the case over "
                    "to someone else."
                ).format(name=done.record.from_name),
            )
        ) from None


def _record(row: CaseHandover) -> HandoverRecord:
    return as_dto(
        HandoverRecord, row, case_id=row.household_id, at=row.created_at, by=row.created_by
    )


def case_handovers(uow: UnitOfWork, case_id: int) -> list[HandoverRecord]:
    """The case's handovers, newest first."""
    with uow:
        rows = newest_first(
            uow.session, CaseHandover.household_id, case_id, CaseHandover.created_at
        )
        return [_record(r) for r in rows]
