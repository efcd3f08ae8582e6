"""Marking "how the children are told", a review, a review result and ZRM notes as special
categories of personal data as a consultant does it: by keyboard, in a finalised version too,
saved at once, one undo step, the focus kept on the box."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from plan_data import Family
from plan_data import family
from plan_data import full_plan

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import members
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.vocab import Kept
from jeugdtool.zrm import assessments as za

from jeugdtool.ui.plan.plan_page import PlanPage
from jeugdtool.ui.plan.reviews import PlanReviews
from jeugdtool.ui.zrm.page import ZrmPage

Key = Qt.Key


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def final_id(uow, case, fam) -> int:
    """A finalised plan whose children are told about a visit to the psychiatrist."""
    version_id = full_plan(uow, case.id, fam)
    plans.update_plan(
        uow, version_id, {"children_told": "Oma Ria vertelt Noa dat mama naar de psychiater gaat."}
    )
    plan_finalise.finalise(uow, version_id, by="A. de Boer", override_reason="test")
    return version_id


def _show(qtbot, widget: QWidget, width: int = 1180, height: int = 700) -> None:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()


def _key(qtbot, key: Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _shot(widget: QWidget, name: str) -> None:
    if os.environ.get("JEUGDTOOL_SHOTS"):  # to look at by hand
        widget.grab().save(os.path.join(os.environ["JEUGDTOOL_SHOTS"], name))


def _told_mark(uow, version_id: int) -> str:
    return plans.get_plan(uow, version_id).plan.children_told_category


def test_how_the_children_are_told_is_marked_in_a_finalised_plan(ctx, uow, case, final_id, qtbot):
    page = PlanPage(ctx, case.id)
    _show(qtbot, page)
    sections = page.sections
    assert page.plan is not None and page.plan.is_final
    assert sections.children_told.isReadOnly() and sections.children_mark.isEnabled()
    assert sections.children_hint.isVisibleTo(sections)  # "psychiater": health data?
    _shot(sections, "special-children-told.png")
    _focus(qtbot, sections.children_mark)
    _key(qtbot, Key.Key_Down)  # not marked -> health
    assert _told_mark(uow, final_id) == "health"
    assert ctx.undo_stack.count() == 1
    assert sections.children_mark.category() == "health"
    assert not sections.children_hint.isVisibleTo(sections)
    ctx.undo_stack.undo()
    assert _told_mark(uow, final_id) == ""
    assert sections.children_mark.category() == ""


@pytest.fixture
def reviews(ctx, uow, case, final_id, qtbot) -> PlanReviews:
    lineages = [a.lineage for a in plans.get_plan(uow, final_id).agreements]
    plan_reviews.add_review(
        uow,
        final_id,
        dt.date.today(),
        "Mark vertelt over zijn afspraken bij de verslavingszorg.",
        [
            ResultInput(lineages[0], Kept.PARTLY, "Eén keer gedronken", "Ria de Vries", ""),
            ResultInput(lineages[1], Kept.YES, "", "", "Doorgaan"),
        ],
    )
    widget = PlanReviews(ctx, case.id)
    widget.set_plan(plans.get_plan(uow, final_id))
    _show(qtbot, widget, 1100, 500)
    return widget


def test_a_review_and_a_result_are_marked_by_keyboard(ctx, uow, case, reviews, qtbot):
    review = reviews.reviews[0]
    card = reviews.cards[review.id]
    _shot(reviews, "special-review-card.png")
    note_box = card.mark_boxes[("review", review.id)]
    assert note_box.isEnabled()
    _focus(qtbot, note_box)
    _key(qtbot, Key.Key_Down)
    _key(qtbot, Key.Key_Down)  # health -> addiction: one undo step
    assert plan_reviews.list_reviews(uow, case.id)[0].special_category == "addiction"
    assert ctx.undo_stack.count() == 1
    # The card was rebuilt with the new mark; the keyboard stays on its box.
    card = reviews.cards[review.id]
    assert QApplication.focusWidget() is card.mark_boxes[("review", review.id)]
    result = review.results[0]
    _focus(qtbot, card.mark_boxes[("result", result.id)])
    for _i in range(3):
        _key(qtbot, Key.Key_Down)  # -> justice
    assert plan_reviews.list_reviews(uow, case.id)[0].results[0].special_category == "justice"
    assert QApplication.focusWidget() is reviews.cards[review.id].mark_boxes[("result", result.id)]
    ctx.undo_stack.undo()
    assert plan_reviews.list_reviews(uow, case.id)[0].results[0].special_category == ""
    assert plan_reviews.list_reviews(uow, case.id)[0].special_category == "addiction"


def test_zrm_notes_are_marked_by_keyboard(ctx, uow, case, qtbot):
    fields = {"first_name": "Mark", "last_name": "de Vries", "role": "parent"}
    father = members.add_person(uow, case.id, fields).value
    first = za.create_assessment(uow, father.id, assessed_on=dt.date(2026, 1, 12)).value
    domain = first.domains[0].domain
    za.set_domain(uow, first.id, domain, {"note": "Schulden door gokken en alcohol"})
    za.update_assessment(uow, first.id, {"note": "Gesprek over de verslavingszorg"})
    page = ZrmPage(ctx, case.id)
    _show(qtbot, page, 1366, 720)
    editor = page.editor
    editor.choose_person(father.id)
    assert editor.assessment is not None and editor.assessment.id == first.id
    assert editor.note_mark_hint.isVisibleTo(editor)
    _focus(qtbot, editor.note_mark)
    _key(qtbot, Key.Key_Down)
    _key(qtbot, Key.Key_Down)  # -> addiction
    assert za.get_assessment(uow, first.id).special_category == "addiction"
    form = editor.form
    assert form.score is not None and form.score.domain == domain
    assert form.special.isEnabled() and form.special_hint.isVisibleTo(form)
    _focus(qtbot, form.special)
    _key(qtbot, Key.Key_Down)
    _key(qtbot, Key.Key_Down)
    assert za.get_assessment(uow, first.id).score(domain).special_category == "addiction"
    _shot(page, "special-zrm-notes.png")
    assert ctx.undo_stack.count() == 2
    ctx.undo_stack.undo()
    assert za.get_assessment(uow, first.id).score(domain).special_category == ""
    assert form.special.category() == ""
