"""The plan flow as tried by a new user: a readiness problem is a link to the place to fix it
(by keyboard), "Everyone has accepted" in one step with how and when, undone; a red flag
without "what then" is refused under that field; the comparison is Dutch and never cuts a
word."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_data import TODAY
from plan_data import Family
from plan_data import family
from plan_data import full_plan

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import plans
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import AgreementStatus

from jeugdtool.ui.plan.compare_dialog import shorten
from jeugdtool.ui.plan.finalise_dialog import FinaliseDialog
from jeugdtool.ui.plan.plan_page import PlanPage

Key = Qt.Key


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def page(ctx, case, fam, qtbot) -> PlanPage:
    full_plan(ctx.uow, case.id, fam)
    widget = PlanPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _not_accepted(page: PlanPage):
    return next(a for a in page.detail.agreements if not a.accepted_by_all and a.parties)


def test_a_readiness_problem_opens_the_agreement_to_fix_by_keyboard(page, qtbot):
    agreement = _not_accepted(page)
    dialog = page.finalise()
    assert isinstance(dialog, FinaliseDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    label = next(lab for lab in dialog.problem_labels if f"{agreement.lineage}" in lab.text())
    assert "<a href=" in label.text()
    # Tab from the reason box reaches the links; Enter on one opens its place.
    label.setFocus()
    qtbot.keyClick(label, Key.Key_Tab)
    qtbot.keyClick(label, Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.form.agreement is not None
    assert page.form.agreement.lineage == agreement.lineage
    assert page.focusWidget() is page.form.what  # the window's focus, once it is active again


def test_a_bottom_line_no_agreement_serves_opens_new_agreement(page, fam, qtbot):
    dialog = page.finalise()
    uncovered = fam.bottom_lines[1].lineage
    label = next(lab for lab in dialog.problem_labels if uncovered in lab.text())
    label.linkActivated.emit(f"statement:{uncovered}")
    assert not dialog.isVisible()
    assert page.focusWidget() is page.table.add_button


def test_everyone_has_accepted_in_one_step_and_undone(page, ctx, qtbot):
    agreement = _not_accepted(page)
    page.table.select_row(page.model.row_of(agreement.id))
    row = page.form.acceptance.everyone_row
    assert row.isVisibleTo(page) and row.button.isEnabled()
    row.how.setCurrentIndex(row.how.findData(AcceptedHow.PHONE))
    row.on.setText(format_date_nl(TODAY - dt.timedelta(days=1)))
    row.button.setFocus()
    qtbot.keyClick(row.button, Key.Key_Space)
    after = plans.get_plan(ctx.uow, page.plan.id)
    done = next(a for a in after.agreements if a.id == agreement.id)
    assert done.accepted_by_all
    assert done.status is AgreementStatus.AGREED
    assert {p.accepted_how for p in done.parties} == {AcceptedHow.PHONE}
    assert {p.accepted_on for p in done.parties} == {TODAY - dt.timedelta(days=1)}
    assert not row.button.isEnabled()  # nothing left to accept
    ctx.undo_stack.undo()
    back = next(a for a in plans.get_plan(ctx.uow, page.plan.id).agreements if a.id == agreement.id)
    assert [p.accepted for p in back.parties] == [p.accepted for p in agreement.parties]
    assert back.status == agreement.status
    ctx.undo_stack.redo()
    again = next(
        a for a in plans.get_plan(ctx.uow, page.plan.id).agreements if a.id == agreement.id
    )
    assert again.accepted_by_all


def test_a_wrong_date_for_everyone_stays_with_its_message(page, ctx):
    agreement = _not_accepted(page)
    page.table.select_row(page.model.row_of(agreement.id))
    row = page.form.acceptance.everyone_row
    row.on.setText("32-13-2026")
    row.button.click()
    assert row.error.isVisibleTo(page)
    assert row.on.text() == "32-13-2026"
    assert ctx.undo_stack.count() == 0


def test_a_long_text_is_shortened_at_a_word():
    text = "Opa haalt Daan elke dinsdag en donderdag op van school en brengt hem naar voetbal " * 2
    short = shorten(text, 60)
    assert len(short) <= 60 and short.endswith("…")
    kept = short.removesuffix("…")
    assert text.startswith(kept) and text[len(kept)] == " "


def test_a_red_flag_without_what_then_is_refused_under_that_field(page, ctx, qtbot):
    page.start_draft() if page.plan is not None and page.plan.is_final else None
    dialog = page.network_flags.add_flag()
    assert dialog is not None
    dialog.fields["sign"].setPlainText("Mark ruikt naar drank")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.errors["action"].isVisibleTo(dialog)
    assert dialog.fields["sign"].toPlainText() == "Mark ruikt naar drank"
    assert plans.get_plan(ctx.uow, page.plan.id).red_flags == ()
    dialog.fields["action"].setPlainText("Oma Ria haalt Noa op")
    dialog.accept()
    assert not dialog.isVisible()
    assert [f.action for f in plans.get_plan(ctx.uow, page.plan.id).red_flags] == [
        "Oma Ria haalt Noa op"
    ]
