"""The access request from the window: the proposals to leave out as a checkable list, the
request to answer, the folder, the documents made off the GUI thread, never over an existing
file without asking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from jeugdtool.cases import disclosures
from jeugdtool.cases import privacy
from jeugdtool.cases import queries
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus
from jeugdtool.export import access_request as ar
from jeugdtool.export import demo
from jeugdtool.i18n import _

from jeugdtool.ui.export.access_request_dialog import AccessRequestDialog
from jeugdtool.ui.export.access_request_dialog import prepare
from jeugdtool.ui.main_window import MainWindow

#: Gezin Bakker-de Vries: network member I. Postma reported the family; Marga de Vries (oma)
#: has phone 06-41526374.
BAKKER = "2026-0002"
MARGA_PHONE = "06-41526374"
TODAY = dt.date.today()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder chosen for the documents (the database lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def case_id(uow, demo_households) -> int:
    found = queries.find_case_id(uow, BAKKER)
    assert found is not None
    return found


def _dialog(ctx, qtbot, case_id: int, folder: Path) -> AccessRequestDialog:
    dialog = AccessRequestDialog(ctx, prepare(ctx.uow, case_id))
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(folder))
    dialog.show()
    return dialog


def _items(dialog: AccessRequestDialog) -> list:
    tree = dialog.proposals
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def _make(qtbot, dialog: AccessRequestDialog) -> None:
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=30_000)


def test_the_proposals_say_what_where_and_why_and_the_consultant_chooses(
    ctx, qtbot, case_id, out, fake_dialogs
) -> None:
    dialog = _dialog(ctx, qtbot, case_id, out)
    items = _items(dialog)
    whats = [item.text(0) for item in items]
    assert _("name of the reporter ({name})").format(name="I. Postma") in whats
    marga = _("phone number of network member {name}").format(name="Marga de Vries")
    ticked = [p.checked for p in dialog.prepared.proposals]
    assert [item.checkState(0) == Qt.CheckState.Checked for item in items] == ticked
    assert any(ticked) and not all(ticked)  # a provider's name is offered unticked
    assert all(item.text(1) and item.text(2) for item in items)  # where and why
    items[whats.index(marga)].setCheckState(0, Qt.CheckState.Unchecked)  # keep oma's phone
    qtbot.keyClicks(dialog.requested_by, "Lisa de Vries (moeder)")
    _make(qtbot, dialog)
    assert dialog.delivery is not None and dialog.result() == dialog.DialogCode.Accepted
    written = dialog.delivery.case_file.read_text(encoding="utf-8")
    assert MARGA_PHONE in written and "Postma" not in written
    assert dialog.delivery.pdf.read_bytes().startswith(b"%PDF")
    [request] = privacy.list_requests(ctx.uow, case_id)
    assert (request.requested_by, request.delivered_on) == ("Lisa de Vries (moeder)", TODAY)
    assert [d.recipient for d in disclosures.list_disclosures(ctx.uow, case_id)] == [
        "Lisa de Vries (moeder)"
    ]
    assert str(dialog.delivery.pdf) in fake_dialogs.exported[-1]
    assert fake_dialogs.offers == [(dialog.delivery.pdf, False)]


def test_who_asked_is_required_for_a_new_request(ctx, qtbot, case_id, out) -> None:
    dialog = _dialog(ctx, qtbot, case_id, out)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.thread is None
    assert list(out.iterdir()) == []
    assert privacy.list_requests(ctx.uow, case_id) == []


def test_an_open_request_is_offered_and_answered(ctx, qtbot, case_id, out) -> None:
    received = TODAY - dt.timedelta(days=12)
    open_one = privacy.register_request(ctx.uow, case_id, RequestKind.ACCESS, received, "vader")
    dialog = _dialog(ctx, qtbot, case_id, out)
    assert dialog.request_box.currentData() == open_one.id
    assert not dialog.requested_by.isEnabled() and dialog.requested_by.text() == "vader"
    assert dialog.received.date().toPython() == received
    assert privacy.add_months(received, 1).strftime("%d-%m-%Y") in dialog.deadline.text()
    _make(qtbot, dialog)
    [request] = privacy.list_requests(ctx.uow, case_id)
    assert request.id == open_one.id and request.status == RequestStatus.GRANTED


def test_an_existing_file_is_replaced_only_after_asking(
    ctx, qtbot, case_id, out, fake_dialogs
) -> None:
    pdf, _json = ar.targets(out, BAKKER, TODAY)
    pdf.write_bytes(b"the first dossier")
    dialog = _dialog(ctx, qtbot, case_id, out)
    qtbot.keyClicks(dialog.requested_by, "moeder")
    fake_dialogs.answers.append(False)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert pdf.name in fake_dialogs.questions[-1][1]
    assert pdf.read_bytes() == b"the first dossier" and dialog.thread is None
    fake_dialogs.answers.append(True)
    _make(qtbot, dialog)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_cancel_writes_no_file(ctx, qtbot, case_id, out) -> None:
    dialog = _dialog(ctx, qtbot, case_id, out)
    qtbot.keyClicks(dialog.requested_by, "moeder")
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.thread is not None
    dialog.progress.findChild(QPushButton).click()  # the Cancel button of the progress
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=30_000)
    assert dialog.delivery is None and dialog.isVisible()
    assert _("Stopped: no file was written.") in dialog.error.text()
    assert list(out.iterdir()) == []


@pytest.fixture
def window(started_window: MainWindow) -> MainWindow:
    return started_window


def test_the_case_menu_opens_it_for_the_case_in_view(window: MainWindow, qtbot) -> None:
    loaded = {h.case_number: h.id for h in demo.load_demo(window.ctx.uow).value}
    window.list_page.reload()
    (case_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == _("&Case")]
    assert window.access_request_action in case_menu.actions()
    assert not window.access_request_action.isEnabled()  # no case in view
    window.open_case(loaded[BAKKER])
    assert window.access_request_action.isEnabled()
    window.access_request_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(AccessRequestDialog) is not None, timeout=10_000)
    dialog = window.findChild(AccessRequestDialog)
    assert dialog.prepared.dossier.case_number == BAKKER
    dialog.reject()
