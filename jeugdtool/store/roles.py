"""The roles a person can hold in a team database (a person may hold several).

Kept in the store because the database's own access rules (store/team_sql.py) name them.
"""

from __future__ import annotations

import enum

from jeugdtool.i18n import N_, _


class StaffRole(enum.StrEnum):
    CONSULTANT = "consultant"
    REVIEWER = "reviewer"
    TEAM_LEADER = "team_leader"
    PRIVACY_OFFICER = "privacy_officer"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_LABELS = {
    StaffRole.CONSULTANT: N_("Consultant"),
    StaffRole.REVIEWER: N_("Reviewer (werkbegeleider / gedragsdeskundige)"),
    StaffRole.TEAM_LEADER: N_("Team leader"),
    StaffRole.PRIVACY_OFFICER: N_("Privacy officer"),
    StaffRole.ADMINISTRATOR: N_("Administrator"),
}

#: Roles that read every case of their own teams.
OVERSEEING = frozenset({StaffRole.REVIEWER, StaffRole.TEAM_LEADER})
