"""Undo commands for the family's privacy requests: registering one, and deciding one.

Undo of a registration removes exactly the request as it was registered (cases/privacy.py
`remove_request` refuses when it changed meanwhile) and redo puts it back with its own id
(`restore_request`); undo of a decision opens the request again, redo decides it again. Each
step passes the version it last saw, so undo never overwrites a colleague's later change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any
from typing import TypeVar

from jeugdtool.cases import privacy
from jeugdtool.cases.privacy import RequestDTO
from jeugdtool.cases.privacy import RequestKind
from jeugdtool.cases.privacy import RequestStatus
from jeugdtool.i18n import _
from jeugdtool.store.changes import Outcome
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.context import AppContext

T = TypeVar("T")


def as_operation(service: Callable[..., T]) -> Callable[..., Outcome[T]]:
    """`service` as `AppContext.run` wants it: its value with what the action changed (the
    privacy services return their value only; the unit of work keeps the change set)."""

    def operation(uow: UnitOfWork, *args: Any, **kwargs: Any) -> Outcome[T]:
        value = service(uow, *args, **kwargs)
        return Outcome(value, uow.changes)

    return operation


class RegisterRequestCommand(ServiceCommand):
    """Register a request; undo removes it again."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        kind: RequestKind,
        received_on: dt.date,
        requested_by: str,
        subject: str = "",
    ):
        super().__init__(ctx, case_id, _("Register privacy request"))
        self.kind, self.received_on = kind, received_on
        self.requested_by, self.subject = requested_by, subject
        #: The request as registered (or put back by redo); what undo removes.
        self.row: RequestDTO | None = None
        #: The request as undo removed it; what redo puts back.
        self.snapshot: Snapshot | None = None

    def first(self) -> None:
        self.row = self.ctx.run(
            as_operation(privacy.register_request),
            self.case_id,
            self.kind,
            self.received_on,
            self.requested_by,
            self.subject,
        )

    def replay(self) -> None:
        self.row = self.ctx.run(as_operation(privacy.restore_request), self.snapshot)

    def revert(self) -> None:
        assert self.row is not None
        self.snapshot = self.ctx.run(
            as_operation(privacy.remove_request), self.row.id, expected=self.row
        )


class DecideRequestCommand(ServiceCommand):
    """Record the decision on an open request; undo opens it again."""

    def __init__(
        self,
        ctx: AppContext,
        request: RequestDTO,
        status: RequestStatus,
        decided_on: dt.date,
        outcome: str,
        grounds: Sequence[str] = (),
    ):
        super().__init__(ctx, request.household_id, _("Decide privacy request"))
        #: The request as last seen; its version is what the next step expects.
        self.row = request
        self.status, self.decided_on = status, decided_on
        self.outcome, self.grounds = outcome, tuple(grounds)

    def replay(self) -> None:
        self.row = self.ctx.run(
            as_operation(privacy.decide_request),
            self.row.id,
            self.row.version,
            self.status,
            self.decided_on,
            self.outcome,
            self.grounds,
        )

    def revert(self) -> None:
        self.row = self.ctx.run(as_operation(privacy.reopen_request), self.row.id, self.row.version)
