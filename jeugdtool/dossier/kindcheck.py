"""Services of the kindcheck outside the meldcode: which adults of a case still raise the question
whether children depend on them, the answer (a Kindcheck row and a journal entry, in one
transaction), and its undo.

Triggers come from the household, each adult's newest ZRM assessment and the worries of the
newest mapping moment (kindcheck_rules.triggers); one answered kindcheck answers its trigger.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_
from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import case_history
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import Person
from jeugdtool.dossier import journal
from jeugdtool.dossier import kindcheck_rules as rules
from jeugdtool.dossier import links
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import KindcheckDTO
from jeugdtool.dossier.dto import KindcheckTrigger
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import collect
from jeugdtool.framework._common import latest_moment_id
from jeugdtool.framework._common import open_row
from jeugdtool.framework.models import MapItem
from jeugdtool.i18n import _
from jeugdtool.outcomes.reading import person_label
from jeugdtool.store import snapshot
from jeugdtool.store.audit import AuditAction
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error
from jeugdtool.zrm.definitions import domain_name
from jeugdtool.zrm.library import matrices_in
from jeugdtool.zrm.models import ZrmAssessment
from jeugdtool.zrm.models import ZrmDomainScore

# ---- what raises it -------------------------------------------------------------------------


def _newest_levels(uow: UnitOfWork, members: list[Person]) -> list[rules.AssessedLevels]:
    """Each member's newest assessment (links.newest_assessments) with its levels and the
    domains' names."""
    newest = links.newest_assessments(uow, members)
    if not newest:
        return []
    levels: dict[int, dict[str, int | None]] = {a.id: {} for a in newest}
    scores = select(ZrmDomainScore.assessment_id, ZrmDomainScore.domain, ZrmDomainScore.level)
    for row in uow.session.execute(scores.where(ZrmDomainScore.assessment_id.in_(levels))):
        levels[row.assessment_id][row.domain] = row.level
    matrices = tuple(matrices_in(uow).values())
    names = {code: domain_name(code, matrices) for found in levels.values() for code in found}
    return [
        rules.AssessedLevels(a.id, a.person_id, a.assessed_on, levels[a.id], names) for a in newest
    ]


def _worries(uow: UnitOfWork, case_id: int) -> list[rules.Worry]:
    """The items of the newest mapping moment that are about someone, cell by cell in the
    method's order (the rules keep the worries column's)."""
    moment_id = latest_moment_id(uow, case_id)
    if moment_id is None:
        return []
    query = select(MapItem).where(
        MapItem.moment_id == moment_id, MapItem.concerns_person_id.is_not(None)
    )
    items = links.in_map_order(uow.session.scalars(query))
    return [rules.Worry(i.lineage, i.concerns_person_id, i.cell, i.text) for i in items]


def _triggers(uow: UnitOfWork, case_id: int, today: dt.date) -> list[KindcheckTrigger]:
    persons = links.members_of(uow, case_id)
    members = [rules.Member(p.id, person_label(p), p.role, p.birth_date) for p in persons]
    return rules.triggers(members, _newest_levels(uow, persons), _worries(uow, case_id), today)


def _answered(uow: UnitOfWork, case_id: int) -> list[tuple[int | None, str]]:
    """(person id, trigger) of the case's answered kindchecks."""
    query = select(Kindcheck.person_id, Kindcheck.trigger).where(Kindcheck.household_id == case_id)
    return [(row.person_id, row.trigger) for row in uow.session.execute(query)]


def pending_kindchecks(
    uow: UnitOfWork, case_id: int, *, today: dt.date | None = None
) -> list[KindcheckTrigger]:
    """The kindchecks the case still asks (not answered yet), per adult in the household's
    order: a low ZRM level of their newest assessment, a worry about them."""
    with uow:
        return _pending(uow, case_id, today)


def _pending(uow: UnitOfWork, case_id: int, today: dt.date | None) -> list[KindcheckTrigger]:
    get(uow, Household, case_id)
    found = _triggers(uow, case_id, today or dt.date.today())
    return rules.pending(found, _answered(uow, case_id))


#: What written since a moment can raise a kindcheck: per audit entity, the fields (and any row
#: created). Taking an answer back or removing a newer assessment does not count: what comes
#: back was there before.
RAISING_FIELDS = {
    "zrm_domain_score": ("level", "domain"),
    "zrm_assessment": ("assessed_on", "person_id"),
    "map_item": ("cell", "concerns_person_id"),
    "person": ("role", "birth_date"),
}


def _written_since(uow: UnitOfWork, case_id: int, since: dt.datetime) -> dict[str, set[int]]:
    """Ids per entity of the case's rows created, or changed in a field that can raise a
    kindcheck, at or after `since` (the audit trail, by its index on case and time)."""
    query = select(AuditEntry.entity, AuditEntry.entity_id).where(
        AuditEntry.case_id == case_id,
        AuditEntry.at >= since,
        or_(
            *(
                (AuditEntry.entity == entity)
                & ((AuditEntry.action == AuditAction.CREATE.value) | AuditEntry.field.in_(fields))
                for entity, fields in RAISING_FIELDS.items()
            )
        ),
    )
    found: dict[str, set[int]] = {entity: set() for entity in RAISING_FIELDS}
    for row in uow.session.execute(query):
        found[row.entity].add(row.entity_id)
    return found


def _raised_since(
    uow: UnitOfWork, case_id: int, since: dt.datetime, pending: list[KindcheckTrigger]
) -> set[str]:
    """The keys of `pending` raised by what was written at or after `since`."""
    written = _written_since(uow, case_id, since)
    zrm: set[tuple[int, dt.date]] = set()
    if written["zrm_domain_score"]:
        scores = (
            select(ZrmAssessment.person_id, ZrmAssessment.assessed_on, ZrmDomainScore.domain)
            .join(ZrmAssessment, ZrmAssessment.id == ZrmDomainScore.assessment_id)
            .where(ZrmDomainScore.id.in_(written["zrm_domain_score"]))
        )
        for row in uow.session.execute(scores):
            if rules.trigger_domain(row.domain):
                zrm.add((row.person_id, row.assessed_on))
    if written["zrm_assessment"]:
        made = select(ZrmAssessment.person_id, ZrmAssessment.assessed_on).where(
            ZrmAssessment.id.in_(written["zrm_assessment"])
        )
        zrm.update((row.person_id, row.assessed_on) for row in uow.session.execute(made))
    worries: set[str] = set()
    if written["map_item"]:
        items = select(MapItem.lineage).where(MapItem.id.in_(written["map_item"]))
        worries = set(uow.session.scalars(items))
        # A new mapping moment copies its items (same lineage): a worry noted before is not new.
        older = select(MapItem.lineage).where(
            MapItem.household_id == case_id,
            MapItem.lineage.in_(worries),
            MapItem.created_at < since,
            MapItem.id.not_in(written["map_item"]),
        )
        worries -= set(uow.session.scalars(older))
    raised = set()
    for found in pending:
        key, who = found.trigger, found.person_id
        if who in written["person"]:
            raised.add(key)
        elif key.startswith(rules.ZRM_PREFIX):
            if (who, dt.date.fromisoformat(key.split(":")[1])) in zrm:
                raised.add(key)
        elif key.removeprefix(rules.WORRY_PREFIX) in worries:
            raised.add(key)
    return raised


def kindchecks_raised_since(
    uow: UnitOfWork, case_id: int, since: dt.datetime, *, today: dt.date | None = None
) -> tuple[list[KindcheckTrigger], set[str]]:
    """The pending kindchecks (as `pending_kindchecks`) and the keys of those raised by a change
    written at or after `since` (a level set low, an assessment or a worry added, an adult's
    role or birth date changed): what was pending before `since` is the others. So a screen
    opened at `since` needs no look at what was pending then, and still knows it afterwards."""
    with uow:
        pending = _pending(uow, case_id, today)
        return pending, _raised_since(uow, case_id, since, pending)


# ---- reading --------------------------------------------------------------------------------


def _dto(row: Kindcheck) -> KindcheckDTO:
    return as_dto(KindcheckDTO, row)


def kindchecks(uow: UnitOfWork, case_id: int) -> list[KindcheckDTO]:
    """The case's answered kindchecks, newest first."""
    with uow:
        return [_dto(row) for row in case_history(uow, case_id, Kindcheck.asked_on)]


# ---- answering ------------------------------------------------------------------------------


def _adult(uow: UnitOfWork, case_id: int, person_id: int, today: dt.date) -> Person:
    person = uow.session.get(Person, person_id)
    if person is None or person.household_id != case_id:
        message = _("This adult is no longer a member of the household; refresh the screen.")
        raise InvalidInput.at("person_id", message)
    if not rules.is_adult(person.role, person.birth_date, today):
        # No name in the message: messages carry no personal data (they may be reported on).
        message = _("The kindcheck is asked about an adult, and this person is a child.")
        raise InvalidInput.at("person_id", message)
    return person


def _check_source(uow: UnitOfWork, person: Person, trigger: str) -> None:
    """What raised the kindcheck is still this adult's: their assessment, or an item of the
    case's map (a stale screen may hold a trigger whose source went meanwhile)."""
    if trigger.startswith(rules.ZRM_PREFIX):
        day = dt.date.fromisoformat(trigger.split(":")[1])
        found = select(ZrmAssessment.id).where(
            ZrmAssessment.person_id == person.id, ZrmAssessment.assessed_on == day
        )
        gone = uow.session.scalar(found.limit(1)) is None
    else:
        lineage = trigger.removeprefix(rules.WORRY_PREFIX)
        found = select(MapItem.id).where(
            MapItem.household_id == person.household_id, MapItem.lineage == lineage
        )
        gone = uow.session.scalar(found.limit(1)) is None
    if gone:
        message = _("What raised this kindcheck has been removed meanwhile; refresh the screen.")
        raise InvalidInput.at("trigger", message)


def _check_not_answered(uow: UnitOfWork, case_id: int, person_id: int, trigger: str) -> None:
    question = rules.question_of(trigger)
    for row in uow.session.scalars(select(Kindcheck).where(Kindcheck.household_id == case_id)):
        if (row.person_id, rules.question_of(row.trigger)) == (person_id, question):
            message = _(
                "This kindcheck was already answered on {date} by {who}; you can read the "
                "answer in the journal."
            )
            date = v.format_date_nl(row.asked_on)
            raise InvalidInput.at("trigger", message.format(date=date, who=row.asked_by))


def _link(uow: UnitOfWork, person: Person, trigger: str) -> tuple[str, str, str]:
    """What the journal entry is about: the ZRM domain of the adult, or the worry item."""
    if trigger.startswith(rules.ZRM_PREFIX):
        domain = trigger.rsplit(":", 1)[1]
        name = domain_name(domain, tuple(matrices_in(uow).values()))
        label = links.zrm_label(name, person_label(person))
        return LinkKind.ZRM_DOMAIN.value, links.zrm_key(person.id, domain), label
    lineage = trigger.removeprefix(rules.WORRY_PREFIX)
    newest = (
        select(MapItem.text)
        .where(MapItem.household_id == person.household_id, MapItem.lineage == lineage)
        .order_by(MapItem.id.desc())
        .limit(1)
    )
    text = uow.session.scalar(newest)
    return LinkKind.MAP_ITEM.value, lineage, text or ""


def _journal_entry(
    uow: UnitOfWork,
    case_id: int,
    person: Person,
    trigger: KindcheckTrigger,
    day: dt.date,
    note: str,
) -> JournalEntry:
    entry = JournalEntry(
        household_id=case_id,
        occurred_on=day,
        kind=JournalKind.KINDCHECK.value,
        author_id=uow.person_id,
        author=uow.author[:200],
        participants=(),
        note=note,
        working_note=False,
    )
    uow.session.add(entry)
    uow.flush()
    journal.set_links(uow, entry, [JournalLinkDTO(*_link(uow, person, trigger.trigger))])
    return entry


def answer_kindcheck(
    uow: UnitOfWork,
    case_id: int,
    trigger: KindcheckTrigger,
    *,
    children_depend: str,
    safety_assessed: str,
    note: str = "",
    on: dt.date | None = None,
) -> Outcome[KindcheckDTO]:
    """Record the answer to a kindcheck (vocab.KindcheckAnswer for both questions) on `on`
    (default: today), by the current user, and write it in the journal (kind "kindcheck",
    linked to the ZRM domain or the worry) — one transaction, so both are there or neither."""
    today = dt.date.today()
    with collect() as problems:
        clean = problems.check(rules.clean_answer, children_depend, safety_assessed, note) or {}
        day = problems.check(v.date, "on", on or today, label=_("Date"), not_after=today)
        key = problems.check(rules.check_trigger, trigger.trigger)
    assert day is not None and key is not None  # collect() raised otherwise
    with uow:
        ensure_open(uow, case_id)
        person = _adult(uow, case_id, trigger.person_id, day)
        _check_source(uow, person, key)
        _check_not_answered(uow, case_id, person.id, key)
        label = person_label(person)
        text = rules.kindcheck_note(
            clean["children_depend"],
            clean["safety_assessed"],
            clean["note"],
            adult=label,
            reason=trigger.reason,
        )
        entry = _journal_entry(uow, case_id, person, trigger, day, text)
        row = Kindcheck(
            household_id=case_id,
            person_id=person.id,
            adult_label=label[:200],
            trigger=key,
            asked_on=day,
            asked_by=uow.author[:200],
            journal_entry_id=entry.id,
            **clean,
        )
        uow.session.add(row)
        return committed(uow, lambda: _dto(row))


# ---- undo -----------------------------------------------------------------------------------


def remove_kindcheck(
    uow: UnitOfWork,
    kindcheck_id: int,
    *,
    expected: KindcheckDTO | None = None,
    entry_seen: JournalEntryDTO | None = None,
) -> Outcome[Snapshot]:
    """Take an answered kindcheck back, its journal entry with it (undo of answering);
    `restore_kindcheck` puts both back. Refused (EntryReadOnly, saying to add a correction)
    once its journal entry is past the editing period, was written by someone else or was
    corrected by a later entry: the file is a record. `expected`: the kindcheck as the caller
    last saw it, `entry_seen`: its journal entry so (ConflictError: an edit made meanwhile, in
    another window, is never taken away with it)."""
    with uow:
        row = open_row(uow, Kindcheck, kindcheck_id)
        ensure_as_seen(_dto(row), expected)
        entry = (
            uow.session.get(JournalEntry, row.journal_entry_id) if row.journal_entry_id else None
        )
        if entry is not None:
            journal.ensure_removable_with(uow, entry)
            journal.ensure_entry_as_seen(uow, entry, entry_seen)
        return snapshot.remove_and_commit(uow, row, *([entry] if entry is not None else []))


def restore_kindcheck(uow: UnitOfWork, taken: Snapshot) -> Outcome[KindcheckDTO]:
    """Put a removed kindcheck and its journal entry back, with their own ids (undo of
    `remove_kindcheck`), if the case is still open."""
    with uow:
        case_id = taken.values["household_id"]
        ensure_open(uow, case_id)
        mine = taken.values["person_id"], rules.question_of(taken.values["trigger"])
        if any((who, rules.question_of(key)) == mine for who, key in _answered(uow, case_id)):
            raise conflict_error()  # answered again meanwhile (another window, a colleague)
        row = snapshot.put_back(uow, taken)
        return committed(uow, lambda: _dto(row))  # type: ignore[arg-type]
