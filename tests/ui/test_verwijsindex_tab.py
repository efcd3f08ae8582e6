"""The meldcode page's verwijsindex tab as a consultant uses it: a signal per child by keyboard,
its state (expiring soon, expired, withdrawn) said and coloured, extending and withdrawing it,
matches of the selected signal, undo and redo, and read-only once the case is closed."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.cases.queries import list_case_summaries
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.dossier import policy
from jeugdtool.dossier import verwijsindex
from jeugdtool.dossier import verwijsindex_rules as rules
from jeugdtool.dossier.dto import VerwijsindexSignalDTO
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store import org_settings

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.meldcode.verwijsindex_tab import MatchDialog
from jeugdtool.ui.meldcode.verwijsindex_tab import SignalDialog
from jeugdtool.ui.meldcode.verwijsindex_tab import SignalTableModel
from jeugdtool.ui.meldcode.verwijsindex_tab import VerwijsindexTab
from jeugdtool.ui.meldcode.verwijsindex_tab import reminder_note

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = dt.date.today()
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _person(uow, case_id: int, first: str, role: str) -> PersonDTO:
    fields = {"first_name": first, "last_name": "Jansen", "role": role}
    return members.add_person(uow, case_id, fields).value


@pytest.fixture
def noa(uow, case) -> PersonDTO:
    _person(uow, case.id, "Sanne", "parent")
    return _person(uow, case.id, "Noa", "child")


@pytest.fixture
def tab(ctx, case, noa, qtbot) -> VerwijsindexTab:
    shown = VerwijsindexTab(ctx, case.id)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    return shown


def _signal(uow, case_id: int, person_id: int, days_ago: int, **fields) -> VerwijsindexSignalDTO:
    given = {"person_id": person_id, "signalled_on": TODAY - dt.timedelta(days=days_ago)}
    return verwijsindex.add_signal(uow, case_id, {**given, **fields}).value


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _active(qtbot, kind: type) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), kind))
    return QApplication.activeWindow()


def _reactivate(qtbot, window: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    with qtbot.waitActive(window):
        window.activateWindow()


def _key_on(qtbot, table: QWidget, key: Key) -> None:
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(_focus(), key)


def _type_into(qtbot, dialog, name: str, text: str) -> None:
    field = dialog.fields[name]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Key.Key_Tab)


def _close(dialog: QWidget) -> None:
    """Cancel a dialog left open, after its pending layout work (it is deleted on close)."""
    QApplication.processEvents()
    dialog.reject()
    QApplication.processEvents()


def _cell(tab: VerwijsindexTab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def test_a_signal_is_added_by_keyboard_and_expires_after_the_organisations_months(
    tab, ctx, uow, case, noa, qtbot
):
    policy.set_dossier_setting(uow, org_settings.VERWIJSINDEX_MONTHS, 12, ctx.staff)
    assert tab.section.empty_hint.isVisible()
    _key_on(qtbot, tab.section.table, Key.Key_Insert)
    dialog = _active(qtbot, SignalDialog)
    assert dialog.raw_value("person_id") == noa.id  # the one child, chosen already
    _type_into(qtbot, dialog, "coordinator", "Jeugdteam Noord")
    qtbot.keyClick(_focus(), Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [saved] = verwijsindex.signals(uow, case.id)
    assert saved.child_label == "Noa Jansen" and saved.coordinator == "Jeugdteam Noord"
    assert saved.expires_on == rules.expiry(TODAY, 12)
    assert _cell(tab, 0, SignalTableModel.EXPIRES) == format_date_nl(saved.expires_on)
    assert _cell(tab, 0, SignalTableModel.STATE) == _("Active")
    assert tab.matches.isVisible()  # the new signal is selected, its matches below
    ctx.undo_stack.undo()
    assert verwijsindex.signals(uow, case.id) == []
    ctx.undo_stack.redo()
    assert [s.id for s in verwijsindex.signals(uow, case.id)] == [saved.id]


def test_the_expiry_hint_names_the_organisations_months(tab, ctx, uow, qtbot):
    policy.set_dossier_setting(uow, org_settings.VERWIJSINDEX_MONTHS, 18, ctx.staff)
    dialog = tab.add_signal()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    expected = ngettext(
        "Leave empty: the signal expires {n} month after the day it was made.",
        "Leave empty: the signal expires {n} months after the day it was made.",
        18,
    )
    assert dialog.expiry_hint.text() == expected.format(n=18)
    _close(dialog)


def test_a_signal_needs_a_child_and_keeps_what_was_typed(ctx, uow, case, noa, qtbot):
    _person(uow, case.id, "Daan", "child")  # two children: none chosen for the user
    tab = VerwijsindexTab(ctx, case.id)
    qtbot.addWidget(tab)
    tab.show()
    dialog = tab.add_signal()
    assert dialog is not None and dialog.raw_value("person_id") is None
    dialog.fields["coordinator"].setText("Jeugdteam Noord")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors["person_id"].text() == _("Choose the child the signal is about.")
    assert dialog.fields["coordinator"].text() == "Jeugdteam Noord"
    assert verwijsindex.signals(uow, case.id) == []
    _close(dialog)


def test_states_are_said_and_coloured_and_asked_for_above_the_table(tab, ctx, uow, case, noa):
    months = policy.verwijsindex_months(uow)
    soon = TODAY + dt.timedelta(days=20)
    _signal(uow, case.id, noa.id, 700, expires_on=soon)
    old = _signal(uow, case.id, noa.id, 900, expires_on=TODAY - dt.timedelta(days=5))
    gone = _signal(uow, case.id, noa.id, 1000, expires_on=TODAY - dt.timedelta(days=50))
    verwijsindex.withdraw_signal(uow, gone.id, on=TODAY - dt.timedelta(days=60))
    tab.reload_now()
    states = [_cell(tab, row, SignalTableModel.STATE) for row in range(3)]
    assert states == ["⚠ " + _("Expires soon"), "⚠ " + _("Expired"), _("Withdrawn")]
    state = tab.model.index(0, SignalTableModel.STATE)
    assert state.data(Qt.ItemDataRole.ForegroundRole) == qcolor(Role.WARNING)
    assert tab.model.index(1, SignalTableModel.STATE).data(
        Qt.ItemDataRole.ForegroundRole
    ) == qcolor(Role.ERROR)
    assert state.data(Qt.ItemDataRole.AccessibleTextRole) == _("Expires soon")
    assert tab.note.isVisible()
    assert tab.note.text() == reminder_note(tab.signals)
    assert reminder_note(tab.signals).startswith(
        ngettext(
            "A signal expires soon: extend it if the worries remain, or withdraw it.",
            "{n} signals expire soon: extend each if the worries remain, or withdraw it.",
            1,
        )
    )
    tab.section.select_row(1)  # the expired one: not extended, only withdrawn
    assert not tab.extend_button.isEnabled() and tab.withdraw_button.isEnabled()
    assert format_date_nl(old.expires_on) in tab.details.text()
    tab.section.select_row(2)  # withdrawn: neither
    assert not tab.extend_button.isEnabled() and not tab.withdraw_button.isEnabled()
    assert months  # the organisation's months are read, not assumed


def test_extend_and_withdraw_with_undo(tab, ctx, uow, case, noa, fake_dialogs):
    signal = _signal(uow, case.id, noa.id, 700, expires_on=TODAY + dt.timedelta(days=30))
    tab.reload_now()
    tab.section.select_row(0)
    tab.extend_button.click()
    extended = verwijsindex.get_signal(uow, signal.id)
    assert extended.expires_on == rules.expiry(TODAY, policy.verwijsindex_months(uow))
    assert _cell(tab, 0, SignalTableModel.STATE) == _("Active")
    ctx.undo_stack.undo()
    assert verwijsindex.get_signal(uow, signal.id).expires_on == signal.expires_on
    ctx.undo_stack.redo()
    assert verwijsindex.get_signal(uow, signal.id).expires_on == extended.expires_on
    ctx.undo_stack.undo()
    fake_dialogs.answers.append(True)
    tab.withdraw_button.click()
    assert verwijsindex.get_signal(uow, signal.id).withdrawn_on == TODAY
    assert _cell(tab, 0, SignalTableModel.STATE) == _("Withdrawn")
    assert not tab.note.isVisible()  # a withdrawn signal reminds no more
    ctx.undo_stack.undo()
    assert verwijsindex.get_signal(uow, signal.id).withdrawn_on is None
    assert _cell(tab, 0, SignalTableModel.STATE) == "⚠ " + _("Expires soon")
    ctx.undo_stack.redo()
    assert verwijsindex.get_signal(uow, signal.id).withdrawn_on == TODAY
    assert fake_dialogs.errors == []


def test_matches_of_the_selected_signal_by_keyboard(tab, ctx, uow, case, noa, qtbot):
    signal = _signal(uow, case.id, noa.id, 100)
    tab.reload_now()
    tab.section.select_row(0)
    assert tab.matches.empty_hint.isVisible()
    _key_on(qtbot, tab.matches.table, Key.Key_Insert)
    dialog = _active(qtbot, MatchDialog)
    assert _focus() is dialog.fields["organisation"]
    qtbot.keyClicks(_focus(), "Basisschool De Regenboog")
    _type_into(qtbot, dialog, "contact", "mw. Peters")
    qtbot.keyClick(_focus(), Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [match] = verwijsindex.get_signal(uow, signal.id).matches
    assert (match.organisation, match.contact, match.matched_on) == (
        "Basisschool De Regenboog",
        "mw. Peters",
        TODAY,
    )
    assert tab.match_model.rowCount() == 1
    assert _cell(tab, 0, SignalTableModel.MATCHES) == "1"
    no_coordinator = _(
        "There is a match but no coordinator yet: agree with the other organisation "
        "who coordinates."
    )
    assert no_coordinator in tab.details.text().splitlines()  # a match asks who coordinates
    ctx.undo_stack.undo()
    assert verwijsindex.get_signal(uow, signal.id).matches == ()
    assert tab.match_model.rowCount() == 0


def test_a_match_before_the_signal_is_refused_at_its_date(tab, uow, case, noa, qtbot):
    signal = _signal(uow, case.id, noa.id, 10)
    tab.reload_now()
    tab.section.select_row(0)
    dialog = tab.add_match()
    assert dialog is not None
    dialog.fields["organisation"].setText("Huisarts")
    early = TODAY - dt.timedelta(days=30)
    dialog.fields["matched_on"].setText(format_date_nl(early))
    dialog.accept()
    assert dialog.isVisible()
    message = _("{label} {date} lies before the signal ({start}); check both dates.").format(
        label=_("The match"),
        date=format_date_nl(early),
        start=format_date_nl(signal.signalled_on),
    )
    assert dialog.errors["matched_on"].text() == message
    assert verwijsindex.get_signal(uow, signal.id).matches == ()
    _close(dialog)


def test_removing_a_signal_takes_its_matches_and_undo_brings_both(
    tab, ctx, uow, case, noa, fake_dialogs
):
    signal = _signal(uow, case.id, noa.id, 100)
    verwijsindex.add_match(uow, signal.id, {"organisation": "School", "matched_on": TODAY})
    tab.reload_now()
    tab.section.select_row(0)
    fake_dialogs.answers.append(True)
    tab.section.remove_button.click()
    assert fake_dialogs.questions[-1][1].endswith(
        _("To end a signal that was in the verwijsindex, withdraw it instead: that is kept.")
    )
    assert verwijsindex.signals(uow, case.id) == []
    ctx.undo_stack.undo()
    [back] = verwijsindex.signals(uow, case.id)
    assert back.id == signal.id and [m.organisation for m in back.matches] == ["School"]


def test_a_case_without_children_says_what_to_do_first(ctx, uow, case, qtbot, fake_dialogs):
    tab = VerwijsindexTab(ctx, case.id)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.add_signal() is None
    assert fake_dialogs.infos == [
        _(
            "A verwijsindex signal is about a child of the household. Add the child "
            "as a household member first (Overview)."
        )
    ]


def test_a_closed_case_shows_its_signals_read_only(ctx, uow, case, noa, qtbot):
    _signal(uow, case.id, noa.id, 700, expires_on=TODAY + dt.timedelta(days=10))
    households.close_case(uow, case.id, "Doelen bereikt", TODAY)
    tab = VerwijsindexTab(ctx, case.id)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.locked.isVisible()
    buttons = (tab.section.add_button, tab.extend_button, tab.withdraw_button)
    assert not any(button.isEnabled() for button in buttons)
    assert not tab.matches.add_button.isEnabled()
    assert not tab.note.isVisible()


def test_an_expiring_signal_marks_the_case_in_the_list_until_it_is_extended(
    tab, ctx, uow, case, noa, qtbot
):
    from jeugdtool.ui.case_list import STATUS
    from jeugdtool.ui.case_list import CaseListPage

    soon = TODAY + dt.timedelta(days=20)
    _signal(uow, case.id, noa.id, 700, expires_on=soon)
    page = CaseListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.alert(case.id) is not None)
    said = _("Verwijsindex signal expires on {date}: extend or withdraw it")
    assert page.model.alert(case.id) == said.format(date=format_date_nl(soon))
    assert page.model.index(0, STATUS).data().endswith("⚠")
    tab.reload_now()
    tab.section.select_row(0)
    tab.extend_button.click()  # on the meldcode page: the list follows
    qtbot.waitUntil(lambda: page.model.alert(case.id) is None)
    assert not page.model.index(0, STATUS).data().endswith("⚠")


def test_the_caseload_window_counts_the_dossier_reminders(ctx, uow, case, noa, qtbot):
    from jeugdtool.ui.caseload import CaseloadWindow

    _signal(uow, case.id, noa.id, 900, expires_on=TODAY - dt.timedelta(days=3))
    window = CaseloadWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    reminders = ngettext("{n} dossier reminder", "{n} dossier reminders", 1).format(n=1)
    qtbot.waitUntil(lambda: window.summary.text().endswith(reminders))


def test_the_two_tabs_use_each_alt_letter_once_in_the_window(language, demo_main_window, qtbot):
    """With the menu bar and the case's page list around them, in Dutch and in English."""
    from test_mnemonics import duplicates
    from test_mnemonics import settle

    from jeugdtool.ui.workspace.workspace import MELDCODE

    window = demo_main_window
    case_id = min(c.id for c in list_case_summaries(window.ctx.uow))
    window.open_case(case_id)
    workspace = window.workspaces[case_id]
    workspace.show_page(MELDCODE)
    page = workspace.meldcode.ensure_built()
    for tab in (page.veilig_thuis, page.verwijsindex):
        page.tabs.setCurrentWidget(tab)
        tab.section.select_row(0)
        settle()
        assert not duplicates(window), (type(tab).__name__, duplicates(window))
