"""Undo commands of the structured closing: close, reopen, the family's experience, new starts.

Each calls the outcomes services (`jeugdtool.outcomes.closing`) and never touches a widget;
undo passes what it expects to find, so it never overwrites what a colleague did since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.outcomes import closing
from jeugdtool.outcomes.closing_rules import ClosingInput
from jeugdtool.outcomes.dto import ClosingDTO
from jeugdtool.outcomes.dto import NewStartDTO
from jeugdtool.outcomes.dto import Reopened
from jeugdtool.store.snapshot import Snapshot

from jeugdtool.ui import commands as c
from jeugdtool.ui.context import AppContext

EXPERIENCES = c.RowServices.named(closing, "experience")

CLOSE_CASE = N_("Close case")
REOPEN_CASE = N_("Reopen case")


class CloseCaseCommand(c.ServiceCommand):
    """Close the case with its structured closing; undo takes the closing away and opens the
    case again (no new start: the closing never happened), redo puts the same closing back."""

    def __init__(self, ctx: AppContext, case_id: int, data: ClosingInput):
        super().__init__(ctx, case_id, _(CLOSE_CASE))
        #: What the dialog said.
        self.data = data
        #: The closing as saved (or put back by redo): what undo expects to find.
        self.closing: ClosingDTO | None = None
        #: What undo took away, for redo to put back with its ids.
        self.taken: Snapshot | None = None

    def first(self) -> None:
        self.closing = self.ctx.run(closing.close_case, self.case_id, self.data)

    def replay(self) -> None:
        self.closing = self.ctx.run(closing.redo_close, self.taken)

    def revert(self) -> None:
        assert self.closing is not None
        self.taken = self.ctx.run(closing.undo_close, self.closing.id, expected=self.closing)


class ReopenCaseCommand(c.ServiceCommand):
    """Reopen a closed (or archived) case on a date: the closing keeps that date and a new start
    is recorded; undo takes both back, so the case is closed (or archived) as before."""

    def __init__(self, ctx: AppContext, case_id: int, on: dt.date | None = None):
        super().__init__(ctx, case_id, _(REOPEN_CASE))
        self.on = on
        #: What the reopening did (its new start is what undo expects to find).
        self.reopened: Reopened | None = None

    def replay(self) -> None:
        self.reopened = self.ctx.run(closing.reopen_case, self.case_id, on=self.on)

    def revert(self) -> None:
        assert self.reopened is not None
        start = self.reopened.new_start
        self.ctx.run(
            closing.undo_reopen,
            start.id,
            expected=start,
            status=self.reopened.previous_status,
        )


class AddExperienceCommand(c.AddRowCommand):
    """Record one family member's experience at the case's closing."""

    def __init__(self, ctx: AppContext, case_id: int, closing_id: int, fields: Mapping[str, Any]):
        text = _("Record the family's experience")
        super().__init__(ctx, case_id, closing_id, EXPERIENCES, fields, text)


class EditExperienceCommand(c.EditRowCommand):
    """Change one family member's recorded experience."""

    def __init__(self, ctx: AppContext, case_id: int, before: Any, changes: Mapping[str, Any]):
        text = _("Change the family's experience")
        super().__init__(ctx, case_id, EXPERIENCES, before, changes, text)


class RemoveExperienceCommand(c.RemoveRowCommand):
    """Remove one family member's recorded experience; undo puts it back."""

    def __init__(self, ctx: AppContext, case_id: int, dto: Any):
        super().__init__(ctx, case_id, EXPERIENCES, dto, _("Remove the family's experience"))


class AddChildCommand(c.AddPersonCommand):
    """Add a child who had help before in another case, with the new start of help for them:
    one undo step takes both away (the new start first), redo puts both back."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        fields: Mapping[str, Any],
        previous_closing_id: int,
        started_on: dt.date,
    ):
        super().__init__(ctx, case_id, fields)
        self.previous_closing_id, self.started_on = previous_closing_id, started_on
        #: The new start as recorded (or put back): what undo expects to find.
        self.new_start: NewStartDTO | None = None
        self._taken_start: Snapshot | None = None

    def first(self) -> None:
        super().first()
        try:
            self.new_start = self.ctx.run(
                closing.record_new_start,
                self.case_id,
                person_id=self.dto.id,
                previous_closing_id=self.previous_closing_id,
                started_on=self.started_on,
            )
        except Exception:
            self._take_away()  # half a step is no step: the child goes again
            raise

    def replay(self) -> None:
        super().replay()
        self.new_start = self.ctx.run(closing.restore_new_start, self._taken_start)

    def revert(self) -> None:
        assert self.new_start is not None
        self._taken_start = self.ctx.run(
            closing.remove_new_start, self.new_start.id, expected=self.new_start
        )
        try:
            super().revert()
        except Exception:
            # The child stays (a colleague's work refers to them): so does their new start.
            self.new_start = self.ctx.run(closing.restore_new_start, self._taken_start)
            raise
