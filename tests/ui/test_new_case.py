"""The New case dialog: inline Dutch errors that keep what was typed; undo and redo of creation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseMode

from jeugdtool.ui.new_case import CreateCaseCommand
from jeugdtool.ui.new_case import NewCaseDialog


def test_a_taken_case_number_is_explained_next_to_the_field(ctx, qtbot):
    ctx.run(households.create_case, name="Gezin Jansen", case_number="2026-0012")
    dialog = NewCaseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.number_edit.text() == "2026-0013"  # the next free number
    assert dialog.manager_combo.currentText() == "A. de Boer"  # the signed-in consultant
    qtbot.keyClicks(dialog.name_edit, "Gezin Visser")
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData(CaseMode.WELLBEING))
    dialog.number_edit.setText("2026-0012")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.case is None
    assert "2026-0012" in dialog.errors["case_number"].text()
    assert "al in gebruik" in dialog.errors["case_number"].text()
    assert dialog.errors["case_number"].isVisible() and not dialog.errors["name"].isVisible()
    assert dialog.name_edit.text() == "Gezin Visser"
    assert dialog.mode_combo.currentData() == CaseMode.WELLBEING
    assert ctx.undo_stack.count() == 0
    dialog.number_edit.setText("2026-0020")
    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.case.case_number == "2026-0020" and dialog.case.mode == CaseMode.WELLBEING
    assert ctx.undo_stack.count() == 1


def test_undo_removes_the_case_and_redo_brings_it_back_with_the_same_id(ctx):
    command = CreateCaseCommand(ctx, {"name": "Gezin Smit", "case_number": "2026-0001"})
    command.redo()
    ctx.undo_stack.push(command)  # the push's redo must not create a second case
    case_id = command.case.id
    assert len(queries.list_case_summaries(ctx.uow)) == 1
    ctx.undo_stack.undo()
    assert queries.list_case_summaries(ctx.uow) == []
    ctx.undo_stack.redo()
    assert [c.id for c in queries.list_case_summaries(ctx.uow)] == [case_id]


def test_redo_that_cannot_be_done_says_why_and_leaves_the_stack(ctx, fake_dialogs):
    command = CreateCaseCommand(ctx, {"name": "Gezin Smit", "case_number": "2026-0001"})
    command.redo()
    ctx.undo_stack.push(command)
    ctx.undo_stack.undo()
    ctx.run(households.create_case, name="Gezin Ander", case_number="2026-0001")
    ctx.undo_stack.redo()
    assert len(fake_dialogs.errors) == 1 and "2026-0001" in fake_dialogs.errors[0]
    assert ctx.undo_stack.count() == 0  # obsolete: dropped, not pretending it was done
