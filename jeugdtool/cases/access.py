"""Access to cases: logging each access, emergency access (break-the-glass), and reading the log.

Every opening of a case in the window, case-file export, PDF (with "for whom"), presentation in
a meeting, import and break-the-glass writes a row to the access log (store/access_log.py).
`record` is called *before* the access happens: when the row cannot be written, the action
stops with the error. A database that may only be read (opened read-only on purpose) cannot
keep a log; reading it is allowed, and the log file says the access went unrecorded.

In team mode the database decides what a person sees (store/team_sql.py): a case outside
their access simply is not there for them. `no_access` is the message for that moment.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy import text

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import BreakGlass
from jeugdtool.cases.models import Household
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.errors import NotFound
from jeugdtool.errors import ReadOnlyStorage
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store import access_log
from jeugdtool.store import org_settings
from jeugdtool.store.access import FileWords
from jeugdtool.store.access import write_failure
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.access_log import AccessLogEntry
from jeugdtool.store.uow import UnitOfWork

log = logging.getLogger(__name__)

#: The fewest characters a break-the-glass reason may have (the rule of every kept reason).
MIN_REASON_LENGTH = v.MIN_REASON_LENGTH


class NoAccess(JeugdtoolError):
    """The case exists perhaps, but not for this person: they are not in its case team."""


def no_access(case_number: str | None = None) -> NoAccess:
    """A case this person may not open: in team mode it is simply not there for them, so the
    message cannot tell "no such case" from "not yours" (and must not)."""
    if case_number:
        return NoAccess(
            _(
                "There is no case with number {number} that you may open. If it exists, you "
                "are not in its case team: ask its case manager or your team leader for "
                "access, or use emergency access (break-the-glass) with a reason if you must "
                "act now."
            ).format(number=case_number.strip())
        )
    return NoAccess(
        _(
            "You have no access to this case: you are not in its case team. Ask its case "
            "manager or your team leader for access, or use emergency access (break-the-glass) "
            "with a reason if you must act now."
        )
    )


def check_reason(reason: str) -> str:
    """The reason for emergency access, or InvalidInput: it must say why, in a sentence."""
    return v.reason(
        reason,
        _(
            "Say why you need this case now, in at least {n} characters (for example: "
            "'Melding politie, casemanager afwezig'). The reason is logged and read by "
            "the privacy officer and the team leader."
        ),
    )


def record(
    uow: UnitOfWork,
    action: AccessAction,
    case_id: int | None,
    *,
    detail: str = "",
    reason: str = "",
) -> None:
    """Log one access, in its own transaction, before the access happens. One statement: the
    row takes the case number from the case as it inserts (on a team database the server's
    trigger stamps it again), not a read of its own first — a round trip fewer per open."""
    try:
        with uow:
            number = (
                select(Household.case_number).where(Household.id == case_id).scalar_subquery()
                if case_id is not None
                else None
            )
            access_log.log(
                uow, action, case_id=case_id, case_number=number, detail=detail, reason=reason
            )
            uow.commit()
    except ReadOnlyStorage:
        if not uow.database.read_only:
            raise
        log.warning("access not logged (%s): the database may only be read", action.value)


def break_glass(uow: UnitOfWork, case_number: str, reason: str) -> int:
    """Emergency access to a case outside one's case team (team mode): granted by the database
    for the organisation's hours, with the reason, and logged. Returns the case's id."""
    why = check_reason(reason)
    number = (case_number or "").strip()
    with uow:
        found = uow.session.execute(
            text("SELECT jt_break_glass(:number, :why)"), {"number": number, "why": why}
        ).scalar()
        if found is None:
            raise NotFound(
                _("There is no case with the number {number}.").format(number=number or "-")
            )
        uow.commit()
        return int(found)


def emergency_hours(uow: UnitOfWork) -> int:
    """How long emergency access lasts: the organisation's setting (the database function
    `jt_break_glass` reads the same row)."""
    with uow:
        return org_settings.break_glass_hours(uow.session)


#: The longest emergency access an organisation may set: a week. Longer access is a place in
#: the case team, which the case manager or the team leader gives.
MAX_EMERGENCY_HOURS = 168


def set_emergency_hours(uow: UnitOfWork, hours: int) -> int:
    """Set how long emergency access lasts (an administrator's organisation setting)."""
    if not 1 <= hours <= MAX_EMERGENCY_HOURS:
        raise InvalidInput.at(
            "hours",
            _(
                "Emergency access lasts from 1 to {most} hours ({given} was given). Longer "
                "access is a place in the case team."
            ).format(most=MAX_EMERGENCY_HOURS, given=hours),
        )
    with uow:
        org_settings.write(uow.session, org_settings.BREAK_GLASS_HOURS, str(hours))
        uow.commit()
    return hours


@dataclass(frozen=True)
class Grant:
    """Emergency access someone was given."""

    case_id: int
    person_id: int
    granted_at: dt.datetime
    expires_at: dt.datetime
    reason: str


def emergency_grants(uow: UnitOfWork, *, since: dt.datetime | None = None) -> list[Grant]:
    """Break-the-glass grants the reader may see (their own; all for the privacy officer; their
    teams' for a team leader), newest first."""
    with uow:
        stmt = select(BreakGlass).order_by(BreakGlass.granted_at.desc())
        if since is not None:
            stmt = stmt.where(BreakGlass.granted_at >= since)
        return [
            Grant(g.household_id, g.person_id, g.granted_at, g.expires_at, g.reason)
            for g in uow.session.scalars(stmt)
        ]


# ---------------------------------------------------------------- reading the log


@dataclass(frozen=True)
class AccessLogFilter:
    case_number: str | None = None
    login: str | None = None
    person_id: int | None = None
    action: AccessAction | None = None
    #: From the start of this day (UTC) to the end of `until`.
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class AccessRow:
    id: int
    at: dt.datetime
    who: str
    login: str | None
    case_number: str | None
    action: AccessAction
    detail: str
    reason: str

    @property
    def action_label(self) -> str:
        return self.action.label


def entries(
    uow: UnitOfWork, where: AccessLogFilter = AccessLogFilter(), limit: int | None = None
) -> list[AccessRow]:
    """The rows of the access log the reader may see, newest first."""
    t = AccessLogEntry
    stmt = select(t).order_by(t.at.desc(), t.id.desc())
    if where.case_number:
        stmt = stmt.where(t.case_number == where.case_number.strip())
    if where.login:
        stmt = stmt.where(t.login == where.login.strip())
    if where.person_id is not None:
        stmt = stmt.where(t.person_id == where.person_id)
    if where.action is not None:
        stmt = stmt.where(t.action == where.action.value)
    if where.since is not None:
        stmt = stmt.where(t.at >= _start_of(where.since))
    if where.until is not None:
        stmt = stmt.where(t.at < _start_of(where.until + dt.timedelta(days=1)))
    if limit is not None:
        stmt = stmt.limit(limit)
    with uow:
        return [_row(r) for r in uow.session.scalars(stmt)]


def case_entries(uow: UnitOfWork, case_id: int) -> list[AccessRow]:
    """Every look at one case, newest first: what an access request shows the family (AVG
    art. 15). On a team database each login reads only its own rows of the table, so these
    come from the server function `jt_case_access_log`, which gives the whole log of a case to
    whoever may work on it (store/team_sql.py); on a file, from the table."""
    t = AccessLogEntry
    if uow.database.location.path is None:
        stmt = select(t).from_statement(
            text("SELECT * FROM jt_case_access_log(:case)").bindparams(case=case_id)
        )
    else:
        stmt = select(t).where(t.case_id == case_id).order_by(t.at.desc(), t.id.desc())
    with uow:
        return [_row(r) for r in uow.session.scalars(stmt)]


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _row(r: AccessLogEntry) -> AccessRow:
    try:
        action = AccessAction(r.action)
    except ValueError:  # written by a newer jeugdtool: shown as it is
        action = AccessAction.OPEN
    return AccessRow(r.id, r.at, r.who, r.login, r.case_number, action, r.detail, r.reason)


#: The columns of an export, in order.
COLUMNS = ("at", "who", "login", "case_number", "action", "detail", "reason")


def to_csv(rows: Iterable[AccessRow]) -> str:
    """The rows as CSV (UTF-8, comma-separated, a header line; times in UTC, ISO 8601)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        values = _plain(row)
        writer.writerow([values[c] for c in COLUMNS])
    return out.getvalue()


class AccessLogExportError(JeugdtoolError):
    """An export of the access log could not be written."""


#: How an export of the access log that cannot be written is named in the message.
EXPORT_WORDS = FileWords(
    disk_full=N_(
        "The export {path} could not be written: the disk is full. Make room or choose "
        "another place. Nothing was written."
    ),
    is_folder=N_("{path} is a folder. Choose a file name for the export."),
    failed=N_("The export {path} could not be written ({reason}). Nothing was written."),
)


def export_error(path: Path, exc: OSError) -> AccessLogExportError:
    """Why an export of the access log could not be written, in the user's words (for
    export.files.write_atomically, from the window and the command line alike)."""
    return AccessLogExportError(write_failure(path, exc, EXPORT_WORDS))


def to_json(rows: Iterable[AccessRow]) -> str:
    return json.dumps([_plain(r) for r in rows], ensure_ascii=False, indent=2) + "\n"


def _plain(row: AccessRow) -> dict[str, str | None]:
    data = asdict(row)
    data.pop("id")
    data["at"] = row.at.isoformat()
    data["action"] = row.action.value
    return data
