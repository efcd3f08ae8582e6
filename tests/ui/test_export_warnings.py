"""Before an export, the PDF dialog and the batch export say what the PDF leaves out of the free
text, naming the field and never the data; the lines are the PDF's own findings."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from jeugdtool.cases import queries
from jeugdtool.export.demo import load_demo
from jeugdtool.export.minimise import Finding
from jeugdtool.export.minimise import Kind
from jeugdtool.i18n import _

from jeugdtool.ui.export.batch_dialog import BatchExportDialog
from jeugdtool.ui.export.pdf_dialog import PdfExportDialog

JANSEN_ADDRESSES = ("Parkstraat", "Stationsweg", "Molenweg")


@pytest.fixture
def demo(ctx) -> None:
    load_demo(ctx.uow)


def _case(ctx, number: str) -> int:
    found = queries.find_case_id(ctx.uow, number)
    assert found is not None
    return found


def _dialog(qtbot, ctx, number: str = "2026-0001") -> PdfExportDialog:
    dialog = PdfExportDialog(ctx, _case(ctx, number))
    qtbot.addWidget(dialog)
    return dialog


def _address(n: int) -> str:
    return Finding(_("Agreement {n}").format(n=n), _("Where"), Kind.ADDRESS).message


def test_contact_details_off_says_which_fields_lose_an_address(qtbot, ctx, demo):
    dialog = _dialog(qtbot, ctx)
    dialog.form.privacy_boxes["uninvolved_persons"].setChecked(True)
    dialog.refresh_notices()
    addresses = [_address(n) for n in (5, 6)]  # Molenweg 3, Parkstraat 14
    assert not set(addresses) & set(dialog.notices.lines())  # contact details on
    dialog.form.privacy_boxes["contact_details"].setChecked(False)
    dialog.refresh_notices()
    lines = dialog.notices.lines()
    assert set(addresses) <= set(lines)
    for line in lines:  # the field, never the data
        assert not any(street in line for street in JANSEN_ADDRESSES), line
    # The user's choice shows at once: contact details back on, the lines go.
    dialog.form.privacy_boxes["contact_details"].setChecked(True)
    dialog.refresh_notices()
    assert not set(addresses) & set(dialog.notices.lines())


def test_a_name_outside_the_selection_is_said_to_be_masked(qtbot, ctx, demo):
    dialog = _dialog(qtbot, ctx, "2026-0005")
    dialog.refresh_notices()
    masked = Finding(_("Agreement {n}").format(n=2), _("Who checks"), Kind.NAME).message
    assert masked in dialog.notices.lines()
    assert not any("Vos" in line for line in dialog.notices.lines())
    dialog.form.privacy_boxes["uninvolved_persons"].setChecked(True)
    dialog.refresh_notices()
    assert masked not in dialog.notices.lines()
    # For the school, its own teacher stays named (typing waits for the user to stop).
    dialog.form.privacy_boxes["uninvolved_persons"].setChecked(False)
    dialog.refresh_notices()
    assert masked in dialog.notices.lines()
    dialog.form.audience_combo.setCurrentText("school")
    assert dialog._notice_timer.isActive()
    qtbot.waitUntil(lambda: not dialog._notice_timer.isActive(), timeout=5000)
    assert masked not in dialog.notices.lines()


def test_the_list_is_reached_with_the_keyboard(qtbot, ctx, demo):
    dialog = _dialog(qtbot, ctx)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    label = dialog.notices.label
    assert "&" in label.text() and label.buddy() is dialog.notices.list
    assert dialog.notices.list.focusPolicy() & Qt.FocusPolicy.TabFocus
    key = label.text()[label.text().index("&") + 1].upper()
    dialog.form.audience_combo.setFocus()
    qtbot.keyClick(dialog, Qt.Key(ord(key)), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.notices.list.hasFocus(), timeout=2000)


def test_the_map_and_the_zrm_summary_say_it_too(qtbot, ctx, demo):
    dialog = _dialog(qtbot, ctx, "2026-0005")
    for index in (1, 2):  # the map, the ZRM summary
        dialog.document_combo.setCurrentIndex(index)
        dialog.refresh_notices()
        assert dialog.notices.lines(), dialog.document


def test_the_batch_export_asks_first_and_stops_on_no(qtbot, ctx, demo, tmp_path, fake_dialogs):
    dialog = BatchExportDialog(ctx, None, preselect=_case(ctx, "2026-0001"))
    qtbot.addWidget(dialog)
    folder = tmp_path / "pdfs"
    folder.mkdir()
    dialog.folder_edit.setText(str(folder))
    dialog.form.privacy_boxes["contact_details"].setChecked(False)
    fake_dialogs.answers.append(False)
    dialog.accept()
    assert dialog.run is None
    ((kind, message),) = fake_dialogs.questions
    assert kind == "confirm"
    assert f"2026-0001 Gezin Jansen: {_address(5)}" in message
    assert not any(street in message for street in JANSEN_ADDRESSES)
    assert list(folder.iterdir()) == []
