"""Words on the screens of issue 18 as a consultant and a team leader read them (review R3):
the case list's plan column names no safety-only plan (it lists wellbeing cases too), the
reviewer's comments name what they are about without a dangling colon, and the harm statement's
"this was the" row can be reached by a mnemonic."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel

from jeugdtool.framework.vocab import CommentTarget
from jeugdtool.framework.vocab import StatementType as T
from jeugdtool.framework.wording import safety_only_words
from jeugdtool.i18n import _
from tests.ui import test_statement_parts_ui as parts

from jeugdtool.ui.case_list_model import CaseTable
from jeugdtool.ui.plan.approval_panel import comment_label


def test_the_case_list_plan_column_names_no_safety_only_plan(qtbot) -> None:
    model = CaseTable()
    headers = [
        model.headerData(column, Qt.Orientation.Horizontal).lower()
        for column in range(model.columnCount())
    ]
    assert _("Plan").lower() in headers
    assert not [h for h in headers for w in safety_only_words() if w in h]


def test_a_comment_on_the_plan_as_a_whole_names_the_plan() -> None:
    assert comment_label(CommentTarget.PLAN, "") == CommentTarget.PLAN.label
    # Older files (and the demo) have no label for it: never ": text" on its own.
    assert comment_label(CommentTarget.AGREEMENT, "  ") == CommentTarget.PLAN.label


def test_a_comment_label_is_short_and_has_no_stop_before_the_colon() -> None:
    label = "Petra en Ronald gaan samen naar acht gesprekken bij het wijkteam over ruzie maken."
    shown = comment_label(CommentTarget.AGREEMENT, label)
    assert len(shown) <= 60
    assert shown.endswith("…")
    assert shown[:-1].split()[-1] in label.split()  # cut between words, not in one
    assert comment_label(CommentTarget.AGREEMENT, "Afspraak 4.") == "Afspraak 4"


#: The statement page of a case with a family and a mapping moment, as the form's tests use.
family, moment, page, _open = parts.family, parts.moment, parts.page, parts._open


def _reach_by_mnemonic(qtbot, dialog, row) -> None:
    label = next(x for x in dialog.findChildren(QLabel) if x.buddy() in (row, row.focusProxy()))
    text = label.text().replace("&&", "")
    assert "&" in text, text
    letter = text[text.index("&") + 1]
    dialog.fields["behaviour" if "behaviour" in dialog.fields else "carers_will"].setFocus()
    qtbot.keyClick(dialog, Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)


def test_the_harm_marks_row_is_reached_by_its_mnemonic(page, family, qtbot) -> None:
    dialog = _open(qtbot, page, T.HARM)
    _reach_by_mnemonic(qtbot, dialog, dialog.marks)
    assert QApplication.focusWidget() is dialog.marks.boxes["first"]
    # Tab still goes from the date to the first box, not to the row around the boxes.
    dialog.fields["incident_on"].setFocus()
    qtbot.keyClick(dialog.fields["incident_on"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.marks.boxes["first"]


def test_the_goal_period_is_reached_by_its_mnemonic(page, family, qtbot) -> None:
    dialog = _open(qtbot, page, T.SAFETY_GOAL)
    _reach_by_mnemonic(qtbot, dialog, dialog.period)
    assert QApplication.focusWidget() is dialog.period.amount


def test_the_help_needs_an_approved_plan_switch_is_not_cut_off(ctx, qtbot) -> None:
    from PySide6.QtWidgets import QCheckBox

    from jeugdtool.store.org_settings import HELP_NEEDS_APPROVED_PLAN

    from jeugdtool.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.plan_review.fields[HELP_NEEDS_APPROVED_PLAN]
    assert isinstance(box, QCheckBox)
    assert box.width() >= box.sizeHint().width(), box.text()


def test_an_overdue_plan_review_says_late_once() -> None:
    import datetime as dt

    from jeugdtool.framework.plan_approval_dto import PlanStatusDTO
    from jeugdtool.framework.vocab import PlanState
    from jeugdtool.meetings.caseload import review_countdown

    from jeugdtool.ui.workspace.plan_status import approval_html

    today, due = dt.date(2026, 12, 6), dt.date(2026, 10, 9)
    status = PlanStatusDTO(PlanState.REVIEW_OVERDUE, 2, next_review_on=due)
    shown = approval_html(status, today)
    late = review_countdown(due, True, today)
    assert late in shown
    assert PlanState.REVIEW_OVERDUE.label.lower() not in shown.lower()


def test_a_list_items_hover_text_is_in_the_words_of_a_wellbeing_case(qtbot) -> None:
    # The plan's "contributes to" list shows each statement whole when hovered.
    from PySide6.QtWidgets import QListWidget
    from PySide6.QtWidgets import QListWidgetItem
    from PySide6.QtWidgets import QVBoxLayout
    from PySide6.QtWidgets import QWidget

    from jeugdtool.cases.vocab import CaseMode

    from jeugdtool.ui.case_wording import follow

    root = QWidget()
    qtbot.addWidget(root)
    listing = QListWidget(root)
    QVBoxLayout(root).addWidget(listing)
    item = QListWidgetItem("Gevaarsomschrijving 1: de zorg", listing)
    item.setToolTip("Gevaarsomschrijving 1: de zorg, heel lang")
    root.show()
    follow(root, CaseMode.WELLBEING)
    assert item.text() == "Zorgomschrijving 1: de zorg"
    assert item.toolTip() == "Zorgomschrijving 1: de zorg, heel lang"
    follow(root, CaseMode.SAFETY)
    assert item.toolTip() == "Gevaarsomschrijving 1: de zorg, heel lang"


def test_the_judgement_dialog_shows_its_goal_label_whole(qtbot) -> None:
    from jeugdtool.framework.goal_dto import GoalTrack
    from jeugdtool.framework.vocab import PeriodUnit

    from jeugdtool.ui.framework.goal_tracks import JudgementDialog

    long = "Sandra zorgt dat er elke avond en nacht een nuchtere volwassene in huis is " * 3
    track = GoalTrack(
        lineage="g1",
        text=long,
        amount=3,
        unit=PeriodUnit.MONTHS,
        seen_since=None,
        latest=None,
        held_until=None,
        held=False,
        history=(),
    )
    dialog = JudgementDialog((track,), lambda goal, values: None, None, by="A. de Boer")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.minimumWidth(), dialog.height())  # as narrow as it may be made
    qtbot.waitUntil(lambda: dialog.width() == dialog.minimumWidth())
    label = next(x for x in dialog.findChildren(QLabel) if x.buddy() is dialog.goal)
    assert label.width() >= label.sizeHint().width(), label.text()
    goal = dialog.goal
    right = goal.mapTo(dialog, goal.rect().topRight()).x()
    assert right <= dialog.width(), "the goal's list runs out of the dialog"
    assert (
        label.mapTo(dialog, label.rect().topRight()).x()
        < goal.mapTo(dialog, goal.rect().topLeft()).x()
    )
