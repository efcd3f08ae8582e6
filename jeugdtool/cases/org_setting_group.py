"""A group of the organisation's ranged settings (the dossier's, the plan review's) as its
services: read back within range, checked, and changed by an administrator.

Kept in `org_settings` (the same for every colleague of a team database). In team mode only an
administrator changes them (the database's policies on org_settings say the same,
store/team_sql.py); on a database file the consultant does. The rule for one value is
cases/org_setting_rules.py.
"""

from __future__ import annotations

from jeugdtool.cases.org_setting_rules import RangedSetting
from jeugdtool.cases.org_setting_rules import check_setting_value
from jeugdtool.cases.org_setting_rules import clamp_setting
from jeugdtool.cases.staff import StaffMember
from jeugdtool.errors import NoPermission
from jeugdtool.i18n import _
from jeugdtool.store import org_settings
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.uow import UnitOfWork


class SettingGroup:
    """`settings` (a settings dialog's order) under one name: `area` names them in a
    programming error, `refused` (a msgid, marked with N_) tells who may change them."""

    def __init__(self, settings: tuple[RangedSetting, ...], *, area: str, refused: str):
        self.settings = settings
        self._by_key = {setting.key: setting for setting in settings}
        self._area = area
        self._refused = refused

    def _setting(self, key: str) -> RangedSetting:
        setting = self._by_key.get(key)
        if setting is None:
            raise KeyError(f"not a {self._area} setting: {key!r}")  # a programming error
        return setting

    def clamp(self, key: str, raw: str) -> int:
        """A stored value within its setting's range; a broken row reads as the default."""
        return clamp_setting(self._by_key[key], raw)

    def read(self, uow: UnitOfWork, key: str) -> int:
        """Inside an open unit of work: the organisation's value of the setting, clamped (a
        switch: 0 or 1)."""
        return self.clamp(key, org_settings.read(uow.session, key))

    def read_now(self, uow: UnitOfWork, key: str) -> int:
        """`read` in a unit of work of its own."""
        with uow:
            return self.read(uow, key)

    def check(self, key: str, value: int | bool) -> int:
        """`value` as stored for the setting `key` (a switch: 0 or 1), or InvalidInput (field:
        the key) naming the range."""
        return check_setting_value(self._setting(key), value)

    @staticmethod
    def may_set(member: StaffMember) -> bool:
        """The consultant of a database file; in team mode an administrator."""
        return member.has(StaffRole.ADMINISTRATOR)

    def set(self, uow: UnitOfWork, key: str, value: int | bool, member: StaffMember) -> int:
        """Set the setting `key` to `value` (NoPermission unless `may_set`); returns the value
        as stored."""
        if not self.may_set(member):
            raise NoPermission(_(self._refused))
        stored = self.check(key, value)
        with uow:
            org_settings.write(uow.session, key, str(stored))
            uow.commit()
        return stored
