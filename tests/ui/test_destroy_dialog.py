"""Destroying a case from the window: the dialog names the case and its retention date, asks a
reason and the case number again, and Enter never destroys."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import pytest

from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy

from jeugdtool.cases import destruction
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases import retention
from jeugdtool.cases.destruction import Ground
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import DiskFull
from jeugdtool.errors import JeugdtoolError
from jeugdtool.export import demo
from jeugdtool.i18n import _
from jeugdtool.store import faults

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.destroy_dialog import BUSY
from jeugdtool.ui.destroy_dialog import WARNING
from jeugdtool.ui.destroy_dialog import DestroyDialog
from jeugdtool.ui.main_window import MainWindow

REASON = "Bewaartermijn verstreken, dossier gecontroleerd"
#: Demo case 2026-0003 was closed on this day.
CLOSED = "2026-0003"


@pytest.fixture
def loaded(demo_households) -> dict[str, int]:
    return {h.case_number: h.id for h in demo_households}


def _dialog(ctx, qtbot, number: str, today: dt.date | None = None) -> DestroyDialog:
    dialog = DestroyDialog(ctx, number, today=today)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot, dialog: DestroyDialog, confirm: str) -> None:
    qtbot.keyClicks(dialog.reason, REASON)
    qtbot.keyClicks(dialog.confirm, confirm)


def test_the_dialog_names_the_case_and_its_retention_date(ctx, uow, qtbot, loaded) -> None:
    case = destruction.find_case(uow, CLOSED)
    assert case.closed_on is not None
    until = retention.retention_date(case.closed_on, retention.load_rule())
    assert until is not None
    dialog = _dialog(ctx, qtbot, CLOSED, today=until - dt.timedelta(days=1))
    text = dialog.about.text()
    assert "Gezin Meijer-Dijkstra" in text and format_date_nl(until) in text
    assert _("the retention date has not passed yet") in text
    assert dialog.ground.currentData() == Ground.REQUEST.value
    assert dialog.warning.text() == _(WARNING)
    assert colour(Role.ERROR) in dialog.warning.styleSheet()  # red

    later = _dialog(ctx, qtbot, CLOSED, today=until)
    assert _("the retention date has passed") in later.about.text()
    assert later.ground.currentData() == Ground.RETENTION.value


def test_enter_never_destroys_and_the_button_waits_for_the_number(ctx, uow, qtbot, loaded) -> None:
    dialog = _dialog(ctx, qtbot, CLOSED)
    assert not dialog.destroy_button.isEnabled()
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.buttons.buttons())
    _fill(qtbot, dialog, "2026-0004")
    assert not dialog.destroy_button.isEnabled()  # the wrong number
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, CLOSED)
    assert dialog.destroy_button.isEnabled()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Enter)
    assert destruction.tombstones(uow) == []
    assert queries.find_case_id(uow, CLOSED) == loaded[CLOSED]


def test_destroying_removes_the_case_reports_and_tells_the_screens(
    ctx, uow, qtbot, loaded, fake_dialogs
) -> None:
    ctx.undo_stack.setClean()
    spy = QSignalSpy(ctx.signals.changed)
    dialog = _dialog(ctx, qtbot, CLOSED)
    _fill(qtbot, dialog, CLOSED)
    qtbot.mouseClick(dialog.destroy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == DestroyDialog.DialogCode.Accepted)
    assert queries.find_case_id(uow, CLOSED) is None
    (stone,) = destruction.tombstones(uow)
    assert (stone.case_number, stone.reason, stone.destroyed_by) == (CLOSED, REASON, "A. de Boer")
    assert stone.legal_ground == destruction.LEGAL_GROUND[Ground(dialog.ground.currentData())]
    (report,) = fake_dialogs.infos
    assert CLOSED in report and _("persons") + ": " in report
    assert spy.count() == 1
    changes = spy.at(0)[0]
    assert changes.touches("household") and changes.touches_case(loaded[CLOSED])
    assert dialog.result() == DestroyDialog.DialogCode.Accepted


def test_an_open_case_cannot_be_destroyed(ctx, uow, qtbot, loaded) -> None:
    dialog = _dialog(ctx, qtbot, "2026-0001")
    assert _("An open case cannot be destroyed; close it first.") in dialog.about.text()
    _fill(qtbot, dialog, "2026-0001")
    assert not dialog.destroy_button.isEnabled()
    households.close_case(uow, loaded["2026-0001"], "Hulp afgerond", dt.date.today())
    dialog.look_up()
    assert dialog.destroy_button.isEnabled()


def test_an_unknown_number_says_so(ctx, qtbot, loaded) -> None:
    dialog = _dialog(ctx, qtbot, "2026-9999")
    assert "2026-9999" in dialog.about.text()
    assert not dialog.destroy_button.isEnabled()


@pytest.fixture
def window(started_window: MainWindow) -> MainWindow:
    return started_window


def test_the_case_menu_offers_destroy_for_the_case_in_view(window: MainWindow, qtbot) -> None:
    ctx = window.ctx
    loaded = {h.case_number: h.id for h in demo.load_demo(ctx.uow).value}
    window.list_page.reload()
    (case_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == _("&Case")]
    assert window.destroy_action in case_menu.actions()
    assert window.destroy_action.isEnabled()  # single-user: the consultant may
    window.open_case(loaded[CLOSED])
    window.destroy_action.trigger()
    dialog = window.findChild(DestroyDialog)
    assert dialog is not None and dialog.number.text() == CLOSED
    _fill(qtbot, dialog, CLOSED)
    qtbot.mouseClick(dialog.destroy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: loaded[CLOSED] not in window.workspaces)


# ---- off the GUI thread --------------------------------------------------------------------


class Gate:
    """`destruction.destroy_case` that waits in the worker until the test opens the gate."""

    def __init__(self, fail: JeugdtoolError | None = None) -> None:
        self.started, self.go = threading.Event(), threading.Event()
        self.fail = fail
        self.real = destruction.destroy_case
        self.thread: threading.Thread | None = None

    def __call__(self, *args, **kwargs):
        self.thread = threading.current_thread()
        self.started.set()
        assert self.go.wait(10)
        if self.fail is not None:
            raise self.fail
        return self.real(*args, **kwargs)


def test_destroying_runs_in_the_background_and_the_dialog_waits_for_it(
    ctx, uow, qtbot, loaded, fake_dialogs, monkeypatch
) -> None:
    gate = Gate()
    monkeypatch.setattr(destruction, "destroy_case", gate)
    dialog = _dialog(ctx, qtbot, CLOSED)
    _fill(qtbot, dialog, CLOSED)
    qtbot.mouseClick(dialog.destroy_button, Qt.MouseButton.LeftButton)
    assert gate.started.wait(5)
    assert gate.thread is not threading.main_thread()
    # Nothing can be pressed, changed or closed meanwhile, and the dialog says why.
    assert not any(b.isEnabled() for b in dialog.buttons.buttons())
    assert not dialog.reason.isEnabled() and not dialog.confirm.isEnabled()
    assert dialog.busy_note.isVisible() and dialog.busy_bar.isVisible()
    assert _(BUSY).format(number=CLOSED) == dialog.busy_note.text()
    qtbot.wait(50)  # laid out
    rows = [dialog.about, dialog.ground, dialog.warning, dialog.busy_note, dialog.busy_bar]
    for upper, lower in itertools.pairwise(rows):  # the note takes room of its own
        assert upper.geometry().bottom() < lower.geometry().top(), (upper, lower)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible() and dialog.busy
    gate.go.set()
    qtbot.waitUntil(lambda: dialog.result() == DestroyDialog.DialogCode.Accepted)
    assert not dialog.isVisible()
    assert queries.find_case_id(uow, CLOSED) is None
    (report,) = fake_dialogs.infos
    assert CLOSED in report


def test_a_failure_is_shown_in_dutch_and_the_dialog_can_be_used_again(
    ctx, uow, qtbot, loaded, fake_dialogs, monkeypatch
) -> None:
    full = DiskFull(str(faults.disk_full()))
    gate = Gate(fail=full)
    gate.go.set()
    monkeypatch.setattr(destruction, "destroy_case", gate)
    dialog = _dialog(ctx, qtbot, CLOSED)
    _fill(qtbot, dialog, CLOSED)
    qtbot.mouseClick(dialog.destroy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert fake_dialogs.errors == [str(full)]
    assert dialog.isVisible() and dialog.destroy_button.isEnabled()
    assert not dialog.busy_note.isVisible()
    assert dialog.reason.text() == REASON  # nothing to type again
    assert queries.find_case_id(uow, CLOSED) == loaded[CLOSED]
