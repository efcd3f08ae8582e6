"""The safety network and the red flags of a draft put in order by keyboard (Alt+Up / Alt+Down,
as on the map), with undo and redo that never undo a colleague's reordering, and refused with
the plan's own message once the version is finalised."""

from __future__ import annotations

import pytest
from conflict_kit import covers
from plan_data import Family
from plan_data import family
from plan_data import shown_sections

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QTableView

from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.plan_dto import PlanDetail
from jeugdtool.i18n import _

from jeugdtool.ui.plan.network_flags import PlanNetworkAndFlags
from jeugdtool.ui.plan.plan_commands import MoveSectionRowCommand

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def draft(uow, case, fam) -> int:
    """A draft with three people in the safety network and two red flags."""
    version_id = plans.start_draft(uow, case.id).value.id
    for who, role in ((fam.ria, "oma"), (fam.sanne, "moeder"), (fam.mark, "vader")):
        fields = {"source": fam.source(who), "role": role}
        plan_sections.add_network_role(uow, version_id, fields)
    for sign in ("Gordijnen overdag dicht", "Noa komt te laat op school"):
        plan_sections.add_red_flag(uow, version_id, {"sign": sign, "action": "Oma Ria bellen"})
    return version_id


@pytest.fixture
def widget(ctx, uow, case, draft, qtbot) -> PlanNetworkAndFlags:
    return shown_sections(ctx, uow, case.id, draft, qtbot)


def _detail(uow, draft: int) -> PlanDetail:
    return plans.get_plan(uow, draft)


def _roles(uow, draft: int) -> list[str]:
    return [r.role for r in _detail(uow, draft).network]


def _signs(uow, draft: int) -> list[str]:
    return [f.sign for f in _detail(uow, draft).red_flags]


def _shown(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _on_row(qtbot, table: QTableView, row: int) -> None:
    """Click nothing: focus the table and walk to `row` with the arrow keys."""
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    table.selectRow(0)
    for _step in range(row):
        qtbot.keyClick(table, Key.Key_Down)
    assert table.selectionModel().selectedRows()[0].row() == row


def _alt(qtbot, key: Key) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, ALT)


def test_network_entries_move_by_keyboard_with_undo_and_redo(widget, ctx, uow, draft, qtbot):
    table = widget.network.table
    _on_row(qtbot, table, 2)  # Mark
    _alt(qtbot, Key.Key_Up)
    assert _roles(uow, draft) == ["oma", "vader", "moeder"]
    assert _shown(table, 1) == ["oma", "vader", "moeder"]
    assert widget.network.selected().role == "vader"  # the moved entry stays selected
    _alt(qtbot, Key.Key_Up)
    _alt(qtbot, Key.Key_Up)  # already first: nothing happens, nothing to undo
    assert _roles(uow, draft) == ["vader", "oma", "moeder"]
    assert ctx.undo_stack.count() == 2
    assert ctx.undo_stack.undoText() == _("Move {name} in the safety network").format(
        name="Mark Jansen"
    )
    _alt(qtbot, Key.Key_Down)
    assert _roles(uow, draft) == ["oma", "vader", "moeder"]

    for _step in range(3):
        ctx.undo_stack.undo()
    assert _roles(uow, draft) == ["oma", "moeder", "vader"]
    assert _shown(table, 1) == ["oma", "moeder", "vader"]
    ctx.undo_stack.redo()
    assert _roles(uow, draft) == ["oma", "vader", "moeder"]
    assert _shown(table, 1) == ["oma", "vader", "moeder"]


def test_red_flags_move_by_keyboard_with_undo(widget, ctx, uow, draft, qtbot):
    table = widget.flags.table
    _on_row(qtbot, table, 0)
    _alt(qtbot, Key.Key_Down)
    assert _signs(uow, draft) == ["Noa komt te laat op school", "Gordijnen overdag dicht"]
    assert _shown(table, 0) == _signs(uow, draft)
    _alt(qtbot, Key.Key_Down)  # already last: nothing happens
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert _signs(uow, draft) == ["Gordijnen overdag dicht", "Noa komt te laat op school"]
    assert _shown(table, 0) == _signs(uow, draft)
    ctx.undo_stack.redo()
    assert _signs(uow, draft)[0] == "Noa komt te laat op school"


@covers(MoveSectionRowCommand)
def test_undo_does_not_undo_a_colleagues_reordering(widget, ctx, uow, draft, fake_dialogs, qtbot):
    _on_row(qtbot, widget.network.table, 2)
    _alt(qtbot, Key.Key_Up)  # vader to 2
    assert _roles(uow, draft) == ["oma", "vader", "moeder"]
    # A colleague puts oma last: vader is no longer where this user left him.
    oma = _detail(uow, draft).network[0]
    plan_sections.move_network_role(uow, oma.id, 3)
    ctx.undo_stack.undo()
    assert _roles(uow, draft) == ["vader", "moeder", "oma"]  # the colleague's order stays
    assert fake_dialogs.errors  # the user is told why the undo did nothing
    assert ctx.undo_stack.count() == 0  # the failed step is dropped


def test_a_finalised_plan_refuses_the_move_with_its_message(
    widget, ctx, uow, draft, fake_dialogs, qtbot
):
    # Finalised elsewhere (a colleague), while this screen still shows the draft.
    plan_finalise.finalise(uow, draft, by="x", override_reason="test")
    _on_row(qtbot, widget.flags.table, 1)
    _alt(qtbot, Key.Key_Up)
    number = _detail(uow, draft).plan.number
    assert fake_dialogs.errors[-1] == _(
        "Version {number} of the plan is finalised and does not change any more. Start a "
        "new draft to change the plan."
    ).format(number=number)
    assert _signs(uow, draft) == ["Gordijnen overdag dicht", "Noa komt te laat op school"]
    assert ctx.undo_stack.count() == 0
    # Shown again as it is now: read-only, and the keys do nothing any more.
    widget.set_plan(_detail(uow, draft), True)
    _on_row(qtbot, widget.network.table, 1)
    _alt(qtbot, Key.Key_Up)
    assert len(fake_dialogs.errors) == 1
    assert _roles(uow, draft) == ["oma", "moeder", "vader"]
