"""Services for Veilig Thuis involvement on a case: consultations and reports with their dates,
how contact was made, with whom, the advice and the reference (a report's number).

A report needs its date and how it was made; its reference may follow (Veilig Thuis sends it
later; `missing_reference` says so for the overview). A contact made from a meldcode record
links to it (`meldcode_record_id`, a record of the same case); once that record is closed the
contact is part of its record and only its reference can still be added.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any
from typing import cast

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import case_history
from jeugdtool.cases.households import ensure_open
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.meldcode_rules import MAX_NAME
from jeugdtool.dossier.meldcode_rules import MAX_TEXT
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import VeiligThuisContact
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import clean_fields
from jeugdtool.errors import collect
from jeugdtool.framework._common import open_row
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

MAX_REFERENCE = 60
#: What a contact must have when it is added (a report also its channel: `clean_contact`).
REQUIRED = ("kind", "contact_on")


# ---- the rules (pure) --------------------------------------------------------------------------


def _record_id(field: str, value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise InvalidInput.at(field, _("Choose a meldcode record of this case, or none."))


def _channel(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(v.choice(field, value, ReportChannel, _("How")).value)


def _rules(today: dt.date) -> dict[str, Any]:
    return {
        "kind": lambda f, x: str(v.choice(f, x, VeiligThuisKind, _("Kind of contact")).value),
        "contact_on": lambda f, x: v.date(f, x, label=_("Date"), required=True, not_after=today),
        "channel": _channel,
        "with_whom": lambda f, x: v.text(f, x, label=_("With whom"), max_len=MAX_NAME),
        "advice": lambda f, x: v.text(
            f, x, label=_("Advice or what was reported"), max_len=MAX_TEXT
        ),
        "reference": lambda f, x: v.text(f, x, label=_("Reference"), max_len=MAX_REFERENCE),
        "meldcode_record_id": _record_id,
    }


def clean_contact(
    fields: Mapping[str, Any], *, new: bool, today: dt.date | None = None
) -> dict[str, Any]:
    """Each field through its rule, every problem at once. A new contact needs its kind and
    date; a report also says how it was made (a consultation is by phone unless given)."""
    given = dict(fields)
    if new:
        for field in REQUIRED:
            given.setdefault(field, None)
    with collect() as problems:
        clean = problems.check(clean_fields, given, _rules(today or dt.date.today())) or {}
        refused = "channel" in given and "channel" not in clean  # its own problem is named
        if (new or "channel" in given) and not refused and clean.get("channel") is None:
            if clean.get("kind", given.get("kind")) == VeiligThuisKind.REPORT.value:
                problems.add(
                    Problem("channel", _("Say how the report was made (by phone, online, …)."))
                )
            else:
                clean["channel"] = ReportChannel.PHONE.value
    return clean


def missing_reference(contact: VeiligThuisContactDTO) -> bool:
    """A report whose reference has not been recorded yet (the overview marks it)."""
    return contact.kind == VeiligThuisKind.REPORT.value and not contact.reference.strip()


# ---- reading ---------------------------------------------------------------------------------


def _dto(row: VeiligThuisContact) -> VeiligThuisContactDTO:
    return as_dto(VeiligThuisContactDTO, row)


def contacts(uow: UnitOfWork, case_id: int) -> list[VeiligThuisContactDTO]:
    """The case's consultations of and reports to Veilig Thuis, newest first."""
    with uow:
        return [_dto(row) for row in case_history(uow, case_id, VeiligThuisContact.contact_on)]


# ---- changing --------------------------------------------------------------------------------


def _check_record(uow: UnitOfWork, case_id: int, record_id: int | None) -> None:
    """A contact links to a record of its own case that is still open."""
    if record_id is None:
        return
    record = uow.session.get(MeldcodeRecord, record_id)
    if record is None or record.household_id != case_id:
        raise InvalidInput.at(
            "meldcode_record_id", _("Choose a meldcode record of this case, or none.")
        )
    if record.status != MeldcodeStatus.OPEN:
        raise InvalidInput.at(
            "meldcode_record_id",
            _("That meldcode record is closed; a contact can no longer be added to it."),
        )


def _closed_record(uow: UnitOfWork, row: VeiligThuisContact) -> bool:
    record = uow.session.get(MeldcodeRecord, row.meldcode_record_id or 0)
    return record is not None and record.status != MeldcodeStatus.OPEN


def add_contact(
    uow: UnitOfWork, case_id: int, fields: Mapping[str, Any]
) -> Outcome[VeiligThuisContactDTO]:
    """Record a consultation of or a report to Veilig Thuis for an open case. `fields`: `kind`
    (vocab.VeiligThuisKind) and `contact_on` are needed, a report's `channel` too
    (vocab.ReportChannel); `with_whom`, `advice`, `reference` and `meldcode_record_id` (an open
    record of this case) are optional. Recorded by the current user."""
    clean = clean_contact(fields, new=True)
    with uow:
        ensure_open(uow, case_id)
        _check_record(uow, case_id, clean.get("meldcode_record_id"))
        row = VeiligThuisContact(household_id=case_id, recorded_by=uow.author, **clean)
        uow.session.add(row)
        return committed(uow, lambda: _dto(row))


def _as_columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if expected is None:
        return None
    return {key: getattr(value, "value", value) for key, value in expected.items()}


def update_contact(
    uow: UnitOfWork, contact_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[VeiligThuisContactDTO]:
    """Change a contact of an open case; one of a closed meldcode record only gets its
    reference. `expected` (undo/redo): the fields' values the caller believes are current."""
    with uow:
        row = open_row(uow, VeiligThuisContact, contact_id)
        merged = {"kind": row.kind, **changes}
        clean = clean_contact(merged, new=False)
        clean = {key: value for key, value in clean.items() if key in changes}
        if _closed_record(uow, row) and set(clean) - {"reference"}:
            raise InvalidInput.at(
                "reference",
                _(
                    "This contact belongs to a closed meldcode record; only its reference can "
                    "still be added."
                ),
            )
        if "meldcode_record_id" in clean and clean["meldcode_record_id"] != row.meldcode_record_id:
            _check_record(uow, row.household_id, clean["meldcode_record_id"])
        apply(row, clean, expected=_as_columns(expected))
        return committed(uow, lambda: _dto(row))


def remove_contact(
    uow: UnitOfWork, contact_id: int, *, expected: VeiligThuisContactDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a contact of an open case (not one of a closed meldcode record: the record
    rests on it); `restore_contact` puts it back."""
    with uow:
        row = open_row(uow, VeiligThuisContact, contact_id)
        ensure_as_seen(_dto(row), expected)
        if _closed_record(uow, row):
            raise InvalidInput.at(
                "meldcode_record_id",
                _("This contact belongs to a closed meldcode record and stays in the file."),
            )
        return snapshot.remove_and_commit(uow, row)


def restore_contact(uow: UnitOfWork, taken: Snapshot) -> Outcome[VeiligThuisContactDTO]:
    """Put a removed contact back with its id (undo of `remove_contact`), if the case is still
    open; without its meldcode link when that record went or was closed meanwhile."""
    with uow:
        ensure_open(uow, taken.values["household_id"])
        record_id = taken.values["meldcode_record_id"]
        if record_id is not None and _record_gone_or_closed(uow, record_id):
            taken = _unlinked(taken)
        row = cast(VeiligThuisContact, snapshot.put_back(uow, taken))
        return committed(uow, lambda: _dto(row))


def _record_gone_or_closed(uow: UnitOfWork, record_id: int) -> bool:
    record = uow.session.get(MeldcodeRecord, record_id)
    return record is None or record.status != MeldcodeStatus.OPEN


def _unlinked(taken: Snapshot) -> Snapshot:
    """The snapshot with the contact's link to its meldcode record taken off: a closed record
    gets no new contact, and a removed one cannot be named."""
    table = VeiligThuisContact.__tablename__
    rows = tuple(
        (
            name,
            tuple({**v, "meldcode_record_id": None} for v in values) if name == table else values,
        )
        for name, values in taken.rows
    )
    return dataclasses.replace(taken, rows=rows)
