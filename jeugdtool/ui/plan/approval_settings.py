"""The settings dialog's section on plan review (toetsing): within how many working days a
submitted plan is reviewed, after how many months an approved plan is reviewed again, and
whether help can be added only when the plan is approved. The organisation's settings
(framework/plan_policy.py): changed by the consultant of a file, in team mode by an
administrator (the others see them)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import JeugdtoolError
from jeugdtool.framework import plan_policy
from jeugdtool.framework.plan_policy import PLAN_SETTINGS
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store import org_settings as org_keys

from jeugdtool.ui.context import AppContext

#: Each number setting as the dialog shows it: a short label, and after the number what it
#: counts; the full wording (PLAN_SETTINGS) is the accessible name. The switch has one text.
PLAN_TEXTS = {
    org_keys.PLAN_REVIEW_DAYS: (N_("A submitted plan is reviewed within"), N_("working days")),
    org_keys.PLAN_REREVIEW_MONTHS: (
        N_("An approved plan is reviewed again after"),
        N_("months"),
    ),
    org_keys.HELP_NEEDS_APPROVED_PLAN: (
        N_("&Help only with an approved plan"),
        N_("Help can be added to a case only when its safety plan is approved"),
    ),
}

Field = QSpinBox | QCheckBox

#: Each plan setting's reader (clamped to its range).
PLAN_READERS = {
    org_keys.PLAN_REVIEW_DAYS: plan_policy.review_days,
    org_keys.PLAN_REREVIEW_MONTHS: plan_policy.rereview_months,
    org_keys.HELP_NEEDS_APPROVED_PLAN: plan_policy.help_needs_approved_plan,
}


class PlanReviewSettings(QGroupBox):
    """One box per setting; `save()` writes the changed ones."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(_("Plan review (for everyone)"), parent)
        self.ctx = ctx
        try:
            values = {s.key: int(PLAN_READERS[s.key](ctx.uow)) for s in PLAN_SETTINGS}
            allowed = plan_policy.may_set_plan_settings(ctx.staff) and not ctx.read_only
        except JeugdtoolError:  # unreadable now: shown as the defaults, not offered
            values = {s.key: int(org_keys.DEFAULTS[s.key]) for s in PLAN_SETTINGS}
            allowed = False
        tip = (
            _("Applies to everyone who works with this database.")
            if allowed
            else _("Set by your administrator for everyone.")
        )
        self.fields: dict[str, Field] = {}
        self.changed = False
        form = QFormLayout(self)
        for setting in PLAN_SETTINGS:
            first, second = PLAN_TEXTS[setting.key]
            field: Field
            if setting.switch:
                field = QCheckBox(_(first), self)
                field.setChecked(bool(values[setting.key]))
                field.setToolTip(_(second) + ". " + tip)
                form.addRow(field)  # the whole width: under the long labels it was cut off
            else:
                field = QSpinBox(self)
                field.setRange(setting.least, setting.most)
                field.setSuffix(" " + _(second))
                field.setValue(values[setting.key])
                field.setToolTip(tip)
                label = QLabel(_(first) + ":", self)
                label.setToolTip(setting.label)
                label.setBuddy(field)
                form.addRow(label, field)
            field.setAccessibleName(setting.label)
            field.setEnabled(allowed)
            field.setProperty("saved", self._value(field))
            self.fields[setting.key] = field

    @staticmethod
    def _value(field: Field) -> int:
        return int(field.isChecked()) if isinstance(field, QCheckBox) else field.value()

    def save(self) -> tuple[str, Field | None]:
        """Save the changed settings; the message of what went wrong and its box, or "".
        `changed` says whether any was saved (screens are told by the dialog)."""
        self.changed = False
        for key, field in self.fields.items():
            value = self._value(field)
            if not field.isEnabled() or value == field.property("saved"):
                continue
            setting_value: int | bool = bool(value) if isinstance(field, QCheckBox) else value
            try:
                plan_policy.set_plan_setting(self.ctx.uow, key, setting_value, self.ctx.staff)
            except JeugdtoolError as exc:
                return str(exc), field
            field.setProperty("saved", value)
            self.changed = True
        return "", None
