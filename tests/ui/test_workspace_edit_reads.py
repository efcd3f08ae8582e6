"""One edit of the household as felt (issue 20): the service reads the case and its manager
once, the workspace shows the case as the service returned it, and the parts of the overview
that follow only whether the case is open take its status from there instead of reading it
again; a colleague's change is still read."""

from __future__ import annotations

from sqlalchemy import event

from jeugdtool.cases import households
from jeugdtool.cases import queries
from jeugdtool.cases.vocab import CaseStatus
from jeugdtool.store.changes import ChangeSet

from jeugdtool.ui.workspace.workspace import CaseWorkspace


def _statements(ctx, action) -> list[str]:
    seen: list[str] = []

    def record(_conn, _cursor, statement: str, *_args) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(ctx.database.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(ctx.database.engine, "before_cursor_execute", record)
    return seen


def test_renaming_the_family_reads_the_case_once_per_reader(ctx, case, qtbot):
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.resize(1300, 760)
    workspace.show()
    qtbot.waitExposed(workspace)
    overview = workspace.overview
    qtbot.wait(50)  # what loads just after the first paint
    ctx.run(households.update_case, case.id, {"name": "Gezin Jansen-Smit"})  # parts learn
    seen = _statements(
        ctx, lambda: ctx.run(households.update_case, case.id, {"name": "Gezin Yilmaz"})
    )
    assert not [s for s in seen if s.startswith("SELECT households.status FROM")]
    heads = [
        s
        for s in seen
        if s.startswith(
            "SELECT households.id, households.case_number, households.name, households.mode"
        )
    ]
    # The service's read (the case and its manager in one) only: the workspace shows the case
    # as the service returned it. In all the service's 6: its transaction, the head, the
    # members' names for the search keys (written with the name), the audit, the last change.
    assert len(heads) == 1, "\n".join(s[:150] for s in seen)
    assert len(seen) == 6, "\n".join(s[:150] for s in seen)
    assert workspace.title.text().endswith("Gezin Yilmaz")
    ctx.run(households.close_case, case.id, "Doelen bereikt")  # the status moved: still seen
    qtbot.waitUntil(lambda: overview.plan_status._status is CaseStatus.CLOSED)


def _shown(ctx, case, qtbot) -> CaseWorkspace:
    workspace = CaseWorkspace(ctx, case.id)
    qtbot.addWidget(workspace)
    workspace.show()
    qtbot.waitExposed(workspace)
    return workspace


def test_every_window_of_the_case_follows_and_a_colleagues_change_is_read(ctx, case, qtbot):
    tab, side = _shown(ctx, case, qtbot), _shown(ctx, case, qtbot)
    seen = _statements(
        ctx, lambda: ctx.run(households.update_case, case.id, {"name": "Gezin Yilmaz"})
    )
    assert sum(s.startswith("SELECT households.id") for s in seen) == 1
    for workspace in (tab, side):
        assert workspace.title.text().endswith("Gezin Yilmaz")
        assert workspace.household == queries.get_household(ctx.uow, case.id)
    # A colleague's change (team mode) is told without the case: each window reads it.
    other = ctx.uow.sibling()
    households.update_case(other, case.id, {"name": "Gezin Bakker"})
    seen = _statements(
        ctx,
        lambda: ctx.signals.emit_changes(ChangeSet(frozenset({"household"}), frozenset({case.id}))),
    )
    assert sum(s.startswith("SELECT households.id") for s in seen) == 2
    assert tab.title.text().endswith("Gezin Bakker") and side.title.text().endswith("Gezin Bakker")
