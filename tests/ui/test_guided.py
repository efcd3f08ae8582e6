"""Guided mode, driven by the keyboard only: start, add, move on, skip, summary, back, done."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool import i18n
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework import prompts
from jeugdtool.framework.vocab import Cell
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import WorryKind
from jeugdtool.i18n import _

from jeugdtool.ui.framework.guided import GuidedMapping

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def family(uow, case):
    """Gezin Jansen with a mother, a child and grandma in the network."""
    members.add_person(
        uow, case.id, {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    )
    members.add_person(uow, case.id, {"first_name": "Noa", "last_name": "Jansen", "role": "child"})
    members.add_network_member(uow, case.id, {"name": "Oma Jansen", "relation": "oma"})
    return case


def open_guided(qtbot, ctx, case_id: int) -> GuidedMapping:
    widget = GuidedMapping(ctx, case_id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    """Press a key where the keyboard is (as a user would)."""
    target = focused()
    assert target is not None, "nothing has the keyboard"
    qtbot.keyClick(target, k, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot, widget: QWidget, limit: int = 40) -> None:
    for _attempt in range(limit):
        if focused() is widget:
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}")


def press_button_keys(qtbot, button) -> None:
    """Alt+the button's underlined letter ("S&kip" -> Alt+K, whatever the language); Qt
    animates the press, so wait for the click."""
    text = button.text()
    letter = Qt.Key(ord(text[text.index("&") + 1].upper()))
    with qtbot.waitSignal(button.clicked, timeout=1000):
        key(qtbot, letter, ALT)


def latest_items(uow, case_id: int):
    latest = moments.latest_moment(uow, case_id)
    assert latest is not None
    return latest


# ---- end to end, keyboard only -------------------------------------------------------


def test_the_whole_guided_mode_with_the_keyboard_only(qtbot, ctx, uow, family):
    widget = open_guided(qtbot, ctx, family.id)

    # No moment yet: the start page asks who is present; Space ticks, Enter on the button starts.
    assert widget.pages.currentWidget() is widget.start_page
    assert focused() is widget.start_page.present
    key(qtbot, Qt.Key.Key_Down)  # Sanne
    key(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, widget.start_page.start_button)
    key(qtbot, Qt.Key.Key_Return)
    started = latest_items(uow, family.id)
    assert started.moment.held_on == dt.date.today()
    assert any("Sanne" in name for name in started.moment.present)

    # Step 1 of 9: what happened; the field has the keyboard at once.
    assert widget.current_cell() is Cell.HARM
    assert widget.progress.value() == 1 and widget.progress.maximum() == 9
    assert "1" in widget.progress.text() and "9" in widget.progress.text()
    assert widget.title.text() == "Wat is er gebeurd?"
    assert focused() is widget.entry.input
    type_text(qtbot, "Op 3 november zag de juf een blauwe plek op Noa's arm.")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert widget.entry.input.toPlainText() == ""
    assert [i.text for i in latest_items(uow, family.id).cells[Cell.HARM]] == [
        "Op 3 november zag de juf een blauwe plek op Noa's arm."
    ]
    assert len(widget.entry.shown) == 1

    # Alt+Right: the next cell (afraid of).
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert widget.current_cell() is Cell.DANGER
    assert widget.title.text() == "Waar zijn we bang voor?"
    assert focused() is widget.entry.input

    # Skip it with the Skip button's Alt+letter.
    press_button_keys(qtbot, widget.skip_button)
    assert widget.current_cell() is Cell.COMPLICATING_FACTORS

    # Walk on to the scale (step 9) and the summary with Alt+Right.
    for _step in range(6):
        key(qtbot, Qt.Key.Key_Right, ALT)
    assert widget.current_cell() is None and widget.step == 8
    assert widget.title.text() == prompts.scale_guide("safety", "nl").title
    assert widget.scale_box.isVisible()
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert widget.on_summary

    # The summary lists the empty cells, each with a button to go back.
    empty = set(widget.summary_page.jump_buttons)
    assert empty == set(Cell) - {Cell.HARM}
    assert "1" in widget.summary_page.text.text() and "8" in widget.summary_page.text.text()
    assert focused() is widget.summary_page.jump_buttons[Cell.DANGER]
    tab_to(qtbot, widget.summary_page.jump_buttons[Cell.STRENGTHS])
    key(qtbot, Qt.Key.Key_Space)
    assert widget.current_cell() is Cell.STRENGTHS
    type_text(qtbot, "Moeder brengt Noa elke ochtend op tijd naar school.")
    key(qtbot, Qt.Key.Key_Enter, CTRL)  # the keypad's Enter works too
    assert [i.text for i in latest_items(uow, family.id).cells[Cell.STRENGTHS]] == [
        "Moeder brengt Noa elke ochtend op tijd naar school."
    ]

    # Back to the summary (its button's Alt+letter): strengths is no longer listed; Done.
    press_button_keys(qtbot, widget.summary_button)
    assert Cell.STRENGTHS not in widget.summary_page.jump_buttons
    with qtbot.waitSignal(widget.finished, timeout=1000):
        press_button_keys(qtbot, widget.summary_page.done_button)
    items = latest_items(uow, family.id)
    assert {c for c, found in items.cells.items() if found} == {Cell.HARM, Cell.STRENGTHS}


def test_who_said_it_is_remembered_and_worries_are_marked(qtbot, ctx, uow, family):
    widget = open_guided(qtbot, ctx, family.id)
    widget.start_moment()
    entry = widget.entry
    sanne = next(r for r in range(entry.source.count()) if "Sanne" in entry.source.itemText(r))
    tab_to(qtbot, entry.source)
    while entry.source.currentIndex() != sanne:
        key(qtbot, Qt.Key.Key_Down)
    tab_to(qtbot, entry.worry_kind)
    key(qtbot, Qt.Key.Key_Down)  # limitation
    tab_to(qtbot, entry.input)
    type_text(qtbot, "Moeder heeft een licht verstandelijke beperking.")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    type_text(qtbot, "Vader gooide een stoel.")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    first, second = latest_items(uow, family.id).cells[Cell.HARM]
    assert first.source.kind is SourceKind.PERSON and first.source.label == "Sanne Jansen"
    assert first.worry_kind is WorryKind.LIMITATION
    assert second.source.label == "Sanne Jansen"  # remembered between items
    assert second.worry_kind is WorryKind.PROBLEM  # the mark is chosen per item
    # Strengths are not worries: no problem/limitation there.
    widget.jump_to(Cell.STRENGTHS)
    assert not entry.worry_kind.isVisible()
    type_text(qtbot, "Sanne leest elke avond voor.")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    (strength,) = latest_items(uow, family.id).cells[Cell.STRENGTHS]
    assert strength.worry_kind is None and strength.source.label == "Sanne Jansen"


def test_someone_else_needs_a_name_and_nothing_typed_is_lost(qtbot, ctx, uow, family):
    widget = open_guided(qtbot, ctx, family.id)
    widget.start_moment()
    entry = widget.entry
    entry.source.setCurrentIndex(entry.source.count() - 1)  # Someone else…
    type_text(qtbot, "Buurvrouw zag Mila op straat.")
    key(qtbot, Qt.Key.Key_Right, ALT)
    # The name is missing: the message shows, the text stays, the step stays.
    assert widget.current_cell() is Cell.HARM
    assert entry.input.toPlainText() == "Buurvrouw zag Mila op straat."
    assert entry.error.isVisible() and entry.error.text()
    assert not latest_items(uow, family.id).cells[Cell.HARM]
    entry.other_name.setText("Buurvrouw Ria")
    entry.input.setFocus()
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert widget.current_cell() is Cell.DANGER
    (item,) = latest_items(uow, family.id).cells[Cell.HARM]
    assert item.source.kind is SourceKind.OTHER and item.source.label == "Buurvrouw Ria"


def test_back_and_skip_keep_typed_text_and_done_adds_it(qtbot, ctx, uow, family):
    widget = open_guided(qtbot, ctx, family.id)
    widget.start_moment()
    key(qtbot, Qt.Key.Key_Right, ALT)  # nothing typed: just on
    type_text(qtbot, "Oma is bang dat het weer gebeurt.")
    key(qtbot, Qt.Key.Key_Left, ALT)  # Back keeps it as a draft of "danger"
    assert widget.current_cell() is Cell.HARM
    assert widget.entry.input.toPlainText() == ""
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert widget.entry.input.toPlainText() == "Oma is bang dat het weer gebeurt."
    press_button_keys(qtbot, widget.skip_button)  # Skip keeps it too
    assert not latest_items(uow, family.id).cells[Cell.DANGER]
    widget.show_summary()
    assert widget.summary_page.rows.itemAtPosition(1, 1).widget().text() == _(
        "empty; text typed, not yet added (Done adds it)"
    )
    with qtbot.waitSignal(widget.finished, timeout=1000):
        widget.summary_page.done_button.click()
    (item,) = latest_items(uow, family.id).cells[Cell.DANGER]
    assert item.text == "Oma is bang dat het weer gebeurt."


def test_undo_removes_the_last_item(qtbot, ctx, uow, family):
    widget = open_guided(qtbot, ctx, family.id)
    widget.start_moment()
    for text in ("Eerste punt.", "Tweede punt."):
        type_text(qtbot, text)
        key(qtbot, Qt.Key.Key_Return, CTRL)
    assert len(widget.entry.shown) == 2
    ctx.undo_stack.undo()
    assert [i.text for i in latest_items(uow, family.id).cells[Cell.HARM]] == ["Eerste punt."]
    assert len(widget.entry.shown) == 1  # the screen follows
    ctx.undo_stack.redo()
    assert len(widget.entry.shown) == 2


def test_undoing_the_start_goes_back_to_the_start_page(qtbot, ctx, uow, family):
    widget = open_guided(qtbot, ctx, family.id)
    widget.start_moment()
    assert widget.on_step
    ctx.undo_stack.undo()
    assert moments.latest_moment(uow, family.id) is None
    assert widget.pages.currentWidget() is widget.start_page


def test_an_older_moment_offers_a_new_one_or_to_continue(qtbot, ctx, uow, family):
    last_week = dt.date.today() - dt.timedelta(days=7)
    old = moments.start_moment(uow, family.id, author="A. de Boer", held_on=last_week).value
    moments.add_item(uow, old.id, Cell.HARM, {"text": "Blauwe plek op 3 november."})
    widget = open_guided(qtbot, ctx, family.id)
    page = widget.start_page
    assert page.continue_button.isVisible()
    assert last_week.strftime("%d-%m-%Y") in page.text.text()
    # A new moment for today is a copy of the latest.
    tab_to(qtbot, page.start_button)
    key(qtbot, Qt.Key.Key_Space)
    new = latest_items(uow, family.id)
    assert new.moment.id != old.id and new.moment.held_on == dt.date.today()
    assert [i.text for i in new.cells[Cell.HARM]] == ["Blauwe plek op 3 november."]
    assert len(widget.entry.shown) == 1


def test_continue_the_latest_moment(qtbot, ctx, uow, family):
    last_week = dt.date.today() - dt.timedelta(days=7)
    old = moments.start_moment(uow, family.id, author="A. de Boer", held_on=last_week).value
    widget = open_guided(qtbot, ctx, family.id)
    tab_to(qtbot, widget.start_page.continue_button)
    key(qtbot, Qt.Key.Key_Return)
    assert widget.current_cell() is Cell.HARM
    type_text(qtbot, "Punt.")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert latest_items(uow, family.id).moment.id == old.id
    assert len(moments.list_moments(uow, family.id)) == 1


def test_todays_moment_is_continued_without_asking(qtbot, ctx, uow, family):
    moments.start_moment(uow, family.id, author="A. de Boer")
    widget = open_guided(qtbot, ctx, family.id)
    assert widget.current_cell() is Cell.HARM


def test_a_wellbeing_case_shows_the_wellbeing_words(qtbot, ctx, uow):
    case = households.create_case(uow, name="Gezin De Vries", mode="wellbeing").value
    moments.start_moment(uow, case.id, author="A. de Boer")
    widget = open_guided(qtbot, ctx, case.id)
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert widget.title.text() == "Waar zijn we bezorgd over voor de ontwikkeling?"
    assert "Ontwikkelingsbedreiging" in widget.explanation.text()
    for _step in range(3):
        key(qtbot, Qt.Key.Key_Right, ALT)
    assert widget.current_cell() is Cell.EXISTING_SAFETY
    assert widget.title.text() == "Wat werkt er al?"
    assert "Lisa" in widget.guide.examples.text()


def test_prompts_follow_the_language(qtbot, ctx, uow, family):
    moments.start_moment(uow, family.id, author="A. de Boer")
    try:
        i18n.set_language("en")
        widget = open_guided(qtbot, ctx, family.id)
        assert widget.title.text() == "What happened?"
        assert "kitchen table" in widget.guide.questions.text()
        assert widget.column.text() == "What are we worried about?"
    finally:
        i18n.set_language("nl")


def test_the_weak_example_is_tucked_away_until_asked_for(qtbot, ctx, uow, family):
    moments.start_moment(uow, family.id, author="A. de Boer")
    widget = open_guided(qtbot, ctx, family.id)
    assert not widget.guide.weak.isVisible()
    tab_to(qtbot, widget.guide.weak_toggle)
    key(qtbot, Qt.Key.Key_Space)
    assert widget.guide.weak.isVisible()
    assert "Huiselijk geweld" in widget.guide.weak.text()


def test_the_scale_step_takes_a_score_and_next_saves_it(qtbot, ctx, uow, family):
    from jeugdtool.framework import scale

    moments.start_moment(uow, family.id, author="A. de Boer")
    widget = open_guided(qtbot, ctx, family.id)
    widget.go_to(len(prompts.guided_order()))  # the scale, the last step
    assert widget.current_cell() is None
    assert widget.score_input.isVisible() and not widget.entry.isVisible()
    assert focused() is widget.score_input.row
    type_text(qtbot, "6")
    tab_to(qtbot, widget.score_input.reason)
    type_text(qtbot, "Oma komt elke vrijdag en moeder belt de huisarts.")
    key(qtbot, Qt.Key.Key_Right, ALT)  # a score half entered is saved, not lost
    assert widget.on_summary
    (score,) = scale.list_scores(uow, family.id)
    assert score.score == 6 and score.reason.startswith("Oma komt")


def test_a_scale_score_with_problems_keeps_the_step(qtbot, ctx, uow, family):
    moments.start_moment(uow, family.id, author="A. de Boer")
    widget = open_guided(qtbot, ctx, family.id)
    widget.go_to(len(prompts.guided_order()))
    type_text(qtbot, "4")  # no reason: the method asks what makes it this number
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert widget.current_cell() is None and widget.on_step
    assert widget.score_input.errors["reason"].isVisible()
    assert widget.score_input.row.score() == 4


def test_a_draft_that_cannot_be_saved_at_done_is_shown_where_it_was_typed(qtbot, ctx, uow, family):
    moments.start_moment(uow, family.id, author="A. de Boer")
    widget = open_guided(qtbot, ctx, family.id)
    widget.entry.source.setCurrentIndex(widget.entry.source.count() - 1)  # someone else, no name
    type_text(qtbot, "De buurvrouw hoorde geschreeuw.")
    press_button_keys(qtbot, widget.skip_button)
    widget.show_summary()
    with qtbot.assertNotEmitted(widget.finished):
        widget.summary_page.done_button.click()
    assert widget.current_cell() is Cell.HARM
    assert widget.entry.input.toPlainText() == "De buurvrouw hoorde geschreeuw."
    assert widget.entry.error.isVisible()
    assert not latest_items(uow, family.id).cells[Cell.HARM]


def test_save_pending_keeps_everything_typed_before_guided_mode_closes(qtbot, ctx, uow, family):
    moments.start_moment(uow, family.id, author="A. de Boer")
    widget = open_guided(qtbot, ctx, family.id)
    type_text(qtbot, "Concept bij wat er gebeurd is.")
    key(qtbot, Qt.Key.Key_Left, ALT)  # on the first step: nothing before it, the text stays
    press_button_keys(qtbot, widget.skip_button)
    type_text(qtbot, "Nog in het veld bij bang voor.")
    assert widget.save_pending()
    cells = latest_items(uow, family.id).cells
    assert [i.text for i in cells[Cell.HARM]] == ["Concept bij wat er gebeurd is."]
    assert [i.text for i in cells[Cell.DANGER]] == ["Nog in het veld bij bang voor."]
