"""The meldcode page's "Veilig Thuis" tab: every consultation of, and report to, Veilig Thuis for
the case, with date, channel, the worker spoken to, the advice and Veilig Thuis's reference.

A report whose reference has not come yet is marked, and said above the table. Add / change /
remove by button, Alt+letter or key (Ins, Enter, Del) through `ContactDialog`; every change is
an undoable command. A closed case (or a database that may only be read) shows the same,
read-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.veilig_thuis import missing_reference
from jeugdtool.dossier.vocab import MeldcodeStatus
from jeugdtool.dossier.vocab import ReportChannel
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.commands import row_commands
from jeugdtool.ui.commands import run_command
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.meldcode.contact_dialog import ContactDialog
from jeugdtool.ui.meldcode.tab_base import SignalsTab
from jeugdtool.ui.plan.plan_parts import short
from jeugdtool.ui.widgets import add_all
from jeugdtool.ui.widgets import connect_rows
from jeugdtool.ui.workspace.case_page import adding
from jeugdtool.ui.workspace.case_page import changing
from jeugdtool.ui.workspace.case_page import list_section
from jeugdtool.ui.workspace.case_page import name_buttons
from jeugdtool.ui.workspace.inline import WrappingLabel
from jeugdtool.ui.workspace.member_models import DtoTableModel

#: add_contact, update_contact, remove_contact, restore_contact.
CONTACTS = RowServices.named(veilig_thuis, "contact")
#: Characters of the advice a row shows (in full: the tooltip and below the table).
ADVICE_CHARS = 90


# ---- undo commands ---------------------------------------------------------------------------


def adding_text(fields: Mapping[str, Any]) -> str:
    """What undo shows for recording a consultation or a report."""
    report = fields.get("kind") == VeiligThuisKind.REPORT.value
    return _("Add report to Veilig Thuis") if report else _("Add consultation of Veilig Thuis")


#: Undo removes a contact only as recorded, and puts one back with its link to the meldcode.
AddContactCommand, EditContactCommand, RemoveContactCommand = row_commands(
    CONTACTS,
    "Contact",
    add=adding_text,
    change=N_("Change Veilig Thuis contact"),
    remove=N_("Remove Veilig Thuis contact"),
)


# ---- the table -------------------------------------------------------------------------------


def kind_label(contact: VeiligThuisContactDTO) -> str:
    return VeiligThuisKind(contact.kind).label


def channel_label(contact: VeiligThuisContactDTO) -> str:
    try:
        return ReportChannel(contact.channel).label
    except ValueError:  # a channel of a newer version: shown as stored
        return contact.channel


def reference_text(contact: VeiligThuisContactDTO) -> str:
    if missing_reference(contact):
        return "⚠ " + _("missing")
    return contact.reference


class ContactTableModel(DtoTableModel[Any]):
    DATE, KIND, CHANNEL, WHOM, ADVICE, REFERENCE, MELDCODE = range(7)
    HEADERS = (
        N_("Date"),
        N_("Kind"),
        N_("Channel"),
        N_("With whom"),
        N_("Advice / what was reported"),
        N_("Reference"),
        N_("Meldcode"),
    )
    STRETCH = ADVICE

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        #: Meldcode record id -> its number (records are called "Meldcode 2" on screen).
        self.records: dict[int, int] = {}

    def set_rows(self, rows: Iterable[VeiligThuisContactDTO], records: Any = None) -> None:
        self.records = dict(records or {})
        super().set_rows(rows)

    def display(self, dto: VeiligThuisContactDTO, column: int) -> str:
        if column == self.DATE:
            return format_date_nl(dto.contact_on)
        if column == self.KIND:
            return kind_label(dto)
        if column == self.CHANNEL:
            return channel_label(dto)
        if column == self.WHOM:
            return dto.with_whom
        if column == self.ADVICE:
            return short(" ".join(dto.advice.split()), ADVICE_CHARS)
        if column == self.REFERENCE:
            return reference_text(dto)
        if column == self.MELDCODE:
            return record_label(dto, self.records)
        return ""

    def tooltip(self, dto: VeiligThuisContactDTO, column: int) -> str | None:
        if column == self.ADVICE:
            return dto.advice or None
        if column == self.REFERENCE and missing_reference(dto):
            return _(
                "Veilig Thuis has not given a reference for this report yet, or it was not "
                "recorded."
            )
        return self.display(dto, column) or None

    def accessible(self, dto: VeiligThuisContactDTO, column: int) -> str:
        if column == self.REFERENCE and missing_reference(dto):
            return _("reference missing")
        return self.display(dto, column)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        dto = self.row_at(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.ForegroundRole and dto is not None:
            if index.column() == self.REFERENCE and missing_reference(dto):
                return qcolor(Role.WARNING)
            return None
        return super().data(index, role)


def record_label(contact: VeiligThuisContactDTO, records: dict[int, int]) -> str:
    """ "Meldcode 2" for a contact made from that record, "" for one made on its own."""
    if contact.meldcode_record_id is None:
        return ""
    number = records.get(contact.meldcode_record_id)
    if number is None:
        return _("Meldcode")
    return _("Meldcode {number}").format(number=number)


def missing_note(contacts: Iterable[VeiligThuisContactDTO]) -> str:
    """What the tab says above the table while reports lack their reference ("" if none)."""
    count = sum(1 for c in contacts if missing_reference(c))
    if not count:
        return ""
    return ngettext(
        "A report to Veilig Thuis has no reference yet. Add it (Change…) as soon as Veilig "
        "Thuis sends it: it is how you and Veilig Thuis find the report again.",
        "{n} reports to Veilig Thuis have no reference yet. Add each (Change…) as soon as "
        "Veilig Thuis sends it: it is how you and Veilig Thuis find the report again.",
        count,
    ).format(n=count)


def details_text(contact: VeiligThuisContactDTO, records: dict[int, int]) -> str:
    """The selected contact in full, plain text (the table shortens the advice)."""
    head = _("{kind} on {date}, {channel}").format(
        kind=kind_label(contact),
        date=format_date_nl(contact.contact_on),
        channel=channel_label(contact).lower(),
    )
    lines = [head]
    if contact.with_whom:
        lines.append(_("With: {name}").format(name=contact.with_whom))
    if contact.reference:
        lines.append(_("Reference: {reference}").format(reference=contact.reference))
    elif missing_reference(contact):
        lines.append(_("Reference: not recorded yet"))
    if contact.recorded_by:
        lines.append(_("Recorded by: {name}").format(name=contact.recorded_by))
    if label := record_label(contact, records):
        lines.append(_("Made from: {record}").format(record=label))
    if contact.advice:
        lines += ["", contact.advice]
    return "\n".join(lines)


# ---- the tab ---------------------------------------------------------------------------------


class VeiligThuisTab(SignalsTab):
    """`(ctx, case_id, parent)`: the case's Veilig Thuis consultations and reports."""

    INTRO = N_(
        "Every consultation of Veilig Thuis and every report to it, for this case. Consult "
        "Veilig Thuis in step 2 of the meldcode whenever you doubt; a report (step 5) gets a "
        "reference from Veilig Thuis: record it here when it comes."
    )

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None):
        super().__init__(ctx, case_id, parent)
        self.setObjectName("VeiligThuisTab")
        self.contacts: list[VeiligThuisContactDTO] = []
        self.records: dict[int, int] = {}
        #: The closed records: their contacts are part of them (only a reference is added).
        self.closed: set[int] = set()
        self.model = ContactTableModel(self)
        title, empty = _("Veilig Thuis contacts"), _("No contacts with Veilig Thuis yet.")
        self.section = list_section(title, self.model, empty, self.body)
        name_buttons(self.section, _("Add c&onsultation…"), _("Chan&ge…"), _("Re&move"))
        self.report_button = self.extra_button(
            self.section, _("Add re&port…"), "Shift+Ins", after=self.section.add_button
        )
        self.details = WrappingLabel("", self.body)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        add_all(self.rows, self.section, self.details).addStretch(1)
        consultation = partial(self.add_contact, VeiligThuisKind.CONSULTATION)
        connect_rows(self.section, consultation, self.edit_contact, self.remove_contact)
        self.report_button.clicked.connect(lambda: self.add_contact(VeiligThuisKind.REPORT))
        selection = self.section.table.selectionModel()
        selection.currentRowChanged.connect(lambda *_a: self._show_details())
        self.setFocusProxy(self.section.table)

    # ---- showing ---------------------------------------------------------------------------

    def load(self) -> None:
        self.contacts = list(veilig_thuis.contacts(self.ctx.uow, self.case_id))
        records = meldcode.records(self.ctx.uow, self.case_id)
        self.records = {record.id: record.number for record in records}
        self.closed = {r.id for r in records if r.status == MeldcodeStatus.CLOSED.value}

    def clear(self) -> None:
        self.contacts, self.records, self.closed = [], {}, set()

    def show_rows(self) -> None:
        empty = (
            _(
                "No contacts with Veilig Thuis yet. Add a consultation (Ins) or a report "
                "(Shift+Ins)."
            ),
            _("No contacts with Veilig Thuis yet."),
        )
        self.show_list(self.contacts, empty, missing_note(self.contacts), records=self.records)
        self.report_button.setEnabled(self.editable)
        self._show_details()

    def _show_details(self) -> None:
        contact = self.section.selected()
        self.details.setVisible(contact is not None)
        if contact is not None:
            self.details.setText(details_text(contact, self.records))

    # ---- changing ------------------------------------------------------------------------

    def add_contact(self, kind: VeiligThuisKind) -> ContactDialog | None:
        if not self.editable:
            return None

        submit = adding(
            self.ctx,
            lambda values: AddContactCommand(self.ctx, self.case_id, values),
            lambda new_id: self.section.select_row(self.model.row_of(new_id)),
        )
        dialog = ContactDialog(self, self.ctx.dialogs, kind=kind.value, submit=submit)
        return self._open(dialog)

    def edit_contact(self, contact: VeiligThuisContactDTO) -> ContactDialog | None:
        if not self.editable:
            return None

        submit = changing(self.ctx, lambda values: EditContactCommand(self.ctx, contact, values))
        dialog = ContactDialog(
            self,
            self.ctx.dialogs,
            kind=contact.kind,
            contact=contact,
            submit=submit,
            only_reference=self._of_closed_record(contact),
        )
        return self._open(dialog)

    def remove_contact(self, contact: VeiligThuisContactDTO) -> None:
        if not self.editable:
            return
        command = RemoveContactCommand(self.ctx, contact)
        if self._of_closed_record(contact):  # refused, with the reason: no question first
            run_command(self.ctx, self.case_id, command)
            return
        question = _(
            "Remove the {kind} of {date}?\nYou can bring it back with Undo (Ctrl+Z)."
        ).format(kind=kind_label(contact).lower(), date=format_date_nl(contact.contact_on))
        if self.ctx.dialogs.confirm(question, _("Remove Veilig Thuis contact")):
            run_command(self.ctx, self.case_id, command)

    def _of_closed_record(self, contact: VeiligThuisContactDTO) -> bool:
        return contact.meldcode_record_id in self.closed

    def _open(self, dialog: ContactDialog) -> ContactDialog:
        self.open_dialog(dialog, self.section.table)
        return dialog
