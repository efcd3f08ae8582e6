"""The dossier in a case file: the journal (`journal`), the meldcode records (`meldcode`), the
verwijsindex signals (`signals`), the contacts with Veilig Thuis (`veilig_thuis`) and the
kindchecks (`kindchecks`).

Export names every journal entry with a file-local id (j1, j2, … oldest first), so a correction
names the entry it corrects and a kindcheck the entry that records it. A meldcode record is named
by its number (1, 2, … as the program shows it). What an entry links to is named as the rest of
the file names it: a map item by its lineage (L…), a statement (S…), an agreement (A…), a scale
score (c…), a help item by its place in `help` (h1 is the first), a ZRM domain as
"<person>:<domain>" (p2:financien) and a meldcode step as "<record number>:<step>" (1:4); a
kindcheck's trigger names a worry by its map item's lineage (worry:L4). A link,
signal or trigger whose target is no longer in the case is written with null and keeps its label
or text: import stores it as a link to something removed. `recorded_at` (the start of an entry's
editing period) is kept, so an import does not open the period again. See docs/case-format.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from jeugdtool.cases.models import Consultant
from jeugdtool.dossier.kindcheck_rules import WORRY_PREFIX
from jeugdtool.dossier.kindcheck_rules import ZRM_PREFIX
from jeugdtool.dossier.meldcode_rules import QUESTION_KEYS
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.dossier.models import MeldcodeAnswer
from jeugdtool.dossier.models import MeldcodeRecord
from jeugdtool.dossier.models import MeldcodeSignal
from jeugdtool.dossier.models import MeldcodeStepRow
from jeugdtool.dossier.models import VeiligThuisContact
from jeugdtool.dossier.models import VerwijsindexMatch
from jeugdtool.dossier.models import VerwijsindexSignal
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.export.framework_parts import FileNames
from jeugdtool.export.framework_parts import Importer
from jeugdtool.export.part_columns import Columns
from jeugdtool.export.part_columns import named
from jeugdtool.folding import fold_key
from jeugdtool.outcomes.models import HelpItem
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import children_of
from jeugdtool.store.rows import in_order
from jeugdtool.store.rows import oldest_first
from jeugdtool.store.rows import rows_of
from jeugdtool.store.uow import UnitOfWork

#: The parts this module writes and reads, in file order.
PARTS = ("journal", "meldcode", "signals", "veilig_thuis", "kindchecks")
#: The afwegingskader's five questions (resources/meldcode/meldcode.json), in their order.
QUESTIONS = QUESTION_KEYS
#: What import stores as the key of a link (and the trigger of a kindcheck) whose target was
#: no longer in the case: unique within its entry (its case), matching nothing that exists.
REMOVED = "removed:"


#: The fields of each kind of item, in file order (see part_columns).
JOURNAL = Columns(
    "id",
    "occurred_on",
    "occurred_at",
    "kind",
    "author",
    "participants",
    "note",
    "working_note",
    "corrects",
    "recorded_at",
    "links",
    dates=("occurred_on",),
    lists=("participants",),
    own=("id", "occurred_at", "corrects", "recorded_at", "links"),
)
STEP = Columns(
    "step",
    "done_on",
    "done_by",
    "notes",
    "with_whom",
    "advice",
    "talk_held",
    "not_held_reason",
    "scale_score",
    dates=("done_on",),
)
SIGNAL = Columns("source", "lineage", "text", own=("lineage",))
ANSWER = Columns("question", "answer", "reason")
RECORD = Columns(
    "number",
    "status",
    "started_on",
    "started_by",
    "kindcheck_adults",
    "kindcheck_children_depend",
    "kindcheck_safety_assessed",
    "kindcheck_note",
    "steps",
    "signals",
    "answers",
    "decided_report",
    "decided_help",
    "decision_reason",
    "closed_on",
    "closed_by",
    dates=("started_on", "closed_on"),
    lists=("kindcheck_adults",),
    own=("steps", "signals", "answers"),
)
VERWIJSINDEX = Columns(
    "person",
    "child_label",
    "signalled_on",
    "signalled_by",
    "coordinator",
    "coordination_on",
    "expires_on",
    "withdrawn_on",
    "notes",
    "matches",
    dates=("signalled_on", "coordination_on", "expires_on", "withdrawn_on"),
    own=("person", "matches"),
)
MATCH = Columns("organisation", "matched_on", "contact", dates=("matched_on",))
CONTACT = Columns(
    "kind",
    "contact_on",
    "channel",
    "with_whom",
    "advice",
    "reference",
    "recorded_by",
    "meldcode_record",
    dates=("contact_on",),
    own=("meldcode_record",),
)
KINDCHECK = Columns(
    "person",
    "adult_label",
    "trigger",
    "asked_on",
    "asked_by",
    "children_depend",
    "safety_assessed",
    "note",
    "journal_entry",
    dates=("asked_on",),
    own=("person", "trigger", "journal_entry"),
)


def time_text(moment: dt.time | None) -> str | None:
    """A time of day as the file writes it: hh:mm, with seconds only when there are any."""
    if moment is None:
        return None
    return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")


def stamp_text(moment: dt.datetime) -> str:
    """`recorded_at` as the file writes it: UTC, to the second."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()


# ---------------------------------------------------------------- export


@dataclass(frozen=True)
class _Targets:
    """The file names of what a link, a signal or a trigger can point to, by database key."""

    items: Mapping[str, str]
    statements: Mapping[str, str]
    agreements: Mapping[str, str]
    scores: Mapping[str, str]
    help: Mapping[str, str]
    persons: Mapping[int, str]
    #: Database id of a meldcode record -> its number.
    records: Mapping[str, int]

    def key(self, kind: str, key: str) -> str | None:
        """A link's key as the file names it; None when the target is no longer in the case."""
        simple = {
            LinkKind.MAP_ITEM.value: self.items,
            LinkKind.STATEMENT.value: self.statements,
            LinkKind.AGREEMENT.value: self.agreements,
            LinkKind.SCALE_SCORE.value: self.scores,
            LinkKind.HELP_ITEM.value: self.help,
        }.get(kind)
        if simple is not None:
            return simple.get(key)
        first, _sep, second = key.partition(":")
        if kind == LinkKind.ZRM_DOMAIN.value:
            person = self.persons.get(int(first)) if first.isdigit() else None
            return f"{person}:{second}" if person is not None and second else None
        if kind == LinkKind.MELDCODE_STEP.value:
            number = self.records.get(first)
            return f"{number}:{second}" if number is not None and second.isdigit() else None
        return None

    def trigger(self, trigger: str) -> str | None:
        """A kindcheck's trigger as the file names it; None when its source is gone. A ZRM
        trigger names the assessment by its date ("zrm:2026-08-27:<domain>"), which needs no
        translation; a worry names a map item's lineage."""
        if trigger.startswith(WORRY_PREFIX):
            item = self.items.get(trigger.removeprefix(WORRY_PREFIX))
            return f"{WORRY_PREFIX}{item}" if item is not None else None
        return trigger if trigger.startswith(ZRM_PREFIX) else None


def _targets(
    uow: UnitOfWork,
    household_id: int,
    persons: Mapping[int, str],
    names: FileNames,
    agreements: Mapping[str, str],
    records: Sequence[MeldcodeRecord],
) -> _Targets:
    help_rows = in_order(uow, HelpItem, HelpItem.household_id == household_id)
    return _Targets(
        items=names.items,
        statements={lineage: file_id for lineage, (file_id, _k) in names.statements.items()},
        agreements=agreements,
        scores={str(db_id): file_id for db_id, file_id in names.scores.items()},
        help={str(row.id): f"h{index}" for index, row in enumerate(help_rows, start=1)},
        persons=persons,
        records={str(row.id): row.number for row in records},
    )


def _journal_order(row: JournalEntry) -> tuple[Any, ...]:
    at = row.occurred_at
    return (row.occurred_on, at is not None, at or dt.time.min, row.recorded_at, row.id)


def _journal(
    uow: UnitOfWork, household_id: int, targets: _Targets
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """`journal`, oldest first, and the file id (j1, …) of each entry by database id."""
    rows = sorted(rows_of(uow.session, JournalEntry.household_id, household_id), key=_journal_order)
    ids = {row.id: f"j{index}" for index, row in enumerate(rows, start=1)}
    links = children_of(uow.session, JournalLink.entry_id, ids, JournalLink.id)
    out = [
        JOURNAL.dump(
            row,
            id=ids[row.id],
            occurred_at=time_text(row.occurred_at),
            corrects=named(ids, row.corrects_id),
            recorded_at=stamp_text(row.recorded_at),
            links=[
                {
                    "kind": link.target_kind,
                    "key": targets.key(link.target_kind, link.target_key),
                    "label": link.target_label,
                }
                for link in links[row.id]
            ],
        )
        for row in rows
    ]
    return out, ids


def _signal(row: MeldcodeSignal, targets: _Targets) -> dict[str, Any]:
    lineage = row.source_lineage
    names = targets.items if row.source == SignalSource.MAP_ITEM.value else targets.statements
    return SIGNAL.dump(row, lineage=named(names, lineage))


def _question_order(row: MeldcodeAnswer) -> tuple[int, int]:
    known = row.question in QUESTIONS
    return (QUESTIONS.index(row.question) if known else len(QUESTIONS), row.id)


def _meldcode(
    uow: UnitOfWork, records: Sequence[MeldcodeRecord], targets: _Targets
) -> list[dict[str, Any]]:
    session, ids = uow.session, [row.id for row in records]
    steps = children_of(session, MeldcodeStepRow.record_id, ids, MeldcodeStepRow.step)
    signals = children_in_order(session, MeldcodeSignal.record_id, ids)
    answers = children_of(session, MeldcodeAnswer.record_id, ids, MeldcodeAnswer.id)
    return [
        RECORD.dump(
            row,
            steps=[STEP.dump(step) for step in steps[row.id]],
            signals=[_signal(signal, targets) for signal in signals[row.id]],
            answers=[ANSWER.dump(a) for a in sorted(answers[row.id], key=_question_order)],
        )
        for row in records
    ]


def _signals(
    uow: UnitOfWork, household_id: int, persons: Mapping[int, str]
) -> list[dict[str, Any]]:
    session = uow.session
    rows = oldest_first(
        session, VerwijsindexSignal.household_id, household_id, VerwijsindexSignal.signalled_on
    )
    matches = children_of(
        session,
        VerwijsindexMatch.signal_id,
        [row.id for row in rows],
        VerwijsindexMatch.matched_on,
        VerwijsindexMatch.id,
    )
    return [
        VERWIJSINDEX.dump(
            row,
            person=named(persons, row.person_id),
            matches=[MATCH.dump(m) for m in matches[row.id]],
        )
        for row in rows
    ]


def _veilig_thuis(
    uow: UnitOfWork, household_id: int, numbers: Mapping[str, int]
) -> list[dict[str, Any]]:
    rows = oldest_first(
        uow.session, VeiligThuisContact.household_id, household_id, VeiligThuisContact.contact_on
    )
    return [
        CONTACT.dump(
            row,
            meldcode_record=numbers.get(str(row.meldcode_record_id))
            if row.meldcode_record_id is not None
            else None,
        )
        for row in rows
    ]


def _kindchecks(
    uow: UnitOfWork, household_id: int, targets: _Targets, entries: Mapping[int, str]
) -> list[dict[str, Any]]:
    rows = oldest_first(uow.session, Kindcheck.household_id, household_id, Kindcheck.asked_on)
    return [
        KINDCHECK.dump(
            row,
            person=named(targets.persons, row.person_id),
            trigger=targets.trigger(row.trigger),
            journal_entry=named(entries, row.journal_entry_id),
        )
        for row in rows
    ]


def export_dossier(
    uow: UnitOfWork,
    household_id: int,
    persons: Mapping[int, str],
    names: FileNames,
    agreements: Mapping[str, str],
) -> tuple[dict[str, Any], dict[int, str]]:
    """`journal`, `meldcode`, `signals`, `veilig_thuis` and `kindchecks` of the case, inside an
    open unit of work, and the file id (j1, …) of each journal entry by database id (for the
    network meetings). `persons`, `names` and `agreements` (agreement lineage -> A1, …) are the
    file ids the rest of the file already gave."""
    records = rows_of(uow.session, MeldcodeRecord.household_id, household_id, MeldcodeRecord.number)
    targets = _targets(uow, household_id, persons, names, agreements, records)
    journal, entries = _journal(uow, household_id, targets)
    return {
        "journal": journal,
        "meldcode": _meldcode(uow, records, targets),
        "signals": _signals(uow, household_id, persons),
        "veilig_thuis": _veilig_thuis(uow, household_id, targets.records),
        "kindchecks": _kindchecks(uow, household_id, targets, entries),
    }, entries


def _left_out(entry: Mapping[str, Any], kept_author: str | None) -> bool:
    """Whether `entry` is a working note that does not stay (`kept_author`'s notes stay)."""
    if not entry.get("working_note"):
        return False
    return kept_author is None or fold_key(entry.get("author") or "") != fold_key(kept_author)


def others_working_notes(
    case_file: Mapping[str, Any], kept_author: str | None = None
) -> dict[str, int]:
    """How many working notes of the file do not stay, by author (as the file names them, in
    file order): every one, or — given `kept_author` — those of everyone else (names compared
    folded, as the journal links an entry to its author)."""
    counts: dict[str, int] = {}
    for entry in case_file.get("journal") or []:
        if _left_out(entry, kept_author):
            author = entry.get("author") or ""
            counts[author] = counts.get(author, 0) + 1
    return counts


def without_working_notes(
    case_file: dict[str, Any], *, kept_author: str | None = None
) -> dict[str, Any]:
    """The case file without working notes: for whoever receives it (a new care provider), a
    werkaantekening is its author's own and does not travel; an import leaves out everyone's
    but the importer's (`kept_author`: their notes stay). A correction of a left-out note then
    corrects nothing in the file, and a kindcheck written in one names no entry. The file
    itself is not changed."""
    journal = case_file.get("journal") or []
    left_out = {entry["id"] for entry in journal if _left_out(entry, kept_author)}
    if not left_out:
        return case_file

    def kept(entry: dict[str, Any]) -> dict[str, Any]:
        return {**entry, "corrects": None} if entry.get("corrects") in left_out else entry

    checks = [
        {**check, "journal_entry": None} if check.get("journal_entry") in left_out else check
        for check in case_file.get("kindchecks") or []
    ]
    out = {
        **case_file,
        "journal": [kept(entry) for entry in journal if entry["id"] not in left_out],
        "kindchecks": checks,
    }
    if "network_meetings" in case_file:  # a meeting recorded in a left-out note names none
        out["network_meetings"] = [
            {**m, "journal_entry": None} if m.get("journal_entry") in left_out else m
            for m in case_file.get("network_meetings") or []
        ]
    return out


# ---------------------------------------------------------------- import


class _Keys:
    """The database keys of what the file's links and triggers name, for one new household."""

    def __init__(self, importer: Importer):
        self.importer = importer
        help_rows = in_order(importer.uow, HelpItem, HelpItem.household_id == importer.household_id)
        self.help = {f"h{index}": row.id for index, row in enumerate(help_rows, start=1)}
        #: Meldcode record number -> its database id (filled as records are added).
        self.records: dict[int, int] = {}

    def link(self, kind: str, key: str) -> str:
        """A link's database key for the file's `key` (checked: it names what is in the file)."""
        if kind in (
            LinkKind.MAP_ITEM.value,
            LinkKind.STATEMENT.value,
            LinkKind.AGREEMENT.value,
        ):
            return str(self.importer.lineage(key))
        if kind == LinkKind.SCALE_SCORE.value:
            return str(self.importer.scores[key].id)
        if kind == LinkKind.HELP_ITEM.value:
            return str(self.help[key])
        first, _sep, second = key.partition(":")
        if kind == LinkKind.ZRM_DOMAIN.value:
            return f"{self.importer.persons[first]}:{second}"
        return f"{self.records[int(first)]}:{second}"  # a meldcode step

    def trigger(self, trigger: str) -> str:
        if trigger.startswith(WORRY_PREFIX):
            return f"{WORRY_PREFIX}{self.importer.lineage(trigger.removeprefix(WORRY_PREFIX))}"
        return trigger  # a ZRM assessment's date and domain: the same in every database


def _stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def _authors(uow: UnitOfWork) -> dict[str, int]:
    """Consultants by folded name: an entry's author is linked to the one of that name here."""
    return {fold_key(row.name): row.id for row in uow.session.scalars(select(Consultant))}


def _add_journal(
    importer: Importer, entries: Sequence[Mapping[str, Any]]
) -> dict[str, JournalEntry]:
    """Add the entries in file order, an entry another corrects before that correction (so
    the correction names it as it is added: import writes only "created" to the history)."""
    session = importer.uow.session
    authors = _authors(importer.uow)
    by_id = {entry["id"]: entry for entry in entries}
    corrected = {entry["corrects"] for entry in entries} - {None}
    rows: dict[str, JournalEntry] = {}

    def add(entry: Mapping[str, Any]) -> None:
        target = entry["corrects"]
        if target is not None and target not in rows:
            add(by_id[target])  # checked: no entry corrects itself, not even in a circle
        at = entry["occurred_at"]
        row = JournalEntry(
            **JOURNAL.load(
                entry,
                household_id=importer.household_id,
                occurred_at=dt.time.fromisoformat(at) if at is not None else None,
                author_id=authors.get(fold_key(entry["author"])),
                corrects_id=rows[target].id if target is not None else None,
                recorded_at=_stamp(entry["recorded_at"]),
            )
        )
        session.add(row)
        rows[entry["id"]] = row
        if entry["id"] in corrected:
            importer.uow.flush()  # its id, for the correction

    for entry in entries:
        if entry["id"] not in rows:
            add(entry)
    importer.uow.flush()  # their ids, for links and kindchecks
    return rows


def _add_links(
    importer: Importer,
    entries: Sequence[Mapping[str, Any]],
    rows: Mapping[str, JournalEntry],
    keys: _Keys,
) -> None:
    for entry in entries:
        for position, link in enumerate(entry["links"], start=1):
            key = link["key"]
            importer.uow.session.add(
                JournalLink(
                    household_id=importer.household_id,
                    entry_id=rows[entry["id"]].id,
                    target_kind=link["kind"],
                    target_key=keys.link(link["kind"], key)
                    if key is not None
                    else f"{REMOVED}{position}",
                    target_label=link["label"],
                )
            )


def _signal_lineage(importer: Importer, signal: Mapping[str, Any]) -> str | None:
    return importer.lineage(signal["lineage"])


def _add_record(importer: Importer, record: Mapping[str, Any]) -> MeldcodeRecord:
    session, household_id = importer.uow.session, importer.household_id
    row = MeldcodeRecord(
        **RECORD.load(record, household_id=household_id, number=int(record["number"]))
    )
    session.add(row)
    importer.uow.flush()  # its id, for its steps, signals and answers
    owner = {"household_id": household_id, "record_id": row.id}
    session.add_all(
        MeldcodeStepRow(
            **STEP.load(
                step,
                **owner,
                step=int(step["step"]),
                scale_score=int(step["scale_score"]) if step["scale_score"] is not None else None,
            )
        )
        for step in record["steps"]
    )
    session.add_all(
        MeldcodeSignal(
            **SIGNAL.load(
                signal,
                **owner,
                position=position,
                source_lineage=_signal_lineage(importer, signal),
            )
        )
        for position, signal in enumerate(record["signals"], start=1)
    )
    session.add_all(MeldcodeAnswer(**ANSWER.load(answer, **owner)) for answer in record["answers"])
    return row


def _add_signals(importer: Importer, signals: Iterable[Mapping[str, Any]]) -> None:
    session = importer.uow.session
    for signal in signals:
        row = VerwijsindexSignal(
            **VERWIJSINDEX.load(
                signal,
                household_id=importer.household_id,
                person_id=importer.person(signal["person"]),
            )
        )
        session.add(row)
        importer.uow.flush()  # its id, for its matches
        session.add_all(
            VerwijsindexMatch(
                **MATCH.load(match, household_id=importer.household_id, signal_id=row.id)
            )
            for match in signal["matches"]
        )


def _add_contacts(
    importer: Importer, contacts: Iterable[Mapping[str, Any]], records: Mapping[int, int]
) -> None:
    importer.uow.session.add_all(
        VeiligThuisContact(
            **CONTACT.load(
                contact,
                household_id=importer.household_id,
                meldcode_record_id=records[int(contact["meldcode_record"])]
                if contact["meldcode_record"] is not None
                else None,
            )
        )
        for contact in contacts
    )


def _add_kindchecks(
    importer: Importer,
    kindchecks: Sequence[Mapping[str, Any]],
    entries: Mapping[str, JournalEntry],
    keys: _Keys,
) -> None:
    importer.uow.session.add_all(
        Kindcheck(
            **KINDCHECK.load(
                check,
                household_id=importer.household_id,
                person_id=importer.person(check["person"]),
                trigger=keys.trigger(check["trigger"])
                if check["trigger"] is not None
                else f"{REMOVED}{number}",
                journal_entry_id=entries[check["journal_entry"]].id
                if check["journal_entry"] is not None
                else None,
            )
        )
        for number, check in enumerate(kindchecks, start=1)
    )


def import_dossier(importer: Importer, doc: Mapping[str, Any]) -> dict[str, JournalEntry]:
    """Add the checked document's journal, meldcode records, verwijsindex signals, Veilig Thuis
    contacts and kindchecks to the new household, in the import's own unit of work; `importer`
    has added every other part (whose ids the links name). Each part may be missing (an older
    file). Returns the journal entries added, by file id (for the network meetings)."""
    keys = _Keys(importer)
    entries = doc.get("journal") or []
    rows = _add_journal(importer, entries)
    for record in sorted(doc.get("meldcode") or [], key=lambda r: int(r["number"])):
        keys.records[int(record["number"])] = _add_record(importer, record).id
    _add_links(importer, entries, rows, keys)
    _add_signals(importer, doc.get("signals") or [])
    _add_contacts(importer, doc.get("veilig_thuis") or [], keys.records)
    _add_kindchecks(importer, doc.get("kindchecks") or [], rows, keys)
    importer.uow.flush()
    return rows
