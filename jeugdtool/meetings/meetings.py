"""Services for meetings: plan one, correct it, list and search them, read one whole, remove
(and put back); the participants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Household
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import clean_fields
from jeugdtool.folding import fold
from jeugdtool.framework._common import append_to
from jeugdtool.framework._common import save_fields
from jeugdtool.framework.models import ScaleScore
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import FollowUpDTO
from jeugdtool.meetings.dto import ItemDTO
from jeugdtool.meetings.dto import MeetingDetail
from jeugdtool.meetings.dto import MeetingDTO
from jeugdtool.meetings.dto import MeetingSummary
from jeugdtool.meetings.dto import ParticipantDTO
from jeugdtool.meetings.dto import RoundEntry
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
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.rows import in_order
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork
from jeugdtool.store.uow import conflict_error

PARTICIPANT_KINDS = ("consultant", "partner")
MAX_TEXT = 10_000

#: Read from the case, not the meeting: not compared when undo checks an item is as it left it.
CASE_LABELS = ("case_number", "case_name")


# ---- reading ------------------------------------------------------------------------------


def _meeting_dto(row: Meeting) -> MeetingDTO:
    return as_dto(MeetingDTO, row)


def _participant_dto(row: MeetingParticipant) -> ParticipantDTO:
    return as_dto(ParticipantDTO, row)


def follow_up_dto(row: FollowUp) -> FollowUpDTO:
    return as_dto(FollowUpDTO, row)


def load_detail(uow: UnitOfWork, meeting_id: int) -> MeetingDetail:
    """Inside an open unit of work: the meeting with its participants and agenda."""
    meeting = get(uow, Meeting, meeting_id)
    participants = _participants(uow, meeting_id)
    items = in_order(uow, MeetingItem, MeetingItem.meeting_id == meeting_id)
    ids = [i.id for i in items]
    cases = {
        h.id: h
        for h in uow.session.scalars(
            select(Household).where(Household.id.in_({i.household_id for i in items}))
        )
    }
    rounds: dict[int, list[RoundEntry]] = {i: [] for i in ids}
    for link, score in uow.session.execute(
        select(RoundScore, ScaleScore)
        .join(ScaleScore, ScaleScore.id == RoundScore.score_id)
        .where(RoundScore.item_id.in_(ids))
        .order_by(RoundScore.id)
    ):
        rounds[link.item_id].append(
            RoundEntry(
                id=link.id,
                participant_id=link.participant_id,
                name=score.source_label,
                score_id=score.id,
                score=score.score,
                reason=score.reason,
            )
        )
    follow_ups = children_in_order(uow.session, FollowUp.item_id, ids)
    return MeetingDetail(
        meeting=_meeting_dto(meeting),
        participants=tuple(_participant_dto(p) for p in participants),
        items=tuple(
            ItemDTO(
                id=i.id,
                meeting_id=i.meeting_id,
                household_id=i.household_id,
                case_number=cases[i.household_id].case_number,
                case_name=cases[i.household_id].name,
                position=i.position,
                question=i.question,
                notes=i.notes,
                advice=i.advice,
                decisions=i.decisions,
                cheapest_help=i.cheapest_help,
                round=tuple(rounds[i.id]),
                follow_ups=tuple(follow_up_dto(f) for f in follow_ups[i.id]),
                version=i.version,
            )
            for i in items
        ),
    )


def get_meeting(uow: UnitOfWork, meeting_id: int) -> MeetingDetail:
    with uow:
        return load_detail(uow, meeting_id)


def list_meetings(uow: UnitOfWork, text: str = "") -> tuple[MeetingSummary, ...]:
    """Meetings newest first; `text` filters on title, chair, participants, case numbers and
    names and the questions asked (every word must match, accents and case aside)."""
    with uow:
        meetings = list(
            uow.session.scalars(select(Meeting).order_by(Meeting.held_on.desc(), Meeting.id.desc()))
        )
        people: dict[int, list[str]] = {m.id: [] for m in meetings}
        for meeting_id, name, organisation in uow.session.execute(
            select(
                MeetingParticipant.meeting_id,
                MeetingParticipant.name,
                MeetingParticipant.organisation,
            )
        ):
            people[meeting_id] += [name, organisation]
        cases: dict[int, list[tuple[str, str]]] = {m.id: [] for m in meetings}
        for meeting_id, number, name, question in uow.session.execute(
            select(
                MeetingItem.meeting_id, Household.case_number, Household.name, MeetingItem.question
            )
            .join(Household, Household.id == MeetingItem.household_id)
            .order_by(MeetingItem.position, MeetingItem.id)
        ):
            cases[meeting_id].append((f"{number} {name}", question))
        rows = [(_meeting_dto(m), people[m.id], cases[m.id]) for m in meetings]
    words = fold(text).split()
    out = []
    for m, names, agenda_cases in rows:
        key = fold(
            " ".join(
                [v.format_date_nl(m.held_on), m.title, m.chair, *names]
                + [part for case in agenda_cases for part in case]
            )
        )
        if all(w in key for w in words):
            out.append(
                MeetingSummary(
                    id=m.id,
                    held_on=m.held_on,
                    title=m.title,
                    chair=m.chair,
                    hide_names=m.hide_names,
                    cases=tuple(label for label, _q in agenda_cases),
                    participants=len(names) // 2,
                )
            )
    return tuple(out)


# ---- meetings -----------------------------------------------------------------------------


def _meeting_rules() -> dict[str, Any]:
    return {
        "held_on": lambda f, x: v.date(f, x, label=_("Date"), required=True),
        "title": lambda f, x: v.text(f, x, label=_("Title"), max_len=200),
        "chair": lambda f, x: v.text(f, x, label=_("Chair"), max_len=200),
        "hide_names": lambda f, x: bool(x),
        "note": lambda f, x: v.text(f, x, label=_("Note"), max_len=MAX_TEXT),
    }


def create_meeting(uow: UnitOfWork, fields: Mapping[str, Any]) -> Outcome[MeetingDetail]:
    """A new meeting (date required; by default today, chaired by the signed-in consultant)."""
    clean = clean_fields(
        {"held_on": dt.date.today(), "chair": uow.author, **fields}, _meeting_rules()
    )
    with uow:
        row = Meeting(**clean)
        uow.session.add(row)
        return committed(uow, lambda: load_detail(uow, row.id))


def update_meeting(
    uow: UnitOfWork, meeting_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[MeetingDetail]:
    clean = clean_fields(changes, _meeting_rules())
    return save_fields(
        uow,
        lambda: get(uow, Meeting, meeting_id),
        clean,
        expected,
        lambda r: load_detail(uow, r.id),
    )


def remove_meeting(
    uow: UnitOfWork, meeting_id: int, *, expected: MeetingDetail | None = None
) -> Outcome[Snapshot]:
    """Remove a meeting with its agenda, rounds (their scale scores too) and follow-ups; the
    returned snapshot puts all of it back (`restore_meeting`, undo).

    `expected`: the whole meeting as the caller left it (undo/redo); when anything in it
    changed since, ConflictError and nothing is removed.
    """
    with uow:
        meeting = get(uow, Meeting, meeting_id)
        ensure_as_seen(load_detail(uow, meeting_id), expected, ignore=CASE_LABELS)
        items = select(MeetingItem.id).where(MeetingItem.meeting_id == meeting_id)
        return snapshot.remove_and_commit(
            uow, meeting, *round_scores(uow, RoundScore.item_id.in_(items))
        )


def round_scores(uow: UnitOfWork, *where: Any) -> list[ScaleScore]:
    """The scale scores given in the rounds `where` selects: the database does not take them
    with the round (a round links to a case's score), so a removal names them."""
    links = select(RoundScore.score_id).where(*where)
    return list(uow.session.scalars(select(ScaleScore).where(ScaleScore.id.in_(links))))


def restore_meeting(uow: UnitOfWork, taken: Snapshot) -> Outcome[MeetingDetail]:
    """Put back a meeting `remove_meeting` removed, everything in it with its own ids."""
    with uow:
        row = snapshot.put_back(uow, taken)
        return committed(uow, lambda: load_detail(uow, row.id))


# ---- participants -------------------------------------------------------------------------


def _participant_rules() -> dict[str, Any]:
    return {
        "name": lambda f, x: v.text(f, x, label=_("Name"), max_len=200, required=True),
        "kind": _kind,
        "organisation": lambda f, x: v.text(f, x, label=_("Organisation or role"), max_len=200),
    }


def _kind(field: str, value: Any) -> str:
    if value not in PARTICIPANT_KINDS:
        raise InvalidInput.at(field, _("Choose colleague or invited partner."))
    return str(value)


def add_participant(
    uow: UnitOfWork, meeting_id: int, fields: Mapping[str, Any]
) -> Outcome[ParticipantDTO]:
    clean = clean_fields({"kind": "consultant", **fields}, _participant_rules())
    with uow:
        get(uow, Meeting, meeting_id)
        if _participant_named(uow, meeting_id, clean["name"]) is not None:
            raise InvalidInput.at(
                "name", _("{name} is already a participant.").format(name=clean["name"])
            )
        row = append_to(uow, MeetingParticipant, {"meeting_id": meeting_id}, **clean)
        return committed(uow, lambda: _participant_dto(row))


def _participant_named(uow: UnitOfWork, meeting_id: int, name: str) -> int | None:
    return uow.session.scalar(
        select(MeetingParticipant.id).where(
            MeetingParticipant.meeting_id == meeting_id, MeetingParticipant.name == name
        )
    )


def _participants(uow: UnitOfWork, meeting_id: int) -> list[MeetingParticipant]:
    return in_order(uow, MeetingParticipant, MeetingParticipant.meeting_id == meeting_id)


def update_participant(
    uow: UnitOfWork, participant_id: int, changes: Changes, *, expected: Expected = None
) -> Outcome[ParticipantDTO]:
    clean = clean_fields(changes, _participant_rules())
    return save_fields(
        uow, lambda: get(uow, MeetingParticipant, participant_id), clean, expected, _participant_dto
    )


def remove_participant(
    uow: UnitOfWork, participant_id: int, *, expected: ParticipantDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a participant; scores they gave stay (under the name they gave them with). The
    snapshot (`restore_participant`) puts them back, their scores in the rounds linked again.

    `expected`: the participant as the caller last saw them (undo/redo); when someone else
    changed them since, ConflictError and nothing is removed.
    """
    with uow:
        row = get(uow, MeetingParticipant, participant_id)
        ensure_as_seen(_participant_dto(row), expected, ignore=("position",))
        meeting_id = row.meeting_id
        return snapshot.remove_and_commit(uow, row, renumber=lambda: _participants(uow, meeting_id))


def restore_participant(uow: UnitOfWork, taken: Snapshot) -> Outcome[ParticipantDTO]:
    """Put back a participant `remove_participant` removed, at their place, with their links
    to the scores they gave. ConflictError when someone of that name joined meanwhile (not
    twice) or the id is taken by now."""
    values = taken.values
    with uow:
        get(uow, Meeting, values["meeting_id"])
        if _participant_named(uow, values["meeting_id"], values["name"]) is not None:
            raise conflict_error()
        row = snapshot.put_back_at(uow, taken, lambda: _participants(uow, values["meeting_id"]))
        return committed(uow, lambda: _participant_dto(row))
