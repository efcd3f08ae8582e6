"""Settings of the organisation, kept in its database (the same for every colleague).

Each setting has a default here; a row in `org_settings` overrides it. The database functions of
team mode read the same rows (store/team_sql.py: break-the-glass's duration).
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import select
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import Session
from sqlalchemy.orm import mapped_column

from jeugdtool.store.base import Base

#: How long emergency access (break-the-glass) lasts, in hours.
BREAK_GLASS_HOURS = "break_glass_hours"
#: After how many minutes without input the window locks (cases/org_policy.py).
AUTO_LOCK_MINUTES = "auto_lock_minutes"
#: For how many days after it was recorded a journal entry can be edited (dossier/journal.py).
JOURNAL_EDIT_DAYS = "journal_edit_days"
#: After how many days an open meldcode step shows as overdue (dossier/meldcode.py).
MELDCODE_STEP_DAYS = "meldcode_step_days"
#: After how many months a verwijsindex signal expires unless extended (dossier/verwijsindex.py).
VERWIJSINDEX_MONTHS = "verwijsindex_months"
#: Within how many working days a submitted plan is reviewed (framework/plan_approval.py).
PLAN_REVIEW_DAYS = "plan_review_days"
#: After how many months an approved plan is reviewed again (framework/plan_approval.py).
PLAN_REREVIEW_MONTHS = "plan_rereview_months"
#: "1": help can be added to a case only when its plan is approved (outcomes/help.py).
HELP_NEEDS_APPROVED_PLAN = "help_needs_approved_plan"

DEFAULTS: dict[str, str] = {
    BREAK_GLASS_HOURS: "24",
    AUTO_LOCK_MINUTES: "10",
    JOURNAL_EDIT_DAYS: "7",
    MELDCODE_STEP_DAYS: "14",
    VERWIJSINDEX_MONTHS: "24",
    PLAN_REVIEW_DAYS: "5",
    PLAN_REREVIEW_MONTHS: "3",
    HELP_NEEDS_APPROVED_PLAN: "0",
}


class OrgSetting(Base):
    __tablename__ = "org_settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


def read(session: Session, key: str) -> str:
    """The organisation's value for `key`, else its default.

    Read from the table's columns, not the mapped class: the lock reads its period before the
    case list paints, when no mapper is configured yet (the ORM would configure them all)."""
    table = OrgSetting.__table__.c
    stored = session.scalar(select(table.value).where(table.key == key))
    return stored if stored is not None else DEFAULTS[key]


def write(session: Session, key: str, value: str) -> None:
    """Set the organisation's value for `key` (the caller commits)."""
    assert key in DEFAULTS, key
    row = session.get(OrgSetting, key)
    if row is None:
        session.add(OrgSetting(key=key, value=value))
    else:
        row.value = value


def break_glass_hours(session: Session) -> int:
    try:
        hours = int(read(session, BREAK_GLASS_HOURS))
    except ValueError:
        hours = int(DEFAULTS[BREAK_GLASS_HOURS])
    return max(1, hours)
