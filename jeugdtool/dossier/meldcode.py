"""Services of the meldcode: a record per run through the five steps (one open at a time per
case), its signals, steps, the afwegingskader's answers, the decision and closing.

A closed record never changes again (`RecordClosed`); a later worry starts a new record. Only an
open case changes (`ensure_open`). The rules are pure functions in meldcode_rules.py; reading,
the reminders and what the steps show beside them are in meldcode_read.py (offered here too).
Step 1's signals are served by meldcode_signals.py, the answers, the decision and closing by
meldcode_decide.py (both offered here too).
Undo: `remove_record` undoes starting, `undo_decide` deciding and `undo_close_record` closing;
each refuses (ConflictError) when someone changed the record since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from collections.abc import Sequence
from typing import Any
from typing import cast

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.queries import wanted_cases
from jeugdtool.dossier import meldcode_read as read
from jeugdtool.dossier import meldcode_rules as rules
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.dto import MeldcodeReminder
from jeugdtool.dossier.dto import SignalChoice
from jeugdtool.dossier.dto import WeighContext
from jeugdtool.dossier.meldcode_decide import answer_question
from jeugdtool.dossier.meldcode_decide import close_record
from jeugdtool.dossier.meldcode_decide import decide
from jeugdtool.dossier.meldcode_decide import undo_close_record
from jeugdtool.dossier.meldcode_decide import undo_decide
from jeugdtool.dossier.meldcode_rules import RecordClosed
from jeugdtool.dossier.meldcode_signals import add_signal
from jeugdtool.dossier.meldcode_signals import remove_signal
from jeugdtool.dossier.meldcode_signals import restore_signal
from jeugdtool.dossier.meldcode_signals import update_signal
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.models import MeldcodeAnswer
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeSignal
from jeugdtool.dossier.models import MeldcodeStepRow
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.guards import ensure_unreferenced
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

__all__ = [
    "RecordClosed",
    "add_signal",
    "answer_question",
    "close_record",
    "decide",
    "get_record",
    "meldcode_reminders",
    "records",
    "remove_record",
    "remove_signal",
    "restore_record",
    "restore_signal",
    "signal_choices",
    "start_record",
    "undo_close_record",
    "undo_decide",
    "update_record",
    "update_signal",
    "update_step",
    "weigh_context",
]


# ---- reading ---------------------------------------------------------------------------------


def records(
    uow: UnitOfWork, case_id: int, *, today: dt.date | None = None
) -> list[MeldcodeRecordDTO]:
    """The meldcode records of a case, newest first."""
    with uow:
        get(uow, Household, case_id)
        return read.record_dtos(uow, read.record_rows(uow, case_id), today)


def get_record(
    uow: UnitOfWork, record_id: int, *, today: dt.date | None = None
) -> MeldcodeRecordDTO:
    """One record with its steps, signals and answers (NotFound when it is gone)."""
    with uow:
        return read.record_dto(uow, get(uow, MeldcodeRecord, record_id), today)


def signal_choices(uow: UnitOfWork, case_id: int) -> list[SignalChoice]:
    """What step 1 can pick: the harm and danger items of the newest mapping moment, then its
    harm and danger statements, each with the person it is about (adult or not: the kindcheck)."""
    with uow:
        get(uow, Household, case_id)
        return read.signal_choices_in(uow, case_id, dt.date.today())


def weigh_context(uow: UnitOfWork, case_id: int) -> WeighContext:
    """What step 4 shows beside the questions: the formal scale score with its date, and the
    danger statements of the newest mapping moment."""
    with uow:
        get(uow, Household, case_id)
        return read.weigh_context_in(uow, case_id)


def meldcode_reminders(
    uow: UnitOfWork,
    *,
    today: dt.date | None = None,
    case_id: int | None = None,
    case_ids: Collection[int] | None = None,
) -> list[MeldcodeReminder]:
    """Open records (of open cases; or only `case_id`'s, or those of `case_ids`) whose first
    open step has been open longer than the organisation's term (org setting
    MELDCODE_STEP_DAYS), by case number."""
    with uow:
        return read.reminders_in(uow, today or dt.date.today(), wanted_cases(case_id, case_ids))


# ---- starting and undoing it ------------------------------------------------------------------


def _already_open(row: MeldcodeRecord) -> InvalidInput:
    message = _(
        "This case already has an open meldcode record (number {n}). Continue it, or close it "
        "before starting a new one."
    )
    return InvalidInput(Problem("status", message.format(n=row.number)))


def _choice_fields(choice: SignalChoice) -> dict[str, Any]:
    return {"source": choice.source, "source_lineage": choice.lineage, "text": choice.text}


def start_record(
    uow: UnitOfWork,
    case_id: int,
    *,
    signals: Sequence[SignalChoice] = (),
    on: dt.date | None = None,
) -> Outcome[MeldcodeRecordDTO]:
    """Start a meldcode record for an open case on `on` (default today), with the five steps
    and the five questions, and the `signals` picked for step 1 (their text is copied; the
    adults they are about fill the kindcheck). One open record per case at a time."""
    with collect() as problems:
        day = problems.check(rules.check_day, "started_on", on, _("Start date"))
        picked = [problems.check(rules.clean_signal, _choice_fields(c), new=True) for c in signals]
    with uow:
        case = ensure_open(uow, case_id)
        read.lock_case(uow, case_id)
        current = read.open_record_of(uow, case_id)
        if current is not None:
            raise _already_open(current)
        number = uow.session.scalar(
            select(func.max(MeldcodeRecord.number)).where(MeldcodeRecord.household_id == case_id)
        )
        adults = tuple(dict.fromkeys(c.about for c in signals if c.about and c.about_is_adult))
        row = MeldcodeRecord(
            household_id=case.id,
            number=(number or 0) + 1,
            status=MeldcodeStatus.OPEN.value,
            started_on=day,
            started_by=uow.author,
            kindcheck_adults=adults,
        )
        uow.session.add(row)
        uow.flush()
        _add_children(uow, row, picked)
        return committed(uow, lambda: read.record_dto(uow, row))


def _add_children(uow: UnitOfWork, row: MeldcodeRecord, signals: Sequence[Any]) -> None:
    keys = {"household_id": row.household_id, "record_id": row.id}
    uow.session.add_all(MeldcodeStepRow(step=n, **keys) for n in rules.STEPS)
    uow.session.add_all(MeldcodeAnswer(question=q, **keys) for q in rules.QUESTION_KEYS)
    uow.session.add_all(
        MeldcodeSignal(position=n, **keys, **fields) for n, fields in enumerate(signals, 1)
    )


def _ensure_no_links(uow: UnitOfWork, record_id: int) -> None:
    """Refuse (ConflictError) when a journal entry links to one of the record's steps: taking
    the record away would leave that entry (maybe a colleague's) pointing at nothing. Said in
    its own words: "someone else changed this" would send the user looking for a change."""
    keys = [read.step_key(record_id, n) for n in rules.STEPS]
    linked = uow.session.scalar(
        select(func.count())
        .select_from(JournalLink)
        .where(
            JournalLink.target_kind == LinkKind.MELDCODE_STEP.value,
            JournalLink.target_key.in_(keys),
        )
    )
    if linked:
        raise ConflictError(
            _(
                "A journal entry is about a step of this meldcode record, so the record stays "
                "in the file and starting it can no longer be undone."
            )
        )


def remove_record(
    uow: UnitOfWork, record_id: int, *, expected: MeldcodeRecordDTO | None = None
) -> Outcome[Snapshot]:
    """Take an open record away with its steps, signals and answers (undo of starting it);
    `restore_record` puts it back. ConflictError when it is no longer as `expected`, or a
    journal entry or a Veilig Thuis contact refers to it."""
    with uow:
        row = read.editable_record(uow, record_id)
        ensure_as_seen(read.record_dto(uow, row), expected, ignore=read.DAY_BOUND)
        skip = (
            MeldcodeStepRow.__tablename__,
            MeldcodeSignal.__tablename__,
            MeldcodeAnswer.__tablename__,
        )
        ensure_unreferenced(uow, MeldcodeRecord.__tablename__, row.id, skip=skip)
        _ensure_no_links(uow, row.id)
        return snapshot.remove_and_commit(uow, row)


def restore_record(uow: UnitOfWork, taken: Snapshot) -> Outcome[MeldcodeRecordDTO]:
    """Put a removed record back with its ids (redo of starting); ConflictError when the case
    has another open record by now."""
    if taken.root[0] != MeldcodeRecord.__tablename__:
        raise ValueError("not a snapshot of a meldcode record")  # a programming error
    with uow:
        case_id = taken.values["household_id"]
        ensure_open(uow, case_id)
        read.lock_case(uow, case_id)
        if taken.values["status"] == MeldcodeStatus.OPEN and read.open_record_of(uow, case_id):
            raise conflict_error()
        row = cast(MeldcodeRecord, snapshot.put_back(uow, taken))
        return committed(uow, lambda: read.record_dto(uow, row))


# ---- the record's own fields (the kindcheck) --------------------------------------------------


def update_record(
    uow: UnitOfWork, record_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[MeldcodeRecordDTO]:
    """Change step 1's kindcheck: `kindcheck_adults` (names), `kindcheck_children_depend`
    and `kindcheck_safety_assessed` (vocab.KindcheckAnswer, None: not asked), `kindcheck_note`.
    `expected` (undo/redo): the fields' values the caller believes are current."""
    clean = rules.clean_record(changes)
    with uow:
        row = read.editable_record(uow, record_id)
        apply(row, clean, expected=read.expected_columns(expected))
        step = read.step_rows(uow, row.id)[1]
        if step.done_on is not None:
            read.check_done(uow, row, step)
        return committed(uow, lambda: read.record_dto(uow, row))


# ---- steps -----------------------------------------------------------------------------------


def update_step(
    uow: UnitOfWork, record_id: int, step: int, changes: Changes, *, expected: Expected = None
) -> Outcome[MeldcodeRecordDTO]:
    """Change step `step` (1–5) of an open record: `done_on` (None: not done), `done_by`
    (default: the current user when the step is marked done), `notes`, `with_whom`, `advice`,
    `talk_held`, `not_held_reason`, `scale_score` (step 4; default: the formal score when it is
    marked done). A step is done only after the ones before it, and with what it needs
    (meldcode_rules.check_step_done); it is not done again only while no later one is."""
    number = rules.check_step_number(step)
    clean = rules.clean_step(changes)
    with uow:
        record = read.editable_record(uow, record_id)
        steps = read.step_rows(uow, record.id)
        row = steps[number]
        was_done = row.done_on is not None
        apply(row, clean, expected=read.expected_columns(expected))
        if row.done_on is None:
            if was_done:
                rules.check_step_undone(number, read.done_steps(steps))
                if "done_by" not in clean:  # who did it goes with the date
                    row.done_by = ""
        else:
            _complete_step(uow, record, row, was_done)
        return committed(uow, lambda: read.record_dto(uow, record))


def _complete_step(
    uow: UnitOfWork, record: MeldcodeRecord, row: MeldcodeStepRow, was_done: bool
) -> None:
    """Fill what a step marked done takes by default, then check it may count as done."""
    if not was_done and not row.done_by.strip():
        row.done_by = uow.author
    if row.step == 4 and row.scale_score is None:
        row.scale_score = read.weigh_context_in(uow, record.household_id).scale_score
    read.check_done(uow, record, row)
