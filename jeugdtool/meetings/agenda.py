"""Services for a meeting's agenda: the cases with their questions, the scale round, notes,
advice and decisions, follow-ups; and what a case shows of the meetings it was discussed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.models import Household
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import clean_fields
from jeugdtool.framework import scale
from jeugdtool.framework._common import append_to
from jeugdtool.framework._common import move_to
from jeugdtool.framework._common import open_row
from jeugdtool.framework._common import save_fields
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import CaseMeeting
from jeugdtool.meetings.dto import FollowUpDTO
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.meetings.dto import MeetingDTO
from jeugdtool.meetings.dto import RoundEntry
from jeugdtool.meetings.meetings import CASE_LABELS
from jeugdtool.meetings.meetings import MAX_TEXT
from jeugdtool.meetings.meetings import follow_up_dto
from jeugdtool.meetings.meetings import load_detail
from jeugdtool.meetings.meetings import round_scores
from jeugdtool.meetings.models import FollowUp
from jeugdtool.meetings.models import Meeting
from jeugdtool.meetings.models import MeetingItem
from jeugdtool.meetings.models import MeetingParticipant
from jeugdtool.meetings.models import RoundScore
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Changes
from jeugdtool.store.changes import Expected
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.guards import ensure_values
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error


def _item_rules() -> dict[str, Any]:
    labels = {
        "question": _("Question"),
        "notes": _("Notes"),
        "advice": _("Advice"),
        "decisions": _("Decisions"),
        "cheapest_help": _("Cheapest adequate help"),
    }
    return {
        field: (lambda f, x, label=label: v.text(f, x, label=label, max_len=MAX_TEXT))
        for field, label in labels.items()
    }


# ---- the agenda ---------------------------------------------------------------------------


def add_case(
    uow: UnitOfWork, meeting_id: int, case_id: int, question: str = ""
) -> Outcome[MeetingDetail]:
    """Put a case on the agenda (at the end), with the question the meeting is asked."""
    clean = clean_fields({"question": question}, _item_rules())
    with uow:
        get(uow, Meeting, meeting_id)
        household = get(uow, Household, case_id)
        taken = uow.session.scalar(
            select(MeetingItem.id).where(
                MeetingItem.meeting_id == meeting_id, MeetingItem.household_id == case_id
            )
        )
        if taken is not None:
            raise InvalidInput.at(
                "case",
                _("{case} is already on the agenda of this meeting.").format(
                    case=f"{household.case_number} {household.name}"
                ),
            )
        append_to(uow, MeetingItem, {"meeting_id": meeting_id}, household_id=case_id, **clean)
        return committed(uow, lambda: load_detail(uow, meeting_id))


@dataclass(frozen=True)
class AgendaPlacement:
    """Where `add_to_next_meeting` put a case: the meeting, and the agenda item (what undo
    passes to `remove_item` as `expected`)."""

    meeting: MeetingDTO
    item: ItemDTO


def next_meeting_after(uow: UnitOfWork, today: dt.date) -> Meeting | None:
    """Inside an open unit of work: the first reflective-practice meeting planned after
    `today` (the earliest planned on that day when there are more), or None."""
    return uow.session.scalars(
        select(Meeting)
        .where(Meeting.held_on > today)
        .order_by(Meeting.held_on, Meeting.id)
        .limit(1)
    ).first()


def add_to_next_meeting(
    uow: UnitOfWork, case_id: int, *, reason: str, today: dt.date | None = None
) -> Outcome[AgendaPlacement]:
    """Put the case on the agenda of the next reflective-practice meeting (the first planned
    after `today`), at the end, with `reason` as the question the meeting is asked (e.g. the
    plan submitted for review). InvalidInput when no meeting is planned, or the case is on
    that agenda already. Undo: `remove_item(item.id, expected=item)`; redo: `restore`."""
    today = today or dt.date.today()
    clean = clean_fields({"question": reason}, _item_rules())
    if not clean["question"]:
        raise InvalidInput.at("question", _("Say what the meeting is asked about this case."))
    with uow:
        household = get(uow, Household, case_id)
        meeting = next_meeting_after(uow, today)
        if meeting is None:
            raise InvalidInput.at(
                "meeting",
                _(
                    "No reflective-practice meeting is planned after {date}. Plan one in "
                    "the meetings window first, then put the case on its agenda."
                ).format(date=v.format_date_nl(today)),
            )
        taken = uow.session.scalar(
            select(MeetingItem.id).where(
                MeetingItem.meeting_id == meeting.id, MeetingItem.household_id == case_id
            )
        )
        if taken is not None:
            raise InvalidInput.at(
                "case",
                _("{case} is already on the agenda of the meeting of {date}.").format(
                    case=f"{household.case_number} {household.name}",
                    date=v.format_date_nl(meeting.held_on),
                ),
            )
        item = append_to(
            uow, MeetingItem, {"meeting_id": meeting.id}, household_id=case_id, **clean
        )

        def placed() -> AgendaPlacement:
            detail = load_detail(uow, meeting.id)
            return AgendaPlacement(detail.meeting, detail.item(item.id))

        return committed(uow, placed)


def update_item(
    uow: UnitOfWork, item_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[MeetingDetail]:
    """The question, notes, advice, decisions or the reflection on the cheapest help."""
    clean = clean_fields(changes, _item_rules())
    return save_fields(
        uow,
        lambda: get(uow, MeetingItem, item_id),
        clean,
        expected,
        lambda r: load_detail(uow, r.meeting_id),
    )


def _items(uow: UnitOfWork, meeting_id: int) -> list[MeetingItem]:
    return in_order(uow, MeetingItem, MeetingItem.meeting_id == meeting_id)


def move_item(
    uow: UnitOfWork, item_id: int, position: int, *, expected: Expected = None
) -> Outcome[MeetingDetail]:
    """Move an agenda item to `position` (1-based; clamped).

    `expected` (undo/redo): {"position": where the caller left it}; when someone else moved
    it (or the items before it) since, ConflictError and nothing moves.
    """
    with uow:
        row = get(uow, MeetingItem, item_id)
        apply(row, {}, expected=expected)
        move_to(_items(uow, row.meeting_id), row, position)
        return committed(uow, lambda: load_detail(uow, row.meeting_id))


def _item_dto(uow: UnitOfWork, row: MeetingItem) -> ItemDTO:
    return load_detail(uow, row.meeting_id).item(row.id)


def remove_item(
    uow: UnitOfWork, item_id: int, *, expected: ItemDTO | None = None
) -> Outcome[Snapshot]:
    """Take a case off the agenda with its round (the scale scores too) and follow-ups; the
    snapshot puts it all back (`restore`).

    `expected`: the item with its round and follow-ups as the caller last saw it (undo/redo);
    when someone else changed any of it since, ConflictError and nothing is removed.
    """
    with uow:
        item = get(uow, MeetingItem, item_id)
        meeting_id = item.meeting_id
        if expected is not None:
            ensure_as_seen(_item_dto(uow, item), expected, ignore=("position", *CASE_LABELS))
        scores = round_scores(uow, RoundScore.item_id == item_id)
        return snapshot.remove_and_commit(
            uow, item, *scores, renumber=lambda: _items(uow, meeting_id)
        )


def _follow_ups(uow: UnitOfWork, item_id: int) -> list[FollowUp]:
    return in_order(uow, FollowUp, FollowUp.item_id == item_id)


def restore(uow: UnitOfWork, taken: Snapshot) -> Outcome[MeetingDetail]:
    """Put back what `remove_item`, `remove_score` or `remove_follow_up` removed, at its place;
    returns the meeting as it is then. ConflictError when that would put something on it twice
    (the case is on the agenda again, the participant scored again) or an id is taken by now;
    CaseClosed for a score or follow-up of a case closed meanwhile (as adding one)."""
    with uow:
        _ensure_not_twice(uow, taken)
        kind, values = taken.root[0], taken.values
        if kind == MeetingItem.__tablename__:
            snapshot.put_back_at(uow, taken, lambda: _items(uow, values["meeting_id"]))
        else:
            ensure_open(uow, values["household_id"])
            if kind == FollowUp.__tablename__:
                snapshot.put_back_at(uow, taken, lambda: _follow_ups(uow, values["item_id"]))
            else:  # a score: the round keeps no order of its own
                snapshot.put_back(uow, taken)
        return committed(uow, lambda: load_detail(uow, _meeting_of(uow, taken)))


def _ensure_not_twice(uow: UnitOfWork, taken: Snapshot) -> None:
    for values in taken.of(MeetingItem):
        again = select(MeetingItem.id).where(
            MeetingItem.meeting_id == values["meeting_id"],
            MeetingItem.household_id == values["household_id"],
        )
        if uow.session.scalar(again) is not None:
            raise conflict_error()
    for values in taken.of(RoundScore):
        if values["participant_id"] is None:
            continue
        again = select(RoundScore.id).where(
            RoundScore.item_id == values["item_id"],
            RoundScore.participant_id == values["participant_id"],
        )
        if uow.session.scalar(again) is not None:
            raise conflict_error()


def _meeting_of(uow: UnitOfWork, taken: Snapshot) -> int:
    """The meeting a restored snapshot belongs to (an item names it; the rest name an item)."""
    for values in taken.of(MeetingItem):
        return int(values["meeting_id"])
    for values in (*taken.of(RoundScore), *taken.of(FollowUp)):
        return get(uow, MeetingItem, values["item_id"]).meeting_id
    raise ValueError("a snapshot without an agenda item")  # a programming error


# ---- the scale round ----------------------------------------------------------------------


def record_score(
    uow: UnitOfWork,
    item_id: int,
    participant_id: int,
    score: Any,
    reason: Any,
    *,
    expected: Expected = None,
) -> Outcome[MeetingDetail]:
    """A participant's score (0–10) and short reason in the round about this case. It is a
    scale score of the case (rater: colleague in reflective practice, on the meeting's date);
    scoring again in the same round corrects the earlier score.

    `expected` (undo/redo): {"score", "reason"} the participant has in the round as the caller
    believes (None for both: no score yet); otherwise ConflictError and nothing changes.
    """
    clean = scale.check_fields({"score": score, "reason": reason})
    with uow:
        item = open_row(uow, MeetingItem, item_id)
        meeting = get(uow, Meeting, item.meeting_id)
        participant = get(uow, MeetingParticipant, participant_id)
        if participant.meeting_id != meeting.id:
            raise InvalidInput.at("participant", _("Choose a participant of this meeting."))
        link = _round_link(uow, item_id, participant)
        if expected is not None:
            found = get(uow, ScaleScore, link.score_id) if link is not None else None
            now = {"score": found.score, "reason": found.reason} if found else {}
            ensure_values(now, expected)
        if link is not None:
            row = get(uow, ScaleScore, link.score_id)
            apply(row, {**clean, "source_label": participant.name})
        else:
            kind = SourceKind.CONSULTANT if participant.kind == "consultant" else SourceKind.OTHER
            row = ScaleScore(
                household_id=item.household_id,
                scored_on=min(meeting.held_on, dt.date.today()),
                role=RaterRole.COLLEAGUE.value,
                context=ScoreContext.REFLECTIVE_PRACTICE.value,
                source_kind=kind.value,
                source_label=participant.name,
                one_higher="",
                **clean,
            )
            uow.session.add(row)
            uow.flush()
            uow.session.add(
                RoundScore(
                    household_id=item.household_id,
                    item_id=item_id,
                    participant_id=participant.id,
                    score_id=row.id,
                )
            )
        return committed(uow, lambda: load_detail(uow, item.meeting_id))


def _round_link(
    uow: UnitOfWork, item_id: int, participant: MeetingParticipant
) -> RoundScore | None:
    """The participant's earlier score in this round: by participant, or — when the
    participant was removed and put back — by the name it was given under."""
    for link, label in uow.session.execute(
        select(RoundScore, ScaleScore.source_label)
        .join(ScaleScore, ScaleScore.id == RoundScore.score_id)
        .where(RoundScore.item_id == item_id)
    ):
        if link.participant_id == participant.id or (
            link.participant_id is None and label == participant.name
        ):
            link.participant_id = participant.id
            return link
    return None


def remove_score(
    uow: UnitOfWork, round_id: int, *, expected: RoundEntry | None = None
) -> Outcome[Snapshot]:
    """Take a score out of the round (its scale score too); `restore` puts it back.

    `expected`: the entry as the caller last saw it (undo/redo); when someone else changed it
    since, ConflictError and nothing is removed.
    """
    with uow:
        link = open_row(uow, RoundScore, round_id)
        score = get(uow, ScaleScore, link.score_id)
        if expected is not None:
            item = _item_dto(uow, get(uow, MeetingItem, link.item_id))
            ensure_as_seen(next(e for e in item.round if e.id == link.id), expected)
        return snapshot.remove_and_commit(uow, score)  # the round's link goes with its score


# ---- follow-ups ---------------------------------------------------------------------------


def _follow_up_rules() -> dict[str, Any]:
    return {
        "what": lambda f, x: v.text(f, x, label=_("What"), max_len=MAX_TEXT, required=True),
        "owner": lambda f, x: v.text(f, x, label=_("Who"), max_len=200),
        "due_on": lambda f, x: v.date(f, x, label=_("Due date")),
        "done": lambda f, x: bool(x),
    }


def add_follow_up(uow: UnitOfWork, item_id: int, fields: Mapping[str, Any]) -> Outcome[FollowUpDTO]:
    """An action the meeting agreed on (what, who, by when); it shows on the case until done."""
    clean = clean_fields({"owner": "", "due_on": None, **fields, "done": False}, _follow_up_rules())
    if "what" not in clean:
        raise InvalidInput.at("what", _("Say what will be done."))
    with uow:
        item = open_row(uow, MeetingItem, item_id)
        row = append_to(
            uow, FollowUp, {"item_id": item_id}, household_id=item.household_id, **clean
        )
        return committed(uow, lambda: follow_up_dto(row))


def update_follow_up(
    uow: UnitOfWork, follow_up_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[FollowUpDTO]:
    clean = clean_fields(changes, _follow_up_rules())
    return save_fields(
        uow, lambda: open_row(uow, FollowUp, follow_up_id), clean, expected, follow_up_dto
    )


def remove_follow_up(
    uow: UnitOfWork, follow_up_id: int, *, expected: FollowUpDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a follow-up; `restore` puts it back. `expected`: the follow-up as the caller
    last saw it (undo/redo); when someone else changed it since, ConflictError."""
    with uow:
        row = open_row(uow, FollowUp, follow_up_id)
        item_id = row.item_id
        ensure_as_seen(follow_up_dto(row), expected, ignore=("position",))
        return snapshot.remove_and_commit(uow, row, renumber=lambda: _follow_ups(uow, item_id))


# ---- what a case shows ----------------------------------------------------------------------


def case_follow_ups(
    uow: UnitOfWork, case_id: int, *, open_only: bool = True
) -> tuple[FollowUpDTO, ...]:
    """The case's follow-ups from meetings (open ones by default), soonest due first."""
    with uow:
        get(uow, Household, case_id)
        query = select(FollowUp).where(FollowUp.household_id == case_id)
        if open_only:
            query = query.where(FollowUp.done.is_(False))
        rows = uow.session.scalars(
            query.order_by(FollowUp.due_on.is_(None), FollowUp.due_on, FollowUp.id)
        )
        return tuple(follow_up_dto(r) for r in rows)


def case_meetings(uow: UnitOfWork, case_id: int) -> tuple[CaseMeeting, ...]:
    """The meetings the case was discussed in, newest first."""
    with uow:
        get(uow, Household, case_id)
        rows = uow.session.execute(
            select(Meeting, MeetingItem)
            .join(MeetingItem, MeetingItem.meeting_id == Meeting.id)
            .where(MeetingItem.household_id == case_id)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        )
        return tuple(
            CaseMeeting(
                meeting_id=m.id,
                item_id=i.id,
                held_on=m.held_on,
                title=m.title,
                chair=m.chair,
                question=i.question,
                advice=i.advice,
                decisions=i.decisions,
            )
            for m, i in rows
        )


def count_open_follow_ups(uow: UnitOfWork, case_id: int) -> int:
    with uow:
        return (
            uow.session.scalar(
                select(func.count())
                .select_from(FollowUp)
                .where(FollowUp.household_id == case_id, FollowUp.done.is_(False))
            )
            or 0
        )
