"""Opening a case to its map (issue 20): the map takes the case's head and members from its
window, which read them just before, instead of reading them again; its items and their
stances come in one query. A change is still shown: the window reads the case again before its
pages (the case's name, its mode's words, a member in the item dialog)."""

from __future__ import annotations

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.framework import moments
from jeugdtool.framework.vocab import Cell
from tests.statements import statements_sent

from jeugdtool.ui.workspace.workspace import FRAMEWORK
from jeugdtool.ui.workspace.workspace import CaseWorkspace

HEAD = "SELECT households.id, households.case_number, households.name, households.mode"


def _mapped(ctx, case) -> None:
    members.add_person(ctx.uow, case.id, {"first_name": "Sanne", "role": "parent"})
    moment = moments.start_moment(ctx.uow, case.id, author="A. de Boer").value
    item = moments.add_item(ctx.uow, moment.id, Cell.HARM, {"text": "Blauwe plek"}).value
    moments.add_item(ctx.uow, moment.id, Cell.HARM, {"text": "Vader schreeuwt"})
    moments.set_stance(ctx.uow, item.id, "Sanne", "agrees")


def _workspace(ctx, case, qtbot) -> CaseWorkspace:
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    qtbot.waitExposed(workspace)
    return workspace


def test_the_map_shown_reads_only_its_moments_and_items(ctx, case, qtbot) -> None:
    _mapped(ctx, case)
    workspace = _workspace(ctx, case, qtbot)
    with statements_sent(ctx.database, "SELECT") as seen:
        workspace.show_page(FRAMEWORK)
    page = workspace.framework.page.map
    # The moments with their counts, the items with their stances: the head is the window's.
    assert len(seen) <= 2, "\n".join(s[:120] for s in seen)
    assert not [s for s in seen if s.startswith(HEAD)]
    assert page.household == workspace.household
    harm = page.cells[Cell.HARM].model.rows()
    assert [i.text for i in harm] == ["Blauwe plek", "Vader schreeuwt"]
    assert [s.who for s in harm[0].stances] == ["Sanne"] and harm[1].stances == ()
    # A dialog's members: the window's too, not read again.
    with statements_sent(ctx.database, "SELECT") as asked:
        assert [p.first_name for p in page.detail.persons] == ["Sanne"]
    assert asked == []


def test_a_change_of_the_case_reaches_the_map_through_its_window(ctx, case, qtbot) -> None:
    _mapped(ctx, case)
    workspace = _workspace(ctx, case, qtbot)
    workspace.show_page(FRAMEWORK)
    page = workspace.framework.page.map
    qtbot.waitUntil(page.isVisible)  # shown on the next turn of the event loop
    ctx.run(households.update_case, case.id, {"name": "Gezin Yilmaz"})
    assert page.household.name == "Gezin Yilmaz" and page.case_open
    ctx.run(members.add_person, case.id, {"first_name": "Daan", "role": "child"})
    assert [p.first_name for p in page.detail.persons] == ["Sanne", "Daan"]
    ctx.run(households.close_case, case.id, "Doelen bereikt")
    assert not page.case_open and not page.editable  # closed: the map reads as a record
    assert not page.cells[Cell.HARM].add_line.isVisible()


def test_a_map_of_a_case_gone_from_its_window_reads_the_case_itself(ctx, case, qtbot) -> None:
    """No case in the window (it was removed, or the page stands alone): the map reads the
    head, as before, and says the case is not there."""
    _mapped(ctx, case)
    workspace = _workspace(ctx, case, qtbot)
    workspace.show_page(FRAMEWORK)
    page = workspace.framework.page.map
    workspace.detail = None  # as after the case was removed (`_show_gone`)
    with statements_sent(ctx.database, "SELECT") as seen:
        page.reload()
    assert [s for s in seen if s.startswith(HEAD)]
