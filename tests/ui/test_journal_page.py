"""The case journal as a consultant uses it: a home visit written by keyboard, changed within
the editing period, read-only afterwards with the reason shown and set right by a correction,
filters by kind, words and what the entries are about, and undo / redo of each step."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from plan_data import Family
from plan_data import family

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import journal
from jeugdtool.dossier import journal_rules
from jeugdtool.dossier.dto import JournalEntryDTO
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.i18n import _
from jeugdtool.store.base import utcnow

from jeugdtool.ui.journal import texts
from jeugdtool.ui.journal.dialog import EntryDialog
from jeugdtool.ui.journal.model import JournalTableModel
from jeugdtool.ui.journal.page import JournalPage

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = dt.date.today()


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def page(ctx, case, fam, qtbot) -> JournalPage:
    shown = JournalPage(ctx, case.id)
    qtbot.addWidget(shown)
    shown.resize(1200, 760)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    return shown


def _entry(uow, case_id: int, **fields) -> JournalEntryDTO:
    given = {"occurred_on": TODAY, "kind": "phone_call", "note": "Gebeld met Sanne.", **fields}
    return journal.add_entry(uow, case_id, given).value


def _age(uow, entry_id: int, days: int) -> None:
    """Write the entry down `days` ago: its editing period (7 days by default) ends earlier."""
    with uow:
        uow.session.get(JournalEntry, entry_id).recorded_at = utcnow() - dt.timedelta(days=days)
        uow.commit()


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _dialog(qtbot) -> EntryDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), EntryDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, EntryDialog)
    return dialog


def _closed(qtbot, dialog: QDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _cells(page: JournalPage, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def _tick_link(dialog: EntryDialog, kind: str) -> None:
    for g in range(dialog.links.topLevelItemCount()):
        group = dialog.links.topLevelItem(g)
        for i in range(group.childCount()):
            item = group.child(i)
            if item.data(0, Qt.ItemDataRole.UserRole + 1).kind == kind:
                item.setCheckState(0, Qt.CheckState.Checked)
                return
    raise AssertionError(f"no {kind} to link to")


def test_a_home_visit_is_written_by_keyboard_and_undone(page, ctx, case, qtbot):
    page.section.table.setFocus()
    qtbot.keyClick(_focus(), Key.Key_Insert)
    dialog = _dialog(qtbot)
    assert dialog.fields["kind"].currentData() == "home_visit"  # the usual kind first
    assert dialog.fields["occurred_on"].text() == format_date_nl(TODAY)
    qtbot.keyClick(_focus(), Key.Key_Tab)  # to the date
    qtbot.keyClick(_focus(), Key.Key_Tab)  # to the time
    qtbot.keyClicks(_focus(), "14:30")
    qtbot.keyClick(_focus(), Key.Key_Tab)  # to the people: the first is current
    qtbot.keyClick(_focus(), Key.Key_Space)
    first_person = dialog.people.item(0).text()
    dialog.others.setText("juf Petra")
    dialog.fields["note"].setFocus()
    qtbot.keyClicks(_focus(), "Huisbezoek: Noa laat haar kamer zien.")
    _tick_link(dialog, "statement")
    qtbot.keyClick(_focus(), Key.Key_Return, CTRL)
    _closed(qtbot, dialog)

    (entry,) = journal.journal(ctx.uow, case.id)
    assert entry.kind == "home_visit" and entry.occurred_at == dt.time(14, 30)
    assert entry.participants == (first_person, "juf Petra")
    assert [link.kind for link in entry.links] == ["statement"]
    assert _cells(page, JournalTableModel.KIND) == [_("Home visit")]
    assert "Noa laat haar kamer zien" in page.details.text()
    # The keyboard goes back to the timeline.
    qtbot.waitUntil(lambda: page.window().focusWidget() is page.section.table)

    ctx.undo_stack.undo()
    assert journal.journal(ctx.uow, case.id) == []
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    ctx.undo_stack.redo()
    assert [e.id for e in journal.journal(ctx.uow, case.id)] == [entry.id]  # its own id back


def test_a_problem_keeps_the_dialog_and_what_was_typed(page, ctx, case, qtbot):
    dialog = page.add_entry()
    assert dialog is not None
    dialog.fields["occurred_at"].setText("25:99")
    dialog.fields["note"].setText("Niet opgenomen.")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors["occurred_at"].isVisible()
    assert dialog.fields["note"].text() == "Niet opgenomen."
    assert journal.journal(ctx.uow, case.id) == []
    dialog.fields["occurred_at"].setText("9.05")
    qtbot.waitUntil(lambda: not dialog.errors["occurred_at"].isVisible())
    dialog.accept()
    _closed(qtbot, dialog)
    assert journal.journal(ctx.uow, case.id)[0].occurred_at == dt.time(9, 5)


def test_an_entry_is_changed_within_its_period_and_undone(page, ctx, case, qtbot):
    entry = _entry(ctx.uow, case.id)
    page.reload()
    page.section.select_row(0)
    page.section.table.setFocus()
    qtbot.keyClick(_focus(), Key.Key_Return)
    dialog = _dialog(qtbot)
    assert dialog.windowTitle() == _("Change journal entry")
    dialog.fields["note"].setText("Gebeld met Sanne en Mark.")
    dialog.accept()
    _closed(qtbot, dialog)
    assert journal.get_entry(ctx.uow, entry.id).note == "Gebeld met Sanne en Mark."
    ctx.undo_stack.undo()
    assert journal.get_entry(ctx.uow, entry.id).note == "Gebeld met Sanne."


def test_past_its_period_an_entry_is_read_only_and_corrected(page, ctx, case, fake_dialogs, qtbot):
    entry = _entry(ctx.uow, case.id, note="Mark was niet thuis.")
    _age(ctx.uow, entry.id, 30)
    page.reload()
    page.section.select_row(0)
    assert not page.section.edit_button.isEnabled()
    assert not page.section.remove_button.isEnabled()
    assert page.correct_button.isEnabled()
    shown = journal.get_entry(ctx.uow, entry.id)
    assert format_date_nl(shown.editable_until) in page.details.text()  # the reason, with when
    page.section.table.setFocus()
    qtbot.keyClick(_focus(), Key.Key_Return)  # Enter on a read-only entry: correct it
    dialog = _dialog(qtbot)
    assert dialog.windowTitle() == _("Correct journal entry")
    assert dialog.fields["note"].text() == "Mark was niet thuis."  # to be set right
    dialog.fields["note"].setText("Mark was wel thuis, maar sliep.")
    dialog.accept()
    _closed(qtbot, dialog)

    correction, old = journal.journal(ctx.uow, case.id)
    assert correction.corrects_id == entry.id and old.corrected_by == (correction.id,)
    assert old.note == "Mark was niet thuis."  # the file keeps what was written
    assert _("correction") in page.model.data(page.model.index(0, JournalTableModel.NOTE))
    assert _("corrected") in page.model.data(page.model.index(1, JournalTableModel.NOTE))
    ctx.undo_stack.undo()
    assert [e.id for e in journal.journal(ctx.uow, case.id)] == [entry.id]


def test_a_correction_says_why_and_is_refused_while_unchanged(page, ctx, case, qtbot):
    entry = _entry(ctx.uow, case.id, note="Mark was niet thuis.")
    _age(ctx.uow, entry.id, 30)
    page.reload()
    page.section.select_row(0)
    page.correct_button.click()
    dialog = _dialog(qtbot)
    until = format_date_nl(journal.get_entry(ctx.uow, entry.id).editable_until)
    intro = _("The entry of {when} could be changed until {date}; it is part of the file now.")
    assert any(
        intro.format(when=format_date_nl(TODAY), date=until) in label.text()
        for label in dialog.findChildren(QLabel)
    )  # why the entry itself does not change
    dialog.accept()  # an unchanged copy sets nothing right: said under the note, kept open
    assert dialog.isVisible() and dialog.errors["note"].isVisible()
    assert len(journal.journal(ctx.uow, case.id)) == 1
    dialog.fields["note"].setText("Mark was wel thuis, maar sliep.")
    dialog.accept()
    _closed(qtbot, dialog)
    assert len(journal.journal(ctx.uow, case.id)) == 2


def test_the_dialog_opens_at_what_the_entry_is_about(page, ctx, case, fam, qtbot):
    """The first ticked link is the current one, in view, however long the list of choices."""
    link = JournalLinkDTO("statement", fam.danger.lineage, fam.danger.text)
    _entry(ctx.uow, case.id, note="Over het gevaar", links=[link])
    page.reload()
    page.section.select_row(0)
    page.section.edit_button.click()
    dialog = _dialog(qtbot)
    current = dialog.links.currentItem()
    assert current is not None and current.checkState(0) == Qt.CheckState.Checked
    assert current.data(0, Qt.ItemDataRole.UserRole + 1).key == fam.danger.lineage
    dialog.reject()


def test_filters_narrow_the_timeline(page, ctx, case, fam, qtbot):
    link = JournalLinkDTO("statement", fam.danger.lineage, fam.danger.text)
    _entry(ctx.uow, case.id, kind="home_visit", note="Huisbezoek bij Aïcha", links=[link])
    _entry(ctx.uow, case.id, kind="phone_call", note="Gebeld met school")
    _entry(ctx.uow, case.id, kind="email", note="Mail van de huisarts")
    page.reload()
    assert page.model.rowCount() == 3
    bar = page.filters
    bar.kind.setCurrentIndex(bar.kind.findData("email"))
    assert _cells(page, JournalTableModel.NOTE) == ["Mail van de huisarts"]
    bar.kind.setCurrentIndex(0)
    bar.text.setText("aicha")  # case and accents aside
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    bar.text.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    bar.about.setCurrentIndex(bar.about.findData(f"statement:{fam.danger.lineage}"))
    assert _cells(page, JournalTableModel.NOTE) == ["Huisbezoek bij Aïcha"]
    bar.reset()
    assert page.model.rowCount() == 3


def test_a_period_that_finds_nothing_says_how_to_show_all(page, ctx, case, qtbot):
    _entry(ctx.uow, case.id)
    page.reload()
    tomorrow = TODAY + dt.timedelta(days=1)
    page.filters.start.setText(format_date_nl(tomorrow))
    page.filters.start.editingFinished.emit()
    assert page.model.rowCount() == 0
    assert _("Show all") in page.section.empty_hint.text()
    page.filters.start.setText("gisteren")
    page.filters.start.editingFinished.emit()
    assert page.filters.problem.isVisible()  # told, not ignored silently
    assert page.model.rowCount() == 1


def test_a_closed_case_shows_the_journal_read_only(page, ctx, case, qtbot):
    _entry(ctx.uow, case.id)
    households.close_case(ctx.uow, case.id, "Doelen bereikt", TODAY)
    page.reload()
    assert page.model.rowCount() == 1
    assert not page.section.add_button.isEnabled()
    assert not page.correct_button.isEnabled()
    assert page.locked.isVisible()
    assert page.add_entry() is None


def test_someone_elses_entry_says_who_may_change_it(page, ctx, case, qtbot):
    entry = _entry(ctx.uow, case.id)
    with ctx.uow:
        row = ctx.uow.session.get(JournalEntry, entry.id)
        row.author_id, row.author = None, "J. Visser"
        ctx.uow.commit()
    page.reload()
    page.section.select_row(0)
    assert not page.section.edit_button.isEnabled()
    assert page.correct_button.isEnabled()  # anyone may add a correction
    shown = journal.get_entry(ctx.uow, entry.id)
    reason = journal_rules.why_read_only(None, shown.recorded_at, ctx.uow.person_id, TODAY, 7)
    assert reason and html.escape(reason) in page.details.text()  # the core's own words


def test_the_timeline_model_passes_the_model_tester(page, ctx, case, qtmodeltester):
    _entry(ctx.uow, case.id)
    _entry(ctx.uow, case.id, kind="email", working_note=True, participants=["Sanne Jansen"])
    page.reload()
    qtmodeltester.check(page.model, force_py=True)


def test_a_link_names_its_kind_once():
    """'ZRM domain: ZRM Sanne …' said it twice; an agreement's text still gets its kind."""
    zrm = JournalLinkDTO(
        "zrm_domain", "1:geestelijke_gezondheid", "ZRM Sanne: geestelijke gezondheid"
    )
    assert texts.link_label(zrm) == "ZRM Sanne: geestelijke gezondheid"
    agreement = JournalLinkDTO("agreement", "L1", "Oma haalt Noa op")
    assert texts.link_label(agreement) == _("{kind}: {label}").format(
        kind=LinkKind.AGREEMENT.label, label="Oma haalt Noa op"
    )
