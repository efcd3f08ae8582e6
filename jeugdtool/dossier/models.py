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

from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import Time
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from jeugdtool.framework.models import BelongsToCase
from jeugdtool.store.base import Base
from jeugdtool.store.base import Tracked
from jeugdtool.store.base import UTCDateTime
from jeugdtool.store.base import short_label
from jeugdtool.store.base import utcnow
from jeugdtool.store.columns import Lines


class JournalEntry(BelongsToCase, Tracked, Base):
    """One dated note in the case journal: a home visit, a call, a consultation, a kindcheck."""

    __tablename__ = "journal_entries"
    __audit_entity__ = "journal_entry"
    __table_args__ = (
        Index("ix_journal_entries_household", "household_id", "occurred_on"),
        Index("ix_journal_entries_corrects", "corrects_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: When it happened (the day, and the time when known; local time as the consultant gave it).
    occurred_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    occurred_at: Mapped[dt.time | None] = mapped_column(Time)
    #: vocab.JournalKind.
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    #: Who wrote it: the staff member (in team mode the logged-in person) and the name as then.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("consultants.id", ondelete="SET NULL"))
    author: Mapped[str] = mapped_column(String(200), nullable=False)
    #: With whom: household members, network members, others, named as they were then.
    participants: Mapped[tuple[str, ...]] = mapped_column(Lines, nullable=False, default=())
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: A werkaantekening: the author's personal working note. Read by its author only (and the
    #: privacy officer), yet part of an access request, marked as such (the courts ruled so).
    working_note: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    #: The entry this one corrects (an entry past its editing period is corrected, not edited).
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("journal_entries.id", ondelete="SET NULL")
    )
    #: When it was written down: the start of the editing period. Kept through export and
    #: import (created_at is the row's, and an import would open the period again).
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    def audit_label(self) -> str:
        return self.occurred_on.isoformat()


class JournalLink(BelongsToCase, Tracked, Base):
    """What a journal entry is about: a map item, a statement, an agreement, a scale score, a
    ZRM domain, a meldcode step or a help item. The label keeps what it was called then."""

    __tablename__ = "journal_links"
    __audit_entity__ = "journal_link"
    __table_args__ = (
        UniqueConstraint("entry_id", "target_kind", "target_key", name="uq_journal_links_target"),
        Index("ix_journal_links_target", "household_id", "target_kind", "target_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("journal_entries.id", ondelete="CASCADE"), nullable=False
    )
    #: vocab.LinkKind; the key as that vocabulary explains.
    target_kind: Mapped[str] = mapped_column(String(20), nullable=False)
    target_key: Mapped[str] = mapped_column(String(80), nullable=False)
    target_label: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return short_label(self.target_label or self.target_key)


class MeldcodeRecord(BelongsToCase, Tracked, Base):
    """One run through the meldcode's five steps for a case (a case may have several over time)."""

    __tablename__ = "meldcode_records"
    __audit_entity__ = "meldcode_record"
    __table_args__ = (
        UniqueConstraint("household_id", "number", name="uq_meldcode_records_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 1, 2, 3 … per household, in order of starting.
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    #: vocab.MeldcodeStatus.
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="open")
    started_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    started_by: Mapped[str] = mapped_column(String(200), nullable=False)
    #: Step 1's kindcheck: the adult(s) the signals are about, whether children depend on them
    #: and whether those children's safety is assessed (vocab.KindcheckAnswer; None: not asked).
    kindcheck_adults: Mapped[tuple[str, ...]] = mapped_column(Lines, nullable=False, default=())
    kindcheck_children_depend: Mapped[str | None] = mapped_column(String(10))
    kindcheck_safety_assessed: Mapped[str | None] = mapped_column(String(10))
    kindcheck_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Step 5: report to Veilig Thuis, offer or organise help (None: not decided yet).
    decided_report: Mapped[bool | None] = mapped_column(Boolean)
    decided_help: Mapped[bool | None] = mapped_column(Boolean)
    #: Why; required when the decision departs from the afwegingskader's outcome.
    decision_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_by: Mapped[str | None] = mapped_column(String(200))

    def audit_label(self) -> str:
        return f"meldcode {self.number}"


class MeldcodeStepRow(BelongsToCase, Tracked, Base):
    """One of the five steps of a record: when it was done, by whom, and its notes. Steps 2 and
    3 also say with whom (and step 2 the advice, step 3 why the talk was not held)."""

    __tablename__ = "meldcode_steps"
    __audit_entity__ = "meldcode_step"
    __table_args__ = (UniqueConstraint("record_id", "step", name="uq_meldcode_steps_step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("meldcode_records.id", ondelete="CASCADE"), nullable=False
    )
    #: 1–5 (vocab.MeldcodeStep.number).
    step: Mapped[int] = mapped_column(Integer, nullable=False)
    #: The day the step was done (None: still open).
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Step 2: the colleague consulted; step 3: who the talk was with.
    with_whom: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Step 2: the colleague's advice.
    advice: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Step 3: False with a reason when the talk was not held (safety, or the person's own).
    talk_held: Mapped[bool | None] = mapped_column(Boolean)
    not_held_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Step 4: the formal scale score shown beside the questions when they were answered.
    scale_score: Mapped[int | None] = mapped_column(Integer)

    def audit_label(self) -> str:
        return f"stap {self.step}"


class MeldcodeSignal(BelongsToCase, Tracked, Base):
    """A signal of step 1: picked from the map's harm and danger items and statements, or the
    consultant's own. The text is copied: the map may change, the record may not."""

    __tablename__ = "meldcode_signals"
    __audit_entity__ = "meldcode_signal"
    __table_args__ = (Index("ix_meldcode_signals_record", "record_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("meldcode_records.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: vocab.SignalSource, and the lineage of the map item or statement it came from.
    source: Mapped[str] = mapped_column(String(20), nullable=False)
    source_lineage: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, nullable=False)

    def audit_label(self) -> str:
        return short_label(self.text)


class MeldcodeAnswer(BelongsToCase, Tracked, Base):
    """One of the afwegingskader's five questions (step 4), answered yes or no with a reason."""

    __tablename__ = "meldcode_answers"
    __audit_entity__ = "meldcode_answer"
    __table_args__ = (
        UniqueConstraint("record_id", "question", name="uq_meldcode_answers_question"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("meldcode_records.id", ondelete="CASCADE"), nullable=False
    )
    #: The question's key in resources/meldcode/meldcode.json.
    question: Mapped[str] = mapped_column(String(40), nullable=False)
    #: None: not answered yet.
    answer: Mapped[bool | None] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return self.question


class Kindcheck(BelongsToCase, Tracked, Base):
    """The kindcheck outside the meldcode: an adult's ZRM or a worry about an adult raised the
    question whether children depend on this adult and whether their safety is assessed.
    Answered once per trigger; the answer is also written in the journal."""

    __tablename__ = "kindchecks"
    __audit_entity__ = "kindcheck"
    __table_args__ = (
        # Per adult: two adults can share a trigger (assessments of the same day).
        UniqueConstraint("household_id", "person_id", "trigger", name="uq_kindchecks_trigger"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The adult, and the name as it was then.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    adult_label: Mapped[str] = mapped_column(String(200), nullable=False)
    #: What raised it: "zrm:<assessment date>:<domain>" or "worry:<map item lineage>" (stable
    #: across export and import: no database id).
    trigger: Mapped[str] = mapped_column(String(120), nullable=False)
    asked_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    asked_by: Mapped[str] = mapped_column(String(200), nullable=False)
    #: vocab.KindcheckAnswer.
    children_depend: Mapped[str] = mapped_column(String(10), nullable=False)
    safety_assessed: Mapped[str] = mapped_column(String(10), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: The journal entry that records it.
    journal_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("journal_entries.id", ondelete="SET NULL")
    )

    def audit_label(self) -> str:
        return self.adult_label


class VeiligThuisContact(BelongsToCase, Tracked, Base):
    """A consultation of, or a report to, Veilig Thuis (linked from the meldcode's steps 2
    and 5 when made there)."""

    __tablename__ = "veilig_thuis_contacts"
    __audit_entity__ = "veilig_thuis_contact"
    __table_args__ = (Index("ix_veilig_thuis_contacts_household", "household_id", "contact_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: vocab.VeiligThuisKind.
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    contact_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    #: vocab.ReportChannel.
    channel: Mapped[str] = mapped_column(String(20), nullable=False, default="phone")
    #: The Veilig Thuis worker spoken to.
    with_whom: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: A consultation's advice; what was reported.
    advice: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: Veilig Thuis's reference (a report's number).
    reference: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    recorded_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    meldcode_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("meldcode_records.id", ondelete="SET NULL")
    )

    def audit_label(self) -> str:
        return f"{self.kind} {self.contact_on.isoformat()}"


class VerwijsindexSignal(BelongsToCase, Tracked, Base):
    """A signal in the verwijsindex risicojongeren for one child: its matches, who coordinates,
    and when it expires (two years by default) unless extended or withdrawn."""

    __tablename__ = "verwijsindex_signals"
    __audit_entity__ = "verwijsindex_signal"
    __table_args__ = (Index("ix_verwijsindex_signals_household", "household_id", "expires_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    child_label: Mapped[str] = mapped_column(String(200), nullable=False)
    signalled_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    signalled_by: Mapped[str] = mapped_column(String(200), nullable=False)
    #: Who coordinates (the organisation or person agreed with the matches), and since when.
    coordinator: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    coordination_on: Mapped[dt.date | None] = mapped_column(Date)
    expires_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    def audit_label(self) -> str:
        return self.child_label


class VerwijsindexMatch(BelongsToCase, Tracked, Base):
    """Another organisation signalled the same child: a match the verwijsindex reported."""

    __tablename__ = "verwijsindex_matches"
    __audit_entity__ = "verwijsindex_match"
    __table_args__ = (Index("ix_verwijsindex_matches_signal", "signal_id", "matched_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(
        ForeignKey("verwijsindex_signals.id", ondelete="CASCADE"), nullable=False
    )
    organisation: Mapped[str] = mapped_column(String(200), nullable=False)
    matched_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    contact: Mapped[str] = mapped_column(String(200), nullable=False, default="")

    def audit_label(self) -> str:
        return self.organisation
