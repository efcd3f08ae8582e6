"""The caseload window and handing a case over from it, as a team leader uses them."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from jeugdtool.cases import consultants
from jeugdtool.cases import handover
from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases import staff
from jeugdtool.cases.staff import StaffMember
from jeugdtool.cases.staff import TeamDTO
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.i18n import _
from jeugdtool.store.roles import StaffRole

from jeugdtool.ui.caseload import CaseloadWindow
from jeugdtool.ui.handover import HandoverDialog


@pytest.fixture
def kaya(ctx):
    return ctx.run(consultants.add_consultant, "M. Kaya")


@pytest.fixture
def cases(ctx, kaya):
    """Two cases of A. de Boer (one with an overdue review), one of M. Kaya."""
    mine = ctx.run(households.create_case, name="Gezin Jansen", case_manager_id=ctx.user.id)
    late = ctx.run(households.create_case, name="Gezin Laat", case_manager_id=ctx.user.id)
    draft = ctx.run(plans.start_draft, late.id)
    ctx.run(plans.update_plan, draft.id, {"next_review_on": dt.date.today() - dt.timedelta(days=3)})
    ctx.run(plans.add_agreement, draft.id, {"what": "Oma haalt Noa elke woensdag op"})
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")
    theirs = ctx.run(households.create_case, name="Gezin Smit", case_manager_id=kaya.id)
    return mine, late, theirs


@pytest.fixture
def window(ctx, cases, qtbot):
    widget = CaseloadWindow(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _cell(model, row: int, column: int) -> str:
    return model.index(row, column).data()


def _choose_person(window: CaseloadWindow, name: str) -> None:
    row = next(r for r, p in enumerate(window.people.rows) if p.name == name)
    window.people_view.selectRow(row)


def test_counts_per_consultant_and_their_cases(window) -> None:
    people = {p.name: p for p in window.people.rows}
    boer = people["A. de Boer"]
    assert (boer.open_cases, boer.without_final_plan, boer.overdue_reviews) == (2, 1, 1)
    row = list(window.people.rows).index(boer)
    assert _cell(window.people, row, 3) == "1"
    assert window.people.index(row, 3).data(Qt.ItemDataRole.ForegroundRole) is not None  # red
    _choose_person(window, "A. de Boer")
    assert [c.name for c in window.cases.rows] == ["Gezin Jansen", "Gezin Laat"]
    assert window.cases_title.text() == _("Cases of {name}").format(name="A. de Boer")
    _choose_person(window, "M. Kaya")
    assert [c.name for c in window.cases.rows] == ["Gezin Smit"]


def test_a_case_opens_from_the_caseload(window, qtbot) -> None:
    _choose_person(window, "M. Kaya")
    with qtbot.waitSignal(window.case_activated) as opened:
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [window.cases.rows[0].id]


def _fill_and_accept(dialog: HandoverDialog, person: str, note: str, keep: bool) -> None:
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findText(person))
    dialog.note_edit.setPlainText(note)
    dialog.keep_box.setChecked(keep)
    dialog.accept()


def test_hand_over_from_the_caseload_and_undo_it(ctx, window, cases, kaya, qtbot) -> None:
    mine = cases[0]
    _choose_person(window, "A. de Boer")
    window.cases_view.selectRow(0)
    assert window.handover_button.isEnabled()
    dialog = HandoverDialog(ctx, handover.handover_choice(ctx.uow, mine.id), window)
    qtbot.addWidget(dialog)
    assert dialog.keep_box.text() == _("Keep {name} on the case as co-worker").format(
        name="A. de Boer"
    )
    _fill_and_accept(dialog, "M. Kaya", "Vader belt liever na 17 uur", keep=True)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert queries.get_case(ctx.uow, mine.id).household.case_manager_id == kaya.id
    assert [c.name for c in staff.case_team(ctx.uow, mine.id)] == ["A. de Boer"]
    # The caseload follows (once the burst of changes is over): now Kaya's.
    qtbot.waitUntil(lambda: len(window.load.cases_of(kaya.id)) == 2)
    _choose_person(window, "M. Kaya")
    assert "Gezin Jansen" in [c.name for c in window.cases.rows]
    assert ctx.undo_stack.undoText() == _("Hand over to {name}").format(name="M. Kaya")
    ctx.undo_stack.undo()
    assert queries.get_case(ctx.uow, mine.id).household.case_manager_id == ctx.user.id
    assert staff.case_team(ctx.uow, mine.id) == []
    ctx.undo_stack.redo()
    assert queries.get_case(ctx.uow, mine.id).household.case_manager_id == kaya.id
    notes = [h.note for h in handover.case_handovers(ctx.uow, mine.id)]
    assert notes.count("Vader belt liever na 17 uur") == 2  # handed over, back, over again


def test_the_hand_over_button_asks_and_hands_over(ctx, window, cases, kaya, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, HandoverDialog)
        _fill_and_accept(dialog, "M. Kaya", "", keep=False)

    _choose_person(window, "A. de Boer")
    window.cases_view.selectRow(0)
    QTimer.singleShot(0, answer)
    qtbot.mouseClick(window.handover_button, Qt.MouseButton.LeftButton)
    assert queries.get_case(ctx.uow, cases[0].id).household.case_manager_id == kaya.id


def test_the_dialog_explains_a_refusal_next_to_the_field(ctx, cases, kaya, qtbot) -> None:
    mine = cases[0]
    dialog = HandoverDialog(ctx, handover.handover_choice(ctx.uow, mine.id))
    qtbot.addWidget(dialog)
    ctx.run(consultants.update_consultant, kaya.id, {"active": False})  # meanwhile
    _fill_and_accept(dialog, "M. Kaya", "", keep=False)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors["to_person_id"].text()
    assert ctx.undo_stack.count() == 0


def test_undo_of_a_handover_someone_changed_since_says_so(ctx, cases, kaya, qtbot) -> None:
    mine = cases[0]
    dialog = HandoverDialog(ctx, handover.handover_choice(ctx.uow, mine.id))
    qtbot.addWidget(dialog)
    _fill_and_accept(dialog, "M. Kaya", "", keep=False)
    smit = ctx.run(consultants.add_consultant, "J. Smit")
    ctx.run(handover.hand_over, mine.id, smit.id, by=ctx.staff)  # a colleague, meanwhile
    ctx.undo_stack.undo()
    assert ctx.dialogs.errors  # "someone else changed this"
    assert queries.get_case(ctx.uow, mine.id).household.case_manager_id == smit.id


def test_in_team_mode_only_a_team_leader_of_the_team_may_hand_over(ctx, kaya, qtbot) -> None:
    noord = ctx.run(staff.add_team, "Team Noord")
    ctx.run(
        households.create_case,
        name="Gezin Noord",
        case_manager_id=ctx.user.id,
        team_id=noord.id,
    )

    def as_(roles: set[StaffRole]) -> CaseloadWindow:
        ctx.staff = StaffMember(
            ctx.user.id,
            ctx.user.name,
            "a.deboer",
            None,
            True,
            frozenset(roles),
            (TeamDTO(noord.id, noord.name, True, 1),),
        )
        widget = CaseloadWindow(ctx)
        qtbot.addWidget(widget)
        _choose_person(widget, "A. de Boer")
        widget.cases_view.selectRow(0)
        return widget

    assert as_({StaffRole.TEAM_LEADER}).handover_button.isEnabled()
    assert not as_({StaffRole.REVIEWER}).handover_button.isEnabled()
    leader = as_({StaffRole.TEAM_LEADER})
    assert leader.team_combo.isVisibleTo(leader)
    assert [c.name for c in leader.load.cases] == ["Gezin Noord"]  # only the team's cases


def test_the_team_menu_follows_the_roles(ctx, qtbot) -> None:
    from jeugdtool.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    # Single-user mode: the consultant holds every role; a file has no users to administer.
    assert window.caseload_action.isEnabled()
    assert window.access_log_action.isEnabled()
    assert not window.admin_action.isEnabled()
    ctx.staff = StaffMember(
        ctx.user.id, ctx.user.name, "a.deboer", None, True, frozenset({StaffRole.CONSULTANT}), ()
    )
    window._enable_role_actions()
    assert not window.caseload_action.isEnabled()
    assert not window.access_log_action.isEnabled()
    ctx.staff = StaffMember(
        ctx.user.id,
        ctx.user.name,
        "a.deboer",
        None,
        True,
        frozenset({StaffRole.ADMINISTRATOR, StaffRole.PRIVACY_OFFICER}),
        (),
    )
    window._enable_role_actions()
    assert window.admin_action.isEnabled() and window.access_log_action.isEnabled()
