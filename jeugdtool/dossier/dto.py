"""Plain, frozen data the dossier services hand out (journal, meldcode, kindcheck, Veilig Thuis,
verwijsindex).

Several parts of the dossier package add their dataclasses here: append, never reorder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# ---- journal ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalLinkDTO:
    """What an entry is about (vocab.LinkKind + key), with its label as it was then."""

    kind: str
    key: str
    label: str


@dataclass(frozen=True)
class JournalEntryDTO:
    id: int
    household_id: int
    occurred_on: dt.date
    #: None: the time was not given.
    occurred_at: dt.time | None
    kind: str
    author_id: int | None
    author: str
    participants: tuple[str, ...]
    note: str
    working_note: bool
    #: The entry this one corrects, and the entries that correct this one (ids).
    corrects_id: int | None
    corrected_by: tuple[int, ...]
    links: tuple[JournalLinkDTO, ...]
    recorded_at: dt.datetime
    #: Whether the current user may still edit it (the editing period, and its author only).
    editable: bool
    #: The last day it can be edited (recorded_at's day + the organisation's period).
    editable_until: dt.date
    version: int


@dataclass(frozen=True)
class LinkChoice(JournalLinkDTO):
    """Something an entry can be linked to, offered in the entry dialog: the link it makes,
    under a heading."""

    #: A heading to group choices under ("Danger statements", "ZRM Sanne").
    group: str


@dataclass(frozen=True)
class JournalFilter:
    """What the timeline shows: kinds (empty: all), a period, text to find, working notes."""

    kinds: frozenset[str] = frozenset()
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""
    #: A link target ("kind:key") the entries must be about; "" for any.
    about: str = ""
    include_working_notes: bool = True


# ---- meldcode --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeldcodeStepDTO:
    step: int
    done_on: dt.date | None
    done_by: str
    notes: str
    with_whom: str
    advice: str
    talk_held: bool | None
    not_held_reason: str
    scale_score: int | None
    #: Journal entries linked to this step (ids).
    journal_entry_ids: tuple[int, ...]
    #: Open longer than the organisation's term (only for the first open step of an open record).
    overdue: bool
    version: int


@dataclass(frozen=True)
class MeldcodeSignalDTO:
    id: int
    position: int
    source: str
    source_lineage: str | None
    text: str
    version: int


@dataclass(frozen=True)
class MeldcodeAnswerDTO:
    question: str
    #: None: not answered.
    answer: bool | None
    reason: str
    version: int


@dataclass(frozen=True)
class AfwegingOutcome:
    """What the afwegingskader's answers lead to (meldcode_rules.afweging_outcome).

    `complete` is False while a question that matters is unanswered; `report` says a report
    to Veilig Thuis is required; `help` that help is offered or continued; `no_suspicion` that
    question 1 was answered no (the record can close without a report)."""

    complete: bool
    report: bool
    help: bool
    no_suspicion: bool
    #: The questions that still need an answer (keys), in order.
    missing: tuple[str, ...]
    #: One sentence saying what the answers lead to, translated.
    summary: str


@dataclass(frozen=True)
class MeldcodeRecordDTO:
    id: int
    household_id: int
    number: int
    status: str
    started_on: dt.date
    started_by: str
    kindcheck_adults: tuple[str, ...]
    kindcheck_children_depend: str | None
    kindcheck_safety_assessed: str | None
    kindcheck_note: str
    decided_report: bool | None
    decided_help: bool | None
    decision_reason: str
    closed_on: dt.date | None
    closed_by: str | None
    steps: tuple[MeldcodeStepDTO, ...]
    signals: tuple[MeldcodeSignalDTO, ...]
    answers: tuple[MeldcodeAnswerDTO, ...]
    outcome: AfwegingOutcome
    #: Veilig Thuis contacts made from this record (ids).
    veilig_thuis_ids: tuple[int, ...]
    version: int


@dataclass(frozen=True)
class SignalChoice:
    """A harm or danger item or statement of the newest mapping moment, offered for step 1."""

    source: str
    lineage: str
    text: str
    #: The person the item is about, named (for the kindcheck: an adult?), or "".
    about: str
    about_is_adult: bool


@dataclass(frozen=True)
class CaseReminder:
    """Something of a case that needs attention, named by its case, for the case list and the
    team view."""

    household_id: int
    case_number: str
    case_name: str


@dataclass(frozen=True)
class MeldcodeReminder(CaseReminder):
    """An open meldcode step past the organisation's term, for the case list and team view."""

    record_id: int
    step: int
    open_since: dt.date
    days_open: int


# ---- Veilig Thuis ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VeiligThuisContactDTO:
    id: int
    household_id: int
    kind: str
    contact_on: dt.date
    channel: str
    with_whom: str
    advice: str
    reference: str
    recorded_by: str
    meldcode_record_id: int | None
    version: int


# ---- kindcheck -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindcheckTrigger:
    """Why the program asks the kindcheck about an adult (kindcheck_rules.triggers)."""

    person_id: int
    adult_label: str
    #: "zrm:<assessment date>:<domain>" or "worry:<map item lineage>".
    trigger: str
    #: What raised it, translated ("ZRM Geestelijke gezondheid: 2", "Zorg: …").
    reason: str


@dataclass(frozen=True)
class KindcheckDTO:
    id: int
    household_id: int
    person_id: int | None
    adult_label: str
    trigger: str
    asked_on: dt.date
    asked_by: str
    children_depend: str
    safety_assessed: str
    note: str
    journal_entry_id: int | None
    version: int


# ---- verwijsindex ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VerwijsindexMatchDTO:
    id: int
    organisation: str
    matched_on: dt.date
    contact: str
    version: int


@dataclass(frozen=True)
class VerwijsindexSignalDTO:
    id: int
    household_id: int
    person_id: int | None
    child_label: str
    signalled_on: dt.date
    signalled_by: str
    coordinator: str
    coordination_on: dt.date | None
    expires_on: dt.date
    withdrawn_on: dt.date | None
    notes: str
    matches: tuple[VerwijsindexMatchDTO, ...]
    #: "active", "expiring" (within the reminder period), "expired" or "withdrawn".
    state: str
    version: int


@dataclass(frozen=True)
class VerwijsindexReminder(CaseReminder):
    """A signal that expires soon or has expired without being extended or withdrawn."""

    signal_id: int
    child_label: str
    expires_on: dt.date
    expired: bool


# ---- meldcode (appended) ---------------------------------------------------------------------


@dataclass(frozen=True)
class WeighContext:
    """What step 4 shows beside the afwegingskader's questions (meldcode.weigh_context)."""

    #: The formal scale score (the case manager's newest on the case as a whole), its date and
    #: reason; None when there is none yet.
    scale_score: int | None
    scored_on: dt.date | None
    scale_reason: str
    #: The danger statements of the newest mapping moment, as sentences, in their order.
    danger_statements: tuple[str, ...]
