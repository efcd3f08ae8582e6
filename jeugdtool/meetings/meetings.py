"""Services for meetings: plan one, correct it, list and search them, read one whole, remove
(and put back); the participants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from jeugdtool.cases import validation as v
from jeugdtool.cases.models import Household
from jeugdtool.errors import InvalidInput, Problem, collect
from jeugdtool.folding import fold
from jeugdtool.framework._common import next_position
from jeugdtool.framework.models import ScaleScore
from jeugdtool.i18n import _
from jeugdtool.meetings.dto import (
    FollowUpDTO,
    ItemDTO,
    MeetingDetail,
    MeetingDTO,
    MeetingSummary,
    ParticipantDTO,
    RoundEntry,
)
from jeugdtool.meetings.models import (
    FollowUp,
    Meeting,
    MeetingItem,
    MeetingParticipant,
    RoundScore,
)
from jeugdtool.meetings.snapshot import Snapshot, restore_rows, take
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen, ensure_free
from jeugdtool.store.rows import apply, get
from jeugdtool.store.uow import UnitOfWork, conflict_error

PARTICIPANT_FIELDS = ("name", "kind", "organisation")
PARTICIPANT_KINDS = ("consultant", "partner")
MAX_TEXT = 10_000

#: Read from the case, not the meeting: not compared when undo checks an item is as it left it.
CASE_LABELS = ("case_number", "case_name")


# ---- reading ------------------------------------------------------------------------------


def _meeting_dto(row: Meeting) -> MeetingDTO:
    return MeetingDTO(
        id=row.id,
        held_on=row.held_on,
        title=row.title,
        chair=row.chair,
        hide_names=row.hide_names,
        note=row.note,
        version=row.version,
    )


def _participant_dto(row: MeetingParticipant) -> ParticipantDTO:
    return ParticipantDTO(
        id=row.id,
        meeting_id=row.meeting_id,
        position=row.position,
        name=row.name,
        kind=row.kind,
        organisation=row.organisation,
        version=row.version,
    )


def follow_up_dto(row: FollowUp) -> FollowUpDTO:
    return FollowUpDTO(
        id=row.id,
        item_id=row.item_id,
        household_id=row.household_id,
        position=row.position,
        what=row.what,
        owner=row.owner,
        due_on=row.due_on,
        done=row.done,
        version=row.version,
    )


def load_detail(uow: UnitOfWork, meeting_id: int) -> MeetingDetail:
    """Inside an open unit of work: the meeting with its participants and agenda."""
    meeting = get(uow, Meeting, meeting_id)
    participants = list(
        uow.session.scalars(
            select(MeetingParticipant)
            .where(MeetingParticipant.meeting_id == meeting_id)
            .order_by(MeetingParticipant.position, MeetingParticipant.id)
        )
    )
    items = list(
        uow.session.scalars(
            select(MeetingItem)
            .where(MeetingItem.meeting_id == meeting_id)
            .order_by(MeetingItem.position, MeetingItem.id)
        )
    )
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
    follow_ups: dict[int, list[FollowUpDTO]] = {i: [] for i in ids}
    for row in uow.session.scalars(
        select(FollowUp).where(FollowUp.item_id.in_(ids)).order_by(FollowUp.position, FollowUp.id)
    ):
        follow_ups[row.item_id].append(follow_up_dto(row))
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
                follow_ups=tuple(follow_ups[i.id]),
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


def _clean(changes: Mapping[str, Any], rules: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(rules)
    if unknown:
        raise KeyError(f"unknown fields {sorted(unknown)!r}")  # a programming error
    clean: dict[str, Any] = {}
    with collect() as problems:
        for field, value in changes.items():
            with problems.catching():
                clean[field] = rules[field](field, value)
    return clean


def create_meeting(uow: UnitOfWork, fields: Mapping[str, Any]) -> Outcome[MeetingDetail]:
    """A new meeting (date required; by default today, chaired by the signed-in consultant)."""
    clean = _clean({"held_on": dt.date.today(), "chair": uow.author, **fields}, _meeting_rules())
    with uow:
        row = Meeting(**clean)
        uow.session.add(row)
        uow.flush()
        detail = load_detail(uow, row.id)
        return Outcome(detail, uow.commit())


def update_meeting(
    uow: UnitOfWork,
    meeting_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[MeetingDetail]:
    clean = _clean(changes, _meeting_rules())
    with uow:
        row = get(uow, Meeting, meeting_id)
        apply(row, clean, expected=expected)
        uow.flush()
        detail = load_detail(uow, meeting_id)
        return Outcome(detail, uow.commit())


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
        items = list(
            uow.session.scalars(select(MeetingItem).where(MeetingItem.meeting_id == meeting_id))
        )
        item_ids = [i.id for i in items]
        links = list(
            uow.session.scalars(select(RoundScore).where(RoundScore.item_id.in_(item_ids)))
        )
        scores = list(
            uow.session.scalars(
                select(ScaleScore).where(ScaleScore.id.in_([r.score_id for r in links]))
            )
        )
        participants = list(
            uow.session.scalars(
                select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id)
            )
        )
        follow_ups = list(
            uow.session.scalars(select(FollowUp).where(FollowUp.item_id.in_(item_ids)))
        )
        snapshot = take([meeting], participants, items, scores, links, follow_ups)
        for row in (*follow_ups, *links, *scores, *items, *participants, meeting):
            uow.session.delete(row)
            uow.flush()
        return Outcome(snapshot, uow.commit())


def restore_meeting(uow: UnitOfWork, snapshot: Snapshot) -> Outcome[MeetingDetail]:
    with uow:
        restore_rows(uow, snapshot)
        meeting_id = snapshot.rows[0][1][0]["id"]
        detail = load_detail(uow, meeting_id)
        return Outcome(detail, uow.commit())


# ---- participants -------------------------------------------------------------------------


def _participant_rules() -> dict[str, Any]:
    return {
        "name": lambda f, x: v.text(f, x, label=_("Name"), max_len=200, required=True),
        "kind": _kind,
        "organisation": lambda f, x: v.text(f, x, label=_("Organisation or role"), max_len=200),
    }


def _kind(field: str, value: Any) -> str:
    if value not in PARTICIPANT_KINDS:
        raise InvalidInput(Problem(field, _("Choose colleague or invited partner.")))
    return str(value)


def add_participant(
    uow: UnitOfWork,
    meeting_id: int,
    fields: Mapping[str, Any],
    *,
    restore: ParticipantDTO | None = None,
) -> Outcome[ParticipantDTO]:
    if restore is not None:
        fields = {f: getattr(restore, f) for f in PARTICIPANT_FIELDS}
    clean = _clean({"kind": "consultant", **fields}, _participant_rules())
    with uow:
        get(uow, Meeting, meeting_id)
        duplicate = uow.session.scalar(
            select(MeetingParticipant.id)
            .where(MeetingParticipant.meeting_id == meeting_id)
            .where(MeetingParticipant.name == clean["name"])
        )
        if duplicate is not None and restore is not None:
            raise conflict_error()  # added again by someone else meanwhile: not twice
        if duplicate is not None:
            raise InvalidInput(
                Problem("name", _("{name} is already a participant.").format(name=clean["name"]))
            )
        if restore is not None:
            ensure_free(uow, MeetingParticipant, [restore.id])
        extra = (
            {"id": restore.id, "position": restore.position}
            if restore is not None
            else {
                "position": next_position(
                    uow, MeetingParticipant.position, MeetingParticipant.meeting_id == meeting_id
                )
            }
        )
        row = MeetingParticipant(meeting_id=meeting_id, **extra, **clean)
        uow.session.add(row)
        uow.flush()
        dto = _participant_dto(row)
        return Outcome(dto, uow.commit())


def update_participant(
    uow: UnitOfWork,
    participant_id: int,
    changes: Mapping[str, Any],
    *,
    expected: Mapping[str, Any] | None = None,
) -> Outcome[ParticipantDTO]:
    clean = _clean(changes, _participant_rules())
    with uow:
        row = get(uow, MeetingParticipant, participant_id)
        apply(row, clean, expected=expected)
        uow.flush()
        dto = _participant_dto(row)
        return Outcome(dto, uow.commit())


def remove_participant(
    uow: UnitOfWork, participant_id: int, *, expected: ParticipantDTO | None = None
) -> Outcome[ParticipantDTO]:
    """Remove a participant; scores they gave stay (under the name they gave them with).

    `expected`: the participant as the caller last saw them (undo/redo); when someone else
    changed them since, ConflictError and nothing is removed.
    """
    with uow:
        row = get(uow, MeetingParticipant, participant_id)
        dto = _participant_dto(row)
        ensure_as_seen(dto, expected, ignore=("position",))
        uow.session.delete(row)
        return Outcome(dto, uow.commit())
