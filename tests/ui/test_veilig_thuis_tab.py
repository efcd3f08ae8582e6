"""The meldcode page's Veilig Thuis tab as a consultant uses it: consultations and reports by
keyboard, a report without its reference marked until the reference is added, undo and redo,
the contact dialog on its own (as the meldcode's steps 2 and 5 open it), and read-only once the
case or the meldcode record is closed."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.meldcode.contact_dialog import ContactDialog
from jeugdtool.ui.meldcode.veilig_thuis_tab import ContactTableModel
from jeugdtool.ui.meldcode.veilig_thuis_tab import VeiligThuisTab

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TODAY = dt.date.today()
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def tab(ctx, case, qtbot) -> VeiligThuisTab:
    shown = VeiligThuisTab(ctx, case.id)
    qtbot.addWidget(shown)
    shown.resize(1100, 650)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    return shown


def _add(uow, case_id: int, **fields) -> VeiligThuisContactDTO:
    given = {"kind": "consultation", "contact_on": TODAY - dt.timedelta(days=10), **fields}
    return veilig_thuis.add_contact(uow, case_id, given).value


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _dialog(qtbot) -> ContactDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), ContactDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, ContactDialog)
    return dialog


def _reactivate(qtbot, window: QWidget) -> None:
    """The offscreen platform has no window manager to re-activate a window after a dialog."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    with qtbot.waitActive(window):
        window.activateWindow()


def _key_on_table(qtbot, tab: VeiligThuisTab, key: Key, modifier=Qt.KeyboardModifier.NoModifier):
    tab.section.table.setFocus()
    qtbot.waitUntil(tab.section.table.hasFocus)
    qtbot.keyClick(_focus(), key, modifier)


def _type_into(qtbot, dialog: ContactDialog, name: str, text: str) -> None:
    """Go to the field, type over what is there and leave it (as Tab does)."""
    field = dialog.fields[name]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Key.Key_Tab)


def _cell(tab: VeiligThuisTab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def test_contacts_show_newest_first_with_a_missing_reference_marked(tab, uow, case, ctx):
    _add(uow, case.id, contact_on=TODAY - dt.timedelta(days=40), with_whom="mw. De Graaf")
    _add(uow, case.id, kind="report", channel="online", contact_on=TODAY - dt.timedelta(days=2))
    changed = ChangeSet(entities=frozenset({"veilig_thuis_contact"}), cases=frozenset({case.id}))
    ctx.signals.emit_changes(changed)  # as a save elsewhere (the meldcode tab) says
    assert tab.model.rowCount() == 2
    assert _cell(tab, 0, ContactTableModel.KIND) == _("Report")
    assert _cell(tab, 0, ContactTableModel.REFERENCE) == "⚠ " + _("missing")
    assert _cell(tab, 1, ContactTableModel.WHOM) == "mw. De Graaf"
    assert _cell(tab, 1, ContactTableModel.REFERENCE) == ""  # a consultation needs none
    assert tab.note.isVisible()
    assert tab.note.text() == ngettext(
        "A report to Veilig Thuis has no reference yet. Add it (Change…) as soon as Veilig "
        "Thuis sends it: it is how you and Veilig Thuis find the report again.",
        "{n} reports to Veilig Thuis have no reference yet. Add each (Change…) as soon as "
        "Veilig Thuis sends it: it is how you and Veilig Thuis find the report again.",
        1,
    ).format(n=1)
    accessible = tab.model.index(0, ContactTableModel.REFERENCE)
    assert accessible.data(Qt.ItemDataRole.AccessibleTextRole) == _("reference missing")


def test_a_consultation_is_recorded_by_keyboard_and_undone(tab, ctx, uow, case, qtbot):
    assert tab.section.empty_hint.isVisible()
    _key_on_table(qtbot, tab, Key.Key_Insert)
    dialog = _dialog(qtbot)
    assert _focus() is dialog.fields["kind"]  # typing starts at the kind
    assert dialog.raw_value("kind") == "consultation"
    assert dialog.fields["contact_on"].text() == format_date_nl(TODAY)
    _type_into(qtbot, dialog, "with_whom", "mw. De Graaf")
    _type_into(qtbot, dialog, "advice", "Bespreek de zorgen met moeder.")
    qtbot.keyClick(_focus(), Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = veilig_thuis.contacts(uow, case.id)
    assert [(c.kind, c.with_whom, c.advice) for c in saved] == [
        ("consultation", "mw. De Graaf", "Bespreek de zorgen met moeder.")
    ]
    assert saved[0].recorded_by == "A. de Boer"
    assert tab.model.rowCount() == 1 and not tab.section.empty_hint.isVisible()
    assert tab.section.selected().id == saved[0].id
    assert "Bespreek de zorgen met moeder." in tab.details.text()
    ctx.undo_stack.undo()
    assert veilig_thuis.contacts(uow, case.id) == []
    assert tab.model.rowCount() == 0
    ctx.undo_stack.redo()
    assert [c.id for c in veilig_thuis.contacts(uow, case.id)] == [saved[0].id]


def test_a_report_without_reference_is_marked_until_the_reference_is_added(
    tab, ctx, uow, case, qtbot
):
    _key_on_table(qtbot, tab, Key.Key_Insert, SHIFT)  # Shift+Ins: a report
    dialog = _dialog(qtbot)
    assert dialog.raw_value("kind") == "report"
    assert dialog.windowTitle() == _("Report to Veilig Thuis")
    channel = dialog.fields["channel"]
    assert isinstance(channel, QComboBox)
    channel.setCurrentIndex(channel.findData("online"))
    _type_into(qtbot, dialog, "advice", "Melding huiselijk geweld.")
    qtbot.keyClick(_focus(), Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _cell(tab, 0, ContactTableModel.REFERENCE) == "⚠ " + _("missing")
    assert tab.note.isVisible()

    _reactivate(qtbot, tab)
    _key_on_table(qtbot, tab, Key.Key_Return)  # Enter: change the selected contact
    dialog = _dialog(qtbot)
    _type_into(qtbot, dialog, "reference", "VT-2026-0815")
    qtbot.keyClick(_focus(), Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert veilig_thuis.contacts(uow, case.id)[0].reference == "VT-2026-0815"
    assert _cell(tab, 0, ContactTableModel.REFERENCE) == "VT-2026-0815"
    assert not tab.note.isVisible()
    ctx.undo_stack.undo()  # the reference goes, the mark comes back
    assert veilig_thuis.contacts(uow, case.id)[0].reference == ""
    assert _cell(tab, 0, ContactTableModel.REFERENCE) == "⚠ " + _("missing")


def test_a_wrong_date_is_said_at_its_field_and_keeps_what_was_typed(tab, uow, case, qtbot):
    _key_on_table(qtbot, tab, Key.Key_Insert)
    dialog = _dialog(qtbot)
    _type_into(qtbot, dialog, "with_whom", "dhr. Bakker")
    _type_into(qtbot, dialog, "contact_on", "31-02-2026")
    error = dialog.errors["contact_on"]
    assert error.isVisible()  # said when the field is left
    assert error.text() == _("'{text}' does not exist as a date. Check the day and month.").format(
        text="31-02-2026"
    )
    future = format_date_nl(TODAY + dt.timedelta(days=3))
    _type_into(qtbot, dialog, "contact_on", future)
    assert error.text() == _(
        "{label} {date} lies in the future; choose today or an earlier date."
    ).format(label=_("Date"), date=future)
    qtbot.keyClick(_focus(), Key.Key_Return, CTRL)
    assert dialog.isVisible()  # not saved
    assert veilig_thuis.contacts(uow, case.id) == []
    assert dialog.fields["with_whom"].text() == "dhr. Bakker"
    _type_into(qtbot, dialog, "contact_on", format_date_nl(TODAY))
    assert not dialog.errors["contact_on"].isVisible()  # gone as soon as it is fixed
    dialog.accept()
    assert [c.with_whom for c in veilig_thuis.contacts(uow, case.id)] == ["dhr. Bakker"]


def test_remove_asks_and_undo_brings_the_contact_back(tab, ctx, uow, case, fake_dialogs, qtbot):
    contact = _add(uow, case.id, with_whom="mw. De Graaf")
    tab.reload_now()
    tab.section.select_row(0)
    fake_dialogs.answers.append(True)
    _key_on_table(qtbot, tab, Key.Key_Delete)
    assert format_date_nl(contact.contact_on) in fake_dialogs.questions[-1][1]
    assert veilig_thuis.contacts(uow, case.id) == []
    ctx.undo_stack.undo()
    assert [c.id for c in veilig_thuis.contacts(uow, case.id)] == [contact.id]
    assert tab.model.rowCount() == 1


def test_a_contact_of_a_closed_record_only_gets_its_reference(tab, ctx, uow, case, qtbot):
    record = meldcode.start_record(uow, case.id).value
    contact = _add(uow, case.id, meldcode_record_id=record.id, with_whom="mw. De Graaf")
    record = meldcode.answer_question(uow, record.id, "suspicion", False, "Geen vermoeden.").value
    meldcode.close_record(uow, record.id)
    tab.reload_now()
    assert _cell(tab, 0, ContactTableModel.MELDCODE) == _("Meldcode {number}").format(number=1)
    dialog = tab.edit_contact(tab.contacts[0])
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    editable = [name for name, widget in dialog.fields.items() if widget.isEnabled()]
    assert editable == ["reference"]
    reference = dialog.fields["reference"]
    assert isinstance(reference, QLineEdit)
    reference.setText("VT-77")
    dialog.accept()
    assert veilig_thuis.contacts(uow, case.id)[0].reference == "VT-77"
    assert veilig_thuis.contacts(uow, case.id)[0].with_whom == contact.with_whom


def test_a_closed_case_shows_its_contacts_read_only(ctx, uow, case, qtbot):
    _add(uow, case.id, kind="report", channel="phone")
    households.close_case(uow, case.id, "Doelen bereikt", TODAY)
    tab = VeiligThuisTab(ctx, case.id)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.locked.isVisible()
    assert not tab.section.add_button.isEnabled() and not tab.report_button.isEnabled()
    assert tab.add_contact(VeiligThuisKind.REPORT) is None
    assert tab.edit_contact(tab.contacts[0]) is None
    assert _cell(tab, 0, ContactTableModel.REFERENCE) == "⚠ " + _("missing")  # still marked
    assert not tab.note.isVisible()  # but not asked for: nothing can be added now


def test_the_dialog_on_its_own_hands_back_the_fields_for_a_record(qtbot, fake_dialogs):
    """As the meldcode's step 5 opens it: a report for record 7, read back after OK."""
    dialog = ContactDialog(None, fake_dialogs, kind="report", meldcode_record_id=7)
    qtbot.addWidget(dialog)
    dialog.show()
    channel = dialog.fields["channel"]
    assert isinstance(channel, QComboBox)
    channel.setCurrentIndex(channel.findData("secure_mail"))
    dialog.fields["with_whom"].setText("  mw. Peters ")
    dialog.accept()
    assert dialog.result() == ContactDialog.DialogCode.Accepted
    assert dialog.contact_fields() == {
        "kind": "report",
        "contact_on": dt.date.today(),
        "channel": "secure_mail",
        "with_whom": "mw. Peters",
        "advice": "",
        "reference": "",
        "meldcode_record_id": 7,
    }
