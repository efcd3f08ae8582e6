"""Tables of the dossier: journal entries with their links, meldcode records with their steps,
signals and afwegingskader answers, kindchecks, Veilig Thuis contacts and verwijsindex signals.

A file is a record: a journal entry can be edited for a set period after it was recorded (an
organisation setting), then only corrected by a new entry that refers to it. A meldcode record
follows the five steps; a closed record never changes again (a later worry starts a new record).
Every row carries `household_id`, so team mode's row-level security covers it; the working notes
(werkaantekeningen) of one consultant are read by that consultant only (store/team_sql.py).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.store.base import BelongsToCase
from jeugdtool.store.base import Entity
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import short_label
from jeugdtool.store.base import utcnow
from jeugdtool.store.model_types import optional_fk
from jeugdtool.store.model_types import ordinal
from jeugdtool.store.model_types import parent_fk
from jeugdtool.store.model_types import str10
from jeugdtool.store.model_types import str20
from jeugdtool.store.model_types import str30
from jeugdtool.store.model_types import str32
from jeugdtool.store.model_types import str40
from jeugdtool.store.model_types import str200


class JournalEntry(BelongsToCase, Tracked, Entity):
    """One dated note in the case journal: a home visit, a call, a consultation, a kindcheck."""

    __tablename__ = "journal_entries"
    __audit_entity__ = "journal_entry"
    __table_args__ = (
        Index("ix_journal_entries_household", "household_id", "occurred_on"),
        Index("ix_journal_entries_corrects", "corrects_id"),
    )

    #: When it happened (the day, and the time when known; local time as the consultant gave it).
    occurred_on: Mapped[dt.date]
    occurred_at: Mapped[dt.time | None]
    #: vocab.JournalKind.
    kind: Mapped[str30]
    #: Who wrote it: the staff member (in team mode the logged-in person) and the name as then.
    author_id: Mapped[int | None] = optional_fk("consultants")
    author: Mapped[str200]
    #: With whom: household members, network members, others, named as they were then.
    participants: Mapped[tuple[str, ...]] = mapped_column(default=())
    note: Mapped[str] = mapped_column(default="")
    #: A werkaantekening: the author's personal working note. Read by its author only (and the
    #: privacy officer), yet part of an access request, marked as such (the courts ruled so).
    working_note: Mapped[bool] = mapped_column(default=False)
    #: The entry this one corrects (an entry past its editing period is corrected, not edited).
    corrects_id: Mapped[int | None] = optional_fk("journal_entries")
    #: When it was written down: the start of the editing period. Kept through export and
    #: import (created_at is the row's, and an import would open the period again).
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def audit_label(self) -> str:
        return self.occurred_on.isoformat()


class JournalLink(BelongsToCase, Tracked, Entity):
    """What a journal entry is about: a map item, a statement, an agreement, a scale score, a
    ZRM domain, a meldcode step or a help item. The label keeps what it was called then."""

    __tablename__ = "journal_links"
    __audit_entity__ = "journal_link"
    __table_args__ = (
        UniqueConstraint("entry_id", "target_kind", "target_key", name="uq_journal_links_target"),
        Index("ix_journal_links_target", "household_id", "target_kind", "target_key"),
    )

    entry_id: Mapped[int] = parent_fk("journal_entries")
    #: vocab.LinkKind; the key as that vocabulary explains.
    target_kind: Mapped[str20]
    target_key: Mapped[str] = mapped_column(String(80))
    target_label: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return short_label(self.target_label or self.target_key)


class MeldcodeRecord(BelongsToCase, Tracked, Entity):
    """One run through the meldcode's five steps for a case (a case may have several over time)."""

    __tablename__ = "meldcode_records"
    __audit_entity__ = "meldcode_record"
    __table_args__ = (
        UniqueConstraint("household_id", "number", name="uq_meldcode_records_number"),
    )

    #: 1, 2, 3 … per household, in order of starting.
    number: Mapped[int]
    #: vocab.MeldcodeStatus.
    status: Mapped[str10] = mapped_column(default="open")
    started_on: Mapped[dt.date]
    started_by: Mapped[str200]
    #: Step 1's kindcheck: the adult(s) the signals are about, whether children depend on them
    #: and whether those children's safety is assessed (vocab.KindcheckAnswer; None: not asked).
    kindcheck_adults: Mapped[tuple[str, ...]] = mapped_column(default=())
    kindcheck_children_depend: Mapped[str10 | None]
    kindcheck_safety_assessed: Mapped[str10 | None]
    kindcheck_note: Mapped[str] = mapped_column(default="")
    #: Step 5: report to Veilig Thuis, offer or organise help (None: not decided yet).
    decided_report: Mapped[bool | None]
    decided_help: Mapped[bool | None]
    #: Why; required when the decision departs from the afwegingskader's outcome.
    decision_reason: Mapped[str] = mapped_column(default="")
    closed_on: Mapped[dt.date | None]
    closed_by: Mapped[str200 | None]

    def audit_label(self) -> str:
        return f"meldcode {self.number}"


class InMeldcodeRecord(BelongsToCase):
    """Rows of one meldcode record (its steps, signals and answers): removed with it."""

    record_id: Mapped[int] = parent_fk("meldcode_records")


class MeldcodeStepRow(InMeldcodeRecord, Tracked, Entity):
    """One of the five steps of a record: when it was done, by whom, and its notes. Steps 2 and
    3 also say with whom (and step 2 the advice, step 3 why the talk was not held)."""

    __tablename__ = "meldcode_steps"
    __audit_entity__ = "meldcode_step"
    __table_args__ = (UniqueConstraint("record_id", "step", name="uq_meldcode_steps_step"),)

    #: 1–5 (vocab.MeldcodeStep.number).
    step: Mapped[int]
    #: The day the step was done (None: still open).
    done_on: Mapped[dt.date | None]
    done_by: Mapped[str200] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(default="")
    #: Step 2: the colleague consulted; step 3: who the talk was with.
    with_whom: Mapped[str] = mapped_column(default="")
    #: Step 2: the colleague's advice.
    advice: Mapped[str] = mapped_column(default="")
    #: Step 3: False with a reason when the talk was not held (safety, or the person's own).
    talk_held: Mapped[bool | None]
    not_held_reason: Mapped[str] = mapped_column(default="")
    #: Step 4: the formal scale score shown beside the questions when they were answered.
    scale_score: Mapped[int | None]

    def audit_label(self) -> str:
        return f"stap {self.step}"


class MeldcodeSignal(InMeldcodeRecord, Tracked, Entity):
    """A signal of step 1: picked from the map's harm and danger items and statements, or the
    consultant's own. The text is copied: the map may change, the record may not."""

    __tablename__ = "meldcode_signals"
    __audit_entity__ = "meldcode_signal"
    __table_args__ = (Index("ix_meldcode_signals_record", "record_id", "position"),)

    position: Mapped[ordinal]
    #: vocab.SignalSource, and the lineage of the map item or statement it came from.
    source: Mapped[str20]
    source_lineage: Mapped[str32 | None]
    text: Mapped[str]

    def audit_label(self) -> str:
        return short_label(self.text)


class MeldcodeAnswer(InMeldcodeRecord, Tracked, Entity):
    """One of the afwegingskader's five questions (step 4), answered yes or no with a reason."""

    __tablename__ = "meldcode_answers"
    __audit_entity__ = "meldcode_answer"
    __table_args__ = (
        UniqueConstraint("record_id", "question", name="uq_meldcode_answers_question"),
    )

    #: The question's key in resources/meldcode/meldcode.json.
    question: Mapped[str40]
    #: None: not answered yet.
    answer: Mapped[bool | None]
    reason: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return self.question


class Kindcheck(BelongsToCase, Tracked, Entity):
    """The kindcheck outside the meldcode: an adult's ZRM or a worry about an adult raised the
    question whether children depend on this adult and whether their safety is assessed.
    Answered once per trigger; the answer is also written in the journal."""

    __tablename__ = "kindchecks"
    __audit_entity__ = "kindcheck"
    __table_args__ = (
        # Per adult: two adults can share a trigger (assessments of the same day).
        UniqueConstraint("household_id", "person_id", "trigger", name="uq_kindchecks_trigger"),
    )

    #: The adult, and the name as it was then.
    person_id: Mapped[int | None] = optional_fk("persons")
    adult_label: Mapped[str200]
    #: What raised it: "zrm:<assessment date>:<domain>" or "worry:<map item lineage>" (stable
    #: across export and import: no database id).
    trigger: Mapped[str] = mapped_column(String(120))
    asked_on: Mapped[dt.date]
    asked_by: Mapped[str200]
    #: vocab.KindcheckAnswer.
    children_depend: Mapped[str10]
    safety_assessed: Mapped[str10]
    note: Mapped[str] = mapped_column(default="")
    #: The journal entry that records it.
    journal_entry_id: Mapped[int | None] = optional_fk("journal_entries")

    def audit_label(self) -> str:
        return self.adult_label


class VeiligThuisContact(BelongsToCase, Tracked, Entity):
    """A consultation of, or a report to, Veilig Thuis (linked from the meldcode's steps 2
    and 5 when made there)."""

    __tablename__ = "veilig_thuis_contacts"
    __audit_entity__ = "veilig_thuis_contact"
    __table_args__ = (Index("ix_veilig_thuis_contacts_household", "household_id", "contact_on"),)

    #: vocab.VeiligThuisKind.
    kind: Mapped[str20]
    contact_on: Mapped[dt.date]
    #: vocab.ReportChannel.
    channel: Mapped[str20] = mapped_column(default="phone")
    #: The Veilig Thuis worker spoken to.
    with_whom: Mapped[str200] = mapped_column(default="")
    #: A consultation's advice; what was reported.
    advice: Mapped[str] = mapped_column(default="")
    #: Veilig Thuis's reference (a report's number).
    reference: Mapped[str] = mapped_column(String(60), default="")
    recorded_by: Mapped[str200] = mapped_column(default="")
    meldcode_record_id: Mapped[int | None] = optional_fk("meldcode_records")

    def audit_label(self) -> str:
        return f"{self.kind} {self.contact_on.isoformat()}"


class VerwijsindexSignal(BelongsToCase, Tracked, Entity):
    """A signal in the verwijsindex risicojongeren for one child: its matches, who coordinates,
    and when it expires (two years by default) unless extended or withdrawn."""

    __tablename__ = "verwijsindex_signals"
    __audit_entity__ = "verwijsindex_signal"
    __table_args__ = (Index("ix_verwijsindex_signals_household", "household_id", "expires_on"),)

    person_id: Mapped[int | None] = optional_fk("persons")
    child_label: Mapped[str200]
    signalled_on: Mapped[dt.date]
    signalled_by: Mapped[str200]
    #: Who coordinates (the organisation or person agreed with the matches), and since when.
    coordinator: Mapped[str200] = mapped_column(default="")
    coordination_on: Mapped[dt.date | None]
    expires_on: Mapped[dt.date]
    withdrawn_on: Mapped[dt.date | None]
    notes: Mapped[str] = mapped_column(default="")

    def audit_label(self) -> str:
        return self.child_label


class VerwijsindexMatch(BelongsToCase, Tracked, Entity):
    """Another organisation signalled the same child: a match the verwijsindex reported."""

    __tablename__ = "verwijsindex_matches"
    __audit_entity__ = "verwijsindex_match"
    __table_args__ = (Index("ix_verwijsindex_matches_signal", "signal_id", "matched_on"),)

    signal_id: Mapped[int] = parent_fk("verwijsindex_signals")
    organisation: Mapped[str200]
    matched_on: Mapped[dt.date]
    contact: Mapped[str200] = mapped_column(default="")

    def audit_label(self) -> str:
        return self.organisation
