"""Retention dates on screen: "Keep until" on a closed case, and the Retention periods dialog."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from jeugdtool import app as jeugdtool_app
from jeugdtool.cases import households
from jeugdtool.cases import retention
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import DatabaseBusy
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext

from jeugdtool.ui.first_run import sign_in
from jeugdtool.ui.retention_dialog import RetentionDialog
from jeugdtool.ui.retention_dialog import open_retention
from jeugdtool.ui.widgets import labelled_row
from jeugdtool.ui.workspace import CaseWorkspace

D = dt.date
TODAY = D(2035, 6, 1)


def _close(uow, number: str, closed_on: dt.date) -> int:
    case = households.create_case(
        uow, name=f"Gezin {number}", case_number=number, opened_on=D(2000, 1, 1)
    ).value
    households.close_case(uow, case.id, "Hulp afgerond", closed_on)
    return case.id


def _workspace(ctx, case_id: int, qtbot) -> CaseWorkspace:
    ws = CaseWorkspace(ctx, case_id)
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    ws.show()
    return ws


def test_a_closed_case_shows_until_when_it_is_kept_and_why(ctx, uow, qtbot) -> None:
    case_id = _close(uow, "2019-0001", D(2016, 2, 29))
    form = _workspace(ctx, case_id, qtbot).overview.form
    assert form.retention.isVisible()
    assert form._info_labels[form.retention].text() == _("Keep until")
    assert form.retention.text() == format_date_nl(D(2031, 2, 28))  # 15 years, no 29 February
    assert "Jeugdwet art. 7.3.8" in form.retention.toolTip()
    assert form.retention.toolTip() == retention.rule_note(retention.load_rule(), D(2016, 2, 29))


def test_an_open_case_shows_no_retention_date_and_reopening_hides_it(ctx, uow, case, qtbot) -> None:
    ws = _workspace(ctx, case.id, qtbot)
    assert not ws.overview.form.retention.isVisible()
    households.close_case(uow, case.id, "Hulp afgerond", D.today())
    ws.reload()
    kept = retention.add_years(D.today(), 20)
    assert ws.overview.form.retention.text() == format_date_nl(kept)
    households.reopen_case(uow, case.id)
    ws.reload()
    assert not ws.overview.form.retention.isVisible()


@pytest.fixture
def dialog(ctx, uow, qtbot) -> RetentionDialog:
    _close(uow, "2019-0001", D(2019, 12, 31))  # kept until 2034-12-31: passed
    _close(uow, "2019-0002", D(2019, 6, 15))  # kept until 2034-06-15: passed
    _close(uow, "2020-0001", D(2015, 6, 20))  # kept until 2030-06-20: passed long ago
    _close(uow, "2019-0003", D(2020, 6, 20))  # kept until 2040-06-20: not due
    _close(uow, "2018-0001", D(2019, 12, 1))  # kept until 2034-12-01: today
    households.create_case(uow, name="Gezin open", case_number="2024-0001")
    found = RetentionDialog(ctx, retention.load_rule(), today=D(2034, 12, 1))
    qtbot.addWidget(found)
    assert found.reload()
    found.show()
    return found


def _numbers(dialog: RetentionDialog) -> list[str]:
    return [case.case_number for case in dialog.model.rows]


def test_the_dialog_lists_the_cases_due_within_the_chosen_period(dialog) -> None:
    assert dialog.period.currentText() == _("Passed or within 3 months")
    assert _numbers(dialog) == ["2020-0001", "2019-0002", "2018-0001", "2019-0001"]
    assert dialog.count.text() == ngettext("{n} case", "{n} cases", 4).format(n=4)
    dialog.period.setCurrentIndex(0)  # passed only, today included
    assert _numbers(dialog) == ["2020-0001", "2019-0002", "2018-0001"]
    assert dialog.model.index(2, 4).data() == _("today")
    first = dialog.model.index(0, 4)
    ago = (D(2034, 12, 1) - D(2030, 6, 20)).days
    assert first.data() == ngettext("{n} day ago", "{n} days ago", ago).format(n=ago)
    keep_until = dialog.model.index(1, 3)
    assert keep_until.data() == format_date_nl(D(2034, 6, 15))


def test_enter_opens_the_chosen_case_and_closes_the_dialog(dialog, qtbot) -> None:
    dialog.view.setFocus()
    dialog.view.selectRow(1)
    opened: list[int] = []
    dialog.case_activated.connect(opened.append)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert opened == [dialog.model.rows[1].case_id]
    assert not dialog.isVisible()


def test_nothing_due_says_so_and_offers_nothing_to_open(ctx, uow, qtbot) -> None:
    _close(uow, "2024-0001", D(2024, 1, 1))
    found = RetentionDialog(ctx, retention.load_rule(), today=D(2030, 1, 1))
    qtbot.addWidget(found)
    assert found.reload()
    assert found.model.rows == ()
    assert found.count.text() == ngettext("{n} case", "{n} cases", 0).format(n=0)
    assert not found.open_button.isEnabled()


def test_a_database_fault_is_said_and_no_dialog_stays_open(
    ctx, qtbot, fake_dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*_args: object, **_kwargs: object) -> list:
        raise DatabaseBusy("busy")

    monkeypatch.setattr(retention, "due_cases", busy)
    assert open_retention(ctx, None, lambda _case_id: None) is None
    assert fake_dialogs.errors == ["busy"]


def test_the_case_menu_opens_the_dialog_and_enter_opens_the_case(
    tmp_path, qtbot, fake_dialogs
) -> None:
    launcher = jeugdtool_app.Launcher(
        ask=lambda message: pytest.fail(f"unexpected open error: {message}"),
        choose=lambda db: sign_in(db, "A. de Boer"),
        make_dialogs=lambda: fake_dialogs,
    )
    window = launcher.start(str(tmp_path / "cases.sqlite"))
    assert window is not None
    qtbot.addWidget(window)
    try:
        case = window.ctx.run(
            households.create_case,
            name="Gezin Oud",
            case_number="2005-0001",
            opened_on=D(2005, 1, 1),
        )
        window.ctx.run(households.close_case, case.id, "Hulp afgerond", D(2006, 3, 1))
        case_menu = window.menuBar().actions()[2].menu()
        assert window.retention_action in case_menu.actions()
        window.retention_action.trigger()
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RetentionDialog)
        assert [c.case_number for c in dialog.model.rows] == ["2005-0001"]
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.current_case_id() == case.id)
        assert fake_dialogs.errors == []
    finally:
        window.ctx.database.close()


def test_a_damaged_retention_rule_is_reported_at_start_up(
    fake_dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> retention.RetentionRule:
        raise retention.RetentionRuleError("jeugdwet.json: years_after_end: 0 is less than 1")

    monkeypatch.setattr(retention, "load_rule", broken)
    jeugdtool_app.check_content(fake_dialogs)
    assert fake_dialogs.errors == ["jeugdwet.json: years_after_end: 0 is less than 1"]


def test_the_period_s_caption_leads_to_its_field(qtbot) -> None:
    """`labelled_row`: the caption's Alt+letter goes to the field beside it."""
    owner = QWidget()
    qtbot.addWidget(owner)
    field = QComboBox(owner)
    row = labelled_row(owner, "&Show", field)
    label = row.itemAt(0).widget()
    assert isinstance(label, QLabel) and label.buddy() is field
    assert row.itemAt(1).widget() is field and row.count() == 2
