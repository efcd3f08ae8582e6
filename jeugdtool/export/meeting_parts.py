"""The reflective-practice meetings in a case file (`meetings`): the meetings in which this case
was discussed, each with its participants and this case's agenda item — the question, the round
of scores, notes, advice, decisions, the reflection on the cheapest help and the follow-ups.

A round score is a scale score of the case, so the round names it by its id in `scale.scores`
(c1, …) instead of repeating it: the score is in the file once. Import finds a meeting that is
already in the database (same date, title and chair: the other cases of that agenda were imported
from their own files) and adds this case's agenda item to it. See docs/case-format.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from jeugdtool.export.framework_parts import Importer
from jeugdtool.export.part_columns import iso
from jeugdtool.framework._common import next_position
from jeugdtool.meetings.models import FollowUp
from jeugdtool.meetings.models import Meeting
from jeugdtool.meetings.models import MeetingItem
from jeugdtool.meetings.models import MeetingParticipant
from jeugdtool.meetings.models import RoundScore
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import children_of
from jeugdtool.store.uow import UnitOfWork

# ---------------------------------------------------------------- export


def export_meetings(
    uow: UnitOfWork, household_id: int, scores: Mapping[int, str]
) -> list[dict[str, Any]]:
    """`meetings`: every meeting the case is on the agenda of, oldest first, inside an open
    unit of work. `scores` are the file ids the scale part gave the case's scale scores."""
    session = uow.session
    rows = list(
        session.execute(
            select(Meeting, MeetingItem)
            .join(MeetingItem, MeetingItem.meeting_id == Meeting.id)
            .where(MeetingItem.household_id == household_id)
            .order_by(Meeting.held_on, Meeting.id)
        )
    )
    if not rows:
        return []
    meeting_ids = [meeting.id for meeting, _item in rows]
    item_ids = [item.id for _meeting, item in rows]
    participants = children_in_order(session, MeetingParticipant.meeting_id, meeting_ids)
    names = {p.id: p.name for found in participants.values() for p in found}
    rounds = children_of(session, RoundScore.item_id, item_ids, RoundScore.id)
    follow_ups = children_in_order(session, FollowUp.item_id, item_ids)
    return [
        {
            "date": meeting.held_on.isoformat(),
            "title": meeting.title,
            "chair": meeting.chair,
            "hide_names": meeting.hide_names,
            "participants": [
                {"name": p.name, "kind": p.kind, "organisation": p.organisation}
                for p in participants[meeting.id]
            ],
            "question": item.question,
            "notes": item.notes,
            "advice": item.advice,
            "decisions": item.decisions,
            "cheapest_help": item.cheapest_help,
            "round": [
                {
                    "participant": names.get(link.participant_id)
                    if link.participant_id is not None
                    else None,
                    "score": scores[link.score_id],
                }
                for link in rounds[item.id]
                if link.score_id in scores  # always: a round score is a score of the case
            ],
            "follow_ups": [
                {
                    "what": f.what,
                    "owner": f.owner,
                    "due_on": iso(f.due_on),
                    "done": f.done,
                }
                for f in follow_ups[item.id]
            ],
        }
        for meeting, item in rows
    ]


# ---------------------------------------------------------------- import


def _meeting(uow: UnitOfWork, entry: Mapping[str, Any]) -> Meeting:
    """The meeting with the entry's date, title and chair — the one already in the database
    (the first, should there be more), else a new one."""
    held_on = dt.date.fromisoformat(entry["date"])
    found = uow.session.scalar(
        select(Meeting)
        .where(
            Meeting.held_on == held_on,
            Meeting.title == entry["title"],
            Meeting.chair == entry["chair"],
        )
        .order_by(Meeting.id)
        .limit(1)
    )
    if found is not None:
        return found
    row = Meeting(
        held_on=held_on,
        title=entry["title"],
        chair=entry["chair"],
        hide_names=entry["hide_names"],
        note="",
    )
    uow.session.add(row)
    uow.flush()
    return row


def _participants(
    uow: UnitOfWork, meeting: Meeting, wanted: Sequence[Mapping[str, Any]]
) -> dict[str, int]:
    """The meeting's participants by name, after adding the entry's missing ones (at the end,
    in file order); a participant already there keeps what the database says of them."""
    known = {
        p.name: p.id
        for p in uow.session.scalars(
            select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
        )
    }
    position = next_position(
        uow, MeetingParticipant.position, MeetingParticipant.meeting_id == meeting.id
    )
    added = []
    for participant in wanted:
        if participant["name"] in known:
            continue
        row = MeetingParticipant(
            meeting_id=meeting.id,
            position=position,
            name=participant["name"],
            kind=participant["kind"],
            organisation=participant["organisation"],
        )
        uow.session.add(row)
        added.append(row)
        position += 1
    uow.flush()
    known.update({row.name: row.id for row in added})
    return known


def import_meetings(importer: Importer, meetings: Sequence[Mapping[str, Any]]) -> None:
    """Add the checked document's meetings (this case's agenda items) in the import's own unit
    of work; `importer` has added the scale scores the rounds name."""
    uow = importer.uow
    session = uow.session
    case_id = importer.household_id
    # Oldest first, as the program lists them; the file order decides between equal dates.
    for entry in sorted(meetings, key=lambda m: m["date"]):
        meeting = _meeting(uow, entry)
        participants = _participants(uow, meeting, entry["participants"])
        item = MeetingItem(
            meeting_id=meeting.id,
            household_id=case_id,
            position=next_position(uow, MeetingItem.position, MeetingItem.meeting_id == meeting.id),
            question=entry["question"],
            notes=entry["notes"],
            advice=entry["advice"],
            decisions=entry["decisions"],
            cheapest_help=entry["cheapest_help"],
        )
        session.add(item)
        uow.flush()
        for score in entry["round"]:
            name = score["participant"]
            session.add(
                RoundScore(
                    household_id=case_id,
                    item_id=item.id,
                    participant_id=participants[name] if name is not None else None,
                    score_id=importer.scores[score["score"]].id,
                )
            )
            uow.flush()  # in file order: that is the order of the round
        for position, follow_up in enumerate(entry["follow_ups"], start=1):
            session.add(
                FollowUp(
                    item_id=item.id,
                    household_id=case_id,
                    position=position,
                    what=follow_up["what"],
                    owner=follow_up["owner"],
                    due_on=dt.date.fromisoformat(follow_up["due_on"])
                    if follow_up["due_on"] is not None
                    else None,
                    done=follow_up["done"],
                )
            )
    uow.flush()
