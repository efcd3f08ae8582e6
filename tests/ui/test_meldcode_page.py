"""The meldcode tab as a consultant uses it: the afwegingskader by keyboard (an answer waits for
its reason), step fields saved when left and undone with Ctrl+Z, refusals said beside the step
with what was typed kept, signals and the kindcheck, closed records read-only, and the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from meldcode_data import MeldcodeFamily
from meldcode_data import meldcode_family

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import journal
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import meldcode_rules
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import MeldcodeRecordDTO
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.dossier.vocab import SignalSource
from jeugdtool.i18n import _

from jeugdtool.ui.meldcode.meldcode_tab import MeldcodeTab
from jeugdtool.ui.meldcode.page import MeldcodePage
from jeugdtool.ui.meldcode.signal_picker import SignalPicker
from jeugdtool.ui.workspace.workspace import JOURNAL
from jeugdtool.ui.workspace.workspace import MELDCODE
from jeugdtool.ui.workspace.workspace import CaseWorkspace

Key = Qt.Key
TODAY = dt.date.today()


@pytest.fixture
def data(uow, case) -> MeldcodeFamily:
    return meldcode_family(uow, case.id)


def _start(uow, case_id: int) -> MeldcodeRecordDTO:
    choices = meldcode.signal_choices(uow, case_id)
    return meldcode.start_record(uow, case_id, signals=choices[:1]).value


def _page(ctx, case_id: int, qtbot) -> MeldcodePage:
    page = MeldcodePage(ctx, case_id)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page


@pytest.fixture
def record(uow, case, data) -> MeldcodeRecordDTO:
    return _start(uow, case.id)


@pytest.fixture
def shown(ctx, case, record, qtbot) -> MeldcodePage:
    page = _page(ctx, case.id, qtbot)
    qtbot.waitUntil(lambda: page.meldcode.record is not None)
    return page


@pytest.fixture
def tab(shown) -> MeldcodeTab:
    return shown.meldcode


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Key) -> None:
    qtbot.keyClick(_focus(), key)


def _into(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _answers(uow, record_id: int) -> list[tuple[bool | None, str]]:
    return [(a.answer, a.reason) for a in meldcode.get_record(uow, record_id).answers]


def test_an_answer_waits_for_its_reason_and_the_outcome_follows_live(ctx, uow, tab, record, qtbot):
    row = tab.weigh_step.panel.rows[0]
    _into(qtbot, row.choice)
    _press(qtbot, Key.Key_N)  # no suspicion
    # Shown and weighed at once, saved only with its reason (the service wants one).
    no_suspicion = meldcode_rules.afweging_outcome({"suspicion": False})
    assert tab.weigh_step.panel.outcome.text() == no_suspicion.summary
    assert row.message.isVisible()
    assert _answers(uow, record.id)[0] == (None, "")
    _press(qtbot, Key.Key_Tab)
    assert _focus() is row.reason
    qtbot.keyClicks(row.reason, "Het bleek een misverstand")
    _press(qtbot, Key.Key_Tab)
    assert _answers(uow, record.id)[0] == (False, "Het bleek een misverstand")
    assert not row.message.isVisible()
    # Leaving the reason empty after an answer says what is missing; nothing is saved.
    second = tab.weigh_step.panel.rows[1]
    _into(qtbot, second.choice)
    _press(qtbot, Key.Key_Y)
    _press(qtbot, Key.Key_Tab)
    _press(qtbot, Key.Key_Tab)
    assert second.message.isVisible() and second.choice.value is True
    assert _answers(uow, record.id)[1] == (None, "")
    # Undo takes the saved answer back; the outcome follows.
    ctx.undo_stack.undo()
    assert _answers(uow, record.id)[0] == (None, "")
    qtbot.waitUntil(lambda: row.choice.value is None)
    assert tab.weigh_step.panel.outcome.text() != no_suspicion.summary


def test_delete_clears_an_answer_and_y_is_yes(ctx, uow, tab, record, qtbot):
    meldcode.answer_question(uow, record.id, "suspicion", False, "Geen aanwijzing")
    tab.reload_now()
    row = tab.weigh_step.panel.rows[0]
    assert row.choice.value is False and row.reason.text() == "Geen aanwijzing"
    _into(qtbot, row.choice)
    _press(qtbot, Key.Key_Delete)
    assert _answers(uow, record.id)[0] == (None, "Geen aanwijzing")
    _press(qtbot, Key.Key_Y)  # the reason is there already: saved at once
    assert _answers(uow, record.id)[0] == (True, "Geen aanwijzing")
    assert row.choice.yes.isChecked() and not row.choice.no.isChecked()


def test_weigh_context_shows_the_formal_score_and_the_danger_statements(tab, data):
    panel = tab.weigh_step.panel
    assert "3" in panel.score.text()
    assert "Mark Sanne slaat" in panel.dangers.text()


def test_a_step_field_is_saved_when_left_and_undone(ctx, uow, tab, record, qtbot):
    consult = tab.steps[1]
    colleague = consult.texts["with_whom"]
    _into(qtbot, colleague)
    qtbot.keyClicks(colleague, "Petra, aandachtsfunctionaris")
    _press(qtbot, Key.Key_Tab)
    assert meldcode.get_record(uow, record.id).steps[1].with_whom == "Petra, aandachtsfunctionaris"
    ctx.undo_stack.undo()
    assert meldcode.get_record(uow, record.id).steps[1].with_whom == ""
    qtbot.waitUntil(lambda: colleague.text() == "")
    ctx.undo_stack.redo()
    assert meldcode.get_record(uow, record.id).steps[1].with_whom == "Petra, aandachtsfunctionaris"


def test_a_refused_step_says_why_beside_it_and_keeps_the_date(ctx, uow, tab, record, qtbot):
    talk = tab.steps[2]
    _into(qtbot, talk.done_on)
    qtbot.keyClicks(talk.done_on, TODAY.strftime("%d-%m-%Y"))
    _press(qtbot, Key.Key_Tab)
    assert talk.date_error.isVisible()
    assert "1" in talk.date_error.text()  # finish step 1 first
    assert talk.done_on.text() == TODAY.strftime("%d-%m-%Y")
    assert meldcode.get_record(uow, record.id).steps[2].done_on is None
    assert ctx.undo_stack.count() == 0


def test_signals_and_the_kindcheck_with_undo(ctx, uow, tab, record, data, qtbot, fake_dialogs):
    step = tab.signals_step
    assert step.list.count() == 1
    fake_dialogs.answers.append("Sanne had een blauwe plek op haar arm")
    step.own_button.click()
    signals = meldcode.get_record(uow, record.id).signals
    assert [(s.source, s.text) for s in signals][-1] == (
        SignalSource.OWN.value,
        "Sanne had een blauwe plek op haar arm",
    )
    qtbot.waitUntil(lambda: step.list.count() == 2)
    _into(qtbot, step.list)
    step.list.setCurrentRow(1)
    _press(qtbot, Key.Key_Delete)
    assert len(meldcode.get_record(uow, record.id).signals) == 1
    ctx.undo_stack.undo()
    assert len(meldcode.get_record(uow, record.id).signals) == 2
    step.depend.setCurrentIndex(step.depend.findData("yes"))
    step.depend.activated.emit(step.depend.currentIndex())
    assert meldcode.get_record(uow, record.id).kindcheck_children_depend == "yes"
    ctx.undo_stack.undo()
    assert meldcode.get_record(uow, record.id).kindcheck_children_depend is None


def test_deciding_before_the_afwegingskader_is_complete_is_refused_clearly(ctx, uow, tab, record):
    tab.decide_step.decide_button.click()
    assert tab.decide_step.error.isVisible()
    assert meldcode.get_record(uow, record.id).decided_report is None
    assert ctx.undo_stack.count() == 0


def test_start_from_the_tab_picks_signals_and_undo_removes_the_record(ctx, uow, case, data, qtbot):
    page = _page(ctx, case.id, qtbot)
    tab = page.meldcode
    assert tab.empty.isVisible() and tab.start_button.isEnabled()
    picker = page.start_record(data.danger.lineage)
    assert isinstance(picker, SignalPicker)
    assert [c.lineage for c in picker.picked()] == [data.danger.lineage]
    picker.accept()
    [started] = meldcode.records(uow, case.id)
    assert [s.source_lineage for s in started.signals] == [data.danger.lineage]
    qtbot.waitUntil(lambda: tab.record is not None)
    assert not tab.start_button.isEnabled()  # one open record at a time
    ctx.undo_stack.undo()
    assert meldcode.records(uow, case.id) == []
    qtbot.waitUntil(tab.empty.isVisible)


def _complete_and_close(uow, case_id: int, record_id: int) -> None:
    meldcode.update_record(
        uow, record_id, {"kindcheck_children_depend": "no", "kindcheck_adults": ("Mark",)}
    )
    meldcode.update_step(uow, record_id, 1, {"done_on": TODAY})
    meldcode.update_step(uow, record_id, 2, {"with_whom": "Petra", "done_on": TODAY})
    meldcode.update_step(uow, record_id, 3, {"talk_held": True, "with_whom": "Sanne"})
    meldcode.update_step(uow, record_id, 3, {"done_on": TODAY})
    meldcode.answer_question(uow, record_id, "suspicion", True, "Noa vertelde het")
    meldcode.answer_question(uow, record_id, "unsafety", True, "Herhaald geweld")
    meldcode.update_step(uow, record_id, 4, {"done_on": TODAY})
    meldcode.decide(uow, record_id, report=True, help=True, reason="")
    fields = {
        "kind": "report",
        "contact_on": TODAY,
        "channel": "phone",
        "reference": "VT-1",
        "meldcode_record_id": record_id,
    }
    veilig_thuis.add_contact(uow, case_id, fields)
    meldcode.close_record(uow, record_id)


def test_a_closed_record_reads_as_the_record_and_offers_no_change(ctx, uow, case, record, qtbot):
    _complete_and_close(uow, case.id, record.id)
    page = _page(ctx, case.id, qtbot)
    tab = page.meldcode
    qtbot.waitUntil(lambda: tab.record is not None)
    assert tab.locked.isVisible()
    assert not tab.close_button.isEnabled() and tab.pdf_button.isEnabled()
    assert tab.start_button.isEnabled()  # a new worry starts a new record
    assert all(not row.choice.isEnabled() for row in tab.weigh_step.panel.rows)
    assert all(row.reason.isReadOnly() for row in tab.weigh_step.panel.rows)
    assert all(f.isReadOnly() for box in tab.steps for f in box.texts.values())
    assert not tab.signals_step.own_button.isEnabled()
    assert not tab.decide_step.decide_button.isEnabled()
    assert not tab.decide_step.reports.button.isEnabled()
    assert "VT-1" in tab.decide_step.reports.text.text()
    row = tab.weigh_step.panel.rows[2]
    row.choice.setFocus()
    qtbot.keyClick(row.choice, Key.Key_J)
    assert meldcode.get_record(uow, record.id).answers[2].answer is None
    assert ctx.undo_stack.count() == 0


def test_pdf_for_the_file(ctx, uow, case, record, tab, tmp_path, fake_dialogs):
    target = tmp_path / "meldcode"
    fake_dialogs.answers.append(str(target))
    written = tab.save_pdf()
    assert written == tmp_path / "meldcode.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert fake_dialogs.offers == [(written, False)]


def test_the_page_has_the_three_tabs(ctx, case, data, qtbot):
    page = _page(ctx, case.id, qtbot)
    names = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert names == [_("Meldcode"), _("Veilig Thuis"), _("Verwijsindex")]


def test_a_step_shows_the_journal_entries_about_it(ctx, uow, case, record, qtbot):
    link = JournalLinkDTO(LinkKind.MELDCODE_STEP.value, f"{record.id}:1", "Meldcode 1, stap 1")
    fields = {
        "occurred_on": TODAY,
        "kind": JournalKind.HOME_VISIT.value,
        "note": "Huisbezoek",
        "links": (link,),
    }
    journal.add_entry(uow, case.id, fields)
    page = _page(ctx, case.id, qtbot)
    tab = page.meldcode
    qtbot.waitUntil(lambda: tab.record is not None)
    visit = f"{format_date_nl(TODAY)} {JournalKind.HOME_VISIT.label}"
    assert visit in tab.steps[0].journal.text()
    assert visit not in tab.steps[1].journal.text()


def test_a_step_opens_the_journal_at_the_entries_about_it(ctx, uow, case, record, qtbot):
    """From step 1 to what was written about it: the journal, filtered on that step."""
    link = JournalLinkDTO(LinkKind.MELDCODE_STEP.value, f"{record.id}:1", "Meldcode 1, stap 1")
    day = {"occurred_on": TODAY, "kind": JournalKind.HOME_VISIT.value}
    journal.add_entry(uow, case.id, {**day, "note": "Over de signalen", "links": (link,)})
    journal.add_entry(uow, case.id, {**day, "note": "Iets anders"})
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 720)
    workspace.show()
    workspace.show_page(MELDCODE)
    tab = workspace.meldcode.ensure_built().meldcode
    qtbot.waitUntil(lambda: tab.record is not None)
    assert not tab.steps[1].journal_button.isVisibleTo(tab)  # nothing about step 2
    tab.steps[0].journal_button.click()
    assert workspace.nav.currentRow() == JOURNAL
    page = workspace.journal.ensure_built()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).note == "Over de signalen"


def test_the_decision_is_undone_and_redone(ctx, uow, case, record, qtbot):
    meldcode.update_record(uow, record.id, {"kindcheck_children_depend": "no"})
    for step, fields in (
        (1, {}),
        (2, {"with_whom": "Petra"}),
        (3, {"talk_held": True, "with_whom": "Sanne"}),
    ):
        meldcode.update_step(uow, record.id, step, {**fields, "done_on": TODAY})
    meldcode.answer_question(uow, record.id, "suspicion", True, "Noa vertelde het")
    meldcode.answer_question(uow, record.id, "unsafety", True, "Herhaald geweld")
    meldcode.update_step(uow, record.id, 4, {"done_on": TODAY})
    page = _page(ctx, case.id, qtbot)
    decide = page.meldcode.decide_step
    qtbot.waitUntil(decide.decide_button.isEnabled)
    assert decide.report.isChecked() and not decide.help.isChecked()  # as the outcome says
    decide.help.setChecked(True)  # help beside a report needs no reason
    decide.decide_button.click()
    decided = meldcode.get_record(uow, record.id)
    assert (decided.decided_report, decided.decided_help) == (True, True)
    qtbot.waitUntil(lambda: not decide.decide_button.isEnabled())
    assert decide.decision.text() == _(
        "Decided: report to Veilig Thuis and offer or organise help."
    )
    ctx.undo_stack.undo()
    undone = meldcode.get_record(uow, record.id)
    assert (undone.decided_report, undone.steps[4].done_on) == (None, None)
    qtbot.waitUntil(decide.decide_button.isEnabled)
    ctx.undo_stack.redo()
    assert meldcode.get_record(uow, record.id).decided_help is True


def test_a_colleagues_change_meanwhile_keeps_what_was_typed(ctx, uow, tab, record, qtbot):
    colleague = tab.steps[1].texts["with_whom"]
    # Someone else records the colleague consulted after the page was read.
    meldcode.update_step(uow, record.id, 2, {"with_whom": "Karin"})
    _into(qtbot, colleague)
    qtbot.keyClicks(colleague, "Petra")
    _press(qtbot, Key.Key_Tab)
    assert meldcode.get_record(uow, record.id).steps[1].with_whom == "Karin"  # not overwritten
    assert tab.steps[1].date_error.isVisible()  # says why
    assert colleague.text() == "Petra" and colleague.isModified()  # kept, to save again
    assert ctx.undo_stack.count() == 0
