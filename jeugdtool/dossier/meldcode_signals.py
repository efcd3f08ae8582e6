"""Services of step 1's signals of a meldcode record: added from the map or as the consultant's
own observation, changed, removed and put back (undo). Offered by meldcode.py too.

Only an open record of an open case changes; the text is a copy (the map may change, the record
may not); once step 1 is done one signal at least stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from typing import cast

from jeugdtool.dossier import meldcode_read as read
from jeugdtool.dossier import meldcode_rules as rules
from jeugdtool.dossier.dto import MeldcodeSignalDTO
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeSignal
from jeugdtool.errors import InvalidInput
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


def _open_signal(uow: UnitOfWork, signal_id: int) -> tuple[MeldcodeSignal, MeldcodeRecord]:
    row = get(uow, MeldcodeSignal, signal_id)
    return row, read.editable_record(uow, row.record_id)


def add_signal(
    uow: UnitOfWork, record_id: int, fields: Mapping[str, Any]
) -> Outcome[MeldcodeSignalDTO]:
    """Add a signal to step 1 of an open record, at the end: `text`, and `source`
    (vocab.SignalSource, default own observation) with `source_lineage` for one from the map."""
    clean = rules.clean_signal(fields, new=True)
    with uow:
        record = read.editable_record(uow, record_id)
        position = len(read.signal_rows(uow, record.id)) + 1
        row = MeldcodeSignal(
            household_id=record.household_id, record_id=record.id, position=position, **clean
        )
        uow.session.add(row)
        return committed(uow, lambda: read.signal_dto(row))


def update_signal(
    uow: UnitOfWork, signal_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[MeldcodeSignalDTO]:
    """Change a signal's text (or source) of an open record; `expected` (undo/redo): the
    fields' values the caller believes are current."""
    clean = rules.clean_signal(changes, new=False)
    with uow:
        row, _record = _open_signal(uow, signal_id)
        apply(row, clean, expected=read.expected_columns(expected))
        return committed(uow, lambda: read.signal_dto(row))


def remove_signal(
    uow: UnitOfWork, signal_id: int, *, expected: MeldcodeSignalDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a signal of an open record (not the last one once step 1 is done);
    `restore_signal` puts it back where it was."""
    with uow:
        row, record = _open_signal(uow, signal_id)
        ensure_as_seen(read.signal_dto(row), expected, ignore=("position",))
        others = [s for s in read.signal_rows(uow, record.id) if s.id != row.id]
        if not others and read.step_rows(uow, record.id)[1].done_on is not None:
            raise InvalidInput.at(
                "signals", _("Step 1 is done and needs at least one signal; add another one first.")
            )
        return snapshot.remove_and_commit(uow, row, renumber=lambda: others)


def restore_signal(uow: UnitOfWork, taken: Snapshot) -> Outcome[MeldcodeSignalDTO]:
    """Put a removed signal back where it was, with its id, if its record is still open."""
    with uow:
        record = read.editable_record(uow, taken.values["record_id"])
        row = snapshot.put_back_at(uow, taken, lambda: read.signal_rows(uow, record.id))
        return committed(uow, lambda: read.signal_dto(cast(MeldcodeSignal, row)))
