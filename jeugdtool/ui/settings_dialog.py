"""Settings: the language (after a restart), who is signed in on this database, whether the
ZRM is filled in for young people too, whether new databases are encrypted, and the
organisation's auto-lock period, dossier settings (journal, meldcode, verwijsindex) and plan
review (toetsing) settings."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool import settings as settings_file
from jeugdtool.cases import consultants
from jeugdtool.cases import org_policy
from jeugdtool.cases import validation
from jeugdtool.cases.dto import ConsultantDTO
from jeugdtool.dossier import policy as dossier_policy
from jeugdtool.dossier.policy import DOSSIER_SETTINGS
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import JeugdtoolError
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store import org_settings as org_keys
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.context import AppContext
from jeugdtool.ui.first_run import UserPicker
from jeugdtool.ui.first_run import sign_in
from jeugdtool.ui.plan.approval_settings import PlanReviewSettings
from jeugdtool.ui.widgets import error_label
from jeugdtool.ui.widgets import ok_cancel
from jeugdtool.ui.widgets import show_error

#: Language names are shown in their own language, so anyone can find theirs.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


#: What screens hear when a setting that changes what they show was changed (no case data).
SETTINGS_CHANGED = ChangeSet(entities=frozenset({"settings"}))


def apply_settings(
    ctx: AppContext,
    language: str,
    user: ConsultantDTO,
    zrm_for_youth: bool | None = None,
    encrypt_new: bool | None = None,
) -> None:
    """Save the choices; a new user signs in at once, a new language after a restart."""
    youth = ctx.settings.zrm_for_youth if zrm_for_youth is None else zrm_for_youth
    encrypt = ctx.settings.encrypt_new_databases if encrypt_new is None else encrypt_new
    saved = replace(
        settings_file.load(),
        language=language,
        zrm_for_youth=youth,
        encrypt_new_databases=encrypt,
    )
    saved = saved.with_user(ctx.database.location.key, user.id)
    settings_file.save(saved)
    youth_changed = youth != ctx.settings.zrm_for_youth
    ctx.settings = saved
    if youth_changed:  # the ZRM pages show or hide the young people at once
        ctx.signals.emit_changes(SETTINGS_CHANGED)
    if user.id != ctx.user.id:
        # Undoing a colleague's steps under another name would muddle the history.
        ctx.undo_stack.clear()
        ctx.sign_in_as(user)  # the name, the access log's person id, and the status bar


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Settings"))
        self.language_combo = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(ctx.settings.language))
        people = consultants.list_consultants(ctx.uow)
        self.picker = UserPicker(people, ctx.user.id, self)
        self.picker.setEnabled(not ctx.team_mode)  # there, the database login decides who
        #: The phone number families and partners call, printed on the plans of one's cases.
        self._phones = {person.name: person.phone or "" for person in people}
        self.phone_edit = QLineEdit(ctx.user.phone or "", self)
        self.phone_edit.setPlaceholderText(_("e.g. 06-12345678"))
        self.phone_edit.setToolTip(
            _("Families and partners call this number: it is printed on the plans of your cases.")
        )
        if ctx.team_mode:  # a person's details are the administrator's (Administration)
            self.phone_edit.setReadOnly(True)
            self.phone_edit.setToolTip(_("Your administrator sets your phone number."))
        elif ctx.database.read_only:  # nothing is stored in a file opened to read
            self.phone_edit.setReadOnly(True)
        self.picker.currentTextChanged.connect(
            lambda name: self.phone_edit.setText(self._phones.get(name.strip(), ""))
        )
        self.youth_check = QCheckBox(_("Use the ZRM for &young people too"), self)
        self.youth_check.setChecked(ctx.settings.zrm_for_youth)
        self.youth_check.setToolTip(
            _(
                "The self-sufficiency matrix is meant for adults. Switch this on if your "
                "organisation also uses it for the children and young people of a household."
            )
        )
        self.encrypt_check = QCheckBox(_("&Encrypt new databases (advised)"), self)
        self.encrypt_check.setChecked(ctx.settings.encrypt_new_databases)
        self.encrypt_check.setToolTip(
            _(
                "A new database file gets a passphrase. Switch this off only if your "
                "organisation allows unencrypted files (for example on a laptop with full-disk "
                "encryption)."
            )
        )
        self.error = error_label(self)
        note = QLabel(_("A new language takes effect after you restart jeugdtool."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Language:"), self.language_combo)
        form.addRow("", note)
        form.addRow(_("&Signed in as:"), self.picker)
        form.addRow(_("Your &phone number:"), self.phone_edit)
        form.addRow("", self.error)
        form.addRow(_("ZRM:"), self.youth_check)
        form.addRow(_("Encryption:"), self.encrypt_check)
        self.lock_box = auto_lock_box(ctx, self)
        form.addRow(_("Loc&k after:"), self.lock_box)
        self.dossier_boxes = dossier_boxes(ctx, self)
        self.plan_review = PlanReviewSettings(ctx, self)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(dossier_group(self, self.dossier_boxes))
        layout.addWidget(self.plan_review)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)

    def accept(self) -> None:
        language = self.language_combo.currentData()
        name = self.picker.chosen_name()
        try:
            user = self.ctx.user if name == self.ctx.user.name else sign_in(self.ctx.database, name)
        except JeugdtoolError as exc:
            show_error(self.error, [str(exc)])
            self.picker.setFocus()
            return
        try:
            user = self._save_phone(user)
        except JeugdtoolError as exc:
            messages = [p.message for p in exc.problems] if isinstance(exc, InvalidInput) else []
            show_error(self.error, messages or [str(exc)])  # what was typed stays
            self.phone_edit.setFocus()
            return
        problem = save_auto_lock(self.ctx, self.lock_box)
        if problem:
            show_error(self.error, [problem])
            self.lock_box.setFocus()
            return
        problem, box = save_dossier_settings(self.ctx, self.dossier_boxes)
        if problem:
            show_error(self.error, [problem])
            if box is not None:
                box.setFocus()
            return
        problem, field = self.plan_review.save()
        if self.plan_review.changed:  # due dates, re-reviews and the help rule follow
            self.ctx.signals.emit_changes(SETTINGS_CHANGED)
        if problem:
            show_error(self.error, [problem])
            if field is not None:
                field.setFocus()
            return
        encrypt = self.encrypt_check.isChecked()
        if not encrypt and not self._plain_confirmed():
            self.encrypt_check.setChecked(True)
            return
        language_changed = language != self.ctx.settings.language
        apply_settings(self.ctx, language, user, self.youth_check.isChecked(), encrypt)
        if language_changed:
            self.ctx.dialogs.info(_("The new language is used from the next start of jeugdtool."))
        super().accept()

    def _save_phone(self, user: ConsultantDTO) -> ConsultantDTO:
        """`user` with the phone number as typed, saved when it changed (the rule of every
        phone number: cases/validation.py). In team mode the administrator sets it."""
        if self.ctx.team_mode or self.ctx.database.read_only:
            return user
        typed = validation.phone("phone", self.phone_edit.text())
        if typed == user.phone:
            return user
        saved = consultants.update_consultant(
            self.ctx.uow, user.id, {"phone": typed}, expected={"phone": user.phone}
        ).value
        if saved.id == self.ctx.user.id:
            self.ctx.sign_in_as(saved)  # the case pages show the number at once
        return saved

    def _plain_confirmed(self) -> bool:
        """Switching encryption of new databases off is asked once more (it was on)."""
        if not self.ctx.settings.encrypt_new_databases:
            return True
        return self.ctx.dialogs.confirm(
            _(
                "New databases will then be made without encryption: anyone who gets hold of "
                "the computer or the file can read them. Do this only if your organisation "
                "allows it. Make new databases without encryption?"
            ),
            _("Settings"),
        )


def auto_lock_box(ctx: AppContext, parent: QWidget) -> QSpinBox:
    """The organisation's auto-lock period: changed by the consultant of a file, in team mode
    by an administrator or the privacy officer (the others see it)."""
    box = QSpinBox(parent)
    box.setRange(org_policy.MIN_AUTO_LOCK_MINUTES, org_policy.MAX_AUTO_LOCK_MINUTES)
    box.setSuffix(" " + _("minutes without use"))
    try:
        box.setValue(org_policy.auto_lock_minutes(ctx.uow))
        allowed = org_policy.may_set_auto_lock(ctx.staff) and not ctx.read_only
    except JeugdtoolError:  # unreadable now: shown, not offered
        allowed = False
    box.setEnabled(allowed)
    box.setProperty("saved", box.value())
    box.setToolTip(
        _(
            "After this many minutes without use, jeugdtool hides the cases until the "
            "passphrase or your password is typed again. It applies to everyone who works with "
            "this database."
        )
        if allowed
        else _("Set by your administrator or privacy officer for everyone.")
    )
    return box


def save_auto_lock(ctx: AppContext, box: QSpinBox) -> str:
    """Save a changed auto-lock period; the message of what went wrong, or ""."""
    if not box.isEnabled() or box.value() == box.property("saved"):
        return ""
    try:
        org_policy.set_auto_lock_minutes(ctx.uow, box.value(), ctx.staff)
    except JeugdtoolError as exc:
        return str(exc)
    box.setProperty("saved", box.value())
    ctx.signals.emit_changes(SETTINGS_CHANGED)  # the lock takes the new period at once
    return ""


#: Each dossier setting's reader (clamped to its range).
DOSSIER_READERS = {
    org_keys.JOURNAL_EDIT_DAYS: dossier_policy.journal_edit_days,
    org_keys.MELDCODE_STEP_DAYS: dossier_policy.meldcode_step_days,
    org_keys.VERWIJSINDEX_MONTHS: dossier_policy.verwijsindex_months,
}
#: Each dossier setting as the dialog shows it: a short label, and after the number what it
#: counts ("Journal entries can be changed: 7 days after writing"); one line each, so the
#: narrow dialog does not wrap three long sentences. The full wording is the accessible name.
DOSSIER_TEXTS = {
    org_keys.JOURNAL_EDIT_DAYS: (N_("Journal entries can be changed"), N_("days after writing")),
    org_keys.MELDCODE_STEP_DAYS: (N_("Remind of an open meldcode step after"), N_("days")),
    org_keys.VERWIJSINDEX_MONTHS: (
        N_("Verwijsindex signal expires after"),
        N_("months unless extended"),
    ),
}


def dossier_boxes(ctx: AppContext, parent: QWidget) -> dict[str, QSpinBox]:
    """The organisation's dossier settings (dossier/policy.py), one box each: changed by the
    consultant of a file, in team mode by an administrator (the others see them)."""
    try:
        values = {s.key: DOSSIER_READERS[s.key](ctx.uow) for s in DOSSIER_SETTINGS}
        allowed = dossier_policy.may_set_dossier_settings(ctx.staff) and not ctx.read_only
    except JeugdtoolError:  # unreadable now: shown as the defaults, not offered
        values = {s.key: int(org_keys.DEFAULTS[s.key]) for s in DOSSIER_SETTINGS}
        allowed = False
    boxes: dict[str, QSpinBox] = {}
    for setting in DOSSIER_SETTINGS:
        box = QSpinBox(parent)
        box.setRange(setting.least, setting.most)
        box.setSuffix(" " + _(DOSSIER_TEXTS[setting.key][1]))
        box.setValue(values[setting.key])
        box.setProperty("saved", box.value())
        box.setEnabled(allowed)
        box.setAccessibleName(setting.label)
        box.setToolTip(
            _("Applies to everyone who works with this database.")
            if allowed
            else _("Set by your administrator for everyone.")
        )
        boxes[setting.key] = box
    return boxes


def dossier_group(parent: QWidget, boxes: dict[str, QSpinBox]) -> QGroupBox:
    """The dossier settings under one heading, each label naming what its number does."""
    group = QGroupBox(_("Journal, meldcode and verwijsindex (for everyone)"), parent)
    form = QFormLayout(group)
    for setting in DOSSIER_SETTINGS:
        label = QLabel(_(DOSSIER_TEXTS[setting.key][0]) + ":", group)
        label.setToolTip(setting.label)
        label.setBuddy(boxes[setting.key])
        form.addRow(label, boxes[setting.key])
    return group


def save_dossier_settings(
    ctx: AppContext, boxes: dict[str, QSpinBox]
) -> tuple[str, QSpinBox | None]:
    """Save the changed dossier settings; the message of what went wrong and its box, or ""."""
    changed = False
    for key, box in boxes.items():
        if not box.isEnabled() or box.value() == box.property("saved"):
            continue
        try:
            dossier_policy.set_dossier_setting(ctx.uow, key, box.value(), ctx.staff)
        except JeugdtoolError as exc:
            return str(exc), box
        box.setProperty("saved", box.value())
        changed = True
    if changed:  # the journal's editing period, overdue steps and expiry show the new values
        ctx.signals.emit_changes(SETTINGS_CHANGED)
    return "", None
