"""Undo commands of the structured closing: close, reopen, the family's experience, new starts.

Each calls the outcomes services (`jeugdtool.outcomes.closing`) and never touches a widget;
undo passes what it expects to find, so it never overwrites what a colleague did since.
"""

from __future__ import annotations

import abc
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


class CloseCaseCommand(c.AddCommand):
    """Close the case with its structured closing; undo takes the closing away and opens the
    case again (no new start: the closing never happened), redo puts the same closing back."""

    remove = staticmethod(closing.undo_close)
    restore = staticmethod(closing.redo_close)

    def __init__(self, ctx: AppContext, case_id: int, data: ClosingInput):
        super().__init__(ctx, case_id, _(CLOSE_CASE))
        #: What the dialog said.
        self.data = data

    def first(self) -> None:
        self.dto = self.ctx.run(closing.close_case, self.case_id, self.data)

    @property
    def closing(self) -> ClosingDTO | None:
        """The closing as saved (or put back by redo): what undo expects to find."""
        return self.dto


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


class NewStartStep:
    """Records, takes away and puts back one confirmed new start of help for a child: the
    part the commands that record one share (`AddChildCommand`, new_start.py's)."""

    def __init__(self, ctx: AppContext, case_id: int, closing_id: int, started_on: dt.date):
        self.ctx, self.case_id = ctx, case_id
        self.closing_id, self.started_on = closing_id, started_on
        #: The new start as recorded (or put back): what undo expects to find.
        self.new_start: NewStartDTO | None = None
        self.taken: Snapshot | None = None

    def record(self, person_id: int) -> None:
        self.new_start = self.ctx.run(
            closing.record_new_start,
            self.case_id,
            person_id=person_id,
            previous_closing_id=self.closing_id,
            started_on=self.started_on,
        )

    def take_away(self) -> None:
        assert self.new_start is not None
        self.taken = self.ctx.run(
            closing.remove_new_start, self.new_start.id, expected=self.new_start
        )

    def put_back(self) -> None:
        self.new_start = self.ctx.run(closing.restore_new_start, self.taken)


class WithNewStart(c.ServiceCommand):
    """Put before the command that adds or changes a household member (`AddChildCommand`,
    new_start.py's `EditChildCommand`): the same undo step records a new start of help for
    them (`step`); undo takes it away before the member's step, redo puts it back after. Half
    a step is no step: what fails halfway is taken back.

    `child_id` is abstract. `ABCMeta` cannot be mixed with Shiboken's metaclass (and a combined
    one would not refuse to build an abstract class: Shiboken creates the object), so a class
    that leaves it out is refused when it is defined."""

    step: NewStartStep

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls.child_id, "__isabstractmethod__", False):
            raise TypeError(f"{cls.__name__} must define child_id (WithNewStart)")

    @property
    def new_start(self) -> NewStartDTO | None:
        return self.step.new_start

    @abc.abstractmethod
    def child_id(self) -> int:
        """The member the new start is for (known once `own_first` has run)."""

    def own_first(self) -> None:
        """The member's own step, done the first time."""
        super().first()

    def own_replay(self) -> None:
        super().replay()

    def own_revert(self) -> None:
        super().revert()

    def first(self) -> None:
        self.own_first()
        try:
            self.step.record(self.child_id())
        except Exception:
            self.own_revert()
            raise

    def replay(self) -> None:
        self.own_replay()
        self.step.put_back()

    def revert(self) -> None:
        self.step.take_away()
        try:
            self.own_revert()
        except Exception:
            # The member's step stays (a colleague's work refers to them, or changed them
            # since): so does the new start.
            self.step.put_back()
            raise


class AddChildCommand(WithNewStart, c.AddPersonCommand):
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
        self.step = NewStartStep(ctx, case_id, previous_closing_id, started_on)

    def child_id(self) -> int:
        return int(self.dto.id)
