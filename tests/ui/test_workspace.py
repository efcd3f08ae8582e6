"""The case workspace as a consultant uses it: by keyboard, with undo, and with clear refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases import validation
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.errors import InvalidInput
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

from jeugdtool.ui.closing.closing_dialog import ClosingDialog
from jeugdtool.ui.workspace import CaseWorkspace
from jeugdtool.ui.workspace.history import HistoryModel
from jeugdtool.ui.workspace.history import HistoryPage
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_models import NetworkTableModel
from jeugdtool.ui.workspace.member_models import PersonTableModel
from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import HISTORY
from jeugdtool.ui.workspace.workspace import OVERVIEW
from jeugdtool.ui.workspace.workspace import ZRM

Key = Qt.Key


@pytest.fixture
def workspace(ctx, case, qtbot) -> CaseWorkspace:
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


def _wait_dialog(qtbot) -> MemberDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, MemberDialog)
    return dialog


def _fill(qtbot, *values: str | None) -> None:
    """Type each value into the focused field and Tab on; None leaves a field as it is."""
    for value in values:
        if value:
            qtbot.keyClicks(_focus(), value)
        qtbot.keyClick(_focus(), Key.Key_Tab)


def _reactivate(qtbot, window: QWidget) -> None:
    """The offscreen platform has no window manager to re-activate a window after a dialog."""
    with qtbot.waitActive(window):
        window.activateWindow()


def _press(qtbot, key: Key) -> None:
    qtbot.keyClick(_focus(), key)


def _open_add(qtbot, section) -> MemberDialog:
    section.table.setFocus()
    _press(qtbot, Key.Key_Insert)
    return _wait_dialog(qtbot)


def _texts(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _commit(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Key.Key_Return)


# ---- members and network by keyboard ------------------------------------------------------


def test_add_two_members_and_a_network_member_by_keyboard(workspace, ctx, case, qtbot) -> None:
    persons = workspace.overview.persons
    _open_add(qtbot, persons)
    # first name, last name, role (kept: child), birth date, then Enter in the date field
    _fill(qtbot, "Noa", "Jansen", None)
    qtbot.keyClicks(_focus(), "14-05-2016")
    _press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: persons.model.rowCount() == 1)
    assert workspace.focusWidget() is persons.table  # back where it was, ready for the next Ins
    _reactivate(qtbot, workspace)

    _press(qtbot, Key.Key_Insert)
    _wait_dialog(qtbot)
    _fill(qtbot, "Sanne", "Jansen")
    qtbot.keyClicks(_focus(), "O")  # "Ouder" in the role list
    _press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: persons.model.rowCount() == 2)
    _reactivate(qtbot, workspace)

    network = workspace.overview.network
    _open_add(qtbot, network)
    _fill(qtbot, "Ria de Vries", "oma (moederskant)", None, None, "06-12345678")
    _press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: network.model.rowCount() == 1)

    saved = queries.get_case(ctx.uow, case.id)
    assert [(p.full_name, p.role.value) for p in saved.persons] == [
        ("Noa Jansen", "child"),
        ("Sanne Jansen", "parent"),
    ]
    assert saved.persons[0].birth_date == dt.date(2016, 5, 14)
    assert [(n.name, n.relation, n.phone) for n in saved.network] == [
        ("Ria de Vries", "oma (moederskant)", "06-12345678")
    ]
    assert _texts(persons.model, PersonTableModel.NAME) == ["Noa Jansen", "Sanne Jansen"]
    assert persons.selected().full_name == "Sanne Jansen"  # the newly added row is selected


def test_edit_a_member_with_enter(workspace, ctx, case, qtbot) -> None:
    members.add_person(ctx.uow, case.id, {"first_name": "Noa"})
    workspace.reload()
    persons = workspace.overview.persons
    persons.select_row(0)
    persons.table.setFocus()
    _press(qtbot, Key.Key_Return)
    dialog = _wait_dialog(qtbot)
    assert dialog.raw_value("first_name") == "Noa"
    _fill(qtbot, None)
    qtbot.keyClicks(_focus(), "Jansen")
    _press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: _texts(persons.model, 0) == ["Noa Jansen"])
    assert ctx.undo_stack.undoText() == _("Change household member")


def test_invalid_phone_shows_the_message_and_saves_nothing(workspace, ctx, case, qtbot) -> None:
    dialog = _open_add(qtbot, workspace.overview.network)
    _fill(qtbot, "Ria", None, None, None, "12345")
    with pytest.raises(InvalidInput) as expected:
        validation.phone("phone", "12345")
    assert dialog.errors["phone"].isVisible()  # shown as soon as the field is left
    assert dialog.errors["phone"].text() == expected.value.problems[0].message
    assert "12345" in dialog.errors["phone"].text()

    _press(qtbot, Key.Key_Return)
    assert dialog.isVisible()  # refused: the dialog and what was typed stay
    assert dialog.raw_value("phone") == "12345"
    assert queries.get_case(ctx.uow, case.id).network == ()
    assert ctx.undo_stack.count() == 0


def test_the_message_goes_away_once_the_phone_is_fixed(workspace, qtbot) -> None:
    dialog = _open_add(qtbot, workspace.overview.network)
    _fill(qtbot, "Ria", None, None, None, "12345")
    phone = dialog.fields["phone"]
    phone.setFocus()
    phone.clear()
    qtbot.keyClicks(phone, "050-1234567")
    assert not dialog.errors["phone"].isVisible()


def test_birth_date_that_does_not_exist_is_refused(workspace, ctx, case, qtbot) -> None:
    dialog = _open_add(qtbot, workspace.overview.persons)
    _fill(qtbot, "Noa", "Jansen", None)
    qtbot.keyClicks(_focus(), "31-02-2016")
    _press(qtbot, Key.Key_Return)

    assert dialog.isVisible()
    message = dialog.errors["birth_date"].text()
    assert dialog.errors["birth_date"].isVisible()
    assert message == members.birth_date_problem("31-02-2016")
    assert "31-02-2016" in message
    assert dialog.fields["birth_date"].hasFocus()  # the cursor is where the problem is
    assert queries.get_case(ctx.uow, case.id).persons == ()


def test_age_column(workspace, ctx, case) -> None:
    today = dt.date.today()
    ten_tomorrow = dt.date(today.year - 10, today.month, today.day) + dt.timedelta(days=1)
    members.add_person(ctx.uow, case.id, {"first_name": "Noa", "birth_date": ten_tomorrow})
    members.add_person(ctx.uow, case.id, {"first_name": "Sam", "birth_date": "01-01-2000"})
    members.add_person(ctx.uow, case.id, {"first_name": "Kees"})
    workspace.reload()
    model = workspace.overview.persons.model
    born_2000 = today.year - 2000 - (today < dt.date(today.year, 1, 1))
    ages = [ngettext("{n} year", "{n} years", n).format(n=n) for n in (9, born_2000)]
    assert _texts(model, PersonTableModel.AGE) == [*ages, ""]
    assert _texts(model, PersonTableModel.BIRTH_DATE)[1] == "01-01-2000"


# ---- removing, undo ----------------------------------------------------------------------


def test_remove_member_asks_and_undo_brings_it_back_with_the_same_id(
    workspace, ctx, case, qtbot, fake_dialogs
) -> None:
    noa = members.add_person(ctx.uow, case.id, {"first_name": "Noa", "last_name": "Jansen"})
    members.add_person(ctx.uow, case.id, {"first_name": "Sanne"})
    workspace.reload()
    persons = workspace.overview.persons
    persons.select_row(0)
    persons.table.setFocus()

    fake_dialogs.answers.append(False)  # "no": nothing happens
    _press(qtbot, Key.Key_Delete)
    assert persons.model.rowCount() == 2
    fake_dialogs.answers.append(True)
    _press(qtbot, Key.Key_Delete)
    assert "Noa Jansen" in fake_dialogs.questions[-1][1]
    assert _texts(persons.model, 0) == ["Sanne"]

    ctx.undo_stack.undo()
    assert _texts(persons.model, 0) == ["Noa Jansen", "Sanne"]
    assert persons.model.row_at(0).id == noa.value.id


def test_edit_name_in_place_then_undo_and_redo(workspace, ctx, case, qtbot) -> None:
    name = workspace.overview.form.edits["name"]
    titles = []
    workspace.title_changed.connect(titles.append)
    _commit(qtbot, name, "Gezin Jansen-de Vries")
    assert queries.get_case(ctx.uow, case.id).household.name == "Gezin Jansen-de Vries"
    assert titles == ["2026-0012 Gezin Jansen-de Vries"]
    assert ctx.undo_stack.undoText() == _("Change name")

    ctx.undo_stack.undo()
    assert name.text() == "Gezin Jansen"
    assert queries.get_case(ctx.uow, case.id).household.name == "Gezin Jansen"
    ctx.undo_stack.redo()
    assert name.text() == "Gezin Jansen-de Vries"


def test_invalid_field_keeps_the_text_and_saves_nothing(workspace, ctx, case, qtbot) -> None:
    form = workspace.overview.form
    opened = form.edits["opened_on"]
    _commit(qtbot, opened, "31-02-2026")
    assert opened.text() == "31-02-2026"
    assert form.errors["opened_on"].isVisible()
    assert "31-02-2026" in form.errors["opened_on"].text()
    assert queries.get_case(ctx.uow, case.id).household.opened_on == case.opened_on
    assert ctx.undo_stack.count() == 0

    ctx.signals.changed.emit(_case_changes(case))  # a reload must not wipe what was typed
    assert opened.text() == "31-02-2026"

    _commit(qtbot, opened, "02-01-2026")
    assert not form.errors["opened_on"].isVisible()
    assert queries.get_case(ctx.uow, case.id).household.opened_on == dt.date(2026, 1, 2)


def test_a_duplicate_case_number_is_shown_next_to_the_field(workspace, ctx, case, qtbot) -> None:
    households.create_case(ctx.uow, name="Gezin Bakker", case_number="2026-0013")
    number = workspace.overview.form.edits["case_number"]
    _commit(qtbot, number, "2026-0013")
    error = workspace.overview.form.errors["case_number"]
    assert error.isVisible() and "2026-0013" in error.text()
    assert number.text() == "2026-0013"
    assert ctx.undo_stack.count() == 0


def test_case_manager_is_chosen_from_the_consultants(workspace, ctx, case, qtbot) -> None:
    combo = workspace.overview.form.combos["case_manager_id"]
    combo.setFocus()
    qtbot.keyClick(combo, Key.Key_Down)  # from "(none)" to the one consultant
    assert queries.get_case(ctx.uow, case.id).household.case_manager_name == "A. de Boer"
    assert "A. de Boer" in workspace.subtitle.text()
    ctx.undo_stack.undo()
    assert queries.get_case(ctx.uow, case.id).household.case_manager_id is None


def test_conflicting_change_behind_the_back_then_undo(
    workspace, ctx, case, db, qtbot, fake_dialogs
) -> None:
    _commit(qtbot, workspace.overview.form.edits["name"], "Gezin Jansen-de Vries")
    households.update_case(UnitOfWork(db, "M. Kaya"), case.id, {"name": "Familie Jansen"})

    ctx.undo_stack.undo()

    assert fake_dialogs.errors == [str(conflict_error())]
    assert workspace.overview.form.edits["name"].text() == "Familie Jansen"  # the latest
    assert not ctx.undo_stack.canUndo() and not ctx.undo_stack.canRedo()
    _commit(qtbot, workspace.overview.form.edits["name"], "Gezin Jansen")
    ctx.undo_stack.undo()  # the stack still works
    assert queries.get_case(ctx.uow, case.id).household.name == "Familie Jansen"


# ---- lifecycle -----------------------------------------------------------------------------


def _when_closing_dialog(qtbot, reason: str | None) -> None:
    """Answer the next "Close case" dialog: first OK with nothing chosen (refused at the
    fields, the dialog stays), then `reason` and every outcome; None: Cancel."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ClosingDialog):
            QTimer.singleShot(10, answer)
            return
        if reason is None:
            dialog.reject()
            return
        dialog.accept()
        assert dialog.isVisible() and dialog.errors["reason"].text() == _(
            "Give a reason for closing the case."
        )
        dialog.fields["reason"].setText(reason)
        for field, value in (("goals_outcome", "fully"), ("further_help", "none")):
            dialog.fields[field].buttons[value].click()
        dialog.fields["ended_as"].buttons["planned"].click()
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_closing_requires_a_reason_and_is_undoable(workspace, ctx, case, qtbot) -> None:
    _when_closing_dialog(qtbot, "Verhuisd naar Assen")
    assert workspace.close_case()

    h = queries.get_case(ctx.uow, case.id).household
    assert (h.status, h.close_reason) == (CaseStatus.CLOSED, "Verhuisd naar Assen")
    assert workspace.banner.isVisible()
    assert "Verhuisd naar Assen" in workspace.banner_text.text()
    assert workspace.overview.form.edits["name"].isReadOnly()
    assert not workspace.overview.persons.add_button.isEnabled()

    ctx.undo_stack.undo()
    assert queries.get_case(ctx.uow, case.id).household.status == CaseStatus.OPEN
    assert not workspace.banner.isVisible()
    assert not workspace.overview.form.edits["name"].isReadOnly()


def test_cancelling_the_closing_closes_nothing(workspace, ctx, case, qtbot) -> None:
    _when_closing_dialog(qtbot, None)
    assert not workspace.close_case()
    assert queries.get_case(ctx.uow, case.id).household.status == CaseStatus.OPEN
    assert ctx.undo_stack.count() == 0


def test_reopen_from_the_banner_and_archive(workspace, ctx, case, qtbot, fake_dialogs) -> None:
    households.close_case(ctx.uow, case.id, "Doelen behaald")
    workspace.reload()

    def reopen_today() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, reopen_today)
            return
        dialog.accept()

    QTimer.singleShot(0, reopen_today)
    qtbot.mouseClick(workspace.reopen_button, Qt.MouseButton.LeftButton)
    assert queries.get_case(ctx.uow, case.id).household.status == CaseStatus.OPEN

    fake_dialogs.answers.append(True)  # open: archive closes it first, with the closing dialog
    _when_closing_dialog(qtbot, "Doelen behaald")
    assert workspace.archive_case()
    assert queries.get_case(ctx.uow, case.id).household.status == CaseStatus.ARCHIVED
    ctx.undo_stack.undo()
    assert queries.get_case(ctx.uow, case.id).household.status == CaseStatus.CLOSED


# ---- history and navigation ---------------------------------------------------------------


def test_history_lists_the_changes_in_the_users_words(workspace, ctx, case, qtbot) -> None:
    noa = members.add_person(ctx.uow, case.id, {"first_name": "Noa", "last_name": "Jansen"})
    members.update_person(ctx.uow, noa.value.id, {"birth_date": "14-05-2016"})
    households.update_case(ctx.uow, case.id, {"mode": "wellbeing"})
    members.add_network_member(ctx.uow, case.id, {"name": "Ria", "safety_network": True})
    workspace.show_page(HISTORY)
    qtbot.waitUntil(workspace.history.isVisible)  # built on showing, shown just after
    _commit(qtbot, workspace.overview.form.edits["name"], "Gezin Jansen-de Vries")  # live reload
    model = workspace.history.model
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    whats = [r[HistoryModel.WHAT] for r in rows]
    fields_changes = [(r[HistoryModel.FIELD], r[HistoryModel.CHANGE]) for r in rows]
    assert rows[0][HistoryModel.WHO] == "A. de Boer"
    assert (_("Household name"), "Gezin Jansen → Gezin Jansen-de Vries") == fields_changes[0]
    assert ("Geboortedatum", "— → 14-05-2016") in fields_changes  # Dutch label and date
    assert ("Werkwijze", "Signs of Safety → Signs of Wellbeing") in fields_changes
    assert _("{entity}: {name}").format(entity=_("Household member"), name="Noa Jansen") in whats
    assert _("{entity} added: {name}").format(entity=_("Network member"), name="Ria") in whats
    assert dt.datetime.now().strftime("%d-%m-%Y") in rows[0][HistoryModel.WHEN]


def _rename(ctx, case_id: int, name: str) -> None:
    ctx.run(households.update_case, case_id, {"name": name})


def _history_texts(workspace) -> list[str]:
    model = workspace.history.model
    return [
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


@pytest.mark.parametrize("row", [OVERVIEW, FRAMEWORK, ZRM])
def test_the_history_is_built_and_read_only_when_first_shown(
    ctx, case, qtbot, monkeypatch, row
) -> None:
    """A case opened to its overview, map or ZRM builds no history page and reads no audit
    trail, also not when the case changes; showing the history builds it, with the changes."""
    reads: list[int] = []
    real = queries.case_history
    monkeypatch.setattr(queries, "case_history", lambda uow, i: reads.append(i) or real(uow, i))
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    workspace.show_page(row)
    qtbot.waitUntil(lambda: workspace.stack.currentWidget().built)
    QApplication.processEvents()  # the turns of the event loop that build a deferred page
    _rename(ctx, case.id, "Gezin de Vries")
    members.add_person(ctx.uow, case.id, {"first_name": "Noa", "last_name": "Jansen"})
    assert not workspace.history_page.built
    assert workspace.findChildren(HistoryPage) == []
    assert reads == []

    workspace.show_page(HISTORY)  # as Ctrl+7 and the go-menu do
    assert workspace.history_page.built
    qtbot.waitUntil(workspace.history.isVisible)  # built on showing, shown just after
    assert reads == [case.id]
    texts = _history_texts(workspace)
    assert any("Gezin Jansen → Gezin de Vries" in t for t in texts), texts
    assert any("Noa Jansen" in t for t in texts), texts


def test_a_built_history_reads_a_change_made_while_hidden_when_shown_again(
    workspace, ctx, case, qtbot, monkeypatch
) -> None:
    workspace.show_page(HISTORY)
    page = workspace.history
    qtbot.waitUntil(page.isVisible)
    reloads: list[None] = []
    original = page.reload
    monkeypatch.setattr(page, "reload", lambda: (reloads.append(None), original()))
    workspace.show_page(OVERVIEW)
    _rename(ctx, case.id, "Gezin Bakker")
    members.add_person(ctx.uow, case.id, {"first_name": "Noa", "last_name": "Jansen"})
    assert reloads == [] and page.stale
    assert not any("Gezin Bakker" in t for t in _history_texts(workspace))

    workspace.show_page(HISTORY)
    assert len(reloads) == 1 and not page.stale
    assert workspace.history is page  # the same page, not built again
    texts = _history_texts(workspace)
    assert any("Gezin Jansen → Gezin Bakker" in t for t in texts), texts
    _rename(ctx, case.id, "Gezin Visser")  # while shown: at once
    assert len(reloads) == 2
    assert any("Gezin Bakker → Gezin Visser" in t for t in _history_texts(workspace))


def test_ctrl_number_switches_pages(workspace, qtbot) -> None:
    """Ctrl+1…Ctrl+7 choose the parts of the case; History is the last (Ctrl+7)."""
    workspace.overview.persons.table.setFocus()
    qtbot.keyClick(_focus(), Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert workspace.stack.currentWidget() is workspace.history_page
    assert workspace.history_page.built
    qtbot.waitUntil(workspace.history.isVisible)
    qtbot.keyClick(_focus(), Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert workspace.nav.currentRow() == 1
    qtbot.keyClick(workspace.nav, Key.Key_Up)
    assert workspace.stack.currentWidget() is workspace.overview_page


# ---- models --------------------------------------------------------------------------------


def test_models_pass_the_model_tester(workspace, ctx, case, qtmodeltester) -> None:
    members.add_person(ctx.uow, case.id, {"first_name": "Noa", "birth_date": "14-05-2016"})
    members.add_network_member(ctx.uow, case.id, {"name": "Ria", "phone": "06-12345678"})
    workspace.reload()
    workspace.history.reload()
    for model in (
        workspace.overview.persons.model,
        workspace.overview.network.model,
        workspace.history.model,
    ):
        qtmodeltester.check(model, force_py=True)
    network = workspace.overview.network.model
    assert isinstance(network, NetworkTableModel)
    assert network.index(0, NetworkTableModel.PHONE).data() == "06-12345678"


def _case_changes(case):
    from jeugdtool.store.changes import ChangeSet

    return ChangeSet(entities=frozenset({"household"}), cases=frozenset({case.id}))


def test_history_speaks_of_the_framework_in_the_users_words() -> None:
    from jeugdtool.framework.vocab import Cell
    from jeugdtool.framework.vocab import RaterRole
    from jeugdtool.framework.vocab import WorryKind

    from jeugdtool.ui.workspace.labels import entity_label
    from jeugdtool.ui.workspace.labels import field_label
    from jeugdtool.ui.workspace.labels import value_text

    assert entity_label("scale_score") == _("Scale score")
    assert field_label("map_item", "worry_kind") == _("Problem or limitation")
    assert value_text("cell", "harm", {}) == Cell.HARM.label
    assert value_text("worry_kind", "limitation", {}) == WorryKind.LIMITATION.label
    assert value_text("role", "case_manager", {}) == RaterRole.CASE_MANAGER.label
    assert value_text("role", "child", {}) == _("Child")
    assert value_text("scored_on", "2026-11-03", {}) == "03-11-2026"


def test_overview_shows_an_overdue_plan_review(workspace, ctx, case) -> None:
    """Overdue reviews and agreements past their date are visible on the case overview."""
    import datetime as dt

    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plans

    alerts = workspace.overview.alerts
    assert alerts.isHidden()
    draft = ctx.run(plans.start_draft, case.id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": dt.date(2026, 1, 5)})
    ctx.run(plans.add_agreement, draft.id, {"what": "Moeder belt elke vrijdag de school"})
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")
    assert not alerts.isHidden()
    assert "05-01-2026" in alerts.text.text()
