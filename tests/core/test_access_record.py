"""Logging an access (`cases.access.record`): one INSERT that takes the case number from the
case itself, no read of its own first (a round trip fewer on every open of a case)."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy import select

from jeugdtool.cases import access
from jeugdtool.store.access_log import AccessAction
from jeugdtool.store.access_log import AccessLogEntry

pytestmark = pytest.mark.both_backends


def _logged(uow) -> list[tuple[int | None, str | None, str]]:
    with uow:
        rows = uow.session.execute(
            select(
                AccessLogEntry.case_id, AccessLogEntry.case_number, AccessLogEntry.action
            ).order_by(AccessLogEntry.id)
        )
        return [tuple(r) for r in rows]


def test_an_access_is_logged_with_the_case_number_in_one_statement(db, uow, case) -> None:
    sent: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:
        sent.append(statement.split(None, 1)[0].upper())

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        access.record(uow, AccessAction.OPEN, case.id)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert [s for s in sent if s in ("SELECT", "INSERT", "UPDATE")] == ["INSERT"]
    assert _logged(uow)[-1] == (case.id, case.case_number, "open")


def test_an_access_without_a_case_or_to_a_missing_one_has_no_number(uow, case) -> None:
    access.record(uow, AccessAction.EXPORT, None, detail="alles")
    assert _logged(uow)[-1] == (None, None, "export")
    access.record(uow, AccessAction.OPEN, case.id + 1000)
    assert _logged(uow)[-1] == (case.id + 1000, None, "open")
