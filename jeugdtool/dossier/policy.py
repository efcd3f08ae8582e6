"""The organisation's three dossier settings: how long a journal entry stays editable, when an
open meldcode step is overdue, and when a verwijsindex signal expires.

Kept in `org_settings` (the same for every colleague of a team database). In team mode only an
administrator changes them (the database's policies on org_settings say the same,
store/team_sql.py); on a database file the consultant does (cases/org_policy.py's rule).
"""

from __future__ import annotations

from jeugdtool.cases.org_setting_group import SettingGroup
from jeugdtool.cases.org_setting_rules import RangedSetting
from jeugdtool.cases.staff import StaffMember
from jeugdtool.i18n import N_
from jeugdtool.store import org_settings
from jeugdtool.store.uow import UnitOfWork

#: A setting of this module (the shared rule: cases/org_setting_rules.py).
DossierSetting = RangedSetting


#: The settings in the order a settings dialog shows them. The ranges keep each one meaningful:
#: 0 days still lets a typo be fixed on the day itself; a meldcode step may take a quarter at
#: most before it shows as overdue; a verwijsindex signal lasts at most five years.
DOSSIER_SETTINGS: tuple[DossierSetting, ...] = (
    DossierSetting(
        org_settings.JOURNAL_EDIT_DAYS,
        N_("Days a journal entry can still be changed after it was written"),
        0,
        90,
    ),
    DossierSetting(
        org_settings.MELDCODE_STEP_DAYS,
        N_("Days before an open meldcode step shows as overdue"),
        1,
        90,
    ),
    DossierSetting(
        org_settings.VERWIJSINDEX_MONTHS,
        N_("Months before a verwijsindex signal expires unless extended"),
        1,
        60,
    ),
)

_GROUP = SettingGroup(
    DOSSIER_SETTINGS,
    area="dossier",
    refused=N_(
        "Only an administrator changes the organisation's settings for the journal, "
        "the meldcode and the verwijsindex. Ask your administrator."
    ),
)

#: Inside an open unit of work: the organisation's value of a dossier setting, clamped.
read_setting = _GROUP.read
#: The consultant of a database file; in team mode an administrator.
may_set_dossier_settings = _GROUP.may_set


def journal_edit_days(uow: UnitOfWork) -> int:
    """For how many days after the day it was written a journal entry can be changed."""
    return _GROUP.read_now(uow, org_settings.JOURNAL_EDIT_DAYS)


def meldcode_step_days(uow: UnitOfWork) -> int:
    """After how many days an open meldcode step shows as overdue."""
    return _GROUP.read_now(uow, org_settings.MELDCODE_STEP_DAYS)


def verwijsindex_months(uow: UnitOfWork) -> int:
    """After how many months a verwijsindex signal expires unless extended."""
    return _GROUP.read_now(uow, org_settings.VERWIJSINDEX_MONTHS)


def set_dossier_setting(uow: UnitOfWork, key: str, value: int, member: StaffMember) -> int:
    """Set one of the organisation's dossier settings (`DOSSIER_SETTINGS`); returns the value."""
    return _GROUP.set(uow, key, value, member)
