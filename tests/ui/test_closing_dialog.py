"""The structured closing as a consultant uses it: closing with goals' outcomes, reopening on a
date, the family's experience, and the same-child question when a child is added."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QRadioButton

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.framework import moments
from jeugdtool.framework import statements
from jeugdtool.framework.vocab import StatementType as T
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import ClosingInput
from jeugdtool.outcomes.closing_rules import goal_field

from jeugdtool.ui import commands as c
from jeugdtool.ui.closing.choices import ChoiceRow
from jeugdtool.ui.closing.choices import ScoreBar
from jeugdtool.ui.closing.closing_dialog import ClosingDialog
from jeugdtool.ui.closing.commands import AddChildCommand
from jeugdtool.ui.closing.experience_dialog import ExperienceDialog
from jeugdtool.ui.closing.experience_dialog import last_closing
from jeugdtool.ui.closing.experience_dialog import respondents
from jeugdtool.ui.closing.new_start import add_person_command
from jeugdtool.ui.closing.reopen_dialog import ReopenDialog
from jeugdtool.ui.workspace import CaseWorkspace

Key = Qt.Key
TODAY = dt.date.today()
GOALS = (
    "Sanne belt oma Ria als het misgaat",
    "Noa slaapt elke nacht thuis zonder ruzie",
    "Mark drinkt niet als hij voor Noa zorgt",
)


@pytest.fixture
def family(uow, case):
    """The Jansens: Noa (child, born 14-05-2016) and Sanne (parent), three safety goals."""
    noa = members.add_person(
        uow,
        case.id,
        {"first_name": "Noa", "last_name": "Jansen", "role": "child", "birth_date": "14-05-2016"},
    ).value
    members.add_person(
        uow, case.id, {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    )
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=TODAY).value
    danger = statements.add_statement(
        uow,
        moment.id,
        T.DANGER,
        {"behaviour": "Mark slaat Sanne", "children": [noa.id], "impact": "gewond raakt"},
    ).value
    for text in GOALS:
        fields = {"pairs_with": danger.lineage, "text": text, "text_edited": True}
        statements.add_statement(uow, moment.id, T.SAFETY_GOAL, fields)
    return dataclasses.make_dataclass("Family", ["case", "noa"])(case, noa)


def _status(ctx, case_id: int) -> CaseStatus:
    return queries.get_case(ctx.uow, case_id).household.status


def _dialog(ctx, qtbot, case_id: int) -> ClosingDialog:
    dialog = ClosingDialog(ctx, case_id, closing.closing_form(ctx.uow, case_id), None)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _choose(row: ChoiceRow, value: str) -> None:
    row.buttons[value].click()


def _fill_rest(dialog: ClosingDialog) -> None:
    """Every outcome chosen: goals mostly reached, no further help, ended as planned."""
    for goal in dialog.form.goals:
        _choose(dialog.fields[goal_field(goal.lineage)], "mostly")
    _choose(dialog.fields["further_help"], "none")
    _choose(dialog.fields["ended_as"], "planned")


def _close_now(ctx, case_id: int, reason: str = "Doelen bereikt") -> None:
    """Closed through the service, as a colleague or an earlier session did."""
    form = closing.closing_form(ctx.uow, case_id)
    data = ClosingInput(
        closed_on=TODAY,
        reason=reason,
        goals_outcome=None if form.goals else "fully",
        goal_outcomes=tuple((g.lineage, g.text, "fully") for g in form.goals),
        further_help="none",
        ended_as="planned",
    )
    closing.close_case(ctx.uow, case_id, data)


def when_modal(action: Callable[[QDialog], None]) -> None:
    """Run `action` on the next modal dialog, once it is open."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


# ---- closing ---------------------------------------------------------------------------------


def test_the_dialog_asks_each_safety_goal_with_its_words(ctx, qtbot, family) -> None:
    dialog = _dialog(ctx, qtbot, family.case.id)
    shown = [g.text for g in dialog.form.goals]
    assert shown == list(GOALS)
    for goal in dialog.form.goals:
        row = dialog.fields[goal_field(goal.lineage)]
        assert isinstance(row, ChoiceRow) and row.value() is None  # nothing chosen for them
    assert "goals_outcome" not in dialog.fields  # with goals, the whole is not asked


def test_problems_show_at_their_fields_and_the_typed_text_stays(ctx, qtbot, family) -> None:
    dialog = _dialog(ctx, qtbot, family.case.id)
    reason = dialog.fields["reason"]
    reason.setFocus()
    qtbot.keyClicks(reason, "Gezin redt het zelf")
    first_goal = goal_field(dialog.form.goals[0].lineage)
    qtbot.keyClick(reason, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.isVisible()
    assert dialog.errors[first_goal].text() == _("Say how far this safety goal was reached.")
    assert dialog.errors["further_help"].isVisible() and dialog.errors["ended_as"].isVisible()
    assert not dialog.errors["reason"].isVisible()
    assert reason.text() == "Gezin redt het zelf"  # kept
    assert QApplication.focusWidget() in dialog.fields[first_goal].buttons.values()
    assert _status(ctx, family.case.id) == CaseStatus.OPEN and ctx.undo_stack.count() == 0

    _choose(dialog.fields[first_goal], "fully")  # fixed: its message goes at once
    assert not dialog.errors[first_goal].isVisible()
    _choose(dialog.fields["further_help"], "other")
    dialog.accept()
    assert dialog.errors["further_help_detail"].text() == _("Say which other help the family gets.")


def test_early_end_asks_by_whom(ctx, qtbot, family) -> None:
    dialog = _dialog(ctx, qtbot, family.case.id)
    early_by = dialog.fields["ended_early_by"]
    assert not early_by.isEnabled()
    _choose(dialog.fields["ended_as"], "early")
    assert early_by.isEnabled()
    dialog.fields["reason"].setText("Gezin stopte")
    _fill_rest(dialog)
    _choose(dialog.fields["ended_as"], "early")
    dialog.accept()
    assert dialog.errors["ended_early_by"].isVisible()
    _choose(early_by, "family")
    dialog.accept()
    assert not dialog.isVisible()
    saved = last_closing(ctx, family.case.id)
    assert saved is not None
    assert (saved.ended_as, saved.ended_early_by) == ("early", "family")


def test_close_records_the_outcomes_and_undo_redo_take_it_back_and_again(
    ctx, qtbot, family
) -> None:
    dialog = _dialog(ctx, qtbot, family.case.id)
    dialog.fields["reason"].setText("Veiligheid stabiel")
    _fill_rest(dialog)
    dialog.accept()
    assert not dialog.isVisible()
    saved = last_closing(ctx, family.case.id)
    assert saved is not None
    assert [(g.text, g.outcome) for g in saved.goal_outcomes] == [(t, "mostly") for t in GOALS]
    assert (saved.goals_outcome, saved.further_help) == ("mostly", "none")
    h = queries.get_case(ctx.uow, family.case.id).household
    assert (h.status, h.closed_on, h.close_reason) == (
        CaseStatus.CLOSED,
        TODAY,
        "Veiligheid stabiel",
    )

    ctx.undo_stack.undo()
    assert _status(ctx, family.case.id) == CaseStatus.OPEN
    assert closing.closings(ctx.uow, family.case.id) == []
    assert closing.new_starts(ctx.uow, family.case.id) == []  # undo is no new start

    ctx.undo_stack.redo()
    assert _status(ctx, family.case.id) == CaseStatus.CLOSED
    again = last_closing(ctx, family.case.id)
    assert again is not None and again.id == saved.id


def test_a_case_without_goals_is_asked_the_outcome_as_a_whole(ctx, qtbot, case) -> None:
    dialog = _dialog(ctx, qtbot, case.id)
    assert not dialog.form.goals
    dialog.fields["reason"].setText("Verhuisd")
    _choose(dialog.fields["further_help"], "community")
    _choose(dialog.fields["ended_as"], "planned")
    dialog.accept()
    assert dialog.errors["goals_outcome"].text() == _("Say how far the goals were reached.")
    _choose(dialog.fields["goals_outcome"], "partly")
    dialog.accept()
    saved = last_closing(ctx, case.id)
    assert saved is not None and saved.goals_outcome == "partly"


def test_the_workspace_closes_through_the_dialog_and_shows_the_summary(ctx, qtbot, family) -> None:
    workspace = CaseWorkspace(ctx, family.case.id)
    qtbot.addWidget(workspace)
    workspace.show()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ClosingDialog)
        dialog.fields["reason"].setText("Doelen bereikt")
        _fill_rest(dialog)
        dialog.accept()

    when_modal(fill)
    assert workspace.close_case()
    banner = workspace.banner_text.text()
    assert workspace.banner.isVisible()
    assert (
        _("Safety goals: {reached} of {n} reached (fully or mostly)").format(reached=3, n=3)
        in banner
    )
    assert "Doelen bereikt" in banner
    assert workspace.experience_button.isVisible()

    ctx.undo_stack.undo()
    assert not workspace.banner.isVisible()


def test_cancel_closes_nothing(ctx, qtbot, family) -> None:
    workspace = CaseWorkspace(ctx, family.case.id)
    qtbot.addWidget(workspace)
    when_modal(lambda dialog: dialog.reject())
    assert not workspace.close_case()
    assert _status(ctx, family.case.id) == CaseStatus.OPEN
    assert ctx.undo_stack.count() == 0


# ---- reopening -------------------------------------------------------------------------------


def test_reopen_asks_the_date_and_undo_closes_again(ctx, qtbot, family) -> None:
    _close_now(ctx, family.case.id)
    dialog = ReopenDialog(ctx, family.case.id, TODAY, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.setText("01-01-2020")  # before the closing: refused at the field
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.date_edit.text() == "01-01-2020"

    dialog.date_edit.setText(TODAY.strftime("%d-%m-%Y"))
    assert not dialog.error.isVisible()
    dialog.accept()
    assert _status(ctx, family.case.id) == CaseStatus.OPEN
    (start,) = closing.new_starts(ctx.uow, family.case.id)
    assert (start.kind, start.started_on) == ("reopened", TODAY)

    ctx.undo_stack.undo()
    assert _status(ctx, family.case.id) == CaseStatus.CLOSED
    assert closing.new_starts(ctx.uow, family.case.id) == []
    assert last_closing(ctx, family.case.id).reopened_on is None
    ctx.undo_stack.redo()
    assert _status(ctx, family.case.id) == CaseStatus.OPEN


def test_reopen_and_archive_from_the_workspace(ctx, qtbot, family, fake_dialogs) -> None:
    _close_now(ctx, family.case.id)
    workspace = CaseWorkspace(ctx, family.case.id)
    qtbot.addWidget(workspace)
    workspace.show()
    when_modal(lambda dialog: dialog.accept())  # today, as proposed
    qtbot.mouseClick(workspace.reopen_button, Qt.MouseButton.LeftButton)
    assert _status(ctx, family.case.id) == CaseStatus.OPEN

    fake_dialogs.answers.append(True)  # archive? yes: an open case is closed first

    def fill(dialog: QDialog) -> None:
        dialog.fields["reason"].setText("Doelen bereikt")
        _fill_rest(dialog)
        dialog.accept()

    when_modal(fill)
    assert workspace.archive_case()
    assert _status(ctx, family.case.id) == CaseStatus.ARCHIVED
    assert not workspace.experience_button.isVisible()  # archived: kept for the record
    ctx.undo_stack.undo()
    assert _status(ctx, family.case.id) == CaseStatus.CLOSED


def test_undo_of_reopening_an_archived_case_archives_it_again(ctx, qtbot, family) -> None:
    _close_now(ctx, family.case.id)
    households.archive_case(ctx.uow, family.case.id)
    dialog = ReopenDialog(ctx, family.case.id, TODAY, None)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert _status(ctx, family.case.id) == CaseStatus.OPEN
    ctx.undo_stack.undo()
    assert _status(ctx, family.case.id) == CaseStatus.ARCHIVED


# ---- the family's experience -----------------------------------------------------------------


def _experience_dialog(ctx, qtbot, case_id: int) -> ExperienceDialog:
    row = last_closing(ctx, case_id)
    assert row is not None
    dialog = ExperienceDialog(ctx, case_id, row, respondents(ctx, case_id, row), None)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _experiences(ctx, case_id: int) -> list[tuple[str, int | None, int | None, int | None, str]]:
    row = last_closing(ctx, case_id)
    assert row is not None
    return [
        (e.respondent, e.heard, e.helped, e.knows_what_to_do, e.comment) for e in row.experiences
    ]


def test_experience_typed_with_the_keys_1_to_5_and_undone(ctx, qtbot, family) -> None:
    _close_now(ctx, family.case.id)
    dialog = _experience_dialog(ctx, qtbot, family.case.id)
    child, parent = _("Child").lower(), _("Parent").lower()
    assert [card.title() for card in dialog.cards] == [
        f"Noa Jansen ({child})",
        f"Sanne Jansen ({parent})",
    ]
    sanne = dialog.cards[1]
    sanne.scores["heard"].setFocus()
    for key in (Key.Key_4, Key.Key_Tab, Key.Key_5, Key.Key_Tab, Key.Key_3, Key.Key_Tab):
        qtbot.keyClick(QApplication.focusWidget(), key)
    qtbot.keyClicks(QApplication.focusWidget(), "Fijn dat er iemand luisterde")
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible()
    assert _experiences(ctx, family.case.id) == [
        ("Sanne Jansen", 4, 5, 3, "Fijn dat er iemand luisterde")
    ]  # Noa answered nothing: nothing recorded for her
    ctx.undo_stack.undo()
    assert _experiences(ctx, family.case.id) == []
    ctx.undo_stack.redo()
    assert len(_experiences(ctx, family.case.id)) == 1


def test_experience_changed_and_cleared_are_undoable(ctx, qtbot, family) -> None:
    _close_now(ctx, family.case.id)
    row = last_closing(ctx, family.case.id)
    closing.add_experience(ctx.uow, row.id, {"person_id": family.noa.id, "heard": 2})
    dialog = _experience_dialog(ctx, qtbot, family.case.id)
    noa = dialog.cards[0]
    assert noa.scores["heard"].value() == 2  # what was recorded before
    noa.scores["helped"].set_value(4)
    dialog.cards[1].scores["heard"].set_value(5)  # and Sanne for the first time
    dialog.accept()
    assert _experiences(ctx, family.case.id) == [
        ("Noa Jansen", 2, 4, None, ""),
        ("Sanne Jansen", 5, None, None, ""),
    ]
    ctx.undo_stack.undo()  # both in one step
    assert _experiences(ctx, family.case.id) == [("Noa Jansen", 2, None, None, "")]

    dialog = _experience_dialog(ctx, qtbot, family.case.id)
    qtbot.mouseClick(dialog.cards[0].clear_button, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert _experiences(ctx, family.case.id) == []
    ctx.undo_stack.undo()
    assert _experiences(ctx, family.case.id) == [("Noa Jansen", 2, None, None, "")]


def test_the_score_bar_by_keyboard(qtbot) -> None:
    bar = ScoreBar("Ik voelde me gehoord")
    qtbot.addWidget(bar)
    for key, value in (
        (Key.Key_3, 3),
        (Key.Key_Right, 4),
        (Key.Key_Right, 5),
        (Key.Key_Right, 5),
        (Key.Key_Left, 4),
        (Key.Key_1, 1),
        (Key.Key_0, None),
        (Key.Key_Right, 1),
        (Key.Key_Delete, None),
    ):
        qtbot.keyClick(bar, key)
        assert bar.value() == value
        assert [b.isChecked() for b in bar.buttons] == [s == value for s in (1, 2, 3, 4, 5)]
    qtbot.mouseClick(bar.buttons[1], Qt.MouseButton.LeftButton)
    assert bar.value() == 2
    qtbot.mouseClick(bar.buttons[1], Qt.MouseButton.LeftButton)  # again: not answered
    assert bar.value() is None


def test_the_outcome_radio_buttons_by_keyboard(ctx, qtbot, family) -> None:
    dialog = _dialog(ctx, qtbot, family.case.id)
    row = dialog.fields[goal_field(dialog.form.goals[0].lineage)]
    first = row.buttons["fully"]
    first.setFocus()
    qtbot.keyClick(first, Key.Key_Space)
    assert row.value() == "fully"
    qtbot.keyClick(first, Key.Key_Right)
    assert row.value() == "mostly"
    assert isinstance(QApplication.focusWidget(), QRadioButton)


def test_closing_by_keyboard_alone(ctx, qtbot, family) -> None:
    dialog = _dialog(ctx, qtbot, family.case.id)
    assert QApplication.focusWidget() is dialog.fields["closed_on"]

    def press(*keys: Key) -> None:
        for key in keys:
            qtbot.keyClick(QApplication.focusWidget(), key)

    press(Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Doelen bereikt")
    press(Key.Key_Tab, Key.Key_Space)  # the first goal: fully
    press(Key.Key_Tab, Key.Key_Space, Key.Key_Right)  # the second: mostly
    press(Key.Key_Tab, Key.Key_Space, Key.Key_Right, Key.Key_Right)  # the third: partly
    press(Key.Key_Tab, Key.Key_Space)  # no further help ("which help" is skipped)
    press(Key.Key_Tab, Key.Key_Space)  # ended as planned ("by whom" is skipped)
    qtbot.keyClick(QApplication.focusWidget(), Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible()
    saved = last_closing(ctx, family.case.id)
    assert saved is not None and saved.reason == "Doelen bereikt"
    assert [g.outcome for g in saved.goal_outcomes] == ["fully", "mostly", "partly"]
    assert (saved.goals_outcome, saved.further_help, saved.ended_as) == (
        "partly",
        "none",
        "planned",
    )


# ---- the same child --------------------------------------------------------------------------


NOA = {
    "first_name": "Noa",
    "last_name": "Jansen",
    "role": "child",
    "birth_date": dt.date(2016, 5, 14),
}


@pytest.fixture
def new_case(uow, family, ctx):
    """Noa's case closed; a new case for a family that Noa is now part of."""
    _close_now(ctx, family.case.id)
    return households.create_case(uow, name="Gezin de Vries", case_number="2026-0040").value


def test_the_same_child_confirmed_records_a_new_start_undone_with_her(
    ctx, new_case, family, fake_dialogs
) -> None:
    fake_dialogs.answers.append(True)
    command = add_person_command(ctx, new_case.id, dict(NOA, first_name="Noä"))
    kind, question = fake_dialogs.questions[0]
    assert kind == "confirm" and "2026-0012" in question and TODAY.strftime("%d-%m-%Y") in question
    assert isinstance(command, AddChildCommand)
    c.execute(ctx, command)
    (start,) = closing.new_starts(ctx.uow, new_case.id)
    assert (start.kind, start.person_id, start.previous_case_number) == (
        "new_case",
        command.dto.id,
        "2026-0012",
    )
    assert start.started_on == new_case.opened_on

    ctx.undo_stack.undo()  # one step: the new start and the child
    assert closing.new_starts(ctx.uow, new_case.id) == []
    assert queries.get_case(ctx.uow, new_case.id).persons == ()
    ctx.undo_stack.redo()
    assert len(closing.new_starts(ctx.uow, new_case.id)) == 1
    assert len(queries.get_case(ctx.uow, new_case.id).persons) == 1


def test_not_the_same_child_records_nothing_more(ctx, new_case, fake_dialogs) -> None:
    fake_dialogs.answers.append(False)
    command = add_person_command(ctx, new_case.id, NOA)
    assert not isinstance(command, AddChildCommand)
    c.execute(ctx, command)
    assert closing.new_starts(ctx.uow, new_case.id) == []
    assert len(queries.get_case(ctx.uow, new_case.id).persons) == 1


def test_no_question_without_a_match(ctx, new_case, fake_dialogs) -> None:
    for fields in (
        dict(NOA, birth_date=dt.date(2016, 5, 15)),  # another birthday
        dict(NOA, birth_date=None),  # a name alone is not enough
        dict(NOA, role="parent"),
    ):
        add_person_command(ctx, new_case.id, fields)
    assert fake_dialogs.questions == []  # an unexpected question would have failed already


def test_adding_the_child_in_the_overview_asks(ctx, qtbot, new_case, fake_dialogs) -> None:
    workspace = CaseWorkspace(ctx, new_case.id)
    qtbot.addWidget(workspace)
    workspace.show()
    fake_dialogs.answers.append(True)

    def fill(dialog: QDialog) -> None:
        for name, text in (("first_name", "Noa"), ("last_name", "Jansen")):
            dialog.fields[name].setText(text)
        dialog.fields["birth_date"].setText("14-05-2016")
        dialog.accept()

    when_modal(fill)
    workspace.overview.persons.add_requested.emit()
    qtbot.waitUntil(lambda: bool(queries.get_case(ctx.uow, new_case.id).persons))
    assert [kind for kind, _text in fake_dialogs.questions] == ["confirm"]
    assert len(closing.new_starts(ctx.uow, new_case.id)) == 1


def test_the_paper_form_is_written_where_the_consultant_chooses(
    ctx, qtbot, family, fake_dialogs, tmp_path
) -> None:
    _close_now(ctx, family.case.id)
    dialog = _experience_dialog(ctx, qtbot, family.case.id)
    assert dialog.print_button is not None, "the PDF export of the form is part of the program"
    fake_dialogs.answers.append(str(tmp_path / "ervaring Jansen"))  # typed without .pdf
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "ervaring Jansen.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert fake_dialogs.offers == [(written, False)]
    assert fake_dialogs.errors == []
    assert dialog.isVisible()  # the answers can still be typed in


def test_the_banner_shortens_long_words_and_shows_them_whole_on_hover(ctx, qtbot, case) -> None:
    long_reason = "Het gezin redt het weer zelf. " * 8
    form = closing.closing_form(ctx.uow, case.id)
    assert not form.goals
    data = ClosingInput(
        closed_on=TODAY,
        reason=long_reason,
        goals_outcome="partly",
        further_help="other",
        further_help_detail="Schuldhulp bij de gemeente",
        ended_as="early",
        ended_early_by="provider",
    )
    closing.close_case(ctx.uow, case.id, data)
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    text, tip = workspace.banner_text.text(), workspace.banner_text.toolTip()
    assert _("Goals: {outcome}").format(outcome=_("Partly reached")) in text
    assert "Schuldhulp bij de gemeente" in text
    assert _("Help ended early, by: {who}").format(who=_("The provider").lower()) in text
    assert long_reason.strip() not in text and "…" in text  # shortened on screen
    assert long_reason.strip() in tip  # whole on hover


def test_a_case_closed_before_outcomes_were_recorded_shows_its_reason(ctx, qtbot, case) -> None:
    households.close_case(ctx.uow, case.id, "Verhuisd naar Assen")  # no closing row yet
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    lines = workspace.banner_text.text().splitlines()
    assert lines[0] == _("This case was closed on {date}.").format(date=TODAY.strftime("%d-%m-%Y"))
    assert lines[1] == _("Reason: {reason}").format(reason="Verhuisd naar Assen")
    assert workspace.banner_text.toolTip() == ""
