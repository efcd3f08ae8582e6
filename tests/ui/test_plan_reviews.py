"""Reviews of a finalised safety plan as a consultant records them: by keyboard in the dialog,
listed with Dutch labels, removed and undone, follow-ups carried into the next draft."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_data import family

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.vocab import Kept

from jeugdtool.ui.commands import execute
from jeugdtool.ui.plan.reviews import AddReviewCommand
from jeugdtool.ui.plan.reviews import PlanReviews
from jeugdtool.ui.plan.reviews import ReviewDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = dt.date.today()
WHATS = (
    "Mark drinkt geen alcohol op de dagen dat Noa bij hem is.",
    "Oma Ria belt Noa elke avond om 19.00 uur en vraagt hoe het gaat.",
)


@pytest.fixture
def final_id(uow, case) -> int:
    """A finalised version with two agreements, of the Jansen family with oma Ria."""
    family(uow, case.id)
    version = plans.start_draft(uow, case.id).value
    for what in WHATS:
        plans.add_agreement(uow, version.id, {"what": what})
    plan_finalise.finalise(uow, version.id, by="x", override_reason="test")
    return version.id


@pytest.fixture
def reviews(ctx, case, qtbot, final_id) -> PlanReviews:
    widget = PlanReviews(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.set_plan(plans.get_plan(ctx.uow, final_id))
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


def _tab(qtbot, times: int = 1) -> None:
    for _i in range(times):
        _press(qtbot, Key.Key_Tab)


def _open_dialog(qtbot, reviews: PlanReviews) -> ReviewDialog:
    dialog = reviews.add_review()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: _focus() is dialog.held_on)
    return dialog


def test_add_a_review_by_keyboard(qtbot, ctx, case, reviews, final_id):
    assert reviews.add_button.text().replace("&", "") == "Evaluatie toevoegen…"
    assert reviews.info.text() == "Nog geen evaluaties van versie 1."
    messages: list[str] = []
    ctx.signals.status_message.connect(messages.append)
    dialog = _open_dialog(qtbot, reviews)
    first, second = dialog.rows
    assert [first.kept.itemText(i) for i in range(4)] == [
        "(niet besproken)",
        "✓ Nagekomen",
        "◐ Deels nagekomen",
        "✗ Niet nagekomen",
    ]
    # A date in the future: the message under the date, everything typed stays.
    _press(qtbot, Key.Key_A, CTRL)
    _type(qtbot, format_date_nl(TODAY + dt.timedelta(days=3)))
    _tab(qtbot)
    assert _focus() is dialog.note
    _type(qtbot, "Met Sanne, Mark en oma Ria op kantoor.")
    _tab(qtbot)
    assert _focus() is first.kept
    _press(qtbot, Key.Key_Down)  # Nagekomen
    _tab(qtbot)
    _type(qtbot, "Blaastest elke vrijdag gedaan")
    _tab(qtbot)
    assert first.reported_by.isAncestorOf(_focus()) or _focus() is first.reported_by
    _type(qtbot, "Ria de Vries")
    _tab(qtbot)
    _tab(qtbot)
    assert _focus() is second.kept
    _press(qtbot, Key.Key_Down)
    _press(qtbot, Key.Key_Down)  # Deels nagekomen
    _tab(qtbot)
    _type(qtbot, "Twee avonden niet gebeld")
    _tab(qtbot, 2)
    assert _focus() is second.follow_up
    _type(qtbot, "Oma Ria zet een wekker om 18.55 uur.")
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert "toekomst" in dialog.held_on_error.text()
    assert _focus() is dialog.held_on
    assert dialog.note.toPlainText() == "Met Sanne, Mark en oma Ria op kantoor."
    assert second.follow_up.text() == "Oma Ria zet een wekker om 18.55 uur."
    assert plan_reviews.list_reviews(ctx.uow, case.id) == ()

    _press(qtbot, Key.Key_A, CTRL)
    _type(qtbot, format_date_nl(TODAY))
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (review,) = plan_reviews.list_reviews(ctx.uow, case.id)
    assert [(r.kept, r.reported_by) for r in review.results] == [
        (Kept.YES, "Ria de Vries"),
        (Kept.PARTLY, ""),
    ]
    assert messages == [f"Evaluatie van {format_date_nl(TODAY)} opgeslagen."]
    card = reviews.cards[review.id]
    labels = [card.kept_labels[r.agreement_lineage].text() for r in review.results]
    assert labels == ["✓ Nagekomen", "◐ Deels nagekomen"]
    assert not reviews.info.isVisible()
    assert ctx.undo_stack.undoText() == "Evaluatie toevoegen"
    # The finalised version did not change.
    assert [a.what for a in plans.get_plan(ctx.uow, final_id).agreements] == list(WHATS)


def test_a_row_with_text_but_no_result_says_so(qtbot, reviews):
    dialog = _open_dialog(qtbot, reviews)
    dialog.rows[0].note.setText("Niet aan toegekomen")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.rows[0].error.isVisible()
    assert dialog.rows[0].note.text() == "Niet aan toegekomen"
    assert _focus() is dialog.rows[0].kept


def test_the_date_is_checked_as_the_service_checks_it(qtbot, ctx, reviews, final_id):
    """One rule in the core: the dialog refuses a date before finalising in the same words."""
    dialog = _open_dialog(qtbot, reviews)
    before = TODAY - dt.timedelta(days=1)
    dialog.held_on.setText(format_date_nl(before))
    with pytest.raises(InvalidInput) as shown:
        dialog.values()
    with pytest.raises(InvalidInput) as refused:
        plan_reviews.add_review(ctx.uow, final_id, before, "", [])
    assert shown.value.for_field("held_on") == refused.value.for_field("held_on")
    assert format_date_nl(TODAY) in shown.value.for_field("held_on")[0]
    dialog.reject()


def test_remove_and_undo(qtbot, ctx, case, reviews, final_id, fake_dialogs):
    lineages = [a.lineage for a in plans.get_plan(ctx.uow, final_id).agreements]
    review = plan_reviews.add_review(
        ctx.uow, final_id, TODAY, "Evaluatie", [ResultInput(lineages[1], Kept.NO, "Vergeten")]
    ).value
    reviews.reload()
    card = reviews.cards[review.id]
    assert card.kept_labels[lineages[1]].text() == "✗ Niet nagekomen"
    fake_dialogs.answers.append(True)
    card.remove_button.click()
    assert "evaluatie van" in fake_dialogs.questions[-1][1]
    assert plan_reviews.list_reviews(ctx.uow, case.id) == ()
    assert reviews.cards == {}
    ctx.undo_stack.undo()
    assert plan_reviews.list_reviews(ctx.uow, case.id) == (review,)
    assert list(reviews.cards) == [review.id]
    ctx.undo_stack.redo()
    assert reviews.cards == {}


def test_undo_and_redo_of_adding_a_review(qtbot, ctx, case, reviews, final_id, fake_dialogs):
    lineage = plans.get_plan(ctx.uow, final_id).agreements[0].lineage
    results = [ResultInput(lineage, Kept.YES, reported_by="oma Ria")]
    execute(ctx, AddReviewCommand(ctx, case.id, final_id, TODAY, "Evaluatie", results))
    (added,) = plan_reviews.list_reviews(ctx.uow, case.id)
    ctx.undo_stack.undo()
    assert plan_reviews.list_reviews(ctx.uow, case.id) == ()
    ctx.undo_stack.redo()
    assert plan_reviews.list_reviews(ctx.uow, case.id) == (added,)  # the same ids
    assert list(reviews.cards) == [added.id]
    assert fake_dialogs.errors == []


def test_carry_a_follow_up_into_a_new_draft(qtbot, ctx, case, reviews, final_id, fake_dialogs):
    lineage = plans.get_plan(ctx.uow, final_id).agreements[1].lineage
    follow_up = "Oma Ria zet een wekker om 18.55 uur."
    review = plan_reviews.add_review(
        ctx.uow, final_id, TODAY, "", [ResultInput(lineage, Kept.PARTLY, follow_up=follow_up)]
    ).value
    reviews.reload()
    messages: list[str] = []
    ctx.signals.status_message.connect(messages.append)
    card = reviews.cards[review.id]
    assert not card.carry_button.isHidden()
    fake_dialogs.answers.append(True)
    card.carry_button.click()
    versions = plans.list_versions(ctx.uow, case.id)
    draft = versions[-1]
    assert not draft.is_final and draft.number == 2
    whats = [a.what for a in plans.get_plan(ctx.uow, draft.id).agreements]
    assert follow_up in whats
    assert messages == ["1 afspraak toegevoegd aan concept 2."]


def test_no_add_on_a_draft(qtbot, ctx, case, reviews, final_id):
    draft = plans.start_draft(ctx.uow, case.id).value
    reviews.set_plan(plans.get_plan(ctx.uow, draft.id))
    assert not reviews.add_button.isVisible()
    assert reviews.add_review() is None
    assert "vastgestelde versie" in reviews.info.text()
    assert reviews.info.isVisible()
