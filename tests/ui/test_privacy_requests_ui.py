"""Privacyverzoeken on screen: registering a request, its deadline (red once overdue), deciding
it (grounds of art. 7.3.9 for a refused destruction request), undo and redo by Ctrl+Z / Ctrl+Y,
the way on to the destroy dialog, and the deadline in the retention dialog."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases import privacy
from jeugdtool.cases import retention
from jeugdtool.cases.destruction import Ground
from jeugdtool.cases.privacy import REFUSAL_GROUNDS
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.export import demo
from jeugdtool.i18n import _

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.destroy_dialog import DestroyDialog
from jeugdtool.ui.main_window import MainWindow
from jeugdtool.ui.retention_dialog import RetentionDialog
from jeugdtool.ui.workspace import privacy_requests
from jeugdtool.ui.workspace.privacy_request_forms import DecideRequestDialog
from jeugdtool.ui.workspace.privacy_request_forms import RegisterRequestDialog
from jeugdtool.ui.workspace.privacy_requests import PrivacyRequestsDialog
from jeugdtool.ui.workspace.privacy_requests import open_privacy_requests

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = dt.date.today()
WHY_NOT = "Het broertje heeft belang bij het bewaren van het verslag"


def _alt(qtbot, widget: QWidget, text: str) -> None:
    """Alt + the mnemonic letter of `text` ("&New request…" -> Alt+N)."""
    plain = text.replace("&&", "")
    letter = plain[plain.index("&") + 1]
    qtbot.keyClick(widget, Key(ord(letter.upper())), ALT)


def _panel(ctx, qtbot, case_id: int) -> PrivacyRequestsDialog:
    dialog = open_privacy_requests(ctx, None, case_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _modal(qtbot, kind: type) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _cells(panel: PrivacyRequestsDialog, column: int) -> list[str]:
    model = panel.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _closed_case(uow, case) -> int:
    households.close_case(uow, case.id, "Hulp afgerond", TODAY)
    return case.id


def test_registering_by_keyboard_shows_the_deadline_and_undo_removes_it(
    ctx, case, qtbot, fake_dialogs
) -> None:
    panel = _panel(ctx, qtbot, case.id)
    assert panel.empty.isVisible() and not panel.view.isVisible()
    _alt(qtbot, panel, _("&New request…"))
    form = _modal(qtbot, RegisterRequestDialog)
    assert form.received.date() == QDate.currentDate()  # today unless changed
    form.kind.setCurrentIndex(form.kind.findData(RequestKind.DESTRUCTION.value))
    form.received.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(-10))
    received = TODAY - dt.timedelta(days=10)
    until = privacy.deadline(RequestKind.DESTRUCTION, received)
    assert form.deadline.text() == _("Answer by {date}.").format(date=format_date_nl(until))
    form.requested_by.setFocus()
    qtbot.keyClicks(form.requested_by, "moeder")
    qtbot.keyClick(form.requested_by, Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert fake_dialogs.errors == []
    left = privacy.days_note((until - TODAY).days)
    assert _cells(panel, 4) == [_("{date} ({when})").format(date=format_date_nl(until), when=left)]
    assert _cells(panel, 2) == ["moeder"]
    assert [r.requested_by for r in privacy.list_requests(ctx.uow, case.id)] == ["moeder"]

    qtbot.waitUntil(panel.isActiveWindow)  # back from the form: the keys are the panel's
    qtbot.keyClick(panel.view, Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert privacy.list_requests(ctx.uow, case.id) == []
    qtbot.keyClick(panel.view, Key.Key_Y, CTRL)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert [r.kind for r in privacy.list_requests(ctx.uow, case.id)] == [RequestKind.DESTRUCTION]


def test_a_missing_requester_is_said_under_the_field_and_nothing_is_saved(ctx, case, qtbot) -> None:
    panel = _panel(ctx, qtbot, case.id)
    form = panel.register()
    qtbot.waitUntil(form.isActiveWindow)
    form.save()
    assert form.isVisible()
    message = _("{label} is required.").format(label=_("Requested by"))
    assert form.errors["requested_by"].text() == message
    assert form.errors["requested_by"].isVisible()
    assert privacy.list_requests(ctx.uow, case.id) == []


def test_an_overdue_request_is_red_and_a_decided_one_is_not(ctx, uow, case, qtbot) -> None:
    received = TODAY - dt.timedelta(days=45)
    late = privacy.register_request(uow, case.id, "correction", received, "vader", "adres")
    done = privacy.register_request(uow, case.id, "access", received, "moeder")
    privacy.decide_request(uow, done.id, done.version, "granted", TODAY, "")
    panel = _panel(ctx, qtbot, case.id)
    model = panel.model
    by_id = {model.row(r).id: r for r in range(model.rowCount())}
    late_cell = model.index(by_id[late.id], 4)
    overdue = (TODAY - late.deadline).days
    assert overdue > 0
    assert late_cell.data() == _("{date} ({when})").format(
        date=format_date_nl(late.deadline), when=privacy.days_note(-overdue)
    )
    assert late_cell.data(Qt.ItemDataRole.ForegroundRole) == qcolor(Role.ERROR)
    done_cell = model.index(by_id[done.id], 4)
    assert done_cell.data() == format_date_nl(done.deadline)  # no "overdue" once answered
    assert done_cell.data(Qt.ItemDataRole.ForegroundRole) != qcolor(Role.ERROR)


def test_refusing_a_destruction_request_needs_a_ground_and_undo_opens_it_again(
    ctx, uow, case, qtbot
) -> None:
    request = privacy.register_request(uow, case.id, "destruction", TODAY, "moeder", "alles")
    panel = _panel(ctx, qtbot, case.id)
    _alt(qtbot, panel, _("&Decide…"))
    form = _modal(qtbot, DecideRequestDialog)
    assert not form.grounds_box.isVisibleTo(form)  # granted (the default) needs no ground
    form.status.setCurrentIndex(form.status.findData(RequestStatus.REFUSED.value))
    assert form.grounds_box.isVisibleTo(form)
    assert [c.text() for c in form.grounds.values()] == [_(t) for t in REFUSAL_GROUNDS.values()]
    form.outcome.setPlainText(WHY_NOT)
    form.save()
    assert form.isVisible()
    assert form.errors["refusal_grounds"].isVisibleTo(form)
    assert privacy.get_request(uow, request.id).status == RequestStatus.OPEN

    form.grounds["third_party"].setChecked(True)
    form.save()
    qtbot.waitUntil(lambda: not form.isVisible())
    decided = privacy.get_request(uow, request.id)
    assert (decided.status, decided.refusal_grounds) == (RequestStatus.REFUSED, ("third_party",))
    assert _cells(panel, 3) == [_("Refused")]
    assert _(REFUSAL_GROUNDS["third_party"]) in panel.details.text()
    assert not panel.decide_button.isEnabled()  # decided: undo first to change it

    qtbot.waitUntil(panel.isActiveWindow)
    qtbot.keyClick(panel.view, Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _cells(panel, 3) == [_("Open")])
    assert privacy.get_request(uow, request.id).outcome == ""
    assert panel.decide_button.isEnabled()


def test_a_granted_correction_says_what_was_changed(ctx, uow, case, qtbot) -> None:
    privacy.register_request(uow, case.id, "correction", TODAY, "vader", "geboortedatum")
    panel = _panel(ctx, qtbot, case.id)
    form = panel.decide()
    assert form is not None
    qtbot.waitUntil(form.isActiveWindow)
    advice = privacy.outcome_advice(RequestKind.CORRECTION, RequestStatus.GRANTED)
    assert form.hint.text() == advice.format(n=10)
    form.save()
    assert form.errors["outcome"].text() == advice.format(n=10)
    form.outcome.setPlainText("Geboortedatum van Sanne verbeterd")
    form.save()
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "Geboortedatum van Sanne verbeterd" in panel.details.text()


def test_a_granted_destruction_request_leads_to_the_destroy_dialog(ctx, uow, case, qtbot) -> None:
    case_id = _closed_case(uow, case)
    request = privacy.register_request(uow, case_id, "destruction", TODAY, "moeder")
    privacy.decide_request(uow, request.id, request.version, "granted", TODAY, "")
    panel = _panel(ctx, qtbot, case_id)
    assert panel.destroy_button.isVisibleTo(panel) and panel.destroy_button.isEnabled()
    panel.destroy()
    dialog = _modal(qtbot, DestroyDialog)
    qtbot.addWidget(dialog)
    assert dialog.ground.currentData() == Ground.REQUEST.value
    assert dialog.number.text() == case.case_number
    assert "moeder" not in dialog.reason.text()  # the kept reason names nobody
    assert format_date_nl(TODAY) in dialog.reason.text()
    dialog.reject()


def test_the_panel_needs_a_case(ctx, fake_dialogs) -> None:
    assert open_privacy_requests(ctx, None, None) is None
    assert fake_dialogs.errors == [_("Open a case first: privacy requests belong to a case.")]


def test_the_retention_dialog_lists_an_open_destruction_request_with_its_deadline(
    ctx, uow, case, qtbot
) -> None:
    case_id = _closed_case(uow, case)  # its retention date is 20 years away
    received = TODAY - dt.timedelta(days=100)
    request = privacy.register_request(uow, case_id, "destruction", received, "moeder")
    dialog = RetentionDialog(ctx, retention.load_rule(), today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.reload()
    assert [c.case_number for c in dialog.model.rows] == [case.case_number]
    cell = dialog.model.index(0, 5)
    overdue = (TODAY - request.deadline).days
    assert overdue > 0
    assert cell.data() == _("{date} ({when})").format(
        date=format_date_nl(request.deadline), when=privacy.days_note(-overdue)
    )
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == qcolor(Role.ERROR)


@pytest.mark.parametrize("size", [(1366, 768)])
def test_the_panel_fits_on_a_small_screen(
    ctx, uow, case, qtbot, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Rendered offscreen to a PNG (looked at by hand when the layout changes)."""
    received = TODAY - dt.timedelta(days=40)
    first = privacy.register_request(uow, case.id, "destruction", received, "moeder", "alles")
    privacy.decide_request(
        uow, first.id, first.version, "partly", TODAY, WHY_NOT, ["third_party", "legal_duty"]
    )
    privacy.register_request(uow, case.id, "correction", received, "Sanne (16)", "adres")
    panel = _panel(ctx, qtbot, case.id)
    panel.resize(*size)
    panel.select_request(first.id)
    image = panel.grab()
    assert image.save(str(tmp_path / "privacy-requests.png"))
    for button in (panel.new_button, panel.decide_button, panel.destroy_button):
        assert button.sizeHint().width() <= button.width()  # labels not cut off
    assert panel.view.horizontalHeader().length() <= panel.view.viewport().width()


@pytest.fixture
def window(started_window: MainWindow) -> MainWindow:
    return started_window


def test_the_case_menu_opens_the_requests_of_the_case_in_view(window: MainWindow, qtbot) -> None:
    ctx = window.ctx
    loaded = {h.case_number: h.id for h in demo.load_demo(ctx.uow).value}
    (case_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == _("&Case")]
    assert window.requests_action in case_menu.actions()
    window.show_list()
    assert not window.requests_action.isEnabled()  # no case in view
    window.open_case(loaded["2026-0003"])
    assert window.requests_action.isEnabled()
    window.requests_action.trigger()
    panel = window.findChild(PrivacyRequestsDialog)
    assert panel is not None
    assert [r.kind for r in panel.model.rows] == [RequestKind.DESTRUCTION, RequestKind.CORRECTION]
    assert _cells(panel, 3) == [_("Open"), _("Granted")]  # the demo: one open, one decided
    panel.reject()


def test_the_case_screen_shows_open_requests_with_their_deadline(ctx, uow, case, qtbot) -> None:
    from jeugdtool.ui.workspace import CaseWorkspace

    ws = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    ws.show()
    form = ws.overview.form
    assert not form.requests.isVisible()  # no request: nothing to show
    received = TODAY - dt.timedelta(days=100)
    late = privacy.register_request(uow, case.id, "destruction", received, "moeder")
    ctx.signals.emit_changes(uow.changes)  # as the commands do
    assert form.requests.isVisible()
    assert form._info_labels[form.requests].text() == _("Privacy requests")
    soon = privacy.register_request(uow, case.id, "access", TODAY, "vader")
    ctx.signals.emit_changes(uow.changes)  # as the commands do
    overdue = privacy.days_note(late.days_left(TODAY))
    lines = form.requests.text().split("<br>")
    assert lines == [
        f'<span style="color: {colour(Role.ERROR)};">'
        + html.escape(
            _("{kind}: answer by {when}").format(
                kind=_("Destruction"),
                when=_("{date} ({when})").format(date=format_date_nl(late.deadline), when=overdue),
            )
        )
        + "</span>",
        html.escape(
            _("{kind}: answer by {when}").format(
                kind=_("Access"), when=privacy_requests.answer_by(soon, TODAY)
            )
        ),
    ]
    privacy.decide_request(uow, soon.id, soon.version, "granted", TODAY, "")
    privacy.decide_request(uow, late.id, late.version, "withdrawn", TODAY, "")
    ctx.signals.emit_changes(uow.changes)  # as the commands do
    assert not form.requests.isVisible()  # decided: no longer open


def test_a_full_disk_keeps_the_registration_and_saves_it_later(
    ctx, case, qtbot, monkeypatch
) -> None:
    from jeugdtool.errors import DiskFull

    real = privacy.register_request

    def full(*args, **kwargs):
        raise DiskFull("full")

    panel = _panel(ctx, qtbot, case.id)
    form = panel.register()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClicks(form.requested_by, "moeder")
    monkeypatch.setattr(privacy, "register_request", full)
    form.save()
    qtbot.waitUntil(lambda: not form.isVisible())  # not lost: kept, the status bar says so
    assert len(ctx.pending) == 1 and privacy.list_requests(ctx.uow, case.id) == []
    monkeypatch.setattr(privacy, "register_request", real)
    assert ctx.pending.retry()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert ctx.undo_stack.canUndo()


def test_enter_on_an_open_request_decides_it_and_typed_markup_stays_text(
    ctx, uow, case, qtbot
) -> None:
    privacy.register_request(uow, case.id, "access", TODAY, "<b>moeder</b>", "<i>alles</i>")
    panel = _panel(ctx, qtbot, case.id)
    assert panel.details.textFormat() == Qt.TextFormat.PlainText
    assert "<i>alles</i>" in panel.details.text()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Key.Key_Return)
    form = _modal(qtbot, DecideRequestDialog)
    assert form.request.requested_by == "<b>moeder</b>"
    form.reject()
