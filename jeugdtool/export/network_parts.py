"""The network meetings and goal judgements in a case file (`network_meetings`,
`goal_judgements`), and the links to a meeting from the scale scores given in its round and the
plan reviews held in it.

Export names every network meeting with a file-local id (nm1, nm2, … oldest first); a scale
score (`scale.scores[].network_meeting`), a plan review (`plans[].reviews[].network_meeting`) and
a goal judgement name the meeting by it, and a goal judgement names the review it was given at
by the review's id (r1, …). A meeting names the plan version discussed by its number, the
journal entry that records it by its id (j1, …) and the statements shared by their lineages
(S…); a statement no longer in the case is left out of `shared`, as the plan's `serves` does.
Import adds the meetings after every other part (they name the plan and the journal) and then
links the scores and reviews to them. See docs/case-format.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select
from sqlalchemy import update

from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.network_models import NetworkMeeting
from jeugdtool.dossier.network_models import NetworkMeetingAttendee
from jeugdtool.export.framework_parts import FileNames
from jeugdtool.export.framework_parts import Importer
from jeugdtool.export.framework_parts import source
from jeugdtool.export.part_columns import Columns
from jeugdtool.export.part_columns import date_of
from jeugdtool.export.part_columns import named
from jeugdtool.export.plan_parts import PlanNames
from jeugdtool.export.plan_parts import PlanRows
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.plan_models import GoalJudgement
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.framework.vocab import StatementType
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import oldest_first
from jeugdtool.store.uow import UnitOfWork

#: The parts this module writes and reads, in file order.
PARTS = ("network_meetings", "goal_judgements")


#: The fields of each kind of item, in file order (see part_columns).
MEETING = Columns(
    "id",
    "date",
    "place",
    "plan_version",
    "attendees",
    "shared",
    "told",
    "decisions",
    "journal_entry",
    own=("id", "date", "plan_version", "attendees", "shared", "journal_entry"),
)
JUDGEMENT = Columns(
    "goal",
    "date",
    "judgement",
    "seen_since",
    "note",
    "judged_by",
    "review",
    "network_meeting",
    dates=("seen_since",),
    own=("goal", "date", "review", "network_meeting"),
)


# ---------------------------------------------------------------- export


def meeting_ids(uow: UnitOfWork, household_id: int) -> dict[int, str]:
    """The file id (nm1, …) of each network meeting of the case, by database id: oldest first,
    so every part that names a meeting names it alike."""
    query = (
        select(NetworkMeeting.id)
        .where(NetworkMeeting.household_id == household_id)
        .order_by(NetworkMeeting.held_on, NetworkMeeting.id)
    )
    return {
        meeting_id: f"nm{number}"
        for number, meeting_id in enumerate(uow.session.scalars(query), start=1)
    }


def link_scores(
    uow: UnitOfWork,
    household_id: int,
    scale: dict[str, Any],
    scores: Mapping[int, str],
    meetings: Mapping[int, str],
) -> None:
    """Write, in each score of the exported `scale` part, the network meeting whose round gave
    it (`network_meeting`, the score's last field; null: none). `scores` are the file ids the
    scale part gave (by database id), `meetings` those of the meetings."""
    query = select(ScaleScore.id, ScaleScore.network_meeting_id).where(
        ScaleScore.household_id == household_id, ScaleScore.network_meeting_id.is_not(None)
    )
    given = {
        scores[score_id]: meetings.get(meeting_id)
        for score_id, meeting_id in uow.session.execute(query)
        if score_id in scores
    }
    for score in scale["scores"]:
        score["network_meeting"] = given.get(score.get("id"))


def _shared(lineages: Sequence[str], names: FileNames) -> list[str]:
    out: list[str] = []
    for lineage in lineages:
        named = names.statements.get(lineage)
        if named is not None and named[0] not in out:
            out.append(named[0])
    return out


def _goals(names: FileNames) -> dict[str, str]:
    return {
        lineage: file_id
        for lineage, (file_id, kind) in names.statements.items()
        if kind == StatementType.SAFETY_GOAL.value
    }


def export_network(
    uow: UnitOfWork,
    household_id: int,
    persons: Mapping[int, str],
    network: Mapping[int, str],
    names: FileNames,
    plan: PlanNames,
    meetings: Mapping[int, str],
    entries: Mapping[int, str],
) -> dict[str, Any]:
    """`network_meetings` and `goal_judgements` of the case, inside an open unit of work.

    `meetings` are the meetings' file ids (meeting_ids); `persons`, `network`, `names`, `plan`
    and `entries` (journal entry id -> j1, …) the file ids the rest of the file already gave.
    A judgement about a goal no longer on the map is left out (it names nothing in the file).
    """
    session = uow.session
    rows = oldest_first(session, NetworkMeeting.household_id, household_id, NetworkMeeting.held_on)
    attendees = children_in_order(
        session, NetworkMeetingAttendee.meeting_id, [row.id for row in rows]
    )
    out_meetings = [
        MEETING.dump(
            row,
            id=meetings[row.id],
            date=row.held_on.isoformat(),
            plan_version=named(plan.versions, row.plan_version_id),
            attendees=[
                {"who": source(a, persons, network), "chaired": a.chaired}
                for a in attendees[row.id]
            ],
            shared=_shared(row.shared, names),
            journal_entry=named(entries, row.journal_entry_id),
        )
        for row in rows
    ]
    goals = _goals(names)
    judgements = oldest_first(
        session, GoalJudgement.household_id, household_id, GoalJudgement.judged_on
    )
    out_judgements = [
        JUDGEMENT.dump(
            row,
            goal=goals[row.goal_lineage],
            date=row.judged_on.isoformat(),
            review=named(plan.reviews, row.review_id),
            network_meeting=named(meetings, row.network_meeting_id),
        )
        for row in judgements
        if row.goal_lineage in goals
    ]
    return {"network_meetings": out_meetings, "goal_judgements": out_judgements}


# ---------------------------------------------------------------- import


def _add_meetings(
    importer: Importer,
    meetings: Sequence[Mapping[str, Any]],
    plan: PlanRows,
    entries: Mapping[str, JournalEntry],
) -> dict[str, NetworkMeeting]:
    session, household_id = importer.uow.session, importer.household_id
    # Oldest first, as the program lists them; the file order decides between equal dates.
    ordered = sorted(meetings, key=lambda m: m["date"])
    rows: dict[str, NetworkMeeting] = {}
    for meeting in ordered:
        version, entry = meeting["plan_version"], meeting["journal_entry"]
        rows[meeting["id"]] = NetworkMeeting(
            **MEETING.load(
                meeting,
                household_id=household_id,
                held_on=date_of(meeting["date"]),
                # A file without the plan (made before it) names a version nothing has.
                plan_version_id=plan.versions.get(int(version)) if version is not None else None,
                shared=tuple(filter(None, (importer.lineage(ref) for ref in meeting["shared"]))),
                # A left-out working note is not in `entries` (see without_working_notes).
                journal_entry_id=entries[entry].id
                if entry is not None and entry in entries
                else None,
            )
        )
        session.add(rows[meeting["id"]])
    importer.uow.flush()  # their ids, for the attendees and what names them
    for meeting in ordered:
        for position, attendee in enumerate(meeting["attendees"], start=1):
            session.add(
                NetworkMeetingAttendee(
                    household_id=household_id,
                    meeting_id=rows[meeting["id"]].id,
                    position=position,
                    chaired=attendee["chaired"],
                    **importer.source(attendee["who"]),
                )
            )
    return rows


def _link(importer: Importer, links: Sequence[tuple[Any, int, int]]) -> None:
    """Point the added scores and reviews given in a meeting to it. They were added before the
    meetings (which name the plan and the journal, added after them): the link is written
    directly, so the import stays "created" in the history, as it is, rather than "created"
    and then "changed"."""
    for model in (ScaleScore, PlanReview):
        rows = [{"row": row, "meeting": m} for kind, row, m in links if kind is model]
        if rows:
            table = model.__table__
            statement = (
                update(table)
                .where(table.c.id == bindparam("row"))
                .values(network_meeting_id=bindparam("meeting"))
            )
            importer.uow.session.execute(statement, rows)


def import_network(
    importer: Importer,
    doc: Mapping[str, Any],
    plan: PlanRows,
    entries: Mapping[str, JournalEntry],
) -> None:
    """Add the checked document's network meetings and goal judgements to the new household,
    in the import's own unit of work, and link the scores and reviews given in a meeting to
    it. `importer` has added every other part; `plan` and `entries` are what the plan and the
    journal import added. Each part may be missing (an older file)."""
    meetings = _add_meetings(importer, doc.get("network_meetings") or [], plan, entries)
    scale = doc.get("scale") or {}
    links = [
        (ScaleScore, importer.scores[score["id"]].id, meetings[score["network_meeting"]].id)
        for score in scale.get("scores") or []
        if score.get("network_meeting") is not None
    ]
    links += [(PlanReview, row.id, meetings[ref].id) for row, ref in plan.in_meetings]
    _link(importer, links)
    judgements = sorted(doc.get("goal_judgements") or [], key=lambda j: j["date"])
    importer.uow.session.add_all(
        GoalJudgement(
            **JUDGEMENT.load(
                judgement,
                household_id=importer.household_id,
                goal_lineage=str(importer.lineage(judgement["goal"])),
                judged_on=date_of(judgement["date"]),
                review_id=plan.reviews[judgement["review"]].id
                if judgement["review"] in plan.reviews
                else None,
                network_meeting_id=meetings[judgement["network_meeting"]].id
                if judgement["network_meeting"] is not None
                else None,
            )
        )
        for judgement in judgements
    )
    importer.uow.flush()
