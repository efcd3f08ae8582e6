"""Marking special categories of personal data as a consultant does it: on an agreement of a
finalised plan (one undoable change), pre-marked by the words on a new agreement and a new help
item, and the choice to include them in an export."""

from __future__ import annotations

import os

import pytest
from plan_data import Family
from plan_data import family
from plan_data import full_plan

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.export.selection import Document
from jeugdtool.export.selection import default_selection
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plans
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.outcomes import help as help_services

from jeugdtool.ui.export.selection_form import SelectionForm
from jeugdtool.ui.help.dialog import HelpDialog
from jeugdtool.ui.help.dialog import kind_key
from jeugdtool.ui.help.page import HelpPage
from jeugdtool.ui.plan.plan_page import PlanPage

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


def _show(qtbot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1180, 700)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()


def _key(qtbot, key: Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def _type(qtbot, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def _mark_of(uow, version_id: int, what_start: str) -> str:
    agreements = plans.get_plan(uow, version_id).agreements
    return next(a.special_category for a in agreements if a.what.startswith(what_start))


def test_an_agreement_of_a_finalised_plan_is_marked_by_keyboard_and_undone(
    ctx, uow, case, fam, qtbot
):
    version_id = full_plan(uow, case.id, fam)
    plan_finalise.finalise(uow, version_id, by="A. de Boer", override_reason="test")
    page = PlanPage(ctx, case.id)
    _show(qtbot, page)
    assert page.plan is not None and page.plan.is_final
    target = next(a for a in page.detail.agreements if a.what.startswith("Mark gaat"))
    page.table.select_row(page.model.row_of(target.id))
    form = page.form
    assert form.agreement is not None and form.agreement.id == target.id
    assert form.what.isReadOnly() and form.special.isEnabled()  # only the mark may change
    assert form.special_hint.isVisibleTo(form)  # "verslavingszorg": it seems to hold such data
    if os.environ.get("JEUGDTOOL_SHOTS"):  # to look at by hand
        form.grab().save(os.path.join(os.environ["JEUGDTOOL_SHOTS"], "special-mark-form.png"))
    form.special.setFocus()
    qtbot.waitUntil(form.special.hasFocus)
    _key(qtbot, Key.Key_Down)  # not marked -> health
    _key(qtbot, Key.Key_Down)  # -> addiction: the same undo step
    assert _mark_of(uow, version_id, "Mark gaat") == SpecialCategory.ADDICTION
    assert ctx.undo_stack.count() == 1
    row = page.model.row_of(target.id)
    tip = page.model.index(row, page.model.WHAT).data(Qt.ItemDataRole.ToolTipRole)
    assert SpecialCategory.ADDICTION.label in tip  # the table says it is marked
    assert page.form.special.category() == "addiction"
    assert not page.form.special_hint.isVisibleTo(page.form)
    ctx.undo_stack.undo()
    assert _mark_of(uow, version_id, "Mark gaat") == ""
    assert page.form.special.category() == ""
    ctx.undo_stack.redo()
    assert _mark_of(uow, version_id, "Mark gaat") == "addiction"


def test_a_new_agreement_is_pre_marked_by_its_words_until_the_user_chooses(
    ctx, uow, case, fam, qtbot
):
    version = plans.start_draft(uow, case.id).value
    page = PlanPage(ctx, case.id)
    _show(qtbot, page)
    page.new_agreement()
    form = page.form
    _type(qtbot, "Sanne gaat met Noa naar de huisarts.")
    assert form.special.category() == "health"
    _key(qtbot, Key.Key_Return, CTRL)
    assert _mark_of(uow, version.id, "Sanne gaat") == "health"

    page.new_agreement()
    _type(qtbot, "Mark belt de reclassering.")
    assert form.special.category() == "justice"
    form.special.setFocus()
    qtbot.waitUntil(form.special.hasFocus)
    for _i in range(3):
        _key(qtbot, Key.Key_Up)  # back to "not marked": the user's choice
    assert form.special.category() == ""
    assert form.special_hint.isVisibleTo(form)  # but it says what the words suggest
    form.what.setFocus()
    qtbot.waitUntil(form.what.hasFocus)
    _type(qtbot, " Hij ziet de psychiater.")
    assert form.special.category() == ""  # the choice stays
    _key(qtbot, Key.Key_Return, CTRL)
    assert _mark_of(uow, version.id, "Mark belt") == ""


def test_new_help_is_pre_marked_and_saved_with_its_mark(ctx, uow, case, fam, qtbot):
    page = HelpPage(ctx, case.id)
    _show(qtbot, page)
    page.section.table.setFocus()
    qtbot.waitUntil(page.section.table.hasFocus)
    _key(qtbot, Key.Key_Insert)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), HelpDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, HelpDialog)
    assert dialog.special.category() == ""
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind_key("ijw-productcategorieen", "45")))
    dialog.fields["description"].setFocus()
    qtbot.waitUntil(dialog.fields["description"].hasFocus)
    _type(qtbot, "Gesprekken met de POH-GGZ")
    assert dialog.special.category() == "health"
    if os.environ.get("JEUGDTOOL_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["JEUGDTOOL_SHOTS"], "special-mark-help.png"))
    _key(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (item,) = help_services.list_help(uow, case.id)
    assert item.special_category == "health"
    ctx.undo_stack.undo()  # adding it with its mark was one step
    assert help_services.list_help(uow, case.id) == []


def test_the_export_choice_includes_special_categories_only_when_ticked(qtbot):
    form = SelectionForm(Document.PLAN)
    qtbot.addWidget(form)
    form.set_selection(default_selection(Document.PLAN))
    box = form.privacy_boxes["special_categories"]
    assert not box.isChecked()
    assert form.selection().special_categories is False
    box.setChecked(True)
    assert form.selection().special_categories is True
    if os.environ.get("JEUGDTOOL_SHOTS"):
        form.grab().save(os.path.join(os.environ["JEUGDTOOL_SHOTS"], "special-selection.png"))
    form.show()
    assert box.isVisible()
    form.set_document(Document.MAP)  # the map has no agreements or help to leave out
    assert not box.isVisible()
    form.set_document(Document.ZRM)  # the ZRM summary names the kinds of help
    assert box.isVisible()
