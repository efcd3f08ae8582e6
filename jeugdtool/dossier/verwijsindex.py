"""Services of the verwijsindex: a case's signals (one child each) with their matches, extending
and withdrawing them, and the reminders of signals that expire soon or have expired.

Only an open case changes (`ensure_open`). A signal expires the organisation's number of months
after it was made or extended (store/org_settings VERWIJSINDEX_MONTHS) unless withdrawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import case_history
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.queries import of_cases
from jeugdtool.cases.queries import wanted_cases
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.cases.vocab import PersonRole
from jeugdtool.dossier import policy
from jeugdtool.dossier import verwijsindex_rules as rules
from jeugdtool.dossier.dto import VerwijsindexMatchDTO
from jeugdtool.dossier.dto import VerwijsindexReminder
from jeugdtool.dossier.dto import VerwijsindexSignalDTO
from jeugdtool.dossier.models import VerwijsindexMatch
from jeugdtool.dossier.models import VerwijsindexSignal
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.framework._common import open_row
from jeugdtool.i18n import _
from jeugdtool.outcomes.reading import person_label
from jeugdtool.store import org_settings
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork


def _months(uow: UnitOfWork) -> int:
    """Inside an open unit of work: the organisation's number of months a signal runs."""
    return policy.read_setting(uow, org_settings.VERWIJSINDEX_MONTHS)


# ---- reading --------------------------------------------------------------------------------


def _match_dto(row: VerwijsindexMatch) -> VerwijsindexMatchDTO:
    return as_dto(VerwijsindexMatchDTO, row)


def _matches(uow: UnitOfWork, signal_ids: list[int]) -> dict[int, list[VerwijsindexMatch]]:
    return children_of(
        uow.session,
        VerwijsindexMatch.signal_id,
        signal_ids,
        VerwijsindexMatch.matched_on,
        VerwijsindexMatch.id,
    )


def _dto(
    row: VerwijsindexSignal, matches: list[VerwijsindexMatch], today: dt.date
) -> VerwijsindexSignalDTO:
    return as_dto(
        VerwijsindexSignalDTO,
        row,
        matches=tuple(_match_dto(m) for m in matches),
        state=rules.state(row.expires_on, row.withdrawn_on, today),
    )


def _one(
    uow: UnitOfWork, row: VerwijsindexSignal, today: dt.date | None = None
) -> VerwijsindexSignalDTO:
    return _dto(row, _matches(uow, [row.id])[row.id], today or dt.date.today())


def signals(
    uow: UnitOfWork, case_id: int, *, today: dt.date | None = None
) -> list[VerwijsindexSignalDTO]:
    """The case's signals, newest first, each with its matches (oldest first) and its state on
    `today` (default: today)."""
    with uow:
        rows = case_history(uow, case_id, VerwijsindexSignal.signalled_on)
        matches = _matches(uow, [row.id for row in rows])
        day = today or dt.date.today()
        return [_dto(row, matches[row.id], day) for row in rows]


def get_signal(
    uow: UnitOfWork, signal_id: int, *, today: dt.date | None = None
) -> VerwijsindexSignalDTO:
    """One signal with its matches and its state on `today` (default: today)."""
    with uow:
        return _one(uow, get(uow, VerwijsindexSignal, signal_id), today)


# ---- signals --------------------------------------------------------------------------------


def _child(uow: UnitOfWork, case_id: int, person_id: int) -> Person:
    person = uow.session.get(Person, person_id)
    if person is None or person.household_id != case_id or person.role != PersonRole.CHILD:
        message = _("A verwijsindex signal is about a child of this household; choose one.")
        raise InvalidInput.at("person_id", message)
    return person


_CHECKED = ("signalled_on", "expires_on", "coordination_on", "withdrawn_on")


def _checked(row: VerwijsindexSignal | None, clean: Mapping[str, Any]) -> None:
    current = {name: getattr(row, name) for name in _CHECKED} if row is not None else {}
    rules.check_signal({**current, **clean})


def add_signal(
    uow: UnitOfWork, case_id: int, fields: Mapping[str, Any]
) -> Outcome[VerwijsindexSignalDTO]:
    """Record a signal about a child of an open case. `fields`: `person_id` (a child of the
    case) and `signalled_on` are needed; `signalled_by` (default: the current user),
    `coordinator`, `coordination_on`, `expires_on` (default: `signalled_on` + the
    organisation's months), `withdrawn_on` and `notes` are optional."""
    with uow:
        ensure_open(uow, case_id)
        clean = rules.clean_signal({"signalled_by": uow.author[:200], **fields}, new=True)
        person = _child(uow, case_id, clean["person_id"])
        if clean.get("expires_on") is None:
            clean["expires_on"] = rules.expiry(clean["signalled_on"], _months(uow))
        _checked(None, clean)
        row = VerwijsindexSignal(household_id=case_id, child_label=person_label(person), **clean)
        uow.session.add(row)
        return committed(uow, lambda: _one(uow, row))


def _as_columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if expected is None:
        return None
    return {k: v for k, v in expected.items() if k not in ("matches", "state")}


def _change(
    uow: UnitOfWork,
    row: VerwijsindexSignal,
    clean: Mapping[str, Any],
    expected: VerwijsindexSignalDTO | Mapping[str, Any] | None,
) -> Outcome[VerwijsindexSignalDTO]:
    """Inside the unit of work: `clean` on the signal, if it is as the caller saw it."""
    if isinstance(expected, VerwijsindexSignalDTO):
        ensure_as_seen(_one(uow, row), expected, ignore=("state",))
        expected = None
    _checked(row, clean)
    apply(row, clean, expected=_as_columns(expected))
    return committed(uow, lambda: _one(uow, row))


def update_signal(
    uow: UnitOfWork,
    signal_id: int,
    changes: Changes,
    *,
    expected: VerwijsindexSignalDTO | Mapping[str, Any] | None = None,
) -> Outcome[VerwijsindexSignalDTO]:
    """Change fields of a signal (those `add_signal` takes). `expected` (undo/redo): the signal
    as the caller last saw it, or the old values of the fields it changes (ConflictError when
    someone changed it since)."""
    with uow:
        row = open_row(uow, VerwijsindexSignal, signal_id)
        clean = rules.clean_signal(changes, new=False)
        if "person_id" in clean:
            clean["child_label"] = person_label(_child(uow, row.household_id, clean["person_id"]))
        return _change(uow, row, clean, expected)


def _refused(field: str, message: str, day: dt.date) -> InvalidInput:
    """Why the signal cannot be changed so: `message` (translated) with `day` as its {date}."""
    return InvalidInput(Problem(field, message.format(date=v.format_date_nl(day))))


def extend_signal(
    uow: UnitOfWork,
    signal_id: int,
    *,
    on: dt.date | None = None,
    expected: VerwijsindexSignalDTO | None = None,
) -> Outcome[VerwijsindexSignalDTO]:
    """Extend a signal on `on` (default: today): it expires the organisation's months later.
    A withdrawn or expired signal is no longer in the verwijsindex and is not extended (the
    remedy: a new signal); undo sets the old `expires_on` back with `update_signal`."""
    today = dt.date.today()
    day = v.date("expires_on", on or today, label=_("Extended on"), not_after=today) or today
    with uow:
        row = open_row(uow, VerwijsindexSignal, signal_id)
        if row.withdrawn_on is not None:
            message = _("This signal was withdrawn on {date}; record a new signal instead.")
            raise _refused("expires_on", message, row.withdrawn_on)
        if row.expires_on <= day:
            message = _(
                "This signal expired on {date} and is no longer in the verwijsindex; record a "
                "new signal if the worries remain, or mark it withdrawn."
            )
            raise _refused("expires_on", message, row.expires_on)
        new = rules.expiry(day, _months(uow))
        if new <= row.expires_on:
            message = _("This signal already runs until {date}; extending it now adds nothing.")
            raise _refused("expires_on", message, row.expires_on)
        return _change(uow, row, {"expires_on": new}, expected)


def withdraw_signal(
    uow: UnitOfWork,
    signal_id: int,
    *,
    on: dt.date | None = None,
    expected: VerwijsindexSignalDTO | None = None,
) -> Outcome[VerwijsindexSignalDTO]:
    """Withdraw a signal on `on` (default: today): it ends and reminds no more; undo sets
    `withdrawn_on` back to None with `update_signal`."""
    today = dt.date.today()
    day = v.date("withdrawn_on", on or today, label=_("Withdrawn on"), not_after=today) or today
    with uow:
        row = open_row(uow, VerwijsindexSignal, signal_id)
        if row.withdrawn_on is not None:
            message = _("This signal was already withdrawn on {date}.")
            raise _refused("withdrawn_on", message, row.withdrawn_on)
        return _change(uow, row, {"withdrawn_on": day}, expected)


def remove_signal(
    uow: UnitOfWork, signal_id: int, *, expected: VerwijsindexSignalDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a signal with its matches; `restore_signal` puts them back (undo). `expected`:
    the signal as the caller last saw it (ConflictError when someone changed it since)."""
    with uow:
        row = open_row(uow, VerwijsindexSignal, signal_id)
        ensure_as_seen(_one(uow, row), expected, ignore=("state",))
        return snapshot.remove_and_commit(uow, row)


def restore_signal(uow: UnitOfWork, taken: Snapshot) -> Outcome[VerwijsindexSignalDTO]:
    """Put a removed signal back with its matches and ids, if the case is still open."""
    with uow:
        ensure_open(uow, taken.values["household_id"])
        row = snapshot.put_back(uow, taken)
        return committed(uow, lambda: _one(uow, row))  # type: ignore[arg-type]


# ---- matches --------------------------------------------------------------------------------


def add_match(
    uow: UnitOfWork, signal_id: int, fields: Mapping[str, Any]
) -> Outcome[VerwijsindexMatchDTO]:
    """Record a match the verwijsindex reported on a signal. `fields`: `organisation` and
    `matched_on` are needed, `contact` is optional."""
    with uow:
        signal = open_row(uow, VerwijsindexSignal, signal_id)
        clean = rules.clean_match(fields, new=True)
        rules.check_match(clean["matched_on"], signal.signalled_on)
        row = VerwijsindexMatch(household_id=signal.household_id, signal_id=signal.id, **clean)
        uow.session.add(row)
        return committed(uow, lambda: _match_dto(row))


def update_match(
    uow: UnitOfWork,
    match_id: int,
    changes: Changes,
    *,
    expected: VerwijsindexMatchDTO | Mapping[str, Any] | None = None,
) -> Outcome[VerwijsindexMatchDTO]:
    """Change fields of a match; `expected` as `update_signal`'s."""
    with uow:
        row = open_row(uow, VerwijsindexMatch, match_id)
        clean = rules.clean_match(changes, new=False)
        if "matched_on" in clean:
            signal = get(uow, VerwijsindexSignal, row.signal_id)
            rules.check_match(clean["matched_on"], signal.signalled_on)
        if isinstance(expected, VerwijsindexMatchDTO):
            ensure_as_seen(_match_dto(row), expected)
            expected = None
        apply(row, clean, expected=expected)
        return committed(uow, lambda: _match_dto(row))


def remove_match(
    uow: UnitOfWork, match_id: int, *, expected: VerwijsindexMatchDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a match; `restore_match` puts it back (undo)."""
    with uow:
        row = open_row(uow, VerwijsindexMatch, match_id)
        ensure_as_seen(_match_dto(row), expected)
        return snapshot.remove_and_commit(uow, row)


def restore_match(uow: UnitOfWork, taken: Snapshot) -> Outcome[VerwijsindexMatchDTO]:
    """Put a removed match back with its id, if the case is open and its signal still there
    (else ConflictError)."""
    with uow:
        ensure_open(uow, taken.values["household_id"])
        row = snapshot.put_back(uow, taken)
        return committed(uow, lambda: _match_dto(row))  # type: ignore[arg-type]


# ---- reminders ------------------------------------------------------------------------------


def verwijsindex_reminders(
    uow: UnitOfWork,
    *,
    today: dt.date | None = None,
    case_id: int | None = None,
    case_ids: Collection[int] | None = None,
) -> list[VerwijsindexReminder]:
    """The signals of open cases (or of `case_id` only, or those of `case_ids`) that expire
    within REMINDER_DAYS of `today` (default: today) or have expired, and are not withdrawn:
    soonest first."""
    day = today or dt.date.today()
    horizon = day + dt.timedelta(days=rules.REMINDER_DAYS)
    query = (
        select(VerwijsindexSignal, Household.case_number, Household.name)
        .join(Household, Household.id == VerwijsindexSignal.household_id)
        .where(
            VerwijsindexSignal.withdrawn_on.is_(None),
            VerwijsindexSignal.expires_on <= horizon,
            Household.status == CaseStatus.OPEN.value,
            *of_cases(VerwijsindexSignal.household_id, wanted_cases(case_id, case_ids)),
        )
        .order_by(VerwijsindexSignal.expires_on, VerwijsindexSignal.id)
    )
    with uow:
        return [
            VerwijsindexReminder(
                household_id=signal.household_id,
                case_number=number,
                case_name=name,
                signal_id=signal.id,
                child_label=signal.child_label,
                expires_on=signal.expires_on,
                expired=rules.state(signal.expires_on, None, day) == rules.EXPIRED,
            )
            for signal, number, name in uow.session.execute(query)
        ]
