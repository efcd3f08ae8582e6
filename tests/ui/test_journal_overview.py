"""The dossier on the case overview and the kindcheck: the latest contacts, the meldcode and
Veilig Thuis at a glance (a report without reference marked), and the kindcheck asked right
after a worry about an adult is noted — answered by keyboard, recorded in the journal, undone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html

import pytest
from plan_data import Family
from plan_data import family

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import journal
from jeugdtool.dossier import kindcheck
from jeugdtool.dossier import meldcode
from jeugdtool.dossier import veilig_thuis
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.dto import VeiligThuisContactDTO
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.zrm import assessments as za

from jeugdtool.ui.journal.kindcheck_dialog import SETTLE_MS
from jeugdtool.ui.journal.kindcheck_dialog import KindcheckDialog
from jeugdtool.ui.journal.summary import closed_line
from jeugdtool.ui.journal.summary import veilig_thuis_lines
from jeugdtool.ui.workspace.workspace import JOURNAL
from jeugdtool.ui.workspace.workspace import MELDCODE
from jeugdtool.ui.workspace.workspace import CaseWorkspace

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = dt.date.today()


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def workspace(ctx, case, fam, qtbot) -> CaseWorkspace:
    shown = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(shown)
    shown.resize(1300, 760)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    overview = shown.overview
    qtbot.waitUntil(lambda: overview.contacts.loaded and overview.meldcode.loaded)
    return shown


def _note(ctx, case_id: int, days_ago: int, note: str) -> None:
    """As the window writes it: through `ctx.run`, which tells the screens."""
    day = TODAY - dt.timedelta(days=days_ago)
    fields = {"occurred_on": day, "kind": "phone_call", "note": note}
    ctx.run(journal.add_entry, case_id, fields)


def _worry_about(ctx, case_id: int, person_id: int) -> None:
    moment = moments.list_moments(ctx.uow, case_id)[0]
    fields = {"text": "Mark drinkt veel en wordt dan boos", "concerns_person_id": person_id}
    ctx.run(moments.add_item, moment.id, Cell.DANGER, fields)


def test_the_overview_shows_the_three_latest_contacts(workspace, ctx, case, qtbot):
    for days_ago, note in ((9, "Eerste"), (6, "Tweede"), (3, "Derde"), (1, "Vierde")):
        _note(ctx, case.id, days_ago, note)
    text = workspace.overview.contacts.text
    qtbot.waitUntil(lambda: "Vierde" in text.text())
    shown = text.text()
    assert shown.index("Vierde") < shown.index("Derde") < shown.index("Tweede")
    assert "Eerste" not in shown
    workspace.overview.contacts.open_requested.emit()
    assert workspace.nav.currentRow() == JOURNAL


def test_the_overview_marks_a_report_without_reference(workspace, ctx, case, qtbot):
    summary = workspace.overview.meldcode
    assert _("No meldcode record and no Veilig Thuis contacts.") in summary.text.text()
    ctx.run(meldcode.start_record, case.id)
    fields = {"kind": "report", "contact_on": TODAY, "channel": "phone"}
    report = ctx.run(veilig_thuis.add_contact, case.id, fields)
    missing = _(
        "⚠ The report of {date} has no reference number yet: add it on the Veilig Thuis "
        "tab once Veilig Thuis sends it."
    ).format(date=format_date_nl(TODAY))
    qtbot.waitUntil(lambda: missing.replace("⚠ ", "") in summary.text.text())
    assert (
        _("Meldcode {number} open since {date}").format(number=1, date=format_date_nl(TODAY))
        in summary.text.text()
    )
    ctx.run(veilig_thuis.update_contact, report.id, {"reference": "VT-2026-118"})
    qtbot.waitUntil(lambda: missing.replace("⚠ ", "") not in summary.text.text())
    summary.open_requested.emit()
    assert workspace.nav.currentRow() == MELDCODE


def test_a_worry_about_an_adult_asks_the_kindcheck_by_keyboard(workspace, ctx, case, fam, qtbot):
    bar = workspace.kindcheck_bar
    assert bar.isHidden()  # nothing raised yet
    _worry_about(ctx, case.id, fam.mark.id)
    qtbot.waitUntil(bar.isVisible)  # right after the change, without taking the keyboard
    assert "Mark" in bar.text.text()
    summary = workspace.overview.meldcode
    qtbot.waitUntil(lambda: summary.kindcheck_button.isVisible())

    bar.answer_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), KindcheckDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, KindcheckDialog)
    dialog.accept()  # nothing chosen: told, kept open
    assert dialog.isVisible() and dialog.errors["children_depend"].isVisible()
    focus = QApplication.focusWidget
    dialog.fields["children_depend"].setFocus()
    qtbot.keyClick(focus(), Key.Key_Down)  # "Yes"
    qtbot.keyClick(focus(), Key.Key_Tab)
    qtbot.keyClick(focus(), Key.Key_Down)
    qtbot.keyClick(focus(), Key.Key_Down)  # "No"
    qtbot.keyClick(focus(), Key.Key_Tab)
    qtbot.keyClicks(focus(), "Noa woont bij Sanne; navragen bij school.")
    qtbot.keyClick(focus(), Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (answered,) = kindcheck.kindchecks(ctx.uow, case.id)
    assert (answered.children_depend, answered.safety_assessed) == ("yes", "no")
    entry = journal.get_entry(ctx.uow, answered.journal_entry_id)
    assert entry.kind == "kindcheck"
    assert kindcheck.pending_kindchecks(ctx.uow, case.id) == []
    qtbot.waitUntil(bar.isHidden)
    qtbot.waitUntil(lambda: not summary.kindcheck_button.isVisible())

    ctx.undo_stack.undo()  # the answer and its journal entry go together
    assert kindcheck.kindchecks(ctx.uow, case.id) == []
    assert journal.journal(ctx.uow, case.id) == []
    qtbot.waitUntil(lambda: summary.kindcheck_button.isVisible())


def test_another_page_opens_the_journal_about_one_thing(workspace, ctx, case, fam, qtbot):
    about = JournalLinkDTO("statement", fam.danger.lineage, fam.danger.text)
    fields = {"occurred_on": TODAY, "kind": "home_visit", "note": "Over het gevaar"}
    ctx.run(journal.add_entry, case.id, {**fields, "links": [about]})
    _note(ctx, case.id, 1, "Iets anders")
    workspace.show_journal_about(f"statement:{fam.danger.lineage}", fam.danger.text)
    page = workspace.journal.ensure_built()
    assert workspace.nav.currentRow() == JOURNAL
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.entries[0].note == "Over het gevaar"


def test_a_low_zrm_level_of_an_adult_shows_the_kindcheck_bar(workspace, ctx, case, fam, qtbot):
    bar = workspace.kindcheck_bar
    assessment = ctx.run(za.create_assessment, fam.sanne.id, assessed_on=TODAY)
    ctx.run(za.set_domain, assessment.id, "financien", {"level": 2})
    qtbot.wait(2 * SETTLE_MS)
    assert bar.isHidden()  # not a domain the kindcheck is about
    ctx.run(za.set_domain, assessment.id, "geestelijke_gezondheid", {"level": 2})
    qtbot.waitUntil(bar.isVisible)
    assert "Sanne" in bar.text.text()
    bar.later_button.click()
    assert bar.isHidden()  # later: the overview keeps the question
    summary = workspace.overview.meldcode
    qtbot.waitUntil(lambda: "Sanne" in summary.text.text())


def _contact(kind: str, day: dt.date, reference: str = "") -> VeiligThuisContactDTO:
    return VeiligThuisContactDTO(1, 1, kind, day, "phone", "", "", reference, "", None, 1)


def test_the_veilig_thuis_line_names_only_what_there_is():
    """ "1 consultation", not "1 consultation, 0 reports"; a report without reference says
    where to add it."""
    day = dt.date(2026, 9, 1)
    (line,) = veilig_thuis_lines([_contact("consultation", day)])
    consults = ngettext("{n} consultation", "{n} consultations", 1).format(n=1)
    assert line == _("Veilig Thuis: {counts}, latest {date}").format(
        counts=consults, date=format_date_nl(day)
    )
    assert "0" not in line.replace(format_date_nl(day), "")
    lines = veilig_thuis_lines([_contact("consultation", day), _contact("report", day)])
    assert ngettext("{n} report", "{n} reports", 1).format(n=1) in lines[0]
    assert _("Veilig Thuis") in lines[1]  # the remedy: the tab where the reference goes


def test_an_overdue_step_says_how_long_it_is_open(workspace, ctx, case, qtbot):
    ctx.run(meldcode.start_record, case.id, on=TODAY - dt.timedelta(days=40))
    summary = workspace.overview.meldcode
    days = ngettext("(open for {n} day)", "(open for {n} days)", 40).format(n=40)
    qtbot.waitUntil(lambda: days in summary.text.text())


def test_a_closed_record_says_when_and_what_was_decided(uow, case, fam):
    started = meldcode.start_record(uow, case.id).value
    day = dt.date(2026, 2, 16)
    closed = dataclasses.replace(
        started, status="closed", closed_on=day, decided_report=True, decided_help=False
    )
    older = dataclasses.replace(closed, number=0)
    line = html.unescape(closed_line([closed, older]))
    head = _("Meldcode {number} closed on {date}.").format(number=1, date=format_date_nl(day))
    assert line.startswith(head)
    assert _("Decided: report to Veilig Thuis.") in line
    assert ngettext("({n} earlier record)", "({n} earlier records)", 1).format(n=1) in line
