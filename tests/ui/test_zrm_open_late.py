"""Opening the ZRM page builds and styles only what it shows (issue 20): the empty state when a
person has no assessment, the header's strips and the fields' messages when they first appear,
a closed case's banner when it is shown. Each still appears, in its colours, when needed, and
works by keyboard with undo."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.i18n import _
from jeugdtool.zrm import assessments

from jeugdtool.ui.colours import Role
from jeugdtool.ui.colours import colour
from jeugdtool.ui.workspace.workspace import ZRM
from jeugdtool.ui.zrm.editor import EMPTY
from jeugdtool.ui.zrm.grid_model import NAME
from jeugdtool.ui.zrm.page import ZrmPage

Key = Qt.Key
TODAY = dt.date.today()


@pytest.fixture
def sanne(ctx, case):
    fields = {"first_name": "Sanne", "last_name": "Jansen", "role": "parent"}
    return members.add_person(ctx.uow, case.id, fields).value


@pytest.fixture
def mark(ctx, case):
    fields = {"first_name": "Mark", "last_name": "Jansen", "role": "parent"}
    return members.add_person(ctx.uow, case.id, fields).value


def _show(qtbot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()


def _page(ctx, case, qtbot) -> ZrmPage:
    page = ZrmPage(ctx, case.id)
    _show(qtbot, page)
    return page


def test_the_empty_state_is_made_only_for_a_person_without_assessment(
    ctx, case, sanne, mark, qtbot
):
    assessments.create_assessment(ctx.uow, sanne.id, assessed_on=TODAY)
    page = _page(ctx, case, qtbot)
    editor = page.editor
    assert editor._empty is None  # opened to an assessment: not made
    assert editor.centre.count() == 1
    editor.tree.setFocus()
    editor.choose_person(mark.id)
    # Made now, in its place, shown at once, for the right person.
    assert editor.centre.count() == 2 and editor.centre.indexOf(editor.empty) == EMPTY
    assert editor.centre.currentWidget() is editor.empty
    assert editor.empty.isVisible()
    assert editor.empty.title.text() == _("No assessment of {name} yet").format(name="Mark Jansen")
    assert editor.empty.button.isVisible() and editor.empty.button.isEnabled()
    # Back to Sanne: the matrix again, and typing a level there works and undoes.
    editor.choose_person(sanne.id)
    assert editor.centre.currentIndex() != EMPTY and editor.grid.isVisible()
    editor.grid.setFocus()
    editor.grid.go_to(0, NAME)
    qtbot.keyClick(editor.grid, Key.Key_3)
    assert assessments.list_assessments(ctx.uow, case.id)[0].domains[0].level == 3
    ctx.undo_stack.undo()
    assert assessments.list_assessments(ctx.uow, case.id)[0].domains[0].level is None
    # The empty state is made once and kept.
    empty = editor.empty
    editor.choose_person(mark.id)
    assert editor.empty is empty and editor.centre.count() == 2


def test_a_new_assessment_from_the_late_empty_state(ctx, case, sanne, qtbot):
    page = _page(ctx, case, qtbot)
    editor = page.editor
    assert editor.centre.currentWidget() is editor.empty
    qtbot.mouseClick(editor.empty.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None or _dialog(editor))
    dialog = _dialog(editor)
    assert dialog is not None
    dialog.accept()
    qtbot.waitUntil(lambda: len(assessments.list_assessments(ctx.uow, case.id)) == 1)
    assert editor.centre.currentIndex() != EMPTY
    assert editor.assessment is not None and editor.assessment.person_id == sanne.id


def _dialog(editor):
    from jeugdtool.ui.zrm.new_dialog import NewAssessmentDialog

    found = editor.findChildren(NewAssessmentDialog)
    return found[0] if found else None


def test_the_header_strips_get_their_colours_when_first_shown(ctx, case, sanne, qtbot):
    first = assessments.create_assessment(ctx.uow, sanne.id, assessed_on=TODAY).value
    for code in ("financien", "huisvesting"):
        assessments.set_domain(ctx.uow, first.id, code, {"level": 1})
    page = _page(ctx, case, qtbot)
    header = page.editor.header
    # Acute domains: the advice strip shows, in its colours; an editable assessment: no
    # read-only strip, and it was never styled.
    assert header.advice.isVisibleTo(header) and "zrmAdvice" in header.advice.styleSheet()
    assert not header.read_only.isVisibleTo(header) and header.read_only.styleSheet() == ""
    # A read-only one (a closed case): the read-only strip shows, styled.
    ctx.run(households.close_case, case.id, "Doelen bereikt", TODAY)
    assert header.read_only.isVisibleTo(header)
    assert "zrmReadOnly" in header.read_only.styleSheet()


def test_a_field_message_shows_in_the_error_colour(ctx, case, sanne, qtbot):
    assessments.create_assessment(ctx.uow, sanne.id, assessed_on=TODAY)
    page = _page(ctx, case, qtbot)
    header = page.editor.header
    error = header.errors["assessed_on"]
    assert error.styleSheet() == ""  # not styled while never shown
    header.date.setFocus()
    header.date.selectAll()
    qtbot.keyClicks(header.date, "31-02-2026")
    qtbot.keyClick(header.date, Key.Key_Return)
    assert error.isVisibleTo(header) and error.text()
    assert colour(Role.ERROR) in error.styleSheet()


def test_a_closed_case_shows_its_banner_styled_when_opened_to_the_zrm(ctx, case, sanne, qtbot):
    from jeugdtool.ui.workspace import CaseWorkspace

    workspace = CaseWorkspace(ctx, case.id)
    _show(qtbot, workspace)
    assert not workspace.banner.isVisibleTo(workspace)
    assert workspace.banner.styleSheet() == ""  # an open case never styles it
    ctx.run(households.close_case, case.id, "Doelen bereikt", TODAY)
    assert workspace.banner.isVisibleTo(workspace)
    assert "closedBanner" in workspace.banner.styleSheet()
    workspace.show_page(ZRM)
    assert isinstance(workspace.zrm.page, ZrmPage)
    assert workspace.banner.isVisibleTo(workspace)


def test_field_messages_are_made_when_first_needed_under_their_field(ctx, case, sanne, qtbot):
    from jeugdtool.ui.zrm.domain_form import FieldError

    assessments.create_assessment(ctx.uow, sanne.id, assessed_on=TODAY)
    page = _page(ctx, case, qtbot)
    assert page.findChildren(FieldError) == []  # none made on opening
    header = page.editor.header
    header.date.setFocus()  # the user types at once after opening
    header.date.selectAll()
    qtbot.keyClicks(header.date, "31-02-2026")
    qtbot.keyClick(header.date, Key.Key_Return)
    (error,) = page.findChildren(FieldError)
    assert error.isVisibleTo(header) and error.text()
    qtbot.waitUntil(lambda: error.geometry().top() > 0)  # laid out
    # Under the date's row, above the note's.
    top = error.mapTo(header, error.rect().topLeft()).y()
    assert header.date.mapTo(header, header.date.rect().bottomLeft()).y() < top
    assert top < header.note.mapTo(header, header.note.rect().topLeft()).y()
    # Fixed, it goes; the change is saved and undone as one.
    day = TODAY - dt.timedelta(days=1)
    header.date.selectAll()
    qtbot.keyClicks(header.date, day.strftime("%d-%m-%Y"))
    qtbot.keyClick(header.date, Key.Key_Return)
    assert not error.isVisibleTo(header)
    (saved,) = assessments.list_assessments(ctx.uow, case.id)
    assert saved.assessed_on == day
    ctx.undo_stack.undo()
    (back,) = assessments.list_assessments(ctx.uow, case.id)
    assert back.assessed_on == TODAY


def test_licensed_criteria_are_styled_when_first_shown(ctx, case, sanne, qtbot):
    from jeugdtool.zrm import library
    from jeugdtool.zrm.definitions import DEFAULT_MATRIX
    from jeugdtool.zrm.definitions import builtin_matrices

    a = assessments.create_assessment(ctx.uow, sanne.id, assessed_on=TODAY).value
    assessments.set_domain(ctx.uow, a.id, "financien", {"level": 2})
    page = _page(ctx, case, qtbot)
    description = page.editor.description
    assert description.licensed.styleSheet() == "" and description.licensed.isHidden()
    matrix = next(m for m in builtin_matrices() if m.id == DEFAULT_MATRIX)
    document = {
        "format": "jeugdtool-zrm-descriptors",
        "matrix": matrix.id,
        "version": matrix.version,
        "source": "Licentie, test",
        "descriptors": {
            code: {str(n): f"Criteria {code} {n}" for n in range(1, 6)} for code in matrix.codes
        },
    }
    ctx.run(library.import_document, document, file_name="zrm.json")
    page.editor.grid.go_to(0, 2)
    assert description.licensed.isVisibleTo(page)
    assert "zrmLicensed" in description.licensed.styleSheet()
