"""Undo commands for the safety plan: drafts, the plan's own sections, agreements, acceptance.

Each calls the plan services only (see `ui/commands.py` for how `execute` and a failed
undo/redo behave). Finalising is deliberately not a command: a finalised version cannot be
undone. A removal keeps the row as the user saw it (its text, and what the next step expects)
and the snapshot the service returned; undo hands that snapshot to the `restore_*` service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.plan_dto import PlanVersionDTO
from jeugdtool.framework.plan_rules import same_people
from jeugdtool.framework.plan_rules import same_person
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.i18n import N_
from jeugdtool.i18n import _
from jeugdtool.store.snapshot import Snapshot

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import AddRowCommand
from jeugdtool.ui.commands import EditRowCommand
from jeugdtool.ui.commands import QuickFieldCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.commands import RemoveRowCommand as RemoveRowCommand  # the plan's name too
from jeugdtool.ui.commands import RowServices
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.context import AppContext

#: Command id for merging quick successive edits of one plan field.
EDIT_PLAN_ID = 1401

#: What undo shows for an edit of each of the plan's own fields.
PLAN_EDIT_TEXTS: dict[str, str] = {
    "children_told": N_("Change how the children are told"),
    "review_schedule": N_("Change review schedule"),
    "next_review_on": N_("Change next review date"),
    "when_not_kept": N_("Change what happens when an agreement is not kept"),
}

Acceptance = tuple[bool | None, dt.date | None, AcceptedHow | None]


def find_party(agreement: AgreementDTO, source: Source) -> PartyDTO | None:
    return next((p for p in agreement.parties if same_person(p.source, source)), None)


def _acceptance(party: PartyDTO) -> Acceptance:
    return party.accepted, party.accepted_on, party.accepted_how


def _expected(state: Acceptance) -> dict[str, Any]:
    """An acceptance as `record_acceptance(expected=…)` compares it."""
    return dict(zip(("accepted", "accepted_on", "accepted_how"), state, strict=True))


class StartDraftCommand(ServiceCommand):
    """A new draft (a copy of the newest version); undo removes it, redo puts it back as it was."""

    def __init__(self, ctx: AppContext, case_id: int):
        super().__init__(ctx, case_id, _("Start a new draft of the safety plan"))
        self.dto: PlanVersionDTO | None = None
        self.snapshot: Snapshot | None = None
        #: False when a draft already existed (then undo must not remove it).
        self.created = False

    def first(self) -> None:
        before = plans.list_versions(self.ctx.uow, self.case_id)
        self.dto = self.ctx.run(plans.start_draft, self.case_id)
        self.created = not before or before[-1].id != self.dto.id
        if self.created:
            self.snapshot = plans.draft_snapshot(self.ctx.uow, self.dto.id)

    def replay(self) -> None:
        if self.created and self.snapshot is not None:
            self.dto = self.ctx.run(plans.restore_draft, self.snapshot)

    def revert(self) -> None:
        # Anything a colleague changed in the new draft refuses the undo.
        if self.created and self.dto is not None:
            self.snapshot = self.ctx.run(plans.delete_draft, self.dto.id, expected=self.snapshot)


class EditPlanCommand(QuickFieldCommand):
    """One of the plan's own fields; quick successive edits of one field merge."""

    MERGE_ID = EDIT_PLAN_ID
    ROW_KIND = "plan"

    def __init__(self, ctx: AppContext, before: PlanVersionDTO, field: str, new: Any):
        text, old = _(PLAN_EDIT_TEXTS[field]), getattr(before, field)
        service = plans.update_plan
        super().__init__(ctx, before.household_id, text, service, before.id, field, old, new)


class EditAgreementCommand(ServiceCommand):
    """Change the fields (and people) of an agreement that differ from `before`.

    A change of what is agreed clears everyone's acceptance (a service rule); undo puts the
    acceptances recorded before the change back.
    """

    def __init__(
        self, ctx: AppContext, case_id: int, before: AgreementDTO, changes: Mapping[str, Any]
    ):
        super().__init__(ctx, case_id, _("Change agreement"))
        self.before = before
        self.agreement_id = before.id
        self.new = {
            k: value
            for k, value in changes.items()
            if k != "parties" and getattr(before, k) != value
        }
        self.old = {k: getattr(before, k) for k in self.new}
        old_people = tuple(p.source for p in before.parties)
        new_people = tuple(changes.get("parties", old_people))
        self.people: tuple[tuple[Source, ...], tuple[Source, ...]] | None = None
        if not same_people(old_people, new_people):
            self.people = (old_people, new_people)
        #: The people named with their acceptance, as the last step left them: the next step
        #: expects them (an acceptance a colleague recorded meanwhile refuses it).
        self.parties: tuple[PartyDTO, ...] = before.parties

    @property
    def changes_anything(self) -> bool:
        return bool(self.new) or self.people is not None

    def _update(
        self, values: Mapping[str, Any], people_index: int, seen: Mapping[str, Any]
    ) -> AgreementDTO:
        """Write `values` (and the people) where the agreement is still as `seen`."""
        changes = dict(values)
        if self.people is not None:
            changes["parties"] = self.people[people_index]
        expected = {**seen, "parties": self.parties}
        dto: AgreementDTO = self.ctx.run(
            plans.update_agreement, self.agreement_id, changes, expected=expected
        )
        return dto

    def replay(self) -> None:
        dto = self._update(self.new, 1, self.old)
        self.new = {k: getattr(dto, k) for k in self.new}  # as stored, which undo expects
        self.parties = dto.parties

    def revert(self) -> None:
        dto = self._update(self.old, 0, self.new)
        for party in self.before.parties:
            now = find_party(dto, party.source)
            if (
                now is not None
                and party.accepted is not None
                and _acceptance(now) != _acceptance(party)
            ):
                dto = self.ctx.run(
                    plans.record_acceptance,
                    now.id,
                    party.accepted,
                    on=party.accepted_on,
                    how=party.accepted_how,
                    expected=_expected(_acceptance(now)),
                )
        self.parties = dto.parties


class RecordAcceptanceCommand(ServiceCommand):
    """Whether, when and how one named person accepted an agreement; undo puts back what was.

    The person is found by who they are at every step, so the command still applies after an
    undone and redone change of the people an agreement names.
    """

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        agreement: AgreementDTO,
        party: PartyDTO,
        accepted: bool | None,
        on: dt.date | None = None,
        how: AcceptedHow | None = None,
    ):
        super().__init__(
            ctx, case_id, _("Record acceptance of {name}").format(name=party.source.label)
        )
        self.agreement_id, self.version_id = agreement.id, agreement.plan_version_id
        self.source = party.source
        self.old: Acceptance = _acceptance(party)
        self.new: Acceptance = (accepted, on, how if accepted is not None else None)

    def _party_id(self) -> int:
        detail = plans.get_plan(self.ctx.uow, self.version_id)
        agreement = next((a for a in detail.agreements if a.id == self.agreement_id), None)
        party = find_party(agreement, self.source) if agreement is not None else None
        if party is None:
            raise InvalidInput(
                Problem(
                    "accepted",
                    _("{name} is no longer named in this agreement.").format(
                        name=self.source.label
                    ),
                )
            )
        return party.id

    def _record(self, state: Acceptance, expected: Acceptance) -> Acceptance:
        """Record `state` if the acceptance is still `expected`; returns it as stored."""
        accepted, on, how = state
        party_id = self._party_id()
        dto = self.ctx.run(
            plans.record_acceptance,
            party_id,
            accepted,
            on=on,
            how=how,
            expected=_expected(expected),
        )
        return _acceptance(next(p for p in dto.parties if p.id == party_id))

    def replay(self) -> None:
        self.new = self._record(self.new, self.old)  # as stored (today's date filled in)

    def revert(self) -> None:
        self._record(self.old, self.new)


# ---- rows added and removed: agreements, the safety network, red flags, the family's goals ----


class AddAgreementCommand(AddCommand):
    """Add an agreement at the end of a draft; undo removes it as added, redo puts it back."""

    remove = staticmethod(plans.remove_agreement)
    restore = staticmethod(plans.restore_agreement)

    def __init__(self, ctx: AppContext, case_id: int, version_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, case_id, _("Add agreement"))
        self.version_id, self.fields = version_id, dict(fields)

    def first(self) -> None:
        self.dto = self.ctx.run(plans.add_agreement, self.version_id, self.fields)


class RemoveAgreementCommand(RemoveCommand):
    """Remove an agreement; undo puts it back with its id, people and acceptances."""

    remove = staticmethod(plans.remove_agreement)
    restore = staticmethod(plans.restore_agreement)

    def __init__(self, ctx: AppContext, case_id: int, dto: AgreementDTO):
        super().__init__(ctx, case_id, dto, _("Remove agreement"))


NetworkRoles = RowServices.named(plan_sections, "network_role")
RedFlags = RowServices.named(plan_sections, "red_flag")
FamilyGoals = RowServices.named(plan_sections, "family_goal")

#: The plan's names for the row commands (someone in the safety network, a red flag).
AddSectionRowCommand = AddRowCommand
EditSectionRowCommand = EditRowCommand


class MoveSectionRowCommand(ServiceCommand):
    """Move someone in the safety network, a red flag or a goal of the family's own from one
    place to another (1-based); `move` is `plan_sections.move_network_role`, `move_red_flag` or
    `move_family_goal`."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        move: Callable[..., Any],
        row_id: int,
        old: int,
        new: int,
        text: str,
    ):
        super().__init__(ctx, case_id, text)
        self.move, self.row_id, self.old, self.new = move, row_id, old, new
        #: Where the last step left the row (None before the first): what the next expects,
        #: so a colleague's later reordering is not undone.
        self.left: dict[str, int] | None = None

    def _move(self, position: int) -> None:
        dto = self.ctx.run(self.move, self.row_id, position, expected=self.left)
        self.left = {"position": dto.position}

    def replay(self) -> None:
        self._move(self.new)

    def revert(self) -> None:
        self._move(self.old)
