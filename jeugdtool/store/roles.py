"""The roles a person can hold in a team database (a person may hold several).

Kept in the store because the database's own access rules (store/team_sql.py) name them.
"""

from __future__ import annotations

from jeugdtool.i18n import N_
from jeugdtool.i18n import LabelledEnum


class StaffRole(LabelledEnum):
    CONSULTANT = "consultant", N_("Consultant")
    REVIEWER = "reviewer", N_("Reviewer (werkbegeleider / gedragsdeskundige)")
    TEAM_LEADER = "team_leader", N_("Team leader")
    PRIVACY_OFFICER = "privacy_officer", N_("Privacy officer")
    ADMINISTRATOR = "administrator", N_("Administrator")


#: Roles that read every case of their own teams.
OVERSEEING = frozenset({StaffRole.REVIEWER, StaffRole.TEAM_LEADER})
