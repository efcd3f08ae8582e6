"""One rule for the organisation's numeric settings (the dossier's and the plan review's):
how a stored value is read back within its range, and how a new value is checked.

Each setting is an `OrgSetting`: its key in `org_settings`, its label, the least and most value
allowed, and whether it is a switch (on/off, stored as "1"/"0") rather than a number.
"""

from __future__ import annotations

from typing import NamedTuple

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.i18n import _
from jeugdtool.store import org_settings


class RangedSetting(NamedTuple):
    """One setting: its key in org_settings, its label (English, marked for translation; the
    `label` property translates it), the least and most value allowed, and whether it is a
    switch (on/off, stored as "1"/"0") rather than a number."""

    key: str
    label_source: str
    least: int
    most: int
    switch: bool = False

    @property
    def label(self) -> str:
        return _(self.label_source)


def clamp_setting(setting: RangedSetting, raw: str) -> int:
    """A stored value within the setting's range; a broken row reads as the default."""
    try:
        value = int(raw)
    except ValueError:
        value = int(org_settings.DEFAULTS[setting.key])
    return min(max(value, setting.least), setting.most)


def check_setting_value(setting: RangedSetting, value: int | bool) -> int:
    """`value` as stored for `setting` (a switch: 0 or 1), or InvalidInput (field: the key)
    naming the range."""
    key = setting.key
    if setting.switch:
        if not isinstance(value, (bool, int)) or value not in (0, 1):
            raise InvalidInput(
                Problem(key, _("{setting}: choose on or off.").format(setting=setting.label))
            )
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        message = _("{setting}: type a whole number from {least} to {most}.")
        raise InvalidInput(
            Problem(
                key, message.format(setting=setting.label, least=setting.least, most=setting.most)
            )
        )
    if not setting.least <= value <= setting.most:
        message = _("{setting}: choose a number from {least} to {most} ({given} was given).")
        raise InvalidInput(
            Problem(
                key,
                message.format(
                    setting=setting.label, least=setting.least, most=setting.most, given=value
                ),
            )
        )
    return value
