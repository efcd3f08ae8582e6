"""Services of the meldcode: a record per run through the five steps (one open at a time per
case), its signals, steps, the afwegingskader's answers, the decision and closing.

A closed record never changes again (`RecordClosed`); a later worry starts a new record. Only an
open case changes (`ensure_open`). The rules are pure functions in meldcode_rules.py; reading,
the reminders and what the steps show beside them are in meldcode_read.py (offered here too).
Step 1's signals are served by meldcode_signals.py (offered here too).
Undo: `remove_record` undoes starting, `undo_decide` deciding and `undo_close_record` closing;
each refuses (ConflictError) when someone changed the record since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import func, select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.dossier import meldcode_read as read
from jeugdtool.dossier import meldcode_rules as rules
from jeugdtool.dossier.dto import (
    AfwegingOutcome,
    MeldcodeAnswerDTO,
    MeldcodeRecordDTO,
    MeldcodeReminder,
    SignalChoice,
    WeighContext,
)
from jeugdtool.dossier.meldcode_rules import RecordClosed
from jeugdtool.dossier.meldcode_signals import (
    add_signal,
    remove_signal,
    restore_signal,
    update_signal,
)
from jeugdtool.dossier.models import (
    JournalLink,
    MeldcodeAnswer,
    MeldcodeRecord,
    MeldcodeSignal,
    MeldcodeStepRow,
    VeiligThuisContact,
)
from jeugdtool.dossier.vocab import (
    LinkKind,
    MeldcodeStatus,
    VeiligThuisKind,
)
from jeugdtool.errors import InvalidInput, Problem, collect
from jeugdtool.i18n import _
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen, ensure_unreferenced
from jeugdtool.store.rows import apply, committed, get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork, conflict_error

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

#: Never compared by undo's guards: whether a step is overdue depends on the day.
_DAY_BOUND = ("overdue",)


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
    uow: UnitOfWork, *, today: dt.date | None = None, case_id: int | None = None
) -> list[MeldcodeReminder]:
    """Open records (of open cases; or only `case_id`'s) whose first open step has been open
    longer than the organisation's term (org setting MELDCODE_STEP_DAYS), by case number."""
    with uow:
        return read.reminders_in(uow, today or dt.date.today(), case_id)


# ---- guards ----------------------------------------------------------------------------------


def _outcome(uow: UnitOfWork, record_id: int) -> AfwegingOutcome:
    answers = read.answer_rows(uow, record_id).values()
    return rules.afweging_outcome(read.answers_of(list(answers)))


def _done(steps: Mapping[int, MeldcodeStepRow]) -> set[int]:
    return {n for n, row in steps.items() if row.done_on is not None}


def _check_done(uow: UnitOfWork, record: MeldcodeRecord, step: MeldcodeStepRow) -> None:
    """The step as it will be saved may count as done (meldcode_rules.check_step_done)."""
    steps = read.step_rows(uow, record.id)
    previous = steps.get(step.step - 1)
    row = {
        "done_on": step.done_on,
        "done_by": step.done_by,
        "with_whom": step.with_whom,
        "talk_held": step.talk_held,
        "not_held_reason": step.not_held_reason,
        "started_on": record.started_on,
        "previous_done_on": previous.done_on if previous is not None else None,
        "signals": len(read.signal_rows(uow, record.id)),
        "kindcheck_children_depend": record.kindcheck_children_depend,
        "kindcheck_safety_assessed": record.kindcheck_safety_assessed,
        "outcome": _outcome(uow, record.id),
        "decided_report": record.decided_report,
        "decided_help": record.decided_help,
    }
    rules.check_step_done(step.step, row, _done(steps) - {step.step})


def _dto(uow: UnitOfWork, row: MeldcodeRecord) -> MeldcodeRecordDTO:
    return read.record_dto(uow, row)


# ---- starting and undoing it ------------------------------------------------------------------


def _lock(uow: UnitOfWork, case_id: int) -> None:
    # One open record per case: nobody else may check and start one until this action ends.
    uow.serialize(f"meldcode-record:{case_id}")


def _already_open(row: MeldcodeRecord) -> InvalidInput:
    message = _(
        "This case already has an open meldcode record (number {n}). Continue it, or close it "
        "before starting a new one."
    )
    return InvalidInput(Problem("status", message.format(n=row.number)))


def _day(field: str, value: Any, label: str) -> dt.date:
    day = v.date(field, value, label=label, not_after=dt.date.today())
    return day or dt.date.today()


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
        day = problems.check(_day, "started_on", on, _("Start date"))
        picked = [problems.check(rules.clean_signal, _choice_fields(c), new=True) for c in signals]
    with uow:
        case = ensure_open(uow, case_id)
        _lock(uow, case_id)
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
        return committed(uow, lambda: _dto(uow, row))


def _add_children(uow: UnitOfWork, row: MeldcodeRecord, signals: Sequence[Any]) -> None:
    keys = {"household_id": row.household_id, "record_id": row.id}
    uow.session.add_all(MeldcodeStepRow(step=n, **keys) for n in rules.STEPS)
    uow.session.add_all(MeldcodeAnswer(question=q, **keys) for q in rules.QUESTION_KEYS)
    uow.session.add_all(
        MeldcodeSignal(position=n, **keys, **fields) for n, fields in enumerate(signals, 1)
    )


def _ensure_no_links(uow: UnitOfWork, record_id: int) -> None:
    """Refuse (ConflictError) when a journal entry links to one of the record's steps: taking
    the record away would leave the colleague's entry pointing at nothing."""
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
        raise conflict_error()


def remove_record(
    uow: UnitOfWork, record_id: int, *, expected: MeldcodeRecordDTO | None = None
) -> Outcome[Snapshot]:
    """Take an open record away with its steps, signals and answers (undo of starting it);
    `restore_record` puts it back. ConflictError when it is no longer as `expected`, or a
    journal entry or a Veilig Thuis contact refers to it."""
    with uow:
        row = read.editable_record(uow, record_id)
        ensure_as_seen(_dto(uow, row), expected, ignore=_DAY_BOUND)
        skip = (
            MeldcodeStepRow.__tablename__,
            MeldcodeSignal.__tablename__,
            MeldcodeAnswer.__tablename__,
        )
        ensure_unreferenced(uow, MeldcodeRecord.__tablename__, row.id, skip=skip)
        _ensure_no_links(uow, row.id)
        taken = snapshot.remove(uow, row)
        return Outcome(taken, uow.commit())


def restore_record(uow: UnitOfWork, taken: Snapshot) -> Outcome[MeldcodeRecordDTO]:
    """Put a removed record back with its ids (redo of starting); ConflictError when the case
    has another open record by now."""
    if taken.root[0] != MeldcodeRecord.__tablename__:
        raise ValueError("not a snapshot of a meldcode record")  # a programming error
    with uow:
        case_id = taken.values["household_id"]
        ensure_open(uow, case_id)
        _lock(uow, case_id)
        if taken.values["status"] == MeldcodeStatus.OPEN and read.open_record_of(uow, case_id):
            raise conflict_error()
        row = cast(MeldcodeRecord, snapshot.put_back(uow, taken))
        return committed(uow, lambda: _dto(uow, row))


# ---- the record's own fields (the kindcheck) --------------------------------------------------


def update_record(
    uow: UnitOfWork,
    record_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
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
            _check_done(uow, row, step)
        return committed(uow, lambda: _dto(uow, row))


# ---- steps -----------------------------------------------------------------------------------


def update_step(
    uow: UnitOfWork,
    record_id: int,
    step: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
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
                rules.check_step_undone(number, _done(steps))
                if "done_by" not in clean:  # who did it goes with the date
                    row.done_by = ""
        else:
            _complete_step(uow, record, row, was_done)
        return committed(uow, lambda: _dto(uow, record))


def _complete_step(
    uow: UnitOfWork, record: MeldcodeRecord, row: MeldcodeStepRow, was_done: bool
) -> None:
    """Fill what a step marked done takes by default, then check it may count as done."""
    if not was_done and not row.done_by.strip():
        row.done_by = uow.author
    if row.step == 4 and row.scale_score is None:
        row.scale_score = read.weigh_context_in(uow, record.household_id).scale_score
    _check_done(uow, record, row)


# ---- the afwegingskader and the decision ------------------------------------------------------


def answer_question(
    uow: UnitOfWork,
    record_id: int,
    question: str,
    answer: bool | None,
    reason: str,
    *,
    expected: MeldcodeAnswerDTO | Mapping[str, Any] | None = None,
) -> Outcome[MeldcodeRecordDTO]:
    """Answer one of the afwegingskader's questions (meldcode_rules.QUESTION_KEYS) yes or no
    with a reason (None clears the answer). Refused once step 5 is done (the decision rests on
    the answers), and while step 4 is done when the answers would no longer be complete.
    `expected` (undo/redo): the answer as the caller last saw it ({"answer", "reason"})."""
    value, text = rules.check_answer(question, answer, reason)
    with uow:
        record = read.editable_record(uow, record_id)
        steps = read.step_rows(uow, record.id)
        if steps[5].done_on is not None:
            raise InvalidInput(
                Problem(
                    "answers",
                    _(
                        "The decision in step 5 rests on these answers; undo the decision "
                        "before changing them."
                    ),
                )
            )
        row = read.answer_rows(uow, record.id)[question]
        seen = (
            {"answer": expected.answer, "reason": expected.reason}
            if isinstance(expected, MeldcodeAnswerDTO)
            else expected
        )
        apply(row, {"answer": value, "reason": text}, expected=seen)
        uow.flush()
        if steps[4].done_on is not None and not _outcome(uow, record.id).complete:
            raise InvalidInput(
                Problem(
                    "answers",
                    _(
                        "Step 4 is done, so the afwegingskader must stay complete; mark step 4 as "
                        "not done first."
                    ),
                )
            )
        return committed(uow, lambda: _dto(uow, record))


def decide(
    uow: UnitOfWork,
    record_id: int,
    *,
    report: bool,
    help: bool,
    reason: str,
    on: dt.date | None = None,
) -> Outcome[MeldcodeRecordDTO]:
    """Step 5: record whether Veilig Thuis is told (a report) and whether help is offered or
    organised, on `on` (default today), by the current user; step 5 is then done. Refused while
    the afwegingskader is incomplete or steps 1–4 are not done, and once a decision is recorded
    (never written over: `undo_decide` first); a decision that departs from the afwegingskader's
    outcome needs a reason (meldcode_rules.check_decision)."""
    day = _day("done_on", on, _("Date of the decision"))
    with uow:
        record = read.editable_record(uow, record_id)
        step = read.step_rows(uow, record.id)[5]
        if step.done_on is not None:  # decided meanwhile (a colleague, another window)
            raise _already_decided(step)
        text = rules.check_decision(_outcome(uow, record.id), report, help, reason)
        record.decided_report, record.decided_help, record.decision_reason = report, help, text
        step.done_on, step.done_by = day, uow.author
        uow.flush()
        _check_done(uow, record, step)
        return committed(uow, lambda: _dto(uow, record))


def _already_decided(step: MeldcodeStepRow) -> InvalidInput:
    message = _(
        "The decision was already recorded on {date} by {who}. To decide again, undo that "
        "decision first."
    )
    date = v.format_date_nl(step.done_on)
    return InvalidInput(Problem("decision", message.format(date=date, who=step.done_by)))


def undo_decide(
    uow: UnitOfWork, record_id: int, *, expected: MeldcodeRecordDTO | None = None
) -> Outcome[MeldcodeRecordDTO]:
    """Undo of `decide`: no decision, step 5 open again. ConflictError when the record is no
    longer as `expected` (the record as `decide` returned it)."""
    with uow:
        record = read.editable_record(uow, record_id)
        ensure_as_seen(_dto(uow, record), expected, ignore=_DAY_BOUND)
        record.decided_report = record.decided_help = None
        record.decision_reason = ""
        step = read.step_rows(uow, record.id)[5]
        step.done_on, step.done_by = None, ""
        return committed(uow, lambda: _dto(uow, record))


# ---- closing ---------------------------------------------------------------------------------


def _has_report(uow: UnitOfWork, record_id: int) -> bool:
    query = select(func.count()).where(
        VeiligThuisContact.meldcode_record_id == record_id,
        VeiligThuisContact.kind == VeiligThuisKind.REPORT.value,
    )
    return bool(uow.session.scalar(query))


def close_record(
    uow: UnitOfWork,
    record_id: int,
    *,
    on: dt.date | None = None,
    expected: MeldcodeRecordDTO | None = None,
) -> Outcome[MeldcodeRecordDTO]:
    """Close an open record on `on` (default today), by the current user: after the decision
    of step 5 (with the report to Veilig Thuis recorded when the decision was to report), or
    when question 1 was answered no. It never changes again."""
    day = _day("closed_on", on, _("Closing date"))
    with uow:
        record = read.editable_record(uow, record_id)
        ensure_as_seen(_dto(uow, record), expected, ignore=_DAY_BOUND)
        decided = read.step_rows(uow, record.id)[5]
        rules.check_closable(_outcome(uow, record.id), decided.done_on is not None)
        if record.decided_report and not _has_report(uow, record.id):
            raise InvalidInput(
                Problem(
                    "veilig_thuis",
                    _(
                        "You decided to report to Veilig Thuis: record the report (date, how, "
                        "reference) before closing the record."
                    ),
                )
            )
        earliest = max(record.started_on, decided.done_on or record.started_on)
        if day < earliest:
            message = _("The closing date {date} lies before {earliest}; choose a later date.")
            raise InvalidInput(
                Problem(
                    "closed_on",
                    message.format(date=v.format_date_nl(day), earliest=v.format_date_nl(earliest)),
                )
            )
        record.status, record.closed_on = MeldcodeStatus.CLOSED.value, day
        record.closed_by = uow.author
        return committed(uow, lambda: _dto(uow, record))


def undo_close_record(
    uow: UnitOfWork, record_id: int, *, expected: MeldcodeRecordDTO | None = None
) -> Outcome[MeldcodeRecordDTO]:
    """Undo of `close_record` (for the window's undo only): the record open again.
    ConflictError when it is no longer as `expected` (as `close_record` returned it) or the
    case has another open record by now."""
    with uow:
        record = get(uow, MeldcodeRecord, record_id)
        ensure_open(uow, record.household_id)
        _lock(uow, record.household_id)
        ensure_as_seen(_dto(uow, record), expected, ignore=_DAY_BOUND)
        if record.status != MeldcodeStatus.CLOSED or read.open_record_of(uow, record.household_id):
            raise conflict_error()
        record.status, record.closed_on, record.closed_by = MeldcodeStatus.OPEN.value, None, None
        return committed(uow, lambda: _dto(uow, record))
