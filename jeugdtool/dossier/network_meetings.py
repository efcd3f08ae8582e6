"""Services of network meetings (netwerkberaad): the record of a meeting with the family's
network, and what is done in the same sitting — a scale round of the attendees, acceptance of
the draft's agreements per attendee, a plan review with the goals' judgements.

Recording a meeting also writes it in the case journal (kind "network_meeting", the attendees
as participants, linked to the statements shared) and, when the network was told the worries
or goals, sets "told on" (the meeting's date) for those of the current draft's safety network
who attended and were not told before. Removing a meeting (the undo of recording it) takes its
journal entry along — only while its author may still change that entry, as for a kindcheck —
and clears the "told on" dates it set; `restore_meeting` puts everything back.

Scores, reviews and judgements given in a meeting point to it; each is undone with its own
service (`scale.remove_score`, `plan_reviews.remove_review`, `plans.record_acceptance`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import cast

from sqlalchemy import select

from jeugdtool.cases.households import case_history
from jeugdtool.cases.households import ensure_open
from jeugdtool.cases.staff import StaffMember
from jeugdtool.dossier import journal
from jeugdtool.dossier import journal_rules
from jeugdtool.dossier import network_rules as rules
from jeugdtool.dossier import policy
from jeugdtool.dossier.dto import JournalLinkDTO
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.network_dto import AttendeeDTO
from jeugdtool.dossier.network_dto import AttendeeInput
from jeugdtool.dossier.network_dto import MeetingDetail
from jeugdtool.dossier.network_dto import MeetingDTO
from jeugdtool.dossier.network_dto import MeetingInput
from jeugdtool.dossier.network_dto import RoundScore
from jeugdtool.dossier.network_dto import SharedStatement
from jeugdtool.dossier.network_models import NetworkMeeting
from jeugdtool.dossier.network_models import NetworkMeetingAttendee
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.framework import goals
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework._common import open_row
from jeugdtool.framework._common import source_columns
from jeugdtool.framework._common import source_of
from jeugdtool.framework._common import source_of_columns
from jeugdtool.framework.dto import Source
from jeugdtool.framework.goal_dto import JudgementInput
from jeugdtool.framework.models import MappingMoment
from jeugdtool.framework.models import ScaleScore
from jeugdtool.framework.models import Statement
from jeugdtool.framework.plan_dto import AgreementDTO
from jeugdtool.framework.plan_dto import ReviewDTO
from jeugdtool.framework.plan_models import Agreement
from jeugdtool.framework.plan_models import AgreementParty
from jeugdtool.framework.plan_models import GoalJudgement
from jeugdtool.framework.plan_models import PlanNetworkRole
from jeugdtool.framework.plan_models import PlanReview
from jeugdtool.framework.plan_models import PlanVersion
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.plan_rules import person_key
from jeugdtool.framework.scale_dto import ScoreDTO
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import PlanStatus
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _
from jeugdtool.store import org_settings
from jeugdtool.store import snapshot
from jeugdtool.store.changes import Outcome
from jeugdtool.store.guards import ensure_as_seen
from jeugdtool.store.rows import apply
from jeugdtool.store.rows import as_dto
from jeugdtool.store.rows import children_in_order
from jeugdtool.store.rows import committed
from jeugdtool.store.rows import get
from jeugdtool.store.snapshot import Snapshot
from jeugdtool.store.uow import UnitOfWork

__all__ = [
    "AttendeeInput",
    "MeetingDTO",
    "MeetingDetail",
    "MeetingInput",
    "RoundScore",
    "accept_in_meeting",
    "get_meeting",
    "list_meetings",
    "record_meeting",
    "remove_meeting",
    "restore_meeting",
    "review_in_meeting",
    "score_round",
    "update_meeting",
]

#: What a detail holds that follows from the clock and other entries, not from the meeting.
_DERIVED = ("editable", "editable_until", "corrected_by")


# ---- reading --------------------------------------------------------------------------------


def _attendee_rows(uow: UnitOfWork, ids: Sequence[int]) -> dict[int, list[NetworkMeetingAttendee]]:
    return children_in_order(uow.session, NetworkMeetingAttendee.meeting_id, ids)


def _meeting_dto(row: NetworkMeeting, attendees: Sequence[NetworkMeetingAttendee]) -> MeetingDTO:
    return as_dto(
        MeetingDTO,
        row,
        attendees=tuple(as_dto(AttendeeDTO, a, source=source_of(a)) for a in attendees),
    )


def _newest_statements(uow: UnitOfWork, case_id: int, lineages: Iterable[str]) -> dict[str, Any]:
    """Per lineage, the newest version of the case's statement (by its moment's date)."""
    wanted = list(lineages)
    if not wanted:
        return {}
    rows = uow.session.scalars(
        select(Statement)
        .join(MappingMoment, MappingMoment.id == Statement.moment_id)
        .where(Statement.household_id == case_id, Statement.lineage.in_(wanted))
        .order_by(MappingMoment.held_on, MappingMoment.id, Statement.id)
    )
    return {row.lineage: row for row in rows}


def _statement_text(row: Statement) -> str:
    return row.text or row.behaviour or row.carers_will or _("(statement without text)")


def _shared(uow: UnitOfWork, row: NetworkMeeting) -> tuple[SharedStatement, ...]:
    found = _newest_statements(uow, row.household_id, row.shared)
    return tuple(
        SharedStatement(lineage, found[lineage].type, _statement_text(found[lineage]))
        if lineage in found
        else SharedStatement(lineage, "", _("(no longer on the map)"))
        for lineage in row.shared
    )


def _detail(uow: UnitOfWork, row: NetworkMeeting) -> MeetingDetail:
    """Inside an open unit of work: the meeting with everything done in it."""
    meeting = _meeting_dto(row, _attendee_rows(uow, [row.id])[row.id])
    scores = uow.session.scalars(
        select(ScaleScore)
        .where(ScaleScore.network_meeting_id == row.id)
        .order_by(ScaleScore.scored_on, ScaleScore.id)
    )
    reviews = list(
        uow.session.scalars(
            select(PlanReview)
            .where(PlanReview.network_meeting_id == row.id)
            .order_by(PlanReview.held_on, PlanReview.id)
        )
    )
    judged = uow.session.scalars(
        select(GoalJudgement)
        .where(GoalJudgement.network_meeting_id == row.id)
        .order_by(GoalJudgement.judged_on, GoalJudgement.id)
    )
    entry = (
        uow.session.get(JournalEntry, row.journal_entry_id)
        if row.journal_entry_id is not None
        else None
    )
    return MeetingDetail(
        meeting=meeting,
        shared=_shared(uow, row),
        scores=tuple(scale.score_dto(s) for s in scores),
        reviews=tuple(plan_reviews.loaded_reviews(uow, reviews)),
        judgements=tuple(goals.judgement_dto(j) for j in judged),
        journal_entry=(
            journal.entry_dto(uow, entry) if entry is not None and not entry.working_note else None
        ),
    )


def list_meetings(uow: UnitOfWork, case_id: int) -> list[MeetingDTO]:
    """The case's network meetings, newest first, with their attendees."""
    with uow:
        rows = case_history(uow, case_id, NetworkMeeting.held_on)
        attendees = _attendee_rows(uow, [r.id for r in rows])
        return [_meeting_dto(r, attendees[r.id]) for r in rows]


def get_meeting(uow: UnitOfWork, meeting_id: int) -> MeetingDetail:
    """A meeting with its attendees, what was shared, the scores of its round, the reviews
    held and the goals judged in it, and its journal entry."""
    with uow:
        return _detail(uow, get(uow, NetworkMeeting, meeting_id))


# ---- checks inside a unit of work -------------------------------------------------------------


def _attendee_columns(
    uow: UnitOfWork, case_id: int, attendees: Sequence[AttendeeInput]
) -> list[dict[str, Any]]:
    """Each attendee's columns, checked against the case (the consultant without a name is the
    user); every problem at once."""
    found: list[dict[str, Any]] = []
    with collect() as problems:
        for index, attendee in enumerate(attendees):
            source = attendee.source
            if SourceKind(source.kind) is SourceKind.CONSULTANT and not source.label.strip():
                source = Source(kind=SourceKind.CONSULTANT, label=uow.author)
            try:
                columns = source_columns(uow, case_id, source)
            except InvalidInput as bad:
                problems.found.extend(
                    Problem(f"attendees[{index}]", p.message) for p in bad.problems
                )
                continue
            found.append({**columns, "chaired": bool(attendee.chaired)})
    keys = [person_key(source_of_columns(c)) for c in found]
    if len(set(keys)) != len(keys):
        raise InvalidInput.at("attendees", _("Each person attends once; one is named twice."))
    return found


def _check_shared(uow: UnitOfWork, case_id: int, shared: Sequence[str]) -> dict[str, Any]:
    found = _newest_statements(uow, case_id, shared)
    if set(shared) - set(found):
        raise InvalidInput.at(
            "shared",
            _("A statement marked as shared is no longer in this case; refresh the screen."),
        )
    return found


def _plan_version(uow: UnitOfWork, case_id: int, version_id: int | None) -> int | None:
    """The version discussed: the one given (of this case), else the case's newest."""
    if version_id is None:
        return uow.session.scalar(
            select(PlanVersion.id)
            .where(PlanVersion.household_id == case_id)
            .order_by(PlanVersion.number.desc())
            .limit(1)
        )
    row = uow.session.get(PlanVersion, version_id)
    if row is None or row.household_id != case_id:
        raise InvalidInput.at("plan_version_id", _("Choose a version of this case's plan."))
    return row.id


def _set_attendees(
    uow: UnitOfWork, meeting: NetworkMeeting, columns: Sequence[Mapping[str, Any]]
) -> list[NetworkMeetingAttendee]:
    """The meeting's attendees as `columns` say, in that order; someone already there keeps
    their row (and takes the name as now given)."""
    existing = {person_key(source_of(a)): a for a in _attendee_rows(uow, [meeting.id])[meeting.id]}
    rows: list[NetworkMeetingAttendee] = []
    for position, values in enumerate(columns, 1):
        key = person_key(source_of_columns(values))
        row = existing.pop(key, None)
        if row is None:
            row = NetworkMeetingAttendee(
                meeting_id=meeting.id, household_id=meeting.household_id, **values
            )
            uow.session.add(row)
        else:
            apply(row, {k: x for k, x in values.items() if getattr(row, k) != x})
        if row.position != position:
            row.position = position
        rows.append(row)
    for gone in existing.values():
        uow.session.delete(gone)
    uow.flush()
    return rows


def _entry_fields(
    meeting: NetworkMeeting,
    attendees: Sequence[NetworkMeetingAttendee],
    statements: Mapping[str, Statement],
) -> dict[str, Any]:
    """The journal entry's fields for the meeting, as the journal's rules clean them."""
    chair = next((a.source_label for a in attendees if a.chaired), "")
    shared = [_statement_text(statements[lineage]) for lineage in meeting.shared]
    note = rules.journal_note(
        place=meeting.place,
        chair=chair,
        shared=shared,
        told=meeting.told,
        decisions=meeting.decisions,
    )
    links = [
        JournalLinkDTO(LinkKind.STATEMENT.value, lineage, _statement_text(statements[lineage]))
        for lineage in meeting.shared
    ]
    return journal_rules.clean_entry(
        {
            "occurred_on": meeting.held_on,
            "kind": JournalKind.NETWORK_MEETING.value,
            "note": note,
            "participants": [a.source_label for a in attendees],
            "links": links,
        },
        new=True,
        today=meeting.held_on,
    )


def _write_entry(
    uow: UnitOfWork, meeting: NetworkMeeting, clean: dict[str, Any], author: StaffMember | None
) -> JournalEntry:
    links = clean.pop("links", ())
    entry = JournalEntry(
        household_id=meeting.household_id,
        author=(author.name if author is not None else uow.author)[:200],
        author_id=author.id if author is not None else uow.person_id,
        working_note=False,
        **clean,
    )
    uow.session.add(entry)
    uow.flush()
    journal.set_links(uow, entry, links)
    return entry


def _draft_roles(uow: UnitOfWork, case_id: int) -> list[PlanNetworkRole]:
    """The safety network of the case's current draft (none without a draft)."""
    draft = uow.session.scalar(
        select(PlanVersion.id).where(
            PlanVersion.household_id == case_id, PlanVersion.status == PlanStatus.DRAFT.value
        )
    )
    if draft is None:
        return []
    return plans.in_version(uow, PlanNetworkRole, draft)


def _mark_told(uow: UnitOfWork, meeting: NetworkMeeting) -> None:
    """Those of the draft's safety network who attended a meeting in which the network was
    told the worries or goals, and were not told before, are told on its date."""
    if not rules.something_told(meeting.shared, meeting.told):
        return
    sources = [source_of(a) for a in _attendee_rows(uow, [meeting.id])[meeting.id]]
    for role in _draft_roles(uow, meeting.household_id):
        if role.told_on is None and rules.attended(source_of(role), sources):
            role.told_on = meeting.held_on
    uow.flush()


def _unmark_told(uow: UnitOfWork, meeting: NetworkMeeting) -> None:
    """Undo of `_mark_told` before the meeting goes: "told on" cleared where it is this
    meeting's date, for those who attended it and no other meeting of that day that told."""
    if not rules.something_told(meeting.shared, meeting.told):
        return
    others = [
        other.id
        for other in uow.session.scalars(
            select(NetworkMeeting).where(
                NetworkMeeting.household_id == meeting.household_id,
                NetworkMeeting.held_on == meeting.held_on,
                NetworkMeeting.id != meeting.id,
            )
        )
        if rules.something_told(other.shared, other.told)
    ]
    told_elsewhere = [source_of(a) for rows in _attendee_rows(uow, others).values() for a in rows]
    sources = [source_of(a) for a in _attendee_rows(uow, [meeting.id])[meeting.id]]
    for role in _draft_roles(uow, meeting.household_id):
        who = source_of(role)
        if (
            role.told_on == meeting.held_on
            and rules.attended(who, sources)
            and not rules.attended(who, told_elsewhere)
        ):
            role.told_on = None
    uow.flush()


# ---- recording, correcting, removing ----------------------------------------------------------


def record_meeting(
    uow: UnitOfWork, case_id: int, data: MeetingInput, *, author: StaffMember | None = None
) -> Outcome[MeetingDetail]:
    """Record a network meeting of an open case, its journal entry (by `author`, default the
    user) and the safety network's "told on" dates, in one transaction."""
    clean = rules.clean_meeting(data, today=dt.date.today())
    with uow:
        ensure_open(uow, case_id)
        columns = _attendee_columns(uow, case_id, data.attendees)
        statements = _check_shared(uow, case_id, clean["shared"])
        version_id = _plan_version(uow, case_id, data.plan_version_id)
        meeting = NetworkMeeting(household_id=case_id, plan_version_id=version_id, **clean)
        uow.session.add(meeting)
        uow.flush()
        attendees = _set_attendees(uow, meeting, columns)
        entry = _write_entry(uow, meeting, _entry_fields(meeting, attendees, statements), author)
        meeting.journal_entry_id = entry.id
        _mark_told(uow, meeting)
        return committed(uow, lambda: _detail(uow, meeting))


def _as_seen(detail: MeetingDetail, expected: MeetingDetail | MeetingDTO | None) -> None:
    if isinstance(expected, MeetingDTO):
        ensure_as_seen(detail.meeting, expected)
    else:
        ensure_as_seen(detail, expected, ignore=_DERIVED)


def _entry_may_change(uow: UnitOfWork, entry: JournalEntry) -> bool:
    return journal_rules.is_editable(
        entry.author_id,
        entry.recorded_at,
        uow.person_id,
        dt.date.today(),
        policy.read_setting(uow, org_settings.JOURNAL_EDIT_DAYS),
    )


def update_meeting(
    uow: UnitOfWork,
    meeting_id: int,
    data: MeetingInput,
    *,
    expected: MeetingDetail | MeetingDTO | None = None,
) -> Outcome[MeetingDetail]:
    """Correct a meeting (every field of `data`; `plan_version_id` None keeps the version).
    Its journal entry follows while its author may still change it (else it stays as written:
    correct it in the journal). Attendees now told are marked as `record_meeting` marks them.
    `expected`: the meeting as the caller last saw it (ConflictError when it changed since)."""
    clean = rules.clean_meeting(data, today=dt.date.today())
    with uow:
        row = open_row(uow, NetworkMeeting, meeting_id)
        _as_seen(_detail(uow, row), expected)
        columns = _attendee_columns(uow, row.household_id, data.attendees)
        statements = _check_shared(uow, row.household_id, clean["shared"])
        if data.plan_version_id is not None:
            clean["plan_version_id"] = _plan_version(uow, row.household_id, data.plan_version_id)
        apply(row, {k: x for k, x in clean.items() if getattr(row, k) != x})
        attendees = _set_attendees(uow, row, columns)
        entry = (
            uow.session.get(JournalEntry, row.journal_entry_id)
            if row.journal_entry_id is not None
            else None
        )
        if entry is not None and _entry_may_change(uow, entry):
            fields = _entry_fields(row, attendees, statements)
            links = fields.pop("links")
            apply(entry, {k: x for k, x in fields.items() if getattr(entry, k) != x})
            journal.set_links(uow, entry, links)
        _mark_told(uow, row)
        return committed(uow, lambda: _detail(uow, row))


def remove_meeting(
    uow: UnitOfWork, meeting_id: int, *, expected: MeetingDetail | MeetingDTO | None = None
) -> Outcome[Snapshot]:
    """Remove a meeting with its attendees and journal entry (the undo of recording it) and
    clear the "told on" dates it set; `restore_meeting` puts it back. Refused (EntryReadOnly,
    saying to add a correction) once its journal entry is past the editing period, someone
    else's, or corrected. Scores, reviews and judgements given in it stay, no longer pointing
    to it (undo takes those back first, each with its own service). `expected`: the meeting
    as the caller last saw it (ConflictError when it changed since)."""
    with uow:
        row = open_row(uow, NetworkMeeting, meeting_id)
        _as_seen(_detail(uow, row), expected)
        entry = (
            uow.session.get(JournalEntry, row.journal_entry_id)
            if row.journal_entry_id is not None
            else None
        )
        if entry is not None:
            journal.ensure_removable_with(uow, entry)
        _unmark_told(uow, row)
        attendees = _attendee_rows(uow, [row.id])[row.id]
        return snapshot.remove_and_commit(
            uow, row, *attendees, *([entry] if entry is not None else [])
        )


def restore_meeting(uow: UnitOfWork, taken: Snapshot) -> Outcome[MeetingDetail]:
    """Put a removed meeting back with its ids, attendees and journal entry (undo of
    `remove_meeting`, redo of recording), and mark "told on" again; refused when the case is
    closed or an attendee left the case meanwhile."""
    values = taken.values
    with uow:
        case_id = values["household_id"]
        ensure_open(uow, case_id)
        plans.ensure_still_named(uow, case_id, taken.of(NetworkMeetingAttendee))
        row = cast(NetworkMeeting, snapshot.put_back(uow, taken))
        _mark_told(uow, row)
        return committed(uow, lambda: _detail(uow, row))


# ---- the same sitting: scale round, acceptances, review ---------------------------------------


def _sources(uow: UnitOfWork, meeting: NetworkMeeting) -> list[Source]:
    return [source_of(a) for a in _attendee_rows(uow, [meeting.id])[meeting.id]]


def _prefixed(error: InvalidInput, prefix: str) -> list[Problem]:
    return [Problem(prefix + p.field, p.message) for p in error.problems]


def score_round(
    uow: UnitOfWork, meeting_id: int, scores: Sequence[RoundScore]
) -> Outcome[list[ScoreDTO]]:
    """The meeting's scale round: each attendee's score on its date, in the context "network
    meeting", pointing to it — all or none (every problem at once, under `scores[i].`). The
    consultant may score without being listed; anyone else must have attended. Each person
    scores the case (or a danger statement) once per round."""
    with uow:
        meeting = open_row(uow, NetworkMeeting, meeting_id)
        present = _sources(uow, meeting)
        earlier = uow.session.scalars(
            select(ScaleScore).where(ScaleScore.network_meeting_id == meeting.id)
        )
        taken = {(person_key(source_of(s)), s.about) for s in earlier}
        rows: list[ScaleScore] = []
        with collect() as problems:
            for index, given in enumerate(scores):
                prefix = f"scores[{index}]."
                kind = SourceKind(given.source.kind)
                if kind is not SourceKind.CONSULTANT and not rules.attended(given.source, present):
                    problems.add(
                        Problem(
                            prefix + "source",
                            _("Only someone who attended the meeting scores in its round."),
                        )
                    )
                    continue
                fields = {
                    "scored_on": meeting.held_on,
                    "source": given.source,
                    "role": given.role,
                    "score": given.score,
                    "reason": given.reason,
                    "one_higher": given.one_higher,
                    "about": given.about,
                    "context": ScoreContext.NETWORK_MEETING,
                }
                try:
                    clean = scale.clean_score_fields(uow, meeting.household_id, fields)
                except InvalidInput as bad:
                    problems.found.extend(_prefixed(bad, prefix))
                    continue
                key = (person_key(source_of_columns(clean)), clean["about"])
                if key in taken:
                    problems.add(
                        Problem(
                            prefix + "source",
                            _("{name} already scored this in the meeting's round.").format(
                                name=clean["source_label"]
                            ),
                        )
                    )
                    continue
                taken.add(key)
                rows.append(
                    ScaleScore(
                        household_id=meeting.household_id, network_meeting_id=meeting.id, **clean
                    )
                )
        uow.session.add_all(rows)
        return committed(uow, lambda: [scale.score_dto(r) for r in rows])


def accept_in_meeting(
    uow: UnitOfWork, meeting_id: int, acceptances: Sequence[tuple[int, bool | None]]
) -> Outcome[list[AgreementDTO]]:
    """Per named person of the draft's agreements (party id): accepted, refused or None (not
    asked), in the meeting on its date — all or none. Only attendees accept in a meeting.
    Returns the agreements touched, in the order first named. Undo: `plans.record_acceptances`
    with the values before."""
    with uow:
        meeting = open_row(uow, NetworkMeeting, meeting_id)
        present = _sources(uow, meeting)
        touched: dict[int, Agreement] = {}
        # The people named, read at once; each agreement checked once (not per person).
        ids = [party_id for party_id, _answer in acceptances]
        named = {
            p.id: p
            for p in uow.session.scalars(select(AgreementParty).where(AgreementParty.id.in_(ids)))
        }
        editable: dict[int, Agreement] = {}
        with collect() as problems:
            for index, (party_id, accepted) in enumerate(acceptances):
                field = f"acceptances[{index}]"
                party = named.get(party_id)
                if party is None or party.household_id != meeting.household_id:
                    problems.add(
                        Problem(field, _("This person is no longer named in the agreement."))
                    )
                    continue
                with problems.catching():
                    agreement = editable.get(party.agreement_id) or plans.editable_row(
                        uow, Agreement, party.agreement_id
                    )
                    editable[agreement.id] = agreement
                    if not rules.attended(source_of(party), present):
                        raise InvalidInput.at(
                            field,
                            _(
                                "{name} did not attend this meeting; record their "
                                "acceptance on the plan page."
                            ).format(name=party.source_label),
                        )
                    party.accepted = accepted
                    party.accepted_on = meeting.held_on if accepted is not None else None
                    party.accepted_how = AcceptedHow.MEETING.value if accepted is not None else None
                    touched.setdefault(agreement.id, agreement)
        for agreement in touched.values():
            plans.follow_acceptance(uow, agreement)
        return committed(uow, lambda: [plans.loaded_agreement(uow, a) for a in touched.values()])


def review_in_meeting(
    uow: UnitOfWork,
    meeting_id: int,
    version_id: int,
    note: str,
    results: Sequence[ResultInput],
    judgements: Sequence[JudgementInput] = (),
) -> Outcome[ReviewDTO]:
    """A review of a finalised version held in the meeting, on its date, with the goals'
    judgements (`plan_reviews.add_review`); undo: `plan_reviews.remove_review`."""
    with uow:
        meeting = open_row(uow, NetworkMeeting, meeting_id)
        version = get(uow, PlanVersion, version_id)
        if version.household_id != meeting.household_id:
            raise InvalidInput.at("plan_version_id", _("Choose a version of this case's plan."))
        held_on = meeting.held_on
    return plan_reviews.add_review(
        uow, version_id, held_on, note, results, judgements, network_meeting_id=meeting_id
    )
