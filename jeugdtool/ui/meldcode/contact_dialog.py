"""The dialog to record a consultation of, or a report to, Veilig Thuis.

Signature (ui-meldcode codes against it for step 2's consultation and step 5's report)::

    ContactDialog(parent, dialogs, *, kind, meldcode_record_id=None, contact=None,
                  submit=None, today=None, only_reference=False)
    dialog.contact_fields() -> dict   # kind, contact_on, channel, with_whom, advice,
                                      # reference, meldcode_record_id: add_contact's fields

`kind` is a vocab.VeiligThuisKind value ("consultation" / "report"); `contact` an existing
VeiligThuisContactDTO to change (its kind and record win). With `submit(dialog, fields)` OK saves
through it and a failure keeps the dialog open with all that was typed; without it OK only
checks, and the caller reads `contact_fields()` once the dialog is accepted. `only_reference`:
the contact belongs to a closed meldcode record, and only its reference can still be added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import style_text
from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import date_edit
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_dialogs import MemberDialog

#: Saves the dialog's fields; raises InvalidInput / JeugdtoolError to keep it open.
ContactSubmit = Callable[["ContactDialog", dict[str, Any]], None]


class ContactDialog(MemberDialog):
    """Kind, date, channel, the Veilig Thuis worker, the advice (or what was reported) and
    Veilig Thuis's reference; a report's reference may follow later."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        *,
        kind: str,
        meldcode_record_id: int | None = None,
        contact: VeiligThuisContactDTO | None = None,
        submit: ContactSubmit | None = None,
        today: dt.date | None = None,
        only_reference: bool = False,
    ):
        self._today = today or dt.date.today()
        self._kind = contact.kind if contact else VeiligThuisKind(kind).value
        self._record_id = contact.meldcode_record_id if contact else meldcode_record_id
        self._clean: dict[str, Any] | None = None
        super().__init__(
            parent,
            self._title(contact is not None),
            dialogs,
            self._saved if submit is None else submit,
            self._check,
            baseline=contact,
        )
        self.setObjectName("ContactDialog")
        self.setMinimumWidth(560)
        self._build(contact)
        self._kind_chosen()
        if only_reference:
            self._only_reference()

    def _title(self, editing: bool) -> str:
        if self._kind == VeiligThuisKind.REPORT.value:
            return _("Change report to Veilig Thuis") if editing else _("Report to Veilig Thuis")
        return _("Change consultation") if editing else _("Consult Veilig Thuis")

    # ---- building ------------------------------------------------------------------------

    def _build(self, contact: VeiligThuisContactDTO | None) -> None:
        kind = QComboBox(self)
        for member in VeiligThuisKind:
            kind.addItem(member.label, member.value)
        kind.setCurrentIndex(kind.findData(self._kind))
        kind.setAccessibleName(_("Kind"))
        self.add_field("kind", _("&Kind"), kind)
        kind.currentIndexChanged.connect(self._kind_chosen)

        day = contact.contact_on if contact else self._today
        date = date_edit(self, day, _("Date"))
        self.add_field("contact_on", _("&Date"), date)
        # Aligned, the short date box no longer narrows the message under it.
        self.field_box(date).setAlignment(date, Qt.AlignmentFlag.AlignLeft)

        channel = QComboBox(self)
        for member in ReportChannel:
            channel.addItem(member.label, member.value)
        channel.setCurrentIndex(max(0, channel.findData(contact.channel if contact else "phone")))
        channel.setAccessibleName(_("Channel"))
        self.add_field("channel", _("C&hannel"), channel)

        hint = _("The Veilig Thuis worker you spoke to")
        whom = line_edit(self, contact.with_whom if contact else "", _("With whom"), hint)
        self.add_field("with_whom", _("&With whom"), whom)

        self.advice = GrowingTextEdit(self, min_lines=3, max_lines=8)
        self.advice.setText(contact.advice if contact else "")
        self.add_field("advice", _("&Advice"), self.advice)

        self.reference = reference = QLineEdit(contact.reference if contact else "", self)
        reference.setAccessibleName(_("Reference"))
        self.reference_hint = muted("", self)
        self.add_field("reference", _("&Reference"), reference, self.reference_hint)

    def _only_reference(self) -> None:
        """A contact of a closed meldcode record is part of that record: it is shown, and only
        its reference (which Veilig Thuis sends later) can still be added."""
        for name, widget in self.fields.items():
            widget.setEnabled(name == "reference")
        note = WrappingLabel(
            _(
                "This contact belongs to a closed meldcode record: only its reference can "
                "still be added."
            ),
            self,
        )
        style_text(note, Role.WARNING)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, note)
        self.reference.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.fields["kind"].isEnabled():
            self.reference.setFocus()  # the one field that can change

    def _kind_chosen(self) -> None:
        """A report says what was reported and that its reference may follow; a consultation
        asks for the advice."""
        report = self.raw_value("kind") == VeiligThuisKind.REPORT.value
        label = self.form.labelForField(self.field_box(self.advice))
        if label is not None:
            label.setText(_("What was re&ported") if report else _("&Advice"))
        self.advice.setAccessibleName(_("What was reported") if report else _("Advice"))
        self.advice.setPlaceholderText(
            _("What you reported, and what Veilig Thuis will do")
            if report
            else _("What Veilig Thuis advised")
        )
        self.reference_hint.setText(
            _(
                "Veilig Thuis's number for the report. Leave it empty until you have it: "
                "the case shows that it is missing."
            )
            if report
            else _("Optional: Veilig Thuis's number for the consultation.")
        )
        self.setWindowTitle(self._title(self.baseline is not None))

    # ---- values ----------------------------------------------------------------------------

    def _check(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        # One field checked while typing is never "missing" the others a new contact needs.
        new = self.baseline is None and len(fields) > 1
        return veilig_thuis.clean_contact(fields, new=new, today=self._today)

    def values(self) -> dict[str, Any]:
        clean = super().values()
        clean["meldcode_record_id"] = self._record_id
        return clean

    def _saved(self, _dialog: ContactDialog, fields: dict[str, Any]) -> None:
        self._clean = dict(fields)

    def contact_fields(self) -> dict[str, Any]:
        """The checked fields as `veilig_thuis.add_contact` takes them (for a change:
        `update_contact`'s changes, the record id included). Raises InvalidInput while a
        field is wrong."""
        if self._clean is not None:
            return dict(self._clean)
        return self.values()
