"""The family's own goals on the plan page, as a consultant uses them: by keyboard, who said it
picked or typed, inline checks that are the service's own, undo, moving, and read-only once the
version is finalised."""

from __future__ import annotations

import pytest
from plan_data import Family
from plan_data import family

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import InvalidInput
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.i18n import _

from jeugdtool.ui.plan.family_goals import FamilyGoalDialog
from jeugdtool.ui.plan.family_goals import FamilyGoalModel
from jeugdtool.ui.plan.family_goals import PlanFamilyGoals
from jeugdtool.ui.plan.plan_page import PlanPage

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def draft(uow, case, fam) -> int:
    return plans.start_draft(uow, case.id).value.id


@pytest.fixture
def widget(ctx, uow, case, draft, qtbot) -> PlanFamilyGoals:
    widget = PlanFamilyGoals(ctx, case.id)
    qtbot.addWidget(widget)
    widget.set_plan(plans.get_plan(uow, draft), True)
    widget.resize(1100, 500)
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


def _dialog(qtbot) -> FamilyGoalDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), FamilyGoalDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, FamilyGoalDialog)
    return dialog


def _reactivate(qtbot, window: QWidget) -> None:
    """The offscreen platform has no window manager to re-activate a window after a dialog."""
    qtbot.waitUntil(lambda: not isinstance(QApplication.activeModalWidget(), QDialog))
    with qtbot.waitActive(window):
        window.activateWindow()


def _key_on_table(qtbot, widget: PlanFamilyGoals, key: Key, modifier=None) -> None:
    table = widget.section.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    _press(qtbot, key, modifier or Qt.KeyboardModifier.NoModifier)


def _goals(uow, draft: int):
    return plans.get_plan(uow, draft).family_goals


def _add(uow, draft: int, who: Source, text: str):
    return plan_sections.add_family_goal(uow, draft, {"source": who, "text": text}).value


def test_add_a_goal_by_keyboard_with_who_said_it(widget, ctx, uow, draft, fam, qtbot):
    assert widget.section.empty_hint.isVisible()
    _key_on_table(qtbot, widget, Key.Key_Insert)
    dialog = _dialog(qtbot)
    assert _focus() is dialog.fields["text"]  # typing starts in the goal
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.isVisible()  # nothing typed: both fields say what is missing
    assert dialog.errors["text"].isVisible() and dialog.errors["source"].isVisible()
    dialog.fields["text"].setFocus()
    _type(qtbot, "We willen elke avond samen aan tafel eten.")
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.fields["source"]
    _type(qtbot, "Sanne Jansen")
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (goal,) = _goals(uow, draft)
    assert goal.text == "We willen elke avond samen aan tafel eten."
    assert goal.source == fam.source(fam.sanne)
    model = widget.model
    assert model.index(0, FamilyGoalModel.GOAL).data() == goal.text
    assert model.index(0, FamilyGoalModel.SAID_BY).data().startswith("Sanne Jansen (")
    assert not widget.section.empty_hint.isVisible()
    assert widget.section.selected() == goal
    assert ctx.undo_stack.undoText() == _("Add a goal of the family")
    ctx.undo_stack.undo()
    assert _goals(uow, draft) == ()


def test_someone_else_by_name(widget, uow, draft, qtbot):
    dialog = widget.add_goal()
    assert dialog is not None
    dialog.fields["text"].setPlainText("Dat Noa weer bij de voetbal gaat.")
    dialog.fields["source"].setEditText("Buurvrouw Els")
    dialog.accept()
    (goal,) = _goals(uow, draft)
    assert goal.source == Source(SourceKind.OTHER, label="Buurvrouw Els")
    assert widget.model.index(0, FamilyGoalModel.SAID_BY).data() == "Buurvrouw Els"


def test_the_dialog_says_what_the_service_says(widget, uow, draft, fam):
    """One rule in the core: the dialog's inline message is the service's, word for word."""
    dialog = widget.add_goal()
    assert dialog is not None
    dialog.fields["text"].setPlainText("x" * 5001)
    with pytest.raises(InvalidInput) as refused:
        plan_sections.add_family_goal(
            uow, draft, {"source": fam.source(fam.sanne), "text": "x" * 5001}
        )
    assert dialog.problem("text") == "\n".join(refused.value.for_field("text"))
    assert dialog.problem("text")
    with pytest.raises(InvalidInput) as refused:
        plan_sections.add_family_goal(uow, draft, {"text": "Samen eten"})
    assert dialog.problem("source") == "\n".join(refused.value.for_field("source"))
    dialog.reject()


def test_change_move_remove_and_undo(widget, ctx, uow, draft, fam, fake_dialogs, qtbot):
    first = _add(uow, draft, fam.source(fam.sanne), "Samen eten")
    _add(uow, draft, fam.source(fam.noa), "Op zaterdag naar oma")
    widget.set_plan(plans.get_plan(uow, draft), True)

    widget.section.select_row(0)
    _key_on_table(qtbot, widget, Key.Key_Return)
    dialog = _dialog(qtbot)
    assert dialog.raw_value("source") == first.source  # shown as the case's member
    dialog.fields["text"].setFocus()
    _press(qtbot, Key.Key_A, CTRL)
    _type(qtbot, "Elke avond samen eten")
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [g.text for g in _goals(uow, draft)] == ["Elke avond samen eten", "Op zaterdag naar oma"]
    assert ctx.undo_stack.undoText() == _("Change the family's goal")

    _reactivate(qtbot, widget)
    widget.section.select_row(0)
    _key_on_table(qtbot, widget, Key.Key_Down, ALT)
    assert [g.text for g in _goals(uow, draft)] == ["Op zaterdag naar oma", "Elke avond samen eten"]
    assert widget.section.selected().id == first.id  # the moved goal stays selected
    _press(qtbot, Key.Key_Down, ALT)  # at the bottom: nothing happens, nothing to undo
    assert ctx.undo_stack.count() == 2

    fake_dialogs.answers.append(True)
    _press(qtbot, Key.Key_Delete)
    assert "Elke avond samen eten" in fake_dialogs.questions[-1][1]
    assert [g.text for g in _goals(uow, draft)] == ["Op zaterdag naar oma"]
    assert widget.model.rowCount() == 1

    ctx.undo_stack.undo()  # the removal
    ctx.undo_stack.undo()  # the move
    ctx.undo_stack.undo()  # the change
    back = _goals(uow, draft)[0]  # where it was, as it was, with its own id
    assert (back.id, back.position, back.text, back.source) == (
        first.id,
        1,
        "Samen eten",
        first.source,
    )
    assert widget.model.index(0, FamilyGoalModel.GOAL).data() == "Samen eten"


def test_read_only_on_a_finalised_version(widget, ctx, uow, draft, fam, qtbot):
    _add(uow, draft, fam.source(fam.sanne), "Samen eten")
    plan_finalise.finalise(uow, draft, by="x", override_reason="test")
    widget.set_plan(plans.get_plan(uow, draft), True)
    assert not widget.editable
    widget.section.select_row(0)
    for button in (widget.section.add_button, widget.section.edit_button):
        assert not button.isEnabled()
    _key_on_table(qtbot, widget, Key.Key_Insert)
    _press(qtbot, Key.Key_Return)
    _press(qtbot, Key.Key_Delete)  # no confirm asked: fake_dialogs would fail the test
    _press(qtbot, Key.Key_Up, ALT)
    assert not isinstance(QApplication.activeModalWidget(), QDialog)
    assert widget.add_goal() is None
    assert widget.model.rowCount() == 1
    assert ctx.undo_stack.count() == 0


def test_the_plan_page_shows_the_goals_and_follows_a_colleague(ctx, uow, case, draft, fam, qtbot):
    page = PlanPage(ctx, case.id)
    qtbot.addWidget(page)
    page.show()  # seen: it follows changes at once (hidden, once when shown)
    assert page.family_goals.model.rowCount() == 0
    assert page.family_goals.editable
    fields = {"source": fam.source(fam.noa), "text": "Op zaterdag naar oma"}
    ctx.run(plan_sections.add_family_goal, draft, fields)  # as a command or a colleague would
    assert page.family_goals.model.rowCount() == 1  # the change set reloads the section
    assert page.family_goals.section.empty_hint.isHidden()


def test_mark_a_goal_as_special_data_and_undo(widget, ctx, uow, draft, fam, qtbot):
    _add(uow, draft, fam.source(fam.sanne), "Samen eten")
    _add(uow, draft, fam.source(fam.sanne), "Ik wil mijn medicatie elke dag nemen")
    widget.set_plan(plans.get_plan(uow, draft), True)
    assert widget.model.index(1, FamilyGoalModel.MARK).data() == SpecialCategory.HEALTH.label
    assert not widget.mark.isEnabled()  # nothing selected
    widget.section.select_row(0)
    assert widget.mark.isEnabled() and widget.mark.category() == ""
    assert widget.mark_hint.isHidden()
    widget.mark.setFocus()
    qtbot.waitUntil(widget.mark.hasFocus)
    qtbot.keyClick(widget.mark, Key.Key_Down)  # the next choice: chosen and saved at once
    assert _goals(uow, draft)[0].special_category == widget.mark.category() != ""
    assert widget.model.index(0, FamilyGoalModel.MARK).data() == widget.mark.currentText()
    ctx.undo_stack.undo()
    assert _goals(uow, draft)[0].special_category == ""
    assert widget.model.index(0, FamilyGoalModel.MARK).data() == ""
    widget.section.select_row(1)  # pre-marked by its words; cleared, the hint says why
    widget.mark_goal("")
    assert _goals(uow, draft)[1].special_category == ""
    assert widget.mark_hint.isVisibleTo(widget)


def test_the_mark_of_a_finalised_version_changes_only_when_the_page_allows(
    widget, ctx, uow, draft, fam
):
    _add(uow, draft, fam.source(fam.sanne), "Samen eten")
    plan_finalise.finalise(uow, draft, by="x", override_reason="test")
    widget.set_plan(plans.get_plan(uow, draft), True)
    widget.section.select_row(0)
    assert not widget.mark.isEnabled()
    widget.mark_goal("justice")
    assert _goals(uow, draft)[0].special_category == ""
    widget.set_plan(plans.get_plan(uow, draft), True, markable=True)  # an open case
    widget.section.select_row(0)
    assert widget.mark.isEnabled() and not widget.section.add_button.isEnabled()
    widget.mark_goal("justice")
    assert _goals(uow, draft)[0].special_category == "justice"
