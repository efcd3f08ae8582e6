"""Undo commands of the network meeting (netwerkberaad), one per step of the sitting: record
the meeting (date, place, who came, who chaired), change what was shared and decided, the scale
round, the acceptance of the draft plan's agreements, and a review of the finalised plan.

Each step is saved through the core when the consultant goes on (dossier/network_meetings.py);
each is undone on its own, and never over a colleague's later change: undo and redo expect the
rows as this command left them (ConflictError otherwise, shown as "someone else changed this").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from jeugdtool.dossier import network_meetings as nm
from jeugdtool.dossier.network_dto import MeetingDetail
from jeugdtool.dossier.network_dto import MeetingDTO
from jeugdtool.dossier.network_dto import MeetingInput
from jeugdtool.dossier.network_dto import RoundScore
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework.plan_dto import PartyDTO
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.i18n import _
from jeugdtool.store.snapshot import Snapshot

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import RemoveCommand
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import SwapCommand
from jeugdtool.ui.context import AppContext
from jeugdtool.ui.plan.reviews import ReviewAdding


def meeting_of(found: MeetingDetail | MeetingDTO) -> MeetingDTO:
    """The meeting row itself (what undo and redo expect), of what a service returned."""
    return found.meeting if isinstance(found, MeetingDetail) else found


class _MeetingRemoval:
    """Keeps the meeting row (not the detail around it) as the row last seen."""

    dto: Any
    ctx: AppContext
    taken: Snapshot | None

    def _put_back(self) -> None:
        self.dto = meeting_of(self.ctx.run(nm.restore_meeting, self.taken))


class RecordMeetingCommand(_MeetingRemoval, AddCommand):
    """Record a network meeting (with its journal entry); undo removes it only as recorded."""

    remove = staticmethod(nm.remove_meeting)
    restore = staticmethod(nm.restore_meeting)

    def __init__(self, ctx: AppContext, case_id: int, data: MeetingInput, author: Any = None):
        super().__init__(ctx, case_id, _("Record network meeting"))
        self.data, self.author = data, author

    def first(self) -> None:
        found = self.ctx.run(nm.record_meeting, self.case_id, self.data, author=self.author)
        self.dto = meeting_of(found)


class EditMeetingCommand(ServiceCommand):
    """Change a meeting (who came, what was shared, what was decided): redo expects it as it
    was before, undo as this command saved it."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        before: MeetingDTO,
        old: MeetingInput,
        new: MeetingInput,
    ):
        super().__init__(ctx, case_id, _("Change network meeting"))
        self.meeting_id = before.id
        self.old, self.new = old, new
        self.before: Any = before
        self.after: Any = None

    def replay(self) -> None:
        found = self.ctx.run(nm.update_meeting, self.meeting_id, self.new, expected=self.before)
        self.after = meeting_of(found)

    def revert(self) -> None:
        found = self.ctx.run(nm.update_meeting, self.meeting_id, self.old, expected=self.after)
        self.before = meeting_of(found)


class RemoveMeetingCommand(_MeetingRemoval, RemoveCommand):
    """Remove a meeting recorded by mistake; undo puts it back with all it took."""

    remove = staticmethod(nm.remove_meeting)
    restore = staticmethod(nm.restore_meeting)

    def __init__(self, ctx: AppContext, meeting: MeetingDTO):
        super().__init__(ctx, meeting.household_id, meeting, _("Remove network meeting"))


class ScoreRoundCommand(ServiceCommand):
    """The scale round of a meeting: every attendee's score at once. Undo removes the scores
    only as given (all or none), redo puts them back with their ids."""

    def __init__(
        self, ctx: AppContext, case_id: int, meeting_id: int, scores: Sequence[RoundScore]
    ):
        super().__init__(ctx, case_id, _("Scale round of the network meeting"))
        self.meeting_id, self.scores = meeting_id, tuple(scores)
        self.saved: list[ScoreDTO] = []
        self.taken: list[Snapshot] = []

    def first(self) -> None:
        self.saved = list(self.ctx.run(nm.score_round, self.meeting_id, self.scores))

    def replay(self) -> None:
        self.saved = list(self.ctx.run(scale.restore_scores, self.taken))

    def revert(self) -> None:
        # All the round's scores at once: a colleague's change to one leaves every one in place.
        self.taken = list(self.ctx.run(scale.remove_scores, self.saved))


def _acceptance(party: PartyDTO) -> dict[str, Any]:
    how = party.accepted_how.value if party.accepted_how is not None else None
    return {"accepted": party.accepted, "accepted_on": party.accepted_on, "accepted_how": how}


class AcceptInMeetingCommand(SwapCommand):
    """Who accepted which agreement of the draft plan at the meeting. `before` are the parties
    as shown; undo puts each back as it was, expecting what the meeting recorded."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        meeting_id: int,
        held_on: dt.date,
        before: Sequence[PartyDTO],
        answers: Sequence[tuple[int, bool | None]],
    ):
        super().__init__(ctx, case_id, _("Acceptance at the network meeting"))
        self.meeting_id, self.held_on = meeting_id, held_on
        self.answers = tuple(answers)
        asked = {party_id for party_id, _answer in self.answers}
        self.old = {p.id: _acceptance(p) for p in before if p.id in asked}
        self.new: dict[int, dict[str, Any]] = {}

    def first(self) -> None:
        self.ctx.run(nm.accept_in_meeting, self.meeting_id, self.answers)
        self.new = {}
        for party_id, answer in self.answers:
            how = AcceptedHow.MEETING.value if answer is not None else None
            on = self.held_on if answer is not None else None
            self.new[party_id] = {"accepted": answer, "accepted_on": on, "accepted_how": how}

    def apply(self, values: dict[int, dict[str, Any]], expected: dict[int, dict[str, Any]]) -> Any:
        # Every person's answer at once: a colleague's answer to one leaves all as they are.
        changes = [
            (party_id, s["accepted"], s["accepted_on"], s["accepted_how"], expected[party_id])
            for party_id, s in values.items()
        ]
        return self.ctx.run(plans.record_acceptances, changes)


class ReviewInMeetingCommand(ReviewAdding):
    """A review of the finalised plan held in the meeting, with its goal judgements."""

    def __init__(
        self,
        ctx: AppContext,
        case_id: int,
        meeting_id: int,
        version_id: int,
        note: str,
        results: Sequence[Any],
        judgements: Sequence[Any],
    ):
        text, record = _("Plan review at the network meeting"), nm.review_in_meeting
        arguments = (meeting_id, version_id, note, tuple(results), tuple(judgements))
        super().__init__(ctx, case_id, text, record, *arguments)
