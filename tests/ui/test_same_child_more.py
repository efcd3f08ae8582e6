"""The same-child question beyond adding a child: after importing a case file, and when a
child's name, birth date or role is changed so that they match a child of a closed case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from jeugdtool import resources
from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.cases import queries
from jeugdtool.cases.dto import HouseholdDTO
from jeugdtool.cases.dto import PersonDTO
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import ClosingInput

from jeugdtool.ui import commands as c
from jeugdtool.ui import ops
from jeugdtool.ui.case_files import import_case_file
from jeugdtool.ui.closing.new_start import RECORD_NEW_START
from jeugdtool.ui.closing.new_start import EditChildCommand
from jeugdtool.ui.closing.new_start import edit_person_command
from jeugdtool.ui.closing.new_start import question
from jeugdtool.ui.workspace import CaseWorkspace

#: Gezin Smit of the demo (case 2026-0004, opened 11 May 2026) has the child Jayden Smit.
DEMO = resources.path("demo", "04-smit.json")
JAYDEN = {"first_name": "Jayden", "last_name": "Smit", "role": "child"}
JAYDEN_BORN = dt.date(2011, 3, 4)
EARLIER_CLOSED = dt.date(2026, 1, 15)


def _closed_case_with(uow, birth_date: dt.date) -> HouseholdDTO:
    """An earlier case of Jayden's (or of a boy with his name), closed on 15 January 2026."""
    case = households.create_case(
        uow, name="Gezin Smit-Bakker", case_number="2025-0101", opened_on=dt.date(2025, 1, 6)
    ).value
    members.add_person(uow, case.id, dict(JAYDEN, birth_date=birth_date))
    data = ClosingInput(
        closed_on=EARLIER_CLOSED,
        reason="Doelen bereikt",
        goals_outcome="fully",
        goal_outcomes=(),
        further_help="none",
        ended_as="planned",
    )
    closing.close_case(uow, case.id, data)
    return case


@pytest.fixture
def earlier(uow) -> HouseholdDTO:
    return _closed_case_with(uow, JAYDEN_BORN)


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _import_demo(ctx, parent, qtbot, fake_dialogs, *answers: bool) -> HouseholdDTO:
    """Import the demo's Gezin Smit, answering the same-child questions with `answers`."""
    opened: list[HouseholdDTO] = []
    fake_dialogs.answers.extend([str(DEMO), *answers])
    task = import_case_file(ctx, parent, on_done=opened.append)
    assert task is not None
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert ops.writer_pool().waitForDone(10_000)
    qtbot.wait(50)  # the questions come right after the case opens
    assert fake_dialogs.errors == []
    return opened[0]


def _asked(fake_dialogs) -> list[str]:
    return [text for kind, text in fake_dialogs.questions if kind == "confirm"]


def _child_starts(ctx, case_id: int) -> list[Any]:
    """The case's new starts for a child (the demo case also has its own reopening)."""
    return [s for s in closing.new_starts(ctx.uow, case_id) if s.kind == "new_case"]


def _jayden(ctx, case_id: int) -> PersonDTO:
    return next(
        p for p in queries.get_case(ctx.uow, case_id).persons if p.first_name.lower() == "jayden"
    )


# ---- after an import ----------------------------------------------------------------------


def test_an_imported_case_with_a_matching_child_asks_and_records(
    ctx, parent, qtbot, fake_dialogs, earlier
) -> None:
    case = _import_demo(ctx, parent, qtbot, fake_dialogs, True)
    (asked,) = _asked(fake_dialogs)
    assert "2025-0101" in asked and "15-01-2026" in asked and "Jayden Smit" in asked
    (start,) = _child_starts(ctx, case.id)
    assert (start.kind, start.person_id, start.previous_case_number) == (
        "new_case",
        _jayden(ctx, case.id).id,
        "2025-0101",
    )
    assert start.started_on == dt.date(2026, 5, 11)  # when the new case opened
    assert ctx.undo_stack.undoText() == _(RECORD_NEW_START)


def test_an_imported_case_without_a_match_asks_nothing(
    ctx, parent, qtbot, fake_dialogs, uow
) -> None:
    _closed_case_with(uow, JAYDEN_BORN + dt.timedelta(days=1))  # another boy of that name
    case = _import_demo(ctx, parent, qtbot, fake_dialogs)
    assert _asked(fake_dialogs) == []
    assert _child_starts(ctx, case.id) == []
    assert ctx.undo_stack.count() == 0


def test_declining_after_an_import_records_nothing(
    ctx, parent, qtbot, fake_dialogs, earlier
) -> None:
    case = _import_demo(ctx, parent, qtbot, fake_dialogs, False)
    assert len(_asked(fake_dialogs)) == 1
    assert _child_starts(ctx, case.id) == []
    assert ctx.undo_stack.count() == 0
    assert len(queries.get_case(ctx.uow, case.id).persons) == 3  # the case itself is in


def test_undo_right_after_the_import_takes_the_new_start_away(
    ctx, parent, qtbot, fake_dialogs, earlier
) -> None:
    case = _import_demo(ctx, parent, qtbot, fake_dialogs, True)
    ctx.undo_stack.undo()
    assert _child_starts(ctx, case.id) == []
    assert len(queries.get_case(ctx.uow, case.id).persons) == 3  # only the new start went
    ctx.undo_stack.redo()
    (start,) = _child_starts(ctx, case.id)
    assert start.person_id == _jayden(ctx, case.id).id
    assert fake_dialogs.errors == []


def test_an_imported_closed_case_is_not_asked_about(
    ctx, parent, qtbot, fake_dialogs, earlier, tmp_path
) -> None:
    """A new start belongs to a case where help runs: a closed case from a file asks nothing."""
    import json

    doc = json.loads(DEMO.read_text(encoding="utf-8"))
    doc["household"].update(status="closed", closed_on="2026-06-30", close_reason="Verhuisd")
    doc["closings"] = []
    doc["new_starts"] = []
    path = tmp_path / "gesloten.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    opened: list[Any] = []
    fake_dialogs.answers.append(str(path))
    task = import_case_file(ctx, parent, on_done=opened.append)
    assert task is not None
    qtbot.waitUntil(lambda: len(opened) == 1 or bool(fake_dialogs.errors), timeout=10_000)
    assert fake_dialogs.errors == [] and _asked(fake_dialogs) == []
    assert closing.new_starts(ctx.uow, opened[0].id) == []


# ---- changing a household member ----------------------------------------------------------


@pytest.fixture
def new_case(uow, earlier) -> HouseholdDTO:
    """A new, open case with a boy Jayden Smit whose birth date was typed a day off."""
    case = households.create_case(uow, name="Gezin Smit", case_number="2026-0040").value
    members.add_person(uow, case.id, dict(JAYDEN, birth_date=JAYDEN_BORN + dt.timedelta(days=1)))
    return case


def test_correcting_the_birth_date_so_it_matches_asks_once_and_records(
    ctx, new_case, fake_dialogs
) -> None:
    before = _jayden(ctx, new_case.id)
    fake_dialogs.answers.append(True)
    command = edit_person_command(ctx, before, {"birth_date": JAYDEN_BORN})
    (asked,) = _asked(fake_dialogs)
    assert asked == question(JAYDEN, closing.same_child_candidates(ctx.uow, **_typed())[0])
    assert isinstance(command, EditChildCommand)
    assert c.execute(ctx, command)
    (start,) = closing.new_starts(ctx.uow, new_case.id)
    assert (start.person_id, start.previous_case_number) == (before.id, "2025-0101")
    assert ctx.undo_stack.undoText() == _("Change household member")

    # Later changes of the same child ask nothing more (FakeDialogs fails on a question).
    after = _jayden(ctx, new_case.id)
    c.execute(ctx, edit_person_command(ctx, after, {"notes": "Zit in groep 8"}))
    assert len(_asked(fake_dialogs)) == 1

    ctx.undo_stack.undo()  # the notes
    ctx.undo_stack.undo()  # one step: the new start and the birth date
    assert closing.new_starts(ctx.uow, new_case.id) == []
    assert _jayden(ctx, new_case.id).birth_date == JAYDEN_BORN + dt.timedelta(days=1)
    ctx.undo_stack.redo()
    assert _jayden(ctx, new_case.id).birth_date == JAYDEN_BORN
    assert len(closing.new_starts(ctx.uow, new_case.id)) == 1
    assert fake_dialogs.errors == []


def _typed() -> dict[str, Any]:
    return {"first_name": "Jayden", "last_name": "Smit", "birth_date": JAYDEN_BORN}


def test_declined_once_is_not_asked_again_for_the_same_closing(ctx, new_case, fake_dialogs) -> None:
    fake_dialogs.answers.append(False)
    command = edit_person_command(ctx, _jayden(ctx, new_case.id), {"birth_date": JAYDEN_BORN})
    assert not isinstance(command, EditChildCommand)
    c.execute(ctx, command)
    assert closing.new_starts(ctx.uow, new_case.id) == []
    # Still the same match: another change of name or notes does not ask again.
    for changes in ({"first_name": "jayden"}, {"notes": "Broer van Kim"}):
        c.execute(ctx, edit_person_command(ctx, _jayden(ctx, new_case.id), changes))
    assert len(_asked(fake_dialogs)) == 1
    assert closing.new_starts(ctx.uow, new_case.id) == []


def test_a_recorded_new_start_is_never_asked_about_again(ctx, new_case, fake_dialogs) -> None:
    """Away from the match and back: the closing is already his earlier help."""
    fake_dialogs.answers.append(True)
    c.execute(ctx, edit_person_command(ctx, _jayden(ctx, new_case.id), {"birth_date": JAYDEN_BORN}))
    away = {"birth_date": JAYDEN_BORN + dt.timedelta(days=2)}
    c.execute(ctx, edit_person_command(ctx, _jayden(ctx, new_case.id), away))
    back = edit_person_command(ctx, _jayden(ctx, new_case.id), {"birth_date": JAYDEN_BORN})
    assert not isinstance(back, EditChildCommand)
    c.execute(ctx, back)
    assert len(_asked(fake_dialogs)) == 1
    assert len(closing.new_starts(ctx.uow, new_case.id)) == 1


def test_becoming_a_child_of_the_household_can_match(ctx, uow, earlier, fake_dialogs) -> None:
    """Entered as a parent by mistake: made a child, he matches and is asked about."""
    case = households.create_case(uow, name="Gezin Smit", case_number="2026-0041").value
    members.add_person(uow, case.id, dict(JAYDEN, role="parent", birth_date=JAYDEN_BORN))
    fake_dialogs.answers.append(True)
    command = edit_person_command(ctx, _jayden(ctx, case.id), {"role": "child"})
    assert isinstance(command, EditChildCommand)
    c.execute(ctx, command)
    assert len(_child_starts(ctx, case.id)) == 1


def _when_modal(action: Callable[[QDialog], None]) -> None:
    """Run `action` on the next modal dialog as soon as it is open."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            action(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_the_overview_asks_when_a_child_is_changed_to_match(
    ctx, qtbot, new_case, fake_dialogs
) -> None:
    workspace = CaseWorkspace(ctx, new_case.id)
    qtbot.addWidget(workspace)
    workspace.show()
    fake_dialogs.answers.append(True)

    def correct(dialog: QDialog) -> None:
        dialog.fields["birth_date"].setText("04-03-2011")
        dialog.accept()

    _when_modal(correct)
    workspace.overview.persons.edit_requested.emit(_jayden(ctx, new_case.id))
    qtbot.waitUntil(lambda: bool(closing.new_starts(ctx.uow, new_case.id)), timeout=5_000)
    assert len(_asked(fake_dialogs)) == 1
    assert _jayden(ctx, new_case.id).birth_date == JAYDEN_BORN
