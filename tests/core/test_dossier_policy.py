"""The organisation's dossier settings: defaults, ranges, broken rows, and who may change them."""

from __future__ import annotations

import pytest

from jeugdtool.cases import staff
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.dossier import policy
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import NoPermission
from jeugdtool.i18n import _
from jeugdtool.store import org_settings
from jeugdtool.store.roles import StaffRole
from jeugdtool.store.uow import UnitOfWork

JOURNAL, MELDCODE, VERWIJSINDEX = (
    org_settings.JOURNAL_EDIT_DAYS,
    org_settings.MELDCODE_STEP_DAYS,
    org_settings.VERWIJSINDEX_MONTHS,
)


def _single() -> staff.StaffMember:
    return staff.single_user(ConsultantDTO(1, "A. de Boer", None, True, 1))


def _member(*roles: StaffRole) -> staff.StaffMember:
    return staff.StaffMember(
        id=1, name="X", login="x", email=None, active=True, roles=frozenset(roles), teams=()
    )


def _store(uow: UnitOfWork, key: str, raw: str) -> None:
    with uow:
        org_settings.write(uow.session, key, raw)
        uow.commit()


def test_the_defaults_are_a_week_two_weeks_and_two_years(uow: UnitOfWork) -> None:
    assert policy.journal_edit_days(uow) == 7
    assert policy.meldcode_step_days(uow) == 14
    assert policy.verwijsindex_months(uow) == 24


def test_the_settings_are_listed_with_label_and_range() -> None:
    keys = [s.key for s in policy.DOSSIER_SETTINGS]
    assert keys == [JOURNAL, MELDCODE, VERWIJSINDEX]
    for setting in policy.DOSSIER_SETTINGS:
        key, label_source, least, most, switch = setting
        assert setting.label == _(label_source) and label_source and not switch
        assert least <= int(org_settings.DEFAULTS[key]) <= most


def test_the_consultant_of_a_file_sets_each_and_it_is_kept(uow: UnitOfWork) -> None:
    assert policy.may_set_dossier_settings(_single())
    assert policy.set_dossier_setting(uow, JOURNAL, 0, _single()) == 0
    assert policy.set_dossier_setting(uow, MELDCODE, 30, _single()) == 30
    assert policy.set_dossier_setting(uow, VERWIJSINDEX, 12, _single()) == 12
    assert policy.journal_edit_days(uow) == 0
    assert policy.meldcode_step_days(uow) == 30
    assert policy.verwijsindex_months(uow) == 12


@pytest.mark.parametrize(
    ("key", "value"), [(JOURNAL, -1), (JOURNAL, 91), (MELDCODE, 0), (VERWIJSINDEX, 61)]
)
def test_out_of_range_is_refused_naming_the_range(uow: UnitOfWork, key: str, value: int) -> None:
    setting = next(s for s in policy.DOSSIER_SETTINGS if s.key == key)
    with pytest.raises(InvalidInput) as caught:
        policy.set_dossier_setting(uow, key, value, _single())
    (message,) = caught.value.for_field(key)
    assert str(setting.least) in message and str(setting.most) in message
    assert str(value) in message and setting.label in message
    with uow:
        assert policy.read_setting(uow, key) == int(org_settings.DEFAULTS[key])  # unchanged


def test_a_value_that_is_no_whole_number_is_refused(uow: UnitOfWork) -> None:
    for value in ("7", 7.5, True):
        with pytest.raises(InvalidInput):
            policy.set_dossier_setting(uow, JOURNAL, value, _single())  # type: ignore[arg-type]
    assert policy.journal_edit_days(uow) == 7


@pytest.mark.parametrize(
    ("key", "stored", "read"),
    [
        (JOURNAL, "abc", 7),
        (JOURNAL, "-4", 0),
        (JOURNAL, "400", 90),
        (MELDCODE, "0", 1),
        (MELDCODE, "", 14),
        (VERWIJSINDEX, "999", 60),
        (VERWIJSINDEX, "6", 6),
    ],
)
def test_a_broken_stored_value_reads_within_the_range(
    uow: UnitOfWork, key: str, stored: str, read: int
) -> None:
    _store(uow, key, stored)
    with uow:
        assert policy.read_setting(uow, key) == read


def test_in_team_mode_only_an_administrator_may_change_them(uow: UnitOfWork) -> None:
    assert policy.may_set_dossier_settings(_member(StaffRole.ADMINISTRATOR))
    for role in (StaffRole.CONSULTANT, StaffRole.TEAM_LEADER, StaffRole.PRIVACY_OFFICER):
        assert not policy.may_set_dossier_settings(_member(role))
    with pytest.raises(NoPermission) as caught:
        policy.set_dossier_setting(uow, JOURNAL, 14, _member(StaffRole.TEAM_LEADER))
    assert str(caught.value) == _(
        "Only an administrator changes the organisation's settings for the journal, "
        "the meldcode and the verwijsindex. Ask your administrator."
    )
    assert policy.journal_edit_days(uow) == 7


def test_an_unknown_key_is_a_programming_error(uow: UnitOfWork) -> None:
    with pytest.raises(KeyError):
        policy.set_dossier_setting(uow, org_settings.AUTO_LOCK_MINUTES, 5, _single())
