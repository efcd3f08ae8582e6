"""Services of the case journal: dated entries of home visits, calls and consultations, with
whom, what about (links), and corrections.

A file is a record: an entry is edited by its author only, within the organisation's editing
period (policy.journal_edit_days) counted from `recorded_at`; after that it is corrected by a
new entry that refers to it (`correct_entry`). Removing an entry is only the undo of adding it,
so it follows the same rule. Another person's working notes (werkaantekeningen) are never
read here: not listed, not found, not corrected. Only an open case changes (`ensure_open`);
the audit trail records every change (JournalEntry and JournalLink are Tracked).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import aliased

from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.cases.models import NetworkMember
from jeugdtool.dossier import journal_rules as rules
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import JournalFilter
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.links import check_links
from jeugdtool.dossier.links import link_choices
from jeugdtool.dossier.links import members_of
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.models import JournalLink
from jeugdtool.dossier.models import Kindcheck
from jeugdtool.dossier.policy import read_setting
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.errors import NotFound
from jeugdtool.i18n import _
from jeugdtool.outcomes.reading import person_label
from jeugdtool.store import org_settings
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.rows import rows_of
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

__all__ = [
    "EntryReadOnly",
    "add_entry",
    "correct_entry",
    "ensure_uncorrected",
    "entries_about",
    "get_entry",
    "journal",
    "latest_contacts",
    "link_choices",
    "participant_choices",
    "remove_entry",
    "restore_entry",
    "update_entry",
    "visible",
]

EntryReadOnly = rules.EntryReadOnly

#: What a DTO holds that undo's expectations do not compare: it follows from the clock, the
#: setting and other entries, not from this entry's own values.
_DERIVED = ("editable", "editable_until", "corrected_by")
#: Kinds that are no contact with the family or a partner (the overview's latest contacts).
_NOT_CONTACTS = frozenset({JournalKind.KINDCHECK.value})


# ---- reading --------------------------------------------------------------------------------


class _Reader:
    """What turning rows into DTOs needs, read once per action: who I am, today, the period."""

    def __init__(self, uow: UnitOfWork, today: dt.date | None):
        self.me = uow.person_id
        self.today = today or dt.date.today()
        self.days = read_setting(uow, org_settings.JOURNAL_EDIT_DAYS)

    def dto(
        self, row: Any, links: Sequence[JournalLinkDTO], corrected_by: Sequence[int]
    ) -> JournalEntryDTO:
        """`row`: a JournalEntry, or a row of its `_COLUMNS` (a list reads no ORM objects)."""
        until = rules.editable_until(row.recorded_at, self.days)
        return as_dto(
            JournalEntryDTO,
            row,
            participants=tuple(row.participants),
            corrected_by=tuple(corrected_by),
            links=tuple(links),
            editable=rules.editable_on(row.author_id, until, self.me, self.today),
            editable_until=until,
        )

    def check_editable(self, row: JournalEntry) -> None:
        """EntryReadOnly (saying to add a correction) unless the user may change `row` now."""
        rules.check_editable(row.author_id, row.recorded_at, self.me, self.today, self.days)


def _link_dto(row: JournalLink) -> JournalLinkDTO:
    return JournalLinkDTO(row.target_kind, row.target_key, row.target_label)


def _mine(uow: UnitOfWork) -> ColumnElement[bool]:
    me = uow.person_id
    return JournalEntry.author_id.is_(None) if me is None else JournalEntry.author_id == me


def visible(uow: UnitOfWork) -> ColumnElement[bool]:
    """Entries the current user reads: all but other people's working notes (the one place
    this is decided for a query; team mode's policies say the same, store/team_sql.py)."""
    return or_(JournalEntry.working_note.is_(False), _mine(uow))


#: What a DTO takes of an entry: a list reads these columns, not ORM objects (a journal of
#: thousands of entries would spend most of its time building and tracking them).
_COLUMNS = tuple(
    getattr(JournalEntry, name)
    for name in (
        "id",
        "household_id",
        "occurred_on",
        "occurred_at",
        "kind",
        "author_id",
        "author",
        "participants",
        "note",
        "working_note",
        "corrects_id",
        "recorded_at",
        "version",
    )
)


def _link_rows(uow: UnitOfWork, entry_id: int) -> list[JournalLink]:
    """An entry's links as rows, to change them."""
    return rows_of(uow.session, JournalLink.entry_id, entry_id, JournalLink.id)


#: Which entries a read is about, as a condition on an entry (the table or an alias of it).
Scope = Callable[[Any], ColumnElement[bool]]


def _of_case(case_id: int) -> Scope:
    return lambda entry: entry.household_id == case_id


def _of_entry(entry_id: int) -> Scope:
    return lambda entry: entry.id == entry_id


def _links_of(uow: UnitOfWork, scope: Scope) -> dict[int, list[JournalLinkDTO]]:
    """The links of the visible entries `scope` selects, per entry, oldest first."""
    query = (
        select(
            JournalLink.entry_id,
            JournalLink.target_kind,
            JournalLink.target_key,
            JournalLink.target_label,
        )
        .join(JournalEntry, JournalEntry.id == JournalLink.entry_id)
        .where(scope(JournalEntry), visible(uow))
        .order_by(JournalLink.id)
    )
    found: dict[int, list[JournalLinkDTO]] = {}
    for entry_id, kind, key, label in uow.session.execute(query):
        found.setdefault(entry_id, []).append(JournalLinkDTO(kind, key, label))
    return found


def _corrections_of(uow: UnitOfWork, scope: Scope) -> dict[int, list[int]]:
    """The visible entries that correct an entry `scope` selects (ids, oldest first)."""
    corrected = aliased(JournalEntry)
    query = (
        select(JournalEntry.corrects_id, JournalEntry.id)
        .join(corrected, corrected.id == JournalEntry.corrects_id)
        .where(scope(corrected), visible(uow))
        .order_by(JournalEntry.id)
    )
    found: dict[int, list[int]] = {}
    for corrects_id, entry_id in uow.session.execute(query):
        found.setdefault(corrects_id, []).append(entry_id)
    return found


def _dtos(
    uow: UnitOfWork, rows: Sequence[Any], reader: _Reader, scope: Scope
) -> list[JournalEntryDTO]:
    """`rows` as DTOs; `scope` selects them (and maybe more), so their links and corrections
    take one statement each, whatever their number (no IN list of thousands of ids)."""
    links, corrections = _links_of(uow, scope), _corrections_of(uow, scope)
    return [reader.dto(row, links.get(row.id, []), corrections.get(row.id, [])) for row in rows]


def _newest_first(entry: JournalEntryDTO) -> tuple[Any, ...]:
    # An entry without a time of day comes after the timed ones of its day (newest first).
    return (entry.occurred_on, entry.occurred_at or dt.time.min, entry.recorded_at, entry.id)


def _entries(uow: UnitOfWork, case_id: int, reader: _Reader) -> list[JournalEntryDTO]:
    """Every entry of the case the user reads, newest first (inside an open unit of work)."""
    get(uow, Household, case_id)
    scope = _of_case(case_id)
    rows = uow.session.execute(select(*_COLUMNS).where(scope(JournalEntry), visible(uow)))
    return sorted(_dtos(uow, list(rows), reader, scope), key=_newest_first, reverse=True)


def journal(
    uow: UnitOfWork, case_id: int, flt: JournalFilter | None = None, *, today: dt.date | None = None
) -> list[JournalEntryDTO]:
    """The journal of a case, newest first (by the day and time it happened), as `flt` filters
    it (journal_rules.matches). Another person's working notes are never among them.
    `today` (default: today) decides which entries are still editable."""
    with uow:
        entries = _entries(uow, case_id, _Reader(uow, today))
    return [entry for entry in entries if rules.matches(entry, flt)]


def _entry_row(uow: UnitOfWork, entry_id: int) -> JournalEntry:
    """An entry the current user reads; another person's working note is as good as gone."""
    row = get(uow, JournalEntry, entry_id)
    if row.working_note and not rules.is_mine(row.author_id, uow.person_id):
        raise NotFound(
            _("This is someone else's personal working note; only its author can read it.")
        )
    return row


def _read(uow: UnitOfWork, row: JournalEntry, reader: _Reader) -> JournalEntryDTO:
    return _dtos(uow, [row], reader, _of_entry(row.id))[0]


def entry_dto(uow: UnitOfWork, row: JournalEntry) -> JournalEntryDTO:
    """`row` as the current user sees it, inside the caller's unit of work (a service that
    shows the entry it wrote, e.g. a network meeting's)."""
    return _read(uow, row, _Reader(uow, None))


def get_entry(uow: UnitOfWork, entry_id: int, *, today: dt.date | None = None) -> JournalEntryDTO:
    """One entry as the current user sees it (NotFound for another person's working note)."""
    with uow:
        return _read(uow, _entry_row(uow, entry_id), _Reader(uow, today))


def latest_contacts(uow: UnitOfWork, case_id: int, limit: int = 3) -> list[JournalEntryDTO]:
    """The newest `limit` contacts of a case for its overview: entries of every kind but the
    kindcheck, corrections left out (they correct a contact already listed)."""
    with uow:
        get(uow, Household, case_id)
        query = (
            select(*_COLUMNS)
            .where(
                JournalEntry.household_id == case_id,
                visible(uow),
                JournalEntry.kind.not_in(_NOT_CONTACTS),
                JournalEntry.corrects_id.is_(None),
            )
            # As `_newest_first`: an entry without a time after the timed ones of its day.
            .order_by(
                JournalEntry.occurred_on.desc(),
                JournalEntry.occurred_at.desc().nulls_last(),
                JournalEntry.recorded_at.desc(),
                JournalEntry.id.desc(),
            )
            .limit(max(limit, 0))
        )
        rows = list(uow.session.execute(query))
        ids = [row.id for row in rows]
        # Only these few are read: the overview shows them for a journal of any length.
        return _dtos(uow, rows, _Reader(uow, None), lambda entry: entry.id.in_(ids))


def entries_about(uow: UnitOfWork, case_id: int, kind: str, key: str) -> list[JournalEntryDTO]:
    """The entries (newest first) linked to one target: a LinkKind and its key."""
    return journal(uow, case_id, JournalFilter(about=f"{kind}:{key}"))


def participant_choices(uow: UnitOfWork, case_id: int) -> list[str]:
    """Who a contact can be with: the household's members, then its network ("name (relation)"
    when the relation is known), each as the journal names them."""
    with uow:
        get(uow, Household, case_id)
        persons = members_of(uow, case_id)
        network = in_order(uow, NetworkMember, NetworkMember.household_id == case_id)
        names = [person_label(p) for p in persons]
        names += [f"{m.name} ({m.relation})" if m.relation.strip() else m.name for m in network]
    return [name[: rules.MAX_NAME] for name in names if name.strip()]


# ---- writing --------------------------------------------------------------------------------


def set_links(uow: UnitOfWork, row: JournalEntry, links: Sequence[JournalLinkDTO]) -> None:
    """Inside the caller's unit of work: make the entry's links `links`: gone ones removed,
    new ones added, labels kept current."""
    wanted = {(link.kind, link.key): link for link in links}
    for old in _link_rows(uow, row.id):
        link = wanted.pop((old.target_kind, old.target_key), None)
        if link is None:
            uow.session.delete(old)
        elif old.target_label != link.label:
            old.target_label = link.label
    for link in wanted.values():
        uow.session.add(
            JournalLink(
                household_id=row.household_id,
                entry_id=row.id,
                target_kind=link.kind,
                target_key=link.key,
                target_label=link.label,
            )
        )
    uow.flush()


def _check_corrects(uow: UnitOfWork, case_id: int, entry_id: int | None) -> None:
    if entry_id is None:
        return
    row = _entry_row(uow, entry_id)
    if row.household_id != case_id:
        raise NotFound(_("The entry to correct is not in this case's journal."))


def _create(
    uow: UnitOfWork, case_id: int, clean: dict[str, Any], known: Sequence[tuple[str, str]] = ()
) -> JournalEntry:
    """Inside an open unit of work: a new entry of the open case by the current user."""
    links = clean.pop("links", ())
    check_links(uow, case_id, links, known=known)
    _check_corrects(uow, case_id, clean.get("corrects_id"))
    row = JournalEntry(
        household_id=case_id, author=uow.author[:200], author_id=uow.person_id, **clean
    )
    uow.session.add(row)
    uow.flush()
    set_links(uow, row, links)
    return row


def add_entry(
    uow: UnitOfWork, case_id: int, fields: Mapping[str, Any], *, today: dt.date | None = None
) -> Outcome[JournalEntryDTO]:
    """Write a new entry in the journal of an open case; its author is the current user and
    its editing period starts now.

    `fields`: `occurred_on`, `kind` (vocab.JournalKind) and `note` are needed; `occurred_at`
    (a time, "14:30"), `participants` (names), `working_note` (bool), `links` (JournalLinkDTOs,
    each naming something of this case, see links.py) and `corrects_id` are optional.
    """
    clean = rules.clean_entry(fields, new=True, today=today)
    with uow:
        ensure_open(uow, case_id)
        row = _create(uow, case_id, clean)
        reader = _Reader(uow, today)
        return committed(uow, lambda: _read(uow, row, reader))


def ensure_uncorrected(uow: UnitOfWork, entry_id: int) -> None:
    """Inside an open unit of work: EntryReadOnly when a later entry corrects this one (anyone's,
    a working note too). Taking it away would leave the correction referring to nothing: the
    file would say something was corrected without saying what."""
    correction = select(JournalEntry.id).where(JournalEntry.corrects_id == entry_id).limit(1)
    if uow.session.scalar(correction) is not None:
        raise EntryReadOnly(
            _(
                "A later entry corrects this one, so it stays in the file. To change what it "
                "says, add another correction."
            )
        )


def ensure_removable_with(uow: UnitOfWork, row: JournalEntry) -> None:
    """Inside an open unit of work: EntryReadOnly unless the current user may take `row` away
    with what it records (a kindcheck, a network meeting): the entry is theirs, within its
    editing period and corrected by no later entry — the file is a record."""
    _Reader(uow, dt.date.today()).check_editable(row)
    ensure_uncorrected(uow, row.id)


def ensure_entry_as_seen(
    uow: UnitOfWork, row: JournalEntry, expected: JournalEntryDTO | None
) -> None:
    """Inside an open unit of work: ConflictError unless `row` is still as the caller last saw
    it (`expected`; None: no expectation). For a service that takes an entry with something
    else (a kindcheck's entry goes with its kindcheck)."""
    ensure_as_seen(_read(uow, row, _Reader(uow, None)), expected, ignore=_DERIVED)


def _writable(uow: UnitOfWork, entry_id: int, reader: _Reader) -> JournalEntry:
    """Inside an open unit of work: the entry, if the current user may change it now."""
    row = _entry_row(uow, entry_id)
    ensure_open(uow, row.household_id)
    reader.check_editable(row)
    return row


def _expected_columns(expected: Mapping[str, Any]) -> tuple[dict[str, Any], Any]:
    """Undo's field values as the columns hold them, and the links apart (None: not given)."""
    columns: dict[str, Any] = {}
    for key, value in expected.items():
        if key in _DERIVED or key == "links":
            continue
        columns[key] = tuple(value) if key == "participants" else getattr(value, "value", value)
    links = tuple(expected["links"]) if "links" in expected else None
    return columns, links


def update_entry(
    uow: UnitOfWork,
    entry_id: int,
    changes: Changes,
    *,
    expected: JournalEntryDTO | Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> Outcome[JournalEntryDTO]:
    """Change an entry (the fields of `add_entry` but `corrects_id`). Only its author, and only
    within the editing period: else EntryReadOnly, whose message says to add a correction.
    `expected` (undo/redo): the entry as the caller last saw it (a DTO), or the values of the
    fields it changes; when someone changed it since, ConflictError and nothing changes."""
    clean = rules.clean_entry(changes, new=False, today=today)
    with uow:
        reader = _Reader(uow, today)
        row = _writable(uow, entry_id, reader)
        now = _read(uow, row, reader)
        field_values = None
        if isinstance(expected, JournalEntryDTO):
            ensure_as_seen(now, expected, ignore=_DERIVED)
        elif expected is not None:
            field_values, links = _expected_columns(expected)
            if links is not None and links != now.links:
                raise conflict_error()
        links = clean.pop("links", None)
        apply(row, clean, expected=field_values)
        if links is not None:
            check_links(uow, row.household_id, links, known=[(k.kind, k.key) for k in now.links])
            set_links(uow, row, links)
        return committed(uow, lambda: _read(uow, row, reader))


def remove_entry(
    uow: UnitOfWork,
    entry_id: int,
    *,
    expected: JournalEntryDTO | None = None,
    today: dt.date | None = None,
) -> Outcome[Snapshot]:
    """Take an entry away again (the undo of adding it): only its author, within the editing
    period, and not once a later entry corrects it (else EntryReadOnly); an entry that records
    a kindcheck goes with its kindcheck.
    `restore_entry` puts it back. `expected`: the entry as the caller last saw it."""
    with uow:
        reader = _Reader(uow, today)
        row = _writable(uow, entry_id, reader)
        ensure_as_seen(_read(uow, row, reader), expected, ignore=_DERIVED)
        kindcheck = select(Kindcheck.id).where(Kindcheck.journal_entry_id == row.id).limit(1)
        if uow.session.scalar(kindcheck) is not None:
            raise EntryReadOnly(
                _(
                    "This entry records a kindcheck. To take it back, remove the kindcheck; "
                    "to change what it says, add a correction."
                )
            )
        ensure_uncorrected(uow, row.id)
        return snapshot.remove_and_commit(uow, row)


def restore_entry(
    uow: UnitOfWork, taken: Snapshot, *, today: dt.date | None = None
) -> Outcome[JournalEntryDTO]:
    """Put a removed entry back with its own id, links, corrections' references and editing
    period (undo of `remove_entry`), if the case is still open."""
    with uow:
        ensure_open(uow, taken.values["household_id"])
        row = snapshot.put_back(uow, taken)
        reader = _Reader(uow, today)
        return committed(uow, lambda: _read(uow, row, reader))  # type: ignore[arg-type]


#: What a correction takes from the entry it corrects when the caller does not say.
_COPIED = ("occurred_on", "occurred_at", "kind", "participants", "working_note")


def correct_entry(
    uow: UnitOfWork, entry_id: int, fields: Mapping[str, Any], *, today: dt.date | None = None
) -> Outcome[JournalEntryDTO]:
    """Correct an entry (anyone's but another person's working note, also past its period):
    a new entry by the current user that refers to it. `fields` as `add_entry` (`note`:
    the correction); the date, time, kind, participants, working-note mark and links are
    the corrected entry's unless given."""
    if "corrects_id" in fields:
        raise KeyError("a correction refers to `entry_id`")  # a programming error
    with uow:
        old = _entry_row(uow, entry_id)
        ensure_open(uow, old.household_id)
        given = {name: getattr(old, name) for name in _COPIED if name not in fields}
        old_links = [_link_dto(link) for link in _link_rows(uow, old.id)]
        given["links"] = fields.get("links", old_links)
        clean = rules.clean_entry({**fields, **given, "corrects_id": old.id}, new=True, today=today)
        known = [(link.kind, link.key) for link in old_links]
        row = _create(uow, old.household_id, clean, known)
        reader = _Reader(uow, today)
        return committed(uow, lambda: _read(uow, row, reader))
