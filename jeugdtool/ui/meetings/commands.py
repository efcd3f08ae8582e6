"""Undo commands for meetings: plan and remove a meeting, correct its fields, participants, the
agenda, the scale round and follow-ups.

Each calls the meeting services only (see `ui/commands.py` for how `execute` and a failed
undo/redo behave). What is removed comes back from the service's snapshot, with the same ids, so
a redo after an undo finds the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from jeugdtool.i18n import _
from jeugdtool.meetings import agenda
from jeugdtool.meetings import meetings
from jeugdtool.meetings.dto import FollowUpDTO
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.meetings.dto import ParticipantDTO
from jeugdtool.meetings.dto import RoundEntry
from jeugdtool.store.changes import ChangeSet
from jeugdtool.store.snapshot import Snapshot

from jeugdtool.ui.commands import AddCommand
from jeugdtool.ui.commands import ServiceCommand
from jeugdtool.ui.commands import VisitFieldCommand
from jeugdtool.ui.context import AppContext

#: Command id for merging the saves of one text field while it is being typed.
EDIT_MEETING_TEXT_ID = 1701

#: Every entity a meeting screen shows.
MEETING_ENTITIES = frozenset(
    {"meeting", "meeting_participant", "meeting_item", "meeting_round_score", "meeting_follow_up"}
)


def refresh_meetings(ctx: AppContext) -> None:
    """Ask every meeting screen to show the latest (after a failed undo or redo)."""
    ctx.signals.emit_changes(ChangeSet(entities=MEETING_ENTITIES))


class MeetingCommand(ServiceCommand):
    """A command on a meeting; `case_id` is the case it concerns, 0 for the meeting itself."""

    def __init__(self, ctx: AppContext, text: str, case_id: int = 0):
        super().__init__(ctx, case_id, text)

    def refresh(self) -> None:
        refresh_meetings(self.ctx)


# ---- meetings -----------------------------------------------------------------------------


class CreateMeetingCommand(MeetingCommand):
    def __init__(self, ctx: AppContext, fields: Mapping[str, Any]):
        super().__init__(ctx, _("New meeting"))
        self.fields = dict(fields)
        self.meeting_id = 0
        #: The meeting as undone; redo puts it back with the same ids.
        self.snapshot: Snapshot | None = None
        #: The meeting as created (or put back by redo): all that undo may remove.
        self.detail: MeetingDetail | None = None

    def first(self) -> None:
        self.detail = self.ctx.run(meetings.create_meeting, self.fields)
        self.meeting_id = self.detail.meeting.id

    def replay(self) -> None:
        self.detail = self.ctx.run(meetings.restore_meeting, self.snapshot)

    def revert(self) -> None:
        # Anything a colleague changed in or added to the meeting refuses the undo.
        self.snapshot = self.ctx.run(meetings.remove_meeting, self.meeting_id, expected=self.detail)


class RemoveMeetingCommand(MeetingCommand):
    def __init__(self, ctx: AppContext, meeting_id: int):
        super().__init__(ctx, _("Remove meeting"))
        self.meeting_id = meeting_id
        self.snapshot: Snapshot | None = None
        #: The meeting as undo put it back: all that redo may remove again.
        self.detail: MeetingDetail | None = None

    def replay(self) -> None:
        self.snapshot = self.ctx.run(meetings.remove_meeting, self.meeting_id, expected=self.detail)

    def revert(self) -> None:
        self.detail = self.ctx.run(meetings.restore_meeting, self.snapshot)


class EditFieldCommand(VisitFieldCommand):
    """Change one field of a meeting, participant, agenda item or follow-up.

    `service(uow, row_id, changes, expected=...)` saves; `stored(result)` reads the field back
    as saved (trimmed), which undo then expects. The saves of one visit to a text field (one
    `visit`) merge into one step.
    """

    MERGE_ID = EDIT_MEETING_TEXT_ID
    ROW_KIND = "meeting-field"

    def __init__(
        self,
        ctx: AppContext,
        service: Callable[..., Any],
        row_id: int,
        field: str,
        old: Any,
        new: Any,
        *,
        text: str,
        stored: Callable[[Any], Any],
        visit: int | None = None,
        case_id: int = 0,
    ):
        super().__init__(ctx, case_id, text, service, row_id, field, old, new, visit)
        self.stored = stored

    def stored_value(self, result: Any) -> Any:
        return self.stored(result)

    def refresh(self) -> None:
        refresh_meetings(self.ctx)


def edit_meeting(
    ctx: AppContext, detail: MeetingDetail, field: str, new: Any, visit: int | None = None
) -> EditFieldCommand:
    texts = {
        "held_on": _("Change date of the meeting"),
        "title": _("Change title of the meeting"),
        "chair": _("Change chair"),
        "hide_names": _("Change 'hide names'"),
        "note": _("Change note on the meeting"),
    }
    return EditFieldCommand(
        ctx,
        meetings.update_meeting,
        detail.meeting.id,
        field,
        getattr(detail.meeting, field),
        new,
        text=texts[field],
        stored=lambda d: getattr(d.meeting, field),
        visit=visit,
    )


def edit_item(
    ctx: AppContext, item: ItemDTO, field: str, new: Any, visit: int | None = None
) -> EditFieldCommand:
    texts = {
        "question": _("Change question about {case}"),
        "notes": _("Change notes on {case}"),
        "advice": _("Change advice on {case}"),
        "decisions": _("Change decisions on {case}"),
        "cheapest_help": _("Change reflection on the cheapest help for {case}"),
    }
    return EditFieldCommand(
        ctx,
        agenda.update_item,
        item.id,
        field,
        getattr(item, field),
        new,
        text=texts[field].format(case=item.case_number),
        stored=lambda d: getattr(d.item(item.id), field),
        visit=visit,
        case_id=item.household_id,
    )


def edit_participant(
    ctx: AppContext, before: ParticipantDTO, field: str, new: Any
) -> EditFieldCommand:
    return EditFieldCommand(
        ctx,
        meetings.update_participant,
        before.id,
        field,
        getattr(before, field),
        new,
        text=_("Change participant {name}").format(name=before.name),
        stored=lambda d: getattr(d, field),
    )


def edit_follow_up(
    ctx: AppContext, before: FollowUpDTO, field: str, new: Any, visit: int | None = None
) -> EditFieldCommand:
    text = _("Follow-up done") if field == "done" and new else _("Change follow-up")
    return EditFieldCommand(
        ctx,
        agenda.update_follow_up,
        before.id,
        field,
        getattr(before, field),
        new,
        text=text,
        stored=lambda d: getattr(d, field),
        visit=visit,
        case_id=before.household_id,
    )


# ---- participants -------------------------------------------------------------------------


class AddParticipantCommand(MeetingCommand, AddCommand):
    """Add a participant; undo removes them only as added (a colleague's correction refuses
    the undo), redo puts them back with the same id."""

    remove = staticmethod(meetings.remove_participant)
    restore = staticmethod(meetings.restore_participant)

    def __init__(self, ctx: AppContext, meeting_id: int, fields: Mapping[str, Any]):
        super().__init__(ctx, _("Add participant"))
        self.meeting_id, self.fields = meeting_id, dict(fields)

    def first(self) -> None:
        self.dto = self.ctx.run(meetings.add_participant, self.meeting_id, self.fields)


class RemoveParticipantCommand(MeetingCommand):
    def __init__(self, ctx: AppContext, dto: ParticipantDTO):
        super().__init__(ctx, _("Remove participant {name}").format(name=dto.name))
        #: The participant as shown or put back by undo: all that redo may remove.
        self.dto = dto
        self.snapshot: Snapshot | None = None

    def replay(self) -> None:
        self.snapshot = self.ctx.run(meetings.remove_participant, self.dto.id, expected=self.dto)

    def revert(self) -> None:
        self.dto = self.ctx.run(meetings.restore_participant, self.snapshot)


# ---- the agenda ---------------------------------------------------------------------------


class RemovesWithSnapshot(MeetingCommand):
    """Undone by removing through `remove(id, expected=…)`; redone by putting the snapshot
    back. `seen` is the row as added or put back: undo removes only that, so a colleague's
    later change refuses it."""

    remove: Callable[..., Any]
    #: The row (its DTO) in the meeting as a service returned it; each kind of row says where.
    seen_in: Callable[[MeetingDetail], Any]
    row_id = 0

    def __init__(self, ctx: AppContext, text: str, case_id: int):
        super().__init__(ctx, text, case_id)
        self.snapshot: Snapshot | None = None
        self.seen: Any = None

    def replay(self) -> None:
        self.seen = self.seen_in(self.ctx.run(agenda.restore, self.snapshot))

    def revert(self) -> None:
        self.snapshot = self.ctx.run(type(self).remove, self.row_id, expected=self.seen)


class AddCaseCommand(RemovesWithSnapshot):
    remove = staticmethod(agenda.remove_item)

    def __init__(self, ctx: AppContext, meeting_id: int, case_id: int, label: str):
        super().__init__(ctx, _("Add {case} to the agenda").format(case=label), case_id)
        self.meeting_id = meeting_id

    def first(self) -> None:
        detail = self.ctx.run(agenda.add_case, self.meeting_id, self.case_id)
        self.row_id = next(i.id for i in detail.items if i.household_id == self.case_id)
        self.seen = self.seen_in(detail)

    def seen_in(self, detail: MeetingDetail) -> ItemDTO:
        return detail.item(self.row_id)


class AddFollowUpCommand(RemovesWithSnapshot):
    remove = staticmethod(agenda.remove_follow_up)

    def __init__(self, ctx: AppContext, item: ItemDTO, fields: Mapping[str, Any]):
        super().__init__(ctx, _("Add follow-up"), item.household_id)
        self.item_id, self.fields = item.id, dict(fields)

    def first(self) -> None:
        self.seen = self.ctx.run(agenda.add_follow_up, self.item_id, self.fields)
        self.row_id = self.seen.id

    def seen_in(self, detail: MeetingDetail) -> FollowUpDTO:
        return _follow_up(detail, self.item_id, self.row_id)


class _RestoresSnapshot(MeetingCommand):
    """Done by removing through `remove(id, expected=…)`; undone by putting the snapshot back.
    `seen` is the row as shown or put back by undo: redo removes only that."""

    remove: Callable[..., Any]
    #: The row (its DTO) in the meeting as a service returned it; each kind of row says where.
    seen_in: Callable[[MeetingDetail], Any]

    def __init__(self, ctx: AppContext, text: str, case_id: int, row_id: int, seen: Any):
        super().__init__(ctx, text, case_id)
        self.row_id, self.seen = row_id, seen
        self.snapshot: Snapshot | None = None

    def replay(self) -> None:
        self.snapshot = self.ctx.run(type(self).remove, self.row_id, expected=self.seen)

    def revert(self) -> None:
        self.seen = self.seen_in(self.ctx.run(agenda.restore, self.snapshot))


class RemoveItemCommand(_RestoresSnapshot):
    remove = staticmethod(agenda.remove_item)

    def __init__(self, ctx: AppContext, item: ItemDTO):
        text = _("Take {case} off the agenda").format(case=item.case_number)
        super().__init__(ctx, text, item.household_id, item.id, item)

    def seen_in(self, detail: MeetingDetail) -> ItemDTO:
        return detail.item(self.row_id)


class RemoveScoreCommand(_RestoresSnapshot):
    remove = staticmethod(agenda.remove_score)

    def __init__(self, ctx: AppContext, item: ItemDTO, entry: RoundEntry):
        text = _("Remove score of {name}").format(name=entry.name)
        super().__init__(ctx, text, item.household_id, entry.id, entry)
        self.item_id = item.id

    def seen_in(self, detail: MeetingDetail) -> RoundEntry:
        return next(e for e in detail.item(self.item_id).round if e.id == self.row_id)


class RemoveFollowUpCommand(_RestoresSnapshot):
    remove = staticmethod(agenda.remove_follow_up)

    def __init__(self, ctx: AppContext, dto: FollowUpDTO):
        super().__init__(ctx, _("Remove follow-up"), dto.household_id, dto.id, dto)
        self.item_id = dto.item_id

    def seen_in(self, detail: MeetingDetail) -> FollowUpDTO:
        return _follow_up(detail, self.item_id, self.row_id)


def _follow_up(detail: MeetingDetail, item_id: int, follow_up_id: int) -> FollowUpDTO:
    return next(f for f in detail.item(item_id).follow_ups if f.id == follow_up_id)


class MoveItemCommand(MeetingCommand):
    """Move an agenda item from one place to another (1-based)."""

    def __init__(self, ctx: AppContext, item: ItemDTO, old: int, new: int):
        super().__init__(ctx, _("Move {case} on the agenda").format(case=item.case_number))
        self.item_id, self.old, self.new = item.id, old, new
        #: Where the last step left the item (None before the first): what the next expects,
        #: so a colleague's later reordering is not undone.
        self.left: dict[str, int] | None = None

    def _move(self, position: int) -> None:
        detail = self.ctx.run(agenda.move_item, self.item_id, position, expected=self.left)
        self.left = {"position": detail.item(self.item_id).position}

    def replay(self) -> None:
        self._move(self.new)

    def revert(self) -> None:
        self._move(self.old)


class RecordScoreCommand(MeetingCommand):
    """A participant's score and reason in the round; undo takes it back (or puts back the
    score it corrected), each step only over what the step before left."""

    def __init__(
        self,
        ctx: AppContext,
        item: ItemDTO,
        participant: ParticipantDTO,
        score: int,
        reason: str,
    ):
        text = _("Score of {name} for {case}").format(name=participant.name, case=item.case_number)
        super().__init__(ctx, text, item.household_id)
        self.meeting_id, self.item_id, self.participant_id = (
            item.meeting_id,
            item.id,
            participant.id,
        )
        self.new = (score, reason)
        # As the service finds it: by participant, or by name after they were put back.
        self.before = next(
            (
                e
                for e in item.round
                if e.participant_id == participant.id
                or (e.participant_id is None and e.name == participant.name)
            ),
            None,
        )
        #: The score as the last step recorded it: what undo expects to find.
        self.recorded: RoundEntry | None = None
        #: The new score as undone; redo puts it back with the same ids.
        self.snapshot: Snapshot | None = None

    def _record(self, score: int, reason: str, expected: RoundEntry | None) -> None:
        detail = self.ctx.run(
            agenda.record_score,
            self.item_id,
            self.participant_id,
            score,
            reason,
            expected=_score_of(expected),
        )
        self.recorded = self._entry(detail)

    def _entry(self, detail: MeetingDetail) -> RoundEntry:
        return next(
            e for e in detail.item(self.item_id).round if e.participant_id == self.participant_id
        )

    def first(self) -> None:
        self._record(*self.new, self.before)

    def replay(self) -> None:
        if self.before is None and self.snapshot is not None:
            self.recorded = self._entry(self.ctx.run(agenda.restore, self.snapshot))
        else:
            self.first()

    def revert(self) -> None:
        assert self.recorded is not None
        if self.before is not None:
            self._record(self.before.score, self.before.reason, self.recorded)
            return
        self.snapshot = self.ctx.run(agenda.remove_score, self.recorded.id, expected=self.recorded)


def _score_of(entry: RoundEntry | None) -> dict[str, Any]:
    """A round entry as `record_score(expected=…)` compares it (None: no score yet)."""
    if entry is None:
        return {"score": None, "reason": None}
    return {"score": entry.score, "reason": entry.reason}
