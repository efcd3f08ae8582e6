"""Plan review (toetsing) as people do it by keyboard: a consultant submits the finalised plan
from the plan page (Ctrl+Shift+T), a reviewer returns it with a comment on an agreement in the
decision dialog, the page shows the comment at that agreement, undo takes the decision back;
the review queue shows an overdue review in red and in words; the settings dialog keeps the
organisation's plan review settings."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from fit_kit import USABLE
from fit_kit import misfits
from fit_kit import shoot
from fit_kit import too_big

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QWidget

from jeugdtool.framework import plan_approval
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_policy
from jeugdtool.framework import plans
from jeugdtool.framework.vocab import ApprovalState
from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.meetings.caseload import review_countdown
from jeugdtool.store import org_settings as org_keys

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import qcolor
from jeugdtool.ui.plan.approval_dialogs import DecisionDialog
from jeugdtool.ui.plan.approval_dialogs import SubmitDialog
from jeugdtool.ui.plan.plan_page import PlanPage
from jeugdtool.ui.review_queue import QUEUE_COLUMNS
from jeugdtool.ui.review_queue import ReviewQueueWindow
from jeugdtool.ui.settings_dialog import SettingsDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TODAY = dt.date.today()
SHOTS = os.environ.get("JEUGDTOOL_SHOTS")
WHATS = (
    "Mark drinkt geen alcohol op de dagen dat Noa bij hem is.",
    "Oma Ria belt Noa elke avond om 19.00 uur en vraagt hoe het gaat.",
)


@pytest.fixture
def final_id(uow, case) -> int:
    version = plans.start_draft(uow, case.id).value
    for what in WHATS:
        plans.add_agreement(uow, version.id, {"what": what})
    plan_finalise.finalise(uow, version.id, by="x", override_reason="test")
    return version.id


@pytest.fixture
def page(ctx, case, final_id, qtbot) -> PlanPage:
    widget = PlanPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1180, 700)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _alt(qtbot, label: str) -> None:
    """Alt and the underlined letter of `label` (whatever the language)."""
    letter = label[label.index("&") + 1]
    _press(qtbot, getattr(Key, f"Key_{letter.upper()}"), ALT)


def _dialog(qtbot, kind: type) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(_focus()))
    return dialog


def _approvals(ctx, case):
    return plan_approval.approvals_of_case(ctx.uow, case.id)


def test_submit_the_plan_by_keyboard_and_undo(qtbot, ctx, case, page, fake_dialogs):
    assert page.approval_panel.isVisible()
    assert page.approval_panel.submit_button.isVisible()
    assert not page.approval_panel.decide_button.isVisible()
    page.table.table.setFocus()
    _press(qtbot, Key.Key_T, CTRL | SHIFT)
    dialog = _dialog(qtbot, SubmitDialog)
    # Single-user mode: the reviewer is a colleague's typed name, the focus starts there.
    assert _focus() is dialog.reviewer_name
    _type(qtbot, "P. Smit")
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.note
    _type(qtbot, "Let op afspraak 2.")
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (approval,) = _approvals(ctx, case)
    assert (approval.state, approval.reviewer, approval.note) == (
        ApprovalState.SUBMITTED,
        "P. Smit",
        "Let op afspraak 2.",
    )
    # The page says it waits, names the reviewer, and no longer offers to submit.
    assert "P. Smit" in page.approval_panel.text.text()
    assert not page.approval_panel.submit_button.isVisible()
    assert page.approval_panel.withdraw_button.isVisible()
    ctx.undo_stack.undo()
    assert _approvals(ctx, case) == []
    assert page.approval_panel.submit_button.isVisible()
    ctx.undo_stack.redo()
    assert [a.id for a in _approvals(ctx, case)] == [approval.id]


def test_a_draft_cannot_be_submitted(qtbot, ctx, case, final_id, page):
    page.start_draft()
    assert page.plan is not None and not page.plan.is_final
    assert not page.approval_panel.isVisible()
    assert page.submit_for_review() is None


def test_return_with_a_comment_on_an_agreement_by_keyboard(qtbot, ctx, case, final_id, page):
    plan_approval.submit(ctx.uow, final_id, by=ctx.staff, reviewer="P. Smit")
    page.reload()
    assert page.approval_panel.decide_button.isVisible()
    page.approval_panel.decide_button.setFocus()
    _press(qtbot, Key.Key_Space)
    dialog = _dialog(qtbot, DecisionDialog)
    assert isinstance(dialog, DecisionDialog)
    assert _focus() is dialog.approve_radio
    _alt(qtbot, dialog.return_radio.text())  # return it with comments (an animated click)
    qtbot.waitUntil(dialog.return_radio.isChecked)
    _alt(qtbot, dialog.decided_label.text())  # reviewed by
    assert _focus() is dialog.decided_by
    _type(qtbot, "P. Smit")
    _alt(qtbot, dialog.targets_label.text())  # comment on
    assert _focus() is dialog.target_list
    _press(qtbot, Key.Key_Down)  # agreement 1
    _press(qtbot, Key.Key_Down)  # agreement 2
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.comment
    _type(qtbot, "Wie controleert of oma Ria belt?")
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (approval,) = _approvals(ctx, case)
    assert approval.state is ApprovalState.RETURNED
    (comment,) = approval.comments
    agreement = page.detail.agreements[1]
    assert (comment.target_key, comment.text) == (
        agreement.lineage,
        "Wie controleert of oma Ria belt?",
    )
    # Shown at the agreement it is about: above the form when that agreement is chosen.
    page.table.select_row(1)
    assert "Wie controleert of oma Ria belt?" in page.agreement_comment.text()
    assert page.agreement_comment.isVisible()
    page.table.select_row(0)
    assert not page.agreement_comment.isVisible()
    assert "Wie controleert" in page.approval_panel.comments.text()
    ctx.undo_stack.undo()
    (approval,) = _approvals(ctx, case)
    assert (approval.state, approval.comments) == (ApprovalState.SUBMITTED, ())
    ctx.undo_stack.redo()
    (approval,) = _approvals(ctx, case)
    assert approval.state is ApprovalState.RETURNED
    assert [c.text for c in approval.comments] == ["Wie controleert of oma Ria belt?"]


def test_a_decision_without_a_colleagues_name_keeps_what_was_typed(
    qtbot, ctx, case, final_id, page
):
    plan_approval.submit(ctx.uow, final_id, by=ctx.staff)
    page.reload()
    dialog = page.decide_review()
    assert dialog is not None
    dialog.return_radio.setChecked(True)
    dialog.set_comment(0, "Het plan mist de stem van Noa.")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.isVisible() and dialog.error.text()
    assert dialog.comments()[0].text == "Het plan mist de stem van Noa."
    assert _approvals(ctx, case)[0].state is ApprovalState.SUBMITTED
    dialog.close()


def test_the_queue_shows_an_overdue_review_in_red_and_in_words(qtbot, ctx, case, final_id):
    long_ago = TODAY - dt.timedelta(days=30)
    plan_approval.submit(ctx.uow, final_id, by=ctx.staff, today=long_ago)
    window = ReviewQueueWindow(ctx)
    qtbot.addWidget(window)
    (item,) = window.model.rows
    assert item.overdue
    index = window.model.index(0, 0)
    words = review_countdown(item.approval.due_on, True, TODAY)
    assert words and words in window.model.data(index)
    assert window.model.data(index, Qt.ItemDataRole.ForegroundRole) == qcolor(Role.ERROR)
    assert QUEUE_COLUMNS[2].text(item) == case.case_number
    # Enter on the row opens the decision (single-user mode: always offered).
    assert window.decide_button.isEnabled()
    dialog = window.decide()
    assert isinstance(dialog, DecisionDialog)
    dialog.close()


def test_the_settings_dialog_keeps_the_plan_review_settings(qtbot, ctx):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    fields = dialog.plan_review.fields
    days = fields[org_keys.PLAN_REVIEW_DAYS]
    switch = fields[org_keys.HELP_NEEDS_APPROVED_PLAN]
    assert isinstance(days, QSpinBox) and isinstance(switch, QCheckBox)
    assert days.value() == plan_policy.review_days(ctx.uow)
    days.setValue(8)
    switch.setChecked(True)
    dialog.accept()
    assert plan_policy.review_days(ctx.uow) == 8
    assert plan_policy.help_needs_approved_plan(ctx.uow)


# ---- fit at 1366×768 and 1920×1080 ------------------------------------------------------------

#: The room a case page gets in the main window (less the page list), and a dialog's screen.
SIZES = {"1366": (QSize(1140, 620), USABLE), "1920": (QSize(1690, 940), QSize(1920, 1040))}
LONG = (
    "Afspraak 2 zegt niet wie controleert of oma Ria elke avond belt en wat er gebeurt als zij "
    "een avond niet kan; spreek ook af wie Noa dan belt."
)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_review_screens_fit(qtbot, ctx, case, final_id, size):
    page_size, screen = SIZES[size]
    submitted = plan_approval.submit(ctx.uow, final_id, by=ctx.staff, reviewer="P. Smit").value
    problems: list[str] = []

    def check(top: QWidget, name: str, room: QSize, *, fill: bool = False) -> None:
        wanted = room if fill else top.sizeHint().expandedTo(top.minimumSize())
        top.resize(wanted.boundedTo(room))
        top.show()
        QApplication.processEvents()
        reason = too_big(top, room)
        problems.extend([f"{name}: {reason}"] if reason else [])
        problems.extend(f"{name}: {m}" for m in misfits(top))
        shoot(top, SHOTS, f"approval-{name}-{size}")

    queue = ReviewQueueWindow(ctx)
    qtbot.addWidget(queue)
    queue.resize(queue.preferred_size.boundedTo(screen))
    check(queue, "queue", queue.preferred_size.boundedTo(screen), fill=True)
    page = PlanPage(ctx, case.id)
    qtbot.addWidget(page)
    page.resize(page_size)
    page.show()
    check(page, "page-submitted", page_size, fill=True)
    submit_dialog = SubmitDialog(
        page.plan, team_mode=False, choices=(), due_on=TODAY, submit=lambda *_a: None, parent=page
    )
    check(submit_dialog, "submit-dialog", screen)
    submit_dialog.close()
    dialog = page.decide_review()
    assert dialog is not None
    dialog.return_radio.setChecked(True)
    dialog.decided_by.setText("P. Smit")
    dialog.set_comment(2, LONG)
    check(dialog, "decision-dialog", screen)
    dialog.accept()
    assert _approvals(ctx, case)[0].state is ApprovalState.RETURNED
    page.table.select_row(1)
    page.resize(page_size)
    check(page, "page-returned", page_size, fill=True)
    assert submitted.id == _approvals(ctx, case)[0].id
    assert not problems, problems


def test_help_is_refused_with_what_to_do_while_the_plan_is_not_approved(
    qtbot, ctx, case, final_id, fake_dialogs
):
    from jeugdtool.outcomes import help as help_services

    from jeugdtool.ui.help.page import HelpPage

    plan_policy.set_plan_setting(ctx.uow, org_keys.HELP_NEEDS_APPROVED_PLAN, True, ctx.staff)
    page = HelpPage(ctx, case.id)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    assert page.editable
    assert page.add_help() is None  # no dialog to type in first
    refused = help_services.help_gate(ctx.uow, case.id)
    assert refused and fake_dialogs.errors == [refused]
    # Approved (by a named colleague): the dialog opens.
    approval = plan_approval.submit(ctx.uow, final_id, by=ctx.staff).value
    plan_approval.decide(ctx.uow, approval.id, approve=True, by=ctx.staff, decided_by="P. Smit")
    dialog = page.add_help()
    assert dialog is not None
    dialog.close()


def test_a_comment_on_a_statement_shows_under_that_statement(qtbot, ctx, uow, case):
    from plan_data import family

    family(uow, case.id)
    version = plans.start_draft(uow, case.id).value
    plans.add_agreement(uow, version.id, {"what": WHATS[0]})
    plan_finalise.finalise(uow, version.id, by="x", override_reason="test")
    approval = plan_approval.submit(ctx.uow, version.id, by=ctx.staff).value
    page = PlanPage(ctx, case.id)
    qtbot.addWidget(page)
    page.show()  # a hidden page only notes the change, and reloads when shown
    dialog = page.decide_review()
    assert dialog is not None
    row = next(n for n, t in enumerate(dialog.targets) if t.kind is CommentTarget.STATEMENT)
    target = dialog.targets[row]
    dialog.return_radio.setChecked(True)
    dialog.decided_by.setText("P. Smit")
    dialog.set_comment(row, "Benoem wat Noa dan overkomt.")
    dialog.accept()
    assert _approvals(ctx, case)[0].id == approval.id
    label = page.statements.review_comments[target.key]
    assert "Benoem wat Noa dan overkomt." in label.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_view_menu_opens_the_review_queue(started_window, qtbot):
    action = started_window.review_queue_action
    assert action.shortcut().toString() == "Ctrl+Shift+G"
    assert action in started_window.view_menu.actions()
    action.trigger()
    window = started_window.findChild(ReviewQueueWindow)
    assert window is not None and window.isVisible()
    assert window.empty.isVisible()
    window.close()


def test_the_case_list_and_overview_show_the_review_state_late_in_red_and_words(ctx, case):
    from jeugdtool.framework.plan_approval_dto import PlanStatusDTO
    from jeugdtool.framework.vocab import PlanState
    from jeugdtool.meetings.caseload import PlanColumns

    from jeugdtool.ui.case_list_model import APPROVAL
    from jeugdtool.ui.case_list_model import PagedCaseListModel
    from jeugdtool.ui.workspace.plan_status import status_html

    due = TODAY - dt.timedelta(days=3)
    late = PlanStatusDTO(PlanState.REVIEW_OVERDUE, 1, due_on=due)
    model = PagedCaseListModel(ctx.uow)
    model.refresh()
    model.set_plan_columns({case.id: PlanColumns(approval=late)})
    index = model.index(0, APPROVAL)
    words = review_countdown(due, True, TODAY)
    assert model.data(index) == f"{PlanState.REVIEW_OVERDUE.label} ({words})"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) == qcolor(Role.ERROR)
    assert words in status_html(PlanColumns(approval=late), TODAY)
    approved = PlanStatusDTO(
        PlanState.APPROVED, 1, approved_on=TODAY, approved_by="P. Smit", next_review_on=due
    )
    model.set_plan_columns({case.id: PlanColumns(approval=approved)})
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None
    assert "P. Smit" in status_html(PlanColumns(approval=approved), TODAY)


def test_a_new_draft_after_a_return_keeps_the_comments_in_view(qtbot, ctx, case, final_id, page):
    from jeugdtool.framework.plan_approval_dto import CommentInput

    approval = plan_approval.submit(ctx.uow, final_id, by=ctx.staff).value
    agreement = plans.get_plan(ctx.uow, final_id).agreements[0]
    comment = CommentInput(CommentTarget.AGREEMENT, agreement.lineage, "Afspraak 1", "Wie test?")
    plan_approval.decide(
        ctx.uow, approval.id, approve=False, by=ctx.staff, decided_by="P. Smit", comments=[comment]
    )
    page.start_draft()
    assert page.plan is not None and not page.plan.is_final
    assert page.approval_panel.isVisible()
    assert not page.approval_panel.submit_button.isVisible()
    page.table.select_row(0)
    assert page.form.agreement is not None
    assert page.form.agreement.lineage == agreement.lineage
    assert "Wie test?" in page.agreement_comment.text()
