"""The settings dialog's dossier settings: how long a journal entry stays editable, when an open
meldcode step is overdue and when a verwijsindex signal expires — set for everyone, by the
consultant of a file or a team database's administrator, and only seen by the others."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QLabel

from jeugdtool.cases.staff import StaffMember
from jeugdtool.dossier import policy
from jeugdtool.errors import ConnectionLost
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import org_settings
from jeugdtool.store.roles import StaffRole

from jeugdtool.ui.settings_dialog import DOSSIER_TEXTS
from jeugdtool.ui.settings_dialog import SettingsDialog

KEYS = (
    org_settings.JOURNAL_EDIT_DAYS,
    org_settings.MELDCODE_STEP_DAYS,
    org_settings.VERWIJSINDEX_MONTHS,
)


def _member(*roles: StaffRole) -> StaffMember:
    return StaffMember(1, "Anna", "anna", None, True, frozenset(roles), ())


@pytest.fixture
def dialog(ctx, qtbot) -> SettingsDialog:
    shown = SettingsDialog(ctx)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_dialog_shows_the_organisations_values_with_their_meaning(dialog):
    boxes = dialog.dossier_boxes
    assert list(boxes) == list(KEYS)
    assert [boxes[key].value() for key in KEYS] == [7, 14, 24]
    assert all(box.isEnabled() for box in boxes.values())  # the consultant of a file
    for setting in policy.DOSSIER_SETTINGS:
        box = boxes[setting.key]
        assert (box.minimum(), box.maximum()) == (setting.least, setting.most)
        labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is box]
        short, unit = DOSSIER_TEXTS[setting.key]
        assert [label.text() for label in labels] == [_(short) + ":"]
        assert box.suffix() == " " + _(unit)  # what the number counts, on one line
        assert box.accessibleName() == setting.label  # the full wording, for a screen reader


def test_ok_saves_the_changed_settings_for_everyone(dialog, ctx, qtbot):
    changes = []
    ctx.signals.changed.connect(changes.append)
    dialog.dossier_boxes[org_settings.JOURNAL_EDIT_DAYS].setValue(3)
    dialog.dossier_boxes[org_settings.VERWIJSINDEX_MONTHS].setValue(36)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert policy.journal_edit_days(ctx.uow) == 3
    assert policy.meldcode_step_days(ctx.uow) == 14  # untouched
    assert policy.verwijsindex_months(ctx.uow) == 36
    assert any("settings" in change.entities for change in changes)  # screens show it at once


def test_the_boxes_refuse_values_outside_the_rules_range(dialog):
    box = dialog.dossier_boxes[org_settings.MELDCODE_STEP_DAYS]
    box.setValue(0)
    assert box.value() == 1  # the least a step may take before it shows as overdue
    box.setValue(500)
    assert box.value() == 90


def test_in_team_mode_a_consultant_sees_the_settings_but_cannot_change_them(ctx, qtbot):
    ctx.staff = _member(StaffRole.CONSULTANT)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    boxes = dialog.dossier_boxes
    assert [boxes[key].value() for key in KEYS] == [7, 14, 24]
    assert not any(box.isEnabled() for box in boxes.values())
    assert boxes[org_settings.JOURNAL_EDIT_DAYS].toolTip() == _(
        "Set by your administrator for everyone."
    )


def test_in_team_mode_an_administrator_changes_them(ctx, qtbot):
    ctx.staff = _member(StaffRole.ADMINISTRATOR)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.dossier_boxes[org_settings.MELDCODE_STEP_DAYS].setValue(10)
    dialog.accept()
    assert policy.meldcode_step_days(ctx.uow) == 10


def test_a_failed_save_keeps_the_dialog_open_with_the_message(dialog, ctx, monkeypatch):
    def lost(*_args, **_kwargs):
        raise ConnectionLost(_("The connection to the database was lost."))

    monkeypatch.setattr(policy, "set_dossier_setting", lost)
    box = dialog.dossier_boxes[org_settings.JOURNAL_EDIT_DAYS]
    box.setValue(2)
    dialog.accept()
    assert dialog.isVisible()  # not accepted: the value stays to try again
    assert dialog.error.text() == _("The connection to the database was lost.")
    assert box.value() == 2
    assert policy.journal_edit_days(ctx.uow) == 7


def test_a_shorter_meldcode_term_marks_the_case_in_the_list_at_once(ctx, uow, case, qtbot):
    import datetime as dt

    from jeugdtool.dossier import meldcode

    from jeugdtool.ui.case_list import CaseListPage

    meldcode.start_record(uow, case.id, on=dt.date.today() - dt.timedelta(days=10))
    page = CaseListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.wait(500)  # the markers load after the list is painted
    assert page.model.alert(case.id) is None  # 10 days: within the 14 days' term
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.dossier_boxes[org_settings.MELDCODE_STEP_DAYS].setValue(7)
    dialog.accept()
    said = ngettext(
        "Meldcode step {step} open for {n} day", "Meldcode step {step} open for {n} days", 10
    ).format(step=1, n=10)
    qtbot.waitUntil(lambda: page.model.alert(case.id) == said)
