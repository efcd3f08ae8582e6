"""The ZRM page: a matrix scored by keyboard alone, change arrows, undo, read-only records, the
method's advice, licensed descriptors, youth, a removed person coming back, a closed case."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases.validation import format_date_nl
from jeugdtool.i18n import _
from jeugdtool.zrm import assessments
from jeugdtool.zrm import library
from jeugdtool.zrm.definitions import DEFAULT_MATRIX
from jeugdtool.zrm.definitions import builtin_matrices

from jeugdtool.ui import colours
from jeugdtool.ui import commands as c
from jeugdtool.ui.settings_dialog import apply_settings
from jeugdtool.ui.zrm.grid_model import ACUTE_TINT
from jeugdtool.ui.zrm.grid_model import CHANGE
from jeugdtool.ui.zrm.grid_model import NAME
from jeugdtool.ui.zrm.grid_model import NONE
from jeugdtool.ui.zrm.grid_model import MatrixModel
from jeugdtool.ui.zrm.grid_model import level_column
from jeugdtool.ui.zrm.new_dialog import NewAssessmentDialog
from jeugdtool.ui.zrm.page import ASSESSMENT
from jeugdtool.ui.zrm.page import HOUSEHOLD
from jeugdtool.ui.zrm.page import PROGRESS
from jeugdtool.ui.zrm.page import ZrmPage

Key = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TODAY = dt.date.today()
EARLIER = TODAY - dt.timedelta(days=60)
#: One level per domain of ZRM 2017 (0: not assessed).
FIRST_LEVELS = (2, 3, 3, 2, 4, 3, 4, 4, 5, 4, 2, 3, 0)


@pytest.fixture
def sanne(ctx, case):
    fields = {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    return members.add_person(ctx.uow, case.id, fields).value


@pytest.fixture
def noa(ctx, case):
    fields = {
        "first_name": "Noa",
        "last_name": "Jansen",
        "role": "child",
        "birth_date": "2016-05-14",
    }
    return members.add_person(ctx.uow, case.id, fields).value


def _show(qtbot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()


@pytest.fixture
def make_page(ctx, case, qtbot):
    def make() -> ZrmPage:
        page = ZrmPage(ctx, case.id)
        _show(qtbot, page)
        return page

    return make


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _digit(qtbot, n: int) -> None:
    _press(qtbot, getattr(Key, f"Key_{n}"))


def _assess(ctx, person_id: int, day: dt.date = TODAY, **levels: int | None):
    a = assessments.create_assessment(ctx.uow, person_id, assessed_on=day).value
    for code, level in levels.items():
        a = assessments.set_domain(ctx.uow, a.id, code, {"level": level}).value
    return a


def _levels(ctx, case_id: int) -> list[list[int | None]]:
    return [[d.level for d in a.domains] for a in assessments.list_assessments(ctx.uow, case_id)]


def _column(model: MatrixModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _start_by_keyboard(qtbot, page: ZrmPage) -> str:
    """Ctrl+Shift+N, wait for the dialog, accept its defaults with Enter; returns what the
    dialog said the assessment starts from."""
    _press(qtbot, Key.Key_N, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), NewAssessmentDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, NewAssessmentDialog)
    said = dialog.start.text()
    with qtbot.waitSignal(dialog.finished):
        _press(qtbot, Key.Key_Return)
    with qtbot.waitActive(page):  # offscreen: no window manager re-activates the page
        page.activateWindow()
    return said


# ---- the test: a full matrix by keyboard, then the change arrows -------------------------


def test_score_a_full_matrix_by_keyboard_and_see_the_changes(make_page, ctx, case, sanne, qtbot):
    page = make_page()
    editor = page.editor
    assert _("Start the first assessment: it starts empty.") in editor.empty.text.text()
    editor.tree.setFocus()

    said = _start_by_keyboard(qtbot, page)
    assert said == _("This is the first assessment: it starts empty.")
    grid = editor.grid
    grid.setFocus()
    assert grid.currentIndex().row() == 0
    for row, level in enumerate(FIRST_LEVELS):
        _digit(qtbot, level)
        # The level is chosen and the frame is on it, still on this domain.
        assert (grid.currentIndex().row(), grid.currentIndex().column()) == (
            row,
            level_column(level or None),
        )
        _press(qtbot, Key.Key_Down)  # the next domain: one row, never two
    assert _levels(ctx, case.id) == [[x or None for x in FIRST_LEVELS]]
    assert grid.currentIndex().row() == len(FIRST_LEVELS) - 1  # stopped at the last domain
    assert set(_column(editor.model, CHANGE)) == {""}  # nothing to compare with yet

    said = _start_by_keyboard(qtbot, page)
    assert said == _(
        "It starts from the values of the assessment of {date}, so you only enter what has changed."
    ).format(date=format_date_nl(TODAY))
    (older, newer) = assessments.list_assessments(ctx.uow, case.id)
    assert editor.assessment is not None and editor.assessment.id == newer.id
    assert [d.level for d in newer.domains] == [d.level for d in older.domains]  # copied

    grid.setFocus()
    grid.go_to(0, NAME)
    _digit(qtbot, 3)  # Financiën 2 -> 3; the frame stays on Financiën, at level 3
    assert grid.currentIndex().row() == 0
    for _step in range(6):
        _press(qtbot, Key.Key_Down)
    assert grid.currentIndex().row() == 6
    _digit(qtbot, 3)  # Lichamelijke gezondheid 4 -> 3
    changes = _column(editor.model, CHANGE)
    assert changes[0] == _("{arrow} was {level}").format(arrow="▲", level=2)
    assert changes[6] == _("{arrow} was {level}").format(arrow="▼", level=4)
    assert [t for i, t in enumerate(changes) if i not in (0, 6)] == [""] * 11
    assert _levels(ctx, case.id)[1][:7] == [3, 3, 3, 2, 4, 3, 3]
    # The previous level is marked in its own column, the chosen one filled.
    assert editor.model.index(0, 2).data() == "○"
    assert editor.model.index(0, 3).data().startswith("●")
    assert editor.model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_ctrl_n_is_a_new_case_here_too_and_ctrl_shift_n_a_new_assessment(ctx, case, sanne, qtbot):
    _assess(ctx, sanne.id)
    window = QMainWindow()
    new_case = QAction("New case", window)
    new_case.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
    window.addAction(new_case)
    fired: list[bool] = []
    new_case.triggered.connect(lambda: fired.append(True))
    page = ZrmPage(ctx, case.id)
    window.setCentralWidget(page)
    _show(qtbot, window)
    page.editor.tree.setFocus()
    _press(qtbot, Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]  # one meaning everywhere: a new case
    assert not isinstance(QApplication.activeModalWidget(), NewAssessmentDialog)
    page.tabs.setCurrentIndex(PROGRESS)  # from any view of the ZRM
    page.progress_page.setFocus()
    for field in (page.editor.tree, page.editor.form.carried_by, page.editor.form.note, None):
        if field is not None:
            field.setFocus()
        _press(qtbot, Key.Key_N, CTRL_SHIFT)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), NewAssessmentDialog))
        assert page.tabs.currentIndex() == ASSESSMENT
        QApplication.activeWindow().reject()
        with qtbot.waitActive(window):
            window.activateWindow()
    assert fired == [True]
    # The key went to the page only: the field it was typed in did not take it.
    assert page.editor.form.carried_by.currentIndex() == 0
    assert page.editor.form.note.toPlainText() == ""


def test_the_new_assessment_button_has_an_alt_letter_of_its_own(make_page, sanne):
    page = make_page()
    text = page.editor.new_button.text()
    assert "&" in text
    letter = text[text.index("&") + 1].lower()
    others = [
        w.text()
        for w in page.findChildren(QAbstractButton) + page.findChildren(QLabel)
        if w is not page.editor.new_button and w.isVisibleTo(page) and "&" in w.text()
    ]
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    taken = {t[t.index("&") + 1].lower() for t in others + tabs if "&" in t}
    assert letter not in taken


# ---- undo, read-only ----------------------------------------------------------------------------


def test_undo_and_redo_of_a_level_change(make_page, ctx, case, sanne, qtbot):
    _assess(ctx, sanne.id, financien=2)
    page = make_page()
    grid = page.editor.grid
    grid.setFocus()
    grid.go_to(0, NAME)
    _digit(qtbot, 4)
    assert _levels(ctx, case.id)[0][0] == 4
    assert ctx.undo_stack.undoText() == _("Change level of {domain}").format(domain="Financiën")
    ctx.undo_stack.undo()
    assert _levels(ctx, case.id)[0][0] == 2
    assert page.editor.model.index(0, 2).data().startswith("●")
    ctx.undo_stack.redo()
    assert _levels(ctx, case.id)[0][0] == 4
    assert page.editor.model.index(0, 4).data().startswith("●")
    grid.go_to(0, 4)
    _press(qtbot, Key.Key_Delete)
    assert _levels(ctx, case.id)[0][0] is None
    assert page.editor.model.index(0, NONE).data() == "—"


def test_a_past_assessment_is_read_only(make_page, ctx, case, sanne, qtbot, fake_dialogs):
    older = _assess(ctx, sanne.id, EARLIER, financien=2)
    _assess(ctx, sanne.id, TODAY, financien=3)
    page = make_page()
    editor = page.editor
    tree = editor.tree
    top = tree.topLevelItem(0)
    assert top.childCount() == 2
    # The newest first, changeable; the earlier one says it is read-only.
    assert top.child(0).text(0) == format_date_nl(TODAY)
    read_only = _("{assessment} (read-only)").format(assessment=format_date_nl(EARLIER))
    assert top.child(1).text(0) == read_only
    tree.setFocus()
    tree.setCurrentItem(top.child(1))
    assert editor.assessment is not None and editor.assessment.id == older.id
    assert editor.header.read_only.isVisibleTo(editor)
    assert not editor.header.fields.isVisibleTo(editor)
    assert not editor.remove_button.isEnabled()
    assert not editor.form.focus.isEnabled() and editor.form.note.isReadOnly()
    editor.grid.setFocus()
    editor.grid.go_to(0, NAME)
    _digit(qtbot, 5)
    assert [levels[0] for levels in _levels(ctx, case.id)] == [2, 3]
    assert not ctx.undo_stack.canUndo()
    assert fake_dialogs.errors == []


def test_remove_the_newest_assessment_and_undo(make_page, ctx, case, sanne, qtbot, fake_dialogs):
    _assess(ctx, sanne.id, EARLIER, financien=2)
    newest = _assess(ctx, sanne.id, TODAY, financien=3)
    page = make_page()
    fake_dialogs.answers.append(True)
    assert page.editor.remove_assessment()
    assert _levels(ctx, case.id) == [[2] + [None] * 12]
    assert page.editor.assessment is not None and page.editor.assessment.editable
    ctx.undo_stack.undo()
    back = assessments.list_assessments(ctx.uow, case.id)
    assert [a.id for a in back][-1] == newest.id
    assert back[-1].domains[0].level == 3


# ---- the method's advice ------------------------------------------------------------------------


def test_more_than_three_focus_domains_warns_but_the_fourth_is_saved(make_page, ctx, case, sanne):
    _assess(ctx, sanne.id, financien=3)
    page = make_page()
    editor = page.editor
    for row in range(4):
        editor.grid.go_to(row, NAME)
        editor.form.focus.click()
    focus = [d.domain for d in assessments.list_assessments(ctx.uow, case.id)[0].focus_domains]
    assert len(focus) == 4
    assert editor.header.advice.isVisibleTo(editor)
    warning = _(
        "{n} focus domains. The method advises depth over breadth: choose a few "
        "domains (at most {max}) and work on them thoroughly."
    ).format(n=4, max=3)
    assert "⚠ " + warning in editor.header.advice_text().splitlines()
    assert editor.model.index(3, NAME).data().startswith("★")


def test_level_one_is_highlighted_and_suggested_as_immediate_need(
    make_page, ctx, case, sanne, qtbot
):
    _assess(ctx, sanne.id)
    page = make_page()
    editor = page.editor
    assert not editor.header.advice.isVisibleTo(editor)
    editor.grid.setFocus()
    editor.grid.go_to(4, NAME)
    _digit(qtbot, 1)  # Huiselijke relaties: acute
    advice = editor.header.advice_text()
    assert "Huiselijke relaties" in advice
    assert advice == "⚠ " + _(
        "Acute problems in: {domains}. Consider these as an immediate need "
        "(what must happen right away)."
    ).format(domains="Huiselijke relaties")
    tint = editor.model.index(4, NAME).data(Qt.ItemDataRole.BackgroundRole)
    assert tint is not None and tint.color() == colours.tint(ACUTE_TINT)
    assert editor.model.index(3, NAME).data(Qt.ItemDataRole.BackgroundRole) is None


# ---- the description beside the grid -----------------------------------------------------------


def _descriptor_file() -> dict:
    matrix = next(m for m in builtin_matrices() if m.id == DEFAULT_MATRIX)
    return {
        "format": "jeugdtool-zrm-descriptors",
        "matrix": matrix.id,
        "version": matrix.version,
        "source": "Licentie GGD Amsterdam, test",
        "descriptors": {
            code: {str(n): f"Criteria {code} niveau {n}" for n in range(1, 6)}
            for code in matrix.codes
        },
    }


def test_description_shows_own_text_then_the_licensed_text(make_page, ctx, case, sanne, qtbot):
    _assess(ctx, sanne.id, financien=2)
    page = make_page()
    editor = page.editor
    editor.grid.setFocus()
    editor.grid.go_to(0, 3)
    text = editor.description.text()
    matrix = next(m for m in builtin_matrices() if m.id == DEFAULT_MATRIX)
    assert matrix.domain("financien").covers.get() in text
    assert matrix.level(3).meaning.get() in text
    assert "Criteria" not in text
    ctx.run(library.import_document, _descriptor_file(), file_name="zrm.json")
    text = editor.description.text()
    assert "Criteria financien niveau 3" in text
    assert "Licentie GGD Amsterdam, test" in text
    _press(qtbot, Key.Key_Right)  # the focused cell decides what is described
    assert "Criteria financien niveau 4" in editor.description.text()


def _names(tree) -> list[str]:
    return [tree.topLevelItem(i).text(0).split(" (")[0] for i in range(tree.topLevelItemCount())]


# ---- who is listed ------------------------------------------------------------------------------


def test_children_are_listed_only_with_the_youth_setting(make_page, ctx, case, sanne, noa, qtbot):
    page = make_page()
    tree = page.editor.tree
    assert [
        tree.topLevelItem(i).text(0).split(" (")[0] for i in range(tree.topLevelItemCount())
    ] == ["Sanne Jansen"]
    apply_settings(ctx, ctx.settings.language, ctx.user, zrm_for_youth=True)
    names = [tree.topLevelItem(i).text(0).split(" (")[0] for i in range(tree.topLevelItemCount())]
    assert names == ["Sanne Jansen", "Noa Jansen"]
    page.editor.choose_person(noa.id)
    page.editor.new_assessment().accept()
    (made,) = assessments.list_assessments(ctx.uow, case.id)
    assert made.person_id == noa.id


def test_empty_states_explain_what_to_do(make_page, ctx, case, noa):
    page = make_page()
    editor = page.editor
    assert editor.empty.title.text() == _("No adults in this household")
    assert not editor.new_button.isEnabled()


# ---- a removed person, a closed case -------------------------------------------------------------


def test_removing_a_person_takes_the_assessments_and_undo_brings_them_back(
    make_page, ctx, case, sanne, qtbot
):
    first = _assess(ctx, sanne.id, EARLIER, financien=2)
    second = _assess(ctx, sanne.id, TODAY, financien=4)
    page = make_page()
    command = c.RemovePersonCommand(ctx, sanne)
    assert "2" in command.question()
    c.execute(ctx, command)
    assert assessments.list_assessments(ctx.uow, case.id) == ()
    assert page.editor.tree.topLevelItemCount() == 0
    ctx.undo_stack.undo()
    back = assessments.list_assessments(ctx.uow, case.id)
    assert [(a.id, a.domains[0].level) for a in back] == [(first.id, 2), (second.id, 4)]
    assert back[1].copied_from_id == first.id
    assert page.editor.tree.topLevelItem(0).childCount() == 2
    ctx.undo_stack.redo()
    assert assessments.list_assessments(ctx.uow, case.id) == ()


def test_a_closed_case_cannot_be_edited(make_page, ctx, case, sanne, qtbot, fake_dialogs):
    _assess(ctx, sanne.id, financien=2)
    page = make_page()
    ctx.run(households.close_case, case.id, "Hulp afgerond", TODAY)
    editor = page.editor
    assert not editor.new_button.isEnabled() and not editor.remove_button.isEnabled()
    assert editor.header.read_only.isVisibleTo(editor)
    assert editor.header.read_only_text.text() == _(
        "This case is closed, so its assessments are read-only. Reopen the case to change anything."
    )
    assert not editor.form.focus.isEnabled()
    editor.grid.setFocus()
    editor.grid.go_to(0, NAME)
    _digit(qtbot, 4)
    assert _levels(ctx, case.id)[0][0] == 2
    assert editor.new_assessment() is None
    assert fake_dialogs.errors == []


# ---- the domain details -------------------------------------------------------------------------


def test_a_note_typed_with_pauses_is_one_undo_step(make_page, ctx, case, sanne, qtbot):
    _assess(ctx, sanne.id)
    page = make_page()
    form = page.editor.form
    form.note.setFocus()
    qtbot.keyClicks(form.note, "Schulden")
    form.note.pause.timeout.emit()  # a pause in typing saves
    assert assessments.list_assessments(ctx.uow, case.id)[0].domains[0].note == "Schulden"
    qtbot.keyClicks(form.note, " bij de energie")
    page.editor.grid.setFocus()  # leaving the field saves
    note = assessments.list_assessments(ctx.uow, case.id)[0].domains[0].note
    assert note == "Schulden bij de energie"
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert assessments.list_assessments(ctx.uow, case.id)[0].domains[0].note == ""
    assert form.note.toPlainText() == ""


def test_a_wrong_target_date_shows_under_the_field_and_saves_nothing(
    make_page, ctx, case, sanne, qtbot
):
    _assess(ctx, sanne.id, financien=2)
    page = make_page()
    form = page.editor.form
    form.focus.click()
    form.target_date.setFocus()
    qtbot.keyClicks(form.target_date, "31-02-2027")
    _press(qtbot, Key.Key_Return)
    assert form.errors["target_date"].isVisibleTo(form)
    assert form.target_date.text() == "31-02-2027"  # kept as typed
    assert assessments.list_assessments(ctx.uow, case.id)[0].domains[0].target_date is None
    form.target_date.selectAll()
    qtbot.keyClicks(form.target_date, "01-03-2027")
    _press(qtbot, Key.Key_Return)
    assert not form.errors["target_date"].isVisibleTo(form)
    saved = assessments.list_assessments(ctx.uow, case.id)[0].domains[0]
    assert saved.target_date == dt.date(2027, 3, 1)


def test_the_grid_model_passes_the_model_tester(make_page, ctx, case, sanne, qtmodeltester):
    _assess(ctx, sanne.id, EARLIER, financien=2, werk_opleiding=1)
    _assess(ctx, sanne.id, TODAY, financien=4)
    page = make_page()
    qtmodeltester.check(page.editor.model, force_py=True)


def test_choosing_a_person_in_the_household_map_opens_their_assessment(make_page, ctx, case, sanne):
    mark = members.add_person(
        ctx.uow, case.id, {"first_name": "Mark", "last_name": "Jansen", "role": "parent"}
    ).value
    _assess(ctx, sanne.id, financien=2)
    marks = _assess(ctx, mark.id, financien=4)
    page = make_page()
    assert page.editor.person_id == sanne.id
    page.tabs.setCurrentIndex(HOUSEHOLD)
    page.household.person_chosen.emit(mark.id)
    assert page.tabs.currentIndex() == ASSESSMENT
    assert page.editor.assessment is not None and page.editor.assessment.id == marks.id
    assert page.editor.tree.currentItem().parent().text(0).startswith("Mark Jansen")
    page.tabs.setCurrentIndex(PROGRESS)  # the progress view follows the chosen person
    assert page.progress.title.text() == _("Progress of {name}").format(name="Mark Jansen")


def test_the_workspace_opens_the_zrm_page_from_the_overview(ctx, case, sanne, qtbot):
    from jeugdtool.ui.workspace import CaseWorkspace

    workspace = CaseWorkspace(ctx, case.id)
    _show(qtbot, workspace)
    workspace.overview.zrm.open_requested.emit()
    assert workspace.stack.currentWidget() is workspace.zrm
    page = workspace.zrm.page
    assert isinstance(page, ZrmPage)
    assert page.editor.empty.title.text() == _("No assessment of {name} yet").format(
        name="Sanne Jansen"
    )
