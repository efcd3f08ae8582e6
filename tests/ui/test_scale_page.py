"""The scale page: a score typed with the keyboard alone, the chart per rater, undo, wording."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import scale
from jeugdtool.framework.dto import Source
from jeugdtool.framework.scale_dto import Rater
from jeugdtool.framework.scale_dto import ScorePoint
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

from jeugdtool.ui.commands import execute
from jeugdtool.ui.framework.scale_chart import ScaleChart
from jeugdtool.ui.framework.scale_chart import point_tooltip
from jeugdtool.ui.framework.scale_commands import SetScaleWordingCommand
from jeugdtool.ui.framework.scale_page import ScalePage
from jeugdtool.ui.framework.scale_page import ScoreTableModel
from jeugdtool.ui.framework.scale_page import WordingDialog
from jeugdtool.ui.framework.score_input import ScoreDialog
from jeugdtool.ui.framework.score_row import ScoreRow


@pytest.fixture
def sanne(ctx, case):
    return members.add_person(
        ctx.uow, case.id, {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    ).value


@pytest.fixture
def page(ctx, case, sanne, qtbot):
    widget = ScalePage(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def focused():
    return QApplication.focusWidget()


def tab(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def add(ctx, case_id: int, who: str, role: RaterRole, score: int, day: dt.date, reason: str):
    source = Source(SourceKind.OTHER, label=who)
    fields = {"source": source, "role": role, "score": score, "scored_on": day, "reason": reason}
    return scale.add_score(ctx.uow, case_id, fields).value


def test_enter_a_score_with_the_keyboard_only(page, ctx, case, qtbot) -> None:
    entry = page.input
    entry.setFocus()
    assert focused() is entry.row
    qtbot.keyClick(entry.row, Qt.Key.Key_7)
    assert entry.row.score() == 7
    walk = [entry.who, entry.role, entry.date, entry.context, entry.about, entry.reason]
    for widget in walk:
        tab(qtbot)
        assert focused() is widget
    qtbot.keyClicks(entry.reason, "Er is een plan, oma helpt")
    tab(qtbot)
    assert focused() is entry.one_higher
    qtbot.keyClicks(entry.one_higher, "Het plan werkt drie maanden")
    qtbot.keyClick(entry.one_higher, Qt.Key.Key_Return)

    (saved,) = scale.list_scores(ctx.uow, case.id)
    assert (saved.score, saved.reason, saved.one_higher) == (
        7,
        "Er is een plan, oma helpt",
        "Het plan werkt drie maanden",
    )
    assert saved.source.label == "A. de Boer" and saved.role is RaterRole.CONSULTANT
    assert saved.scored_on == dt.date.today() and saved.about is None
    # Ready for the next rater, and everything on the page shows the new score.
    assert entry.row.score() is None and entry.reason.toPlainText() == ""
    assert focused() is entry.row
    assert page.model.rowCount() == 1
    assert page.chart.series_names() == ["A. de Boer (consulent)"]
    assert ctx.undo_stack.count() == 1


def test_enter_saves_from_any_field_and_who_sets_the_role(page, ctx, case, sanne, qtbot) -> None:
    entry = page.input
    entry.setFocus()
    qtbot.keyClick(entry.row, Qt.Key.Key_4)
    tab(qtbot)
    qtbot.keyClick(entry.who, Qt.Key.Key_Down)  # from "me" to Sanne
    assert entry.role.currentData() == RaterRole.PARENT
    entry.reason.setPlainText("Ik weet wie ik kan bellen")
    entry.date.setFocus()
    entry.date.setText("01-11-2026")
    qtbot.keyClick(entry.date, Qt.Key.Key_Return)
    (saved,) = scale.list_scores(ctx.uow, case.id)
    assert saved.source == Source(SourceKind.PERSON, person_id=sanne.id, label="Sanne Jansen")
    assert (saved.score, saved.scored_on) == (4, dt.date(2026, 11, 1))


def test_after_saving_who_goes_back_to_the_user(page, ctx, case, sanne, qtbot) -> None:
    """Everyone scores apart: the next score is not Sanne's again unless someone says so."""
    entry = page.input
    entry.who.setCurrentIndex(1)  # Sanne
    entry.role.setCurrentIndex(entry.role.findData(RaterRole.NETWORK))  # changed by hand
    entry.row.set_score(4)
    entry.reason.setPlainText("Ik weet wie ik kan bellen")
    assert entry.save() is not None
    assert entry.who.currentIndex() == 0
    assert entry.who.currentText() == _("Me ({name})").format(name="A. de Boer")
    assert entry.role.currentData() == RaterRole.CONSULTANT  # the role goes with it
    assert not entry.name.isVisibleTo(entry)
    # The date and what it is about stay for the next rater.
    assert entry.date.text() == format_date_nl(dt.date.today())


def test_a_long_danger_statement_leaves_room_for_the_reason(page, ctx, case) -> None:
    """At 1366 wide, "About" with a long statement elides (its tooltip has it) and "Reason"
    and "One point higher" stay in view."""
    long_about = "Gevaar: " + "de kinderen zijn 's avonds alleen als vader drinkt " * 4
    score = add(ctx, case.id, "Henk", RaterRole.NETWORK, 5, dt.date.today(), "Het gaat " * 20)
    page.reload()
    page.table.set_rows((replace(score, about="x"),), about_labels={"x": long_about})
    page.fit_columns()
    table = page.table.table
    assert page.model.data(page.model.index(0, ScoreTableModel.ABOUT)) == long_about
    room = table.viewport().width()
    header = table.horizontalHeader()
    for column in (ScoreTableModel.REASON, ScoreTableModel.ONE_HIGHER):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= room + 1, column
    assert header.sectionSize(ScoreTableModel.REASON) >= room // 6
    about = page.model.index(0, ScoreTableModel.ABOUT)
    assert page.model.data(about, Qt.ItemDataRole.ToolTipRole) == page.model.data(about)


def test_shift_enter_is_a_new_line_in_the_reason(page, ctx, case, qtbot) -> None:
    entry = page.input
    entry.reason.setFocus()
    qtbot.keyClicks(entry.reason, "eerste")
    qtbot.keyClick(entry.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(entry.reason, "tweede")
    assert entry.reason.toPlainText() == "eerste\ntweede"
    assert scale.list_scores(ctx.uow, case.id) == ()


def test_problems_are_shown_under_the_fields_and_nothing_is_saved(page, ctx, case, qtbot) -> None:
    entry = page.input
    entry.date.setText("01-01-2999")
    entry.date.setFocus()
    qtbot.keyClick(entry.date, Qt.Key.Key_Return)
    assert scale.list_scores(ctx.uow, case.id) == ()
    assert ctx.undo_stack.count() == 0
    for field in ("score", "reason", "scored_on"):
        assert entry.errors[field].isVisible(), field
    assert focused() is entry.row  # the first problem gets the keyboard
    qtbot.keyClick(entry.row, Qt.Key.Key_3)
    assert not entry.errors["score"].isVisible()  # fixed: the message goes
    assert entry.errors["reason"].isVisible()


def test_someone_else_needs_a_name(page, ctx, case, qtbot) -> None:
    entry = page.input
    entry.who.setCurrentIndex(entry.who.count() - 1)  # someone else…
    assert entry.name.isVisibleTo(entry)
    entry.row.set_score(5)
    entry.reason.setPlainText("Het is rustiger")
    entry.save()
    assert entry.errors["source"].isVisible()
    entry.name.setText("Buurman Henk")
    assert not entry.errors["source"].isVisible()
    assert entry.save() is not None
    assert scale.list_scores(ctx.uow, case.id)[0].source.label == "Buurman Henk"


@pytest.mark.parametrize(
    ("keys", "gap", "expected"),
    [
        ("10", 0.2, 10),
        ("10", 2.0, 0),  # too slow: a new score of 0
        ("0", 0.0, 0),
        ("9", 0.0, 9),
        ("110", 0.2, 10),
        ("50", 0.2, 0),
    ],
)
def test_typing_digits(qtbot, keys: str, gap: float, expected: int) -> None:
    now = [0.0]
    row = ScoreRow(clock=lambda: now[0])
    qtbot.addWidget(row)
    for key in keys:
        qtbot.keyClicks(row, key)
        now[0] += gap
    assert row.score() == expected


def test_arrows_home_end_and_backspace(qtbot) -> None:
    row = ScoreRow()
    qtbot.addWidget(row)
    qtbot.keyClick(row, Qt.Key.Key_Right)
    assert row.score() == 0
    qtbot.keyClick(row, Qt.Key.Key_Up)
    assert row.score() == 1
    qtbot.keyClick(row, Qt.Key.Key_End)
    qtbot.keyClick(row, Qt.Key.Key_Right)
    assert row.score() == 10
    qtbot.keyClick(row, Qt.Key.Key_Left)
    assert row.score() == 9
    qtbot.keyClick(row, Qt.Key.Key_Home)
    assert row.score() == 0
    qtbot.keyClick(row, Qt.Key.Key_Backspace)
    assert row.score() is None
    row.group.button(6).click()
    assert row.score() == 6


def test_chart_has_one_series_per_rater(page, ctx, case) -> None:
    d = dt.date(2026, 9, 1)
    add(ctx, case.id, "A. de Boer", RaterRole.CASE_MANAGER, 3, d, "Nog geen plan")
    add(ctx, case.id, "Sanne", RaterRole.PARENT, 6, d, "Het gaat beter")
    add(ctx, case.id, "A. de Boer", RaterRole.CASE_MANAGER, 5, d.replace(month=10), "Plan werkt")
    add(ctx, case.id, "Oma Ria", RaterRole.NETWORK, 4, d.replace(month=10), "Tim is rustiger")
    page.reload()
    assert page.chart.series_names() == [
        "A. de Boer (casusregisseur)",
        "Sanne (ouder)",
        "Oma Ria (netwerklid)",
    ]
    assert [len(s.points) for s in page.chart.history.series] == [2, 1, 1]
    assert len(page.chart.plot.targets()) == 4  # a dot (with its tooltip) per score
    assert "Oma&nbsp;Ria" in page.chart.legend.text()
    compact = ScaleChart(compact=True)
    compact.set_history(scale.score_history(ctx.uow, case.id))
    assert len(compact.series_names()) == 3 and not compact.legend.isVisibleTo(compact)


def test_formal_score_is_highlighted(page, ctx, case) -> None:
    d = dt.date(2026, 9, 1)
    formal = add(ctx, case.id, "A. de Boer", RaterRole.CASE_MANAGER, 5, d, "Plan werkt")
    add(ctx, case.id, "Sanne", RaterRole.PARENT, 7, d.replace(month=10), "Het gaat goed")
    page.reload()
    model = page.model
    rows = [model.row_at(r).id for r in range(model.rowCount())]
    formal_row = rows.index(formal.id)
    index = model.index(formal_row, ScoreTableModel.ROLE)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(1 - formal_row, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "5" in page.formal_label.text() and "01-09-2026" in page.formal_label.text()


def test_undo_removes_the_score_and_redo_puts_it_back(page, ctx, case, qtbot) -> None:
    entry = page.input
    entry.row.set_score(6)
    entry.reason.setPlainText("Afspraken worden nagekomen")
    saved = entry.save()
    assert saved is not None
    ctx.undo_stack.undo()
    assert scale.list_scores(ctx.uow, case.id) == ()
    assert page.model.rowCount() == 0 and page.chart.series_names() == []
    ctx.undo_stack.redo()
    (back,) = scale.list_scores(ctx.uow, case.id)
    assert back.id == saved.id and page.model.rowCount() == 1


def test_remove_from_the_table_is_undoable(page, ctx, case) -> None:
    dto = add(ctx, case.id, "Sanne", RaterRole.PARENT, 7, dt.date(2026, 9, 1), "Rustig thuis")
    page.reload()
    page.table.select_row(0)
    page.table.remove_button.click()
    assert scale.list_scores(ctx.uow, case.id) == ()
    ctx.undo_stack.undo()
    assert scale.list_scores(ctx.uow, case.id)[0].id == dto.id


def test_change_a_score_in_its_dialog(ctx, case, qtbot) -> None:
    dto = add(ctx, case.id, "Buurman Henk", RaterRole.NETWORK, 5, dt.date(2026, 9, 1), "Rustig")
    dialog = ScoreDialog(ctx, dto)
    qtbot.addWidget(dialog)
    entry = dialog.input
    assert entry.name.text() == "Buurman Henk" and entry.row.score() == 5
    assert entry.context.currentData() == ScoreContext.CONVERSATION
    qtbot.keyClick(entry.row, Qt.Key.Key_8)
    qtbot.keyClick(entry.row, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    changed = scale.list_scores(ctx.uow, case.id)[0]
    assert (changed.score, changed.source.label, changed.reason) == (8, "Buurman Henk", "Rustig")
    ctx.undo_stack.undo()
    assert scale.list_scores(ctx.uow, case.id)[0].score == 5


def test_own_wording_shows_and_undo_restores_the_default(page, ctx, case) -> None:
    before = scale.get_scale(ctx.uow, case.id)
    assert before.default_zero in page.input.zero_label.text()
    execute(ctx, SetScaleWordingCommand(ctx, before, "Tim is niet veilig", None))
    assert page.input.zero_label.text() == "0 = Tim is niet veilig"
    assert before.default_ten in page.input.ten_label.text()
    ctx.undo_stack.undo()
    assert before.default_zero in page.input.zero_label.text()


def test_wording_dialog_keeps_the_default_as_none(ctx, case, qtbot) -> None:
    definition = scale.get_scale(ctx.uow, case.id)
    dialog = WordingDialog(definition)
    qtbot.addWidget(dialog)
    assert dialog.wording() == (None, None)
    dialog.ten.setPlainText("Tim slaapt weer thuis en is niet bang")
    assert dialog.wording() == (None, "Tim slaapt weer thuis en is niet bang")


def test_a_closed_case_is_read_only(page, ctx, case) -> None:
    households.close_case(ctx.uow, case.id, "Doelen bereikt")
    page.reload()
    assert not page.input.isEnabled() and not page.wording_button.isEnabled()


def test_tooltip_shows_the_reason() -> None:
    rater = Rater("Sanne <Jansen>", RaterRole.PARENT)
    point = ScorePoint(1, dt.date(2026, 9, 1), 6, "Mark drinkt niet meer & is rustig", "Werk")
    text = point_tooltip(rater, point)
    assert "Mark drinkt niet meer &amp; is rustig" in text
    assert "01-09-2026" in text and "6" in text and "Sanne &lt;Jansen&gt;" in text
    assert "Werk" in text
    assert "<i>" not in point_tooltip(rater, ScorePoint(1, dt.date(2026, 9, 1), 6, "x", ""))
