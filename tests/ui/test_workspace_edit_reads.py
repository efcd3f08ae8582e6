"""One edit of the household as felt (issue 20): the service reads the case and its manager
once, and the parts of the overview that follow only whether the case is open take its status
from the workspace's own read instead of reading it again."""

from __future__ import annotations

from sqlalchemy import event

from jeugdtool.cases import households
from jeugdtool.cases.vocab import CaseStatus

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
    # The service (the case and its manager in one) and the workspace's read of the head; in
    # all: the service's 8 (its transaction, the search keys, the audit) and the workspace's 2.
    assert len(heads) == 2, "\n".join(s[:150] for s in seen)
    assert len(seen) == 10, "\n".join(s[:150] for s in seen)
    assert workspace.title.text().endswith("Gezin Yilmaz")
    ctx.run(households.close_case, case.id, "Doelen bereikt")  # the status moved: still seen
    qtbot.waitUntil(lambda: overview.plan_status._status is CaseStatus.CLOSED)
