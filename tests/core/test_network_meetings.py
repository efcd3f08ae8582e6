"""Network meetings (netwerkberaad) in one sitting: the record with its journal entry and the
safety network told, the scale round, acceptances per attendee, a review with the goals'
judgements; undo through snapshot and restore, refused when someone changed things meanwhile."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from jeugdtool.cases import households
from jeugdtool.cases import members
from jeugdtool.dossier import journal
from jeugdtool.dossier import network_meetings
from jeugdtool.dossier import network_rules
from jeugdtool.dossier.models import JournalEntry
from jeugdtool.dossier.network_dto import AttendeeInput
from jeugdtool.dossier.network_dto import MeetingInput
from jeugdtool.dossier.network_dto import RoundScore
from jeugdtool.dossier.network_models import NetworkMeeting
from jeugdtool.dossier.network_models import NetworkMeetingAttendee
from jeugdtool.dossier.vocab import JournalKind
from jeugdtool.dossier.vocab import LinkKind
from jeugdtool.errors import CaseClosed
from jeugdtool.errors import ConflictError
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import goals
from jeugdtool.framework import moments
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_reviews
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework import scale
from jeugdtool.framework import statements
from jeugdtool.framework.dto import Source
from jeugdtool.framework.goal_dto import JudgementInput
from jeugdtool.framework.plan_reviews import ResultInput
from jeugdtool.framework.vocab import AcceptedHow
from jeugdtool.framework.vocab import AgreementStatus
from jeugdtool.framework.vocab import Judgement
from jeugdtool.framework.vocab import RaterRole
from jeugdtool.framework.vocab import ScoreContext
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.framework.vocab import StatementType
from jeugdtool.i18n import _

pytestmark = pytest.mark.both_backends

TODAY = dt.date.today()
DAY = dt.timedelta(days=1)
HELD = TODAY - 2 * DAY


@dataclasses.dataclass
class Setting:
    case_id: int
    mum: Source
    ria: Source
    buurman: Source
    danger: str
    goal: str
    final_id: int
    draft_id: int
    agreement_id: int


def _role_of(uow, version_id: int, source: Source):
    network = plans.get_plan(uow, version_id).network
    return next(
        (
            r
            for r in network
            if r.source.network_id == source.network_id
            and r.source.person_id == source.person_id
            and r.source.kind == source.kind
        ),
        None,
    )


@pytest.fixture
def setting(uow, case) -> Setting:
    mum_dto = members.add_person(uow, case.id, {"first_name": "Sanne", "role": "parent"}).value
    ria_dto = members.add_network_member(
        uow, case.id, {"name": "oma Ria", "kind": "family", "safety_network": True}
    ).value
    mum = Source(SourceKind.PERSON, person_id=mum_dto.id)
    ria = Source(SourceKind.NETWORK, network_id=ria_dto.id)
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=TODAY - 90 * DAY).value
    danger = statements.add_statement(
        uow, moment.id, StatementType.DANGER, {"behaviour": "schreeuwt", "text": "Wij zijn bezorgd"}
    ).value
    goal = statements.add_statement(
        uow,
        moment.id,
        StatementType.SAFETY_GOAL,
        {"carers_will": "Er is rust", "text": "Er is 's avonds rust in huis"},
    ).value
    first = plans.start_draft(uow, case.id).value
    plan_finalise.finalise(
        uow, first.id, by="A. de Boer", override_reason="test", today=TODAY - 30 * DAY
    )
    draft = plans.start_draft(uow, case.id).value
    for who, role in ((ria, "haalt Noa op"), (mum, "belt oma bij zorgen")):
        if _role_of(uow, draft.id, who) is None:
            plan_sections.add_network_role(uow, draft.id, {"source": who, "role": role})
    agreement = plans.add_agreement(
        uow, draft.id, {"what": "Oma Ria haalt Noa elke woensdag op", "parties": [mum, ria]}
    ).value
    return Setting(
        case.id,
        mum,
        ria,
        Source(SourceKind.OTHER, label="buurman Ahmed"),
        danger.lineage,
        goal.lineage,
        first.id,
        draft.id,
        agreement.id,
    )


def _meeting(s: Setting, **changes) -> MeetingInput:
    values = {
        "held_on": HELD,
        "place": "Buurthuis De Schakel",
        "attendees": (
            AttendeeInput(s.mum),
            AttendeeInput(s.ria),
            AttendeeInput(Source(SourceKind.CONSULTANT), chaired=True),
        ),
        "shared": (s.danger, s.goal),
        "told": "De zorgen over de avonden",
        "decisions": "Oma komt op woensdag",
    }
    return MeetingInput(**{**values, **changes})


def _count(uow, model, **where) -> int:
    with uow:
        query = uow.session.query(model)
        for name, value in where.items():
            query = query.filter(getattr(model, name) == value)
        return query.count()


# ---- the rules ------------------------------------------------------------------------------


def test_a_meeting_needs_a_date_someone_there_each_once_and_one_chair(setting) -> None:
    s = setting
    with pytest.raises(InvalidInput) as bad:
        network_rules.clean_meeting(MeetingInput(held_on=None), today=TODAY)
    assert set(p.field for p in bad.value.problems) == {"held_on", "attendees"}
    twice = (AttendeeInput(s.ria, chaired=True), AttendeeInput(s.ria))
    with pytest.raises(InvalidInput) as bad:
        network_rules.clean_meeting(_meeting(s, attendees=twice), today=TODAY)
    assert bad.value.for_field("attendees") == [_("Each person attends once; one is named twice.")]
    chairs = (AttendeeInput(s.ria, chaired=True), AttendeeInput(s.mum, chaired=True))
    with pytest.raises(InvalidInput) as bad:
        network_rules.clean_meeting(_meeting(s, attendees=chairs), today=TODAY)
    assert bad.value.for_field("attendees")
    with pytest.raises(InvalidInput) as bad:
        network_rules.clean_meeting(_meeting(s, held_on=TODAY + DAY), today=TODAY)
    assert bad.value.for_field("held_on")


# ---- one sitting ----------------------------------------------------------------------------


def test_one_sitting_records_scores_accepts_and_reviews(uow, setting) -> None:
    s = setting
    done = network_meetings.record_meeting(uow, s.case_id, _meeting(s))
    detail = done.value
    meeting = detail.meeting
    assert done.changes.touches("network_meeting", "journal_entry", "plan_network_role")
    assert [a.source.label for a in meeting.attendees] == ["Sanne", "oma Ria", "A. de Boer"]
    assert meeting.chair is not None and meeting.chair.source.label == "A. de Boer"
    assert meeting.plan_version_id == s.draft_id  # the newest version, the draft
    assert [x.text for x in detail.shared] == ["Wij zijn bezorgd", "Er is 's avonds rust in huis"]

    # The journal records it: its kind, the attendees, the statements shared.
    entry = detail.journal_entry
    assert entry is not None and entry.kind == JournalKind.NETWORK_MEETING.value
    assert entry.occurred_on == HELD
    assert entry.participants == ("Sanne", "oma Ria", "A. de Boer")
    assert [(link.kind, link.key) for link in entry.links] == [
        (LinkKind.STATEMENT.value, s.danger),
        (LinkKind.STATEMENT.value, s.goal),
    ]
    assert "Oma komt op woensdag" in entry.note
    assert journal.journal(uow, s.case_id)[0].id == entry.id

    # Those of the draft's safety network who attended are told on the meeting's day.
    assert _role_of(uow, s.draft_id, s.ria).told_on == HELD
    assert _role_of(uow, s.draft_id, s.mum).told_on == HELD

    # The scale round of the attendees.
    round_ = network_meetings.score_round(
        uow,
        meeting.id,
        [
            RoundScore(s.mum, RaterRole.PARENT, 6, "Het is rustiger"),
            RoundScore(s.ria, "network", "7", "Ik zie het elke woensdag", about=s.danger),
        ],
    ).value
    assert [(x.score, x.scored_on, x.context) for x in round_] == [
        (6, HELD, ScoreContext.NETWORK_MEETING),
        (7, HELD, ScoreContext.NETWORK_MEETING),
    ]

    # Acceptance per attendee, in the meeting on its day.
    agreement = plans.get_plan(uow, s.draft_id).agreements[0]
    accepted = network_meetings.accept_in_meeting(
        uow, meeting.id, [(p.id, True) for p in agreement.parties]
    ).value
    assert [(p.accepted, p.accepted_on, p.accepted_how) for p in accepted[0].parties] == [
        (True, HELD, AcceptedHow.MEETING),
        (True, HELD, AcceptedHow.MEETING),
    ]
    assert accepted[0].accepted_by_all
    # Everyone accepted in the meeting: the agreement is agreed (the plan page's rule).
    assert accepted[0].status == AgreementStatus.AGREED

    # A review of the finalised version with the goal's judgement.
    review = network_meetings.review_in_meeting(
        uow,
        meeting.id,
        s.final_id,
        "Goed beraad",
        [],
        [JudgementInput(s.goal, "met", seen_since=TODAY - 20 * DAY)],
    ).value
    assert (review.held_on, review.network_meeting_id) == (HELD, meeting.id)
    assert [(j.judgement, j.network_meeting_id) for j in review.judgements] == [
        (Judgement.MET, meeting.id)
    ]

    found = network_meetings.get_meeting(uow, meeting.id)
    assert [x.id for x in found.scores] == [x.id for x in round_]
    assert found.reviews == (review,)
    assert found.judgements == review.judgements
    assert network_meetings.list_meetings(uow, s.case_id) == [found.meeting]


def test_the_round_is_of_attendees_once_each_and_all_or_nothing(uow, setting) -> None:
    s = setting
    meeting = network_meetings.record_meeting(uow, s.case_id, _meeting(s)).value.meeting
    with pytest.raises(InvalidInput) as bad:
        network_meetings.score_round(
            uow,
            meeting.id,
            [
                RoundScore(s.mum, "parent", 6, "Rustiger"),
                RoundScore(s.buurman, "network", 5, "Weet niet"),
                RoundScore(s.ria, "network", 11, "Heel goed"),
                RoundScore(s.mum, "parent", 7, "Nog eens"),
            ],
        )
    assert bad.value.for_field("scores[1].source") == [
        _("Only someone who attended the meeting scores in its round.")
    ]
    assert bad.value.for_field("scores[2].score")
    assert bad.value.for_field("scores[3].source")
    assert scale.list_scores(uow, s.case_id) == ()
    network_meetings.score_round(uow, meeting.id, [RoundScore(s.mum, "parent", 6, "Rustiger")])
    with pytest.raises(InvalidInput):
        network_meetings.score_round(uow, meeting.id, [RoundScore(s.mum, "parent", 6, "Weer")])


def test_only_attendees_accept_in_the_meeting(uow, setting) -> None:
    s = setting
    data = _meeting(s, attendees=(AttendeeInput(s.mum, chaired=True),))
    meeting = network_meetings.record_meeting(uow, s.case_id, data).value.meeting
    parties = plans.get_plan(uow, s.draft_id).agreements[0].parties
    with pytest.raises(InvalidInput) as bad:
        network_meetings.accept_in_meeting(uow, meeting.id, [(p.id, True) for p in parties])
    assert bad.value.for_field("acceptances[1]")
    assert all(p.accepted is None for p in plans.get_plan(uow, s.draft_id).agreements[0].parties)
    # Someone not told before is told now; someone who did not attend is not.
    assert _role_of(uow, s.draft_id, s.ria).told_on is None
    assert _role_of(uow, s.draft_id, s.mum).told_on == HELD


def test_nothing_shared_marks_no_one_told(uow, setting) -> None:
    s = setting
    network_meetings.record_meeting(uow, s.case_id, _meeting(s, shared=(), told=""))
    assert _role_of(uow, s.draft_id, s.ria).told_on is None


def test_a_statement_or_person_of_another_case_is_refused(uow, setting) -> None:
    s = setting
    other = households.create_case(uow, name="Gezin Bakker").value
    with pytest.raises(InvalidInput) as bad:
        network_meetings.record_meeting(
            uow, other.id, _meeting(s, attendees=(AttendeeInput(s.mum),), shared=())
        )
    assert bad.value.for_field("attendees[0]")
    with pytest.raises(InvalidInput) as bad:
        network_meetings.record_meeting(
            uow, other.id, _meeting(s, attendees=(AttendeeInput(s.buurman),))
        )
    assert bad.value.for_field("shared")
    assert _count(uow, NetworkMeeting) == 0 and _count(uow, JournalEntry) == 0


# ---- undo -----------------------------------------------------------------------------------


def test_undo_takes_the_meeting_its_entry_and_told_on_away_and_redo_puts_them_back(
    uow, setting
) -> None:
    s = setting
    recorded = network_meetings.record_meeting(uow, s.case_id, _meeting(s)).value
    taken = network_meetings.remove_meeting(uow, recorded.meeting.id, expected=recorded).value
    assert _count(uow, NetworkMeeting) == 0
    assert _count(uow, NetworkMeetingAttendee) == 0
    assert _count(uow, JournalEntry) == 0
    assert _role_of(uow, s.draft_id, s.ria).told_on is None
    back = network_meetings.restore_meeting(uow, taken).value
    assert back.meeting.id == recorded.meeting.id
    assert back.journal_entry is not None and back.journal_entry.id == recorded.journal_entry.id
    assert _role_of(uow, s.draft_id, s.ria).told_on == HELD
    # Undo again, from what redo returned.
    network_meetings.remove_meeting(uow, back.meeting.id, expected=back)
    assert _count(uow, NetworkMeeting) == 0


def test_undo_refuses_when_the_meeting_or_its_entry_changed_meanwhile(uow, setting) -> None:
    s = setting
    recorded = network_meetings.record_meeting(uow, s.case_id, _meeting(s)).value
    meeting_id = recorded.meeting.id
    network_meetings.score_round(uow, meeting_id, [RoundScore(s.mum, "parent", 6, "Rustiger")])
    with pytest.raises(ConflictError):
        network_meetings.remove_meeting(uow, meeting_id, expected=recorded)
    seen = network_meetings.get_meeting(uow, meeting_id)
    journal.update_entry(uow, seen.journal_entry.id, {"note": "Aangevuld door een collega"})
    with pytest.raises(ConflictError):
        network_meetings.remove_meeting(uow, meeting_id, expected=seen)
    assert _count(uow, NetworkMeeting) == 1


def test_an_update_is_undone_by_the_values_before_and_refuses_a_change_meanwhile(
    uow, setting
) -> None:
    s = setting
    recorded = network_meetings.record_meeting(uow, s.case_id, _meeting(s)).value
    changed = network_meetings.update_meeting(
        uow, recorded.meeting.id, _meeting(s, place="Thuis"), expected=recorded
    ).value
    assert changed.meeting.place == "Thuis"
    assert "Thuis" in changed.journal_entry.note  # the entry follows while it may change
    with pytest.raises(ConflictError):
        network_meetings.update_meeting(uow, recorded.meeting.id, _meeting(s), expected=recorded)
    undone = network_meetings.update_meeting(
        uow, recorded.meeting.id, _meeting(s), expected=changed
    ).value
    assert undone.meeting.place == "Buurthuis De Schakel"
    assert [a.id for a in undone.meeting.attendees] == [a.id for a in recorded.meeting.attendees]


def test_redo_refuses_on_a_closed_case_or_when_an_attendee_left_it(uow, setting) -> None:
    s = setting
    data = _meeting(s, attendees=(AttendeeInput(s.ria),), shared=(), told="")
    recorded = network_meetings.record_meeting(uow, s.case_id, data).value
    taken = network_meetings.remove_meeting(uow, recorded.meeting.id, expected=recorded).value
    members.remove_network_member(uow, s.ria.network_id)
    with pytest.raises(InvalidInput):
        network_meetings.restore_meeting(uow, taken)
    data = _meeting(s, attendees=(AttendeeInput(s.buurman),), shared=(), told="")
    recorded = network_meetings.record_meeting(uow, s.case_id, data).value
    taken = network_meetings.remove_meeting(uow, recorded.meeting.id, expected=recorded).value
    households.close_case(uow, s.case_id, "Verhuisd")
    with pytest.raises(CaseClosed):
        network_meetings.restore_meeting(uow, taken)
    assert _count(uow, NetworkMeeting) == 0


def test_a_judgement_given_in_a_meeting_points_to_it(uow, setting) -> None:
    s = setting
    meeting = network_meetings.record_meeting(uow, s.case_id, _meeting(s)).value.meeting
    judged = goals.judge_goal(
        uow, s.case_id, s.goal, "partly", on=HELD, network_meeting_id=meeting.id
    ).value
    assert network_meetings.get_meeting(uow, meeting.id).judgements == (judged,)
    results = [ResultInput(a.lineage, "yes") for a in plans.get_plan(uow, s.final_id).agreements]
    review = network_meetings.review_in_meeting(uow, meeting.id, s.final_id, "", results).value
    taken = plan_reviews.remove_review(uow, review.id, expected=review).value
    assert network_meetings.get_meeting(uow, meeting.id).reviews == ()
    plan_reviews.restore_review(uow, taken)
    assert len(network_meetings.get_meeting(uow, meeting.id).reviews) == 1


def test_the_round_and_the_acceptances_are_undone_all_at_once_or_not_at_all(uow, setting) -> None:
    s = setting
    meeting = network_meetings.record_meeting(uow, s.case_id, _meeting(s)).value.meeting
    given = network_meetings.score_round(
        uow,
        meeting.id,
        [RoundScore(s.mum, "parent", 6, "Rustiger"), RoundScore(s.ria, "network", 7, "Beter")],
    ).value
    # A colleague changed one score meanwhile: undo of the round removes none of them.
    scale.update_score(uow, given[1].id, {"reason": "Veel beter"})
    with pytest.raises(ConflictError):
        scale.remove_scores(uow, given)
    assert [x.id for x in scale.list_scores(uow, s.case_id)] == [x.id for x in given]
    latest = [given[0], scale.list_scores(uow, s.case_id)[1]]
    taken = scale.remove_scores(uow, latest).value
    assert scale.list_scores(uow, s.case_id) == ()
    back = scale.restore_scores(uow, taken).value
    assert [x.id for x in back] == [x.id for x in given]

    parties = plans.get_plan(uow, s.draft_id).agreements[0].parties
    network_meetings.accept_in_meeting(uow, meeting.id, [(p.id, True) for p in parties])
    as_met = {"accepted": True, "accepted_on": HELD, "accepted_how": AcceptedHow.MEETING.value}
    plans.record_acceptance(
        uow, parties[1].id, False, on=TODAY, how=AcceptedHow.PHONE, expected=as_met
    )
    undo = [(p.id, None, None, None, as_met) for p in parties]
    with pytest.raises(ConflictError):
        plans.record_acceptances(uow, undo)
    now = plans.get_plan(uow, s.draft_id).agreements[0].parties
    assert [p.accepted for p in now] == [True, False]  # the first was not undone alone
    undo[1] = (parties[1].id, None, None, None, None)
    [agreement] = plans.record_acceptances(uow, undo).value
    assert [p.accepted for p in agreement.parties] == [None, None]
    assert agreement.status == AgreementStatus.PROPOSED
