"""The safety plan page as a consultant uses it: by keyboard, with the SMART check live, undo,
acceptance per person and finalising."""

from __future__ import annotations

import dataclasses
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
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework.plan_rules import saved_smart_draft

from jeugdtool.ui.plan.plan_page import PlanPage

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
REVIEW = TODAY + dt.timedelta(days=28)


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def page(ctx, case, fam, qtbot) -> PlanPage:
    widget = PlanPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1180, 600)
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


def _retype(qtbot, text: str) -> None:
    _press(qtbot, Key.Key_A, CTRL)
    _type(qtbot, text)


def _tab_to(qtbot, widget: QWidget) -> None:
    for _i in range(30):
        if _focus() is widget:
            return
        _press(qtbot, Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}")


def _tick(qtbot, list_widget, label_start: str) -> None:
    """Move to the first unticked item starting so with the keyboard, and tick it with Space."""
    list_widget.setFocus()
    for _i in range(list_widget.count() + 1):
        item = list_widget.currentItem()
        unticked = item is not None and item.checkState() == Qt.CheckState.Unchecked
        if unticked and item.text().startswith(label_start):
            _press(qtbot, Key.Key_Space)
            assert item.checkState() == Qt.CheckState.Checked
            return
        _press(qtbot, Key.Key_Down)
    raise AssertionError(f"no item {label_start!r}")


def _hints(page: PlanPage, letter: str) -> str:
    return page.form.smart.hints[letter].text()


def test_a_vague_agreement_is_fixed_accepted_and_the_plan_finalised(page, ctx, fam, qtbot):
    assert page.empty.isVisibleTo(page)
    page.new_draft_button.setFocus()
    _press(qtbot, Key.Key_Space)
    assert page.plan is not None and not page.plan.is_final
    form = page.form

    page.table.table.setFocus()
    _press(qtbot, Key.Key_Insert)
    assert _focus() is form.what
    _type(qtbot, "Vader probeert minder te drinken")
    _press(qtbot, Key.Key_Tab)
    assert _focus() is form.people
    _tick(qtbot, form.people, "Mark Jansen")
    # live, before anything is saved: vague (S) and no date (T)
    assert {"S", "T"} <= set(form.smart.failing())
    assert "probeert" in _hints(page, "S")
    assert "minder" in _hints(page, "S")
    assert _hints(page, "T")
    _press(qtbot, Key.Key_Return, CTRL)
    assert [a.what for a in page.detail.agreements] == ["Vader probeert minder te drinken"]

    form.what.setFocus()
    _retype(qtbot, "Mark drinkt geen alcohol op de dagen dat Noa bij hem is.")
    assert "S" not in form.smart.failing()
    _tick(qtbot, form.people, "Ria de Vries")
    form.when.setFocus()
    _type(qtbot, "elke vrijdag tot en met zondag")
    _tab_to(qtbot, form.review_on)
    _type(qtbot, format_date_nl(REVIEW))
    assert "T" not in form.smart.failing()
    _tab_to(qtbot, form.check)
    _type(qtbot, "Mark blaast op vrijdag om 18.00 uur in de blaastester bij oma Ria")
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, "Sanne Jansen")
    assert "M" not in form.smart.failing()
    _tick(qtbot, form.serves, "Bodemeis 1")
    _tick(qtbot, form.serves, "Bodemeis 2")
    _tab_to(qtbot, form.realistic)
    _press(qtbot, Key.Key_Space)
    assert form.smart.failing() == ("A",)
    page.table.table.setFocus()  # leaving the form saves it (autosave)
    saved = page.detail.agreements[0]
    assert saved.what.startswith("Mark drinkt geen alcohol")
    assert saved.when == "elke vrijdag tot en met zondag" and saved.review_on == REVIEW
    assert saved.realistic_confirmed and saved.checked_by == "Sanne Jansen"
    assert {p.source.label for p in saved.parties} == {"Mark Jansen", "Ria de Vries"}

    rows = form.acceptance.rows
    assert len(rows) == 2
    for row in list(rows.values()):
        row.answer.setFocus()
        _press(qtbot, Key.Key_Down)  # "not asked yet" -> "accepted"
    agreement = page.detail.agreements[0]
    assert agreement.accepted_by_all
    assert all(p.accepted_on == TODAY for p in agreement.parties)
    assert "yes" in form.acceptance.everyone.text() or "ja" in form.acceptance.everyone.text()
    assert page.model.data(page.model.index(0, page.model.ACCEPTED)) == "✓"
    assert form.smart.failing() == ()

    page.sections.next_review_on.setFocus()
    _type(qtbot, format_date_nl(REVIEW))
    _press(qtbot, Key.Key_Tab)
    assert page.plan.next_review_on == REVIEW
    assert plan_finalise.readiness(ctx.uow, page.plan.id).ok

    dialog = page.finalise()
    assert dialog is not None and not dialog.reason.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert not dialog.ok_button.isEnabled()  # first confirm it cannot change any more
    dialog.confirm.setFocus()
    _press(qtbot, Key.Key_Space)
    _press(qtbot, Key.Key_Return, CTRL)
    assert page.plan.is_final and page.plan.finalised_by == "A. de Boer"
    assert page.plan.override_reason is None
    assert page.banner.isVisibleTo(page) and "vastgesteld" in page.banner.text().lower()
    assert ctx.dialogs.errors == []


def test_undo_and_redo_of_adding_and_editing_an_agreement(page, ctx, qtbot):
    page.start_draft()
    form = page.form
    page.table.table.setFocus()
    _press(qtbot, Key.Key_Insert)
    _type(qtbot, "Oma Ria haalt Noa op van school.")
    _press(qtbot, Key.Key_Return, CTRL)
    first = page.detail.agreements[0]
    form.when.setFocus()
    _type(qtbot, "elke woensdag om 12.00 uur")
    page.table.table.setFocus()  # autosave: one undo step for the edit
    assert page.detail.agreements[0].when == "elke woensdag om 12.00 uur"

    stack = ctx.undo_stack
    stack.undo()
    assert page.detail.agreements[0].when == ""
    assert form.when.text() == ""
    stack.undo()
    assert page.detail.agreements == ()
    assert form.agreement is None and form.what.toPlainText() == ""
    stack.redo()
    assert [a.id for a in page.detail.agreements] == [first.id]  # the same agreement
    stack.redo()
    assert page.detail.agreements[0].when == "elke woensdag om 12.00 uur"
    assert form.when.text() == "elke woensdag om 12.00 uur"
    stack.undo()
    stack.undo()
    stack.undo()  # starting the draft
    assert page.versions == [] and page.empty.isVisibleTo(page)
    stack.redo()
    assert page.plan is not None
    assert ctx.dialogs.errors == []


def test_invalid_date_shows_under_the_field_and_keeps_the_text(page, qtbot):
    page.start_draft()
    page.table.table.setFocus()
    _press(qtbot, Key.Key_Insert)
    _type(qtbot, "Sanne belt de school.")
    page.form.due_on.setFocus()
    _type(qtbot, "31-02-2027")
    _press(qtbot, Key.Key_Return, CTRL)
    assert page.detail.agreements == ()
    assert page.form.errors["due_on"].isVisibleTo(page)
    assert page.form.due_on.text() == "31-02-2027"
    assert page.form.dirty


def test_filter_by_person_shows_what_oma_ria_does(page, ctx, case, fam, qtbot):
    full_plan(ctx.uow, case.id, fam)
    page.reload()
    assert page.model.rowCount() == 6
    page.person_filter.setFocus()
    index = page.person_filter.findText("Ria de Vries")
    assert index > 0
    page.person_filter.setCurrentIndex(index)
    assert page.model.rowCount() == 1
    assert page.model.row_at(0).what.startswith("Oma Ria belt Noa")
    page.person_filter.setCurrentIndex(page.person_filter.findText("Mark Jansen"))
    assert page.model.rowCount() == 4
    page.person_filter.setCurrentIndex(0)
    assert page.model.rowCount() == 6


def test_smart_badges_and_bottom_line_coverage(page, ctx, case, fam):
    full_plan(ctx.uow, case.id, fam)
    page.reload()
    m = page.model
    vague = m.row_of(page.detail.agreements[-1].id)
    assert m.data(m.index(vague, m.S), Qt.ItemDataRole.ToolTipRole).count("•") >= 1
    assert "probeert" in m.data(m.index(vague, m.S), Qt.ItemDataRole.ToolTipRole)
    assert m.data(m.index(0, m.ACCEPTED)) == "✓"
    assert m.data(m.index(3, m.ACCEPTED)) in ("1 of 2", "1 van 2")
    covered, uncovered = fam.bottom_lines
    assert "1, 5" in page.statements.coverage[covered.lineage].text()
    assert "⚠" in page.statements.coverage[uncovered.lineage].text()


def test_removing_an_agreement_asks_first_and_undo_puts_it_back(page, ctx, case, fam, qtbot):
    full_plan(ctx.uow, case.id, fam)
    page.reload()
    page.table.select_row(1)
    page.table.table.setFocus()
    ctx.dialogs.answers.append(True)
    _press(qtbot, Key.Key_Delete)
    assert len(page.detail.agreements) == 5
    ctx.undo_stack.undo()
    assert len(page.detail.agreements) == 6
    assert page.detail.agreements[1].accepted_by_all  # with its acceptances


def test_a_finalised_version_is_read_only(page, ctx, case, fam):
    version_id = full_plan(ctx.uow, case.id, fam)
    plan_finalise.finalise(ctx.uow, version_id, by="A. de Boer", override_reason="Spoed")
    page.reload()
    assert page.plan.is_final
    assert page.banner.isVisibleTo(page)
    assert "A. de Boer" in page.banner.text() and format_date_nl(TODAY) in page.banner.text()
    assert not page.finalise_button.isVisibleTo(page)
    assert page.new_draft_button.isVisibleTo(page)
    assert page.form.what.isReadOnly() and not page.form.save_button.isVisibleTo(page)
    assert not page.table.add_action.isEnabled() and not page.table.remove_action.isEnabled()
    assert page.sections.children_told.isReadOnly()
    assert not any(r.answer.isEnabled() for r in page.form.acceptance.rows.values())
    page.new_draft_button.click()
    assert page.plan.number == 2 and not page.plan.is_final
    assert not page.form.what.isReadOnly()
    page.show_version(version_id)
    assert page.form.what.isReadOnly()


def test_finalising_with_problems_requires_a_reason(page, ctx, case, fam, qtbot):
    full_plan(ctx.uow, case.id, fam)
    page.reload()
    dialog = page.finalise()
    assert dialog is not None
    assert dialog.findChild(QWidget, "readiness-problems") is not None
    assert any("bodemeis" in label.text().lower() for label in dialog.problem_labels)
    assert dialog.reason.isVisibleTo(dialog)
    dialog.confirm.setChecked(True)
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.reason_error.isVisibleTo(dialog)
    assert not page.plan.is_final
    dialog.reason.setPlainText("Veilig Thuis wil het plan vandaag; de rest volgt.")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert page.plan.is_final
    assert page.plan.override_reason == "Veilig Thuis wil het plan vandaag; de rest volgt."
    assert ctx.undo_stack.count() == 0  # finalising is not undoable
    assert plans.get_plan(ctx.uow, page.plan.id).plan.is_final


def test_safety_network_and_red_flag_commands_undo_and_redo(ctx, case, fam):
    from jeugdtool.ui.commands import execute
    from jeugdtool.ui.plan import plan_commands as pc

    version = plans.start_draft(ctx.uow, case.id).value
    role = pc.AddSectionRowCommand(
        ctx,
        case.id,
        version.id,
        pc.NetworkRoles,
        {"source": fam.source(fam.ria), "role": "vertrouwenspersoon van Noa"},
        "Add",
    )
    execute(ctx, role)
    flag = pc.AddSectionRowCommand(
        ctx,
        case.id,
        version.id,
        pc.RedFlags,
        {"sign": "Mark ruikt naar drank", "action": "Oma belt"},
        "Add",
    )
    execute(ctx, flag)
    edit = pc.EditSectionRowCommand(
        ctx, case.id, pc.RedFlags, flag.dto, {"action": "Oma Ria haalt Noa op"}, "Edit"
    )
    execute(ctx, edit)
    execute(ctx, pc.RemoveRowCommand(ctx, case.id, pc.NetworkRoles, role.dto, "Rm"))
    detail = plans.get_plan(ctx.uow, version.id)
    assert detail.network == () and detail.red_flags[0].action == "Oma Ria haalt Noa op"
    for _i in range(2):
        ctx.undo_stack.undo()
    detail = plans.get_plan(ctx.uow, version.id)
    assert detail.network[0].id == role.dto.id and detail.red_flags[0].action == "Oma belt"
    ctx.undo_stack.redo()
    assert plans.get_plan(ctx.uow, version.id).red_flags[0].action == "Oma Ria haalt Noa op"
    assert ctx.dialogs.errors == []


def test_the_page_carries_the_safety_network_red_flags_and_reviews(page, ctx, case) -> None:
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plans

    draft = ctx.run(plans.start_draft, case.id)
    ctx.run(plans.add_agreement, draft.id, {"what": "Oma haalt Noa elke woensdag op"})
    page.reload()
    assert page.network_flags.isVisibleTo(page)
    assert page.reviews.add_button.isHidden()  # reviews are held on finalised versions
    ctx.run(plan_finalise.finalise, draft.id, by="A. de Boer", override_reason="spoed")
    page.reload()
    assert page.reviews.isVisibleTo(page)
    assert not page.reviews.add_button.isHidden()


def test_elided_who_and_when_have_the_whole_text_as_tooltip(page, ctx, case, fam):
    full_plan(ctx.uow, case.id, fam)
    page.reload()
    m = page.model
    for row in range(m.rowCount()):
        for column in (m.WHO, m.WHEN):
            shown = m.data(m.index(row, column))
            assert m.data(m.index(row, column), Qt.ItemDataRole.ToolTipRole) == (shown or None)


def test_the_form_and_the_table_check_an_agreement_alike(page, ctx, case, fam, qtbot):
    """One SMART input: a saved agreement shown in the form reads as the table reads it."""
    version_id = full_plan(ctx.uow, case.id, fam)
    page.reload()
    detail = plans.get_plan(ctx.uow, version_id)
    for agreement in detail.agreements:
        page.table.select_row(page.model.row_of(agreement.id))
        qtbot.waitUntil(lambda a=agreement: page.form.agreement == a)
        saved = saved_smart_draft(agreement, detail.plan, detail.agreements)
        typed = page.form.draft()
        assert sorted(typed.who) == sorted(saved.who)  # in the order of the form's list
        assert dataclasses.replace(typed, who=saved.who) == saved
        assert page.form.result().failing == page.model.results[agreement.id].failing
