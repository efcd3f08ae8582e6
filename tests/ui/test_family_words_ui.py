"""The family's own words on screen: the statement form (danger statements, safety goals, bottom
lines) and the agreement form have a field for them, saved and undone like the other fields; the
statement card shows them ("Gezin: …"). The statement form also has the mark for special
categories of personal data, suggested by the words as on agreements."""

from __future__ import annotations

import datetime as dt

import pytest
from test_mnemonics import duplicates

from PySide6.QtWidgets import QApplication

from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework import plans
from jeugdtool.framework import special
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import SpecialCategory
from jeugdtool.framework.vocab import StatementType as T
from jeugdtool.i18n import _

from jeugdtool.ui.framework.statement_cards import StatementCard
from jeugdtool.ui.framework.statement_cards import family_line
from jeugdtool.ui.framework.statement_dialog import StatementDialog
from jeugdtool.ui.framework.statements_page import StatementsPage
from jeugdtool.ui.plan.agreement_model import AgreementTableModel
from jeugdtool.ui.plan.plan_page import PlanPage

DAY = dt.date(2026, 3, 2)
WORDS = "Papa drinkt niet als hij voor ons zorgt."

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def family(uow, case):
    def add(first: str, role: str):
        fields = {"first_name": first, "last_name": "Jansen", "role": role}
        return members.add_person(uow, case.id, fields).value

    return add("Noa", "child"), add("Sanne", "parent"), add("Mark", "parent")


@pytest.fixture
def moment(uow, case, family):
    return moments.start_moment(uow, case.id, author="A. de Boer", held_on=DAY).value


@pytest.fixture
def danger(uow, moment, family):
    fields = {"behaviour": "Mark drinkt en wordt dan boos", "children": [family[0].id]}
    return statements.add_statement(uow, moment.id, T.DANGER, fields).value


@pytest.fixture
def page(ctx, case, moment, qtbot) -> StatementsPage:
    widget = StatementsPage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def _open(qtbot, page: StatementsPage, kind: T, dto=None) -> StatementDialog:
    dialog = page.edit_statement(dto) if dto is not None else page.add_statement(kind)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _statement(uow, moment, statement_id: int):
    return next(s for s in statements.list_statements(uow, moment.id) if s.id == statement_id)


def _cards(page: StatementsPage) -> dict[int, StatementCard]:
    return {card.dto.id: card for card in page.findChildren(StatementCard)}


@pytest.mark.parametrize("kind", [T.DANGER, T.SAFETY_GOAL, T.BOTTOM_LINE])
def test_the_form_has_the_family_words_under_the_sentence(page, qtbot, kind):
    dialog = _open(qtbot, page, kind)
    rows = list(dialog.fields)
    assert rows.index("family_words") == rows.index("text") + 1
    dialog.fields["family_words"].setPlainText(WORDS)
    assert dialog.values()["family_words"] == WORDS
    dialog.reject()


def test_a_harm_statement_has_no_family_words_but_a_mark(page, qtbot):
    dialog = _open(qtbot, page, T.HARM)
    assert "family_words" not in dialog.fields
    assert dialog.values()["special_category"] == ""
    dialog.reject()


def test_family_words_saved_shown_on_the_card_and_undone(page, ctx, uow, moment, danger, qtbot):
    dialog = _open(qtbot, page, T.DANGER, danger)
    dialog.fields["family_words"].setPlainText(WORDS)
    dialog.accept()
    assert _statement(uow, moment, danger.id).family_words == WORDS
    card = _cards(page)[danger.id]
    assert not card.family.isHidden()
    assert card.family.text() == family_line(WORDS) == _("Family: {words}").format(words=WORDS)
    assert card.family.font().italic() or "italic" in card.family.styleSheet()
    assert ctx.undo_stack.undoText() == _("Change danger statement")
    ctx.undo_stack.undo()
    assert _statement(uow, moment, danger.id).family_words == ""
    assert _cards(page)[danger.id].family.isHidden()


def test_a_new_statement_is_marked_by_its_words_until_the_consultant_chooses(
    page, uow, moment, family, qtbot
):
    dialog = _open(qtbot, page, T.DANGER)
    dialog.fields["behaviour"].setPlainText("Mark gaat niet meer naar de verslavingszorg")
    assert dialog.mark.category() == SpecialCategory.ADDICTION.value
    assert dialog.mark_hint.isHidden()  # marked: nothing to warn about
    dialog.mark.setCurrentIndex(dialog.mark.findData(SpecialCategory.NONE.value))
    dialog.mark.activated.emit(dialog.mark.currentIndex())  # the consultant's choice
    assert not dialog.mark_hint.isHidden()  # unmarked words that look special: a hint
    dialog.fields["impact"].setPlainText("Noa raakt gewond")
    assert dialog.mark.category() == ""  # the choice stays
    dialog.accept()
    (saved,) = statements.list_statements(uow, moment.id)
    assert saved.special_category == ""


def test_marking_only_goes_through_mark_statement_and_undoes(
    page, ctx, uow, moment, danger, qtbot, monkeypatch
):
    called = []
    real = special.mark_statement

    def spy(*args, **kwargs):
        called.append(args[1:])
        return real(*args, **kwargs)

    monkeypatch.setattr("jeugdtool.ui.framework.statement_commands.mark_statement", spy)
    dialog = _open(qtbot, page, T.DANGER, danger)
    assert not dialog.mark_hint.isVisible()  # a saved statement keeps its own mark
    dialog.mark.setCurrentIndex(dialog.mark.findData(SpecialCategory.ADDICTION.value))
    dialog.mark.activated.emit(dialog.mark.currentIndex())
    dialog.accept()
    assert called == [(danger.id, SpecialCategory.ADDICTION.value)]
    assert _statement(uow, moment, danger.id).special_category == "addiction"
    item = _("danger statement {n}").format(n=1)
    category = SpecialCategory.ADDICTION.label.lower()
    assert ctx.undo_stack.undoText() == _("Mark {item} as {category}").format(
        item=item, category=category
    )
    card = _cards(page)[danger.id]
    assert not card.mark.isHidden()
    assert SpecialCategory.ADDICTION.label in card.mark.text()
    ctx.undo_stack.undo()
    assert _statement(uow, moment, danger.id).special_category == ""
    assert _cards(page)[danger.id].mark.isHidden()


def test_the_mark_and_other_changes_are_one_step(page, ctx, uow, moment, danger, qtbot):
    dialog = _open(qtbot, page, T.DANGER, danger)
    dialog.fields["family_words"].setPlainText(WORDS)
    dialog.mark.setCurrentIndex(dialog.mark.findData(SpecialCategory.HEALTH.value))
    dialog.mark.activated.emit(dialog.mark.currentIndex())
    dialog.accept()
    saved = _statement(uow, moment, danger.id)
    assert (saved.family_words, saved.special_category) == (WORDS, "health")
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    saved = _statement(uow, moment, danger.id)
    assert (saved.family_words, saved.special_category) == ("", "")


@pytest.mark.parametrize("kind", list(T))
def test_the_statement_form_uses_each_letter_once(page, qtbot, language, kind):
    dialog = _open(qtbot, page, kind)
    assert not duplicates(dialog)
    dialog.reject()


def test_the_agreement_form_saves_the_family_words_and_undo_takes_them_back(
    ctx, uow, case, family, qtbot
):
    draft = plans.start_draft(uow, case.id).value
    agreement = plans.add_agreement(uow, draft.id, {"what": "Mark drinkt geen alcohol"}).value
    plan_page = PlanPage(ctx, case.id)
    qtbot.addWidget(plan_page)
    plan_page.show()  # a hidden page reloads only when shown again
    form = plan_page.form
    assert form.agreement is not None and form.agreement.id == agreement.id
    # The empty field says what it is for: the family's version of the plan.
    assert "versie van het plan voor het gezin" in form.family_words.placeholderText()
    form.family_words.setPlainText(WORDS)
    assert form.dirty
    assert plan_page.commit_form()
    saved = plans.get_plan(uow, draft.id).agreements[0]
    assert saved.family_words == WORDS
    assert saved.what == "Mark drinkt geen alcohol"
    tip = plan_page.model.index(0, AgreementTableModel.WHAT).data(3)  # ToolTipRole
    assert family_line(WORDS) in tip
    ctx.undo_stack.undo()
    assert plans.get_plan(uow, draft.id).agreements[0].family_words == ""
    assert plan_page.form.family_words.toPlainText() == ""


def test_the_agreement_family_words_are_read_only_in_a_finalised_version(
    ctx, uow, case, family, qtbot
):
    from jeugdtool.framework import plan_finalise

    draft = plans.start_draft(uow, case.id).value
    plans.add_agreement(uow, draft.id, {"what": "Mark drinkt geen alcohol", "family_words": WORDS})
    plan_finalise.finalise(uow, draft.id, by="x", override_reason="test")
    plan_page = PlanPage(ctx, case.id)
    qtbot.addWidget(plan_page)
    assert plan_page.form.family_words.toPlainText() == WORDS
    assert plan_page.form.family_words.isReadOnly()
