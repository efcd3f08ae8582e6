"""Undo and redo of a privacy request's registration and decision, back and forth: the
request comes back with its id and its decision, and the next step still fits."""

from __future__ import annotations

import datetime as dt

from jeugdtool.cases import privacy
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus

from jeugdtool.ui.commands import execute
from jeugdtool.ui.privacy_request_commands import DecideRequestCommand
from jeugdtool.ui.privacy_request_commands import RegisterRequestCommand

JAN = dt.date(2026, 1, 12)


def _requests(ctx, case) -> list[tuple[int, str]]:
    return [(r.id, r.status) for r in privacy.list_requests(ctx.uow, case.id)]


def test_a_registration_and_its_decision_undone_and_redone_twice(ctx, case, fake_dialogs) -> None:
    register = RegisterRequestCommand(ctx, case.id, RequestKind.DESTRUCTION, JAN, "moeder")
    execute(ctx, register)
    assert register.row is not None
    request_id = register.row.id
    decide = DecideRequestCommand(ctx, register.row, RequestStatus.GRANTED, JAN, "Vernietigd")
    execute(ctx, decide)
    for _round in range(2):
        ctx.undo_stack.undo()
        assert _requests(ctx, case) == [(request_id, RequestStatus.OPEN)]
        ctx.undo_stack.undo()
        assert _requests(ctx, case) == []
        ctx.undo_stack.redo()
        assert _requests(ctx, case) == [(request_id, RequestStatus.OPEN)]
        ctx.undo_stack.redo()
        assert _requests(ctx, case) == [(request_id, RequestStatus.GRANTED)]
    assert fake_dialogs.errors == []


def test_undoing_a_decided_registration_brings_it_back_decided(ctx, case, fake_dialogs) -> None:
    """Redo of a registration whose decision came later puts back the request as it was
    undone: open; the decision's own redo decides it again."""
    register = RegisterRequestCommand(ctx, case.id, RequestKind.ACCESS, JAN, "vader", "verslag")
    execute(ctx, register)
    ctx.undo_stack.undo()
    ctx.undo_stack.redo()
    (back,) = privacy.list_requests(ctx.uow, case.id)
    assert (back.id, back.requested_by, back.subject) == (register.row.id, "vader", "verslag")
    assert fake_dialogs.errors == []
