"""Issue 17's UI test: a consultant records a home visit in the journal, starts a meldcode from
the map (the selected harm item is its signal), answers the afwegingskader by keyboard and
records a report to Veilig Thuis — all in the case workspace, by keyboard where it counts."""

from __future__ import annotations

import datetime as dt

import pytest
from meldcode_data import MeldcodeFamily
from meldcode_data import meldcode_family

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from jeugdtool.dossier import journal
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import meldcode_rules
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.dossier.vocab import VeiligThuisKind
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _

from jeugdtool.ui.journal.dialog import EntryDialog
from jeugdtool.ui.meldcode.afweging import AnswerChoice
from jeugdtool.ui.meldcode.contact_dialog import ContactDialog
from jeugdtool.ui.meldcode.page import MeldcodePage
from jeugdtool.ui.meldcode.signal_picker import SignalPicker
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import JOURNAL
from jeugdtool.ui.workspace.workspace import MELDCODE

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TODAY = dt.date.today()


@pytest.fixture
def data(uow, case) -> MeldcodeFamily:
    return meldcode_family(uow, case.id)


@pytest.fixture
def workspace(ctx, case, data, qtbot) -> CaseWorkspace:
    ws = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    with qtbot.waitActive(ws):
        ws.show()
        ws.activateWindow()
    return ws


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _dialog(qtbot, kind: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # typing goes there
    return dialog


def _back_to(qtbot, window: QWidget, dialog: QDialog) -> None:
    """The offscreen platform has no window manager to re-activate a window after a dialog."""
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with qtbot.waitActive(window):
        window.activateWindow()


def _record_home_visit(qtbot, ws: CaseWorkspace) -> None:
    _press(qtbot, Key.Key_0, CTRL)
    assert ws.nav.currentRow() == JOURNAL
    page = ws.journal.ensure_built()
    qtbot.waitUntil(lambda: page.isVisible() and page.editable)  # shown (queued), loaded
    page.section.table.setFocus()
    qtbot.waitUntil(page.section.table.hasFocus)
    _press(qtbot, Key.Key_Insert)
    dialog = _dialog(qtbot, EntryDialog)
    assert dialog.fields["kind"].currentData() == JournalKind.HOME_VISIT.value  # the default
    dialog.fields["note"].setFocus()
    qtbot.waitUntil(dialog.fields["note"].hasFocus)
    _type(qtbot, "Huisbezoek: Noa vertelt dat papa mama sloeg na het drinken.")
    _press(qtbot, Key.Key_Return, CTRL)
    _back_to(qtbot, ws, dialog)


def _start_meldcode_from_the_map(qtbot, ws: CaseWorkspace, data: MeldcodeFamily) -> MeldcodePage:
    _press(qtbot, Key.Key_2, CTRL)
    assert ws.nav.currentRow() == FRAMEWORK
    map_page = ws.framework.ensure_built().map
    qtbot.waitUntil(map_page.isVisible)  # shown (queued)
    assert map_page.select_item(data.harm.id, focus=True)
    qtbot.waitUntil(lambda: map_page.cells[Cell.HARM].view.hasFocus())
    _press(qtbot, Key.Key_D, CTRL | SHIFT)
    picker = _dialog(qtbot, SignalPicker)
    assert ws.nav.currentRow() == MELDCODE  # the meldcode page, behind the picker
    assert [c.lineage for c in picker.picked()] == [data.harm.lineage]  # pre-picked
    qtbot.waitUntil(picker.list.hasFocus)  # the keyboard is in the list of signals
    _press(qtbot, Key.Key_Return)  # "Start meldcode"
    _back_to(qtbot, ws, picker)
    page = ws.meldcode.ensure_built()
    assert isinstance(page, MeldcodePage)
    return page


def _answer(qtbot, choice: AnswerChoice, key: Key, reason: str) -> None:
    """J/N on the question, Tab to the reason, type it, Tab on (it is saved)."""
    choice.setFocus()
    qtbot.waitUntil(choice.hasFocus)
    _press(qtbot, key)
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, reason)
    _press(qtbot, Key.Key_Tab)


def _do_steps_1_to_3(uow, record_id: int) -> None:
    """Steps 1–3 are the record's own editors' tests; here they are done as a consultant would
    have done them before weighing."""
    kindcheck = {
        "kindcheck_adults": ("Mark Jansen",),
        "kindcheck_children_depend": "yes",
        "kindcheck_safety_assessed": "yes",
    }
    meldcode.update_record(uow, record_id, kindcheck)
    meldcode.update_step(uow, record_id, 1, {"done_on": TODAY})
    meldcode.update_step(
        uow, record_id, 2, {"with_whom": "Petra, aandachtsfunctionaris", "done_on": TODAY}
    )
    meldcode.update_step(
        uow, record_id, 3, {"talk_held": True, "with_whom": "Sanne en Mark", "done_on": TODAY}
    )


def test_home_visit_meldcode_from_the_map_afwegingskader_and_report(
    ctx, uow, case, data, workspace, qtbot, fake_dialogs
):
    ws = workspace
    _record_home_visit(qtbot, ws)
    [visit] = journal.journal(uow, case.id)
    assert visit.kind == JournalKind.HOME_VISIT.value
    assert "Noa vertelt" in visit.note

    page = _start_meldcode_from_the_map(qtbot, ws, data)
    [record] = meldcode.records(uow, case.id)
    assert [(s.source, s.source_lineage) for s in record.signals] == [
        (SignalSource.MAP_ITEM.value, data.harm.lineage)
    ]
    tab = page.meldcode
    qtbot.waitUntil(lambda: tab.record is not None and tab.record.id == record.id)
    _do_steps_1_to_3(uow, record.id)
    tab.reload_now()  # the services above ran outside the window

    # Step 4 by keyboard: J, Tab, reason, Tab — the outcome follows each answer.
    rows = tab.weigh_step.panel.rows
    _answer(qtbot, rows[0].choice, Key.Key_J, "Noa vertelde het zelf tijdens het huisbezoek")
    assert _focus() is rows[1].choice  # Tab from the reason goes on to the next question
    _answer(qtbot, rows[1].choice, Key.Key_J, "Het geweld herhaalt zich na het drinken")
    report_outcome = meldcode_rules.afweging_outcome({"suspicion": True, "unsafety": True})
    assert tab.weigh_step.panel.outcome.text() == report_outcome.summary
    assert rows[2].hint.isVisible()  # question 3 is not needed after a deciding answer
    record = meldcode.get_record(uow, record.id)
    assert [(a.answer, a.reason) for a in record.answers[:2]] == [
        (True, "Noa vertelde het zelf tijdens het huisbezoek"),
        (True, "Het geweld herhaalt zich na het drinken"),
    ]
    assert record.outcome.report
    weigh = tab.weigh_step
    weigh.today_button.click()
    assert meldcode.get_record(uow, record.id).steps[3].done_on == TODAY

    # Step 5: the decision follows the outcome (report ticked), then the report itself.
    decide = tab.decide_step
    qtbot.waitUntil(lambda: decide.decide_button.isEnabled())
    assert decide.report.isChecked()
    decide.decide_button.setFocus()
    _press(qtbot, Key.Key_Space)
    record = meldcode.get_record(uow, record.id)
    assert (record.decided_report, record.steps[4].done_on) == (True, TODAY)
    qtbot.waitUntil(lambda: decide.reports.button.hasFocus())
    _press(qtbot, Key.Key_Space)
    dialog = _dialog(qtbot, ContactDialog)
    assert dialog.fields["kind"].currentData() == VeiligThuisKind.REPORT.value
    for name, text in (("with_whom", "J. Visser"), ("reference", "VT-2026-0412")):
        dialog.fields[name].setFocus()
        qtbot.waitUntil(dialog.fields[name].hasFocus)
        _type(qtbot, text)
    _press(qtbot, Key.Key_Return, CTRL)
    _back_to(qtbot, ws, dialog)
    [report] = veilig_thuis.contacts(uow, case.id)
    assert (report.kind, report.reference, report.meldcode_record_id) == (
        VeiligThuisKind.REPORT.value,
        "VT-2026-0412",
        record.id,
    )
    qtbot.waitUntil(lambda: "VT-2026-0412" in decide.reports.text.text())

    # Close: the record becomes read-only; undo opens it again.
    fake_dialogs.answers.append(True)
    tab.close_button.click()
    assert meldcode.get_record(uow, record.id).status == "closed"
    qtbot.waitUntil(lambda: not rows[0].choice.isEnabled())
    assert tab.locked.isVisible() and not tab.close_button.isEnabled()
    assert fake_dialogs.errors == []
    ctx.undo_stack.undo()
    assert meldcode.get_record(uow, record.id).status == "open"
    assert _("Close meldcode record") in ctx.undo_stack.redoText()
