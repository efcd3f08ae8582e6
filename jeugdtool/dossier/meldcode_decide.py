"""The afwegingskader's answers, the decision of step 5 and closing a meldcode record, with the
undo of deciding and closing. Offered by meldcode.py (the services of a record).

Step 4's answers are fixed once step 5 is done; a decision is never written over (undo it
first); a record closes after the decision (with the report recorded when it was to report) or
when there is no suspicion, and then never changes again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.dossier import meldcode_read as read
from jeugdtool.dossier import meldcode_rules as rules
from jeugdtool.dossier.dto import MeldcodeAnswerDTO
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeStepRow
from jeugdtool.dossier.models import VeiligThuisContact
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

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
            raise InvalidInput.at(
                "answers",
                _(
                    "The decision in step 5 rests on these answers; undo the decision "
                    "before changing them."
                ),
            )
        row = read.answer_rows(uow, record.id)[question]
        seen = (
            {"answer": expected.answer, "reason": expected.reason}
            if isinstance(expected, MeldcodeAnswerDTO)
            else expected
        )
        apply(row, {"answer": value, "reason": text}, expected=seen)
        uow.flush()
        if steps[4].done_on is not None and not read.outcome_of(uow, record.id).complete:
            raise InvalidInput.at(
                "answers",
                _(
                    "Step 4 is done, so the afwegingskader must stay complete; mark step 4 as "
                    "not done first."
                ),
            )
        return committed(uow, lambda: read.record_dto(uow, record))


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
    day = rules.check_day("done_on", on, _("Date of the decision"))
    with uow:
        record = read.editable_record(uow, record_id)
        step = read.step_rows(uow, record.id)[5]
        if step.done_on is not None:  # decided meanwhile (a colleague, another window)
            raise _already_decided(step)
        text = rules.check_decision(read.outcome_of(uow, record.id), report, help, reason)
        record.decided_report, record.decided_help, record.decision_reason = report, help, text
        step.done_on, step.done_by = day, uow.author
        uow.flush()
        read.check_done(uow, record, step)
        return committed(uow, lambda: read.record_dto(uow, record))


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
        ensure_as_seen(read.record_dto(uow, record), expected, ignore=read.DAY_BOUND)
        record.decided_report = record.decided_help = None
        record.decision_reason = ""
        step = read.step_rows(uow, record.id)[5]
        step.done_on, step.done_by = None, ""
        return committed(uow, lambda: read.record_dto(uow, record))


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
    day = rules.check_day("closed_on", on, _("Closing date"))
    with uow:
        record = read.editable_record(uow, record_id)
        ensure_as_seen(read.record_dto(uow, record), expected, ignore=read.DAY_BOUND)
        decided = read.step_rows(uow, record.id)[5]
        rules.check_closable(read.outcome_of(uow, record.id), decided.done_on is not None)
        if record.decided_report and not _has_report(uow, record.id):
            raise InvalidInput.at(
                "veilig_thuis",
                _(
                    "You decided to report to Veilig Thuis: record the report (date, how, "
                    "reference) before closing the record."
                ),
            )
        earliest = max(record.started_on, decided.done_on or record.started_on)
        v.not_before(
            "closed_on",
            day,
            earliest,
            lambda date, earlier: _(
                "The closing date {date} lies before {earliest}; choose a later date."
            ).format(date=date, earliest=earlier),
        )
        record.status, record.closed_on = MeldcodeStatus.CLOSED.value, day
        record.closed_by = uow.author
        return committed(uow, lambda: read.record_dto(uow, record))


def undo_close_record(
    uow: UnitOfWork, record_id: int, *, expected: MeldcodeRecordDTO | None = None
) -> Outcome[MeldcodeRecordDTO]:
    """Undo of `close_record` (for the window's undo only): the record open again.
    ConflictError when it is no longer as `expected` (as `close_record` returned it) or the
    case has another open record by now."""
    with uow:
        record = get(uow, MeldcodeRecord, record_id)
        ensure_open(uow, record.household_id)
        read.lock_case(uow, record.household_id)
        ensure_as_seen(read.record_dto(uow, record), expected, ignore=read.DAY_BOUND)
        if record.status != MeldcodeStatus.CLOSED or read.open_record_of(uow, record.household_id):
            raise conflict_error()
        record.status, record.closed_on, record.closed_by = MeldcodeStatus.OPEN.value, None, None
        return committed(uow, lambda: read.record_dto(uow, record))
