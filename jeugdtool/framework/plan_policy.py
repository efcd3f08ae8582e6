"""The organisation's three settings for a plan's review (toetsing): within how many working
days a submitted plan is reviewed, after how many months an approved plan is reviewed again,
and whether help can be added only to a case with an approved plan.

Kept in `org_settings` (the same for every colleague of a team database). In team mode only an
administrator changes them (the database's policies on org_settings say the same,
store/team_sql.py); on a database file the consultant does.
"""

from __future__ import annotations

from jeugdtool.cases.org_setting_group import SettingGroup
from jeugdtool.cases.org_setting_rules import RangedSetting
from jeugdtool.cases.staff import StaffMember
from jeugdtool.i18n import N_
from jeugdtool.store import org_settings
from jeugdtool.store.uow import UnitOfWork

#: A setting of this module (the shared rule: cases/org_setting_rules.py).
PlanSetting = RangedSetting


#: The settings in the order a settings dialog shows them.
PLAN_SETTINGS: tuple[PlanSetting, ...] = (
    PlanSetting(
        org_settings.PLAN_REVIEW_DAYS,
        N_("Working days within which a submitted plan is reviewed"),
        1,
        30,
    ),
    PlanSetting(
        org_settings.PLAN_REREVIEW_MONTHS,
        N_("Months after which an approved plan is reviewed again"),
        1,
        24,
    ),
    PlanSetting(
        org_settings.HELP_NEEDS_APPROVED_PLAN,
        N_("Help can be added only when the case's plan is approved"),
        0,
        1,
        switch=True,
    ),
)

_GROUP = SettingGroup(
    PLAN_SETTINGS,
    area="plan",
    refused=N_(
        "Only an administrator changes the organisation's settings for reviewing "
        "plans. Ask your administrator."
    ),
)

#: Inside an open unit of work: the organisation's value of a plan setting, clamped (a
#: switch: 0 or 1).
read_setting = _GROUP.read
#: The consultant of a database file; in team mode an administrator.
may_set_plan_settings = _GROUP.may_set


def review_days(uow: UnitOfWork) -> int:
    """Within how many working days a submitted plan is to be reviewed."""
    return _GROUP.read_now(uow, org_settings.PLAN_REVIEW_DAYS)


def rereview_months(uow: UnitOfWork) -> int:
    """After how many months an approved plan is to be reviewed again."""
    return _GROUP.read_now(uow, org_settings.PLAN_REREVIEW_MONTHS)


def help_needs_approved_plan(uow: UnitOfWork) -> bool:
    """Whether help can be added only to a case whose plan is approved."""
    return bool(_GROUP.read_now(uow, org_settings.HELP_NEEDS_APPROVED_PLAN))


def set_plan_setting(uow: UnitOfWork, key: str, value: int | bool, member: StaffMember) -> None:
    """Set one of the organisation's plan review settings (`PLAN_SETTINGS`)."""
    _GROUP.set(uow, key, value, member)
