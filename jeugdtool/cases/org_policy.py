"""The organisation's auto-lock period: after how many idle minutes the window hides case content.

Kept in `org_settings` (the same for every colleague of a team database). In team mode only an
administrator or the privacy officer changes it; the database's policies say the same
(store/team_sql.py), this module says it first and in words.
"""

from __future__ import annotations

from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NoPermission
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.store import org_settings
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.uow import UnitOfWork

#: The shortest and the longest idle period. There is no "never": an unlocked window on a
#: laptop shows the most sensitive data a municipality has (a longer meeting is why an hour
#: is allowed; an hour is also what the BIO's "clear screen" practice tolerates at most).
MIN_AUTO_LOCK_MINUTES = 1
MAX_AUTO_LOCK_MINUTES = 60

#: Who may change the period in team mode.
POLICY_ROLES = (StaffRole.ADMINISTRATOR, StaffRole.PRIVACY_OFFICER)


def clamp_minutes(raw: str) -> int:
    """A stored value as minutes; a broken or out-of-range row falls back within the rule (a
    lock that never fires is worse than one that fires early)."""
    try:
        minutes = int(raw)
    except ValueError:
        minutes = int(org_settings.DEFAULTS[org_settings.AUTO_LOCK_MINUTES])
    return min(max(minutes, MIN_AUTO_LOCK_MINUTES), MAX_AUTO_LOCK_MINUTES)


def auto_lock_minutes(uow: UnitOfWork) -> int:
    """After how many minutes without input the window locks: the organisation's setting."""
    with uow:
        return clamp_minutes(org_settings.read(uow.session, org_settings.AUTO_LOCK_MINUTES))


def may_set_auto_lock(member: StaffMember) -> bool:
    """The consultant of a database file; in team mode an administrator or privacy officer."""
    return any(member.has(role) for role in POLICY_ROLES)


def check_minutes(minutes: int) -> int:
    """`minutes`, or InvalidInput naming the allowed range."""
    if not MIN_AUTO_LOCK_MINUTES <= minutes <= MAX_AUTO_LOCK_MINUTES:
        raise InvalidInput(
            Problem(
                "auto_lock_minutes",
                _(
                    "The window locks after {least} to {most} minutes without use ({given} was "
                    "given). Locking cannot be switched off: the window shows sensitive data."
                ).format(least=MIN_AUTO_LOCK_MINUTES, most=MAX_AUTO_LOCK_MINUTES, given=minutes),
            )
        )
    return minutes


def set_auto_lock_minutes(uow: UnitOfWork, minutes: int, member: StaffMember) -> int:
    """Set the organisation's auto-lock period; returns it."""
    if not may_set_auto_lock(member):
        raise NoPermission(
            _(
                "Only an administrator or the privacy officer changes after how many minutes "
                "jeugdtool locks. Ask one of them."
            )
        )
    check_minutes(minutes)
    with uow:
        org_settings.write(uow.session, org_settings.AUTO_LOCK_MINUTES, str(minutes))
        uow.commit()
    return minutes
