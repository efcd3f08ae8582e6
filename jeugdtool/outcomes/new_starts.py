"""Services for new starts: help that started again for a child after a closing.

A reopened case records its new start by itself (`closing.reopen_case`). A new case for a child
who had help before is recorded when the consultant confirms a match: `same_child_candidates`
finds children in other cases with a closing, the same birth date and the same name (case and
accents aside, `closing_rules.same_child`), and `record_new_start` records the one confirmed.
In team mode the database's row-level security filters every query: only cases the user may
read are matched or named.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import select

from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.errors import InvalidInput
from jeugdtool.framework._common import remove_unchanged
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing_rules as rules
from jeugdtool.outcomes.dto import Candidate
from jeugdtool.outcomes.dto import NewStartDTO
from jeugdtool.outcomes.models import CaseClosing
from jeugdtool.outcomes.models import NewStart
from jeugdtool.outcomes.reading import person_label
from jeugdtool.outcomes.vocab import NewStartKind
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Outcome
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.rows import rows_of
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error


def new_start_dto(uow: UnitOfWork, row: NewStart) -> NewStartDTO:
    """The new start with its earlier case, when the user may read that (RLS in team mode)."""
    previous = (
        uow.session.get(CaseClosing, row.previous_closing_id) if row.previous_closing_id else None
    )
    case = uow.session.get(Household, previous.household_id) if previous else None
    return as_dto(
        NewStartDTO,
        row,
        previous_case_number=case.case_number if case else None,
        previous_closed_on=previous.closed_on if previous else None,
    )


# ---- new starts -----------------------------------------------------------------------------


def new_starts(uow: UnitOfWork, case_id: int) -> list[NewStartDTO]:
    """The case's new starts (its reopenings, and the children it started again for)."""
    with uow:
        get(uow, Household, case_id)
        order = (NewStart.started_on, NewStart.id)
        rows = rows_of(uow.session, NewStart.household_id, case_id, *order)
        return [new_start_dto(uow, row) for row in rows]


def same_child_candidates(
    uow: UnitOfWork,
    *,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None,
    exclude_case_id: int | None = None,
) -> list[Candidate]:
    """Children in other cases closed now who may be this child (`closing_rules.same_child`),
    the most recently closed first, for the consultant to confirm; a case reopened since its
    latest closing is left out. Only cases the user may read (team mode: row-level security)."""
    wanted = _Typed(first_name or "", last_name or "", birth_date)
    if birth_date is None or not wanted.first_name.strip():
        return []
    with uow:
        query = (
            select(Person, Household)
            .join(Household, Person.household_id == Household.id)
            .where(Person.role == PersonRole.CHILD.value, Person.birth_date == birth_date)
        )
        if exclude_case_id is not None:
            query = query.where(Person.household_id != exclude_case_id)
        matches = [(p, h) for p, h in uow.session.execute(query) if rules.same_child(wanted, p)]
        latest = latest_closings(uow, {h.id for _p, h in matches})
        found = [
            Candidate(c.id, h.id, h.case_number, h.name, person_label(p), c.closed_on)
            for p, h in matches
            # A case reopened since: help already started again after that closing.
            if (c := latest.get(h.id)) is not None and c.reopened_on is None
        ]
    return sorted(found, key=lambda c: (c.closed_on, c.closing_id), reverse=True)


class _Typed:
    """A child's name and birth date as typed (for `same_child`)."""

    def __init__(self, first_name: str, last_name: str, birth_date: dt.date | None):
        self.first_name, self.last_name, self.birth_date = first_name, last_name, birth_date


def latest_closings(uow: UnitOfWork, case_ids: set[int]) -> dict[int, CaseClosing]:
    grouped = children_of(
        uow.session, CaseClosing.household_id, case_ids, CaseClosing.closed_on, CaseClosing.id
    )
    return {case_id: rows[-1] for case_id, rows in grouped.items() if rows}


def record_new_start(
    uow: UnitOfWork,
    case_id: int,
    *,
    person_id: int,
    previous_closing_id: int,
    started_on: dt.date | None = None,
) -> Outcome[NewStartDTO]:
    """Record, as the consultant confirmed, that help started again in this (open) case for
    child `person_id` after `previous_closing_id` of another case; `started_on` defaults to
    `default_start_day`."""
    with uow:
        case = ensure_open(uow, case_id)
        person = uow.session.get(Person, person_id)
        if person is None or person.household_id != case_id or person.role != PersonRole.CHILD:
            raise InvalidInput.at("person_id", _("Choose a child of this household."))
        previous = _previous_closing(uow, case_id, previous_closing_id)
        today = dt.date.today()
        day = rules.new_start_date(
            started_on or rules.default_start_day(case.opened_on, previous.closed_on, today),
            closed_on=previous.closed_on,
            today=today,
        )
        _check_not_recorded(uow, case_id, person_id, previous.id)
        row = add_new_start(uow, case_id, day, NewStartKind.NEW_CASE, person_id, previous.id)
        return committed(uow, lambda: new_start_dto(uow, row))


def add_new_start(
    uow: UnitOfWork,
    case_id: int,
    day: dt.date,
    kind: NewStartKind,
    person_id: int | None,
    previous_closing_id: int,
) -> NewStart:
    """Inside an open unit of work: a new start of the case on `day`, after the closing
    `previous_closing_id`, confirmed by the user (for child `person_id`; None: the whole case,
    reopened)."""
    row = NewStart(
        household_id=case_id,
        started_on=day,
        kind=kind.value,
        person_id=person_id,
        previous_closing_id=previous_closing_id,
        confirmed_by=uow.author,
    )
    uow.session.add(row)
    return row


def _previous_closing(uow: UnitOfWork, case_id: int, closing_id: int) -> CaseClosing:
    previous = uow.session.get(CaseClosing, closing_id)
    if previous is None:
        raise InvalidInput.at(
            "previous_closing_id",
            _("The earlier case's closing is no longer there. Search for the child again."),
        )
    if previous.household_id == case_id:
        raise InvalidInput.at(
            "previous_closing_id",
            _(
                "Choose a closing of another case: reopening this case records its new "
                "start by itself."
            ),
        )
    return previous


def _check_not_recorded(
    uow: UnitOfWork, case_id: int, person_id: int | None, closing_id: int | None
) -> None:
    found = uow.session.scalar(
        select(NewStart.id).where(
            NewStart.household_id == case_id,
            NewStart.person_id == person_id,
            NewStart.previous_closing_id == closing_id,
        )
    )
    if found is not None:
        raise InvalidInput.at("previous_closing_id", _("This new start has already been recorded."))


def remove_new_start(
    uow: UnitOfWork, new_start_id: int, *, expected: NewStartDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a new start recorded for a new case (a wrong match); `restore_new_start` puts it
    back. The new start of a reopening goes only with the reopening (`undo_reopen`)."""
    with uow:
        row = get(uow, NewStart, new_start_id)
        ensure_open(uow, row.household_id)
        if row.kind == NewStartKind.REOPENED:
            raise InvalidInput.at(
                "kind",
                _(
                    "This new start records that the case was reopened; it stays as long "
                    "as the reopening does."
                ),
            )
        return remove_unchanged(uow, row, new_start_dto(uow, row), expected)


def restore_new_start(uow: UnitOfWork, taken: Snapshot) -> Outcome[NewStartDTO]:
    """Put a removed new start back with its id, if the case is open and it was not recorded
    again meanwhile (ConflictError)."""
    if taken.root[0] != NewStart.__tablename__:
        raise ValueError("not a snapshot of a new start")  # a programming error
    values = taken.values
    with uow:
        ensure_open(uow, values["household_id"])
        try:
            _check_not_recorded(
                uow, values["household_id"], values["person_id"], values["previous_closing_id"]
            )
        except InvalidInput:
            raise conflict_error() from None
        row = cast(NewStart, snapshot.put_back(uow, taken))
        return committed(uow, lambda: new_start_dto(uow, row))
