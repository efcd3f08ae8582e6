"""Destruction of a closed case: everything of the household goes, a tombstone stays.

Jeugdwet art. 7.3.8 (the retention period has passed) and art. 7.3.9 (a request) oblige the
organisation to destroy a file. `destroy_case` removes, in one transaction, the household and
every row that belongs to it (each case table's ON DELETE CASCADE: persons, network, maps,
plans with their reviews (submissions, decisions, comments) and goal judgements, network
meetings with who attended, ZRM assessments, its meeting agenda items with their scores and
follow-ups, remembered PDF selections, case team, handovers, break-the-glass grants), its audit
rows, and the personal content of its access-log rows (who, when, what and the case number
stay; `detail` and `reason` are blanked). It leaves a `DestroyedCase` tombstone: case number,
dates, legal ground, reason and who destroyed it, nothing about the family. There is no undo.

The rows go by bulk DELETE statements, not `session.delete()`: the audit listener only sees
objects flushed by the session, so it writes no "deleted" rows full of names for this action
(it would be pointless to write them and delete them again in the same transaction).

On SQLite the freed space is overwritten: the deleting connection runs with `secure_delete`,
and afterwards a WAL checkpoint (TRUNCATE) and VACUUM rewrite the file, so no name or note of
the case can be read from the file or its -wal. In team mode (PostgreSQL) a privacy officer
cannot read cases at all (row-level security): the server function `jt_destroy_case`
(store/team_sql.py) checks the role and the status and deletes as the owner; dead rows stay in
the server's files until VACUUM (docs/team-mode.md).
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
from dataclasses import dataclass
from dataclasses import field

from sqlalchemy import Connection
from sqlalchemy import Date
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import delete
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy import update
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import Session
from sqlalchemy.orm import mapped_column

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Household
from jeugdtool.cases.staff import current_person
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.errors import Problem
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store import faults
from jeugdtool.store.access_log import AccessLogEntry
from jeugdtool.store.audit import AuditEntry
from jeugdtool.store.base import Base
from jeugdtool.store.base import UTCDateTime
from jeugdtool.store.base import utcnow
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.uow import UnitOfWork

#: The fewest characters a reason for destruction may have (the rule of every kept reason).
MIN_REASON_LENGTH = v.MIN_REASON_LENGTH


class Ground(enum.StrEnum):
    """Why the law says the file goes."""

    RETENTION = "retention"
    REQUEST = "request"


#: The legal ground as the tombstone records it (a citation of Dutch law, not translated).
LEGAL_GROUND: dict[Ground, str] = {
    Ground.RETENTION: "Jeugdwet art. 7.3.8: bewaartermijn verstreken",
    Ground.REQUEST: "Jeugdwet art. 7.3.9: verzoek",
}

#: How the dialog offers each ground.
GROUND_LABELS: dict[Ground, str] = {
    Ground.RETENTION: N_("The retention period has passed (Jeugdwet art. 7.3.8)"),
    Ground.REQUEST: N_("At the request of the client (Jeugdwet art. 7.3.9)"),
}


class DestroyedCase(Base):
    """The tombstone of a destroyed case. No personal data of the family: never add any."""

    __tablename__ = "destroyed_cases"
    __table_args__ = (Index("ix_destroyed_cases_case_number", "case_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_number: Mapped[str] = mapped_column(String(32), nullable=False)
    opened_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    destroyed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    #: E.g. "Jeugdwet art. 7.3.8: bewaartermijn verstreken".
    legal_ground: Mapped[str] = mapped_column(Text, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    #: The staff member who destroyed it (in team mode: the login's person, set by the server).
    destroyed_by: Mapped[str] = mapped_column(String(200), nullable=False)


@dataclass(frozen=True)
class Tombstone:
    case_number: str
    opened_on: dt.date
    closed_on: dt.date | None
    destroyed_at: dt.datetime
    legal_ground: str
    reason: str
    destroyed_by: str


@dataclass(frozen=True)
class Candidate:
    """A case about to be destroyed, as the confirmation shows it. In team mode the privacy
    officer may not read the case, so `name` is empty there."""

    case_number: str
    name: str
    status: str
    opened_on: dt.date
    closed_on: dt.date | None


@dataclass(frozen=True)
class Destroyed:
    """What `destroy_case` did."""

    tombstone: Tombstone
    #: Rows removed per case table (only tables that had rows of the case), "households" too.
    removed: dict[str, int] = field(default_factory=dict)
    #: Audit rows of the case removed.
    audit_rows: int = 0
    #: Access-log rows whose detail and reason were blanked.
    access_rows: int = 0
    #: Why the freed space in the file could not be overwritten; "" when it was (or on a
    #: server, where VACUUM is the administrator's).
    scrub_problem: str = ""


class DestructionRefused(JeugdtoolError):
    """This person may not destroy cases, or not this one."""


# ---- checks ----------------------------------------------------------------------------------


def check_reason(reason: str) -> str:
    """The reason, cleaned; InvalidInput when it is blank or shorter than 10 characters."""
    return v.reason(
        reason,
        _(
            "Say why this case is destroyed, in at least {n} characters (for example: "
            "'bewaartermijn verstreken, gecontroleerd'). Do not write names: the reason "
            "is kept."
        ),
    )


def _check_status(candidate: Candidate) -> None:
    if candidate.status == CaseStatus.OPEN.value:
        raise InvalidInput(
            Problem(
                "status",
                _(
                    "Case {number} is still open and cannot be destroyed. Close the case "
                    "(with a reason) first; only a closed or archived case can be destroyed."
                ).format(number=candidate.case_number),
            )
        )


def _not_found(number: str) -> NotFound:
    return NotFound(
        _("There is no case with number {number}. Check the number.").format(number=number)
    )


def _on_server(uow: UnitOfWork) -> bool:
    return uow.database.location.path is None


def _check_privacy_officer(uow: UnitOfWork) -> None:
    """Team mode: only a privacy officer (the server checks again, this says it clearly)."""
    person = current_person(uow)
    if person is None or not person.has(StaffRole.PRIVACY_OFFICER):
        raise not_privacy_officer()


def not_privacy_officer() -> DestructionRefused:
    """The refusal for anyone but the privacy officer (team mode)."""
    return DestructionRefused(
        _("Only the privacy officer may destroy a case. Ask your privacy officer to destroy it.")
    )


# ---- looking before destroying -----------------------------------------------------------------


def find_case(uow: UnitOfWork, case_number: str) -> Candidate:
    """The case about to be destroyed, for the confirmation; NotFound when there is none."""
    number = (case_number or "").strip()
    with uow:
        if _on_server(uow):
            row = uow.session.execute(
                text("SELECT status, opened_on, closed_on FROM jt_destroy_preview(:n)"),
                {"n": number},
            ).one_or_none()
            if row is None:
                raise _not_found(number)
            return Candidate(number, "", row.status, row.opened_on, row.closed_on)
        found = uow.session.execute(
            select(
                Household.name, Household.status, Household.opened_on, Household.closed_on
            ).where(Household.case_number == number)
        ).one_or_none()
    if found is None:
        raise _not_found(number)
    return Candidate(number, found.name, found.status, found.opened_on, found.closed_on)


def case_number_of(uow: UnitOfWork, case_id: int) -> str | None:
    """The number of a case this person can see (to start the dialog from the case in view)."""
    with uow:
        return uow.session.scalar(select(Household.case_number).where(Household.id == case_id))


# ---- destroying ------------------------------------------------------------------------------


def destroy_case(
    uow: UnitOfWork, case_number: str, reason: str, ground: Ground | str, *, by: str
) -> Destroyed:
    """Destroy the closed or archived case `case_number` for good; returns what was removed.

    `by`: the staff member's name for the tombstone (in team mode the server names the login's
    person instead). Raises InvalidInput (no reason, an open case), NotFound, or
    DestructionRefused (team mode: not a privacy officer).
    """
    cleaned = check_reason(reason)
    chosen = Ground(ground)
    number = (case_number or "").strip()
    if _on_server(uow):
        _check_privacy_officer(uow)
        _check_status(find_case(uow, number))
        return _destroy_on_server(uow, number, cleaned, chosen)
    return _destroy_local(uow, number, cleaned, chosen, by.strip() or uow.author)


def _destroy_on_server(uow: UnitOfWork, number: str, reason: str, ground: Ground) -> Destroyed:
    with uow:
        rows = uow.session.execute(
            text("SELECT part, removed FROM jt_destroy_case(:n, :r, :g)"),
            {"n": number, "r": reason, "g": LEGAL_GROUND[ground]},
        ).all()
        counts = {str(part): int(n) for part, n in rows}
        stone = uow.session.scalars(
            select(DestroyedCase)
            .where(DestroyedCase.case_number == number)
            .order_by(DestroyedCase.id.desc())
            .limit(1)
        ).one()
        tombstone = _tombstone(stone)
        uow.session.commit()
    audit_rows = counts.pop("audit_entries", 0)
    access_rows = counts.pop("access_log", 0)
    removed = {name: n for name, n in counts.items() if n}
    return Destroyed(tombstone, removed, audit_rows, access_rows)


def _destroy_local(uow: UnitOfWork, number: str, reason: str, ground: Ground, by: str) -> Destroyed:
    """Delete on one connection of our own, so `secure_delete` is on for exactly the connection
    that deletes, and is set back before the connection returns to the pool."""
    database = uow.database
    with database.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        previous = int(raw.execute("PRAGMA secure_delete").fetchone()[0])
        raw.execute("PRAGMA secure_delete=ON")
        try:
            session = database.sessions(bind=conn)
            session.info["author"] = uow.author
            try:
                done = _remove(session, conn, number, reason, ground, by)
                session.commit()
            finally:
                session.close()
            problem = _scrub(raw, database.location.display)
        finally:
            raw.execute(f"PRAGMA secure_delete={previous}")
    return Destroyed(done.tombstone, done.removed, done.audit_rows, done.access_rows, problem)


def _remove(
    session: Session, conn: Connection, number: str, reason: str, ground: Ground, by: str
) -> Destroyed:
    found = session.execute(
        select(Household.id, Household.status, Household.opened_on, Household.closed_on).where(
            Household.case_number == number
        )
    ).one_or_none()
    if found is None:
        raise _not_found(number)
    _check_status(Candidate(number, "", found.status, found.opened_on, found.closed_on))
    case_id = found.id
    removed = _count(conn, case_id)
    audit_rows = session.execute(delete(AuditEntry).where(AuditEntry.case_id == case_id)).rowcount
    # Who opened the case when stays (the log is evidence); what and why may name the family.
    # The id goes too: SQLite may give it to a new case, which must not inherit this log.
    access_rows = session.execute(
        update(AccessLogEntry)
        .where(AccessLogEntry.case_id == case_id)
        .values(detail="", reason="", case_id=None, case_number=number)
    ).rowcount
    # Every case table refers to households with ON DELETE CASCADE (foreign keys are on).
    session.execute(delete(Household).where(Household.id == case_id))
    stone = DestroyedCase(
        case_number=number,
        opened_on=found.opened_on,
        closed_on=found.closed_on,
        destroyed_at=utcnow(),
        legal_ground=LEGAL_GROUND[ground],
        reason=reason,
        destroyed_by=by,
    )
    session.add(stone)
    session.flush()
    return Destroyed(_tombstone(stone), removed, audit_rows, access_rows)


def _count(conn: Connection, case_id: int) -> dict[str, int]:
    """Rows of the case per table: every table with a household_id column, as the database has
    them (not only the tables imported so far)."""
    inspector = inspect(conn)
    quote = conn.dialect.identifier_preparer.quote
    counts = {"households": 1}
    for name in sorted(inspector.get_table_names()):
        if any(c["name"] == "household_id" for c in inspector.get_columns(name)):
            n = conn.execute(
                text(f"SELECT count(*) FROM {quote(name)} WHERE household_id = :c"),
                {"c": case_id},
            ).scalar_one()
            if n:
                counts[name] = int(n)
    return counts


def _scrub(raw: sqlite3.Connection, where: str) -> str:
    """Overwrite what the deletion freed: move the WAL into the file and empty it, rebuild the
    file without free pages (VACUUM), and empty the WAL again. "" when done, else why not."""
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("VACUUM")
        busy, _log, _done = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        return str(faults.translate(exc, where))
    if busy:
        return _(
            "another program is reading the database; close the other jeugdtool windows and "
            "programs that have it open"
        )
    return ""


# ---- the report ---------------------------------------------------------------------------------

#: The parts of a case a user knows by name; the other tables are counted together.
PART_LABELS: dict[str, str] = {
    "persons": N_("persons"),
    "network_members": N_("network members"),
    "mapping_moments": N_("mapping moments"),
    "map_items": N_("map items"),
    "statements": N_("statements"),
    "scale_scores": N_("scale scores"),
    "plan_versions": N_("plan versions"),
    "agreements": N_("agreements"),
    "family_goals": N_("the family's own goals"),
    "zrm_assessments": N_("ZRM assessments"),
    "meeting_items": N_("meeting agenda items"),
    "help_items": N_("help deployed"),
    "case_closings": N_("closings of the case"),
    "closing_goal_outcomes": N_("goals' outcomes at closing"),
    "client_experiences": N_("the family's experiences"),
    "new_starts": N_("new starts"),
    "export_selections": N_("remembered PDF selections"),
    "journal_entries": N_("journal entries (working notes included)"),
    "journal_links": N_("what journal entries are about"),
    "meldcode_records": N_("meldcode records"),
    "meldcode_steps": N_("meldcode steps"),
    "meldcode_signals": N_("meldcode signals"),
    "meldcode_answers": N_("answers to the afwegingskader"),
    "kindchecks": N_("kindchecks"),
    "veilig_thuis_contacts": N_("contacts with Veilig Thuis"),
    "verwijsindex_signals": N_("verwijsindex signals"),
    "verwijsindex_matches": N_("verwijsindex matches"),
    "statement_children": N_("children a statement is about"),
    "plan_approvals": N_("plan reviews (submissions and decisions)"),
    "plan_approval_comments": N_("reviewers' comments on a plan"),
    "goal_judgements": N_("judgements of goals"),
    "network_meetings": N_("network meetings"),
    "network_meeting_attendees": N_("who attended a network meeting"),
    "three_houses": N_("Three Houses talks with a child"),
    "child_stories": N_("Words & Pictures stories for a child"),
    "child_story_pages": N_("pages of those stories"),
    "child_voice_pictures": N_("children's drawings and story pictures"),
}


def summary(done: Destroyed) -> list[tuple[str, int]]:
    """(what, how many) of a destruction, in the user's words, for the CLI and the dialog."""
    lines = [
        (_(label), done.removed[part])
        for part, label in PART_LABELS.items()
        if done.removed.get(part)
    ]
    known = {"households", *PART_LABELS}
    other = sum(n for part, n in done.removed.items() if part not in known)
    if other:
        lines.append((_("other rows of the case"), other))
    lines.append((_("history (audit) rows"), done.audit_rows))
    lines.append((_("access log rows stripped to who, when and what"), done.access_rows))
    return lines


# ---- the tombstones ----------------------------------------------------------------------------


def _tombstone(row: DestroyedCase) -> Tombstone:
    return Tombstone(
        row.case_number,
        row.opened_on,
        row.closed_on,
        row.destroyed_at,
        row.legal_ground,
        row.reason,
        row.destroyed_by,
    )


def tombstones(uow: UnitOfWork) -> list[Tombstone]:
    """Every destroyed case, the most recent first."""
    with uow:
        rows = uow.session.scalars(
            select(DestroyedCase).order_by(DestroyedCase.destroyed_at.desc(), DestroyedCase.id)
        ).all()
        return [_tombstone(r) for r in rows]
