"""Reading the meldcode: a record's rows for a change (refused once it is closed), records as
DTOs (with their steps, signals, answers and outcome), what step 1 can pick from the map, what
step 4 shows beside the questions, and the reminders of steps open past the organisation's term.
The services live in meldcode.py (and meldcode_signals.py), which offer these.

Inside an open unit of work throughout (the services own the transaction); a handful of flat
queries whatever the number of records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.cases.queries import of_cases
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.dossier import meldcode_rules as rules
from jeugdtool.dossier.dto import AfwegingOutcome
from jeugdtool.dossier.dto import MeldcodeAnswerDTO
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.dto import MeldcodeReminder
from jeugdtool.dossier.dto import MeldcodeSignalDTO
from jeugdtool.dossier.dto import MeldcodeStepDTO
from jeugdtool.dossier.dto import SignalChoice
from jeugdtool.dossier.dto import WeighContext
from jeugdtool.dossier.journal import visible
from jeugdtool.dossier.kindcheck_rules import is_adult
from jeugdtool.dossier.links import step_key
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.models import MeldcodeAnswer
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeSignal
from jeugdtool.dossier.models import MeldcodeStepRow
from jeugdtool.dossier.models import VeiligThuisContact
from jeugdtool.dossier.policy import read_setting
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework.models import MapItem
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.models import Statement
from jeugdtool.framework.models import StatementChild
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import StatementType
from jeugdtool.outcomes.reading import person_label
from jeugdtool.store import org_settings
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.uow import UnitOfWork

#: The map's cells and statement types step 1 offers (what happened, what we are afraid of).
SIGNAL_CELLS = (Cell.HARM.value, Cell.DANGER.value)
SIGNAL_STATEMENTS = (StatementType.HARM.value, StatementType.DANGER.value)


def step_days(uow: UnitOfWork) -> int:
    """The organisation's term for an open step, in days."""
    return read_setting(uow, org_settings.MELDCODE_STEP_DAYS)


# ---- a record's rows, for a change ------------------------------------------------------------


def editable_record(uow: UnitOfWork, record_id: int) -> MeldcodeRecord:
    """The record, if it may change (it and its case are open): else RecordClosed (CaseClosed
    for a closed case)."""
    row = get(uow, MeldcodeRecord, record_id)
    ensure_open(uow, row.household_id)
    if row.status != MeldcodeStatus.OPEN:
        raise rules.record_closed()
    _complete(uow, row)
    return row


def _complete(uow: UnitOfWork, record: MeldcodeRecord) -> None:
    """Give a record that lacks some of its five steps or five questions (written by another
    program, or a hand-edited case file) the missing rows, so every change finds its row."""
    keys = {"household_id": record.household_id, "record_id": record.id}
    steps = set(rules.STEPS) - set(step_rows(uow, record.id))
    questions = set(rules.QUESTION_KEYS) - set(answer_rows(uow, record.id))
    uow.session.add_all(MeldcodeStepRow(step=n, **keys) for n in sorted(steps))
    uow.session.add_all(MeldcodeAnswer(question=q, **keys) for q in sorted(questions))
    if steps or questions:
        uow.flush()


def step_rows(uow: UnitOfWork, record_id: int) -> dict[int, MeldcodeStepRow]:
    """The record's step rows by step number."""
    query = select(MeldcodeStepRow).where(MeldcodeStepRow.record_id == record_id)
    return {row.step: row for row in uow.session.scalars(query)}


def answer_rows(uow: UnitOfWork, record_id: int) -> dict[str, MeldcodeAnswer]:
    """The record's answer rows by question key."""
    query = select(MeldcodeAnswer).where(MeldcodeAnswer.record_id == record_id)
    return {row.question: row for row in uow.session.scalars(query)}


def signal_rows(uow: UnitOfWork, record_id: int) -> list[MeldcodeSignal]:
    """The record's signals in their order."""
    return in_order(uow, MeldcodeSignal, MeldcodeSignal.record_id == record_id)


def expected_columns(expected: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Undo's expected values as the columns hold them (an enum's value, lists as tuples)."""
    if expected is None:
        return None
    out: dict[str, Any] = {}
    for key, value in expected.items():
        value = getattr(value, "value", value)
        out[key] = tuple(value) if isinstance(value, list) else value
    return out


# ---- records ---------------------------------------------------------------------------------


def record_rows(uow: UnitOfWork, case_id: int) -> list[MeldcodeRecord]:
    """The case's records, newest first."""
    query = (
        select(MeldcodeRecord)
        .where(MeldcodeRecord.household_id == case_id)
        .order_by(MeldcodeRecord.number.desc())
    )
    return list(uow.session.scalars(query))


def open_record_of(uow: UnitOfWork, case_id: int) -> MeldcodeRecord | None:
    """The case's open record (at most one), or None."""
    query = select(MeldcodeRecord).where(
        MeldcodeRecord.household_id == case_id,
        MeldcodeRecord.status == MeldcodeStatus.OPEN.value,
    )
    return uow.session.scalars(query).first()


def _linked_entries(uow: UnitOfWork, record_ids: Sequence[int]) -> dict[str, list[int]]:
    keys = [step_key(rid, step) for rid in record_ids for step in rules.STEPS]
    found: dict[str, list[int]] = defaultdict(list)
    if keys:
        # Only entries the user reads: another person's working note is not even counted.
        query = (
            select(JournalLink.target_key, JournalLink.entry_id)
            .join(JournalEntry, JournalEntry.id == JournalLink.entry_id)
            .where(
                JournalLink.target_kind == LinkKind.MELDCODE_STEP.value,
                JournalLink.target_key.in_(keys),
                visible(uow),
            )
            .order_by(JournalLink.entry_id)
        )
        for key, entry_id in uow.session.execute(query):
            found[key].append(entry_id)
    return found


def _contacts(uow: UnitOfWork, record_ids: Sequence[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    if record_ids:
        query = (
            select(VeiligThuisContact.meldcode_record_id, VeiligThuisContact.id)
            .where(VeiligThuisContact.meldcode_record_id.in_(list(record_ids)))
            .order_by(VeiligThuisContact.contact_on, VeiligThuisContact.id)
        )
        for record_id, contact_id in uow.session.execute(query):
            found[record_id].append(contact_id)
    return found


def answers_of(rows: Sequence[MeldcodeAnswer]) -> dict[str, bool | None]:
    """The answers as `afweging_outcome` reads them: question key -> yes/no/None."""
    return {row.question: row.answer for row in rows}


def signal_dto(row: MeldcodeSignal) -> MeldcodeSignalDTO:
    return as_dto(MeldcodeSignalDTO, row)


def _step_dtos(
    record: MeldcodeRecord,
    steps: Sequence[MeldcodeStepRow],
    links: dict[str, list[int]],
    today: dt.date,
    term: int,
) -> tuple[MeldcodeStepDTO, ...]:
    late = None
    if record.status == MeldcodeStatus.OPEN:
        found = rules.open_step({s.step: s.done_on for s in steps}, record.started_on)
        if found is not None and rules.overdue_days(found[1], today, term) is not None:
            late = found[0]
    return tuple(
        as_dto(
            MeldcodeStepDTO,
            row,
            journal_entry_ids=tuple(links.get(step_key(record.id, row.step), ())),
            overdue=row.step == late,
        )
        for row in steps
    )


def record_dtos(
    uow: UnitOfWork, rows: Sequence[MeldcodeRecord], today: dt.date | None = None
) -> list[MeldcodeRecordDTO]:
    """`rows` as DTOs, in their order."""
    today = today or dt.date.today()
    ids = [row.id for row in rows]
    session = uow.session
    steps = children_of(session, MeldcodeStepRow.record_id, ids, MeldcodeStepRow.step)
    signals = children_in_order(session, MeldcodeSignal.record_id, ids)
    answers = children_of(session, MeldcodeAnswer.record_id, ids, MeldcodeAnswer.id)
    links, contacts, term = _linked_entries(uow, ids), _contacts(uow, ids), step_days(uow)
    out = []
    for row in rows:
        order = {key: n for n, key in enumerate(rules.QUESTION_KEYS)}
        mine = sorted(answers[row.id], key=lambda a: order.get(a.question, len(order)))
        out.append(
            as_dto(
                MeldcodeRecordDTO,
                row,
                kindcheck_adults=tuple(row.kindcheck_adults),
                steps=_step_dtos(row, steps[row.id], links, today, term),
                signals=tuple(signal_dto(s) for s in signals[row.id]),
                answers=tuple(as_dto(MeldcodeAnswerDTO, a) for a in mine),
                outcome=rules.afweging_outcome(answers_of(mine)),
                veilig_thuis_ids=tuple(contacts.get(row.id, ())),
            )
        )
    return out


def record_dto(
    uow: UnitOfWork, row: MeldcodeRecord, today: dt.date | None = None
) -> MeldcodeRecordDTO:
    """One record as a DTO (`record_dtos`)."""
    return record_dtos(uow, [row], today)[0]


# ---- what step 1 picks from, what step 4 shows -----------------------------------------------


def _persons(uow: UnitOfWork, case_id: int) -> dict[int, Person]:
    query = select(Person).where(Person.household_id == case_id)
    return {person.id: person for person in uow.session.scalars(query)}


def _about(persons: dict[int, Person], person_id: int | None, today: dt.date) -> tuple[str, bool]:
    person = persons.get(person_id) if person_id is not None else None
    if person is None:
        return "", False
    return person_label(person), is_adult(person.role, person.birth_date, today)


def _about_all(
    persons: dict[int, Person], person_ids: list[int], today: dt.date
) -> tuple[str, bool]:
    """The children a statement is about, named together; adult only when all of them are."""
    found = [_about(persons, person_id, today) for person_id in person_ids]
    found = [f for f in found if f[0]]
    if not found:
        return "", False
    return ", ".join(label for label, _adult in found), all(adult for _label, adult in found)


def signal_choices_in(uow: UnitOfWork, case_id: int, today: dt.date) -> list[SignalChoice]:
    """The harm and danger items of the newest map, then its harm and danger statements."""
    moment_id = latest_moment_id(uow, case_id)
    if moment_id is None:
        return []
    persons = _persons(uow, case_id)
    items = in_order(uow, MapItem, MapItem.moment_id == moment_id, MapItem.cell.in_(SIGNAL_CELLS))
    by_cell = sorted(items, key=lambda item: SIGNAL_CELLS.index(item.cell))
    choices = [
        SignalChoice(
            SignalSource.MAP_ITEM.value,
            item.lineage,
            item.text,
            *_about(persons, item.concerns_person_id, today),
        )
        for item in by_cell
    ]
    statements = list(
        in_order(
            uow, Statement, Statement.moment_id == moment_id, Statement.type.in_(SIGNAL_STATEMENTS)
        )
    )
    children = children_in_order(
        uow.session, StatementChild.statement_id, [s.id for s in statements]
    )
    for row in sorted(statements, key=lambda s: SIGNAL_STATEMENTS.index(s.type)):
        text = row.text or row.behaviour
        if text.strip():
            about = _about_all(persons, [c.person_id for c in children[row.id]], today)
            choices.append(SignalChoice(SignalSource.STATEMENT.value, row.lineage, text, *about))
    return choices


def weigh_context_in(uow: UnitOfWork, case_id: int) -> WeighContext:
    """Inside an open unit of work: `meldcode.weigh_context`."""
    score = uow.session.scalar(
        select(ScaleScore)
        .where(
            ScaleScore.household_id == case_id,
            ScaleScore.role == RaterRole.CASE_MANAGER.value,
            ScaleScore.about.is_(None),
        )
        .order_by(ScaleScore.scored_on.desc(), ScaleScore.id.desc())
        .limit(1)
    )
    moment_id = latest_moment_id(uow, case_id)
    dangers: list[str] = []
    if moment_id is not None:
        rows = in_order(
            uow,
            Statement,
            Statement.moment_id == moment_id,
            Statement.type == StatementType.DANGER.value,
        )
        dangers = [text for row in rows if (text := (row.text or row.behaviour).strip())]
    return WeighContext(
        scale_score=score.score if score is not None else None,
        scored_on=score.scored_on if score is not None else None,
        scale_reason=score.reason if score is not None else "",
        danger_statements=tuple(dangers),
    )


# ---- reminders -------------------------------------------------------------------------------


def reminders_in(
    uow: UnitOfWork, today: dt.date, case_ids: Collection[int] | None
) -> list[MeldcodeReminder]:
    """Open records of open cases (or of those of `case_ids`) whose first open step is past
    the term, by case number."""
    query = (
        select(MeldcodeRecord, Household.case_number, Household.name)
        .join(Household, Household.id == MeldcodeRecord.household_id)
        .where(
            MeldcodeRecord.status == MeldcodeStatus.OPEN.value,
            Household.status == CaseStatus.OPEN.value,
            *of_cases(MeldcodeRecord.household_id, case_ids),
        )
        .order_by(Household.case_number, MeldcodeRecord.number)
    )
    found = list(uow.session.execute(query))
    if not found:
        return []
    term = step_days(uow)
    steps = children_of(
        uow.session, MeldcodeStepRow.record_id, [r.id for r, _n, _m in found], MeldcodeStepRow.step
    )
    out = []
    for record, number, name in found:
        step = rules.open_step({s.step: s.done_on for s in steps[record.id]}, record.started_on)
        if step is None:
            continue
        days = rules.overdue_days(step[1], today, term)
        if days is not None:
            out.append(
                MeldcodeReminder(
                    record.household_id, number, name, record.id, step[0], step[1], days
                )
            )
    return out


# ---- guards of a change (shared by meldcode.py and meldcode_decide.py) -----------------------

#: Never compared by undo's guards: whether a step is overdue depends on the day.
DAY_BOUND = ("overdue",)


def lock_case(uow: UnitOfWork, case_id: int) -> None:
    """One open record per case: nobody else may check and start (or reopen) one until this
    action ends."""
    uow.serialize(f"meldcode-record:{case_id}")


def outcome_of(uow: UnitOfWork, record_id: int) -> AfwegingOutcome:
    """What the record's answers lead to (meldcode_rules.afweging_outcome)."""
    answers = answer_rows(uow, record_id).values()
    return rules.afweging_outcome(answers_of(list(answers)))


def done_steps(steps: Mapping[int, MeldcodeStepRow]) -> set[int]:
    """The numbers of the steps that are done."""
    return {n for n, row in steps.items() if row.done_on is not None}


def check_done(uow: UnitOfWork, record: MeldcodeRecord, step: MeldcodeStepRow) -> None:
    """The step as it will be saved may count as done (meldcode_rules.check_step_done)."""
    steps = step_rows(uow, record.id)
    previous = steps.get(step.step - 1)
    row = {
        "done_on": step.done_on,
        "done_by": step.done_by,
        "with_whom": step.with_whom,
        "talk_held": step.talk_held,
        "not_held_reason": step.not_held_reason,
        "started_on": record.started_on,
        "previous_done_on": previous.done_on if previous is not None else None,
        "signals": len(signal_rows(uow, record.id)),
        "kindcheck_children_depend": record.kindcheck_children_depend,
        "kindcheck_safety_assessed": record.kindcheck_safety_assessed,
        "outcome": outcome_of(uow, record.id),
        "decided_report": record.decided_report,
        "decided_help": record.decided_help,
    }
    rules.check_step_done(step.step, row, done_steps(steps) - {step.step})
